//! Graphviz DOT export through dot-writer. Node ids are synthetic ASCII
//! (`n0`, `n1`, …) and every quoted value is escaped here, because
//! dot-writer writes `"` and `\` inside values as they are.

use dot_writer::{Attributes, DotWriter};

use super::Graph;
use crate::model::{NodeKind, Relation};

/// Above this many edges a selection is large: Graphviz would spend most of
/// its time placing edge labels, routing splines and minimising crossings
/// (measured in BENCHMARKS.md), and thousands of edge labels are unreadable
/// anyway. Large DOT has thin edges coloured by relation, with the relation
/// in a tooltip instead of a label; no clusters; the legend as the graph's
/// label; and, for dot, bounded ranking and crossing minimisation
/// ([`LARGE_DOT_ATTRS`]). `render --engine auto` lays large selections out
/// with sfdp: dot, even bounded, draws them as a strip (300 nodes, 2,404
/// edges: 2,853 × 23,137 pt, against sfdp's 3,530 × 2,743) and does not
/// finish on 2,000 nodes, 31,519 edges in 100 s.
pub const LARGE_EDGES: usize = 1_000;

/// Graph attributes for a large selection laid out by dot.
pub const LARGE_DOT_ATTRS: &[(&str, &str)] = &[
    ("splines", "polyline"),
    ("nslimit", "2"),
    ("nslimit1", "2"),
    ("mclimit", "0.2"),
    ("searchsize", "30"),
    ("remincross", "false"),
    ("outputorder", "edgesfirst"),
];

/// Graph attributes for sfdp (always large-style).
pub const SFDP_ATTRS: &[(&str, &str)] = &[
    ("overlap", "prism"),
    ("sep", "\"+6\""),
    ("splines", "false"),
    ("outputorder", "edgesfirst"),
];

/// The Graphviz program the DOT is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Layered (`dot`): readable hierarchies, slow on thousands of edges.
    Dot,
    /// Force-directed, multilevel (`sfdp`): seconds on tens of thousands of edges.
    Sfdp,
}

impl Layout {
    /// The program to run.
    pub fn program(self) -> &'static str {
        match self {
            Layout::Dot => "dot",
            Layout::Sfdp => "sfdp",
        }
    }
}

/// Whether a selection gets the large-graph style.
pub fn is_large(graph: &Graph) -> bool {
    graph.edge_count() > LARGE_EDGES
}

/// Colour of an edge of this relation in large graphs (translucent, so
/// thousands of edges shade the background instead of blacking it out).
pub fn relation_colour(r: Relation) -> &'static str {
    match r {
        Relation::Mentions => "#78909c40",
        Relation::Contains => "#42424280",
        Relation::Involves => "#1e88e540",
        Relation::Serves => "#e5393580",
        Relation::MemberOf | Relation::SameAs => "#8e24aa90",
        Relation::LocatedIn => "#43a04780",
        Relation::OfMetric | Relation::About => "#f9a82580",
    }
}

/// Fonts that can draw Chinese, in order of preference.
pub const CJK_FONTS: &str = "Noto Sans CJK SC,WenQuanYi Micro Hei,Microsoft YaHei,sans-serif";

/// Shape and fill colour of each node kind.
pub fn style(kind: NodeKind) -> (&'static str, &'static str) {
    match kind {
        NodeKind::Speech => ("note", "#fde9b4"),
        NodeKind::Section => ("folder", "#eeeeee"),
        NodeKind::District => ("house", "#c8e6c9"),
        NodeKind::Project => ("box3d", "#bbdefb"),
        NodeKind::Sector => ("hexagon", "#e1bee7"),
        NodeKind::Organization => ("component", "#ffccbc"),
        NodeKind::Goal => ("doubleoctagon", "#ffcdd2"),
        NodeKind::Measure => ("cds", "#b2dfdb"),
        NodeKind::Metric => ("cylinder", "#fff9c4"),
        NodeKind::Target => ("tab", "#f0f4c3"),
    }
}

/// Quotes and escapes a DOT string value.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            // Graphviz copies labels into SVG as they are: a character
            // XML forbids would make the picture unreadable.
            c if !super::escape::xml_allows(c) => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Wraps a long label every `width` characters.
