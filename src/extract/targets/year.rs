//! Year: the year (到2020年, 2020年末, 今年) or plan period (“十四五”末,
//! 上半年) a figure is stated for, and what its section says about it.
//!
//! The document's date and outline enter once, in a [`Dating`]: the year
//! its plain actuals and targets refer to, and for each section heading
//! (and the title) the year it names and whether it reviews or plans. For
//! each figure the sentence decides first (an explicit year before the
//! figure, outside brackets and comparisons; then 今年/去年/明年 against
//! the document's date; then a plan period), then a year that opens the
//! paragraph, then the headings above the figure, then the document. A
//! relative year in a document without a date has no year: the machine's
//! clock is never read.

use regex::Regex;

use super::{Around, TargetExtractor};
use crate::document::date::DocDate;
use crate::document::Structure;
use crate::model::Status;
use crate::rules::Vocabulary;

/// Words that name a year relative to the document's date, with the
/// offset (前年 -2 … 明年 +1); 上年 is left out: it is mostly a
/// comparison base (比上年增长).
const RELATIVE_YEARS: &[(&str, i32)] = &[
    ("今年", 0),
    ("本年", 0),
    ("去年", -1),
    ("前年", -2),
    ("明年", 1),
    ("过去一年", -1),
    ("过去的一年", -1),
];

/// Parts of a year (上半年 → H1), each also fixing the year to the
/// document's (a 2022年上半年 names its year first).
const YEAR_PARTS: &[(&str, &str)] = &[
    ("前三季度", "Q1-Q3"),
    ("一季度", "Q1"),
    ("二季度", "Q2"),
    ("三季度", "Q3"),
    ("四季度", "Q4"),
    ("上半年", "H1"),
    ("下半年", "H2"),
];

/// Words right before a year that make it a comparison base, not the
/// figure's year (比2019年同期增长).
const COMPARISON_BEFORE: &[&str] = &["比", "较", "同比", "与", "相比", "超过", "高于", "低于"];

/// Words right before a year that make it when something began (成立于2006
/// 年,规划面积68平方公里): the standing facts after it are not of that year.
const FOUNDED_BEFORE: &[&str] = &[
    "成立于",
    "始建于",
    "建于",
    "设立于",
    "创建于",
    "组建于",
    "创办于",
    "获批于",
    "始于",
];

/// What a heading (or the title) says about the figures under it.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct HeadingTime {
    /// The year it names (2022年工作回顾, 过去一年 against the date).
    pub year: Option<i32>,
    /// Some(true) for a review, Some(false) for a plan.
    pub review: Option<bool>,
}

/// A paragraph's opening clause: where it ends (bytes from the paragraph's
/// start) and whether it opens a review (true) or a plan (false).
type Opening = (usize, Option<bool>);

/// A document's dates, read once before its figures.
#[derive(Debug, Default)]
pub(crate) struct Dating {
    /// The year of the document's date.
    pub date_year: Option<i32>,
    /// The year a figure reported plainly refers to.
    pub review_year: Option<i32>,
    /// The year a target stated plainly is for.
    pub plan_year: Option<i32>,
    /// One per section of the structure, in order.
    headings: Vec<HeadingTime>,
    title: HeadingTime,
    /// Whether the document is given early in the year it plans (a work
    /// report, or dated January to March): there 今年 opens a plan.
    early: bool,
    /// The last paragraph or sentence whose opening clause was read: its
    /// start, where the clause ends and what it says. Figures come in text
    /// order, so each opening is read once, not once per figure (the
    /// vocabulary lists searched make that ~20 K instructions a figure).
    last_opening: std::cell::Cell<Option<(usize, Option<Opening>)>>,
}

/// The year a 十X五 plan period ends (十四五 → 2025).
fn period_end(period: &str) -> Option<i32> {
    let n = match period.chars().nth(1)? {
        '一' => 11,
        '二' => 12,
        '三' => 13,
        '四' => 14,
        '五' => 15,
        '六' => 16,
        '七' => 17,
        '八' => 18,
        '九' => 19,
        _ => return None,
    };
    Some(1955 + 5 * n)
}

/// The end year of a plan period a heading or title names (“十五五”规划纲要,
/// 第一章 “十四五”时期发展成就回顾, 第十四个五年规划): its figures without a
/// year of their own are of the period's last year.
fn named_period_end(heading: &str) -> Option<i32> {
    let at = heading
        .match_indices('十')
        .map(|(i, _)| &heading[i..])
        .find(|rest| {
            let mut chars = rest.chars().skip(1);
            let numeral = chars
                .next()
                .is_some_and(|c| "一二三四五六七八九".contains(c));
            let rest: String = chars.take(3).collect();
            numeral && (rest.starts_with('五') || rest.starts_with("个五年"))
        })?;
    period_end(at)
}

/// The last year the year regex finds in `text` that is no comparison
/// base and stands outside brackets, with where it starts.
fn last_year(re: &Regex, text: &str) -> Option<(usize, i32)> {
    re.captures_iter(text)
        .filter(|c| {
            let m = c.get(0).expect("whole match");
            let before = &text[..m.start()];
            let open = before.rfind('(').map(|i| i as isize).unwrap_or(-1);
            let close = before.rfind(')').map(|i| i as isize).unwrap_or(-1);
            open <= close && !is_comparison_base(before)
        })
        .last()
        .and_then(|c| Some((c.get(0)?.start(), c.get(1)?.as_str().parse().ok()?)))
}

