//! A document's book: every node, edge and provenance occurrence one
//! document contributes, in one compact value. A *slice* is a book cut down
//! to one shared node: its occurrences, the edges that touch it and the
//! records of their other ends, stored under the node so that a question
//! about it reads neither the other nodes nor whole books. Books enter
//! from [`facts`](super::facts) through the [`BookBuilder`] and leave as
//! postcard bytes (zstd when that pays); reads decode them back into the
//! same types, with a target's figures and an edge's basis typed.

use std::collections::BTreeMap;

// foldhash: the book builder hashes every node key and edge of a document,
// and SipHash was a fifth of `doc_facts`.
use foldhash::{HashMap, HashMapExt, HashSet};

use serde::{Deserialize, Serialize};

use super::keys;
use crate::error::{Error, Result};
use crate::model::{
    Basis, EdgeRecord, EdgeSource, NodeKey, NodeKind, NodeRecord, Relation, TargetRecord,
};

/// Provenance of one fact occurrence: the rule and the sentence's span.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ProvRecord {
    pub rule: String,
    pub sentence: (u32, u32),
}

/// One occurrence of a fact: its span, the rule that found it and the
/// sentence it stands in (character offsets into the original text).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Occ {
    pub start: u32,
    pub end: u32,
    /// Index into [`Book::rules`].
    pub rule: u32,
    pub sentence: (u32, u32),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct BookNode {
    pub kind: NodeKind,
    pub id: String,
    pub name: String,
    /// A speech's path and title, a section's number, level and speech.
    pub attrs: BTreeMap<String, String>,
    /// A target's figures and what it is about (`None` for every other kind, and for the other
    /// ends carried in a slice).
    pub target: Option<TargetRecord>,
    /// Sorted by position; empty for the other ends carried in a slice.
    pub occ: Vec<Occ>,
}

/// What a node is, as [`BookBuilder::node`] is given it.
#[derive(Debug, Clone, Default)]
pub(crate) struct NodeData {
    pub name: String,
    pub attrs: BTreeMap<String, String>,
    pub target: Option<TargetRecord>,
}

impl Book {
    /// The document's path changed (its first path was removed and the same
    /// text stays under another): the speech and its sections name the new
    /// one wherever they named the old.
    pub(crate) fn rename_document(&mut self, old: &str, new: &str) {
        for n in self.nodes.iter_mut().filter(|n| n.kind.is_speech_local()) {
            if n.name == old {
                n.name = new.to_string();
            }
            for v in n.attrs.values_mut().filter(|v| v.as_str() == old) {
                *v = new.to_string();
            }
        }
    }
}

impl BookNode {
    pub(crate) fn key(&self) -> NodeKey {
        NodeKey::new(self.kind, self.id.clone())
    }

    /// The node as the graph view sees it: a target's figures become
    /// attributes.
    pub(crate) fn record(&self) -> NodeRecord {
        let mut attrs = self.attrs.clone();
        if let Some(t) = &self.target {
            attrs.extend(t.attrs());
        }
        NodeRecord {
            kind: self.kind,
            name: self.name.clone(),
            attrs,
        }
    }

    fn is(&self, key: &NodeKey) -> bool {
        self.kind == key.kind && self.id == key.id
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct BookEdge {
    /// Indices into [`Book::nodes`].
    pub from: u32,
    pub rel: Relation,
    pub to: u32,
    pub basis: Option<Basis>,
    /// The edge's first occurrence in the document: one is all that
    /// removal and evidence need.
    pub occ: Occ,
}

/// Everything one document contributes to the graph: what
/// [`doc_facts`](super::doc_facts) builds and a
/// [`Writer`](super::Writer) stores. Its insides are the store's own.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Book {
    pub(crate) rules: Vec<String>,
    pub(crate) nodes: Vec<BookNode>,
    pub(crate) edges: Vec<BookEdge>,
    /// In a goal's slice: how many targets the measures serving the goal
    /// involve in that document (`query goals` adds them up). 0 in books.
    pub(crate) targets_involved: u32,
}

/// The `N` row of a shared node: its display name, how many documents name
/// it and how many times in all, kept up to date by every add and removal.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct NodeRow {
    pub documents: u32,
    pub mentions: u32,
    pub name: String,
}

