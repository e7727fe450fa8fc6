//! `ptkg list KIND`: the nodes of one kind, most mentioned first
//! ([`ptkg::query::list`]), as a table fitted to the terminal, JSON or
//! CSV; speeches one a row with their id, title, date, jurisdiction and
//! paths; anonymised names (XX区) with the title of their speech.

use anyhow::Result;
use ptkg::model::NodeKind;
use ptkg::Store;

use super::output::{print_rows, Rows};
use super::selection::parse_kind;
use super::table::Layout;
use super::{Cli, RowsArgs};

pub fn run(cli: &Cli, kind: &str, args: &RowsArgs) -> Result<i32> {
    let kind = parse_kind(kind)?;
    let store = Store::open_read_only(&cli.db)?;
    let rows = ptkg::query::list(&store, kind)?;
    let empty = format!("no {} in the store", kind.as_str());
    if kind == NodeKind::Speech {
        let header = ["id", "title", "date", "jurisdiction", "paths"];
        let cells = rows
            .iter()
            .map(|r| {
                vec![
                    r.id.clone().unwrap_or_default(),
                    r.name.clone(),
                    r.date.clone().unwrap_or_default(),
                    r.jurisdiction.clone().unwrap_or_default(),
                    r.paths.join(", "),
                ]
            })
            .collect();
        let shown = Rows {
            header: &header,
            cells,
            layout: Layout::terminal(args.wide).keeping_end(4),
        };
        return print_rows(&rows, &shown, args.format, &empty);
    }
    let header = ["name", "documents", "mentions"];
    let cells = rows
        .iter()
        .map(|r| vec![r.shown(), r.documents.to_string(), r.mentions.to_string()])
        .collect();
    let shown = Rows {
        header: &header,
        cells,
        layout: Layout::terminal(args.wide),
    };
    print_rows(&rows, &shown, args.format, &empty)
}
