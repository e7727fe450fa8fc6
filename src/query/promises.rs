//! `ptkg query promises`: what was promised, for when, and was it kept.
//!
//! Every figure stated as a target becomes a row; the actual reported for
//! the same jurisdiction, metric, year and period anywhere in the store
//! (usually next year's review) is paired with it, and the two decide the
//! outcome (an estimate, 预计…, answers when no actual does). Metrics pair
//! by their canonical name (extraction already maps
//! aliases: GDP → 地区生产总值, 规上工业增加值 → 规模以上工业增加值),
//! never by substring, so 分别 lists pair member by member (城镇… with
//! 城镇…). Pairs never cross jurisdictions; an anonymised one (XX区)
//! pairs only inside its own document. Where several reports give an
//! actual, the latest document (by its date, then the order added) wins
//! and the row counts the others.
//!
//! The actuals of one target are read from the store's target index by
//! (metric, year, jurisdiction), so a row costs the same on any store.

use serde::Serialize;

use super::{EvidenceReader, Page};
use crate::error::Result;
use crate::model::{
    format_number, is_anonymised, Change, Direction, NodeKind, Qualifier, Status, TargetFigures,
};
use crate::store::{Store, StoredTarget};

/// Whether a promise was kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The actual reached the target (at or below it for 以内 / 不超过
    /// targets, a decline at least as large for a 下降 target).
    Met,
    Missed,
    /// An actual exists but cannot be compared: anonymised (X), or in a
    /// unit that does not convert.
    Unknown,
    /// No actual for that year yet.
    Pending,
}

impl Outcome {
    pub const ALL: [Outcome; 4] = [
        Outcome::Met,
        Outcome::Missed,
        Outcome::Unknown,
        Outcome::Pending,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Met => "met",
            Outcome::Missed => "missed",
            Outcome::Unknown => "unknown",
            Outcome::Pending => "pending",
        }
    }

    /// As the table shows it: ✓ met, ✗ missed, ? unknown, … pending.
    pub fn marked(self) -> &'static str {
        match self {
            Outcome::Met => "✓ met",
            Outcome::Missed => "✗ missed",
            Outcome::Unknown => "? unknown",
            Outcome::Pending => "… pending",
        }
    }
}

/// The promised figure of a row.
#[derive(Debug, Clone, Serialize)]
pub struct Promised {
    pub value: Option<f64>,
    pub value_max: Option<f64>,
    pub unit: String,
    pub qualifier: Qualifier,
    pub direction: Option<Direction>,
    pub signed_value: Option<f64>,
    pub document: String,
    pub sentence: String,
    /// As written, with its verb: 增长6.5%左右.
    #[serde(skip)]
    pub shown: String,
}

/// The achieved figure of a row.
#[derive(Debug, Clone, Serialize)]
pub struct Achieved {
    pub value: Option<f64>,
    pub unit: String,
    pub direction: Option<Direction>,
    pub signed_value: Option<f64>,
    pub document: String,
    pub sentence: String,
    /// As written, with its verb: 增长5.1%.
    #[serde(skip)]
    pub shown: String,
    /// How many documents reported an actual for the target (the latest
    /// is this one).
    #[serde(skip)]
    pub reports: usize,
}

/// One row of `ptkg query promises`.
#[derive(Debug, Clone, Serialize)]
pub struct PromiseRow {
    pub jurisdiction: Option<String>,
    pub metric: String,
    pub year: Option<i32>,
    pub target: Promised,
    pub actual: Option<Achieved>,
    pub outcome: Outcome,
    /// Actual minus target on the signed values, in the target's unit.
    pub gap: Option<f64>,
}

/// Which promises to show; empty fields keep everything.
#[derive(Debug, Clone, Default)]
pub struct PromiseFilter {
    /// A canonical metric name, matched exactly.
    pub metric: Option<String>,
    /// A jurisdiction, matched exactly.
    pub jurisdiction: Option<String>,
    pub year: Option<i32>,
    pub outcome: Option<Outcome>,
}

