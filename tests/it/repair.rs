//! `ptkg repair`: sled is an index that can be rebuilt. A store whose sled
//! files are deleted or scribbled over is refused by every command with the
//! verify/repair advice, and `repair` gives back a store whose answers are
//! byte-identical to before; a damaged run file costs exactly the documents
//! whose text and book it held (named, with the `ptkg add` that brings them
//! back) and the rest equals a store built from the remaining documents; a
//! sound store is not changed; a folder that is no store is refused; a kill
//! during repair leaves the old store or the repaired one.

use crate::common::{self, ptkg, stderr, stdout};

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

const LINJIANG_2021: &str = "linjiang_2021_work_report.txt";
const LINJIANG_2022: &str = "linjiang_2022_work_report.txt";
const DONGHU: &str = "donghu_speech.html";

fn example(name: &str) -> String {
    common::example(name).display().to_string()
}

/// `ptkg add` of `files` in one commit.
fn add(db: &Path, files: &[&str]) {
    let paths: Vec<String> = files.iter().map(|f| example(f)).collect();
    let mut args = vec!["add", "--quiet"];
    args.extend(paths.iter().map(String::as_str));
    let o = ptkg(db, &args);
    assert!(o.status.success(), "{}", stderr(&o));
}

/// What the read commands print: stats, the speeches, targets, serves and
/// the JSON export, each whole.
fn answers(db: &Path) -> Vec<(String, String)> {
    let commands: &[&[&str]] = &[
        &["stats", "--format", "json"],
        &["list", "speech", "--format", "json"],
        &["query", "targets", "--limit", "0", "--format", "json"],
        &["query", "serves", "--limit", "0", "--format", "json"],
        &["query", "promises", "--format", "json"],
        &["export", "json"],
    ];
    commands
        .iter()
        .map(|args| {
            let o = ptkg(db, args);
            assert!(o.status.success(), "{args:?}: {}", stderr(&o));
            (args.join(" "), stdout(&o))
        })
        .collect()
}

fn assert_same(got: &[(String, String)], want: &[(String, String)]) {
    for ((cmd, g), (_, w)) in got.iter().zip(want) {
        assert!(g == w, "`{cmd}` differs after repair");
    }
}

/// sled's files in a store's folder.
fn sled_files(db: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(db)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            ["db", "conf", "blobs"].contains(&name.as_str()) || name.starts_with("snap.")
        })
        .collect()
}

fn delete_sled(db: &Path) {
    for p in sled_files(db) {
        if p.is_dir() {
            std::fs::remove_dir_all(p).unwrap();
        } else {
            std::fs::remove_file(p).unwrap();
        }
    }
}

/// Flips a byte in the middle of a file.
fn scribble(file: &Path) {
    let mut bytes = std::fs::read(file).unwrap();
    let at = bytes.len() / 3;
    let end = (at + 64).min(bytes.len());
    for b in &mut bytes[at..end] {
        *b ^= 0x5a;
    }
    std::fs::write(file, bytes).unwrap();
}

