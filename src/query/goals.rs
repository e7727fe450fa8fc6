//! `ptkg query goals` (every goal with what stands behind it) and the goal
//! tree `ptkg show` prints under a goal (members, the measures serving the
//! goal and each member, what each measure involves). Both read the goals'
//! slices: they carry the serves and member edges and count the targets
//! the serving measures involve.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::error::Result;
use crate::model::{NodeKey, NodeKind, Relation};
use crate::store::Store;

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
    let mut rows = Vec::new();
    for (key, row) in store.shared_nodes(NodeKind::Goal)? {
        let (mut members, mut measures, mut targets) = (BTreeSet::new(), BTreeSet::new(), 0);
        for goal in store.name_in_documents(&key) {
            let goal = goal?;
            targets += goal.targets_involved();
            for i in goal.incoming() {
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

/// A goal's tree as indented lines: members, the measures serving the goal
/// and each member (at most `max_measures` each, then a count), and what
/// each measure involves (projects, sectors, districts, targets). Reads
/// the goals' slices, and the books of the measures shown.
pub fn goal_tree(store: &Store, goal_id: &str, max_measures: usize) -> Result<Vec<String>> {
    let mut lines = Vec::new();
    let root = NodeKey::new(NodeKind::Goal, goal_id);
    let mut members: Vec<(NodeKey, String)> = Vec::new();
    for goal in store.name_in_documents(&root) {
        for i in goal?.incoming() {
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

/// The measures serving `goal`, indented by `depth`, at most `max`, each
/// with what it involves.
fn measures_of(
    store: &Store,
    goal: &NodeKey,
    depth: usize,
    max: usize,
    lines: &mut Vec<String>,
) -> Result<()> {
    let pad = "  ".repeat(depth);
    let mut count = 0usize;
    for g in store.name_in_documents(goal) {
        let g = g?;
        for i in g.incoming() {
            if i.relation != Relation::Serves {
                continue;
            }
            count += 1;
            if count > max {
                continue;
            }
            let basis = i.basis.map_or("", |b| b.as_str());
            lines.push(format!("{pad}measure {} ({basis})", i.other_record.name));
            for t in store.local_edges_in(g.doc, &i.other, true)? {
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
