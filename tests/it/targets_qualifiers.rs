//! Qualifier and change of target figures.
//!
//! qualifier: 以上/至少/不低于/不少于/突破/超过 (and 多/余 after the
//! number) → at_least; 以内/以下/控制在/不超过/不高于 → at_most;
//! 左右/上下/约/近/接近/将近 → about; 3至5年, 6%-7% → range; else exact.
//! change: 增长/下降/年均增长 → growth; 占…的X%, 比重, 占比 → share;
//! 提高/高于…X个百分点 → difference (个百分点 always is); a level reached
//! (达到60%, 提高到45%) → level.
//!
//! Every sentence here was written for this test.

use crate::targets_support;

use targets_support::{at_figure, check, targets, Report};

struct Case {
    text: &'static str,
    /// The figure as written in `text` (locates the target).
    figure: &'static str,
    qualifier: &'static str,
    change: &'static str,
    /// A defect of the extractor against the spec: run and printed, not
    /// asserted.
    known_gap: bool,
}

const C: Case = Case {
    text: "",
    figure: "",
    qualifier: "exact",
    change: "level",
    known_gap: false,
};

const CASES: &[Case] = &[
    // exact, with each kind of change.
    Case {
        text: "居民人均可支配收入增长8%。",
        figure: "8%",
        change: "growth",
        ..C
    },
    Case {
        text: "常住人口城镇化率达到60%。",
        figure: "60%",
        ..C
    },
    Case {
        text: "社会消费品零售总额同比增长12.5%。",
        figure: "12.5%",
        change: "growth",
        ..C
    },
    Case {
        text: "单位生产总值能耗下降3%。",
        figure: "3%",
        change: "growth",
        ..C
    },
    Case {
        text: "规模以上工业增加值年均增长7%。",
        figure: "7%",
        change: "growth",
        ..C
    },
    Case {
        text: "外贸进出口总额增长2.5倍。",
        figure: "2.5倍",
        change: "growth",
        ..C
    },
    Case {
        text: "规模以上工业增加值增速达到8%。",
        figure: "8%",
        change: "growth",
        ..C
    },
    Case {
        text: "森林覆盖率提高到45%。",
        figure: "45%",
        ..C
    },
    Case {
        text: "到2025年，森林覆盖率提高2个百分点。",
        figure: "2个百分点",
        change: "difference",
        ..C
    },
    Case {
        text: "城镇化率比上年提高1.5个百分点。",
        figure: "1.5个百分点",
        change: "difference",
        ..C
    },
    Case {
        text: "一般公共预算收入增速高于全市平均水平2个百分点。",
        figure: "2个百分点",
        change: "difference",
        ..C
    },
    Case {
        text: "城镇居民人均可支配收入比全省平均水平高出1.2个百分点。",
        figure: "1.2个百分点",
        change: "difference",
        ..C
    },
    Case {
        text: "全区外贸依存度回落1.2个百分点。",
        figure: "1.2个百分点",
        change: "difference",
        ..C
    },
    Case {
        text: "服务业增加值占地区生产总值的比重达到45%。",
        figure: "45%",
        change: "share",
        ..C
    },
    Case {
        text: "民生支出占一般公共预算支出的80%。",
        figure: "80%",
        change: "share",
        ..C
    },
    Case {
        text: "高新技术产业增加值占比达到35%。",
        figure: "35%",
        change: "share",
        ..C
    },
    Case {
        text: "研发经费投入占生产总值比重达到2.5%。",
        figure: "2.5%",
        change: "share",
        ..C
    },
    Case {
        text: "第三产业占地区生产总值的比重提高到52%。",
        figure: "52%",
        change: "share",
        ..C
    },
    // at_least
    Case {
        text: "力争新签约亿元以上项目至少80个。",
        figure: "80个",
        qualifier: "at_least",
        ..C
    },
    Case {
        text: "固定资产投资增长10%以上。",
        figure: "10%以上",
        qualifier: "at_least",
        change: "growth",
        ..C
    },
    Case {
        text: "旅游总收入增长15%以上。",
        figure: "15%以上",
        qualifier: "at_least",
        change: "growth",
        ..C
    },
    Case {
        text: "规模以上工业企业达到150家以上。",
        figure: "150家以上",
        qualifier: "at_least",
        ..C
    },
    Case {
        text: "全年新开工项目XX个以上。",
        figure: "XX个以上",
        qualifier: "at_least",
        ..C
    },
    Case {
        text: "民生支出占一般公共预算支出的80%以上。",
        figure: "80%以上",
        qualifier: "at_least",
        change: "share",
        ..C
    },
    Case {
        text: "粮食播种面积不低于50万亩。",
        figure: "50万亩",
        qualifier: "at_least",
        ..C
    },
    Case {
        text: "新增城镇就业不少于6000人。",
        figure: "6000人",
        qualifier: "at_least",
        ..C
    },
    Case {
        text: "地区生产总值突破500亿元。",
        figure: "500亿元",
        qualifier: "at_least",
        ..C
    },
    Case {
        text: "重点项目完成投资力争突破200亿元。",
        figure: "200亿元",
        qualifier: "at_least",
        ..C
    },
    Case {
        text: "旅游总收入超过30亿元。",
        figure: "30亿元",
        qualifier: "at_least",
        ..C
    },
    Case {
        text: "开展职业技能培训3000多人次。",
        figure: "3000多人次",
        qualifier: "at_least",
        ..C
    },
    Case {
        text: "全年接待游客1000余万人次。",
        figure: "1000余万人次",
        qualifier: "at_least",
        ..C
    },
    Case {
        text: "全年至少新建幼儿园5所。",
        figure: "5所",
        qualifier: "at_least",
        ..C
    },
    // at_most
    Case {
        text: "城镇登记失业率控制在4.5%以内。",
        figure: "4.5%以内",
        qualifier: "at_most",
        ..C
    },
    Case {
        // 涨幅 is a rate: the metric is 居民消费价格, as in 价格上涨0.6%.
        text: "居民消费价格涨幅控制在3%以内。",
        figure: "3%以内",
        qualifier: "at_most",
        change: "growth",
        ..C
    },
    Case {
        text: "全年居民消费价格涨幅控制在3.5%。",
        figure: "3.5%",
        qualifier: "at_most",
        change: "growth",
        ..C
    },
    Case {
        text: "政府负债率不超过60%。",
        figure: "60%",
        qualifier: "at_most",
        ..C
    },
    Case {
        text: "城镇调查失业率保持在5.5%以下。",
        figure: "5.5%以下",
        qualifier: "at_most",
        ..C
    },
    Case {
        text: "单位工业增加值能耗不高于0.8吨标准煤。",
        figure: "0.8吨",
        qualifier: "at_most",
        ..C
    },
    // about
    Case {
        text: "地区生产总值增长6%左右。",
        figure: "6%左右",
        qualifier: "about",
        change: "growth",
        ..C
    },
    Case {
        text: "地区生产总值年均增长7%左右。",
        figure: "7%左右",
        qualifier: "about",
        change: "growth",
        ..C
    },
    Case {
        text: "新增城镇就业6000人左右。",
        figure: "6000人左右",
        qualifier: "about",
        ..C
    },
    Case {
        text: "粮食产量稳定在50万吨上下。",
        figure: "50万吨上下",
        qualifier: "about",
        ..C
    },
    Case {
        text: "全年接待游客约500万人次。",
        figure: "500万人次",
        qualifier: "about",
        ..C
    },
    Case {
        text: "全年税收收入约增长7%。",
        figure: "7%",
        qualifier: "about",
        change: "growth",
        ..C
    },
    Case {
        text: "新增城镇就业近2万人。",
        figure: "2万人",
        qualifier: "about",
        ..C
    },
    Case {
        text: "农村贫困发生率接近1%。",
        figure: "1%",
        qualifier: "about",
        ..C
    },
    Case {
        text: "全区新增城镇就业将近5000人。",
        figure: "5000人",
        qualifier: "about",
        ..C
    },
    // range
    Case {
        text: "通过3至5年努力，建成现代农业示范区。",
        figure: "3至5年",
        qualifier: "range",
        ..C
    },
    Case {
        text: "力争用2到3年时间完成改造。",
        figure: "2到3年",
        qualifier: "range",
        ..C
    },
    Case {
        text: "地区生产总值增长6%-7%。",
        figure: "6%-7%",
        qualifier: "range",
        change: "growth",
        ..C
    },
    Case {
        text: "固定资产投资增长10%至12%。",
        figure: "10%至12%",
        qualifier: "range",
        change: "growth",
        ..C
    },
    Case {
        text: "新增城镇就业XX至XX人。",
        figure: "XX至XX人",
        qualifier: "range",
        known_gap: false,
        ..C
    },
];

#[test]
fn qualifiers_table() {
    let mut report = Report::new("targets_qualifiers");
    for case in CASES {
        let found = targets(case.text);
        let mut bad = Vec::new();
        match at_figure(&found, case.text, case.figure) {
            Ok(t) => {
                let f = &t.figures;
                check(&mut bad, "qualifier", f.qualifier.as_str(), case.qualifier);
                check(&mut bad, "change", f.change.as_str(), case.change);
            }
            Err(e) => bad.push(e),
        }
        report.case(case.text, case.known_gap, bad, &found);
    }
    report.finish(30);
}
