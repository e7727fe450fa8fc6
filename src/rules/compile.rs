//! One raw rule → one [`CompiledRule`]: regexes and word lists compiled, keys
//! checked against the rule's kind, and the matching logic every kind shares.

use std::collections::{BTreeMap, HashSet};

use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;

use super::scan::RuleHits;
use super::{RawExample, RawRule, RuleKind};
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
    pub drop: BoilerplateDrop,
    /// Target cue rules: which class their words mark.
    pub class: String,
    /// Qualifier rules: whether their words stand before the number or after the unit.
    pub position: String,
    pub max_line_chars: usize,
    pub patterns: Vec<Regex>,
    pub pattern_sources: Vec<String>,
    /// For each pattern, where its matches can be, when that can be told
    /// from its literals (see [`Prefilter`]).
    prefilters: Vec<Option<Prefilter>>,
    /// For each pattern, whether it is one `(?P<name>...)` group.
    name_is_whole: Vec<bool>,
    /// For each pattern, the indices of its `name`, `title` and `number`
    /// groups (looking a group up by name hashes the name each time).
    groups: Vec<NamedGroups>,
    /// For each pattern anchored at the start, the characters it can start with.
    start_chars: Vec<Option<CharSet>>,
    /// The rule's own leftmost-longest search over `words_list`, built on
    /// first use: extraction finds the words with a
    /// [`Scanner`](super::scan::Scanner), so only rule examples and
    /// `rules check` need it, and building it for every rule at each start
    /// cost about 70 M instructions.
    words: std::sync::OnceLock<AhoCorasick>,
    pub words_list: Vec<String>,
    exclude: FastSet,
    /// exclude_suffixes and exclude_prefixes.
    excluded_suffix: WordSet,
    excluded_prefix: WordSet,
    aliases: BTreeMap<String, String>,
    /// The same aliases for lookups by hash (shared by the rules of a
    /// kind): every accepted name is looked up, and comparing strings down
    /// the tree cost about three times as much.
    alias_lookup: std::sync::Arc<AliasLookup>,
    trim_left: Vec<String>,
    not_before: Vec<String>,
    exclude_patterns: Vec<Regex>,
    list_separators: Vec<String>,
    /// Prefer the name after the last trim word inside a match.
    nearest: bool,
    /// trim_left and stop_words, for boundary tests.
    boundary: WordSet,
    /// trim_left alone, for stripping.
    trim: WordSet,
    /// The non-empty stop_words in one automaton, for cutting.
    stops_ac: Option<AhoCorasick>,
    min_chars: usize,
    max_chars: usize,
    pub examples: Vec<RawExample>,
    pub counter_examples: Vec<String>,
}

/// Indices of the capture groups of one pattern that rules read.
#[derive(Debug)]
struct NamedGroups {
    name: Option<usize>,
    title: Option<usize>,
    number: Option<usize>,
}

impl NamedGroups {
    fn new(re: &Regex) -> NamedGroups {
        let index = |group: &str| re.capture_names().position(|n| n == Some(group));
        NamedGroups {
            name: index("name"),
            title: index("title"),
            number: index("number"),
        }
    }
}

/// One match of a rule in a normalised text: byte range and the name it gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleMatch {
    pub start: usize,
    pub end: usize,
    pub name: String,
    /// Heading rules: the number part (第一句话, 1, 一).
    pub number: Option<String>,
}

