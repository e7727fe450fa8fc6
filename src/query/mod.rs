//! Questions asked of the store, one file per question: [`list`] (nodes
//! of a kind), [`show`] (a node with its edges and evidence), [`targets`]
//! and [`metric`] (figures), [`promises`] (targets with their outcome), [`serves`] (what serves a goal), [`goals`]
//! and [`goal_tree`], [`path`] (between two names), [`stats`]; [`resolve_names`] and
//! [`resolve_doc`] take names and speeches as the user types them; the
//! [`EvidenceReader`] turns stored occurrences into sentences. Questions
//! enter as names and filters, go to the store's typed read methods (never
//! its keys) and leave as rows ready to print; [`Graph`] loads the whole
//! store into petgraph for the export layer.

mod evidence;
mod goals;
mod graph;
mod list;
mod metric;
mod outline;
mod path;
mod promises;
mod resolve;
mod serves;
mod show;
mod stats;
mod suggest;
mod targets;

pub use evidence::{EvidenceReader, EvidenceView};
pub use goals::{goal_tree, goals, GoalRow};
pub use graph::Graph;
pub use list::{list, ListRow};
pub use metric::metric;
pub use outline::{outline, OutlineFact, OutlineSection, SpeechOutline};
pub use path::{path, PathStep};
pub use promises::{promises, shown_gap, Achieved, Outcome, PromiseFilter, PromiseRow, Promised};
pub use resolve::{
    fold, in_doc, match_names, resolve_doc, resolve_jurisdiction, resolve_names, short_title,
    speech_id, with_speech, Aliases, NameKind, SpeechTitles, SPEECH_ID_LEN,
};
pub use serves::{serves, ServesRow};
pub use show::{show, EdgeView, NodeView};
pub use stats::stats;
pub use suggest::{did_you_mean, nearest_names};
pub use targets::{targets, TargetFilter, TargetRow};

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

#[cfg(test)]
mod index_tests;
