//! Small stores for the store's and the queries' unit tests, built
//! through the pipeline from a few lines of speech.

use std::path::Path;

use super::book::Book;
use super::facts::doc_facts;
use super::{DocRecord, Store};

/// A store with one document about 临江区 (`a.txt`), built through the
/// pipeline.
pub(crate) fn one_document_store(dir: &Path) -> Store {
    store_of(dir, &[("a.txt", "在临江区经济工作会议上的讲话\n一、项目建设要聚力攻坚\n区委决定加快建设临江智慧物流产业园,推动高质量发展。\n")])
}

/// The record and book of `text` at `path`, through the pipeline.
pub(crate) fn record_and_book(path: &str, text: &str) -> (DocRecord, Book) {
    let pipeline =
        crate::extract::Pipeline::new(crate::rules::CompiledRuleSet::defaults().unwrap());
    let hash = crate::document::content_hash(text.as_bytes());
    let ex = pipeline.extract_text(path, &hash, text);
    let record = DocRecord {
        path: path.to_string(),
        hash,
        ..DocRecord::default()
    };
    (record, doc_facts(&ex, text.chars().count()))
}

/// A store holding `docs` (path, text), each stored on its own.
pub(crate) fn store_of(dir: &Path, docs: &[(&str, &str)]) -> Store {
    let store = Store::open(&dir.join("db")).unwrap();
    for (path, text) in docs {
        let (record, book) = record_and_book(path, text);
        store.put_document(&record, text, &book).unwrap();
    }
    assert!(store.verify().unwrap().is_empty());
    store
}
