//! `ptkg verify`: checks every invariant of the store through
//! [`ptkg::Store::verify`] (each document's text, book and rows; every
//! run file's checksums; counters, edges and index entries against what
//! the books say) and [`ptkg::Store::verify_snapshot`] (the published
//! snapshot against the database), and prints one line per problem. A
//! store too damaged to open (its database missing, its snapshot failing
//! its checksum) is one problem line too.

use anyhow::Result;
use ptkg::Store;

use super::output::print;
use super::Cli;

/// Exit 0 when the store is sound, 2 when it has problems (each printed
/// on stdout, what to do on stderr).
pub fn run(cli: &Cli, quiet: bool) -> Result<i32> {
    // A damaged snapshot block is found by `verify` itself (a reader
    // loads blocks as it reads them): one problem line, as at opening.
    let opened = Store::open_read_only(&cli.db).and_then(|store| {
        let problems = store.verify()?;
        Ok((store, problems))
    });
    let problems = match opened {
        Ok((store, mut problems)) => {
            if let Some(more) = store.verify_snapshot()? {
                problems.extend(more);
            } else if store.is_read_only() {
                eprintln!("ptkg: note: a writer is running: its snapshot was not compared with its database");
            }
            if problems.is_empty() {
                if !quiet {
                    let docs = store.docs()?.len();
                    let (runs, bytes) = store.run_files()?;
                    print(&format!(
                        "store {} is sound: {docs} document(s), {runs} run file(s), {:.1} MB\n",
                        cli.db.display(),
                        bytes as f64 / 1e6
                    ))?;
                }
                return Ok(0);
            }
            problems
        }
        Err(e) => match e.damage() {
            Some(what) => vec![what.to_string()],
            None => return Err(e.into()),
        },
    };
    let mut out = String::new();
    for p in &problems {
        out.push_str(p);
        out.push('\n');
    }
    print(&out)?;
    eprintln!(
        "ptkg: store {} has {} problem(s); run `ptkg repair --db {}` to rebuild its database from its run files",
        cli.db.display(),
        problems.len(),
        cli.db.display()
    );
    // A damaged store is an error: exit 2, as for every command.
    Ok(2)
}
