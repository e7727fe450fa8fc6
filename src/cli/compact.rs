//! `ptkg compact`: merges the store's run files into one through
//! [`ptkg::Store::compact`] and prints their number and size before and after.

use anyhow::Result;
use ptkg::Store;

use super::output::print;
use super::Cli;

pub fn run(cli: &Cli) -> Result<i32> {
    let store = Store::open_existing(&cli.db)?;
    let before = store.run_files()?;
    store.compact()?;
    let after = store.run_files()?;
    print(&format!(
        "compacted {}: {} run file(s), {:.1} MB → {} run file(s), {:.1} MB\n",
        cli.db.display(),
        before.0,
        before.1 as f64 / 1e6,
        after.0,
        after.1 as f64 / 1e6
    ))?;
    Ok(0)
}
