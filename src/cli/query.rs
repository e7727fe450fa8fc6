//! `ptkg query targets|serves|goals|path|promises|metric`: one question
//! each to [`ptkg::query`], printed as a table fitted to the terminal, CSV
//! or JSON. Names are resolved first ([`super::names`]): a name that
//! matches nothing exits 1 with the nearest names, and so does a query
//! whose filters keep no row (one line on stderr). Queries that cut rows
//! at `--limit` say so on stderr.

use anyhow::Result;
use ptkg::model::TargetFigures;
use ptkg::query::{NameKind, TargetRow};
use ptkg::store::DocRecord;
use ptkg::Store;

use super::names::Names;
use super::output::{note_cut, nothing, print_rows, Rows};
use super::table::Layout;
use super::{BasisArg, Cli, QueryCommand, QueryFormat, RowsArgs};

pub fn run(cli: &Cli, cmd: &QueryCommand) -> Result<i32> {
    let store = Store::open_read_only(&cli.db)?;
    let names = Names::new(cli, &store);
    match cmd {
        QueryCommand::Targets {
            metric,
            like,
            status,
            year,
            jurisdiction,
            district,
            doc,
            limit,
            rows,
        } => {
            let doc = names.doc(doc.doc.as_deref())?;
            let filter = ptkg::query::TargetFilter {
                metric: metric
                    .as_deref()
                    .map(|m| names.filter(NameKind::METRIC, m, *like))
                    .transpose()?,
                like: *like,
                status: status.map(Into::into),
                year: *year,
                jurisdiction: jurisdiction
                    .as_deref()
                    .map(|j| names.jurisdiction(j))
                    .transpose()?,
                district: district
                    .as_deref()
                    .map(|d| names.one(NameKind::DISTRICT, d))
                    .transpose()?,
                doc: doc.as_ref().map(|d| d.id),
            };
            let page = ptkg::query::targets(&store, &filter, *limit)?;
            note_cut(page.rows.len(), page.total);
            let empty = no_rows(
                "targets",
                &[
                    ("--metric", metric.clone()),
                    ("--status", status.map(|s| format!("{s:?}").to_lowercase())),
                    ("--year", year.map(|y| y.to_string())),
                    ("--jurisdiction", jurisdiction.clone()),
                    ("--district", district.clone()),
                    ("--doc", doc.map(|d| d.path)),
                ],
            );
            print_targets(&page.rows, *rows, &empty)
        }
        QueryCommand::Serves {
            goal,
            like,
            measure,
            basis,
            doc,
            limit,
            rows,
        } => {
            let goal = goal
                .as_deref()
                .map(|g| names.filter(NameKind::GOAL, g, *like))
                .transpose()?;
            let query = ServesQuery {
                goal: goal.as_deref(),
                like: *like,
                measure: measure.as_deref(),
                basis: *basis,
                doc: names.doc(doc.doc.as_deref())?,
                limit: *limit,
            };
            serves(&store, &query, *rows)
        }
        QueryCommand::Goals { doc, rows } => goals(&store, names.doc(doc.doc.as_deref())?, *rows),
        QueryCommand::Path {
            from,
            to,
            doc,
            rows,
        } => {
            let doc = names.doc(doc.doc.as_deref())?;
            path(&store, &names, [from, to], doc.as_ref(), *rows)
        }
        QueryCommand::Promises {
            metric,
            jurisdiction,
            year,
            outcome,
            doc,
            limit,
            rows,
        } => {
            let filter = ptkg::query::PromiseFilter {
                metric: metric
                    .as_deref()
                    .map(|m| names.one(NameKind::METRIC, m))
                    .transpose()?,
                jurisdiction: jurisdiction
                    .as_deref()
                    .map(|j| names.jurisdiction(j))
                    .transpose()?,
                year: *year,
                outcome: outcome.map(Into::into),
            };
            let doc = names.doc(doc.doc.as_deref())?;
            promises(&store, &filter, doc, *limit, *rows)
        }
        QueryCommand::Metric {
            name,
            like,
            year,
            jurisdiction,
            doc,
            limit,
            rows,
        } => {
            let doc = names.doc(doc.doc.as_deref())?;
            let filter = ptkg::query::TargetFilter {
                metric: Some(names.filter(NameKind::METRIC, name, *like)?),
                like: *like,
                year: *year,
                jurisdiction: jurisdiction
                    .as_deref()
                    .map(|j| names.jurisdiction(j))
                    .transpose()?,
                doc: doc.as_ref().map(|d| d.id),
                ..ptkg::query::TargetFilter::default()
            };
            let page = ptkg::query::metric(&store, &filter, *limit)?;
            note_cut(page.rows.len(), page.total);
            let empty = no_rows(
                "targets",
                &[
                    ("metric", Some(name.clone())),
                    ("--year", year.map(|y| y.to_string())),
                    ("--jurisdiction", jurisdiction.clone()),
                    ("--doc", doc.map(|d| d.path)),
                ],
            );
            print_targets(&page.rows, *rows, &empty)
        }
    }
}