/// The last relative year word in `text`, with where it starts and its
/// offset.
fn last_relative(text: &str) -> Option<(usize, i32)> {
    RELATIVE_YEARS
        .iter()
        .filter_map(|(w, off)| text.rfind(w).map(|i| (i, *off)))
        .max_by_key(|(i, _)| *i)
}

/// What one sentence says about time, read once for all its figures (per
/// figure, a sentence of thousands of figures was searched thousands of
/// times): its relative year words, its explicit years, its plan periods
/// and where each part of a year is first named. Lookups for a figure
/// give what a search of the sentence up to the figure would.
#[derive(Debug, Default)]
pub(super) struct SentenceYears {
    sentence: Option<(usize, usize)>,
    /// Relative year words: (start, end, offset), view bytes, in order.
    words: Vec<(usize, usize, i32)>,
    /// Year regex matches over the whole sentence: (start, end, year,
    /// whether it dates a figure — outside brackets, no comparison base).
    years: Vec<(usize, usize, Option<i32>, bool)>,
    /// Plan period matches: (start, end, named as a baseline).
    periods: Vec<(usize, usize, bool)>,
    /// For each of [`YEAR_PARTS`], where its first occurrence ends.
    parts_end: Vec<Option<usize>>,
}

impl SentenceYears {
    /// Reads the sentence `start..end` of `text` unless it is the one read.
    pub(super) fn of_sentence(
        &mut self,
        extractor: &TargetExtractor,
        text: &str,
        start: usize,
        end: usize,
    ) {
        if self.sentence == Some((start, end)) {
            return;
        }
        self.sentence = Some((start, end));
        self.words.clear();
        let sentence = &text[start..end];
        for (w, off) in RELATIVE_YEARS {
            // Named as the base of a comparison (比去年增长, 相比去年, 与去年
            // 相比), a year is what the figure is measured against, not when.
            self.words.extend(
                sentence
                    .match_indices(w)
                    .filter(|(i, _)| !is_comparison_base(&sentence[..*i]))
                    .map(|(i, _)| (start + i, start + i + w.len(), *off)),
            );
        }
        self.words.sort_unstable();
        self.years.clear();
        // Every year match holds 年: a sentence without it needs no search.
        if sentence.contains('年') {
            let mut brackets = Brackets::default();
            for c in extractor.year.captures_iter(sentence) {
                let m = c.get(0).expect("whole match");
                let year = c.get(1).and_then(|y| y.as_str().parse().ok());
                let lead = &sentence[..m.start()];
                let dates = brackets.closed_at(sentence, m.start())
                    && !is_comparison_base(lead)
                    && !FOUNDED_BEFORE.iter().any(|w| lead.ends_with(w));
                self.years
                    .push((start + m.start(), start + m.end(), year, dates));
            }
        }
        self.periods.clear();
        if sentence.contains('五') {
            self.periods
                .extend(extractor.period.find_iter(sentence).map(|m| {
                    // Named as the baseline (是“十一五”时期的2.6倍, 比“十二五”末
                    // 增长…): the figure is measured against it.
                    let lead = sentence[..m.start()].trim_end_matches('“');
                    (
                        start + m.start(),
                        start + m.end(),
                        lead.ends_with(['是', '比', '较', '于']),
                    )
                }));
        }
        self.parts_end = YEAR_PARTS
            .iter()
            .map(|(w, _)| sentence.find(w).map(|i| start + i + w.len()))
            .collect();
    }

    /// What [`last_relative`] finds in the sentence up to view byte `at`:
    /// the last word that ends by `at`, its start relative to the
    /// sentence's, and its offset.
    fn last_before(&self, at: usize) -> Option<(usize, i32)> {
        let (start, _) = self.sentence?;
        let begun = self.words.partition_point(|w| w.0 < at);
        self.words[..begun]
            .iter()
            .rev()
            .find(|w| w.1 <= at)
            .map(|w| (w.0 - start, w.2))
    }

    /// What [`last_year`] finds in the sentence up to view byte `at`, with
    /// the start relative to the sentence's. The matches that end by `at`
    /// are those of the whole sentence; one that runs past `at` is searched
    /// again up to `at`, as a search of the shorter text would find it.
    fn last_year_before(&self, re: &Regex, text: &str, at: usize) -> Option<(usize, i32)> {
        let (start, _) = self.sentence?;
        let begun = self.years.partition_point(|y| y.0 < at);
        let mut ended = &self.years[..begun];
        if let Some(&(s, _, _, _)) = ended.last().filter(|y| y.1 > at) {
            // Brackets and comparison bases read only what precedes a
            // match: the same over the shorter text.
            let mut brackets = Brackets::default();
            let sentence = &text[start..at];
            let window = re.captures_iter(&text[s..at]).filter_map(|c| {
                let m = c.get(0)?;
                let at_sentence = s - start + m.start();
                let dates = brackets.closed_at(sentence, at_sentence)
                    && !is_comparison_base(&sentence[..at_sentence]);
                dates.then(|| Some((at_sentence, c.get(1)?.as_str().parse().ok()?)))?
            });
            if let Some(found) = window.last() {
                return Some(found);
            }
            ended = &ended[..ended.len() - 1];
        }
        ended
            .iter()
            .rev()
            .find(|y| y.3)
            .and_then(|y| Some((y.0 - start, y.2?)))
    }

    /// The plan periods of the sentence: (start, end, named as a baseline),
    /// view bytes.
    fn periods(&self) -> &[(usize, usize, bool)] {
        &self.periods
    }

    /// The first of [`YEAR_PARTS`] named in the sentence before view byte
    /// `at` (as `contains` on the sentence up to `at` finds it).
    fn part_before(&self, at: usize) -> Option<&'static str> {
        YEAR_PARTS
            .iter()
            .zip(&self.parts_end)
            .find(|(_, end)| end.is_some_and(|e| e <= at))
            .map(|((_, p), _)| *p)
    }
}