pub(super) fn compile(raw: RawRule, file: &str, line: usize) -> Result<CompiledRule> {
    let err = |message: String| Error::Rule {
        file: file.to_string(),
        line,
        rule: raw.id.clone(),
        message,
    };
    if raw.id.trim().is_empty() || raw.id.contains(char::is_whitespace) {
        return Err(err("rule id must be non-empty and have no spaces".into()));
    }
    let kind = RuleKind::parse(&raw.kind).ok_or_else(|| {
        let known: Vec<&str> = RuleKind::ALL.iter().map(|k| k.as_str()).collect();
        err(format!(
            "unknown kind {:?}; expected one of {}",
            raw.kind,
            known.join(", ")
        ))
    })?;
    if raw.description.trim().is_empty() {
        return Err(err(
            "description is empty; say what the rule finds and why".into()
        ));
    }
    if raw.patterns.is_empty() && raw.words.is_empty() {
        return Err(err(
            "rule has neither patterns nor words; it can never match".into(),
        ));
    }
    if raw.examples.is_empty() {
        return Err(err(
            "rule has no examples; add at least one [[rule.examples]] with text and expect".into(),
        ));
    }
    let heading_only = |key: &str, set: bool| -> Result<()> {
        if set && kind != RuleKind::Heading {
            return Err(err(format!("key `{key}` only applies to heading rules")));
        }
        Ok(())
    };
    heading_only("rank", raw.rank.is_some())?;
    heading_only("inline", raw.inline)?;
    if kind == RuleKind::Heading && raw.rank.is_none() {
        return Err(err(
            "heading rule needs `rank` (1 = top level of the outline)".into(),
        ));
    }
    if kind != RuleKind::Boilerplate && (raw.drop.is_some() || raw.max_line_chars.is_some()) {
        return Err(err(
            "keys `drop` and `max_line_chars` only apply to boilerplate rules".into(),
        ));
    }
    let classes: &[&str] = match kind {
        RuleKind::Unit => &["count", "classifier", "multiplier", "rate", "time"],
        RuleKind::Qualifier => &["at_least", "at_most", "about"],
        RuleKind::Change => &["growth", "share", "difference"],
        RuleKind::Status => &["target", "commitment", "actual", "forecast", "neutral"],
        _ => &[],
    };
    let class = match (&raw.class, classes.is_empty()) {
        (Some(c), false) if classes.contains(&c.as_str()) => c.clone(),
        (None, true) => String::new(),
        (Some(_), true) => {
            return Err(err(format!(
                "key `class` does not apply to {} rules",
                kind.as_str()
            )))
        }
        (c, false) => {
            return Err(err(format!(
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
            return Err(err(format!(
                "qualifier rules need `position`, \"before\" or \"after\" (found {other:?})"
            )))
        }
        (_, None) => String::new(),
        (_, Some(_)) => return Err(err("key `position` only applies to qualifier rules".into())),
    };
    let drop = match raw.drop.as_deref() {
        None | Some("line") => BoilerplateDrop::Line,
        Some("match") => BoilerplateDrop::Match,
        Some(other) => {
            return Err(err(format!(
                "drop = {other:?}; expected \"line\" or \"match\""
            )))
        }
    };
    let mut patterns = Vec::new();
    for p in &raw.patterns {
        let re = Regex::new(p).map_err(|e| {
            let first = e
                .to_string()
                .lines()
                .last()
                .unwrap_or_default()
                .trim()
                .to_string();
            err(format!("bad regex {p:?}: {first}"))
        })?;
        if kind == RuleKind::Heading && re.capture_names().flatten().all(|n| n != "number") {
            return Err(err(format!(
                "heading pattern {p:?} needs a named group (?P<number>...)"
            )));
        }
        patterns.push(re);
    }
    // Each pattern parsed once more, for what the matcher can learn from it.
    let hirs: Vec<Option<regex_syntax::hir::Hir>> = raw
        .patterns
        .iter()
        .map(|p| regex_syntax::Parser::new().parse(p).ok())
        .collect();
    let prefilters = hirs
        .iter()
        .map(|h| h.as_ref().and_then(Prefilter::new))
        .collect();
    let name_is_whole = hirs
        .iter()
        .map(|h| h.as_ref().is_some_and(name_is_whole))
        .collect();
    let start_chars = hirs
        .iter()
        .map(|h| h.as_ref().and_then(start_chars))
        .collect();
    let nearest = match raw.boundary.as_deref() {
        None | Some("longest") => false,
        Some("nearest") => true,
        Some(other) => {
            return Err(err(format!(
                "boundary = {other:?}; expected \"longest\" or \"nearest\""
            )))
        }
    };
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
                .map_err(|e| err(format!("stop words do not compile: {e}")))?,
        )
    };
    let excluded_suffix = WordSet::new(raw.exclude_suffixes.iter());
    let excluded_prefix = WordSet::new(raw.exclude_prefixes.iter());
    let mut exclude_patterns = Vec::new();
    for p in &raw.exclude_patterns {
        exclude_patterns.push(Regex::new(p).map_err(|e| {
            let first = e
                .to_string()
                .lines()
                .last()
                .unwrap_or_default()
                .trim()
                .to_string();
            err(format!("bad regex in exclude_patterns {p:?}: {first}"))
        })?);
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
        drop,
        class,
        position,
        max_line_chars: raw.max_line_chars.unwrap_or(200),
        pattern_sources: raw.patterns,
        groups: patterns.iter().map(NamedGroups::new).collect(),
        patterns,
        prefilters,
        name_is_whole,
        start_chars,
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
        nearest,
        boundary,
        trim,
        stops_ac,
        min_chars: raw
            .min_chars
            .unwrap_or(if kind.is_entity() { 2 } else { 0 }),
        max_chars: raw.max_chars.unwrap_or(40),
        examples: raw.examples,
        counter_examples: raw.counter_examples,
    })
}

