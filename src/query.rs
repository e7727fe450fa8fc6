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

/// Every node of `kind`, most mentioned first.
pub fn list(store: &Store, kind: NodeKind) -> Result<Vec<ListRow>> {
    let mut rows = Vec::new();
    for (key, rec) in store.nodes_of_kind(kind)? {
        let ev = store.evidence(&Fact::node(&key))?;
        let docs: BTreeSet<u64> = ev.iter().map(|e| e.doc_id).collect();
        rows.push(ListRow {
            kind,
            name: rec.name,
            documents: docs.len(),
            mentions: ev.len(),
        });
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
    pub evidence: Vec<EvidenceView>,
    pub evidence_total: usize,
}

/// Every node named `name`, with edges and up to `max_evidence` sentences.
pub fn show(store: &Store, name: &str, max_evidence: usize) -> Result<Vec<NodeView>> {
    let mut reader = EvidenceReader::new(store)?;
    let mut out = Vec::new();
    for (key, rec) in store.find_nodes(name)? {
        let mut edges = Vec::new();
        for (outgoing, list) in [
            (true, store.edges(&key, true)?),
            (false, store.edges(&key, false)?),
        ] {
            for (rel, other, erec) in list {
                let other_name = store
                    .node(&other)?
                    .map(|r| r.name)
                    .unwrap_or_else(|| other.id.clone());
                edges.push(EdgeView {
                    relation: rel.as_str().to_string(),
                    direction: if outgoing { "out" } else { "in" },
                    kind: other.kind,
                    name: other_name,
                    basis: erec.basis,
                });
            }
        }
        let ev = store.evidence(&Fact::node(&key))?;
        let total = ev.len();
        let mut evidence = Vec::new();
        for e in ev.into_iter().take(max_evidence) {
            evidence.push(reader.view(e)?);
        }
        out.push(NodeView {
            kind: key.kind,
            name: rec.name,
            id: key.id.clone(),
            edges,
            evidence,
            evidence_total: total,
        });
    }
    Ok(out)
}

/// Reads evidence sentences back from stored texts, loading each
/// document's text once.
pub struct EvidenceReader<'s> {
    store: &'s Store,
    docs: HashMap<u64, (String, String)>,
    texts: HashMap<u64, (String, CharIndex)>,
}

