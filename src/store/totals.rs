//! The store's totals — documents, nodes by kind, edges by relation,
//! provenance rows: what `ptkg stats` prints — kept as one meta row
//! (`M totals`), so that `stats` reads one row however large the store,
//! instead of every document record and every shared name and edge key.
//!
//! A commit moves the totals in the same sled batch as the rows they count
//! ([`Store::apply_counted`]): a writer adds each document's own counts
//! (from its record) when it stores or removes it, and one per shared name
//! or edge row that the change creates or deletes (a name already present
//! or still named by another document moves nothing). The row carries the
//! commit it was written at. Every commit of this ptkg rewrites it, so a
//! row whose commit is not the store's last was left behind by a ptkg that
//! did not keep it (the format did not change: an older build still opens
//! the store): it is not trusted, and counted again (see
//! [`Store::ensure_totals`] for when).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::read::Stats;
use super::{decode, encode, keys, DocRecord, Store};
use crate::error::Result;
use crate::model::{NodeKind, Relation};

/// Counts of the store, or a change's moves of them (signed: a removal
/// counts down). Kinds and relations at zero are left out, so two equal
/// counts compare equal however they were reached.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Totals {
    pub documents: i64,
    pub provenance: i64,
    pub nodes: BTreeMap<NodeKind, i64>,
    pub edges: BTreeMap<Relation, i64>,
}

/// The stored row: the totals and the commit they were written at.
#[derive(Serialize, Deserialize)]
struct TotalsRow {
    commit: u64,
    totals: Totals,
}

impl Totals {
    /// A document stored (`sign` 1) or taken out (-1): its own nodes,
    /// edges and provenance rows, as its record counts them.
    pub(super) fn document(&mut self, d: &DocRecord, sign: i64) {
        self.documents += sign;
        self.provenance += sign * i64::from(d.provenance);
        for (k, n) in &d.local_nodes {
            self.node(*k, sign * i64::from(*n));
        }
        for (r, n) in &d.local_edges {
            self.edge(*r, sign * i64::from(*n));
        }
    }

    pub(super) fn node(&mut self, kind: NodeKind, n: i64) {
        bump(&mut self.nodes, kind, n);
    }

    pub(super) fn edge(&mut self, rel: Relation, n: i64) {
        bump(&mut self.edges, rel, n);
    }

    /// Adds another count (or move) to this one.
    pub(super) fn add(&mut self, other: &Totals) {
        self.documents += other.documents;
        self.provenance += other.provenance;
        for (k, n) in &other.nodes {
            self.node(*k, *n);
        }
        for (r, n) in &other.edges {
            self.edge(*r, *n);
        }
    }

    /// As `ptkg stats` prints them: every kind and relation, zeros too.
    pub(crate) fn stats(&self) -> Stats {
        let count = |n: i64| n.max(0) as usize;
        let mut s = Stats {
            documents: count(self.documents),
            provenance: count(self.provenance),
            ..Stats::default()
        };
        for k in NodeKind::ALL {
            let n = count(self.nodes.get(k).copied().unwrap_or(0));
            s.nodes_by_kind.insert(k.as_str().to_string(), n);
            s.nodes += n;
        }
        for r in Relation::ALL {
            let n = count(self.edges.get(r).copied().unwrap_or(0));
            s.edges_by_relation.insert(r.as_str().to_string(), n);
            s.edges += n;
        }
        s
    }

    /// What differs from `other`, as "documents 3 ≠ 2, goal nodes 7 ≠ 6".
    fn differences(&self, other: &Totals) -> String {
        let mut out = Vec::new();
        let mut differ = |what: String, a: i64, b: i64| {
            if a != b {
                out.push(format!("{what} {a} ≠ {b}"));
            }
        };
        differ("documents".into(), self.documents, other.documents);
        differ("provenance rows".into(), self.provenance, other.provenance);
        for k in NodeKind::ALL {
            let get = |t: &Totals| t.nodes.get(k).copied().unwrap_or(0);
            differ(format!("{} nodes", k.as_str()), get(self), get(other));
        }
        for r in Relation::ALL {
            let get = |t: &Totals| t.edges.get(r).copied().unwrap_or(0);
            differ(format!("{} edges", r.as_str()), get(self), get(other));
        }
        out.join(", ")
    }
}

