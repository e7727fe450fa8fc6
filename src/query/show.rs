//! `ptkg show NAME`: every node of that name with its edges and evidence
//! sentences, up to caps. A name in thousands of speeches is read document
//! by document only as far as the caps need.

use std::collections::HashSet;

use serde::Serialize;

use super::{EvidenceReader, EvidenceView};
use crate::error::Result;
use crate::model::{NodeKey, NodeKind, Relation};
use crate::store::{Incident, Store};

/// An edge as shown.
#[derive(Debug, Clone, Serialize)]
pub struct EdgeView {
    pub relation: String,
    pub direction: &'static str,
    pub kind: NodeKind,
    pub name: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub basis: String,
}

/// A node with its edges and evidence.
#[derive(Debug, Clone, Serialize)]
pub struct NodeView {
    pub kind: NodeKind,
    pub name: String,
    pub id: String,
    pub edges: Vec<EdgeView>,
    /// How many distinct edges the node has, when every document was read
    /// (`None` when the caps stopped the reading early).
    pub edges_total: Option<usize>,
    pub evidence: Vec<EvidenceView>,
    pub evidence_total: usize,
}

/// Every node named `name`, with up to `max_edges` edges and up to
/// `max_evidence` sentences. A name in thousands of speeches is read only
/// as far as these caps need: documents in order until the caps are full.
pub fn show(
    store: &Store,
    name: &str,
    max_edges: usize,
    max_evidence: usize,
) -> Result<Vec<NodeView>> {
    let mut reader = EvidenceReader::new(store);
    let mut out = Vec::new();
    for (key, rec) in store.find_nodes(name)? {
        let mut view = NodeView {
            kind: key.kind,
            name: rec.name,
            id: key.id.clone(),
            edges: Vec::new(),
            edges_total: None,
            evidence: Vec::new(),
            evidence_total: 0,
        };
        let mut edges = EdgesSeen {
            edges: Vec::new(),
            seen: HashSet::new(),
            total: 0,
            max: max_edges,
        };
        let caps = Caps {
            edges: max_edges,
            evidence: max_evidence,
        };
        let complete = if key.kind.is_speech_local() {
            show_local(store, &key, &mut reader, &mut view, &mut edges, caps)?
        } else {
            show_shared(store, &key, &mut reader, &mut view, &mut edges, caps)?
        };
        view.edges_total = complete.then_some(edges.total);
        view.edges = edges.edges;
        out.push(view);
    }
    Ok(out)
}

/// How many edges and sentences `show` prints.
#[derive(Clone, Copy)]
struct Caps {
    edges: usize,
    evidence: usize,
}

/// A speech's own node (speech, section, measure, target): its one book
/// (or the books of the copies of its speech) is read whole.
fn show_local(
    store: &Store,
    key: &NodeKey,
    reader: &mut EvidenceReader,
    view: &mut NodeView,
    edges: &mut EdgesSeen,
    caps: Caps,
) -> Result<bool> {
    for e in store.node_evidence(key)? {
        view.evidence_total += 1;
        if view.evidence.len() < caps.evidence {
            view.evidence.push(reader.view(e)?);
        }
    }
    for outgoing in [true, false] {
        edges.take(store.local_edges(key, outgoing)?, outgoing);
    }
    Ok(true)
}

/// A shared name: its mentions come from its counter, its sentences and
/// edges from the documents naming it, in order, until the caps are full.
/// Returns whether every document was read.
fn show_shared(
    store: &Store,
    key: &NodeKey,
    reader: &mut EvidenceReader,
    view: &mut NodeView,
    edges: &mut EdgesSeen,
    caps: Caps,
) -> Result<bool> {
    let mut complete = true;
    view.evidence_total = store.node_row(key)?.unwrap_or_default().mentions as usize;
    for name in store.name_in_documents(key) {
        let name = name?;
        if edges.edges.len() >= caps.edges && view.evidence.len() >= caps.evidence {
            complete = false;
            break;
        }
        for e in name.evidence() {
            if view.evidence.len() < caps.evidence {
                view.evidence.push(reader.view(e)?);
            }
        }
        if edges.edges.len() >= caps.edges {
            // This document's edges go uncounted: the total is unknown.
            complete = false;
        } else {
            for outgoing in [true, false] {
                edges.take(store.edges_in_document(&name, outgoing)?, outgoing);
            }
        }
    }
    Ok(complete)
}

/// The distinct edges `show` collects, up to a cap, counting them all.
struct EdgesSeen {
    edges: Vec<EdgeView>,
    seen: HashSet<(bool, Relation, NodeKey)>,
    total: usize,
    max: usize,
}

impl EdgesSeen {
    fn take(&mut self, list: Vec<Incident>, outgoing: bool) {
        for i in list {
            if self.seen.insert((outgoing, i.relation, i.other.clone())) {
                self.total += 1;
                if self.edges.len() < self.max {
                    self.edges.push(EdgeView {
                        relation: i.relation.as_str().to_string(),
                        direction: if outgoing { "out" } else { "in" },
                        kind: i.other.kind,
                        name: i.other_record.name,
                        basis: i.basis.map_or("", |b| b.as_str()).to_string(),
                    });
                }
            }
        }
    }
}
