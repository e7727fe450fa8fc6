//! Immutable sorted runs: the bulk of the store, outside sled.
//!
//! Everything a document writes once and never changes (its text, its
//! book, its slices) goes into a *run*: a file of key-sorted entries in
//! zstd-compressed blocks, with a block index and a checksummed footer.
//! One `Writer` commit writes one run; sled keeps only the small rows that
//! change (paths, document records, counters) and the list of runs, so a
//! commit is "write and sync the run file, then one sled batch that names
//! it". A crash before the batch leaves a file no manifest names, deleted
//! at the next open.
//!
//! Why not sled rows: sled 0.34 costs about 1.2 KB of disk per row and its
//! open time grows with the store (BENCHMARKS.md). Runs are written
//! sequentially, compressed across entries (slices of neighbouring names
//! share most of their bytes), and cost nothing to open until read.
//!
//! Entries are never updated in place: a replaced or removed document's
//! id goes on the dead list (sled `R` rows), readers skip its entries, and
//! compaction drops them when it merges runs.
//!
//! File layout, all integers little-endian:
//!
//! ```text
//! block*   entries: varint key length, key, varint doc id, varint value length, value
//!          (zstd-compressed unless that did not pay)
//! chunks   the block index in chunks of 256 blocks, each postcard: per block
//!          its first key, offset, lengths, xxh3
//! top      postcard RunTop: per chunk its first key, offset, length, xxh3;
//!          the last key; the block count
//! footer   top offset u64, top length u64, top xxh3 u64, magic "PTKGRUN2"
//! ```
//!
//! Why two levels: a large run has ~100 000 blocks, and reading its whole
//! block index (several MB) made every query pay for it. A reader loads
//! the top (a few KB) and then only the chunks it seeks in.
//!
//! ```text
//! ```

use foldhash::{HashMap, HashSet, HashSetExt};
use std::fs::File;
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

const MAGIC: &[u8; 8] = b"PTKGRUN2";
/// Blocks per chunk of the block index. Unit tests use small chunks, so
/// that their runs of a few blocks span several.
#[cfg(not(test))]
const CHUNK_BLOCKS: usize = 256;
#[cfg(test)]
const CHUNK_BLOCKS: usize = 4;
const FOOTER: usize = 32;
/// Raw bytes per block: big enough for zstd to find the repetition between
/// neighbouring slices, small enough that a point read decodes little.
const BLOCK_BYTES: usize = 64 * 1024;
/// zstd level for blocks: level 1 compresses slices 4.5×, within 3% of
/// level 3, at twice the speed.
const BLOCK_LEVEL: i32 = 1;

/// Which entries a run holds. Documents' texts and books are read by
/// document id, and a run's id range finds them; they are merged only to
/// drop dead documents or many small runs. Slices and index entries are
/// read by prefix across runs, so their runs are merged to keep few.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum RunFamily {
    Documents,
    Index,
}

impl RunFamily {
    fn bit(self) -> u8 {
        match self {
            RunFamily::Documents => 1,
            RunFamily::Index => 2,
        }
    }
}

/// Removed and replaced documents, each with the run families that may
/// still hold entries of it (a bit per [`RunFamily`]). Readers skip every
/// entry of a dead document; a merge that drops a document's entries
/// clears its family's bit, and a document with no bit left is forgotten.
#[derive(Debug, Clone, Default)]
pub(crate) struct DeadList {
    docs: HashMap<u64, u8>,
}

impl DeadList {
    /// Every family's bit set: what a removal records.
    pub(crate) const ALL: u8 = 3;

    pub(crate) fn contains(&self, doc: &u64) -> bool {
        self.docs.contains_key(doc)
    }

    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.docs.len()
    }

    pub(crate) fn insert(&mut self, doc: u64, bits: u8) {
        if bits != 0 {
            self.docs.insert(doc, bits);
        }
    }

    /// Dead documents whose entries runs of `family` may still hold.
    pub(crate) fn held_by(&self, family: RunFamily) -> impl Iterator<Item = u64> + '_ {
        self.docs
            .iter()
            .filter(move |(_, b)| **b & family.bit() != 0)
            .map(|(d, _)| *d)
    }

    /// Records that runs of `family` hold no entry of `doc` any more;
    /// returns the bits left.
    pub(crate) fn dropped(&mut self, doc: u64, family: RunFamily) -> u8 {
        let Some(b) = self.docs.get_mut(&doc) else {
            return 0;
        };
        *b &= !family.bit();
        let left = *b;
        if left == 0 {
            self.docs.remove(&doc);
        }
        left
    }
}

/// What the manifest (sled) records about a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct RunMeta {
    pub id: u64,
    pub family: RunFamily,
    pub entries: u64,
    pub bytes: u64,
    /// Lowest and highest document id with an entry here.
    pub min_doc: u64,
    pub max_doc: u64,
    /// Distinct documents with entries here.
    pub docs: u64,
}