fn bump<K: Ord>(map: &mut BTreeMap<K, i64>, key: K, n: i64) {
    if n == 0 {
        return;
    }
    let v = map.entry(key).or_default();
    *v += n;
    if *v == 0 {
        // Left out at zero, so equal counts compare equal.
        map.retain(|_, v| *v != 0);
    }
}

impl Store {
    /// The totals row as stored: (commit written at, totals), `None` when
    /// there is none; an error when it does not decode.
    fn totals_row(&self) -> Result<Option<(u64, Totals)>> {
        self.db
            .get(keys::meta(keys::META_TOTALS))?
            .map(|v| decode::<TotalsRow>(&v).map(|r| (r.commit, r.totals)))
            .transpose()
    }

    /// The totals row when it was written at the store's last commit;
    /// `None` when missing, left behind by a ptkg that did not keep it, or
    /// unreadable (then recounting is the answer, and `verify` names it).
    pub(super) fn stored_totals(&self) -> Result<Option<Totals>> {
        let Ok(Some((at, totals))) = self.totals_row() else {
            return Ok(None);
        };
        Ok((at == self.counter(keys::META_COMMITS)?).then_some(totals))
    }

    /// The totals counted from the rows: every document record's own
    /// counts, one per shared name (`N`) and edge between names (`E`).
    /// What `stats` did before the totals row, and what `verify` compares
    /// the row with: it reads the whole index, so only a store without a
    /// current row pays it, once.
    pub(crate) fn count_totals(&self) -> Result<Totals> {
        let mut t = Totals::default();
        for d in self.docs()? {
            t.document(&d, 1);
        }
        for k in self.db.scan_prefix(keys::ALL_NODES).keys() {
            if let Some(kind) = keys::node_kind_of(&k?) {
                t.node(kind, 1);
            }
        }
        for k in self.db.scan_prefix(keys::ALL_EDGES).keys() {
            if let Some((_, rel, _)) = keys::parse_edge(&k?) {
                t.edge(rel, 1);
            }
        }
        Ok(t)
    }

    /// The totals `stats` prints: the row, or for a store that has no
    /// current one yet (written before the row existed, or last by a ptkg
    /// that did not keep it) a count of the rows. A reader cannot write
    /// the row; the next writer to open the store does
    /// ([`Store::ensure_totals`]).
    pub(super) fn totals(&self) -> Result<Totals> {
        match self.stored_totals()? {
            Some(t) => Ok(t),
            None => self.count_totals(),
        }
    }

    /// The totals row after this commit (number `commit`), into `batch`:
    /// the current row moved by `change`, or a count of the rows (as they
    /// are before the batch, which is what `change` moves from) when there
    /// is no current row.
    pub(super) fn next_totals(
        &self,
        batch: &mut sled::Batch,
        change: &Totals,
        commit: u64,
    ) -> Result<()> {
        let mut totals = match self.stored_totals()? {
            Some(t) => t,
            None => self.count_totals()?,
        };
        totals.add(change);
        let row = TotalsRow { commit, totals };
        batch.insert(keys::meta(keys::META_TOTALS), encode(&row)?);
        Ok(())
    }

    /// Gives a store without a current totals row one, when a writer
    /// opens it: counting once here (about what one `stats` cost before
    /// the row existed) rather than at the writer's first commit means
    /// any writer — also an `add` that stores nothing, a `compact` with
    /// nothing to merge — leaves readers a row, and they stop counting.
    /// A store that never committed has nothing to count. Best effort: a
    /// store whose rows cannot be counted is left as it is, for the
    /// command (and `verify`, `repair`) to report.
    pub(super) fn ensure_totals(&self) -> Result<()> {
        if self.counter(keys::META_COMMITS)? == 0 || self.stored_totals()?.is_some() {
            return Ok(());
        }
        let _ = self.apply(sled::Batch::default());
        Ok(())
    }

