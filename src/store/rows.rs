//! The small rows that change (everything sled holds: paths, document
//! records, counters, the dead list, the manifest of runs), read through
//! one type, [`Rows`], whether they come from sled (the writer's store) or
//! from the *snapshot* a writer publishes for readers.
//!
//! Readers never open sled: sled takes a file lock (so a reader during a
//! long `add` got "store is locked") and writes when it opens (recovery,
//! fsyncs). Instead, after its commits a writer publishes every sled row as
//! one immutable, checksummed file, `snapshot.ptkg` in the store's folder,
//! with the discipline of the run files: written as `snapshot.ptkg.tmp`,
//! synced, renamed over the last one. A reader loads it
//! whole (it is small: the bulk of a store is in the run files it names)
//! and sees the store as of that publication, however the writer moves on.
//! A kill during publication leaves the last snapshot whole; a damaged one
//! fails its checksum and is refused, never read half.
//!
//! The folder is synced after the rename only when the publication must
//! outlive a crash ([`Durability::Folder`]): when run files the last
//! snapshot names are deleted after it (a merge's inputs, a writer's
//! orphans). An ordinary commit's publication skips that sync: sled is
//! what a commit makes durable, so a crash that loses the rename leaves
//! the previous snapshot, whole (it was synced before its own rename) and
//! naming run files that all still exist; readers see the store as of
//! that snapshot, and the next writer publishes again (its commit counter
//! differs from sled's).
//!
//! File layout, integers little-endian:
//!
//! ```text
//! header  magic "PTKGSNP1", store format u32, 0u32, commits u64, rows u64,
//!         raw length u64, body length u64                      (48 bytes)
//! body    zstd of the rows in key order: varint key length, key,
//!         varint value length, value
//! check   xxh3 of header and body u64
//! ```
//!
//! `commits` is the sled counter (`M commits`) the snapshot was taken at:
//! a writer that opens the store publishes again when it differs (a crash
//! between a commit and its publication).

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use sled::IVec;

use super::keys;
use super::runs::{get_varint, io_error, put_varint, write_error};
use crate::error::{Error, Result};

/// The snapshot's file name in the store's folder.
pub(crate) const SNAPSHOT: &str = "snapshot.ptkg";
const MAGIC: &[u8; 8] = b"PTKGSNP1";
const HEADER: usize = 48;
const CHECK: usize = 8;
/// zstd level: the rows are written at every publication, so fast.
const LEVEL: i32 = 1;

/// The rows of a store, from sled or from a published snapshot.
pub(crate) enum Rows {
    Sled(sled::Db),
    Snapshot(Arc<Snapshot>),
}

impl Rows {
    pub(crate) fn get(&self, key: impl AsRef<[u8]>) -> Result<Option<IVec>> {
        match self {
            Rows::Sled(db) => Ok(db.get(key)?),
            Rows::Snapshot(s) => Ok(s.get(key.as_ref())),
        }
    }

    /// The rows whose keys start with `prefix`, in key order.
    pub(crate) fn scan_prefix(&self, prefix: impl AsRef<[u8]>) -> RowIter {
        let prefix = prefix.as_ref();
        match self {
            Rows::Sled(db) => RowIter::Sled(Box::new(db.scan_prefix(prefix))),
            Rows::Snapshot(s) => RowIter::Snapshot {
                at: s.rows.partition_point(|(k, _)| k.as_ref() < prefix),
                rows: s.clone(),
                prefix: prefix.to_vec(),
            },
        }
    }

    /// Every row, in key order.
    #[cfg(test)]
    pub(crate) fn iter(&self) -> RowIter {
        self.scan_prefix([])
    }

    /// Whether these rows are a published snapshot (nothing can be written).
    pub(crate) fn is_snapshot(&self) -> bool {
        matches!(self, Rows::Snapshot(_))
    }

    /// The writer's sled; an error for a store opened read-only.
    pub(crate) fn sled(&self) -> Result<&sled::Db> {
        match self {
            Rows::Sled(db) => Ok(db),
            Rows::Snapshot(_) => Err(Error::Corrupt(
                "the store was opened read-only (from its snapshot) and cannot be written".into(),
            )),
        }
    }

    pub(crate) fn insert(&self, key: impl AsRef<[u8]>, value: impl AsRef<[u8]>) -> Result<()> {
        self.sled()?.insert(key.as_ref(), value.as_ref())?;
        Ok(())
    }

    pub(crate) fn apply_batch(&self, batch: sled::Batch) -> Result<()> {
        self.sled()?.apply_batch(batch)?;
        Ok(())
    }

    pub(crate) fn flush(&self) -> Result<()> {
        self.sled()?.flush()?;
        Ok(())
    }
}

