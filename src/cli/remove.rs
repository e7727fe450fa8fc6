//! `ptkg remove SPEECH`: removes a stored document (by path, or a folder
//! of them; else by id or title, resolved as `--doc` is) through
//! [`ptkg::ingest::remove`] and names what went. A name that matches
//! nothing exits 1 with the nearest titles and paths; one that fits
//! several speeches is an error listing them.

use anyhow::Result;
use ptkg::{ingest, Store};

use super::names::Names;
use super::output::print;
use super::Cli;

pub fn run(cli: &Cli, speech: &str) -> Result<i32> {
    let store = Store::open_existing(&cli.db)?;
    let before = store.document_count();
    let mut removed = ingest::remove(&store, speech)?;
    if removed.is_empty() {
        // Not a stored path or folder: an id or a title.
        let doc = Names::new(cli, &store).doc(Some(speech))?;
        if let Some(doc) = doc {
            removed = ingest::remove(&store, &doc.path)?;
        }
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
