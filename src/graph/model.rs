//! The graph model: node kinds, relations and their records. See MODEL.md
//! at the top of the project for what each kind means and how nodes merge.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::rules::RuleKind;

/// What a node is. The byte value is part of the store's key format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    Speech,
    Section,
    District,
    Project,
    Sector,
    Organization,
    Goal,
    Measure,
    Metric,
    Target,
}

impl NodeKind {
    pub const ALL: &'static [NodeKind] = &[
        NodeKind::Speech,
        NodeKind::Section,
        NodeKind::District,
        NodeKind::Project,
        NodeKind::Sector,
        NodeKind::Organization,
        NodeKind::Goal,
        NodeKind::Measure,
        NodeKind::Metric,
        NodeKind::Target,
    ];

    pub fn byte(self) -> u8 {
        match self {
            NodeKind::Speech => 1,
            NodeKind::Section => 2,
            NodeKind::District => 3,
            NodeKind::Project => 4,
            NodeKind::Sector => 5,
            NodeKind::Organization => 6,
            NodeKind::Goal => 7,
            NodeKind::Measure => 8,
            NodeKind::Metric => 9,
            NodeKind::Target => 10,
        }
    }

    pub fn from_byte(b: u8) -> Option<NodeKind> {
        NodeKind::ALL.iter().copied().find(|k| k.byte() == b)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::Speech => "speech",
            NodeKind::Section => "section",
            NodeKind::District => "district",
            NodeKind::Project => "project",
            NodeKind::Sector => "sector",
            NodeKind::Organization => "organization",
            NodeKind::Goal => "goal",
            NodeKind::Measure => "measure",
            NodeKind::Metric => "metric",
            NodeKind::Target => "target",
        }
    }

    /// Parses a kind name, singular or plural (`project`, `projects`).
    pub fn parse(s: &str) -> Option<NodeKind> {
        let s = s.trim().to_ascii_lowercase();
        let find = |t: &str| NodeKind::ALL.iter().copied().find(|k| k.as_str() == t);
        find(&s).or_else(|| s.strip_suffix('s').and_then(find))
    }

    pub fn from_rule_kind(k: RuleKind) -> Option<NodeKind> {
        Some(match k {
            RuleKind::District => NodeKind::District,
            RuleKind::Project => NodeKind::Project,
            RuleKind::Sector => NodeKind::Sector,
            RuleKind::Organization => NodeKind::Organization,
            RuleKind::Goal => NodeKind::Goal,
            RuleKind::Measure => NodeKind::Measure,
            _ => return None,
        })
    }
}

/// What an edge says. The byte value is part of the store's key format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// speech → section → section: the outline.
    Contains,
    /// speech or section → entity.
    Mentions,
    /// project → district.
    LocatedIn,
    /// measure → goal.
    Serves,
    /// goal → goal (四条新路 ← 山地特色产业生态路): member → slogan.
    MemberOf,
    /// measure → project/sector/district/target.
    Involves,
    /// target → metric.
    OfMetric,
    /// target → project/sector/district.
    About,
    /// goal → goal: the speech says they are the same (同四条新路的“X”).
    SameAs,
}

impl Relation {
    pub const ALL: &'static [Relation] = &[
        Relation::Contains,
        Relation::Mentions,
        Relation::LocatedIn,
        Relation::Serves,
        Relation::MemberOf,
        Relation::Involves,
        Relation::OfMetric,
        Relation::About,
        Relation::SameAs,
    ];

    pub fn byte(self) -> u8 {
        match self {
            Relation::Contains => 1,
            Relation::Mentions => 2,
            Relation::LocatedIn => 3,
            Relation::Serves => 4,
            Relation::MemberOf => 5,
            Relation::Involves => 6,
            Relation::OfMetric => 7,
            Relation::About => 8,
            Relation::SameAs => 9,
        }
    }

    pub fn from_byte(b: u8) -> Option<Relation> {
        Relation::ALL.iter().copied().find(|r| r.byte() == b)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Contains => "contains",
            Relation::Mentions => "mentions",
            Relation::LocatedIn => "located_in",
            Relation::Serves => "serves",
            Relation::MemberOf => "member_of",
            Relation::Involves => "involves",
            Relation::OfMetric => "of_metric",
            Relation::About => "about",
            Relation::SameAs => "same_as",
        }
    }

    pub fn parse(s: &str) -> Option<Relation> {
        Relation::ALL.iter().copied().find(|r| r.as_str() == s)
    }
}

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

/// What the store keeps for a node.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NodeRecord {
    pub kind: NodeKind,
    /// Display name (for anonymised names, without the speech suffix).
    pub name: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attrs: BTreeMap<String, String>,
}

/// What the store keeps for an edge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EdgeRecord {
    pub relation: Relation,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub basis: String,
}