/// Rows in key order, as sled's iterator gives them.
pub(crate) enum RowIter {
    Sled(Box<sled::Iter>),
    Snapshot {
        rows: Arc<Snapshot>,
        at: usize,
        prefix: Vec<u8>,
    },
}

impl RowIter {
    /// The keys alone.
    pub(crate) fn keys(self) -> impl Iterator<Item = Result<IVec>> {
        self.map(|kv| kv.map(|(k, _)| k))
    }
}

impl Iterator for RowIter {
    type Item = Result<(IVec, IVec)>;

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            RowIter::Sled(it) => it.next().map(|kv| kv.map_err(Error::from)),
            RowIter::Snapshot { rows, at, prefix } => {
                let (k, v) = rows.rows.get(*at)?;
                if !k.starts_with(prefix) {
                    return None;
                }
                *at += 1;
                Some(Ok((k.clone(), v.clone())))
            }
        }
    }
}

/// A published snapshot, loaded: every row in key order.
pub(crate) struct Snapshot {
    rows: Vec<(IVec, IVec)>,
}

impl Snapshot {
    /// Every row, in key order.
    pub(crate) fn rows(&self) -> &[(IVec, IVec)] {
        &self.rows
    }

    pub(crate) fn get(&self, key: &[u8]) -> Option<IVec> {
        self.rows
            .binary_search_by(|(k, _)| k.as_ref().cmp(key))
            .ok()
            .map(|i| self.rows[i].1.clone())
    }
}

/// How durable a publication must be before [`publish`] returns. The
/// file itself is always synced before its rename, so the name never
/// points at a file a crash cut short.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Durability {
    /// The rename may be lost in a crash (the last snapshot stays).
    File,
    /// The folder is synced too: the new snapshot survives a crash.
    Folder,
}

pub(crate) fn snapshot_path(store: &Path) -> PathBuf {
    store.join(SNAPSHOT)
}

/// Writes every row of `db` as the store's snapshot, taken at commit
/// counter `commits`: a temporary file, synced, renamed over the last
/// snapshot, the folder synced if `durability` asks. Returns the file's
/// size.
pub(crate) fn publish(
    store: &Path,
    db: &sled::Db,
    commits: u64,
    durability: Durability,
) -> Result<u64> {
    let mut raw = Vec::new();
    let mut rows = 0u64;
    for kv in db.iter() {
        let (k, v) = kv?;
        put_varint(&mut raw, k.len() as u64);
        raw.extend_from_slice(&k);
        put_varint(&mut raw, v.len() as u64);
        raw.extend_from_slice(&v);
        rows += 1;
    }
    let body = zstd::bulk::compress(&raw, LEVEL)
        .map_err(|e| Error::Corrupt(format!("cannot compress the snapshot: {e}")))?;
    let mut file = Vec::with_capacity(HEADER + body.len() + CHECK);
    file.extend_from_slice(MAGIC);
    file.extend_from_slice(&keys::FORMAT_VERSION.to_le_bytes());
    file.extend_from_slice(&0u32.to_le_bytes());
    for n in [commits, rows, raw.len() as u64, body.len() as u64] {
        file.extend_from_slice(&n.to_le_bytes());
    }
    file.extend_from_slice(&body);
    let check = xxhash_rust::xxh3::xxh3_64(&file);
    file.extend_from_slice(&check.to_le_bytes());
    let path = snapshot_path(store);
    let tmp = path.with_extension("ptkg.tmp");
    let written = File::create(&tmp).and_then(|mut out| {
        out.write_all(&file)?;
        out.sync_all()
    });
    if let Err(e) = written {
        // A full disk: leave the last snapshot, and no half file.
        let _ = std::fs::remove_file(&tmp);
        return Err(write_error(&tmp, e));
    }
    std::fs::rename(&tmp, &path).map_err(|e| write_error(&path, e))?;
    if durability == Durability::Folder {
        super::runs::sync_dir(store);
    }
    Ok(file.len() as u64)
}

/// The commit counter the published snapshot was taken at; `None` when
/// there is none or it is damaged (its checksum is checked, so a writer
/// then publishes it again).
pub(crate) fn published_at(store: &Path) -> Option<u64> {
    let bytes = std::fs::read(snapshot_path(store)).ok()?;
    check(&bytes).ok()?;
    Some(word(&bytes, 16))
}

fn word(b: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(b[at..at + 8].try_into().expect("8 bytes"))
}

/// Loads the store's snapshot: `None` when the store has none (a store
/// written before snapshots, or never committed to); an error naming the
/// store and what to do when it is damaged or of another format.
pub(crate) fn load(store: &Path) -> Result<Option<Snapshot>> {
    let path = snapshot_path(store);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_error(&path, e)),
    };
    decode(&bytes).map(Some).map_err(|why| Error::Damaged {
        path: store.to_path_buf(),
        what: format!("its snapshot {SNAPSHOT} is damaged ({why})"),
    })
}

