//! Questions asked of the store: listing nodes of a kind, showing one node
//! with its edges and evidence sentences.

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

use crate::error::Result;
use crate::extract::CharIndex;
use crate::graph::model::{NodeKey, NodeKind};
use crate::store::keys::Fact;
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
    seen: &'a mut std::collections::HashSet<(bool, crate::graph::model::Relation, NodeKey)>,
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

/// Keeps the first `limit` rows (0 = all).
fn page<T>(mut rows: Vec<T>, limit: usize) -> Page<T> {
    let total = rows.len();
    if limit > 0 {
        rows.truncate(limit);
    }
    Page { rows, total }
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
    record: crate::graph::model::NodeRecord,
    evidence: Evidence,
    document: String,
}

/// Targets matching `filter`, ordered by metric, year and document. With a
/// metric, only that metric's slices are read; otherwise every book.
pub fn targets(store: &Store, filter: &TargetFilter, limit: usize) -> Result<Page<TargetRow>> {
    let mut reader = EvidenceReader::new(store);
    let mut top = TopRows::new(limit, target_order);
    match &filter.metric {
        Some(m) => metric_hits(store, &mut reader, m, filter, &mut top)?,
        None => {
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
        }
    }
    finish_targets(&mut reader, top.finish())
}

/// Every target of metrics whose name contains `name`, over time and speech.
pub fn metric(store: &Store, name: &str, limit: usize) -> Result<Page<TargetRow>> {
    let mut reader = EvidenceReader::new(store);
    let mut top = TopRows::new(limit, target_order);
    metric_hits(store, &mut reader, name, &TargetFilter::default(), &mut top)?;
    finish_targets(&mut reader, top.finish())
}