/// Where the matches of one regex can lie, found without running it.
///
/// Built only for patterns without anchors or other look-arounds that
/// cannot match the empty string. `alphabet` holds every character a match
/// can contain, so a match lies inside one *run* of such characters; every
/// match contains one of `literals` (its required prefixes or suffixes). So
/// the regex only needs to run on the runs that hold a literal, and finds
/// there exactly what it finds in the whole text: no match crosses a run's
/// edge and, without look-arounds, the text around a run does not matter.
#[derive(Debug)]
struct Prefilter {
    alphabet: CharSet,
    /// Built on first use: a [`Scanner`](super::scan::Scanner) usually
    /// finds the literals instead.
    literals: std::sync::OnceLock<Option<AhoCorasick>>,
    /// The same literals, for a [`Scanner`](super::scan::Scanner).
    literal_list: Vec<Vec<u8>>,
}

impl Prefilter {
    fn new(hir: &regex_syntax::hir::Hir) -> Option<Prefilter> {
        use regex_syntax::hir::literal::{ExtractKind, Extractor};
        let props = hir.properties();
        if !props.look_set().is_empty() || props.minimum_len().unwrap_or(0) == 0 {
            return None;
        }
        let mut ranges = Vec::new();
        alphabet(hir, &mut ranges)?;
        // The required literals: whichever end gives the longer shortest one.
        let best = [ExtractKind::Prefix, ExtractKind::Suffix]
            .into_iter()
            .filter_map(|kind| {
                let seq = Extractor::new().kind(kind).extract(hir);
                let lits = seq.literals()?;
                let min = lits.iter().map(|l| l.as_bytes().len()).min()?;
                (min > 0).then(|| {
                    let words: Vec<Vec<u8>> = lits.iter().map(|l| l.as_bytes().to_vec()).collect();
                    (min, words)
                })
            })
            .max_by_key(|(min, _)| *min)?;
        Some(Prefilter {
            alphabet: CharSet::new(&ranges),
            literals: std::sync::OnceLock::new(),
            literal_list: best.1,
        })
    }

    fn allows(&self, c: char) -> bool {
        self.alphabet.contains(c)
    }

    /// The runs of `text` that hold a literal, in text order, as byte ranges.
    /// `None` when the literals do not compile (then the whole text is
    /// searched, as without a prefilter).
    fn runs(&self, text: &str) -> Option<Vec<(usize, usize)>> {
        let literals = self
            .literals
            .get_or_init(|| {
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostFirst)
                    .build(&self.literal_list)
                    .ok()
            })
            .as_ref()?;
        let mut runs = Vec::new();
        let mut from = 0;
        while from < text.len() {
            let Some(m) = literals.find(aho_corasick::Input::new(text).range(from..)) else {
                break;
            };
            let run = self.run_around(text, m.start(), m.end());
            runs.push(run);
            from = run.1;
        }
        Some(runs)
    }

    /// The same runs, from every occurrence of the literals (sorted by start).
    fn runs_from(&self, text: &str, hits: &[(usize, usize)]) -> Vec<(usize, usize)> {
        let mut runs: Vec<(usize, usize)> = Vec::new();
        for &(s, e) in hits {
            if runs.last().is_some_and(|r| s < r.1) {
                continue;
            }
            runs.push(self.run_around(text, s, e));
        }
        runs
    }

    /// The run of allowed characters around the literal at `start..end`.
    fn run_around(&self, text: &str, mut start: usize, mut end: usize) -> (usize, usize) {
        while let Some(c) = text[..start].chars().next_back() {
            if !self.allows(c) {
                break;
            }
            start -= c.len_utf8();
        }
        while let Some(c) = text[end..].chars().next() {
            if !self.allows(c) {
                break;
            }
            end += c.len_utf8();
        }
        (start, end)
    }
}

/// A set of characters: a bit per character below U+10000, ranges above.
#[derive(Debug)]
struct CharSet {
    bmp: Vec<u64>,
    astral: Vec<(char, char)>,
}

impl CharSet {
    fn new(ranges: &[(char, char)]) -> CharSet {
        let mut bmp = vec![0u64; 0x10000 / 64];
        let mut astral = Vec::new();
        for &(a, b) in ranges {
            let (lo, hi) = (a as u32, (b as u32).min(0xFFFF));
            let mut c = lo;
            while c <= hi {
                // A whole word at once where the range covers it.
                if c % 64 == 0 && hi - c >= 63 {
                    bmp[c as usize / 64] = u64::MAX;
                    c += 64;
                } else {
                    bmp[c as usize / 64] |= 1 << (c % 64);
                    c += 1;
                }
            }
            if b as u32 > 0xFFFF {
                astral.push((a.max('\u{10000}'), b));
            }
        }
        CharSet { bmp, astral }
    }

