//! Run entries in the order the two heaviest queries print, so that their
//! first page reads about `--limit` entries however many documents name
//! the goal or metric (every generated speech names 高质量发展 and
//! 地区生产总值).
//!
//! - **Targets by metric** (`Y` entries): one per target, keyed metric
//!   name → year → document path → document → position, the value holding
//!   the target's record and occurrence. `query targets --metric` and
//!   `query metric` read them in key order.
//! - **Measures serving a goal** (`S` entries, local class): one per
//!   serves or member edge from a speech's own node (a measure, a section)
//!   into a shared goal, keyed goal name → weight (highest first) → measure
//!   name → document → position; the value says the basis. A speech-local edge is supported by its
//!   one document, so its weight never changes and the key can hold it.
//! - **Names serving a goal** (`S` entries, shared class): one per
//!   document and serves or member edge between two shared names, keyed
//!   goal name → relation → other end → document. Their weight is the
//!   number of documents stating them, which changes: it comes from the
//!   edge's `E` counter through its reverse `I` row in sled, and these
//!   entries give the first document's occurrence and basis.
//!
//! Counters in sled (`C` rows) hold how many targets a metric name has
//! and how many local edges a goal name has per basis, for the "showing N
//! of M rows" note without a scan.
//!
//! Entries are derived from a document's book and path only, on the thread
//! that extracted it; the writer only adds the document id. Their keys are
//! built in [`keys`](super::keys); their values are [`IndexedEdge`]s
//! (postcard), read back typed by the store's read methods.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::book::{
    serialize_exact, serves_weight, shown_basis, Book, BookEdge, BookNode, Evidence,
};
use super::keys;
use crate::error::{Error, Result};
use crate::model::{Basis, NodeKey, NodeKind, Relation, TargetRecord};

/// A run entry whose key is `prefix + document id + suffix`: the id is
/// given only when the writer stores the document.
#[derive(Debug, Clone)]
pub(crate) struct IndexEntry {
    pub prefix: Vec<u8>,
    pub suffix: Vec<u8>,
    pub value: Vec<u8>,
}

impl IndexEntry {
    pub(crate) fn key(&self, doc_id: u64) -> Vec<u8> {
        keys::index_entry(&self.prefix, doc_id, &self.suffix)
    }
}

/// An indexed edge as the queries print it: the other end and the edge's
/// occurrence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct IndexedEdge {
    /// The goal's key (for `S`), or the metric's (for `Y`).
    pub node: NodeKey,
    pub relation: Relation,
    pub other: NodeKey,
    /// The other end's name.
    pub name: String,
    /// The other end's figures and what it is about, for a target.
    pub target: Option<TargetRecord>,
    pub basis: Option<Basis>,
    pub start: u32,
    pub end: u32,
    pub rule: String,
    pub sentence: (u32, u32),
}

impl IndexedEdge {
    pub(crate) fn evidence(&self, doc_id: u64) -> Evidence {
        Evidence {
            doc_id,
            start: self.start,
            end: self.end,
            rule: self.rule.clone(),
            sentence: self.sentence,
        }
    }

    /// The basis `query serves` shows for the edge.
    pub(crate) fn shown_basis(&self) -> Option<Basis> {
        shown_basis(self.relation, self.basis)
    }

    /// The weight the edge carries per speech stating it.
    pub(crate) fn serves_weight(&self) -> f64 {
        serves_weight(self.relation, self.basis)
    }

    pub(crate) fn decode(v: &[u8]) -> Result<IndexedEdge> {
        postcard::from_bytes(v).map_err(|e| Error::Corrupt(format!("unreadable index entry: {e}")))
    }
}

/// What one document adds to the counters: targets per metric name, local
/// edges per goal name and basis rank.
#[derive(Debug, Clone, Default)]
pub(crate) struct IndexCounts {
    pub metrics: Vec<(String, u64)>,
    pub goals: Vec<(String, u8, u64)>,
}

/// Per basis rank ([`Basis::rank`] of the shown basis), how many documents
/// state an edge between names: the value of its `I` row.
pub(crate) type BasisCounts = [u32; Basis::RANKS];

pub(crate) fn encode_basis_counts(c: &BasisCounts) -> Vec<u8> {
    c.iter().flat_map(|n| n.to_be_bytes()).collect()
}

pub(crate) fn decode_basis_counts(v: &[u8]) -> BasisCounts {
    let mut c = [0; Basis::RANKS];
    for (i, chunk) in v.chunks_exact(4).take(Basis::RANKS).enumerate() {
        c[i] = u32::from_be_bytes(chunk.try_into().expect("4 bytes"));
    }
    c
}

/// The `I` rows a document supports: serves and member edges between
/// names into a goal, each with the rank of the basis it has in this
/// document.
pub(crate) fn reverse_rows(book: &Book) -> Vec<(Vec<u8>, u8)> {
    book.edges
        .iter()
        .filter_map(|e| {
            let (from, to) = (&book.nodes[e.from as usize], &book.nodes[e.to as usize]);
            let (fk, tk) = (from.key(), to.key());
            (!keys::is_book_only(from.kind)
                && !keys::is_book_only(to.kind)
                && keys::has_reverse(e.rel, &tk))
            .then(|| {
                (
                    keys::reverse_edge(&fk, e.rel, &tk),
                    keys::basis_rank(shown_basis(e.rel, e.basis)),
                )
            })
        })
        .collect()
}

/// [`IndexedEdge`] as written, borrowing from the book: the same postcard
/// bytes without copying every name and figure first.
#[derive(Serialize)]
struct IndexedEdgeRef<'b> {
    node: NodeKeyRef<'b>,
    relation: Relation,
    other: NodeKeyRef<'b>,
    name: &'b str,
    target: Option<&'b TargetRecord>,
    basis: Option<Basis>,
    start: u32,
    end: u32,
    rule: &'b str,
    sentence: (u32, u32),
}