/// Whether the text before a year ends with a comparison word (比2019年).
fn is_comparison_base(before: &str) -> bool {
    let before = before.trim_end();
    COMPARISON_BEFORE.iter().any(|w| before.ends_with(w))
}

/// The last '(' and ')' before a position, found by scanning forward once
/// over increasing positions: whether a position stands outside brackets
/// (the last '(' before it is closed, as `rfind` on the text before would
/// say).
#[derive(Default)]
struct Brackets {
    scanned: usize,
    open: Option<usize>,
    close: Option<usize>,
}

impl Brackets {
    /// Whether `at` (increasing from call to call) is outside brackets.
    fn closed_at(&mut self, text: &str, at: usize) -> bool {
        if at < self.scanned {
            *self = Brackets::default();
        }
        for (i, b) in text.as_bytes()[self.scanned..at].iter().enumerate() {
            match b {
                b'(' => self.open = Some(self.scanned + i),
                b')' => self.close = Some(self.scanned + i),
                _ => {}
            }
        }
        self.scanned = at;
        self.open <= self.close
    }
}

impl Dating {
    /// The dates of a document: its date, its title and outline.
    pub(crate) fn new(
        re: &Regex,
        vocabulary: &Vocabulary,
        text: &str,
        structure: &Structure,
        date: Option<&DocDate>,
    ) -> Dating {
        let date_year = date.map(|d| d.year);
        let title = &structure.title;
        let head_end = crate::chars::floor_char_boundary(text, 600);
        let head = &text[..head_end];
        // A report is delivered early in a year and reviews the year
        // before. A text dated in a year's last quarter that names a
        // report (a year-end plenum adopting its standing committee's
        // 工作报告) is no such report: it reviews its own year.
        let late = date.and_then(|d| d.month).is_some_and(|m| m >= 10);
        let report = !late
            && vocabulary
                .report_titles
                .iter()
                .any(|w| title.contains(w.as_str()) || head.contains(w.as_str()));
        // A December speech or summary plans the coming year (明年 or
        // not): its plan sections' figures are for the next year.
        let december = date.and_then(|d| d.month) == Some(12);
        let heading = |t: &str| heading_time(re, vocabulary, t, date_year);
        let mut title_time = heading(title);
        // A plan period dates a title's figures only in a plan's own title
        // (“十五五”规划纲要), not in a speech that mentions one.
        let period_only = re.captures(title).is_none() && last_relative(title).is_none();
        let plan_title = title.contains("规划") || title.contains("纲要");
        if period_only && !plan_title {
            title_time.year = None;
        }
        let mut dating = Dating {
            date_year,
            review_year: date_year.map(|y| if report { y - 1 } else { y }),
            plan_year: date_year.map(|y| if december { y + 1 } else { y }),
            headings: structure
                .sections
                .iter()
                .map(|s| {
                    let mut h = heading(&s.title);
                    // 一、顶住压力… then 2025年,是…的一年: a year that opens
                    // the section's first paragraph is the section's.
                    if h.year.is_none() {
                        h.year = opening_year(re, text, s.heading_end);
                    }
                    h
                })
                .collect(),
            // The title's year is the document's (2023年政府工作报告) or
            // the one its figures report on (2022年统计公报): the review
            // and plan years below say which, not a heading year.
            title: HeadingTime {
                year: None,
                ..title_time
            },
            early: report || date.and_then(|d| d.month).is_some_and(|m| m <= 3),
            last_opening: std::cell::Cell::new(None),
        };
        // In a work report, a heading that names the year the report plans
        // (三、2021年重点工作 in a report of 2021) is a plan, and one that
        // names an earlier year a review, even without a cue word.
        if let (true, Some(plan)) = (report, date_year) {
            for h in dating.headings.iter_mut().filter(|h| h.review.is_none()) {
                h.review = h.year.map(|y| y < plan);
            }
        }
        // A title that names the year its figures report on (2022年统计公报,
        // 2023年工作总结) fixes that year for them.
        if let (Some(y), false) = (title_time.year, report) {
            dating.review_year = Some(y);
            dating.plan_year = Some(y);
        }
        // A plan outline (“十五五”规划纲要, approved 2026年2月6日 by a
        // congress) plans for its period's last year.
        if let Some(y) = named_period_end(title).filter(|_| plan_title) {
            dating.plan_year = Some(y);
        }
        dating
    }

    /// Whether the text at view byte `at` reviews (Some(true)) or plans
    /// (Some(false)): the innermost section heading that says, then the
    /// paragraph's opening clause (过去的一年,…; 今年经济工作的总体要求
    ///是… in a document given early in the year), then the title.
    pub(super) fn review_at(
        &self,
        vocabulary: &Vocabulary,
        text: &str,
        structure: &Structure,
        sent_start: usize,
        at: usize,
    ) -> Option<bool> {
        let mut section = structure.section_at(at);
        while let Some(i) = section {
            if let Some(review) = self.headings.get(i).and_then(|h| h.review) {
                return Some(review);
            }
            section = structure.sections[i].parent;
        }
        structure
            .paragraph_at(at)
            .and_then(|&(ps, _)| {
                if own_time(text, ps, sent_start, at) {
                    // A sentence that names its own time says it in its
                    // opening clause as a paragraph would, for the figures
                    // of that clause too (今年在全县打造示范村15个 in a
                    // speech of March).
                    self.opening_at(vocabulary, text, sent_start)
                        .and_then(|(_, says)| says)
                } else {
                    self.paragraph_review(vocabulary, text, ps, at)
                }
            })
            .or(self.title.review)
    }

