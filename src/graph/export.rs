//! Exports for other tools: GraphML (Gephi, yEd), node-link JSON, and CSV
//! files in the layout `neo4j-admin database import` reads. Every node has
//! an id that is a function of its kind and key ([`node_id`]), the same in
//! every store and run; every property is typed by one schema
//! ([`NODE_PROPERTIES`], [`EDGE_PROPERTIES`]) that each format spells its
//! own way (`value:double` in a CSV header, `attr.type="double"` in
//! GraphML, a JSON number).

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use petgraph::stable_graph::{EdgeIndex, NodeIndex};
use serde_json::{json, Map, Value};

use super::Graph;
use crate::error::{Error, Result};
use crate::model::{EdgeRecord, NodeKey};
use crate::query::{EvidenceReader, EvidenceView};

/// A property's type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PropType {
    Str,
    Int,
    Double,
    Bool,
    /// A list of names (a target's `about`).
    StrArray,
}

impl PropType {
    /// The suffix of a Neo4j CSV header (`value:double`); none for strings.
    fn neo4j(self) -> &'static str {
        match self {
            PropType::Str => "",
            PropType::Int => ":int",
            PropType::Double => ":double",
            PropType::Bool => ":boolean",
            PropType::StrArray => ":string[]",
        }
    }

    /// GraphML's `attr.type` (lists are joined with `;`).
    fn graphml(self) -> &'static str {
        match self {
            PropType::Str | PropType::StrArray => "string",
            PropType::Int => "int",
            PropType::Double => "double",
            PropType::Bool => "boolean",
        }
    }
}

/// Node properties beyond id and kind, in column order: the node's name
/// and key, how many documents and mentions support it, a speech's path
/// and title, a section's number, level and speech, a target's figures
/// (see README "extract JSON") and what it is about, and the first
/// evidence sentence with its document.
pub const NODE_PROPERTIES: &[(&str, PropType)] = &[
    ("name", PropType::Str),
    ("key", PropType::Str),
    ("documents", PropType::Int),
    ("mentions", PropType::Int),
    ("path", PropType::Str),
    ("title", PropType::Str),
    ("number", PropType::Str),
    ("level", PropType::Int),
    ("speech", PropType::Str),
    ("metric", PropType::Str),
    ("value", PropType::Double),
    ("value_max", PropType::Double),
    ("value_text", PropType::Str),
    ("redacted", PropType::Bool),
    ("unit", PropType::Str),
    ("base_value", PropType::Double),
    ("base_unit", PropType::Str),
    ("change", PropType::Str),
    ("qualifier", PropType::Str),
    ("status", PropType::Str),
    ("year", PropType::Int),
    ("period", PropType::Str),
    ("direction", PropType::Str),
    ("signed_value", PropType::Double),
    ("jurisdiction", PropType::Str),
    ("about", PropType::StrArray),
    ("evidence", PropType::Str),
    ("document", PropType::Str),
];

/// Edge properties beyond its ends and relation: the basis (`member` for
/// a member edge, as `query serves` shows it), the weight of a serves or
/// member edge, how many speeches state it, and its first statement.
pub const EDGE_PROPERTIES: &[(&str, PropType)] = &[
    ("basis", PropType::Str),
    ("weight", PropType::Double),
    ("speeches", PropType::Int),
    ("evidence", PropType::Str),
    ("document", PropType::Str),
];

/// How a target's `about` names are joined in its attributes.
const ABOUT_SEPARATOR: char = '、';

/// A node's export id: its kind, then 16 hex digits of a hash of its kind
/// and key (`goal-3f…`). The key is what identifies a node in every store,
/// so the id is the same whatever else a store holds or the order of adds.
pub fn node_id(key: &NodeKey) -> String {
    let kind = key.kind.as_str();
    let hash = xxhash_rust::xxh3::xxh3_64(format!("{kind}\u{0}{}", key.id).as_bytes());
    format!("{kind}-{hash:016x}")
}

/// Nodes in key order with their ids; edges with ids made of their ends'
/// and relation (a second edge of the same ends and relation gets `-2`).
struct Ids {
    nodes: Vec<NodeIndex>,
    node: HashMap<NodeIndex, String>,
    edge: HashMap<EdgeIndex, String>,
}

