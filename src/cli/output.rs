//! Printing for every command: stdout written and flushed at once (so a
//! closed pipe surfaces as an error `main` can recognise), query results as
//! a table, CSV or JSON (nothing matched: exit 1 via [`NothingMatched`]), notes on stderr, files written with a `wrote` line,
//! and the progress bar of the long commands.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::{table, QueryFormat};

/// Writes `s` to stdout and flushes it.
pub fn print(s: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(s.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// `value` as pretty JSON and a newline.
pub fn print_json<T: serde::Serialize + ?Sized>(value: &T) -> Result<()> {
    print(&(serde_json::to_string_pretty(value)? + "\n"))
}

/// A progress bar on stderr (hidden with `--quiet`, and by indicatif when
/// stderr is not a terminal).
pub fn progress(len: usize, quiet: bool) -> ProgressBar {
    if quiet {
        return ProgressBar::hidden();
    }
    let pb = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::stderr());
    pb.set_style(
        ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}")
            .expect("progress template is valid")
            .progress_chars("=> "),
    );
    pb
}

/// Says on stderr that a query's rows were cut by `--limit`.
pub fn note_cut(shown: usize, total: usize) {
    if shown < total {
        eprintln!(
            "ptkg: note: showing {shown} of {total} rows; --limit N shows more, --limit 0 all"
        );
    }
}

/// Nothing matched a query: `main` prints the message on one line and
/// exits 1 (an error exits 2).
#[derive(Debug)]
pub struct NothingMatched(pub String);

impl std::fmt::Display for NothingMatched {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for NothingMatched {}

/// The error that makes `main` say `message` and exit 1.
pub fn nothing(message: impl Into<String>) -> anyhow::Error {
    anyhow::Error::new(NothingMatched(message.into()))
}

/// Rows ready to print: their cells under a header, and how a table
/// lays them out.
pub struct Rows<'a> {
    pub header: &'a [&'a str],
    pub cells: Vec<Vec<String>>,
    pub layout: table::Layout,
}

/// Prints query rows: JSON from the rows themselves, CSV or a table from
/// their cells. No rows: [`nothing`] with `empty` (exit 1).
pub fn print_rows<T: serde::Serialize>(
    rows: &[T],
    shown: &Rows,
    format: QueryFormat,
    empty: &str,
) -> Result<i32> {
    if rows.is_empty() {
        return Err(nothing(empty));
    }
    match format {
        QueryFormat::Json => print_json(rows)?,
        QueryFormat::Csv => print(&table::csv(shown.header, &shown.cells))?,
        QueryFormat::Table => print(&table::render(shown.header, &shown.cells, &shown.layout))?,
    }
    Ok(0)
}

/// Writes `content` to `output` (creating its folder) and says so on
/// stderr, or prints it when there is no output path.
pub fn write_output(output: Option<&Path>, content: &str) -> Result<()> {
    match output {
        Some(path) => {
            create_parent(path)?;
            std::fs::write(path, content)
                .with_context(|| format!("cannot write {}", path.display()))?;
            eprintln!("wrote {}", path.display());
            Ok(())
        }
        None => print(content),
    }
}

/// Creates the folder `path` goes in, if it names one.
pub fn create_parent(path: &Path) -> Result<()> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    Ok(())
}