    /// What the opening clause of the paragraph starting at `ps` says, when
    /// the figure at `at` comes after it: a review or plan heading word
    /// (回顾过去一年, 今年工作), a year gone by (去年, 过去的一年) or the year
    /// planned (今年, early in the year; 明年, 下一步).
    fn paragraph_review(
        &self,
        vocabulary: &Vocabulary,
        text: &str,
        ps: usize,
        at: usize,
    ) -> Option<bool> {
        // The figure must come after the opening clause.
        self.opening_at(vocabulary, text, ps)
            .filter(|&(end, _)| ps + end < at)?
            .1
    }

    /// The opening clause of the paragraph or sentence starting at
    /// `start`, read once for all its figures (they come in text order).
    fn opening_at(&self, vocabulary: &Vocabulary, text: &str, start: usize) -> Option<Opening> {
        match self.last_opening.get() {
            Some((at, opening)) if at == start => opening,
            _ => {
                let opening = self.paragraph_opening(vocabulary, text, start);
                self.last_opening.set(Some((start, opening)));
                opening
            }
        }
    }

    /// Where the opening clause of the paragraph starting at `ps` ends
    /// (within its first twenty characters) and what it says.
    fn paragraph_opening(&self, vocabulary: &Vocabulary, text: &str, ps: usize) -> Option<Opening> {
        // 会议强调,今年…: the opening is the clause after the report.
        let from = after_reporting_lead(&vocabulary.reporting_verbs, text, ps, text.len()) - ps;
        let rest = &text[ps..];
        let end = from
            + rest[from..]
                .char_indices()
                .take(20)
                .find(|(_, c)| matches!(c, ',' | ':' | '。' | ';' | '!' | '?' | '\n'))
                .map(|(i, _)| i)?;
        Some((end, self.opening_says(vocabulary, &rest[from..end])))
    }

    /// What an opening clause says: review, plan or nothing.
    fn opening_says(&self, vocabulary: &Vocabulary, clause: &str) -> Option<bool> {
        let lead = clause.trim_start_matches(['在', ' ', '\t', '“', '"', '「']);
        let has = |words: &[String]| words.iter().any(|w| lead.contains(w.as_str()));
        match (
            has(&vocabulary.review_headings),
            has(&vocabulary.plan_headings),
        ) {
            (true, false) => return Some(true),
            (false, true) => return Some(false),
            (true, true) => return None,
            _ => {}
        }
        if ["去年", "过去的一年", "过去一年", "上一年"]
            .iter()
            .any(|w| lead.starts_with(w))
        {
            return Some(true);
        }
        if ["明年", "下一步", "下步", "新的一年"]
            .iter()
            .any(|w| lead.starts_with(w))
        {
            return Some(false);
        }
        // 今年 alone, not 今年以来 or 今年上半年 (reports on it so far).
        let this_year = lead.strip_prefix("今年").is_some_and(|r| {
            !["以来", "上半年", "前", "一季度", "1-", "1至", "初以来"]
                .iter()
                .any(|w| r.starts_with(w))
        });
        (this_year && self.early).then_some(false)
    }

    /// What the headings above view byte `at` say: the innermost year and
    /// the innermost review/plan cue, each falling back to the title's.
    pub(super) fn heading_at(&self, structure: &Structure, at: usize) -> HeadingTime {
        let mut out = HeadingTime::default();
        let mut section = structure.section_at(at);
        while let Some(i) = section {
            let h = self.headings.get(i).copied().unwrap_or_default();
            out.year = out.year.or(h.year);
            out.review = out.review.or(h.review);
            section = structure.sections[i].parent;
        }
        out.year = out.year.or(self.title.year);
        out.review = out.review.or(self.title.review);
        out
    }
}

/// Where the statement of sentence `sentence` starts: at the first of the
/// sentences before it that semicolons join to it (at most a few).
pub(super) fn statement_start(text: &str, structure: &Structure, sentence: Option<usize>) -> usize {
    let Some(mut i) = sentence else {
        return 0;
    };
    for _ in 0..6 {
        let start = structure.sentences[i].norm.0;
        if i == 0 || !text[..start].trim_end().ends_with([';', '；']) {
            break;
        }
        i -= 1;
    }
    structure.sentences[i].norm.0
}

impl TargetExtractor {
    /// For a figure right after 由/从 (the value a change starts from),
    /// the year of the last 由YYYY年/从YYYY年 earlier in its statement;
    /// for one after 由A…到 (the value reached), that of the last 到YYYY年.
    fn change_end_year(&self, text: &str, statement: usize, at: usize) -> Option<i32> {
        let clause_from = super::clause_start(text, statement, at);
        let lead = text[clause_from..at].trim_end();
        // The value a change starts from (由A) or reaches (增加到B).
        let marks: &[char] = if lead.ends_with(['由', '从']) {
            &['由', '从']
        } else if lead.ends_with(['到', '至']) && lead.contains(['由', '从']) {
            &['到', '至']
        } else {
            return None;
        };
        let before = &text[statement..clause_from];
        self.year
            .captures_iter(before)
            .filter(|c| {
                // The year's digits: the match may open with its 到.
                let start = c.get(1).map_or(0, |m| m.start());
                before[..start].ends_with(marks)
            })
            .last()
            .and_then(|c| c.get(1)?.as_str().parse().ok())
    }
}

