//! `ptkg list KIND`: every node of one kind, most mentioned first, from
//! the store's node counts; speeches one row per stored document, with
//! its id, paths, date and jurisdiction.

use serde::Serialize;

use super::resolve::{speech_id, SpeechTitles};
use crate::error::Result;
use crate::model::{is_anonymised, NodeKind};
use crate::store::Store;

/// One row of `ptkg list KIND`.
#[derive(Debug, Clone, Serialize)]
pub struct ListRow {
    pub kind: NodeKind,
    pub name: String,
    pub documents: usize,
    pub mentions: usize,
    /// For a speech: the paths of the document (a document added under
    /// several paths lists them all).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub paths: Vec<String>,
    /// For a speech: its id (`ptkg show ID`, `--doc ID`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub jurisdiction: Option<String>,
    /// For an anonymised name (XX区): the title of the speech it stands in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speech: Option<String>,
}

impl ListRow {
    /// The name as a table shows it: an anonymised one with its speech.
    pub fn shown(&self) -> String {
        match &self.speech {
            Some(title) => format!("{} ({})", self.name, super::short_title(title)),
            None => self.name.clone(),
        }
    }
}

/// Every node of `kind`, most mentioned first. Shared names read their
/// counters; speeches are the stored documents; sections, measures and
/// targets are counted in the books.
pub fn list(store: &Store, kind: NodeKind) -> Result<Vec<ListRow>> {
    if kind == NodeKind::Speech {
        return speeches(store);
    }
    let row = |name: String, documents: usize, mentions: usize| ListRow {
        kind,
        name,
        documents,
        mentions,
        paths: Vec::new(),
        id: None,
        date: None,
        jurisdiction: None,
        speech: None,
    };
    let mut rows: Vec<ListRow> = if kind.is_speech_local() {
        store
            .node_counts(kind)?
            .into_iter()
            .map(|c| row(c.name, c.documents, c.mentions))
            .collect()
    } else {
        let nodes = store.shared_nodes(kind)?;
        // The documents are read only when an anonymised name needs a title.
        let titles = if nodes.iter().any(|(_, c)| is_anonymised(&c.name)) {
            SpeechTitles::read(store)?
        } else {
            SpeechTitles::default()
        };
        nodes
            .into_iter()
            .map(|(key, c)| {
                let mut r = row(c.name, c.documents as usize, c.mentions as usize);
                if is_anonymised(&r.name) {
                    r.speech = titles.title_of(&key.id).map(str::to_string);
                }
                r
            })
            .collect()
    };
    rows.sort_by(|a, b| {
        b.mentions
            .cmp(&a.mentions)
            .then(a.name.cmp(&b.name))
            .then(a.speech.cmp(&b.speech))
    });
    Ok(rows)
}

/// One row per stored document, by date then title.
fn speeches(store: &Store) -> Result<Vec<ListRow>> {
    let mut rows: Vec<ListRow> = store
        .docs()?
        .into_iter()
        .map(|d| {
            let mut paths: Vec<String> = std::iter::once(d.path.clone()).chain(d.also).collect();
            paths.sort();
            ListRow {
                kind: NodeKind::Speech,
                name: if d.title.is_empty() {
                    d.path.clone()
                } else {
                    d.title.clone()
                },
                documents: 1,
                mentions: 1,
                paths,
                id: Some(speech_id(&d.hash).to_string()),
                date: d.date,
                jurisdiction: d.jurisdiction,
                speech: None,
            }
        })
        .collect();
    rows.sort_by(|a, b| a.date.cmp(&b.date).then(a.name.cmp(&b.name)));
    Ok(rows)
}
