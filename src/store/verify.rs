//! Checking the store's invariants (`Store::verify`): every document has
//! its text, book and owner row; every shared name in a book has its
//! slice; the counters, edge rows, index entries and duplicate rows equal
//! what the books say; the totals row equals a count of the rows; no
//! slice, row or entry is left without a document.
//! It reads the whole store and returns the problems it found, as
//! sentences; the tests and the crash test call it after every change.

use std::collections::BTreeMap;
use std::path::Path;

use foldhash::{HashMap, HashSet};

use super::book::{Book, NodeRow};
use super::index::{self, BasisCounts};
use super::rows::{Rows, Snapshot, SNAPSHOT};
use super::{keys, DocRecord, Store};
use crate::error::Result;
use crate::model::{short_hash, NodeKey};

/// What the books say the rows and entries should be.
#[derive(Default)]
struct Expected {
    /// Shared node → (documents, mentions).
    nodes: HashMap<NodeKey, (u32, u32)>,
    /// `E` key → documents.
    edges: HashMap<Vec<u8>, u32>,
    slices: HashSet<Vec<u8>>,
    counts: BTreeMap<Vec<u8>, u64>,
    reverse: BTreeMap<Vec<u8>, BasisCounts>,
    entries: HashSet<Vec<u8>>,
    /// Speech hash prefix → documents holding it.
    owners: HashMap<String, usize>,
}

impl Expected {
    /// Adds what one document's book says.
    fn add(&mut self, d: &DocRecord, book: &Book) -> Result<()> {
        for i in book.shared_nodes() {
            let n = &book.nodes[i];
            let c = self.nodes.entry(n.key()).or_default();
            c.0 += 1;
            c.1 += n.occ.len() as u32;
            self.slices.insert(keys::slice(&n.key(), d.id));
        }
        for (a, r, b) in book.shared_edges() {
            *self.edges.entry(keys::edge(&a, r, &b)).or_default() += 1;
        }
        let counts = index::counts(book);
        self.entries
            .extend(index::entries(book, &d.path)?.iter().map(|e| e.key(d.id)));
        for (m, n) in counts.metrics {
            *self.counts.entry(keys::metric_count(&m)).or_default() += n;
        }
        for (g, b, n) in counts.goals {
            *self.counts.entry(keys::goal_count(&g, b)).or_default() += n;
        }
        for (k, b) in index::reverse_rows(book) {
            self.reverse.entry(k).or_default()[b as usize] += 1;
        }
        Ok(())
    }
}

impl Store {
    /// Checks the store's invariants (see the module header). Returns the
    /// problems found.
    pub fn verify(&self) -> Result<Vec<String>> {
        // A reader loads the snapshot's blocks as commands read them;
        // verify checks every one first, so a damaged block is reported as
        // an unopenable snapshot was (an error the CLI prints as the
        // store's one problem), before any check reads it.
        if let Rows::Snapshot(snapshot) = &self.db {
            snapshot.check_all()?;
        }
        let mut problems = Vec::new();
        let docs: BTreeMap<u64, DocRecord> = self.docs()?.into_iter().map(|d| (d.id, d)).collect();
        // Run files first: a damaged one is named with the documents whose
        // entries it may hold, and the checks that scan every run (which
        // would stop at the damage) are left out.
        let mut damaged = 0;
        for r in self.run_list().iter() {
            if let Err(e) = r.verify() {
                damaged += 1;
                let held: Vec<&str> = docs
                    .values()
                    .filter(|d| r.meta.holds(d.id))
                    .map(|d| d.path.as_str())
                    .collect();
                let e = e.damage().map_or_else(|| e.to_string(), str::to_string);
                problems.push(format!(
                    "{e}; it may hold entries of {} document(s): {}",
                    held.len(),
                    held.join(", ")
                ));
            }
        }
        let mut want = Expected::default();
        for d in docs.values() {
            *want
                .owners
                .entry(short_hash(&d.hash).to_string())
                .or_default() += 1;
            match self.verify_document(d, &mut problems) {
                Ok(Some(book)) => want.add(d, &book)?,
                Ok(None) => {}
                Err(e) => problems.push(format!(
                    "document {}: cannot be read: {}",
                    d.path,
                    e.damage().map_or_else(|| e.to_string(), str::to_string)
                )),
            }
        }
        // From sled's rows alone: checked whatever the run files hold.
        self.verify_totals(&mut problems)?;
        if damaged > 0 {
            problems.push(format!(
                "slices, index entries and counters were not checked: {damaged} run file(s) are damaged"
            ));
            return Ok(problems);
        }
        self.verify_slices(&want, &mut problems)?;
        self.verify_nodes(&want, &mut problems)?;
        self.verify_edges(&want, &mut problems)?;
        self.verify_document_rows(&docs, &mut problems)?;
        self.verify_index(&want, &mut problems)?;
        self.verify_counters(&want, docs.len(), &mut problems)?;
        Ok(problems)
    }

