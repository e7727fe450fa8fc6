//! Store round trips: incremental add (new, unchanged, changed), exact
//! removal of what only one document supported, shared nodes kept while
//! another document supports them, reindex, and the store's invariants.

use std::path::Path;

use ptkg::ingest::{self, Outcome};
use ptkg::model::{NodeKey, NodeKind};
use ptkg::{CompiledRuleSet, Pipeline, Store};

const SPEECH_A: &str = "在临江区经济工作会议上的讲话\n一、项目建设要聚力攻坚\n区委、区政府决定加快建设临江智慧物流产业园,推动新材料和智能制造发展。\n";
const SPEECH_B: &str = "在青山区务虚会上的讲话\n一、招商引资要有新突破\n区委要求启动青山湖生态修复工程,发展现代服务业。\n";
const SPEECH_A2: &str = "在临江区经济工作会议上的讲话\n一、项目建设要聚力攻坚\n区政府决定启动白沙数字小镇,发展现代服务业。\n";

fn setup() -> (tempfile::TempDir, Store, Pipeline) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("db")).unwrap();
    let pipeline = Pipeline::new(CompiledRuleSet::defaults().unwrap());
    (dir, store, pipeline)
}

fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

fn has(store: &Store, kind: NodeKind, name: &str) -> bool {
    store.node(&NodeKey::new(kind, name)).unwrap().is_some()
}

fn outcomes(store: &Store, pipeline: &Pipeline, files: &[std::path::PathBuf]) -> Vec<Outcome> {
    let mut out = Vec::new();
    ingest::add_files(store, pipeline, files, None, |_, o| out.push(o.clone())).unwrap();
    out
}

#[test]
fn add_skip_replace_remove() {
    let (dir, store, pipeline) = setup();
    let a = write(dir.path(), "a.txt", SPEECH_A);
    let b = write(dir.path(), "b.txt", SPEECH_B);
    assert_eq!(
        outcomes(&store, &pipeline, &[a.clone(), b.clone()]),
        vec![Outcome::Added, Outcome::Added]
    );
    assert!(has(&store, NodeKind::Project, "临江智慧物流产业园"));
    assert!(has(&store, NodeKind::Organization, "区委"));
    let before = store.stats().unwrap();
    assert_eq!(before.documents, 2);

    // Unchanged: skipped, nothing written.
    assert_eq!(
        outcomes(&store, &pipeline, &[a.clone(), b.clone()]),
        vec![Outcome::Unchanged, Outcome::Unchanged]
    );
    assert_eq!(store.stats().unwrap().provenance, before.provenance);

    // Changed: old facts replaced.
    std::fs::write(&a, SPEECH_A2).unwrap();
    assert_eq!(
        outcomes(&store, &pipeline, std::slice::from_ref(&a)),
        vec![Outcome::Replaced]
    );
    assert!(
        !has(&store, NodeKind::Project, "临江智慧物流产业园"),
        "fact only the old text supported"
    );
    assert!(has(&store, NodeKind::Project, "白沙数字小镇"));
    // 区委 is still supported by b.txt even though a.txt no longer says it.
    assert!(has(&store, NodeKind::Organization, "区委"));
    assert!(
        store.verify().unwrap().is_empty(),
        "{:?}",
        store.verify().unwrap()
    );

    // Remove b: 区委 loses its last support, 现代服务业 keeps a.txt's.
    let removed = ingest::remove(&store, &ptkg::extract::display_path(&b)).unwrap();
    assert_eq!(removed.len(), 1);
    assert!(!has(&store, NodeKind::Organization, "区委"));
    assert!(!has(&store, NodeKind::Project, "青山湖生态修复工程"));
    assert!(has(&store, NodeKind::Sector, "现代服务业"));
    assert!(store.verify().unwrap().is_empty());

    // Remove the last document: nothing is left but meta.
    ingest::remove(&store, &ptkg::extract::display_path(&a)).unwrap();
    let s = store.stats().unwrap();
    assert_eq!((s.documents, s.nodes, s.edges, s.provenance), (0, 0, 0, 0));
}

#[test]
fn removing_an_unknown_path_removes_nothing() {
    let (dir, store, pipeline) = setup();
    let a = write(dir.path(), "a.txt", SPEECH_A);
    outcomes(&store, &pipeline, &[a]);
    assert!(ingest::remove(&store, "no/such.txt").unwrap().is_empty());
    assert_eq!(store.stats().unwrap().documents, 1);
}