/// Whether the sentence of the figure at `at`, starting at `sent_start`
/// after its paragraph's start `ps`, names a time of its own before the
/// figure (去年…。今年…要增长8%): then the paragraph's opening says
/// nothing about it.
fn own_time(text: &str, ps: usize, sent_start: usize, at: usize) -> bool {
    sent_start > ps
        && text.get(sent_start..at).is_some_and(|s| {
            RELATIVE_YEARS.iter().any(|(w, _)| s.contains(w))
                || s.contains("上半年")
                || s.contains("下半年")
                || s.contains("以来")
        })
}

/// The year a section's text opens with (2025年,是…; 2025年以来,…),
/// right after its heading ends at view byte `heading_end`.
pub(super) fn opening_year(re: &Regex, text: &str, heading_end: usize) -> Option<i32> {
    let rest = text.get(heading_end..)?;
    let rest = rest.trim_start();
    let mut end = rest.len().min(18);
    while !rest.is_char_boundary(end) {
        end -= 1;
    }
    match last_year(re, &rest[..end]) {
        Some((0, y)) => Some(y),
        _ => None,
    }
}

/// The year and the review/plan cue of one heading.
fn heading_time(
    re: &Regex,
    vocabulary: &Vocabulary,
    heading: &str,
    date: Option<i32>,
) -> HeadingTime {
    let has = |words: &[String]| words.iter().any(|w| heading.contains(w.as_str()));
    // Where the last cue of a list ends, and where its first starts.
    let span = |words: &[String]| {
        let found = words.iter().filter(|w| !w.is_empty()).flat_map(|w| {
            heading
                .match_indices(w.as_str())
                .map(|(i, m)| (i, i + m.len()))
        });
        let first = found.clone().map(|m| m.0).min()?;
        Some((first, found.map(|m| m.1).max()?))
    };
    let year = re
        .captures(heading)
        .and_then(|c| c.get(1)?.as_str().parse().ok())
        .or_else(|| {
            let (_, off) = last_relative(heading)?;
            Some(date? + off)
        })
        .or_else(|| named_period_end(heading));
    // A heading naming both joined by a conjunction (2024年工作总结暨2025年
    // 工作部署) covers a review and a plan: it decides neither. Unjoined,
    // the cue that ends it names what it is (重点工作完成情况 reviews).
    let review = match (
        has(&vocabulary.review_headings),
        has(&vocabulary.plan_headings),
    ) {
        (true, false) => Some(true),
        (false, true) => Some(false),
        (true, true) => match (
            span(&vocabulary.review_headings),
            span(&vocabulary.plan_headings),
        ) {
            (Some(r), Some(p)) => {
                let (first, last) = if r.1 <= p.1 { (r, p) } else { (p, r) };
                let between = heading.get(first.1.min(last.0)..last.0).unwrap_or("");
                let joined = ["暨", "和", "及", "与", "并", "、"]
                    .iter()
                    .any(|w| between.contains(w));
                (!joined && first.1 <= last.0).then_some(r.1 > p.1)
            }
            _ => None,
        },
        _ => None,
    };
    HeadingTime { year, review }
}

/// Where a paragraph starting at `ps` states its matter: after a short
/// lead that reports who says it (会议指出, 他强调; vocabulary list
/// `reporting_verbs`) and its comma or colon, else at `ps`. Only text
/// before `limit` is read.
fn after_reporting_lead(verbs: &[String], text: &str, ps: usize, limit: usize) -> usize {
    let end = crate::chars::floor_char_boundary(text, (ps + 30).min(limit));
    let Some((i, c)) = text[ps..end]
        .char_indices()
        .find(|(_, c)| matches!(c, ',' | ':' | '，' | '：'))
    else {
        return ps;
    };
    if verbs.iter().any(|v| text[ps..ps + i].ends_with(v.as_str())) {
        ps + i + c.len_utf8()
    } else {
        ps
    }
}

impl TargetExtractor {
    /// Year and period of the figure at view byte `at` with status
    /// `status`: see the module's documentation for the order. A value a
    /// change starts from last year (由上年的2.20缩小为2.17) is of the
    /// year before the one its sentence speaks of — not of the document's
    /// year before, as a relative year would date it: 上年 is no relative
    /// year (比上年 compares), and the sentence's year is known only here.
    pub(super) fn year(
        &self,
        around: &Around,
        at: usize,
        status: Status,
    ) -> (Option<i32>, Option<String>) {
        let (year, period) = self.year_of_the_sentence(around, at, status);
        let lead = around.text[..at].trim_end();
        let from_last_year = ["由上年的", "从上年的", "由上年", "从上年"]
            .iter()
            .any(|w| lead.ends_with(w));
        if from_last_year {
            return (year.map(|y| y - 1), period);
        }
        (year, period)
    }

