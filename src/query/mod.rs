//! Questions asked of the store: listing nodes of a kind, showing one node
//! with its edges and evidence sentences.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use serde::Serialize;

mod graph;

pub use graph::Graph;

use crate::error::Result;
use crate::extract::CharIndex;
use crate::model::{NodeKey, NodeKind, Relation};
use crate::store::index;
use crate::store::keys::{self, Fact};
use crate::store::{Evidence, Store};

/// One row of `ptkg list KIND`.
#[derive(Debug, Clone, Serialize)]
pub struct ListRow {
    pub kind: NodeKind,
    pub name: String,
    pub documents: usize,
    pub mentions: usize,
}

/// Every node of `kind`, most mentioned first. Shared names read their
/// counters; speeches, sections, measures and targets are counted in the
/// books.
pub fn list(store: &Store, kind: NodeKind) -> Result<Vec<ListRow>> {
    let mut rows = Vec::new();
    if !crate::store::keys::is_book_only(kind) {
        for (_, row) in store.shared_nodes(kind)? {
            rows.push(ListRow {
                kind,
                name: row.name,
                documents: row.documents as usize,
                mentions: row.mentions as usize,
            });
        }
    } else {
        let mut by_key: HashMap<NodeKey, ListRow> = HashMap::new();
        for b in store.books() {
            let (_, b) = b?;
            for n in b.nodes.iter().filter(|n| n.kind == kind) {
                let row = by_key.entry(n.key()).or_insert_with(|| ListRow {
                    kind,
                    name: n.name.clone(),
                    documents: 0,
                    mentions: 0,
                });
                row.documents += 1;
                row.mentions += n.occ.len();
            }
        }
        rows.extend(by_key.into_values());
    }
    rows.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.name.cmp(&b.name)));
    Ok(rows)
}

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

/// An evidence sentence as shown.
#[derive(Debug, Clone, Serialize)]
pub struct EvidenceView {
    pub document: String,
    pub start: u32,
    pub end: u32,
    pub rule: String,
    pub sentence: String,
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
    use crate::store::keys::is_book_only;
    let mut reader = EvidenceReader::new(store);
    let mut out = Vec::new();
    for (key, rec) in store.find_nodes(name)? {
        let mut edges = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut evidence = Vec::new();
        let mut evidence_total = 0;
        let mut edges_total = 0;
        let mut edges_seen = EdgesSeen {
            edges: &mut edges,
            seen: &mut seen,
            total: &mut edges_total,
            max: max_edges,
        };
        let mut complete = true;
        if is_book_only(key.kind) {
            for e in store.evidence(&Fact::node(&key))? {
                evidence_total += 1;
                if evidence.len() < max_evidence {
                    evidence.push(reader.view(e)?);
                }
            }
            for outgoing in [true, false] {
                edges_seen.take(store.incident(&key, outgoing)?, outgoing);
            }
        } else {
            let row = store.node_row(&key)?.unwrap_or_default();
            evidence_total = row.mentions as usize;
            for slice in store.slices(&key) {
                let (doc, slice) = slice?;
                if edges_seen.edges.len() >= max_edges && evidence.len() >= max_evidence {
                    complete = false;
                    break;
                }
                for e in slice.node_evidence(doc, &key) {
                    if evidence.len() < max_evidence {
                        evidence.push(reader.view(e)?);
                    }
                }
                if edges_seen.edges.len() >= max_edges {
                    // This document's edges go uncounted: the total is unknown.
                    complete = false;
                } else {
                    for outgoing in [true, false] {
                        edges_seen.take(store.incident_in(&key, doc, &slice, outgoing)?, outgoing);
                    }
                }
            }
        }
        out.push(NodeView {
            kind: key.kind,
            name: rec.name,
            id: key.id.clone(),
            edges_total: if complete { Some(edges_total) } else { None },
            edges,
            evidence,
            evidence_total,
        });
    }
    Ok(out)
}

