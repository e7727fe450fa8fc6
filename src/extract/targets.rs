//! Numeric targets: every figure in a speech, normalised and classified.
//!
//! A figure is a number (see the `figure` rule) followed by a unit (`unit`
//! rules) or written as 百分之N. Around it, `qualifier`, `change` and
//! `status` rules classify it, `metric` words help cut the noun phrase it
//! counts, and `nontarget` patterns veto numbers that are no figures
//! (slogans, dates, ordinals). Everything here is driven by those rules;
//! [`TargetExtractor`] compiles their word lists once.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};
use regex::Regex;
use regex_automata::util::captures::Captures;

use super::numerals::parse_any;
use crate::document::{NormText, Structure};
use crate::model::{RuleKind, Target};
use crate::rules::CompiledRuleSet;

struct Cue {
    class: String,
    /// Index of the rule in the set, for its not_before list.
    rule: usize,
}

/// Sentence-wide searches of a cue set made with the automaton that builds
/// fast, before its DFA is built (that takes a dozen documents or so): a
/// DFA scans about twice as fast but costs several million instructions to
/// build, which a one-document run would not repay.
const DFA_AFTER_SEARCHES: usize = 500;

/// Word lists of one kind, with the class each word marks.
struct CueSet {
    ac: Option<AhoCorasick>,
    /// For sets searched over whole sentences ([`CueSet::all`]): the same
    /// automaton as a DFA, built after [`DFA_AFTER_SEARCHES`] searches,
    /// and the count of searches.
    dfa: Option<(OnceLock<Option<AhoCorasick>>, AtomicUsize)>,
    /// The same words for an overlapping search, when they are distinct
    /// and none is empty (then at most one word ends at a given place
    /// from a given start, and [`CueSet::ending_at`] needs one pass).
    overlapping: Option<AhoCorasick>,
    cues: Vec<Cue>,
    words: Vec<String>,
    aliases: Vec<Option<String>>,
    /// No word is empty (then matches never repeat a place, see
    /// [`CueSet::all_before`]).
    no_empty: bool,
}

impl CueSet {
    /// `dfa`: for sets searched over whole sentences, whose searches move
    /// to a DFA after [`DFA_AFTER_SEARCHES`] (short searches never repay
    /// building one).
    fn new(rules: &CompiledRuleSet, kind: RuleKind, position: Option<&str>, dfa: bool) -> CueSet {
        let mut words = Vec::new();
        let mut cues = Vec::new();
        let mut aliases = Vec::new();
        for (ri, r) in rules
            .rules
            .iter()
            .enumerate()
            .filter(|(_, r)| r.kind == kind)
        {
            if position.is_some_and(|p| p != r.position) {
                continue;
            }
            for w in &r.words_list {
                words.push(w.clone());
                cues.push(Cue {
                    class: r.class.clone(),
                    rule: ri,
                });
                aliases.push(r.alias_of(w));
            }
        }
        let ac = (!words.is_empty()).then(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .start_kind(StartKind::Both)
                .build(&words)
                .expect("cue words compile")
        });
        let distinct = words.iter().all(|w| !w.is_empty())
            && words.iter().collect::<std::collections::HashSet<_>>().len() == words.len();
        let overlapping = (distinct && !words.is_empty()).then(|| {
            AhoCorasick::builder()
                .kind(Some(AhoCorasickKind::DFA))
                .match_kind(MatchKind::Standard)
                .build(&words)
                .expect("cue words compile")
        });
        CueSet {
            ac,
            dfa: dfa.then(|| (OnceLock::new(), AtomicUsize::new(0))),
            overlapping,
            no_empty: words.iter().all(|w| !w.is_empty()),
            cues,
            words,
            aliases,
        }
    }

    /// The longest cue starting exactly at `at`: (end, index).
    fn at(&self, text: &str, at: usize) -> Option<(usize, usize)> {
        let ac = self.ac.as_ref()?;
        let m = ac.find(Input::new(text).range(at..).anchored(Anchored::Yes))?;
        Some((m.end(), m.pattern().as_usize()))
    }

    /// The longest cue ending exactly at `end`, starting at most `window`
    /// bytes before it: (start, index).
    fn ending_at(&self, text: &str, end: usize, window: usize) -> Option<(usize, usize)> {
        let ac = self.ac.as_ref()?;
        if let Some(ov) = &self.overlapping {
            // Every word inside the window that ends at `end`; the one
            // starting first is the one the loop below finds first.
            let mut best: Option<(usize, usize)> = None;
            let lo = end.saturating_sub(window);
            for m in ov.find_overlapping_iter(Input::new(text).range(lo..end)) {
                if m.end() == end && best.is_none_or(|(s, _)| m.start() < s) {
                    best = Some((m.start(), m.pattern().as_usize()));
                }
            }
            return best;
        }
        let mut s = end.saturating_sub(window);
        while s < end {
            if text.is_char_boundary(s) {
                // Leftmost-longest from `s` inside `s..end`: if the longest
                // word from here does not reach `end`, no word from here does.
                if let Some(m) = ac.find(Input::new(text).range(s..end).anchored(Anchored::Yes)) {
                    if m.end() == end {
                        return Some((s, m.pattern().as_usize()));
                    }
                }
            }
            s += 1;
        }
        None
    }

    /// [`CueSet::all`] of `text[from..at]`, from `longer`, that of
    /// `text[from..to]` for some `to` past `at`. Its cues that end by `at`
    /// are the same (leftmost-longest picks them in either range), and when
    /// the next one starts by `at` a search resumes after the last shared
    /// one. Figures of one sentence thus share one search.
    fn all_before(
        &self,
        text: &str,
        longer: &[(usize, usize, usize)],
        from: usize,
        at: usize,
    ) -> Vec<(usize, usize, usize)> {
        if !self.no_empty {
            return self.all(text, from, at);
        }
        // Without empty words the matches' ends increase.
        let n = longer.partition_point(|c| c.1 <= at);
        let mut cues = longer[..n].to_vec();
        if longer.get(n).is_some_and(|c| c.0 <= at) {
            let resume = cues.last().map_or(from, |c| c.1);
            cues.extend(self.all(text, resume, at));
        }
        cues
    }

    /// Every cue in `text[from..to]`, as (start, end, index).
    fn all(&self, text: &str, from: usize, to: usize) -> Vec<(usize, usize, usize)> {
        let Some(nfa) = &self.ac else {
            return Vec::new();
        };
        // Both automata find the same cues.
        let ac = match &self.dfa {
            Some((dfa, searches))
                if searches.fetch_add(1, Ordering::Relaxed) >= DFA_AFTER_SEARCHES =>
            {
                dfa.get_or_init(|| {
                    AhoCorasick::builder()
                        .kind(Some(AhoCorasickKind::DFA))
                        .match_kind(MatchKind::LeftmostLongest)
                        .build(&self.words)
                        .ok()
                })
                .as_ref()
                .unwrap_or(nfa)
            }
            _ => nfa,
        };
        ac.find_iter(Input::new(text).range(from..to))
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .collect()
    }
}

