//! Every store key is written and read here, and nowhere else.
//!
//! One sled tree holds the whole graph so that one document's change is one
//! atomic batch. The first byte of a key says what it is:
//!
//! | prefix | key                                              | value              |
//! |--------|--------------------------------------------------|--------------------|
//! | `M`    | meta name                                        | meta value         |
//! | `D`    | document path                                    | `DocRecord` (JSON) |
//! | `T`    | doc id (u64 BE)                                  | original text      |
//! | `N`    | node key (kind byte + id)                        | `NodeRecord`       |
//! | `O`    | len(from) u16 + from + relation byte + to        | `EdgeRecord`       |
//! | `I`    | len(to) u16 + to + relation byte + from          | empty              |
//! | `P`    | len(fact) u16 + fact + doc id + start + end      | `ProvRecord`       |
//! | `F`    | doc id                                           | fact index (below) |
//!
//! A *fact* is a node (`n` + node key) or an edge (`e` + the `O` key body).
//! `P` rows are the provenance (one per fact, document and span); a
//! document's `F` value lists its (fact, start, end) triples, so a document
//! can be removed exactly. Format 1 kept one `F` row per triple; format 2
//! writes half as many keys. Offsets are
//! u32 big-endian character offsets, so keys sort by position.

use crate::graph::model::{NodeKey, Relation};

/// Version of this key layout; a store written with another is refused.
pub const FORMAT_VERSION: u32 = 2;

pub const META: u8 = b'M';
pub const DOC: u8 = b'D';
pub const TEXT: u8 = b'T';
pub const NODE: u8 = b'N';
pub const OUT: u8 = b'O';
pub const IN: u8 = b'I';
pub const PROV: u8 = b'P';
pub const DOC_FACT: u8 = b'F';

pub const META_FORMAT: &str = "format_version";
pub const META_RULESET: &str = "ruleset_hash";

pub fn meta(name: &str) -> Vec<u8> {
    prefixed(META, name.as_bytes())
}

pub fn doc(path: &str) -> Vec<u8> {
    prefixed(DOC, path.as_bytes())
}

pub fn text(doc_id: u64) -> Vec<u8> {
    prefixed(TEXT, &doc_id.to_be_bytes())
}

pub fn node(key: &NodeKey) -> Vec<u8> {
    prefixed(NODE, &key.to_bytes())
}

/// Prefix of all nodes of one kind.
pub fn node_kind_prefix(kind: crate::graph::model::NodeKind) -> Vec<u8> {
    vec![NODE, kind.byte()]
}

fn prefixed(p: u8, body: &[u8]) -> Vec<u8> {
    let mut v = Vec::with_capacity(1 + body.len());
    v.push(p);
    v.extend_from_slice(body);
    v
}

fn push_len(v: &mut Vec<u8>, b: &[u8]) {
    v.extend_from_slice(&(b.len() as u16).to_be_bytes());
    v.extend_from_slice(b);
}

/// Body of an edge key: len(from) + from + relation + to.
pub fn edge_body(from: &NodeKey, rel: Relation, to: &NodeKey) -> Vec<u8> {
    let (f, t) = (from.to_bytes(), to.to_bytes());
    let mut v = Vec::with_capacity(3 + f.len() + t.len());
    push_len(&mut v, &f);
    v.push(rel.byte());
    v.extend_from_slice(&t);
    v
}

pub fn out_edge(from: &NodeKey, rel: Relation, to: &NodeKey) -> Vec<u8> {
    prefixed(OUT, &edge_body(from, rel, to))
}

pub fn in_edge(from: &NodeKey, rel: Relation, to: &NodeKey) -> Vec<u8> {
    prefixed(IN, &edge_body(to, rel, from))
}

/// Prefix of every outgoing (`OUT`) or incoming (`IN`) edge of `node`.
pub fn edges_of(direction: u8, node: &NodeKey) -> Vec<u8> {
    let mut v = vec![direction];
    push_len(&mut v, &node.to_bytes());
    v
}

/// Parses an `O` or `I` key into (this end, relation, other end).
pub fn parse_edge(key: &[u8]) -> Option<(NodeKey, Relation, NodeKey)> {
    let body = key.get(1..)?;
    let len = u16::from_be_bytes([*body.first()?, *body.get(1)?]) as usize;
    let a = NodeKey::from_bytes(body.get(2..2 + len)?)?;
    let rel = Relation::from_byte(*body.get(2 + len)?)?;
    let b = NodeKey::from_bytes(body.get(3 + len..)?)?;
    Some((a, rel, b))
}

/// A fact: a node or an edge, as bytes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Fact(pub Vec<u8>);

impl Fact {
    pub fn node(key: &NodeKey) -> Fact {
        prefixed_fact(b'n', &key.to_bytes())
    }

    pub fn edge(from: &NodeKey, rel: Relation, to: &NodeKey) -> Fact {
        prefixed_fact(b'e', &edge_body(from, rel, to))
    }

    /// Whether the fact is an edge (else a node).
    pub fn is_edge(&self) -> bool {
        self.0.first() == Some(&b'e')
    }

