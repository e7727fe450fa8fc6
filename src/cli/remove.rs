//! `ptkg remove PATH`: removes a stored document (or a folder of them)
//! through [`ptkg::ingest::remove`] and names what went; a path that matches
//! nothing is an error.

use anyhow::{bail, Result};
use ptkg::{ingest, Store};

use super::output::print;
use super::Cli;

pub fn run(cli: &Cli, path: &str) -> Result<i32> {
    let store = Store::open_existing(&cli.db)?;
    let before = store.document_count();
    let removed = ingest::remove(&store, path)?;
    if removed.is_empty() {
        bail!(
            "{path}: no such document in {}; `ptkg list speech` shows the stored paths",
            cli.db.display()
        );
    }
    let gone = before.saturating_sub(store.document_count());
    if gone == removed.len() {
        print(&format!(
            "removed {} document(s): {}\n",
            removed.len(),
            removed.join(", ")
        ))?;
    } else {
        // A path of a document stored under several: the text stays.
        print(&format!(
            "removed {} path(s): {}; {gone} document(s) left the store, the others stay under their other paths\n",
            removed.len(),
            removed.join(", ")
        ))?;
    }
    Ok(0)
}
