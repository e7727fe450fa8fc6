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
        })
        .collect();
    rows.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.name.cmp(&b.name)));
    Ok(rows)
}