/// How many decoded texts an [`EvidenceReader`] keeps.
const TEXT_CACHE: usize = 64;

/// The distinct edges `show` collects, up to a cap, counting them all.
struct EdgesSeen<'a> {
    edges: &'a mut Vec<EdgeView>,
    seen: &'a mut std::collections::HashSet<(bool, crate::model::Relation, NodeKey)>,
    total: &'a mut usize,
    max: usize,
}

impl EdgesSeen<'_> {
    fn take(&mut self, list: Vec<crate::store::Incident>, outgoing: bool) {
        for i in list {
            if self.seen.insert((outgoing, i.relation, i.other.clone())) {
                *self.total += 1;
                if self.edges.len() < self.max {
                    self.edges.push(EdgeView {
                        relation: i.relation.as_str().to_string(),
                        direction: if outgoing { "out" } else { "in" },
                        kind: i.other.kind,
                        name: i.other_record.name,
                        basis: i.basis,
                    });
                }
            }
        }
    }
}

/// Reads evidence sentences back from stored texts, loading each
/// document's text once.
pub struct EvidenceReader<'s> {
    store: &'s Store,
    docs: HashMap<u64, (String, String)>,
    texts: HashMap<u64, (String, CharIndex)>,
}

impl<'s> EvidenceReader<'s> {
    pub fn new(store: &'s Store) -> EvidenceReader<'s> {
        EvidenceReader {
            store,
            docs: HashMap::new(),
            texts: HashMap::new(),
        }
    }

    /// Path and title of a document, read once.
    pub fn document(&mut self, doc_id: u64) -> Result<(&str, &str)> {
        if let std::collections::hash_map::Entry::Vacant(v) = self.docs.entry(doc_id) {
            let d = self.store.doc_by_id(doc_id)?.unwrap_or_default();
            v.insert((d.path, d.title));
        }
        let (p, t) = &self.docs[&doc_id];
        Ok((p.as_str(), t.as_str()))
    }

    /// The sentence of a provenance row (the span itself when no sentence
    /// was recorded), whitespace collapsed.
    pub fn view(&mut self, e: Evidence) -> Result<EvidenceView> {
        if !self.texts.contains_key(&e.doc_id) && self.texts.len() >= TEXT_CACHE {
            // Rows come grouped by document; a small cache is enough and
            // keeps memory flat on a large store.
            self.texts.clear();
        }
        if let std::collections::hash_map::Entry::Vacant(v) = self.texts.entry(e.doc_id) {
            let t = self.store.text(e.doc_id)?.unwrap_or_default();
            let idx = CharIndex::new(&t);
            v.insert((t, idx));
        }
        let (text, idx) = &self.texts[&e.doc_id];
        let (s, t) = if e.sentence.1 > e.sentence.0 {
            e.sentence
        } else {
            (e.start, e.end)
        };
        let sentence: String = idx
            .slice(text, s as usize, t as usize)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let document = self.document(e.doc_id)?.0.to_string();
        Ok(EvidenceView {
            document,
            start: e.start,
            end: e.end,
            rule: e.rule,
            sentence,
        })
    }
}

/// One row of `ptkg query targets` / `query metric`.
#[derive(Debug, Clone, Serialize)]
pub struct TargetRow {
    pub document: String,
    pub title: String,
    pub metric: String,
    pub value: Option<f64>,
    pub value_max: Option<f64>,
    pub value_text: String,
    pub redacted: bool,
    pub unit: String,
    pub base_value: Option<f64>,
    pub base_unit: String,
    pub change: String,
    pub qualifier: String,
    pub status: String,
    pub year: Option<i32>,
    pub period: Option<String>,
    pub about: Vec<String>,
    pub sentence: String,
    pub start: u32,
    pub end: u32,
}

/// Filters for `query targets`; empty fields match everything.
#[derive(Debug, Clone, Default)]
pub struct TargetFilter {
    pub metric: Option<String>,
    pub status: Option<String>,
    pub year: Option<i32>,
    pub district: Option<String>,
}

/// Rows of a query with how many there were before `limit` cut them.
#[derive(Debug, Clone)]
pub struct Page<T> {
    pub rows: Vec<T>,
    pub total: usize,
}

/// The best `limit` rows of a stream in `order`, with how many there were:
/// memory stays O(limit) however many rows match (0 keeps all).
struct TopRows<T> {
    rows: Vec<T>,
    limit: usize,
    total: usize,
    order: fn(&T, &T) -> std::cmp::Ordering,
}

impl<T> TopRows<T> {
    fn new(limit: usize, order: fn(&T, &T) -> std::cmp::Ordering) -> TopRows<T> {
        TopRows {
            rows: Vec::new(),
            limit,
            total: 0,
            order,
        }
    }