impl<'s> EvidenceReader<'s> {
    pub fn new(store: &'s Store) -> Result<EvidenceReader<'s>> {
        Ok(EvidenceReader {
            store,
            docs: store
                .docs()?
                .into_iter()
                .map(|d| (d.id, (d.path, d.title)))
                .collect(),
            texts: HashMap::new(),
        })
    }

    /// Path and title of a document.
    pub fn document(&self, doc_id: u64) -> (&str, &str) {
        self.docs
            .get(&doc_id)
            .map(|(p, t)| (p.as_str(), t.as_str()))
            .unwrap_or(("", ""))
    }

    /// The sentence of a provenance row (the span itself when no sentence
    /// was recorded), whitespace collapsed.
    pub fn view(&mut self, e: Evidence) -> Result<EvidenceView> {
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
        Ok(EvidenceView {
            document: self.document(e.doc_id).0.to_string(),
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

/// Targets matching `filter`, ordered by metric, year and document.
pub fn targets(store: &Store, filter: &TargetFilter) -> Result<Vec<TargetRow>> {
    let mut reader = EvidenceReader::new(store)?;
    let mut rows = Vec::new();
    for (key, rec) in store.nodes_of_kind(NodeKind::Target)? {
        if let Some(row) = target_row(store, &mut reader, &key, &rec, filter)? {
            rows.push(row);
        }
    }
    sort_rows(&mut rows);
    Ok(rows)
}

/// Every target of metrics whose name contains `name`, over time and speech.
pub fn metric(store: &Store, name: &str) -> Result<Vec<TargetRow>> {
    let mut reader = EvidenceReader::new(store)?;
    let mut rows = Vec::new();
    for (mkey, mrec) in store.nodes_of_kind(NodeKind::Metric)? {
        if !mrec.name.contains(name) {
            continue;
        }
        for (rel, tkey, _) in store.edges(&mkey, false)? {
            if rel != crate::graph::model::Relation::OfMetric {
                continue;
            }
            if let Some(rec) = store.node(&tkey)? {
                if let Some(row) =
                    target_row(store, &mut reader, &tkey, &rec, &TargetFilter::default())?
                {
                    rows.push(row);
                }
            }
        }
    }
    sort_rows(&mut rows);
    Ok(rows)
}

fn sort_rows(rows: &mut [TargetRow]) {
    rows.sort_by(|a, b| {
        a.metric
            .cmp(&b.metric)
            .then(a.year.cmp(&b.year))
            .then(a.document.cmp(&b.document))
            .then(a.start.cmp(&b.start))
    });
}

fn target_row(
    store: &Store,
    reader: &mut EvidenceReader,
    key: &NodeKey,
    rec: &crate::graph::model::NodeRecord,
    filter: &TargetFilter,
) -> Result<Option<TargetRow>> {
    let a = |k: &str| rec.attrs.get(k).cloned().unwrap_or_default();
    let num = |k: &str| rec.attrs.get(k).and_then(|v| v.parse::<f64>().ok());
    let metric = a("metric");
    let year = rec.attrs.get("year").and_then(|y| y.parse().ok());
    if filter
        .metric
        .as_ref()
        .is_some_and(|m| !metric.contains(m.as_str()))
    {
        return Ok(None);
    }
    if filter.status.as_ref().is_some_and(|s| *s != a("status")) {
        return Ok(None);
    }
    if filter.year.is_some() && filter.year != year {
        return Ok(None);
    }
    let mut about = Vec::new();
    for (rel, other, _) in store.edges(key, true)? {
        if rel == crate::graph::model::Relation::About {
            if let Some(r) = store.node(&other)? {
                about.push(r.name);
            }
        }
    }
    if let Some(d) = &filter.district {
        if !about.iter().any(|n| n.contains(d.as_str())) && !metric.contains(d.as_str()) {
            return Ok(None);
        }
    }
    let Some(ev) = store.evidence(&Fact::node(key))?.into_iter().next() else {
        return Ok(None);
    };
    let (start, end, doc_id) = (ev.start, ev.end, ev.doc_id);
    let title = reader.document(doc_id).1.to_string();
    let view = reader.view(ev)?;
    Ok(Some(TargetRow {
        document: view.document,
        title,
        metric,
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
        year,
        period: rec.attrs.get("period").cloned(),
        about,
        sentence: view.sentence,
        start,
        end,
    }))
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

/// Which measures serve which goal. With `goal`, also the members of that
/// goal and the measures serving each member.
pub fn serves(
    store: &Store,
    goal: Option<&str>,
    measure: Option<&str>,
    basis: Option<&str>,
) -> Result<Vec<ServesRow>> {
    use crate::graph::model::Relation;
    let mut reader = EvidenceReader::new(store)?;
    let mut rows = Vec::new();
    let goals: Vec<(NodeKey, crate::graph::model::NodeRecord)> = store
        .nodes_of_kind(NodeKind::Goal)?
        .into_iter()
        .filter(|(_, r)| goal.is_none_or(|g| r.name.contains(g)))
        .collect();
    let mut queue: Vec<(NodeKey, String)> = goals.into_iter().map(|(k, r)| (k, r.name)).collect();
    let mut seen = std::collections::HashSet::new();
    while let Some((gkey, gname)) = queue.pop() {
        if !seen.insert(gkey.clone()) {
            continue;
        }
        for (rel, other, erec) in store.edges(&gkey, false)? {
            let (row_basis, fact) = match rel {
                Relation::Serves => (erec.basis.clone(), Fact::edge(&other, rel, &gkey)),
                Relation::MemberOf => ("member".to_string(), Fact::edge(&other, rel, &gkey)),
                _ => continue,
            };
            if basis.is_some_and(|b| b != row_basis) {
                continue;
            }
            let Some(orec) = store.node(&other)? else {
                continue;
            };
            if measure.is_some_and(|m| !orec.name.contains(m)) && rel == Relation::Serves {
                continue;
            }
            let ev = store.evidence(&fact)?;
            let speeches: BTreeSet<u64> = ev.iter().map(|e| e.doc_id).collect();
            let first = ev.into_iter().next();
            let (document, evidence) = match first {
                Some(e) => {
                    let v = reader.view(e)?;
                    (v.document, v.sentence)
                }
                None => (String::new(), String::new()),
            };
            let weight = if rel == Relation::MemberOf {
                1.0
            } else {
                crate::extract::goals::basis_weight(&row_basis)
            } * speeches.len() as f64;
            rows.push(ServesRow {
                goal: gname.clone(),
                measure: orec.name.clone(),
                basis: row_basis,
                weight,
                speeches: speeches.len(),
                document,
                evidence,
            });
            // What each member does: the measures serving the member.
            if rel == Relation::MemberOf && goal.is_some() {
                queue.push((other.clone(), orec.name.clone()));
            }
        }
    }
    rows.sort_by(|a, b| {
        a.goal
            .cmp(&b.goal)
            .then(
                b.weight
                    .partial_cmp(&a.weight)
                    .unwrap_or(std::cmp::Ordering::Equal),
            )
            .then(a.measure.cmp(&b.measure))
    });
    Ok(rows)
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
/// behind it, most supported first.
pub fn goals(store: &Store) -> Result<Vec<GoalRow>> {
    use crate::graph::model::Relation;
    let mut rows = Vec::new();
    for (key, rec) in store.nodes_of_kind(NodeKind::Goal)? {
        let (mut members, mut measures, mut targets) = (0, 0, 0);
        for (rel, other, _) in store.edges(&key, false)? {
            match rel {
                Relation::MemberOf => members += 1,
                Relation::Serves => {
                    measures += 1;
                    targets += store
                        .edges(&other, true)?
                        .iter()
                        .filter(|(r, o, _)| *r == Relation::Involves && o.kind == NodeKind::Target)
                        .count();
                }
                _ => {}
            }
        }
        let speeches: BTreeSet<u64> = store
            .evidence(&Fact::node(&key))?
            .iter()
            .map(|e| e.doc_id)
            .collect();
        rows.push(GoalRow {
            goal: rec.name,
            members,
            measures,
            targets,
            speeches: speeches.len(),
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
/// and each member, and what each measure involves (projects, sectors,
/// districts, targets).
pub fn goal_tree(store: &Store, goal_id: &str) -> Result<Vec<String>> {
    use crate::graph::model::Relation;
    let mut lines = Vec::new();
    let root = NodeKey::new(NodeKind::Goal, goal_id);
    fn measures_of(
        store: &Store,
        goal: &NodeKey,
        depth: usize,
        lines: &mut Vec<String>,
    ) -> Result<()> {
        let pad = "  ".repeat(depth);
        for (rel, m, erec) in store.edges(goal, false)? {
            if rel != Relation::Serves {
                continue;
            }
            let name = store.node(&m)?.map(|r| r.name).unwrap_or_default();
            lines.push(format!("{pad}measure {name} ({})", erec.basis));
            for (r2, o, _) in store.edges(&m, true)? {
                if r2 == Relation::Involves {
                    if let Some(rec) = store.node(&o)? {
                        lines.push(format!("{pad}  {} {}", o.kind.as_str(), rec.name));
                    }
                }
            }
        }
        Ok(())
    }
    for (rel, member, _) in store.edges(&root, false)? {
        if rel == Relation::MemberOf {
            let name = store.node(&member)?.map(|r| r.name).unwrap_or_default();
            lines.push(format!("member {name}"));
            measures_of(store, &member, 1, &mut lines)?;
        }
    }
    measures_of(store, &root, 0, &mut lines)?;
    Ok(lines)
}
