//! Graphviz DOT export through dot-writer. Node ids are synthetic ASCII
//! (`n0`, `n1`, …) and every quoted value is escaped here, because
//! dot-writer writes `"` and `\` inside values as they are.

use dot_writer::{Attributes, DotWriter};

use super::model::NodeKind;
use super::Graph;

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

/// Writes the graph as DOT, with a legend of the node kinds present.
pub fn to_dot(graph: &Graph) -> String {
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
        g.graph_attributes()
            .set("rankdir", "LR", false)
            .set("fontname", &quote(CJK_FONTS), false)
            .set("charset", "\"UTF-8\"", false);
        g.node_attributes()
            .set("fontname", &quote(CJK_FONTS), false)
            .set("style", "\"filled\"", false);
        g.edge_attributes()
            .set("fontname", &quote(CJK_FONTS), false)
            .set("fontsize", "9", false);
        {
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
        // Each speech is a cluster holding its outline (section nodes).
        let speeches: Vec<_> = nodes
            .iter()
            .filter(|n| graph.inner[**n].1.kind == NodeKind::Speech)
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
            let label = if rec.basis.is_empty() {
                rec.relation.as_str().to_string()
            } else {
                format!("{} ({})", rec.relation.as_str(), rec.basis)
            };
            g.edge(ids[&a].clone(), ids[&b].clone()).attributes().set(
                "label",
                &quote(&label),
                false,
            );
        }
    }
    String::from_utf8(out).expect("DOT output is UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_escapes_quotes_and_backslashes() {
        assert_eq!(quote(r#"“六稳”"x"\y"#), r#""“六稳”\"x\"\\y""#);
    }
}