    fn push(&mut self, row: T) {
        self.total += 1;
        self.rows.push(row);
        if self.limit > 0 && self.rows.len() >= 2 * self.limit.max(512) {
            self.rows.sort_by(self.order);
            self.rows.truncate(self.limit);
        }
    }

    fn finish(mut self) -> Page<T> {
        self.rows.sort_by(self.order);
        if self.limit > 0 {
            self.rows.truncate(self.limit);
        }
        Page {
            rows: self.rows,
            total: self.total,
        }
    }
}

/// A target found, before its sentence is read: rows are sorted and cut
/// first, so only the rows shown read a text.
struct TargetHit {
    record: crate::model::NodeRecord,
    evidence: Evidence,
    document: String,
}

/// Targets matching `filter`, ordered by metric, year and document. With a
/// metric, the metric's target index is read in that order (see
/// [`crate::store::index`]); otherwise every book.
pub fn targets(store: &Store, filter: &TargetFilter, limit: usize) -> Result<Page<TargetRow>> {
    let mut reader = EvidenceReader::new(store);
    let page = match &filter.metric {
        Some(m) => metric_page(store, &mut reader, m, filter, limit)?,
        None => {
            let mut top = TopRows::new(limit, target_order);
            for b in store.books() {
                let (doc, b) = b?;
                for n in b.nodes.iter().filter(|n| n.kind == NodeKind::Target) {
                    let record = n.record();
                    if !keeps(&record, filter) {
                        continue;
                    }
                    if let Some(ev) = b.node_evidence(doc, &n.key()).into_iter().next() {
                        top.push(TargetHit {
                            record,
                            document: reader.document(doc)?.0.to_string(),
                            evidence: ev,
                        });
                    }
                }
            }
            top.finish()
        }
    };
    finish_targets(&mut reader, page)
}

/// Every target of metrics whose name contains `name`, over time and speech.
pub fn metric(store: &Store, name: &str, limit: usize) -> Result<Page<TargetRow>> {
    let mut reader = EvidenceReader::new(store);
    let page = metric_page(store, &mut reader, name, &TargetFilter::default(), limit)?;
    finish_targets(&mut reader, page)
}

/// The first `limit` targets of every metric whose name contains `name`
/// that `filter` keeps, from the metrics' target index: names in order,
/// each name's entries already in year, document, position order. Without
/// a status or district filter the total comes from the counters, and
/// reading stops at the page's end.
fn metric_page(
    store: &Store,
    reader: &mut EvidenceReader,
    name: &str,
    filter: &TargetFilter,
    limit: usize,
) -> Result<Page<TargetHit>> {
    let mut names: Vec<String> = store
        .shared_nodes(NodeKind::Metric)?
        .into_iter()
        .map(|(_, row)| row.name)
        .filter(|n| n.contains(name))
        .collect();
    names.sort();
    names.dedup();
    let counted = filter.status.is_none() && filter.district.is_none() && filter.year.is_none();
    let mut rows = Vec::new();
    let mut total = 0usize;
    for m in &names {
        let room = |rows: &Vec<TargetHit>| limit == 0 || rows.len() < limit;
        if counted {
            total += store.count(&keys::metric_count(m))? as usize;
            if !room(&rows) {
                continue;
            }
        }
        let prefix = index::target_prefix(m, filter.year.map(Some));
        for e in store.index_scan(&prefix) {
            let (_, doc, edge) = e?;
            let record = edge.record();
            if !keeps(&record, filter) {
                continue;
            }
            if !counted {
                total += 1;
            }
            if room(&rows) {
                rows.push(TargetHit {
                    document: reader.document(doc)?.0.to_string(),
                    evidence: edge.evidence(doc),
                    record,
                });
            } else if counted {
                break;
            }
        }
    }
    Ok(Page { rows, total })
}

/// Targets by metric, year, document and position.
fn target_order(a: &TargetHit, b: &TargetHit) -> std::cmp::Ordering {
    let year =
        |h: &TargetHit| -> Option<i32> { h.record.attrs.get("year").and_then(|y| y.parse().ok()) };
    a.record
        .attrs
        .get("metric")
        .cmp(&b.record.attrs.get("metric"))
        .then(year(a).cmp(&year(b)))
        .then(a.document.cmp(&b.document))
        .then(a.evidence.start.cmp(&b.evidence.start))
}

fn keeps(rec: &crate::model::NodeRecord, filter: &TargetFilter) -> bool {
    let a = |k: &str| rec.attrs.get(k).map(String::as_str).unwrap_or_default();
    let metric = a("metric");
    if filter
        .metric
        .as_ref()
        .is_some_and(|m| !metric.contains(m.as_str()))
    {
        return false;
    }
    if filter.status.as_ref().is_some_and(|s| s != a("status")) {
        return false;
    }
    if filter.year.is_some() && filter.year != rec.attrs.get("year").and_then(|y| y.parse().ok()) {
        return false;
    }
    if let Some(d) = &filter.district {
        if !a("about").contains(d.as_str()) && !metric.contains(d.as_str()) {
            return false;
        }
    }
    true
}

/// Reads the sentences of the rows kept.
fn finish_targets(reader: &mut EvidenceReader, page: Page<TargetHit>) -> Result<Page<TargetRow>> {
    let mut rows = Vec::with_capacity(page.rows.len());
    for h in page.rows {
        rows.push(target_row(reader, h)?);
    }
    Ok(Page {
        rows,
        total: page.total,
    })
}

fn target_row(reader: &mut EvidenceReader, hit: TargetHit) -> Result<TargetRow> {
    let rec = &hit.record;
    let a = |k: &str| rec.attrs.get(k).cloned().unwrap_or_default();
    let num = |k: &str| rec.attrs.get(k).and_then(|v| v.parse::<f64>().ok());
    let (start, end, doc_id) = (hit.evidence.start, hit.evidence.end, hit.evidence.doc_id);
    let title = reader.document(doc_id)?.1.to_string();
    let view = reader.view(hit.evidence)?;
    Ok(TargetRow {
        document: view.document,
        title,
        metric: a("metric"),
        value: num("value"),
        value_max: num("value_max"),
        value_text: a("value_text"),
        redacted: a("redacted") == "true",
        unit: a("unit"),
        base_value: num("base_value"),
        base_unit: a("base_unit"),
        change: a("change"),
        qualifier: a("qualifier"),
        status: a("status"),
        year: rec.attrs.get("year").and_then(|y| y.parse().ok()),
        period: rec.attrs.get("period").cloned(),
        about: a("about")
            .split('、')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect(),
        sentence: view.sentence,
        start,
        end,
    })
}

/// One row of `ptkg query serves`.
#[derive(Debug, Clone, Serialize)]
pub struct ServesRow {
    pub goal: String,
    pub measure: String,
    /// structure, phrase, cooccurrence, or member (a slogan's member).
    pub basis: String,
    pub weight: f64,
    /// How many speeches support the edge.
    pub speeches: usize,
    pub document: String,
    pub evidence: String,
}

/// A serves or member edge into a goal, before its sentence is read.
struct ServesHit {
    goal: String,
    measure: String,
    basis: String,
    /// How many speeches state the edge.
    speeches: usize,
    /// The per-speech weight of its basis times `speeches`.
    weight: f64,
    first: Evidence,
}

/// Goal, then weight (highest first), measure, position.
fn serves_order(a: &ServesHit, b: &ServesHit) -> std::cmp::Ordering {
    a.goal
        .cmp(&b.goal)
        .then(
            b.weight
                .partial_cmp(&a.weight)
                .unwrap_or(std::cmp::Ordering::Equal),
        )
        .then(a.measure.cmp(&b.measure))
        .then(a.first.doc_id.cmp(&b.first.doc_id))
        .then(a.first.start.cmp(&b.first.start))
}

/// What `query serves` keeps.
struct ServesFilter<'a> {
    measure: Option<&'a str>,
    basis: Option<&'a str>,
}

