//! `Store::repair`: rebuilds every sled row from the documents' records and
//! their texts and books in the checksummed run files, so that sled is an
//! index that can always be rebuilt.
//!
//! The records come from sled when it opens and still holds them, else from
//! the published snapshot (checksummed, as of the last publication). Every
//! run file is checked whole; a damaged one is kept aside (a hard link under
//! `runs.damaged-<time>/`) and left out, and the documents whose text or
//! book it held are reported as lost (`ptkg add` brings them back); slices
//! and index entries are rebuilt from the books, so a damaged index run
//! loses nothing. The new store is written beside the old one, in
//! `repair.tmp/` (a fresh sled, new run files, a snapshot), keeping every
//! document's id, then swapped in:
//!
//! - sled readable: the new run files move into `runs/` (unnamed, so
//!   nothing reads them), then **one sled batch** replaces every row; a
//!   kill before it leaves the old store (the next writer deletes the
//!   unnamed files), after it the repaired one (the next writer publishes
//!   its snapshot; readers see the old one, whose run files stay until then);
//! - sled unreadable or missing: its files move to `sled.damaged-<time>/`,
//!   `db` first; the new run files and snapshot move in, then the new
//!   sled's files with `db` **last**. Until `db` is in place every command
//!   refuses the store ("its database is missing") and `repair` run again
//!   starts over from the snapshot, which is always either the old one or
//!   the repaired one.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::rows::{self, Rows};
use super::runs::{self, sync_dir, RunFamily};
use super::write::{Write, COMMIT_BYTES, MAX_RUNS};
use super::{format, keys, open_sled, sled_present, DocRecord, EncodedDocument, Store};
use crate::error::{Error, Result};

/// Where the repaired store is built, inside the store's folder.
const STAGING: &str = "repair.tmp";

/// What `repair` did.
#[derive(Debug, Clone, Default)]
pub struct RepairReport {
    /// Documents in the repaired store.
    pub documents: usize,
    /// Whether the rows were rebuilt from the published snapshot, sled
    /// being unreadable (why), rather than from sled.
    pub from_snapshot: Option<String>,
    /// Where sled's damaged files were moved.
    pub sled_moved_to: Option<PathBuf>,
    /// Run files the snapshot did not name (written after its last
    /// publication, or left by a stopped write), when the rows came from
    /// it: how many, and where they were moved.
    pub unnamed_runs: Option<(usize, PathBuf)>,
    pub damaged_runs: Vec<DamagedRun>,
    pub lost: Vec<LostDocument>,
    /// Run files and bytes of the repaired store.
    pub runs: usize,
    pub bytes: u64,
}

/// A run file that failed its checksums.
#[derive(Debug, Clone)]
pub struct DamagedRun {
    /// `runs/run-N.ptkg`.
    pub file: String,
    pub why: String,
    /// Where a copy (hard link) of it is kept, if it could be.
    pub kept_at: Option<PathBuf>,
    /// Whether it held texts and books (else slices and index entries,
    /// which were rebuilt from the books).
    pub documents: bool,
}

/// A document the repaired store no longer holds.
#[derive(Debug, Clone)]
pub struct LostDocument {
    /// Its content hash (`list speech` shows a prefix as its id).
    pub hash: String,
    pub path: String,
    pub also: Vec<String>,
    pub title: String,
    pub why: String,
}

