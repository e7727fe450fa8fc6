//! `query serves` and `query targets --metric` read ordered index entries
//! and counters instead of every slice. Here their pages and totals are
//! checked against the plain answer computed from the slices, on a
//! generated store that has also seen a duplicated speech (one text under
//! two paths), a replaced document, a removed one and several commits.
//! (A unit test, not an integration test: the plain answer reads the
//! store's slices, which only the crate sees.)

#[path = "../../examples/gen_corpus.rs"]
mod gen_corpus;

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use super::{serves, targets, EvidenceReader, ServesRow, TargetFilter, TargetRow};
use crate::extract::{display_path, Pipeline};
use crate::model::{Basis, NodeKey, NodeKind, Relation};
use crate::rules::CompiledRuleSet;
use crate::store::{doc_facts, DocRecord, EncodedDocument, Evidence, Store};

/// The serves answer from the slices: every edge into a goal (and, with
/// `goal`, into its members), merged over documents, sorted.
fn serves_from_slices(
    store: &Store,
    goal: Option<&str>,
    measure: Option<&str>,
    basis: Option<&str>,
) -> Vec<ServesRow> {
    struct Hit {
        goal: String,
        measure: String,
        basis: Option<Basis>,
        weight: f64,
        docs: BTreeSet<u64>,
        first: Evidence,
    }
    let basis = basis.map(|b| Basis::parse(b).unwrap());
    let mut queue: Vec<(NodeKey, String)> = store
        .shared_nodes(NodeKind::Goal)
        .unwrap()
        .into_iter()
        .filter(|(_, r)| goal.is_none_or(|g| r.name.contains(g)))
        .map(|(k, r)| (k, r.name))
        .collect();
    let mut seen = std::collections::HashSet::new();
    let mut hits: HashMap<(NodeKey, Relation, NodeKey), Hit> = HashMap::new();
    while let Some((gkey, gname)) = queue.pop() {
        if !seen.insert(gkey.clone()) {
            continue;
        }
        for g in store.name_in_documents(&gkey) {
            let g = g.unwrap();
            for i in g.incoming() {
                if !matches!(i.relation, Relation::Serves | Relation::MemberOf) {
                    continue;
                }
                let member = i.relation == Relation::MemberOf;
                let shown = i.shown_basis();
                if basis.is_some_and(|b| Some(b) != shown) {
                    continue;
                }
                if !member && measure.is_some_and(|m| !i.other_record.name.contains(m)) {
                    continue;
                }
                if member && goal.is_some() && i.other.kind == NodeKind::Goal {
                    queue.push((i.other.clone(), i.other_record.name.clone()));
                }
                hits.entry((gkey.clone(), i.relation, i.other.clone()))
                    .or_insert_with(|| Hit {
                        goal: gname.clone(),
                        measure: i.other_record.name.clone(),
                        basis: shown,
                        weight: i.serves_weight(),
                        docs: BTreeSet::new(),
                        first: i.evidence.clone(),
                    })
                    .docs
                    .insert(g.doc);
            }
        }
    }
    let weight = |h: &Hit| h.weight * h.docs.len() as f64;
    let mut hits: Vec<Hit> = hits.into_values().collect();
    hits.sort_by(|a, b| {
        a.goal
            .cmp(&b.goal)
            .then(weight(b).partial_cmp(&weight(a)).unwrap())
            .then(a.measure.cmp(&b.measure))
            .then(a.first.doc_id.cmp(&b.first.doc_id))
            .then(a.first.start.cmp(&b.first.start))
    });
    let mut reader = EvidenceReader::new(store);
    hits.into_iter()
        .map(|h| {
            let w = weight(&h);
            let view = reader.view(h.first).unwrap();
            ServesRow {
                goal: h.goal,
                measure: h.measure,
                basis: h.basis.map_or("", |b| b.as_str()).to_string(),
                weight: w,
                speeches: h.docs.len(),
                document: view.document,
                evidence: view.sentence,
            }
        })
        .collect()
}

type TargetKey = (String, Option<i32>, String, String, u32, String);