impl ServesFilter<'_> {
    /// The measure filter does not apply to members.
    fn keeps(&self, relation: Relation, name: &str, shown_basis: &str) -> bool {
        self.basis.is_none_or(|b| b == shown_basis)
            && (relation == Relation::MemberOf || self.measure.is_none_or(|m| name.contains(m)))
    }
}

/// Which measures serve which goal, most weight first. With `goal`, also
/// the members of that goal and the measures serving each member.
///
/// Reads the goals' serves index (see [`crate::store::index`]): edges from
/// a speech's own measures come in printed order, so the first page reads
/// about `limit` entries; edges between names (a member, another goal)
/// take their weight from their counters. Totals come from counters too,
/// unless a measure filter asks for a full read.
pub fn serves(
    store: &Store,
    goal: Option<&str>,
    measure: Option<&str>,
    basis: Option<&str>,
    limit: usize,
) -> Result<Page<ServesRow>> {
    let filter = ServesFilter { measure, basis };
    // Goal name → each goal of that name with the edges into it from
    // other names.
    type IntoGoal = (NodeKey, Vec<(Relation, NodeKey, index::BasisCounts)>);
    let mut names: BTreeMap<String, Vec<IntoGoal>> = BTreeMap::new();
    let mut queue: Vec<(NodeKey, String)> = store
        .shared_nodes(NodeKind::Goal)?
        .into_iter()
        .filter(|(_, r)| goal.is_none_or(|g| r.name.contains(g)))
        .map(|(k, r)| (k, r.name))
        .collect();
    let mut seen = HashSet::new();
    while let Some((gkey, gname)) = queue.pop() {
        if !seen.insert(gkey.clone()) {
            continue;
        }
        let edges = store.edges_into_goal(&gkey)?;
        // What each member does: the measures serving the member.
        if goal.is_some() && filter.basis.is_none_or(|b| b == "member") {
            for (rel, other, _) in &edges {
                if *rel == Relation::MemberOf && other.kind == NodeKind::Goal {
                    if let Some(row) = store.node_row(other)? {
                        queue.push((other.clone(), row.name));
                    }
                }
            }
        }
        names.entry(gname).or_default().push((gkey, edges));
    }
    let duplicated = DuplicatedSpeeches::read(store)?;
    let mut rows = Vec::new();
    let room = |rows: &Vec<ServesHit>| limit == 0 || rows.len() < limit;
    let mut total = 0usize;
    for (name, goals) in &names {
        let mut fixed = Vec::new();
        for (gkey, edges) in goals {
            for (rel, other, counts) in edges {
                fixed.extend(shared_hit(store, name, gkey, *rel, other, counts, &filter)?);
            }
        }
        let gkeys: Vec<NodeKey> = goals.iter().map(|(k, _)| k.clone()).collect();
        let repeated = duplicated.hits(store, name, &gkeys, &filter, &mut fixed)?;
        total += fixed.len();
        // Without a measure filter the local edges are counted by the
        // counters, and reading stops at the page's end.
        let counted = filter.measure.is_none();
        if counted {
            let bases: Vec<u8> = match filter.basis {
                Some(b) => vec![index::basis_byte(b)],
                None => (0..index::BASES as u8).collect(),
            };
            for b in bases {
                total += store.count(&keys::goal_count(name, b))? as usize;
            }
            total -= repeated.min(total);
            if !room(&rows) {
                continue;
            }
        }
        fixed.sort_by(serves_order);
        let mut fixed = fixed.into_iter().peekable();
        for e in store.index_scan(&index::serves_prefix(name, index::LOCAL)) {
            let (_, doc, edge) = e?;
            let shown = index::shown_basis(edge.relation, &edge.basis);
            if duplicated.holds(&edge.other) || !filter.keeps(edge.relation, &edge.name, shown) {
                continue;
            }
            if !counted {
                total += 1;
            }
            let hit = ServesHit {
                goal: name.clone(),
                measure: edge.name.clone(),
                basis: shown.to_string(),
                speeches: 1,
                weight: index::per_speech_weight(edge.relation, &edge.basis),
                first: edge.evidence(doc),
            };
            while let Some(f) = fixed.next_if(|f| serves_order(f, &hit).is_le()) {
                if room(&rows) {
                    rows.push(f);
                }
            }
            if room(&rows) {
                rows.push(hit);
            } else if counted {
                break;
            }
        }
        for f in fixed {
            if room(&rows) {
                rows.push(f);
            }
        }
    }
    let mut reader = EvidenceReader::new(store);
    let mut out = Vec::with_capacity(rows.len());
    for h in rows {
        let view = reader.view(h.first)?;
        out.push(ServesRow {
            goal: h.goal,
            measure: h.measure,
            basis: h.basis,
            weight: h.weight,
            speeches: h.speeches,
            document: view.document,
            evidence: view.sentence,
        });
    }
    Ok(Page { rows: out, total })
}

