//! Numeric targets: every figure in a speech, normalised and classified.
//!
//! A figure is a number (see the `figure` rule) followed by a unit (`unit`
//! rules) or written as 百分之N. Around it, `qualifier`, `change` and
//! `status` rules classify it, `metric` words help cut the noun phrase it
//! counts, and `nontarget` patterns veto numbers that are no figures
//! (slogans, dates, ordinals). Everything here is driven by those rules;
//! [`TargetExtractor`] compiles their word lists once.
//!
//! The view and structure of one document enter [`TargetExtractor::extract`]
//! and [`Target`]s leave it, after these passes, one file each:
//! [`nontargets`] (spans to veto), [`figure`] (numbers with units),
//! [`cues`] (qualifier and change words before a figure), [`metric`] (the
//! noun phrase a figure measures), [`status`] (target, actual, forecast),
//! [`year`] (the year or period it is stated for) and [`lists`] (分别
//! lists and enumerations that share out metrics). [`cue_set`] is the word
//! search they share.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind, StartKind};
use regex::Regex;

use crate::document::date::DocDate;
use crate::document::{NormText, Structure};
use crate::model::{Direction, Provenance, RuleKind, Target, TargetFigures};
use crate::rules::{CompiledRuleSet, Vocabulary};

mod cue_set;
mod cues;
mod figure;
mod lists;
mod metric;
mod nontargets;
mod status;
mod year;

use super::ends_with_any;
use cue_set::CueSet;
use cues::signed;
use figure::{FigureGroups, Found};
use metric::WordIndex;
use status::{Deadlines, SentenceCues};
pub(crate) use year::Dating;

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
    /// The nontarget patterns, each with whether it vetoes only its
    /// `name` group (the rest guards where it may start).
    nontargets: nontargets::Nontargets,
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
    /// A year (2023年, 到2025年底), also anonymised (20XX年, XXXX年: group 1
    /// then parses to no year): what the year pass reads and what a metric
    /// phrase drops.
    year: Regex,
    period: Regex,
    /// The section cue lists (review_headings, plan_headings,
    /// report_titles) the year and status passes read.
    vocabulary: crate::rules::Vocabulary,
    /// Words stripped from the left / right of a metric phrase, and metric
    /// phrases too generic to stand alone (vocabulary lists metric_lead,
    /// metric_tail, generic_metrics).
    metric_lead: Vec<String>,
    /// Vocabulary list metric_lead_kept: where one opens a phrase, its
    /// lead word is part of the noun.
    metric_lead_kept: Vec<String>,
    metric_tail: Vec<String>,
    /// Vocabulary list metric_infixes (words dropped inside a metric), in
    /// one leftmost-longest automaton.
    metric_infixes: Option<AhoCorasick>,
    /// metric_lead by first and metric_tail by last character: only those
    /// can strip a phrase, and trimming each phrase word by word was 8% of
    /// the pass.
    lead_index: WordIndex,
    tail_index: WordIndex,
    generic_metrics: Vec<String>,
    /// Vocabulary list metric_modifiers.
    metric_modifiers: Vec<String>,
    /// Vocabulary lists of the same names (rules/targets.toml says what
    /// each one does).
    comparison_leads: Vec<String>,
    paired_heads: Vec<String>,
    /// Vocabulary list comparison_cuts, by first character.
    comparison_cuts: metric::FirstCut,
    duration_leads: Vec<String>,
    duration_leads_done: Vec<String>,
    frequency_leads: Vec<String>,
    /// Nouns after a classifier that make a one-character numeral count.
    counted_nouns: Vec<String>,
    /// The kind of what a 分别 list counts (主导, 支柱): no part of an item.
    counted_kinds: Vec<String>,
    /// Marks of a level reached after a figure (大关, 新台阶): no noun.
    milestone_words: Vec<String>,
    list_verbs: Vec<String>,
    listed_items: Vec<String>,
    part_openers: Vec<String>,
    share_openers: Vec<String>,
    list_totals: Vec<String>,
    subject_predicates: Vec<String>,
    result_verbs: Vec<String>,
    result_leads: Vec<String>,
    noun_copulas: Vec<String>,
    demonstratives: Vec<String>,
    duration_fillers: Vec<String>,
    /// Vocabulary list metric_conditions, split at …: (open, close).
    metric_conditions: Vec<(String, String)>,
    /// Vocabulary lists increase_words and decrease_words.
    increase_words: Vec<String>,
    decrease_words: Vec<String>,
    /// The non-empty increase and decrease words in one automaton (all
    /// occurrences), each with whether it is an increase word and whether
    /// a decrease word: a figure's direction is read with one search.
    direction_words: Option<(AhoCorasick, Vec<(bool, bool)>)>,
    /// The words of the status-past rule: they put a sentence in the past.
    past_words: Vec<String>,
    /// Words that end a noun phrase after a figure (stop_words,
    /// function_words, work_verbs and noun_breaks), for "does one start here" in one anchored search (comparing
    /// each word at each character of the noun cost more).
    noun_breaks: AhoCorasick,
    /// Words a noun after a figure cannot start with.
    noun_stops: Vec<String>,
    /// Words after which a metric phrase starts (stop words, work verbs).
    metric_breaks: Vec<String>,
    /// The non-empty metric_breaks in one automaton (all occurrences).
    metric_breaks_ac: Option<AhoCorasick>,
    /// Words holding a stop word that is no break there (自给 in 财政自给率,
    /// 供给 in 供给侧): the vocabulary's `stop_word_compounds`.
    metric_break_compounds: Vec<String>,
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

