//! The matcher: finding a compiled rule's matches in a normalised text.
//!
//! A [`CompiledRule`] and a text (a sentence, a paragraph or a whole
//! document's view) come in, optionally with the word and literal
//! occurrences a [`Scanner`](super::Scanner) found for the rule; out come
//! [`RuleMatch`]es, before overlap resolution with other rules. Patterns run
//! on the runs their prefilter allows, word lists are matched leftmost-
//! longest, and an entity name is then cut to a boundary: wrapper quotes
//! trimmed, the name starts after the last stop word inside it or after a
//! trim_left word, and length, exclude lists, exclude_prefixes/suffixes and
//! exclude_patterns are checked before aliases map it to its node's name.

use aho_corasick::{AhoCorasick, MatchKind};

use super::compile::CompiledRule;
use super::scan::RuleHits;
use crate::model::RuleKind;

/// One match of a rule in a normalised text: byte range and the name it gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleMatch {
    pub start: usize,
    pub end: usize,
    pub name: String,
    /// Heading rules: the number part (第一句话, 1, 一).
    pub number: Option<String>,
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
    /// Whether the text right after a match makes it part of a longer word.
    pub fn blocked_by_next(&self, after: &str) -> bool {
        self.not_before
            .iter()
            .any(|w| after.starts_with(w.as_str()))
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
            Some(_) => self.after_trim_word(text, at),
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

    /// The literals one of which every match of pattern `i` holds, when its
    /// prefilter knows them (`None`: the pattern may match anywhere).
    pub fn pattern_literals(&self, i: usize) -> Option<Vec<&[u8]>> {
        let p = self.prefilters.get(i)?.as_ref()?;
        Some(p.literals().collect())
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

    fn find_in(&self, text: &str, hits: Option<&RuleHits>) -> Vec<RuleMatch> {
        let mut out = Vec::new();
        for i in 0..self.patterns.len() {
            // An anchored pattern cannot match a text starting with a
            // character it cannot start with.
            if let Some(Some(first)) = self.start_chars.get(i) {
                if !text.chars().next().is_some_and(|c| first.contains(c)) {
                    continue;
                }
            }
            let scanned = hits
                .and_then(|h| h.patterns.get(i))
                .and_then(|p| p.as_deref());
            self.find_pattern(i, text, scanned, &mut out);
        }
        if !self.list_separators.is_empty() {
            // Each match walks back only to the previous match's end: the
            // items before that are the previous match's own (walking back
            // to the list's start from every match of a long list of
            // names was quadratic in its length).
            let mut spans: Vec<(usize, usize)> = out.iter().map(|m| (m.start, m.end)).collect();
            spans.sort_unstable();
            let mut items = Vec::new();
            let mut floor = 0;
            for (start, end) in spans {
                items.extend(self.list_items_before(text, start, floor));
                floor = floor.max(end);
            }
            out.extend(items);
        }
        if self.has_words() {
            self.find_words(text, hits.and_then(|h| h.words.as_deref()), &mut out);
        }
        out
    }

    /// The matches of pattern `i`, on the runs its prefilter allows (found
    /// from `scanned` literal occurrences when a scanner gave them).
    fn find_pattern(
        &self,
        i: usize,
        text: &str,
        scanned: Option<&[(usize, usize)]>,
        out: &mut Vec<RuleMatch>,
    ) {
        let mut prev_end = usize::MAX;
        let groups = &self.groups[i];
        let has_number = groups.number.is_some();
        // A name group around the whole pattern names the whole match:
        // no need for the capture groups then.
        let has_name =
            groups.name.is_some() && !self.name_is_whole.get(i).copied().unwrap_or(false);
        let whole_text = [(0, text.len())];
        // Without scanned literals, a short text (rule examples) is
        // searched whole: the same matches, without a literal search.
        let runs = self.prefilters[i].as_ref().and_then(|p| match scanned {
            Some(spans) => Some(p.runs_from(text, spans)),
            None if text.len() >= 1024 => p.runs(text),
            None => None,
        });
        let runs = runs.as_deref().unwrap_or(&whole_text);
        if runs.is_empty() {
            // Not compiled for a text without its literals.
            return;
        }
        let re = self.patterns[i].get();
        for &(rs, re_end) in runs {
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
                    } else {
                        self.accept_items(text, at(span.start()), at(span.end()), prev_end, out);
                    }
                    prev_end = at(whole.end());
                }
            } else {
                for m in re.find_iter(hay) {
                    self.accept_items(text, at(m.start()), at(m.end()), prev_end, out);
                    prev_end = at(m.end());
                }
            }
        }
    }

    /// The name matched at `start..end`, or with `split_name_at` each item
    /// of the list it holds (A、B、C等项目: A, B and C), each cleaned as a
    /// name of its own; an item starts right after its separator.
    fn accept_items(
        &self,
        text: &str,
        start: usize,
        end: usize,
        prev_end: usize,
        out: &mut Vec<RuleMatch>,
    ) {
        if self.split_name_at.is_empty() {
            out.extend(self.accept(text, start, end, prev_end));
            return;
        }
        let mut item_start = start;
        let mut edge = prev_end;
        let mut at = start;
        while at < end {
            let sep = self
                .split_name_at
                .iter()
                .find(|s| text[at..end].starts_with(s.as_str()));
            match sep {
                Some(sep) => {
                    out.extend(self.accept(text, item_start, at, edge));
                    at += sep.len();
                    item_start = at;
                    edge = at;
                }
                None => at += text[at..].chars().next().map_or(1, char::len_utf8),
            }
        }
        out.extend(self.accept(text, item_start, end, edge));
    }

    /// The matches of the word list: from `scanned` occurrences when a
    /// scanner gave them, else from the rule's own leftmost-longest search.
    fn find_words(&self, text: &str, scanned: Option<&[(usize, usize)]>, out: &mut Vec<RuleMatch>) {
        let mut prev_end = usize::MAX;
        match scanned {
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

    /// Items of a list that ends with a match (猕猴桃、刺梨、茶叶产业): walking
    /// back over separators, each item between them is a name too — back
    /// to `floor` (the end of the match before).
    fn list_items_before(&self, text: &str, mut at: usize, floor: usize) -> Vec<RuleMatch> {
        let mut items = Vec::new();
        while let Some(sep) = (at > floor).then_some(()).and(
            self.list_separators
                .iter()
                .find(|s| text[..at].ends_with(s.as_str())),
        ) {
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
            if m.start < floor {
                break;
            }
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
                .filter(|m| !self.in_compound(text, start + m.start(), start + m.end()))
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

    /// Whether the text before `at` ends with a trim_left or stop word
    /// (not one inside a compound: 大数据 does not end with the stop 据).
    fn after_trim_word(&self, text: &str, at: usize) -> bool {
        self.boundary.ends_with_any(&text[..at])
            && !self.inside_or_after_compound(text, at)
            // 其|中桐坪经济开发区: 其 ends a trim word, but 其中 stands across.
            && !self.boundary.runs_on(text, at)
    }

    /// Whether `at` falls inside a `stop_word_compounds` word of `text` or
    /// right after one (大数据|产业园, 自由|贸易试验区, 保护和建设|二期工程):
    /// no name starts there.
    fn inside_or_after_compound(&self, text: &str, at: usize) -> bool {
        self.compounds_around(text, at).next().is_some()
    }

    /// Whether the stop word at `start..end` of `text` is part of a
    /// `stop_word_compounds` word there (数据, 就业, 自由贸易).
    fn in_compound(&self, text: &str, start: usize, end: usize) -> bool {
        self.compounds_around(text, end)
            .any(|(p, e)| p <= start && e - p > end - start)
    }

    /// The spans `p..e` of the `stop_word_compounds` words of `text` with
    /// `p < at <= e`: those `at` falls inside or right after.
    fn compounds_around<'a>(
        &'a self,
        text: &'a str,
        at: usize,
    ) -> impl Iterator<Item = (usize, usize)> + 'a {
        super::vocabulary::compounds_around(&self.stop_word_compounds, text, at)
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
            || self
                .exclude_patterns
                .iter()
                .any(|re| re.get().is_match(name))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{RawRule, Scanner};

    fn rule(text: &str) -> CompiledRule {
        let raw: RawRule = toml::from_str(text).expect("test rule parses");
        crate::rules::compile::compile(raw, "rules/test.toml", 1).expect("test rule compiles")
    }

    fn names(rule: &CompiledRule, text: &str) -> Vec<String> {
        rule.find(text).into_iter().map(|m| m.name).collect()
    }

    const PARKS: &str = r#"id = "park"
kind = "project"
description = "Parks."
patterns = ['[\p{Han}]{2,12}产业园']
trim_left = ["加快建设", "建设", "推进", "的"]
exclude_prefixes = ["重点", "各类"]
examples = [{ text = "x", expect = [] }]"#;

    #[test]
    fn a_regex_rule_trims_leading_verbs_to_the_name() {
        let parks = rule(PARKS);
        let found = parks.find("区政府决定加快建设临江智慧物流产业园。");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].name, "临江智慧物流产业园");
        let text = "区政府决定加快建设临江智慧物流产业园。";
        assert_eq!(&text[found[0].start..found[0].end], "临江智慧物流产业园");
    }

    #[test]
    fn exclude_prefixes_drop_generic_names() {
        let parks = rule(PARKS);
        assert!(names(&parks, "推进重点产业园提质增效。").is_empty());
        assert!(names(&parks, "推进各类产业园建设。").is_empty());
        assert_eq!(names(&parks, "推进青山产业园建设。"), ["青山产业园"]);
    }

    #[test]
    fn without_a_boundary_nothing_is_reported() {
        // The match can start twelve characters before 产业园 at most, and
        // no trim word or punctuation is there for the name to start at.
        let parks = rule(PARKS);
        assert!(names(&parks, "今年全区上下一起谋划打造青山产业园").is_empty());
        assert_eq!(
            names(&parks, "今年全区上下一起谋划建设青山产业园"),
            ["青山产业园"]
        );
    }

    #[test]
    fn a_word_list_rule_finds_the_leftmost_longest_words() {
        let sectors = rule(
            r#"id = "sector"
kind = "sector"
description = "Sectors."
words = ["物流", "智慧物流", "文化旅游"]
aliases = { "文化旅游" = "文旅" }
examples = [{ text = "x", expect = [] }]"#,
        );
        assert_eq!(
            names(&sectors, "发展智慧物流、文化旅游和现代物流。"),
            ["智慧物流", "文旅", "物流"]
        );
        // The scanner's occurrences give the same matches.
        let scanner = Scanner::new([&sectors]);
        let text = "发展智慧物流、文化旅游和现代物流。";
        let hits = scanner.scan(text);
        assert_eq!(sectors.find_scanned(text, &hits[0]), sectors.find(text));
    }

    #[test]
    fn a_stop_word_inside_a_match_starts_the_name_after_it() {
        let orgs = rule(
            r#"id = "org"
kind = "organization"
description = "Bureaus."
patterns = ['[\p{Han}]{2,14}局']
stop_words = ["会同", "的"]
examples = [{ text = "x", expect = [] }]"#,
        );
        assert_eq!(names(&orgs, "区发改委会同区商务局制定方案"), ["区商务局"]);
    }

    #[test]
    fn a_cue_word_followed_by_a_longer_word_is_no_match() {
        let units = rule(
            r#"id = "classifier"
kind = "unit"
class = "classifier"
description = "Classifiers."
words = ["项", "个"]
not_before = ["目"]
examples = [{ text = "x", expect = [] }]"#,
        );
        assert_eq!(names(&units, "新建XX项"), ["项"]);
        assert!(names(&units, "新建XX项目").is_empty());
        assert!(units.blocked_by_next("目建设"));
    }

    #[test]
    fn split_name_at_makes_each_listed_item_a_name_with_its_own_span() {
        let listed = rule(
            r#"id = "listed"
kind = "project"
description = "Listed."
patterns = ['(?P<name>[^,。、等]{2,}(?:、[^,。、等]{2,})*)等项目']
split_name_at = ["、"]
trim_left = ["今年", "新开工"]
min_chars = 3
examples = [{ text = "x", expect = [] }]"#,
        );
        let text = "今年新开工临江大厦、白沙研究院、北湖公园等项目。";
        let found = listed.find(text);
        let names: Vec<(&str, &str)> = found
            .iter()
            .map(|m| (m.name.as_str(), &text[m.start..m.end]))
            .collect();
        assert_eq!(
            names,
            [
                ("临江大厦", "临江大厦"),
                ("白沙研究院", "白沙研究院"),
                ("北湖公园", "北湖公园")
            ]
        );
    }

    #[test]
    fn anchored_patterns_are_skipped_on_other_first_characters() {
        let heads = rule(
            r#"id = "enumerated"
kind = "measure"
description = "Enumerated items."
patterns = ['^(?P<number>[一二三](?:要|是))(?P<title>[^,。]{2,20})']
examples = [{ text = "x", expect = [] }]"#,
        );
        assert!(heads.may_match_at_start("一要加快项目建设"));
        assert!(!heads.may_match_at_start("加快项目建设"));
        assert_eq!(names(&heads, "二是优化营商环境,"), ["优化营商环境"]);
        assert!(names(&heads, "要优化营商环境").is_empty());
    }
}
