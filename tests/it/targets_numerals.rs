//! Numerals of target figures: Arabic, Chinese and mixed numbers, ranges and
//! anonymised X/XX placeholders. Checks value, value_max, redacted and
//! value_text (the figure as written: number, unit and a trailing
//! qualifier such as 以上/左右; a leading 约/近 is not part of it).
//!
//! Every sentence here was written for this test.

use crate::targets_support;

use targets_support::{at_figure, check, check_number, targets, Report};

struct Case {
    text: &'static str,
    /// The figure as written in `text`: locates the target and is its
    /// expected value_text.
    figure: &'static str,
    value: Option<f64>,
    value_max: Option<f64>,
    redacted: bool,
    /// A defect of the extractor against the spec: run and printed, not
    /// asserted.
    known_gap: bool,
}

const C: Case = Case {
    text: "",
    figure: "",
    value: None,
    value_max: None,
    redacted: false,
    known_gap: false,
};

const CASES: &[Case] = &[
    // Arabic numbers, decimals, thousands separators.
    Case {
        text: "全年地区生产总值增长6.5%左右。",
        figure: "6.5%左右",
        value: Some(6.5),
        ..C
    },
    Case {
        text: "今年新建改建农村公路1,200公里。",
        figure: "1,200公里",
        value: Some(1200.0),
        ..C
    },
    Case {
        text: "全区户籍人口达到12,000人。",
        figure: "12,000人",
        value: Some(12000.0),
        ..C
    },
    Case {
        text: "全年发放创业担保贷款1,200.5万元。",
        figure: "1,200.5万元",
        value: Some(1200.5),
        ..C
    },
    Case {
        text: "全区外贸进出口总额达到12.6亿美元。",
        figure: "12.6亿美元",
        value: Some(12.6),
        ..C
    },
    Case {
        text: "城镇登记失业率控制在4.5%以内。",
        figure: "4.5%以内",
        value: Some(4.5),
        ..C
    },
    Case {
        text: "研发投入增长到上年的1.5倍。",
        figure: "1.5倍",
        value: Some(1.5),
        ..C
    },
    // Mixed: Arabic number then 万/亿 (the multiplier stays in the unit).
    Case {
        text: "城镇新增就业1.2万人。",
        figure: "1.2万人",
        value: Some(1.2),
        ..C
    },
    Case {
        text: "全年完成造林3.5万亩。",
        figure: "3.5万亩",
        value: Some(3.5),
        ..C
    },
    Case {
        text: "全年接待游客1000余万人次。",
        figure: "1000余万人次",
        value: Some(1000.0),
        ..C
    },
    Case {
        text: "开展职业技能培训3000多人次。",
        figure: "3000多人次",
        value: Some(3000.0),
        ..C
    },
    // Mixed with 千: 千 is part of the numeral (3千 = 3000), as in 三千五百.
    Case {
        text: "新增就业岗位3千个。",
        figure: "3千个",
        value: Some(3000.0),
        ..C
    },
    // Chinese numerals.
    Case {
        text: "全年计划完成固定资产投资三千五百万元。",
        figure: "三千五百万元",
        value: Some(3500.0),
        ..C
    },
    Case {
        text: "新增高新技术企业十二家。",
        figure: "十二家",
        value: Some(12.0),
        ..C
    },
    Case {
        text: "全年接待游客一百零五万人次。",
        figure: "一百零五万人次",
        value: Some(105.0),
        ..C
    },
    Case {
        text: "新建标准化厂房二十万平方米。",
        figure: "二十万平方米",
        value: Some(20.0),
        ..C
    },
    Case {
        text: "改造农村危房两千户。",
        figure: "两千户",
        value: Some(2000.0),
        ..C
    },
    Case {
        text: "新增城镇就业八千人。",
        figure: "八千人",
        value: Some(8000.0),
        ..C
    },
    Case {
        text: "全年引进各类人才一千二百名。",
        figure: "一千二百名",
        value: Some(1200.0),
        ..C
    },
    Case {
        text: "新增污水管网二十五公里。",
        figure: "二十五公里",
        value: Some(25.0),
        ..C
    },
    Case {
        text: "全年完成税收收入十亿元。",
        figure: "十亿元",
        value: Some(10.0),
        ..C
    },
    Case {
        text: "粮食播种面积稳定在四十五万亩左右。",
        figure: "四十五万亩左右",
        value: Some(45.0),
        ..C
    },
    Case {
        text: "办结民生实事一百二十项。",
        figure: "一百二十项",
        value: Some(120.0),
        ..C
    },
    Case {
        text: "全年培育农民专业合作社两百家。",
        figure: "两百家",
        value: Some(200.0),
        ..C
    },
    Case {
        text: "单位生产总值能耗下降百分之五。",
        figure: "百分之五",
        value: Some(5.0),
        ..C
    },
    Case {
        text: "旅游总收入增长百分之十二。",
        figure: "百分之十二",
        value: Some(12.0),
        ..C
    },
    Case {
        text: "农村集体经济收入提高两成。",
        figure: "两成",
        value: Some(2.0),
        ..C
    },
    Case {
        text: "农产品出口额增长一倍。",
        figure: "一倍",
        value: Some(1.0),
        ..C
    },
    // Chinese decimals (点) and 万 inside a numeral.
    Case {
        text: "城镇居民人均可支配收入增长百分之六点五。",
        figure: "百分之六点五",
        value: Some(6.5),
        ..C
    },
    Case {
        text: "全年完成固定资产投资三点五亿元。",
        figure: "三点五亿元",
        value: Some(3.5),
        ..C
    },
    Case {
        text: "新增城镇就业一万二千人。",
        figure: "一万二千人",
        value: Some(12000.0),
        ..C
    },
    // Ranges: value and value_max.
    Case {
        text: "通过3至5年努力，建成现代农业示范区。",
        figure: "3至5年",
        value: Some(3.0),
        value_max: Some(5.0),
        ..C
    },
    Case {
        text: "用2-3年时间完成老旧小区改造。",
        figure: "2-3年",
        value: Some(2.0),
        value_max: Some(3.0),
        ..C
    },
    Case {
        text: "力争用2到3年时间完成改造。",
        figure: "2到3年",
        value: Some(2.0),
        value_max: Some(3.0),
        ..C
    },
    Case {
        text: "地区生产总值增长6%-7%。",
        figure: "6%-7%",
        value: Some(6.0),
        value_max: Some(7.0),
        ..C
    },
    Case {
        text: "固定资产投资增长6.5%—7%。",
        figure: "6.5%—7%",
        value: Some(6.5),
        value_max: Some(7.0),
        ..C
    },
    Case {
        text: "全年粮食产量稳定在80万至90万吨。",
        figure: "80万至90万吨",
        value: Some(80.0),
        value_max: Some(90.0),
        ..C
    },
    Case {
        text: "全年新增城镇就业6000至8000人。",
        figure: "6000至8000人",
        value: Some(6000.0),
        value_max: Some(8000.0),
        ..C
    },
    Case {
        text: "用三至五年时间建成区域性物流中心。",
        figure: "三至五年",
        value: Some(3.0),
        value_max: Some(5.0),
        known_gap: false,
        ..C
    },
    // Anonymised placeholders: no value, redacted.
    Case {
        text: "全区实现一般公共预算收入X亿元。",
        figure: "X亿元",
        redacted: true,
        ..C
    },
    Case {
        text: "新签约项目XX个。",
        figure: "XX个",
        redacted: true,
        ..C
    },
    Case {
        text: "居民人均可支配收入增长X.X%。",
        figure: "X.X%",
        redacted: true,
        ..C
    },
    Case {
        text: "争取中央和省级资金X.X亿元。",
        figure: "X.X亿元",
        redacted: true,
        ..C
    },
    Case {
        text: "全年新开工项目XX个以上。",
        figure: "XX个以上",
        redacted: true,
        ..C
    },
    Case {
        text: "全区常住人口达到XX万人。",
        figure: "XX万人",
        redacted: true,
        ..C
    },
    Case {
        text: "常住人口城镇化率提高X个百分点。",
        figure: "X个百分点",
        redacted: true,
        ..C
    },
    Case {
        text: "新建中小学XX所。",
        figure: "XX所",
        redacted: true,
        ..C
    },
    Case {
        text: "新增城镇就业XX至XX人。",
        figure: "XX至XX人",
        redacted: true,
        ..C
    },
];

#[test]
fn numerals_table() {
    let mut report = Report::new("targets_numerals");
    for case in CASES {
        let found = targets(case.text);
        let mut bad = Vec::new();
        match at_figure(&found, case.text, case.figure) {
            Ok(t) => {
                check_number(&mut bad, "value", t.figures.value, case.value);
                check_number(&mut bad, "value_max", t.figures.value_max, case.value_max);
                check(&mut bad, "redacted", t.figures.redacted, case.redacted);
                check(
                    &mut bad,
                    "value_text",
                    t.figures.value_text.as_str(),
                    case.figure,
                );
            }
            Err(e) => bad.push(e),
        }
        report.case(case.text, case.known_gap, bad, &found);
    }
    report.finish(30);
}