/// Clause delimiters: a metric never reaches across them.
const CLAUSE_END: &[char] = &[
    ',', ';', ':', '。', '!', '?', '，', '；', '：', '\n', '(', ')',
];

/// Compiled target rules: figure pattern, cue word lists, nontarget patterns.
pub struct TargetExtractor {
    /// The figure patterns, as regex-automata regexes: their capture groups
    /// are only read for matches that pass the cheap tests (overlap,
    /// nontarget veto), by an anchored search on the match alone.
    figure: Vec<regex_automata::meta::Regex>,
    figure_rule: std::sync::Arc<str>,
    nontargets: Vec<Regex>,
    /// Group indices of the figure patterns, by name.
    figure_groups: Vec<FigureGroups>,
    units: CueSet,
    /// not_before lists of the unit rules, by rule index.
    unit_blockers: std::collections::HashMap<usize, Vec<String>, crate::rules::FastHash>,
    qualifiers_before: CueSet,
    qualifiers_after: CueSet,
    changes: CueSet,
    statuses: CueSet,
    metrics: CueSet,
    year: Regex,
    period: Regex,
    /// Words stripped from the left / right of a metric phrase, and metric
    /// phrases too generic to stand alone (vocabulary lists metric_lead,
    /// metric_tail, generic_metrics).
    metric_lead: Vec<String>,
    metric_tail: Vec<String>,
    /// metric_lead by first and metric_tail by last character: only those
    /// can strip a phrase, and trimming each phrase word by word was 8% of
    /// the pass.
    lead_index: WordIndex,
    tail_index: WordIndex,
    generic_metrics: Vec<String>,
    /// Vocabulary lists of the same names (rules/targets.toml says what
    /// each one does).
    comparison_leads: Vec<String>,
    duration_leads: Vec<String>,
    duration_leads_done: Vec<String>,
    frequency_leads: Vec<String>,
    subject_predicates: Vec<String>,
    result_verbs: Vec<String>,
    /// Words that end a noun phrase after a figure (function words,
    /// verbs), for "does one start here" in one anchored search (comparing
    /// each word at each character of the noun cost more).
    noun_breaks: AhoCorasick,
    /// Words a noun after a figure cannot start with.
    noun_stops: Vec<String>,
    /// Words after which a metric phrase starts (stop words, work verbs).
    metric_breaks: Vec<String>,
    /// The non-empty metric_breaks in one automaton (all occurrences).
    metric_breaks_ac: Option<AhoCorasick>,
    /// 到2020年 and the like: a deadline makes a figure a target.
    deadline: Regex,
}

impl std::fmt::Debug for TargetExtractor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TargetExtractor")
            .field("figure_rule", &self.figure_rule)
            .finish()
    }
}

/// A figure found in the view, before classification.
/// (Classes are borrowed from the cue sets: copying them into strings for
/// every figure, and again while classifying it, was most of the
/// allocations of this pass.)
struct Found<'s> {
    start: usize,
    end: usize,
    value: Option<f64>,
    value_max: Option<f64>,
    redacted: bool,
    unit: String,
    base_value: Option<f64>,
    base_unit: String,
    qualifier: &'s str,
    /// Where the text before the figure (metric, change, qualifier) ends.
    lead_end: usize,
    unit_class: &'s str,
    /// 左右 after the unit: how targets are phrased.
    about_after: bool,
}