impl Store {
    /// Rebuilds the store at `path` (see the module header); `progress` is
    /// called with (documents done, documents in all, path) as it goes.
    /// Refuses what is not a store, and a store another process writes.
    pub fn repair(
        path: &Path,
        progress: &mut dyn FnMut(usize, usize, &str),
    ) -> Result<RepairReport> {
        format::check_path(path, false)?;
        // sled may write when it opens; on a full disk that can ruin it.
        super::space::ensure_room(path, super::space::OPEN_ROOM, "opening the store")?;
        // Two repairs must not share `repair.tmp/`; writers are kept out by
        // sled's lock, which `repair_source` takes when sled opens.
        let _lock = lock_marker(path)?;
        let staging = path.join(STAGING);
        if staging.exists() {
            // Left by a repair that was stopped: never part of the store.
            std::fs::remove_dir_all(&staging).map_err(|e| write_error(&staging, e))?;
        }
        let (old, from_snapshot) = Store::repair_source(path)?;
        let stamp = timestamp();
        let mut report = RepairReport {
            from_snapshot,
            ..RepairReport::default()
        };
        old.set_aside_damaged_runs(&stamp, &mut report)?;
        let (_, bytes) = old.run_files()?;
        super::space::ensure_room(path, bytes + super::space::SLED_ROOM, "repairing the store")?;
        let new = match old.rebuild(&staging, &mut report, progress) {
            Ok(new) => new,
            Err(e) => {
                let _ = std::fs::remove_dir_all(&staging);
                return Err(e);
            }
        };
        let new_runs: Vec<PathBuf> = new
            .run_list()
            .iter()
            .map(|r| r.path().to_path_buf())
            .collect();
        let rows: Vec<(sled::IVec, sled::IVec)> =
            new.db.sled()?.iter().collect::<sled::Result<_>>()?;
        drop(new);
        if old.is_read_only() {
            let named: Vec<PathBuf> = old
                .manifest()?
                .iter()
                .map(|m| runs::run_path(&old.runs_dir(), m.id))
                .collect();
            drop(old);
            report.unnamed_runs = keep_unnamed_runs(path, &named, &stamp)?;
            report.sled_moved_to = swap_files(path, &staging, &new_runs, &stamp)?;
            // What a writer does when it opens: publish the snapshot if it
            // is older than sled, then delete the run files no row names.
            match Store::open_existing(path) {
                // A writer that started meanwhile does it itself.
                Ok(_) | Err(Error::StoreLocked { .. }) => {}
                Err(e) => return Err(e),
            }
        } else {
            old.swap_rows(rows, &new_runs)?;
            // Still under sled's lock: publish, then delete the old runs.
            old.publish()?;
            old.load_runs()?;
        }
        std::fs::remove_dir_all(&staging).map_err(|e| write_error(&staging, e))?;
        Ok(report)
    }

    /// Writes every document whose text and book can be read into a new
    /// store at `staging`, under its own id; the others go in the report
    /// as lost.
    fn rebuild(
        &self,
        staging: &Path,
        report: &mut RepairReport,
        progress: &mut dyn FnMut(usize, usize, &str),
    ) -> Result<Store> {
        let new = Store::open(staging)?;
        new.start_like(self)?;
        let docs = self.docs()?;
        let mut write = Write::new(&new);
        for (i, d) in docs.iter().enumerate() {
            progress(i, docs.len(), &d.path);
            match self.salvage(d, &report.damaged_runs) {
                Ok((text, book)) => {
                    write.put(EncodedDocument::new(d.clone(), &text, &book)?, d.id)?;
                    report.documents += 1;
                }
                Err(why) => report.lost.push(LostDocument {
                    hash: d.hash.clone(),
                    path: d.path.clone(),
                    also: d.also.clone(),
                    title: d.title.clone(),
                    why,
                }),
            }
            if write.entry_bytes() >= COMMIT_BYTES {
                std::mem::replace(&mut write, Write::new(&new)).commit()?;
            }
        }
        progress(docs.len(), docs.len(), "");
        write.commit()?;
        new.compact_if_needed(MAX_RUNS)?;
        new.finish_like(self)?;
        (report.runs, report.bytes) = new.run_files()?;
        Ok(new)
    }