impl NodeRow {
    pub(crate) fn encode(&self) -> Vec<u8> {
        let mut v = Vec::with_capacity(8 + self.name.len());
        v.extend_from_slice(&self.documents.to_be_bytes());
        v.extend_from_slice(&self.mentions.to_be_bytes());
        v.extend_from_slice(self.name.as_bytes());
        v
    }

    pub(crate) fn decode(v: &[u8]) -> Result<NodeRow> {
        if v.len() < 8 {
            return Err(Error::Corrupt("bad node row".into()));
        }
        Ok(NodeRow {
            documents: u32::from_be_bytes(v[..4].try_into().unwrap()),
            mentions: u32::from_be_bytes(v[4..8].try_into().unwrap()),
            name: String::from_utf8(v[8..].to_vec())
                .map_err(|_| Error::Corrupt("bad node row name".into()))?,
        })
    }
}

/// An edge seen from one of its ends.
#[derive(Debug, Clone)]
pub(crate) struct Incident {
    pub relation: Relation,
    pub other: NodeKey,
    pub other_record: NodeRecord,
    pub basis: Option<Basis>,
    pub evidence: Evidence,
}

impl Incident {
    /// The basis `query serves` shows for an edge into a goal.
    pub(crate) fn shown_basis(&self) -> Option<Basis> {
        shown_basis(self.relation, self.basis)
    }

    /// The weight the edge carries per speech stating it.
    pub(crate) fn serves_weight(&self) -> f64 {
        serves_weight(self.relation, self.basis)
    }
}

pub(crate) use crate::model::{serves_weight, shown_basis};

/// An occurrence as read back, with the rule's name.
#[derive(Debug, Clone)]
pub(crate) struct Evidence {
    pub doc_id: u64,
    pub start: u32,
    pub end: u32,
    pub rule: String,
    pub sentence: (u32, u32),
}

impl Book {
    pub(crate) fn node_index(&self, key: &NodeKey) -> Option<usize> {
        self.nodes.iter().position(|n| n.is(key))
    }

    pub(crate) fn node(&self, key: &NodeKey) -> Option<&BookNode> {
        self.nodes.iter().find(|n| n.is(key))
    }

    fn evidence_of(&self, doc_id: u64, occ: &Occ) -> Evidence {
        Evidence {
            doc_id,
            start: occ.start,
            end: occ.end,
            rule: self
                .rules
                .get(occ.rule as usize)
                .cloned()
                .unwrap_or_default(),
            sentence: occ.sentence,
        }
    }

    /// Occurrences of a node in this book.
    pub(crate) fn node_evidence(&self, doc_id: u64, key: &NodeKey) -> Vec<Evidence> {
        self.node(key)
            .map(|n| n.occ.iter().map(|o| self.evidence_of(doc_id, o)).collect())
            .unwrap_or_default()
    }

    /// The occurrence of an edge in this book, if it has the edge.
    #[cfg(test)]
    pub(crate) fn edge_evidence(
        &self,
        doc_id: u64,
        from: &NodeKey,
        rel: Relation,
        to: &NodeKey,
    ) -> Option<Evidence> {
        self.edges
            .iter()
            .find(|e| {
                e.rel == rel
                    && self.nodes[e.from as usize].is(from)
                    && self.nodes[e.to as usize].is(to)
            })
            .map(|e| self.evidence_of(doc_id, &e.occ))
    }

