//! `ptkg rules check|explain|list`: validates rule files and runs their
//! examples ([`ptkg::CompiledRuleSet::check`]), prints one rule, or lists
//! them all. Also loads the rules for the commands that extract, refusing a
//! user rule folder whose examples fail.

use anyhow::{bail, Result};
use ptkg::CompiledRuleSet;

use super::output::print;
use super::{table, Cli, RulesCommand};

pub fn run(cli: &Cli, cmd: &RulesCommand) -> Result<i32> {
    match cmd {
        RulesCommand::Check => check(cli),
        RulesCommand::Explain { id } => explain(cli, id),
        RulesCommand::List => list(cli),
    }
}

/// The rules `add`, `reindex` and `extract` run with.
pub fn load_checked(cli: &Cli) -> Result<CompiledRuleSet> {
    let rules = CompiledRuleSet::load(cli.rules.as_deref())?;
    // A rule that fails its own examples never reaches the store. The
    // built-in rules are checked by the test suite (and `ptkg rules check`),
    // so only user rule folders pay for the check at every start.
    if cli.rules.is_none() {
        return Ok(rules);
    }
    let report = rules.check();
    if let Some(first) = report.failures.first() {
        bail!(
            "{first} ({} failing example(s) in all; run `ptkg rules check` for the full list)",
            report.failures.len()
        );
    }
    Ok(rules)
}

fn check(cli: &Cli) -> Result<i32> {
    let rules = CompiledRuleSet::load(cli.rules.as_deref())?;
    rules.compile_all()?;
    let report = rules.check();
    for f in &report.failures {
        eprintln!("{f}");
    }
    let msg = format!(
        "{} rules in {} files, {} examples, {} counter-examples: {} failed\n",
        report.rules,
        rules.files.len(),
        report.examples,
        report.counter_examples,
        report.failures.len()
    );
    if report.failures.is_empty() {
        print(&msg)?;
        Ok(0)
    } else {
        eprint!("{msg}");
        // A failing example is an error in the rules (exit 2, as for
        // every command).
        Ok(2)
    }
}

fn explain(cli: &Cli, id: &str) -> Result<i32> {
    let rules = CompiledRuleSet::load(cli.rules.as_deref())?;
    let Some(rule) = rules.get(id) else {
        return Err(super::output::nothing(format!(
            "no rule with id {id:?}; `ptkg rules list` shows every id"
        )));
    };
    let mut out = format!(
        "{} ({}, {}:{})\n\n{}\n",
        rule.id,
        rule.kind.as_str(),
        rule.file,
        rule.line,
        rule.description
    );
    if !rule.pattern_sources.is_empty() {
        out.push_str("\npatterns:\n");
        for p in &rule.pattern_sources {
            out.push_str(&format!("  {p}\n"));
        }
    }
    if !rule.words_list.is_empty() {
        let shown: Vec<&str> = rule
            .words_list
            .iter()
            .take(20)
            .map(String::as_str)
            .collect();
        out.push_str(&format!(
            "\nwords ({}): {}",
            rule.words_list.len(),
            shown.join(" ")
        ));
        out.push_str(if rule.words_list.len() > 20 {
            " …\n"
        } else {
            "\n"
        });
    }
    out.push_str("\nexamples:\n");
    for ex in &rule.examples {
        out.push_str(&ex.to_string());
    }
    if !rule.counter_examples.is_empty() {
        out.push_str("\ncounter-examples (must not match):\n");
        for c in &rule.counter_examples {
            out.push_str(&c.to_string());
        }
    }
    print(&out)?;
    Ok(0)
}

fn list(cli: &Cli) -> Result<i32> {
    let rules = CompiledRuleSet::load(cli.rules.as_deref())?;
    let rows: Vec<Vec<String>> = rules
        .rules
        .iter()
        .map(|r| {
            vec![
                r.id.clone(),
                r.kind.as_str().to_string(),
                format!("{}:{}", r.file, r.line),
            ]
        })
        .collect();
    print(&table::render(
        &["id", "kind", "defined at"],
        &rows,
        &table::Layout::terminal(false),
    ))?;
    Ok(0)
}