fn ids(graph: &Graph) -> Ids {
    let mut nodes: Vec<_> = graph.inner.node_indices().collect();
    nodes.sort_by(|a, b| graph.inner[*a].0.cmp(&graph.inner[*b].0));
    let node: HashMap<_, _> = nodes
        .iter()
        .map(|n| (*n, node_id(&graph.inner[*n].0)))
        .collect();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut edge = HashMap::new();
    for e in graph.inner.edge_indices() {
        let (a, b) = graph.inner.edge_endpoints(e).expect("edge endpoints");
        let text = format!(
            "{}\u{0}{}\u{0}{}",
            node[&a],
            graph.inner[e].relation.as_str(),
            node[&b]
        );
        let id = format!("e-{:016x}", xxhash_rust::xxh3::xxh3_64(text.as_bytes()));
        let n = seen.entry(id.clone()).or_default();
        *n += 1;
        edge.insert(e, if *n == 1 { id } else { format!("{id}-{n}") });
    }
    Ids { nodes, node, edge }
}

/// A node's properties by name, as text: its name and key, then its
/// attributes.
fn node_text(key: &NodeKey, rec: &crate::model::NodeRecord, name: &str) -> Option<String> {
    match name {
        "name" => Some(rec.name.clone()),
        "key" => Some(key.id.clone()),
        _ => rec.attrs.get(name).cloned(),
    }
}

/// An edge's properties by name, as text; `ev` is its first statement.
fn edge_text(rec: &EdgeRecord, ev: Option<&EvidenceView>, name: &str) -> Option<String> {
    match name {
        "basis" => Some(rec.basis_str().to_string()).filter(|b| !b.is_empty()),
        "weight" => rec.weight().map(crate::model::format_number),
        "speeches" => (rec.speeches > 0).then(|| rec.speeches.to_string()),
        "evidence" => ev.map(|v| v.sentence.clone()),
        "document" => ev.map(|v| v.document.clone()),
        _ => rec.attrs.get(name).cloned(),
    }
}

/// Node attributes the schema does not name (exported as strings, so
/// nothing is lost), in name order.
fn other_node_properties(graph: &Graph) -> Vec<(String, PropType)> {
    let known: BTreeSet<&str> = NODE_PROPERTIES.iter().map(|(n, _)| *n).collect();
    let mut other = BTreeSet::new();
    for n in graph.inner.node_indices() {
        for k in graph.inner[n].1.attrs.keys() {
            if !known.contains(k.as_str()) {
                other.insert(k.clone());
            }
        }
    }
    other.into_iter().map(|k| (k, PropType::Str)).collect()
}

/// Every node property column: the schema's, then any other.
fn node_columns(graph: &Graph) -> Vec<(String, PropType)> {
    NODE_PROPERTIES
        .iter()
        .map(|(n, t)| (n.to_string(), *t))
        .chain(other_node_properties(graph))
        .collect()
}

/// A text value as its JSON type (a string when it does not parse).
fn typed(text: &str, ty: PropType) -> Value {
    let parsed = match ty {
        PropType::Str => None,
        PropType::Int => text.parse::<i64>().ok().map(Value::from),
        PropType::Double => text
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number),
        PropType::Bool => text.parse::<bool>().ok().map(Value::Bool),
        PropType::StrArray => Some(Value::from(text.split(ABOUT_SEPARATOR).collect::<Vec<_>>())),
    };
    parsed.unwrap_or_else(|| Value::from(text))
}

/// A value as a CSV or GraphML cell: lists joined with `;` (Neo4j's array
/// delimiter).
fn cell(text: &str, ty: PropType) -> String {
    if ty == PropType::StrArray {
        text.split(ABOUT_SEPARATOR).collect::<Vec<_>>().join(";")
    } else {
        text.to_string()
    }
}

