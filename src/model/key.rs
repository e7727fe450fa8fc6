//! A node's identity in the graph and in the store's keys.

use serde::{Deserialize, Serialize};

use super::NodeKind;

/// A node's identity: its kind and merge key. Anonymised names (XX区) get the
/// speech's hash appended to the key so two speeches' XX区 never merge.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct NodeKey {
    pub kind: NodeKind,
    pub id: String,
}

impl NodeKey {
    pub fn new(kind: NodeKind, id: impl Into<String>) -> NodeKey {
        NodeKey {
            kind,
            id: id.into(),
        }
    }

    /// Key of an entity named `name` mentioned in the speech with `doc_hash`.
    pub fn entity(kind: NodeKind, name: &str, doc_hash: &str) -> NodeKey {
        // A measure belongs to its speech; anonymised names stay in theirs.
        if kind == NodeKind::Measure || is_anonymised(name) {
            NodeKey::new(kind, format!("{name}@{}", short_hash(doc_hash)))
        } else {
            NodeKey::new(kind, name)
        }
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut v = Vec::with_capacity(1 + self.id.len());
        v.push(self.kind.byte());
        v.extend_from_slice(self.id.as_bytes());
        v
    }

    pub fn from_bytes(b: &[u8]) -> Option<NodeKey> {
        let (&k, rest) = b.split_first()?;
        Some(NodeKey {
            kind: NodeKind::from_byte(k)?,
            id: String::from_utf8(rest.to_vec()).ok()?,
        })
    }
}

/// The first 12 characters of a speech's content hash: what the keys of
/// its own nodes (sections, targets, measures, anonymised names) carry, and
/// what the store finds their documents by.
pub fn short_hash(hash: &str) -> &str {
    &hash[..hash.len().min(12)]
}

/// Names with placeholders (X, XX, ×) stand for different real places in
/// different speeches.
pub fn is_anonymised(name: &str) -> bool {
    name.contains('X') || name.contains('×') || name.contains('某')
}
