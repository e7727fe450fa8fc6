//! The graph store: a small sled database for the rows that change and
//! sorted run files ([`runs`]) for what a document writes once (key layout
//! in [`keys`], the only place keys are built or taken apart). Writes
//! gather into commits, each all or nothing (the runs are synced before the
//! one sled batch that names them), so a crash or Ctrl-C leaves the last
//! committed state. A document is stored as its text, its [`Book`] (every
//! node, edge and occurrence it contributes) and one slice per shared name
//! it mentions; counters on the shared names say how many documents still
//! support them, so removal never scans other documents.
//!
//! Data enters through [`doc_facts`] (an extraction → a book),
//! [`EncodedDocument`] and a [`Writer`] ([`write`]); it leaves through the
//! typed reads of [`read`] (documents, nodes, edges, evidence, stats) and
//! [`read_index`] (a metric's targets, the edges into a goal), which the
//! query layer calls without knowing a key. [`merge`] keeps the number of
//! runs down, [`verify`] checks the invariants, [`repair`] rebuilds every
//! sled row from the run files (sled is an index that can be rebuilt; a
//! store whose sled is missing or lost rows is refused, never given an
//! empty one), [`format`] refuses a store of another format. Everything but
//! that surface is `pub(crate)`.

mod book;
mod facts;
mod format;
mod index;
mod keys;
mod merge;
mod read;
mod read_index;
mod repair;
mod rows;
mod runs;
mod space;
#[cfg(test)]
pub(crate) mod testing;
mod totals;
mod verify;
mod write;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

// foldhash: the store's maps are keyed by node keys and run ids.
use foldhash::HashSet;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::{NodeKind, Relation};
pub use book::Book;
pub(crate) use book::{Evidence, Incident};
pub use facts::doc_facts;
pub use read::Stats;
pub(crate) use read::StoredTarget;
pub(crate) use read_index::{speech_of, GoalSupport};
pub use repair::{DamagedRun, LostDocument, RepairReport};
use rows::Rows;
use runs::{DeadList, Entry, Run, RunMeta};
pub use write::{EncodedDocument, Stored, Writer};

/// Default place of the store, relative to the working directory.
pub const DEFAULT_DB: &str = "out/ptkg.db";

/// Bounded page cache, so memory does not grow with the store.
const CACHE_BYTES: u64 = 16 * 1024 * 1024;

/// During a long write, the snapshot readers see is published again at
/// least this often (and always when the write ends)...
const PUBLISH_EVERY: Duration = Duration::from_secs(1);

/// ...and at most every this many times the last publication took: each
/// writes every sled row, so publishing costs a long write at most about
/// 1/20 of its time (a small store publishes after nearly every commit).
const PUBLISH_SHARE: u32 = 20;

/// How often a reader loads the newest snapshot again when a run file it
/// names was merged away before the reader could open it.
const READ_TRIES: usize = 4;

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
    /// The document's date as extraction read it ("YYYY-MM-DD", "YYYY-MM"
    /// or "YYYY"): which of two reports is the later.
    pub date: Option<String>,
    /// Whose government or committee speaks (document.jurisdiction).
    pub jurisdiction: Option<String>,
    /// The date an HTML page declared in its markup, as written
    /// (`PageMeta::page_date`): the stored text does not hold it, and
    /// `reindex` must read the same date again.
    pub page_date: Option<String>,
    /// Other paths the same text was added under (one speech, one
    /// document: identity is the content hash). `path` is the one its facts
    /// name; removing it moves them to the first of these.
    pub also: Vec<String>,
    /// Nodes that live only in this document's book, by kind.
    pub local_nodes: Vec<(NodeKind, u32)>,
    /// Edges with an end in this document's book, by relation.
    pub local_edges: Vec<(Relation, u32)>,
    /// Occurrences (provenance rows) in the book.
    pub provenance: u32,
}

