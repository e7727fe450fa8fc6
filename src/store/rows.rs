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
//! synced, renamed over the last one. A reader loads the
//! parts of it a command reads (it is small: the bulk of a store is in the
//! run files it names; see "Why blocks" below) and sees the store as of
//! that publication, however the writer moves on.
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
//! File layout (version 2, `PTKGSNP2`), integers little-endian:
//!
//! ```text
//! header  magic "PTKGSNP2", store format u32, blocks u32, commits u64
//!                                                              (24 bytes)
//! table   per block, in key order: family u8, 7 zero bytes, rows u64,
//!         raw length u64, offset u64, length u64, xxh3 of its bytes u64
//!                                                     (48 bytes a block)
//! check   xxh3 of header and table u64
//! blocks  one per row family (the rows whose keys share their first
//!         byte, [`keys::family`]), each the zstd of its rows in key
//!         order: varint key length, key, varint value length, value
//! ```
//!
//! Why blocks: a reader used to load and checksum every row, about 100
//! bytes a document, before answering anything, so `stats` grew with the
//! store although it reads one meta row. Now a reader reads the header
//! and table (a few hundred bytes) when it opens, checks the file's
//! length, and loads a family's block (checking its own checksum) the
//! first time a row of that family is read: `stats` and the opening of
//! every command load the meta block (`M`) and, when there is one, the
//! dead list (`R`); the document records, paths, names and edges are
//! loaded by the commands that read them. The reader keeps the file open,
//! so a block loaded later comes from the same snapshot even after a
//! writer renamed a newer one over it. A damaged block is refused when it
//! is loaded, with the same error as a damaged file: a command that never
//! reads it answers from checksummed blocks, which is still the store as
//! of that publication; `verify` loads every block and names the damage.
//!
//! Version 1 (`PTKGSNP1`: one zstd body of every row, one checksum) is
//! still read, whole, as before; a writer that opens a store with one
//! publishes the new layout at once. An older ptkg refuses a version 2
//! file as not being a snapshot ("damaged"): its writers publish
//! version 1 again, which this ptkg reads.
//!
//! `commits` is the sled counter (`M commits`) the snapshot was taken at:
//! a writer that opens the store publishes again when it differs (a crash
//! between a commit and its publication).

use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use sled::IVec;

use super::keys;
use super::runs::{get_varint, io_error, put_varint, write_error};
use crate::error::{Error, Result};

/// The snapshot's file name in the store's folder.
pub(crate) const SNAPSHOT: &str = "snapshot.ptkg";
const MAGIC: &[u8; 8] = b"PTKGSNP2";
const HEADER: usize = 24;
const ENTRY: usize = 48;
const CHECK: usize = 8;
/// Version 1: one body, read whole.
const MAGIC_V1: &[u8; 8] = b"PTKGSNP1";
const HEADER_V1: usize = 48;
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
            Rows::Snapshot(s) => s.get(key.as_ref()),
        }
    }

    /// The rows whose keys start with `prefix`, in key order.
    pub(crate) fn scan_prefix(&self, prefix: impl AsRef<[u8]>) -> RowIter {
        let prefix = prefix.as_ref();
        match self {
            Rows::Sled(db) => RowIter::Sled(Box::new(db.scan_prefix(prefix))),
            Rows::Snapshot(s) => RowIter::Snapshot {
                // Blocks are in key order: the first that can hold a key
                // with this prefix.
                block: match prefix.first() {
                    Some(f) => s.blocks.partition_point(|b| b.family < *f),
                    None => 0,
                },
                at: None,
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
        /// The block being read, and the row in it (`None`: not yet
        /// sought, the block may not be loaded).
        block: usize,
        at: Option<usize>,
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
            RowIter::Snapshot {
                rows,
                block,
                at,
                prefix,
            } => loop {
                if *block >= rows.blocks.len()
                    || prefix
                        .first()
                        .is_some_and(|f| rows.blocks[*block].family != *f)
                {
                    return None;
                }
                let loaded = match rows.block(*block) {
                    Ok(b) => b,
                    Err(e) => {
                        // One error, then the end.
                        *block = rows.blocks.len();
                        return Some(Err(e));
                    }
                };
                let i = *at.get_or_insert_with(|| {
                    loaded.partition_point(|(k, _)| k.as_ref() < prefix.as_slice())
                });
                let Some((k, v)) = loaded.get(i) else {
                    // A scan of every row runs on into the next block; a
                    // prefix lies within one family, whose block this was
                    // (the next is not loaded for nothing).
                    if !prefix.is_empty() {
                        return None;
                    }
                    *block += 1;
                    *at = None;
                    continue;
                };
                if !k.starts_with(prefix) {
                    return None;
                }
                *at = Some(i + 1);
                return Some(Ok((k.clone(), v.clone())));
            },
        }
    }
}