impl RunMeta {
    pub(crate) fn holds(&self, doc: u64) -> bool {
        self.min_doc <= doc && doc <= self.max_doc
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct BlockMeta {
    first_key: Vec<u8>,
    offset: u64,
    len: u32,
    raw_len: u32,
    compressed: bool,
    hash: u64,
}

/// What the writer gathers: every block's place, and the last key.
#[derive(Debug, Clone, Default)]
struct RunIndex {
    blocks: Vec<BlockMeta>,
    last_key: Vec<u8>,
}

/// Where one chunk of the block index is.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct ChunkMeta {
    first_key: Vec<u8>,
    offset: u64,
    len: u32,
    hash: u64,
}

/// The top of a run's index, read when the run is first used.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct RunTop {
    chunks: Vec<ChunkMeta>,
    last_key: Vec<u8>,
    blocks: u64,
}

/// The file name of run `id` in `dir`.
pub(crate) fn run_path(dir: &Path, id: u64) -> PathBuf {
    dir.join(format!("run-{id:08}.ptkg"))
}

/// The run id of a file name written by [`run_path`].
pub(crate) fn run_id_of(name: &str) -> Option<u64> {
    name.strip_prefix("run-")?
        .strip_suffix(".ptkg")?
        .parse()
        .ok()
}

/// One entry: key, owning document, value.
pub(crate) type Entry = (Vec<u8>, u64, Vec<u8>);

/// Writes a run from entries given in key order.
pub(crate) struct RunWriter {
    path: PathBuf,
    tmp: PathBuf,
    out: BufWriter<File>,
    offset: u64,
    block: Vec<u8>,
    block_first: Option<Vec<u8>>,
    index: RunIndex,
    meta: RunMeta,
    docs: HashSet<u64>,
    compressor: zstd::bulk::Compressor<'static>,
    /// Keys whose values arrive compressed; a block of only those is
    /// stored without trying again.
    packed: fn(&[u8]) -> bool,
    block_packed: bool,
}

impl RunWriter {
    pub(crate) fn create(
        dir: &Path,
        id: u64,
        family: RunFamily,
        packed: fn(&[u8]) -> bool,
    ) -> Result<RunWriter> {
        std::fs::create_dir_all(dir).map_err(|e| write_error(dir, e))?;
        let path = run_path(dir, id);
        let tmp = path.with_extension("tmp");
        let file = File::create(&tmp).map_err(|e| write_error(&tmp, e))?;
        Ok(RunWriter {
            path,
            tmp,
            out: BufWriter::with_capacity(1 << 20, file),
            offset: 0,
            block: Vec::with_capacity(BLOCK_BYTES * 2),
            block_first: None,
            index: RunIndex::default(),
            meta: RunMeta {
                id,
                family,
                entries: 0,
                bytes: 0,
                min_doc: u64::MAX,
                max_doc: 0,
                docs: 0,
            },
            docs: HashSet::new(),
            compressor: zstd::bulk::Compressor::new(BLOCK_LEVEL)
                .map_err(|e| Error::Corrupt(format!("cannot compress: {e}")))?,
            packed,
            block_packed: true,
        })
    }

    /// Appends an entry; keys must come in strictly increasing order.
    pub(crate) fn push(&mut self, key: &[u8], doc: u64, value: &[u8]) -> Result<()> {
        debug_assert!(self.index.last_key.as_slice() < key || self.meta.entries == 0);
        if self.block_first.is_none() {
            self.block_first = Some(key.to_vec());
        }
        self.block_packed &= (self.packed)(key);
        put_varint(&mut self.block, key.len() as u64);
        self.block.extend_from_slice(key);
        put_varint(&mut self.block, doc);
        put_varint(&mut self.block, value.len() as u64);
        self.block.extend_from_slice(value);
        self.index.last_key.clear();
        self.index.last_key.extend_from_slice(key);
        self.meta.entries += 1;
        self.meta.min_doc = self.meta.min_doc.min(doc);
        self.meta.max_doc = self.meta.max_doc.max(doc);
        self.docs.insert(doc);
        if self.block.len() >= BLOCK_BYTES {
            self.finish_block()?;
        }
        Ok(())
    }

