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
//! | `M`    | sled  | meta name                             | meta value; `runs` is the manifest, `totals` what `stats` prints |
//! | `P`    | sled  | document path                         | doc id (u64 BE)                         |
//! | `D`    | sled  | doc id (u64 BE)                       | `DocRecord` (postcard)                  |
//! | `H`    | sled  | speech hash prefix (12 bytes) + doc id | empty: which documents own a speech's keys |
//! | `N`    | sled  | node key (kind byte + id)             | name and counters ([`NodeRow`])         |
//! | `E`    | sled  | len(from) u16 + from + relation + to  | documents (u32 BE) supporting a shared–shared edge |
//! | `R`    | sled  | doc id                                | empty: a removed or replaced document whose run entries are dead |
//! | `I`    | sled  | len(to) u16 + to + relation + from    | documents stating a serves or member edge between names, per basis (5 × u32 BE), seen from the goal |
//! | `U`    | sled  | speech hash prefix (12 bytes)         | empty: a speech stored under more than one path |
//! | `C`    | sled  | `Y` + metric name, or `S` + goal name + 0 + basis rank | targets of a metric name; local edges into a goal name by basis (u64 BE) |
//! | `T`    | run   | doc id                                | original text (zstd)                    |
//! | `B`    | run   | doc id                                | the document's [`Book`] (postcard, zstd) |
//! | `X`    | run   | len(node key) u16 + node key + doc id | a [`Book`] slice: the node in that document |
//! | `Y`    | run   | metric name + 0 + year + jurisdiction + 0 + path + 0 + doc id + position | a target of that metric ([`index`](super::index)) |
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
//! format 3 about a hundred sled rows; format 5 a handful, the rest in
//! runs. Format 6 kept a target's figures and an edge's basis typed in
//! books and index entries (postcard) instead of strings; format 7 kept a
//! target's status, change and qualifier as enums, its direction and
//! signed value with its figures, and what it is about beside them
//! (`TargetRecord`); format 8 added a target's jurisdiction (in its
//! figures and its `Y` key) and a document's date and jurisdiction; format
//! 9 (this one) keeps the date an HTML page declared in its markup in the
//! document's record, for `reindex`, and a document's other paths (the
//! same text added under several paths is one document, each path's `P`
//! row naming it).
//!
//! This module also reads and writes the fixed-width numbers sled rows
//! hold (document ids, counters), so no other module takes a key or such a
//! value apart by hand.
//!
//! [`Book`]: super::book::Book
//! [`NodeRow`]: super::book::NodeRow

use crate::model::{short_hash, Basis, NodeKey, NodeKind, Relation};

/// Version of this key layout; a store written with another is refused.
pub(crate) const FORMAT_VERSION: u32 = 9;

const META: u8 = b'M';
const PATH: u8 = b'P';
const DOC: u8 = b'D';
const OWNER: u8 = b'H';
const TEXT: u8 = b'T';
const BOOK: u8 = b'B';
const NODE: u8 = b'N';
const SLICE: u8 = b'X';
const EDGE: u8 = b'E';
const DEAD: u8 = b'R';
const REVERSE_EDGE: u8 = b'I';
const DUPLICATE: u8 = b'U';
const COUNT: u8 = b'C';
const TARGET_INDEX: u8 = b'Y';
const SERVES_INDEX: u8 = b'S';

/// Prefixes of every row or entry of one kind, for scans of a whole table.
pub(crate) const ALL_PATHS: [u8; 1] = [PATH];
pub(crate) const ALL_DOCS: [u8; 1] = [DOC];
pub(crate) const ALL_NODES: [u8; 1] = [NODE];
pub(crate) const ALL_EDGES: [u8; 1] = [EDGE];
pub(crate) const ALL_DEAD: [u8; 1] = [DEAD];
pub(crate) const ALL_REVERSE_EDGES: [u8; 1] = [REVERSE_EDGE];
pub(crate) const ALL_DUPLICATES: [u8; 1] = [DUPLICATE];
pub(crate) const ALL_COUNTS: [u8; 1] = [COUNT];
pub(crate) const ALL_BOOKS: [u8; 1] = [BOOK];
pub(crate) const ALL_SLICES: [u8; 1] = [SLICE];
/// Both query indexes (`Y` and `S`).
pub(crate) const ALL_INDEX_ENTRIES: [[u8; 1]; 2] = [[TARGET_INDEX], [SERVES_INDEX]];