    fn contains(&self, c: char) -> bool {
        let u = c as u32;
        if u <= 0xFFFF {
            self.bmp[u as usize / 64] & (1 << (u % 64)) != 0
        } else {
            self.astral.iter().any(|(a, b)| *a <= c && c <= *b)
        }
    }
}

/// For a pattern anchored at the text start (`^`, not multi-line) that
/// cannot match the empty string there: the characters its match can start
/// with. A text starting with anything else has no match.
fn start_chars(hir: &regex_syntax::hir::Hir) -> Option<CharSet> {
    use regex_syntax::hir::{HirKind, Look};
    let HirKind::Concat(parts) = hir.kind() else {
        return None;
    };
    let (first, rest) = parts.split_first()?;
    if !matches!(first.kind(), HirKind::Look(Look::Start)) {
        return None;
    }
    let (ranges, nullable) = concat_first_chars(rest)?;
    (!nullable).then(|| CharSet::new(&ranges))
}

/// `first_chars` of a sequence: each part's first characters until one
/// cannot be empty.
fn concat_first_chars(parts: &[regex_syntax::hir::Hir]) -> Option<(Vec<(char, char)>, bool)> {
    let mut ranges = Vec::new();
    for part in parts {
        let (r, n) = first_chars(part)?;
        ranges.extend(r);
        if !n {
            return Some((ranges, false));
        }
    }
    Some((ranges, true))
}

/// The characters a match of `hir` can start with, and whether it can be
/// empty; `None` for what this does not handle (look-arounds, byte classes).
fn first_chars(hir: &regex_syntax::hir::Hir) -> Option<(Vec<(char, char)>, bool)> {
    use regex_syntax::hir::{Class, HirKind};
    Some(match hir.kind() {
        HirKind::Empty => (Vec::new(), true),
        HirKind::Literal(lit) => match std::str::from_utf8(&lit.0).ok()?.chars().next() {
            Some(c) => (vec![(c, c)], false),
            None => (Vec::new(), true),
        },
        HirKind::Class(Class::Unicode(cls)) => (
            cls.ranges().iter().map(|r| (r.start(), r.end())).collect(),
            false,
        ),
        HirKind::Class(Class::Bytes(_)) | HirKind::Look(_) => return None,
        HirKind::Repetition(rep) => {
            let (r, n) = first_chars(&rep.sub)?;
            (r, n || rep.min == 0)
        }
        HirKind::Capture(cap) => first_chars(&cap.sub)?,
        HirKind::Concat(subs) => concat_first_chars(subs)?,
        HirKind::Alternation(subs) => {
            let mut ranges = Vec::new();
            let mut nullable = false;
            for sub in subs {
                let (r, n) = first_chars(sub)?;
                ranges.extend(r);
                nullable |= n;
            }
            (ranges, nullable)
        }
    })
}

/// Whether the pattern is one group named `name` and nothing else.
fn name_is_whole(hir: &regex_syntax::hir::Hir) -> bool {
    use regex_syntax::hir::HirKind;
    matches!(hir.kind(), HirKind::Capture(c) if c.name.as_deref() == Some("name"))
}

/// Adds every character a match of `hir` can contain to `out`; `None` for
/// what this does not handle (byte classes, look-arounds).
fn alphabet(hir: &regex_syntax::hir::Hir, out: &mut Vec<(char, char)>) -> Option<()> {
    use regex_syntax::hir::{Class, HirKind};
    match hir.kind() {
        HirKind::Empty => {}
        HirKind::Literal(lit) => {
            for c in std::str::from_utf8(&lit.0).ok()?.chars() {
                out.push((c, c));
            }
        }
        HirKind::Class(Class::Unicode(cls)) => {
            out.extend(cls.ranges().iter().map(|r| (r.start(), r.end())));
        }
        HirKind::Class(Class::Bytes(_)) | HirKind::Look(_) => return None,
        HirKind::Repetition(rep) => alphabet(&rep.sub, out)?,
        HirKind::Capture(cap) => alphabet(&cap.sub, out)?,
        HirKind::Concat(subs) | HirKind::Alternation(subs) => {
            for sub in subs {
                alphabet(sub, out)?;
            }
        }
    }
    Some(())
}