    /// Edges leaving (`outgoing`) or entering `key`, each with the other
    /// end and the edge's occurrence.
    pub(crate) fn incident(&self, doc_id: u64, key: &NodeKey, outgoing: bool) -> Vec<Incident> {
        let Some(i) = self.node_index(key) else {
            return Vec::new();
        };
        let i = i as u32;
        self.edges
            .iter()
            .filter(|e| if outgoing { e.from == i } else { e.to == i })
            .map(|e| {
                let other = &self.nodes[if outgoing { e.to } else { e.from } as usize];
                Incident {
                    relation: e.rel,
                    other: other.key(),
                    other_record: other.record(),
                    basis: e.basis,
                    evidence: self.evidence_of(doc_id, &e.occ),
                }
            })
            .collect()
    }

    /// Every edge as (from, relation, to, record), stated once in
    /// document `doc_id` (this book's).
    pub(crate) fn all_edges(
        &self,
        doc_id: u64,
    ) -> impl Iterator<Item = (NodeKey, Relation, NodeKey, EdgeRecord)> + '_ {
        self.edges.iter().map(move |e| {
            let mut rec = EdgeRecord::new(e.rel, e.basis);
            rec.speeches = 1;
            rec.source = Some(EdgeSource {
                doc_id,
                span: (e.occ.start, e.occ.end),
                sentence: e.occ.sentence,
            });
            (
                self.nodes[e.from as usize].key(),
                e.rel,
                self.nodes[e.to as usize].key(),
                rec,
            )
        })
    }

    /// How many occurrences the book holds (node occurrences plus one per
    /// edge): the provenance rows of the graph model.
    pub fn provenance_count(&self) -> usize {
        self.nodes.iter().map(|n| n.occ.len()).sum::<usize>() + self.edges.len()
    }

    /// The slice of shared node `i`: itself with its occurrences, the edges
    /// of the [`in_slice`] relations that touch it, and their other ends
    /// without occurrences.
    #[cfg(test)]
    pub(crate) fn slice(&self, i: usize) -> Book {
        self.slice_with(i, &self.edge_index())
    }

    /// For each node, the indices of the edges that touch it, in book
    /// order: built once per book, so slicing every shared name does not
    /// walk all edges once per name.
    pub(crate) fn edge_index(&self) -> Vec<Vec<u32>> {
        let mut index = vec![Vec::new(); self.nodes.len()];
        for (k, e) in self.edges.iter().enumerate() {
            index[e.from as usize].push(k as u32);
            if e.to != e.from {
                index[e.to as usize].push(k as u32);
            }
        }
        index
    }

    /// [`Book::slice`] with the book's [`Book::edge_index`] at hand.
    pub(crate) fn slice_with(&self, i: usize, index: &[Vec<u32>]) -> Book {
        let touching = |n: usize| index[n].iter().map(|k| &self.edges[*k as usize]);
        let mut out = Book::default();
        let mut rule_map: HashMap<u32, u32> = HashMap::new();
        let mut map_rule = |r: u32, rules: &mut Vec<String>| -> u32 {
            *rule_map.entry(r).or_insert_with(|| {
                rules.push(self.rules.get(r as usize).cloned().unwrap_or_default());
                rules.len() as u32 - 1
            })
        };
        let me = &self.nodes[i];
        let occ = me
            .occ
            .iter()
            .map(|o| Occ {
                rule: map_rule(o.rule, &mut out.rules),
                ..*o
            })
            .collect();
        out.nodes.push(BookNode { occ, ..me.clone() });
        let mut node_map: HashMap<u32, u32> = HashMap::with_capacity(16);
        node_map.insert(i as u32, 0);
        // A goal's slice counts the targets its serving measures involve
        // (`query goals` adds them up); the measures' other links stay in
        // the books, read only for the measures a goal tree shows.
        if me.kind == NodeKind::Goal {
            let targets = touching(i)
                .filter(|e| e.rel == Relation::Serves && e.to as usize == i)
                .flat_map(|s| touching(s.from as usize).filter(move |e| e.from == s.from))
                .filter(|e| {
                    e.rel == Relation::Involves
                        && self.nodes[e.to as usize].kind == NodeKind::Target
                })
                .map(|e| e.to)
                .collect::<HashSet<u32>>()
                .len();
            out.targets_involved = targets as u32;
        }
        for e in touching(i) {
            if !in_slice(e.rel) {
                continue;
            }
            // The other end's attributes stay in the book: a metric's
            // targets, the one question that needs them across speeches,
            // read the target index (`Y`) instead.
            let mut map_node = |n: u32, nodes: &mut Vec<BookNode>| -> u32 {
                *node_map.entry(n).or_insert_with(|| {
                    let src = &self.nodes[n as usize];
                    nodes.push(BookNode {
                        kind: src.kind,
                        id: src.id.clone(),
                        name: src.name.clone(),
                        attrs: BTreeMap::new(),
                        target: None,
                        occ: Vec::new(),
                    });
                    nodes.len() as u32 - 1
                })
            };
            let from = map_node(e.from, &mut out.nodes);
            let to = map_node(e.to, &mut out.nodes);
            out.edges.push(BookEdge {
                from,
                to,
                rel: e.rel,
                basis: e.basis,
                occ: Occ {
                    rule: map_rule(e.occ.rule, &mut out.rules),
                    ..e.occ
                },
            });
        }
        out
    }

    /// Indices of the shared nodes (those with `N` rows and slices).
    pub(crate) fn shared_nodes(&self) -> impl Iterator<Item = usize> + '_ {
        self.nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| !keys::is_book_only(n.kind))
            .map(|(i, _)| i)
    }

    /// Edges between two shared nodes (located_in, member_of, same_as
    /// between names): these get an `E` row, as no book owns them.
    pub(crate) fn shared_edges(&self) -> impl Iterator<Item = (NodeKey, Relation, NodeKey)> + '_ {
        self.edges
            .iter()
            .filter(|e| {
                !keys::is_book_only(self.nodes[e.from as usize].kind)
                    && !keys::is_book_only(self.nodes[e.to as usize].kind)
            })
            .map(|e| {
                (
                    self.nodes[e.from as usize].key(),
                    e.rel,
                    self.nodes[e.to as usize].key(),
                )
            })
    }

    /// Serialised (postcard), behind a tag byte: `compress` tries zstd
    /// and keeps it when it is smaller (small slices often are not).
    pub(crate) fn encode(&self, compress: bool) -> Result<Vec<u8>> {
        serialize_exact(TAG_RAW, self, |raw| {
            if compress && raw.len() > MIN_PACKED {
                let packed = pack(&raw[1..])?;
                if packed.len() + 1 < raw.len() {
                    let mut v = Vec::with_capacity(1 + packed.len());
                    v.push(TAG_ZSTD);
                    v.extend_from_slice(&packed);
                    return Ok(v);
                }
            }
            Ok(raw.to_vec())
        })
    }

    pub(crate) fn decode(v: &[u8]) -> Result<Book> {
        let raw;
        let bytes = match v.split_first() {
            Some((&TAG_RAW, rest)) => rest,
            Some((&TAG_ZSTD, rest)) => {
                raw = unpack(rest)?;
                &raw[..]
            }
            _ => return Err(Error::Corrupt("unreadable book: unknown tag".into())),
        };
        postcard::from_bytes(bytes).map_err(|e| Error::Corrupt(format!("unreadable book: {e}")))
    }
}

