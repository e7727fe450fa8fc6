//! The Neo4j CSV export loads into a database that reads Cypher and gives
//! ptkg's answers there: `cypher_load.py` loads the examples' (and the
//! shared corpus's, when present) `nodes.csv` and `relationships.csv` into
//! Kùzu, typed by their headers, and asks `query serves --goal 高质量发展`
//! and `query targets --metric 地区生产总值` in Cypher; the rows must be
//! the ones ptkg prints. Skips with a message when python3 or the `kuzu`
//! module is missing (`pip install kuzu`).

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::common::{corpus_dir, example, ptkg, stderr};

const GOAL: &str = "高质量发展";
const METRIC: &str = "地区生产总值";

fn kuzu_available() -> bool {
    Command::new("python3")
        .args(["-c", "import kuzu"])
        .output()
        .is_ok_and(|o| o.status.success())
}

fn query(db: &Path, args: &[&str]) -> Vec<Value> {
    let o = ptkg(db, args);
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_slice(&o.stdout).unwrap()
}

/// Rows as sorted JSON strings of the given fields, for comparing as
/// multisets.
fn canonical(rows: &[Value], fields: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = rows
        .iter()
        .map(|r| {
            let picked: Vec<&Value> = fields.iter().map(|f| &r[*f]).collect();
            serde_json::to_string(&picked).unwrap()
        })
        .collect();
    out.sort();
    out
}

#[test]
fn cypher_over_the_neo4j_csv_gives_ptkgs_serves_and_targets() {
    if !kuzu_available() {
        eprintln!("skipped: python3 with the kuzu module is not installed (pip install kuzu)");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    let mut args = vec![
        "add".to_string(),
        "-q".into(),
        example("").display().to_string(),
    ];
    if let Some(corpus) = corpus_dir() {
        args.push(corpus.display().to_string());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = ptkg(&db, &args);
    assert!(o.status.success(), "{}", stderr(&o));
    let csv = tmp.path().join("csv");
    let o = ptkg(&db, &["export", "csv", "-o", csv.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));

    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/cypher_load.py");
    let o = Command::new("python3")
        .arg(script)
        .arg(&csv)
        .arg(tmp.path().join("kuzu"))
        .args([GOAL, METRIC])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let answers: Value = serde_json::from_slice(&o.stdout).unwrap();
    let edges = std::fs::read_to_string(csv.join("relationships.csv"))
        .unwrap()
        .lines()
        .count()
        - 1;
    assert_eq!(answers["edges"], edges, "every relationship loaded");

    let serves = query(
        &db,
        &[
            "query", "serves", "--goal", GOAL, "--limit", "0", "--format", "json",
        ],
    );
    let fields = [
        "goal", "measure", "basis", "weight", "speeches", "document", "evidence",
    ];
    assert!(!serves.is_empty());
    assert_eq!(
        canonical(answers["serves"].as_array().unwrap(), &fields),
        canonical(&serves, &fields),
        "query serves --goal {GOAL}"
    );

    let targets = query(
        &db,
        &[
            "query", "targets", "--metric", METRIC, "--limit", "0", "--format", "json",
        ],
    );
    let fields = [
        "document",
        "metric",
        "value",
        "value_max",
        "value_text",
        "redacted",
        "unit",
        "base_value",
        "base_unit",
        "change",
        "qualifier",
        "status",
        "year",
        "period",
        "direction",
        "signed_value",
        "jurisdiction",
        "about",
    ];
    assert!(!targets.is_empty());
    assert_eq!(
        canonical(answers["targets"].as_array().unwrap(), &fields),
        canonical(&targets, &fields),
        "query targets --metric {METRIC}"
    );
}
