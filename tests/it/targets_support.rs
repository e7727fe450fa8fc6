//! Helpers for the table-driven target tests (tests/it/targets_*.rs).
//!
//! Each of those files holds a table of short, hand-written sentences and
//! the fields expected of the figure(s) in them. A test loops over the whole
//! table, collects every mismatch and fails once with all of them, so one
//! run shows every failing case. Cases marked `known_gap` document a defect
//! of the extractor against the spec: they are still run and printed (as
//! "known gap", with what the extractor gave), but do not fail the test. A
//! known gap that starts passing is printed as "now passes" so its mark can
//! be removed.
//!
//! Run with `cargo test --test it targets_numerals -- --nocapture` to see the
//! known gaps.
#![allow(dead_code)]

use std::fmt::Debug;
use std::sync::OnceLock;

use ptkg::model::Target;
use ptkg::{CompiledRuleSet, Pipeline};

/// The pipeline with the default rules, built once per test binary.
pub fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE
        .get_or_init(|| Pipeline::new(CompiledRuleSet::defaults().expect("default rules compile")))
}

/// Every target the extractor finds in `text`.
pub fn targets(text: &str) -> Vec<Target> {
    pipeline()
        .extract_text("case.txt", "0000000000000000", text)
        .targets
}

/// The target standing at the first occurrence of `figure` in `text` (its
/// char span overlaps the figure's).
pub fn at_figure<'a>(found: &'a [Target], text: &str, figure: &str) -> Result<&'a Target, String> {
    let Some(byte) = text.find(figure) else {
        return Err(format!("table error: figure {figure:?} is not in the text"));
    };
    let start = text[..byte].chars().count();
    let end = start + figure.chars().count();
    found
        .iter()
        .find(|t| t.provenance.start < end && start < t.provenance.end)
        .ok_or_else(|| format!("no target at {figure:?}"))
}

/// Numbers equal up to rounding (150.8 × 10^8 is not exact in f64).
pub fn same_number(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(x), Some(y)) => (x - y).abs() <= 1e-9 * x.abs().max(y.abs()).max(1.0),
        _ => false,
    }
}

/// `pattern` matches `s`, where `*` in the pattern stands for any text
/// (possibly empty). Without `*` the match is exact.
pub fn glob(pattern: &str, s: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == s;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !s.starts_with(first) || s.len() < first.len() + last.len() || !s.ends_with(last) {
        return false;
    }
    let mut rest = &s[first.len()..s.len() - last.len()];
    for p in &parts[1..parts.len() - 1] {
        match rest.find(p) {
            Some(i) => rest = &rest[i + p.len()..],
            None => return false,
        }
    }
    true
}

/// Appends a mismatch line when `got` differs from `want`.
pub fn check<T: PartialEq + Debug>(out: &mut Vec<String>, field: &str, got: T, want: T) {
    if got != want {
        out.push(format!("{field}: got {got:?}, want {want:?}"));
    }
}

/// Like [`check`] for numbers, up to rounding.
pub fn check_number(out: &mut Vec<String>, field: &str, got: Option<f64>, want: Option<f64>) {
    if !same_number(got, want) {
        out.push(format!("{field}: got {got:?}, want {want:?}"));
    }
}

/// One line per target, for failure messages.
pub fn describe(found: &[Target]) -> String {
    if found.is_empty() {
        return "(no targets)".into();
    }
    found
        .iter()
        .map(|t| {
            format!(
                "[{}] value_text={:?} value={:?} value_max={:?} redacted={} base={:?} {:?} year={:?}",
                t.summary(),
                t.figures.value_text,
                t.figures.value,
                t.figures.value_max,
                t.figures.redacted,
                t.figures.base_value,
                t.figures.base_unit,
                t.figures.year
            )
        })
        .collect::<Vec<_>>()
        .join("\n      ")
}

/// Collects the outcome of every case of one table.
pub struct Report {
    table: &'static str,
    cases: usize,
    failures: Vec<String>,
    gaps: Vec<String>,
    fixed: Vec<String>,
}

impl Report {
    pub fn new(table: &'static str) -> Report {
        Report {
            table,
            cases: 0,
            failures: Vec::new(),
            gaps: Vec::new(),
            fixed: Vec::new(),
        }
    }

    /// Records one case: `mismatches` empty means it passed.
    pub fn case(&mut self, text: &str, known_gap: bool, mismatches: Vec<String>, found: &[Target]) {
        self.cases += 1;
        let entry = || {
            format!(
                "{text}\n    {}\n    extractor gave:\n      {}",
                mismatches.join("\n    "),
                describe(found)
            )
        };
        match (mismatches.is_empty(), known_gap) {
            (true, false) => {}
            (true, true) => self.fixed.push(text.to_string()),
            (false, true) => self.gaps.push(entry()),
            (false, false) => self.failures.push(entry()),
        }
    }

    /// Prints the known gaps and fails with every unexpected mismatch.
    pub fn finish(self, at_least: usize) {
        let Report {
            table,
            cases,
            failures,
            gaps,
            fixed,
        } = self;
        eprintln!(
            "{table}: {cases} cases, {} failed, {} known gaps, {} known gaps now pass",
            failures.len(),
            gaps.len(),
            fixed.len()
        );
        for g in &gaps {
            eprintln!("  known gap: {g}");
        }
        for f in &fixed {
            eprintln!("  known gap now passes (remove its known_gap mark): {f}");
        }
        assert!(
            cases >= at_least,
            "{table}: only {cases} cases, the table should hold at least {at_least}"
        );
        assert!(
            failures.is_empty(),
            "{table}: {} of {cases} cases failed:\n  {}",
            failures.len(),
            failures.join("\n  ")
        );
    }
}