    /// The store's rows to rebuild from: sled when it opens and holds its
    /// documents (kept open: its lock keeps writers out), else the
    /// published snapshot, with why sled could not be used. No file is
    /// deleted and no run file opened.
    fn repair_source(path: &Path) -> Result<(Store, Option<String>)> {
        let why = if sled_present(path) {
            match open_sled(path) {
                Ok(db) => {
                    let store = Store::with_rows(path, Rows::Sled(db));
                    let usable = store
                        .check_database()
                        .and_then(|()| store.check_format())
                        .and_then(|()| store.docs().map(|_| ()))
                        .and_then(|()| store.name_runs(store.manifest()?, false));
                    match usable {
                        Ok(()) => return Ok((store, None)),
                        Err(e) => damage_of(&e),
                    }
                }
                Err(e @ (Error::StoreLocked { .. } | Error::Store { .. })) => return Err(e),
                Err(e) => damage_of(&e),
            }
        } else {
            "its database (sled's files db, conf) is missing".to_string()
        };
        let rebuild = "rebuild it: `ptkg add` the documents' files into a new folder";
        let unusable = |snapshot: String| Error::Store {
            path: path.to_path_buf(),
            message: format!("cannot be repaired: {why}, and {snapshot}; {rebuild}"),
        };
        // Every block checked now: a damaged one makes the snapshot
        // unusable, as a damaged file was before it had blocks.
        let snapshot = match rows::load(path).and_then(|s| {
            s.as_ref().map(|s| s.check_all()).transpose()?;
            Ok(s)
        }) {
            Ok(Some(s)) => s,
            Ok(None) => return Err(unusable("it has no snapshot of its rows".into())),
            Err(e) => return Err(unusable(damage_of(&e))),
        };
        let store = Store::with_rows(path, Rows::Snapshot(Arc::new(snapshot)));
        store.check_format()?;
        store.name_runs(store.manifest()?, false)?;
        Ok((store, Some(why)))
    }

    /// Checks every run file whole; a damaged one is left out of the runs
    /// read from here on, and a copy of it kept under `runs.damaged-<stamp>/`.
    fn set_aside_damaged_runs(&self, stamp: &str, report: &mut RepairReport) -> Result<()> {
        let mut good = Vec::new();
        for r in self.run_list().iter() {
            let Err(e) = r.verify() else {
                good.push(r.clone());
                continue;
            };
            let kept_at = r.path().is_file().then(|| {
                let dir = self.path.join(format!("runs.damaged-{stamp}"));
                let to = dir.join(r.path().file_name().unwrap_or_default());
                std::fs::create_dir_all(&dir)
                    .and_then(|()| {
                        std::fs::hard_link(r.path(), &to)
                            .or_else(|_| std::fs::copy(r.path(), &to).map(|_| ()))
                    })
                    .map(|()| to)
                    .map_err(|e| write_error(&dir, e))
            });
            report.damaged_runs.push(DamagedRun {
                file: r.name(),
                why: damage_of(&e),
                kept_at: kept_at.transpose()?,
                documents: r.meta.family == RunFamily::Documents,
            });
        }
        *self.runs.write().expect("runs") = Arc::new(good);
        Ok(())
    }

    /// A document's text and book from the sound run files, or why not.
    fn salvage(
        &self,
        d: &DocRecord,
        damaged: &[DamagedRun],
    ) -> std::result::Result<(String, Arc<super::Book>), String> {
        let text = self.text(d.id).map_err(|e| damage_of(&e))?;
        let book = self
            .book(d.id)
            .map_err(|e| format!("its book does not parse ({})", damage_of(&e)))?;
        match (text, book) {
            (Some(t), Some(b)) => Ok((t, b)),
            _ => Err(match damaged.iter().find(|r| r.documents) {
                Some(r) if damaged.iter().filter(|r| r.documents).count() == 1 => {
                    format!("its text and book were in the damaged run file {}", r.file)
                }
                Some(_) => "its text and book were in a damaged run file".to_string(),
                None => "its text or book is missing from the run files".to_string(),
            }),
        }
    }