/// "no targets matched --metric X --year 2030": what an empty result says.
fn no_rows(what: &str, given: &[(&str, Option<String>)]) -> String {
    let flags: Vec<String> = given
        .iter()
        .filter_map(|(flag, v)| v.as_ref().map(|v| format!("{flag} {v}")))
        .collect();
    if flags.is_empty() {
        format!("no {what} in the store")
    } else {
        format!("no {what} matched {}", flags.join(" "))
    }
}

/// `query serves` as asked.
struct ServesQuery<'a> {
    goal: Option<&'a str>,
    like: bool,
    measure: Option<&'a str>,
    basis: Option<BasisArg>,
    doc: Option<DocRecord>,
    limit: usize,
}

fn serves(store: &Store, q: &ServesQuery, rows: RowsArgs) -> Result<i32> {
    // One speech: every row is read, then those of the speech kept.
    let limit = if q.doc.is_some() { 0 } else { q.limit };
    let basis = q.basis.map(|b| b.as_str());
    let mut page = ptkg::query::serves(store, q.goal, q.like, q.measure, basis, limit)?;
    if let Some(doc) = &q.doc {
        page.rows.retain(|r| ptkg::query::in_doc(doc, &r.document));
        page.total = page.rows.len();
        if q.limit > 0 {
            page.rows.truncate(q.limit);
        }
    }
    note_cut(page.rows.len(), page.total);
    let header = [
        "goal", "measure", "basis", "weight", "speeches", "document", "evidence",
    ];
    let cells: Vec<Vec<String>> = page
        .rows
        .iter()
        .map(|r| {
            vec![
                r.goal.clone(),
                r.measure.clone(),
                r.basis.clone(),
                format!("{:.1}", r.weight),
                r.speeches.to_string(),
                r.document.clone(),
                r.evidence.clone(),
            ]
        })
        .collect();
    let focus = page.rows.iter().map(|r| Some(r.measure.clone())).collect();
    let shown = Rows {
        header: &header,
        cells,
        layout: Layout::terminal(rows.wide)
            .eliding(6, focus)
            .keeping_end(5)
            .optional(&[3, 4, 5]),
    };
    let empty = no_rows(
        "serves edges",
        &[
            ("--goal", q.goal.map(str::to_string)),
            ("--measure", q.measure.map(str::to_string)),
            ("--basis", basis.map(str::to_string)),
            ("--doc", q.doc.as_ref().map(|d| d.path.clone())),
        ],
    );
    print_rows(&page.rows, &shown, rows.format, &empty)
}

fn goals(store: &Store, doc: Option<DocRecord>, rows: RowsArgs) -> Result<i32> {
    let mut found = ptkg::query::goals(store)?;
    if let Some(doc) = &doc {
        let outline = ptkg::query::outline(store, doc)?;
        let named: std::collections::HashSet<&str> = outline
            .sections
            .iter()
            .flat_map(|s| &s.facts)
            .filter(|f| f.kind == ptkg::model::NodeKind::Goal)
            .map(|f| f.name.as_str())
            .collect();
        found.retain(|r| named.contains(r.goal.as_str()));
    }
    let header = ["goal", "members", "measures", "targets", "speeches"];
    let cells: Vec<Vec<String>> = found
        .iter()
        .map(|r| {
            vec![
                r.goal.clone(),
                r.members.to_string(),
                r.measures.to_string(),
                r.targets.to_string(),
                r.speeches.to_string(),
            ]
        })
        .collect();
    let shown = Rows {
        header: &header,
        cells,
        layout: Layout::terminal(rows.wide),
    };
    let empty = no_rows("goals", &[("--doc", doc.map(|d| d.path))]);
    print_rows(&found, &shown, rows.format, &empty)
}

