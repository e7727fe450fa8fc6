//! The graph in memory: a petgraph view loaded from the store (every node
//! with how many documents and mentions support it, every edge with how
//! many speeches state it, as the records the exporters print), for walking
//! (paths, neighbourhoods) and for the export layer, which reads the
//! evidence sentences of what it writes.

use std::collections::HashMap;

use petgraph::stable_graph::{NodeIndex, StableDiGraph};

use super::EvidenceReader;
use crate::error::Result;
use crate::model::{EdgeRecord, NodeKey, NodeRecord};
use crate::store::Store;

/// The whole graph (or a selection of it) in memory.
#[derive(Debug, Default)]
pub struct Graph {
    pub inner: StableDiGraph<(NodeKey, NodeRecord), EdgeRecord>,
    pub index: HashMap<NodeKey, NodeIndex>,
}

impl Graph {
    /// Loads every node and edge of the store.
    pub fn load(store: &Store) -> Result<Graph> {
        let mut g = Graph::default();
        for kind in crate::model::NodeKind::ALL {
            for (key, mut rec, documents, mentions) in store.nodes_counted(*kind)? {
                rec.attrs.insert("documents".into(), documents.to_string());
                rec.attrs.insert("mentions".into(), mentions.to_string());
                g.add_node(key, rec);
            }
        }
        for (from, _, to, rec) in store.all_edges()? {
            if let (Some(a), Some(b)) = (g.index.get(&from).copied(), g.index.get(&to).copied()) {
                g.inner.add_edge(a, b, rec);
            }
        }
        Ok(g)
    }

    pub fn add_node(&mut self, key: NodeKey, rec: NodeRecord) -> NodeIndex {
        if let Some(i) = self.index.get(&key) {
            return *i;
        }
        let i = self.inner.add_node((key.clone(), rec));
        self.index.insert(key, i);
        i
    }

    /// Adds to every node `evidence` and `document` attributes: the first
    /// sentence that supports it (160 characters) and its document. An
    /// edge's are read when it is written ([`EvidenceReader::edge`]), so
    /// a large graph does not hold every edge's sentence.
    pub fn annotate_evidence(&mut self, store: &Store) -> Result<()> {
        let mut reader = EvidenceReader::new(store);
        let indices: Vec<NodeIndex> = self.inner.node_indices().collect();
        for i in indices {
            let key = self.inner[i].0.clone();
            let Some(ev) = store.node_evidence(&key)?.into_iter().next() else {
                continue;
            };
            let view = reader.view(ev)?;
            let attrs = &mut self.inner[i].1.attrs;
            attrs.insert("evidence".into(), view.sentence.chars().take(160).collect());
            attrs.insert("document".into(), view.document);
        }
        Ok(())
    }

    pub fn node_count(&self) -> usize {
        self.inner.node_count()
    }

    pub fn edge_count(&self) -> usize {
        self.inner.edge_count()
    }
}