    /// The meta rows a rebuilt store starts with: the rule-set hash, a run
    /// id above every file in the old `runs/`, and a commit counter past
    /// the old store's and its snapshot's.
    fn start_like(&self, old: &Store) -> Result<()> {
        let mut next_run = old.counter(keys::META_NEXT_RUN_ID)?;
        for r in old.run_list().iter() {
            next_run = next_run.max(r.meta.id + 1);
        }
        if let Ok(rd) = std::fs::read_dir(old.runs_dir()) {
            for e in rd.flatten() {
                if let Some(id) = runs::run_id_of(&e.file_name().to_string_lossy()) {
                    next_run = next_run.max(id + 1);
                }
            }
        }
        let commits = old
            .counter(keys::META_COMMITS)?
            .max(rows::published_at(&old.path).unwrap_or(0));
        let db = self.db.sled()?;
        db.insert(
            keys::meta(keys::META_NEXT_RUN_ID),
            &keys::u64_value(next_run.max(1)),
        )?;
        db.insert(keys::meta(keys::META_COMMITS), &keys::u64_value(commits))?;
        if let Some(hash) = old.ruleset_hash()? {
            db.insert(keys::meta(keys::META_RULESET), hash.as_bytes())?;
        }
        db.flush()?;
        Ok(())
    }

    /// The document id counter as the old store had it (ids are never
    /// reused), one more commit, and the snapshot published.
    fn finish_like(&self, old: &Store) -> Result<()> {
        let max_id = old.docs()?.iter().map(|d| d.id + 1).max().unwrap_or(0);
        let next = old.counter(keys::META_NEXT_DOC_ID)?.max(max_id);
        let mut batch = sled::Batch::default();
        if next > self.counter(keys::META_NEXT_DOC_ID)? {
            batch.insert(keys::meta(keys::META_NEXT_DOC_ID), &keys::u64_value(next));
        }
        self.apply(batch)?;
        self.publish()
    }

    /// Swaps the rebuilt rows into this (sled) store: the new run files
    /// move into `runs/`, then one batch replaces every row.
    fn swap_rows(&self, rows: Vec<(sled::IVec, sled::IVec)>, new_runs: &[PathBuf]) -> Result<()> {
        move_runs(&self.path, new_runs)?;
        let db = self.db.sled()?;
        let keep: foldhash::HashSet<&[u8]> = rows.iter().map(|(k, _)| k.as_ref()).collect();
        let mut batch = sled::Batch::default();
        for k in db.iter().keys() {
            let k = k?;
            if !keep.contains(k.as_ref()) {
                batch.remove(k);
            }
        }
        for (k, v) in rows {
            batch.insert(k, v);
        }
        db.apply_batch(batch)?;
        db.flush()?;
        Ok(())
    }
}

/// Run files in `runs/` that the snapshot does not name, moved to
/// `runs.unnamed-<stamp>/` before the new rows make every unnamed file an
/// orphan a writer deletes: they may hold documents committed after the
/// snapshot was published.
fn keep_unnamed_runs(
    store: &Path,
    named: &[PathBuf],
    stamp: &str,
) -> Result<Option<(usize, PathBuf)>> {
    let dir = store.join("runs");
    let Ok(rd) = std::fs::read_dir(&dir) else {
        return Ok(None);
    };
    let unnamed: Vec<PathBuf> = rd
        .flatten()
        .map(|e| e.path())
        .filter(|p| !named.contains(p))
        .collect();
    if unnamed.is_empty() {
        return Ok(None);
    }
    let aside = store.join(format!("runs.unnamed-{stamp}"));
    std::fs::create_dir_all(&aside).map_err(|e| write_error(&aside, e))?;
    for f in &unnamed {
        let to = aside.join(f.file_name().unwrap_or_default());
        std::fs::rename(f, &to).map_err(|e| write_error(&to, e))?;
    }
    Ok(Some((unnamed.len(), aside)))
}

/// The new run files into the store's `runs/` (unnamed until the swap).
fn move_runs(store: &Path, new_runs: &[PathBuf]) -> Result<()> {
    let dir = store.join("runs");
    std::fs::create_dir_all(&dir).map_err(|e| write_error(&dir, e))?;
    for f in new_runs {
        let to = dir.join(f.file_name().unwrap_or_default());
        std::fs::rename(f, &to).map_err(|e| write_error(&to, e))?;
    }
    sync_dir(&dir);
    Ok(())
}

