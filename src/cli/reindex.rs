//! `ptkg reindex`: re-extracts every stored document from its stored text
//! with the current rules ([`ptkg::ingest::reindex`]) and prints the new
//! node and edge counts.

use anyhow::Result;
use ptkg::{ingest, Pipeline, Store};

use super::output::{print, progress};
use super::{rules, Cli};

pub fn run(cli: &Cli, quiet: bool) -> Result<i32> {
    let rules = rules::load_checked(cli)?;
    let store = Store::open_existing(&cli.db)?;
    let n = store.docs()?.len();
    let pipeline = Pipeline::new(rules);
    let pb = progress(n, quiet);
    let done = ingest::reindex(&store, &pipeline, |path| {
        pb.inc(1);
        pb.set_message(path.to_string());
    })?;
    pb.finish_and_clear();
    let stats = store.stats()?;
    print(&format!(
        "reindexed {done} document(s); store has {} nodes, {} edges\n",
        stats.nodes, stats.edges
    ))?;
    Ok(0)
}
