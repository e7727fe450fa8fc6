//! `ptkg extract FILE...`: runs the pipeline on files without a store and
//! prints one JSON object per document, one per line (the shape README
//! documents). Unreadable files are named on stderr; exit code 2 then.

use std::path::PathBuf;

use anyhow::Result;
use ptkg::Pipeline;

use super::output::print;
use super::{rules, Cli};

pub fn run(cli: &Cli, files: &[PathBuf]) -> Result<i32> {
    let pipeline = Pipeline::new(rules::load_checked(cli)?);
    let files = ptkg::document::collect_paths(files)?;
    let mut failed = 0;
    for file in &files {
        match pipeline.extract_file(file) {
            Ok((_, _, ex)) => {
                for w in &ex.warnings {
                    eprintln!("ptkg: warning: {}: {w}", ex.document.path);
                }
                print(&(serde_json::to_string(&ex)? + "\n"))?;
            }
            Err(e) => {
                eprintln!("ptkg: warning: skipped {e}");
                failed += 1;
            }
        }
    }
    Ok(if failed == 0 { 0 } else { 2 })
}