/// The targets of every metric whose name contains `name` that `filter`
/// keeps, from the metrics' slices.
fn metric_hits(
    store: &Store,
    reader: &mut EvidenceReader,
    name: &str,
    filter: &TargetFilter,
    top: &mut TopRows<TargetHit>,
) -> Result<()> {
    for (mkey, row) in store.shared_nodes(NodeKind::Metric)? {
        if !row.name.contains(name) {
            continue;
        }
        for slice in store.slices(&mkey) {
            let (doc, slice) = slice?;
            for i in slice.incident(doc, &mkey, false) {
                if i.relation == crate::graph::model::Relation::OfMetric
                    && keeps(&i.other_record, filter)
                {
                    top.push(TargetHit {
                        record: i.other_record,
                        document: reader.document(doc)?.0.to_string(),
                        evidence: i.evidence,
                    });
                }
            }
        }
    }
    Ok(())
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

fn keeps(rec: &crate::graph::model::NodeRecord, filter: &TargetFilter) -> bool {
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

/// A serves or member edge found in the slices, before its sentence is read.
struct ServesHit {
    goal: String,
    measure: String,
    basis: String,
    docs: BTreeSet<u64>,
    first: Evidence,
    member: bool,
}

/// Structure 1.0, phrase 0.7, cooccurrence 0.3 (a member 1.0), times the
/// speeches that support the edge.
fn serves_weight(h: &ServesHit) -> f64 {
    let per_speech = if h.member {
        1.0
    } else {
        crate::extract::goals::basis_weight(&h.basis)
    };
    per_speech * h.docs.len() as f64
}

/// Goal, then weight (highest first), measure, position.
fn serves_order(a: &ServesHit, b: &ServesHit) -> std::cmp::Ordering {
    a.goal
        .cmp(&b.goal)
        .then(
            serves_weight(b)
                .partial_cmp(&serves_weight(a))
                .unwrap_or(std::cmp::Ordering::Equal),
        )
        .then(a.measure.cmp(&b.measure))
        .then(a.first.doc_id.cmp(&b.first.doc_id))
        .then(a.first.start.cmp(&b.first.start))
}

/// Which measures serve which goal, most weight first. With `goal`, also
/// the members of that goal and the measures serving each member. Reads
/// the goals' slices only; sentences only for the rows kept.
pub fn serves(
    store: &Store,
    goal: Option<&str>,
    measure: Option<&str>,
    basis: Option<&str>,
    limit: usize,
) -> Result<Page<ServesRow>> {
    use crate::graph::model::Relation;
    let mut reader = EvidenceReader::new(store);
    let mut queue: Vec<(NodeKey, String)> = store
        .shared_nodes(NodeKind::Goal)?
        .into_iter()
        .filter(|(_, r)| goal.is_none_or(|g| r.name.contains(g)))
        .map(|(k, r)| (k, r.name))
        .collect();
    let mut seen = std::collections::HashSet::new();
    // Hits merge across documents by edge: a member edge, or a serves edge
    // from another goal, is in every speech that states it. Beyond a few
    // times `limit` the weakest edges from speech-local measures are
    // dropped, so memory stays bounded on a large store; edges between two
    // shared names are kept (there are few), since later speeches can still
    // raise their weight and a dropped one would come back with too few
    // speeches. A measure edge dropped and met again (two copies of one
    // speech) is counted twice in `total`: a tiny overcount, against memory
    // for every key.
    let mut hits: HashMap<(NodeKey, Relation, NodeKey), ServesHit> = HashMap::new();
    let mut total = 0usize;
    let cap = if limit == 0 {
        usize::MAX
    } else {
        4 * limit.max(512)
    };
    while let Some((gkey, gname)) = queue.pop() {
        if !seen.insert(gkey.clone()) {
            continue;
        }
        for slice in store.slices(&gkey) {
            let (doc, slice) = slice?;
            for i in slice.incident(doc, &gkey, false) {
                let member = match i.relation {
                    Relation::Serves => false,
                    Relation::MemberOf => true,
                    _ => continue,
                };
                let row_basis = if member {
                    "member".to_string()
                } else {
                    i.basis
                };
                if basis.is_some_and(|b| b != row_basis) {
                    continue;
                }
                if !member && measure.is_some_and(|m| !i.other_record.name.contains(m)) {
                    continue;
                }
                // What each member does: the measures serving the member.
                if member && goal.is_some() {
                    queue.push((i.other.clone(), i.other_record.name.clone()));
                }
                let key = (gkey.clone(), i.relation, i.other);
                if let Some(h) = hits.get_mut(&key) {
                    h.docs.insert(doc);
                    continue;
                }
                total += 1;
                hits.insert(
                    key,
                    ServesHit {
                        goal: gname.clone(),
                        measure: i.other_record.name,
                        basis: row_basis,
                        docs: BTreeSet::from([doc]),
                        first: i.evidence,
                        member,
                    },
                );
                if hits.len() > cap {
                    let mut kept: Vec<_> = hits.drain().collect();
                    kept.sort_by(|a, b| serves_order(&a.1, &b.1));
                    let mut n = 0;
                    kept.retain(|((_, _, other), h)| {
                        n += 1;
                        n <= limit || h.member || !crate::store::keys::is_book_only(other.kind)
                    });
                    hits.extend(kept);
                }
            }
        }
    }
    let mut hits: Vec<ServesHit> = hits.into_values().collect();
    hits.sort_by(serves_order);
    let mut page = page(hits, limit);
    page.total = total;
    let mut rows = Vec::with_capacity(page.rows.len());
    for h in page.rows {
        let w = serves_weight(&h);
        let view = reader.view(h.first)?;
        rows.push(ServesRow {
            goal: h.goal,
            measure: h.measure,
            basis: h.basis,
            weight: w,
            speeches: h.docs.len(),
            document: view.document,
            evidence: view.sentence,
        });
    }
    Ok(Page {
        rows,
        total: page.total,
    })
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
    use crate::graph::model::Relation;
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
    let graph = crate::graph::Graph::load(store)?;
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
    use crate::graph::model::Relation;
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