/// Serialises `value` (postcard) behind a `tag` byte into a buffer kept
/// per thread and hands the bytes to `finish`, which copies what it keeps
/// at its exact size: a writer holds thousands of encoded values at once,
/// and a grown Vec's spare capacity would multiply its memory.
pub(crate) fn serialize_exact<T: Serialize>(
    tag: u8,
    value: &T,
    finish: impl FnOnce(&[u8]) -> Result<Vec<u8>>,
) -> Result<Vec<u8>> {
    thread_local! {
        static SCRATCH: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    SCRATCH.with(|scratch| {
        let mut buf = std::mem::take(&mut *scratch.borrow_mut());
        buf.clear();
        buf.push(tag);
        let buf = postcard::to_extend(value, buf).map_err(|e| Error::Corrupt(e.to_string()))?;
        let out = finish(&buf);
        *scratch.borrow_mut() = buf;
        out
    })
}

/// Values below this size stay raw: zstd's frame overhead and time are not
/// worth it for the typical 100–200-byte slice of a project or district.
const MIN_PACKED: usize = 256;

const TAG_RAW: u8 = 0;
const TAG_ZSTD: u8 = 1;

/// Relations a slice carries: those the questions about a name ask for
/// across every speech (what serves a goal, its members, a metric's
/// targets, where a project is). Mentions, involves, about and contains
/// stay in the books, read for the documents a slice lists; carrying them
/// in slices too would triple the store.
pub(crate) fn in_slice(rel: Relation) -> bool {
    matches!(
        rel,
        Relation::Serves
            | Relation::MemberOf
            | Relation::SameAs
            | Relation::OfMetric
            | Relation::LocatedIn
    )
}

/// zstd's fastest level: texts and books are written once and read a
/// few at a time, so compression speed counts more than the last few
/// percent of size (level 3 took a quarter of `EncodedDocument::new` for
/// 8% less).
const PACK_LEVEL: i32 = 1;

/// zstd at a fast level: Chinese text and books shrink about threefold.
/// Each thread keeps its own context: creating one per value cost more
/// than compressing small slices.
pub(crate) fn pack(raw: &[u8]) -> Result<Vec<u8>> {
    thread_local! {
        static COMPRESSOR: std::cell::RefCell<Option<zstd::bulk::Compressor<'static>>> =
            const { std::cell::RefCell::new(None) };
    }
    COMPRESSOR.with(|c| {
        let mut c = c.borrow_mut();
        if c.is_none() {
            *c = Some(zstd::bulk::Compressor::new(PACK_LEVEL).map_err(compress_error)?);
        }
        let mut v = c
            .as_mut()
            .expect("just made")
            .compress(raw)
            .map_err(compress_error)?;
        // zstd hands back room for the worst case; stored values are kept
        // by the thousand, so only their bytes.
        v.shrink_to_fit();
        Ok(v)
    })
}

fn compress_error(e: std::io::Error) -> Error {
    Error::Corrupt(format!("cannot compress: {e}"))
}

/// No stored value decompresses to more than this (the largest input file
/// is far smaller); a corrupt header must not allocate gigabytes.
const MAX_VALUE: u64 = 1 << 30;

pub(crate) fn unpack(v: &[u8]) -> Result<Vec<u8>> {
    thread_local! {
        static DECOMPRESSOR: std::cell::RefCell<Option<zstd::bulk::Decompressor<'static>>> =
            const { std::cell::RefCell::new(None) };
    }
    let bad = |e: String| Error::Corrupt(format!("cannot decompress: {e}"));
    let size = zstd::zstd_safe::get_frame_content_size(v)
        .ok()
        .flatten()
        .filter(|n| *n <= MAX_VALUE)
        .ok_or_else(|| bad("no or implausible content size".into()))?;
    DECOMPRESSOR.with(|d| {
        let mut d = d.borrow_mut();
        if d.is_none() {
            *d = Some(zstd::bulk::Decompressor::new().map_err(|e| bad(e.to_string()))?);
        }
        d.as_mut()
            .expect("just made")
            .decompress(v, size as usize)
            .map_err(|e| bad(e.to_string()))
    })
}

/// Builds a book fact by fact, merging repeated nodes and edges.
#[derive(Debug, Default)]
pub(crate) struct BookBuilder {
    book: Book,
    nodes: HashMap<NodeKey, u32>,
    rules: HashMap<String, u32>,
    edges: HashMap<(u32, Relation, u32), usize>,
}

impl BookBuilder {
    fn rule(&mut self, rule: &str) -> u32 {
        if let Some(r) = self.rules.get(rule) {
            return *r;
        }
        self.book.rules.push(rule.to_string());
        let r = self.book.rules.len() as u32 - 1;
        self.rules.insert(rule.to_string(), r);
        r
    }

    fn intern(&mut self, key: &NodeKey, data: Option<NodeData>) -> u32 {
        if let Some(i) = self.nodes.get(key) {
            return *i;
        }
        let data = data.unwrap_or_else(|| NodeData {
            name: key.id.clone(),
            ..NodeData::default()
        });
        self.book.nodes.push(BookNode {
            kind: key.kind,
            id: key.id.clone(),
            name: data.name,
            attrs: data.attrs,
            target: data.target,
            occ: Vec::new(),
        });
        let i = self.book.nodes.len() as u32 - 1;
        self.nodes.insert(key.clone(), i);
        i
    }

    /// An occurrence of a node; the first data given for a key is kept.
    pub(crate) fn node(
        &mut self,
        key: &NodeKey,
        data: NodeData,
        span: (usize, usize),
        prov: &ProvRecord,
    ) {
        let i = self.intern(key, Some(data));
        let occ = Occ {
            start: span.0 as u32,
            end: span.1 as u32,
            rule: self.rule(&prov.rule),
            sentence: prov.sentence,
        };
        self.book.nodes[i as usize].occ.push(occ);
    }

    /// An edge; only its first occurrence is kept. An end never seen as a
    /// node gets the edge's span as its occurrence, so that every node in
    /// the store has provenance.
    pub(crate) fn edge(
        &mut self,
        from: &NodeKey,
        rel: Relation,
        to: &NodeKey,
        basis: Option<Basis>,
        span: (usize, usize),
        prov: &ProvRecord,
    ) {
        let occ = Occ {
            start: span.0 as u32,
            end: span.1 as u32,
            rule: self.rule(&prov.rule),
            sentence: prov.sentence,
        };
        let (a, b) = (self.intern(from, None), self.intern(to, None));
        for n in [a, b] {
            let node = &mut self.book.nodes[n as usize];
            if node.occ.is_empty() {
                node.occ.push(occ);
            }
        }
        if self.edges.contains_key(&(a, rel, b)) {
            return;
        }
        self.edges.insert((a, rel, b), self.book.edges.len());
        self.book.edges.push(BookEdge {
            from: a,
            rel,
            to: b,
            basis,
            occ,
        });
    }

    pub(crate) fn finish(mut self) -> Book {
        for n in &mut self.book.nodes {
            n.occ.sort_by_key(|o| (o.start, o.end));
            n.occ.dedup_by_key(|o| (o.start, o.end));
        }
        self.book
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TargetFigures;

    fn sample() -> Book {
        let mut b = BookBuilder::default();
        let speech = NodeKey::new(NodeKind::Speech, "0123456789abcdef");
        let goal = NodeKey::new(NodeKind::Goal, "高质量发展");
        let measure = NodeKey::new(NodeKind::Measure, "招商引资@0123456789ab");
        let p = |rule: &str, sentence: (u32, u32)| ProvRecord {
            rule: rule.into(),
            sentence,
        };
        let rec = |k: &NodeKey| NodeData {
            name: k.id.clone(),
            ..NodeData::default()
        };
        b.node(&speech, rec(&speech), (0, 100), &p("document", (0, 0)));
        b.node(&goal, rec(&goal), (10, 15), &p("goal-a", (5, 20)));
        b.node(&goal, rec(&goal), (40, 45), &p("goal-a", (30, 50)));
        b.node(&measure, rec(&measure), (60, 64), &p("measure-b", (60, 70)));
        b.edge(
            &speech,
            Relation::Mentions,
            &goal,
            None,
            (10, 15),
            &p("goal-a", (5, 20)),
        );
        b.edge(
            &measure,
            Relation::Serves,
            &goal,
            Some(Basis::Phrase),
            (60, 70),
            &p("serves-c", (60, 70)),
        );
        b.edge(
            &measure,
            Relation::Serves,
            &goal,
            Some(Basis::Phrase),
            (80, 90),
            &p("serves-c", (80, 90)),
        );
        let target = NodeKey::new(NodeKind::Target, "0123456789ab/64-66");
        let record = TargetRecord {
            figures: TargetFigures {
                metric: "招商引资额".into(),
                value: Some(50.0),
                value_text: "50亿元".into(),
                unit: "亿元".into(),
                year: Some(2023),
                ..TargetFigures::default()
            },
            about: vec!["临江区".into()],
        };
        let data = NodeData {
            target: Some(record),
            ..rec(&target)
        };
        b.node(&target, data, (64, 66), &p("target-d", (60, 70)));
        let involves = p("target-d", (60, 70));
        b.edge(
            &measure,
            Relation::Involves,
            &target,
            None,
            (64, 66),
            &involves,
        );
        b.finish()
    }

    #[test]
    fn a_book_round_trips_compressed_and_not() {
        let book = sample();
        for compress in [true, false] {
            let v = book.encode(compress).unwrap();
            assert_eq!(Book::decode(&v).unwrap(), book);
        }
        // The target's figures come back typed, and as the attributes the
        // exporters print.
        let t = NodeKey::new(NodeKind::Target, "0123456789ab/64-66");
        let back = Book::decode(&book.encode(true).unwrap()).unwrap();
        let figures = &back.node(&t).unwrap().target.as_ref().unwrap().figures;
        assert_eq!((figures.value, figures.year), (Some(50.0), Some(2023)));
        assert_eq!(back.node(&t).unwrap().record().attrs["about"], "临江区");
        assert!(Book::decode(b"garbage").is_err());
        assert!(Book::decode(&[1, 2, 3]).is_err());
    }

    #[test]
    fn an_edge_keeps_its_first_occurrence() {
        let book = sample();
        assert_eq!(book.edges.len(), 3);
        let m = NodeKey::new(NodeKind::Measure, "招商引资@0123456789ab");
        let g = NodeKey::new(NodeKind::Goal, "高质量发展");
        let ev = book.edge_evidence(1, &m, Relation::Serves, &g).unwrap();
        assert_eq!((ev.start, ev.rule.as_str()), (60, "serves-c"));
        assert_eq!(book.provenance_count(), 5 + 3);
    }

    #[test]
    fn a_slice_holds_the_node_its_edges_and_their_other_ends() {
        let book = sample();
        let g = NodeKey::new(NodeKind::Goal, "高质量发展");
        let slice = book.slice(book.node_index(&g).unwrap());
        assert_eq!(slice.nodes[0].key(), g);
        assert_eq!(slice.node_evidence(1, &g).len(), 2);
        let incoming = slice.incident(1, &g, false);
        // Serves rides in the slice; the speech's mention stays in the book.
        assert_eq!(incoming.len(), 1);
        assert_eq!(book.incident(1, &g, false).len(), 2);
        assert!(incoming.iter().any(|i| i.relation == Relation::Serves
            && i.other.kind == NodeKind::Measure
            && i.other_record.name.starts_with("招商引资")
            && i.basis == Some(Basis::Phrase)));
        // The measure's target stays in the book; the slice counts it.
        assert_eq!(slice.targets_involved, 1);
        assert!(slice.nodes.iter().all(|n| n.kind != NodeKind::Target));
        // Other ends carry no occurrences of their own.
        assert!(slice.nodes[1..].iter().all(|n| n.occ.is_empty()));
        assert_eq!(slice.rules.len(), 2);
    }

    #[test]
    fn node_rows_round_trip() {
        let c = NodeRow {
            documents: 3,
            mentions: 70_000,
            name: "XX区".into(),
        };
        assert_eq!(NodeRow::decode(&c.encode()).unwrap(), c);
        assert!(NodeRow::decode(&[1, 2]).is_err());
    }
}
