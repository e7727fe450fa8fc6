//! `ptkg query path A B`: the shortest path between two named nodes,
//! edges taken in either direction, by breadth-first search over the whole
//! graph loaded into petgraph (with `--doc`, over one speech's nodes).

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::Graph;
use crate::error::Result;
use crate::model::{NodeKey, NodeKind};
use crate::store::{DocRecord, Store};

/// A step of a path through the graph.
#[derive(Debug, Clone, Serialize)]
pub struct PathStep {
    pub kind: NodeKind,
    pub name: String,
    /// Relation to the next step, with its direction (→ or ←).
    pub via: Option<String>,
}

/// The shortest path between nodes named `a` and `b`, edges taken in either
/// direction (petgraph over the whole graph). With `doc`, only through the
/// nodes that speech names (its own and the shared names it mentions).
pub fn path(
    store: &Store,
    a: &str,
    b: &str,
    doc: Option<&DocRecord>,
) -> Result<Option<Vec<PathStep>>> {
    let graph = Graph::load(store)?;
    let within: Option<HashSet<NodeKey>> = match doc {
        Some(d) => Some(
            store
                .book(d.id)?
                .map(|b| b.nodes.iter().map(|n| n.key()).collect())
                .unwrap_or_default(),
        ),
        None => None,
    };
    let allowed = |i: petgraph::stable_graph::NodeIndex| {
        within
            .as_ref()
            .is_none_or(|w| w.contains(&graph.inner[i].0))
    };
    let find = |name: &str| -> Vec<petgraph::stable_graph::NodeIndex> {
        graph
            .inner
            .node_indices()
            .filter(|i| graph.inner[*i].1.name == name || graph.inner[*i].0.id == name)
            .filter(|i| allowed(*i))
            .collect()
    };
    let (starts, ends) = (find(a), find(b));
    let mut best: Option<Vec<petgraph::stable_graph::NodeIndex>> = None;
    for s in &starts {
        // Breadth-first search with parents.
        let mut parent: HashMap<
            petgraph::stable_graph::NodeIndex,
            petgraph::stable_graph::NodeIndex,
        > = HashMap::new();
        let mut queue = std::collections::VecDeque::from([*s]);
        let mut seen = std::collections::HashSet::from([*s]);
        let mut found = None;
        while let Some(n) = queue.pop_front() {
            if ends.contains(&n) {
                found = Some(n);
                break;
            }
            for m in graph.inner.neighbors_undirected(n) {
                if allowed(m) && seen.insert(m) {
                    parent.insert(m, n);
                    queue.push_back(m);
                }
            }
        }
        if let Some(mut n) = found {
            let mut p = vec![n];
            while let Some(&q) = parent.get(&n) {
                p.push(q);
                n = q;
            }
            p.reverse();
            if best.as_ref().is_none_or(|b| p.len() < b.len()) {
                best = Some(p);
            }
        }
    }
    Ok(best.map(|p| {
        p.iter()
            .enumerate()
            .map(|(i, n)| {
                let via = p
                    .get(i + 1)
                    .map(|next| match graph.inner.find_edge(*n, *next) {
                        Some(e) => format!("→ {}", graph.inner[e].relation.as_str()),
                        None => graph
                            .inner
                            .find_edge(*next, *n)
                            .map(|e| format!("← {}", graph.inner[e].relation.as_str()))
                            .unwrap_or_default(),
                    });
                PathStep {
                    kind: graph.inner[*n].1.kind,
                    name: graph.inner[*n].1.name.clone(),
                    via,
                }
            })
            .collect()
    }))
}
