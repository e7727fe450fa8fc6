//! Chinese numerals of cn2an's published test cases, each inside a report
//! sentence, and the colloquial forms of issue 14.
//!
//! Where the cases come from: the numeral strings and their values are
//! facts carried over from the test file `cn2an/cn2an_test.py` of the
//! PyPI package cn2an 0.5.24 (<https://github.com/Ailln/cn2an>, MIT
//! License, Copyright (c) 2017 Ailln): its `strict_data_dict`,
//! `normal_data_dict` and `smart_data_dict` give numerals and their values,
//! its `error_*_datas` strings that are no numerals. One case comes from
//! its `transform_test.py` (百分之负三点八). None of cn2an's code is used.
//! Left out: the `direct` cases (零零三 → "003"), which are digit strings
//! such as telephone numbers and serial numbers, not quantities.
//!
//! The sentences around the numerals were written for this test, in the
//! style of a district report; each numeral goes into the slot of one of a
//! few templates that suit its kind (a head count, a small decimal, a
//! negative sum of money, a sum of money written as on a cheque). The test
//! checks that the sentence yields a figure at the numeral whose value,
//! scaled to the base unit (万人 → 人), is the numeral's; a string that is
//! no numeral must yield no figure at all in its sentence.
//!
//! `cargo test --release --test numerals_cn2an -- --nocapture` prints the
//! pass rate.

use crate::targets_support;

use targets_support::{at_figure, describe, same_number, targets};

/// A head count: the value in 人.
const PEOPLE: &str = "全年新增城镇就业{}人。";
/// A small or decimal amount: the value in 平方米.
const AREA: &str = "人均公园绿地面积增加{}平方米。";
/// A negative amount (a loss): the value in 元 (the template's 万 scales it).
const LOSS: &str = "区属国有企业利润总额为{}万元。";
/// A negative sum in 元.
const LOSS_YUAN: &str = "区属国有企业利润总额为{}元。";
/// A sum written with its own 元/圆 (and 角/分): the value in 元.
const CHEQUE: &str = "城乡低保标准每人每月提高{}。";
/// A lone financial capital stands on a form after a colon (after another
/// Han character one is part of a word: 队伍, 内陆, 收拾).
const FORM: &str = "核定享受补助人数：{}人。";
/// A whole sentence of its own.
const WHOLE: &str = "{}";
/// A rate after 百分之 or before %.
const RATE: &str = "一季度规模以上工业增加值增长{}。";

/// One numeral, the template it goes into and its value in the template's
/// base unit (`None`: no numeral, the sentence must give no figure).
struct Case {
    numeral: &'static str,
    template: &'static str,
    value: Option<f64>,
    /// Where the case comes from: cn2an's table, or issue 14.
    source: &'static str,
}

const fn case(
    numeral: &'static str,
    template: &'static str,
    value: f64,
    source: &'static str,
) -> Case {
    Case {
        numeral,
        template,
        value: Some(value),
        source,
    }
}

const fn none(numeral: &'static str, source: &'static str) -> Case {
    Case {
        numeral,
        template: PEOPLE,
        value: None,
        source,
    }
}

/// A sentence written for this test that holds no numeral.
const fn no_figure(sentence: &'static str) -> Case {
    Case {
        numeral: sentence,
        template: WHOLE,
        value: None,
        source: ISSUE,
    }
}

const STRICT: &str = "cn2an strict";
const NORMAL: &str = "cn2an normal";
const SMART: &str = "cn2an smart";
const ERROR: &str = "cn2an error";
const TRANSFORM: &str = "cn2an transform";
const ISSUE: &str = "issue 14";

