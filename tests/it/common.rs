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
    ptkg_command(db, args).output().unwrap()
}

/// The `ptkg` command on the store `db`, PTKG_DB and PTKG_RULES removed.
fn ptkg_command(db: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ptkg"));
    command
        .args(args)
        .arg("--db")
        .arg(db)
        .env_remove("PTKG_DB")
        .env_remove("PTKG_RULES");
    command
}

/// Starts the `ptkg` binary on the store `db` as [`ptkg`] runs it, without
/// waiting (a writer that readers or a kill meet half-way); its standard
/// output is dropped, its standard error goes to `stderr`.
pub fn spawn_ptkg(db: &Path, args: &[&str], stderr: std::process::Stdio) -> std::process::Child {
    ptkg_command(db, args)
        .stdout(std::process::Stdio::null())
        .stderr(stderr)
        .spawn()
        .unwrap()
}

/// Runs the `ptkg` binary on the store `db` as [`ptkg`] does, with
/// `input` on its standard input (written from another thread, so a large
/// input cannot block on a full output pipe).
pub fn ptkg_with_stdin(db: &Path, args: &[&str], input: Vec<u8>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ptkg"))
        .args(args)
        .arg("--db")
        .arg(db)
        .env_remove("PTKG_DB")
        .env_remove("PTKG_RULES")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut pipe = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || std::io::Write::write_all(&mut pipe, &input));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    out
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Text as the gold scorers compare it: normalised (full-width folded,
/// traditional to simplified) and without white space (PDF spaces).
pub fn flat(s: &str) -> String {
    ptkg::document::NormText::new(s)
        .text
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// A gold figure's context split at the figure: the part up to the
/// figure's end and the part from its start. A predicted figure's sentence
/// must hold one of them.
pub fn context_halves(context: &str, value_text: &str) -> (String, String) {
    let (context, figure) = (flat(context), flat(value_text));
    match context.find(&figure) {
        Some(k) => (
            context[..k + figure.len()].to_string(),
            context[k..].to_string(),
        ),
        None => (context.clone(), context),
    }
}

/// The node name ptkg gives `name` of `kind` (上海 → 上海市, 国家开发银行 →
/// 国开行): gold names are written as the text has them, so both sides are
/// compared after the rule set's aliases.
pub fn canonical(pipeline: &ptkg::Pipeline, kind: &str, name: &str) -> String {
    pipeline
        .rules
        .rules
        .iter()
        .filter(|r| r.kind.as_str() == kind)
        .find_map(|r| r.alias_of(name))
        .unwrap_or_else(|| name.to_string())
}
