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
            let speech = kind == ptkg::model::NodeKind::Speech;
            let cells: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    let mut row = vec![
                        r.name.clone(),
                        r.documents.to_string(),
                        r.mentions.to_string(),
                    ];
                    if speech {
                        row.push(r.paths.join(", "));
                    }
                    row
                })
                .collect();
            let mut header = vec!["name", "documents", "mentions"];
            if speech {
                header.push("paths");
            }
            print(&table::render(&header, &cells))?;
        }
    }
    Ok(0)
}