impl DocRecord {
    /// Fills the counts from the book about to be stored.
    pub(crate) fn count(&mut self, book: &Book) {
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

/// The opened store: a writer's (sled, read-write, holding sled's lock) or
/// a reader's (the published snapshot of sled's rows, read-only).
pub struct Store {
    db: Rows,
    path: PathBuf,
    books: Mutex<Vec<(u64, Arc<Book>)>>,
    /// The runs the manifest names, oldest first.
    runs: RwLock<Arc<Vec<Arc<Run>>>>,
    /// Documents whose run entries are dead (removed or replaced).
    dead: RwLock<Arc<DeadList>>,
    /// A writer's publication of the snapshot readers load.
    publishing: Mutex<Publishing>,
}

/// What a writer has published for readers, and what is still to do.
#[derive(Default)]
struct Publishing {
    /// sled changed since the last publication.
    dirty: bool,
    last: Option<Instant>,
    /// How long the last publication took.
    cost: Duration,
    /// Size of the last snapshot written (room a commit also needs).
    bytes: u64,
    /// Run files merged away that the published snapshot may still name:
    /// deleted once a snapshot without them is published.
    retired: Vec<PathBuf>,
}

impl Store {
    /// Opens the store at `path`, creating it when `path` is missing or an
    /// empty folder (what `add` does). A folder of other things, a file or
    /// a store of another format is refused before anything is written; a
    /// store held by another process gives [`Error::StoreLocked`].
    pub fn open(path: &Path) -> Result<Store> {
        Store::open_checked(path, true)
    }

    fn open_checked(path: &Path, create: bool) -> Result<Store> {
        if matches!(
            format::check_path(path, create)?,
            format::Found::Missing | format::Found::Empty
        ) {
            format::write_marker(path)?;
        }
        // A store whose database is gone must not get a new, empty one
        // (whose first writer would delete every run file as an orphan).
        if !sled_present(path) && holds_data(path) {
            return Err(sled_missing(path));
        }
        // sled may write when it opens; on a full disk that can ruin it.
        space::ensure_room(path, space::OPEN_ROOM, "opening the store")?;
        let store = Store::with_rows(path, Rows::Sled(open_sled(path)?));
        store.check_database()?;
        store.check_format()?;
        store.ensure_totals()?;
        // Readers must find a snapshot as new as sled before run files
        // that an older one names are deleted as orphans: durably, when
        // there is an older one (a new store's first snapshot names no
        // run, so losing it in a crash loses nothing).
        // A snapshot of the old layout (one body, read whole) is published
        // again in blocks, so readers load only what they read.
        match rows::published(path) {
            Some(p) if p.at == store.counter(keys::META_COMMITS)? && !p.old_layout => {}
            Some(_) => store.publish()?,
            None if rows::snapshot_path(path).exists() => store.publish()?,
            None => store.publish_as(rows::Durability::File)?,
        }
        store.load_runs()?;
        Ok(store)
    }

    /// Refuses a database that lost what its store holds: no format row
    /// (sled opened a damaged file as an empty database) beside a
    /// snapshot, or a commit counter behind the published snapshot's.
    /// Such a database must not be written to: `ptkg repair` rebuilds it.
    fn check_database(&self) -> Result<()> {
        let lost = if self.db.get(keys::meta(keys::META_FORMAT))?.is_none() {
            // The format row is flushed before the first snapshot exists.
            self.path.join(rows::SNAPSHOT).exists()
        } else {
            rows::published_at(&self.path)
                .is_some_and(|at| at > self.counter(keys::META_COMMITS).unwrap_or(0))
        };
        if lost {
            return Err(Error::Damaged {
                path: self.path.clone(),
                what: "its database (sled) lost committed rows".into(),
            });
        }
        Ok(())
    }

    fn with_rows(path: &Path, db: Rows) -> Store {
        Store {
            db,
            path: path.to_path_buf(),
            books: Mutex::new(Vec::new()),
            runs: RwLock::default(),
            dead: RwLock::default(),
            publishing: Mutex::default(),
        }
    }

    /// Opens an existing store for reading only, from the snapshot of its
    /// rows the last writer published (see [`rows`]): no lock is taken,
    /// so it works while another process writes, and nothing is written.
    /// It sees the store as of that publication. A store written before
    /// snapshots existed has none: it is opened as [`Store::open_existing`]
    /// does, until a writer publishes one.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        format::check_path(path, false)?;
        if !sled_present(path) && holds_data(path) {
            return Err(sled_missing(path));
        }
        let mut tries = 0;
        loop {
            let Some(snapshot) = rows::load(path)? else {
                return Store::open_checked(path, false);
            };
            let store = Store::with_rows(path, Rows::Snapshot(Arc::new(snapshot)));
            store.check_format()?;
            tries += 1;
            match store.load_runs() {
                // A merge deleted a run between the snapshot and the
                // opening of its files: a newer snapshot names its output.
                Err(Error::Io { source, path: run })
                    if source.kind() == std::io::ErrorKind::NotFound =>
                {
                    if tries >= READ_TRIES {
                        return Err(Error::Damaged {
                            path: path.to_path_buf(),
                            what: format!(
                                "run file {} that its snapshot names is missing",
                                run.display()
                            ),
                        });
                    }
                }
                other => return other.map(|()| store),
            }
        }
    }

    /// Whether this store was opened read-only, from its snapshot.
    pub fn is_read_only(&self) -> bool {
        self.db.is_snapshot()
    }

    /// Where the run files live: inside the store's folder, beside sled's.
    pub(crate) fn runs_dir(&self) -> PathBuf {
        self.path.join("runs")
    }

    /// Reads the manifest and the dead list. A writer deletes run files no
    /// manifest names (left by a crash between writing a run and the batch
    /// that names it, or by a merge whose inputs were not yet deleted); a
    /// reader opens every run file it names at once, so that a merge in
    /// another process can delete them meanwhile.
    fn load_runs(&self) -> Result<()> {
        let metas = self.manifest()?;
        if !self.is_read_only() {
            self.delete_orphans(&metas);
        }
        self.name_runs(metas, self.is_read_only())
    }

    /// Takes `metas` as the runs in use, with the dead list; `open_now`
    /// opens every run file at once (a reader's).
    fn name_runs(&self, metas: Vec<RunMeta>, open_now: bool) -> Result<()> {
        let dir = self.runs_dir();
        let list: Vec<Arc<Run>> = metas
            .into_iter()
            .map(|m| Arc::new(Run::new(&dir, m)))
            .collect();
        if open_now {
            for r in &list {
                r.open_file()?;
            }
        }
        *self.runs.write().expect("runs") = Arc::new(list);
        let mut dead = DeadList::default();
        for kv in self.db.scan_prefix(keys::ALL_DEAD) {
            let (k, v) = kv?;
            if let Some(d) = keys::doc_id_of(&k) {
                dead.insert(d, v.first().copied().unwrap_or(DeadList::ALL));
            }
        }
        *self.dead.write().expect("dead list") = Arc::new(dead);
        Ok(())
    }

    fn delete_orphans(&self, metas: &[RunMeta]) {
        let named: HashSet<u64> = metas.iter().map(|m| m.id).collect();
        let Ok(rd) = std::fs::read_dir(self.runs_dir()) else {
            return;
        };
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

    /// Publishes every sled row as the snapshot readers load, durably (the
    /// caller may delete run files the last snapshot names), then deletes
    /// the run files merged away before it.
    fn publish(&self) -> Result<()> {
        self.publish_as(rows::Durability::Folder)
    }

    fn publish_as(&self, mut durability: rows::Durability) -> Result<()> {
        if !self
            .publishing
            .lock()
            .expect("publishing")
            .retired
            .is_empty()
        {
            // Retired run files are deleted below: the snapshot that no
            // longer names them must be on disk first, else a crash could
            // leave the last one naming deleted files.
            durability = rows::Durability::Folder;
        }
        let db = self.db.sled()?;
        let commits = self.counter(keys::META_COMMITS)?;
        let started = Instant::now();
        let bytes = rows::publish(&self.path, db, commits, durability)?;
        let mut p = self.publishing.lock().expect("publishing");
        p.dirty = false;
        p.last = Some(Instant::now());
        p.cost = started.elapsed();
        p.bytes = bytes;
        for f in p.retired.drain(..) {
            let _ = std::fs::remove_file(f);
        }
        Ok(())
    }

    /// Publishes if sled changed since the last publication: `soon` during
    /// a long write (once [`PUBLISH_SHARE`] times the last publication's
    /// time, at most [`PUBLISH_EVERY`], has passed), else now.
    pub(crate) fn publish_changes(&self, soon: bool) -> Result<()> {
        let due = {
            let p = self.publishing.lock().expect("publishing");
            let wait = (p.cost * PUBLISH_SHARE).min(PUBLISH_EVERY);
            p.dirty && !(soon && p.last.is_some_and(|t| t.elapsed() < wait))
        };
        if due {
            // A commit's own publication: sled holds the commit durably,
            // so losing this rename in a crash only leaves readers the
            // previous snapshot (see `rows`).
            self.publish_as(rows::Durability::File)?;
        }
        Ok(())
    }

    /// Applies a batch of sled rows that moves none of the totals `stats`
    /// prints (a manifest, the rule-set hash) as one commit.
    pub(crate) fn apply(&self, batch: sled::Batch) -> Result<()> {
        self.apply_counted(batch, &totals::Totals::default())
    }

    /// Applies a batch of sled rows as one commit: it counts the commit
    /// (what a snapshot records it was taken at), writes the totals row
    /// moved by `change` in the same batch (so a crash never leaves it
    /// out of step with the rows it counts), and marks the rows for
    /// publication.
    pub(crate) fn apply_counted(
        &self,
        mut batch: sled::Batch,
        change: &totals::Totals,
    ) -> Result<()> {
        let commits = self.counter(keys::META_COMMITS)? + 1;
        self.next_totals(&mut batch, change, commits)?;
        batch.insert(keys::meta(keys::META_COMMITS), &keys::u64_value(commits));
        self.db.apply_batch(batch)?;
        self.db.flush()?;
        self.publishing.lock().expect("publishing").dirty = true;
        Ok(())
    }

    /// Run files a merge replaced: deleted at the next publication, so a
    /// reader never misses a file the published snapshot names.
    pub(crate) fn retire(&self, files: impl IntoIterator<Item = PathBuf>) {
        self.publishing
            .lock()
            .expect("publishing")
            .retired
            .extend(files);
    }

    /// Bytes the next publication needs on disk, about.
    pub(crate) fn snapshot_bytes(&self) -> u64 {
        self.publishing.lock().expect("publishing").bytes
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

    /// Opens an existing store to change it (`remove`, `reindex`,
    /// `compact`), holding sled's lock; a missing one is an error that says
    /// how to create it. Commands that only read use
    /// [`Store::open_read_only`].
    pub fn open_existing(path: &Path) -> Result<Store> {
        Store::open_checked(path, false)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Hash of the rule set the store was last built or reindexed with.
    pub fn ruleset_hash(&self) -> Result<Option<String>> {
        Ok(self
            .db
            .get(keys::meta(keys::META_RULESET))?
            .map(|v| String::from_utf8_lossy(&v).into_owned()))
    }

    pub(crate) fn set_ruleset_hash(&self, hash: &str) -> Result<()> {
        if self.ruleset_hash()?.as_deref() == Some(hash) {
            return Ok(());
        }
        let mut batch = sled::Batch::default();
        batch.insert(keys::meta(keys::META_RULESET), hash.as_bytes());
        self.apply(batch)
    }

    fn counter(&self, name: &str) -> Result<u64> {
        Ok(self
            .db
            .get(keys::meta(name))?
            .and_then(|v| keys::read_u64(&v))
            .unwrap_or(0))
    }

    /// Writes everything to disk, and publishes it for readers.
    pub(crate) fn flush(&self) -> Result<()> {
        self.db.flush()?;
        self.publish_changes(false)
    }
}

impl Drop for Store {
    /// A writer whose last change was not published yet (a rule-set hash
    /// set by an `add` that stored nothing) publishes it; a failure leaves
    /// the last snapshot, which the next writer brings up to date.
    fn drop(&mut self) {
        if !self.is_read_only() && !std::thread::panicking() {
            let _ = self.publish_changes(false);
        }
    }
}

/// sled's files in a store's folder: the database file (which sled locks)
/// first, so that a move that stops half-way leaves no `db`.
pub(crate) const SLED_FILES: [&str; 3] = ["db", "conf", "blobs"];

/// Whether the store's folder holds sled's database file.
pub(crate) fn sled_present(path: &Path) -> bool {
    path.join("db").is_file()
}

/// Whether the store's folder holds a snapshot or run files: data a new,
/// empty database would disown.
pub(crate) fn holds_data(path: &Path) -> bool {
    path.join(rows::SNAPSHOT).exists()
        || std::fs::read_dir(path.join("runs")).is_ok_and(|d| {
            d.flatten()
                .any(|e| runs::run_id_of(&e.file_name().to_string_lossy()).is_some())
        })
}

fn sled_missing(path: &Path) -> Error {
    Error::Damaged {
        path: path.to_path_buf(),
        what: "its database (sled's files db, conf) is missing".into(),
    }
}

/// Opens the sled database in `path`: another process holding it is
/// [`Error::StoreLocked`], one sled cannot read is [`Error::Damaged`].
pub(crate) fn open_sled(path: &Path) -> Result<sled::Db> {
    sled::Config::new()
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
            sled::Error::Io(io) if io.kind() == std::io::ErrorKind::PermissionDenied => {
                Error::Store {
                    path: path.to_path_buf(),
                    message: format!("cannot open: {io}"),
                }
            }
            other => Error::Damaged {
                path: path.to_path_buf(),
                what: format!("its database (sled) cannot be read: {other}"),
            },
        })
}

fn encode<T: Serialize>(v: &T) -> Result<Vec<u8>> {
    postcard::to_stdvec(v).map_err(|e| Error::Corrupt(e.to_string()))
}

fn decode<T: for<'de> Deserialize<'de>>(v: &[u8]) -> Result<T> {
    postcard::from_bytes(v).map_err(|e| Error::Corrupt(e.to_string()))
}