    /// One document's rows, text and book; the book if it can be read.
    fn verify_document(&self, d: &DocRecord, problems: &mut Vec<String>) -> Result<Option<Book>> {
        let by_path = self
            .db
            .get(keys::path(&d.path))?
            .and_then(|v| keys::read_u64(&v));
        if by_path != Some(d.id) {
            problems.push(format!("document {} has no path row", d.path));
        }
        for other in &d.also {
            let id = self
                .db
                .get(keys::path(other))?
                .and_then(|v| keys::read_u64(&v));
            if id != Some(d.id) {
                problems.push(format!(
                    "document {}: its path {other} has no path row",
                    d.path
                ));
            }
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
                return Ok(None);
            }
            Some(v) => match Book::decode(&v) {
                Ok(b) => b,
                Err(e) => {
                    problems.push(format!("document {}: {e}", d.path));
                    return Ok(None);
                }
            },
        };
        if book.provenance_count() as u32 != d.provenance {
            problems.push(format!("document {}: counts differ from its book", d.path));
        }
        Ok(Some(book))
    }

    fn verify_slices(&self, want: &Expected, problems: &mut Vec<String>) -> Result<()> {
        let mut slices = 0usize;
        for e in self.scan_runs(&keys::ALL_SLICES) {
            let (k, doc, _) = e?;
            slices += 1;
            if !want.slices.contains(&k) || keys::slice_doc(&k) != Some(doc) {
                problems.push("a slice no document's book accounts for".into());
            }
        }
        if slices != want.slices.len() {
            problems.push(format!(
                "{} slices stored, {} expected from the books",
                slices,
                want.slices.len()
            ));
        }
        Ok(())
    }

    fn verify_nodes(&self, want: &Expected, problems: &mut Vec<String>) -> Result<()> {
        let mut rows = 0usize;
        for kv in self.db.scan_prefix(keys::ALL_NODES) {
            let (k, v) = kv?;
            rows += 1;
            let key = keys::node_of(&k);
            let row = NodeRow::decode(&v)?;
            match key.and_then(|k| want.nodes.get(&k).map(|c| (k, c))) {
                Some((_, c)) if (row.documents, row.mentions) == *c => {}
                Some((k, c)) => problems.push(format!(
                    "node {}: counters {}/{} but the books say {}/{}",
                    k.id, row.documents, row.mentions, c.0, c.1
                )),
                None => problems.push("a node no document supports".into()),
            }
        }
        if rows != want.nodes.len() {
            problems.push(format!(
                "{rows} shared nodes stored, {} expected from the books",
                want.nodes.len()
            ));
        }
        Ok(())
    }

    fn verify_edges(&self, want: &Expected, problems: &mut Vec<String>) -> Result<()> {
        let mut edges = 0usize;
        for kv in self.db.scan_prefix(keys::ALL_EDGES) {
            let (k, v) = kv?;
            edges += 1;
            let n = keys::read_u32(&v).unwrap_or(0);
            if want.edges.get(k.as_ref()) != Some(&n) {
                problems.push("an edge between names with a wrong counter".into());
            }
        }
        if edges != want.edges.len() {
            problems.push(format!(
                "{edges} edges between names stored, {} expected from the books",
                want.edges.len()
            ));
        }
        Ok(())
    }

    /// Path rows, books and the dead list against the documents.
    fn verify_document_rows(
        &self,
        docs: &BTreeMap<u64, DocRecord>,
        problems: &mut Vec<String>,
    ) -> Result<()> {
        let paths: usize = docs.values().map(|d| 1 + d.also.len()).sum();
        if self.db.scan_prefix(keys::ALL_PATHS).count() != paths {
            problems.push("path rows without their document".into());
        }
        for e in self.scan_runs(&keys::ALL_BOOKS) {
            if !docs.contains_key(&e?.1) {
                problems.push("a book of an unknown document".into());
            }
        }
        let dead = self.dead_list();
        if let Some(d) = docs.keys().find(|d| dead.contains(d)) {
            problems.push(format!("document {d} is stored and on the dead list"));
        }
        Ok(())
    }

    fn verify_index(&self, want: &Expected, problems: &mut Vec<String>) -> Result<()> {
        let mut entries = 0usize;
        for prefix in keys::ALL_INDEX_ENTRIES {
            for e in self.scan_runs(&prefix) {
                entries += 1;
                if !want.entries.contains(&e?.0) {
                    problems.push("an index entry no document's book accounts for".into());
                }
            }
        }
        if entries != want.entries.len() {
            problems.push(format!(
                "{entries} index entries stored, {} expected from the books",
                want.entries.len()
            ));
        }
        Ok(())
    }

    /// The `C`, `I` and `U` rows and the document counter.
    fn verify_counters(
        &self,
        want: &Expected,
        documents: usize,
        problems: &mut Vec<String>,
    ) -> Result<()> {
        let counts: BTreeMap<Vec<u8>, u64> = self
            .db
            .scan_prefix(keys::ALL_COUNTS)
            .map(|kv| {
                let (k, v) = kv?;
                Ok((k.to_vec(), keys::read_u64(&v).unwrap_or(0)))
            })
            .collect::<Result<_>>()?;
        if counts != want.counts {
            problems.push("index counters differ from what the books say".into());
        }
        let reverse: BTreeMap<Vec<u8>, BasisCounts> = self
            .db
            .scan_prefix(keys::ALL_REVERSE_EDGES)
            .map(|kv| {
                let (k, v) = kv?;
                Ok((k.to_vec(), index::decode_basis_counts(&v)))
            })
            .collect::<Result<_>>()?;
        if reverse != want.reverse {
            problems.push("edges into goals (I rows) differ from what the books say".into());
        }
        let mut want_dups: Vec<String> = want
            .owners
            .iter()
            .filter(|(_, n)| **n > 1)
            .map(|(h, _)| h.clone())
            .collect();
        want_dups.sort();
        if self.duplicated_speeches()? != want_dups {
            problems.push("duplicated speech rows differ from the documents".into());
        }
        if self.document_count() != documents {
            problems.push(format!(
                "document counter says {}, {} stored",
                self.document_count(),
                documents
            ));
        }
        Ok(())
    }
}