impl TargetExtractor {
    pub fn new(rules: &CompiledRuleSet) -> TargetExtractor {
        let figure_rule = rules.of_kind(RuleKind::Figure).next();
        let noun_breaks: Vec<String> = ["stop_words", "function_words", "work_verbs"]
            .iter()
            .flat_map(|l| rules.words(l).iter().cloned())
            .chain(
                [
                    "都", "是", "之一", "进行", "莅临", "专程", "自", "均", "也", "已", "被",
                    "涵盖", "全部",
                ]
                .map(String::from),
            )
            .collect();
        let figure: Vec<regex_automata::meta::Regex> = figure_rule
            .map(|r| {
                r.pattern_sources
                    .iter()
                    .map(|p| {
                        regex_automata::meta::Regex::new(p)
                            .expect("the figure rule's patterns compiled as regexes")
                    })
                    .collect()
            })
            .unwrap_or_default();
        TargetExtractor {
            figure_groups: figure.iter().map(FigureGroups::new).collect(),
            figure,
            figure_rule: figure_rule.map_or_else(|| "".into(), |r| r.shared_id.clone()),
            nontargets: rules
                .of_kind(RuleKind::Nontarget)
                .flat_map(|r| r.patterns.iter().cloned())
                .collect(),
            units: CueSet::new(rules, RuleKind::Unit, None, false),
            unit_blockers: rules
                .rules
                .iter()
                .enumerate()
                .filter(|(_, r)| r.kind == RuleKind::Unit)
                .map(|(i, r)| (i, r.not_before_list().to_vec()))
                .collect(),
            qualifiers_before: CueSet::new(rules, RuleKind::Qualifier, Some("before"), false),
            qualifiers_after: CueSet::new(rules, RuleKind::Qualifier, Some("after"), false),
            changes: CueSet::new(rules, RuleKind::Change, None, false),
            statuses: CueSet::new(rules, RuleKind::Status, None, true),
            metrics: CueSet::new(rules, RuleKind::Metric, None, false),
            year: Regex::new(r"(?:到|至|截至)?((?:19|20)\d{2})\s*年(?:底|末)?")
                .expect("year regex"),
            period: Regex::new(
                r"“?(十[一二三四五六七八九]五)”?(?:末|期间|时期)?|今后五年|未来五年",
            )
            .expect("period regex"),
            metric_lead: longest_first(rules.words("metric_lead")),
            metric_tail: longest_first(rules.words("metric_tail")),
            lead_index: WordIndex::new(
                longest_first(rules.words("metric_lead"))
                    .iter()
                    .map(|w| w.chars().next()),
            ),
            tail_index: WordIndex::new(
                longest_first(rules.words("metric_tail"))
                    .iter()
                    .map(|w| w.chars().next_back()),
            ),
            generic_metrics: rules.words("generic_metrics").to_vec(),
            comparison_leads: rules.words("comparison_leads").to_vec(),
            duration_leads: rules.words("duration_leads").to_vec(),
            duration_leads_done: rules.words("duration_leads_done").to_vec(),
            frequency_leads: rules.words("frequency_leads").to_vec(),
            subject_predicates: rules.words("subject_predicates").to_vec(),
            result_verbs: rules.words("result_verbs").to_vec(),
            noun_breaks: AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostFirst)
                .start_kind(StartKind::Anchored)
                .build(&noun_breaks)
                .expect("noun breaks compile"),
            noun_stops: rules.words("stop_words").to_vec(),
            metric_breaks_ac: {
                let words: Vec<&String> = rules
                    .words("stop_words")
                    .iter()
                    .filter(|w| *w != "、" && !w.is_empty())
                    .collect();
                (!words.is_empty()).then(|| {
                    AhoCorasick::builder()
                        .kind(Some(AhoCorasickKind::DFA))
                        .match_kind(MatchKind::Standard)
                        .build(words)
                        .expect("metric breaks compile")
                })
            },
            metric_breaks: ["stop_words"]
                .iter()
                .flat_map(|l| rules.words(l).iter().cloned())
                .filter(|w| w != "、" && !w.is_empty())
                .collect(),
            deadline: Regex::new(
                r"(?:到|至)(?:(?:19|20)\d{2}年|“?十[一二三四五六七八九]五”?(?:末|期末))",
            )
            .expect("deadline regex"),
        }
    }

    /// Every figure of a document.
    pub fn extract(&self, view: &NormText, structure: &Structure) -> Vec<Target> {
        let text = view.text.as_str();
        let vetoed = Vetoed::new(
            self.nontargets
                .iter()
                .flat_map(|re| re.find_iter(text).map(|m| (m.start(), m.end())))
                .collect(),
        );
        // Kept in text order (no two start at the same place: they would
        // overlap), with the union of their spans.
        let mut found: Vec<Found> = Vec::new();
        let mut taken = SpanUnion::default();
        for (re, groups) in self.figure.iter().zip(&self.figure_groups) {
            let mut caps = re.create_captures();
            for whole in re.find_iter(text) {
                let (start, end) = (whole.start(), whole.end());
                if taken.overlaps(start, end) || vetoed.covers(start) {
                    continue;
                }
                // The groups of this match: the anchored search on its span
                // finds the same match (no figure pattern looks around).
                re.search_captures(
                    &regex_automata::Input::new(text)
                        .span(start..end)
                        .anchored(regex_automata::Anchored::Yes),
                    &mut caps,
                );
                if let Some(f) = self.figure(text, &caps, groups) {
                    taken.add(f.start, f.end);
                    let at = found.partition_point(|g| g.start < f.start);
                    found.insert(at, f);
                }
            }
        }
        // A figure that only qualifies the noun of the next figure in its
        // clause (年产值达X万元的规上企业X家以上) is part of that metric.
        let attributive: Vec<bool> = found
            .iter()
            .enumerate()
            .map(|(i, f)| {
                text[f.end..].starts_with('的')
                    && found.get(i + 1).is_some_and(|next| {
                        let between = &text[f.end..next.start];
                        between.chars().count() <= 16 && !between.contains(CLAUSE_END)
                    })
            })
            .collect();
        let found: Vec<Found> = found
            .into_iter()
            .zip(attributive)
            .filter(|(_, a)| !a)
            .map(|(f, _)| f)
            .collect();
        let mut out: Vec<Target> = Vec::with_capacity(found.len());
        let deadlines = Deadlines::new(&self.deadline, text);
        // The status cues of the sentence of the last figure.
        let mut status_sentence = (0, 0);
        let mut status_cues: Vec<(usize, usize, usize)> = Vec::new();
        for f in found {
            let sentence = structure.sentence_at(f.start);
            let (sent_start, sent_end) = sentence
                .map(|i| structure.sentences[i].norm)
                .unwrap_or((0, text.len()));
            let prev_in_sentence = out
                .iter()
                .rev()
                .find(|t| t.view_span.0 >= sent_start && t.view_span.1 <= f.start);
            // Change and qualifier words right before the number.
            let mut lead_end = f.lead_end;
            let mut qualifier = f.qualifier;
            if let Some((s, i)) = self.qualifiers_before.ending_at(text, lead_end, 12) {
                if qualifier == "exact" {
                    qualifier = &self.qualifiers_before.cues[i].class;
                }
                lead_end = s;
            }
            let mut change = "level";
            if let Some((s, i)) = self.changes.ending_at(text, lead_end, 15) {
                change = &self.changes.cues[i].class;
                lead_end = s;
                // A qualifier may also stand before the change word (约增长).
                if let Some((s2, i2)) = self.qualifiers_before.ending_at(text, lead_end, 12) {
                    if qualifier == "exact" {
                        qualifier = &self.qualifiers_before.cues[i2].class;
                    }
                    lead_end = s2;
                }
            }
            // Cues a few words away (增速达到8%, 至少新建幼儿园5所): the
            // nearest one in the clause, when none stands right before.
            let clause_from = clause_start(text, sent_start, lead_end);
            if change == "level" && f.unit.ends_with('%') {
                if let Some(&(_, _, i)) = self
                    .changes
                    .all(text, clause_from, lead_end)
                    .iter()
                    .rfind(|c| {
                        self.changes.cues[c.2].class == "growth" && !text[c.1..].starts_with('值')
                    })
                {
                    change = &self.changes.cues[i].class;
                }
            }
            if qualifier == "exact" {
                if let Some(&(_, _, i)) = self
                    .qualifiers_before
                    .all(text, clause_from, lead_end)
                    .last()
                {
                    qualifier = &self.qualifiers_before.cues[i].class;
                }
            }
            if f.unit == "个百分点" || f.unit == "百分点" {
                change = "difference";
            } else if change == "difference" && f.unit != "%" {
                change = "level";
            }
            if change == "level" && f.unit == "%" {
                let clause = &text[clause_start(text, sent_start, lead_end)..lead_end];
                if clause.contains('占') || clause.contains("比重") || clause.contains("占比")
                {
                    change = "share";
                }
            }
            let duration = (f.unit_class == "time")
                .then(|| self.duration_lead(text[..f.start].trim_end()))
                .flatten();
            let mut metric = match duration {
                // 用3年时间建成…: the time the action after it takes.
                Some(_) => self
                    .clause_after(text, skip_time_words(text, f.end), sent_end)
                    .map(|action| format!("{action}用时")),
                // 先后四次到我区调研: how often the action after it happened.
                None if f.unit == "次" => {
                    let at = f.end
                        + if text[f.end..].starts_with('是') {
                            '是'.len_utf8()
                        } else {
                            0
                        };
                    self.clause_after(text, at, sent_end)
                }
                // Chinese puts the counted noun after a classifier (这X个项目,
                // XX所学校): that noun, when there is one, is the metric.
                None => self
                    .noun_after(text, f.end, f.unit_class)
                    .map(|noun| self.with_result(text, f.end, sent_end, noun)),
            }
            .unwrap_or_else(|| {
                self.metric(
                    text,
                    sent_start,
                    lead_end,
                    prev_in_sentence.map(|t| t.metric.as_str()),
                    prev_in_sentence.map(|t| t.view_span.1),
                )
            });
            if metric.is_empty() {
                // 85%以上的行政村实现通客车: the share of what follows.
                if f.unit == "%" && text[f.end..].starts_with('的') {
                    if let Some(whole) = self.clause_after(text, f.end + '的'.len_utf8(), sent_end)
                    {
                        metric = whole;
                        change = "share";
                    }
                } else if f.unit == "%" && change == "growth" {
                    // 全区经济稳中向好,…而且增长6.2%.
                    metric = self
                        .subject_before(text, sent_start, clause_from)
                        .unwrap_or_default();
                }
            }
            // (国家级X家、省级X家) after a noun phrase: the level names a part of it.
            if metric.ends_with('级') && metric.chars().count() <= 4 {
                if let Some(whole) = self.level_whole(text, sent_start, f.start, &out) {
                    metric.push_str(&whole);
                }
            }
            if status_sentence != (sent_start, sent_end) {
                status_sentence = (sent_start, sent_end);
                status_cues = self.statuses.all(text, sent_start, sent_end);
            }
            let mut status = self.status(
                text,
                structure,
                (sent_start, &status_cues),
                &deadlines,
                f.start,
                f.about_after,
            );
            match duration {
                Some(Duration::Done) => status = "actual".into(),
                Some(Duration::Planned) if status == "actual" => {
                    let sentence = &text[sent_start..sent_end];
                    if !PAST_WORDS.iter().any(|w| sentence.contains(w)) {
                        status = "target".into();
                    }
                }
                _ => {}
            }
            let (year, period) = self.year(text, sent_start, sent_end, f.start);
            let start = view.orig_start(f.start);
            let end = view.orig_end(f.end);
            let value_text = super::without(&text[f.start..f.end], char::is_whitespace);
            out.push(Target {
                metric,
                value: f.value,
                value_max: f.value_max,
                value_text,
                redacted: f.redacted,
                unit: f.unit,
                base_value: f.base_value,
                base_unit: f.base_unit,
                change: change.to_string(),
                qualifier: qualifier.to_string(),
                status,
                year,
                period,
                start,
                end,
                sentence: "".into(),
                rule: self.figure_rule.clone(),
                about: Vec::new(),
                section: structure.section_at(f.start),
                sentence_span: sentence
                    .map(|i| (structure.sentences[i].start, structure.sentences[i].end))
                    .unwrap_or((start, end)),
                view_span: (f.start, f.end),
            });
        }
        self.distribute_lists(text, structure, &mut out);
        out
    }

    /// A ratio (粮经比保持在X:X, 3:7): no unit, the value is the quotient.
    fn ratio(&self, text: &str, m: Group) -> Found<'_> {
        let (l, r) = m.as_str().split_once(':').unwrap_or((m.as_str(), "1"));
        let value = match (parse_any(l), parse_any(r)) {
            (Some(a), Some(b)) if b != 0.0 => Some((a / b * 1e6).round() / 1e6),
            _ => None,
        };
        let mut end = m.end();
        let mut qualifier = "exact";
        let mut about_after = false;
        if let Some((e, i)) = self.qualifiers_after.at(text, end) {
            qualifier = &self.qualifiers_after.cues[i].class;
            about_after = true;
            end = e;
        }
        Found {
            start: m.start(),
            end,
            value,
            value_max: None,
            redacted: m.as_str().contains('X'),
            unit: String::new(),
            base_value: value,
            base_unit: String::new(),
            qualifier,
            lead_end: m.start(),
            unit_class: "ratio",
            about_after,
        }
    }

    /// The unit word starting at `at`, unless the text after it makes it
    /// part of a longer word (项 in 项目).
    fn unit_at(&self, text: &str, at: usize) -> Option<(usize, usize)> {
        let (end, i) = self.units.at(text, at)?;
        let blockers = self.unit_blockers.get(&self.units.cues[i].rule)?;
        if blockers.iter().any(|b| text[end..].starts_with(b.as_str())) {
            return None;
        }
        Some((end, i))
    }

    /// Reads one figure match: value(s), unit, qualifier after the unit.
    fn figure(&self, text: &str, caps: &Captures, g: &FigureGroups) -> Option<Found<'_>> {
        let group = |i: Option<usize>| {
            i.and_then(|i| caps.get_group(i))
                .map(|s| Group { text, span: s })
        };
        let whole = group(Some(0))?;
        if let Some(ratio) = group(g.ratio) {
            return Some(self.ratio(text, ratio));
        }
        let a = group(g.a)?;
        // X only as a placeholder, not inside a Latin word.
        let before = text[..whole.start()].chars().next_back();
        if before.is_some_and(|c| c.is_ascii_alphabetic() || c.is_ascii_digit() || c == '.') {
            return None;
        }
        let pct_prefix = group(g.pct).is_some();
        let chinese = a.as_str().chars().all(|c| !c.is_ascii());
        let mult = group(g.am).or(group(g.bm)).map(|m| m.as_str().to_string());
        let parse = |m: Group| -> Option<f64> { parse_any(m.as_str()) };
        let redacted = a.as_str().contains('X');
        let mut value = parse(a);
        let mut value_max = group(g.b).and_then(parse);
        // 千 and 百 after a number scale the number (3千个 = 3000 个); only
        // 万 and 亿 are written into units (万元, 亿元).
        let mult = match mult.as_deref() {
            Some(m @ ("千" | "百")) => {
                let f = if m == "千" { 1000.0 } else { 100.0 };
                value = value.map(|v| v * f);
                value_max = value_max.map(|v| v * f);
                None
            }
            _ => mult,
        };
        let mut end = whole.end();
        // The unit: a rate after 百分之 is %, otherwise the longest unit word
        // right after the number (or the range's % written once: 6%-7%).
        let (unit_word, unit_class, unit_end) = if pct_prefix {
            ("%".to_string(), "rate", end)
        } else if let Some(pa) = group(g.pa).filter(|_| group(g.b).is_some()) {
            let _ = pa;
            let after = self.unit_at(text, end);
            match after {
                Some((e, i)) if self.units.words[i] == "%" => ("%".into(), "rate", e),
                _ => ("%".into(), "rate", end),
            }
        } else {
            match self.unit_at(text, end) {
                Some((e, i)) => {
                    let w = self.units.aliases[i]
                        .clone()
                        .unwrap_or_else(|| self.units.words[i].clone());
                    (w, self.units.cues[i].class.as_str(), e)
                }
                None => (String::new(), "", end),
            }
        };
        // A multiplier captured by the number pattern belongs to the unit.
        let (unit_word, unit_class, unit_end) = if unit_class == "multiplier" {
            // 万 then a counted unit (万 + 人 = 万人).
            match self.unit_at(text, unit_end) {
                Some((e, i))
                    if matches!(self.units.cues[i].class.as_str(), "count" | "classifier") =>
                {
                    let base = self.units.aliases[i]
                        .clone()
                        .unwrap_or_else(|| self.units.words[i].clone());
                    (format!("{unit_word}{base}"), "count", e)
                }
                _ => (unit_word, unit_class, unit_end),
            }
        } else {
            (unit_word, unit_class, unit_end)
        };
        let (unit, unit_class) = match &mult {
            Some(m) if matches!(unit_class, "count" | "classifier") => {
                (format!("{m}{unit_word}"), unit_class)
            }
            // A bare 万 (XX万无力脱贫人口) counts the noun after it.
            Some(m) if unit_word.is_empty() => (m.clone(), "multiplier"),
            _ => (unit_word.clone(), unit_class),
        };
        if unit.is_empty() {
            return None;
        }
        // A one-character Chinese numeral before a classifier is wording
        // (一个, 一批, 这三个), not a figure; from two up, after no
        // demonstrative, it counts (十二个). A frequency after a counting
        // word counts whatever its numeral (先后三次, 有两次).
        let lead = text[..whole.start()].trim_end();
        if chinese && !pct_prefix && mult.is_none() && unit_class == "classifier" {
            let counted = unit_word == "次" && ends_with_any(lead, &self.frequency_leads);
            let single = a.as_str().chars().count() == 1 && !counted;
            let demonstrative = !counted
                && ["这", "那", "每", "哪", "唯", "前", "后", "其", "各", "某"]
                    .iter()
                    .any(|d| text[..whole.start()].ends_with(d));
            if single || demonstrative {
                return None;
            }
        }
        // 今后五年, 十五年教育: a Chinese numeral with a time unit names a
        // period, not a figure.
        if chinese && !pct_prefix && unit_class == "time" && self.duration_lead(lead).is_none() {
            return None;
        }
        // 2021年 and 3月 are dates, not durations.
        if unit_class == "time" {
            let v = value.unwrap_or(0.0);
            if (1900.0..=2100.0).contains(&v) || unit_word == "月" {
                return None;
            }
        }
        end = unit_end;
        // An anonymised range (XX至XX人) is a range without numbers.
        let mut qualifier = if group(g.b).is_some() {
            "range"
        } else {
            "exact"
        };
        if group(g.approx).is_some() || group(g.approx2).is_some() {
            qualifier = "at_least";
        }
        let mut about_after = false;
        if let Some((e, i)) = self.qualifiers_after.at(text, end) {
            if qualifier == "exact" {
                qualifier = &self.qualifiers_after.cues[i].class;
                // 左右, 以上, 以内 after a figure are how targets are phrased.
                about_after = true;
            }
            end = e;
        }
        // Normalised value where the unit scales.
        let (factor, base_unit) = base_of(&unit);
        Some(Found {
            start: whole.start(),
            end,
            value,
            value_max,
            redacted,
            base_value: value.map(|v| v * factor),
            base_unit,
            unit,
            qualifier,
            lead_end: whole.start(),
            unit_class,
            about_after,
        })
    }

    /// The metric: the noun phrase before the figure, inside its clause.
    fn metric(
        &self,
        text: &str,
        sent_start: usize,
        lead_end: usize,
        previous: Option<&str>,
        previous_end: Option<usize>,
    ) -> String {
        let mut start = clause_start(text, sent_start, lead_end);
        if let Some(pe) = previous_end.filter(|pe| *pe > start && *pe <= lead_end) {
            start = pe;
        }
        let unquoted = super::without(&text[start..lead_end], |c| matches!(c, '“' | '”' | '"'));
        // Years and deadlines are the target's time, not its metric.
        // (Every year match holds 年: without one there is nothing to remove.)
        let unquoted = if unquoted.contains('年') {
            self.year.replace_all(&unquoted, "").into_owned()
        } else {
            unquoted
        };
        // A share names its whole after 占, a difference its baseline after
        // 高于/低于: the metric is what comes before.
        let cut = first_cut(&unquoted);
        let unquoted = match cut {
            Some(i) => unquoted[..i].to_string(),
            None => unquoted,
        };
        let mut phrase = self.trim_metric(unquoted.trim());
        // A phrase ending in a known metric is that metric (全镇预计完成生产总值
        // → 生产总值); one that goes on after it names something else
        // (单位地区生产总值能耗) and stays whole.
        if let Some((s, _)) = self.metrics.ending_at(phrase, phrase.len(), phrase.len()) {
            phrase = &phrase[s..];
        }
        // Otherwise the metric starts after the last function word or work
        // verb inside it (下半年要新开工亿元以上项目 → 新开工亿元以上项目).
        if let Some(cut) = self.last_break(phrase) {
            phrase = self.trim_metric(&phrase[cut..]);
        }
        // Comparisons (较一季度, 高于全市平均) and empty phrases take the
        // metric of the previous figure in the same sentence.
        let comparison = self
            .comparison_leads
            .iter()
            .any(|w| phrase.starts_with(w.as_str()));
        let generic = self.generic_metrics.iter().any(|g| g == phrase);
        if phrase.is_empty() || comparison || generic || phrase.chars().count() < 2 {
            return previous.unwrap_or(phrase).to_string();
        }
        let phrase = keep_end(phrase);
        // Aliases of the metric vocabulary (GDP → 地区生产总值).
        match self
            .metrics
            .ac
            .as_ref()
            .and_then(|ac| ac.find(Input::new(&phrase).anchored(Anchored::Yes)))
        {
            Some(m) if m.end() == phrase.len() => self.metrics.aliases[m.pattern().as_usize()]
                .clone()
                .unwrap_or(phrase),
            _ => phrase,
        }
    }

    /// Whether `before` (the text before a duration) ends with a word that
    /// makes the duration the time an action takes.
    fn duration_lead(&self, before: &str) -> Option<Duration> {
        if ends_with_any(before, &self.duration_leads_done) {
            Some(Duration::Done)
        } else if ends_with_any(before, &self.duration_leads) {
            Some(Duration::Planned)
        } else {
            None
        }
    }

    /// The clause from `at` to the next clause end, without quotes and
    /// without the 的 of "X的Y" (目的 keeps it), lead words stripped; None
    /// when less than two characters remain.
    fn clause_after(&self, text: &str, at: usize, sent_end: usize) -> Option<String> {
        let rest = text[at..sent_end.max(at)]
            .trim_start_matches(|c: char| c.is_whitespace() || CLAUSE_END.contains(&c));
        let end = rest.find(CLAUSE_END).unwrap_or(rest.len());
        let mut clause = String::new();
        for c in rest[..end].chars() {
            if matches!(c, '“' | '”' | '"')
                || c.is_whitespace()
                || (c == '的' && !clause.ends_with('目'))
            {
                continue;
            }
            clause.push(c);
        }
        // Only the lead: the end of a clause is its head (签约, 更新), where
        // the tail list would cut 约 and 新.
        let mut clause = clause.as_str();
        loop {
            let stripped = self.strip_leads(clause);
            if stripped == clause {
                break;
            }
            clause = stripped;
        }
        (clause.chars().count() >= 2).then(|| keep_end(clause))
    }

    /// XX个行政村全部建成示范村: a counted noun followed by 均/全部 and a
    /// result verb is counted for that result, so the metric is the noun
    /// with its predicate.
    fn with_result(&self, text: &str, at: usize, sent_end: usize, noun: String) -> String {
        let Some(i) = text[at..sent_end.max(at)].find(noun.as_str()) else {
            return noun;
        };
        let rest = &text[at + i + noun.len()..sent_end];
        let Some(rest) = ["均", "全部", "都", "全"]
            .iter()
            .find_map(|w| rest.strip_prefix(w))
        else {
            return noun;
        };
        if !self
            .result_verbs
            .iter()
            .any(|v| rest.starts_with(v.as_str()))
        {
            return noun;
        }
        let end = rest.find(CLAUSE_END).unwrap_or(rest.len());
        let predicate: String = rest[..end]
            .chars()
            .filter(|c| !matches!(c, '“' | '”' | '"') && !c.is_whitespace())
            .collect();
        format!("{noun}{predicate}")
    }

    /// The subject of the nearest earlier clause of the sentence that has
    /// one before a predicate (全区经济稳中向好 → 经济), for a growth figure
    /// whose own clause names none.
    fn subject_before(&self, text: &str, sent_start: usize, clause_from: usize) -> Option<String> {
        let mut end = clause_from;
        while end > sent_start {
            // `end` follows a clause end; the clause before it ends there.
            let delim = text[..end].char_indices().next_back()?.0;
            let from = clause_start(text, sent_start, delim);
            let clause = text[from..delim].trim();
            let predicate = self
                .subject_predicates
                .iter()
                .filter_map(|w| clause.find(w.as_str()))
                .filter(|i| clause[..*i].chars().count() >= 2)
                .min();
            if let Some(i) = predicate {
                let subject = self.trim_metric(&clause[..i]);
                if subject.chars().count() >= 2 {
                    return Some(subject.to_string());
                }
            }
            end = from;
        }
        None
    }

    /// For a level label inside parentheses (…高新技术企业(国家级X家、省级X家)),
    /// what the label is a level of: the noun after the last 级 before the
    /// parenthesis, else the metric of the figure before it.
    fn level_whole(
        &self,
        text: &str,
        sent_start: usize,
        at: usize,
        out: &[Target],
    ) -> Option<String> {
        let open = sent_start + text[sent_start..at].rfind('(')?;
        if text[open..at].contains(')') {
            return None;
        }
        let before = &text[clause_start(text, sent_start, open)..open];
        if let Some(i) = before.rfind('级') {
            let head = self.trim_metric(&before[i + '级'.len_utf8()..]);
            if head.chars().count() >= 2 {
                return Some(head.to_string());
            }
        }
        out.iter()
            .rev()
            .find(|t| t.view_span.1 <= open && t.view_span.0 >= sent_start)
            .map(|t| t.metric.clone())
            .filter(|m| m.chars().count() >= 2)
    }

    /// Strips lead and tail words until none is left.
    fn trim_metric<'p>(&self, mut phrase: &'p str) -> &'p str {
        loop {
            let before = phrase;
            // Each list in its order, skipping the words whose last (first)
            // character is not the phrase's: they cannot match. (Empty
            // words never change a phrase.)
            let mut k = 0;
            while let Some(j) = phrase
                .chars()
                .next_back()
                .and_then(|c| self.tail_index.next(c, k))
            {
                if let Some(p) = phrase.strip_suffix(self.metric_tail[j].as_str()) {
                    if !p.is_empty() {
                        phrase = p;
                    }
                }
                k = j + 1;
            }
            phrase = self.strip_leads(phrase).trim();
            if phrase == before {
                return phrase;
            }
        }
    }

    /// One pass over the lead words, in list order, skipping those whose
    /// first character is not the phrase's.
    fn strip_leads<'p>(&self, mut phrase: &'p str) -> &'p str {
        let mut k = 0;
        while let Some(j) = phrase
            .chars()
            .next()
            .and_then(|c| self.lead_index.next(c, k))
        {
            if let Some(p) = phrase.strip_prefix(self.metric_lead[j].as_str()) {
                phrase = p;
            }
            k = j + 1;
        }
        phrase
    }

    /// Byte offset just after the last stop word or work verb inside a
    /// metric phrase, if at least two characters follow it.
    fn last_break(&self, phrase: &str) -> Option<usize> {
        // Each word counts at its last occurrence only (as `rfind` finds
        // it); one pass finds every occurrence of every word. (An empty
        // word never counts: nothing follows its last occurrence.)
        let ac = self.metric_breaks_ac.as_ref()?;
        // (word, its last start), for the few words that occur: a slot
        // for every word cost an allocation and a pass over the list.
        let mut last: Vec<(usize, usize)> = Vec::new();
        for m in ac.find_overlapping_iter(phrase) {
            let word = m.pattern().as_usize();
            match last.iter_mut().find(|(w, _)| *w == word) {
                Some(slot) => slot.1 = slot.1.max(m.start()),
                None => last.push((word, m.start())),
            }
        }
        let mut best: Option<usize> = None;
        for (w, i) in last {
            let after = i + self.metric_breaks[w].len();
            if i > 0 && phrase[after..].chars().count() >= 2 && best.is_none_or(|b| after > b) {
                best = Some(after);
            }
        }
        best
    }

    /// Status from the nearest cue before the figure in its sentence, then
    /// from a colon-introduced list (主要预期目标是: …), then from tense.
    /// `sentence` is where the figure's sentence starts and the status cues
    /// of all of it.
    fn status(
        &self,
        text: &str,
        structure: &Structure,
        sentence: (usize, &[(usize, usize, usize)]),
        deadlines: &Deadlines,
        at: usize,
        about_after: bool,
    ) -> String {
        let (sent_start, sentence_cues) = sentence;
        let cues: Vec<(usize, usize, usize)> = self
            .statuses
            .all_before(text, sentence_cues, sent_start, at)
            .into_iter()
            .filter(|c| self.statuses.cues[c.2].class != "neutral")
            .collect();
        // A commitment anywhere before (力争, 确保, 到2020年) outranks a
        // later 实现/达到: 到2025年绿化覆盖率达到45%以上 is a target.
        let para_start = structure.paragraph_at(at).map(|p| p.0).unwrap_or(0);
        // A deadline earlier in the paragraph (到2020年, …) covers the
        // figures that follow it.
        let committed = cues
            .iter()
            .any(|c| self.statuses.cues[c.2].class == "commitment")
            || deadlines.any_in(para_start.min(sent_start), at);
        let forecast = cues
            .iter()
            .any(|c| self.statuses.cues[c.2].class == "forecast");
        let past = cues
            .iter()
            .any(|c| PAST_WORDS.contains(&self.statuses.words[c.2].as_str()));
        if let Some(&(_, _, i)) = cues.last() {
            let class = self.statuses.cues[i].class.as_str();
            return match class {
                "forecast" => "forecast",
                "target" | "actual" if forecast && !committed => "forecast",
                "actual" if committed => "target",
                // 达到…左右/以上 is how targets are phrased, unless the
                // sentence says the figure is past (去年, 以来, 已).
                "actual" if about_after && !past => "target",
                "actual" => "actual",
                _ => "target",
            }
            .into();
        }
        if committed {
            return "target".into();
        }
        let para_start = structure.paragraph_at(at).map(|p| p.0).unwrap_or(0);
        // A colon-introduced list (主要预期目标是: …; …) shares the status of
        // its introduction, as long as no full stop ends the list first.
        if let Some(colon) = text[para_start..at].rfind(':').map(|i| para_start + i) {
            if !text[colon..at].contains('。') {
                let intro_start = text[para_start..colon]
                    .rfind(['。', ';'])
                    .map(|i| para_start + i)
                    .unwrap_or(para_start);
                let intro: Vec<&str> = self
                    .statuses
                    .all(text, intro_start, colon)
                    .iter()
                    .map(|c| self.statuses.cues[c.2].class.as_str())
                    .filter(|c| *c != "neutral")
                    .collect();
                // 预计全年主要指标完成情况如下: a forecast, though 完成 comes
                // last; as in a sentence, a commitment outranks both.
                if intro.contains(&"commitment") {
                    return "target".into();
                }
                if intro.contains(&"forecast") {
                    return "forecast".into();
                }
                if let Some(c) = intro.last() {
                    return c.to_string();
                }
            }
        }
        // A deadline earlier in the paragraph (到2020年, …) covers the
        // figures that follow it.
        if deadlines.any_in(para_start, at) {
            return "target".into();
        }
        // No cue: a figure stated plainly reports a fact, unless it is
        // phrased as targets are (增长6%左右).
        if about_after {
            "target".into()
        } else {
            "actual".into()
        }
    }

    /// The noun right after a counted unit (XX所学校的建设 → 学校), cut at
    /// the first function word, work verb or punctuation.
    fn noun_after(&self, text: &str, at: usize, unit_class: &str) -> Option<String> {
        if !matches!(unit_class, "classifier" | "count" | "multiplier" | "time") {
            return None;
        }
        let mut rest = &text[at..];
        // A copula between figure and noun (其余X个均为新建项目).
        for copula in ["都是", "均为", "均是", "是", "的"] {
            if let Some(r) = rest.strip_prefix(copula) {
                rest = r;
                break;
            }
        }
        let mut end = 0;
        for (i, c) in rest.char_indices() {
            if !is_han(c) || i >= 48 {
                break;
            }
            if i > 0
                && self
                    .noun_breaks
                    .find(Input::new(rest).range(i..).anchored(Anchored::Yes))
                    .is_some()
            {
                break;
            }
            end = i + c.len_utf8();
        }
        let noun = rest[..end].trim_end_matches("之一");
        if unit_class == "time" && (noun.starts_with("时间") || noun.starts_with("时")) {
            return None;
        }
        let starts_badly = self
            .noun_stops
            .iter()
            .any(|w| noun.starts_with(w.as_str()) && w != "为");
        (noun.chars().count() >= 2 && !starts_badly).then(|| noun.to_string())
    }

    /// Year (到2020年, 2020年末) or period (“十四五”末) stated in the sentence.
    fn year(
        &self,
        text: &str,
        sent_start: usize,
        sent_end: usize,
        at: usize,
    ) -> (Option<i32>, Option<String>) {
        // Every year match holds 年 and every period match 五: a text
        // without them needs no search.
        let before = &text[sent_start..at];
        let year = before
            .contains('年')
            .then(|| self.year.captures_iter(before).last())
            .flatten()
            .and_then(|c| c.get(1))
            .and_then(|m| m.as_str().parse().ok());
        let sentence = &text[sent_start..sent_end];
        let period = sentence
            .contains('五')
            .then(|| self.period.find_iter(sentence).last())
            .flatten()
            .map(|m| m.as_str().trim_matches(['“', '”']).replace(['“', '”'], ""));
        (year, period)
    }

    /// 城、乡居民人均可支配收入分别增长8%、9%: the figures of a 分别 list
    /// go to the listed metrics in order.
    fn distribute_lists(&self, text: &str, structure: &Structure, targets: &mut [Target]) {
        let mut i = 0;
        while i < targets.len() {
            let span = targets[i].view_span;
            let sent_start = structure
                .sentence_at(span.0)
                .map(|s| structure.sentences[s].norm.0)
                .unwrap_or(0);
            let lead = &text[sent_start..span.0];
            let Some(fenbie) = lead.rfind("分别") else {
                i += 1;
                continue;
            };
            // The run of figures after 分别 joined by 、.
            let mut run = vec![i];
            while let Some(&next) = run
                .last()
                .map(|l| l + 1)
                .filter(|n| *n < targets.len())
                .as_ref()
            {
                let gap = &text[targets[next - 1].view_span.1..targets[next].view_span.0];
                if gap == "、" || gap == "和" {
                    run.push(next);
                } else {
                    break;
                }
            }
            let metric_text =
                &text[clause_start(text, sent_start, sent_start + fenbie)..sent_start + fenbie];
            let items: Vec<&str> = metric_text
                .split(['、', '和'])
                .filter(|s| !s.is_empty())
                .collect();
            // The change word stands before the first figure only (分别增长8%、9%).
            let change = targets[i].change.clone();
            for idx in &run[1..] {
                if targets[*idx].change == "level" && targets[*idx].unit == targets[i].unit {
                    targets[*idx].change = change.clone();
                }
            }
            if items.len() == run.len() && run.len() > 1 {
                let last = *items.last().expect("items");
                for (k, idx) in run.iter().enumerate() {
                    let item = items[k];
                    // Short leading items share the last item's head: 城、乡居民 → 城居民, 乡居民.
                    let name = if k + 1 < items.len()
                        && item.chars().count() <= 2
                        && item.chars().count() < last.chars().count()
                    {
                        let skip = item.chars().count();
                        format!("{item}{}", last.chars().skip(skip).collect::<String>())
                    } else {
                        item.to_string()
                    };
                    let mut name = name.as_str();
                    for w in &self.metric_lead {
                        if let Some(p) = name.strip_prefix(w.as_str()) {
                            name = p;
                        }
                    }
                    targets[*idx].metric = name.to_string();
                }
            }
            i = run.last().map(|l| l + 1).unwrap_or(i + 1);
        }
    }
}

