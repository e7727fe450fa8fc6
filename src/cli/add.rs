//! `ptkg add PATH...`: reads files and folders into the store through
//! [`ptkg::ingest::add_files`], naming each file it skips on stderr, and
//! prints one summary line. Exit code 2 when some files could not be read.

use std::path::PathBuf;

use anyhow::{bail, Result};
use ptkg::ingest::{self, Outcome};
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
    let files = ptkg::document::collect_paths(paths)?;
    if files.is_empty() {
        bail!(
            "no .txt, .md, .html or .htm files under {}",
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
        summary.failed.len(),
        cli.db.display(),
        store.document_count()
    ))?;
    Ok(if summary.failed.is_empty() { 0 } else { 2 })
}

fn display_list(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}
