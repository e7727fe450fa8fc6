//! The compiler: one [`RawRule`] (serde, as written) → one [`CompiledRule`].
//!
//! A raw rule comes in with its file name and line, its `"@name"` vocabulary
//! references already expanded; its keys are checked against its kind (a
//! heading needs `rank`, a qualifier `position`, cue rules a `class` …), its
//! regexes are compiled and analysed once (named groups, a
//! [prefilter](super::prefilter) and start characters), and its word lists
//! become [word sets](super::words). Out comes a rule ready to run; the
//! [matcher](super::matcher) finds its matches. Errors name the file, the
//! line and the rule id.

use std::collections::BTreeMap;

use aho_corasick::{AhoCorasick, MatchKind};

use super::lazy_regex::LazyRegex;
use super::prefilter::{start_chars, CharSet, Prefilter};
use super::words::{alias_lookup, AliasLookup, FastSet, WordSet};
use super::{RawCounterExample, RawExample, RawRule, RuleKind};
use crate::error::{Error, Result};

/// How a boilerplate rule removes what it matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoilerplateDrop {
    /// The whole line (paragraph) holding the match, if it is short.
    Line,
    /// Only the matched text.
    Match,
}

/// A rule ready to run.
#[derive(Debug)]
pub struct CompiledRule {
    pub id: String,
    /// The id as extracted facts carry it, shared by all of them.
    pub shared_id: std::sync::Arc<str>,
    pub kind: RuleKind,
    pub description: String,
    pub file: String,
    pub line: usize,
    pub priority: i32,
    /// Heading rank (outline depth of this numbering style).
    pub rank: u8,
    /// Heading rules: also match at sentence starts inside a paragraph.
    pub inline: bool,
    /// A place inside a name this rule finds is a word of that name (a
    /// bank's branch, a company's brand: 湖北银行襄阳分行), not a mention
    /// of the place.
    pub hides_places: bool,
    pub drop: BoilerplateDrop,
    /// Target cue rules: which class their words mark.
    pub class: String,
    /// Qualifier rules: whether their words stand before the number or after the unit.
    pub position: String,
    pub max_line_chars: usize,
    pub patterns: Vec<LazyRegex>,
    pub pattern_sources: Vec<String>,
    /// For each pattern, where its matches can be, when that can be told
    /// from its literals (see [`Prefilter`]).
    pub(super) prefilters: Vec<Option<Prefilter>>,
    /// For each pattern, whether it is one `(?P<name>...)` group.
    pub(super) name_is_whole: Vec<bool>,
    /// For each pattern, the indices of its `name`, `title` and `number`
    /// groups (looking a group up by name hashes the name each time).
    pub(super) groups: Vec<NamedGroups>,
    /// For each pattern anchored at the start, the characters it can start with.
    pub(super) start_chars: Vec<Option<CharSet>>,
    /// The rule's own leftmost-longest search over `words_list`, built on
    /// first use: extraction finds the words with a
    /// [`Scanner`](super::Scanner), so only rule examples and
    /// `rules check` need it, and building it for every rule at each start
    /// cost about 70 M instructions.
    pub(super) words: std::sync::OnceLock<AhoCorasick>,
    pub words_list: Vec<String>,
    pub(super) exclude: FastSet,
    /// exclude_suffixes and exclude_prefixes.
    pub(super) excluded_suffix: WordSet,
    pub(super) excluded_prefix: WordSet,
    pub(super) aliases: BTreeMap<String, String>,
    /// The same aliases for lookups by hash (shared by the rules of a
    /// kind): every accepted name is looked up, and comparing strings down
    /// the tree cost about three times as much.
    pub(super) alias_lookup: std::sync::Arc<AliasLookup>,
    pub(super) trim_left: Vec<String>,
    pub(super) not_before: Vec<String>,
    pub(super) exclude_patterns: Vec<LazyRegex>,
    pub(super) list_separators: Vec<String>,
    /// Separators inside a matched name that make each item a name.
    pub(super) split_name_at: Vec<String>,
    /// Prefer the name after the last trim word inside a match.
    pub(super) nearest: bool,
    /// trim_left and stop_words, for boundary tests.
    pub(super) boundary: WordSet,
    /// trim_left alone, for stripping.
    pub(super) trim: WordSet,
    /// The non-empty stop_words in one automaton, for cutting.
    pub(super) stops_ac: Option<AhoCorasick>,
    /// Words holding a stop word that are one word: no cut inside them.
    pub(super) stop_word_compounds: Vec<String>,
    pub(super) min_chars: usize,
    pub(super) max_chars: usize,
    pub examples: Vec<RawExample>,
    pub counter_examples: Vec<RawCounterExample>,
}