/// Swaps a rebuilt store's files in when sled was unreadable: sled's old
/// files aside (`db` first), the new runs and snapshot in, then the new
/// sled's files (`db` last). Returns where the old sled files went.
fn swap_files(
    store: &Path,
    staging: &Path,
    new_runs: &[PathBuf],
    stamp: &str,
) -> Result<Option<PathBuf>> {
    move_runs(store, new_runs)?;
    let aside = store.join(format!("sled.damaged-{stamp}"));
    let old_files = sled_files(store);
    if !old_files.is_empty() {
        std::fs::create_dir_all(&aside).map_err(|e| write_error(&aside, e))?;
        for f in &old_files {
            let to = aside.join(f.file_name().unwrap_or_default());
            std::fs::rename(f, &to).map_err(|e| write_error(&to, e))?;
        }
        sync_dir(store);
    }
    let snapshot = rows::snapshot_path(store);
    std::fs::rename(rows::snapshot_path(staging), &snapshot)
        .map_err(|e| write_error(&snapshot, e))?;
    sync_dir(store);
    let mut new_files = sled_files(staging);
    // `db` last: until it is in place, the store has no database.
    new_files.reverse();
    for f in &new_files {
        let to = store.join(f.file_name().unwrap_or_default());
        std::fs::rename(f, &to).map_err(|e| write_error(&to, e))?;
    }
    sync_dir(store);
    Ok((!old_files.is_empty()).then_some(aside))
}

/// sled's files in a folder, `db` first: `db`, `conf`, `blobs`, `snap.*`.
fn sled_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = super::SLED_FILES
        .iter()
        .map(|f| dir.join(f))
        .filter(|p| p.exists())
        .collect();
    if let Ok(rd) = std::fs::read_dir(dir) {
        let mut snaps: Vec<PathBuf> = rd
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with("snap."))
            .map(|e| e.path())
            .collect();
        snaps.sort();
        files.extend(snaps);
    }
    files
}

/// An exclusive lock on the store's marker file, held while the returned
/// file is open; another repair holding it is [`Error::StoreLocked`].
fn lock_marker(store: &Path) -> Result<std::fs::File> {
    let marker = store.join(format::MARKER);
    let file = std::fs::File::open(&marker).map_err(|e| Error::Io {
        path: marker.clone(),
        source: e,
    })?;
    #[cfg(unix)]
    if rustix::fs::flock(&file, rustix::fs::FlockOperation::NonBlockingLockExclusive).is_err() {
        return Err(Error::StoreLocked {
            path: store.to_path_buf(),
        });
    }
    Ok(file)
}

fn write_error(path: &Path, e: std::io::Error) -> Error {
    Error::Write {
        path: path.to_path_buf(),
        source: e,
    }
}

/// What is damaged, as one phrase.
fn damage_of(e: &Error) -> String {
    e.damage().map_or_else(|| e.to_string(), str::to_string)
}

/// The time now, UTC, as `YYYYMMDD-HHMMSS`: names the folders damaged
/// files are kept in.
fn timestamp() -> String {
    stamp_of(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs()),
    )
}

/// `secs` after 1970-01-01 UTC as `YYYYMMDD-HHMMSS`.
fn stamp_of(secs: u64) -> String {
    let (days, rest) = ((secs / 86_400) as i64, secs % 86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}{month:02}{day:02}-{:02}{:02}{:02}",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_are_utc_dates_and_times() {
        assert_eq!(stamp_of(0), "19700101-000000");
        assert_eq!(stamp_of(1_798_561_410), "20261229-162330");
        // 2000-02-29: the leap day of a century year.
        assert_eq!(stamp_of(951_782_400 + 3661), "20000229-010101");
    }
}