pub(crate) const META_FORMAT: &str = "format_version";
pub(crate) const META_RULESET: &str = "ruleset_hash";
pub(crate) const META_DOCUMENTS: &str = "documents";
pub(crate) const META_NEXT_DOC_ID: &str = "next_doc_id";
/// The runs in use ([`RunMeta`](super::runs::RunMeta) list, postcard).
pub(crate) const META_RUNS: &str = "runs";
pub(crate) const META_NEXT_RUN_ID: &str = "next_run_id";
/// Commits so far: the snapshot readers load records the count it was
/// taken at, so a writer can tell a stale one.
pub(crate) const META_COMMITS: &str = "commits";
/// What `ptkg stats` prints (documents, nodes by kind, edges by relation,
/// provenance rows) with the commit it was written at
/// ([`totals`](super::totals), postcard). Added within format 9: a store
/// without it is counted instead, and its next writer writes it.
pub(crate) const META_TOTALS: &str = "totals";

/// The row family `key` belongs to: its first byte, the prefix of the
/// table above. The snapshot readers load keeps each family in a block of
/// its own ([`rows`](super::rows)), so a command loads only the families
/// it reads (`stats` the meta rows alone).
pub(crate) fn family(key: &[u8]) -> u8 {
    key.first().copied().unwrap_or(0)
}

/// The family of the meta rows (`M`).
#[cfg(test)]
pub(crate) const META_FAMILY: u8 = META;

/// Whether `key` is a meta row.
#[cfg(test)]
pub(crate) fn is_meta(key: &[u8]) -> bool {
    key.first() == Some(&META)
}

pub(crate) fn meta(name: &str) -> Vec<u8> {
    prefixed(META, name.as_bytes())
}

pub(crate) fn path(path: &str) -> Vec<u8> {
    prefixed(PATH, path.as_bytes())
}

pub(crate) fn doc(doc_id: u64) -> Vec<u8> {
    prefixed(DOC, &doc_id.to_be_bytes())
}

pub(crate) fn text(doc_id: u64) -> Vec<u8> {
    prefixed(TEXT, &doc_id.to_be_bytes())
}

pub(crate) fn book(doc_id: u64) -> Vec<u8> {
    prefixed(BOOK, &doc_id.to_be_bytes())
}

/// Run entries whose values are compressed already (texts and books, on
/// the thread that extracted them): runs store their blocks as they are.
pub(crate) fn is_packed(key: &[u8]) -> bool {
    matches!(key.first(), Some(&TEXT | &BOOK))
}

pub(crate) fn dead(doc_id: u64) -> Vec<u8> {
    prefixed(DEAD, &doc_id.to_be_bytes())
}

/// Reads the doc id back from a `D`, `R`, `T` or `B` key.
pub(crate) fn doc_id_of(key: &[u8]) -> Option<u64> {
    Some(u64::from_be_bytes(key.get(1..9)?.try_into().ok()?))
}

/// Prefix of the owner rows of a speech hash.
pub(crate) fn owner_prefix(hash: &str) -> Vec<u8> {
    prefixed(OWNER, short_hash(hash).as_bytes())
}

pub(crate) fn owner(hash: &str, doc_id: u64) -> Vec<u8> {
    let mut v = owner_prefix(hash);
    v.extend_from_slice(&doc_id.to_be_bytes());
    v
}

/// The document of an `H` key: its last eight bytes.
pub(crate) fn owner_doc(key: &[u8]) -> Option<u64> {
    last_u64(key)
}

/// Node kinds that belong to one speech and live only in its book. Every
/// other kind is shared: it has an `N` row and `X` slices.
pub(crate) fn is_book_only(kind: NodeKind) -> bool {
    kind.is_speech_local()
}

