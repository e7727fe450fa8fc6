//! Reading documents, nodes, edges and evidence back: lookups by key and
//! by name, scans of a kind, a shared name document by document
//! ([`NameInDocument`]), and the counts `ptkg stats` prints. Everything
//! leaves typed (records from `model`, [`Evidence`], [`Incident`]); the
//! keys and the book/slice split stay in here.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use foldhash::{HashSet, HashSetExt};
use serde::Serialize;

use super::book::{self, Book, Evidence, Incident, NodeRow};
use super::{decode, facts, keys, DocRecord, Store};
use crate::error::{Error, Result};
use crate::model::{EdgeRecord, NodeKey, NodeKind, NodeRecord, Relation, TargetRecord};

/// How many decoded books a store keeps at hand: queries walk the nodes
/// of one speech after another.
const BOOK_CACHE: usize = 16;

/// Counts for `ptkg stats`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Stats {
    pub documents: usize,
    pub nodes: usize,
    pub edges: usize,
    pub provenance: usize,
    pub nodes_by_kind: BTreeMap<String, usize>,
    pub edges_by_relation: BTreeMap<String, usize>,
}

/// A shared name as one document states it: the name's slice there (its
/// occurrences, the edges the slice carries); the document's other edges
/// are read from its book on request ([`Store::edges_in_document`]).
pub(crate) struct NameInDocument {
    pub doc: u64,
    key: NodeKey,
    slice: Book,
}

impl NameInDocument {
    /// The name's occurrences in this document.
    pub(crate) fn evidence(&self) -> Vec<Evidence> {
        self.slice.node_evidence(self.doc, &self.key)
    }

    /// The slice's edges into the name: serves, members, same-as, a
    /// metric's targets, what is located in a place.
    pub(crate) fn incoming(&self) -> Vec<Incident> {
        self.slice.incident(self.doc, &self.key, false)
    }

    /// For a goal: how many targets the measures serving it involve here.
    pub(crate) fn targets_involved(&self) -> usize {
        self.slice.targets_involved as usize
    }
}

/// A node of one kind with how many documents name it and how often.
#[derive(Debug, Clone)]
pub(crate) struct NodeCounts {
    pub name: String,
    pub documents: usize,
    pub mentions: usize,
}

/// A target as stored: its figures and what it is about, its document and
/// first occurrence.
#[derive(Debug, Clone)]
pub(crate) struct StoredTarget {
    pub record: TargetRecord,
    pub evidence: Evidence,
}

impl Store {
    /// The document added under `path`, if any.
    pub fn document_by_path(&self, path: &str) -> Result<Option<DocRecord>> {
        match self.db.get(keys::path(path))? {
            Some(v) => {
                let id = keys::read_u64(&v).ok_or_else(|| Error::Corrupt("bad path row".into()))?;
                self.doc_by_id(id)
            }
            None => Ok(None),
        }
    }

    /// The stored document with this content hash, whatever its paths.
    pub fn document_by_hash(&self, hash: &str) -> Result<Option<DocRecord>> {
        for kv in self.db.scan_prefix(keys::owner_prefix(hash)) {
            let (k, _) = kv?;
            if let Some(d) = keys::owner_doc(&k)
                .map(|id| self.doc_by_id(id))
                .transpose()?
            {
                if let Some(d) = d.filter(|d| d.hash == hash) {
                    return Ok(Some(d));
                }
            }
        }
        Ok(None)
    }

    /// The document with this id, if stored.
    pub(crate) fn doc_by_id(&self, doc_id: u64) -> Result<Option<DocRecord>> {
        self.db
            .get(keys::doc(doc_id))?
            .map(|v| decode(&v))
            .transpose()
    }

    /// How many documents the store holds (a counter, not a scan).
    pub fn document_count(&self) -> usize {
        self.counter(keys::META_DOCUMENTS).unwrap_or(0) as usize
    }

    /// Every document, by id.
    pub fn docs(&self) -> Result<Vec<DocRecord>> {
        self.db
            .scan_prefix(keys::ALL_DOCS)
            .map(|kv| decode(&kv?.1))
            .collect()
    }

    /// The original text of a document.
    pub fn text(&self, doc_id: u64) -> Result<Option<String>> {
        match self.get_run(&keys::text(doc_id), doc_id)? {
            Some(v) => Ok(Some(String::from_utf8(book::unpack(&v)?).unwrap_or_else(
                |e| String::from_utf8_lossy(e.as_bytes()).into_owned(),
            ))),
            None => Ok(None),
        }
    }

