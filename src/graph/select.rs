//! Selections of the graph for export and rendering: the neighbourhood of
//! a node, a goal's tree, one speech, some node kinds, serves edges above a
//! weight, and a cap on the number of nodes that says what it dropped.

use std::collections::{HashSet, VecDeque};

use petgraph::stable_graph::NodeIndex;
use petgraph::visit::EdgeRef;
use petgraph::Direction;

use super::Graph;
use crate::model::{Basis, NodeKind, Relation};

/// What to keep. Empty fields keep everything.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Neighbourhood of nodes with this name, `depth` edges away.
    pub focus: Option<String>,
    pub depth: usize,
    /// A goal, its members, the measures serving them and what those involve.
    pub goal: Option<String>,
    /// One speech (its path as added, or its title): outline and mentions.
    pub doc: Option<String>,
    /// Node kinds to keep.
    pub kinds: Vec<NodeKind>,
    /// Serves edges lighter than this are dropped.
    pub min_weight: Option<f64>,
    /// At most this many nodes (the nearest to the selection's roots).
    pub max_nodes: Option<usize>,
}

impl Selection {
    /// Whether anything narrows the graph.
    pub fn is_whole_graph(&self) -> bool {
        self.focus.is_none() && self.goal.is_none() && self.doc.is_none() && self.kinds.is_empty()
    }
}

/// The outcome: the selected graph and how many nodes the cap dropped.
pub struct Selected {
    pub graph: Graph,
    pub dropped: usize,
}

/// Applies a selection. Errors name what could not be found.
pub fn select(graph: &Graph, sel: &Selection) -> Result<Selected, String> {
    let g = &graph.inner;
    let named = |name: &str| -> Vec<NodeIndex> {
        g.node_indices()
            .filter(|i| {
                g[*i].1.name == name
                    || g[*i].0.id == name
                    || g[*i].1.attrs.get("path").is_some_and(|p| p == name)
            })
            .collect()
    };
    // Roots and the order nodes are reached in (the cap keeps the nearest).
    let mut order: Vec<NodeIndex> = Vec::new();
    let mut seen: HashSet<NodeIndex> = HashSet::new();
    let mut visit = |n: NodeIndex, order: &mut Vec<NodeIndex>| {
        if seen.insert(n) {
            order.push(n);
        }
    };
    if let Some(name) = &sel.focus {
        let roots = named(name);
        if roots.is_empty() {
            return Err(format!("no node named {name:?} to focus on"));
        }
        let mut queue: VecDeque<(NodeIndex, usize)> = roots.iter().map(|r| (*r, 0)).collect();
        for r in &roots {
            visit(*r, &mut order);
        }
        while let Some((n, d)) = queue.pop_front() {
            if d >= sel.depth.max(1) {
                continue;
            }
            for m in g.neighbors_undirected(n) {
                if !order.contains(&m) {
                    visit(m, &mut order);
                    queue.push_back((m, d + 1));
                }
            }
        }
    } else if let Some(name) = &sel.goal {
        let roots: Vec<NodeIndex> = named(name)
            .into_iter()
            .filter(|i| g[*i].1.kind == NodeKind::Goal)
            .collect();
        if roots.is_empty() {
            return Err(format!(
                "no goal named {name:?}; `ptkg query goals` lists them"
            ));
        }
        // goal ← members ← measures → what they involve.
        let mut goals: Vec<NodeIndex> = roots.clone();
        for r in &roots {
            visit(*r, &mut order);
            for e in g.edges_directed(*r, Direction::Incoming) {
                if e.weight().relation == Relation::MemberOf {
                    visit(e.source(), &mut order);
                    goals.push(e.source());
                }
            }
        }
        for goal in goals {
            for e in g.edges_directed(goal, Direction::Incoming) {
                if e.weight().relation == Relation::Serves {
                    let m = e.source();
                    visit(m, &mut order);
                    for e2 in g.edges_directed(m, Direction::Outgoing) {
                        if matches!(e2.weight().relation, Relation::Involves) {
                            visit(e2.target(), &mut order);
                        }
                    }
                }
            }
        }
    } else if let Some(doc) = &sel.doc {
        let roots: Vec<NodeIndex> = named(doc)
            .into_iter()
            .filter(|i| g[*i].1.kind == NodeKind::Speech)
            .collect();
        if roots.is_empty() {
            return Err(format!(
                "no speech {doc:?}; `ptkg list speech` shows the stored ones"
            ));
        }
        let mut queue: VecDeque<NodeIndex> = roots.iter().copied().collect();
        for r in &roots {
            visit(*r, &mut order);
        }
        while let Some(n) = queue.pop_front() {
            for e in g.edges_directed(n, Direction::Outgoing) {
                if matches!(e.weight().relation, Relation::Contains | Relation::Mentions)
                    && !order.contains(&e.target())
                {
                    visit(e.target(), &mut order);
                    queue.push_back(e.target());
                }
            }
        }
    } else {
        // Most connected first, so a capped whole graph keeps its hubs.
        let mut all: Vec<NodeIndex> = g.node_indices().collect();
        all.sort_by_key(|n| std::cmp::Reverse(g.neighbors_undirected(*n).count()));
        for n in all {
            visit(n, &mut order);
        }
    }
    if !sel.kinds.is_empty() {
        order.retain(|n| sel.kinds.contains(&g[*n].1.kind));
    }
    let total = order.len();
    if let Some(max) = sel.max_nodes {
        order.truncate(max);
    }
    let keep: HashSet<NodeIndex> = order.iter().copied().collect();
    let mut out = Graph::default();
    for n in &order {
        let (k, r) = &g[*n];
        out.add_node(k.clone(), r.clone());
    }
    for e in g.edge_indices() {
        let (a, b) = g.edge_endpoints(e).expect("edge endpoints");
        if !keep.contains(&a) || !keep.contains(&b) {
            continue;
        }
        let rec = &g[e];
        if rec.relation == Relation::Serves {
            let w = rec.basis.map_or(0.5, Basis::weight);
            if sel.min_weight.is_some_and(|min| w < min) {
                continue;
            }
        }
        let (ia, ib) = (out.index[&g[a].0], out.index[&g[b].0]);
        out.inner.add_edge(ia, ib, rec.clone());
    }
    Ok(Selected {
        graph: out,
        dropped: total - order.len(),
    })
}
