//! A model-based test of the store (issue 16 item 9): random sequences of
//! add, replace, remove, compact and reindex on a small corpus, and after
//! every step every query's answer compared with the model's. The model is
//! the map path → text the steps leave; its answers are those of a fresh
//! store built from that map alone. Both must agree on everything that does
//! not depend on the history (store ids, which of two paths of one text a
//! fact names): counts, nodes of every kind, targets, serves, goals, and a
//! sound `verify`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use ptkg::ingest;
use ptkg::model::NodeKind;
use ptkg::query::TargetFilter;
use ptkg::{CompiledRuleSet, Pipeline, Store};

/// Speeches of our own that share names (区委, 现代服务业, 高质量发展),
/// so removing one keeps what another supports.
const TEXTS: &[&str] = &[
    "在临江区经济工作会议上的讲话\n一、项目建设要聚力攻坚\n区委、区政府决定加快建设临江智慧物流产业园,推动高质量发展。全年地区生产总值增长6%左右。\n",
    "在青山区务虚会上的讲话\n一、招商引资要有新突破\n区委要求启动青山湖生态修复工程,发展现代服务业,推动高质量发展。新签约亿元以上项目至少20个。\n",
    "在临江区经济工作会议上的讲话\n一、项目建设要聚力攻坚\n区政府决定启动白沙数字小镇,发展现代服务业。一般公共预算收入增长5%。\n",
    "桃源镇2023年政府工作报告\n一、2022年工作回顾\n全镇完成固定资产投资12亿元,增长8%。\n二、2023年工作安排\n围绕乡村振兴,加快建设桃源现代农业产业园,力争固定资产投资增长10%。\n",
];

const PATHS: usize = 4;

#[derive(Debug, Clone)]
enum Step {
    /// Write text `1` at path `0` and add it (new, replaced, unchanged, or
    /// the same text as another path).
    Put(usize, usize),
    Remove(usize),
    Compact,
    Reindex,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        6 => (0..PATHS, 0..TEXTS.len()).prop_map(|(p, t)| Step::Put(p, t)),
        3 => (0..PATHS).prop_map(Step::Remove),
        1 => Just(Step::Compact),
        1 => Just(Step::Reindex),
    ]
}

fn pipeline() -> &'static Pipeline {
    static PIPELINE: std::sync::OnceLock<Pipeline> = std::sync::OnceLock::new();
    PIPELINE.get_or_init(|| Pipeline::new(CompiledRuleSet::defaults().unwrap()))
}

fn path_of(dir: &Path, p: usize) -> PathBuf {
    dir.join(format!("speech{p}.txt"))
}

/// Adds `files` (written beforehand) to `store`.
fn add(store: &Store, files: &[PathBuf]) {
    ingest::add_files(store, pipeline(), files, None, |_, _| {}).unwrap();
}

fn apply(store: &Store, dir: &Path, model: &mut BTreeMap<usize, usize>, step: &Step) {
    match *step {
        Step::Put(p, t) => {
            std::fs::write(path_of(dir, p), TEXTS[t]).unwrap();
            add(store, &[path_of(dir, p)]);
            model.insert(p, t);
        }
        Step::Remove(p) => {
            ingest::remove(store, &ptkg::extract::display_path(&path_of(dir, p))).unwrap();
            model.remove(&p);
        }
        Step::Compact => store.compact().unwrap(),
        Step::Reindex => {
            ingest::reindex(store, pipeline(), |_| {}).unwrap();
        }
    }
}

/// Drops the fields that name a document or its evidence: which of the
/// paths of one text, or which supporting document, a row shows depends
/// on the history, not on what the store holds.
fn without_documents(mut v: serde_json::Value) -> serde_json::Value {
    if let Some(map) = v.as_object_mut() {
        for key in ["document", "evidence", "start", "end"] {
            map.remove(key);
        }
        for value in map.values_mut() {
            *value = without_documents(value.take());
        }
    }
    v
}

fn sorted_json<T: serde::Serialize>(rows: &[T]) -> Vec<String> {
    let mut out: Vec<String> = rows
        .iter()
        .map(|r| without_documents(serde_json::to_value(r).unwrap()).to_string())
        .collect();
    out.sort();
    out
}

/// Every answer that does not depend on the history.
fn answers(store: &Store) -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    let stats = store.stats().unwrap();
    out.insert(
        "stats".into(),
        vec![format!(
            "{} documents, {} nodes, {} edges, {} provenance, {:?}, {:?}",
            stats.documents,
            stats.nodes,
            stats.edges,
            stats.provenance,
            stats.nodes_by_kind,
            stats.edges_by_relation
        )],
    );
    for kind in NodeKind::ALL {
        if *kind == NodeKind::Speech {
            continue;
        }
        let mut names: Vec<String> = store
            .nodes_of_kind(*kind)
            .unwrap()
            .into_iter()
            .map(|(key, record)| format!("{key:?} {}", record.name))
            .collect();
        names.sort();
        out.insert(format!("{kind:?}"), names);
    }
    let targets = ptkg::query::targets(store, &TargetFilter::default(), 0).unwrap();
    out.insert("targets".into(), sorted_json(&targets.rows));
    let serves = ptkg::query::serves(store, None, false, None, None, 0).unwrap();
    out.insert("serves".into(), sorted_json(&serves.rows));
    out.insert(
        "goals".into(),
        sorted_json(&ptkg::query::goals(store).unwrap()),
    );
    let problems = store.verify().unwrap();
    out.insert(
        "verify".into(),
        problems.iter().map(|p| format!("{p:?}")).collect(),
    );
    out
}

/// A fresh store holding exactly the model's documents.
fn model_answers(model: &BTreeMap<usize, usize>) -> BTreeMap<String, Vec<String>> {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("db")).unwrap();
    let files: Vec<PathBuf> = model
        .iter()
        .map(|(p, t)| {
            std::fs::write(path_of(dir.path(), *p), TEXTS[*t]).unwrap();
            path_of(dir.path(), *p)
        })
        .collect();
    if !files.is_empty() {
        add(&store, &files);
    }
    answers(&store)
}

proptest! {
    // Each case builds a fresh store per step: few cases, short sequences
    // (PROPTEST_CASES=N runs more).
    #![proptest_config(ProptestConfig { cases: 8, ..ProptestConfig::default() })]
    #[test]
    fn every_answer_matches_a_store_built_from_the_same_documents(
        steps in proptest::collection::vec(step(), 1..7)
    ) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db")).unwrap();
        let mut model = BTreeMap::new();
        for (i, s) in steps.iter().enumerate() {
            apply(&store, dir.path(), &mut model, s);
            let got = answers(&store);
            prop_assert!(got["verify"].is_empty(), "after step {i} {s:?}: {:?}", got["verify"]);
            // A reader (the snapshot the writer published) sees the same.
            let reader = Store::open_read_only(&dir.path().join("db")).unwrap();
            prop_assert!(reader.is_read_only());
            prop_assert_eq!(&answers(&reader), &got, "a reader after step {} {:?}", i, s);
            let want = model_answers(&model);
            for (what, rows) in &want {
                prop_assert_eq!(&got[what], rows, "{} after steps {:?}", what, &steps[..=i]);
            }
        }
    }
}
