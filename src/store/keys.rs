//! Every store key is written and read here, and nowhere else.
//!
//! The store has two parts. sled holds the small rows that change: paths,
//! document records, counters, the dead list and the manifest of runs.
//! Runs ([`runs`](super::runs)) hold what a document writes once: its
//! text, its book and its slices, in key-sorted compressed files. A change
//! writes its run first, then one sled batch that names it, so the store
//! moves from one consistent state to the next. The first byte of a key
//! says what it is:
//!
//! | prefix | where | key                                   | value                                   |
//! |--------|-------|---------------------------------------|-----------------------------------------|
//! | `M`    | sled  | meta name                             | meta value; `runs` is the manifest      |
//! | `P`    | sled  | document path                         | doc id (u64 BE)                         |
//! | `D`    | sled  | doc id (u64 BE)                       | `DocRecord` (postcard)                  |
//! | `H`    | sled  | speech hash prefix (12 bytes) + doc id | empty: which documents own a speech's keys |
//! | `N`    | sled  | node key (kind byte + id)             | name and counters ([`NodeRow`])         |
//! | `E`    | sled  | len(from) u16 + from + relation + to  | documents (u32 BE) supporting a shared–shared edge |
//! | `R`    | sled  | doc id                                | empty: a removed or replaced document whose run entries are dead |
//! | `I`    | sled  | len(to) u16 + to + relation + from    | documents stating a serves or member edge between names, per basis (5 × u32 BE), seen from the goal |
//! | `U`    | sled  | speech hash prefix (12 bytes)         | empty: a speech stored under more than one path |
//! | `C`    | sled  | `Y` + metric name, or `S` + goal name + 0 + basis byte | targets of a metric name; local edges into a goal name by basis (u64 BE) |
//! | `T`    | run   | doc id                                | original text (zstd)                    |
//! | `B`    | run   | doc id                                | the document's [`Book`] (postcard, zstd) |
//! | `X`    | run   | len(node key) u16 + node key + doc id | a [`Book`] slice: the node in that document |
//! | `Y`    | run   | metric name + 0 + year + path + 0 + doc id + position | a target of that metric ([`index`](super::index)) |
//! | `S`    | run   | goal name + 0 + class + weight + measure name + 0 + doc id + position, or + relation + other end + doc id | an edge into that goal ([`index`](super::index)) |
//!
//! Why this shape: a document is written once as a few large values (its
//! text and its book of nodes, edges and provenance) plus one `X` entry per
//! shared name it mentions. Speech, section, measure and target nodes
//! belong to one speech and live only in its book; names that merge across
//! speeches (districts, projects, sectors, organizations, goals, metrics)
//! get an `N` row with counters and one `X` entry per document, so a query
//! about one name reads only the entries of the documents that name it.
//! Document ids are handed out in order (`M next_doc_id`) and never
//! reused: a replaced document gets a new id, and its old id goes on the
//! dead list until a merge of runs drops its entries.
//! Format 2 wrote a sled row per fact and span (≈ 7 400 rows per document);
//! format 3 about a hundred sled rows; format 5 (this one) a handful, the
//! rest in runs.
//!
//! [`Book`]: super::book::Book
//! [`NodeRow`]: super::book::NodeRow

use crate::model::{short_hash, NodeKey, NodeKind, Relation};

/// Version of this key layout; a store written with another is refused.
pub const FORMAT_VERSION: u32 = 5;

pub const META: u8 = b'M';
pub const PATH: u8 = b'P';
pub const DOC: u8 = b'D';
pub const OWNER: u8 = b'H';
pub const TEXT: u8 = b'T';
pub const BOOK: u8 = b'B';
pub const NODE: u8 = b'N';
pub const SLICE: u8 = b'X';
pub const EDGE: u8 = b'E';
pub const DEAD: u8 = b'R';
pub const REVERSE_EDGE: u8 = b'I';
pub const DUPLICATE: u8 = b'U';
pub const COUNT: u8 = b'C';
pub const TARGET_INDEX: u8 = b'Y';
pub const SERVES_INDEX: u8 = b'S';

