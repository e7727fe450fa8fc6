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

/// Graph attributes for a small selection laid out by dot: boxes closer
/// together than dot's default (their borders keep them apart), so a
/// column of leaves is not a strip; the pieces of a selection that are not
/// joined (and the legend) packed side by side instead of stacked in one
/// column (`--kind goal,measure` of the examples: 807 × 7001 px → 1580 ×
/// 1467).
pub const SMALL_DOT_ATTRS: &[(&str, &str)] =
    &[("nodesep", "0.1"), ("ranksep", "0.35"), ("pack", "true")];

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

/// Display columns of a label line: about 12 Chinese characters.
pub const LABEL_COLUMNS: usize = 24;

/// Wraps a long label into lines of at most `columns` display columns (a
/// Chinese character is two, ASCII one), joined by `\n`.
pub fn wrap(s: &str, columns: usize) -> String {
    wrap_lines(s, columns).join("\n")
}

/// The lines of a wrapped label. A line breaks after punctuation (，、；：。
/// and their ASCII forms, a space or a closing bracket) when one falls in
/// the line's second half, else at the width; no line starts with closing
/// punctuation.
pub fn wrap_lines(s: &str, columns: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthChar;
    let columns = columns.max(2);
    let chars: Vec<char> = s.chars().collect();
    let mut lines = Vec::new();
    let mut start = 0;
    while start < chars.len() {
        // How far this line can go.
        let mut width = 0;
        let mut end = start;
        while end < chars.len() {
            let w = chars[end].width().unwrap_or(0);
            if width + w > columns && end > start {
                break;
            }
            width += w;
            end += 1;
        }
        if end < chars.len() {
            // Keep closing punctuation with the character before it.
            while end > start + 1 && is_closing(chars[end]) {
                end -= 1;
            }
            let half = start + (end - start) / 2;
            if let Some(p) = (half..end).rev().find(|&i| is_break_after(chars[i])) {
                end = p + 1;
            }
        }
        let line: String = chars[start..end].iter().collect();
        lines.push(line.trim_end().to_string());
        start = end;
        while start < chars.len() && chars[start] == ' ' {
            start += 1;
        }
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

fn is_break_after(c: char) -> bool {
    matches!(
        c,
        '，' | '、' | '；' | '：' | '。' | ',' | ';' | ':' | ' ' | '）' | ')' | '”' | '》' | '/'
    )
}

fn is_closing(c: char) -> bool {
    matches!(
        c,
        '，' | '、' | '；' | '：' | '。' | ',' | ';' | ':' | '）' | ')' | '”' | '》' | '！' | '？'
    )
}

/// A speech cluster's label: its title, wrapped twice as wide as a node's.
fn speech_label(title: &str) -> String {
    quote(&wrap(title, 2 * LABEL_COLUMNS))
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

/// The graph's attributes: left to right, CJK fonts, and the small or
/// large style (for a large one its legend as the graph's label).
fn graph_attributes(
    attrs: &mut dot_writer::AttributesList<'_, '_>,
    graph: &Graph,
    kinds: &[NodeKind],
    layout: Layout,
    large: bool,
) {
    attrs
        .set("rankdir", "LR", false)
        .set("fontname", &quote(CJK_FONTS), false)
        .set("charset", "\"UTF-8\"", false);
    if !large {
        for (k, v) in SMALL_DOT_ATTRS {
            attrs.set(k, v, false);
        }
    }
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
            .set("label", &html_legend(kinds, &relations), false)
            .set("labelloc", "t", false)
            .set("fontsize", &legend_pt.to_string(), false);
    }
}

/// Writes the graph as DOT for the given Graphviz layout. Small selections
/// for dot are written as they always were (edge labels, speech clusters,
/// a legend cluster); large ones, and everything for sfdp, in the
/// large-graph style described at [`LARGE_EDGES`].
pub fn to_dot_for(graph: &Graph, layout: Layout) -> String {
    to_dot_labelled(graph, layout, true)
}

/// [`to_dot_for`], with the edges' labels or (`edge_labels` false, for a
/// layout whose picture draws none: the HTML page's) without them, so the
/// layout leaves no room for them.
pub fn to_dot_labelled(graph: &Graph, layout: Layout, edge_labels: bool) -> String {
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
        graph_attributes(&mut g.graph_attributes(), graph, &kinds, layout, large);
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
            let label = wrap(&rec.name, LABEL_COLUMNS);
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
                .set("label", &speech_label(&graph.inner[**sp].1.name), false)
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
        let lengths = if large {
            Default::default()
        } else {
            stagger(graph, &edges)
        };
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
                let mut attrs = edge.attributes();
                let shown = if edge_labels { "label" } else { "tooltip" };
                attrs.set(shown, &quote(&label), false);
                if let Some(len) = lengths.get(&e) {
                    attrs.set("minlen", &len.to_string(), false);
                }
            }
        }
    }
    String::from_utf8(out).expect("DOT output is UTF-8")
}