    /// A document's book, decoded once and kept for the next questions.
    pub(crate) fn book(&self, doc_id: u64) -> Result<Option<Arc<Book>>> {
        {
            let cache = self.books.lock().expect("book cache");
            if let Some((_, b)) = cache.iter().find(|(d, _)| *d == doc_id) {
                return Ok(Some(b.clone()));
            }
        }
        let Some(v) = self.get_run(&keys::book(doc_id), doc_id)? else {
            return Ok(None);
        };
        let b = Arc::new(Book::decode(&v)?);
        let mut cache = self.books.lock().expect("book cache");
        if cache.len() >= BOOK_CACHE {
            cache.remove(0);
        }
        cache.push((doc_id, b.clone()));
        Ok(Some(b))
    }

    pub(super) fn forget_book(&self, doc_id: u64) {
        self.books
            .lock()
            .expect("book cache")
            .retain(|(d, _)| *d != doc_id);
    }

    /// The documents whose book holds the speech-local key `key`.
    pub(super) fn owners(&self, key: &NodeKey) -> Result<Vec<u64>> {
        let Some(hash) = keys::owner_hash(key) else {
            return Ok(Vec::new());
        };
        self.db
            .scan_prefix(keys::owner_prefix(hash))
            .keys()
            .map(|k| keys::owner_doc(&k?).ok_or_else(|| Error::Corrupt("bad owner key".into())))
            .collect()
    }

