//! Status and year of target figures.
//!
//! status: 预计/有望/测算 → forecast; 力争/确保/争取/计划/预期目标/目标为/
//! 冲刺/要/将/到2025年 → target; 实现/完成/累计/已/去年/过去一年/同比
//! (review of past work) → actual; a plain statement without cues →
//! actual, but a figure phrased as targets are (增长6%左右) → target.
//! year: from 2020年 / 到2025年 / 2025年底 in the figure's own sentence, or the end of a plan period (到“十四五”末 → 2025).
//!
//! Every sentence here was written for this test.

use crate::targets_support;

use targets_support::{at_figure, check, targets, Report};

struct Case {
    text: &'static str,
    /// The figure as written in `text` (locates the target; the first
    /// occurrence counts).
    figure: &'static str,
    status: &'static str,
    year: Option<i32>,
    /// A defect of the extractor against the spec: run and printed, not
    /// asserted.
    known_gap: bool,
}

const C: Case = Case {
    text: "",
    figure: "",
    status: "",
    year: None,
    known_gap: false,
};

const CASES: &[Case] = &[
    // forecast
    Case {
        text: "预计全年地区生产总值增长7%。",
        figure: "7%",
        status: "forecast",
        ..C
    },
    Case {
        text: "预计全年地区生产总值增长6%左右。",
        figure: "6%左右",
        status: "forecast",
        ..C
    },
    Case {
        text: "预计2021年全区财政收入增长5%。",
        figure: "5%",
        status: "forecast",
        year: Some(2021),
        ..C
    },
    Case {
        text: "据初步测算，全年税收收入将增长6%。",
        figure: "6%",
        status: "forecast",
        ..C
    },
    Case {
        text: "预计全年实现税收收入12亿元。",
        figure: "12亿元",
        status: "forecast",
        ..C
    },
    Case {
        text: "全年招商引资到位资金预计达到85亿元。",
        figure: "85亿元",
        status: "forecast",
        ..C
    },
    Case {
        text: "全区粮食产量有望达到50万吨。",
        figure: "50万吨",
        status: "forecast",
        ..C
    },
    // target: commitments and deadlines
    Case {
        text: "力争地区生产总值增长8%。",
        figure: "8%",
        status: "target",
        ..C
    },
    Case {
        text: "力争实现地区生产总值增长7%。",
        figure: "7%",
        status: "target",
        ..C
    },
    Case {
        text: "确保城镇新增就业1万人。",
        figure: "1万人",
        status: "target",
        ..C
    },
    Case {
        text: "确保完成固定资产投资200亿元。",
        figure: "200亿元",
        status: "target",
        ..C
    },
    Case {
        text: "我们要确保粮食产量稳定在50万吨以上。",
        figure: "50万吨以上",
        status: "target",
        ..C
    },
    Case {
        text: "今年经济社会发展的预期目标是地区生产总值增长7%左右。",
        figure: "7%左右",
        status: "target",
        ..C
    },
    Case {
        text: "今年的主要目标是新增城镇就业5000人。",
        figure: "5000人",
        status: "target",
        ..C
    },
    Case {
        text: "2022年全区地区生产总值的目标为增长6.5%。",
        figure: "6.5%",
        status: "target",
        year: Some(2022),
        ..C
    },
    Case {
        text: "全力冲刺地区生产总值突破300亿元。",
        figure: "300亿元",
        status: "target",
        ..C
    },
    Case {
        text: "争取新增市场主体3000户。",
        figure: "3000户",
        status: "target",
        ..C
    },
    Case {
        text: "计划新建改建农村公路120公里。",
        figure: "120公里",
        status: "target",
        ..C
    },
    Case {
        text: "今年要新建农村公路50公里。",
        figure: "50公里",
        status: "target",
        ..C
    },
    Case {
        text: "我们将新增城镇就业6000人。",
        figure: "6000人",
        status: "target",
        ..C
    },
    Case {
        text: "2021年，力争地区生产总值增长7%以上。",
        figure: "7%以上",
        status: "target",
        year: Some(2021),
        ..C
    },
    Case {
        text: "力争2023年全区地区生产总值突破400亿元。",
        figure: "400亿元",
        status: "target",
        year: Some(2023),
        ..C
    },
    Case {
        text: "力争到2023年，研发投入强度达到2.5%。",
        figure: "2.5%",
        status: "target",
        year: Some(2023),
        ..C
    },
    Case {
        text: "到2025年，森林覆盖率达到45%。",
        figure: "45%",
        status: "target",
        year: Some(2025),
        ..C
    },
    Case {
        text: "到2025年，城镇居民人均可支配收入达到5万元。",
        figure: "5万元",
        status: "target",
        year: Some(2025),
        ..C
    },
    Case {
        text: "到2025年底，建成5G基站3000座。",
        figure: "3000座",
        status: "target",
        year: Some(2025),
        ..C
    },
    Case {
        text: "森林覆盖率到2025年达到48%。",
        figure: "48%",
        status: "target",
        year: Some(2025),
        ..C
    },
    Case {
        text: "到“十四五”末，全区常住人口城镇化率达到65%。",
        figure: "65%",
        status: "target",
        // The end of the plan period is the target's year (issue 15).
        year: Some(2025),
        ..C
    },
    // target: phrased as targets are (左右), no other cue
    Case {
        text: "城镇居民人均可支配收入增长6%左右。",
        figure: "6%左右",
        status: "target",
        ..C
    },
    Case {
        text: "今后五年，地区生产总值年均增长7%左右。",
        figure: "7%左右",
        status: "target",
        ..C
    },
    Case {
        text: "一般公共预算收入增长6%左右。",
        figure: "6%左右",
        status: "target",
        ..C
    },
    // actual: review of past work
    Case {
        text: "去年全区实现一般公共预算收入8.6亿元。",
        figure: "8.6亿元",
        status: "actual",
        ..C
    },
    Case {
        text: "去年全县粮食产量同比增长3.2%。",
        figure: "3.2%",
        status: "actual",
        ..C
    },
    Case {
        text: "去年全区财政收入增长5%左右。",
        figure: "5%左右",
        status: "actual",
        ..C
    },
    Case {
        text: "全年完成固定资产投资120亿元，同比增长9.8%。",
        figure: "9.8%",
        status: "actual",
        ..C
    },
    Case {
        text: "全年完成造林面积2.5万亩。",
        figure: "2.5万亩",
        status: "actual",
        ..C
    },
    Case {
        text: "全年实现农产品加工企业总产值150亿元。",
        figure: "150亿元",
        status: "actual",
        ..C
    },
    Case {
        text: "一季度，社会消费品零售总额同比增长11.2%。",
        figure: "11.2%",
        status: "actual",
        ..C
    },
    Case {
        text: "过去一年，新增城镇就业8000人。",
        figure: "8000人",
        status: "actual",
        ..C
    },
    Case {
        text: "全区已建成5G基站800座。",
        figure: "800座",
        status: "actual",
        ..C
    },
    Case {
        text: "累计建成高标准农田12万亩。",
        figure: "12万亩",
        status: "actual",
        ..C
    },
    Case {
        text: "目前，全区共有规模以上工业企业156家。",
        figure: "156家",
        status: "actual",
        ..C
    },
    Case {
        text: "2019年，全区完成固定资产投资85亿元。",
        figure: "85亿元",
        status: "actual",
        year: Some(2019),
        ..C
    },
    Case {
        text: "2020年，全区地区生产总值达到256亿元。",
        figure: "256亿元",
        status: "actual",
        year: Some(2020),
        ..C
    },
    Case {
        text: "2020年，全区城镇新增就业6200人，完成全年目标任务的124%。",
        figure: "124%",
        status: "actual",
        year: Some(2020),
        ..C
    },
    Case {
        text: "截至2020年末，全区常住人口城镇化率达到58%。",
        figure: "58%",
        status: "actual",
        year: Some(2020),
        ..C
    },
    Case {
        text: "去年，全区主要经济指标稳中有进，地区生产总值增长6.8%。",
        figure: "6.8%",
        status: "actual",
        ..C
    },
    Case {
        text: "经过全区上下共同努力，地区生产总值增长7%。",
        figure: "7%",
        status: "actual",
        ..C
    },
    // actual: plain statements without cues
    Case {
        text: "城镇居民人均可支配收入增长6.3%。",
        figure: "6.3%",
        status: "actual",
        ..C
    },
    Case {
        text: "全区新增城镇就业将近5000人。",
        figure: "5000人",
        status: "actual",
        ..C
    },
    // Each sentence has its own status and year.
    Case {
        text: "去年地区生产总值增长6%。今年力争增长7%。",
        figure: "6%",
        status: "actual",
        ..C
    },
    Case {
        text: "去年地区生产总值增长6%。今年力争增长7%。",
        figure: "7%",
        status: "target",
        ..C
    },
    Case {
        text: "2020年，全区地区生产总值增长4%。今年力争增长7%。",
        figure: "4%",
        status: "actual",
        year: Some(2020),
        ..C
    },
    Case {
        text: "2020年，全区地区生产总值增长4%。今年力争增长7%。",
        figure: "7%",
        status: "target",
        year: None,
        ..C
    },
];

#[test]
fn status_table() {
    let mut report = Report::new("targets_status");
    for case in CASES {
        let found = targets(case.text);
        let mut bad = Vec::new();
        match at_figure(&found, case.text, case.figure) {
            Ok(t) => {
                check(&mut bad, "status", t.figures.status.as_str(), case.status);
                check(&mut bad, "year", t.figures.year, case.year);
            }
            Err(e) => bad.push(e),
        }
        report.case(case.text, case.known_gap, bad, &found);
    }
    report.finish(30);
}
