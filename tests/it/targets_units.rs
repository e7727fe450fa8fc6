//! Units of target figures: the unit as written (万/亿 included: 万元,
//! 亿美元, 万人次), and the value normalised to its base unit (base_value,
//! base_unit): 三千五百万元 → 3.5e7 元, 1.2万人 → 12000 人, 两成 → 20 %.
//! 个百分点 is a unit of its own. An anonymised figure keeps its unit and
//! base unit but has no base value.
//!
//! Every sentence here was written for this test.

use crate::targets_support;

use targets_support::{at_figure, check, check_number, targets, Report};

struct Case {
    text: &'static str,
    /// The figure as written in `text` (locates the target).
    figure: &'static str,
    unit: &'static str,
    base_value: Option<f64>,
    base_unit: &'static str,
    /// A defect of the extractor against the spec: run and printed, not
    /// asserted.
    known_gap: bool,
}

const C: Case = Case {
    text: "",
    figure: "",
    unit: "",
    base_value: None,
    base_unit: "",
    known_gap: false,
};

const CASES: &[Case] = &[
    // Money.
    Case {
        text: "全年完成固定资产投资8.5亿元。",
        figure: "8.5亿元",
        unit: "亿元",
        base_value: Some(8.5e8),
        base_unit: "元",
        ..C
    },
    Case {
        text: "全区地区生产总值突破2.3万亿元。",
        figure: "2.3万亿元",
        unit: "万亿元",
        base_value: Some(2.3e12),
        base_unit: "元",
        ..C
    },
    Case {
        text: "全年完成农业总产值三千五百万元。",
        figure: "三千五百万元",
        unit: "万元",
        base_value: Some(3.5e7),
        base_unit: "元",
        ..C
    },
    Case {
        text: "招商引资到位资金3千万元。",
        figure: "3千万元",
        unit: "千万元",
        base_value: Some(3e7),
        base_unit: "元",
        ..C
    },
    Case {
        text: "发放创业担保贷款4500万元。",
        figure: "4500万元",
        unit: "万元",
        base_value: Some(4.5e7),
        base_unit: "元",
        ..C
    },
    Case {
        text: "农村居民人均可支配收入达到1.8万元。",
        figure: "1.8万元",
        unit: "万元",
        base_value: Some(18000.0),
        base_unit: "元",
        ..C
    },
    Case {
        text: "全年实际利用外资1.5亿美元。",
        figure: "1.5亿美元",
        unit: "亿美元",
        base_value: Some(1.5e8),
        base_unit: "美元",
        ..C
    },
    Case {
        text: "全年争取上级资金X亿元。",
        figure: "X亿元",
        unit: "亿元",
        base_value: None,
        base_unit: "元",
        ..C
    },
    // People and counted things.
    Case {
        text: "全年转移农村劳动力1.2万人。",
        figure: "1.2万人",
        unit: "万人",
        base_value: Some(12000.0),
        base_unit: "人",
        ..C
    },
    Case {
        text: "全年接待游客1000万人次。",
        figure: "1000万人次",
        unit: "万人次",
        base_value: Some(1e7),
        base_unit: "人次",
        ..C
    },
    Case {
        text: "全区常住人口达到XX万人。",
        figure: "XX万人",
        unit: "万人",
        base_value: None,
        base_unit: "人",
        ..C
    },
    Case {
        text: "公开招聘教师120名。",
        figure: "120名",
        unit: "名",
        base_value: Some(120.0),
        base_unit: "名",
        ..C
    },
    Case {
        text: "实施农村改厕3000户。",
        figure: "3000户",
        unit: "户",
        base_value: Some(3000.0),
        base_unit: "户",
        ..C
    },
    Case {
        text: "新增规模以上工业企业35家。",
        figure: "35家",
        unit: "家",
        base_value: Some(35.0),
        base_unit: "家",
        ..C
    },
    Case {
        text: "新建5G基站300座。",
        figure: "300座",
        unit: "座",
        base_value: Some(300.0),
        base_unit: "座",
        ..C
    },
    Case {
        text: "新增养老床位500张。",
        figure: "500张",
        unit: "张",
        base_value: Some(500.0),
        base_unit: "张",
        ..C
    },
    Case {
        text: "完成植树造林2.6万株。",
        figure: "2.6万株",
        unit: "万株",
        base_value: Some(26000.0),
        base_unit: "株",
        ..C
    },
    Case {
        text: "全年办理审批事项1.5万件。",
        figure: "1.5万件",
        unit: "万件",
        base_value: Some(15000.0),
        base_unit: "件",
        ..C
    },
    Case {
        text: "全年接待游客1.2万余人次。",
        figure: "1.2万余人次",
        unit: "万人次",
        base_value: Some(12000.0),
        base_unit: "人次",
        known_gap: false,
    },
    Case {
        text: "新增就业岗位3千个。",
        figure: "3千个",
        unit: "个",
        base_value: Some(3000.0),
        base_unit: "个",
        ..C
    },
    Case {
        text: "全年培训新型职业农民一万二千人。",
        figure: "一万二千人",
        unit: "人",
        base_value: Some(12000.0),
        base_unit: "人",
        ..C
    },
    // Areas, lengths, volumes, weights, energy.
    Case {
        text: "新增建设用地150公顷。",
        figure: "150公顷",
        unit: "公顷",
        base_value: Some(150.0),
        base_unit: "公顷",
        ..C
    },
    Case {
        text: "建成产业园区20平方公里。",
        figure: "20平方公里",
        unit: "平方公里",
        base_value: Some(20.0),
        base_unit: "平方公里",
        ..C
    },
    Case {
        text: "新建保障性住房5万平方米。",
        figure: "5万平方米",
        unit: "万平方米",
        base_value: Some(5e4),
        base_unit: "平方米",
        ..C
    },
    Case {
        text: "新增高标准农田两万亩。",
        figure: "两万亩",
        unit: "万亩",
        base_value: Some(2e4),
        base_unit: "亩",
        ..C
    },
    Case {
        text: "新修农村公路十二公里。",
        figure: "十二公里",
        unit: "公里",
        base_value: Some(12.0),
        base_unit: "公里",
        ..C
    },
    Case {
        text: "新增供水能力5万立方米。",
        figure: "5万立方米",
        unit: "万立方米",
        base_value: Some(5e4),
        base_unit: "立方米",
        ..C
    },
    Case {
        text: "粮食总产量达到120万吨。",
        figure: "120万吨",
        unit: "万吨",
        base_value: Some(1.2e6),
        base_unit: "吨",
        ..C
    },
    Case {
        text: "集装箱吞吐量突破50万标箱。",
        figure: "50万标箱",
        unit: "万标箱",
        base_value: Some(5e5),
        base_unit: "标箱",
        ..C
    },
    Case {
        text: "新增光伏装机容量20万千瓦。",
        figure: "20万千瓦",
        unit: "万千瓦",
        base_value: Some(2e5),
        base_unit: "千瓦",
        ..C
    },
    Case {
        text: "全年发电量达到8亿千瓦时。",
        figure: "8亿千瓦时",
        unit: "亿千瓦时",
        base_value: Some(8e8),
        base_unit: "千瓦时",
        ..C
    },
    // Durations.
    Case {
        text: "用3年时间完成老旧小区改造。",
        figure: "3年",
        unit: "年",
        base_value: Some(3.0),
        base_unit: "年",
        ..C
    },
    Case {
        text: "审批时限压缩至6个月。",
        figure: "6个月",
        unit: "个月",
        base_value: Some(6.0),
        base_unit: "个月",
        ..C
    },
    // Rates: %, ‰, 个百分点, 成, 倍.
    Case {
        text: "居民消费价格涨幅为2.5%。",
        figure: "2.5%",
        unit: "%",
        base_value: Some(2.5),
        base_unit: "%",
        ..C
    },
    Case {
        text: "全区农业用水总量下降百分之五。",
        figure: "百分之五",
        unit: "%",
        base_value: Some(5.0),
        base_unit: "%",
        ..C
    },
    Case {
        text: "人口自然增长率控制在5‰以内。",
        figure: "5‰",
        unit: "‰",
        base_value: Some(0.5),
        base_unit: "%",
        ..C
    },
    Case {
        text: "城镇化率提高2个百分点。",
        figure: "2个百分点",
        unit: "个百分点",
        base_value: Some(2.0),
        base_unit: "个百分点",
        ..C
    },
    Case {
        text: "城镇登记失业率下降0.3个百分点。",
        figure: "0.3个百分点",
        unit: "个百分点",
        base_value: Some(0.3),
        base_unit: "个百分点",
        ..C
    },
    Case {
        text: "城镇化率提高X.X个百分点。",
        figure: "X.X个百分点",
        unit: "个百分点",
        base_value: None,
        base_unit: "个百分点",
        ..C
    },
    Case {
        text: "脱贫人口收入增长两成。",
        figure: "两成",
        unit: "成",
        base_value: Some(20.0),
        base_unit: "%",
        ..C
    },
    Case {
        text: "农民合作社数量增长一倍。",
        figure: "一倍",
        unit: "倍",
        base_value: Some(1.0),
        base_unit: "倍",
        ..C
    },
];

#[test]
fn units_table() {
    let mut report = Report::new("targets_units");
    for case in CASES {
        let found = targets(case.text);
        let mut bad = Vec::new();
        match at_figure(&found, case.text, case.figure) {
            Ok(t) => {
                check(&mut bad, "unit", t.figures.unit.as_str(), case.unit);
                check_number(
                    &mut bad,
                    "base_value",
                    t.figures.base_value,
                    case.base_value,
                );
                check(
                    &mut bad,
                    "base_unit",
                    t.figures.base_unit.as_str(),
                    case.base_unit,
                );
            }
            Err(e) => bad.push(e),
        }
        report.case(case.text, case.known_gap, bad, &found);
    }
    report.finish(25);
}