/// Where a figure stands: the document's text, structure and deadlines,
/// and the sentence around the figure.
struct Around<'t> {
    text: &'t str,
    structure: &'t Structure,
    deadlines: &'t Deadlines,
    /// Where the document's colons and full stops stand.
    list_marks: &'t status::ListMarks,
    /// The document's date and what its headings say about years.
    dating: &'t Dating,
    /// The index of the figure's sentence in the structure, if any.
    sentence: Option<usize>,
    sent_start: usize,
    sent_end: usize,
    /// What the sentence says about time.
    sentence_years: &'t year::SentenceYears,
}

impl TargetExtractor {
    pub fn new(rules: &CompiledRuleSet) -> TargetExtractor {
        let figure_rule = rules.of_kind(RuleKind::Figure).next();
        let vocabulary = rules.vocabulary();
        let noun_breaks: Vec<String> = [
            &vocabulary.stop_words,
            &vocabulary.function_words,
            &vocabulary.work_verbs,
            &vocabulary.noun_breaks,
        ]
        .into_iter()
        .flatten()
        .cloned()
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
            nontargets: nontargets::Nontargets::new(rules),
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
            year: Regex::new(r"(?:到|至|截至)?((?:19|20)[\dXx]{2}|[Xx]{4})\s*年(?:底|末)?")
                .expect("year regex"),
            vocabulary: vocabulary.clone(),
            period: Regex::new(
                r"“?(十[一二三四五六七八九]五)”?(?:末|期间|时期)?|今后五年|未来五年",
            )
            .expect("period regex"),
            metric_lead: longest_first(rules.vocabulary().metric_lead.as_slice()),
            metric_lead_kept: rules.vocabulary().metric_lead_kept.clone(),
            metric_tail: longest_first(rules.vocabulary().metric_tail.as_slice()),
            metric_infixes: word_automaton(
                &rules.vocabulary().metric_infixes,
                AhoCorasick::builder().match_kind(MatchKind::LeftmostLongest),
            ),
            lead_index: WordIndex::new(
                longest_first(rules.vocabulary().metric_lead.as_slice())
                    .iter()
                    .map(|w| w.chars().next()),
            ),
            tail_index: WordIndex::new(
                longest_first(rules.vocabulary().metric_tail.as_slice())
                    .iter()
                    .map(|w| w.chars().next_back()),
            ),
            generic_metrics: rules.vocabulary().generic_metrics.clone(),
            metric_modifiers: rules.vocabulary().metric_modifiers.clone(),
            comparison_leads: rules.vocabulary().comparison_leads.clone(),
            paired_heads: rules.vocabulary().paired_heads.clone(),
            comparison_cuts: metric::FirstCut::new(rules.vocabulary().comparison_cuts.as_slice()),
            duration_leads: rules.vocabulary().duration_leads.clone(),
            duration_leads_done: rules.vocabulary().duration_leads_done.clone(),
            frequency_leads: rules.vocabulary().frequency_leads.clone(),
            counted_nouns: rules.vocabulary().counted_nouns.clone(),
            counted_kinds: rules.vocabulary().counted_kinds.clone(),
            milestone_words: rules.vocabulary().milestone_words.clone(),
            list_verbs: rules.vocabulary().list_verbs.clone(),
            listed_items: rules.vocabulary().listed_items.clone(),
            part_openers: rules.vocabulary().part_openers.clone(),
            share_openers: rules.vocabulary().share_openers.clone(),
            list_totals: rules.vocabulary().list_totals.clone(),
            subject_predicates: rules.vocabulary().subject_predicates.clone(),
            result_verbs: rules.vocabulary().result_verbs.clone(),
            result_leads: rules.vocabulary().result_leads.clone(),
            noun_copulas: rules.vocabulary().noun_copulas.clone(),
            demonstratives: rules.vocabulary().demonstratives.clone(),
            duration_fillers: rules.vocabulary().duration_fillers.clone(),
            metric_conditions: rules
                .vocabulary()
                .metric_conditions
                .iter()
                .filter_map(|w| {
                    let (open, close) = w.split_once('…')?;
                    (!open.is_empty() && !close.is_empty())
                        .then(|| (open.to_string(), close.to_string()))
                })
                .collect(),
            increase_words: rules.vocabulary().increase_words.clone(),
            decrease_words: rules.vocabulary().decrease_words.clone(),
            direction_words: direction_words(rules.vocabulary()),
            past_words: rules
                .get("status-past")
                .map(|r| r.words_list.clone())
                .unwrap_or_default(),
            noun_breaks: AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostFirst)
                .start_kind(StartKind::Anchored)
                .build(&noun_breaks)
                .expect("noun breaks compile"),
            noun_stops: rules.vocabulary().stop_words.clone(),
            metric_breaks_ac: word_automaton(
                rules.vocabulary().stop_words.iter().filter(|w| *w != "、"),
                AhoCorasick::builder()
                    .kind(Some(AhoCorasickKind::DFA))
                    .match_kind(MatchKind::Standard),
            ),
            metric_break_compounds: vocabulary.stop_word_compounds.clone(),
            metric_breaks: vocabulary
                .stop_words
                .iter()
                .filter(|w| *w != "、" && !w.is_empty())
                .cloned()
                .collect(),
            deadline: Regex::new(
                r"(?:到|至)(?:(?:19|20)\d{2}年|“?十[一二三四五六七八九]五”?(?:末|期末))",
            )
            .expect("deadline regex"),
        }
    }

    /// Every figure of a document without a date.
    pub fn extract(&self, view: &NormText, structure: &Structure) -> Vec<Target> {
        self.extract_dated(view, structure, None)
    }

    /// Every figure of a document of date `date`: relative years
    /// (今年, 去年) count from it.
    pub fn extract_dated(
        &self,
        view: &NormText,
        structure: &Structure,
        date: Option<&DocDate>,
    ) -> Vec<Target> {
        let text = view.text.as_str();
        let dating = Dating::new(&self.year, &self.vocabulary, text, structure, date);
        let vetoed = self.vetoed(text);
        let found = self.figures(text, &vetoed);
        let mut out: Vec<Target> = Vec::with_capacity(found.len());
        let changes: Vec<&str> = self
            .changes
            .words
            .iter()
            .zip(&self.changes.cues)
            .filter(|(_, c)| c.class != "share")
            .map(|(w, _)| w.as_str())
            .collect();
        let deadlines = Deadlines::new(&self.deadline, text, &changes, dating.date_year);
        let list_marks = status::ListMarks::new(text);
        // The status cues of the sentence of the last figure.
        let mut status_cues = SentenceCues::default();
        // What the sentence of the last figure says about time, read once
        // per sentence.
        let mut sentence_years = year::SentenceYears::default();
        for f in found {
            let sentence = structure.sentence_at(f.start);
            let (sent_start, sent_end) = sentence
                .map(|i| structure.sentences[i].norm)
                .unwrap_or((0, text.len()));
            sentence_years.of_sentence(self, text, sent_start, sent_end);
            let around = Around {
                text,
                structure,
                deadlines: &deadlines,
                list_marks: &list_marks,
                dating: &dating,
                sentence,
                sent_start,
                sent_end,
                sentence_years: &sentence_years,
            };
            let target = self.target(view, &around, f, &out, &mut status_cues);
            out.push(target);
        }
        self.distribute_lists(text, structure, &mut out);
        lists::distribute_ratios(text, &mut out);
        lists::share_trailing_metric(text, &mut out);
        self.share_list_figures(text, &mut out);
        out
    }

    /// One figure, classified: its cues, metric, status and year.
    fn target(
        &self,
        view: &NormText,
        around: &Around,
        f: Found,
        out: &[Target],
        status_cues: &mut SentenceCues,
    ) -> Target {
        let text = around.text;
        let mut cues = self.cues(text, around.sent_start, &f);
        let duration = (f.unit_class == "time")
            .then(|| self.duration_lead(text[..f.start].trim_end()))
            .flatten();
        let metric = self.figure_metric(around, &f, &mut cues, duration, out);
        let status = self.figure_status(around, &f, duration, status_cues, out);
        let (year, period) = self.year(around, f.start, status);
        let start = view.orig_start(f.start);
        let end = view.orig_end(f.end);
        let value_text = super::without(&text[f.start..f.end], char::is_whitespace);
        let structure = around.structure;
        let from = out
            .last()
            .map(|t| t.view_span.1)
            .filter(|e| *e > cues.clause_from && *e <= f.start)
            .unwrap_or(cues.clause_from);
        // A numeral that carries its own sign (负三, -3.2) keeps the
        // magnitude as its value; the sign goes into direction and
        // signed_value, as for 下降3%.
        let negative = f.value.is_some_and(|v| v < 0.0);
        let magnitude = |v: Option<f64>| v.map(f64::abs);
        // A doubling (翻一番) says its own direction.
        let direction = if f.unit_class == "doubling" {
            Some(Direction::Increase)
        } else {
            self.direction(text, (from, f.start), cues.change, negative)
        };
        let signed_value = signed(magnitude(f.value), direction);
        Target {
            figures: TargetFigures {
                metric,
                value: magnitude(f.value),
                value_max: magnitude(f.value_max),
                value_text,
                redacted: f.redacted,
                unit: f.unit,
                base_value: magnitude(f.base_value),
                base_unit: f.base_unit,
                change: cues.change,
                qualifier: cues.qualifier,
                status,
                year,
                // An empty period is none: the store and the queries
                // print the two alike.
                period: period.filter(|p| !p.is_empty()),
                direction,
                signed_value,
                // The pipeline fills it in, from the document and the
                // places around the figure.
                jurisdiction: None,
            },
            provenance: Provenance {
                start,
                end,
                // The pipeline fills in the sentence (shared with the
                // entities quoted from it).
                sentence: "".into(),
                rule: self.figure_rule.clone(),
            },
            about: Vec::new(),
            section: structure.section_at(f.start),
            sentence_span: around
                .sentence
                .map(|i| (structure.sentences[i].start, structure.sentences[i].end))
                .unwrap_or((start, end)),
            view_span: (f.start, f.end),
        }
    }
}