    fn finish_block(&mut self) -> Result<()> {
        let Some(first_key) = self.block_first.take() else {
            return Ok(());
        };
        let packed = if std::mem::replace(&mut self.block_packed, true) {
            Vec::new()
        } else {
            self.compressor
                .compress(&self.block)
                .map_err(|e| Error::Corrupt(format!("cannot compress: {e}")))?
        };
        // A block that does not shrink by a sixteenth is stored as it is.
        let compressed = !packed.is_empty() && packed.len() + packed.len() / 16 < self.block.len();
        let bytes: &[u8] = if compressed { &packed } else { &self.block };
        self.out
            .write_all(bytes)
            .map_err(|e| write_error(&self.tmp, e))?;
        self.index.blocks.push(BlockMeta {
            first_key,
            offset: self.offset,
            len: bytes.len() as u32,
            raw_len: self.block.len() as u32,
            compressed,
            hash: xxhash_rust::xxh3::xxh3_64(bytes),
        });
        self.offset += bytes.len() as u64;
        self.block.clear();
        Ok(())
    }

    /// Writes the index and footer, syncs, and moves the file to its name.
    /// The rename is not durable yet: the caller syncs the folder once
    /// ([`sync_dir`]) for every run of its change, before a sled batch
    /// names them (one folder sync per commit, not one per file).
    pub(crate) fn finish(mut self) -> Result<RunMeta> {
        self.finish_block()?;
        let tmp = self.tmp.clone();
        let mut top = RunTop {
            chunks: Vec::new(),
            last_key: std::mem::take(&mut self.index.last_key),
            blocks: self.index.blocks.len() as u64,
        };
        for chunk in self.index.blocks.chunks(CHUNK_BLOCKS) {
            let bytes = postcard::to_stdvec(chunk).map_err(|e| Error::Corrupt(e.to_string()))?;
            self.out
                .write_all(&bytes)
                .map_err(|e| write_error(&tmp, e))?;
            top.chunks.push(ChunkMeta {
                first_key: chunk[0].first_key.clone(),
                offset: self.offset,
                len: bytes.len() as u32,
                hash: xxhash_rust::xxh3::xxh3_64(&bytes),
            });
            self.offset += bytes.len() as u64;
        }
        let index = postcard::to_stdvec(&top).map_err(|e| Error::Corrupt(e.to_string()))?;
        let mut footer = Vec::with_capacity(FOOTER);
        footer.extend_from_slice(&self.offset.to_le_bytes());
        footer.extend_from_slice(&(index.len() as u64).to_le_bytes());
        footer.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(&index).to_le_bytes());
        footer.extend_from_slice(MAGIC);
        self.out
            .write_all(&index)
            .and_then(|_| self.out.write_all(&footer))
            .and_then(|_| self.out.flush())
            .map_err(|e| write_error(&tmp, e))?;
        let file = self
            .out
            .into_inner()
            .map_err(|e| write_error(&tmp, e.into_error()))?;
        file.sync_all().map_err(|e| write_error(&tmp, e))?;
        std::fs::rename(&tmp, &self.path).map_err(|e| write_error(&self.path, e))?;
        self.meta.bytes = self.offset + index.len() as u64 + FOOTER as u64;
        self.meta.docs = self.docs.len() as u64;
        if self.meta.entries == 0 {
            self.meta.min_doc = 0;
        }
        Ok(self.meta)
    }
}

/// Makes the renames of the run files just written into `dir` durable:
/// called once per change, after its runs are finished and before the sled
/// batch that names them, so that a crash never leaves a manifest naming a
/// file whose directory entry was lost. Best effort, as a folder cannot be
/// synced everywhere.
pub(crate) fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Writes `entries` (any order; keys unique) as run `id`. `packed` says
/// which keys' values are compressed already. Syncs the file but not
/// `dir`: see [`RunWriter::finish`].
pub(crate) fn write_run(
    dir: &Path,
    id: u64,
    family: RunFamily,
    mut entries: Vec<Entry>,
    packed: fn(&[u8]) -> bool,
) -> Result<RunMeta> {
    entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut w = RunWriter::create(dir, id, family, packed)?;
    for (k, d, v) in &entries {
        w.push(k, *d, v)?;
    }
    w.finish()
}

/// An open run: its file, and its block index read on first use.
pub(crate) struct Run {
    pub meta: RunMeta,
    path: PathBuf,
    file: Mutex<Option<File>>,
    top: OnceLock<std::result::Result<RunTop, String>>,
    /// Chunks of the block index read so far.
    chunks: Mutex<HashMap<usize, Arc<Vec<BlockMeta>>>>,
}