    /// The stored record key this fact lives under (`N…` or `O…`), plus the
    /// `I…` key for edges.
    pub fn record_keys(&self) -> (Vec<u8>, Option<Vec<u8>>) {
        match self.0.first() {
            Some(b'n') => (prefixed(NODE, &self.0[1..]), None),
            _ => {
                let mut o = vec![OUT];
                o.extend_from_slice(&self.0[1..]);
                let (from, rel, to) = parse_edge(&o).expect("edge fact encodes an edge");
                (o, Some(in_edge(&from, rel, &to)))
            }
        }
    }
}

fn prefixed_fact(p: u8, body: &[u8]) -> Fact {
    let mut v = Vec::with_capacity(1 + body.len());
    v.push(p);
    v.extend_from_slice(body);
    Fact(v)
}

/// Prefix of every provenance row of a fact.
pub fn prov_prefix(fact: &Fact) -> Vec<u8> {
    let mut v = vec![PROV];
    push_len(&mut v, &fact.0);
    v
}

pub fn prov(fact: &Fact, doc_id: u64, start: u32, end: u32) -> Vec<u8> {
    let mut v = prov_prefix(fact);
    v.extend_from_slice(&doc_id.to_be_bytes());
    v.extend_from_slice(&start.to_be_bytes());
    v.extend_from_slice(&end.to_be_bytes());
    v
}

/// Parses a `P` key into (fact, doc id, start, end).
pub fn parse_prov(key: &[u8]) -> Option<(Fact, u64, u32, u32)> {
    let len = u16::from_be_bytes([*key.get(1)?, *key.get(2)?]) as usize;
    let fact = Fact(key.get(3..3 + len)?.to_vec());
    let rest = key.get(3 + len..)?;
    if rest.len() != 16 {
        return None;
    }
    Some((
        fact,
        u64::from_be_bytes(rest[0..8].try_into().ok()?),
        u32::from_be_bytes(rest[8..12].try_into().ok()?),
        u32::from_be_bytes(rest[12..16].try_into().ok()?),
    ))
}

/// Key of a document's fact index: every (fact, start, end) it supports,
/// in one value written with the document (it never grows afterwards).
pub fn doc_facts(doc_id: u64) -> Vec<u8> {
    prefixed(DOC_FACT, &doc_id.to_be_bytes())
}

/// Encodes a document's fact index: len(fact) u16 + fact + start + end, repeated.
pub fn encode_doc_facts<'f>(facts: impl Iterator<Item = (&'f Fact, u32, u32)>) -> Vec<u8> {
    let mut v = Vec::new();
    for (fact, start, end) in facts {
        push_len(&mut v, &fact.0);
        v.extend_from_slice(&start.to_be_bytes());
        v.extend_from_slice(&end.to_be_bytes());
    }
    v
}

/// Decodes a document's fact index; `None` if it is corrupt.
pub fn decode_doc_facts(mut v: &[u8]) -> Option<Vec<(Fact, u32, u32)>> {
    let mut out = Vec::new();
    while !v.is_empty() {
        let len = u16::from_be_bytes([*v.first()?, *v.get(1)?]) as usize;
        let fact = Fact(v.get(2..2 + len)?.to_vec());
        let rest = v.get(2 + len..2 + len + 8)?;
        out.push((
            fact,
            u32::from_be_bytes(rest[0..4].try_into().ok()?),
            u32::from_be_bytes(rest[4..8].try_into().ok()?),
        ));
        v = &v[2 + len + 8..];
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::model::NodeKind;

    #[test]
    fn keys_round_trip() {
        let a = NodeKey::new(NodeKind::Project, "临江产业园");
        let b = NodeKey::new(NodeKind::District, "临江区");
        let (x, r, y) = parse_edge(&out_edge(&a, Relation::LocatedIn, &b)).unwrap();
        assert_eq!((x, r, y), (a.clone(), Relation::LocatedIn, b.clone()));
        let f = Fact::edge(&a, Relation::LocatedIn, &b);
        assert_eq!(
            parse_prov(&prov(&f, 7, 3, 9)).unwrap(),
            (f.clone(), 7, 3, 9)
        );
        let list = [(f.clone(), 3, 9), (f.clone(), 10, 12)];
        assert_eq!(
            decode_doc_facts(&encode_doc_facts(list.iter().map(|(f, s, e)| (f, *s, *e)))).unwrap(),
            list.to_vec()
        );
        let (o, i) = f.record_keys();
        assert_eq!(o, out_edge(&a, Relation::LocatedIn, &b));
        assert_eq!(i.unwrap(), in_edge(&a, Relation::LocatedIn, &b));
    }

    #[test]
    fn prov_prefix_does_not_catch_longer_names() {
        let short = Fact::node(&NodeKey::new(NodeKind::Organization, "区委"));
        let long = Fact::node(&NodeKey::new(NodeKind::Organization, "区委办"));
        assert!(!prov(&long, 1, 0, 1).starts_with(&prov_prefix(&short)));
    }
}