/// The speech hash prefix a book-only key carries: the whole id of a
/// speech, the part before `/` of a section or target, the part after the
/// last `@` of a measure.
pub(crate) fn owner_hash(key: &NodeKey) -> Option<&str> {
    let id = key.id.as_str();
    let h = match key.kind {
        NodeKind::Speech => id,
        NodeKind::Section | NodeKind::Target => id.split('/').next()?,
        NodeKind::Measure => id.rsplit('@').next()?,
        _ => return None,
    };
    Some(short_hash(h))
}

pub(crate) fn node(key: &NodeKey) -> Vec<u8> {
    prefixed(NODE, &key.to_bytes())
}

/// Prefix of all `N` rows of one kind.
pub(crate) fn node_kind_prefix(kind: NodeKind) -> Vec<u8> {
    vec![NODE, kind.byte()]
}

/// Prefix of the `N` rows of one kind whose id begins with `name`.
pub(crate) fn node_name_prefix(kind: NodeKind, name: &str) -> Vec<u8> {
    let mut v = node_kind_prefix(kind);
    v.extend_from_slice(name.as_bytes());
    v
}

/// The node of an `N` key.
pub(crate) fn node_of(key: &[u8]) -> Option<NodeKey> {
    NodeKey::from_bytes(key.get(1..)?)
}

/// The kind of an `N` key, without reading its id.
pub(crate) fn node_kind_of(key: &[u8]) -> Option<NodeKind> {
    key.get(1).and_then(|b| NodeKind::from_byte(*b))
}

/// Prefix of every slice of a shared node.
pub(crate) fn slice_prefix(key: &NodeKey) -> Vec<u8> {
    let mut v = vec![SLICE];
    push_len(&mut v, &key.to_bytes());
    v
}

pub(crate) fn slice(key: &NodeKey, doc_id: u64) -> Vec<u8> {
    let mut v = slice_prefix(key);
    v.extend_from_slice(&doc_id.to_be_bytes());
    v
}

/// The document of an `X` key.
pub(crate) fn slice_doc(key: &[u8]) -> Option<u64> {
    last_u64(key)
}

/// The node of an `X` key.
#[cfg(test)]
pub(crate) fn slice_node(key: &[u8]) -> Option<NodeKey> {
    let len = u16::from_be_bytes([*key.get(1)?, *key.get(2)?]) as usize;
    NodeKey::from_bytes(key.get(3..3 + len)?)
}

pub(crate) fn edge(from: &NodeKey, rel: Relation, to: &NodeKey) -> Vec<u8> {
    edge_row(EDGE, from, rel, to)
}

/// The `I` row of a serves or member edge between names: the goal first.
pub(crate) fn reverse_edge(from: &NodeKey, rel: Relation, to: &NodeKey) -> Vec<u8> {
    edge_row(REVERSE_EDGE, to, rel, from)
}

/// Prefix of the `I` rows into a node.
pub(crate) fn reverse_edge_prefix(to: &NodeKey) -> Vec<u8> {
    let mut v = vec![REVERSE_EDGE];
    push_len(&mut v, &to.to_bytes());
    v
}