/// The promises `filter` keeps, by jurisdiction, metric, year and
/// document; the first `limit` (0: all) read their sentences.
pub fn promises(store: &Store, filter: &PromiseFilter, limit: usize) -> Result<Page<PromiseRow>> {
    let mut metrics: Vec<String> = match &filter.metric {
        Some(m) => vec![m.clone()],
        None => store
            .node_counts(NodeKind::Metric)?
            .into_iter()
            .map(|c| c.name)
            .collect(),
    };
    metrics.sort();
    metrics.dedup();
    let mut reader = EvidenceReader::new(store);
    let mut actuals = Actuals::default();
    let mut pairs = Vec::new();
    for metric in &metrics {
        let mut seen = std::collections::HashSet::new();
        // With a jurisdiction and a year the promises are one range of the
        // index; otherwise the metric's (of one year, if given).
        let found: Box<dyn Iterator<Item = Result<StoredTarget>>> =
            match (&filter.jurisdiction, filter.year) {
                (Some(place), Some(year)) => {
                    Box::new(store.targets_of_place(metric, Some(year), place))
                }
                _ => Box::new(store.targets_of_metric(metric, filter.year)),
            };
        for t in found {
            let t = t?;
            let f = &t.record.figures;
            if f.status != Status::Target
                || filter
                    .jurisdiction
                    .as_ref()
                    .is_some_and(|j| f.jurisdiction.as_ref() != Some(j))
            {
                continue;
            }
            // The same promise twice in one report (summary and detail).
            let same = (
                t.evidence.doc_id,
                f.year,
                f.value_text.clone(),
                f.change,
                f.jurisdiction.clone(),
            );
            if !seen.insert(same) {
                continue;
            }
            let pairing = pair(store, &mut actuals, t)?;
            if filter.outcome.is_none_or(|o| o == pairing.outcome) {
                let document = reader
                    .document(pairing.target.evidence.doc_id)?
                    .0
                    .to_string();
                pairs.push((document, pairing));
            }
        }
    }
    let total = pairs.len();
    pairs.sort_by(|(da, a), (db, b)| {
        let key = |p: &Pairing| {
            let f = &p.target.record.figures;
            (f.jurisdiction.clone(), f.metric.clone(), f.year)
        };
        key(a).cmp(&key(b)).then_with(|| da.cmp(db))
    });
    if limit > 0 {
        pairs.truncate(limit);
    }
    let mut rows = Vec::with_capacity(pairs.len());
    for (_, pairing) in pairs {
        rows.push(finish(&mut reader, pairing)?);
    }
    Ok(Page { rows, total })
}

/// An actual with its document's date.
type Dated = (StoredTarget, Option<String>);

/// The actuals (and estimates) of one metric, year and jurisdiction with
/// their documents' dates, read once however many promises ask.
#[derive(Default)]
struct Actuals {
    by_place: std::collections::HashMap<(String, i32, String), Vec<Dated>>,
    dates: std::collections::HashMap<u64, Option<String>>,
}

impl Actuals {
    fn of(&mut self, store: &Store, metric: &str, year: i32, place: &str) -> Result<&[Dated]> {
        let key = (metric.to_string(), year, place.to_string());
        if !self.by_place.contains_key(&key) {
            let mut found = Vec::new();
            for a in store.targets_of_place(metric, Some(year), place) {
                let a = a?;
                // A report given early in the next year often only
                // estimates the year's result (预计全年增长6.2%): a forecast
                // answers when no actual does.
                if matches!(a.record.figures.status, Status::Actual | Status::Forecast) {
                    let doc = a.evidence.doc_id;
                    let date = match self.dates.get(&doc) {
                        Some(d) => d.clone(),
                        None => {
                            let d = store.doc_by_id(doc)?.and_then(|d| d.date);
                            self.dates.insert(doc, d.clone());
                            d
                        }
                    };
                    found.push((a, date));
                }
            }
            self.by_place.insert(key.clone(), found);
        }
        Ok(&self.by_place[&key])
    }
}

/// A target with its actual and outcome, before any sentence is read.
struct Pairing {
    target: StoredTarget,
    actual: Option<StoredTarget>,
    /// How many documents gave an actual.
    reports: usize,
    outcome: Outcome,
    gap: Option<f64>,
}

/// The actual of one target, if any, and the outcome.
fn pair(store: &Store, actuals: &mut Actuals, target: StoredTarget) -> Result<Pairing> {
    let f = &target.record.figures;
    let mut candidates: Vec<&Dated> = Vec::new();
    if let (Some(year), Some(place)) = (f.year, f.jurisdiction.as_deref()) {
        candidates = actuals
            .of(store, &f.metric, year, place)?
            .iter()
            .filter(|(a, _)| {
                let af = &a.record.figures;
                af.period == f.period
                    && same_kind(f.change, af.change)
                    && (!is_anonymised(place) || a.evidence.doc_id == target.evidence.doc_id)
            })
            .collect();
    }
    let reports = {
        let mut docs: Vec<u64> = candidates.iter().map(|(a, _)| a.evidence.doc_id).collect();
        docs.sort_unstable();
        docs.dedup();
        docs.len()
    };
    // Comparable actuals first, reported ones before estimates, then the
    // latest document, then the one added last; within a document the
    // first statement.
    let latest = candidates
        .into_iter()
        .max_by(|(a, da), (b, db)| {
            let comparable = |x: &StoredTarget| scale_to(f, &x.record.figures).is_some();
            let reported = |x: &StoredTarget| x.record.figures.status == Status::Actual;
            comparable(a)
                .cmp(&comparable(b))
                .then(reported(a).cmp(&reported(b)))
                .then(da.cmp(db))
                .then(a.evidence.doc_id.cmp(&b.evidence.doc_id))
                .then(b.evidence.start.cmp(&a.evidence.start))
        })
        .map(|(a, _)| a.clone());
    let (outcome, gap) = judge(f, latest.as_ref().map(|a| &a.record.figures));
    Ok(Pairing {
        target,
        actual: latest,
        reports,
        outcome,
        gap,
    })
}