impl CompiledRule {
    /// Compiles its regexes now (they compile on first use): the first
    /// that cannot be, as an error naming the rule.
    pub(super) fn compile_all(&self) -> Result<()> {
        let origin = Origin {
            file: &self.file,
            line: self.line,
            id: &self.id,
        };
        for (re, what) in self.patterns.iter().map(|re| (re, "regex")).chain(
            self.exclude_patterns
                .iter()
                .map(|re| (re, "regex in exclude_patterns")),
        ) {
            re.compile_now().map_err(|e| {
                origin.err(format!(
                    "bad {what} {:?}: {}",
                    re.as_str(),
                    regex_error(&e.to_string())
                ))
            })?;
        }
        Ok(())
    }
}

/// Indices of the capture groups of one pattern that rules read.
#[derive(Debug)]
pub(super) struct NamedGroups {
    pub(super) name: Option<usize>,
    pub(super) title: Option<usize>,
    pub(super) number: Option<usize>,
}

impl NamedGroups {
    fn new(re: &LazyRegex) -> NamedGroups {
        let index = |group: &str| re.capture_names().position(|n| n == Some(group));
        NamedGroups {
            name: index("name"),
            title: index("title"),
            number: index("number"),
        }
    }
}

/// Where a rule is defined, for its error messages.
struct Origin<'a> {
    file: &'a str,
    line: usize,
    id: &'a str,
}

impl Origin<'_> {
    fn err(&self, message: impl Into<String>) -> Error {
        Error::Rule {
            file: self.file.to_string(),
            line: self.line,
            rule: self.id.to_string(),
            message: message.into(),
        }
    }
}

/// What the matcher learns from each pattern's syntax, pattern by pattern.
struct PatternFacts {
    prefilters: Vec<Option<Prefilter>>,
    name_is_whole: Vec<bool>,
    start_chars: Vec<Option<CharSet>>,
}

impl PatternFacts {
    /// What the matcher can learn from each pattern's syntax tree.
    fn new(hirs: &[regex_syntax::hir::Hir]) -> PatternFacts {
        PatternFacts {
            prefilters: hirs.iter().map(Prefilter::new).collect(),
            name_is_whole: hirs.iter().map(name_is_whole).collect(),
            start_chars: hirs.iter().map(start_chars).collect(),
        }
    }
}

/// The keys that depend on a rule's kind, checked and parsed.
struct KindKeys {
    class: String,
    position: String,
    drop: BoilerplateDrop,
    nearest: bool,
}

