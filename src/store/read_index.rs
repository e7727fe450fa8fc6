//! Reading the query indexes and their counters (see [`index`]): a metric's
//! targets in print order, the edges into a goal (from speeches' own
//! measures in weight order, from other names with how many documents
//! state them per basis), and how many there are without a scan. The query
//! layer asks by metric or goal name and gets typed rows back; the index
//! keys are built in [`keys`] only.

use super::book::Evidence;
use super::index::{self, BasisCounts, IndexedEdge};
use super::read::StoredTarget;
use super::{facts, keys, Store};
use crate::error::{Error, Result};
use crate::model::{Basis, NodeKey, Relation};

/// An edge from another name into a goal (a member, a goal serving it),
/// with how many documents state it per basis.
#[derive(Debug, Clone)]
pub(crate) struct GoalSupport {
    pub relation: Relation,
    pub other: NodeKey,
    counts: BasisCounts,
}

impl GoalSupport {
    /// How many documents state the edge with this shown basis (any, for
    /// `None`).
    pub(crate) fn documents(&self, basis: Option<Basis>) -> u32 {
        match basis {
            Some(b) => self.counts[b.rank() as usize],
            None => self.counts.iter().sum(),
        }
    }
}

/// An edge into a goal as one document states it, from the serves index.
pub(crate) struct GoalEdge {
    pub doc: u64,
    edge: IndexedEdge,
}

impl GoalEdge {
    /// The goal the edge goes into.
    pub(crate) fn goal(&self) -> &NodeKey {
        &self.edge.node
    }

    pub(crate) fn relation(&self) -> Relation {
        self.edge.relation
    }

    /// The other end (a measure, a section, a member).
    pub(crate) fn other(&self) -> &NodeKey {
        &self.edge.other
    }

    /// The other end's name.
    pub(crate) fn name(&self) -> &str {
        &self.edge.name
    }

    /// The basis `query serves` shows: `member` for a member edge.
    pub(crate) fn shown_basis(&self) -> Option<Basis> {
        self.edge.shown_basis()
    }

    /// The weight the edge carries per speech stating it.
    pub(crate) fn serves_weight(&self) -> f64 {
        self.edge.serves_weight()
    }

    pub(crate) fn evidence(&self) -> Evidence {
        self.edge.evidence(self.doc)
    }
}

/// The speech hash prefix a speech-local key carries (its measures',
/// sections' and targets' keys name their speech).
pub(crate) fn speech_of(key: &NodeKey) -> Option<&str> {
    keys::owner_hash(key)
}

impl Store {
    /// A `C` counter (0 when absent).
    pub(super) fn count(&self, key: &[u8]) -> Result<u64> {
        Ok(self
            .db
            .get(key)?
            .and_then(|v| keys::read_u64(&v))
            .unwrap_or(0))
    }

    /// Query index entries under `prefix`, in key order, with their
    /// document.
    fn index_scan(&self, prefix: &[u8]) -> impl Iterator<Item = Result<(u64, IndexedEdge)>> {
        self.scan_runs(prefix).map(|e| {
            let (_, doc, v) = e?;
            Ok((doc, IndexedEdge::decode(&v)?))
        })
    }

    /// How many targets the metric named exactly `metric` has.
    pub(crate) fn target_count(&self, metric: &str) -> Result<u64> {
        self.count(&keys::metric_count(metric))
    }

    /// The targets of the metric named exactly `metric` (of one year, if
    /// given) in year, document path and position order.
    pub(crate) fn targets_of_metric(
        &self,
        metric: &str,
        year: Option<i32>,
    ) -> impl Iterator<Item = Result<StoredTarget>> {
        self.targets_under(&keys::target_prefix(metric, year.map(Some)))
    }

    /// The targets and actuals of the metric named exactly `metric` for
    /// one year and one jurisdiction ("" for none), in document path and
    /// position order: what a promise is paired within. Reads only those
    /// entries, however large the store.
    pub(crate) fn targets_of_place(
        &self,
        metric: &str,
        year: Option<i32>,
        jurisdiction: &str,
    ) -> impl Iterator<Item = Result<StoredTarget>> {
        self.targets_under(&keys::target_place_prefix(metric, year, jurisdiction))
    }