impl Run {
    pub(crate) fn new(dir: &Path, meta: RunMeta) -> Run {
        Run {
            path: run_path(dir, meta.id),
            meta,
            file: Mutex::new(None),
            top: OnceLock::new(),
            chunks: Mutex::new(HashMap::default()),
        }
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// Opens the file now: once open, it stays readable for this process
    /// even when a merge in another one deletes it.
    pub(crate) fn open_file(&self) -> Result<()> {
        let mut guard = self.file.lock().expect("run file");
        if guard.is_none() {
            *guard = Some(File::open(&self.path).map_err(|e| io_error(&self.path, e))?);
        }
        Ok(())
    }

    fn read_at(&self, offset: u64, len: usize) -> Result<Vec<u8>> {
        let mut guard = self.file.lock().expect("run file");
        if guard.is_none() {
            *guard = Some(File::open(&self.path).map_err(|e| self.missing(e))?);
        }
        let f = guard.as_mut().expect("just opened");
        let mut buf = vec![0; len];
        f.seek(SeekFrom::Start(offset))
            .and_then(|_| f.read_exact(&mut buf))
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::UnexpectedEof => self.corrupt("run file (cut short)"),
                _ => io_error(&self.path, e),
            })?;
        Ok(buf)
    }

    /// The store this run belongs to (the folder above `runs/`).
    fn store(&self) -> PathBuf {
        self.path
            .parent()
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .unwrap_or_default()
    }

    /// The run file's name as the store's folder sees it: runs/run-N.ptkg.
    pub(crate) fn name(&self) -> String {
        let file = self.path.file_name().unwrap_or_default().to_string_lossy();
        format!("runs/{file}")
    }

    fn missing(&self, e: std::io::Error) -> Error {
        Error::Damaged {
            path: self.store(),
            what: format!("run file {} cannot be read ({e})", self.name()),
        }
    }

    fn corrupt(&self, what: &str) -> Error {
        Error::Damaged {
            path: self.store(),
            what: format!("run file {} is damaged: {what}", self.name()),
        }
    }

    fn top(&self) -> Result<&RunTop> {
        let loaded = self.top.get_or_init(|| {
            self.load_top()
                .map_err(|e| e.damage().map_or_else(|| e.to_string(), str::to_string))
        });
        loaded.as_ref().map_err(|e| Error::Damaged {
            path: self.store(),
            what: e.clone(),
        })
    }

    fn load_top(&self) -> Result<RunTop> {
        if self.meta.bytes < FOOTER as u64 {
            return Err(self.corrupt("run file (too short)"));
        }
        let footer = self.read_at(self.meta.bytes - FOOTER as u64, FOOTER)?;
        if &footer[24..32] != MAGIC {
            return Err(self.corrupt("run file (no footer)"));
        }
        let word = |i: usize| u64::from_le_bytes(footer[i * 8..i * 8 + 8].try_into().unwrap());
        let (offset, len, hash) = (word(0), word(1), word(2));
        if offset + len + FOOTER as u64 != self.meta.bytes {
            return Err(self.corrupt("run file (bad footer)"));
        }
        let raw = self.read_at(offset, len as usize)?;
        if xxhash_rust::xxh3::xxh3_64(&raw) != hash {
            return Err(self.corrupt("run index (checksum)"));
        }
        postcard::from_bytes(&raw).map_err(|_| self.corrupt("run index"))
    }

    /// Chunk `c` of the block index, read once.
    fn chunk(&self, c: usize) -> Result<Arc<Vec<BlockMeta>>> {
        if let Some(chunk) = self.chunks.lock().expect("run chunks").get(&c) {
            return Ok(chunk.clone());
        }
        let meta = self
            .top()?
            .chunks
            .get(c)
            .ok_or_else(|| self.corrupt("run index (no such chunk)"))?;
        let raw = self.read_at(meta.offset, meta.len as usize)?;
        if xxhash_rust::xxh3::xxh3_64(&raw) != meta.hash {
            return Err(self.corrupt("run index chunk (checksum)"));
        }
        let chunk: Arc<Vec<BlockMeta>> =
            Arc::new(postcard::from_bytes(&raw).map_err(|_| self.corrupt("run index chunk"))?);
        self.chunks
            .lock()
            .expect("run chunks")
            .insert(c, chunk.clone());
        Ok(chunk)
    }

    fn block_meta(&self, i: usize) -> Result<BlockMeta> {
        let chunk = self.chunk(i / CHUNK_BLOCKS)?;
        chunk
            .get(i % CHUNK_BLOCKS)
            .cloned()
            .ok_or_else(|| self.corrupt("run index (no such block)"))
    }

    /// Every block's first key (reads the whole block index).
    fn first_keys(&self) -> Result<Vec<Vec<u8>>> {
        let mut out = Vec::new();
        for c in 0..self.top()?.chunks.len() {
            out.extend(self.chunk(c)?.iter().map(|b| b.first_key.clone()));
        }
        Ok(out)
    }

    fn block_count(&self) -> Result<usize> {
        Ok(self.top()?.blocks as usize)
    }

    /// The decoded entries of block `i`.
    fn block(&self, i: usize) -> Result<Block> {
        let b = self.block_meta(i)?;
        let bytes = self.read_at(b.offset, b.len as usize)?;
        if xxhash_rust::xxh3::xxh3_64(&bytes) != b.hash {
            return Err(self.corrupt("run block (checksum)"));
        }
        let raw = if b.compressed {
            // One decompression context per thread, not one per block.
            super::book::unpack(&bytes)
                .ok()
                .filter(|r| r.len() == b.raw_len as usize)
                .ok_or_else(|| self.corrupt("run block"))?
        } else {
            bytes
        };
        Block::parse(raw).ok_or_else(|| self.corrupt("run block entries"))
    }

    /// The first block that can hold a key `>= key`.
    fn seek_block(&self, key: &[u8]) -> Result<usize> {
        let chunks = &self.top()?.chunks;
        let c = chunks
            .partition_point(|c| c.first_key.as_slice() <= key)
            .saturating_sub(1);
        if chunks.is_empty() {
            return Ok(0);
        }
        let chunk = self.chunk(c)?;
        let j = chunk
            .partition_point(|b| b.first_key.as_slice() <= key)
            .saturating_sub(1);
        Ok(c * CHUNK_BLOCKS + j)
    }

    /// Whether any key of this run can start with `prefix`.
    fn may_hold(&self, prefix: &[u8]) -> Result<bool> {
        let top = self.top()?;
        let Some(first) = top.chunks.first() else {
            return Ok(false);
        };
        let last = &top.last_key;
        Ok(prefix <= &last[..prefix.len().min(last.len())]
            && &first.first_key[..prefix.len().min(first.first_key.len())] <= prefix)
    }

    /// Checks every block's checksum and entry order.
    pub(crate) fn verify(&self) -> Result<u64> {
        let mut entries = 0u64;
        let mut last: Option<Vec<u8>> = None;
        for i in 0..self.block_count()? {
            let block = self.block(i)?;
            for e in 0..block.len() {
                let k = block.key(e);
                if last.as_deref().is_some_and(|l| l >= k) {
                    return Err(self.corrupt("run (keys out of order)"));
                }
                last = Some(k.to_vec());
                entries += 1;
            }
        }
        if entries != self.meta.entries {
            return Err(self.corrupt("run (entry count)"));
        }
        Ok(entries)
    }
}