/// A capture group of a figure match.
#[derive(Clone, Copy)]
struct Group<'t> {
    text: &'t str,
    span: regex_automata::Span,
}

impl<'t> Group<'t> {
    fn start(&self) -> usize {
        self.span.start
    }

    fn end(&self) -> usize {
        self.span.end
    }

    fn as_str(&self) -> &'t str {
        &self.text[self.span.range()]
    }
}

/// The spans of the nontarget matches, for the test whether one covers
/// a figure's start: sorted by start, with the largest end up to each.
struct Vetoed {
    starts: Vec<usize>,
    max_end: Vec<usize>,
}

impl Vetoed {
    fn new(mut spans: Vec<(usize, usize)>) -> Vetoed {
        spans.sort_unstable();
        let mut end = 0;
        let max_end = spans
            .iter()
            .map(|s| {
                end = end.max(s.1);
                end
            })
            .collect();
        Vetoed {
            starts: spans.into_iter().map(|s| s.0).collect(),
            max_end,
        }
    }

    /// Whether a span `s..e` with `s <= at < e` is among them.
    fn covers(&self, at: usize) -> bool {
        let n = self.starts.partition_point(|s| *s <= at);
        n > 0 && self.max_end[n - 1] > at
    }
}

/// The deadlines (到2025年, 到“十四五”末) of a document, searched once.
/// The deadline pattern's matches cannot overlap (only their first
/// character is 到 or 至) and each start has one possible end, so the
/// matches in a part of the text are the document's matches inside it.
struct Deadlines(Vec<Deadline>);