fn path(
    store: &Store,
    names: &Names,
    [from, to]: [&String; 2],
    doc: Option<&DocRecord>,
    rows: RowsArgs,
) -> Result<i32> {
    // A name the resolver does not know may still be a measure's or an
    // id: the path is searched for it as typed, and only when none is
    // found does the unknown name answer.
    let resolve = |name: &str| match names.one(NameKind::NODE, name) {
        Ok(n) => Ok((n, None)),
        Err(e) if is_not_found(&e) => Ok((ptkg::query::fold(name), Some(e))),
        Err(e) => Err(e),
    };
    let (a, a_err) = resolve(from)?;
    let (b, b_err) = resolve(to)?;
    let Some(steps) = ptkg::query::path(store, &a, &b, doc)? else {
        if let Some(e) = a_err.or(b_err) {
            return Err(e);
        }
        return Err(nothing(match doc {
            Some(d) => format!("no path between {a} and {b} within --doc {}", d.path),
            None => {
                format!("no path between {a} and {b}; they are in parts of the graph no edge joins")
            }
        }));
    };
    let header = ["kind", "name", "next"];
    let cells: Vec<Vec<String>> = steps
        .iter()
        .map(|s| {
            vec![
                s.kind.as_str().to_string(),
                s.name.clone(),
                s.via.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let shown = Rows {
        header: &header,
        cells,
        layout: Layout::terminal(rows.wide),
    };
    print_rows(&steps, &shown, rows.format, "no path")
}

/// Whether an error says a name matched nothing.
fn is_not_found(e: &anyhow::Error) -> bool {
    matches!(
        e.downcast_ref::<ptkg::Error>(),
        Some(ptkg::Error::NotFound { .. })
    )
}

fn promises(
    store: &Store,
    filter: &ptkg::query::PromiseFilter,
    doc: Option<DocRecord>,
    limit: usize,
    rows: RowsArgs,
) -> Result<i32> {
    let mut page = ptkg::query::promises(store, filter, if doc.is_some() { 0 } else { limit })?;
    if let Some(doc) = &doc {
        page.rows
            .retain(|r| ptkg::query::in_doc(doc, &r.target.document));
        page.total = page.rows.len();
        if limit > 0 {
            page.rows.truncate(limit);
        }
    }
    note_cut(page.rows.len(), page.total);
    let header = [
        "jurisdiction",
        "metric",
        "year",
        "promised",
        "achieved",
        "outcome",
        "gap",
        "document",
    ];
    let cells: Vec<Vec<String>> = page
        .rows
        .iter()
        .map(|r| {
            let achieved = r.actual.as_ref().map_or(String::new(), |a| {
                if a.reports > 1 {
                    format!("{} (latest of {} reports)", a.shown, a.reports)
                } else {
                    a.shown.clone()
                }
            });
            vec![
                r.jurisdiction.clone().unwrap_or_default(),
                r.metric.clone(),
                r.year.map(|y| y.to_string()).unwrap_or_default(),
                r.target.shown.clone(),
                achieved,
                if rows.format == QueryFormat::Csv {
                    r.outcome.as_str().to_string()
                } else {
                    r.outcome.marked().to_string()
                },
                ptkg::query::shown_gap(r.gap),
                r.target.document.clone(),
            ]
        })
        .collect();
    let shown = Rows {
        header: &header,
        cells,
        layout: Layout::terminal(rows.wide).keeping_end(7).optional(&[7, 6]),
    };
    let empty = no_rows(
        "promises",
        &[
            ("--metric", filter.metric.clone()),
            ("--jurisdiction", filter.jurisdiction.clone()),
            ("--year", filter.year.map(|y| y.to_string())),
            ("--outcome", filter.outcome.map(|o| o.as_str().to_string())),
            ("--doc", doc.map(|d| d.path)),
        ],
    );
    print_rows(&page.rows, &shown, rows.format, &empty)
}

fn print_targets(rows: &[TargetRow], args: RowsArgs, empty: &str) -> Result<i32> {
    let header = [
        "metric",
        "value",
        "unit",
        "change",
        "qualifier",
        "status",
        "year",
        "jurisdiction",
        "document",
        "sentence",
    ];
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let f = &r.figures;
            vec![
                f.metric.clone(),
                value_cell(f),
                f.unit.clone(),
                // The direction as an arrow: growth ↓ is a decline.
                match f.direction {
                    Some(ptkg::model::Direction::Increase) => format!("{} ↑", f.change),
                    Some(ptkg::model::Direction::Decrease) => format!("{} ↓", f.change),
                    None => f.change.to_string(),
                },
                f.qualifier.to_string(),
                f.status.to_string(),
                f.year
                    .map(|y| y.to_string())
                    .or(f.period.clone())
                    .unwrap_or_default(),
                f.jurisdiction
                    .as_deref()
                    .map(|j| ptkg::query::with_speech(j, &r.title))
                    .unwrap_or_default(),
                r.document.clone(),
                r.sentence.clone(),
            ]
        })
        .collect();
    // The figure as written: what the sentence is elided around.
    let focus = rows
        .iter()
        .map(|r| Some(r.figures.value_text.clone()).filter(|t| !t.is_empty()))
        .collect();
    let shown = Rows {
        header: &header,
        cells,
        layout: Layout::terminal(args.wide)
            .eliding(9, focus)
            .keeping_end(8)
            .optional(&[4, 8, 3]),
    };
    print_rows(rows, &shown, args.format, empty)
}

/// A target's value as a table shows it: a number, a range, or the figure
/// as written (without its unit) when it has no number.
fn value_cell(r: &TargetFigures) -> String {
    match (r.value, r.value_max) {
        (Some(v), Some(m)) => format!(
            "{}–{}",
            ptkg::model::format_number(v),
            ptkg::model::format_number(m)
        ),
        (Some(v), None) => ptkg::model::format_number(v),
        (None, _) => r.value_text.trim_end_matches(r.unit.as_str()).to_string(),
    }
}
