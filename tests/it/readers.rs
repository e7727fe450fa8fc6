//! Readers never write and never wait for a writer (issue 16, items 1
//! and 2): every read command leaves the store's files exactly as they
//! were (names, sizes, modification times), works on a read-only store,
//! and runs while `ptkg add` writes in another process, seeing the last
//! published state: never "store is locked", never an error, never fewer
//! documents than the read before.

use crate::common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime};

/// Every file under `dir` (recursively) with its size and mtime.
fn files(dir: &Path) -> BTreeMap<PathBuf, (u64, SystemTime)> {
    let mut out = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let m = e.metadata().unwrap();
            if m.is_dir() {
                todo.push(e.path());
            }
            out.insert(e.path(), (m.len(), m.modified().unwrap()));
        }
    }
    out
}

/// The read commands, with an output file for those that write one
/// (outside the store).
fn read_commands(out: &Path) -> Vec<Vec<String>> {
    let o = |name: &str| out.join(name).display().to_string();
    [
        vec!["stats"],
        vec!["stats", "--format", "json"],
        vec!["list", "speech"],
        vec!["list", "goal"],
        vec!["list", "district"],
        vec!["show", "临江区"],
        vec!["query", "targets", "--metric", "地区生产总值"],
        vec!["query", "metric", "地区生产总值"],
        vec!["query", "serves", "--goal", "高质量发展"],
        vec!["query", "goals"],
        vec!["query", "promises"],
        vec!["export", "json", "-o", &o("g.json")],
        vec!["export", "graphml", "-o", &o("g.graphml")],
        vec!["render", "--engine", "builtin", "-o", &o("g.svg")],
        vec!["verify"],
    ]
    .into_iter()
    .map(|c| c.into_iter().map(String::from).collect())
    .collect()
}

fn run(db: &Path, args: &[String]) -> std::process::Output {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    common::ptkg(db, &args)
}

/// A read's exit code is 0, or 1 for "nothing matched".
fn assert_read_ok(args: &[String], o: &std::process::Output) {
    let err = common::stderr(o);
    assert!(
        matches!(o.status.code(), Some(0 | 1)) && !err.contains("locked") && !err.contains("error"),
        "ptkg {}: {:?}\n{err}",
        args.join(" "),
        o.status
    );
}

#[test]
fn read_commands_change_nothing_in_the_store() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    let add = common::ptkg(
        &db,
        &[
            "add",
            "--quiet",
            common::example("linjiang_2021_work_report.txt")
                .to_str()
                .unwrap(),
            common::example("linjiang_2022_work_report.txt")
                .to_str()
                .unwrap(),
        ],
    );
    assert!(add.status.success(), "{}", common::stderr(&add));
    let before = files(&db);
    assert!(
        before.keys().any(|p| p.ends_with("snapshot.ptkg")),
        "add publishes the snapshot readers load: {before:?}"
    );
    // Let a write show in the mtimes even on coarse clocks.
    std::thread::sleep(Duration::from_millis(20));
    for args in read_commands(tmp.path()) {
        let o = run(&db, &args);
        assert_read_ok(&args, &o);
        assert_eq!(
            files(&db),
            before,
            "ptkg {} wrote to the store",
            args.join(" ")
        );
    }
    let stats = common::stdout(&common::ptkg(&db, &["stats", "--format", "json"]));

    // A store whose files and folders cannot be written is read all the
    // same. Root ignores permissions: then the unchanged files above are
    // the proof.
    if is_root() {
        eprintln!("skipped the read-only store check: running as root, which ignores permissions");
        return;
    }
    let chmod = |mode: &str| {
        assert!(Command::new("chmod")
            .args(["-R", mode])
            .arg(&db)
            .status()
            .unwrap()
            .success());
    };
    chmod("a-w");
    let o = common::ptkg(&db, &["stats", "--format", "json"]);
    let q = common::ptkg(&db, &["query", "targets", "--metric", "地区生产总值"]);
    chmod("u+w");
    assert!(o.status.success(), "{}", common::stderr(&o));
    assert_eq!(common::stdout(&o), stats);
    assert!(q.status.success(), "{}", common::stderr(&q));
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// `n` distinct small speeches, each with a district, a project and a
/// figure of its own.
fn make_corpus(dir: &Path, n: usize) {
    for i in 0..n {
        let text = format!(
            "在第{i}次临江区经济工作会议上的讲话\n一、稳住经济基本盘\n今年临江区地区生产总值力争增长{}.{}%左右,一般公共预算收入增长5%。\n二、抓好重点项目\n加快建设第{i}号智慧物流产业园,推动高质量发展。\n",
            5 + i % 4,
            i % 10
        );
        std::fs::write(dir.join(format!("speech_{i:04}.txt")), text).unwrap();
    }
}

