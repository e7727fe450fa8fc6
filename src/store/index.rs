//! Run entries in the order the two heaviest queries print, so that their
//! first page reads about `--limit` entries however many documents name
//! the goal or metric (every generated speech names 高质量发展 and
//! 地区生产总值).
//!
//! - **Targets by metric** (`Y` entries): one per target, keyed metric
//!   name → year → document path → document → position, the value holding
//!   the target's record and occurrence. `query targets --metric` and
//!   `query metric` read them in key order.
//! - **Measures serving a goal** (`S` entries, class [`LOCAL`]): one per
//!   serves or member edge from a speech's own node (a measure, a section)
//!   into a shared goal, keyed goal name → weight (highest first) → measure
//!   name → document → position; the value says the basis. A speech-local edge is supported by its
//!   one document, so its weight never changes and the key can hold it.
//! - **Names serving a goal** (`S` entries, class [`SHARED`]): one per
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
//! that extracted it; the writer only adds the document id.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::book::{serialize_exact, Book, BookEdge, BookNode, Evidence};
use super::keys;
use crate::error::{Error, Result};
use crate::model::{NodeKey, NodeKind, NodeRecord, Relation};

/// `S` class of edges from a speech's own nodes.
pub const LOCAL: u8 = 1;
/// `S` class of edges between shared names.
pub const SHARED: u8 = 0;

/// A run entry whose key is `prefix + document id + suffix`: the id is
/// given only when the writer stores the document.
#[derive(Debug, Clone)]
pub struct IndexEntry {
    pub prefix: Vec<u8>,
    pub suffix: Vec<u8>,
    pub value: Vec<u8>,
}

impl IndexEntry {
    pub fn key(&self, doc_id: u64) -> Vec<u8> {
        let mut k = Vec::with_capacity(self.prefix.len() + 8 + self.suffix.len());
        k.extend_from_slice(&self.prefix);
        k.extend_from_slice(&doc_id.to_be_bytes());
        k.extend_from_slice(&self.suffix);
        k
    }
}

/// An indexed edge as the queries print it: the other end and the edge's
/// occurrence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndexedEdge {
    /// The goal's key (for `S`), or the metric's (for `Y`).
    pub node: NodeKey,
    pub relation: Relation,
    pub other: NodeKey,
    /// The other end's name, and its attributes for a target. (Not a
    /// `NodeRecord`: that skips empty attributes, which postcard cannot.)
    pub name: String,
    pub attrs: BTreeMap<String, String>,
    pub basis: String,
    pub start: u32,
    pub end: u32,
    pub rule: String,
    pub sentence: (u32, u32),
}

impl IndexedEdge {
    /// The other end's record.
    pub fn record(&self) -> NodeRecord {
        NodeRecord {
            kind: self.other.kind,
            name: self.name.clone(),
            attrs: self.attrs.clone(),
        }
    }

    pub fn evidence(&self, doc_id: u64) -> Evidence {
        Evidence {
            doc_id,
            start: self.start,
            end: self.end,
            rule: self.rule.clone(),
            sentence: self.sentence,
        }
    }

    pub fn decode(v: &[u8]) -> Result<IndexedEdge> {
        postcard::from_bytes(v).map_err(|e| Error::Corrupt(format!("unreadable index entry: {e}")))
    }
}

/// What one document adds to the counters: targets per metric name, local
/// edges per goal name and basis.
#[derive(Debug, Clone, Default)]
pub struct IndexCounts {
    pub metrics: Vec<(String, u64)>,
    pub goals: Vec<(String, u8, u64)>,
}

/// The weight a serves edge of this basis carries per speech (a member
/// edge counts 1.0): see `query serves`.
pub fn per_speech_weight(relation: Relation, basis: &str) -> f64 {
    if relation == Relation::MemberOf {
        1.0
    } else {
        crate::model::Basis::parse(basis).map_or(0.5, crate::model::Basis::weight)
    }
}

/// The basis as `query serves` shows and filters it.
pub fn shown_basis(relation: Relation, basis: &str) -> &str {
    if relation == Relation::MemberOf {
        "member"
    } else {
        basis
    }
}

/// A byte for a shown basis, so counters and keys can name it.
pub fn basis_byte(shown: &str) -> u8 {
    // Keep below BASES.
    match shown {
        "member" => 0,
        "structure" => 1,
        "phrase" => 2,
        "cooccurrence" => 3,
        _ => 4,
    }
}

/// Weight in a key: higher weights sort first.
fn weight_bytes(w: f64) -> [u8; 2] {
    (10_000u16.saturating_sub((w * 1000.0).round() as u16)).to_be_bytes()
}

/// Year in a key: no year first, then in order.
fn year_bytes(year: Option<i32>) -> Vec<u8> {
    match year {
        None => vec![0],
        Some(y) => {
            let mut v = vec![1];
            v.extend_from_slice(&((y as u32) ^ 0x8000_0000).to_be_bytes());
            v
        }
    }
}