struct Deadline {
    start: usize,
    end: usize,
    /// Whether 截 stands right before it: 截至2020年 reports a past date.
    after_jie: bool,
}

impl Deadlines {
    fn new(re: &Regex, text: &str) -> Deadlines {
        Deadlines(
            re.find_iter(text)
                .map(|m| Deadline {
                    start: m.start(),
                    end: m.end(),
                    after_jie: text[..m.start()].ends_with('截'),
                })
                .collect(),
        )
    }

    /// Whether `text[from..to]` states a deadline (截 before it counts
    /// only inside that part).
    fn any_in(&self, from: usize, to: usize) -> bool {
        let first = self.0.partition_point(|d| d.start < from);
        self.0[first..]
            .iter()
            .take_while(|d| d.start < to)
            .any(|d| d.end <= to && (d.start == from || !d.after_jie))
    }
}

/// A union of spans, as disjoint spans in text order.
#[derive(Default)]
struct SpanUnion(Vec<(usize, usize)>);

impl SpanUnion {
    /// Whether `start..end` overlaps a span of the union.
    fn overlaps(&self, start: usize, end: usize) -> bool {
        let i = self.0.partition_point(|s| s.1 <= start);
        self.0.get(i).is_some_and(|s| s.0 < end)
    }

    fn add(&mut self, start: usize, end: usize) {
        let lo = self.0.partition_point(|s| s.1 < start);
        let hi = self.0.partition_point(|s| s.0 <= end);
        let merged = if lo < hi {
            (start.min(self.0[lo].0), end.max(self.0[hi - 1].1))
        } else {
            (start, end)
        };
        self.0.splice(lo..hi, [merged]);
    }
}