pub const META_FORMAT: &str = "format_version";
pub const META_RULESET: &str = "ruleset_hash";
pub const META_DOCUMENTS: &str = "documents";
pub const META_NEXT_DOC_ID: &str = "next_doc_id";
/// The runs in use ([`RunMeta`](super::runs::RunMeta) list, postcard).
pub const META_RUNS: &str = "runs";
pub const META_NEXT_RUN_ID: &str = "next_run_id";

pub fn meta(name: &str) -> Vec<u8> {
    prefixed(META, name.as_bytes())
}

pub fn path(path: &str) -> Vec<u8> {
    prefixed(PATH, path.as_bytes())
}

pub fn doc(doc_id: u64) -> Vec<u8> {
    prefixed(DOC, &doc_id.to_be_bytes())
}

pub fn text(doc_id: u64) -> Vec<u8> {
    prefixed(TEXT, &doc_id.to_be_bytes())
}

pub fn book(doc_id: u64) -> Vec<u8> {
    prefixed(BOOK, &doc_id.to_be_bytes())
}

/// Run entries whose values are compressed already (texts and books, on
/// the thread that extracted them): runs store their blocks as they are.
pub fn is_packed(key: &[u8]) -> bool {
    matches!(key.first(), Some(&TEXT | &BOOK))
}

pub fn dead(doc_id: u64) -> Vec<u8> {
    prefixed(DEAD, &doc_id.to_be_bytes())
}

/// Reads the doc id back from a `D`, `R`, `T` or `B` key.
pub fn doc_id_of(key: &[u8]) -> Option<u64> {
    Some(u64::from_be_bytes(key.get(1..9)?.try_into().ok()?))
}

/// Prefix of the owner rows of a speech hash.
pub fn owner_prefix(hash: &str) -> Vec<u8> {
    prefixed(OWNER, short_hash(hash).as_bytes())
}

pub fn owner(hash: &str, doc_id: u64) -> Vec<u8> {
    let mut v = owner_prefix(hash);
    v.extend_from_slice(&doc_id.to_be_bytes());
    v
}

/// Node kinds that belong to one speech and live only in its book. Every
/// other kind is shared: it has an `N` row and `X` slices.
pub fn is_book_only(kind: NodeKind) -> bool {
    matches!(
        kind,
        NodeKind::Speech | NodeKind::Section | NodeKind::Measure | NodeKind::Target
    )
}

/// The speech hash prefix a book-only key carries: the whole id of a
/// speech, the part before `/` of a section or target, the part after the
/// last `@` of a measure.
pub fn owner_hash(key: &NodeKey) -> Option<&str> {
    let id = key.id.as_str();
    let h = match key.kind {
        NodeKind::Speech => id,
        NodeKind::Section | NodeKind::Target => id.split('/').next()?,
        NodeKind::Measure => id.rsplit('@').next()?,
        _ => return None,
    };
    Some(short_hash(h))
}

pub fn node(key: &NodeKey) -> Vec<u8> {
    prefixed(NODE, &key.to_bytes())
}

/// Prefix of all `N` rows of one kind.
pub fn node_kind_prefix(kind: NodeKind) -> Vec<u8> {
    vec![NODE, kind.byte()]
}

/// Prefix of every slice of a shared node.
pub fn slice_prefix(key: &NodeKey) -> Vec<u8> {
    let mut v = vec![SLICE];
    push_len(&mut v, &key.to_bytes());
    v
}

pub fn slice(key: &NodeKey, doc_id: u64) -> Vec<u8> {
    let mut v = slice_prefix(key);
    v.extend_from_slice(&doc_id.to_be_bytes());
    v
}

/// The document of an `X` key.
pub fn slice_doc(key: &[u8]) -> Option<u64> {
    let n = key.len();
    Some(u64::from_be_bytes(
        key.get(n.checked_sub(8)?..)?.try_into().ok()?,
    ))
}

/// The node of an `X` key.
pub fn slice_node(key: &[u8]) -> Option<NodeKey> {
    let len = u16::from_be_bytes([*key.get(1)?, *key.get(2)?]) as usize;
    NodeKey::from_bytes(key.get(3..3 + len)?)
}

pub fn edge(from: &NodeKey, rel: Relation, to: &NodeKey) -> Vec<u8> {
    edge_row(EDGE, from, rel, to)
}