fn documents(o: &std::process::Output) -> u64 {
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    v["documents"].as_u64().unwrap()
}

/// Runs reads in a loop while `ptkg add` stores `n` speeches, a commit
/// every few; returns how many reads ran while it wrote.
pub(crate) fn read_during_add(tmp: &Path, n: usize, commit_every: usize) -> usize {
    let corpus = tmp.join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    make_corpus(&corpus, n);
    let db = tmp.join("db");
    // The store exists (with one document) before the readers start.
    let first = common::ptkg(
        &db,
        &[
            "add",
            "--quiet",
            corpus.join("speech_0000.txt").to_str().unwrap(),
        ],
    );
    assert!(first.status.success(), "{}", common::stderr(&first));
    let mut add = common::spawn_ptkg(
        &db,
        &[
            "add",
            "--quiet",
            "--commit-every",
            &commit_every.to_string(),
            corpus.to_str().unwrap(),
        ],
        Stdio::piped(),
    );
    let reads: Vec<Vec<String>> = [
        vec!["list", "speech"],
        vec!["query", "targets", "--metric", "地区生产总值"],
        vec!["show", "临江区"],
    ]
    .into_iter()
    .map(|c| c.into_iter().map(String::from).collect())
    .collect();
    let stats = vec!["stats".to_string(), "--format".into(), "json".into()];
    let (mut last, mut during, mut seen) = (0u64, 0usize, Vec::new());
    while add.try_wait().unwrap().is_none() {
        let o = run(&db, &stats);
        assert_read_ok(&stats, &o);
        let docs = documents(&o);
        assert!(docs >= last, "documents went from {last} to {docs}");
        if docs != last {
            seen.push(docs);
        }
        last = docs;
        // One other read a round, in turn, so rounds stay short.
        let args = &reads[during % reads.len()];
        assert_read_ok(args, &run(&db, args));
        during += 1;
    }
    let out = add.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", common::stderr(&out));
    eprintln!("{during} rounds of reads during the add; document counts seen: {seen:?}");
    // The last read equals a fresh one through the writer's own rows.
    let o = run(&db, &stats);
    assert_read_ok(&stats, &o);
    assert_eq!(documents(&o), n as u64);
    let fresh = ptkg::Store::open(&db).unwrap().stats().unwrap();
    assert_eq!(
        common::stdout(&o),
        format!("{}\n", serde_json::to_string_pretty(&fresh).unwrap())
    );
    during
}