/// The row of an edge between names into `goal`, if `filter` keeps it.
/// Its basis and occurrence are the first document's; its weight is that
/// basis's times the documents stating it. With a basis filter, only the
/// documents stating it with that basis count.
fn shared_hit(
    store: &Store,
    name: &str,
    goal: &NodeKey,
    rel: Relation,
    other: &NodeKey,
    counts: &index::BasisCounts,
    filter: &ServesFilter,
) -> Result<Option<ServesHit>> {
    let docs = match filter.basis {
        Some(b) => counts[index::basis_byte(b) as usize],
        None => counts.iter().sum(),
    };
    if docs == 0 {
        return Ok(None);
    }
    for e in store.index_scan(&index::shared_edge_prefix(name, rel, other)) {
        let (_, doc, edge) = e?;
        let shown = index::shown_basis(rel, &edge.basis);
        if &edge.node != goal || filter.basis.is_some_and(|b| b != shown) {
            continue;
        }
        if !filter.keeps(rel, &edge.name, shown) {
            return Ok(None);
        }
        return Ok(Some(ServesHit {
            goal: name.to_string(),
            measure: edge.name.clone(),
            weight: index::per_speech_weight(rel, &edge.basis) * docs as f64,
            basis: shown.to_string(),
            speeches: docs as usize,
            first: edge.evidence(doc),
        }));
    }
    Ok(None)
}

