//! The graph store: a small sled database for the rows that change and
//! sorted run files ([`runs`]) for what a document writes once (key layout
//! in [`keys`]). Writes gather into commits, each all or nothing (the runs
//! are synced before the one sled batch that names them), so a crash or
//! Ctrl-C leaves the last committed state. A document is stored as its text, its
//! [`Book`] (every node, edge and occurrence it contributes) and one slice
//! per shared name it mentions; counters on the shared names say how many
//! documents still support them, so removal never scans other documents.

pub mod book;
pub mod facts;
pub mod index;
pub mod keys;
pub mod runs;

use std::collections::BTreeMap;

// foldhash: the writer looks up every shared name and edge of every
// document it stores.
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::{EdgeRecord, NodeKey, NodeKind, NodeRecord, Relation};
pub use book::ProvRecord;
pub use book::{Book, Evidence, Incident, NodeRow};
pub use facts::doc_facts;
use keys::Fact;
use runs::{DeadList, Entry, Run, RunFamily, RunMeta};

/// Default place of the store, relative to the working directory.
pub const DEFAULT_DB: &str = "out/ptkg.db";

/// Bounded page cache, so memory does not grow with the store.
const CACHE_BYTES: u64 = 16 * 1024 * 1024;

/// How many decoded books a store keeps at hand: queries walk the nodes
/// of one speech after another.
const BOOK_CACHE: usize = 16;

/// A writer commits when it holds this many bytes of run entries: about a
/// thousand generated speeches, few enough runs for a large ingest, and
/// little memory.
const COMMIT_BYTES: usize = 96 * 1024 * 1024;

/// After a change, runs of slices and index entries beyond this many are
/// merged, smallest first, so a read by prefix seeks in few files.
const MAX_RUNS: usize = 8;

/// Merges of at least this many bytes are cut into key ranges merged on
/// all cores.
const PARALLEL_MERGE_BYTES: u64 = 64 * 1024 * 1024;

/// Runs of texts and books are merged only past this many: a read opens
/// only the run whose id range holds its document, so many cost little,
/// and merging them would copy every text and book of the store.
const MAX_DOCUMENT_RUNS: usize = 256;

/// Inside one long `add`, runs are merged only past this many: merging
/// rewrites every byte it reads, so a large ingest merges once, at its end.
const MAX_RUNS_WHILE_WRITING: usize = 128;

/// What the store keeps about a document, with the counts `stats` adds up.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DocRecord {
    pub id: u64,
    pub path: String,
    pub hash: String,
    pub title: String,
    pub encoding: String,
    pub chars: usize,
    pub ruleset: String,
    /// Nodes that live only in this document's book, by kind.
    pub local_nodes: Vec<(NodeKind, u32)>,
    /// Edges with an end in this document's book, by relation.
    pub local_edges: Vec<(Relation, u32)>,
    /// Occurrences (provenance rows) in the book.
    pub provenance: u32,
}

impl DocRecord {
    /// Fills the counts from the book about to be stored.
    pub fn count(&mut self, book: &Book) {
        let mut nodes: BTreeMap<NodeKind, u32> = BTreeMap::new();
        for n in &book.nodes {
            if keys::is_book_only(n.kind) {
                *nodes.entry(n.kind).or_default() += 1;
            }
        }
        let mut edges: BTreeMap<Relation, u32> = BTreeMap::new();
        for e in &book.edges {
            let (a, b) = (&book.nodes[e.from as usize], &book.nodes[e.to as usize]);
            if keys::is_book_only(a.kind) || keys::is_book_only(b.kind) {
                *edges.entry(e.rel).or_default() += 1;
            }
        }
        self.local_nodes = nodes.into_iter().collect();
        self.local_edges = edges.into_iter().collect();
        self.provenance = book.provenance_count() as u32;
    }
}

/// Counts for `ptkg stats`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Stats {
    pub documents: usize,
    pub nodes: usize,
    pub edges: usize,
    pub provenance: usize,
    pub nodes_by_kind: BTreeMap<String, usize>,
    pub edges_by_relation: BTreeMap<String, usize>,
}

/// The opened store.
pub struct Store {
    db: sled::Db,
    path: PathBuf,
    books: Mutex<Vec<(u64, Arc<Book>)>>,
    /// The runs the manifest names, oldest first.
    runs: RwLock<Arc<Vec<Arc<Run>>>>,
    /// Documents whose run entries are dead (removed or replaced).
    dead: RwLock<Arc<DeadList>>,
}

