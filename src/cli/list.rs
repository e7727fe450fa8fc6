//! `ptkg list KIND`: the nodes of one kind, most mentioned first
//! ([`ptkg::query::list`]), as a table or JSON.

use anyhow::Result;
use ptkg::Store;

use super::output::{print, print_json};
use super::selection::parse_kind;
use super::{table, Cli, Format};

pub fn run(cli: &Cli, kind: &str, format: Format) -> Result<i32> {
    let kind = parse_kind(kind)?;
    let store = Store::open_existing(&cli.db)?;
    let rows = ptkg::query::list(&store, kind)?;
    match format {
        Format::Json => print_json(&rows)?,
        Format::Table => {
            let cells: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    vec![
                        r.name.clone(),
                        r.documents.to_string(),
                        r.mentions.to_string(),
                    ]
                })
                .collect();
            print(&table::render(&["name", "documents", "mentions"], &cells))?;
        }
    }
    Ok(0)
}