/// A decoded block: its bytes and where each entry's parts are.
struct Block {
    raw: Vec<u8>,
    /// (key start, key end, doc, value start, value end)
    spans: Vec<(u32, u32, u64, u32, u32)>,
}

impl Block {
    fn parse(raw: Vec<u8>) -> Option<Block> {
        let mut spans = Vec::new();
        let mut at = 0usize;
        while at < raw.len() {
            let klen = get_varint(&raw, &mut at)? as usize;
            let k0 = at;
            at = at.checked_add(klen).filter(|&e| e <= raw.len())?;
            let doc = get_varint(&raw, &mut at)?;
            let vlen = get_varint(&raw, &mut at)? as usize;
            let v0 = at;
            at = at.checked_add(vlen).filter(|&e| e <= raw.len())?;
            spans.push((k0 as u32, (k0 + klen) as u32, doc, v0 as u32, at as u32));
        }
        Some(Block { raw, spans })
    }

    fn len(&self) -> usize {
        self.spans.len()
    }

    fn key(&self, i: usize) -> &[u8] {
        let s = self.spans[i];
        &self.raw[s.0 as usize..s.1 as usize]
    }

    fn doc(&self, i: usize) -> u64 {
        self.spans[i].2
    }

    fn value(&self, i: usize) -> &[u8] {
        let s = self.spans[i];
        &self.raw[s.3 as usize..s.4 as usize]
    }

    /// The first entry with key `>= key`.
    fn seek(&self, key: &[u8]) -> usize {
        let mut lo = 0;
        let mut hi = self.len();
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.key(mid) < key {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }
}

/// A position in one run, moving forward.
struct Cursor {
    run: Arc<Run>,
    block_no: usize,
    blocks: usize,
    block: Option<Block>,
    at: usize,
}

impl Cursor {
    fn new(run: Arc<Run>, start: &[u8]) -> Result<Cursor> {
        let blocks = run.block_count()?;
        let block_no = run.seek_block(start)?;
        let mut c = Cursor {
            run,
            block_no,
            blocks,
            block: None,
            at: 0,
        };
        if block_no < blocks {
            let b = c.run.block(block_no)?;
            c.at = b.seek(start);
            c.block = Some(b);
            c.settle()?;
        }
        Ok(c)
    }

    /// Moves past exhausted blocks.
    fn settle(&mut self) -> Result<()> {
        while let Some(b) = &self.block {
            if self.at < b.len() {
                return Ok(());
            }
            self.block_no += 1;
            self.at = 0;
            self.block = if self.block_no < self.blocks {
                Some(self.run.block(self.block_no)?)
            } else {
                None
            };
        }
        Ok(())
    }

    fn key(&self) -> Option<&[u8]> {
        self.block.as_ref().map(|b| b.key(self.at))
    }