pub(super) fn compile(raw: RawRule, file: &str, line: usize) -> Result<CompiledRule> {
    let origin = Origin {
        file,
        line,
        id: &raw.id,
    };
    let kind = check_common_keys(&raw, &origin)?;
    if let (Some(min), Some(max)) = (raw.min_chars, raw.max_chars) {
        if min > max {
            return Err(origin.err(format!(
                "min_chars {min} is more than max_chars {max}: the rule could never match"
            )));
        }
    }
    let keys = kind_keys(&raw, kind, &origin)?;
    check_examples(&raw, &origin)?;
    let (patterns, hirs): (Vec<LazyRegex>, Vec<_>) =
        compile_patterns(&raw.patterns, kind, &origin)?
            .into_iter()
            .unzip();
    let facts = PatternFacts::new(&hirs);
    let boundary = WordSet::new(raw.trim_left.iter().chain(&raw.stop_words));
    let trim = WordSet::new(raw.trim_left.iter());
    let stops: Vec<&String> = raw.stop_words.iter().filter(|w| !w.is_empty()).collect();
    let stops_ac = if raw.stop_words.is_empty() {
        None
    } else {
        Some(
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .build(stops)
                .map_err(|e| origin.err(format!("stop words do not compile: {e}")))?,
        )
    };
    let excluded_suffix = WordSet::new(raw.exclude_suffixes.iter());
    let excluded_prefix = WordSet::new(raw.exclude_prefixes.iter());
    let mut exclude_patterns = Vec::new();
    for p in &raw.exclude_patterns {
        let (re, _) = LazyRegex::new(p, None).map_err(|e| {
            origin.err(format!(
                "bad regex in exclude_patterns {p:?}: {}",
                regex_error(&e)
            ))
        })?;
        exclude_patterns.push(re);
    }
    let mut trim_left = raw.trim_left.clone();
    trim_left.sort_by_key(|t| std::cmp::Reverse(t.chars().count()));
    Ok(CompiledRule {
        shared_id: raw.id.as_str().into(),
        id: raw.id,
        kind,
        description: raw.description.trim().to_string(),
        file: file.to_string(),
        line,
        priority: raw.priority,
        rank: raw.rank.unwrap_or(0),
        inline: raw.inline,
        hides_places: raw.hides_places,
        drop: keys.drop,
        class: keys.class,
        position: keys.position,
        max_line_chars: raw.max_line_chars.unwrap_or(200),
        pattern_sources: raw.patterns,
        groups: patterns.iter().map(NamedGroups::new).collect(),
        patterns,
        prefilters: facts.prefilters,
        name_is_whole: facts.name_is_whole,
        start_chars: facts.start_chars,
        words: std::sync::OnceLock::new(),
        words_list: raw.words,
        exclude: raw.exclude.into_iter().collect(),
        excluded_suffix,
        excluded_prefix,
        alias_lookup: alias_lookup(&raw.aliases),
        aliases: raw.aliases.into_iter().collect(),
        trim_left,
        not_before: raw.not_before,
        exclude_patterns,
        list_separators: raw.list_separators,
        split_name_at: raw.split_name_at,
        nearest: keys.nearest,
        boundary,
        trim,
        stops_ac,
        stop_word_compounds: raw.stop_word_compounds,
        min_chars: raw
            .min_chars
            .unwrap_or(if kind.is_entity() { 2 } else { 0 }),
        max_chars: raw.max_chars.unwrap_or(40),
        examples: raw.examples,
        counter_examples: raw.counter_examples,
    })
}

/// The checks every rule passes whatever its kind; returns the kind.
fn check_common_keys(raw: &RawRule, origin: &Origin) -> Result<RuleKind> {
    if raw.id.trim().is_empty() || raw.id.contains(char::is_whitespace) {
        return Err(origin.err("rule id must be non-empty and have no spaces"));
    }
    let kind = RuleKind::parse(&raw.kind).ok_or_else(|| {
        let known: Vec<&str> = RuleKind::ALL.iter().map(|k| k.as_str()).collect();
        origin.err(format!(
            "unknown kind {:?}; expected one of {}",
            raw.kind,
            known.join(", ")
        ))
    })?;
    if raw.description.trim().is_empty() {
        return Err(origin.err("description is empty; say what the rule finds and why"));
    }
    if raw.patterns.is_empty() && raw.words.is_empty() {
        return Err(origin.err("rule has neither patterns nor words; it can never match"));
    }
    if raw.examples.is_empty() {
        return Err(origin
            .err("rule has no examples; add at least one [[rule.examples]] with text and expect"));
    }
    let heading_only = |key: &str, set: bool| -> Result<()> {
        if set && kind != RuleKind::Heading {
            return Err(origin.err(format!("key `{key}` only applies to heading rules")));
        }
        Ok(())
    };
    heading_only("rank", raw.rank.is_some())?;
    heading_only("inline", raw.inline)?;
    if kind == RuleKind::Heading && raw.rank.is_none() {
        return Err(origin.err("heading rule needs `rank` (1 = top level of the outline)"));
    }
    if kind != RuleKind::Boilerplate && (raw.drop.is_some() || raw.max_line_chars.is_some()) {
        return Err(origin.err("keys `drop` and `max_line_chars` only apply to boilerplate rules"));
    }
    Ok(kind)
}