    fn year_of_the_sentence(
        &self,
        around: &Around,
        at: usize,
        status: Status,
    ) -> (Option<i32>, Option<String>) {
        let text = around.text;
        let dating = around.dating;
        let date = dating.date_year;
        let years = around.sentence_years;
        let name = |m: &(usize, usize, bool)| text[m.0..m.1].replace(['“', '”'], "");
        let periods = years.periods();
        let plan = periods.last().map(name);
        // Only a period before the figure dates it: 是“十一五”时期的2.6倍
        // after it is a comparison; nor does one named as the baseline
        // before it.
        let plan_before = periods.iter().rfind(|m| m.1 <= at && !m.2).map(name);
        let part = years.part_before(at).map(str::to_string);
        let period = plan.clone().or(part.clone());
        // 由2006年的18.7亿元增加到45.6亿元,年均增长13.2%: the year a change
        // starts from dates its starting value only, not the value reached
        // nor the rate over the span.
        // So does a relative one (由去年的X增加到Y).
        // `i` is where the year starts in the sentence.
        let dates_the_figure = |&(i, _): &(usize, i32)| {
            let Some((start, _)) = years.sentence else {
                return true;
            };
            let year_at = start + i;
            !(text[..year_at].ends_with(['由', '从'])
                && text
                    .get(year_at..at)
                    .is_some_and(|s| s.contains(['到', '至'])))
        };
        let explicit = years
            .last_year_before(&self.year, text, at)
            .filter(dates_the_figure);
        let relative = years.last_before(at).filter(dates_the_figure);
        // 由2010年的X增加到2015年的Y;人均…由A增加到B: A, a starting value,
        // is of the year the sentence starts its changes from.
        // A statement goes on over semicolons (…由2010年的X增加到2015年的Y;
        // 人均…由A增加到B): its parts share its years.
        let statement = statement_start(text, around.structure, around.sentence);
        // A review paragraph that sets its frame once (由2010年的X增加到
        // 2015年的Y。…一般公共预算收入由A增加到B) keeps it for the changes
        // of its later sentences.
        let paragraph = around
            .structure
            .paragraph_at(at)
            .map_or(statement, |p| p.0)
            .min(statement);
        if let Some(y) = self.change_end_year(text, statement, at).or_else(|| {
            (paragraph < statement).then(|| self.change_end_year(text, paragraph, at))?
        }) {
            return (Some(y), period);
        }
        match (explicit, relative) {
            (Some((i, y)), Some((j, _))) if i >= j => return (Some(y), period),
            (Some((_, y)), None) => return (Some(y), period),
            (_, Some((_, off))) => return (date.map(|d| d + off), period),
            _ => {}
        }
        // 2025年,全区实现…;高新技术企业达到1120家: a year that opens the
        // statement covers its later parts.
        if statement < around.sent_start {
            let lead_end =
                crate::chars::floor_char_boundary(text, (statement + 30).min(around.sent_start));
            if let Some((_, y)) = last_year(&self.year, &text[statement..lead_end]) {
                return (Some(y), period);
            }
        }
        if let Some(p) = &plan_before {
            let year = if p.starts_with('十') {
                period_end(p)
            } else {
                // 今后五年, 未来五年: the plan's five years start with the date's.
                date.map(|d| d + 4)
            };
            return (year, period);
        }
        // A part of a year (一季度, 上半年) is of the year the section
        // reviews when it reviews (一季度… in a 2020年工作总结 published in
        // January 2021), else of the document's.
        if part.is_some() {
            let year = match self.section_time(around, at) {
                SectionTime::Year(y) => Some(y),
                SectionTime::Reviews(Some(true)) => dating.review_year.or(date),
                SectionTime::Reviews(_) => date,
            };
            return (year, period);
        }
        // A year or 今年/去年 that opens the paragraph covers its figures,
        // also after a report of who says it (会议指出,2024年,…).
        if let Some(&(ps, _)) = around.structure.paragraph_at(at) {
            let ps = after_reporting_lead(&self.vocabulary.reporting_verbs, text, ps, at);
            let lead_end = crate::chars::floor_char_boundary(text, (ps + 18).min(at));
            let lead = &text[ps..lead_end];
            if let Some((0, y)) = last_year(&self.year, lead) {
                return (Some(y), period);
            }
            if let Some((0, off)) = last_relative(lead) {
                return (date.map(|d| d + off), period);
            }
        }
        let year = match self.section_time(around, at) {
            SectionTime::Year(y) => Some(y),
            SectionTime::Reviews(review) => match (review, status) {
                (Some(true), _) => dating.review_year,
                (Some(false), _) | (None, Status::Target) => dating.plan_year,
                _ => dating.review_year,
            },
        };
        (year, period)
    }

    /// What the section around view byte `at` says of its time: the
    /// innermost heading's year, else whether it reviews or plans.
    fn section_time(&self, around: &Around, at: usize) -> SectionTime {
        let dating = around.dating;
        match dating.heading_at(around.structure, at).year {
            Some(y) => SectionTime::Year(y),
            None => SectionTime::Reviews(dating.review_at(
                &self.vocabulary,
                around.text,
                around.structure,
                around.sent_start,
                at,
            )),
        }
    }
}

/// See [`TargetExtractor::section_time`].
enum SectionTime {
    /// A heading names the year.
    Year(i32),
    /// Whether the text reviews (true), plans (false), or neither says.
    Reviews(Option<bool>),
}

#[cfg(test)]
mod tests {
    use super::super::tests::{pipeline, targets_of};
    use crate::model::Status;

    fn years_of(text: &str) -> Vec<(Option<i32>, Status)> {
        pipeline()
            .extract_text("case.txt", "0000000000000000", text)
            .targets
            .iter()
            .map(|t| (t.figures.year, t.figures.status))
            .collect()
    }

    #[test]
    fn a_plan_outline_plans_for_the_last_year_of_its_period() {
        let text = "梅岭州“十五五”规划纲要\n(州人大五次会议2026年2月6日审议批准)\n\
                    第一章 “十四五”时期发展成就回顾\n全州地区生产总值年均增长6.7%。\n\
                    第三章 主要任务\n第一节 聚焦康养胜地。新增康养床位1.2万张。\n";
        assert_eq!(
            years_of(text),
            [(Some(2025), Status::Actual), (Some(2030), Status::Target)]
        );
        // A speech that names a period dates nothing by it.
        let text = "在全县“十五五”开局动员会上的讲话\n(2026年2月6日)\n今年新增康养床位1200张。\n";
        assert_eq!(years_of(text), [(Some(2026), Status::Actual)]);
    }