    /// The current entry, borrowed.
    fn entry(&self) -> (&[u8], u64, &[u8]) {
        let b = self.block.as_ref().expect("cursor has an entry");
        (b.key(self.at), b.doc(self.at), b.value(self.at))
    }

    fn advance(&mut self) -> Result<()> {
        self.at += 1;
        self.settle()
    }
}

/// The live entries of several runs whose keys start with a prefix, in key
/// order, skipping dead documents.
pub(crate) struct Scan {
    /// Cursors with an entry in range, the lowest key on top: a merge of
    /// a hundred runs compares a handful of keys per entry, not a hundred.
    cursors: std::collections::BinaryHeap<Cursor>,
    prefix: Vec<u8>,
    /// Keys from here on are left out.
    end: Option<Vec<u8>>,
    dead: Arc<DeadList>,
    failed: bool,
    /// Dead documents whose entries were skipped.
    skipped: HashSet<u64>,
}

impl Scan {
    /// The live entries whose keys start with `prefix`.
    pub(crate) fn new(runs: &[Arc<Run>], prefix: &[u8], dead: Arc<DeadList>) -> Result<Scan> {
        Scan::open(runs, prefix, prefix, None, dead)
    }

    /// The live entries with keys from `start` up to (without) `end`.
    pub(crate) fn range(
        runs: &[Arc<Run>],
        start: &[u8],
        end: Option<&[u8]>,
        dead: Arc<DeadList>,
    ) -> Result<Scan> {
        Scan::open(runs, start, &[], end, dead)
    }

    /// Keys from `start` that begin with `prefix` and sort before `end`.
    fn open(
        runs: &[Arc<Run>],
        start: &[u8],
        prefix: &[u8],
        end: Option<&[u8]>,
        dead: Arc<DeadList>,
    ) -> Result<Scan> {
        let mut scan = Scan {
            cursors: Default::default(),
            prefix: prefix.to_vec(),
            end: end.map(<[u8]>::to_vec),
            dead,
            failed: false,
            skipped: HashSet::new(),
        };
        for r in runs {
            if r.meta.entries == 0 || !r.may_hold(prefix)? {
                continue;
            }
            let c = Cursor::new(r.clone(), start)?;
            if c.key()
                .is_some_and(|k| in_range(&scan.prefix, scan.end.as_deref(), k))
            {
                scan.cursors.push(c);
            }
        }
        Ok(scan)
    }

    fn next_entry(&mut self) -> Result<Option<Entry>> {
        let mut found = None;
        self.step(|k, d, v| {
            found = Some((k.to_vec(), d, v.to_vec()));
            Ok(())
        })?;
        Ok(found)
    }

    /// Hands the next live entry, borrowed, to `f`; false at the end.
    fn step(&mut self, mut f: impl FnMut(&[u8], u64, &[u8]) -> Result<()>) -> Result<bool> {
        loop {
            let Some(mut top) = self.cursors.peek_mut() else {
                return Ok(false);
            };
            let (k, d, v) = top.entry();
            let live = !self.dead.contains(&d);
            if live {
                f(k, d, v)?;
            } else {
                self.skipped.insert(d);
            }
            top.advance()?;
            if !top
                .key()
                .is_some_and(|k| in_range(&self.prefix, self.end.as_deref(), k))
            {
                std::collections::binary_heap::PeekMut::pop(top);
            }
            // Dropping `top` moves the cursor to its place for its next key.
            if live {
                return Ok(true);
            }
        }
    }

    /// Writes every live entry to `w` without copying it first.
    fn write_to(&mut self, w: &mut RunWriter) -> Result<()> {
        while self.step(|k, d, v| w.push(k, d, v))? {}
        Ok(())
    }
}

impl PartialEq for Cursor {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}

impl Eq for Cursor {}

impl PartialOrd for Cursor {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// Reversed, so that the heap's top is the lowest key.
impl Ord for Cursor {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        other.key().cmp(&self.key())
    }
}

impl Iterator for Scan {
    type Item = Result<Entry>;