fn run_files(db: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(db.join("runs"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Every command that uses the store fails in one line that names it and
/// says to run verify and repair; the writers among them delete nothing.
fn assert_refused_with_advice(db: &Path) {
    let runs = run_files(db);
    let commands: &[&[&str]] = &[
        &["stats"],
        &["list", "speech"],
        &["show", "临江区"],
        &["query", "targets"],
        &["export", "json"],
        &["remove", "临江区2021年政府工作报告"],
        &["compact"],
        &["reindex", "--quiet"],
    ];
    for args in commands {
        let o = ptkg(db, args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(
            err.contains(&format!("store {}", db.display()))
                && err.contains("ptkg verify")
                && err.contains("ptkg repair"),
            "{args:?}: {err}"
        );
    }
    assert_eq!(run_files(db), runs, "no run file was deleted");
    let o = ptkg(db, &["verify"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("ptkg repair"), "{}", stderr(&o));
}

/// Repairs `db`, expecting exit 0 and one line on stdout.
fn repair_sound(db: &Path) -> String {
    let o = ptkg(db, &["repair", "--quiet"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.starts_with("repaired store"), "{out}");
    let v = ptkg(db, &["verify"]);
    assert_eq!(v.status.code(), Some(0), "{}", stdout(&v));
    out
}

#[test]
fn deleted_sled_files_are_rebuilt_and_every_answer_is_the_same() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    add(&db, &[LINJIANG_2021, LINJIANG_2022, DONGHU]);
    let before = answers(&db);
    delete_sled(&db);
    assert_refused_with_advice(&db);
    let out = repair_sound(&db);
    assert!(out.contains("3 document(s) kept, 0 lost"), "{out}");
    assert_same(&answers(&db), &before);
    // A writer works on the repaired store.
    add(&db, &["baisha_town_report_gbk.txt"]);
    assert_eq!(ptkg(&db, &["verify"]).status.code(), Some(0));
}

#[test]
fn a_scribbled_sled_is_moved_aside_and_rebuilt() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    add(&db, &[LINJIANG_2021, LINJIANG_2022, DONGHU]);
    let before = answers(&db);
    let old_db = std::fs::read(db.join("db")).unwrap();
    scribble(&db.join("db"));
    let o = ptkg(&db, &["compact"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("ptkg repair"), "{}", stderr(&o));
    repair_sound(&db);
    assert_same(&answers(&db), &before);
    // The damaged files are kept, never deleted.
    let aside: Vec<PathBuf> = std::fs::read_dir(&db)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("sled.damaged-")
        })
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
    let kept = std::fs::read(aside[0].join("db")).unwrap();
    assert_ne!(kept, old_db, "the scribbled file is what was kept");
    assert!(!db.join("repair.tmp").exists());
}

#[test]
fn a_damaged_run_file_costs_exactly_its_documents() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    // Two commits: runs 1 (texts, books) and 2 (index), then 3 and 4.
    add(&db, &[LINJIANG_2021, LINJIANG_2022]);
    add(&db, &[DONGHU]);
    let reference = tmp.path().join("reference");
    add(&reference, &[LINJIANG_2021, LINJIANG_2022]);
    scribble(&db.join("runs/run-00000003.ptkg"));
    let o = ptkg(&db, &["repair", "--quiet"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    let lost: Vec<&str> = out.lines().filter(|l| l.starts_with("lost ")).collect();
    assert_eq!(lost.len(), 1, "{out}");
    assert!(
        lost[0].contains(&example(DONGHU))
            && lost[0].contains("在东湖新区2021年高质量发展动员大会上的讲话")
            && lost[0].contains("runs/run-00000003.ptkg"),
        "{out}"
    );
    assert!(out.contains("2 document(s) kept, 1 lost"), "{out}");
    let err = stderr(&o);
    assert!(
        err.contains(&format!("`ptkg add {}` brings them back", example(DONGHU))),
        "{err}"
    );
    assert_eq!(ptkg(&db, &["verify"]).status.code(), Some(0));
    assert_same(&answers(&db), &answers(&reference));
    // `add` brings it back.
    add(&db, &[DONGHU]);
    let full = tmp.path().join("full");
    add(&full, &[LINJIANG_2021, LINJIANG_2022]);
    add(&full, &[DONGHU]);
    assert_same(&answers(&db), &answers(&full));
}

#[test]
fn a_damaged_index_run_loses_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    add(&db, &[LINJIANG_2021, LINJIANG_2022, DONGHU]);
    let before = answers(&db);
    scribble(&db.join("runs/run-00000002.ptkg"));
    let o = ptkg(&db, &["repair", "--quiet"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("rebuilt from the documents' books"),
        "{}",
        stderr(&o)
    );
    assert_eq!(ptkg(&db, &["verify"]).status.code(), Some(0));
    assert_same(&answers(&db), &before);
}

#[test]
fn repair_of_a_sound_store_changes_no_answer() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    add(&db, &[LINJIANG_2021, LINJIANG_2022, DONGHU]);
    let o = ptkg(&db, &["remove", &example(LINJIANG_2022)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let before = answers(&db);
    repair_sound(&db);
    assert_same(&answers(&db), &before);
    repair_sound(&db);
    assert_same(&answers(&db), &before);
}

#[test]
fn repair_refuses_what_is_no_store_and_a_store_being_written() {
    let tmp = tempfile::tempdir().unwrap();
    let other = tmp.path().join("other");
    std::fs::create_dir(&other).unwrap();
    std::fs::write(other.join("notes.txt"), "mine").unwrap();
    let o = ptkg(&other, &["repair"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("not a ptkg store (no ptkg format marker"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read_dir(&other).unwrap().count(), 1);
    let missing = tmp.path().join("missing");
    assert_eq!(ptkg(&missing, &["repair"]).status.code(), Some(2));
    assert!(!missing.exists());
    // A writer holds the store: repair waits for no one, it refuses.
    let db = tmp.path().join("db");
    add(&db, &[LINJIANG_2021]);
    let writer = ptkg::Store::open(&db).unwrap();
    let o = ptkg(&db, &["repair"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("is locked"), "{}", stderr(&o));
    drop(writer);
}

/// The snapshot compared with sled: a stale one is one problem line.
#[test]
fn verify_finds_a_snapshot_older_than_the_database() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    add(&db, &[LINJIANG_2021]);
    let old = std::fs::read(db.join("snapshot.ptkg")).unwrap();
    add(&db, &[LINJIANG_2022]);
    std::fs::write(db.join("snapshot.ptkg"), old).unwrap();
    let o = ptkg(&db, &["verify"]);
    assert_eq!(o.status.code(), Some(2));
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.contains("snapshot.ptkg is stale"), "{out}");
    repair_sound(&db);
}

/// Writes `n` distinct speeches built from an example.
fn make_corpus(dir: &Path, n: usize) {
    let base = std::fs::read_to_string(common::example(LINJIANG_2021)).unwrap();
    for i in 0..n {
        let text =
            format!("在第{i}次全区工作会议上的讲话\n区委决定启动桃源{i}号生态修复工程。\n{base}");
        std::fs::write(dir.join(format!("speech_{i:03}.txt")), text).unwrap();
    }
}

/// A repair killed at pseudo-random points leaves the old store (which
/// still reads as before, or is still refused with the advice when its
/// database was gone; its snapshot may be stale, as after a lost
/// publication) or the repaired one; a repair run after the kill
/// always finishes it, with the answers of before.
#[test]
fn a_killed_repair_leaves_the_old_store_or_the_repaired_one() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    make_corpus(&corpus, 40);
    let db = tmp.path().join("db");
    let o = ptkg(&db, &["add", "--quiet", corpus.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let before = answers(&db);
    let started = Instant::now();
    repair_sound(&db);
    let full = started.elapsed();
    let mut seed: u64 = 0x2545f4914f6cdd1d;
    for round in 0..8 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let sled_gone = round % 2 == 1;
        if sled_gone {
            delete_sled(&db);
        }
        let delay = Duration::from_micros(seed % (full.as_micros() as u64).max(1000));
        let mut child = common::spawn_ptkg(&db, &["repair", "--quiet"], Stdio::null());
        std::thread::sleep(delay);
        let _ = child.kill();
        let _ = child.wait();
        let o = ptkg(&db, &["stats", "--format", "json"]);
        if o.status.success() {
            assert_eq!(
                stdout(&o),
                before[0].1,
                "round {round}: a reader after the kill"
            );
            // Killed between its row swap and its publication, the repair
            // leaves the state of a lost publication: readers see the old
            // store, and `verify` names the stale snapshot (the next writer
            // publishes it). Any other problem is damage.
            let v = ptkg(&db, &["verify"]);
            let out = stdout(&v);
            let stale = out.lines().count() == 1 && out.contains("snapshot.ptkg is stale");
            assert!(
                v.status.code() == Some(0) || (v.status.code() == Some(2) && stale),
                "round {round}: {out}"
            );
        } else {
            assert!(sled_gone, "round {round}: {}", stderr(&o));
            assert!(stderr(&o).contains("ptkg repair"), "{}", stderr(&o));
        }
        eprintln!(
            "round {round}: killed after {delay:?}; readable: {}",
            o.status.success()
        );
        repair_sound(&db);
        assert_same(&answers(&db), &before);
    }
}