#[test]
fn readers_during_an_add_never_fail() {
    let tmp = tempfile::tempdir().unwrap();
    let n = std::env::var("PTKG_READERS_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(400);
    let rounds = read_during_add(tmp.path(), n, 10);
    assert!(rounds > 0, "no read ran while add wrote");
}

/// Kills `ptkg add` (a commit, and a publication at most every second)
/// at pseudo-random moments: after each kill, before any writer opens the
/// store again, a reader loads a whole snapshot — the last published, never
/// a torn one — whose run files are all there, and which holds no more than
/// the writer committed.
#[test]
fn a_kill_during_publication_leaves_a_whole_snapshot() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    make_corpus(&corpus, 120);
    let db = tmp.path().join("db");
    let corpus_arg = corpus.to_str().unwrap();
    let add = || {
        common::spawn_ptkg(
            &db,
            &["add", "--quiet", "--commit-every", "2", corpus_arg],
            Stdio::null(),
        )
    };
    let started = std::time::Instant::now();
    assert!(add().wait().unwrap().success());
    let full = started.elapsed().as_micros() as u64;
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut partial = 0;
    for round in 0..8 {
        let _ = std::fs::remove_dir_all(&db);
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let delay = Duration::from_micros(seed % full.max(1000));
        let mut child = add();
        std::thread::sleep(delay);
        let _ = child.kill();
        let _ = child.wait();
        if !db.join("snapshot.ptkg").exists() {
            continue;
        }
        let store = ptkg::Store::open_read_only(&db).unwrap();
        let problems = store.verify().unwrap();
        assert!(problems.is_empty(), "round {round}: {problems:?}");
        let docs = store.docs().unwrap().len();
        drop(store);
        let committed = ptkg::Store::open(&db).unwrap().document_count();
        assert!(docs <= committed, "round {round}: {docs} > {committed}");
        partial += usize::from(docs > 0 && docs < 120);
        eprintln!("round {round}: killed after {delay:?}, a reader sees {docs} of {committed} committed documents");
    }
    eprintln!("{partial} kills left a partial store");
}

/// A damaged snapshot is refused in one line that names the store and
/// what to do; a writer (`ptkg compact`, as `ptkg repair` does) publishes
/// it again from the store's database. The snapshot is in blocks, one per
/// row family, each checksummed and loaded when a command first reads it:
/// damage in the block table refuses every command; damage in the block
/// of the document records leaves `stats` answering (it reads the meta
/// block, whole and checksummed, so its answer is the store as published)
/// while `list speech`, which reads the records, and `verify` report it.
#[test]
fn a_damaged_snapshot_is_refused_and_compact_publishes_it_again() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    let linjiang = common::example("linjiang_2021_work_report.txt");
    let add = common::ptkg(&db, &["add", "--quiet", linjiang.to_str().unwrap()]);
    assert!(add.status.success(), "{}", common::stderr(&add));
    let stats = common::stdout(&common::ptkg(&db, &["stats", "--format", "json"]));
    let snapshot = db.join("snapshot.ptkg");
    let good = std::fs::read(&snapshot).unwrap();
    let refused = |args: &[&str]| {
        let o = common::ptkg(&db, args);
        let err = common::stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.contains(&db.display().to_string())
                && err.contains("snapshot.ptkg is damaged")
                && err.contains("ptkg verify")
                && err.contains("ptkg repair"),
            "{err}"
        );
    };
    // The header (store format, block count, commits) and the table.
    let mut bytes = good.clone();
    bytes[20] ^= 0x40;
    std::fs::write(&snapshot, &bytes).unwrap();
    refused(&["stats"]);
    // The document records' block: the table's first entry whose family
    // byte is `D` (entries of 48 bytes after a 24-byte header).
    let blocks = u32::from_le_bytes(good[12..16].try_into().unwrap()) as usize;
    let entry = (0..blocks)
        .map(|i| 24 + 48 * i)
        .find(|e| good[*e] == b'D')
        .expect("a block of document records");
    let offset = u64::from_le_bytes(good[entry + 24..entry + 32].try_into().unwrap()) as usize;
    let mut bytes = good.clone();
    bytes[offset + 1] ^= 0x40;
    std::fs::write(&snapshot, &bytes).unwrap();
    let o = common::ptkg(&db, &["stats", "--format", "json"]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    assert_eq!(common::stdout(&o), stats);
    refused(&["list", "speech"]);
    let o = common::ptkg(&db, &["verify"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        common::stdout(&o).contains("snapshot.ptkg is damaged"),
        "{}",
        common::stdout(&o)
    );
    let o = common::ptkg(&db, &["compact"]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    let o = common::ptkg(&db, &["stats", "--format", "json"]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    assert_eq!(common::stdout(&o), stats);
}