/// [`NodeKey`] as written.
#[derive(Serialize)]
struct NodeKeyRef<'b> {
    kind: NodeKind,
    id: &'b str,
}

/// How an edge of a book is indexed.
enum Class<'b> {
    /// A target's `of_metric` edge: a `Y` entry under this metric name.
    Target {
        metric: &'b str,
        year: Option<i32>,
        jurisdiction: &'b str,
    },
    /// A serves or member edge from a speech's own node into a goal.
    Local,
    /// A serves or member edge from another name into a goal.
    Shared,
}

/// The book's edges that get index entries, with their place in the book,
/// their ends and how they are indexed.
fn indexed_edges(
    book: &Book,
) -> impl Iterator<Item = (usize, &BookEdge, &BookNode, &BookNode, Class<'_>)> {
    book.edges.iter().enumerate().filter_map(|(n, e)| {
        let (from, to) = (&book.nodes[e.from as usize], &book.nodes[e.to as usize]);
        let class = match e.rel {
            Relation::OfMetric if to.kind == NodeKind::Metric => {
                let figures = from.target.as_ref().map(|t| &t.figures);
                Class::Target {
                    metric: figures
                        .map(|f| f.metric.as_str())
                        .filter(|m| !m.is_empty())
                        .unwrap_or(&to.name),
                    year: figures.and_then(|f| f.year),
                    jurisdiction: figures
                        .and_then(|f| f.jurisdiction.as_deref())
                        .unwrap_or(""),
                }
            }
            Relation::Serves | Relation::MemberOf if to.kind == NodeKind::Goal => {
                if keys::is_book_only(from.kind) {
                    Class::Local
                } else {
                    Class::Shared
                }
            }
            _ => return None,
        };
        Some((n, e, from, to, class))
    })
}

/// What a document adds to the `C` counters.
pub(crate) fn counts(book: &Book) -> IndexCounts {
    let mut metrics: BTreeMap<String, u64> = BTreeMap::new();
    let mut goals: BTreeMap<(String, u8), u64> = BTreeMap::new();
    for (_, e, _, to, class) in indexed_edges(book) {
        match class {
            Class::Target { metric, .. } => *metrics.entry(metric.to_string()).or_default() += 1,
            Class::Local => {
                let rank = keys::basis_rank(shown_basis(e.rel, e.basis));
                *goals.entry((to.name.clone(), rank)).or_default() += 1;
            }
            Class::Shared => {}
        }
    }
    IndexCounts {
        metrics: metrics.into_iter().collect(),
        goals: goals.into_iter().map(|((g, b), n)| (g, b, n)).collect(),
    }
}

/// The index entries of one document.
pub(crate) fn entries(book: &Book, path: &str) -> Result<Vec<IndexEntry>> {
    let mut out = Vec::new();
    for (n, e, from, to, class) in indexed_edges(book) {
        let value = IndexedEdgeRef {
            node: NodeKeyRef {
                kind: to.kind,
                id: &to.id,
            },
            relation: e.rel,
            other: NodeKeyRef {
                kind: from.kind,
                id: &from.id,
            },
            name: &from.name,
            target: if e.rel == Relation::OfMetric {
                from.target.as_ref()
            } else {
                None
            },
            basis: e.basis,
            start: e.occ.start,
            end: e.occ.end,
            rule: book
                .rules
                .get(e.occ.rule as usize)
                .map_or("", String::as_str),
            sentence: e.occ.sentence,
        };
        // The entry's bytes start after the tag byte serialize_exact adds.
        let value = serialize_exact(0, &value, |b| Ok(b[1..].to_vec()))?;
        let n = n as u32;
        out.push(match class {
            Class::Target {
                metric,
                year,
                jurisdiction,
            } => IndexEntry {
                prefix: keys::target_entry_prefix(metric, year, jurisdiction, path),
                suffix: keys::position_suffix(e.occ.start, n),
                value,
            },
            Class::Local => IndexEntry {
                prefix: keys::local_serves_entry_prefix(
                    &to.name,
                    serves_weight(e.rel, e.basis),
                    &from.name,
                ),
                suffix: keys::position_suffix(e.occ.start, n),
                value,
            },
            Class::Shared => IndexEntry {
                prefix: keys::shared_edge_prefix(&to.name, e.rel, &from.key()),
                suffix: keys::edge_suffix(n),
                value,
            },
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TargetFigures;

    #[test]
    fn indexed_edges_round_trip_typed() {
        let edge = IndexedEdge {
            node: NodeKey::new(NodeKind::Metric, "一般公共预算收入"),
            relation: Relation::OfMetric,
            other: NodeKey::new(NodeKind::Target, "0123456789ab/12-16"),
            name: "一般公共预算收入 5%".into(),
            target: Some(TargetRecord {
                figures: TargetFigures {
                    metric: "一般公共预算收入".into(),
                    value: Some(5.0),
                    value_text: "5%".into(),
                    year: Some(2022),
                    ..TargetFigures::default()
                },
                about: vec!["临江区".into()],
            }),
            basis: None,
            start: 12,
            end: 16,
            rule: "target-figure".into(),
            sentence: (0, 30),
        };
        let bytes = postcard::to_stdvec(&edge).unwrap();
        assert_eq!(IndexedEdge::decode(&bytes).unwrap(), edge);
        let member = IndexedEdge {
            relation: Relation::MemberOf,
            basis: Some(Basis::Structure),
            ..edge
        };
        assert_eq!(member.shown_basis(), Some(Basis::Member));
        assert_eq!(member.serves_weight(), 1.0);
    }
}
