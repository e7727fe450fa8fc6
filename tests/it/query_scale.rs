//! `query serves` on a store large enough that the query prunes weak rows
//! while reading (more than a few thousand serves rows): the first page and
//! the "showing N of M" total must agree with the full answer. Uses the
//! project's own corpus generator (examples/gen_corpus.rs), whose speeches
//! repeat goals and slogans across documents as real ones do.

use crate::common;

use crate::gen_corpus;

use common::{ptkg, stderr};

#[test]
fn serves_page_and_total_agree_with_the_full_answer_after_pruning() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    gen_corpus::write_corpus(&corpus, 40, gen_corpus::DEFAULT_SEED).unwrap();
    let db = tmp.path().join("db");
    let o = ptkg(&db, &["add", "--quiet", corpus.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let rows = |limit: &str| -> (Vec<serde_json::Value>, String) {
        let o = ptkg(
            &db,
            &["query", "serves", "--limit", limit, "--format", "json"],
        );
        assert!(o.status.success(), "{}", stderr(&o));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        (v.as_array().unwrap().clone(), stderr(&o))
    };
    let (all, _) = rows("0");
    // Enough rows that the reader pruned (it keeps 4 × max(limit, 512)).
    assert!(all.len() > 4 * 512, "only {} rows", all.len());
    let (page, note) = rows("100");
    assert_eq!(page[..], all[..100]);
    assert!(
        note.contains(&format!("showing 100 of {} rows", all.len())),
        "{note}"
    );
}