/// The targets of metrics containing `filter.metric`, from the slices.
fn targets_from_slices(store: &Store, filter: &TargetFilter) -> Vec<TargetKey> {
    let name = filter.metric.as_deref().unwrap();
    let mut out = Vec::new();
    for (mkey, row) in store.shared_nodes(NodeKind::Metric).unwrap() {
        let named = if filter.like {
            row.name.contains(name)
        } else {
            row.name == name
        };
        if !named {
            continue;
        }
        for m in store.name_in_documents(&mkey) {
            let m = m.unwrap();
            let path = store.doc_by_id(m.doc).unwrap().unwrap().path;
            // Slices carry the other end's name only; the figures are in
            // the book.
            let book = store.book(m.doc).unwrap().unwrap();
            for i in m.incoming() {
                let f = book.node(&i.other).unwrap().target.clone().unwrap().figures;
                if i.relation != Relation::OfMetric
                    || filter.status.is_some_and(|s| s != f.status)
                    || filter.year.is_some_and(|y| Some(y) != f.year)
                {
                    continue;
                }
                out.push((
                    f.metric,
                    f.year,
                    f.jurisdiction.unwrap_or_default(),
                    path.clone(),
                    i.evidence.start,
                    f.value_text,
                ));
            }
        }
    }
    out.sort();
    out
}

fn target_keys(rows: &[TargetRow]) -> Vec<TargetKey> {
    rows.iter()
        .map(|r| {
            (
                r.figures.metric.clone(),
                r.figures.year,
                r.figures.jurisdiction.clone().unwrap_or_default(),
                r.document.clone(),
                r.start,
                r.figures.value_text.clone(),
            )
        })
        .collect()
}

/// Rows as comparable strings: the order of the sort keys must agree
/// exactly; rows equal on every key may come in either order.
fn serves_keys(rows: &[ServesRow]) -> Vec<String> {
    rows.iter()
        .map(|r| format!("{}|{:.3}|{}", r.goal, r.weight, r.measure))
        .collect()
}

fn serves_set(rows: &[ServesRow]) -> Vec<String> {
    let mut v: Vec<String> = rows
        .iter()
        .map(|r| serde_json::to_string(r).unwrap())
        .collect();
    v.sort();
    v
}

/// Extracts and stores `files`, committing every `every` documents.
fn add(store: &Store, pipeline: &Pipeline, files: &[PathBuf], every: Option<usize>) {
    let mut writer = store.writer();
    writer.commit_every(every);
    for f in files {
        let (source, hash, ex) = pipeline.extract_file(f).unwrap();
        let chars = source.text.chars().count();
        let record = DocRecord {
            path: display_path(f),
            hash,
            chars,
            ..DocRecord::default()
        };
        let book = doc_facts(&ex, chars);
        writer
            .put(EncodedDocument::new(record, &source.text, &book).unwrap())
            .unwrap();
    }
    writer.commit().unwrap();
}

fn build_store(dir: &Path) -> Store {
    let corpus = dir.join("corpus");
    gen_corpus::write_corpus(&corpus, 40, gen_corpus::DEFAULT_SEED).unwrap();
    let mut files: Vec<_> = walk(&corpus);
    files.sort();
    // One speech under a second path: one document with two paths.
    let copy = dir.join("copy_of_first.txt");
    std::fs::copy(&files[0], &copy).unwrap();
    let store = Store::open(&dir.join("db")).unwrap();
    let pipeline = Pipeline::new(CompiledRuleSet::defaults().unwrap());
    // Several commits, so entries come from several runs.
    add(&store, &pipeline, &files[..25], Some(7));
    add(&store, &pipeline, &files[25..], None);
    add(&store, &pipeline, &[copy], None);
    // The bundled examples: slogans with members (四大攻坚行动).
    let examples = walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples"));
    add(&store, &pipeline, &examples, None);
    // A changed document (new id, old entries dead) and a removed one.
    let changed = (1..files.len())
        .find(|&i| std::fs::read_to_string(&files[i]).is_ok())
        .unwrap();
    let text = std::fs::read_to_string(&files[changed]).unwrap();
    std::fs::write(
        &files[changed],
        text.replacen('。', "。推动高质量发展。", 3),
    )
    .unwrap();
    add(&store, &pipeline, &files[changed..=changed], None);
    let removed = display_path(&files[changed + 1]);
    assert!(store.remove_document(&removed).unwrap());
    assert!(store.verify().unwrap().is_empty());
    // The copy is another path of the first speech, not a second document.
    assert!(store.duplicated_speeches().unwrap().is_empty());
    let first = store.document_by_path(&display_path(&files[0])).unwrap();
    assert_eq!(
        first.unwrap().also,
        [display_path(&dir.join("copy_of_first.txt"))]
    );
    store
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else if p.extension().is_some_and(|x| x == "txt" || x == "html") {
            out.push(p);
        }
    }
    out
}

