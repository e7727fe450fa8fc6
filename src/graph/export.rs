//! Exports for other tools: GraphML (Gephi, yEd), node-link JSON, and CSV
//! files in the layout `neo4j-admin database import` reads.

use std::collections::HashMap;
use std::path::Path;

use serde_json::json;

use super::Graph;

/// Synthetic ASCII ids (n0, n1, …) in a stable order.
fn ids(
    graph: &Graph,
) -> (
    Vec<petgraph::stable_graph::NodeIndex>,
    HashMap<petgraph::stable_graph::NodeIndex, String>,
) {
    let mut nodes: Vec<_> = graph.inner.node_indices().collect();
    nodes.sort_by(|a, b| graph.inner[*a].0.cmp(&graph.inner[*b].0));
    let ids = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (*n, format!("n{i}")))
        .collect();
    (nodes, ids)
}

/// GraphML with node kind, name and key, and edge relation and basis.
pub fn to_graphml(graph: &Graph) -> String {
    let (nodes, ids) = ids(graph);
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n\
         <key id=\"kind\" for=\"node\" attr.name=\"kind\" attr.type=\"string\"/>\n\
         <key id=\"name\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>\n\
         <key id=\"key\" for=\"node\" attr.name=\"key\" attr.type=\"string\"/>\n\
         <key id=\"relation\" for=\"edge\" attr.name=\"relation\" attr.type=\"string\"/>\n\
         <key id=\"basis\" for=\"edge\" attr.name=\"basis\" attr.type=\"string\"/>\n\
         <graph id=\"ptkg\" edgedefault=\"directed\">\n",
    );
    for n in &nodes {
        let (k, r) = &graph.inner[*n];
        out.push_str(&format!(
            "  <node id=\"{}\"><data key=\"kind\">{}</data><data key=\"name\">{}</data><data key=\"key\">{}</data></node>\n",
            ids[n],
            r.kind.as_str(),
            super::escape::xml(&r.name),
            super::escape::xml(&k.id)
        ));
    }
    for (i, e) in graph.inner.edge_indices().enumerate() {
        let (a, b) = graph.inner.edge_endpoints(e).expect("edge endpoints");
        let rec = &graph.inner[e];
        out.push_str(&format!(
            "  <edge id=\"e{i}\" source=\"{}\" target=\"{}\"><data key=\"relation\">{}</data><data key=\"basis\">{}</data></edge>\n",
            ids[&a],
            ids[&b],
            rec.relation.as_str(),
            super::escape::xml(rec.basis_str())
        ));
    }
    out.push_str("</graph>\n</graphml>\n");
    out
}

/// Node-link JSON: `{"nodes": [{id, kind, name, key, attrs}], "links": [{source, target, relation, basis}]}`.
pub fn to_json(graph: &Graph) -> serde_json::Value {
    let (nodes, ids) = ids(graph);
    let nodes: Vec<_> = nodes
        .iter()
        .map(|n| {
            let (k, r) = &graph.inner[*n];
            json!({"id": ids[n], "kind": r.kind.as_str(), "name": r.name, "key": k.id, "attrs": r.attrs})
        })
        .collect();
    let links: Vec<_> = graph
        .inner
        .edge_indices()
        .map(|e| {
            let (a, b) = graph.inner.edge_endpoints(e).expect("edge endpoints");
            let rec = &graph.inner[e];
            json!({"source": ids[&a], "target": ids[&b], "relation": rec.relation.as_str(), "basis": rec.basis_str()})
        })
        .collect();
    json!({"nodes": nodes, "links": links})
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Writes `nodes.csv` and `relationships.csv` into `dir` (created if
/// missing), with the headers `neo4j-admin database import full` expects:
/// `id:ID,name,key,:LABEL` and `:START_ID,:END_ID,:TYPE,basis`.
pub fn to_neo4j_csv(graph: &Graph, dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let (nodes, ids) = ids(graph);
    let mut n_out = String::from("id:ID,name,key,:LABEL\n");
    for n in &nodes {
        let (k, r) = &graph.inner[*n];
        let label = {
            let s = r.kind.as_str();
            let mut c = s.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        };
        n_out.push_str(&format!(
            "{},{},{},{}\n",
            ids[n],
            csv_field(&r.name),
            csv_field(&k.id),
            label
        ));
    }
    let mut e_out = String::from(":START_ID,:END_ID,:TYPE,basis\n");
    for e in graph.inner.edge_indices() {
        let (a, b) = graph.inner.edge_endpoints(e).expect("edge endpoints");
        let rec = &graph.inner[e];
        e_out.push_str(&format!(
            "{},{},{},{}\n",
            ids[&a],
            ids[&b],
            rec.relation.as_str().to_uppercase(),
            csv_field(rec.basis_str())
        ));
    }
    write_new(dir, "nodes.csv", &n_out)?;
    write_new(dir, "relationships.csv", &e_out)
}

/// Writes `dir/name` without following a link: the text goes to a new
/// file beside it (created exclusively, so not through a link of that
/// name either) that is then renamed over `name`, which replaces a link
/// itself, never what it points to.
fn write_new(dir: &Path, name: &str, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let temp = dir.join(format!(".{name}.ptkg-tmp"));
    let _ = std::fs::remove_file(&temp);
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temp)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()?;
    std::fs::rename(&temp, dir.join(name))
}