/// Whether an edge between names gets an `I` row.
pub(crate) fn has_reverse(rel: Relation, to: &NodeKey) -> bool {
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

pub(crate) fn duplicate(hash: &str) -> Vec<u8> {
    prefixed(DUPLICATE, short_hash(hash).as_bytes())
}

/// The speech hash prefix of a `U` key.
pub(crate) fn duplicate_hash(key: &[u8]) -> String {
    String::from_utf8_lossy(key.get(1..).unwrap_or_default()).into_owned()
}

/// The `C` row counting the targets of a metric name.
pub(crate) fn metric_count(metric: &str) -> Vec<u8> {
    let mut v = vec![COUNT, TARGET_INDEX];
    v.extend_from_slice(metric.as_bytes());
    v
}

/// The `C` row counting the local edges into a goal name whose shown
/// basis has this [`Basis::rank`].
pub(crate) fn goal_count(goal: &str, basis_rank: u8) -> Vec<u8> {
    let mut v = vec![COUNT, SERVES_INDEX];
    v.extend_from_slice(goal.as_bytes());
    v.push(0);
    v.push(basis_rank);
    v
}

/// Parses an `E` (or `I`) key into (first end, relation, second end).
pub(crate) fn parse_edge(key: &[u8]) -> Option<(NodeKey, Relation, NodeKey)> {
    let body = key.get(1..)?;
    let len = u16::from_be_bytes([*body.first()?, *body.get(1)?]) as usize;
    let a = NodeKey::from_bytes(body.get(2..2 + len)?)?;
    let rel = Relation::from_byte(*body.get(2 + len)?)?;
    let b = NodeKey::from_bytes(body.get(3 + len..)?)?;
    Some((a, rel, b))
}

// The query indexes (`Y`, `S`; see `index`). An entry's key is a prefix
// built from the book, the document id the writer hands out, then a suffix.

/// `S` class of edges from a speech's own nodes.
const LOCAL: u8 = 1;
/// `S` class of edges between shared names.
const SHARED: u8 = 0;

/// The key of an index entry: `prefix` + document id + `suffix`.
pub(crate) fn index_entry(prefix: &[u8], doc_id: u64, suffix: &[u8]) -> Vec<u8> {
    let mut k = Vec::with_capacity(prefix.len() + 8 + suffix.len());
    k.extend_from_slice(prefix);
    k.extend_from_slice(&doc_id.to_be_bytes());
    k.extend_from_slice(suffix);
    k
}

/// Weight in a key: higher weights sort first.
fn weight_bytes(w: f64) -> [u8; 2] {
    (10_000u16.saturating_sub((w * 1000.0).round() as u16)).to_be_bytes()
}

/// Year in a key: no year first, then in order.
fn year_bytes(year: Option<i32>) -> Vec<u8> {
    match year {
        None => vec![0],
        Some(y) => {
            let mut v = vec![1];
            v.extend_from_slice(&((y as u32) ^ 0x8000_0000).to_be_bytes());
            v
        }
    }
}

/// Prefix of the `Y` entries of a metric name, or of one year of it
/// (`Some(None)`: the targets without a year).
pub(crate) fn target_prefix(metric: &str, year: Option<Option<i32>>) -> Vec<u8> {
    let mut k = terminated(vec![TARGET_INDEX], metric);
    if let Some(y) = year {
        k.extend_from_slice(&year_bytes(y));
    }
    k
}

/// Prefix of the `Y` entries of one metric, year and jurisdiction ("" for
/// none): the targets and actuals a promise is paired within.
pub(crate) fn target_place_prefix(metric: &str, year: Option<i32>, jurisdiction: &str) -> Vec<u8> {
    terminated(target_prefix(metric, Some(year)), jurisdiction)
}

/// Prefix of a target's `Y` entry: metric, year, jurisdiction, the
/// document's path.
pub(crate) fn target_entry_prefix(
    metric: &str,
    year: Option<i32>,
    jurisdiction: &str,
    path: &str,
) -> Vec<u8> {
    terminated(target_place_prefix(metric, year, jurisdiction), path)
}

/// `prefix` + `name` + 0: a name inside a key, ended so that a shorter
/// name sorts before the longer ones it begins.
fn terminated(mut prefix: Vec<u8>, name: &str) -> Vec<u8> {
    prefix.extend_from_slice(name.as_bytes());
    prefix.push(0);
    prefix
}

/// Prefix of the `S` entries of a goal name and class.
fn serves_prefix(goal: &str, class: u8) -> Vec<u8> {
    let mut k = terminated(vec![SERVES_INDEX], goal);
    k.push(class);
    k
}

/// Prefix of the `S` entries of the edges from speeches' own nodes into a
/// goal name, highest weight first.
pub(crate) fn local_serves_prefix(goal: &str) -> Vec<u8> {
    serves_prefix(goal, LOCAL)
}

/// Prefix of a local edge's `S` entry: goal, weight, the measure's name.
pub(crate) fn local_serves_entry_prefix(goal: &str, weight: f64, measure: &str) -> Vec<u8> {
    let mut prefix = local_serves_prefix(goal);
    prefix.extend_from_slice(&weight_bytes(weight));
    terminated(prefix, measure)
}

/// Prefix of the `S` entries of one edge between shared names, one per
/// document in id order.
pub(crate) fn shared_edge_prefix(goal: &str, relation: Relation, other: &NodeKey) -> Vec<u8> {
    let mut k = serves_prefix(goal, SHARED);
    k.push(relation.byte());
    push_len(&mut k, &other.to_bytes());
    k
}

/// What ends a local entry's key: the position, then the edge's place in
/// its book (unique).
pub(crate) fn position_suffix(start: u32, edge: u32) -> Vec<u8> {
    let mut suffix = Vec::with_capacity(8);
    suffix.extend_from_slice(&start.to_be_bytes());
    suffix.extend_from_slice(&edge.to_be_bytes());
    suffix
}

/// What ends a shared edge's entry key: the edge's place in its book.
pub(crate) fn edge_suffix(edge: u32) -> Vec<u8> {
    edge.to_be_bytes().to_vec()
}

/// The rank byte of a shown basis (`None` ranks with the rest).
pub(crate) fn basis_rank(shown: Option<Basis>) -> u8 {
    shown.map_or(Basis::RANKS as u8 - 1, Basis::rank)
}

// Fixed-width numbers in sled values.

/// A document id or counter as a sled value.
pub(crate) fn u64_value(n: u64) -> [u8; 8] {
    n.to_be_bytes()
}

/// A document id or counter read back (`None` when the value is not one).
pub(crate) fn read_u64(v: &[u8]) -> Option<u64> {
    v.try_into().ok().map(u64::from_be_bytes)
}

/// An edge's document count as a sled value.
pub(crate) fn u32_value(n: u32) -> [u8; 4] {
    n.to_be_bytes()
}

pub(crate) fn read_u32(v: &[u8]) -> Option<u32> {
    v.try_into().ok().map(u32::from_be_bytes)
}

fn last_u64(key: &[u8]) -> Option<u64> {
    let n = key.len();
    read_u64(key.get(n.checked_sub(8)?..)?)
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
        assert_eq!(slice_node(&k), Some(a.clone()));
        assert_eq!(doc_id_of(&doc(7)), Some(7));
        assert_eq!(owner_doc(&owner("0123456789abcdef", 9)), Some(9));
        assert_eq!(node_of(&node(&a)), Some(a.clone()));
        assert_eq!(node_kind_of(&node(&a)), Some(NodeKind::Goal));
        assert_eq!(
            duplicate_hash(&duplicate("0123456789abcdef")),
            "0123456789ab"
        );
        assert_eq!(read_u64(&u64_value(70_000)), Some(70_000));
        assert_eq!(read_u32(&u32_value(3)), Some(3));
    }

    #[test]
    fn index_keys_sort_as_the_queries_print() {
        // Higher weights first, then the measure's name.
        let strong = local_serves_entry_prefix("高质量发展", 1.0, "乙");
        let weak = local_serves_entry_prefix("高质量发展", 0.3, "甲");
        assert!(strong < weak);
        assert!(strong.starts_with(&local_serves_prefix("高质量发展")));
        // No year first, then years in order; a metric's entries stay
        // apart from those of a longer name it begins.
        let none = target_entry_prefix("地区生产总值", None, "临江区", "a.txt");
        let y2020 = target_entry_prefix("地区生产总值", Some(2020), "临江区", "a.txt");
        let y2021 = target_entry_prefix("地区生产总值", Some(2021), "临江区", "a.txt");
        assert!(none < y2020 && y2020 < y2021);
        assert!(y2021.starts_with(&target_prefix("地区生产总值", Some(Some(2021)))));
        assert!(!target_entry_prefix("地区生产总值增速", None, "", "a.txt")
            .starts_with(&target_prefix("地区生产总值", None)));
        // One year's entries of a jurisdiction are one range, apart from a
        // jurisdiction whose name begins with it.
        let place = target_place_prefix("地区生产总值", Some(2021), "临江");
        assert!(y2021.starts_with(&target_place_prefix("地区生产总值", Some(2021), "临江区")));
        assert!(!y2021.starts_with(&place));
        assert_eq!(basis_rank(Some(Basis::Member)), 0);
        assert_eq!(basis_rank(None), basis_rank(Some(Basis::Outline)));
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