/// A node with more neighbours than this that hang on it alone (leaves,
/// or links of a chain) has them staggered.
pub const FAN: usize = 6;

/// Ranks a wide fan is staggered over.
pub const STAGGER: usize = 3;

/// Edge lengths (`minlen`) that stagger wide fans over [`STAGGER`] ranks,
/// as Graphviz's `unflatten -f -l 3` does: left to right, thirty leaves of
/// one section stand in one column thirty boxes tall; in turn one, two and
/// three ranks away they make three columns of ten (the examples' 61-node
/// tree around 高质量发展: 2026 × 4172 px → 2512 × 2661 with
/// [`SMALL_DOT_ATTRS`]). `edges` in output order.
pub fn stagger(
    graph: &Graph,
    edges: &[petgraph::stable_graph::EdgeIndex],
) -> std::collections::HashMap<petgraph::stable_graph::EdgeIndex, usize> {
    use petgraph::Direction::{Incoming, Outgoing};
    let g = &graph.inner;
    let hangs = |n| {
        let (i, o) = (
            g.edges_directed(n, Incoming).count(),
            g.edges_directed(n, Outgoing).count(),
        );
        i + o == 1 || (i == 1 && o == 1)
    };
    let mut fans: std::collections::HashMap<_, Vec<_>> = Default::default();
    for &e in edges {
        let (a, b) = g.edge_endpoints(e).expect("edge has endpoints");
        if hangs(b) && !hangs(a) {
            fans.entry(a).or_default().push(e);
        } else if hangs(a) && !hangs(b) {
            fans.entry(b).or_default().push(e);
        }
    }
    let mut out = std::collections::HashMap::new();
    for fan in fans.values().filter(|f| f.len() > FAN) {
        for (i, e) in fan.iter().enumerate() {
            out.insert(*e, 1 + i % STAGGER);
        }
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn labels_wrap_by_display_width_at_punctuation() {
        // Twelve Chinese characters a line.
        assert_eq!(
            wrap_lines("推进临江智慧物流产业园二期建设并完成投资", 24),
            ["推进临江智慧物流产业园二", "期建设并完成投资"]
        );
        // A break after punctuation in the line's second half wins.
        assert_eq!(
            wrap_lines("优化营商环境，推动高质量发展", 24),
            ["优化营商环境，", "推动高质量发展"]
        );
        // ASCII counts one column; closing punctuation never starts a line.
        assert_eq!(wrap_lines("GDP增长6%左右", 24), ["GDP增长6%左右"]);
        assert_eq!(
            wrap_lines("一二三四五六七八九十甲乙，丙", 24),
            ["一二三四五六七八九十甲", "乙，丙"]
        );
        assert_eq!(wrap_lines("", 24), [""]);
        assert_eq!(wrap("甲乙丙", 4), "甲乙\n丙");
    }

    #[test]
    fn wide_fans_are_staggered_and_small_dot_is_tight() {
        // A goal with seven measures hanging on it alone.
        let dot = to_dot(&dense(7, 1));
        assert!(dot.contains("rankdir=LR") && dot.contains("nodesep=0.1"));
        for len in 1..=STAGGER {
            assert!(dot.contains(&format!("minlen={len}")), "{dot}");
        }
        // Five do not make a wide fan.
        assert!(!to_dot(&dense(5, 1)).contains("minlen"));
    }

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