/// The node label Neo4j gets: the kind, capitalised.
fn label(kind: &str) -> String {
    let mut c = kind.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// GraphML: every property a `<key>` with its `attr.type` (node keys'
/// ids start `n_`, edge keys' `e_`), and a `label` (the name) for Gephi.
/// Edges' evidence is read through `reader`.
pub fn to_graphml(graph: &Graph, reader: &mut EvidenceReader) -> Result<String> {
    let ids = ids(graph);
    let columns = node_columns(graph);
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n\
         <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n\
         <key id=\"n_kind\" for=\"node\" attr.name=\"kind\" attr.type=\"string\"/>\n",
    );
    let key = |out: &mut String, prefix: &str, for_: &str, name: &str, ty: PropType| {
        out.push_str(&format!(
            "<key id=\"{prefix}_{0}\" for=\"{for_}\" attr.name=\"{0}\" attr.type=\"{1}\"/>\n",
            super::escape::xml(name),
            ty.graphml()
        ));
    };
    for (name, ty) in &columns {
        key(&mut out, "n", "node", name, *ty);
    }
    key(&mut out, "e", "edge", "relation", PropType::Str);
    for (name, ty) in EDGE_PROPERTIES {
        key(&mut out, "e", "edge", name, *ty);
    }
    out.push_str("<graph id=\"ptkg\" edgedefault=\"directed\">\n");
    let data = |out: &mut String, prefix: &str, name: &str, text: &str| {
        out.push_str(&format!(
            "<data key=\"{prefix}_{}\">{}</data>",
            super::escape::xml(name),
            super::escape::xml(text)
        ));
    };
    for n in &ids.nodes {
        let (k, r) = &graph.inner[*n];
        out.push_str(&format!(
            "  <node id=\"{}\"><data key=\"label\">{}</data>",
            ids.node[n],
            super::escape::xml(&r.name)
        ));
        data(&mut out, "n", "kind", r.kind.as_str());
        for (name, ty) in &columns {
            if let Some(text) = node_text(k, r, name) {
                data(&mut out, "n", name, &cell(&text, *ty));
            }
        }
        out.push_str("</node>\n");
    }
    for e in graph.inner.edge_indices() {
        let (a, b) = graph.inner.edge_endpoints(e).expect("edge endpoints");
        let rec = &graph.inner[e];
        let ev = reader.edge(rec)?;
        out.push_str(&format!(
            "  <edge id=\"{}\" source=\"{}\" target=\"{}\">",
            ids.edge[&e], ids.node[&a], ids.node[&b]
        ));
        data(&mut out, "e", "relation", rec.relation.as_str());
        for (name, _) in EDGE_PROPERTIES {
            if let Some(text) = edge_text(rec, ev.as_ref(), name) {
                data(&mut out, "e", name, &text);
            }
        }
        out.push_str("</edge>\n");
    }
    out.push_str("</graph>\n</graphml>\n");
    Ok(out)
}

