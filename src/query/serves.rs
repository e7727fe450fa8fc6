//! `ptkg query serves`: which measures serve which goal, most weight first,
//! with the basis, how many speeches state it and the first one's
//! sentence. With `--goal`, also the goal's members and what serves each.
//!
//! Reads the store's serves index: edges from a speech's own measures come
//! in printed order, so the first page reads about `limit` entries; edges
//! between names (a member, another goal) take their weight from how many
//! documents state them. Totals come from counters too, unless a measure
//! filter asks for a full read.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use super::{EvidenceReader, Page};
use crate::error::Result;
use crate::model::{Basis, NodeKey, NodeKind, Relation};
use crate::store::{speech_of, Evidence, GoalSupport, Store};

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
    basis: Option<Basis>,
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
    basis: Option<Basis>,
}

impl ServesFilter<'_> {
    /// The measure filter does not apply to members.
    fn keeps(&self, relation: Relation, name: &str, shown_basis: Option<Basis>) -> bool {
        self.basis.is_none_or(|b| Some(b) == shown_basis)
            && (relation == Relation::MemberOf || self.measure.is_none_or(|m| name.contains(m)))
    }
}

/// Each goal of one name with the edges into it from other names.
type GoalsOfName = Vec<(NodeKey, Vec<GoalSupport>)>;

/// Which measures serve which goal, most weight first. With `goal` (the
/// goal's name exactly, or with `like` a part of it), also the members of
/// that goal and the measures serving each member. `basis`
/// names one (structure, phrase, cooccurrence, member); a name that is no
/// basis keeps nothing.
pub fn serves(
    store: &Store,
    goal: Option<&str>,
    like: bool,
    measure: Option<&str>,
    basis: Option<&str>,
    limit: usize,
) -> Result<Page<ServesRow>> {
    let basis = match basis.map(Basis::parse) {
        None => None,
        Some(Some(b)) => Some(b),
        Some(None) => {
            return Ok(Page {
                rows: Vec::new(),
                total: 0,
            })
        }
    };
    let filter = ServesFilter { measure, basis };
    let names = goals_named(store, goal.map(|g| (g, like)), &filter)?;
    let duplicated = DuplicatedSpeeches::read(store)?;
    let mut page = ServesPage {
        rows: Vec::new(),
        total: 0,
        limit,
    };
    for (name, goals) in &names {
        page.add_goal(store, name, goals, &filter, &duplicated)?;
    }
    let mut reader = EvidenceReader::new(store);
    let mut out = Vec::with_capacity(page.rows.len());
    for h in page.rows {
        let view = reader.view(h.first)?;
        out.push(ServesRow {
            goal: h.goal,
            measure: h.measure,
            basis: h.basis.map_or("", |b| b.as_str()).to_string(),
            weight: h.weight,
            speeches: h.speeches,
            document: view.document,
            evidence: view.sentence,
        });
    }
    Ok(Page {
        rows: out,
        total: page.total,
    })
}

/// Goal name → each goal of that name (`goal` exactly, containing it when
/// its flag says like, or every goal)
/// with the edges into it from other names. With a goal, its members are
/// added too (unless the basis filter leaves members out).
fn goals_named(
    store: &Store,
    goal: Option<(&str, bool)>,
    filter: &ServesFilter,
) -> Result<BTreeMap<String, GoalsOfName>> {
    let mut names: BTreeMap<String, GoalsOfName> = BTreeMap::new();
    let mut queue: Vec<(NodeKey, String)> = store
        .shared_nodes(NodeKind::Goal)?
        .into_iter()
        .filter(|(_, r)| {
            goal.is_none_or(|(g, like)| {
                if like {
                    r.name.contains(g)
                } else {
                    r.name == g
                }
            })
        })
        .map(|(k, r)| (k, r.name))
        .collect();
    let mut seen = HashSet::new();
    while let Some((gkey, gname)) = queue.pop() {
        if !seen.insert(gkey.clone()) {
            continue;
        }
        let edges = store.edges_into_goal(&gkey)?;
        // What each member does: the measures serving the member.
        if goal.is_some() && filter.basis.is_none_or(|b| b == Basis::Member) {
            for e in &edges {
                if e.relation == Relation::MemberOf && e.other.kind == NodeKind::Goal {
                    if let Some(row) = store.node_row(&e.other)? {
                        queue.push((e.other.clone(), row.name));
                    }
                }
            }
        }
        names.entry(gname).or_default().push((gkey, edges));
    }
    Ok(names)
}