/// `class`, `position`, `drop` and `boundary`: each allowed for some kinds,
/// with a closed set of values.
fn kind_keys(raw: &RawRule, kind: RuleKind, origin: &Origin) -> Result<KindKeys> {
    let classes: &[&str] = match kind {
        RuleKind::Unit => &["count", "classifier", "multiplier", "rate", "time"],
        RuleKind::Qualifier => &["at_least", "at_most", "about"],
        RuleKind::Change => &["growth", "share", "difference", "level"],
        RuleKind::Status => &["target", "commitment", "actual", "forecast", "neutral"],
        _ => &[],
    };
    let class = match (&raw.class, classes.is_empty()) {
        (Some(c), false) if classes.contains(&c.as_str()) => c.clone(),
        (None, true) => String::new(),
        (Some(_), true) => {
            return Err(origin.err(format!(
                "key `class` does not apply to {} rules",
                kind.as_str()
            )))
        }
        (c, false) => {
            return Err(origin.err(format!(
                "{} rules need `class`, one of {} (found {:?})",
                kind.as_str(),
                classes.join(", "),
                c.as_deref().unwrap_or("nothing")
            )))
        }
    };
    let position = match (kind, raw.position.as_deref()) {
        (RuleKind::Qualifier, Some(p @ ("before" | "after"))) => p.to_string(),
        (RuleKind::Qualifier, other) => {
            return Err(origin.err(format!(
                "qualifier rules need `position`, \"before\" or \"after\" (found {other:?})"
            )))
        }
        (_, None) => String::new(),
        (_, Some(_)) => return Err(origin.err("key `position` only applies to qualifier rules")),
    };
    let drop = match raw.drop.as_deref() {
        None | Some("line") => BoilerplateDrop::Line,
        Some("match") => BoilerplateDrop::Match,
        Some(other) => {
            return Err(origin.err(format!("drop = {other:?}; expected \"line\" or \"match\"")))
        }
    };
    let nearest = match raw.boundary.as_deref() {
        None | Some("longest") => false,
        Some("nearest") => true,
        Some(other) => {
            return Err(origin.err(format!(
                "boundary = {other:?}; expected \"longest\" or \"nearest\""
            )))
        }
    };
    Ok(KindKeys {
        class,
        position,
        drop,
        nearest,
    })
}

/// The values `expect_target` and `reject_target` may name, so a misspelt
/// status is an error here rather than an example that can never pass.
fn check_examples(raw: &RawRule, origin: &Origin) -> Result<()> {
    let fields = raw
        .examples
        .iter()
        .filter_map(|e| e.expect_target.as_ref())
        .chain(
            raw.counter_examples
                .iter()
                .filter_map(|c| c.reject_target.as_ref()),
        );
    for f in fields {
        f.check().map_err(|m| origin.err(m))?;
    }
    Ok(())
}

/// The lazy DFA's cache of each rule pattern, in bytes (the `regex`
/// default is 2 MB). The long name patterns (a Han class with exclusions
/// repeated {2,16}? before dozens of suffixes: `project-with-suffix`,
/// `goal-named-aim`) visit more states than 2 MB holds on real speeches, so
/// their cache was cleared and the states built again in every document
/// (half the instructions of a warm extraction). The cache grows only as
/// states are added: a pattern that needs little takes little.
const PATTERN_DFA_CACHE: usize = 8 << 20;