/// The non-empty `words` in one automaton built by `builder`; None when
/// there are none (an empty word would match everywhere).
fn word_automaton<'w>(
    words: impl IntoIterator<Item = &'w String>,
    builder: &AhoCorasickBuilder,
) -> Option<AhoCorasick> {
    let words: Vec<&String> = words.into_iter().filter(|w| !w.is_empty()).collect();
    (!words.is_empty()).then(|| builder.build(words).expect("a word list compiles"))
}

/// The non-empty increase and decrease words in one automaton, each with
/// whether it is an increase word and whether a decrease word.
fn direction_words(vocabulary: &Vocabulary) -> Option<(AhoCorasick, Vec<(bool, bool)>)> {
    let mut words: Vec<&str> = vocabulary
        .increase_words
        .iter()
        .chain(&vocabulary.decrease_words)
        .map(String::as_str)
        .filter(|w| !w.is_empty())
        .collect();
    words.sort_unstable();
    words.dedup();
    let classes = words
        .iter()
        .map(|w| {
            (
                vocabulary.increase_words.iter().any(|i| i == w),
                vocabulary.decrease_words.iter().any(|d| d == w),
            )
        })
        .collect();
    (!words.is_empty()).then(|| {
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&words)
            .expect("direction words compile");
        (ac, classes)
    })
}