/// Speeches stored under several paths: their local edges are one edge
/// each, supported by every copy, so they weigh more than the index key
/// says. They are read from the goal's slice in the first copy instead.
struct DuplicatedSpeeches {
    /// Hash prefix → the documents holding it, lowest id first.
    owners: HashMap<String, Vec<u64>>,
}

impl DuplicatedSpeeches {
    fn read(store: &Store) -> Result<DuplicatedSpeeches> {
        let mut owners = HashMap::new();
        for h in store.duplicated_speeches()? {
            let mut docs = store.speech_owners(&h)?;
            docs.sort_unstable();
            if docs.len() > 1 {
                owners.insert(h, docs);
            }
        }
        Ok(DuplicatedSpeeches { owners })
    }

    fn holds(&self, local: &NodeKey) -> bool {
        !self.owners.is_empty()
            && keys::owner_hash(local).is_some_and(|h| self.owners.contains_key(h))
    }

    /// Adds the local edges of the duplicated speeches into the goals
    /// named `name` to `hits`; returns how many index entries (one per
    /// copy) the counters hold for them.
    fn hits(
        &self,
        store: &Store,
        name: &str,
        gkeys: &[NodeKey],
        filter: &ServesFilter,
        hits: &mut Vec<ServesHit>,
    ) -> Result<usize> {
        let mut repeated = 0;
        for docs in self.owners.values() {
            let first = docs[0];
            for gkey in gkeys {
                let Some(slice) = store.slice(gkey, first)? else {
                    continue;
                };
                for i in slice.incident(first, gkey, false) {
                    if !matches!(i.relation, Relation::Serves | Relation::MemberOf)
                        || !keys::is_book_only(i.other.kind)
                    {
                        continue;
                    }
                    let shown = index::shown_basis(i.relation, &i.basis).to_string();
                    if !filter.keeps(i.relation, &i.other_record.name, &shown) {
                        continue;
                    }
                    repeated += docs.len();
                    hits.push(ServesHit {
                        goal: name.to_string(),
                        measure: i.other_record.name,
                        weight: index::per_speech_weight(i.relation, &i.basis) * docs.len() as f64,
                        basis: shown,
                        speeches: docs.len(),
                        first: i.evidence,
                    });
                }
            }
        }
        Ok(repeated)
    }
}