/// Node-link JSON: `{"nodes": [{id, kind, name, key, attrs}], "links":
/// [{id, source, target, relation, basis, weight, speeches, evidence,
/// document}]}`, every value typed (absent properties left out of
/// `attrs`, null in a link). Edges' evidence is read through `reader`.
pub fn to_json(graph: &Graph, reader: &mut EvidenceReader) -> Result<Value> {
    let ids = ids(graph);
    let types: HashMap<&str, PropType> = NODE_PROPERTIES.iter().copied().collect();
    let nodes: Vec<_> = ids
        .nodes
        .iter()
        .map(|n| {
            let (k, r) = &graph.inner[*n];
            let attrs: Map<String, Value> = r
                .attrs
                .iter()
                .map(|(name, text)| {
                    let ty = types.get(name.as_str()).copied().unwrap_or(PropType::Str);
                    (name.clone(), typed(text, ty))
                })
                .collect();
            json!({"id": ids.node[n], "kind": r.kind.as_str(), "name": r.name, "key": k.id, "attrs": attrs})
        })
        .collect();
    let mut links = Vec::with_capacity(graph.inner.edge_count());
    for e in graph.inner.edge_indices() {
        let (a, b) = graph.inner.edge_endpoints(e).expect("edge endpoints");
        let rec = &graph.inner[e];
        let ev = reader.edge(rec)?;
        let mut link = json!({"id": ids.edge[&e], "source": ids.node[&a], "target": ids.node[&b], "relation": rec.relation.as_str()});
        for (name, ty) in EDGE_PROPERTIES {
            link[*name] = edge_text(rec, ev.as_ref(), name).map_or(Value::Null, |t| typed(&t, *ty));
        }
        links.push(link);
    }
    Ok(json!({"nodes": nodes, "links": links}))
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// One CSV line of cells.
fn csv_line(cells: impl IntoIterator<Item = String>) -> String {
    let mut line = cells
        .into_iter()
        .map(|c| csv_field(&c))
        .collect::<Vec<_>>()
        .join(",");
    line.push('\n');
    line
}

/// Writes `nodes.csv` and `relationships.csv` into `dir` (created if
/// missing), with the headers `neo4j-admin database import full` reads:
/// `id:ID,:LABEL,name,key,documents:int,…,value:double,…,about:string[],…`
/// and `:START_ID,:END_ID,:TYPE,basis,weight:double,speeches:int,evidence,document`.
/// An empty cell is an absent property; lists are joined with `;`. Rows
/// go to the files as they are made, edges' evidence read through
/// `reader`.
pub fn to_neo4j_csv(graph: &Graph, dir: &Path, reader: &mut EvidenceReader) -> Result<()> {
    let io = |e: std::io::Error| Error::Io {
        path: dir.to_path_buf(),
        source: e,
    };
    std::fs::create_dir_all(dir).map_err(io)?;
    let ids = ids(graph);
    let columns = node_columns(graph);
    let header = |columns: &[(String, PropType)], first: &[&str]| {
        csv_line(
            first
                .iter()
                .map(|s| s.to_string())
                .chain(columns.iter().map(|(n, t)| format!("{n}{}", t.neo4j()))),
        )
    };
    write_new(dir, "nodes.csv", |out| {
        out.write_all(header(&columns, &["id:ID", ":LABEL"]).as_bytes())
            .map_err(io)?;
        for n in &ids.nodes {
            let (k, r) = &graph.inner[*n];
            let line = csv_line(
                [ids.node[n].clone(), label(r.kind.as_str())]
                    .into_iter()
                    .chain(columns.iter().map(|(name, ty)| {
                        node_text(k, r, name).map_or_else(String::new, |t| cell(&t, *ty))
                    })),
            );
            out.write_all(line.as_bytes()).map_err(io)?;
        }
        Ok(())
    })?;
    let edge_columns: Vec<(String, PropType)> = EDGE_PROPERTIES
        .iter()
        .map(|(n, t)| (n.to_string(), *t))
        .collect();
    write_new(dir, "relationships.csv", |out| {
        out.write_all(header(&edge_columns, &[":START_ID", ":END_ID", ":TYPE"]).as_bytes())
            .map_err(io)?;
        for e in graph.inner.edge_indices() {
            let (a, b) = graph.inner.edge_endpoints(e).expect("edge endpoints");
            let rec = &graph.inner[e];
            let ev = reader.edge(rec)?;
            let line = csv_line(
                [
                    ids.node[&a].clone(),
                    ids.node[&b].clone(),
                    rec.relation.as_str().to_uppercase(),
                ]
                .into_iter()
                .chain(
                    EDGE_PROPERTIES
                        .iter()
                        .map(|(name, _)| edge_text(rec, ev.as_ref(), name).unwrap_or_default()),
                ),
            );
            out.write_all(line.as_bytes()).map_err(io)?;
        }
        Ok(())
    })
}

/// Writes `dir/name` without following a link: `write` fills a new file
/// beside it (created exclusively, so not through a link of that name
/// either) that is then renamed over `name`, which replaces a link itself,
/// never what it points to.
fn write_new(
    dir: &Path,
    name: &str,
    write: impl FnOnce(&mut dyn std::io::Write) -> Result<()>,
) -> Result<()> {
    let temp = dir.join(format!(".{name}.ptkg-tmp"));
    let io = |e: std::io::Error| Error::Io {
        path: dir.join(name),
        source: e,
    };
    let _ = std::fs::remove_file(&temp);
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temp)
        .map_err(io)?;
    let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
    write(&mut out)?;
    let file = out.into_inner().map_err(|e| io(e.into_error()))?;
    file.sync_all().map_err(io)?;
    std::fs::rename(&temp, dir.join(name)).map_err(io)
}
