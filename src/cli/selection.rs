//! Node kinds and graph selections as the user names them: `--kind`
//! strings parsed to [`NodeKind`], and the selection flags of `export` and
//! `render` turned into a [`ptkg::graph::select::Selection`] of the graph
//! loaded from the store, with its evidence sentences, noting on stderr
//! what a node cap dropped.

use anyhow::{Context, Result};
use ptkg::graph::select::{Selected, Selection};
use ptkg::model::NodeKind;
use ptkg::Store;

use super::names::Names;
use super::{Cli, SelectionArgs};
use ptkg::query::NameKind;

/// A node kind by name, or an error listing the kinds there are.
pub fn parse_kind(kind: &str) -> Result<NodeKind> {
    NodeKind::parse(kind).with_context(|| {
        let all: Vec<&str> = NodeKind::ALL.iter().map(|k| k.as_str()).collect();
        format!("unknown kind {kind:?}; expected one of {}", all.join(", "))
    })
}

/// The selected part of the stored graph; `cap` bounds its nodes when the
/// user gave no `--max-nodes`.
pub fn selected_graph(
    cli: &Cli,
    store: &Store,
    args: &SelectionArgs,
    cap: Option<usize>,
) -> Result<Selected> {
    // Names as every command takes them: exact, aliases and traditional
    // characters folded; a speech by id, path or title.
    let names = Names::new(cli, store);
    let focus = args
        .focus
        .as_deref()
        .map(|f| names.one(NameKind::NODE, f))
        .transpose()?;
    let goal = args
        .goal
        .as_deref()
        .map(|g| names.one(NameKind::GOAL, g))
        .transpose()?;
    let doc = names.doc(args.doc.as_deref())?.map(|d| d.path);
    let graph = ptkg::graph::Graph::load(store)?;
    let kinds = args
        .kind
        .iter()
        .map(|k| parse_kind(k))
        .collect::<Result<Vec<_>>>()?;
    let sel = Selection {
        focus,
        depth: args.depth,
        goal,
        doc,
        kinds,
        min_weight: args.min_weight,
        max_nodes: args.max_nodes.or(cap),
    };
    let mut selected = ptkg::graph::select::select(&graph, &sel).map_err(|e| anyhow::anyhow!(e))?;
    selected.graph.annotate_evidence(store)?;
    if selected.dropped > 0 {
        eprintln!(
            "ptkg: note: kept {} nodes, dropped {} (raise --max-nodes or narrow with --focus/--goal/--doc)",
            selected.graph.node_count(),
            selected.dropped
        );
    }
    Ok(selected)
}

impl SelectionArgs {
    /// Whether the user narrowed the graph to a part of it (a node cap
    /// alone does not count).
    pub fn narrowed(&self) -> bool {
        self.focus.is_some() || self.goal.is_some() || self.doc.is_some() || !self.kind.is_empty()
    }
}
