//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

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