/// One row of `ptkg query goals`.
#[derive(Debug, Clone, Serialize)]
pub struct GoalRow {
    pub goal: String,
    pub members: usize,
    pub measures: usize,
    pub targets: usize,
    pub speeches: usize,
}

/// Every goal with how many members, measures, targets and speeches stand
/// behind it, most supported first. Reads every goal's slices: they count
/// the targets the serving measures involve.
pub fn goals(store: &Store) -> Result<Vec<GoalRow>> {
    use crate::model::Relation;
    let mut rows = Vec::new();
    for (key, row) in store.shared_nodes(NodeKind::Goal)? {
        let (mut members, mut measures, mut targets) = (BTreeSet::new(), BTreeSet::new(), 0);
        for slice in store.slices(&key) {
            let (doc, slice) = slice?;
            targets += slice.nodes[0]
                .attrs
                .get(crate::store::book::TARGETS_ATTR)
                .and_then(|n| n.parse::<usize>().ok())
                .unwrap_or(0);
            for i in slice.incident(doc, &key, false) {
                match i.relation {
                    Relation::MemberOf => {
                        members.insert(i.other);
                    }
                    Relation::Serves => {
                        measures.insert(i.other);
                    }
                    _ => {}
                }
            }
        }
        rows.push(GoalRow {
            goal: row.name,
            members: members.len(),
            measures: measures.len(),
            targets,
            speeches: row.documents as usize,
        });
    }
    rows.sort_by(|a, b| {
        (b.measures + b.members, b.speeches, b.targets)
            .cmp(&(a.measures + a.members, a.speeches, a.targets))
            .then(a.goal.cmp(&b.goal))
    });
    Ok(rows)
}

/// A step of a path through the graph.
#[derive(Debug, Clone, Serialize)]
pub struct PathStep {
    pub kind: NodeKind,
    pub name: String,
    /// Relation to the next step, with its direction (→ or ←).
    pub via: Option<String>,
}

