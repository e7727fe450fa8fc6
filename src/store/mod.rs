//! The graph store: one sled tree (key layout in [`keys`]), written one
//! document at a time in one atomic batch, so a crash or Ctrl-C leaves the
//! previous consistent state. Adding a changed document removes every fact
//! only it supported and inserts the new ones in the same batch; a fact is
//! kept while any provenance row supports it.

pub mod facts;
pub mod keys;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::graph::model::{EdgeRecord, NodeKey, NodeKind, NodeRecord, Relation};
pub use facts::{doc_facts, DocFacts, ProvRecord};
use keys::Fact;

/// Default place of the store, relative to the working directory.
pub const DEFAULT_DB: &str = "out/ptkg.db";

/// Bounded page cache, so memory does not grow with the store.
const CACHE_BYTES: u64 = 64 * 1024 * 1024;

/// What the store keeps about a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocRecord {
    pub id: u64,
    pub path: String,
    pub hash: String,
    pub title: String,
    pub encoding: String,
    pub chars: usize,
    pub ruleset: String,
}

/// A provenance row as read back.
#[derive(Debug, Clone)]
pub struct Evidence {
    pub doc_id: u64,
    pub start: u32,
    pub end: u32,
    pub rule: String,
    pub sentence: (u32, u32),
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
        };
        store.check_format()?;
        Ok(store)
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
        self.db
            .get(keys::doc(path))?
            .map(|v| decode(&v))
            .transpose()
    }

    /// How many documents the store holds.
    pub fn document_count(&self) -> usize {
        self.db.scan_prefix([keys::DOC]).count()
    }

    /// Every document, by path.
    pub fn docs(&self) -> Result<Vec<DocRecord>> {
        self.db
            .scan_prefix([keys::DOC])
            .map(|kv| decode(&kv?.1))
            .collect()
    }

    /// The original text of a document.
    pub fn text(&self, doc_id: u64) -> Result<Option<String>> {
        Ok(self
            .db
            .get(keys::text(doc_id))?
            .map(|v| String::from_utf8_lossy(&v).into_owned()))
    }

    /// Stores a document and its facts, replacing whatever it supported
    /// before, in one atomic batch.
    pub fn put_document(&self, record: &DocRecord, text: &str, facts: &DocFacts) -> Result<()> {
        let mut batch = sled::Batch::default();
        self.remove_ops(record.id, Some(&record.path), &mut batch)?;
        batch.insert(keys::doc(&record.path), encode(record)?);
        batch.insert(keys::text(record.id), text.as_bytes());
        for (key, node) in &facts.nodes {
            batch.insert(keys::node(key), encode(node)?);
        }
        for (from, rel, to, edge) in &facts.edges {
            batch.insert(keys::out_edge(from, *rel, to), encode(edge)?);
            batch.insert(keys::in_edge(from, *rel, to), &[] as &[u8]);
        }
        for (fact, start, end, prov) in &facts.prov {
            batch.insert(keys::prov(fact, record.id, *start, *end), encode(prov)?);
        }
        let mut index: Vec<(&Fact, u32, u32)> =
            facts.prov.iter().map(|(f, s, e, _)| (f, *s, *e)).collect();
        index.sort_unstable();
        index.dedup();
        batch.insert(
            keys::doc_facts(record.id),
            keys::encode_doc_facts(index.into_iter()),
        );
        self.db.apply_batch(batch)?;
        Ok(())
    }

    /// Removes the document added under `path` and every fact only it
    /// supported. Returns false if there was no such document.
    pub fn remove_document(&self, path: &str) -> Result<bool> {
        let Some(record) = self.doc(path)? else {
            return Ok(false);
        };
        let mut batch = sled::Batch::default();
        self.remove_ops(record.id, Some(path), &mut batch)?;
        self.db.apply_batch(batch)?;
        Ok(true)
    }

    /// Adds to `batch` the removal of everything document `doc_id` supports.
    fn remove_ops(&self, doc_id: u64, path: Option<&str>, batch: &mut sled::Batch) -> Result<()> {
        if let Some(p) = path {
            batch.remove(keys::doc(p));
        }
        batch.remove(keys::text(doc_id));
        let mut touched: BTreeSet<Fact> = BTreeSet::new();
        batch.remove(keys::doc_facts(doc_id));
        for (fact, start, end) in self.doc_fact_index(doc_id)? {
            batch.remove(keys::prov(&fact, doc_id, start, end));
            touched.insert(fact);
        }
        for fact in touched {
            if !self.supported_elsewhere(&fact, doc_id)? {
                let (record, incoming) = fact.record_keys();
                batch.remove(record);
                if let Some(i) = incoming {
                    batch.remove(i);
                }
            }
        }
        Ok(())
    }

    /// Whether any document other than `doc_id` supports `fact`. Rows are
    /// sorted by document, so this stops at the first foreign row.
    fn supported_elsewhere(&self, fact: &Fact, doc_id: u64) -> Result<bool> {
        for kv in self.db.scan_prefix(keys::prov_prefix(fact)) {
            let (k, _) = kv?;
            let (_, d, _, _) =
                keys::parse_prov(&k).ok_or_else(|| Error::Corrupt("bad provenance key".into()))?;
            if d != doc_id {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// How many provenance rows document `doc_id` has.
    pub fn doc_fact_count(&self, doc_id: u64) -> usize {
        self.doc_fact_index(doc_id).map(|v| v.len()).unwrap_or(0)
    }

    /// The (fact, start, end) triples a document supports.
    fn doc_fact_index(&self, doc_id: u64) -> Result<Vec<(Fact, u32, u32)>> {
        match self.db.get(keys::doc_facts(doc_id))? {
            Some(v) => keys::decode_doc_facts(&v)
                .ok_or_else(|| Error::Corrupt("bad document fact index".into())),
            None => Ok(Vec::new()),
        }
    }

    /// Writes everything to disk.
    pub fn flush(&self) -> Result<()> {
        self.db.flush()?;
        Ok(())
    }

    /// Counts documents, nodes by kind and edges by relation.
    pub fn stats(&self) -> Result<Stats> {
        let mut s = Stats::default();
        for k in NodeKind::ALL {
            s.nodes_by_kind.insert(k.as_str().to_string(), 0);
        }
        for r in Relation::ALL {
            s.edges_by_relation.insert(r.as_str().to_string(), 0);
        }
        s.documents = self.db.scan_prefix([keys::DOC]).count();
        for kv in self.db.scan_prefix([keys::NODE]) {
            let (k, _) = kv?;
            if let Some(kind) = k.get(1).and_then(|b| NodeKind::from_byte(*b)) {
                *s.nodes_by_kind
                    .entry(kind.as_str().to_string())
                    .or_default() += 1;
                s.nodes += 1;
            }
        }
        for kv in self.db.scan_prefix([keys::OUT]) {
            let (k, _) = kv?;
            if let Some((_, rel, _)) = keys::parse_edge(&k) {
                *s.edges_by_relation
                    .entry(rel.as_str().to_string())
                    .or_default() += 1;
                s.edges += 1;
            }
        }
        s.provenance = self.db.scan_prefix([keys::PROV]).count();
        Ok(s)
    }

    /// Every node of one kind.
    pub fn nodes_of_kind(&self, kind: NodeKind) -> Result<Vec<(NodeKey, NodeRecord)>> {
        self.db
            .scan_prefix(keys::node_kind_prefix(kind))
            .map(|kv| {
                let (k, v) = kv?;
                let key = NodeKey::from_bytes(&k[1..])
                    .ok_or_else(|| Error::Corrupt("bad node key".into()))?;
                Ok((key, decode(&v)?))
            })
            .collect()
    }

    pub fn node(&self, key: &NodeKey) -> Result<Option<NodeRecord>> {
        self.db
            .get(keys::node(key))?
            .map(|v| decode(&v))
            .transpose()
    }

    /// Nodes whose display name is `name`, of any kind.
    pub fn find_nodes(&self, name: &str) -> Result<Vec<(NodeKey, NodeRecord)>> {
        let mut out = Vec::new();
        for kind in NodeKind::ALL {
            if *kind == NodeKind::Section || *kind == NodeKind::Speech {
                continue;
            }
            let mut prefix = keys::node_kind_prefix(*kind);
            prefix.extend_from_slice(name.as_bytes());
            for kv in self.db.scan_prefix(&prefix) {
                let (k, v) = kv?;
                let rec: NodeRecord = decode(&v)?;
                if rec.name == name {
                    let key = NodeKey::from_bytes(&k[1..])
                        .ok_or_else(|| Error::Corrupt("bad node key".into()))?;
                    out.push((key, rec));
                }
            }
        }
        // Speeches by title or path.
        for (key, rec) in self.nodes_of_kind(NodeKind::Speech)? {
            if rec.name == name
                || rec.attrs.get("path").is_some_and(|p| p == name)
                || key.id == name
            {
                out.push((key, rec));
            }
        }
        Ok(out)
    }

    /// Edges leaving (`outgoing`) or entering `node`, with the other end.
    pub fn edges(
        &self,
        node: &NodeKey,
        outgoing: bool,
    ) -> Result<Vec<(Relation, NodeKey, EdgeRecord)>> {
        let dir = if outgoing { keys::OUT } else { keys::IN };
        let mut out = Vec::new();
        for kv in self.db.scan_prefix(keys::edges_of(dir, node)) {
            let (k, v) = kv?;
            let (_, rel, other) =
                keys::parse_edge(&k).ok_or_else(|| Error::Corrupt("bad edge key".into()))?;
            let rec = if outgoing {
                decode(&v)?
            } else {
                match self.db.get(keys::out_edge(&other, rel, node))? {
                    Some(v) => decode(&v)?,
                    None => continue,
                }
            };
            out.push((rel, other, rec));
        }
        Ok(out)
    }

    /// Every edge in the store.
    pub fn all_edges(&self) -> Result<Vec<(NodeKey, Relation, NodeKey, EdgeRecord)>> {
        self.db
            .scan_prefix([keys::OUT])
            .map(|kv| {
                let (k, v) = kv?;
                let (a, r, b) =
                    keys::parse_edge(&k).ok_or_else(|| Error::Corrupt("bad edge key".into()))?;
                Ok((a, r, b, decode(&v)?))
            })
            .collect()
    }

    /// Provenance rows of a node (`edge` = None) or of an edge.
    pub fn evidence(&self, fact: &Fact) -> Result<Vec<Evidence>> {
        self.db
            .scan_prefix(keys::prov_prefix(fact))
            .map(|kv| {
                let (k, v) = kv?;
                let (_, doc_id, start, end) = keys::parse_prov(&k)
                    .ok_or_else(|| Error::Corrupt("bad provenance key".into()))?;
                let p: ProvRecord = decode(&v)?;
                Ok(Evidence {
                    doc_id,
                    start,
                    end,
                    rule: p.rule,
                    sentence: p.sentence,
                })
            })
            .collect()
    }

    /// Checks the store's invariants: every document-fact row has its
    /// provenance row and fact, every edge its endpoints and reverse row,
    /// every fact at least one provenance row. Returns the problems found.
    pub fn verify(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let docs: BTreeMap<u64, DocRecord> = self.docs()?.into_iter().map(|d| (d.id, d)).collect();
        for kv in self.db.scan_prefix([keys::DOC_FACT]) {
            let (k, v) = kv?;
            let doc_id = u64::from_be_bytes(k[1..9].try_into().unwrap_or_default());
            let Some(index) = keys::decode_doc_facts(&v) else {
                problems.push(format!("document {doc_id}: unreadable fact index"));
                continue;
            };
            if !docs.contains_key(&doc_id) {
                problems.push(format!("facts of unknown document {doc_id}"));
            }
            for (fact, s, e) in index {
                if self.db.get(keys::prov(&fact, doc_id, s, e))?.is_none() {
                    problems.push(format!("document {doc_id}: fact without provenance row"));
                }
                if self.db.get(fact.record_keys().0)?.is_none() {
                    problems.push(format!("document {doc_id}: provenance of a missing fact"));
                }
            }
        }
        // Every provenance row is listed in its document's index.
        let mut listed: std::collections::HashSet<Vec<u8>> = std::collections::HashSet::new();
        for kv in self.db.scan_prefix([keys::DOC_FACT]) {
            let (k, v) = kv?;
            let doc_id = u64::from_be_bytes(k[1..9].try_into().unwrap_or_default());
            for (fact, s, e) in keys::decode_doc_facts(&v).unwrap_or_default() {
                listed.insert(keys::prov(&fact, doc_id, s, e));
            }
        }
        for kv in self.db.scan_prefix([keys::PROV]) {
            let (k, _) = kv?;
            if !listed.contains(k.as_ref()) {
                problems.push("provenance row missing from its document's index".into());
                break;
            }
        }
        for kv in self.db.scan_prefix([keys::OUT]) {
            let (k, _) = kv?;
            let Some((a, r, b)) = keys::parse_edge(&k) else {
                problems.push("unreadable edge key".into());
                continue;
            };
            for n in [&a, &b] {
                if self.db.get(keys::node(n))?.is_none() {
                    problems.push(format!("edge {} → {} has a missing endpoint", a.id, b.id));
                }
            }
            if self.db.get(keys::in_edge(&a, r, &b))?.is_none() {
                problems.push(format!("edge {} → {} has no reverse row", a.id, b.id));
            }
            if self.evidence(&Fact::edge(&a, r, &b))?.is_empty() {
                problems.push(format!("edge {} → {} has no provenance", a.id, b.id));
            }
        }
        for kv in self.db.scan_prefix([keys::NODE]) {
            let (k, _) = kv?;
            if let Some(key) = NodeKey::from_bytes(&k[1..]) {
                if self.evidence(&Fact::node(&key))?.is_empty() {
                    problems.push(format!("node {} has no provenance", key.id));
                }
            }
        }
        for d in docs.values() {
            if self.db.get(keys::text(d.id))?.is_none() {
                problems.push(format!("document {} has no stored text", d.path));
            }
        }
        Ok(problems)
    }
}

/// Stable id of a document from its path.
pub fn doc_id_for(path: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(path.as_bytes())
}

fn encode<T: Serialize>(v: &T) -> Result<Vec<u8>> {
    serde_json::to_vec(v).map_err(|e| Error::Corrupt(e.to_string()))
}

fn decode<T: for<'de> Deserialize<'de>>(v: &[u8]) -> Result<T> {
    serde_json::from_slice(v).map_err(|e| Error::Corrupt(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

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
