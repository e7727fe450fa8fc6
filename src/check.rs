//! Runs every rule's examples and counter-examples: the rules' own test
//! suite, behind `ptkg rules check`. It sits above `extract` because figure
//! examples run the whole target pass.

use std::collections::BTreeSet;

use crate::document::normalise::NormText;
use crate::model::RuleKind;
use crate::rules::{CompiledRule, CompiledRuleSet};

/// One example that did not give what the rule file says it should.
#[derive(Debug, Clone)]
pub struct CheckFailure {
    pub file: String,
    pub line: usize,
    pub rule: String,
    pub message: String,
}

impl std::fmt::Display for CheckFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}: rule {}: {}",
            self.file, self.line, self.rule, self.message
        )
    }
}

/// Outcome of checking a rule set.
#[derive(Debug, Default)]
pub struct CheckReport {
    pub rules: usize,
    pub examples: usize,
    pub counter_examples: usize,
    pub failures: Vec<CheckFailure>,
}

impl CompiledRuleSet {
    /// Runs every example and counter-example of every rule.
    pub fn check(&self) -> CheckReport {
        let mut report = CheckReport {
            rules: self.rules.len(),
            ..Default::default()
        };
        let mut extractor = None;
        for rule in &self.rules {
            for ex in &rule.examples {
                report.examples += 1;
                let found = if rule.kind == RuleKind::Figure {
                    self.run_figure_example(&ex.text, &mut extractor)
                } else {
                    run_rule(rule, &ex.text)
                };
                let ok = if rule.kind == RuleKind::Boilerplate && ex.expect.is_empty() {
                    !found.is_empty()
                } else {
                    let want: BTreeSet<&str> = ex.expect.iter().map(String::as_str).collect();
                    let got: BTreeSet<&str> = found.iter().map(String::as_str).collect();
                    want == got
                };
                if !ok {
                    report.failures.push(failure(
                        rule,
                        format!(
                            "example {:?}: expected {:?}, found {:?}",
                            ex.text, ex.expect, found
                        ),
                    ));
                }
            }
            for text in &rule.counter_examples {
                report.counter_examples += 1;
                let found = if rule.kind == RuleKind::Figure {
                    self.run_figure_example(text, &mut extractor)
                } else {
                    run_rule(rule, text)
                };
                if !found.is_empty() {
                    report.failures.push(failure(
                        rule,
                        format!("counter-example {text:?} must not match, but found {found:?}"),
                    ));
                }
            }
        }
        report
    }
}

impl CompiledRuleSet {
    /// Figure examples run the whole target pass (figure, units, cues,
    /// metrics, nontargets) and compare one summary line per target.
    fn run_figure_example(
        &self,
        text: &str,
        extractor: &mut Option<crate::extract::TargetExtractor>,
    ) -> Vec<String> {
        let view = NormText::new(text);
        let structure = crate::document::structure::analyse(&view, self);
        // Built once for all figure examples: it compiles every cue list.
        extractor
            .get_or_insert_with(|| crate::extract::TargetExtractor::new(self))
            .extract(&view, &structure)
            .iter()
            .map(|t| t.summary())
            .collect()
    }
}

fn failure(rule: &CompiledRule, message: String) -> CheckFailure {
    CheckFailure {
        file: rule.file.clone(),
        line: rule.line,
        rule: rule.id.clone(),
        message,
    }
}

/// What one rule alone gives on an example text, as names (entities and
/// headings) or matched text (boilerplate).
pub fn run_rule(rule: &CompiledRule, text: &str) -> Vec<String> {
    let view = NormText::new(text);
    if rule.kind == RuleKind::Heading {
        return crate::document::structure::heading_match(rule, &view.text)
            .map(|m| m.name)
            .into_iter()
            .collect();
    }
    let matches = rule.find(&view.text);
    let kept = crate::extract::resolve_overlaps(
        matches
            .into_iter()
            .map(|m| (m.start, m.end, rule.priority, m))
            .collect(),
    );
    let mut names: Vec<String> = kept.into_iter().map(|m| m.name).collect();
    names.dedup();
    names
}
