//! Evidence sentences: a stored occurrence (document, span, sentence
//! span, rule) becomes the sentence it stands in, read from the document's
//! stored text with whitespace collapsed. Texts are read once and kept in a
//! small cache, since rows come grouped by document.

use std::collections::HashMap;

use serde::Serialize;

use crate::error::Result;
use crate::extract::CharIndex;
use crate::model::EdgeRecord;
use crate::store::{Evidence, Store};

/// An evidence sentence as shown.
#[derive(Debug, Clone, Serialize)]
pub struct EvidenceView {
    pub document: String,
    pub start: u32,
    pub end: u32,
    pub rule: String,
    pub sentence: String,
}

/// How many decoded texts an [`EvidenceReader`] keeps.
const TEXT_CACHE: usize = 64;

/// Reads evidence sentences back from stored texts, loading each
/// document's text once.
pub struct EvidenceReader<'s> {
    store: &'s Store,
    docs: HashMap<u64, (String, String)>,
    texts: HashMap<u64, (String, CharIndex)>,
}

impl<'s> EvidenceReader<'s> {
    pub fn new(store: &'s Store) -> EvidenceReader<'s> {
        EvidenceReader {
            store,
            docs: HashMap::new(),
            texts: HashMap::new(),
        }
    }

    /// Path and title of a document, read once.
    pub fn document(&mut self, doc_id: u64) -> Result<(&str, &str)> {
        if let std::collections::hash_map::Entry::Vacant(v) = self.docs.entry(doc_id) {
            let d = self.store.doc_by_id(doc_id)?.unwrap_or_default();
            v.insert((d.path, d.title));
        }
        let (p, t) = &self.docs[&doc_id];
        Ok((p.as_str(), t.as_str()))
    }

    /// The first statement of an edge of the graph view, when it has one:
    /// its whole sentence and document, as `query serves` shows them.
    pub fn edge(&mut self, rec: &EdgeRecord) -> Result<Option<EvidenceView>> {
        let Some(source) = rec.source else {
            return Ok(None);
        };
        self.view(Evidence {
            doc_id: source.doc_id,
            start: source.span.0,
            end: source.span.1,
            rule: String::new(),
            sentence: source.sentence,
        })
        .map(Some)
    }

    /// The sentence of a provenance row (the span itself when no sentence
    /// was recorded), whitespace collapsed.
    pub(crate) fn view(&mut self, e: Evidence) -> Result<EvidenceView> {
        if !self.texts.contains_key(&e.doc_id) && self.texts.len() >= TEXT_CACHE {
            // Rows come grouped by document; a small cache is enough and
            // keeps memory flat on a large store.
            self.texts.clear();
        }
        if let std::collections::hash_map::Entry::Vacant(v) = self.texts.entry(e.doc_id) {
            let t = self.store.text(e.doc_id)?.unwrap_or_default();
            let idx = CharIndex::new(&t);
            v.insert((t, idx));
        }
        let (text, idx) = &self.texts[&e.doc_id];
        let (s, t) = if e.sentence.1 > e.sentence.0 {
            e.sentence
        } else {
            (e.start, e.end)
        };
        let sentence: String = idx
            .slice(text, s as usize, t as usize)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let document = self.document(e.doc_id)?.0.to_string();
        Ok(EvidenceView {
            document,
            start: e.start,
            end: e.end,
            rule: e.rule,
            sentence,
        })
    }
}