/// Checks a snapshot file's magic, format, length and checksum.
fn check(bytes: &[u8]) -> std::result::Result<(), String> {
    if bytes.len() < HEADER + CHECK || &bytes[..8] != MAGIC {
        return Err("not a snapshot file".into());
    }
    let version = u32::from_le_bytes(bytes[8..12].try_into().expect("4 bytes"));
    if version != keys::FORMAT_VERSION {
        return Err(format!(
            "store format {version}, this ptkg reads {}",
            keys::FORMAT_VERSION
        ));
    }
    let body_len = word(bytes, 40);
    if HEADER as u64 + body_len + CHECK as u64 != bytes.len() as u64 {
        return Err("truncated".into());
    }
    let end = bytes.len() - CHECK;
    if xxhash_rust::xxh3::xxh3_64(&bytes[..end]) != word(bytes, end) {
        return Err("checksum".into());
    }
    Ok(())
}

fn decode(bytes: &[u8]) -> std::result::Result<Snapshot, String> {
    check(bytes)?;
    let (rows, raw_len) = (word(bytes, 24), word(bytes, 32));
    let end = bytes.len() - CHECK;
    let raw = zstd::bulk::decompress(&bytes[HEADER..end], raw_len as usize)
        .map_err(|_| "cannot decompress")?;
    let mut out: Vec<(IVec, IVec)> = Vec::with_capacity(rows as usize);
    let mut at = 0usize;
    let take = |at: &mut usize| -> Option<IVec> {
        let n = get_varint(&raw, at)? as usize;
        let end = at.checked_add(n).filter(|&e| e <= raw.len())?;
        let v = IVec::from(&raw[*at..end]);
        *at = end;
        Some(v)
    };
    while at < raw.len() {
        let (k, v) = take(&mut at).zip(take(&mut at)).ok_or("rows cut short")?;
        if out.last().is_some_and(|(last, _)| *last >= k) {
            return Err("rows out of order".into());
        }
        out.push((k, v));
    }
    if out.len() as u64 != rows {
        return Err("row count".into());
    }
    Ok(Snapshot { rows: out })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn db_with(rows: &[(&str, &str)]) -> (tempfile::TempDir, sled::Db) {
        let dir = tempfile::tempdir().unwrap();
        let db = sled::open(dir.path().join("sled")).unwrap();
        for (k, v) in rows {
            db.insert(k.as_bytes(), v.as_bytes()).unwrap();
        }
        (dir, db)
    }

    #[test]
    fn a_snapshot_reads_as_sled_does() {
        let (dir, db) = db_with(&[("Pa", "1"), ("Pb", "2"), ("Q", "3"), ("Mx", "")]);
        publish(dir.path(), &db, 7, Durability::File).unwrap();
        assert_eq!(published_at(dir.path()), Some(7));
        let snap = Rows::Snapshot(Arc::new(load(dir.path()).unwrap().unwrap()));
        let sled = Rows::Sled(db);
        for rows in [&snap, &sled] {
            let p: Vec<_> = rows.scan_prefix(b"P").keys().map(|k| k.unwrap()).collect();
            assert_eq!(p, vec![IVec::from(b"Pa"), IVec::from(b"Pb")]);
            assert_eq!(rows.get(b"Q").unwrap(), Some(IVec::from(b"3")));
            assert_eq!(rows.get(b"Z").unwrap(), None);
            assert_eq!(rows.iter().count(), 4);
        }
        assert!(snap.insert(b"Q", b"4").is_err(), "a snapshot is read-only");
    }

    #[test]
    fn a_damaged_snapshot_is_refused_with_what_to_do() {
        let (dir, db) = db_with(&[("Pa", "1"), ("Pb", "2")]);
        publish(dir.path(), &db, 1, Durability::Folder).unwrap();
        let path = snapshot_path(dir.path());
        let good = std::fs::read(&path).unwrap();
        for cut in [
            good[..good.len() - 1].to_vec(),
            good.iter()
                .enumerate()
                .map(|(i, b)| if i == HEADER + 2 { b ^ 1 } else { *b })
                .collect(),
        ] {
            std::fs::write(&path, cut).unwrap();
            let err = load(dir.path()).err().unwrap().to_string();
            assert!(
                err.contains("snapshot.ptkg is damaged") && err.contains("ptkg repair"),
                "{err}"
            );
        }
        std::fs::remove_file(&path).unwrap();
        assert!(load(dir.path()).unwrap().is_none());
    }
}