/// Checks the rule's patterns (compiled on first use, see [`LazyRegex`])
/// and returns them with their syntax trees; heading patterns need a
/// `number` group.
fn compile_patterns(
    sources: &[String],
    kind: RuleKind,
    origin: &Origin,
) -> Result<Vec<(LazyRegex, regex_syntax::hir::Hir)>> {
    let mut patterns = Vec::new();
    for p in sources {
        let (re, hir) = LazyRegex::new(p, Some(PATTERN_DFA_CACHE))
            .map_err(|e| origin.err(format!("bad regex {p:?}: {}", regex_error(&e))))?;
        if kind == RuleKind::Heading && re.capture_names().flatten().all(|n| n != "number") {
            return Err(origin.err(format!(
                "heading pattern {p:?} needs a named group (?P<number>...)"
            )));
        }
        patterns.push((re, hir));
    }
    Ok(patterns)
}

/// The last line of a regex error: what is wrong (the lines before it
/// repeat the pattern and point at the place).
fn regex_error(e: &str) -> String {
    e.lines().last().unwrap_or_default().trim().to_string()
}

/// Whether the pattern is one group named `name` and nothing else.
fn name_is_whole(hir: &regex_syntax::hir::Hir) -> bool {
    use regex_syntax::hir::HirKind;
    matches!(hir.kind(), HirKind::Capture(c) if c.name.as_deref() == Some("name"))
}

impl CompiledRule {
    /// Words that, right after a match, make it part of a longer word.
    pub fn not_before_list(&self) -> &[String] {
        &self.not_before
    }

    pub fn aliases(&self) -> &BTreeMap<String, String> {
        &self.aliases
    }

    /// `lookup` holds the same aliases (see [`alias_lookup`]).
    pub(super) fn set_aliases(
        &mut self,
        aliases: BTreeMap<String, String>,
        lookup: std::sync::Arc<AliasLookup>,
    ) {
        self.alias_lookup = lookup;
        self.aliases = aliases;
    }

    /// Whether the rule has a word list.
    pub fn has_words(&self) -> bool {
        !self.words_list.is_empty()
    }