const CASES: &[Case] = &[
    // cn2an strict_data_dict.
    case("零", PEOPLE, 0.0, STRICT),
    case("一", PEOPLE, 1.0, STRICT),
    case("十", PEOPLE, 10.0, STRICT),
    case("十一", PEOPLE, 11.0, STRICT),
    case("一十一", PEOPLE, 11.0, STRICT),
    case("二十", PEOPLE, 20.0, STRICT),
    case("二十一", PEOPLE, 21.0, STRICT),
    case("一百", PEOPLE, 100.0, STRICT),
    case("一百零一", PEOPLE, 101.0, STRICT),
    case("一百一十", PEOPLE, 110.0, STRICT),
    case("一百一十一", PEOPLE, 111.0, STRICT),
    case("一千", PEOPLE, 1000.0, STRICT),
    case("一千一百", PEOPLE, 1100.0, STRICT),
    case("一千一百一十", PEOPLE, 1110.0, STRICT),
    case("一千一百一十一", PEOPLE, 1111.0, STRICT),
    case("一千零一十", PEOPLE, 1010.0, STRICT),
    case("一千零十", PEOPLE, 1010.0, STRICT),
    case("一千零十一", PEOPLE, 1011.0, STRICT),
    case("一千零一十一", PEOPLE, 1011.0, STRICT),
    case("一千零一", PEOPLE, 1001.0, STRICT),
    case("一千一百零一", PEOPLE, 1101.0, STRICT),
    case("一万一千一百一十一", PEOPLE, 11111.0, STRICT),
    case("一十一万一千一百一十一", PEOPLE, 111111.0, STRICT),
    case("一百一十一万一千一百一十一", PEOPLE, 1111111.0, STRICT),
    case("一千一百一十一万一千一百一十一", PEOPLE, 11111111.0, STRICT),
    case(
        "一亿一千一百一十一万一千一百一十一",
        PEOPLE,
        111111111.0,
        STRICT,
    ),
    case(
        "一十一亿一千一百一十一万一千一百一十一",
        PEOPLE,
        1111111111.0,
        STRICT,
    ),
    case(
        "一百一十一亿一千一百一十一万一千一百一十一",
        PEOPLE,
        11111111111.0,
        STRICT,
    ),
    case(
        "一千一百一十一亿一千一百一十一万一千一百一十一",
        PEOPLE,
        111111111111.0,
        STRICT,
    ),
    case(
        "一千一百一十一万一千一百一十一亿一千一百一十一万一千一百一十一",
        PEOPLE,
        1111111111111111.0,
        STRICT,
    ),
    case("壹", FORM, 1.0, STRICT),
    case("拾", FORM, 10.0, STRICT),
    case("拾壹", PEOPLE, 11.0, STRICT),
    case("壹拾壹", PEOPLE, 11.0, STRICT),
    case("壹佰壹拾壹", PEOPLE, 111.0, STRICT),
    case("壹仟壹佰壹拾壹", PEOPLE, 1111.0, STRICT),
    case("壹万壹仟壹佰壹拾壹", PEOPLE, 11111.0, STRICT),
    case("壹拾壹万壹仟壹佰壹拾壹", PEOPLE, 111111.0, STRICT),
    case("壹佰壹拾壹万壹仟壹佰壹拾壹", PEOPLE, 1111111.0, STRICT),
    case("壹仟壹佰壹拾壹万壹仟壹佰壹拾壹", PEOPLE, 11111111.0, STRICT),
    case(
        "壹亿壹仟壹佰壹拾壹万壹仟壹佰壹拾壹",
        PEOPLE,
        111111111.0,
        STRICT,
    ),
    case(
        "壹拾壹亿壹仟壹佰壹拾壹万壹仟壹佰壹拾壹",
        PEOPLE,
        1111111111.0,
        STRICT,
    ),
    case(
        "壹佰壹拾壹亿壹仟壹佰壹拾壹万壹仟壹佰壹拾壹",
        PEOPLE,
        11111111111.0,
        STRICT,
    ),
    case(
        "壹仟壹佰壹拾壹亿壹仟壹佰壹拾壹万壹仟壹佰壹拾壹",
        PEOPLE,
        111111111111.0,
        STRICT,
    ),
    case("壹拾壹元整", CHEQUE, 11.0, STRICT),
    case("壹佰壹拾壹圆整", CHEQUE, 111.0, STRICT),
    case("壹拾壹元正", CHEQUE, 11.0, STRICT),
    case("壹拾壹圆正", CHEQUE, 11.0, STRICT),
    case("壹拾壹元壹角", CHEQUE, 11.1, STRICT),
    case("壹拾壹元壹角壹分", CHEQUE, 11.11, STRICT),
    case("十万", PEOPLE, 100000.0, STRICT),
    case("十万零一", PEOPLE, 100001.0, STRICT),
    case("一万零一", PEOPLE, 10001.0, STRICT),
    case("一万零一十一", PEOPLE, 10011.0, STRICT),
    case("一万零一百一十一", PEOPLE, 10111.0, STRICT),
    case("一万零百一十一", PEOPLE, 10111.0, STRICT),
    case("一十万零一", PEOPLE, 100001.0, STRICT),
    case("一百万零一", PEOPLE, 1000001.0, STRICT),
    case("一千万零一", PEOPLE, 10000001.0, STRICT),
    case("一千零一万一千零一", PEOPLE, 10011001.0, STRICT),
    case("一千零一万零一", PEOPLE, 10010001.0, STRICT),
    case("一亿零一", PEOPLE, 100000001.0, STRICT),
    case("一十亿零一", PEOPLE, 1000000001.0, STRICT),
    case("一百亿零一", PEOPLE, 10000000001.0, STRICT),
    case(
        "一千零一亿一千零一万一千零一",
        PEOPLE,
        100110011001.0,
        STRICT,
    ),
    case("一千亿一千万一千零一", PEOPLE, 100010001001.0, STRICT),
    case("一千亿零一", PEOPLE, 100000000001.0, STRICT),
    case("玖仟陆佰陆拾伍圆壹角捌分", CHEQUE, 9665.18, STRICT),
    case("壹佰捌拾壹圆柒角", CHEQUE, 181.7, STRICT),
    case(
        "零点零零零零零零零零零零零零零零一",
        AREA,
        0.000000000000001,
        STRICT,
    ),
    case(
        "零点零零零零零零零零零零零零零一",
        AREA,
        0.00000000000001,
        STRICT,
    ),
    case(
        "零点零零零零零零零零零零零零一",
        AREA,
        0.0000000000001,
        STRICT,
    ),
    case("零点零零零零零零零零零零零一", AREA, 0.000000000001, STRICT),
    case("零点零零零零零零零零零零一", AREA, 0.00000000001, STRICT),
    case("零点零零零零零零零零零一", AREA, 0.0000000001, STRICT),
    case("零点零零零零零零零零一", AREA, 0.000000001, STRICT),
    case("零点零零零零零零零一", AREA, 0.00000001, STRICT),
    case("零点零零零零零零一", AREA, 0.0000001, STRICT),
    case("零点零零零零零一", AREA, 0.000001, STRICT),
    case("零点零零零零一", AREA, 0.00001, STRICT),
    case("零点零零零一", AREA, 0.0001, STRICT),
    case("零点零零一", AREA, 0.001, STRICT),
    case("零点零一", AREA, 0.01, STRICT),
    case("零点一", AREA, 0.1, STRICT),
    case("负一", LOSS, -10000.0, STRICT),
    case("负二", LOSS, -20000.0, STRICT),
    case("负十", LOSS, -100000.0, STRICT),
    case("负十一", LOSS, -110000.0, STRICT),
    case("负一十一", LOSS, -110000.0, STRICT),
    case("廿二", PEOPLE, 22.0, STRICT),
    // cn2an normal_data_dict.
    case("一一", PEOPLE, 11.0, NORMAL),
    case("一一一", PEOPLE, 111.0, NORMAL),
    case("壹壹", PEOPLE, 11.0, NORMAL),
    case("壹壹壹", PEOPLE, 111.0, NORMAL),
    case("零点零", AREA, 0.0, NORMAL),
    case("零点零零", AREA, 0.0, NORMAL),
    case("一七二零", PEOPLE, 1720.0, NORMAL),
    case("一七二零点一", AREA, 1720.1, NORMAL),
    case("一七二零点一三四", AREA, 1720.134, NORMAL),
    case("一二三", PEOPLE, 123.0, NORMAL),
    case("负零点一零", LOSS, -1000.0, NORMAL),
    case("负一七二零", LOSS, -17200000.0, NORMAL),
    case("负一七二零点一", LOSS, -17201000.0, NORMAL),
    case("三万五", PEOPLE, 35000.0, NORMAL),
    case("十三万五", PEOPLE, 135000.0, NORMAL),
    case("两千六", PEOPLE, 2600.0, NORMAL),
    case("一百二", PEOPLE, 120.0, NORMAL),
    case("一百十一", PEOPLE, 111.0, NORMAL),
    case("一百十六", PEOPLE, 116.0, NORMAL),
    case("一千一十", PEOPLE, 1010.0, NORMAL),
    case("一百二十万三", PEOPLE, 1203000.0, NORMAL),
    case("十万零一千", PEOPLE, 101000.0, NORMAL),
    case("一百九十万零三千九百七十一", PEOPLE, 1903971.0, NORMAL),
    case("一亿五千万零六千三百五十五", PEOPLE, 150006355.0, NORMAL),
    case("兩千六", PEOPLE, 2600.0, NORMAL),
    case("壹拾壹元", CHEQUE, 11.0, NORMAL),
    case("壹佰壹拾壹圆", CHEQUE, 111.0, NORMAL),
    case("壹拾壹圆", CHEQUE, 11.0, NORMAL),
    case("壹拾万零叁仟肆佰伍拾叁", PEOPLE, 103453.0, NORMAL),
    case("〇", PEOPLE, 0.0, NORMAL),
    // cn2an smart_data_dict.
    case("100万", PEOPLE, 1000000.0, SMART),
    case("100万三千", PEOPLE, 1003000.0, SMART),
    case("200亿零四千230", PEOPLE, 20000004230.0, SMART),
    case("一百点123", AREA, 100.123, SMART),
    case("10.1万", PEOPLE, 101000.0, SMART),
    case("-10.1万", LOSS_YUAN, -101000.0, SMART),
    case("16.4亿", PEOPLE, 1640000000.0, SMART),
    case("35.1亿", PEOPLE, 3510000000.0, SMART),
    case("1百01", PEOPLE, 101.0, SMART),
    case("1万600", PEOPLE, 10600.0, SMART),
    case("10.1", AREA, 10.1, SMART),
    case("-10.1", LOSS, -101000.0, SMART),
    // cn2an error lists: no numerals.
    none("10.1万零100", ERROR),
    none("10..1万", ERROR),
    none("", ERROR),
    none("元整", ERROR),
    none("圆", ERROR),
    none("负", ERROR),
    none("零点", ERROR),
    none("点零", ERROR),
    none("零点点", ERROR),
    none("零点零大", ERROR),
    none("点一", ERROR),
    none("百十一", ERROR),
    none("十一十二", ERROR),
    none("负十一十二", ERROR),
    none("十七十八", ERROR),
    // cn2an transform_test.py.
    case("百分之负三点八", RATE, -3.8, TRANSFORM),
    // Issue 14: colloquial forms, 零 before a bare 十, negatives, capitals,
    // 廿/卅, 两.
    case("三万五", PEOPLE, 35000.0, ISSUE),
    case("两千六", PEOPLE, 2600.0, ISSUE),
    case("一万二", PEOPLE, 12000.0, ISSUE),
    case("一亿五", PEOPLE, 150000000.0, ISSUE),
    case("一千零十", PEOPLE, 1010.0, ISSUE),
    case("负三", LOSS, -30000.0, ISSUE),
    case("-3.2%", RATE, -3.2, ISSUE),
    case("百分之负三点八", RATE, -3.8, ISSUE),
    case("壹仟贰佰", PEOPLE, 1200.0, ISSUE),
    case("叁佰伍拾万", PEOPLE, 3500000.0, ISSUE),
    case("廿五", PEOPLE, 25.0, ISSUE),
    case("卅六", PEOPLE, 36.0, ISSUE),
    case("两百", PEOPLE, 200.0, ISSUE),
    case("两万两千", PEOPLE, 22000.0, ISSUE),
    case("3万5千", PEOPLE, 35000.0, ISSUE),
    case("百分之负三点五", RATE, -3.5, ISSUE),
    case("-0.8%", RATE, -0.8, ISSUE),
    // Characters of numerals inside words, and forms that are no numerals.
    no_figure("持续壮大社工队伍人数规模。"),
    no_figure("地下负一层设置公共停车场。"),
    no_figure("加快建设内陆港口岸。"),
    no_figure("全面收拾整治村容村貌。"),
    no_figure("严格落实一岗双责。"),
    no_figure("抓好十一十二月份的收尾工作。"),
];