/// Indices of the named groups a figure pattern may have.
struct FigureGroups {
    ratio: Option<usize>,
    a: Option<usize>,
    pct: Option<usize>,
    am: Option<usize>,
    bm: Option<usize>,
    b: Option<usize>,
    pa: Option<usize>,
    approx: Option<usize>,
    approx2: Option<usize>,
}

impl FigureGroups {
    fn new(re: &regex_automata::meta::Regex) -> FigureGroups {
        let index = |name: &str| {
            re.group_info()
                .to_index(regex_automata::PatternID::ZERO, name)
        };
        FigureGroups {
            ratio: index("ratio"),
            a: index("a"),
            pct: index("pct"),
            am: index("am"),
            bm: index("bm"),
            b: index("b"),
            pa: index("pa"),
            approx: index("approx"),
            approx2: index("approx2"),
        }
    }
}

/// Words that put a figure's sentence in the past.
const PAST_WORDS: &[&str] = &[
    "去年",
    "上年",
    "过去一年",
    "以来",
    "回顾",
    "已",
    "已经",
    "了",
    "目前",
];

/// How a duration figure relates to the action after it.
#[derive(Clone, Copy)]
enum Duration {
    /// 用3年时间建成…: the time planned for it.
    Planned,
    /// 仅用45天完成征收: the time it took.
    Done,
}