/// The rows kept so far and how many there are in all.
struct ServesPage {
    rows: Vec<ServesHit>,
    total: usize,
    limit: usize,
}

impl ServesPage {
    fn has_room(&self) -> bool {
        self.limit == 0 || self.rows.len() < self.limit
    }

    fn push(&mut self, hit: ServesHit) {
        if self.has_room() {
            self.rows.push(hit);
        }
    }

    /// The rows of the goals named `name`: edges between names and from
    /// duplicated speeches (few, weighed here), merged in order with the
    /// local edges the index gives in order.
    fn add_goal(
        &mut self,
        store: &Store,
        name: &str,
        goals: &GoalsOfName,
        filter: &ServesFilter,
        duplicated: &DuplicatedSpeeches,
    ) -> Result<()> {
        let mut fixed = Vec::new();
        for (gkey, edges) in goals {
            for e in edges {
                fixed.extend(shared_hit(store, name, gkey, e, filter)?);
            }
        }
        let gkeys: Vec<NodeKey> = goals.iter().map(|(k, _)| k.clone()).collect();
        let repeated = duplicated.hits(store, name, &gkeys, filter, &mut fixed)?;
        self.total += fixed.len();
        // Without a measure filter the local edges are counted by the
        // counters, and reading stops at the page's end.
        let counted = filter.measure.is_none();
        if counted {
            self.total += store.local_edge_count(name, filter.basis)? as usize;
            self.total -= repeated.min(self.total);
            if !self.has_room() {
                return Ok(());
            }
        }
        fixed.sort_by(serves_order);
        let mut fixed = fixed.into_iter().peekable();
        for e in store.local_edges_into(name) {
            let e = e?;
            let shown = e.shown_basis();
            if duplicated.holds(e.other()) || !filter.keeps(e.relation(), e.name(), shown) {
                continue;
            }
            if !counted {
                self.total += 1;
            }
            let hit = ServesHit {
                goal: name.to_string(),
                measure: e.name().to_string(),
                basis: shown,
                speeches: 1,
                weight: e.serves_weight(),
                first: e.evidence(),
            };
            while let Some(f) = fixed.next_if(|f| serves_order(f, &hit).is_le()) {
                self.push(f);
            }
            if self.has_room() {
                self.rows.push(hit);
            } else if counted {
                break;
            }
        }
        for f in fixed {
            self.push(f);
        }
        Ok(())
    }
}

/// The row of an edge between names into `goal`, if `filter` keeps it.
/// Its basis and occurrence are the first document's; its weight is that
/// basis's times the documents stating it. With a basis filter, only the
/// documents stating it with that basis count.
fn shared_hit(
    store: &Store,
    name: &str,
    goal: &NodeKey,
    edge: &GoalSupport,
    filter: &ServesFilter,
) -> Result<Option<ServesHit>> {
    let docs = edge.documents(filter.basis);
    if docs == 0 {
        return Ok(None);
    }
    for e in store.statements_of(name, edge.relation, &edge.other) {
        let e = e?;
        let shown = e.shown_basis();
        if e.goal() != goal || filter.basis.is_some_and(|b| Some(b) != shown) {
            continue;
        }
        if !filter.keeps(edge.relation, e.name(), shown) {
            return Ok(None);
        }
        return Ok(Some(ServesHit {
            goal: name.to_string(),
            measure: e.name().to_string(),
            weight: e.serves_weight() * docs as f64,
            basis: shown,
            speeches: docs as usize,
            first: e.evidence(),
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
        !self.owners.is_empty() && speech_of(local).is_some_and(|h| self.owners.contains_key(h))
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
                let Some(goal) = store.name_in_document(gkey, first)? else {
                    continue;
                };
                for i in goal.incoming() {
                    if !matches!(i.relation, Relation::Serves | Relation::MemberOf)
                        || !i.other.kind.is_speech_local()
                    {
                        continue;
                    }
                    let shown = i.shown_basis();
                    if !filter.keeps(i.relation, &i.other_record.name, shown) {
                        continue;
                    }
                    repeated += docs.len();
                    hits.push(ServesHit {
                        goal: name.to_string(),
                        weight: i.serves_weight() * docs.len() as f64,
                        measure: i.other_record.name,
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