    /// The slices of a shared node, one per document naming it, in
    /// document id order.
    fn slices(&self, key: &NodeKey) -> impl Iterator<Item = Result<(u64, Book)>> + '_ {
        self.scan_runs(&keys::slice_prefix(key)).map(|e| {
            let (_, doc, v) = e?;
            Ok((doc, Book::decode(&v)?))
        })
    }

    /// The slice of a shared node in one document.
    fn slice(&self, key: &NodeKey, doc: u64) -> Result<Option<Book>> {
        self.get_run(&keys::slice(key, doc), doc)?
            .map(|v| Book::decode(&v))
            .transpose()
    }

    /// How many provenance rows document `doc_id` has.
    pub fn doc_fact_count(&self, doc_id: u64) -> usize {
        self.book(doc_id)
            .ok()
            .flatten()
            .map(|b| b.provenance_count())
            .unwrap_or(0)
    }

    /// Counts documents, nodes by kind and edges by relation: one row,
    /// the totals every commit keeps ([`totals`](super::totals)); a store
    /// without a current one is counted from its rows.
    pub fn stats(&self) -> Result<Stats> {
        Ok(self.totals()?.stats())
    }

    /// The shared names of one kind with their counters, in key order.
    pub(crate) fn shared_nodes(&self, kind: NodeKind) -> Result<Vec<(NodeKey, NodeRow)>> {
        self.db
            .scan_prefix(keys::node_kind_prefix(kind))
            .map(|kv| {
                let (k, v) = kv?;
                let key = keys::node_of(&k).ok_or_else(|| Error::Corrupt("bad node key".into()))?;
                Ok((key, NodeRow::decode(&v)?))
            })
            .collect()
    }

    /// Every book in the store, one at a time.
    fn books(&self) -> impl Iterator<Item = Result<(u64, Book)>> + '_ {
        self.scan_runs(&keys::ALL_BOOKS).map(|e| {
            let (_, doc, v) = e?;
            Ok((doc, Book::decode(&v)?))
        })
    }

    /// Every node of one kind with how many documents and occurrences
    /// (mentions) support it, as [`Store::nodes_of_kind`] reads them.
    pub(crate) fn nodes_counted(
        &self,
        kind: NodeKind,
    ) -> Result<Vec<(NodeKey, NodeRecord, u32, u32)>> {
        if !keys::is_book_only(kind) {
            return Ok(self
                .shared_nodes(kind)?
                .into_iter()
                .map(|(k, row)| {
                    let (documents, mentions) = (row.documents, row.mentions);
                    let rec = NodeRecord {
                        kind,
                        name: row.name,
                        attrs: BTreeMap::new(),
                    };
                    (k, rec, documents, mentions)
                })
                .collect());
        }
        let mut out: Vec<(NodeKey, NodeRecord, u32, u32)> = Vec::new();
        let mut seen = HashMap::new();
        for b in self.books() {
            let (_, b) = b?;
            for n in b.nodes.iter().filter(|n| n.kind == kind) {
                let mentions = n.occ.len() as u32;
                if let Some(i) = seen.get(&n.id) {
                    let row: &mut (NodeKey, NodeRecord, u32, u32) = &mut out[*i];
                    row.2 += 1;
                    row.3 += mentions;
                    continue;
                }
                seen.insert(n.id.clone(), out.len());
                out.push((n.key(), n.record(), 1, mentions));
            }
        }
        out.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(out)
    }

    /// Every node of one kind. Shared kinds read their `N` rows; speeches,
    /// sections, measures and targets read every book.
    pub fn nodes_of_kind(&self, kind: NodeKind) -> Result<Vec<(NodeKey, NodeRecord)>> {
        if !keys::is_book_only(kind) {
            return Ok(self
                .shared_nodes(kind)?
                .into_iter()
                .map(|(k, row)| {
                    let rec = NodeRecord {
                        kind,
                        name: row.name,
                        attrs: BTreeMap::new(),
                    };
                    (k, rec)
                })
                .collect());
        }
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        for b in self.books() {
            let (_, b) = b?;
            for n in b.nodes.iter().filter(|n| n.kind == kind) {
                if seen.insert(n.id.clone()) {
                    out.push((n.key(), n.record()));
                }
            }
        }
        out.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(out)
    }

    pub fn node(&self, key: &NodeKey) -> Result<Option<NodeRecord>> {
        if keys::is_book_only(key.kind) {
            for doc in self.owners(key)? {
                if let Some(b) = self.book(doc)? {
                    if let Some(n) = b.node(key) {
                        return Ok(Some(n.record()));
                    }
                }
            }
            return Ok(None);
        }
        Ok(self
            .db
            .get(keys::node(key))?
            .map(|v| NodeRow::decode(&v))
            .transpose()?
            .map(|row| NodeRecord {
                kind: key.kind,
                name: row.name,
                attrs: BTreeMap::new(),
            }))
    }

    /// The counters of a shared node.
    pub(crate) fn node_row(&self, key: &NodeKey) -> Result<Option<NodeRow>> {
        self.db
            .get(keys::node(key))?
            .map(|v| NodeRow::decode(&v))
            .transpose()
    }

    /// Nodes whose display name is `name`. Shared names are looked up by
    /// key; only when none matches are the books read for measures, and
    /// the documents for a speech's title or path.
    pub(crate) fn find_nodes(&self, name: &str) -> Result<Vec<(NodeKey, NodeRecord)>> {
        let mut out = Vec::new();
        for kind in NodeKind::ALL.iter().filter(|k| !keys::is_book_only(**k)) {
            for kv in self.db.scan_prefix(keys::node_name_prefix(*kind, name)) {
                let (k, v) = kv?;
                let row = NodeRow::decode(&v)?;
                if row.name == name {
                    let key =
                        keys::node_of(&k).ok_or_else(|| Error::Corrupt("bad node key".into()))?;
                    out.push((
                        key,
                        NodeRecord {
                            kind: *kind,
                            name: row.name,
                            attrs: BTreeMap::new(),
                        },
                    ));
                }
            }
        }
        if !out.is_empty() {
            return Ok(out);
        }
        for d in self.docs()? {
            if d.title == name || d.path == name || d.hash == name {
                let key = facts::speech_key(&d.hash);
                if let Some(rec) = self.node(&key)? {
                    out.push((key, rec));
                }
            }
        }
        if !out.is_empty() {
            return Ok(out);
        }
        for b in self.books() {
            let (_, b) = b?;
            for n in &b.nodes {
                if n.kind == NodeKind::Measure && n.name == name {
                    out.push((n.key(), n.record()));
                }
            }
        }
        Ok(out)
    }

    /// Edges of a shared node in one document: those its slice carries,
    /// and the others (mentions, involves, about) from the document's book.
    pub(crate) fn edges_in_document(
        &self,
        name: &NameInDocument,
        outgoing: bool,
    ) -> Result<Vec<Incident>> {
        let (node, doc) = (&name.key, name.doc);
        let mut list = name.slice.incident(doc, node, outgoing);
        if let Some(b) = self.book(doc)? {
            list.extend(
                b.incident(doc, node, outgoing)
                    .into_iter()
                    .filter(|i| !book::in_slice(i.relation)),
            );
        }
        Ok(list)
    }

    /// Edges of a speech-local node with their occurrences, from its book.
    pub(crate) fn local_edges(&self, node: &NodeKey, outgoing: bool) -> Result<Vec<Incident>> {
        let mut out = Vec::new();
        for doc in self.owners(node)? {
            if let Some(b) = self.book(doc)? {
                out.extend(b.incident(doc, node, outgoing));
            }
        }
        Ok(out)
    }

    /// Every edge in the store, with where it is first stated and how
    /// many speeches state it (an edge between two shared names is one
    /// edge, counted in every document stating it).
    pub(crate) fn all_edges(&self) -> Result<Vec<(NodeKey, Relation, NodeKey, EdgeRecord)>> {
        let mut out: Vec<(NodeKey, Relation, NodeKey, EdgeRecord)> = Vec::new();
        let mut shared: HashMap<(NodeKey, Relation, NodeKey), usize> = HashMap::new();
        for b in self.books() {
            let (doc, b) = b?;
            for (from, rel, to, rec) in b.all_edges(doc) {
                if !keys::is_book_only(from.kind) && !keys::is_book_only(to.kind) {
                    match shared.entry((from.clone(), rel, to.clone())) {
                        std::collections::hash_map::Entry::Occupied(i) => {
                            out[*i.get()].3.speeches += 1;
                            continue;
                        }
                        std::collections::hash_map::Entry::Vacant(v) => {
                            v.insert(out.len());
                        }
                    }
                }
                out.push((from, rel, to, rec));
            }
        }
        Ok(out)
    }

    /// Occurrences of a node, in document order.
    pub(crate) fn node_evidence(&self, key: &NodeKey) -> Result<Vec<Evidence>> {
        let mut out = Vec::new();
        if keys::is_book_only(key.kind) {
            for doc in self.owners(key)? {
                if let Some(b) = self.book(doc)? {
                    out.extend(b.node_evidence(doc, key));
                }
            }
        } else {
            for s in self.slices(key) {
                let (doc, s) = s?;
                out.extend(s.node_evidence(doc, key));
            }
        }
        Ok(out)
    }

    /// A shared name in every document naming it, in document id order.
    pub(crate) fn name_in_documents(
        &self,
        key: &NodeKey,
    ) -> impl Iterator<Item = Result<NameInDocument>> + '_ {
        let key = key.clone();
        self.slices(&key).map(move |s| {
            let (doc, slice) = s?;
            Ok(NameInDocument {
                doc,
                key: key.clone(),
                slice,
            })
        })
    }

    /// A shared name in one document, if the document names it.
    pub(crate) fn name_in_document(
        &self,
        key: &NodeKey,
        doc: u64,
    ) -> Result<Option<NameInDocument>> {
        Ok(self.slice(key, doc)?.map(|slice| NameInDocument {
            doc,
            key: key.clone(),
            slice,
        }))
    }

    /// Edges of a speech-local node in one document's book.
    pub(crate) fn local_edges_in(
        &self,
        doc: u64,
        key: &NodeKey,
        outgoing: bool,
    ) -> Result<Vec<Incident>> {
        Ok(self
            .book(doc)?
            .map(|b| b.incident(doc, key, outgoing))
            .unwrap_or_default())
    }

    /// Every node of `kind` with its counts. Shared names read their
    /// counters (in key order); speeches, sections, measures and targets
    /// are counted in the books.
    pub(crate) fn node_counts(&self, kind: NodeKind) -> Result<Vec<NodeCounts>> {
        if !keys::is_book_only(kind) {
            return Ok(self
                .shared_nodes(kind)?
                .into_iter()
                .map(|(_, row)| NodeCounts {
                    name: row.name,
                    documents: row.documents as usize,
                    mentions: row.mentions as usize,
                })
                .collect());
        }
        let mut by_key: HashMap<NodeKey, NodeCounts> = HashMap::new();
        for b in self.books() {
            let (_, b) = b?;
            for n in b.nodes.iter().filter(|n| n.kind == kind) {
                let row = by_key.entry(n.key()).or_insert_with(|| NodeCounts {
                    name: n.name.clone(),
                    documents: 0,
                    mentions: 0,
                });
                row.documents += 1;
                row.mentions += n.occ.len();
            }
        }
        Ok(by_key.into_values().collect())
    }

    /// Every target in the store with its first occurrence, book by book.
    pub(crate) fn all_targets(&self) -> impl Iterator<Item = Result<StoredTarget>> + '_ {
        self.books().flat_map(|b| {
            let targets: Vec<Result<StoredTarget>> = match b {
                Err(e) => vec![Err(e)],
                Ok((doc, b)) => b
                    .nodes
                    .iter()
                    .filter(|n| n.kind == NodeKind::Target)
                    .filter_map(|n| {
                        let record = n.target.clone()?;
                        let evidence = b.node_evidence(doc, &n.key()).into_iter().next()?;
                        Some(Ok(StoredTarget { record, evidence }))
                    })
                    .collect(),
            };
            targets
        })
    }
}
