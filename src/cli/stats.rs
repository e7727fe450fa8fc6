//! `ptkg stats`: the store's counts ([`ptkg::Store::stats`]) as a table or
//! JSON.

use anyhow::Result;
use ptkg::Store;

use super::output::{print, print_json};
use super::{table, Cli, Format};

pub fn run(cli: &Cli, format: Format) -> Result<i32> {
    let store = Store::open_read_only(&cli.db)?;
    let s = store.stats()?;
    match format {
        Format::Json => print_json(&s)?,
        Format::Table => {
            let mut rows = vec![
                vec!["documents".to_string(), s.documents.to_string()],
                vec!["nodes".to_string(), s.nodes.to_string()],
                vec!["edges".to_string(), s.edges.to_string()],
                vec!["provenance rows".to_string(), s.provenance.to_string()],
            ];
            for (k, n) in &s.nodes_by_kind {
                rows.push(vec![format!("  {k}"), n.to_string()]);
            }
            for (k, n) in &s.edges_by_relation {
                rows.push(vec![format!("  {k} edges"), n.to_string()]);
            }
            print(&table::render(
                &["what", "count"],
                &rows,
                &table::Layout::terminal(false),
            ))?;
        }
    }
    Ok(0)
}