impl Store {
    /// Opens (creating if needed) the store at `path`. A store held by
    /// another process gives [`Error::StoreLocked`].
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| Error::Io {
                path: parent.to_path_buf(),
                source: e,
            })?;
        }
        let db = sled::Config::new()
            .path(path)
            .cache_capacity(CACHE_BYTES)
            .mode(sled::Mode::LowSpace)
            .open()
            .map_err(|e| match e {
                sled::Error::Io(ref io) if io.to_string().contains("could not acquire lock") => {
                    Error::StoreLocked {
                        path: path.to_path_buf(),
                    }
                }
                other => Error::Store {
                    path: path.to_path_buf(),
                    message: format!("cannot open: {other}"),
                },
            })?;
        let store = Store {
            db,
            path: path.to_path_buf(),
            books: Mutex::new(Vec::new()),
            runs: RwLock::default(),
            dead: RwLock::default(),
        };
        store.check_format()?;
        store.load_runs()?;
        Ok(store)
    }

    /// Where the run files live: inside the store's folder, beside sled's.
    pub fn runs_dir(&self) -> PathBuf {
        self.path.join("runs")
    }

    /// Reads the manifest and the dead list, and deletes run files no
    /// manifest names (left by a crash between writing a run and the batch
    /// that names it, or by a merge whose inputs were not yet deleted).
    fn load_runs(&self) -> Result<()> {
        let metas = self.manifest()?;
        let dir = self.runs_dir();
        let named: HashSet<u64> = metas.iter().map(|m| m.id).collect();
        if let Ok(rd) = std::fs::read_dir(&dir) {
            for e in rd.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                let orphan = match runs::run_id_of(&name) {
                    Some(id) => !named.contains(&id),
                    None => name.ends_with(".tmp"),
                };
                if orphan {
                    let _ = std::fs::remove_file(e.path());
                }
            }
        }
        let list = metas
            .into_iter()
            .map(|m| Arc::new(Run::new(&dir, m)))
            .collect();
        *self.runs.write().expect("runs") = Arc::new(list);
        let mut dead = DeadList::default();
        for kv in self.db.scan_prefix([keys::DEAD]) {
            let (k, v) = kv?;
            if let Some(d) = keys::doc_id_of(&k) {
                dead.insert(d, v.first().copied().unwrap_or(DeadList::ALL));
            }
        }
        *self.dead.write().expect("dead list") = Arc::new(dead);
        Ok(())
    }

    fn manifest(&self) -> Result<Vec<RunMeta>> {
        match self.db.get(keys::meta(keys::META_RUNS))? {
            Some(v) => decode(&v),
            None => Ok(Vec::new()),
        }
    }

    fn run_list(&self) -> Arc<Vec<Arc<Run>>> {
        self.runs.read().expect("runs").clone()
    }

    fn dead_list(&self) -> Arc<DeadList> {
        self.dead.read().expect("dead list").clone()
    }

    /// The live run entries under `prefix`, in key order.
    fn scan_runs(&self, prefix: &[u8]) -> impl Iterator<Item = Result<Entry>> {
        let runs = self.run_list();
        let scan = runs::Scan::new(&runs, prefix, self.dead_list());
        let (ok, err) = match scan {
            Ok(s) => (Some(s), None),
            Err(e) => (None, Some(Err(e))),
        };
        err.into_iter().chain(ok.into_iter().flatten())
    }

    /// The run entry `key` of document `doc`.
    fn get_run(&self, key: &[u8], doc: u64) -> Result<Option<Vec<u8>>> {
        runs::get(&self.run_list(), key, doc, &self.dead_list())
    }

    /// A `C` counter (0 when absent).
    pub fn count(&self, key: &[u8]) -> Result<u64> {
        Ok(self
            .db
            .get(key)?
            .and_then(|v| v.as_ref().try_into().ok().map(u64::from_be_bytes))
            .unwrap_or(0))
    }

    /// Query index entries under `prefix` (see [`index`]), in key order,
    /// with their document.
    pub fn index_scan(
        &self,
        prefix: &[u8],
    ) -> impl Iterator<Item = Result<(Vec<u8>, u64, index::IndexedEdge)>> {
        self.scan_runs(prefix).map(|e| {
            let (k, doc, v) = e?;
            Ok((k, doc, index::IndexedEdge::decode(&v)?))
        })
    }

    /// Serves and member edges from other names into `goal`, with how many
    /// documents state each, per basis ([`index::basis_byte`]).
    pub fn edges_into_goal(
        &self,
        goal: &NodeKey,
    ) -> Result<Vec<(Relation, NodeKey, index::BasisCounts)>> {
        self.db
            .scan_prefix(keys::reverse_edge_prefix(goal))
            .map(|kv| {
                let (k, v) = kv?;
                let (_, rel, from) =
                    keys::parse_edge(&k).ok_or_else(|| Error::Corrupt("bad I row".into()))?;
                Ok((rel, from, index::decode_basis_counts(&v)))
            })
            .collect()
    }

    /// Speech hashes (prefixes) stored under more than one path.
    pub fn duplicated_speeches(&self) -> Result<Vec<String>> {
        self.db
            .scan_prefix([keys::DUPLICATE])
            .keys()
            .map(|k| Ok(String::from_utf8_lossy(&k?[1..]).into_owned()))
            .collect()
    }

    /// The documents holding the speech with this hash (prefix).
    pub fn speech_owners(&self, hash: &str) -> Result<Vec<u64>> {
        self.owners(&facts::speech_key(hash))
    }

    /// A writer that gathers documents into one run and one sled batch.
    pub fn writer(&self) -> Writer<'_> {
        Writer {
            write: Write::new(self),
            every: None,
            since_commit: 0,
        }
    }

    /// Opens an existing store for reading; a missing one is an error that
    /// says how to create it.
    pub fn open_existing(path: &Path) -> Result<Store> {
        if !path.exists() {
            return Err(Error::Store {
                path: path.to_path_buf(),
                message: "no store here; create it with `ptkg add PATH...` (or pass --db)".into(),
            });
        }
        Store::open(path)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn check_format(&self) -> Result<()> {
        match self.db.get(keys::meta(keys::META_FORMAT))? {
            Some(v) => {
                let found = std::str::from_utf8(&v)
                    .ok()
                    .and_then(|s| s.parse::<u32>().ok())
                    .unwrap_or(0);
                if found != keys::FORMAT_VERSION {
                    return Err(Error::Store {
                        path: self.path.clone(),
                        message: format!(
                            "store format version {found}, this ptkg reads version {}; rebuild it: delete the store and run `ptkg add` again",
                            keys::FORMAT_VERSION
                        ),
                    });
                }
            }
            None => {
                self.db.insert(
                    keys::meta(keys::META_FORMAT),
                    keys::FORMAT_VERSION.to_string().as_bytes(),
                )?;
            }
        }
        Ok(())
    }

    /// Hash of the rule set the store was last built or reindexed with.
    pub fn ruleset_hash(&self) -> Result<Option<String>> {
        Ok(self
            .db
            .get(keys::meta(keys::META_RULESET))?
            .map(|v| String::from_utf8_lossy(&v).into_owned()))
    }

    pub fn set_ruleset_hash(&self, hash: &str) -> Result<()> {
        self.db
            .insert(keys::meta(keys::META_RULESET), hash.as_bytes())?;
        Ok(())
    }

    /// The document added under `path`, if any.
    pub fn doc(&self, path: &str) -> Result<Option<DocRecord>> {
        match self.db.get(keys::path(path))? {
            Some(v) => {
                let id = v
                    .as_ref()
                    .try_into()
                    .map(u64::from_be_bytes)
                    .map_err(|_| Error::Corrupt("bad path row".into()))?;
                self.doc_by_id(id)
            }
            None => Ok(None),
        }
    }

    pub fn doc_by_id(&self, doc_id: u64) -> Result<Option<DocRecord>> {
        self.db
            .get(keys::doc(doc_id))?
            .map(|v| decode(&v))
            .transpose()
    }

    /// How many documents the store holds (a counter, not a scan).
    pub fn document_count(&self) -> usize {
        self.counter(keys::META_DOCUMENTS).unwrap_or(0) as usize
    }

    fn counter(&self, name: &str) -> Result<u64> {
        Ok(self
            .db
            .get(keys::meta(name))?
            .and_then(|v| v.as_ref().try_into().ok().map(u64::from_be_bytes))
            .unwrap_or(0))
    }

    /// Every document, by id.
    pub fn docs(&self) -> Result<Vec<DocRecord>> {
        self.db
            .scan_prefix([keys::DOC])
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
    pub fn book(&self, doc_id: u64) -> Result<Option<Arc<Book>>> {
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

    fn forget_book(&self, doc_id: u64) {
        self.books
            .lock()
            .expect("book cache")
            .retain(|(d, _)| *d != doc_id);
    }

    /// The documents whose book holds the speech-local key `key`.
    fn owners(&self, key: &NodeKey) -> Result<Vec<u64>> {
        let Some(hash) = keys::owner_hash(key) else {
            return Ok(Vec::new());
        };
        let prefix = keys::owner_prefix(hash);
        self.db
            .scan_prefix(&prefix)
            .keys()
            .map(|k| {
                let k = k?;
                Ok(u64::from_be_bytes(
                    k[prefix.len()..]
                        .try_into()
                        .map_err(|_| Error::Corrupt("bad owner key".into()))?,
                ))
            })
            .collect()
    }

    /// The slices of a shared node, one per document naming it, in
    /// document id order.
    pub fn slices(&self, key: &NodeKey) -> impl Iterator<Item = Result<(u64, Book)>> + '_ {
        self.scan_runs(&keys::slice_prefix(key)).map(|e| {
            let (_, doc, v) = e?;
            Ok((doc, Book::decode(&v)?))
        })
    }

    /// The slice of a shared node in one document.
    pub fn slice(&self, key: &NodeKey, doc: u64) -> Result<Option<Book>> {
        self.get_run(&keys::slice(key, doc), doc)?
            .map(|v| Book::decode(&v))
            .transpose()
    }

    /// Stores a document and its book, replacing whatever it supported
    /// before, in one commit.
    pub fn put_document(&self, record: &DocRecord, text: &str, book: &Book) -> Result<()> {
        self.put_encoded(EncodedDocument::new(record.clone(), text, book)?)
    }

    /// Stores a document encoded beforehand (on any thread), replacing
    /// whatever it supported before, in one commit. A document gets the
    /// next id, also when it replaces one (whose id goes on the dead list).
    pub fn put_encoded(&self, doc: EncodedDocument) -> Result<()> {
        let mut w = self.writer();
        w.put(doc)?;
        w.commit()
    }

    /// Removes the document added under `path` and every fact only it
    /// supported. Returns false if there was no such document.
    pub fn remove_document(&self, path: &str) -> Result<bool> {
        let mut w = self.writer();
        let removed = w.remove(path)?;
        w.commit()?;
        Ok(removed)
    }

    /// How many provenance rows document `doc_id` has.
    pub fn doc_fact_count(&self, doc_id: u64) -> usize {
        self.book(doc_id)
            .ok()
            .flatten()
            .map(|b| b.provenance_count())
            .unwrap_or(0)
    }

    /// Writes everything to disk.
    pub fn flush(&self) -> Result<()> {
        self.db.flush()?;
        Ok(())
    }

    /// Counts documents, nodes by kind and edges by relation, from the
    /// counters: documents' counts for their own nodes and edges, one key
    /// scan for the shared names.
    pub fn stats(&self) -> Result<Stats> {
        let mut s = Stats::default();
        for k in NodeKind::ALL {
            s.nodes_by_kind.insert(k.as_str().to_string(), 0);
        }
        for r in Relation::ALL {
            s.edges_by_relation.insert(r.as_str().to_string(), 0);
        }
        for d in self.docs()? {
            s.documents += 1;
            for (k, n) in &d.local_nodes {
                *s.nodes_by_kind.entry(k.as_str().to_string()).or_default() += *n as usize;
                s.nodes += *n as usize;
            }
            for (r, n) in &d.local_edges {
                *s.edges_by_relation
                    .entry(r.as_str().to_string())
                    .or_default() += *n as usize;
                s.edges += *n as usize;
            }
            s.provenance += d.provenance as usize;
        }
        for k in self.db.scan_prefix([keys::NODE]).keys() {
            if let Some(kind) = k?.get(1).and_then(|b| NodeKind::from_byte(*b)) {
                *s.nodes_by_kind
                    .entry(kind.as_str().to_string())
                    .or_default() += 1;
                s.nodes += 1;
            }
        }
        for k in self.db.scan_prefix([keys::EDGE]).keys() {
            if let Some((_, rel, _)) = keys::parse_edge(&k?) {
                *s.edges_by_relation
                    .entry(rel.as_str().to_string())
                    .or_default() += 1;
                s.edges += 1;
            }
        }
        Ok(s)
    }

    /// The `N` rows of one kind, or of every shared kind.
    pub fn shared_nodes(&self, kind: NodeKind) -> Result<Vec<(NodeKey, NodeRow)>> {
        self.db
            .scan_prefix(keys::node_kind_prefix(kind))
            .map(|kv| {
                let (k, v) = kv?;
                let key = NodeKey::from_bytes(&k[1..])
                    .ok_or_else(|| Error::Corrupt("bad node key".into()))?;
                Ok((key, NodeRow::decode(&v)?))
            })
            .collect()
    }

    /// Every book in the store, one at a time.
    pub fn books(&self) -> impl Iterator<Item = Result<(u64, Book)>> + '_ {
        self.scan_runs(&[keys::BOOK]).map(|e| {
            let (_, doc, v) = e?;
            Ok((doc, Book::decode(&v)?))
        })
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
    pub fn node_row(&self, key: &NodeKey) -> Result<Option<NodeRow>> {
        self.db
            .get(keys::node(key))?
            .map(|v| NodeRow::decode(&v))
            .transpose()
    }

    /// Nodes whose display name is `name`. Shared names are looked up by
    /// key; only when none matches are the books read for measures, and
    /// the documents for a speech's title or path.
    pub fn find_nodes(&self, name: &str) -> Result<Vec<(NodeKey, NodeRecord)>> {
        let mut out = Vec::new();
        for kind in NodeKind::ALL.iter().filter(|k| !keys::is_book_only(**k)) {
            let mut prefix = keys::node_kind_prefix(*kind);
            prefix.extend_from_slice(name.as_bytes());
            for kv in self.db.scan_prefix(&prefix) {
                let (k, v) = kv?;
                let row = NodeRow::decode(&v)?;
                if row.name == name {
                    let key = NodeKey::from_bytes(&k[1..])
                        .ok_or_else(|| Error::Corrupt("bad node key".into()))?;
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

    /// Edges leaving (`outgoing`) or entering `node`, with the other end,
    /// each once however many documents state it.
    pub fn edges(
        &self,
        node: &NodeKey,
        outgoing: bool,
    ) -> Result<Vec<(Relation, NodeKey, EdgeRecord)>> {
        let mut lists = Vec::new();
        if keys::is_book_only(node.kind) {
            lists.push(self.incident(node, outgoing)?);
        } else {
            for s in self.slices(node) {
                let (doc, s) = s?;
                lists.push(self.incident_in(node, doc, &s, outgoing)?);
            }
        }
        let mut seen = HashSet::new();
        Ok(lists
            .into_iter()
            .flatten()
            .filter(|i| seen.insert((i.relation, i.other.clone())))
            .map(|i| {
                let edge = EdgeRecord {
                    relation: i.relation,
                    basis: i.basis,
                };
                (i.relation, i.other, edge)
            })
            .collect())
    }

    /// Edges of a shared node in one document: those its slice carries,
    /// and the others (mentions, involves, about) from the document's book.
    pub fn incident_in(
        &self,
        node: &NodeKey,
        doc: u64,
        slice: &Book,
        outgoing: bool,
    ) -> Result<Vec<Incident>> {
        let mut list = slice.incident(doc, node, outgoing);
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
    pub fn incident(&self, node: &NodeKey, outgoing: bool) -> Result<Vec<Incident>> {
        let mut out = Vec::new();
        for doc in self.owners(node)? {
            if let Some(b) = self.book(doc)? {
                out.extend(b.incident(doc, node, outgoing));
            }
        }
        Ok(out)
    }

    /// Every edge in the store.
    pub fn all_edges(&self) -> Result<Vec<(NodeKey, Relation, NodeKey, EdgeRecord)>> {
        let mut out = Vec::new();
        let mut shared = HashSet::new();
        for b in self.books() {
            let (_, b) = b?;
            for (from, rel, to, rec) in b.all_edges() {
                if !keys::is_book_only(from.kind)
                    && !keys::is_book_only(to.kind)
                    && !shared.insert((from.clone(), rel, to.clone()))
                {
                    continue;
                }
                out.push((from, rel, to, rec));
            }
        }
        Ok(out)
    }

    /// Occurrences of a node or an edge, in document order.
    pub fn evidence(&self, fact: &Fact) -> Result<Vec<Evidence>> {
        let mut out = Vec::new();
        match fact {
            Fact::Node(key) if keys::is_book_only(key.kind) => {
                for doc in self.owners(key)? {
                    if let Some(b) = self.book(doc)? {
                        out.extend(b.node_evidence(doc, key));
                    }
                }
            }
            Fact::Node(key) => {
                for s in self.slices(key) {
                    let (doc, s) = s?;
                    out.extend(s.node_evidence(doc, key));
                }
            }
            Fact::Edge(from, rel, to) => {
                let local = [from, to].into_iter().find(|k| keys::is_book_only(k.kind));
                match local {
                    Some(k) => {
                        for doc in self.owners(k)? {
                            if let Some(b) = self.book(doc)? {
                                out.extend(b.edge_evidence(doc, from, *rel, to));
                            }
                        }
                    }
                    None => {
                        for s in self.slices(from) {
                            let (doc, s) = s?;
                            if book::in_slice(*rel) {
                                out.extend(s.edge_evidence(doc, from, *rel, to));
                            } else if let Some(b) = self.book(doc)? {
                                out.extend(b.edge_evidence(doc, from, *rel, to));
                            }
                        }
                    }
                }
            }
        }
        Ok(out)
    }

    /// Checks the store's invariants: every document has its text, book
    /// and owner row; every shared name in a book has its slice; the
    /// counters equal what the books say; no slice or counter is left
    /// without a document. Returns the problems found.
    pub fn verify(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let docs: BTreeMap<u64, DocRecord> = self.docs()?.into_iter().map(|d| (d.id, d)).collect();
        let mut want_nodes: HashMap<NodeKey, (u32, u32)> = HashMap::new();
        let mut want_edges: HashMap<Vec<u8>, u32> = HashMap::new();
        let mut want_slices: HashSet<Vec<u8>> = HashSet::new();
        let mut want_counts: BTreeMap<Vec<u8>, u64> = BTreeMap::new();
        let mut want_reverse: BTreeMap<Vec<u8>, index::BasisCounts> = BTreeMap::new();
        let mut want_entries: HashSet<Vec<u8>> = HashSet::new();
        let mut owners: HashMap<String, usize> = HashMap::new();
        for d in docs.values() {
            *owners
                .entry(crate::model::short_hash(&d.hash).to_string())
                .or_default() += 1;
            let by_path = self
                .db
                .get(keys::path(&d.path))?
                .and_then(|v| v.as_ref().try_into().ok().map(u64::from_be_bytes));
            if by_path != Some(d.id) {
                problems.push(format!("document {} has no path row", d.path));
            }
            if self.get_run(&keys::text(d.id), d.id)?.is_none() {
                problems.push(format!("document {} has no stored text", d.path));
            }
            if self.db.get(keys::owner(&d.hash, d.id))?.is_none() {
                problems.push(format!("document {} has no owner row", d.path));
            }
            let book = match self.get_run(&keys::book(d.id), d.id)? {
                None => {
                    problems.push(format!("document {} has no book", d.path));
                    continue;
                }
                Some(v) => match Book::decode(&v) {
                    Ok(b) => b,
                    Err(e) => {
                        problems.push(format!("document {}: {e}", d.path));
                        continue;
                    }
                },
            };
            if book.provenance_count() as u32 != d.provenance {
                problems.push(format!("document {}: counts differ from its book", d.path));
            }
            for i in book.shared_nodes() {
                let n = &book.nodes[i];
                let c = want_nodes.entry(n.key()).or_default();
                c.0 += 1;
                c.1 += n.occ.len() as u32;
                want_slices.insert(keys::slice(&n.key(), d.id));
            }
            for (a, r, b) in book.shared_edges() {
                *want_edges.entry(keys::edge(&a, r, &b)).or_default() += 1;
            }
            let counts = index::counts(&book);
            want_entries.extend(index::entries(&book, &d.path)?.iter().map(|e| e.key(d.id)));
            for (m, n) in counts.metrics {
                *want_counts.entry(keys::metric_count(&m)).or_default() += n;
            }
            for (g, b, n) in counts.goals {
                *want_counts.entry(keys::goal_count(&g, b)).or_default() += n;
            }
            for (k, b) in index::reverse_rows(&book) {
                want_reverse.entry(k).or_default()[b as usize] += 1;
            }
        }
        for r in self.run_list().iter() {
            if let Err(e) = r.verify() {
                problems.push(e.to_string());
            }
        }
        let mut slices = 0usize;
        for e in self.scan_runs(&[keys::SLICE]) {
            let (k, doc, _) = e?;
            slices += 1;
            if !want_slices.contains(&k) || keys::slice_doc(&k) != Some(doc) {
                problems.push("a slice no document's book accounts for".into());
            }
        }
        if slices != want_slices.len() {
            problems.push(format!(
                "{} slices stored, {} expected from the books",
                slices,
                want_slices.len()
            ));
        }
        let mut rows = 0usize;
        for kv in self.db.scan_prefix([keys::NODE]) {
            let (k, v) = kv?;
            rows += 1;
            let key = NodeKey::from_bytes(&k[1..]);
            let row = NodeRow::decode(&v)?;
            match key.and_then(|k| want_nodes.get(&k).map(|c| (k, c))) {
                Some((_, c)) if (row.documents, row.mentions) == *c => {}
                Some((k, c)) => problems.push(format!(
                    "node {}: counters {}/{} but the books say {}/{}",
                    k.id, row.documents, row.mentions, c.0, c.1
                )),
                None => problems.push("a node no document supports".into()),
            }
        }
        if rows != want_nodes.len() {
            problems.push(format!(
                "{rows} shared nodes stored, {} expected from the books",
                want_nodes.len()
            ));
        }
        let mut edges = 0usize;
        for kv in self.db.scan_prefix([keys::EDGE]) {
            let (k, v) = kv?;
            edges += 1;
            let n = v.as_ref().try_into().map(u32::from_be_bytes).unwrap_or(0);
            if want_edges.get(k.as_ref()) != Some(&n) {
                problems.push("an edge between names with a wrong counter".into());
            }
        }
        if edges != want_edges.len() {
            problems.push(format!(
                "{edges} edges between names stored, {} expected from the books",
                want_edges.len()
            ));
        }
        if self.db.scan_prefix([keys::PATH]).count() != docs.len() {
            problems.push("path rows without their document".into());
        }
        for e in self.scan_runs(&[keys::BOOK]) {
            if !docs.contains_key(&e?.1) {
                problems.push("a book of an unknown document".into());
            }
        }
        let dead = self.dead_list();
        if let Some(d) = docs.keys().find(|d| dead.contains(d)) {
            problems.push(format!("document {d} is stored and on the dead list"));
        }
        let mut entries = 0usize;
        for prefix in [keys::TARGET_INDEX, keys::SERVES_INDEX] {
            for e in self.scan_runs(&[prefix]) {
                entries += 1;
                if !want_entries.contains(&e?.0) {
                    problems.push("an index entry no document's book accounts for".into());
                }
            }
        }
        if entries != want_entries.len() {
            problems.push(format!(
                "{entries} index entries stored, {} expected from the books",
                want_entries.len()
            ));
        }
        let counts: BTreeMap<Vec<u8>, u64> = self
            .db
            .scan_prefix([keys::COUNT])
            .map(|kv| {
                let (k, v) = kv?;
                let n = v.as_ref().try_into().map(u64::from_be_bytes).unwrap_or(0);
                Ok((k.to_vec(), n))
            })
            .collect::<Result<_>>()?;
        if counts != want_counts {
            problems.push("index counters differ from what the books say".into());
        }
        let reverse: BTreeMap<Vec<u8>, index::BasisCounts> = self
            .db
            .scan_prefix([keys::REVERSE_EDGE])
            .map(|kv| {
                let (k, v) = kv?;
                Ok((k.to_vec(), index::decode_basis_counts(&v)))
            })
            .collect::<Result<_>>()?;
        if reverse != want_reverse {
            problems.push("edges into goals (I rows) differ from what the books say".into());
        }
        let mut want_dups: Vec<String> = owners
            .into_iter()
            .filter(|(_, n)| *n > 1)
            .map(|(h, _)| h)
            .collect();
        want_dups.sort();
        if self.duplicated_speeches()? != want_dups {
            problems.push("duplicated speech rows differ from the documents".into());
        }
        if self.document_count() != docs.len() {
            problems.push(format!(
                "document counter says {}, {} stored",
                self.document_count(),
                docs.len()
            ));
        }
        Ok(problems)
    }
}

/// A document with its book, encoded for the store: the compression and
/// slicing happen here, on whichever thread extracted it, so the single
/// writer only reads counters and applies the batch.
pub struct EncodedDocument {
    record: DocRecord,
    text: Vec<u8>,
    book: Vec<u8>,
    /// Per shared name: key, display name, mentions, encoded slice.
    slices: Vec<(NodeKey, String, u32, Vec<u8>)>,
    /// `E` keys of the edges between shared names.
    shared_edges: Vec<Vec<u8>>,
    /// `I` keys with this document's basis.
    reverse: Vec<(Vec<u8>, u8)>,
    /// Query index entries and the counters they move.
    index: Vec<index::IndexEntry>,
    counts: index::IndexCounts,
}

impl EncodedDocument {
    pub fn new(mut record: DocRecord, text: &str, book: &Book) -> Result<EncodedDocument> {
        record.count(book);
        let index = book.edge_index();
        let slices = book
            .shared_nodes()
            .map(|i| {
                let n = &book.nodes[i];
                Ok((
                    n.key(),
                    n.name.clone(),
                    n.occ.len() as u32,
                    // Raw: the run compresses neighbouring slices together.
                    book.slice_with(i, &index).encode(false)?,
                ))
            })
            .collect::<Result<Vec<_>>>()?;
        let (index, counts) = (index::entries(book, &record.path)?, index::counts(book));
        Ok(EncodedDocument {
            reverse: index::reverse_rows(book),
            index,
            counts,
            record,
            text: book::pack(text.as_bytes())?,
            book: book.encode(true)?,
            slices,
            shared_edges: book
                .shared_edges()
                .map(|(a, r, b)| keys::edge(&a, r, &b))
                .collect(),
        })
    }

    pub fn record(&self) -> &DocRecord {
        &self.record
    }
}

/// Gathers documents into one change: their run entries, and one sled
/// batch with the rows and counters they move. Nothing is visible before
/// [`Writer::commit`], and a commit is all or nothing: the run file is
/// written and synced first, then one batch names it. A large ingest
/// commits every [`COMMIT_BYTES`] of entries, so memory stays bounded and a
/// crash loses at most the documents of the last unfinished commit (the
/// next `add` stores them again).
pub struct Writer<'s> {
    write: Write<'s>,
    /// Commit after this many documents, if set.
    every: Option<usize>,
    since_commit: usize,
}

impl Writer<'_> {
    /// Commits after every `n` documents (None: by size only).
    pub fn commit_every(&mut self, n: Option<usize>) {
        self.every = n;
    }

    /// Stores a document, replacing the one stored under its path. A
    /// replaced document gets a new id: run entries are never rewritten,
    /// the old id goes on the dead list.
    pub fn put(&mut self, doc: EncodedDocument) -> Result<()> {
        if self.write.paths.contains(&doc.record.path) {
            // The same path twice in one change: the first must be stored
            // before it can be replaced.
            self.flush()?;
        }
        if let Some(old) = self.write.store.doc(&doc.record.path)? {
            self.write.remove(&old)?;
        }
        let id = self.write.next_doc_id()?;
        self.write.put(doc, id)?;
        self.since_commit += 1;
        if self.write.entry_bytes >= COMMIT_BYTES
            || self.every.is_some_and(|n| self.since_commit >= n)
        {
            self.flush()?;
        }
        Ok(())
    }

    /// Removes the document stored under `path`; false if there is none.
    pub fn remove(&mut self, path: &str) -> Result<bool> {
        if self.write.paths.contains(path) {
            self.flush()?;
        }
        let Some(record) = self.write.store.doc(path)? else {
            return Ok(false);
        };
        self.write.remove(&record)?;
        Ok(true)
    }

    /// Commits what is gathered so far and starts a new change.
    fn flush(&mut self) -> Result<()> {
        let store = self.write.store;
        self.since_commit = 0;
        std::mem::replace(&mut self.write, Write::new(store)).commit()?;
        store.compact_if_needed(MAX_RUNS_WHILE_WRITING)
    }

    /// Commits every document put or removed, then merges runs if there
    /// are too many.
    pub fn commit(self) -> Result<()> {
        let store = self.write.store;
        self.write.commit()?;
        store.compact_if_needed(MAX_RUNS)
    }
}

/// One atomic change: removals and additions of documents with the
/// counters they move, read through what this change already wrote.
struct Write<'s> {
    store: &'s Store,
    batch: sled::Batch,
    entries: Vec<Entry>,
    entry_bytes: usize,
    nodes: HashMap<NodeKey, Option<NodeRow>>,
    edges: HashMap<Vec<u8>, u32>,
    /// Paths put in this change.
    paths: HashSet<String>,
    dead: Vec<u64>,
    /// Moves of the `C` counters.
    counts: HashMap<Vec<u8>, i64>,
    /// `I` rows as this change leaves them.
    reverse: HashMap<Vec<u8>, index::BasisCounts>,
    /// Documents gained or lost per speech hash (for the `U` rows).
    owner_moves: HashMap<String, i64>,
    documents: i64,
    next_id: Option<u64>,
}

impl<'s> Write<'s> {
    fn new(store: &'s Store) -> Write<'s> {
        Write {
            store,
            batch: sled::Batch::default(),
            entries: Vec::new(),
            entry_bytes: 0,
            nodes: HashMap::new(),
            edges: HashMap::new(),
            paths: HashSet::new(),
            dead: Vec::new(),
            counts: HashMap::new(),
            reverse: HashMap::new(),
            owner_moves: HashMap::new(),
            documents: 0,
            next_id: None,
        }
    }

    fn node_row(&mut self, key: &NodeKey) -> Result<&mut Option<NodeRow>> {
        if !self.nodes.contains_key(key) {
            let row = self.store.node_row(key)?;
            self.nodes.insert(key.clone(), row);
        }
        Ok(self.nodes.get_mut(key).expect("just inserted"))
    }

    fn edge_count(&mut self, key: Vec<u8>) -> Result<&mut u32> {
        if !self.edges.contains_key(&key) {
            let n = self
                .store
                .db
                .get(&key)?
                .and_then(|v| v.as_ref().try_into().ok().map(u32::from_be_bytes))
                .unwrap_or(0);
            self.edges.insert(key.clone(), n);
        }
        Ok(self.edges.get_mut(&key).expect("just inserted"))
    }

    fn reverse_row(&mut self, key: &[u8]) -> Result<&mut index::BasisCounts> {
        if !self.reverse.contains_key(key) {
            let c = self
                .store
                .db
                .get(key)?
                .map(|v| index::decode_basis_counts(&v))
                .unwrap_or_default();
            self.reverse.insert(key.to_vec(), c);
        }
        Ok(self.reverse.get_mut(key).expect("just inserted"))
    }

    fn next_doc_id(&mut self) -> Result<u64> {
        let id = match self.next_id {
            Some(id) => id,
            None => self.store.counter(keys::META_NEXT_DOC_ID)?.max(1),
        };
        self.next_id = Some(id + 1);
        Ok(id)
    }

    fn entry(&mut self, key: Vec<u8>, doc: u64, value: Vec<u8>) {
        self.entry_bytes += key.len() + value.len() + 12;
        self.entries.push((key, doc, value));
    }

    fn put(&mut self, doc: EncodedDocument, id: u64) -> Result<()> {
        let EncodedDocument {
            mut record,
            text,
            book,
            slices,
            shared_edges,
            reverse,
            index,
            counts,
        } = doc;
        record.id = id;
        self.paths.insert(record.path.clone());
        self.batch.insert(keys::doc(id), encode(&record)?);
        self.batch
            .insert(keys::path(&record.path), &id.to_be_bytes());
        self.batch
            .insert(keys::owner(&record.hash, id), &[] as &[u8]);
        self.entry(keys::text(id), id, text);
        self.entry(keys::book(id), id, book);
        for (key, name, mentions, slice) in slices {
            self.entry(keys::slice(&key, id), id, slice);
            let row = self.node_row(&key)?.get_or_insert_with(|| NodeRow {
                name,
                ..NodeRow::default()
            });
            row.documents += 1;
            row.mentions += mentions;
        }
        for key in shared_edges {
            *self.edge_count(key)? += 1;
        }
        for e in index {
            self.entry(e.key(id), id, e.value);
        }
        for (key, basis) in &reverse {
            self.reverse_row(key)?[*basis as usize] += 1;
        }
        self.count_index(&counts, 1);
        *self
            .owner_moves
            .entry(crate::model::short_hash(&record.hash).to_string())
            .or_default() += 1;
        self.documents += 1;
        Ok(())
    }

    fn count_index(&mut self, counts: &index::IndexCounts, sign: i64) {
        for (metric, n) in &counts.metrics {
            *self.counts.entry(keys::metric_count(metric)).or_default() += sign * *n as i64;
        }
        for (goal, basis, n) in &counts.goals {
            *self
                .counts
                .entry(keys::goal_count(goal, *basis))
                .or_default() += sign * *n as i64;
        }
    }

    /// Takes a stored (committed) document out: its rows and counters go,
    /// its id goes on the dead list so readers skip its run entries.
    fn remove(&mut self, record: &DocRecord) -> Result<()> {
        let id = record.id;
        let book = self.store.book(id)?;
        self.batch.remove(keys::path(&record.path));
        self.batch.remove(keys::doc(id));
        self.batch.remove(keys::owner(&record.hash, id));
        self.batch.insert(keys::dead(id), &[DeadList::ALL][..]);
        self.dead.push(id);
        if let Some(book) = book {
            for i in book.shared_nodes() {
                let n = &book.nodes[i];
                let row = self.node_row(&n.key())?;
                if let Some(r) = row {
                    r.documents = r.documents.saturating_sub(1);
                    r.mentions = r.mentions.saturating_sub(n.occ.len() as u32);
                    if r.documents == 0 {
                        *row = None;
                    }
                }
            }
            for (a, r, b) in book.shared_edges() {
                let n = self.edge_count(keys::edge(&a, r, &b))?;
                *n = n.saturating_sub(1);
            }
            self.count_index(&index::counts(&book), -1);
            for (key, basis) in index::reverse_rows(&book) {
                let n = &mut self.reverse_row(&key)?[basis as usize];
                *n = n.saturating_sub(1);
            }
        }
        *self
            .owner_moves
            .entry(crate::model::short_hash(&record.hash).to_string())
            .or_default() -= 1;
        self.documents -= 1;
        self.store.forget_book(id);
        Ok(())
    }

    fn commit(mut self) -> Result<()> {
        let store = self.store;
        if self.entries.is_empty() && self.dead.is_empty() && self.documents == 0 {
            return Ok(());
        }
        let mut new_runs = None;
        if !self.entries.is_empty() {
            // Texts and books in one run, slices and index entries in
            // another: only the second kind needs merging to stay fast.
            let (documents, index): (Vec<Entry>, Vec<Entry>) = std::mem::take(&mut self.entries)
                .into_iter()
                .partition(|e| keys::is_packed(&e.0));
            let mut id = store.counter(keys::META_NEXT_RUN_ID)?.max(1);
            let mut made = Vec::new();
            for (family, entries) in [
                (runs::RunFamily::Documents, documents),
                (runs::RunFamily::Index, index),
            ] {
                if entries.is_empty() {
                    continue;
                }
                made.push(runs::write_run(
                    &store.runs_dir(),
                    id,
                    family,
                    entries,
                    keys::is_packed,
                )?);
                id += 1;
            }
            self.batch
                .insert(keys::meta(keys::META_NEXT_RUN_ID), &id.to_be_bytes());
            new_runs = Some(store.next_runs(&mut self.batch, &HashSet::new(), made)?);
        }
        for (key, row) in self.nodes.drain() {
            match row {
                Some(r) => self.batch.insert(keys::node(&key), r.encode()),
                None => self.batch.remove(keys::node(&key)),
            }
        }
        for (key, n) in self.edges.drain() {
            if n == 0 {
                self.batch.remove(key);
            } else {
                self.batch.insert(key, &n.to_be_bytes());
            }
        }
        for (key, c) in self.reverse.drain() {
            if c.iter().all(|n| *n == 0) {
                self.batch.remove(key);
            } else {
                self.batch.insert(key, index::encode_basis_counts(&c));
            }
        }
        for (key, delta) in self.counts.drain() {
            let n = store.count(&key)? as i64 + delta;
            if n <= 0 {
                self.batch.remove(key);
            } else {
                self.batch.insert(key, &(n as u64).to_be_bytes());
            }
        }
        for (hash, delta) in self.owner_moves.drain() {
            let n = store.db.scan_prefix(keys::owner_prefix(&hash)).count() as i64 + delta;
            if n >= 2 {
                self.batch.insert(keys::duplicate(&hash), &[] as &[u8]);
            } else {
                self.batch.remove(keys::duplicate(&hash));
            }
        }
        if let Some(id) = self.next_id {
            self.batch
                .insert(keys::meta(keys::META_NEXT_DOC_ID), &id.to_be_bytes());
        }
        let docs = (store.document_count() as i64 + self.documents).max(0) as u64;
        self.batch
            .insert(keys::meta(keys::META_DOCUMENTS), &docs.to_be_bytes());
        store.db.apply_batch(self.batch)?;
        store.db.flush()?;
        if let Some(list) = new_runs {
            *store.runs.write().expect("runs") = Arc::new(list);
        }
        if !self.dead.is_empty() {
            let mut dead = (*store.dead_list()).clone();
            for d in &self.dead {
                dead.insert(*d, DeadList::ALL);
            }
            *store.dead.write().expect("dead list") = Arc::new(dead);
        }
        Ok(())
    }
}

impl Store {
    /// Rewrites any run that is mostly dead documents, then, while a family
    /// has more than `max_runs` runs, merges its smallest runs of about one
    /// size ([`smallest_of_a_size`]): a large run is rewritten only once
    /// runs of its size have piled up, not for every small addition.
    fn compact_if_needed(&self, max_runs: usize) -> Result<()> {
        // Runs rewritten here for their dead documents: not again, even if
        // their id range still spans dead documents whose entries were in
        // another run.
        let mut rewritten = HashSet::new();
        loop {
            let runs = self.run_list();
            let dead = self.dead_list();
            let mostly_dead = runs.iter().find(|r| {
                let d = dead
                    .held_by(r.meta.family)
                    .filter(|d| r.meta.holds(*d))
                    .count() as u64;
                r.meta.docs > 0 && 2 * d >= r.meta.docs && !rewritten.contains(&r.meta.id)
            });
            if let Some(r) = mostly_dead {
                rewritten.extend(self.merge_runs(std::slice::from_ref(r))?);
                continue;
            }
            let families = [
                (RunFamily::Index, max_runs),
                (RunFamily::Documents, MAX_DOCUMENT_RUNS),
            ];
            let pick = families.iter().find_map(|(family, max)| {
                let of = self.runs_of(*family);
                (of.len() > *max).then(|| smallest_of_a_size(of))
            });
            match pick {
                Some(pick) => {
                    self.merge_runs(&pick)?;
                }
                None => return Ok(()),
            }
        }
    }

    /// Merges `pick` (runs of one family) into new runs without the dead
    /// documents' entries, and records that this family holds none of
    /// theirs any more. A large merge is cut into key ranges merged on all
    /// cores, one new run each. Returns the new runs' ids.
    pub fn merge_runs(&self, pick: &[Arc<Run>]) -> Result<Vec<u64>> {
        let Some(family) = pick.first().map(|r| r.meta.family) else {
            return Ok(Vec::new());
        };
        let dead = self.dead_list();
        let first_id = self.counter(keys::META_NEXT_RUN_ID)?.max(1);
        let bytes: u64 = pick.iter().map(|r| r.meta.bytes).sum();
        // Fewer parts than runs merged, so that a merge always leaves
        // fewer runs than it found.
        let parts = if bytes >= PARALLEL_MERGE_BYTES {
            rayon::current_num_threads()
                .min(pick.len().saturating_sub(1))
                .max(1) as u64
        } else {
            1
        };
        let ids: Vec<u64> = (first_id..first_id + parts).collect();
        let dir = self.runs_dir();
        let outputs = runs::merge(&dir, &ids, pick, dead.clone(), keys::is_packed)?;
        let picked: HashSet<u64> = pick.iter().map(|r| r.meta.id).collect();
        let mut cleared = HashSet::new();
        let mut made = Vec::new();
        for (meta, dropped) in outputs {
            cleared.extend(dropped);
            if meta.entries > 0 {
                made.push(meta);
            } else {
                let _ = std::fs::remove_file(runs::run_path(&dir, meta.id));
            }
        }
        let ids: Vec<u64> = made.iter().map(|m| m.id).collect();
        let mut batch = sled::Batch::default();
        let list = self.next_runs(&mut batch, &picked, made)?;
        // Dropped, or in range of the merged runs and of no other run of
        // the family (a document with no entries of this family).
        let others: Vec<&RunMeta> = list
            .iter()
            .map(|r| &r.meta)
            .filter(|m| m.family == family && !ids.contains(&m.id))
            .collect();
        cleared.extend(dead.held_by(family).filter(|d| {
            pick.iter().any(|r| r.meta.holds(*d)) && !others.iter().any(|m| m.holds(*d))
        }));
        let mut left = (*dead).clone();
        batch.insert(
            keys::meta(keys::META_NEXT_RUN_ID),
            &(first_id + parts).to_be_bytes(),
        );
        for d in &cleared {
            match left.dropped(*d, family) {
                0 => batch.remove(keys::dead(*d)),
                bits => batch.insert(keys::dead(*d), &[bits][..]),
            }
        }
        self.db.apply_batch(batch)?;
        self.db.flush()?;
        *self.runs.write().expect("runs") = Arc::new(list);
        *self.dead.write().expect("dead list") = Arc::new(left);
        for r in pick {
            let _ = std::fs::remove_file(r.path());
        }
        Ok(ids)
    }

    /// The run list without `removed` and with `added`, put into `batch` as
    /// the manifest; the caller installs it once the batch is applied.
    fn next_runs(
        &self,
        batch: &mut sled::Batch,
        removed: &HashSet<u64>,
        added: Vec<RunMeta>,
    ) -> Result<Vec<Arc<Run>>> {
        let dir = self.runs_dir();
        let list: Vec<Arc<Run>> = self
            .run_list()
            .iter()
            .filter(|r| !removed.contains(&r.meta.id))
            .cloned()
            .chain(added.into_iter().map(|m| Arc::new(Run::new(&dir, m))))
            .collect();
        let manifest: Vec<&RunMeta> = list.iter().map(|r| &r.meta).collect();
        batch.insert(keys::meta(keys::META_RUNS), encode(&manifest)?);
        Ok(list)
    }

    /// How many removed or replaced documents still have entries in runs.
    pub fn dead_documents(&self) -> usize {
        self.dead_list().len()
    }

    /// How many run files the store has, and their bytes.
    pub fn run_files(&self) -> Result<(usize, u64)> {
        let runs = self.run_list();
        Ok((runs.len(), runs.iter().map(|r| r.meta.bytes).sum()))
    }

    /// The runs of one family, oldest first.
    fn runs_of(&self, family: RunFamily) -> Vec<Arc<Run>> {
        self.run_list()
            .iter()
            .filter(|r| r.meta.family == family)
            .cloned()
            .collect()
    }

    /// Merges the runs of each family into one, leaving out dead documents.
    pub fn compact(&self) -> Result<()> {
        for family in [RunFamily::Documents, RunFamily::Index] {
            let of = self.runs_of(family);
            let dead = self.dead_list();
            if of.len() > 1 || dead.held_by(family).next().is_some() {
                self.merge_runs(&of)?;
            }
        }
        Ok(())
    }
}

/// The smallest runs, and the next ones while each is at most twice all
/// those before it together: merging them costs about what they hold,
/// never a much larger run for a few small ones. At least two.
fn smallest_of_a_size(mut runs: Vec<Arc<Run>>) -> Vec<Arc<Run>> {
    runs.sort_by_key(|r| r.meta.bytes);
    let mut total = 0u64;
    let mut n = 0;
    for r in &runs {
        if n >= 2 && r.meta.bytes > 2 * total {
            break;
        }
        total += r.meta.bytes;
        n += 1;
    }
    runs.truncate(n);
    runs
}

fn encode<T: Serialize>(v: &T) -> Result<Vec<u8>> {
    postcard::to_stdvec(v).map_err(|e| Error::Corrupt(e.to_string()))
}

fn decode<T: for<'de> Deserialize<'de>>(v: &[u8]) -> Result<T> {
    postcard::from_bytes(v).map_err(|e| Error::Corrupt(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A store with one document about 临江区, built through the pipeline.
    fn one_document_store(dir: &Path) -> Store {
        let store = Store::open(&dir.join("db")).unwrap();
        let pipeline =
            crate::extract::Pipeline::new(crate::rules::CompiledRuleSet::defaults().unwrap());
        let text = "在临江区经济工作会议上的讲话\n一、项目建设要聚力攻坚\n区委决定加快建设临江智慧物流产业园,推动高质量发展。\n";
        let ex = pipeline.extract_text("a.txt", "0123456789abcdef", text);
        let record = DocRecord {
            path: "a.txt".into(),
            hash: "0123456789abcdef".into(),
            ..DocRecord::default()
        };
        store
            .put_document(&record, text, &doc_facts(&ex, text.chars().count()))
            .unwrap();
        assert!(store.verify().unwrap().is_empty());
        store
    }

    #[test]
    fn verify_finds_wrong_counters_and_stray_slices() {
        let dir = tempfile::tempdir().unwrap();
        let store = one_document_store(dir.path());
        let key = NodeKey::new(NodeKind::District, "临江区");
        let mut row = store.node_row(&key).unwrap().expect("临江区 is stored");
        assert_eq!(row.documents, 1);
        row.documents = 2;
        store.db.insert(keys::node(&key), row.encode()).unwrap();
        let problems = store.verify().unwrap();
        assert!(
            problems
                .iter()
                .any(|p| p.contains("临江区") && p.contains("counters")),
            "{problems:?}"
        );
        // A run entry for the stored document that its book does not name.
        let id = store.doc("a.txt").unwrap().unwrap().id;
        let mut w = Write::new(&store);
        w.entry(
            keys::slice(&NodeKey::new(NodeKind::Project, "无此项目"), id),
            id,
            vec![0],
        );
        w.commit().unwrap();
        let problems = store.verify().unwrap();
        assert!(problems.iter().any(|p| p.contains("slice")), "{problems:?}");
    }

    #[test]
    fn removing_the_last_document_leaves_an_empty_store() {
        let dir = tempfile::tempdir().unwrap();
        let store = one_document_store(dir.path());
        assert!(store.remove_document("a.txt").unwrap());
        assert!(store.verify().unwrap().is_empty());
        let s = store.stats().unwrap();
        assert_eq!((s.documents, s.nodes, s.edges, s.provenance), (0, 0, 0, 0));
        // Nothing but the meta rows is left.
        assert!(store.db.iter().keys().all(|k| k.unwrap()[0] == keys::META));
    }

    #[test]
    fn a_store_of_another_format_is_refused_with_advice() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db");
        {
            let store = Store::open(&path).unwrap();
            store
                .db
                .insert(keys::meta(keys::META_FORMAT), "1".as_bytes())
                .unwrap();
            store.flush().unwrap();
        }
        let err = Store::open(&path)
            .err()
            .expect("old format refused")
            .to_string();
        assert!(
            err.contains("format version 1") && err.contains("rebuild"),
            "{err}"
        );
    }
}
