//! What a crash leaves now that a commit syncs less (BENCHMARKS.md, "add:
//! fsyncs per document"): the run files of one commit share one folder
//! sync, and a commit's own publication of the snapshot does not sync the
//! folder. Each test builds by hand the files such a crash can leave and
//! checks that readers see the old state whole and the next writer goes on
//! from it. (A real kill at random points is `crash.rs`.)

use std::path::{Path, PathBuf};

use crate::common::{example, ptkg, stderr, stdout};

const LINJIANG_2021: &str = "linjiang_2021_work_report.txt";
const LINJIANG_2022: &str = "linjiang_2022_work_report.txt";

fn add(db: &Path, file: &str) {
    let o = ptkg(db, &["add", "--quiet", example(file).to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
}

fn stats(db: &Path) -> String {
    let o = ptkg(db, &["stats", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    stdout(&o)
}

fn assert_sound(db: &Path) {
    let o = ptkg(db, &["verify"]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
}

/// The run files in `runs/`, by name.
fn run_files(db: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(db.join("runs"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    files
}

/// A commit cut after its run files were written and renamed (but before
/// the folder sync and the sled batch that names them), beside a run and a
/// snapshot cut while being written: readers see the old store, nothing
/// names the new files, and the next writer deletes them and goes on.
#[test]
fn a_commit_cut_before_its_batch_leaves_the_old_store() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    add(&db, LINJIANG_2021);
    let before = stats(&db);
    let last = run_files(&db).last().unwrap().clone();
    let id: u64 = last
        .file_name()
        .unwrap()
        .to_string_lossy()
        .trim_start_matches("run-")
        .trim_end_matches(".ptkg")
        .parse()
        .unwrap();
    // Whole run files no batch named, as a cut commit or merge leaves them
    // (under ids past the ones the next commit takes, so that their
    // deletion shows).
    let unnamed: Vec<PathBuf> = (10..=11)
        .map(|i| db.join(format!("runs/run-{:08}.ptkg", id + i)))
        .collect();
    for f in &unnamed {
        std::fs::copy(&last, f).unwrap();
    }
    let cut_run = db.join(format!("runs/run-{:08}.tmp", id + 12));
    std::fs::write(&cut_run, b"PTKG half a block").unwrap();
    let cut_snapshot = db.join("snapshot.ptkg.tmp");
    std::fs::write(&cut_snapshot, b"PTKGSNP1 cut").unwrap();

    assert_eq!(stats(&db), before, "a reader sees the old store");
    assert_sound(&db);

    add(&db, LINJIANG_2022);
    // The writer deleted what no batch named: every file left in runs/ is
    // a run the store names.
    for f in unnamed.iter().chain([&cut_run]) {
        assert!(!f.exists(), "{} left behind", f.display());
    }
    let (named_now, _) = ptkg::Store::open_read_only(&db)
        .unwrap()
        .run_files()
        .unwrap();
    let left = run_files(&db);
    assert_eq!(left.len(), named_now, "unnamed run files left: {left:?}");
    assert!(
        !cut_snapshot.exists(),
        "the next publication writes over the cut one"
    );
    let after = stats(&db);
    assert!(after.contains("\"documents\": 2"), "{after}");
    assert_sound(&db);
}

/// A crash that loses the rename of a commit's publication (its folder is
/// not synced) leaves the previous snapshot: readers see the store as it
/// was, every run file that snapshot names is still there, and the next
/// writer publishes the committed state again.
#[test]
fn a_lost_publication_leaves_readers_the_previous_snapshot() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    add(&db, LINJIANG_2021);
    let one = stats(&db);
    let old = std::fs::read(db.join("snapshot.ptkg")).unwrap();
    add(&db, LINJIANG_2022);
    let two = stats(&db);
    std::fs::write(db.join("snapshot.ptkg"), old).unwrap();

    assert_eq!(stats(&db), one, "readers see the previous snapshot");
    let o = ptkg(&db, &["list", "speech"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stdout(&o).contains(LINJIANG_2022), "{}", stdout(&o));

    // Any writer, even one that changes nothing, publishes again.
    add(&db, LINJIANG_2022);
    assert_eq!(stats(&db), two);
    assert_sound(&db);
}