    #[test]
    fn a_sentence_opening_with_this_year_early_in_it_plans() {
        // Under a heading that says neither, in a speech of March: 今年
        // opening a sentence plans, 今年以来 reports.
        let text = "在全县乡村振兴工作推进会上的讲话\n(2022年3月8日)\n\
                    三、工作要抓实\n\
                    (一)聚焦示范县建设,补齐短板。今年在全县打造示范村15个。今年以来,全县新建冷库3座。\n";
        assert_eq!(
            years_of(text),
            [(Some(2022), Status::Target), (Some(2022), Status::Actual)]
        );
    }

    #[test]
    fn a_year_end_speech_reviews_its_own_year_and_plans_the_next() {
        // Dated in December, mentioning the work report it adopts: the
        // review is of 2024, the plan (without 明年) for 2025.
        let text = "在中共松岭区委五届九次全会上的讲话\n(2024年12月20日)\n\
                    全会审议通过了区委常委会工作报告。\n\
                    一、今年工作回顾\n一年来,全区地区生产总值增长5.8%。\n\
                    二、主要任务\n新建产业学院6个。\n";
        assert_eq!(
            years_of(text),
            [(Some(2024), Status::Actual), (Some(2025), Status::Target)]
        );
        // A report delivered in its spring reviews the year before.
        let text = "2025年松岭区政府工作报告\n(2025年1月8日)\n\
                    一、2024年工作回顾\n全区地区生产总值增长5.8%。\n\
                    二、2025年主要任务\n新建产业学院6个。\n";
        assert_eq!(
            years_of(text),
            [(Some(2024), Status::Actual), (Some(2025), Status::Target)]
        );
    }

    #[test]
    fn a_starting_value_is_of_the_year_the_changes_start_from() {
        for text in [
            "五年来,全县粮食产量由2018年的21万吨增加到2023年的26万吨,农民人均纯收入由9800元增加到1.4万元。",
            "五年来,全县粮食产量由2018年的21万吨增加到2023年的26万吨;农民人均纯收入由9800元增加到1.4万元。",
            // The frame a paragraph sets once holds for its later sentences.
            "五年来,全县粮食产量由2018年的21万吨增加到2023年的26万吨。农民人均纯收入由9800元增加到1.4万元。",
        ] {
            let years: Vec<Option<i32>> =
                targets_of(text).iter().map(|t| t.figures.year).collect();
            assert_eq!(years, [Some(2018), Some(2023), Some(2018), Some(2023)], "{text}");
        }
        // A year opening a statement covers the parts after its semicolons.
        let text = "据初步统计,2023年全镇农业总产值增长5%;新增家庭农场12家。";
        let years: Vec<Option<i32>> = targets_of(text).iter().map(|t| t.figures.year).collect();
        assert_eq!(years, [Some(2023), Some(2023)]);
    }

    #[test]
    fn last_year_named_as_a_comparison_base_does_not_date_the_figure() {
        let text = "青山园区2024年工作总结\n今年以来,园区完成投资6亿元。相比去年,基建项目逐步放量,东港二期完成投资4000万元,比去年增长12%。\n";
        let years: Vec<Option<i32>> = targets_of(text).iter().map(|t| t.figures.year).collect();
        assert_eq!(years, [Some(2024), Some(2024), Some(2024)], "{text}");
        // Named as the figure's own time, it still dates it.
        let text = "青山园区2024年工作总结\n去年,园区完成投资5亿元。\n";
        let years: Vec<Option<i32>> = targets_of(text).iter().map(|t| t.figures.year).collect();
        assert_eq!(years, [Some(2023)], "{text}");
    }

    #[test]
    fn a_founding_year_does_not_date_the_standing_facts_after_it() {
        let text = "在东湖新区2021年招商推介会上的致辞\n(2021年5月18日)\n新区成立于2009年,规划面积52平方公里。";
        assert_eq!(years_of(text), [(Some(2021), Status::Actual)], "{text}");
    }

    #[test]
    fn a_deadline_year_before_the_figure() {
        let found = targets_of("到2025年,全区森林覆盖率提高3个百分点。");
        assert_eq!(
            (found[0].figures.year, found[0].figures.period.as_deref()),
            (Some(2025), None)
        );
    }

    #[test]
    fn a_plan_period_end_is_the_year_of_its_target() {
        let found = targets_of("到“十四五”末,全区常住人口城镇化率达到65%。");
        assert_eq!(found[0].figures.period.as_deref(), Some("十四五末"));
        assert_eq!(found[0].figures.year, Some(2025));
        assert_eq!(found[0].figures.status, Status::Target);
    }

    #[test]
    fn a_year_in_brackets_qualifies_the_metric_not_the_figure() {
        let text = "河西区2024年政府工作报告\n今年全区规上工业增加值(2020年不变价)增长6%左右。";
        assert_eq!(years_of(text), [(Some(2024), Status::Target)]);
    }

    #[test]
    fn a_comparison_base_year_is_not_the_figures_year() {
        let text = "区长在全区经济运行分析会上的讲话\n(2022年7月20日)\n上半年全区地区生产总值比2019年同期增长9.1%。";
        let found = targets_of(text);
        assert_eq!(found[0].figures.year, Some(2022));
        assert_eq!(found[0].figures.period.as_deref(), Some("H1"));
    }

    #[test]
    fn relative_years_count_from_the_dateline() {
        let text = "政府工作报告\n——2023年1月12日在河西区第三届人民代表大会第二次会议上\n去年全区完成固定资产投资48亿元。今年全区固定资产投资要增长8%。";
        assert_eq!(
            years_of(text),
            [(Some(2022), Status::Actual), (Some(2023), Status::Target)]
        );
    }