/// The mismatch of one case, `None` when it passes.
fn run(case: &Case) -> Option<String> {
    let text = case.template.replace("{}", case.numeral);
    let found = targets(&text);
    let Some(want) = case.value else {
        return (!found.is_empty())
            .then(|| format!("no numeral, yet a figure: {}", describe(&found)));
    };
    match at_figure(&found, &text, case.numeral) {
        Ok(t) => {
            // A negative numeral keeps its magnitude as the value; the sign
            // is the figure's direction (as for 下降3%).
            let sign = if t.figures.direction == Some(ptkg::model::Direction::Decrease) {
                -1.0
            } else {
                1.0
            };
            let got = t.figures.base_value.map(|v| sign * v);
            (!same_number(got, Some(want))).then(|| {
                format!(
                    "base value {:?} {:?} ({:?}), want {want}",
                    t.figures.base_value, t.figures.base_unit, t.figures.direction
                )
            })
        }
        Err(e) => Some(format!("{e}: {}", describe(&found))),
    }
}

#[test]
fn cn2an_numerals_in_report_sentences() {
    let mut failed = Vec::new();
    for case in CASES {
        if let Some(why) = run(case) {
            failed.push(format!(
                "[{}] {}\n    {why}",
                case.source,
                case.template.replace("{}", case.numeral)
            ));
        }
    }
    let passed = CASES.len() - failed.len();
    eprintln!(
        "numerals_cn2an: {passed} of {} cases pass ({:.2})",
        CASES.len(),
        passed as f64 / CASES.len() as f64
    );
    assert!(
        failed.is_empty(),
        "{} failed:\n  {}",
        failed.len(),
        failed.join("\n  ")
    );
}
