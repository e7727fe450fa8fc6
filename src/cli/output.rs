//! Printing for every command: stdout written and flushed at once (so a
//! closed pipe surfaces as an error `main` can recognise), query results as
//! a table, CSV or JSON, notes on stderr, files written with a `wrote` line,
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

/// A sentence cut to 40 characters for a table (CSV keeps it whole).
pub fn shorten(s: &str, format: QueryFormat) -> String {
    if format == QueryFormat::Csv || s.chars().count() <= 40 {
        s.to_string()
    } else {
        s.chars().take(40).collect::<String>() + "…"
    }
}

/// Prints query rows: JSON from the rows themselves, CSV or a table from
/// their cells.
pub fn print_rows<T: serde::Serialize>(
    rows: &[T],
    header: &[&str],
    cells: &[Vec<String>],
    format: QueryFormat,
) -> Result<i32> {
    match format {
        QueryFormat::Json => print_json(rows)?,
        QueryFormat::Csv => print(&table::csv(header, cells))?,
        QueryFormat::Table => print(&table::render(header, cells))?,
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
