//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The shared corpus, when this checkout sits beside it.
pub fn corpus_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: ../shared/corpus is not present");
        None
    }
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

pub fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
}

/// Precision and recall of `found` against `gold` (sets of strings).
pub fn precision_recall(
    found: &std::collections::BTreeSet<String>,
    gold: &std::collections::BTreeSet<String>,
) -> (usize, usize, usize) {
    let hit = found.intersection(gold).count();
    (hit, found.len(), gold.len())
}

/// A gold file under tests/gold/, parsed.
pub fn gold<T: serde::de::DeserializeOwned>(name: &str) -> T {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/gold")
        .join(name);
    toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

/// Runs the `ptkg` binary on the store `db`, with the environment's
/// PTKG_DB and PTKG_RULES removed.
pub fn ptkg(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ptkg"))
        .args(args)
        .arg("--db")
        .arg(db)
        .env_remove("PTKG_DB")
        .env_remove("PTKG_RULES")
        .output()
        .unwrap()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
