//! `ptkg verify`: checks every invariant of the store through
//! [`ptkg::Store::verify`] (each document's text, book and rows; every
//! run file's checksums; counters, edges and index entries against what
//! the books say) and prints one line per problem.

use anyhow::Result;
use ptkg::Store;

use super::output::print;
use super::Cli;

/// Exit 0 when the store is sound, 1 when it has problems (each printed
/// on stdout, a summary on stderr).
pub fn run(cli: &Cli, quiet: bool) -> Result<i32> {
    let store = Store::open_read_only(&cli.db)?;
    let docs = store.docs()?.len();
    let (runs, bytes) = store.run_files()?;
    let problems = store.verify()?;
    if problems.is_empty() {
        if !quiet {
            print(&format!(
                "store {} is sound: {docs} document(s), {runs} run file(s), {:.1} MB\n",
                cli.db.display(),
                bytes as f64 / 1e6
            ))?;
        }
        return Ok(0);
    }
    let mut out = String::new();
    for p in &problems {
        out.push_str(p);
        out.push('\n');
    }
    print(&out)?;
    eprintln!(
        "ptkg: store {} has {} problem(s); rebuild it: `ptkg add` the documents' files into a new folder (the paths are in `ptkg list speech` of this store), then replace it",
        cli.db.display(),
        problems.len()
    );
    // A damaged store is an error: exit 2, as for every command.
    Ok(2)
}
