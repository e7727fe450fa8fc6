//! Crash safety for real: a child `ptkg add` is killed (SIGKILL) at
//! pseudo-random points, the store is reopened and checked. Every document
//! must be either fully present (all its facts) or absent, the invariants
//! must hold, and finishing the add must give the same graph as a clean run.

use crate::common;

use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use ptkg::{CompiledRuleSet, Pipeline, Store};

/// Writes `n` distinct speeches built from the bundled examples.
fn make_corpus(dir: &Path, n: usize) {
    let base = std::fs::read_to_string(common::example("linjiang_2021_work_report.txt")).unwrap();
    for i in 0..n {
        let text = format!(
            "在第{i}次全区工作会议上的讲话\n一、加快建设第{i}号智慧物流产业园\n区委决定启动桃源{i}号生态修复工程。\n{base}"
        );
        std::fs::write(dir.join(format!("speech_{i:03}.txt")), text).unwrap();
    }
}

fn add(db: &Path, dir: &Path) -> std::process::Child {
    // A commit per document, and so merges of runs along the way: kills
    // land in run writes, batches and merges.
    common::spawn_ptkg(
        db,
        &[
            "add",
            "--quiet",
            "--commit-every",
            "1",
            dir.to_str().unwrap(),
        ],
        Stdio::null(),
    )
}

/// What a reader sees after a kill, before any writer opens the store
/// again: the last snapshot published, whole, with every run file it
/// names (a kill during publication leaves the one before). Returns its
/// documents.
fn check_reader(db: &Path) -> Option<usize> {
    if !db.join("snapshot.ptkg").exists() {
        return None;
    }
    let store = Store::open_read_only(db).unwrap();
    assert!(store.is_read_only());
    let problems = store.verify().unwrap();
    assert!(problems.is_empty(), "a reader after a kill: {problems:?}");
    Some(store.docs().unwrap().len())
}

fn check_consistent(db: &Path, pipeline: &Pipeline) -> usize {
    let store = Store::open(db).unwrap();
    let problems = store.verify().unwrap();
    assert!(
        problems.is_empty(),
        "inconsistent store after kill: {problems:?}"
    );
    let docs = store.docs().unwrap();
    for d in &docs {
        let text = store.text(d.id).unwrap().unwrap();
        let ex = pipeline.extract_text(&d.path, &d.hash, &text);
        let book = ptkg::store::doc_facts(&ex, d.chars);
        assert_eq!(
            store.doc_fact_count(d.id),
            book.provenance_count(),
            "{} is half-written",
            d.path
        );
    }
    docs.len()
}

#[test]
fn killed_adds_leave_a_consistent_store() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    make_corpus(&corpus, 24);
    let pipeline = Pipeline::new(CompiledRuleSet::defaults().unwrap());

    // A clean run, timed, gives the reference graph and the kill window.
    let clean_db = tmp.path().join("clean");
    let started = Instant::now();
    assert!(add(&clean_db, &corpus).wait().unwrap().success());
    let full = started.elapsed();
    let reference = Store::open(&clean_db).unwrap().stats().unwrap();
    assert_eq!(reference.documents, 24);

    let db = tmp.path().join("db");
    let mut seed: u64 = 0x9e3779b97f4a7c15;
    let mut partial_seen = false;
    for round in 0..6 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let delay = Duration::from_micros(seed % (full.as_micros() as u64).max(1000));
        let mut child = add(&db, &corpus);
        std::thread::sleep(delay);
        let _ = child.kill();
        let _ = child.wait();
        let published = check_reader(&db);
        let n = check_consistent(&db, &pipeline);
        assert!(published.is_none_or(|p| p <= n), "{published:?} > {n}");
        partial_seen |= n > 0 && n < 24;
        eprintln!(
            "round {round}: killed after {delay:?}, {n} documents stored, {published:?} published"
        );
    }
    // Finish the job: the graph equals the clean run's.
    assert!(add(&db, &corpus).wait().unwrap().success());
    let store = Store::open(&db).unwrap();
    let s = store.stats().unwrap();
    assert_eq!(
        (s.documents, s.nodes, s.edges, s.provenance),
        (
            reference.documents,
            reference.nodes,
            reference.edges,
            reference.provenance
        )
    );
    assert!(store.verify().unwrap().is_empty());
    eprintln!("a kill landed mid-add: {partial_seen}");
}
