//! Numbers that are no targets: numerals in slogans (“六稳”, “1339”战略,
//! 三大战略行动, 四条新路), dates (2021年3月5日), ordinals and ranks (第一,
//! 全市第X, 前10位), the speech's own parts (讲三句话, 四个问题), 一个/一批
//! wording, party congresses and plenums (十九大, 二中全会), period labels
//! and programme names (今后五年, 过去5年, 3年行动计划; see the conventions
//! in tests/gold/targets.toml). Texts of the first table must yield no
//! target; texts of the second mix such numbers with one real figure and
//! must yield exactly that one.
//!
//! Every sentence here was written for this test.

use crate::targets_support;

use targets_support::{check, targets, Report};

struct Case {
    text: &'static str,
    /// The one real figure in `text` as written (its expected value_text),
    /// or "" when the text holds no target at all.
    figure: &'static str,
    /// Expected unit of that figure.
    unit: &'static str,
    /// A defect of the extractor against the spec: run and printed, not
    /// asserted.
    known_gap: bool,
}

const N: Case = Case {
    text: "",
    figure: "",
    unit: "",
    known_gap: false,
};

const NONE: &[Case] = &[
    // Slogans and named programmes.
    Case {
        text: "深入实施“1339”战略。",
        ..N
    },
    Case {
        text: "坚持把“六稳”“六保”贯穿经济工作全过程。",
        ..N
    },
    Case {
        text: "深入推进三大战略行动。",
        ..N
    },
    Case {
        text: "奋力走出四条新路。",
        ..N
    },
    Case {
        text: "全面打赢三大攻坚战。",
        ..N
    },
    Case {
        text: "实施十大民生工程。",
        ..N
    },
    Case {
        text: "协调推进四个全面战略布局。",
        ..N
    },
    Case {
        text: "统筹推进五位一体总体布局。",
        ..N
    },
    Case {
        text: "认真落实“两个维护”。",
        ..N
    },
    Case {
        text: "全力推进“一区三园”建设。",
        ..N
    },
    Case {
        text: "构建1+N政策体系。",
        ..N
    },
    Case {
        text: "坚持一手抓发展、一手抓稳定。",
        ..N
    },
    Case {
        text: "要把这件事作为一号工程来抓。",
        ..N
    },
    // Dates and periods.
    Case {
        text: "全区经济工作会议于2021年3月5日召开。",
        ..N
    },
    Case {
        text: "11月3日至5日，市督导组来我区检查指导。",
        ..N
    },
    Case {
        text: "1至2月份，经济运行开局良好。",
        ..N
    },
    Case {
        text: "2021年是“十四五”开局之年。",
        ..N
    },
    Case {
        text: "二〇二一年是极不平凡的一年。",
        ..N
    },
    Case {
        text: "今后五年是全面建设社会主义现代化国家的关键时期。",
        ..N
    },
    Case {
        text: "一季度经济运行总体平稳。",
        ..N
    },
    Case {
        text: "过去5年，全区经济社会发展取得显著成就。",
        ..N
    },
    Case {
        text: "启动实施城市更新3年行动计划。",
        ..N
    },
    // Ordinals, ranks and anniversaries.
    Case {
        text: "全区经济增速位居全市第一。",
        ..N
    },
    Case {
        text: "地区生产总值增幅全市第X。",
        ..N
    },
    Case {
        text: "全区综合考评位列全市第X位。",
        ..N
    },
    Case {
        text: "我区被评为第二批国家级全域旅游示范区。",
        ..N
    },
    Case {
        text: "我们召开了第三次全区人才工作会议。",
        ..N
    },
    Case {
        text: "全区营商环境评价排名全省前10位。",
        ..N
    },
    Case {
        text: "我们隆重庆祝建党100周年。",
        ..N
    },
    // The speech's own parts.
    Case {
        text: "下面，我讲三句话。",
        ..N
    },
    Case {
        text: "下面，我就四个问题讲点意见。",
        ..N
    },
    Case {
        text: "要统筹抓好以下三个方面工作。",
        ..N
    },
    Case {
        text: "重点抓好五个方面的工作。",
        ..N
    },
    Case {
        text: "一是稳增长，二是调结构，三是惠民生。",
        ..N
    },
    Case {
        text: "下面，我就3个问题讲点意见。",
        ..N
    },
    // 一个/一批 wording.
    Case {
        text: "这是我们面临的一个重要机遇。",
        ..N
    },
    Case {
        text: "谋划实施一批打基础、利长远的重大项目。",
        ..N
    },
    Case {
        text: "这三个项目都要在年内开工。",
        ..N
    },
    // Party congresses, plenums and sessions.
    Case {
        text: "深入学习贯彻党的十九大和十九届二中全会精神。",
        ..N
    },
    Case {
        text: "认真贯彻省委十一届十次全会精神。",
        ..N
    },
    Case {
        text: "区十七届人大三次会议胜利召开。",
        ..N
    },
    // Numbers in names.
    Case {
        text: "加快5G网络建设。",
        ..N
    },
    Case {
        text: "畅通12345政务服务热线。",
        ..N
    },
    // Periods named as "the next N years", and the three sectors.
    Case {
        text: "我们正处在新的5年发展的起点上,要抓住机遇。",
        ..N
    },
    Case {
        text: "站在下一个10年的门槛上,全区上下要再鼓干劲。",
        ..N
    },
    Case {
        text: "推动一二三次产业融合发展。",
        ..N
    },
    Case {
        text: "完善三次分配制度,扎实推进共同富裕。",
        ..N
    },
    // One-character frequencies without a counting word are wording.
    Case {
        text: "这个问题我们讲了三次。",
        ..N
    },
];