/// A published snapshot, opened: its block table, and each block's rows
/// once a read needed them.
pub(crate) struct Snapshot {
    /// The store's folder, for errors.
    store: PathBuf,
    /// The file the table describes, kept open (`None` for version 1,
    /// whose blocks were all loaded at once).
    file: Option<Mutex<File>>,
    /// In key order, one family each.
    blocks: Vec<Block>,
}

/// One row family's block: where it is, and its rows once loaded.
struct Block {
    family: u8,
    rows: u64,
    raw: u64,
    offset: u64,
    len: u64,
    check: u64,
    loaded: OnceLock<std::result::Result<Vec<(IVec, IVec)>, String>>,
}

impl Snapshot {
    /// The rows of block `i`, loaded and checked at the first call.
    fn block(&self, i: usize) -> Result<&[(IVec, IVec)]> {
        let b = &self.blocks[i];
        b.loaded
            .get_or_init(|| self.load_block(b))
            .as_deref()
            .map_err(|why| damaged(&self.store, why))
    }

    fn load_block(&self, b: &Block) -> std::result::Result<Vec<(IVec, IVec)>, String> {
        let name = char::from(b.family);
        let Some(file) = &self.file else {
            return Err(format!("rows {name} missing"));
        };
        let mut bytes = vec![0; usize::try_from(b.len).map_err(|_| "block length")?];
        {
            let mut f = file.lock().expect("snapshot file");
            f.seek(SeekFrom::Start(b.offset))
                .and_then(|_| f.read_exact(&mut bytes))
                .map_err(|e| format!("rows {name}: {e}"))?;
        }
        if xxhash_rust::xxh3::xxh3_64(&bytes) != b.check {
            return Err(format!("rows {name}: checksum"));
        }
        let raw = zstd::bulk::decompress(&bytes, b.raw as usize)
            .map_err(|_| format!("rows {name}: cannot decompress"))?;
        let rows = decode_rows(&raw, b.rows).map_err(|why| format!("rows {name}: {why}"))?;
        if rows.iter().any(|(k, _)| keys::family(k) != b.family) {
            return Err(format!("rows {name}: a row of another family"));
        }
        Ok(rows)
    }

    pub(crate) fn get(&self, key: &[u8]) -> Result<Option<IVec>> {
        let family = keys::family(key);
        let Ok(i) = self.blocks.binary_search_by_key(&family, |b| b.family) else {
            return Ok(None);
        };
        let rows = self.block(i)?;
        Ok(rows
            .binary_search_by(|(k, _)| k.as_ref().cmp(key))
            .ok()
            .map(|i| rows[i].1.clone()))
    }

    /// Every row, in key order: every block loaded (an error for the
    /// first damaged one).
    pub(crate) fn rows(&self) -> Result<impl Iterator<Item = &(IVec, IVec)>> {
        let blocks = (0..self.blocks.len())
            .map(|i| self.block(i))
            .collect::<Result<Vec<_>>>()?;
        Ok(blocks.into_iter().flatten())
    }

    /// Loads every block: an error naming the first damaged one.
    pub(crate) fn check_all(&self) -> Result<()> {
        self.rows().map(|_| ())
    }

    /// Blocks loaded so far, by family (what a command read).
    #[cfg(test)]
    pub(crate) fn loaded(&self) -> Vec<u8> {
        self.blocks
            .iter()
            .filter(|b| b.loaded.get().is_some())
            .map(|b| b.family)
            .collect()
    }
}