/// A pairing as a row, its sentences read.
fn finish(reader: &mut EvidenceReader, p: Pairing) -> Result<PromiseRow> {
    let f = &p.target.record.figures;
    let view = reader.view(p.target.evidence.clone())?;
    let promised = Promised {
        value: f.value,
        value_max: f.value_max,
        unit: f.unit.clone(),
        qualifier: f.qualifier,
        direction: f.direction,
        signed_value: f.signed_value,
        document: view.document,
        sentence: view.sentence,
        shown: shown(f),
    };
    let actual = match p.actual {
        None => None,
        Some(a) => {
            let view = reader.view(a.evidence.clone())?;
            let af = &a.record.figures;
            Some(Achieved {
                value: af.value,
                unit: af.unit.clone(),
                direction: af.direction,
                signed_value: af.signed_value,
                document: view.document,
                sentence: view.sentence,
                shown: shown(af),
                reports: p.reports,
            })
        }
    };
    Ok(PromiseRow {
        jurisdiction: f.jurisdiction.clone(),
        metric: f.metric.clone(),
        year: f.year,
        target: promised,
        actual,
        outcome: p.outcome,
        gap: p.gap,
    })
}

/// Whether an actual of change `b` can answer a target of change `a`: a
/// rate with a rate (growth, difference), a level with a level, a share
/// with a share.
fn same_kind(a: Change, b: Change) -> bool {
    let class = |c: Change| match c {
        Change::Growth | Change::Difference => 0,
        Change::Level => 1,
        Change::Share => 2,
    };
    class(a) == class(b)
}

/// A figure as written with its verb: 增长6.5%左右, 下降3%, 3.5%以内.
fn shown(f: &TargetFigures) -> String {
    let verb = match (f.change, f.direction) {
        (Change::Growth | Change::Difference, Some(Direction::Decrease)) => "下降",
        (Change::Growth, _) => "增长",
        (Change::Difference, _) => "提高",
        _ => "",
    };
    format!("{verb}{}", f.value_text)
}

/// The factor that turns `unit` into its base unit, and the base: 亿元 →
/// (元, 1e8), 万人 → (人, 1e4), % → (%, 1).
fn unit_scale(unit: &str) -> (&str, f64) {
    let mut base = unit;
    let mut factor = 1.0;
    loop {
        let (step, rest) = match base.chars().next() {
            Some('万') => (1e4, &base['万'.len_utf8()..]),
            Some('亿') => (1e8, &base['亿'.len_utf8()..]),
            Some('千') => (1e3, &base['千'.len_utf8()..]),
            Some('百') => (1e2, &base['百'.len_utf8()..]),
            _ => break,
        };
        if rest.is_empty() {
            break;
        }
        factor *= step;
        base = rest;
    }
    (base, factor)
}

/// The factor that turns `actual`'s unit into `target`'s, when the two
/// measure the same thing (亿元 and 万元); None otherwise.
fn scale_to(target: &TargetFigures, actual: &TargetFigures) -> Option<f64> {
    let (tb, tf) = unit_scale(&target.unit);
    let (ab, af) = unit_scale(&actual.unit);
    (tb == ab).then_some(af / tf)
}