    /// A problem when the totals row is current but differs from a count
    /// of the rows, or cannot be read.
    pub(super) fn verify_totals(&self, problems: &mut Vec<String>) -> Result<()> {
        let row = match self.totals_row() {
            Ok(row) => row,
            Err(e) => {
                problems.push(format!(
                    "the totals row (what `stats` prints) cannot be read: {e}"
                ));
                return Ok(());
            }
        };
        // None, or left behind by a ptkg that did not keep it: `stats`
        // counts instead, and the next writer writes it anew.
        let Some((at, stored)) = row else {
            return Ok(());
        };
        if at != self.counter(keys::META_COMMITS)? {
            return Ok(());
        }
        let counted = self.count_totals()?;
        if stored != counted {
            problems.push(format!(
                "the totals row (what `stats` prints) differs from a count of the rows: {}",
                stored.differences(&counted)
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::error::Error;
    use crate::store::testing::{record_and_book, store_of};
    use crate::store::{EncodedDocument, Stored};

    // Both name 临江区, 区委, 临江智慧物流产业园 and 高质量发展: B adds
    // only a sector to the names A stored.
    const A: &str = "在临江区经济工作会议上的讲话\n一、项目建设要聚力攻坚\n区委决定加快建设临江智慧物流产业园,推动高质量发展。\n";
    const B: &str = "在临江区务虚会上的讲话\n一、招商引资要有新突破\n区委要求加快建设临江智慧物流产业园,推动高质量发展,发展现代服务业。\n";
    const A2: &str = "在临江区经济工作会议上的讲话\n一、项目建设要聚力攻坚\n区政府决定启动白沙数字小镇,发展现代服务业。\n";

    /// `text` as the pipeline reads it, ready for a writer.
    fn encoded(path: &str, text: &str) -> EncodedDocument {
        let (record, book) = record_and_book(path, text);
        EncodedDocument::new(record, text, &book).unwrap()
    }

    fn put(store: &Store, docs: &[(&str, &str)]) -> Vec<Stored> {
        let mut w = store.writer();
        let stored = docs
            .iter()
            .map(|(p, t)| w.put(encoded(p, t)).unwrap())
            .collect();
        w.commit().unwrap();
        stored
    }

    /// The row is current, equals a count of the rows, and is what
    /// `stats` prints; the store is sound.
    fn checked(store: &Store) -> Stats {
        let counted = store.count_totals().unwrap();
        assert_eq!(store.stored_totals().unwrap(), Some(counted.clone()));
        let stats = store.stats().unwrap();
        assert_eq!(stats, counted.stats());
        assert_eq!(store.verify().unwrap(), Vec::<String>::new());
        stats
    }

    fn district(store: &Store, name: &str) -> Option<u32> {
        let key = crate::model::NodeKey::new(NodeKind::District, name);
        store.node_row(&key).unwrap().map(|r| r.documents)
    }

    /// Opens a store again, waiting for sled's flusher thread of the last
    /// handle to let go of its lock.
    fn reopen(path: &Path, open: impl Fn(&Path) -> Result<Store>) -> Store {
        for _ in 0..100 {
            match open(path) {
                Err(Error::StoreLocked { .. }) => {
                    std::thread::sleep(std::time::Duration::from_millis(20))
                }
                other => return other.unwrap(),
            }
        }
        panic!("{}: still locked after 2 s", path.display())
    }

    #[test]
    fn moves_that_cancel_leave_nothing() {
        let mut t = Totals::default();
        t.node(NodeKind::Goal, 2);
        t.edge(Relation::Serves, 1);
        let mut back = Totals::default();
        back.node(NodeKind::Goal, -2);
        back.edge(Relation::Serves, -1);
        t.add(&back);
        assert_eq!(t, Totals::default());
        let s = t.stats();
        assert_eq!(s.nodes_by_kind.len(), NodeKind::ALL.len());
        assert_eq!(s.edges_by_relation.len(), Relation::ALL.len());
    }

    #[test]
    fn totals_follow_add_replace_reindex_alias_remove_and_compact() {
        let dir = tempfile::tempdir().unwrap();
        let store = store_of(dir.path(), &[("a.txt", A)]);
        let one = checked(&store);
        assert_eq!(one.documents, 1);
        assert_eq!(district(&store, "临江区"), Some(1));

        // Names already stored count once more in their rows, not in the
        // totals.
        put(&store, &[("b.txt", B)]);
        let two = checked(&store);
        assert_eq!(district(&store, "临江区"), Some(2));
        assert_eq!(two.nodes_by_kind["district"], one.nodes_by_kind["district"]);
        assert!(two.provenance > one.provenance);

        // A changed document replaces the old one.
        put(&store, &[("a.txt", A2)]);
        checked(&store);

        // Reindex: every document put again under its path, in one change.
        let before = checked(&store);
        put(&store, &[("a.txt", A2), ("b.txt", B)]);
        assert_eq!(checked(&store), before);

        // The same text under another path is the same document; removing
        // the path its facts name moves them to the other.
        assert_eq!(put(&store, &[("c.txt", B)]), vec![Stored::OtherPath]);
        assert_eq!(checked(&store), before);
        assert!(store.remove_document("b.txt").unwrap());
        assert_eq!(checked(&store), before);

        store.compact().unwrap();
        assert_eq!(checked(&store), before);

        // The last document naming 临江区 takes it out of the totals.
        assert!(store.remove_document("a.txt").unwrap());
        checked(&store);
        assert!(store.remove_document("c.txt").unwrap());
        assert_eq!(district(&store, "临江区"), None);
        let none = checked(&store);
        assert_eq!(
            (none.documents, none.nodes, none.edges, none.provenance),
            (0, 0, 0, 0)
        );
    }

    #[test]
    fn a_store_without_a_current_row_is_counted_until_a_writer_writes_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db");
        let store = store_of(dir.path(), &[("a.txt", A), ("b.txt", B)]);
        let want = checked(&store);
        // As a store written before the row existed: readers count.
        store
            .db
            .sled()
            .unwrap()
            .remove(keys::meta(keys::META_TOTALS))
            .unwrap();
        store.publish().unwrap();
        assert_eq!(store.stored_totals().unwrap(), None);
        assert_eq!(store.stats().unwrap(), want);
        let reader = Store::open_read_only(&path).unwrap();
        assert!(reader.is_read_only());
        assert_eq!(reader.stored_totals().unwrap(), None);
        assert_eq!(reader.stats().unwrap(), want);
        drop(store);
        // The next writer counts once and writes it, for readers too.
        let store = reopen(&path, Store::open_existing);
        assert_eq!(checked(&store), want);
        drop(store);
        let reader = Store::open_read_only(&path).unwrap();
        assert!(reader.stored_totals().unwrap().is_some());
        assert_eq!(reader.stats().unwrap(), want);

        // A commit that did not move the row (as an older ptkg's does)
        // leaves it behind: not trusted, and the next commit counts again.
        let store = reopen(&path, Store::open_existing);
        let commits = store.counter(keys::META_COMMITS).unwrap();
        store
            .db
            .insert(keys::meta(keys::META_COMMITS), keys::u64_value(commits + 1))
            .unwrap();
        assert!(store.remove_document("b.txt").unwrap());
        let one = checked(&store);
        assert_eq!(one.documents, 1);
    }

    /// A store whose totals row says one document more than it holds, at
    /// its last commit.
    fn tampered(dir: &Path) -> (Store, Stats) {
        let store = store_of(dir, &[("a.txt", A), ("b.txt", B)]);
        let want = checked(&store);
        let mut wrong = store.stored_totals().unwrap().unwrap();
        wrong.documents += 1;
        wrong.node(NodeKind::Goal, -1);
        let row = TotalsRow {
            commit: store.counter(keys::META_COMMITS).unwrap(),
            totals: wrong,
        };
        store
            .db
            .insert(keys::meta(keys::META_TOTALS), encode(&row).unwrap())
            .unwrap();
        store.publish().unwrap();
        assert_ne!(store.stats().unwrap(), want);
        (store, want)
    }

    #[test]
    fn verify_reports_a_totals_row_that_differs_from_a_count() {
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = tampered(dir.path());
        let problems = store.verify().unwrap();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].contains("totals row")
                && problems[0].contains("documents 3 ≠ 2")
                && problems[0].contains("goal nodes"),
            "{problems:?}"
        );
        // Readers see the same.
        drop(store);
        let reader = Store::open_read_only(&dir.path().join("db")).unwrap();
        assert_eq!(reader.verify().unwrap().len(), 1);
    }

    #[test]
    fn repair_rewrites_a_totals_row_that_differs_from_a_count() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db");
        let (store, want) = tampered(dir.path());
        drop(store);
        let mut report = None;
        for _ in 0..100 {
            match Store::repair(&path, &mut |_, _, _| {}) {
                Err(Error::StoreLocked { .. }) => {
                    std::thread::sleep(std::time::Duration::from_millis(20))
                }
                other => {
                    report = Some(other.unwrap());
                    break;
                }
            }
        }
        assert_eq!(report.expect("repaired").documents, 2);
        let store = reopen(&path, Store::open_existing);
        assert_eq!(checked(&store), want);
        drop(store);
        let reader = Store::open_read_only(&path).unwrap();
        assert_eq!(
            reader.stored_totals().unwrap(),
            Some(reader.count_totals().unwrap())
        );
        assert_eq!(reader.stats().unwrap(), want);
    }