fn damaged(store: &Path, why: &str) -> Error {
    Error::Damaged {
        path: store.to_path_buf(),
        what: format!("its snapshot {SNAPSHOT} is damaged ({why})"),
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

/// A block being written: its family, rows and raw bytes.
struct RawBlock {
    family: u8,
    rows: u64,
    raw: Vec<u8>,
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
    // sled iterates in key order, so a family's rows are contiguous.
    let mut raws: Vec<RawBlock> = Vec::new();
    for kv in db.iter() {
        let (k, v) = kv?;
        let family = keys::family(&k);
        if raws.last().is_none_or(|b| b.family != family) {
            raws.push(RawBlock {
                family,
                rows: 0,
                raw: Vec::new(),
            });
        }
        let b = raws.last_mut().expect("just pushed");
        put_varint(&mut b.raw, k.len() as u64);
        b.raw.extend_from_slice(&k);
        put_varint(&mut b.raw, v.len() as u64);
        b.raw.extend_from_slice(&v);
        b.rows += 1;
    }
    let bodies = raws
        .iter()
        .map(|b| {
            zstd::bulk::compress(&b.raw, LEVEL)
                .map_err(|e| Error::Corrupt(format!("cannot compress the snapshot: {e}")))
        })
        .collect::<Result<Vec<_>>>()?;
    let mut file = Vec::new();
    file.extend_from_slice(MAGIC);
    file.extend_from_slice(&keys::FORMAT_VERSION.to_le_bytes());
    file.extend_from_slice(&(raws.len() as u32).to_le_bytes());
    file.extend_from_slice(&commits.to_le_bytes());
    let mut offset = (HEADER + ENTRY * raws.len() + CHECK) as u64;
    for (b, body) in raws.iter().zip(&bodies) {
        file.push(b.family);
        file.extend_from_slice(&[0; 7]);
        let check = xxhash_rust::xxh3::xxh3_64(body);
        for n in [b.rows, b.raw.len() as u64, offset, body.len() as u64, check] {
            file.extend_from_slice(&n.to_le_bytes());
        }
        offset += body.len() as u64;
    }
    let check = xxhash_rust::xxh3::xxh3_64(&file);
    file.extend_from_slice(&check.to_le_bytes());
    for body in &bodies {
        file.extend_from_slice(body);
    }
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

/// The published snapshot as a writer sees it when it opens the store.
pub(crate) struct Published {
    /// The commit counter it was taken at.
    pub(crate) at: u64,
    /// Version 1: the writer publishes it again in blocks.
    pub(crate) old_layout: bool,
}

/// The published snapshot, checked whole (header, table and every
/// block's checksum); `None` when there is none or it is damaged (so a
/// writer then publishes it again).
pub(crate) fn published(store: &Path) -> Option<Published> {
    let bytes = std::fs::read(snapshot_path(store)).ok()?;
    if bytes.starts_with(MAGIC_V1) {
        check_v1(&bytes).ok()?;
        return Some(Published {
            at: word(&bytes, 16),
            old_layout: true,
        });
    }
    let head = parse_head(&bytes, bytes.len() as u64).ok()?;
    for b in &head.blocks {
        let body = &bytes[b.offset as usize..(b.offset + b.len) as usize];
        if xxhash_rust::xxh3::xxh3_64(body) != b.check {
            return None;
        }
    }
    Some(Published {
        at: head.commits,
        old_layout: false,
    })
}

/// The commit counter the published snapshot was taken at; `None` when
/// there is none or it is damaged.
pub(crate) fn published_at(store: &Path) -> Option<u64> {
    published(store).map(|p| p.at)
}

fn word(b: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(b[at..at + 8].try_into().expect("8 bytes"))
}

/// A version 2 file's header and block table.
struct Head {
    commits: u64,
    blocks: Vec<Block>,
}

/// Reads the header and table from `bytes` (the file's start, at least
/// header, table and check) of a file `file_len` bytes long: magic,
/// format, the table's checksum, and blocks that tile the rest of the
/// file in key order.
fn parse_head(bytes: &[u8], file_len: u64) -> std::result::Result<Head, String> {
    check_magic_and_format(bytes, MAGIC, HEADER)?;
    let count = u32::from_le_bytes(bytes[12..16].try_into().expect("4 bytes")) as usize;
    let table_end = HEADER + ENTRY * count;
    if bytes.len() < table_end + CHECK {
        return Err("truncated".into());
    }
    if xxhash_rust::xxh3::xxh3_64(&bytes[..table_end]) != word(bytes, table_end) {
        return Err("checksum".into());
    }
    let mut next = (table_end + CHECK) as u64;
    let mut blocks: Vec<Block> = Vec::with_capacity(count);
    for i in 0..count {
        let e = HEADER + ENTRY * i;
        let b = Block {
            family: bytes[e],
            rows: word(bytes, e + 8),
            raw: word(bytes, e + 16),
            offset: word(bytes, e + 24),
            len: word(bytes, e + 32),
            check: word(bytes, e + 40),
            loaded: OnceLock::new(),
        };
        if b.offset != next || blocks.last().is_some_and(|l| l.family >= b.family) {
            return Err("block table".into());
        }
        next = b.offset.checked_add(b.len).ok_or("block table")?;
        blocks.push(b);
    }
    if next != file_len {
        return Err("truncated".into());
    }
    Ok(Head {
        commits: word(bytes, 16),
        blocks,
    })
}

/// Opens the store's snapshot: its header and block table, checked
/// (blocks are loaded and checked when first read); `None` when the
/// store has none (a store written before snapshots, or never committed
/// to); an error naming the store and what to do when it is damaged or
/// of another format.
pub(crate) fn load(store: &Path) -> Result<Option<Snapshot>> {
    let path = snapshot_path(store);
    let mut file = match File::open(&path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_error(&path, e)),
    };
    let len = file.metadata().map_err(|e| io_error(&path, e))?.len();
    let mut start = vec![0; HEADER.min(len as usize)];
    file.read_exact(&mut start)
        .map_err(|e| io_error(&path, e))?;
    if start.starts_with(MAGIC_V1) {
        let mut bytes = start;
        file.read_to_end(&mut bytes)
            .map_err(|e| io_error(&path, e))?;
        let rows = decode_v1(&bytes).map_err(|why| damaged(store, &why))?;
        return Ok(Some(Snapshot {
            store: store.to_path_buf(),
            file: None,
            blocks: blocks_of(rows),
        }));
    }
    if start.len() == HEADER && &start[..8] == MAGIC {
        // The table and its check, so the head can be parsed.
        let count = u32::from_le_bytes(start[12..16].try_into().expect("4 bytes")) as u64;
        let want = (ENTRY as u64 * count + CHECK as u64).min(len - HEADER as u64);
        let mut rest = vec![0; want as usize];
        file.read_exact(&mut rest).map_err(|e| io_error(&path, e))?;
        start.extend_from_slice(&rest);
    }
    let head = parse_head(&start, len).map_err(|why| damaged(store, &why))?;
    Ok(Some(Snapshot {
        store: store.to_path_buf(),
        file: Some(Mutex::new(file)),
        blocks: head.blocks,
    }))
}

/// Rows in key order, decoded from a block's raw bytes; `expected` rows.
fn decode_rows(raw: &[u8], expected: u64) -> std::result::Result<Vec<(IVec, IVec)>, String> {
    let mut out: Vec<(IVec, IVec)> = Vec::with_capacity(expected.min(1 << 20) as usize);
    let mut at = 0usize;
    let take = |at: &mut usize| -> Option<IVec> {
        let n = get_varint(raw, at)? as usize;
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
    if out.len() as u64 != expected {
        return Err("row count".into());
    }
    Ok(out)
}

/// Rows in key order, as loaded blocks by family.
fn blocks_of(rows: Vec<(IVec, IVec)>) -> Vec<Block> {
    let mut families: Vec<(u8, Vec<(IVec, IVec)>)> = Vec::new();
    for (k, v) in rows {
        let family = keys::family(&k);
        match families.last_mut() {
            Some((f, rows)) if *f == family => rows.push((k, v)),
            _ => families.push((family, vec![(k, v)])),
        }
    }
    families
        .into_iter()
        .map(|(family, rows)| Block {
            family,
            rows: rows.len() as u64,
            raw: 0,
            offset: 0,
            len: 0,
            check: 0,
            loaded: OnceLock::from(Ok(rows)),
        })
        .collect()
}

/// Whether `bytes` open with `magic` and the store format this ptkg
/// reads, and hold at least a header of `header` bytes and the check.
fn check_magic_and_format(
    bytes: &[u8],
    magic: &[u8; 8],
    header: usize,
) -> std::result::Result<(), String> {
    if bytes.len() < header + CHECK || &bytes[..8] != magic {
        return Err("not a snapshot file".into());
    }
    let version = u32::from_le_bytes(bytes[8..12].try_into().expect("4 bytes"));
    if version != keys::FORMAT_VERSION {
        return Err(format!(
            "store format {version}, this ptkg reads {}",
            keys::FORMAT_VERSION
        ));
    }
    Ok(())
}

/// Checks a version 1 file's magic, format, length and checksum.
fn check_v1(bytes: &[u8]) -> std::result::Result<(), String> {
    check_magic_and_format(bytes, MAGIC_V1, HEADER_V1)?;
    let body_len = word(bytes, 40);
    if HEADER_V1 as u64 + body_len + CHECK as u64 != bytes.len() as u64 {
        return Err("truncated".into());
    }
    let end = bytes.len() - CHECK;
    if xxhash_rust::xxh3::xxh3_64(&bytes[..end]) != word(bytes, end) {
        return Err("checksum".into());
    }
    Ok(())
}

/// Every row of a version 1 file.
fn decode_v1(bytes: &[u8]) -> std::result::Result<Vec<(IVec, IVec)>, String> {
    check_v1(bytes)?;
    let (rows, raw_len) = (word(bytes, 24), word(bytes, 32));
    let end = bytes.len() - CHECK;
    let raw = zstd::bulk::decompress(&bytes[HEADER_V1..end], raw_len as usize)
        .map_err(|_| "cannot decompress")?;
    decode_rows(&raw, rows)
}

#[cfg(test)]
/// A version 1 file of `db`'s rows, as the ptkg before blocks wrote it.
pub(crate) fn publish_v1(store: &Path, db: &sled::Db, commits: u64) {
    let mut raw = Vec::new();
    let mut rows = 0u64;
    for kv in db.iter() {
        let (k, v) = kv.unwrap();
        put_varint(&mut raw, k.len() as u64);
        raw.extend_from_slice(&k);
        put_varint(&mut raw, v.len() as u64);
        raw.extend_from_slice(&v);
        rows += 1;
    }
    let body = zstd::bulk::compress(&raw, LEVEL).unwrap();
    let mut file = Vec::new();
    file.extend_from_slice(MAGIC_V1);
    file.extend_from_slice(&keys::FORMAT_VERSION.to_le_bytes());
    file.extend_from_slice(&0u32.to_le_bytes());
    for n in [commits, rows, raw.len() as u64, body.len() as u64] {
        file.extend_from_slice(&n.to_le_bytes());
    }
    file.extend_from_slice(&body);
    let check = xxhash_rust::xxh3::xxh3_64(&file);
    file.extend_from_slice(&check.to_le_bytes());
    std::fs::write(snapshot_path(store), file).unwrap();
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

    const ROWS: &[(&str, &str)] = &[
        ("Dx", "record"),
        ("Mcommits", "7"),
        ("Mx", ""),
        ("Na", "name"),
        ("Pa", "1"),
        ("Pb", "2"),
        ("Q", "3"),
    ];

    fn all(rows: &Rows) -> Vec<(IVec, IVec)> {
        rows.iter().map(|kv| kv.unwrap()).collect()
    }

    #[test]
    fn a_snapshot_reads_as_sled_does() {
        let (dir, db) = db_with(ROWS);
        publish(dir.path(), &db, 7, Durability::File).unwrap();
        assert_eq!(published_at(dir.path()), Some(7));
        let loaded = Arc::new(load(dir.path()).unwrap().unwrap());
        assert!(loaded.loaded().is_empty(), "nothing loaded before a read");
        let snap = Rows::Snapshot(loaded.clone());
        let sled = Rows::Sled(db);
        assert_eq!(all(&snap), all(&sled), "every family read back equal");
        for rows in [&snap, &sled] {
            let p: Vec<_> = rows.scan_prefix(b"P").keys().map(|k| k.unwrap()).collect();
            assert_eq!(p, vec![IVec::from(b"Pa"), IVec::from(b"Pb")]);
            assert_eq!(rows.get(b"Q").unwrap(), Some(IVec::from(b"3")));
            assert_eq!(rows.get(b"Z").unwrap(), None);
            assert_eq!(rows.get(b"Pc").unwrap(), None);
            assert_eq!(rows.scan_prefix(b"Pz").count(), 0);
            assert_eq!(rows.scan_prefix(b"O").count(), 0);
            assert_eq!(rows.iter().count(), ROWS.len());
        }
        assert!(snap.insert(b"Q", b"4").is_err(), "a snapshot is read-only");
    }

    /// Each family is one block, loaded at its first read and not before.
    #[test]
    fn a_read_loads_only_its_family() {
        let (dir, db) = db_with(ROWS);
        publish(dir.path(), &db, 7, Durability::File).unwrap();
        let snap = Arc::new(load(dir.path()).unwrap().unwrap());
        let rows = Rows::Snapshot(snap.clone());
        assert_eq!(rows.get(keys::meta("commits")).unwrap().unwrap(), "7");
        assert_eq!(snap.loaded(), vec![keys::META_FAMILY]);
        assert_eq!(rows.scan_prefix(b"P").count(), 2);
        assert_eq!(snap.loaded(), vec![b'M', b'P']);
    }

    fn flip(path: &Path, at: usize) {
        let mut bytes = std::fs::read(path).unwrap();
        bytes[at] ^= 1;
        std::fs::write(path, bytes).unwrap();
    }

    /// Where family `f`'s block starts in a version 2 file.
    fn block_offset(path: &Path, f: u8) -> usize {
        let bytes = std::fs::read(path).unwrap();
        let head = parse_head(&bytes, bytes.len() as u64).unwrap();
        let b = head.blocks.iter().find(|b| b.family == f).unwrap();
        b.offset as usize
    }

    fn is_damage(err: &Error) -> bool {
        let err = err.to_string();
        err.contains("snapshot.ptkg is damaged") && err.contains("ptkg repair")
    }

    #[test]
    fn a_damaged_snapshot_is_refused_with_what_to_do() {
        let (dir, db) = db_with(ROWS);
        publish(dir.path(), &db, 1, Durability::Folder).unwrap();
        let path = snapshot_path(dir.path());
        let good = std::fs::read(&path).unwrap();
        // Cut short, or its header or table changed: refused at opening.
        for at in [2, 17, HEADER + 30] {
            std::fs::write(&path, &good).unwrap();
            flip(&path, at);
            assert!(is_damage(&load(dir.path()).err().unwrap()));
            assert!(published(dir.path()).is_none());
        }
        std::fs::write(&path, &good[..good.len() - 1]).unwrap();
        let err = load(dir.path()).err().unwrap();
        assert!(
            is_damage(&err) && err.to_string().contains("truncated"),
            "{err}"
        );
        std::fs::remove_file(&path).unwrap();
        assert!(load(dir.path()).unwrap().is_none());
    }

    /// A damaged block is refused when it is read, with the error a damaged
    /// file gives; the other blocks still read (each has its checksum), and
    /// a writer publishes the file again (`published` checks every block).
    #[test]
    fn a_damaged_block_is_refused_when_read() {
        let (dir, db) = db_with(ROWS);
        publish(dir.path(), &db, 1, Durability::Folder).unwrap();
        let path = snapshot_path(dir.path());
        flip(&path, block_offset(&path, b'P') + 3);
        assert!(published(dir.path()).is_none(), "a writer publishes again");
        let snap = Arc::new(load(dir.path()).unwrap().unwrap());
        let rows = Rows::Snapshot(snap.clone());
        assert_eq!(rows.get(b"Q").unwrap(), Some(IVec::from(b"3")));
        let err = rows.get(b"Pa").err().unwrap();
        assert!(
            is_damage(&err) && err.to_string().contains("rows P"),
            "{err}"
        );
        let err = rows.scan_prefix(b"P").next().unwrap().err().unwrap();
        assert!(is_damage(&err), "{err}");
        assert_eq!(rows.iter().filter(|kv| kv.is_err()).count(), 1);
        assert!(is_damage(&snap.check_all().err().unwrap()));
    }

    /// A snapshot of the layout before blocks is still read, whole; a
    /// writer is told to publish it again.
    #[test]
    fn an_old_layout_snapshot_is_read() {
        let (dir, db) = db_with(ROWS);
        publish_v1(dir.path(), &db, 7);
        let p = published(dir.path()).unwrap();
        assert!(p.at == 7 && p.old_layout);
        let snap = Rows::Snapshot(Arc::new(load(dir.path()).unwrap().unwrap()));
        assert_eq!(all(&snap), all(&Rows::Sled(db.clone())));
        assert_eq!(snap.scan_prefix(b"P").count(), 2);
        assert_eq!(snap.get(b"Q").unwrap(), Some(IVec::from(b"3")));
        flip(&snapshot_path(dir.path()), HEADER_V1 + 2);
        assert!(is_damage(&load(dir.path()).err().unwrap()));
        publish(dir.path(), &db, 7, Durability::File).unwrap();
        assert!(!published(dir.path()).unwrap().old_layout);
    }
}