/// A metric phrase of at most 20 characters: a longer one keeps its end,
/// since the head noun comes last in Chinese.
fn keep_end(phrase: &str) -> String {
    match phrase.char_indices().rev().nth(19) {
        Some((i, _)) if i > 0 => phrase[i..].to_string(),
        _ => phrase.to_string(),
    }
}

fn ends_with_any(s: &str, words: &[String]) -> bool {
    words
        .iter()
        .any(|w| !w.is_empty() && s.ends_with(w.as_str()))
}

/// After a duration, the words that only say it is time (的时间, 的努力).
fn skip_time_words(text: &str, at: usize) -> usize {
    ["左右的时间", "的时间", "时间", "的努力", "努力"]
        .iter()
        .find(|w| text[at..].starts_with(*w))
        .map_or(at, |w| at + w.len())
}

fn is_han(c: char) -> bool {
    crate::chars::is_common_cjk(c)
}

/// Where a metric phrase ends before its whole (占) or baseline (高于):
/// the first place where one of these words occurs for the first time,
/// unless that is the phrase's start. (One pass over the phrase, not a
/// substring search per word.)
fn first_cut(phrase: &str) -> Option<usize> {
    const WORDS: [&str; 6] = ["占", "高于", "低于", "快于", "慢于", "高出"];
    let mut seen = [false; WORDS.len()];
    for (i, c) in phrase.char_indices() {
        if !matches!(c, '占' | '高' | '低' | '快' | '慢') {
            continue;
        }
        for (k, w) in WORDS.iter().enumerate() {
            if !seen[k] && phrase[i..].starts_with(w) {
                if i > 0 {
                    return Some(i);
                }
                seen[k] = true;
            }
        }
    }
    None
}

