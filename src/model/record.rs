//! What the store keeps for a node and for an edge.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{NodeKind, Relation};

/// What the store keeps for a node.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NodeRecord {
    pub kind: NodeKind,
    /// Display name (for anonymised names, without the speech suffix).
    pub name: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attrs: BTreeMap<String, String>,
}

/// What the store keeps for an edge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EdgeRecord {
    pub relation: Relation,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub basis: String,
}
