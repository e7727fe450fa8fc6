//! Lists of figures and the metric each figure gets.
//!
//! 分别 lists (城、乡居民人均可支配收入分别增长8%、9%) give one target per
//! figure, each with its own listed metric; a colon-introduced list
//! (主要预期目标是：A增长7%左右；B增长10%) shares the status of its
//! introduction; several figures about one thing in one clause keep its
//! metric. Each case lists every target the sentence must yield, in order.
//!
//! Metric patterns are exact unless they hold `*`, which stands for any
//! text: "城*居民人均可支配收入" accepts 城居民… and 城镇居民… alike.
//!
//! Every sentence here was written for this test.

use crate::targets_support;

use targets_support::{check, glob, targets, Report};

struct Want {
    /// Metric pattern (see the module doc); "" = not checked.
    metric: &'static str,
    /// The figure as written: its expected value_text.
    figure: &'static str,
    /// Expected change; "" = not checked.
    change: &'static str,
    /// Expected status; "" = not checked.
    status: &'static str,
}

const W: Want = Want {
    metric: "",
    figure: "",
    change: "",
    status: "",
};

struct Case {
    text: &'static str,
    want: &'static [Want],
    /// A defect of the extractor against the spec: run and printed, not
    /// asserted.
    known_gap: bool,
}

