//! `ptkg list KIND`: every node of one kind, most mentioned first, from
//! the store's node counts.

use serde::Serialize;

use crate::error::Result;
use crate::model::NodeKind;
use crate::store::Store;

/// One row of `ptkg list KIND`.
#[derive(Debug, Clone, Serialize)]
pub struct ListRow {
    pub kind: NodeKind,
    pub name: String,
    pub documents: usize,
    pub mentions: usize,
    /// For a speech: the paths of the documents by that name (a document
    /// added under several paths lists them all).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub paths: Vec<String>,
}

/// Every node of `kind`, most mentioned first. Shared names read their
/// counters; speeches, sections, measures and targets are counted in the
/// books.
pub fn list(store: &Store, kind: NodeKind) -> Result<Vec<ListRow>> {
    let mut rows: Vec<ListRow> = store
        .node_counts(kind)?
        .into_iter()
        .map(|c| ListRow {
            kind,
            name: c.name,
            documents: c.documents,
            mentions: c.mentions,
            paths: Vec::new(),
        })
        .collect();
    if kind == NodeKind::Speech {
        let mut paths: std::collections::HashMap<String, Vec<String>> = Default::default();
        for d in store.docs()? {
            let name = if d.title.is_empty() {
                d.path.clone()
            } else {
                d.title.clone()
            };
            paths
                .entry(name)
                .or_default()
                .extend(std::iter::once(d.path).chain(d.also));
        }
        for r in &mut rows {
            r.paths = paths.remove(&r.name).unwrap_or_default();
            r.paths.sort();
        }
    }
    rows.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.name.cmp(&b.name)));
    Ok(rows)
}
