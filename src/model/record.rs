//! What the graph view keeps for a node and for an edge: a node's display
//! name and its attributes as the exporters print them, an edge's relation,
//! the basis it rests on, how many speeches state it and where the first
//! one does; and the basis and weight `query serves` and the exports show.

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
    /// How many speeches state the edge (0 when not counted).
    #[serde(default)]
    pub speeches: u32,
    /// `evidence` and `document` of its first statement, once read.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attrs: BTreeMap<String, String>,
    /// Where its first statement stands, for reading the evidence.
    #[serde(skip)]
    pub source: Option<EdgeSource>,
}

/// Where an edge is stated: a document, the span and the sentence's span
/// (character offsets).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EdgeSource {
    pub doc_id: u64,
    pub span: (u32, u32),
    pub sentence: (u32, u32),
}

impl EdgeRecord {
    /// An edge of `relation` on `basis`, not yet counted or located.
    pub fn new(relation: Relation, basis: Option<Basis>) -> EdgeRecord {
        EdgeRecord {
            relation,
            basis,
            speeches: 0,
            attrs: BTreeMap::new(),
            source: None,
        }
    }

    /// The basis as exported and as `query serves` shows it (`member` for
    /// a member edge): its name, or empty.
    pub fn basis_str(&self) -> &'static str {
        shown_basis(self.relation, self.basis).map_or("", Basis::as_str)
    }

    /// The weight `query serves` gives a serves or member edge: its
    /// basis's weight per speech times the speeches stating it; `None`
    /// for other relations.
    pub fn weight(&self) -> Option<f64> {
        matches!(self.relation, Relation::Serves | Relation::MemberOf)
            .then(|| serves_weight(self.relation, self.basis) * f64::from(self.speeches.max(1)))
    }
}

/// The basis `query serves` shows and filters for a serves or member
/// edge: a member edge shows `member`, whatever its link's basis.
pub fn shown_basis(relation: Relation, basis: Option<Basis>) -> Option<Basis> {
    if relation == Relation::MemberOf {
        Some(Basis::Member)
    } else {
        basis
    }
}

/// The weight a serves edge of this basis carries per speech (a member
/// edge counts 1.0): see `query serves`.
pub fn serves_weight(relation: Relation, basis: Option<Basis>) -> f64 {
    if relation == Relation::MemberOf {
        1.0
    } else {
        basis.map_or(0.5, Basis::weight)
    }
}