/// A fast, fixed-seed hash (foldhash) for maps and sets keyed by short
/// strings or offsets: word sets are probed several times for every
/// candidate match, and SipHash made that several times slower.
pub(crate) type FastHash = foldhash::fast::FixedState;
type FastSet = HashSet<String, FastHash>;
/// Aliases (name → node name) for lookups by hash.
pub(super) type AliasLookup = std::collections::HashMap<String, String, FastHash>;

/// Aliases for lookups, built once per kind and shared by its rules.
pub(super) fn alias_lookup(aliases: &BTreeMap<String, String>) -> std::sync::Arc<AliasLookup> {
    std::sync::Arc::new(
        aliases
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
    )
}

/// A set of short words answering "does this text end (or start) with one
/// of them" with a hash lookup per word length instead of a scan of the list.
#[derive(Debug, Default)]
struct WordSet {
    words: FastSet,
    /// Distinct lengths in characters, longest first (the empty word has
    /// none: it is never found as a prefix or suffix).
    lengths: Vec<usize>,
    /// Whether the list holds the empty word.
    has_empty: bool,
    /// The first and the last characters of the words, sorted: most
    /// texts are told apart by one lookup before any word is hashed.
    first_chars: Vec<char>,
    last_chars: Vec<char>,
    /// The same characters hashed into bits: most characters are ruled out
    /// by one bit test, before the binary search.
    first_bits: CharBits,
    last_bits: CharBits,
}

/// A set of characters as 1024 bits (a character's code modulo 1024): a
/// clear bit means the character is not in the set.
#[derive(Debug, Default)]
struct CharBits([u64; 16]);

impl CharBits {
    fn new(chars: &[char]) -> CharBits {
        let mut bits = CharBits::default();
        for &c in chars {
            let u = c as usize % 1024;
            bits.0[u / 64] |= 1 << (u % 64);
        }
        bits
    }

    fn may_contain(&self, c: char) -> bool {
        let u = c as usize % 1024;
        self.0[u / 64] & (1 << (u % 64)) != 0
    }
}

impl WordSet {
    fn new<'a>(words: impl Iterator<Item = &'a String>) -> WordSet {
        let words: FastSet = words.cloned().collect();
        let mut lengths: Vec<usize> = words
            .iter()
            .map(|w| w.chars().count())
            .filter(|n| *n > 0)
            .collect();
        lengths.sort_unstable_by(|a, b| b.cmp(a));
        lengths.dedup();
        let has_empty = words.contains("");
        let sorted = |mut chars: Vec<char>| {
            chars.sort_unstable();
            chars.dedup();
            chars
        };
        let first_chars = sorted(words.iter().filter_map(|w| w.chars().next()).collect());
        let last_chars = sorted(words.iter().filter_map(|w| w.chars().next_back()).collect());
        WordSet {
            words,
            lengths,
            has_empty,
            first_bits: CharBits::new(&first_chars),
            last_bits: CharBits::new(&last_chars),
            first_chars,
            last_chars,
        }
    }

    fn contains(&self, word: &str) -> bool {
        self.words.contains(word)
    }

    fn ends_with_any(&self, text: &str) -> bool {
        // Walk back one character at a time; test the suffixes whose length
        // is a word length (no allocation: this runs for every candidate).
        if text.chars().next_back().is_none_or(|c| {
            !self.last_bits.may_contain(c) || self.last_chars.binary_search(&c).is_err()
        }) {
            return false;
        }
        let longest = self.lengths.first().copied().unwrap_or(0);
        text.char_indices()
            .rev()
            .take(longest)
            .enumerate()
            .any(|(n, (i, _))| self.lengths.contains(&(n + 1)) && self.words.contains(&text[i..]))
    }

    /// Whether `text.ends_with(w)` for some word `w` (the empty word included).
    fn is_suffix_of(&self, text: &str) -> bool {
        self.has_empty || self.ends_with_any(text)
    }

    /// Whether `text.starts_with(w)` for some word `w` (the empty word included).
    fn is_prefix_of(&self, text: &str) -> bool {
        self.has_empty || self.longest_prefix(text).is_some()
    }

    /// Byte length of the longest word `text` starts with.
    fn longest_prefix(&self, text: &str) -> Option<usize> {
        if text.chars().next().is_none_or(|c| {
            !self.first_bits.may_contain(c) || self.first_chars.binary_search(&c).is_err()
        }) {
            return None;
        }
        let longest = self.lengths.first().copied().unwrap_or(0);
        // Byte ends of the first `longest` characters, on the stack.
        let mut ends = [0usize; 32];
        if longest > ends.len() {
            return self.longest_prefix_slow(text);
        }
        let mut n = 0;
        for (i, c) in text.char_indices().take(longest) {
            ends[n] = i + c.len_utf8();
            n += 1;
        }
        self.lengths
            .iter()
            .filter(|l| **l <= n)
            .map(|l| ends[l - 1])
            .find(|e| self.words.contains(&text[..*e]))
    }

    fn longest_prefix_slow(&self, text: &str) -> Option<usize> {
        let ends: Vec<usize> = text
            .char_indices()
            .skip(1)
            .map(|(i, _)| i)
            .chain(std::iter::once(text.len()))
            .take(self.lengths.first().copied().unwrap_or(0))
            .collect();
        self.lengths
            .iter()
            .filter_map(|l| ends.get(l - 1))
            .find(|e| self.words.contains(&text[..**e]))
            .copied()
    }
}

