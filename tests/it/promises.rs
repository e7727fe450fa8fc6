//! `ptkg query promises` on the fictional county reports in
//! tests/fixtures/promises/ (青禾县 2022–2024 and its neighbour 柳溪县
//! 2023, written for these tests): every outcome, relative years (今年,
//! 去年), a decline, an at-most target, a redacted actual, a 分别 list, a
//! metric synonym (规上 = 规模以上), a later report revising an actual, and
//! no pair across counties.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

fn ptkg(db: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_ptkg"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .arg("--db")
        .arg(db)
        .output()
        .unwrap()
}

/// The promises of the fixtures as JSON rows.
fn promises(extra: &[&str]) -> Vec<Value> {
    promises_of("tests/fixtures/promises", extra)
}

/// The promises of the reports in `folder` as JSON rows.
fn promises_of(folder: &str, extra: &[&str]) -> Vec<Value> {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    let o = ptkg(&db, &["add", "-q", folder]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    promise_rows(&db, extra)
}

/// `query promises --format json` of the store `db`, as rows.
fn promise_rows(db: &Path, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["query", "promises", "--format", "json"];
    args.extend_from_slice(extra);
    let o = ptkg(db, &args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice::<Value>(&o.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

/// (jurisdiction, metric, year) → (outcome, gap, actual's document).
fn outcome_of<'r>(rows: &'r [Value], place: &str, metric: &str, year: i64) -> &'r Value {
    rows.iter()
        .find(|r| r["jurisdiction"] == place && r["metric"] == metric && r["year"] == year)
        .unwrap_or_else(|| panic!("no promise {place} {metric} {year}"))
}

#[test]
fn every_outcome_of_the_fictional_county() {
    let rows = promises(&[]);
    let check = |metric: &str, year: i64, outcome: &str, gap: Value| {
        let row = outcome_of(&rows, "青禾县", metric, year);
        assert_eq!(row["outcome"], outcome, "{metric} {year}: {row}");
        assert_eq!(row["gap"], gap, "{metric} {year}: {row}");
    };
    // 6%左右 promised; 6.3% reported in 2023, revised to 5.8% in 2024.
    check("地区生产总值", 2022, "missed", Value::from(-0.2));
    check("地区生产总值", 2023, "met", Value::from(0.3));
    check("地区生产总值", 2024, "pending", Value::Null);
    check("固定资产投资", 2022, "missed", Value::from(-2.5));
    // At most 4%: 3.6% keeps it, 4.3% breaks it.
    check("城镇登记失业率", 2022, "met", Value::from(-0.4));
    check("城镇登记失业率", 2023, "missed", Value::from(0.3));
    // A decline of 3% promised, 3.4% achieved; 2.5% promised, 2.1% achieved.
    check("单位地区生产总值能耗", 2022, "met", Value::from(-0.4));
    check("单位地区生产总值能耗", 2023, "missed", Value::from(0.4));
    // 增长X%: the actual is anonymised.
    check("一般公共预算收入", 2022, "unknown", Value::Null);
    // 规上工业增加值 promised, 规模以上工业增加值 reported.
    check("规模以上工业增加值", 2022, "met", Value::from(0.5));
    // 城乡居民人均可支配收入分别增长6.5%、8%: member by member.
    check("城镇居民人均可支配收入", 2022, "missed", Value::from(-0.4));
    check("农村居民人均可支配收入", 2022, "met", Value::from(0.4));
    // 今年 in the 2022 report, 去年 in the 2023 one.
    check("粮食产量", 2022, "missed", Value::from(-0.4));
}

#[test]
fn the_latest_report_wins_and_the_signs_are_kept() {
    let rows = promises(&["--metric", "GDP", "--year", "2022"]);
    assert_eq!(rows.len(), 1, "{rows:?}");
    let row = &rows[0];
    assert_eq!(row["actual"]["value"], 5.8);
    assert!(row["actual"]["document"]
        .as_str()
        .unwrap()
        .ends_with("qinghe_2024_report.txt"));
    assert_eq!(row["target"]["qualifier"], "about");
    let decline = &promises(&["--metric", "单位地区生产总值能耗", "--year", "2022"])[0];
    assert_eq!(decline["target"]["signed_value"], -3.0);
    assert_eq!(decline["actual"]["signed_value"], -3.4);
    assert_eq!(decline["target"]["direction"], "decrease");
}

#[test]
fn a_neighbours_actual_never_answers_a_promise() {
    let rows = promises(&["--jurisdiction", "柳溪县"]);
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(rows.iter().all(|r| r["outcome"] == "pending"), "{rows:?}");
    // 柳溪县 reported GDP growth of 4.2% for 2022; 青禾县's 2022 promise
    // is answered by its own reports only.
    let gdp = promises(&["--metric", "地区生产总值", "--year", "2022"]);
    assert!(gdp.iter().all(|r| r["jurisdiction"] == "青禾县"));
    assert_ne!(gdp[0]["actual"]["value"], 4.2);
}

#[test]
fn filters_by_outcome_and_fold_traditional_names() {
    let missed = promises(&["--outcome", "missed"]);
    assert!(!missed.is_empty() && missed.iter().all(|r| r["outcome"] == "missed"));
    let traditional = promises(&["--metric", "地區生產總值", "--jurisdiction", "青禾縣"]);
    assert_eq!(traditional.len(), 3, "{traditional:?}");
}

#[test]
fn an_unknown_metric_is_an_error_and_no_substring_matches() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    assert!(ptkg(&db, &["add", "-q", "tests/fixtures/promises"])
        .status
        .success());
    // 生产总值 is an alias of 地区生产总值; 总值 is no metric.
    let o = ptkg(&db, &["query", "promises", "--metric", "总值"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no metric named 总值"));
}

/// A second county written in other words: 比上年增长, 涨幅控制在…左右 (a
/// cap), 降低 (a decline), a limit in 微克/立方米, 万元地区生产总值能耗 (an
/// alias), 完成…同比增长, an estimate (预计) for the result.
#[test]
fn the_same_promises_in_other_words() {
    let rows = promises_of("tests/fixtures/promises_style", &[]);
    let check = |metric: &str, outcome: &str, gap: Value| {
        let row = outcome_of(&rows, "松溪县", metric, 2023);
        assert_eq!(row["outcome"], outcome, "{metric}: {row}");
        assert_eq!(row["gap"], gap, "{metric}: {row}");
    };
    check("地区生产总值", "met", Value::from(0.4));
    check("一般公共预算收入", "missed", Value::from(-0.9));
    check("居民消费价格", "met", Value::from(-2.4));
    check("城镇调查失业率", "met", Value::from(-0.3));
    check("单位地区生产总值能耗", "met", Value::from(-0.3));
    check("PM2.5平均浓度", "met", Value::from(-2.0));
    check("社会消费品零售总额", "unknown", Value::Null);
    // 预计全年…增长7.5%: an estimate answers when no actual does.
    check("规模以上工业增加值", "missed", Value::from(-0.5));
    assert_eq!(
        outcome_of(&rows, "松溪县", "地区生产总值", 2024)["outcome"],
        "pending"
    );
}

#[test]
fn a_page_dates_its_relative_years_and_reindex_keeps_the_date() {
    // Neither page says its year in the text, title or file name: only the
    // markup does (<meta name="PubDate">, article:published_time).
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    let o = ptkg(&db, &["add", "tests/fixtures/promises_pages"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        !String::from_utf8_lossy(&o.stderr).contains("without a date"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let before = promise_rows(&db, &[]);
    let check = |rows: &[Value]| {
        let of = |metric: &str| outcome_of(rows, "桐川县", metric, 2023);
        assert_eq!(of("地区生产总值")["outcome"], "met");
        assert_eq!(of("地区生产总值")["gap"], Value::from(0.4));
        assert_eq!(of("一般公共预算收入")["outcome"], "missed");
        assert_eq!(of("单位地区生产总值能耗")["outcome"], "met");
        assert_eq!(
            outcome_of(rows, "桐川县", "地区生产总值", 2024)["outcome"],
            "pending"
        );
    };
    check(&before);
    let o = ptkg(&db, &["reindex", "-q"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(
        promise_rows(&db, &[]),
        before,
        "reindex read the pages' dates again"
    );
}