#[test]
fn removing_a_folder_removes_every_document_under_it() {
    let (dir, store, pipeline) = setup();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    let a = write(&dir.path().join("sub"), "a.txt", SPEECH_A);
    let b = write(&dir.path().join("sub"), "b.txt", SPEECH_B);
    outcomes(&store, &pipeline, &[a, b]);
    let folder = ptkg::extract::display_path(&dir.path().join("sub"));
    assert_eq!(ingest::remove(&store, &folder).unwrap().len(), 2);
    assert_eq!(store.stats().unwrap().nodes, 0);
}

#[test]
fn anonymised_names_never_merge_across_speeches() {
    let (dir, store, pipeline) = setup();
    let a = write(
        dir.path(),
        "a.txt",
        "XX区委召开会议,XX区要加快发展现代服务业。\n",
    );
    let b = write(
        dir.path(),
        "b.txt",
        "XX区委召开全会,XX区要推动旅游业发展。\n",
    );
    outcomes(&store, &pipeline, &[a, b]);
    let districts: Vec<_> = store
        .nodes_of_kind(NodeKind::District)
        .unwrap()
        .into_iter()
        .filter(|(_, r)| r.name == "XX区")
        .collect();
    assert_eq!(districts.len(), 2, "one XX区 per speech");
}

#[test]
fn reindex_applies_new_rules_to_stored_text() {
    let (dir, store, pipeline) = setup();
    let a = write(dir.path(), "a.txt", SPEECH_A);
    outcomes(&store, &pipeline, &[a]);
    assert!(!has(&store, NodeKind::Sector, "智慧物流"));
    // A user rule folder adding a sector word.
    let rules = dir.path().join("rules");
    std::fs::create_dir(&rules).unwrap();
    std::fs::write(
        rules.join("extra.toml"),
        r#"[[rule]]
id = "sector-smart-logistics"
kind = "sector"
description = "Smart logistics as a sector of its own."
words = ["智慧物流"]
priority = 10
examples = [{ text = "智慧物流园", expect = ["智慧物流"] }]
"#,
    )
    .unwrap();
    let custom = Pipeline::new(CompiledRuleSet::load(Some(&rules)).unwrap());
    assert_ne!(custom.rules.hash, pipeline.rules.hash);
    // add notices the rule change but skips the unchanged document.
    let s = ingest::add_files(
        &store,
        &custom,
        &[dir.path().join("a.txt")],
        None,
        |_, _| {},
    )
    .unwrap();
    assert!(s.rules_changed);
    assert_eq!(s.unchanged, 1);
    assert_eq!(ingest::reindex(&store, &custom, |_| {}).unwrap(), 1);
    assert!(has(&store, NodeKind::Sector, "智慧物流"));
    assert_eq!(
        store.ruleset_hash().unwrap().as_deref(),
        Some(custom.rules.hash.as_str())
    );
    assert!(store.verify().unwrap().is_empty());
}

#[test]
fn store_round_trip_survives_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let a = write(dir.path(), "a.txt", SPEECH_A);
    let pipeline = Pipeline::new(CompiledRuleSet::defaults().unwrap());
    let before = {
        let store = Store::open(&db).unwrap();
        outcomes(&store, &pipeline, &[a]);
        store.stats().unwrap()
    };
    let store = Store::open(&db).unwrap();
    let after = store.stats().unwrap();
    assert_eq!(
        (before.nodes, before.edges, before.provenance),
        (after.nodes, after.edges, after.provenance)
    );
    let views = ptkg::query::show(&store, "临江智慧物流产业园", 50, 5).unwrap();
    assert_eq!(views.len(), 1);
    assert!(views[0].evidence[0].sentence.contains("临江智慧物流产业园"));
    assert!(views[0].edges.iter().any(|e| e.relation == "mentions"));
}

#[test]
fn a_second_writer_reports_the_lock_and_a_reader_reads() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let _first = Store::open(&db).unwrap();
    // sled locks per process with an OS file lock; a child process sees it.
    let ptkg = |command: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_ptkg"))
            .args([command, "--db"])
            .arg(&db)
            .output()
            .unwrap()
    };
    let out = ptkg("compact");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("locked"), "{err}");
    assert_eq!(err.lines().count(), 1, "one-line error: {err}");
    // A reader loads the snapshot the writer published: no lock.
    let out = ptkg("stats");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// One speech, one document: the same text under a second path (in the