    /// The targets of the `Y` entries under `prefix`, in key order.
    fn targets_under(&self, prefix: &[u8]) -> impl Iterator<Item = Result<StoredTarget>> {
        self.index_scan(prefix).filter_map(|e| match e {
            Err(e) => Some(Err(e)),
            Ok((doc, edge)) => {
                let evidence = edge.evidence(doc);
                edge.target
                    .map(|record| Ok(StoredTarget { record, evidence }))
            }
        })
    }

    /// Edges from speeches' own nodes (measures, sections) into the goals
    /// named `goal`: highest per-speech weight first, then by the other
    /// end's name, document and position.
    pub(crate) fn local_edges_into(&self, goal: &str) -> impl Iterator<Item = Result<GoalEdge>> {
        self.index_scan(&keys::local_serves_prefix(goal))
            .map(|e| e.map(|(doc, edge)| GoalEdge { doc, edge }))
    }

    /// How many local edges go into the goals named `goal`, with this
    /// shown basis (any, for `None`).
    pub(crate) fn local_edge_count(&self, goal: &str, basis: Option<Basis>) -> Result<u64> {
        match basis {
            Some(b) => self.count(&keys::goal_count(goal, b.rank())),
            None => (0..Basis::RANKS as u8)
                .map(|rank| self.count(&keys::goal_count(goal, rank)))
                .sum(),
        }
    }

    /// Serves and member edges from other names into `goal`, with how many
    /// documents state each, per basis.
    pub(crate) fn edges_into_goal(&self, goal: &NodeKey) -> Result<Vec<GoalSupport>> {
        self.db
            .scan_prefix(keys::reverse_edge_prefix(goal))
            .map(|kv| {
                let (k, v) = kv?;
                let (_, relation, other) =
                    keys::parse_edge(&k).ok_or_else(|| Error::Corrupt("bad I row".into()))?;
                Ok(GoalSupport {
                    relation,
                    other,
                    counts: index::decode_basis_counts(&v),
                })
            })
            .collect()
    }

    /// Each document's statement of the edge `other → goal` between names
    /// (into any goal named `goal`), in document id order.
    pub(crate) fn statements_of(
        &self,
        goal: &str,
        relation: Relation,
        other: &NodeKey,
    ) -> impl Iterator<Item = Result<GoalEdge>> {
        self.index_scan(&keys::shared_edge_prefix(goal, relation, other))
            .map(|e| e.map(|(doc, edge)| GoalEdge { doc, edge }))
    }

    /// Speech hashes (prefixes) stored under more than one path.
    pub(crate) fn duplicated_speeches(&self) -> Result<Vec<String>> {
        self.db
            .scan_prefix(keys::ALL_DUPLICATES)
            .keys()
            .map(|k| Ok(keys::duplicate_hash(&k?)))
            .collect()
    }

    /// The documents holding the speech with this hash (prefix).
    pub(crate) fn speech_owners(&self, hash: &str) -> Result<Vec<u64>> {
        self.owners(&facts::speech_key(hash))
    }
}

#[cfg(test)]
mod tests {
    use crate::extract::Pipeline;
    use crate::model::TargetRecord;
    use crate::rules::CompiledRuleSet;
    use crate::store::testing::store_of;

    const SPEECH: &str = "在临江区经济工作会议上的讲话\n一、稳住经济基本盘\n今年临江区地区生产总值力争增长6.5%左右,一般公共预算收入增长5%。\n";

    #[test]
    fn the_store_hands_back_the_figures_it_was_given() {
        let pipeline = Pipeline::new(CompiledRuleSet::defaults().unwrap());
        let ex = pipeline.extract_text("linjiang.txt", "0123456789abcdef", SPEECH);
        let dir = tempfile::tempdir().unwrap();
        let store = store_of(dir.path(), &[("linjiang.txt", SPEECH)]);
        let want: Vec<TargetRecord> = ex.targets.iter().map(TargetRecord::from).collect();
        let all: Vec<TargetRecord> = store.all_targets().map(|t| t.unwrap().record).collect();
        assert_eq!(all, want);
        let gdp = &want[0];
        let indexed: Vec<TargetRecord> = store
            .targets_of_metric(&gdp.figures.metric, gdp.figures.year)
            .map(|t| t.unwrap().record)
            .collect();
        assert_eq!(indexed, vec![gdp.clone()]);
        assert!(gdp.is_about("临江区"), "{gdp:?}");
    }
}