/// Prefix of the `Y` entries of a metric name, or of one year of it.
pub fn target_prefix(metric: &str, year: Option<Option<i32>>) -> Vec<u8> {
    let mut k = terminated(vec![keys::TARGET_INDEX], metric);
    if let Some(y) = year {
        k.extend_from_slice(&year_bytes(y));
    }
    k
}

/// `prefix` + `name` + 0: a name inside a key, ended so that a shorter
/// name sorts before the longer ones it begins.
fn terminated(mut prefix: Vec<u8>, name: &str) -> Vec<u8> {
    prefix.extend_from_slice(name.as_bytes());
    prefix.push(0);
    prefix
}

/// Prefix of the `S` entries of a goal name and class.
pub fn serves_prefix(goal: &str, class: u8) -> Vec<u8> {
    let mut k = terminated(vec![keys::SERVES_INDEX], goal);
    k.push(class);
    k
}

/// Prefix of the `S` entries of one edge between shared names, one per
/// document in id order.
pub fn shared_edge_prefix(goal: &str, relation: Relation, other: &NodeKey) -> Vec<u8> {
    let mut k = serves_prefix(goal, SHARED);
    k.push(relation.byte());
    let o = other.to_bytes();
    k.extend_from_slice(&(o.len() as u16).to_be_bytes());
    k.extend_from_slice(&o);
    k
}

/// Per basis (by [`basis_byte`]), how many documents state an edge
/// between names: the value of its `I` row.
pub type BasisCounts = [u32; BASES];

/// How many basis bytes there are.
pub const BASES: usize = 5;

pub fn encode_basis_counts(c: &BasisCounts) -> Vec<u8> {
    c.iter().flat_map(|n| n.to_be_bytes()).collect()
}

pub fn decode_basis_counts(v: &[u8]) -> BasisCounts {
    let mut c = [0; BASES];
    for (i, chunk) in v.chunks_exact(4).take(BASES).enumerate() {
        c[i] = u32::from_be_bytes(chunk.try_into().expect("4 bytes"));
    }
    c
}

/// The `I` rows a document supports: serves and member edges between
/// names into a goal, each with the basis it has in this document.
pub fn reverse_rows(book: &Book) -> Vec<(Vec<u8>, u8)> {
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
                    basis_byte(shown_basis(e.rel, &e.basis)),
                )
            })
        })
        .collect()
}

/// [`IndexedEdge`] as written, borrowing from the book: the same postcard
/// bytes without copying every name and attribute first.
#[derive(Serialize)]
struct IndexedEdgeRef<'b> {
    node: NodeKeyRef<'b>,
    relation: Relation,
    other: NodeKeyRef<'b>,
    name: &'b str,
    attrs: &'b BTreeMap<String, String>,
    basis: &'b str,
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
    Target { metric: &'b str },
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
            Relation::OfMetric if to.kind == NodeKind::Metric => Class::Target {
                metric: from.attrs.get("metric").unwrap_or(&to.name),
            },
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
pub fn counts(book: &Book) -> IndexCounts {
    let mut metrics: BTreeMap<String, u64> = BTreeMap::new();
    let mut goals: BTreeMap<(String, u8), u64> = BTreeMap::new();
    for (_, e, _, to, class) in indexed_edges(book) {
        match class {
            Class::Target { metric } => *metrics.entry(metric.to_string()).or_default() += 1,
            Class::Local => {
                let basis = basis_byte(shown_basis(e.rel, &e.basis));
                *goals.entry((to.name.clone(), basis)).or_default() += 1;
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
pub fn entries(book: &Book, path: &str) -> Result<Vec<IndexEntry>> {
    let no_attrs = BTreeMap::new();
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
            attrs: if e.rel == Relation::OfMetric {
                &from.attrs
            } else {
                &no_attrs
            },
            basis: &e.basis,
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
        // What ends every local key: the position, then the edge (unique).
        let position = || {
            let mut suffix = Vec::with_capacity(8);
            suffix.extend_from_slice(&e.occ.start.to_be_bytes());
            suffix.extend_from_slice(&(n as u32).to_be_bytes());
            suffix
        };
        out.push(match class {
            Class::Target { metric } => {
                let year = from.attrs.get("year").and_then(|y| y.parse().ok());
                IndexEntry {
                    prefix: terminated(target_prefix(metric, Some(year)), path),
                    suffix: position(),
                    value,
                }
            }
            Class::Local => {
                let mut prefix = serves_prefix(&to.name, LOCAL);
                prefix.extend_from_slice(&weight_bytes(per_speech_weight(e.rel, &e.basis)));
                IndexEntry {
                    prefix: terminated(prefix, &from.name),
                    suffix: position(),
                    value,
                }
            }
            Class::Shared => IndexEntry {
                prefix: shared_edge_prefix(&to.name, e.rel, &from.key()),
                suffix: (n as u32).to_be_bytes().to_vec(),
                value,
            },
        });
    }
    Ok(out)
}