/// Positions in a word list grouped by one character of each word, each
/// group in list order.
struct WordIndex {
    groups: Vec<(char, Vec<usize>)>,
}

impl WordIndex {
    /// `keys` gives each word's character (none for an empty word).
    fn new(keys: impl Iterator<Item = Option<char>>) -> WordIndex {
        let mut groups: Vec<(char, Vec<usize>)> = Vec::new();
        for (i, key) in keys.enumerate() {
            let Some(c) = key else { continue };
            match groups.binary_search_by_key(&c, |g| g.0) {
                Ok(g) => groups[g].1.push(i),
                Err(g) => groups.insert(g, (c, vec![i])),
            }
        }
        WordIndex { groups }
    }

    /// The first position at or after `from` whose word has character `c`.
    fn next(&self, c: char, from: usize) -> Option<usize> {
        let g = &self.groups[self.groups.binary_search_by_key(&c, |g| g.0).ok()?].1;
        g.get(g.partition_point(|i| *i < from)).copied()
    }
}

fn longest_first(words: &[String]) -> Vec<String> {
    let mut v = words.to_vec();
    v.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    v
}

/// Start of the clause that ends at `at` (not before `floor`).
fn clause_start(text: &str, floor: usize, at: usize) -> usize {
    text[floor..at]
        .rfind(CLAUSE_END)
        .map(|i| floor + i + text[floor + i..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(floor)
}

/// Scale of a unit as written: (factor, base unit). 亿元 → (1e8, 元),
/// 万亩 → (1e4, 亩), 两成 → (10, %).
fn base_of(unit: &str) -> (f64, String) {
    for (prefix, factor) in [
        ("万亿", 1e12),
        ("千万", 1e7),
        ("百万", 1e6),
        ("十万", 1e5),
        ("万", 1e4),
        ("亿", 1e8),
    ] {
        if let Some(base) = unit.strip_prefix(prefix) {
            return (factor, base.to_string());
        }
    }
    match unit {
        "成" => (10.0, "%".into()),
        "‰" => (0.1, "%".into()),
        _ => (1.0, unit.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_cut_is_the_earliest_first_occurrence_after_the_start() {
        let by_search = |s: &str| {
            ["占", "高于", "低于", "快于", "慢于", "高出"]
                .iter()
                .filter_map(|w| s.find(w))
                .filter(|i| *i > 0)
                .min()
        };
        for s in [
            "粮食产量占全省",
            "占比高于全市平均",
            "增速快于全省、高于全国",
            "高出全省平均高于",
            "工业增加值",
            "",
            "占",
            "占全区占",
        ] {
            assert_eq!(first_cut(s), by_search(s), "{s}");
        }
    }
}
