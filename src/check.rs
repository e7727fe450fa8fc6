//! Runs every rule's examples and counter-examples: the rules' own test
//! suite, behind `ptkg rules check`. It sits above `extract` because figure
//! examples and the target examples of cue rules run the whole target pass.
//!
//! A [`CompiledRuleSet`] comes in; out comes a [`CheckReport`] with one
//! [`CheckFailure`] (file, line, rule id, what went wrong) per example that
//! did not give what its rule file says. Examples are checked three ways:
//! entity, heading and boilerplate rules alone on their text (the names they
//! find); figure rules through the target pass (one summary line per
//! figure); and examples with `expect_target` / `reject_target` through the
//! target pass, comparing the fields of the one figure the text yields.

use std::collections::BTreeSet;

use crate::document::normalise::NormText;
use crate::extract::TargetExtractor;
use crate::model::{RuleKind, Target};
use crate::rules::{CompiledRule, CompiledRuleSet, RawExample, TargetFields};

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

/// Whether a rule of this kind classifies the figures around it; such a
/// rule shows its effect with `expect_target` examples.
fn is_cue(kind: RuleKind) -> bool {
    matches!(
        kind,
        RuleKind::Unit | RuleKind::Qualifier | RuleKind::Change | RuleKind::Status
    )
}

/// The rule set and the target pass, built on first use (it compiles every
/// cue list) and shared by all examples.
struct Checker<'r> {
    rules: &'r CompiledRuleSet,
    extractor: Option<TargetExtractor>,
}

impl CompiledRuleSet {
    /// Runs every example and counter-example of every rule.
    pub fn check(&self) -> CheckReport {
        let mut report = CheckReport {
            rules: self.rules.len(),
            ..Default::default()
        };
        let mut checker = Checker {
            rules: self,
            extractor: None,
        };
        for rule in &self.rules {
            if is_cue(rule.kind) && rule.examples.iter().all(|e| e.expect_target.is_none()) {
                report.failures.push(failure(
                    rule,
                    "a cue rule needs an example with expect_target, showing what the cue does to a figure".into(),
                ));
            }
            for ex in &rule.examples {
                report.examples += 1;
                if let Some(message) = checker.example(rule, ex) {
                    report.failures.push(failure(rule, message));
                }
            }
            for counter in &rule.counter_examples {
                report.counter_examples += 1;
                let message = match &counter.reject_target {
                    Some(fields) => checker.rejected_target(&counter.text, fields),
                    None => checker.counter_example(rule, &counter.text),
                };
                if let Some(message) = message {
                    report.failures.push(failure(rule, message));
                }
            }
        }
        report
    }
}

impl Checker<'_> {
    /// What is wrong with one example, if anything.
    fn example(&mut self, rule: &CompiledRule, ex: &RawExample) -> Option<String> {
        if let Some(fields) = &ex.expect_target {
            return self.expected_target(rule, ex, fields);
        }
        let found = self.found(rule, &ex.text);
        let ok = if rule.kind == RuleKind::Boilerplate && ex.expect.is_empty() {
            !found.is_empty()
        } else {
            same_set(&ex.expect, &found)
        };
        (!ok).then(|| {
            format!(
                "example {:?}: expected {:?}, found {:?}",
                ex.text, ex.expect, found
            )
        })
    }

    /// A counter-example given as text: the rule must find nothing.
    fn counter_example(&mut self, rule: &CompiledRule, text: &str) -> Option<String> {
        let found = self.found(rule, text);
        (!found.is_empty())
            .then(|| format!("counter-example {text:?} must not match, but found {found:?}"))
    }

    /// An `expect_target` example: the rule finds its cue in the text
    /// (exactly `expect` when given), and the one figure the text yields
    /// has every field given.
    fn expected_target(
        &mut self,
        rule: &CompiledRule,
        ex: &RawExample,
        fields: &TargetFields,
    ) -> Option<String> {
        let text = &ex.text;
        if rule.kind != RuleKind::Figure {
            let cues = run_rule(rule, text);
            if cues.is_empty() {
                return Some(format!(
                    "example {text:?}: the rule finds no cue in the text"
                ));
            }
            if !ex.expect.is_empty() && !same_set(&ex.expect, &cues) {
                return Some(format!(
                    "example {text:?}: expected {:?}, found {cues:?}",
                    ex.expect
                ));
            }
        }
        let targets = self.targets(text);
        let [target] = targets.as_slice() else {
            return Some(one_figure_needed("example", text, &targets));
        };
        let wrong: Vec<String> = fields
            .compare(target)
            .into_iter()
            .filter(|c| !c.same)
            .map(|c| format!("{} {:?}, found {:?}", c.name, c.expected, c.found))
            .collect();
        (!wrong.is_empty()).then(|| {
            format!(
                "example {text:?}: expected {}; the figure is \"{}\"",
                wrong.join(", "),
                target.summary()
            )
        })
    }

    /// A `reject_target` counter-example: the text yields a figure, and
    /// every figure it yields differs from every field given.
    fn rejected_target(&mut self, text: &str, fields: &TargetFields) -> Option<String> {
        let targets = self.targets(text);
        if targets.is_empty() {
            return Some(format!(
                "counter-example {text:?} must yield a figure to compare, but yields none"
            ));
        }
        let same: Vec<String> = targets
            .iter()
            .flat_map(|t| {
                fields
                    .compare(t)
                    .into_iter()
                    .filter(|c| c.same)
                    .map(move |c| format!("{} {:?} (\"{}\")", c.name, c.expected, t.summary()))
            })
            .collect();
        (!same.is_empty()).then(|| {
            format!(
                "counter-example {text:?} must not give {}, but the figure has {}",
                fields,
                same.join(", ")
            )
        })
    }

    /// What a rule gives on a text: figure rules run the target pass and
    /// give one summary line per figure; other rules give their names.
    fn found(&mut self, rule: &CompiledRule, text: &str) -> Vec<String> {
        if rule.kind == RuleKind::Figure {
            self.targets(text).iter().map(Target::summary).collect()
        } else {
            run_rule(rule, text)
        }
    }

    /// The whole target pass (figure, units, cues, metrics, nontargets) on
    /// one example text.
    fn targets(&mut self, text: &str) -> Vec<Target> {
        let view = NormText::new(text);
        let structure = crate::document::structure::analyse(&view, self.rules);
        let rules = self.rules;
        self.extractor
            .get_or_insert_with(|| TargetExtractor::new(rules))
            .extract(&view, &structure)
    }
}