fn longest_first(words: &[String]) -> Vec<String> {
    let mut v = words.to_vec();
    v.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    v
}

/// Start of the clause that ends at `at` (not before `floor`): just after
/// the last [`CLAUSE_END`] in `text[floor..at]`.
///
/// Read byte by byte from the end (the passes ask it several times for
/// each figure): each delimiter is either ASCII or one of four three-byte
/// characters, told by its last byte and the two before it.
fn clause_start(text: &str, floor: usize, at: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = at;
    while i > floor {
        i -= 1;
        let b = bytes[i];
        let ends = if b.is_ascii() {
            CLAUSE_END.contains(&(b as char))
        } else {
            i >= floor + 2
                && matches!(
                    (bytes[i - 2], bytes[i - 1], b),
                    // 。 ， ； ：
                    (0xE3, 0x80, 0x82) | (0xEF, 0xBC, 0x8C | 0x9B | 0x9A)
                )
        };
        if ends {
            return i + 1;
        }
    }
    floor
}

#[cfg(test)]
pub(super) mod tests {
    use std::sync::OnceLock;

    use crate::extract::Pipeline;
    use crate::model::Target;
    use crate::rules::CompiledRuleSet;

    /// The default rules' pipeline, built once for the unit tests.
    pub(crate) fn pipeline() -> &'static Pipeline {
        static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
        PIPELINE.get_or_init(|| {
            Pipeline::new(CompiledRuleSet::defaults().expect("default rules compile"))
        })
    }

    /// Every figure the default rules find in one short speech text.
    pub(crate) fn targets_of(text: &str) -> Vec<Target> {
        pipeline()
            .extract_text("case.txt", "0000000000000000", text)
            .targets
    }

    /// The figures of `text`, one line each: "metric | figure as written |
    /// unit | change | qualifier | status".
    pub(crate) fn lines_of(text: &str) -> Vec<String> {
        targets_of(text)
            .iter()
            .map(|t| {
                format!(
                    "{} | {} | {} | {} | {} | {}",
                    t.figures.metric,
                    t.figures.value_text,
                    t.figures.unit,
                    t.figures.change,
                    t.figures.qualifier,
                    t.figures.status
                )
            })
            .collect()
    }

    #[test]
    fn every_word_list_the_passes_read_is_in_the_default_rules() {
        // A misspelt list name reads as an empty list: catch it here.
        let rules = &pipeline().rules;
        for list in [
            "metric_lead",
            "metric_lead_kept",
            "metric_tail",
            "metric_infixes",
            "generic_metrics",
            "metric_modifiers",
            "comparison_leads",
            "paired_heads",
            "comparison_cuts",
            "duration_leads",
            "duration_leads_done",
            "duration_fillers",
            "reporting_verbs",
            "metric_conditions",
            "increase_words",
            "decrease_words",
            "frequency_leads",
            "counted_nouns",
            "counted_kinds",
            "milestone_words",
            "list_verbs",
            "listed_items",
            "part_openers",
            "share_openers",
            "list_totals",
            "subject_predicates",
            "result_verbs",
            "result_leads",
            "noun_copulas",
            "noun_breaks",
            "demonstratives",
            "stop_words",
            "function_words",
            "work_verbs",
        ] {
            assert!(
                !rules
                    .vocabulary()
                    .field(list)
                    .unwrap_or_default()
                    .is_empty(),
                "vocabulary list {list} is missing"
            );
        }
        let past = rules.get("status-past").expect("the status-past rule");
        assert!(!past.words_list.is_empty());
    }

    #[test]
    fn clause_start_finds_the_last_delimiter_as_a_char_search_does() {
        // Every delimiter is ASCII or one of the four wide ones the byte
        // test knows.
        for c in super::CLAUSE_END {
            assert!(c.is_ascii() || "。，；：".contains(*c), "{c}");
        }
        let text = "今年,全区地区生产总值(GDP)增长6%;一般公共预算收入：增长5%。城镇新增就业，1.2万人\n完成";
        let by_chars = |floor: usize, at: usize| {
            text[floor..at]
                .rfind(super::CLAUSE_END)
                .map(|i| floor + i + text[floor + i..].chars().next().map_or(1, char::len_utf8))
                .unwrap_or(floor)
        };
        let bounds: Vec<usize> = (0..=text.len())
            .filter(|i| text.is_char_boundary(*i))
            .collect();
        for (k, &floor) in bounds.iter().enumerate() {
            for &at in &bounds[k..] {
                assert_eq!(
                    super::clause_start(text, floor, at),
                    by_chars(floor, at),
                    "{floor}..{at}"
                );
            }
        }
    }

    #[test]
    fn a_sentence_of_several_figures_keeps_them_in_text_order() {
        assert_eq!(
            lines_of("今年全区地区生产总值增长6.5%左右,一般公共预算收入增长5%。"),
            [
                "地区生产总值 | 6.5%左右 | % | growth | about | target",
                "一般公共预算收入 | 5% | % | growth | exact | actual",
            ]
        );
    }
}
