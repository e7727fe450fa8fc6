//! `ptkg add --from-jsonl`: the records of `ptkg extract --with-text`,
//! loaded into a store, give the store `add` of the same files gives —
//! every export byte for byte, the query answers, and again after a
//! `reindex` (an HTML page's declared date travels in the record). The
//! messages for bad input are CLI snapshots (`cli_snapshots`).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{corpus_dir, example, fixture, ptkg, stderr, stdout};

/// The examples, the encodings and the pages whose only date is in their
/// markup, and the shared corpus when present.
fn inputs() -> Vec<PathBuf> {
    let mut inputs = vec![example(""), fixture("encoding"), fixture("promises_pages")];
    inputs.extend(corpus_dir());
    inputs
}

fn as_args(paths: &[PathBuf]) -> Vec<&str> {
    paths.iter().map(|p| p.to_str().unwrap()).collect()
}

/// Every export and two query answers of a store, by name.
fn answers(db: &Path, dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for (format, file) in [("json", "graph.json"), ("graphml", "graph.graphml")] {
        let path = dir.join(file);
        let o = ptkg(db, &["export", format, "-o", path.to_str().unwrap()]);
        assert!(o.status.success(), "{}", stderr(&o));
        out.push((file.to_string(), std::fs::read(&path).unwrap()));
    }
    let csv = dir.join("csv");
    let o = ptkg(
        db,
        &["export", "csv", "--force", "-o", csv.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    for file in ["nodes.csv", "relationships.csv"] {
        out.push((file.to_string(), std::fs::read(csv.join(file)).unwrap()));
    }
    for query in [
        &[
            "query",
            "serves",
            "--goal",
            "高质量发展",
            "--format",
            "json",
        ][..],
        &[
            "query",
            "targets",
            "--metric",
            "地区生产总值",
            "--format",
            "json",
        ],
        &["query", "promises", "--format", "json"],
        &["stats"],
    ] {
        let o = ptkg(db, query);
        assert!(o.status.success(), "{query:?}: {}", stderr(&o));
        out.push((query.join(" "), o.stdout));
    }
    out
}

fn assert_same(a: &[(String, Vec<u8>)], b: &[(String, Vec<u8>)], when: &str) {
    assert_eq!(a.len(), b.len());
    for ((name, x), (_, y)) in a.iter().zip(b) {
        assert!(!x.is_empty(), "{name} is empty");
        assert!(
            x == y,
            "{when}: {name} differs between the imported store and the added one"
        );
    }
}

/// `ptkg extract --with-text` of the inputs.
fn records(paths: &[PathBuf]) -> Vec<u8> {
    let o = Command::new(env!("CARGO_BIN_EXE_ptkg"))
        .args(["extract", "--with-text"])
        .args(as_args(paths))
        .env_remove("PTKG_RULES")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    o.stdout
}

#[test]
fn records_loaded_with_from_jsonl_give_the_store_add_gives() {
    let tmp = tempfile::tempdir().unwrap();
    let paths = inputs();
    let jsonl = tmp.path().join("records.jsonl");
    std::fs::write(&jsonl, records(&paths)).unwrap();
    let (imported, added) = (tmp.path().join("a.db"), tmp.path().join("b.db"));
    let o = ptkg(
        &imported,
        &["add", "--quiet", "--from-jsonl", jsonl.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let mut args = vec!["add", "--quiet"];
    args.extend(as_args(&paths));
    let o = ptkg(&added, &args);
    assert!(o.status.success(), "{}", stderr(&o));
    let (da, db) = (tmp.path().join("a"), tmp.path().join("b"));
    std::fs::create_dir_all(&da).unwrap();
    std::fs::create_dir_all(&db).unwrap();
    assert_same(&answers(&imported, &da), &answers(&added, &db), "after add");
    // The documents' records: encodings, dates, a page's declared date.
    let docs = |db: &Path| ptkg::Store::open(db).unwrap().docs().unwrap();
    let (a, b) = (docs(&imported), docs(&added));
    assert_eq!(a, b);
    assert!(a.iter().any(|d| d.encoding == "gb18030"), "{a:?}");
    assert!(a.iter().any(|d| d.page_date.is_some()), "{a:?}");
    // Loading the same records again changes nothing.
    let o = ptkg(
        &imported,
        &["add", "--quiet", "--from-jsonl", jsonl.to_str().unwrap()],
    );
    assert!(
        stdout(&o).starts_with("added 0, replaced 0, unchanged "),
        "{}",
        stdout(&o)
    );
    // Reindex reads the same dates from both.
    for db in [&imported, &added] {
        let o = ptkg(db, &["reindex", "--quiet"]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    assert_same(
        &answers(&imported, &da),
        &answers(&added, &db),
        "after reindex",
    );
}

#[test]
fn records_come_from_standard_input_with_a_dash() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    let data = records(&[example("linjiang_2021_work_report.txt")]);
    let o = crate::common::ptkg_with_stdin(&db, &["add", "--quiet", "--from-jsonl", "-"], data);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("added 1,"), "{}", stdout(&o));
}
