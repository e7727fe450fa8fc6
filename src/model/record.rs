//! What the graph view keeps for a node and for an edge: a node's display
//! name and its attributes as the exporters print them, an edge's relation
//! and the basis it rests on.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Basis, NodeKind, Relation};

/// A node as the graph view and the exporters see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NodeRecord {
    pub kind: NodeKind,
    /// Display name (for anonymised names, without the speech suffix).
    pub name: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attrs: BTreeMap<String, String>,
}

/// An edge as the graph view and the exporters see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EdgeRecord {
    pub relation: Relation,
    /// What the edge rests on; `None` for edges that need no reason
    /// (mentions, a target's metric).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<Basis>,
}

impl EdgeRecord {
    /// The basis as exported: its name, or empty.
    pub fn basis_str(&self) -> &'static str {
        self.basis.map_or("", Basis::as_str)
    }
}
