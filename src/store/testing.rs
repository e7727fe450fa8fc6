//! Small stores for the store's and the queries' unit tests, built
//! through the pipeline from a few lines of speech.

use std::path::Path;

use super::facts::doc_facts;
use super::{DocRecord, Store};

/// A store with one document about 临江区 (`a.txt`), built through the
/// pipeline.
pub(crate) fn one_document_store(dir: &Path) -> Store {
    store_of(dir, &[("a.txt", "在临江区经济工作会议上的讲话\n一、项目建设要聚力攻坚\n区委决定加快建设临江智慧物流产业园,推动高质量发展。\n")])
}

/// A store holding `docs` (path, text), each stored on its own.
pub(crate) fn store_of(dir: &Path, docs: &[(&str, &str)]) -> Store {
    let store = Store::open(&dir.join("db")).unwrap();
    let pipeline =
        crate::extract::Pipeline::new(crate::rules::CompiledRuleSet::defaults().unwrap());
    for (path, text) in docs {
        let hash = crate::document::content_hash(text.as_bytes());
        let ex = pipeline.extract_text(path, &hash, text);
        let record = DocRecord {
            path: path.to_string(),
            hash,
            ..DocRecord::default()
        };
        store
            .put_document(&record, text, &doc_facts(&ex, text.chars().count()))
            .unwrap();
    }
    assert!(store.verify().unwrap().is_empty());
    store
}
