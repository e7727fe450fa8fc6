//! Merging runs: the merge policy (when a family of runs has grown too
//! many, which runs to merge, when a mostly dead run is rewritten) and the
//! merge itself, which writes new runs without the dead documents' entries
//! and swaps them in with one sled batch naming the new manifest.
//! `ptkg compact` merges everything; writers call the policy after each
//! commit.

use foldhash::{HashSet, HashSetExt};
use std::sync::Arc;

use super::runs::{self, Run, RunFamily, RunMeta};
use super::{encode, keys, Store};
use crate::error::Result;

/// Merges of at least this many bytes are cut into key ranges merged on
/// all cores.
const PARALLEL_MERGE_BYTES: u64 = 64 * 1024 * 1024;

/// Runs of texts and books are merged only past this many: a read opens
/// only the run whose id range holds its document, so many cost little,
/// and merging them would copy every text and book of the store.
const MAX_DOCUMENT_RUNS: usize = 256;

impl Store {
    /// Rewrites any run that is mostly dead documents, then, while a family
    /// has more than `max_runs` runs, merges its smallest runs of about one
    /// size ([`smallest_of_a_size`]): a large run is rewritten only once
    /// runs of its size have piled up, not for every small addition.
    pub(super) fn compact_if_needed(&self, max_runs: usize) -> Result<()> {
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
            // Merging is housekeeping: on a disk too full for it, it waits
            // for a later commit (or `compact`) instead of failing this one.
            let fits = |pick: &[&Arc<Run>]| {
                let bytes: u64 = pick.iter().map(|r| r.meta.bytes).sum();
                super::space::has_room(&self.path, bytes + super::space::SLED_ROOM)
            };
            if let Some(r) = mostly_dead {
                if !fits(&[r]) {
                    return Ok(());
                }
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
                    if !fits(&pick.iter().collect::<Vec<_>>()) {
                        return Ok(());
                    }
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
    pub(crate) fn merge_runs(&self, pick: &[Arc<Run>]) -> Result<Vec<u64>> {
        let Some(family) = pick.first().map(|r| r.meta.family) else {
            return Ok(Vec::new());
        };
        let dead = self.dead_list();
        let first_id = self.counter(keys::META_NEXT_RUN_ID)?.max(1);
        let bytes: u64 = pick.iter().map(|r| r.meta.bytes).sum();
        // The merged runs are at most as large as their inputs, which are
        // deleted only after the merge is committed.
        super::space::ensure_room(
            &self.path,
            bytes + super::space::SLED_ROOM,
            "merging run files",
        )?;
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
            &keys::u64_value(first_id + parts),
        );
        for d in &cleared {
            match left.dropped(*d, family) {
                0 => batch.remove(keys::dead(*d)),
                bits => batch.insert(keys::dead(*d), &[bits][..]),
            }
        }
        self.apply(batch)?;
        *self.runs.write().expect("runs") = Arc::new(list);
        *self.dead.write().expect("dead list") = Arc::new(left);
        // The published snapshot may still name the merged runs: they go
        // once one that does not is published.
        self.retire(pick.iter().map(|r| r.path().to_path_buf()));
        Ok(ids)
    }

    /// The run list without `removed` and with `added`, put into `batch` as
    /// the manifest; the caller installs it once the batch is applied.
    pub(super) fn next_runs(
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
    #[cfg(test)]
    pub(crate) fn dead_documents(&self) -> usize {
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
        self.publish_changes(false)
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
