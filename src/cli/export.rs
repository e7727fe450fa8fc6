//! `ptkg export dot|graphml|json|csv`: the selected graph written by
//! [`ptkg::graph::dot`] or [`ptkg::graph::export`] to a file (a folder for
//! Neo4j CSV) or to stdout.

use anyhow::{bail, Context, Result};

use super::output::write_output;
use super::selection::selected_graph;
use super::{Cli, ExportCommand};

pub fn run(cli: &Cli, cmd: &ExportCommand) -> Result<i32> {
    let args = match cmd {
        ExportCommand::Dot(a)
        | ExportCommand::Graphml(a)
        | ExportCommand::Json(a)
        | ExportCommand::Csv(a) => a,
    };
    let store = ptkg::Store::open_read_only(&cli.db)?;
    let selected = selected_graph(cli, &store, &args.selection, None)?;
    let g = &selected.graph;
    // Edges' evidence sentences are read as they are written.
    let mut reader = ptkg::query::EvidenceReader::new(&store);
    let output = args.output.as_deref();
    match cmd {
        ExportCommand::Dot(_) => write_output(output, &ptkg::graph::dot::to_dot(g))?,
        ExportCommand::Graphml(_) => {
            write_output(output, &ptkg::graph::export::to_graphml(g, &mut reader)?)?
        }
        ExportCommand::Json(_) => write_output(
            output,
            &(serde_json::to_string_pretty(&ptkg::graph::export::to_json(g, &mut reader)?)? + "\n"),
        )?,
        ExportCommand::Csv(_) => {
            let Some(dir) = output else {
                bail!("csv export writes a folder of files; pass -o FOLDER");
            };
            let holds_files = std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_some());
            if holds_files && !args.force {
                bail!(
                    "{} is not empty; pass an empty or new folder, or --force to replace nodes.csv and relationships.csv in it",
                    dir.display()
                );
            }
            ptkg::graph::export::to_neo4j_csv(g, dir, &mut reader)
                .with_context(|| format!("cannot write {}", dir.display()))?;
            eprintln!("wrote {}/nodes.csv and relationships.csv", dir.display());
        }
    }
    Ok(0)
}