/// same add or a later one) is another path of the stored document,
/// counted once; removing one path keeps the document while another
/// remains, and its facts then name the path that remains.
#[test]
fn the_same_text_under_two_paths_is_one_document() {
    let (dir, store, pipeline) = setup();
    let a = write(dir.path(), "a.txt", SPEECH_A);
    let b = write(dir.path(), "b.txt", SPEECH_B);
    std::fs::create_dir(dir.path().join("copy")).unwrap();
    let a2 = write(&dir.path().join("copy"), "a.txt", SPEECH_A);
    let a3 = write(dir.path(), "a3.txt", SPEECH_A);
    assert_eq!(
        outcomes(&store, &pipeline, &[a.clone(), b.clone(), a2.clone()]),
        vec![Outcome::Added, Outcome::Added, Outcome::SameText]
    );
    let once = store.stats().unwrap();
    assert_eq!(once.documents, 2);
    assert_eq!(
        outcomes(&store, &pipeline, &[a3.clone(), a2.clone()]),
        vec![Outcome::SameText, Outcome::Unchanged]
    );
    let stats = store.stats().unwrap();
    assert_eq!(
        (stats.documents, stats.nodes, stats.edges, stats.provenance),
        (once.documents, once.nodes, once.edges, once.provenance)
    );
    let (pa, pa2, pa3) = (
        ptkg::extract::display_path(&a),
        ptkg::extract::display_path(&a2),
        ptkg::extract::display_path(&a3),
    );
    let record = store.document_by_path(&pa2).unwrap().unwrap();
    assert_eq!(
        (record.path.as_str(), &record.also[..]),
        (pa.as_str(), &[pa2.clone(), pa3.clone()][..])
    );
    assert!(store.verify().unwrap().is_empty(), "{:?}", store.verify());

    // Removing the path the facts name moves them to the next path.
    assert_eq!(ingest::remove(&store, &pa).unwrap(), vec![pa.clone()]);
    assert_eq!(store.stats().unwrap().documents, 2);
    assert!(store.document_by_path(&pa).unwrap().is_none());
    let record = store.document_by_path(&pa3).unwrap().unwrap();
    assert_eq!(
        (record.path.as_str(), &record.also[..]),
        (pa2.as_str(), &[pa3.clone()][..])
    );
    let speech = ptkg::query::list(&store, NodeKind::Speech).unwrap();
    let row = speech.iter().find(|r| r.paths.contains(&pa2)).unwrap();
    let mut both = vec![pa2.clone(), pa3.clone()];
    both.sort();
    assert_eq!(row.paths, both);
    assert!(has(&store, NodeKind::Project, "临江智慧物流产业园"));
    assert!(store.verify().unwrap().is_empty(), "{:?}", store.verify());

    // Another path goes: the document stays. The last one: it leaves.
    ingest::remove(&store, &pa3).unwrap();
    assert_eq!(store.stats().unwrap().documents, 2);
    ingest::remove(&store, &pa2).unwrap();
    assert_eq!(store.stats().unwrap().documents, 1);
    assert!(!has(&store, NodeKind::Project, "临江智慧物流产业园"));
    assert!(store.verify().unwrap().is_empty(), "{:?}", store.verify());

    // A path that held a copy and now holds other text: the copy's
    // document keeps its other paths, the path gets its own document.
    outcomes(&store, &pipeline, &[a.clone(), a2.clone()]);
    std::fs::write(&a2, SPEECH_A2).unwrap();
    assert_eq!(
        outcomes(&store, &pipeline, std::slice::from_ref(&a2)),
        vec![Outcome::Replaced]
    );
    assert_eq!(store.stats().unwrap().documents, 3);
    assert!(store
        .document_by_path(&pa)
        .unwrap()
        .unwrap()
        .also
        .is_empty());
    assert!(store.verify().unwrap().is_empty(), "{:?}", store.verify());

    // Reindex rewrites a document with two paths as one document with both
    // (it used to move the document to its second path and store it again
    // under the first: two documents, one without its path row).
    outcomes(&store, &pipeline, std::slice::from_ref(&a3));
    let before = store.stats().unwrap();
    ingest::reindex(&store, &pipeline, |_| {}).unwrap();
    let after = store.stats().unwrap();
    assert_eq!(
        (after.documents, after.nodes, after.edges, after.provenance),
        (
            before.documents,
            before.nodes,
            before.edges,
            before.provenance
        )
    );
    let record = store.document_by_path(&pa3).unwrap().unwrap();
    assert_eq!(
        (record.path.as_str(), &record.also[..]),
        (pa.as_str(), &[pa3.clone()][..])
    );
    assert!(store.verify().unwrap().is_empty(), "{:?}", store.verify());
}
