//! `ptkg render -o FILE`: checks the format and the store's size, selects
//! the graph, asks [`ptkg::graph::render::plan`] how to draw it, prints the
//! plan's notes and the `wrote …` line, and leaves the drawing to
//! [`ptkg::graph::render::draw`]. The policy (which engine, its fallbacks,
//! the refusal of a hairball) lives in the graph layer.

use std::path::Path;
use std::time::Duration;

use anyhow::Result;
use ptkg::graph::render::{self, EngineChoice, Format, GraphSize, READABLE_NODES};
use ptkg::Store;

use super::selection::selected_graph;
use super::{Cli, EngineArg, SelectionArgs};

pub fn run(
    cli: &Cli,
    output: &Path,
    args: &SelectionArgs,
    engine: EngineArg,
    timeout: u64,
) -> Result<i32> {
    // The cheap refusals first: a format we cannot write, then a whole
    // store too large to draw (counted without loading the graph).
    Format::of(output)?;
    let store = Store::open_read_only(&cli.db)?;
    render::check_readable(
        store.stats()?.nodes,
        args.narrowed() || args.max_nodes.is_some(),
    )?;
    let selected = selected_graph(cli, &store, args, Some(READABLE_NODES))?;
    let graph = &selected.graph;
    let plan = render::plan(
        output,
        engine.into(),
        GraphSize::of(graph),
        render::dot_available,
    )?;
    for note in &plan.notes {
        eprintln!("ptkg: note: {note}");
    }
    render::draw(&plan, graph, Duration::from_secs(timeout))?;
    eprintln!(
        "wrote {} ({} nodes, {} edges, {})",
        output.display(),
        graph.node_count(),
        graph.edge_count(),
        plan.drawn_by()
    );
    Ok(0)
}

impl From<EngineArg> for EngineChoice {
    fn from(engine: EngineArg) -> EngineChoice {
        match engine {
            EngineArg::Auto => EngineChoice::Auto,
            EngineArg::Dot => EngineChoice::Dot,
            EngineArg::Sfdp => EngineChoice::Sfdp,
            EngineArg::Builtin => EngineChoice::Builtin,
        }
    }
}