    /// `stats` from a reader loads the snapshot's meta block and nothing
    /// else (issue 17, item 4): its cost does not grow with the store. A
    /// damaged block of another family leaves it answering; a read of
    /// that family reports the damage.
    #[test]
    fn stats_loads_the_meta_block_only() {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::store::testing::one_document_store(dir.path());
        let want = store.stats().unwrap();
        drop(store);
        let path = dir.path().join("db");
        let reader = Store::open_read_only(&path).unwrap();
        assert_eq!(reader.stats().unwrap(), want);
        let crate::store::rows::Rows::Snapshot(snap) = &reader.db else {
            panic!("a reader reads the snapshot")
        };
        assert_eq!(snap.loaded(), vec![keys::META_FAMILY]);
        assert_eq!(reader.docs().unwrap().len(), 1);
        assert_eq!(snap.loaded(), vec![b'D', keys::META_FAMILY]);
        drop(reader);

        let file = crate::store::rows::snapshot_path(&path);
        let mut bytes = std::fs::read(&file).unwrap();
        let last = bytes.len() - 3;
        bytes[last] ^= 1;
        std::fs::write(&file, bytes).unwrap();
        let reader = Store::open_read_only(&path).unwrap();
        assert_eq!(reader.stats().unwrap(), want);
        let crate::store::rows::Rows::Snapshot(snap) = &reader.db else {
            panic!("a reader reads the snapshot")
        };
        let err = snap.check_all().err().unwrap().to_string();
        assert!(err.contains("snapshot.ptkg is damaged"), "{err}");
    }

    /// A store whose snapshot has the layout before blocks is read, and its
    /// next writer publishes it in blocks.
    #[test]
    fn an_old_layout_snapshot_is_read_and_rewritten_by_a_writer() {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::store::testing::one_document_store(dir.path());
        let want = store.stats().unwrap();
        let commits = store.counter(keys::META_COMMITS).unwrap();
        let path = dir.path().join("db");
        crate::store::rows::publish_v1(&path, store.db.sled().unwrap(), commits);
        drop(store);
        assert!(crate::store::rows::published(&path).unwrap().old_layout);
        let reader = Store::open_read_only(&path).unwrap();
        assert_eq!(reader.stats().unwrap(), want);
        assert_eq!(reader.docs().unwrap().len(), 1);
        assert!(reader.verify().unwrap().is_empty());
        drop(reader);
        drop(reopen(&path, Store::open_existing));
        let p = crate::store::rows::published(&path).unwrap();
        assert!(!p.old_layout && p.at == commits);
        let reader = Store::open_read_only(&path).unwrap();
        assert_eq!(reader.stats().unwrap(), want);
    }
}