const CASES: &[Case] = &[
    // 分别 lists: one metric per item, shorthand items completed.
    Case {
        text: "城、乡居民人均可支配收入分别增长8%、9%。",
        want: &[
            Want { metric: "城*居民人均可支配收入", figure: "8%", ..W },
            Want { metric: "乡*居民人均可支配收入", figure: "9%", ..W },
        ],
        known_gap: false,
    },
    Case {
        text: "城镇、农村居民人均可支配收入分别增长X%、X%。",
        want: &[
            Want { metric: "城镇居民人均可支配收入", figure: "X%", ..W },
            Want { metric: "农村居民人均可支配收入", figure: "X%", ..W },
        ],
        known_gap: false,
    },
    Case {
        text: "一般公共预算收入、税收收入分别增长6%、5%。",
        want: &[
            Want { metric: "一般公共预算收入", figure: "6%", ..W },
            Want { metric: "税收收入", figure: "5%", ..W },
        ],
        known_gap: false,
    },
    Case {
        text: "新建、改建农村公路分别为30公里、50公里。",
        want: &[
            Want { metric: "新建*农村公路", figure: "30公里", change: "level", ..W },
            Want { metric: "改建农村公路", figure: "50公里", change: "level", ..W },
        ],
        known_gap: false,
    },
    Case {
        text: "粮食、蔬菜、水果产量分别达到35万吨、12万吨、8万吨。",
        want: &[
            Want { metric: "粮食产量", figure: "35万吨", change: "level", ..W },
            Want { metric: "蔬菜产量", figure: "12万吨", change: "level", ..W },
            Want { metric: "水果产量", figure: "8万吨", change: "level", ..W },
        ],
        known_gap: false,
    },
    Case {
        text: "一、二、三产业增加值分别增长3%、6%、8%。",
        want: &[
            Want { metric: "*一*产业增加值", figure: "3%", ..W },
            Want { metric: "*二*产业增加值", figure: "6%", ..W },
            Want { metric: "*三*产业增加值", figure: "8%", ..W },
        ],
        known_gap: false,
    },
    // The change word before 分别 covers every figure of the list.
    Case {
        text: "城、乡居民人均可支配收入分别增长8%、9%。",
        want: &[
            Want { figure: "8%", change: "growth", ..W },
            Want { figure: "9%", change: "growth", ..W },
        ],
        known_gap: false,
    },
    Case {
        text: "一般公共预算收入、税收收入分别增长6%、5%。",
        want: &[
            Want { figure: "6%", change: "growth", ..W },
            Want { figure: "5%", change: "growth", ..W },
        ],
        known_gap: false,
    },
    // Full items (not shorthand), and items or figures joined by 和.
    Case {
        text: "固定资产投资、社会消费品零售总额分别增长10%和8%。",
        want: &[
            Want { metric: "固定资产投资", figure: "10%", ..W },
            Want { metric: "社会消费品零售总额", figure: "8%", ..W },
        ],
        known_gap: false,
    },
    Case {
        text: "城镇和农村居民人均可支配收入分别增长7.5%和8.5%。",
        want: &[
            Want { metric: "城镇*居民人均可支配收入", figure: "7.5%", ..W },
            Want { metric: "农村居民人均可支配收入", figure: "8.5%", ..W },
        ],
        known_gap: false,
    },
    Case {
        text: "新增城镇就业和农村劳动力转移就业分别为6000人、1.5万人。",
        want: &[
            Want { metric: "新增城镇就业", figure: "6000人", ..W },
            Want { metric: "农村劳动力转移就业", figure: "1.5万人", ..W },
        ],
        known_gap: false,
    },
    Case {
        text: "一般公共预算收入、税收收入和非税收入分别增长5%、6%、3%。",
        want: &[
            Want { metric: "一般公共预算收入", figure: "5%", ..W },
            Want { metric: "税收收入", figure: "6%", ..W },
            Want { metric: "非税收入", figure: "3%", ..W },
        ],
        known_gap: false,
    },
    // Colon-introduced lists share the status of their introduction.
    Case {
        text: "今年全区发展的主要预期目标是：地区生产总值增长7%左右；规模以上工业增加值增长8%；城镇新增就业6000人；城镇登记失业率控制在4.5%以内。",
        want: &[
            Want { metric: "地区生产总值", figure: "7%左右", change: "growth", status: "target" },
            Want { metric: "规模以上工业增加值", figure: "8%", change: "growth", status: "target" },
            Want { metric: "城镇新增就业", figure: "6000人", change: "level", status: "target" },
            Want { metric: "城镇登记失业率", figure: "4.5%以内", change: "level", status: "target" },
        ],
        known_gap: false,
    },
    Case {
        text: "今年主要预期目标为：地区生产总值增长6%左右，规模以上工业增加值增长8%，固定资产投资增长10%。",
        want: &[
            Want { metric: "地区生产总值", figure: "6%左右", status: "target", ..W },
            Want { metric: "规模以上工业增加值", figure: "8%", status: "target", ..W },
            Want { metric: "固定资产投资", figure: "10%", status: "target", ..W },
        ],
        known_gap: false,
    },
    Case {
        text: "主要目标是：城镇新增就业5000人以上，城镇登记失业率控制在4%以内。",
        want: &[
            Want { metric: "城镇新增就业", figure: "5000人以上", status: "target", ..W },
            Want { metric: "城镇登记失业率", figure: "4%以内", status: "target", ..W },
        ],
        known_gap: false,
    },
    Case {
        text: "过去一年，主要指标完成情况是：地区生产总值增长6.5%；社会消费品零售总额增长8%。",
        want: &[
            Want { metric: "地区生产总值", figure: "6.5%", status: "actual", ..W },
            Want { metric: "社会消费品零售总额", figure: "8%", status: "actual", ..W },
        ],
        known_gap: false,
    },
    Case {
        text: "今年的主要预期目标是：税收收入增长5%；一般公共预算收入增长6%。",
        want: &[
            Want { metric: "税收收入", figure: "5%", status: "target", ..W },
            Want { metric: "一般公共预算收入", figure: "6%", status: "target", ..W },
        ],
        known_gap: false,
    },
    Case {
        text: "预计全年主要指标完成情况如下：地区生产总值增长6.8%；固定资产投资增长9%。",
        want: &[
            Want { metric: "地区生产总值", figure: "6.8%", status: "forecast", ..W },
            Want { metric: "固定资产投资", figure: "9%", status: "forecast", ..W },
        ],
        known_gap: false,
    },
    // Several figures in one sentence: each gets the right metric.
    Case {
        text: "全年完成地区生产总值180亿元，增长7.2%。",
        want: &[
            Want { metric: "地区生产总值", figure: "180亿元", change: "level", ..W },
            Want { metric: "地区生产总值", figure: "7.2%", change: "growth", ..W },
        ],
        known_gap: false,
    },
    Case {
        text: "全年实现一般公共预算收入12亿元，完成全年目标的105%。",
        want: &[
            Want { metric: "一般公共预算收入", figure: "12亿元", ..W },
            Want { metric: "一般公共预算收入", figure: "105%", ..W },
        ],
        known_gap: false,
    },
    Case {
        text: "全区规模以上工业增加值增长9%，高于全市平均水平1.5个百分点。",
        want: &[
            Want { metric: "规模以上工业增加值", figure: "9%", change: "growth", ..W },
            Want { metric: "规模以上工业增加值", figure: "1.5个百分点", change: "difference", ..W },
        ],
        known_gap: false,
    },
    Case {
        text: "一般公共预算收入完成8.2亿元，其中税收收入6.5亿元。",
        want: &[
            Want { metric: "一般公共预算收入", figure: "8.2亿元", ..W },
            Want { metric: "税收收入", figure: "6.5亿元", ..W },
        ],
        known_gap: false,
    },
    Case {
        text: "全区粮食产量达到35万吨，生猪出栏12万头。",
        want: &[
            Want { metric: "粮食产量", figure: "35万吨", ..W },
            Want { metric: "生猪出栏", figure: "12万头", ..W },
        ],
        known_gap: false,
    },
    Case {
        text: "新签约项目45个，总投资320亿元。",
        want: &[
            Want { metric: "新签约项目", figure: "45个", ..W },
            Want { metric: "总投资", figure: "320亿元", ..W },
        ],
        known_gap: false,
    },
    Case {
        text: "全年新增市场主体3000户、高新技术企业15家。",
        want: &[
            Want { metric: "新增市场主体", figure: "3000户", ..W },
            Want { metric: "*高新技术企业", figure: "15家", ..W },
        ],
        known_gap: false,
    },
    Case {
        text: "新建幼儿园3所、中小学5所。",
        want: &[
            Want { metric: "新建幼儿园", figure: "3所", ..W },
            Want { metric: "*中小学", figure: "5所", ..W },
        ],
        known_gap: false,
    },
    // Metric of a single figure.
    Case {
        text: "力争新签约亿元以上项目至少80个。",
        want: &[Want { metric: "新签约亿元以上项目", figure: "80个", change: "level", status: "target" }],
        known_gap: false,
    },
    Case {
        text: "全区GDP增长7%左右。",
        want: &[Want { metric: "地区生产总值", figure: "7%左右", ..W }],
        known_gap: false,
    },
    Case {
        text: "服务业增加值占地区生产总值的比重达到45%。",
        want: &[Want { metric: "服务业增加值", figure: "45%", change: "share", ..W }],
        known_gap: false,
    },
    Case {
        text: "民生支出占一般公共预算支出的80%。",
        want: &[Want { metric: "民生支出", figure: "80%", change: "share", ..W }],
        known_gap: false,
    },
    Case {
        text: "2022年全区地区生产总值的目标为增长6.5%。",
        want: &[Want { metric: "地区生产总值", figure: "6.5%", ..W }],
        known_gap: false,
    },
    Case {
        text: "森林覆盖率到2025年达到48%。",
        want: &[Want { metric: "森林覆盖率", figure: "48%", ..W }],
        known_gap: false,
    },
    // Metrics named after the figure or earlier in the sentence.
    // A duration after 用/通过/利用 is the time the action after it takes.
    Case {
        text: "力争用三年时间把滨河新区建成省级文化旅游示范区。",
        want: &[Want { metric: "滨河新区建成省级文化旅游示范区用时", figure: "三年", status: "target", ..W }],
        known_gap: false,
    },
    Case {
        text: "去年我们仅用45天就完成了旧城片区的房屋征收。",
        want: &[Want { metric: "旧城片区房屋征收用时", figure: "45天", status: "actual", ..W }],
        known_gap: false,
    },
    Case {
        text: "通过两年左右的努力,实现城区污水管网全覆盖。",
        want: &[Want { metric: "城区污水管网全覆盖用时", figure: "两年左右", status: "target", ..W }],
        known_gap: false,
    },
    // A frequency counts the action after it.
    Case {
        text: "今年以来,市委主要领导先后四次到我区调研,其中有一次是专题调研乡村振兴。",
        want: &[
            Want { metric: "*调研", figure: "四次", status: "actual", ..W },
            Want { metric: "专题调研乡村振兴", figure: "一次", status: "actual", ..W },
        ],
        known_gap: false,
    },
    // A percentage followed by 的 is the share of what follows.
    Case {
        text: "到2025年,全区85%以上的行政村实现通客车。",
        want: &[Want { metric: "行政村实现通客车", figure: "85%以上", change: "share", status: "target" }],
        known_gap: false,
    },
    // A bare growth figure belongs to the subject clauses before it.
    Case {
        text: "上半年,全区经济稳中向好,不仅扭转了下滑态势,而且增长6.2%。",
        want: &[Want { metric: "经济", figure: "6.2%", change: "growth", status: "actual" }],
        known_gap: false,
    },
    // Levels in parentheses are parts of the noun before them.
    Case {
        text: "新增高新技术企业XX家(国家级X家、省级XX家)。",
        want: &[
            Want { metric: "高新技术企业", figure: "XX家", ..W },
            Want { metric: "国家级高新技术企业", figure: "X家", ..W },
            Want { metric: "省级高新技术企业", figure: "XX家", ..W },
        ],
        known_gap: false,
    },
    Case {
        text: "到2025年,全区XX个社区全部列为市、区级文明社区(市级X个、区级X个)。",
        want: &[
            Want { metric: "社区列为市、区级文明社区", figure: "XX个", status: "target", ..W },
            Want { metric: "市级文明社区", figure: "X个", status: "target", ..W },
            Want { metric: "区级文明社区", figure: "X个", status: "target", ..W },
        ],
        known_gap: false,
    },
    // A counted noun with 全部/均 and a result verb counts that result.
    Case {
        text: "全区XX个行政村全部建成美丽乡村示范村。",
        want: &[Want { metric: "行政村建成美丽乡村示范村", figure: "XX个", ..W }],
        known_gap: false,
    },
    // Ahead of schedule: the metric of the figure before.
    Case {
        text: "全年完成固定资产投资XX亿元,超序时进度X个百分点。",
        want: &[
            Want { metric: "固定资产投资", figure: "XX亿元", ..W },
            Want { metric: "固定资产投资", figure: "X个百分点", change: "difference", ..W },
        ],
        known_gap: false,
    },
];

#[test]
fn lists_table() {
    let mut report = Report::new("targets_lists");
    for case in CASES {
        let found = targets(case.text);
        let mut bad = Vec::new();
        check(&mut bad, "number of targets", found.len(), case.want.len());
        for (i, (t, w)) in found.iter().zip(case.want).enumerate() {
            let at = |field: &str| format!("target {} {field}", i + 1);
            check(
                &mut bad,
                &at("value_text"),
                t.figures.value_text.as_str(),
                w.figure,
            );
            if !w.metric.is_empty() && !glob(w.metric, &t.figures.metric) {
                bad.push(format!(
                    "{}: got {:?}, want {:?}",
                    at("metric"),
                    t.figures.metric,
                    w.metric
                ));
            }
            if !w.change.is_empty() {
                check(&mut bad, &at("change"), t.figures.change.as_str(), w.change);
            }
            if !w.status.is_empty() {
                check(&mut bad, &at("status"), t.figures.status.as_str(), w.status);
            }
        }
        report.case(case.text, case.known_gap, bad, &found);
    }
    report.finish(15);
}