/// The `I` row of a serves or member edge between names: the goal first.
pub fn reverse_edge(from: &NodeKey, rel: Relation, to: &NodeKey) -> Vec<u8> {
    edge_row(REVERSE_EDGE, to, rel, from)
}

/// Prefix of the `I` rows into a node.
pub fn reverse_edge_prefix(to: &NodeKey) -> Vec<u8> {
    let mut v = vec![REVERSE_EDGE];
    push_len(&mut v, &to.to_bytes());
    v
}

/// Whether an edge between names gets an `I` row.
pub fn has_reverse(rel: Relation, to: &NodeKey) -> bool {
    matches!(rel, Relation::Serves | Relation::MemberOf) && to.kind == NodeKind::Goal
}

fn edge_row(prefix: u8, a: &NodeKey, rel: Relation, b: &NodeKey) -> Vec<u8> {
    let (f, t) = (a.to_bytes(), b.to_bytes());
    let mut v = Vec::with_capacity(4 + f.len() + t.len());
    v.push(prefix);
    push_len(&mut v, &f);
    v.push(rel.byte());
    v.extend_from_slice(&t);
    v
}

pub fn duplicate(hash: &str) -> Vec<u8> {
    prefixed(DUPLICATE, short_hash(hash).as_bytes())
}

/// The `C` row counting the targets of a metric name.
pub fn metric_count(metric: &str) -> Vec<u8> {
    let mut v = vec![COUNT, TARGET_INDEX];
    v.extend_from_slice(metric.as_bytes());
    v
}

/// The `C` row counting the local edges into a goal name with one basis.
pub fn goal_count(goal: &str, basis: u8) -> Vec<u8> {
    let mut v = vec![COUNT, SERVES_INDEX];
    v.extend_from_slice(goal.as_bytes());
    v.push(0);
    v.push(basis);
    v
}

/// Parses an `E` key into (from, relation, to).
pub fn parse_edge(key: &[u8]) -> Option<(NodeKey, Relation, NodeKey)> {
    let body = key.get(1..)?;
    let len = u16::from_be_bytes([*body.first()?, *body.get(1)?]) as usize;
    let a = NodeKey::from_bytes(body.get(2..2 + len)?)?;
    let rel = Relation::from_byte(*body.get(2 + len)?)?;
    let b = NodeKey::from_bytes(body.get(3 + len..)?)?;
    Some((a, rel, b))
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

/// A fact whose evidence can be asked for: a node or an edge.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Fact {
    Node(NodeKey),
    Edge(NodeKey, Relation, NodeKey),
}

impl Fact {
    pub fn node(key: &NodeKey) -> Fact {
        Fact::Node(key.clone())
    }

    pub fn edge(from: &NodeKey, rel: Relation, to: &NodeKey) -> Fact {
        Fact::Edge(from.clone(), rel, to.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip() {
        let a = NodeKey::new(NodeKind::Goal, "高质量发展");
        let b = NodeKey::new(NodeKind::Goal, "四条新路");
        assert_eq!(
            parse_edge(&edge(&a, Relation::MemberOf, &b)),
            Some((a.clone(), Relation::MemberOf, b))
        );
        let k = slice(&a, 42);
        assert_eq!(slice_doc(&k), Some(42));
        assert_eq!(slice_node(&k), Some(a));
        assert_eq!(doc_id_of(&doc(7)), Some(7));
    }

    #[test]
    fn book_only_keys_name_their_speech() {
        let h = "0123456789abcdef";
        let cases = [
            (NodeKey::new(NodeKind::Speech, h), Some("0123456789ab")),
            (
                NodeKey::new(NodeKind::Section, "0123456789ab/1.2"),
                Some("0123456789ab"),
            ),
            (
                NodeKey::new(NodeKind::Target, "0123456789ab/10-20"),
                Some("0123456789ab"),
            ),
            (
                NodeKey::new(NodeKind::Measure, "招商@引资@0123456789ab"),
                Some("0123456789ab"),
            ),
            (NodeKey::new(NodeKind::Project, "白沙数字小镇"), None),
        ];
        for (key, want) in cases {
            assert_eq!(owner_hash(&key), want, "{key:?}");
            assert_eq!(is_book_only(key.kind), want.is_some());
        }
    }
}
