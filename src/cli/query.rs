//! `ptkg query targets|serves|goals|path|metric`: one question each to
//! [`ptkg::query`], printed as a table (Chinese text lined up), CSV or JSON.
//! Queries that cut rows at `--limit` say so on stderr; a goal, metric or
//! path that matches nothing is an error with a hint.

use anyhow::{bail, Result};
use ptkg::model::{NodeKind, TargetFigures};
use ptkg::query::TargetRow;
use ptkg::Store;

use super::output::{note_cut, print, print_json, print_rows, shorten};
use super::{table, BasisArg, Cli, QueryCommand, QueryFormat};

pub fn run(cli: &Cli, cmd: &QueryCommand) -> Result<i32> {
    let store = Store::open_existing(&cli.db)?;
    match cmd {
        QueryCommand::Targets {
            metric,
            like,
            status,
            year,
            jurisdiction,
            district,
            limit,
            format,
        } => {
            let filter = ptkg::query::TargetFilter {
                metric: metric
                    .as_deref()
                    .map(|m| metric_name(cli, m, *like))
                    .transpose()?,
                like: *like,
                status: status.map(Into::into),
                year: *year,
                jurisdiction: jurisdiction.as_deref().map(fold),
                district: district.clone(),
            };
            targets(&store, &filter, *limit, *format)
        }
        QueryCommand::Serves {
            goal,
            measure,
            basis,
            limit,
            format,
        } => serves(
            &store,
            goal.as_deref(),
            measure.as_deref(),
            *basis,
            *limit,
            *format,
        ),
        QueryCommand::Goals { format } => goals(&store, *format),
        QueryCommand::Path { from, to, format } => path(&store, from, to, *format),
        QueryCommand::Promises {
            metric,
            jurisdiction,
            year,
            outcome,
            limit,
            format,
        } => {
            let filter = ptkg::query::PromiseFilter {
                metric: metric
                    .as_deref()
                    .map(|m| canonical_metric(cli, m))
                    .transpose()?,
                jurisdiction: jurisdiction.as_deref().map(fold),
                year: *year,
                outcome: outcome.map(Into::into),
            };
            promises(&store, &filter, *limit, *format)
        }
        QueryCommand::Metric {
            name,
            like,
            year,
            jurisdiction,
            limit,
            format,
        } => {
            let filter = ptkg::query::TargetFilter {
                metric: Some(metric_name(cli, name, *like)?),
                like: *like,
                year: *year,
                jurisdiction: jurisdiction.as_deref().map(fold),
                ..ptkg::query::TargetFilter::default()
            };
            metric(&store, &filter, *limit, *format)
        }
    }
}

fn targets(
    store: &Store,
    filter: &ptkg::query::TargetFilter,
    limit: usize,
    format: QueryFormat,
) -> Result<i32> {
    let page = ptkg::query::targets(store, filter, limit)?;
    note_cut(page.rows.len(), page.total);
    print_targets(&page.rows, format)
}

fn serves(
    store: &Store,
    goal: Option<&str>,
    measure: Option<&str>,
    basis: Option<BasisArg>,
    limit: usize,
    format: QueryFormat,
) -> Result<i32> {
    let page = ptkg::query::serves(store, goal, measure, basis.map(|b| b.as_str()), limit)?;
    note_cut(page.rows.len(), page.total);
    let rows = page.rows;
    if let (true, Some(goal)) = (rows.is_empty(), goal) {
        let near = ptkg::query::nearest_names(store, &[NodeKind::Goal], goal, 3)?;
        bail!(
            "no measure serves a goal named like {goal:?};{} `ptkg query goals` lists the goals",
            ptkg::query::did_you_mean(&near)
        );
    }
    let header = [
        "goal", "measure", "basis", "weight", "speeches", "document", "evidence",
    ];
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.goal.clone(),
                r.measure.clone(),
                r.basis.clone(),
                format!("{:.1}", r.weight),
                r.speeches.to_string(),
                r.document.clone(),
                shorten(&r.evidence, format),
            ]
        })
        .collect();
    print_rows(&rows, &header, &cells, format)
}