    #[test]
    fn a_period_after_the_figure_is_a_comparison() {
        let text =
            "河西区2016年政府工作报告\n五年累计完成固定资产投资860亿元,是“十一五”时期的2.1倍。";
        assert_eq!(years_of(text)[0].0, Some(2015));
    }

    #[test]
    fn the_sentence_index_finds_what_a_search_up_to_the_figure_finds() {
        let extractor = &pipeline().targets;
        let text =
            "比2019年增长,(2020年不变价)到2021年底和2022年3月,截至2023年,2024年末,较 2018 年";
        let mut index = super::SentenceYears::default();
        index.of_sentence(extractor, text, 0, text.len());
        for at in (0..=text.len()).filter(|i| text.is_char_boundary(*i)) {
            assert_eq!(
                index.last_year_before(&extractor.year, text, at),
                super::last_year(&extractor.year, &text[..at]),
                "at {at}: {:?}",
                &text[..at]
            );
        }
    }

    #[test]
    fn a_period_named_as_the_baseline_is_a_comparison() {
        let text = "河西区2016年政府工作报告\n五年来全区累计完成固定资产投资860亿元,是“十一五”时期的2.1倍,年均增长16%。";
        assert_eq!(
            years_of(text).iter().map(|y| y.0).collect::<Vec<_>>(),
            [Some(2015); 3]
        );
    }

    #[test]
    fn a_year_opening_a_section_dates_its_subsections() {
        let text = "在2026年全县经济工作会议上的讲话\n一、攻坚克难,交出发展答卷\n2025年,是极不平凡的一年。\n(一)经济运行稳中有进。全年实现地区生产总值86亿元,同比增长5.1%。\n二、明确任务,奋力开创新局\n今年地区生产总值增长6%左右。";
        assert_eq!(
            years_of(text),
            [
                (Some(2025), Status::Actual),
                (Some(2025), Status::Actual),
                (Some(2026), Status::Target),
            ]
        );
    }

    #[test]
    fn a_year_after_a_report_of_who_says_it_opens_the_paragraph() {
        let text = "青山区召开2025年经济工作会议\n1月8日,青山区委经济工作会议召开。\n会议指出,2024年,全区经济运行总体平稳。全区新增市场主体1500户。\n会议强调,今年,全区地区生产总值增长6%。";
        assert_eq!(
            years_of(text),
            [(Some(2024), Status::Actual), (Some(2025), Status::Target)]
        );
    }

    #[test]
    fn the_year_a_change_starts_from_dates_only_its_starting_value() {
        let text = "政府工作报告\n——2012年2月14日在青山县第十五届人民代表大会第一次会议上\n一、过去五年工作回顾\n全县地区生产总值由2006年的18.7亿元增加到45.6亿元,年均增长13.2%。";
        assert_eq!(
            years_of(text),
            [
                (Some(2006), Status::Actual),
                (Some(2011), Status::Actual),
                (Some(2011), Status::Actual),
            ]
        );
    }

    #[test]
    fn a_value_a_change_starts_from_last_year_is_of_the_year_before() {
        let text = "2015年全县经济运行情况\n2015年,全县城乡居民收入比由上年的2.20缩小为2.17。全县地区生产总值由去年的100亿元增加到110亿元。";
        assert_eq!(
            years_of(text),
            [
                (Some(2014), Status::Actual),
                (Some(2015), Status::Actual),
                (Some(2014), Status::Actual),
                (Some(2015), Status::Actual),
            ]
        );
    }

    #[test]
    fn a_review_section_inherits_its_year_and_a_plan_section_the_date() {
        let text = "政府工作报告\n——2023年1月12日在河西区第三届人民代表大会第二次会议上\n一、2022年工作回顾\n全区新建标准化厂房12万平方米,新增市场主体1500户。\n二、2023年工作安排\n全区新建标准化厂房15万平方米。";
        assert_eq!(
            years_of(text),
            [
                (Some(2022), Status::Actual),
                (Some(2022), Status::Actual),
                (Some(2023), Status::Target),
            ]
        );
    }

    #[test]
    fn a_report_heading_naming_its_own_year_plans_without_a_cue_word() {
        let text = "政府工作报告\n——2023年1月12日在河西区第三届人民代表大会第二次会议上\n一、2022年主要工作\n全区完成工业投资40亿元。\n二、2023年重点工作\n全年完成工业投资45亿元。";
        assert_eq!(
            years_of(text),
            [(Some(2022), Status::Actual), (Some(2023), Status::Target)]
        );
    }

    #[test]
    fn a_review_of_the_past_year_in_a_dated_report() {
        let text =
            "政府工作报告\n(2024年2月2日)\n一、过去一年工作回顾\n全县粮食产量稳定在12万吨左右。";
        assert_eq!(years_of(text), [(Some(2023), Status::Actual)]);
    }

    #[test]
    fn a_year_in_the_file_name_dates_a_summary() {
        let found = pipeline()
            .extract_text(
                "hexi_2021_summary.txt",
                "0",
                "今年以来,全镇已完成固定资产投资3.2亿元。",
            )
            .targets;
        assert_eq!(found[0].figures.year, Some(2021));
    }

    #[test]
    fn a_document_without_a_date_gives_relative_years_no_year() {
        let text = "同志们:\n去年全区完成固定资产投资48亿元。今年全区固定资产投资要增长8%。";
        assert_eq!(
            years_of(text),
            [(None, Status::Actual), (None, Status::Target)]
        );
    }
}