fn same_set(want: &[String], found: &[String]) -> bool {
    let want: BTreeSet<&str> = want.iter().map(String::as_str).collect();
    let got: BTreeSet<&str> = found.iter().map(String::as_str).collect();
    want == got
}

fn one_figure_needed(what: &str, text: &str, targets: &[Target]) -> String {
    let found: Vec<String> = targets.iter().map(Target::summary).collect();
    format!(
        "{what} {text:?} must yield one figure to compare, but yields {}: {found:?}",
        targets.len()
    )
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{RuleSource, DEFAULT_RULE_FILES};

    /// The defaults, with `text` as one more user file.
    fn check_with(text: &str) -> CheckReport {
        let mut sources: Vec<RuleSource> = DEFAULT_RULE_FILES
            .iter()
            .map(|(name, text)| RuleSource {
                name: format!("rules/{name}"),
                text: text.to_string(),
                path: None,
            })
            .collect();
        sources.push(RuleSource {
            name: "rules/mine.toml".into(),
            text: text.into(),
            path: None,
        });
        CompiledRuleSet::from_sources(sources).unwrap().check()
    }

    #[test]
    fn the_default_rules_pass_their_examples() {
        let report = CompiledRuleSet::defaults().unwrap().check();
        let failures: Vec<String> = report.failures.iter().map(|f| f.to_string()).collect();
        assert!(failures.is_empty(), "{failures:#?}");
        assert!(report.examples > 150 && report.counter_examples > 100);
    }

    #[test]
    fn a_failing_cue_example_is_reported_with_file_line_and_rule() {
        let report = check_with(
            r#"# A cue of my own.

[[rule]]
id = "status-plan-mine"
kind = "status"
class = "commitment"
description = "计划 as a commitment."
words = ["计划"]
examples = [
  { text = "计划新建村级卫生室12个。", expect_target = { status = "target" } },
  { text = "计划改造农村危房80户。", expect_target = { status = "actual", unit = "户" } },
]
counter_examples = [{ text = "计划新建乡村公路30公里。", reject_target = { status = "target" } }]
"#,
        );
        let failures: Vec<String> = report.failures.iter().map(|f| f.to_string()).collect();
        assert_eq!(failures.len(), 2, "{failures:#?}");
        assert!(
            failures[0].starts_with("rules/mine.toml:4: rule status-plan-mine: example \"计划改造农村危房80户。\": expected status \"actual\", found \"target\"; the figure is"),
            "{}",
            failures[0]
        );
        assert!(
            failures[1].starts_with("rules/mine.toml:4: rule status-plan-mine: counter-example \"计划新建乡村公路30公里。\" must not give { status = \"target\" }"),
            "{}",
            failures[1]
        );
    }

    #[test]
    fn a_cue_example_needs_its_cue_and_one_figure() {
        let report = check_with(
            r#"[[rule]]
id = "status-plan-mine"
kind = "status"
class = "commitment"
description = "计划 as a commitment."
words = ["计划"]
examples = [
  { text = "力争新建村级卫生室12个。", expect_target = { status = "target" } },
  { text = "计划新建卫生室12个、公厕20座。", expect_target = { status = "target" } },
]
"#,
        );
        let failures: Vec<String> = report.failures.iter().map(|f| f.to_string()).collect();
        assert_eq!(failures.len(), 2, "{failures:#?}");
        assert!(
            failures[0].ends_with("the rule finds no cue in the text"),
            "{}",
            failures[0]
        );
        assert!(
            failures[1].contains("must yield one figure to compare, but yields 2"),
            "{}",
            failures[1]
        );
    }

    #[test]
    fn a_cue_rule_without_target_examples_fails_the_check() {
        let report = check_with(
            r#"[[rule]]
id = "status-plan-mine"
kind = "status"
class = "commitment"
description = "计划 as a commitment."
words = ["计划"]
examples = [{ text = "计划", expect = ["计划"] }]
"#,
        );
        assert_eq!(report.failures.len(), 1);
        assert!(report.failures[0]
            .message
            .contains("needs an example with expect_target"));
    }
}