const ONE: &[Case] = &[
    Case {
        text: "深入实施“1339”战略，全年新签约项目80个。",
        figure: "80个",
        unit: "个",
        ..N
    },
    Case {
        text: "2021年3月5日，全区新开工项目35个。",
        figure: "35个",
        unit: "个",
        ..N
    },
    Case {
        text: "全区经济增速位居全市第一，地区生产总值增长7%。",
        figure: "7%",
        unit: "%",
        ..N
    },
    Case {
        text: "围绕“六稳”“六保”，新增城镇就业6000人。",
        figure: "6000人",
        unit: "人",
        ..N
    },
    Case {
        text: "深入推进三大战略行动，完成投资50亿元。",
        figure: "50亿元",
        unit: "亿元",
        ..N
    },
    Case {
        text: "一是稳增长，地区生产总值增长6.5%。",
        figure: "6.5%",
        unit: "%",
        ..N
    },
    Case {
        text: "贯彻党的十九大精神，新增市场主体2000户。",
        figure: "2000户",
        unit: "户",
        ..N
    },
    Case {
        text: "今年是“十四五”开局之年，全区粮食产量达到40万吨。",
        figure: "40万吨",
        unit: "万吨",
        ..N
    },
    Case {
        text: "建设一批重大项目，总投资120亿元。",
        figure: "120亿元",
        unit: "亿元",
        ..N
    },
];

fn run(report: &mut Report, cases: &[Case]) {
    for case in cases {
        let found = targets(case.text);
        let mut bad = Vec::new();
        let want = usize::from(!case.figure.is_empty());
        check(&mut bad, "number of targets", found.len(), want);
        if let (Some(t), false) = (found.first(), case.figure.is_empty()) {
            let f = &t.figures;
            check(&mut bad, "value_text", f.value_text.as_str(), case.figure);
            check(&mut bad, "unit", f.unit.as_str(), case.unit);
        }
        report.case(case.text, case.known_gap, bad, &found);
    }
}

#[test]
fn texts_without_targets() {
    let mut report = Report::new("targets_nontargets (no target)");
    run(&mut report, NONE);
    report.finish(25);
}

#[test]
fn texts_with_exactly_one_target() {
    let mut report = Report::new("targets_nontargets (exactly one)");
    run(&mut report, ONE);
    report.finish(5);
}