/// Quote marks and brackets that surround names but are not part of them.
fn is_quote(c: char) -> bool {
    matches!(
        c,
        '“' | '”'
            | '‘'
            | '’'
            | '"'
            | '\''
            | '《'
            | '》'
            | '「'
            | '」'
            | '『'
            | '』'
            | '〈'
            | '〉'
    )
}

/// Not part of a name at its edges: quote marks and white space.
fn is_wrapper(c: char) -> bool {
    is_quote(c) || c.is_whitespace()
}

impl CompiledRule {
    /// Words that, right after a match, make it part of a longer word.
    pub fn not_before_list(&self) -> &[String] {
        &self.not_before
    }

    /// Whether the text right after a match makes it part of a longer word.
    pub fn blocked_by_next(&self, after: &str) -> bool {
        self.not_before
            .iter()
            .any(|w| after.starts_with(w.as_str()))
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

    /// The name a matched word maps to through `aliases`, if any.
    pub fn alias_of(&self, word: &str) -> Option<String> {
        self.alias_lookup.get(word).cloned()
    }

    /// Whether a name may start at byte `at`: at the text start, after a
    /// character that cannot be part of a name, or after a trim_left word.
    fn is_left_boundary(&self, text: &str, at: usize) -> bool {
        let before = &text[..at];
        let here = text[at..].chars().next();
        match before.chars().next_back() {
            None => true,
            Some(c) if !(c.is_alphanumeric()) => true,
            // A change of script (日XX市, 2021年临江区) is a word edge.
            Some(c)
                if c.is_ascii_alphanumeric() != here.is_some_and(|h| h.is_ascii_alphanumeric()) =>
            {
                true
            }
            Some(_) => self.boundary.ends_with_any(before),
        }
    }

    /// Every match of this rule in `text` (a normalised view), before overlap
    /// resolution with other rules. Entity names are cleaned, trimmed,
    /// checked against `exclude` and mapped through `aliases`.
    pub fn find(&self, text: &str) -> Vec<RuleMatch> {
        self.find_in(text, None)
    }

    /// [`CompiledRule::find`] with the word and literal occurrences that a
    /// [`Scanner`](super::scan::Scanner) found in `text` for this rule.
    pub fn find_scanned(&self, text: &str, hits: &RuleHits) -> Vec<RuleMatch> {
        self.find_in(text, Some(hits))
    }

    /// Whether a match can start at the start of `text`: false when the
    /// rule has no words and every pattern is anchored at the start and
    /// cannot start with `text`'s first character. (A cheap test before
    /// [`CompiledRule::find`] on each sentence start.)
    pub fn may_match_at_start(&self, text: &str) -> bool {
        let first = text.chars().next();
        self.has_words()
            || self.patterns.is_empty()
            || (0..self.patterns.len()).any(|i| match self.start_chars.get(i) {
                Some(Some(chars)) => first.is_some_and(|c| chars.contains(c)),
                _ => true,
            })
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
        self.prefilters.iter().map(|p| {
            p.as_ref()
                .map(|p| p.literal_list.iter().map(|l| l.as_slice()))
        })
    }

    fn find_in(&self, text: &str, hits: Option<&RuleHits>) -> Vec<RuleMatch> {
        let mut out = Vec::new();
        for (i, (re, prefilter)) in self.patterns.iter().zip(&self.prefilters).enumerate() {
            let mut prev_end = usize::MAX;
            // An anchored pattern cannot match a text starting with a
            // character it cannot start with.
            if let Some(Some(first)) = self.start_chars.get(i) {
                if !text.chars().next().is_some_and(|c| first.contains(c)) {
                    continue;
                }
            }
            let groups = &self.groups[i];
            let has_number = groups.number.is_some();
            // A name group around the whole pattern names the whole match:
            // no need for the capture groups then.
            let has_name =
                groups.name.is_some() && !self.name_is_whole.get(i).copied().unwrap_or(false);
            let whole_text = [(0, text.len())];
            let scanned = hits
                .and_then(|h| h.patterns.get(i))
                .and_then(|p| p.as_ref());
            // Without scanned literals, a short text (rule examples) is
            // searched whole: the same matches, without a literal search.
            let runs = prefilter.as_ref().and_then(|p| match scanned {
                Some(spans) => Some(p.runs_from(text, spans)),
                None if text.len() >= 1024 => p.runs(text),
                None => None,
            });
            for &(rs, re_end) in runs.as_deref().unwrap_or(&whole_text) {
                // Offsets below are relative to the run; `at` makes them absolute.
                let hay = &text[rs..re_end];
                let at = |i: usize| rs + i;
                if has_name || has_number || self.kind == RuleKind::Heading {
                    for caps in re.captures_iter(hay) {
                        let whole = caps.get(0).expect("group 0");
                        let group = |i: Option<usize>| i.and_then(|i| caps.get(i));
                        let span = group(groups.name).or(group(groups.title)).unwrap_or(whole);
                        let number = group(groups.number).map(|m| m.as_str().to_string());
                        if self.kind == RuleKind::Heading {
                            out.push(RuleMatch {
                                start: at(whole.start()),
                                end: at(whole.end()),
                                name: group(groups.title)
                                    .map(|m| m.as_str().trim().to_string())
                                    .unwrap_or_default(),
                                number,
                            });
                        } else if let Some(m) =
                            self.accept(text, at(span.start()), at(span.end()), prev_end)
                        {
                            out.push(m);
                        }
                        prev_end = at(whole.end());
                    }
                } else {
                    for m in re.find_iter(hay) {
                        if let Some(a) = self.accept(text, at(m.start()), at(m.end()), prev_end) {
                            out.push(a);
                        }
                        prev_end = at(m.end());
                    }
                }
            }
        }
        if !self.list_separators.is_empty() {
            let mut items = Vec::new();
            for m in &out {
                items.extend(self.list_items_before(text, m.start));
            }
            out.extend(items);
        }
        if self.has_words() {
            let mut prev_end = usize::MAX;
            match hits.and_then(|h| h.words.as_ref()) {
                // Every occurrence, sorted by start then longest first: the
                // leftmost-longest matches are the greedy pick among them.
                Some(spans) => {
                    let mut next = 0;
                    for &(s, e) in spans {
                        if s < next {
                            continue;
                        }
                        if let Some(a) = self.accept(text, s, e, prev_end) {
                            out.push(a);
                        }
                        prev_end = e;
                        next = e;
                    }
                }
                None => {
                    let ac = self.words.get_or_init(|| {
                        AhoCorasick::builder()
                            .match_kind(MatchKind::LeftmostLongest)
                            .build(&self.words_list)
                            .expect("a word list compiles")
                    });
                    for m in ac.find_iter(text) {
                        if let Some(a) = self.accept(text, m.start(), m.end(), prev_end) {
                            out.push(a);
                        }
                        prev_end = m.end();
                    }
                }
            }
        }
        out
    }

    /// Items of a list that ends with a match (猕猴桃、刺梨、茶叶产业): walking
    /// back over separators, each item between them is a name too.
    fn list_items_before(&self, text: &str, mut at: usize) -> Vec<RuleMatch> {
        let mut items = Vec::new();
        while let Some(sep) = self
            .list_separators
            .iter()
            .find(|s| text[..at].ends_with(s.as_str()))
        {
            let item_end = at - sep.len();
            let item_start = text[..item_end]
                .char_indices()
                .rev()
                .take_while(|(_, c)| crate::chars::is_common_cjk(*c))
                .take(self.max_chars.min(8))
                .last()
                .map(|(i, _)| i);
            let Some(item_start) = item_start else { break };
            // The item starts after the nearest stop or trim word inside it.
            let Some(m) = (item_start..item_end)
                .filter(|s| text.is_char_boundary(*s))
                .filter(|s| {
                    *s == item_start && self.is_left_boundary(text, *s)
                        || *s > item_start && self.is_left_boundary(text, *s)
                })
                .find_map(|s| self.name_at(text, s, item_end))
            else {
                break;
            };
            at = m.start;
            items.push(m);
        }
        items
    }

    /// Cleans a raw match into a named match, or rejects it.
    fn accept(
        &self,
        text: &str,
        mut start: usize,
        mut end: usize,
        prev_end: usize,
    ) -> Option<RuleMatch> {
        if !self.kind.is_entity() {
            if self.blocked_by_next(&text[end..]) {
                return None;
            }
            let raw = &text[start..end];
            return (end > start).then(|| RuleMatch {
                start,
                end,
                name: self
                    .alias_lookup
                    .get(raw)
                    .cloned()
                    .unwrap_or_else(|| raw.to_string()),
                number: None,
            });
        }
        // Generic endings are judged on the whole match, before trimming
        // (亿元以上项目 must not survive as 上项目).
        let whole = &text[start..end];
        if self.excluded_suffix.is_suffix_of(whole) {
            return None;
        }
        // Trim quote marks and stray punctuation at both ends.
        let s = &text[start..end];
        let trimmed_start = s.len() - s.trim_start_matches(is_wrapper).len();
        start += trimmed_start;
        let s = &text[start..end];
        end = start + s.trim_end_matches(is_wrapper).len();
        if self
            .not_before
            .iter()
            .any(|w| text[end..].starts_with(w.as_str()))
        {
            return None;
        }
        // A stop word inside the match ends whatever came before it: the
        // name starts after the last one (会同国家开发银行 → 国家开发银行).
        if let Some(stops) = &self.stops_ac {
            // The last position inside the match (after its first
            // character, before its end) where a stop word that starts in
            // the match ends: every occurrence, in one pass.
            let cut = stops
                .find_overlapping_iter(&text[start..end])
                .map(|m| start + m.end())
                .filter(|p| *p < end)
                .max();
            if let Some(p) = cut {
                start = p;
            }
        }
        if self.trim_left.is_empty() {
            return self.name_at(text, start, end);
        }
        // A leftmost match can start inside the preceding words ("展猕猴桃"
        // in 大力发展猕猴桃产业). Try each left edge that is a real boundary
        // (text start, punctuation, a change of script, right after a
        // trim_left word or after the previous match) and keep the first
        // that makes a valid name. No boundary: the name cannot be told
        // apart from the words around it, nothing is reported.
        // (Edges are tested lazily, in the order they are tried.)
        let is_edge = |s: &usize| {
            text.is_char_boundary(*s) && (*s == prev_end || self.is_left_boundary(text, *s))
        };
        if self.nearest {
            // Nearest-first rules: the name starts after the last verb or
            // function word inside the match (区政府决定加快建设临江…产业园 →
            // 临江…产业园), falling back to longer names when that is too
            // short or excluded (教育提升工程).
            // (Text ending with a trim or stop word is a left edge, so
            // that test alone picks the edges here.)
            for s in (start..end).rev() {
                if text.is_char_boundary(s) && self.after_trim_word(text, s) {
                    if let Some(m) = self.name_at(text, s, end) {
                        return Some(m);
                    }
                }
            }
        }
        (start..end)
            .filter(is_edge)
            .find_map(|s| self.name_at(text, s, end))
    }

    /// Whether the text before `at` ends with a trim_left or stop word.
    fn after_trim_word(&self, text: &str, at: usize) -> bool {
        self.boundary.ends_with_any(&text[..at])
    }

    /// The name spanning `start..end` after stripping leading trim_left
    /// words, if it passes the rule's length and exclusion checks.
    fn name_at(&self, text: &str, mut start: usize, end: usize) -> Option<RuleMatch> {
        // Strip leading trim words, longest first, while a name remains.
        while let Some(len) = self.trim.longest_prefix(&text[start..end]) {
            if text[start..end].len() <= len {
                break;
            }
            start += len;
        }
        let raw = &text[start..end];
        let name: std::borrow::Cow<str> = if raw.contains(is_wrapper) {
            raw.chars()
                .filter(|c| !is_wrapper(*c))
                .collect::<String>()
                .into()
        } else {
            raw.into()
        };
        let name = name.as_ref();
        let n = name.chars().count();
        if n < self.min_chars || n > self.max_chars || self.exclude.contains(name) {
            return None;
        }
        // A "name" that is only a verb or function word is none.
        if self.boundary.contains(name) {
            return None;
        }
        if self.excluded_suffix.is_suffix_of(name)
            || self.excluded_prefix.is_prefix_of(name)
            || self.exclude_patterns.iter().any(|re| re.is_match(name))
        {
            return None;
        }
        let name = self
            .alias_lookup
            .get(name)
            .cloned()
            .unwrap_or_else(|| name.to_string());
        Some(RuleMatch {
            start,
            end,
            name,
            number: None,
        })
    }
}
