//! `ptkg show NAME`: every node of that name with its edges (at most
//! `--limit`), a goal's tree, and its evidence sentences
//! ([`ptkg::query::show`], [`ptkg::query::goal_tree`]), as text or JSON.

use anyhow::{bail, Result};
use ptkg::model::NodeKind;
use ptkg::query::NodeView;
use ptkg::Store;

use super::output::{print, print_json};
use super::{Cli, Format};

pub fn run(cli: &Cli, name: &str, evidence: usize, limit: usize, format: Format) -> Result<i32> {
    let store = Store::open_existing(&cli.db)?;
    let max = if limit == 0 { usize::MAX } else { limit };
    let views = ptkg::query::show(&store, name, max, evidence)?;
    if views.is_empty() {
        let kinds = [
            NodeKind::Goal,
            NodeKind::District,
            NodeKind::Project,
            NodeKind::Sector,
            NodeKind::Organization,
            NodeKind::Metric,
        ];
        let near = ptkg::query::nearest_names(&store, &kinds, name, 3)?;
        bail!(
            "no node named {name:?};{} try `ptkg list district` (or project, sector, organization)",
            ptkg::query::did_you_mean(&near)
        );
    }
    if format == Format::Json {
        print_json(&views)?;
        return Ok(0);
    }
    let mut out = String::new();
    for v in &views {
        out.push_str(&format!("{} [{}]  id {}\n", v.name, v.kind.as_str(), v.id));
        write_edges(&mut out, v);
        if v.kind == NodeKind::Goal {
            let tree = ptkg::query::goal_tree(&store, &v.id, max)?;
            if !tree.is_empty() {
                out.push_str("tree:\n");
                for line in tree {
                    out.push_str(&format!("  {line}\n"));
                }
            }
        }
        out.push_str(&format!(
            "evidence ({} of {}):\n",
            v.evidence.len(),
            v.evidence_total
        ));
        for e in &v.evidence {
            out.push_str(&format!(
                "  {}:{}-{} [{}] {}\n",
                e.document, e.start, e.end, e.rule, e.sentence
            ));
        }
        out.push('\n');
    }
    print(&out)?;
    Ok(0)
}

/// The node's edges, one a line, under a heading that says whether
/// `--limit` cut them.
fn write_edges(out: &mut String, v: &NodeView) {
    if v.edges.is_empty() {
        return;
    }
    match v.edges_total {
        Some(n) if n > v.edges.len() => out.push_str(&format!(
            "edges ({} of {n}; --limit shows more):\n",
            v.edges.len()
        )),
        None => out.push_str(&format!(
            "edges (the first {}; --limit shows more):\n",
            v.edges.len()
        )),
        _ => out.push_str("edges:\n"),
    }
    for e in &v.edges {
        let arrow = if e.direction == "out" { "→" } else { "←" };
        let basis = if e.basis.is_empty() {
            String::new()
        } else {
            format!(" ({})", e.basis)
        };
        out.push_str(&format!(
            "  {arrow} {}{basis} {} [{}]\n",
            e.relation,
            e.name,
            e.kind.as_str()
        ));
    }
}
