//! `ptkg add PATH...`: reads files and folders into the store through
//! [`ptkg::ingest::add_files`], naming each file it skips on stderr, and
//! prints one summary line. Exit code 2 when some files could not be read.
//! With `--from-jsonl` it loads extract records instead
//! ([`ptkg::ingest::import::import_jsonl`]), naming what it left out.

use std::io::BufRead;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use ptkg::ingest::import::{import_jsonl, ImportSummary};
use ptkg::ingest::{self, AddSummary, Outcome};
use ptkg::{Pipeline, Store};

use super::output::{print, progress};
use super::{rules, Cli};

pub fn run(cli: &Cli, paths: &[PathBuf], quiet: bool, commit_every: Option<usize>) -> Result<i32> {
    // An existing store opens on its own thread while the rules compile:
    // both take a good part of adding one document. A new store is made
    // only once the rules and paths are known to be good.
    let opening = cli.db.exists().then(|| {
        let db = cli.db.clone();
        std::thread::spawn(move || Store::open(&db))
    });
    let rules = rules::load_checked(cli)?;
    let files = super::extract::collect_paths(paths)?;
    if files.is_empty() {
        bail!(
            "no {} files under {}",
            ptkg::document::read::EXTENSIONS_SHOWN,
            display_list(paths)
        );
    }
    let store = match opening {
        Some(thread) => thread.join().expect("the store opens without panicking")?,
        None => Store::open(&cli.db)?,
    };
    let pipeline = Pipeline::new(rules);
    let pb = progress(files.len(), quiet);
    let summary = ingest::add_files(&store, &pipeline, &files, commit_every, |path, outcome| {
        pb.inc(1);
        pb.set_message(path.to_string());
        if let Outcome::Failed(msg) = outcome {
            pb.suspend(|| eprintln!("ptkg: warning: skipped {msg}"));
        }
    })?;
    pb.finish_and_clear();
    notes(&summary);
    print_summary(cli, &store, &summary, summary.failed.len())?;
    Ok(if summary.failed.is_empty() { 0 } else { 2 })
}

/// `ptkg add --from-jsonl FILE|-`.
pub fn import(cli: &Cli, jsonl: &Path, quiet: bool, commit_every: Option<usize>) -> Result<i32> {
    let rules = rules::load_checked(cli)?;
    let (name, input): (String, Box<dyn BufRead>) = if jsonl == Path::new("-") {
        ("standard input".into(), Box::new(std::io::stdin().lock()))
    } else {
        let file = std::fs::File::open(jsonl)
            .with_context(|| format!("{}: cannot read the records", jsonl.display()))?;
        (
            jsonl.display().to_string(),
            Box::new(std::io::BufReader::with_capacity(1 << 20, file)),
        )
    };
    let store = Store::open(&cli.db)?;
    let pb = if quiet {
        indicatif::ProgressBar::hidden()
    } else {
        indicatif::ProgressBar::new_spinner()
    };
    let summary = import_jsonl(
        &store,
        &rules.hash,
        &name,
        input,
        commit_every,
        |path, _| {
            pb.inc(1);
            pb.set_message(path.to_string());
        },
    )?;
    pb.finish_and_clear();
    import_notes(&name, &summary);
    notes(&summary.add);
    let refused = summary.broken.len() + summary.error_records.len() + summary.other_rules;
    print_summary(cli, &store, &summary.add, refused)?;
    if !summary.loaded_any() {
        bail!("{name}: no record loaded; see the warnings above");
    }
    Ok(if refused == 0 { 0 } else { 2 })
}

/// What an import left out, on stderr.
fn import_notes(name: &str, summary: &ImportSummary) {
    for line in &summary.broken {
        eprintln!("ptkg: warning: {name} {line}");
    }
    for record in &summary.error_records {
        eprintln!("ptkg: warning: skipped the error record of {record}");
    }
    if let Some(hash) = &summary.other_rules_hash {
        let n = summary.other_rules;
        let records = if n == 1 { "record" } else { "records" };
        eprintln!(
            "ptkg: warning: {name}: left out {n} {records} made with other rules (rules_hash {hash}) than the store's; rerun `ptkg extract` with the store's rules, or import into a new store and `ptkg reindex` it"
        );
    }
}

/// The notes `add` and its import share.
fn notes(summary: &AddSummary) {
    for w in &summary.warnings {
        eprintln!("ptkg: warning: {w}");
    }
    if summary.undated > 0 {
        let n = summary.undated;
        let documents = if n == 1 { "document" } else { "documents" };
        eprintln!(
            "ptkg: note: {n} {documents} without a date: their 今年/去年 figures have no year (ptkg reads a dateline, a year in the title, a publication line or a year in the file name)"
        );
    }
    if summary.rules_changed {
        eprintln!(
            "ptkg: note: the rules changed since this store was built; unchanged documents keep their old facts until you run `ptkg reindex`"
        );
    }
}

/// The one summary line.
fn print_summary(cli: &Cli, store: &Store, summary: &AddSummary, failed: usize) -> Result<()> {
    // Counting documents is cheap; counting nodes and edges scans the whole
    // store, which `ptkg stats` does on request.
    let same_text = if summary.same_text > 0 {
        format!(
            ", {} already stored under another path (recorded as another path of that document)",
            summary.same_text
        )
    } else {
        String::new()
    };
    print(&format!(
        "added {}, replaced {}, unchanged {}, failed {}{same_text}; store {} has {} documents\n",
        summary.added,
        summary.replaced,
        summary.unchanged,
        failed,
        cli.db.display(),
        store.document_count()
    ))
}

fn display_list(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}