    /// For each pattern, the literals one of which every match holds, when
    /// the pattern has a prefilter.
    pub(super) fn prefilter_literals(
        &self,
    ) -> impl Iterator<Item = Option<impl Iterator<Item = &[u8]>>> {
        self.prefilters
            .iter()
            .map(|p| p.as_ref().map(|p| p.literals()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(text: &str) -> RawRule {
        toml::from_str(text).expect("test rule parses")
    }

    fn compiled(text: &str) -> Result<CompiledRule> {
        compile(raw(text), "rules/test.toml", 7)
    }

    /// A pattern with an anchor or look-around inside (`(?:[,。]|$)`) gets
    /// no prefilter and runs over every text whole: one such pattern cost a
    /// tenth of all extraction. Each default pattern has a prefilter or is
    /// anchored at its start (headings, enumerations, start characters);
    /// the few that need a boundary before them are listed with why.
    #[test]
    fn every_default_pattern_has_a_prefilter_or_a_start_anchor_or_a_reason() {
        // A place's body or a one-character industry right after a
        // boundary, which may be the text's start; a numbered slogan
        // after a non-numeral; a page number closing its line. And a
        // figure, whose literals (digits) no extraction bounds.
        let boundary_rules = [
            "organization-level-body",
            "sector-one-character-industry",
            "nontarget-slogan-date-ordinal",
            "page-counter",
            "target-figure",
        ];
        let set = crate::rules::CompiledRuleSet::defaults().unwrap();
        let mut unfiltered = Vec::new();
        for rule in &set.rules {
            for (i, source) in rule.pattern_sources.iter().enumerate() {
                let anchored = rule.start_chars.get(i).is_some_and(Option::is_some)
                    || source.starts_with('^')
                    || source.starts_with("(?m)^");
                let filtered = rule.prefilters.get(i).is_some_and(Option::is_some);
                if !filtered && !anchored && !boundary_rules.contains(&rule.id.as_str()) {
                    unfiltered.push(format!("{} #{i}", rule.id));
                }
            }
        }
        assert!(
            unfiltered.is_empty(),
            "patterns without a prefilter: {unfiltered:?}"
        );
    }

    #[test]
    fn a_regex_rule_compiles_with_its_groups_and_prefilter() {
        let rule = compiled(
            r#"id = "park-name"
kind = "project"
description = "Industrial parks."
patterns = ['(?P<name>[\p{Han}]{2,8}产业园)', '^(?P<number>[一二三])、']
examples = [{ text = "建设临江物流产业园", expect = ["临江物流产业园"] }]"#,
        )
        .unwrap();
        assert_eq!(rule.kind, RuleKind::Project);
        assert_eq!(rule.patterns.len(), 2);
        assert_eq!(rule.pattern_sources[0], "(?P<name>[\\p{Han}]{2,8}产业园)");
        // The whole pattern is the name group: no captures needed.
        assert_eq!(rule.name_is_whole, [true, false]);
        assert!(rule.groups[1].number.is_some() && rule.groups[1].name.is_none());
        // A prefilter for the free pattern, start characters for the anchored one.
        assert!(rule.prefilters[0].is_some() && rule.prefilters[1].is_none());
        assert!(rule.start_chars[0].is_none());
        assert!(rule.start_chars[1].as_ref().unwrap().contains('二'));
        assert_eq!(rule.min_chars, 2, "entity rules default to two characters");
    }

    #[test]
    fn a_word_list_rule_keeps_its_words_and_sorts_trim_words() {
        let rule = compiled(
            r#"id = "sector-words"
kind = "sector"
description = "Sectors."
words = ["智慧物流", "物流"]
trim_left = ["建", "加快建设"]
aliases = { "现代物流" = "物流" }
examples = [{ text = "发展智慧物流", expect = ["智慧物流"] }]"#,
        )
        .unwrap();
        assert!(rule.has_words());
        assert_eq!(rule.words_list, ["智慧物流", "物流"]);
        assert_eq!(
            rule.trim_left,
            ["加快建设", "建"],
            "longest trim word first"
        );
        assert_eq!(rule.alias_of("现代物流").as_deref(), Some("物流"));
        assert_eq!(rule.prefilter_literals().count(), 0);
    }

    #[test]
    fn keys_that_do_not_fit_the_kind_are_errors_naming_file_line_and_rule() {
        let err = compiled(
            r#"id = "about-words"
kind = "qualifier"
class = "about"
description = "About."
words = ["左右"]
examples = [{ text = "增长7%左右", expect = ["左右"] }]"#,
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.starts_with("rules/test.toml:7: rule about-words: qualifier rules need `position`"),
            "{err}"
        );
        let err = compiled(
            r#"id = "status-words"
kind = "status"
class = "planned"
description = "Plans."
words = ["计划"]
examples = [{ text = "计划", expect = ["计划"] }]"#,
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("status rules need `class`"), "{err}");
    }

    #[test]
    fn bad_regexes_and_target_examples_are_refused() {
        let err = compiled(
            r#"id = "bad-regex"
kind = "project"
description = "d"
patterns = ['(工程']
examples = [{ text = "x", expect = [] }]"#,
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.starts_with("rules/test.toml:7: rule bad-regex: bad regex \"(工程\"")
                && err.ends_with("unclosed group"),
            "{err}"
        );
        let err = compiled(
            r#"id = "cue-typo"
kind = "status"
class = "target"
description = "d"
words = ["要"]
examples = [{ text = "要新建公园3个", expect_target = { status = "targte" } }]"#,
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("status = \"targte\" in a target example"),
            "{err}"
        );
    }

    #[test]
    fn bounds_that_cannot_hold_are_refused() {
        let err = compiled(
            r#"id = "tight"
kind = "project"
description = "d"
patterns = ["[\\p{Han}]{2,8}工程"]
min_chars = 9
max_chars = 4
examples = [{ text = "修复工程", expect = ["修复工程"] }]"#,
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.starts_with("rules/test.toml:7: rule tight: min_chars 9 is more than max_chars 4"),
            "{err}"
        );
    }
}