/// The shortest path between nodes named `a` and `b`, edges taken in either
/// direction (petgraph over the whole graph).
pub fn path(store: &Store, a: &str, b: &str) -> Result<Option<Vec<PathStep>>> {
    let graph = Graph::load(store)?;
    let find = |name: &str| -> Vec<petgraph::stable_graph::NodeIndex> {
        graph
            .inner
            .node_indices()
            .filter(|i| graph.inner[*i].1.name == name || graph.inner[*i].0.id == name)
            .collect()
    };
    let (starts, ends) = (find(a), find(b));
    let mut best: Option<Vec<petgraph::stable_graph::NodeIndex>> = None;
    for s in &starts {
        // Breadth-first search with parents.
        let mut parent: HashMap<
            petgraph::stable_graph::NodeIndex,
            petgraph::stable_graph::NodeIndex,
        > = HashMap::new();
        let mut queue = std::collections::VecDeque::from([*s]);
        let mut seen = std::collections::HashSet::from([*s]);
        let mut found = None;
        while let Some(n) = queue.pop_front() {
            if ends.contains(&n) {
                found = Some(n);
                break;
            }
            for m in graph.inner.neighbors_undirected(n) {
                if seen.insert(m) {
                    parent.insert(m, n);
                    queue.push_back(m);
                }
            }
        }
        if let Some(mut n) = found {
            let mut p = vec![n];
            while let Some(&q) = parent.get(&n) {
                p.push(q);
                n = q;
            }
            p.reverse();
            if best.as_ref().is_none_or(|b| p.len() < b.len()) {
                best = Some(p);
            }
        }
    }
    Ok(best.map(|p| {
        p.iter()
            .enumerate()
            .map(|(i, n)| {
                let via = p
                    .get(i + 1)
                    .map(|next| match graph.inner.find_edge(*n, *next) {
                        Some(e) => format!("→ {}", graph.inner[e].relation.as_str()),
                        None => graph
                            .inner
                            .find_edge(*next, *n)
                            .map(|e| format!("← {}", graph.inner[e].relation.as_str()))
                            .unwrap_or_default(),
                    });
                PathStep {
                    kind: graph.inner[*n].1.kind,
                    name: graph.inner[*n].1.name.clone(),
                    via,
                }
            })
            .collect()
    }))
}

/// A goal's tree as indented lines: members, the measures serving the goal
/// and each member (at most `max_measures` each, then a count), and what
/// each measure involves (projects, sectors, districts, targets). Reads
/// the goals' slices, and the books of the measures shown.
pub fn goal_tree(store: &Store, goal_id: &str, max_measures: usize) -> Result<Vec<String>> {
    use crate::model::Relation;
    let mut lines = Vec::new();
    let root = NodeKey::new(NodeKind::Goal, goal_id);
    fn measures_of(
        store: &Store,
        goal: &NodeKey,
        depth: usize,
        max: usize,
        lines: &mut Vec<String>,
    ) -> Result<()> {
        let pad = "  ".repeat(depth);
        let mut count = 0usize;
        for slice in store.slices(goal) {
            let (doc, slice) = slice?;
            for i in slice.incident(doc, goal, false) {
                if i.relation != Relation::Serves {
                    continue;
                }
                count += 1;
                if count > max {
                    continue;
                }
                lines.push(format!(
                    "{pad}measure {} ({})",
                    i.other_record.name, i.basis
                ));
                let Some(book) = store.book(doc)? else {
                    continue;
                };
                for t in book.incident(doc, &i.other, true) {
                    if t.relation == Relation::Involves {
                        lines.push(format!(
                            "{pad}  {} {}",
                            t.other.kind.as_str(),
                            t.other_record.name
                        ));
                    }
                }
            }
        }
        if count > max {
            lines.push(format!(
                "{pad}… {} more measures (`ptkg query serves --goal` lists them all)",
                count - max
            ));
        }
        Ok(())
    }
    let mut members: Vec<(NodeKey, String)> = Vec::new();
    for slice in store.slices(&root) {
        let (doc, slice) = slice?;
        for i in slice.incident(doc, &root, false) {
            if i.relation == Relation::MemberOf && !members.iter().any(|(k, _)| *k == i.other) {
                members.push((i.other, i.other_record.name));
            }
        }
    }
    for (member, name) in &members {
        lines.push(format!("member {name}"));
        measures_of(store, member, 1, max_measures, &mut lines)?;
    }
    measures_of(store, &root, 0, max_measures, &mut lines)?;
    Ok(lines)
}