/// The outcome of a target given its actual, and the gap (actual −
/// target, signed, in the target's unit).
pub(crate) fn judge(
    target: &TargetFigures,
    actual: Option<&TargetFigures>,
) -> (Outcome, Option<f64>) {
    let Some(actual) = actual else {
        return (Outcome::Pending, None);
    };
    let signed = |f: &TargetFigures| f.signed_value.or(f.value);
    let (Some(scale), Some(t), Some(a)) =
        (scale_to(target, actual), signed(target), signed(actual))
    else {
        return (Outcome::Unknown, None);
    };
    if target.redacted || actual.redacted {
        return (Outcome::Unknown, None);
    }
    let a = a * scale;
    // Rounded to the figures' own precision: 6.8 − 6.5 is 0.3, not
    // 0.2999999.
    let gap = ((a - t) * 1e6).round() / 1e6;
    let met =
        if target.qualifier == Qualifier::AtMost || target.direction == Some(Direction::Decrease) {
            a <= t
        } else {
            a >= t
        };
    (
        if met { Outcome::Met } else { Outcome::Missed },
        Some(if gap == 0.0 { 0.0 } else { gap }),
    )
}

/// The gap as the table shows it: +0.3, -2.5, 0.
pub fn shown_gap(gap: Option<f64>) -> String {
    match gap {
        None => String::new(),
        Some(g) if g > 0.0 => format!("+{}", format_number(g)),
        Some(g) => format_number(g),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure(
        change: Change,
        direction: Option<Direction>,
        value: f64,
        unit: &str,
    ) -> TargetFigures {
        let sign = if direction == Some(Direction::Decrease) {
            -1.0
        } else {
            1.0
        };
        TargetFigures {
            metric: "地区生产总值".into(),
            value: Some(value),
            signed_value: Some(sign * value),
            value_text: format!("{}{unit}", format_number(value)),
            unit: unit.into(),
            change,
            direction,
            year: Some(2022),
            jurisdiction: Some("青禾县".into()),
            ..TargetFigures::default()
        }
    }

    fn growth(v: f64) -> TargetFigures {
        figure(Change::Growth, Some(Direction::Increase), v, "%")
    }

    fn decline(v: f64) -> TargetFigures {
        figure(Change::Growth, Some(Direction::Decrease), v, "%")
    }

    #[test]
    fn a_growth_target_is_met_at_or_above_it() {
        let target = TargetFigures {
            qualifier: Qualifier::About,
            ..growth(6.5)
        };
        assert_eq!(
            judge(&target, Some(&growth(6.8))),
            (Outcome::Met, Some(0.3))
        );
        assert_eq!(
            judge(&target, Some(&growth(6.5))),
            (Outcome::Met, Some(0.0))
        );
        assert_eq!(
            judge(&target, Some(&growth(5.1))),
            (Outcome::Missed, Some(-1.4))
        );
        assert_eq!(judge(&target, None), (Outcome::Pending, None));
    }

    #[test]
    fn an_at_most_target_is_met_at_or_below_it() {
        let target = TargetFigures {
            qualifier: Qualifier::AtMost,
            ..figure(Change::Level, None, 4.0, "%")
        };
        let actual = |v| figure(Change::Level, None, v, "%");
        assert_eq!(judge(&target, Some(&actual(3.6))).0, Outcome::Met);
        assert_eq!(
            judge(&target, Some(&actual(4.3))),
            (Outcome::Missed, Some(0.3))
        );
    }

    #[test]
    fn a_decline_target_is_met_by_a_decline_at_least_as_large() {
        assert_eq!(
            judge(&decline(3.0), Some(&decline(3.4))),
            (Outcome::Met, Some(-0.4))
        );
        assert_eq!(judge(&decline(3.0), Some(&decline(2.1))).0, Outcome::Missed);
        assert_eq!(judge(&decline(3.0), Some(&growth(1.0))).0, Outcome::Missed);
    }

    #[test]
    fn anonymised_or_other_units_are_unknown_and_scales_convert() {
        let redacted = TargetFigures {
            redacted: true,
            value: None,
            signed_value: None,
            ..growth(0.0)
        };
        assert_eq!(
            judge(&growth(5.0), Some(&redacted)),
            (Outcome::Unknown, None)
        );
        let level = |v, unit: &str| figure(Change::Level, None, v, unit);
        assert_eq!(
            judge(&level(200.0, "亿元"), Some(&level(212.4, "万人"))).0,
            Outcome::Unknown
        );
        assert_eq!(
            judge(&level(200.0, "亿元"), Some(&level(2_124_000.0, "万元"))),
            (Outcome::Met, Some(12.4))
        );
    }

    #[test]
    fn figures_show_with_their_verb() {
        assert_eq!(shown(&growth(6.5)), "增长6.5%");
        assert_eq!(shown(&decline(3.0)), "下降3%");
        assert_eq!(shown(&figure(Change::Level, None, 3.5, "%")), "3.5%");
        assert_eq!(shown_gap(Some(0.3)), "+0.3");
        assert_eq!(shown_gap(Some(-2.5)), "-2.5");
    }
}