impl Store {
    /// Compares the published snapshot (what readers load) with sled (what
    /// writers change): one problem line when it is stale or differs, or
    /// when sled cannot be read. Read-only: sled's files are copied to a
    /// temporary folder and the copy is opened, under a shared lock on
    /// sled's `db` file that keeps a writer from starting meanwhile.
    /// `None` when a writer is running (it publishes when it ends) or the
    /// store was not opened from a snapshot.
    pub fn verify_snapshot(&self) -> Result<Option<Vec<String>>> {
        let Rows::Snapshot(snapshot) = &self.db else {
            return Ok(None);
        };
        let db = self.path.join("db");
        let file = match std::fs::File::open(&db) {
            Ok(f) => f,
            Err(e) => {
                return Ok(Some(vec![format!(
                    "its database (sled's file db) cannot be read ({e})"
                )]))
            }
        };
        #[cfg(unix)]
        if rustix::fs::flock(&file, rustix::fs::FlockOperation::NonBlockingLockShared).is_err() {
            return Ok(None);
        }
        let copy = std::env::temp_dir().join(format!(
            "ptkg-verify-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos())
        ));
        let copied = copy_sled(&self.path, &copy);
        drop(file);
        let problem = match copied.and_then(|()| {
            sled::Config::new()
                .path(&copy)
                .open()
                .map_err(std::io::Error::other)
        }) {
            Ok(sled) => compare_rows(&sled, snapshot),
            Err(e) => Some(format!("its database (sled) cannot be read: {e}")),
        };
        let _ = std::fs::remove_dir_all(&copy);
        Ok(Some(problem.into_iter().collect()))
    }
}

/// sled's files of `store` copied into the new folder `to`.
fn copy_sled(store: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to.join("blobs"))?;
    for e in std::fs::read_dir(store)?.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name == "db"
            || name == "conf"
            || (name.starts_with("snap.") && !name.ends_with(".generating"))
        {
            std::fs::copy(e.path(), to.join(&name))?;
        }
    }
    if let Ok(blobs) = std::fs::read_dir(store.join("blobs")) {
        for e in blobs.flatten() {
            std::fs::copy(e.path(), to.join("blobs").join(e.file_name()))?;
        }
    }
    Ok(())
}

/// What differs between sled's rows and the snapshot's, as one problem.
fn compare_rows(sled: &sled::Db, snapshot: &Snapshot) -> Option<String> {
    let commits = |v: Option<sled::IVec>| v.and_then(|v| keys::read_u64(&v)).unwrap_or(0);
    let at_sled = commits(sled.get(keys::meta(keys::META_COMMITS)).ok().flatten());
    let at_snapshot = match snapshot.get(&keys::meta(keys::META_COMMITS)) {
        Ok(v) => commits(v),
        Err(e) => return Some(e.damage().unwrap_or_default().to_string()),
    };
    if at_sled > at_snapshot {
        return Some(format!(
            "its snapshot {SNAPSHOT} is stale: taken at commit {at_snapshot}, the database is at commit {at_sled}"
        ));
    }
    if at_sled < at_snapshot {
        return Some(format!(
            "its database (sled) is at commit {at_sled}, behind its snapshot {SNAPSHOT} (commit {at_snapshot}): it lost committed rows"
        ));
    }
    let mut differ = 0usize;
    let mut rows = match snapshot.rows() {
        Ok(rows) => rows.peekable(),
        Err(e) => return Some(e.damage().unwrap_or_default().to_string()),
    };
    for kv in sled.iter() {
        let Ok((k, v)) = kv else {
            return Some("its database (sled) cannot be read to its end".into());
        };
        while rows.next_if(|(sk, _)| *sk < k).is_some() {
            differ += 1;
        }
        match rows.next_if(|(sk, _)| *sk == k) {
            Some((_, sv)) if *sv == v => {}
            _ => differ += 1,
        }
    }
    differ += rows.count();
    (differ > 0).then(|| {
        format!("its snapshot {SNAPSHOT} differs from its database in {differ} row(s) at the same commit")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::NodeKind;
    use crate::store::testing::one_document_store;
    use crate::store::write::Write;

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
        let id = store.document_by_path("a.txt").unwrap().unwrap().id;
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
}