fn check_serves(store: &Store) {
    let serves_cases: [(Option<&str>, Option<&str>, Option<&str>); 8] = [
        (Some("攻坚行动"), None, None),
        (Some("攻坚行动"), Some("推进"), None),
        (None, None, None),
        (Some("高质量发展"), None, None),
        (Some("高质量发展"), None, Some("structure")),
        (None, Some("建设"), None),
        (None, None, Some("member")),
        (Some("新"), Some("推进"), Some("phrase")),
    ];
    for (goal, measure, basis) in serves_cases {
        let case = format!("{goal:?} {measure:?} {basis:?}");
        let want = serves_from_slices(store, goal, measure, basis);
        assert!(!want.is_empty(), "{case}: empty case");
        let all = serves(store, goal, true, measure, basis, 0).unwrap();
        assert_eq!(all.total, want.len(), "{case}: total");
        assert_eq!(serves_keys(&all.rows), serves_keys(&want), "{case}");
        assert_eq!(serves_set(&all.rows), serves_set(&want), "{case}");
        let page = serves(store, goal, true, measure, basis, 30).unwrap();
        assert_eq!(page.total, want.len(), "{case}: page total");
        assert_eq!(
            serves_keys(&page.rows),
            serves_keys(&want[..30.min(want.len())]),
            "{case}: page"
        );
    }
}

fn check_targets(store: &Store) {
    let metric = |m: &str| TargetFilter {
        metric: Some(m.into()),
        ..TargetFilter::default()
    };
    let target_cases = [
        metric("地区生产总值"),
        // A part of names: every metric holding it.
        TargetFilter {
            like: true,
            ..metric("增加值")
        },
        TargetFilter {
            like: true,
            ..metric("地区生产总值")
        },
        TargetFilter {
            status: Some(crate::model::Status::Target),
            ..metric("地区生产总值")
        },
        TargetFilter {
            year: Some(2021),
            ..metric("地区生产总值")
        },
    ];
    for filter in target_cases {
        let want = targets_from_slices(store, &filter);
        assert!(!want.is_empty(), "{filter:?}: empty case");
        let all = targets(store, &filter, 0).unwrap();
        assert_eq!(all.total, want.len(), "{filter:?}");
        assert_eq!(target_keys(&all.rows), want, "{filter:?}");
        let page = targets(store, &filter, 25).unwrap();
        assert_eq!(page.total, want.len(), "{filter:?}");
        assert_eq!(
            target_keys(&page.rows),
            want[..25.min(want.len())],
            "{filter:?}"
        );
    }
}

#[test]
fn index_pages_and_totals_equal_the_answer_from_slices() {
    let tmp = tempfile::tempdir().unwrap();
    let store = build_store(tmp.path());
    check_serves(&store);
    check_targets(&store);
    // Merging every run drops the dead documents' entries and changes no
    // answer.
    let before = serves(&store, Some("高质量发展"), false, None, None, 0).unwrap();
    store.compact().unwrap();
    assert_eq!(store.run_files().unwrap().0, 2);
    assert!(store.verify().unwrap().is_empty());
    assert_eq!(store.dead_documents(), 0);
    let after = serves(&store, Some("高质量发展"), false, None, None, 0).unwrap();
    assert_eq!(serves_set(&after.rows), serves_set(&before.rows));
    assert_eq!(after.total, before.total);
}