    fn next(&mut self) -> Option<Result<Entry>> {
        if self.failed {
            return None;
        }
        match self.next_entry() {
            Ok(e) => e.map(Ok),
            Err(e) => {
                self.failed = true;
                Some(Err(e))
            }
        }
    }
}

/// Whether a scan for keys starting with `prefix` and sorting before `end`
/// wants `key`.
fn in_range(prefix: &[u8], end: Option<&[u8]>, key: &[u8]) -> bool {
    key.starts_with(prefix) && end.is_none_or(|end| key < end)
}

/// The value of `key`, an entry of document `doc`, if that document lives.
/// Only runs whose id range holds `doc` are opened.
pub(crate) fn get(
    runs: &[Arc<Run>],
    key: &[u8],
    doc: u64,
    dead: &DeadList,
) -> Result<Option<Vec<u8>>> {
    if dead.contains(&doc) {
        return Ok(None);
    }
    for r in runs.iter().rev() {
        if r.meta.entries == 0 || !r.meta.holds(doc) || !r.may_hold(key)? {
            continue;
        }
        let b = r.block(r.seek_block(key)?)?;
        let i = b.seek(key);
        if i < b.len() && b.key(i) == key {
            return Ok(Some(b.value(i).to_vec()));
        }
    }
    Ok(None)
}

/// Merges `runs` (of one family) into new runs with the ids `ids`, one per
/// key range, leaving out the entries of dead documents. The key space is
/// cut at block boundaries into as many ranges as there are ids, and the
/// ranges are merged on all cores: a merge decompresses and compresses
/// every byte, and a large store's merge would otherwise hold one core for
/// a minute. Returns each new run (empty ones too) and the dead documents
/// dropped.
pub(crate) fn merge(
    dir: &Path,
    ids: &[u64],
    runs: &[Arc<Run>],
    dead: Arc<DeadList>,
    packed: fn(&[u8]) -> bool,
) -> Result<Vec<(RunMeta, HashSet<u64>)>> {
    use rayon::prelude::*;
    let family = runs.first().map_or(RunFamily::Index, |r| r.meta.family);
    let splits = split_keys(runs, ids.len())?;
    let bounds: Vec<(Vec<u8>, Option<Vec<u8>>)> = std::iter::once(Vec::new())
        .chain(splits.iter().cloned())
        .zip(
            splits
                .iter()
                .cloned()
                .map(Some)
                .chain(std::iter::once(None)),
        )
        .collect();
    let made = bounds
        .par_iter()
        .zip(ids.par_iter())
        .map(|((start, end), id)| {
            let mut w = RunWriter::create(dir, *id, family, packed)?;
            let mut scan = Scan::range(runs, start, end.as_deref(), dead.clone())?;
            scan.write_to(&mut w)?;
            Ok((w.finish()?, scan.skipped))
        })
        .collect::<Result<Vec<_>>>()?;
    // One folder sync for every part, before the batch that names them.
    sync_dir(dir);
    Ok(made)
}

/// Up to `parts - 1` keys that cut the runs' blocks into ranges of about
/// equal size, in order.
pub(crate) fn split_keys(runs: &[Arc<Run>], parts: usize) -> Result<Vec<Vec<u8>>> {
    let mut firsts = Vec::new();
    for r in runs.iter().filter(|r| r.meta.entries > 0) {
        firsts.extend(r.first_keys()?);
    }
    firsts.sort_unstable();
    let mut splits: Vec<Vec<u8>> = (1..parts.max(1))
        .map(|i| firsts.get(i * firsts.len() / parts).cloned())
        .collect::<Option<_>>()
        .unwrap_or_default();
    splits.retain(|k| !k.is_empty());
    splits.dedup();
    Ok(splits)
}

pub(super) fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

pub(super) fn get_varint(b: &[u8], at: &mut usize) -> Option<u64> {
    let mut v = 0u64;
    for shift in (0..64).step_by(7) {
        let byte = *b.get(*at)?;
        *at += 1;
        v |= u64::from(byte & 0x7f) << shift;
        if byte < 0x80 {
            return Some(v);
        }
    }
    None
}

pub(super) fn write_error(path: &Path, source: std::io::Error) -> Error {
    Error::Write {
        path: path.to_path_buf(),
        source,
    }
}

pub(super) fn io_error(path: &Path, source: std::io::Error) -> Error {
    Error::Io {
        path: path.to_path_buf(),
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(n: u64, doc: u64, tag: &str) -> Vec<Entry> {
        (0..n)
            .map(|i| {
                (
                    format!("k{:05}{tag}", i * 7 % n).into_bytes(),
                    doc + i % 3,
                    format!("值{i}{tag}").repeat(40).into_bytes(),
                )
            })
            .collect()
    }

    fn never(_: &[u8]) -> bool {
        false
    }

    fn open(dir: &Path, meta: RunMeta) -> Arc<Run> {
        Arc::new(Run::new(dir, meta))
    }

    #[test]
    fn a_run_reads_back_in_key_order_across_blocks() {
        let dir = tempfile::tempdir().unwrap();
        let want = entries(2000, 10, "a");
        let meta = write_run(dir.path(), 1, RunFamily::Index, want.clone(), never).unwrap();
        assert_eq!(
            (meta.entries, meta.min_doc, meta.max_doc, meta.docs),
            (2000, 10, 12, 3)
        );
        let run = open(dir.path(), meta);
        assert!(
            run.block_count().unwrap() > 1,
            "the test needs several blocks"
        );
        assert_eq!(run.verify().unwrap(), 2000);
        let mut sorted = want.clone();
        sorted.sort();
        let got: Vec<Entry> = Scan::new(std::slice::from_ref(&run), b"k", Arc::default())
            .unwrap()
            .collect::<Result<_>>()
            .unwrap();
        assert_eq!(got, sorted);
        let some: Vec<Entry> = Scan::new(std::slice::from_ref(&run), b"k0123", Arc::default())
            .unwrap()
            .collect::<Result<_>>()
            .unwrap();
        assert_eq!(some.len(), 10);
        assert!(some.iter().all(|e| e.0.starts_with(b"k0123")));
        let (k, d, v) = &sorted[777];
        let none = DeadList::default();
        assert_eq!(
            get(std::slice::from_ref(&run), k, *d, &none).unwrap(),
            Some(v.clone())
        );
        let mut dead = DeadList::default();
        dead.insert(*d, DeadList::ALL);
        assert_eq!(get(std::slice::from_ref(&run), k, *d, &dead).unwrap(), None);
        assert_eq!(get(&[run], b"k99999", 10, &none).unwrap(), None);
    }

    #[test]
    fn blocks_of_packed_values_are_stored_as_they_are() {
        let dir = tempfile::tempdir().unwrap();
        let want = entries(2000, 1, "p");
        let meta = write_run(dir.path(), 1, RunFamily::Documents, want.clone(), |k| {
            k < b"k01000".as_slice()
        })
        .unwrap();
        let run = open(dir.path(), meta);
        let blocks: Vec<BlockMeta> = (0..run.block_count().unwrap())
            .map(|i| run.block_meta(i).unwrap())
            .collect();
        assert!(blocks.iter().any(|b| !b.compressed));
        assert!(blocks.iter().any(|b| b.compressed));
        let mut sorted = want;
        sorted.sort();
        let got: Vec<Entry> = Scan::new(&[run], b"", Arc::default())
            .unwrap()
            .collect::<Result<_>>()
            .unwrap();
        assert_eq!(got, sorted);
    }

    #[test]
    fn scans_merge_runs_and_skip_dead_documents() {
        let dir = tempfile::tempdir().unwrap();
        let a = open(
            dir.path(),
            write_run(dir.path(), 1, RunFamily::Index, entries(300, 1, "a"), never).unwrap(),
        );
        let b = open(
            dir.path(),
            write_run(dir.path(), 2, RunFamily::Index, entries(300, 4, "b"), never).unwrap(),
        );
        let mut dead = DeadList::default();
        dead.insert(2, DeadList::ALL);
        dead.insert(5, DeadList::ALL);
        let dead = Arc::new(dead);
        let got: Vec<Entry> = Scan::new(&[a.clone(), b.clone()], b"k", dead.clone())
            .unwrap()
            .collect::<Result<_>>()
            .unwrap();
        assert_eq!(got.len(), 400);
        assert!(got.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(got.iter().all(|e| !dead.contains(&e.1)));
        let parts = merge(dir.path(), &[3, 4, 5], &[a, b], dead, never).unwrap();
        assert_eq!(parts.len(), 3, "three ranges");
        let dropped: HashSet<u64> = parts.iter().flat_map(|p| p.1.iter().copied()).collect();
        assert_eq!(dropped, [2, 5].into_iter().collect::<HashSet<u64>>());
        assert_eq!(parts.iter().map(|p| p.0.entries).sum::<u64>(), 400);
        let merged: Vec<Arc<Run>> = parts.into_iter().map(|p| open(dir.path(), p.0)).collect();
        for w in merged.windows(2) {
            let (a, b) = (w[0].top().unwrap(), w[1].top().unwrap());
            assert!(
                a.last_key < b.chunks[0].first_key,
                "ranges are disjoint and in order"
            );
        }
        let again: Vec<Entry> = Scan::new(&merged, b"", Arc::default())
            .unwrap()
            .collect::<Result<_>>()
            .unwrap();
        assert_eq!(again, got);
    }

    #[test]
    fn a_damaged_run_is_an_error_that_names_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let meta = write_run(dir.path(), 7, RunFamily::Index, entries(500, 1, "x"), never).unwrap();
        let path = run_path(dir.path(), 7);
        let mut bytes = std::fs::read(&path).unwrap();
        bytes[100] ^= 0xff;
        std::fs::write(&path, &bytes).unwrap();
        let run = open(dir.path(), meta);
        let err = run.verify().unwrap_err().to_string();
        assert!(err.contains("run-00000007.ptkg"), "{err}");
        assert!(err.contains("checksum"), "{err}");
    }

    #[test]
    fn varints_round_trip() {
        for v in [0, 1, 127, 128, 300, u32::MAX as u64, u64::MAX] {
            let mut b = Vec::new();
            put_varint(&mut b, v);
            let mut at = 0;
            assert_eq!(get_varint(&b, &mut at), Some(v));
            assert_eq!(at, b.len());
        }
    }
}
