//! Writing: documents enter as [`EncodedDocument`]s (a [`DocRecord`], its
//! text and its [`Book`], compressed and sliced on the thread that
//! extracted them) and a [`Writer`] gathers them into one change. A commit
//! writes the change's run entries into new run files (synced), then one
//! sled batch with the rows and counters they move and the manifest that
//! names the new runs; then [`merge`](super::merge) keeps the runs few.

// foldhash: the writer looks up every shared name and edge of every
// document it stores.
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::sync::Arc;

use super::book::{self, Book, NodeRow};
use super::runs::{self, DeadList, Entry};
use super::totals::Totals;
use super::{encode, index, keys, space, DocRecord, Store};
use crate::error::Result;
use crate::model::{short_hash, NodeKey};

/// A writer commits when it holds this many bytes of run entries: about a
/// thousand generated speeches, few enough runs for a large ingest, and
/// little memory.
pub(super) const COMMIT_BYTES: usize = 96 * 1024 * 1024;

/// After a change, runs of slices and index entries beyond this many are
/// merged, smallest first, so a read by prefix seeks in few files.
pub(super) const MAX_RUNS: usize = 8;

/// Inside one long `add`, runs are merged only past this many: merging
/// rewrites every byte it reads, so a large ingest merges once, at its end.
const MAX_RUNS_WHILE_WRITING: usize = 128;

impl Store {
    /// A writer that gathers documents into one run and one sled batch.
    pub fn writer(&self) -> Writer<'_> {
        Writer {
            write: Write::new(self),
            every: None,
            since_commit: 0,
        }
    }

    /// Stores a document and its book, replacing whatever it supported
    /// before, in one commit. A document gets the next id, also when it
    /// replaces one (whose id goes on the dead list).
    #[cfg(test)]
    pub(crate) fn put_document(&self, record: &DocRecord, text: &str, book: &Book) -> Result<()> {
        let mut w = self.writer();
        w.put(EncodedDocument::new(record.clone(), text, book)?)?;
        w.commit()
    }

    /// Removes the document added under `path` and every fact only it
    /// supported. Returns false if there was no such document.
    #[cfg(test)]
    pub(crate) fn remove_document(&self, path: &str) -> Result<bool> {
        let mut w = self.writer();
        let removed = w.remove(path)?;
        w.commit()?;
        Ok(removed)
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
}

/// What [`Writer::put`] did with a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stored {
    /// Stored as a document of its own.
    Document,
    /// Its text was already stored under another path: the path was
    /// added to that document.
    OtherPath,
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

    /// Records `hash` as the store's rule-set hash in this change (and so
    /// in its one sled batch and flush), not in a commit of its own: a
    /// first `add` flushes sled once, not twice. The change commits even
    /// when it stores no document.
    pub(crate) fn set_ruleset_hash(&mut self, hash: &str) -> Result<()> {
        if self.write.store.ruleset_hash()?.as_deref() != Some(hash) {
            self.write
                .batch
                .insert(keys::meta(keys::META_RULESET), hash.as_bytes());
            self.write.rows_only = true;
        }
        Ok(())
    }

    /// Stores a document, replacing the one stored under its path. A
    /// replaced document gets a new id: run entries are never rewritten,
    /// the old id goes on the dead list. The same text already stored
    /// under another path is not stored twice: the path becomes another
    /// path of that document (one speech, one document).
    pub fn put(&mut self, doc: EncodedDocument) -> Result<Stored> {
        if self.write.paths.contains(&doc.record.path)
            || self.write.hashes.contains(&doc.record.hash)
        {
            // The same path or text twice in one change: the first must be
            // stored before the second can replace it or join it.
            self.flush()?;
        }
        let mut old = self.write.store.document_by_path(&doc.record.path)?;
        if old
            .as_ref()
            .is_some_and(|o| self.write.touched.contains(&o.id))
        {
            // This change rewrote its record: commit, then read it again.
            self.flush()?;
            old = self.write.store.document_by_path(&doc.record.path)?;
        }
        if let Some(old) = old {
            if old.hash == doc.record.hash && old.path == doc.record.path {
                // The same document again (reindex): replaced whole, with
                // the other paths its new record carries. Letting go of
                // its first path only would move it to the next path and
                // then store it a second time.
                self.write.remove(&old)?;
            } else {
                self.write.release(old, &doc.record.path)?;
            }
        }
        let same = self.write.store.document_by_hash(&doc.record.hash)?;
        let stored = if let Some(same) = same.filter(|s| !self.write.dead.contains(&s.id)) {
            if self.write.touched.contains(&same.id) {
                self.flush()?;
                return self.put(doc);
            }
            self.write.alias(same, &doc.record.path)?;
            Stored::OtherPath
        } else {
            let id = self.write.next_doc_id()?;
            self.write.put(doc, id)?;
            Stored::Document
        };
        self.since_commit += 1;
        if self.write.entry_bytes >= COMMIT_BYTES
            || self.every.is_some_and(|n| self.since_commit >= n)
        {
            self.flush()?;
        }
        Ok(stored)
    }

    /// Removes the document stored under `path`, or only that path when
    /// the same text is stored under another; false if there is none.
    pub fn remove(&mut self, path: &str) -> Result<bool> {
        if self.write.paths.contains(path) {
            self.flush()?;
        }
        let Some(record) = self.write.store.document_by_path(path)? else {
            return Ok(false);
        };
        if self.write.touched.contains(&record.id) {
            self.flush()?;
            return self.remove(path);
        }
        self.write.release(record, path)?;
        Ok(true)
    }

    /// Commits what is gathered so far and starts a new change.
    fn flush(&mut self) -> Result<()> {
        let store = self.write.store;
        self.since_commit = 0;
        std::mem::replace(&mut self.write, Write::new(store)).commit()?;
        store.compact_if_needed(MAX_RUNS_WHILE_WRITING)?;
        store.publish_changes(true)
    }

    /// Commits every document put or removed, then merges runs if there
    /// are too many.
    pub fn commit(self) -> Result<()> {
        let store = self.write.store;
        self.write.commit()?;
        store.compact_if_needed(MAX_RUNS)?;
        store.publish_changes(false)
    }
}