fn goals(store: &Store, format: QueryFormat) -> Result<i32> {
    let rows = ptkg::query::goals(store)?;
    let header = ["goal", "members", "measures", "targets", "speeches"];
    let cells: Vec<Vec<String>> = rows
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
    print_rows(&rows, &header, &cells, format)
}

fn path(store: &Store, from: &str, to: &str, format: QueryFormat) -> Result<i32> {
    let Some(steps) = ptkg::query::path(store, from, to)? else {
        bail!("no path between {from:?} and {to:?} (check both names with `ptkg show`)");
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
    print_rows(&steps, &header, &cells, format)
}

fn metric(
    store: &Store,
    filter: &ptkg::query::TargetFilter,
    limit: usize,
    format: QueryFormat,
) -> Result<i32> {
    let page = ptkg::query::metric(store, filter, limit)?;
    note_cut(page.rows.len(), page.total);
    let rows = page.rows;
    if rows.is_empty() {
        let name = filter.metric.as_deref().unwrap_or_default();
        let how = if filter.like { "named like" } else { "named" };
        let near = ptkg::query::nearest_names(store, &[NodeKind::Metric], name, 3)?;
        bail!(
            "no targets for a metric {how} {name:?};{} `ptkg list metric` shows the metrics (--like matches a part of the name)",
            ptkg::query::did_you_mean(&near)
        );
    }
    print_targets(&rows, format)
}

/// A name as typed, folded as documents are (traditional and full-width
/// characters, spaces): 地區生產總值 → 地区生产总值.
fn fold(name: &str) -> String {
    ptkg::document::NormText::new(name.trim()).text
}

/// A metric as typed, folded and mapped through the metric rules' aliases
/// (GDP → 地区生产总值).
fn canonical_metric(cli: &Cli, name: &str) -> Result<String> {
    let folded = fold(name);
    let aliases = ptkg::rules::metric_aliases(cli.rules.as_deref())?;
    Ok(aliases.get(&folded).cloned().unwrap_or(folded))
}

/// A metric filter as typed: canonical, or only folded for a `--like`
/// search (a part of a name has no alias).
fn metric_name(cli: &Cli, name: &str, like: bool) -> Result<String> {
    if like {
        Ok(fold(name))
    } else {
        canonical_metric(cli, name)
    }
}

fn promises(
    store: &Store,
    filter: &ptkg::query::PromiseFilter,
    limit: usize,
    format: QueryFormat,
) -> Result<i32> {
    let page = ptkg::query::promises(store, filter, limit)?;
    note_cut(page.rows.len(), page.total);
    let rows = page.rows;
    if rows.is_empty() && filter.outcome.is_none() {
        if let Some(m) = &filter.metric {
            let near = ptkg::query::nearest_names(store, &[NodeKind::Metric], m, 3)?;
            bail!(
                "no promise for the metric {m:?};{} `ptkg list metric` shows the metrics (names match exactly)",
                ptkg::query::did_you_mean(&near)
            );
        }
        if let Some(j) = &filter.jurisdiction {
            bail!("no promise for the jurisdiction {j:?}; `ptkg query promises` shows them all");
        }
    }
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
    let cells: Vec<Vec<String>> = rows
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
                if format == QueryFormat::Csv {
                    r.outcome.as_str().to_string()
                } else {
                    r.outcome.marked().to_string()
                },
                ptkg::query::shown_gap(r.gap),
                r.target.document.clone(),
            ]
        })
        .collect();
    print_rows(&rows, &header, &cells, format)
}

fn print_targets(rows: &[TargetRow], format: QueryFormat) -> Result<i32> {
    if format == QueryFormat::Json {
        print_json(rows)?;
        return Ok(0);
    }
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
                f.jurisdiction.clone().unwrap_or_default(),
                r.document.clone(),
                shorten(&r.sentence, format),
            ]
        })
        .collect();
    match format {
        QueryFormat::Csv => print(&table::csv(&header, &cells))?,
        _ => print(&table::render(&header, &cells))?,
    }
    Ok(0)
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