pub fn wrap(s: &str, width: usize) -> String {
    let chars: Vec<char> = s.chars().collect();
    chars
        .chunks(width)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Writes the graph as DOT for `dot`, with a legend of the node kinds
/// present; large selections ([`is_large`]) get the large-graph style.
pub fn to_dot(graph: &Graph) -> String {
    to_dot_for(graph, Layout::Dot)
}

/// The legend of a large graph: an HTML-like table as the graph's label
/// (clusters would be scattered by sfdp and slow dot down).
fn html_legend(kinds: &[NodeKind], relations: &[Relation]) -> String {
    let mut cells = String::new();
    for k in kinds {
        let (_, fill) = style(*k);
        cells.push_str(&format!("<td bgcolor=\"{fill}\">{}</td>", k.as_str()));
    }
    for r in relations {
        let colour = &relation_colour(*r)[..7];
        cells.push_str(&format!(
            "<td><font color=\"{colour}\">→ {}</font></td>",
            r.as_str()
        ));
    }
    format!("<<table border=\"0\" cellborder=\"1\" cellspacing=\"2\" cellpadding=\"4\"><tr>{cells}</tr></table>>")
}

/// Writes the graph as DOT for the given Graphviz layout. Small selections
/// for dot are written as they always were (edge labels, speech clusters,
/// a legend cluster); large ones, and everything for sfdp, in the
/// large-graph style described at [`LARGE_EDGES`].
pub fn to_dot_for(graph: &Graph, layout: Layout) -> String {
    let large = layout == Layout::Sfdp || is_large(graph);
    let mut nodes: Vec<_> = graph.inner.node_indices().collect();
    nodes.sort_by(|a, b| graph.inner[*a].0.cmp(&graph.inner[*b].0));
    let ids: std::collections::HashMap<_, _> = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (*n, format!("n{i}")))
        .collect();
    let mut kinds: Vec<NodeKind> = nodes.iter().map(|n| graph.inner[*n].1.kind).collect();
    kinds.sort();
    kinds.dedup();
    let mut out = Vec::new();
    {
        let mut writer = DotWriter::from(&mut out);
        writer.set_pretty_print(true);
        let mut g = writer.digraph();
        {
            let mut attrs = g.graph_attributes();
            attrs
                .set("rankdir", "LR", false)
                .set("fontname", &quote(CJK_FONTS), false)
                .set("charset", "\"UTF-8\"", false);
            if large {
                let extra = match layout {
                    Layout::Dot => LARGE_DOT_ATTRS,
                    Layout::Sfdp => SFDP_ATTRS,
                };
                for (k, v) in extra {
                    attrs.set(k, v, false);
                }
                let mut relations: Vec<Relation> = graph
                    .inner
                    .edge_indices()
                    .map(|e| graph.inner[e].relation)
                    .collect();
                relations.sort();
                relations.dedup();
                // Large pictures are viewed zoomed out: the legend grows
                // with them (14 pt at 200 nodes, 45 pt at 2,000).
                let legend_pt = ((graph.node_count() as f64).sqrt().round() as usize).clamp(14, 48);
                attrs
                    .set("label", &html_legend(&kinds, &relations), false)
                    .set("labelloc", "t", false)
                    .set("fontsize", &legend_pt.to_string(), false);
            }
        }
        g.node_attributes()
            .set("fontname", &quote(CJK_FONTS), false)
            .set("style", "\"filled\"", false);
        {
            let mut attrs = g.edge_attributes();
            attrs
                .set("fontname", &quote(CJK_FONTS), false)
                .set("fontsize", "9", false);
            if large {
                attrs
                    .set("penwidth", "0.6", false)
                    .set("arrowsize", "0.4", false);
            }
        }
        if !large {
            let mut legend = g.cluster();
            legend
                .graph_attributes()
                .set("label", &quote("legend"), false);
            for k in &kinds {
                let (shape, fill) = style(*k);
                legend
                    .node_named(format!("legend_{}", k.as_str()))
                    .set("label", &quote(k.as_str()), false)
                    .set("shape", shape, false)
                    .set("fillcolor", &quote(fill), false);
            }
        }
        // Each speech is a cluster holding its outline (section nodes);
        // large graphs have no clusters.
        let speeches: Vec<_> = nodes
            .iter()
            .filter(|n| !large && graph.inner[**n].1.kind == NodeKind::Speech)
            .collect();
        let in_cluster = |n: &petgraph::stable_graph::NodeIndex| -> Option<String> {
            let (key, rec) = &graph.inner[*n];
            match rec.kind {
                NodeKind::Speech => Some(key.id.clone()),
                NodeKind::Section => rec.attrs.get("speech").cloned(),
                _ => None,
            }
        };
        let write_node = |scope: &mut dot_writer::Scope, n: &petgraph::stable_graph::NodeIndex| {
            let (key, rec) = &graph.inner[*n];
            let (shape, fill) = style(rec.kind);
            let label = wrap(&rec.name, 14);
            let tooltip = match rec.attrs.get("evidence") {
                Some(e) => format!("{}: {}\n{}", rec.kind.as_str(), rec.name, e),
                None => format!("{}: {}", rec.kind.as_str(), key.id),
            };
            scope
                .node_named(ids[n].clone())
                .set("label", &quote(&label), false)
                .set("shape", shape, false)
                .set("fillcolor", &quote(fill), false)
                .set("tooltip", &quote(&tooltip), false);
        };
        for sp in &speeches {
            let sid = graph.inner[**sp].0.id.clone();
            let mut cluster = g.cluster();
            cluster
                .graph_attributes()
                .set("label", &quote(&wrap(&graph.inner[**sp].1.name, 30)), false)
                .set("style", "\"rounded,dashed\"", false);
            for n in nodes
                .iter()
                .filter(|n| in_cluster(n).as_deref() == Some(sid.as_str()))
            {
                write_node(&mut cluster, n);
            }
        }
        let clustered: std::collections::HashSet<String> = speeches
            .iter()
            .map(|sp| graph.inner[**sp].0.id.clone())
            .collect();
        for n in &nodes {
            if in_cluster(n).is_some_and(|s| clustered.contains(&s)) {
                continue;
            }
            write_node(&mut g, n);
        }
        let mut edges: Vec<_> = graph.inner.edge_indices().collect();
        edges.sort_by_key(|e| {
            let (a, b) = graph.inner.edge_endpoints(*e).expect("edge has endpoints");
            (ids[&a].clone(), ids[&b].clone())
        });
        for e in edges {
            let (a, b) = graph.inner.edge_endpoints(e).expect("edge has endpoints");
            let rec = &graph.inner[e];
            let label = if rec.basis.is_none() {
                rec.relation.as_str().to_string()
            } else {
                format!("{} ({})", rec.relation.as_str(), rec.basis_str())
            };
            let edge = g.edge(ids[&a].clone(), ids[&b].clone());
            if large {
                edge.attributes().set("tooltip", &quote(&label), false).set(
                    "color",
                    &quote(relation_colour(rec.relation)),
                    false,
                );
            } else {
                edge.attributes().set("label", &quote(&label), false);
            }
        }
    }
    String::from_utf8(out).expect("DOT output is UTF-8")
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn quote_escapes_quotes_and_backslashes() {
        assert_eq!(quote(r#"“六稳”"x"\y"#), r#""“六稳”\"x\"\\y""#);
    }

    /// A speech with one section, and `measures` × `goals` serves edges.
    pub(crate) fn dense(measures: usize, goals: usize) -> Graph {
        use crate::model::{EdgeRecord, NodeKey, NodeRecord};
        let mut g = Graph::default();
        let node = |g: &mut Graph, kind: NodeKind, id: String, attrs: &[(&str, &str)]| {
            g.add_node(
                NodeKey::new(kind, id.clone()),
                NodeRecord {
                    kind,
                    name: id,
                    attrs: attrs
                        .iter()
                        .map(|(k, v)| (k.to_string(), v.to_string()))
                        .collect(),
                },
            )
        };
        let edge = |g: &mut Graph, a, b, relation| {
            g.inner.add_edge(
                a,
                b,
                EdgeRecord::new(relation, Some(crate::model::Basis::Structure)),
            );
        };
        let speech = node(&mut g, NodeKind::Speech, "sp".into(), &[]);
        let section = node(
            &mut g,
            NodeKind::Section,
            "一 稳步推进".into(),
            &[("speech", "sp")],
        );
        edge(&mut g, speech, section, Relation::Contains);
        let goals: Vec<_> = (0..goals)
            .map(|i| node(&mut g, NodeKind::Goal, format!("目标{i}"), &[]))
            .collect();
        for i in 0..measures {
            let m = node(&mut g, NodeKind::Measure, format!("措施{i}"), &[]);
            for goal in &goals {
                edge(&mut g, m, *goal, Relation::Serves);
            }
        }
        g
    }

    #[test]
    fn small_selections_keep_labels_and_clusters_without_large_attributes() {
        let g = dense(5, 4);
        assert!(!is_large(&g));
        let dot = to_dot(&g);
        assert!(dot.contains("label=\"serves (structure)\""), "{dot}");
        assert!(dot.contains("subgraph cluster_"), "{dot}");
        for (k, _) in LARGE_DOT_ATTRS {
            assert!(!dot.contains(&format!("{k}=")), "{k} in small DOT:\n{dot}");
        }
    }

    #[test]
    fn large_selections_get_bounded_dot_and_no_edge_labels() {
        let g = dense(40, 26); // 1,041 edges
        assert!(g.edge_count() > LARGE_EDGES && is_large(&g));
        let dot = to_dot(&g);
        for (k, v) in LARGE_DOT_ATTRS {
            assert!(dot.contains(&format!("{k}={v}")), "{k}={v} missing");
        }
        assert!(!dot.contains("label=\"serves"), "edge labels in large DOT");
        assert!(dot.contains("tooltip=\"serves (structure)\""));
        assert!(dot.contains(&format!(
            "color={}",
            quote(relation_colour(Relation::Serves))
        )));
        assert!(!dot.contains("subgraph"), "clusters in large DOT");
        // The legend is the graph's label, naming kinds and relations.
        assert!(dot.contains("labelloc=t") && dot.contains("→ serves"));
        assert!(!dot.contains("overlap="), "sfdp attributes in DOT for dot");
    }

    #[test]
    fn sfdp_dot_is_large_style_even_for_small_selections() {
        let dot = to_dot_for(&dense(5, 4), Layout::Sfdp);
        for (k, v) in SFDP_ATTRS {
            assert!(dot.contains(&format!("{k}={v}")), "{k}={v} missing");
        }
        assert!(!dot.contains("nslimit"), "dot attributes in DOT for sfdp");
        assert!(!dot.contains("subgraph") && !dot.contains("label=\"serves"));
    }
}