/// One atomic change: removals and additions of documents with the
/// counters they move, read through what this change already wrote.
pub(super) struct Write<'s> {
    store: &'s Store,
    batch: sled::Batch,
    entries: Vec<Entry>,
    entry_bytes: usize,
    /// Shared names' rows as this change leaves them, and whether each
    /// had a row before it (a name's first or last document moves the
    /// totals, the others do not).
    nodes: HashMap<NodeKey, (bool, Option<NodeRow>)>,
    /// `E` rows' documents before this change and as it leaves them.
    edges: HashMap<Vec<u8>, (u32, u32)>,
    /// Paths put in this change.
    paths: HashSet<String>,
    /// Content hashes put in this change.
    hashes: HashSet<String>,
    /// Documents whose record this change rewrites or removes.
    touched: HashSet<u64>,
    dead: Vec<u64>,
    /// Moves of the `C` counters.
    counts: HashMap<Vec<u8>, i64>,
    /// `I` rows as this change leaves them.
    reverse: HashMap<Vec<u8>, index::BasisCounts>,
    /// Documents gained or lost per speech hash (for the `U` rows).
    owner_moves: HashMap<String, i64>,
    documents: i64,
    /// The documents' own moves of the totals `stats` prints; the shared
    /// names' and edges' are added at commit, from `nodes` and `edges`.
    totals: Totals,
    next_id: Option<u64>,
    /// Rows set outside any document (the rule-set hash): the change
    /// commits even without one.
    rows_only: bool,
}

impl<'s> Write<'s> {
    pub(super) fn new(store: &'s Store) -> Write<'s> {
        Write {
            store,
            batch: sled::Batch::default(),
            entries: Vec::new(),
            entry_bytes: 0,
            nodes: HashMap::new(),
            edges: HashMap::new(),
            paths: HashSet::new(),
            hashes: HashSet::new(),
            touched: HashSet::new(),
            dead: Vec::new(),
            counts: HashMap::new(),
            reverse: HashMap::new(),
            owner_moves: HashMap::new(),
            documents: 0,
            totals: Totals::default(),
            next_id: None,
            rows_only: false,
        }
    }

    fn node_row(&mut self, key: &NodeKey) -> Result<&mut Option<NodeRow>> {
        if !self.nodes.contains_key(key) {
            let row = self.store.node_row(key)?;
            self.nodes.insert(key.clone(), (row.is_some(), row));
        }
        Ok(&mut self.nodes.get_mut(key).expect("just inserted").1)
    }

    fn edge_count(&mut self, key: Vec<u8>) -> Result<&mut u32> {
        if !self.edges.contains_key(&key) {
            let n = self
                .store
                .db
                .get(&key)?
                .and_then(|v| keys::read_u32(&v))
                .unwrap_or(0);
            self.edges.insert(key.clone(), (n, n));
        }
        Ok(&mut self.edges.get_mut(&key).expect("just inserted").1)
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

    pub(super) fn entry(&mut self, key: Vec<u8>, doc: u64, value: Vec<u8>) {
        self.entry_bytes += key.len() + value.len() + 12;
        self.entries.push((key, doc, value));
    }

    /// Bytes of run entries gathered so far.
    pub(super) fn entry_bytes(&self) -> usize {
        self.entry_bytes
    }

    /// Stores `doc` as document `id` (a new id, or the one `repair` keeps).
    pub(super) fn put(&mut self, doc: EncodedDocument, id: u64) -> Result<()> {
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
        self.hashes.insert(record.hash.clone());
        self.touched.insert(id);
        self.batch.insert(keys::doc(id), encode(&record)?);
        for path in std::iter::once(&record.path).chain(&record.also) {
            self.batch.insert(keys::path(path), &keys::u64_value(id));
        }
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
            .entry(short_hash(&record.hash).to_string())
            .or_default() += 1;
        self.documents += 1;
        self.totals.document(&record, 1);
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

    /// Another path for a stored document with the same text.
    fn alias(&mut self, mut record: DocRecord, path: &str) -> Result<()> {
        if record.path != path && !record.also.iter().any(|p| p == path) {
            record.also.push(path.to_string());
        }
        self.paths.insert(path.to_string());
        self.touched.insert(record.id);
        self.batch
            .insert(keys::path(path), &keys::u64_value(record.id));
        self.batch.insert(keys::doc(record.id), encode(&record)?);
        Ok(())
    }

    /// Lets go of `path` of a stored document: only the path when the
    /// document has others (its facts move to the next path when `path`
    /// is the one they name), else the whole document.
    fn release(&mut self, mut record: DocRecord, path: &str) -> Result<()> {
        if record.path != path {
            record.also.retain(|p| p != path);
            self.touched.insert(record.id);
            self.batch.remove(keys::path(path));
            self.batch.insert(keys::doc(record.id), encode(&record)?);
            return Ok(());
        }
        if record.also.is_empty() {
            return self.remove(&record);
        }
        // The facts name `path`: they are stored again under the next
        // path, from the stored text and book.
        let text = self
            .store
            .text(record.id)?
            .ok_or_else(|| crate::error::Error::Corrupt(format!("no text for {path}")))?;
        let mut book = self
            .store
            .book(record.id)?
            .ok_or_else(|| crate::error::Error::Corrupt(format!("no book for {path}")))?
            .as_ref()
            .clone();
        self.remove(&record)?;
        let next = record.also.remove(0);
        book.rename_document(path, &next);
        record.path = next;
        let id = self.next_doc_id()?;
        self.put(EncodedDocument::new(record, &text, &book)?, id)
    }

    /// Takes a stored (committed) document out: its rows and counters go,
    /// its id goes on the dead list so readers skip its run entries.
    fn remove(&mut self, record: &DocRecord) -> Result<()> {
        let id = record.id;
        let book = self.store.book(id)?;
        self.touched.insert(id);
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
            .entry(short_hash(&record.hash).to_string())
            .or_default() -= 1;
        self.documents -= 1;
        self.totals.document(record, -1);
        self.store.forget_book(id);
        Ok(())
    }

    pub(super) fn commit(mut self) -> Result<()> {
        let store = self.store;
        if self.entries.is_empty()
            && self.dead.is_empty()
            && self.documents == 0
            && self.touched.is_empty()
            && !self.rows_only
        {
            return Ok(());
        }
        // Refused before anything is written when the disk cannot hold the
        // run files (at most the raw entry bytes) and sled's rows.
        let rows = (self.nodes.len() + self.edges.len() + self.reverse.len() + self.counts.len())
            as u64
            * 64;
        space::ensure_room(
            &store.path,
            self.entry_bytes as u64 + rows + space::SLED_ROOM + 2 * store.snapshot_bytes(),
            "a commit",
        )?;
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
            // Both runs' names durable with one folder sync, before the
            // batch below names them.
            runs::sync_dir(&store.runs_dir());
            self.batch
                .insert(keys::meta(keys::META_NEXT_RUN_ID), &keys::u64_value(id));
            new_runs = Some(store.next_runs(&mut self.batch, &HashSet::new(), made)?);
        }
        for (key, (before, row)) in self.nodes.drain() {
            self.totals
                .node(key.kind, i64::from(row.is_some()) - i64::from(before));
            match row {
                Some(r) => self.batch.insert(keys::node(&key), r.encode()),
                None => self.batch.remove(keys::node(&key)),
            }
        }
        for (key, (before, n)) in self.edges.drain() {
            if let Some((_, rel, _)) = keys::parse_edge(&key) {
                self.totals
                    .edge(rel, i64::from(n > 0) - i64::from(before > 0));
            }
            if n == 0 {
                self.batch.remove(key);
            } else {
                self.batch.insert(key, &keys::u32_value(n));
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
                self.batch.insert(key, &keys::u64_value(n as u64));
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
                .insert(keys::meta(keys::META_NEXT_DOC_ID), &keys::u64_value(id));
        }
        let docs = (store.document_count() as i64 + self.documents).max(0) as u64;
        self.batch
            .insert(keys::meta(keys::META_DOCUMENTS), &keys::u64_value(docs));
        store.apply_counted(self.batch, &self.totals)?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testing::one_document_store;

    #[test]
    fn removing_the_last_document_leaves_an_empty_store() {
        let dir = tempfile::tempdir().unwrap();
        let store = one_document_store(dir.path());
        assert!(store.remove_document("a.txt").unwrap());
        assert!(store.verify().unwrap().is_empty());
        let s = store.stats().unwrap();
        assert_eq!((s.documents, s.nodes, s.edges, s.provenance), (0, 0, 0, 0));
        // Nothing but the meta rows is left.
        assert!(store.db.iter().keys().all(|k| keys::is_meta(&k.unwrap())));
    }
}
