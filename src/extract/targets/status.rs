//! Status: whether a figure is a target, an actual or a forecast.
//!
//! The `status` rules' cues before a figure in its sentence decide, then a
//! colon-introduced list's introduction, then a deadline earlier in the
//! paragraph (到2025年), then the phrasing (增长6%左右 is how targets are
//! stated); the section (a review, a plan) may turn it, and a figure that
//! counts the year's project list, or is a part, share or total of a figure
//! before it, takes that status instead (see `inherited_status`). The
//! figure and the sentence around it enter, with the status
//! cues of that sentence (searched once for all its figures, in a
//! [`SentenceCues`]); the status leaves as a [`Status`]. The status rules'
//! classes are cue classes (a `commitment` or `neutral` cue is no status)
//! and stay strings.

use regex::Regex;

use super::figure::Found;
use super::metric::Duration;
use super::{Around, TargetExtractor};
use crate::model::{Status, Target};

/// The status cues of the sentence of the last figure, as (start, end,
/// word index): the figures of one sentence share one search.
#[derive(Default)]
pub(super) struct SentenceCues {
    span: (usize, usize),
    cues: Vec<(usize, usize, usize)>,
}

impl TargetExtractor {
    /// The status of figure `f`; a duration before it (用3年时间, 仅用45天)
    /// says whether the action it times is planned or done.
    pub(super) fn figure_status(
        &self,
        around: &Around,
        f: &Found,
        duration: Option<Duration>,
        sentence_cues: &mut SentenceCues,
        before: &[Target],
    ) -> Status {
        let (text, sent_start, sent_end) = (around.text, around.sent_start, around.sent_end);
        if sentence_cues.span != (sent_start, sent_end) {
            sentence_cues.span = (sent_start, sent_end);
            sentence_cues.cues = self.statuses.all(text, sent_start, sent_end);
        }
        // Read once for both the cue and the section decision.
        let earlier_year = self.opens_with_an_earlier_year(around, f.start);
        let mut status = self.status(
            around,
            &sentence_cues.cues,
            f.start,
            f.about_after,
            earlier_year,
        );
        match duration {
            Some(Duration::Done) => status = Status::Actual,
            Some(Duration::Planned) if status == Status::Actual => {
                let sentence = &text[sent_start..sent_end];
                if !self
                    .past_words
                    .iter()
                    .any(|w| sentence.contains(w.as_str()))
                {
                    status = Status::Target;
                }
            }
            _ => {}
        }
        let status =
            self.section_status(around, f.start, status, &sentence_cues.cues, earlier_year);
        self.inherited_status(around, f, status, &sentence_cues.cues, before)
    }

    /// Figures whose status is not their own: the count of the year's list
    /// of projects (全年安排县级重点项目150个) is an actual even in a plan,
    /// and so is the list's total investment after it (…,总投资800亿元); a
    /// part after 其中 has the status of the whole it divides (the figure
    /// of its unit before it in the sentence), and a share after a figure
    /// (…,占比接近六成) that figure's, unless their clause has a status cue
    /// of its own. `before` are the document's figures before `f`.
    fn inherited_status(
        &self,
        around: &Around,
        f: &Found,
        status: Status,
        sentence_cues: &[(usize, usize, usize)],
        before: &[Target],
    ) -> Status {
        let (text, sent_start) = (around.text, around.sent_start);
        let clause_from = super::clause_start(text, sent_start, f.start);
        let clause_cues = || {
            sentence_cues
                .iter()
                .filter(move |c| c.0 >= clause_from && c.1 <= f.start)
                .map(|c| self.statuses.cues[c.2].class.as_str())
                .filter(|class| *class != "neutral")
        };
        if clause_cues().any(|class| class == "commitment") {
            return status;
        }
        if f.unit_class == "classifier" && self.counts_a_list(&text[clause_from..f.start]) {
            return Status::Actual;
        }
        if clause_cues().next().is_some() {
            return status;
        }
        let mut in_sentence = before
            .iter()
            .rev()
            .take_while(|t| t.view_span.0 >= sent_start);
        let clause = text[clause_from..f.start].trim_start();
        let opens = |words: &[String]| words.iter().any(|w| clause.starts_with(w.as_str()));
        let inherited = if opens(&self.part_openers) {
            in_sentence.find(|t| t.figures.unit == f.unit)
        } else if opens(&self.share_openers) {
            in_sentence.next()
        } else if opens(&self.list_totals) {
            in_sentence.next().filter(|t| {
                let from = super::clause_start(text, sent_start, t.view_span.0);
                self.counts_a_list(&text[from..t.view_span.0])
            })
        } else {
            None
        };
        inherited.map_or(status, |t| t.figures.status)
    }

    /// Whether the words before a count (its clause up to the figure) put
    /// items on a list: a `list_verbs` word, then at most a dozen
    /// characters ending in a `listed_items` word (安排市级重点项目).
    fn counts_a_list(&self, before: &str) -> bool {
        let before = before.trim_end();
        if !super::ends_with_any(before, &self.listed_items) {
            return false;
        }
        self.list_verbs.iter().any(|verb| {
            before.rfind(verb.as_str()).is_some_and(|at| {
                let rest = &before[at + verb.len()..];
                rest.chars().count() <= 12 && !rest.contains(|c: char| c.is_ascii_digit())
            })
        })
    }

    /// The status of the figure at `at` as its section says: in a review
    /// (2022年工作回顾, 过去一年) a figure is an actual unless its sentence
    /// commits (力争, 到2025年); in a plan (2023年工作安排, 主要预期目标)
    /// a figure is a target unless its sentence is past (去年, 已) or
    /// opens with an earlier year (`earlier_year`).
    fn section_status(
        &self,
        around: &Around,
        at: usize,
        status: Status,
        sentence_cues: &[(usize, usize, usize)],
        earlier_year: bool,
    ) -> Status {
        let sent_start = around.sent_start;
        let review = around.dating.review_at(
            &self.vocabulary,
            around.text,
            around.structure,
            sent_start,
            at,
        );
        let cues_before = || {
            sentence_cues
                .iter()
                .filter(move |c| c.1 <= at && c.0 >= sent_start)
        };
        match (review, status) {
            (Some(true), Status::Target) => {
                let committed = cues_before()
                    .any(|c| self.statuses.cues[c.2].class == "commitment")
                    || around.deadlines.any_in(sent_start, at);
                if committed {
                    status
                } else {
                    Status::Actual
                }
            }
            (Some(false), Status::Actual) => {
                let past = sentence_cues
                    .iter()
                    .any(|c| self.past_words.contains(&self.statuses.words[c.2]));
                if past || earlier_year {
                    status
                } else {
                    Status::Target
                }
            }
            _ => status,
        }
    }

    /// Whether the statement holding the figure at `at` opens with a year
    /// before the document's own (2023年,…;网络零售额24.6亿元 under 2024年
    /// 主要目标), or, opening with no year of its own, its paragraph does
    /// (2018年,街道…取得新进展。全年完成财政总收入…): it reports the
    /// results the plan starts from.
    fn opens_with_an_earlier_year(&self, around: &Around, at: usize) -> bool {
        let text = around.text;
        let opening = |start: usize| {
            text[start..at]
                .trim_start()
                .starts_with(|c: char| c.is_ascii_digit())
                .then(|| super::year::opening_year(&self.year, &text[..at], start))
        };
        let statement = super::year::statement_start(text, around.structure, around.sentence);
        let year = match opening(statement) {
            Some(year) => year,
            None => around
                .structure
                .paragraph_at(at)
                .map(|p| p.0)
                .filter(|&p| p < statement)
                .and_then(opening)
                .flatten(),
        };
        year.zip(around.dating.date_year)
            .is_some_and(|(year, date)| year < date)
    }

    /// Status from the nearest cue before the figure in its sentence, then
    /// from a colon-introduced list (主要预期目标是: …), then from tense.
    /// `sentence_cues` are the status cues of all the figure's sentence,
    /// `at` where the figure starts; `earlier_year`, whether its statement
    /// or paragraph opens with a year before the document's.
    fn status(
        &self,
        around: &Around,
        sentence_cues: &[(usize, usize, usize)],
        at: usize,
        about_after: bool,
        earlier_year: bool,
    ) -> Status {
        let (text, structure, deadlines) = (around.text, around.structure, around.deadlines);
        let sent_start = around.sent_start;
        let cues: Vec<(usize, usize, usize)> = self
            .statuses
            .all_before(text, sentence_cues, sent_start, at)
            .into_iter()
            .filter(|c| self.statuses.cues[c.2].class != "neutral")
            .filter(|c| !self.in_comparison(text, sent_start, c))
            // A cue inside quotes is part of a name (“英才计划”, “项目
            //建设年”), not said of the figure.
            .filter(|c| !in_quotes(&text[sent_start..c.0]))
            .collect();
        // A commitment anywhere before (力争, 确保, 到2020年) outranks a
        // later 实现/达到: 到2025年绿化覆盖率达到45%以上 is a target.
        let para_start = structure.paragraph_at(at).map(|p| p.0).unwrap_or(0);
        // A deadline earlier in the paragraph (到2020年, …) covers the
        // figures that follow it.
        // So does a list introduced as targets (主要发展目标: …达到63%).
        // A statement opening with a year before the document's reports
        // results, whatever cue a frame before the figure holds (2021年,
        // 全镇围绕…建设目标,全年完成地区生产总值…).
        let past = cues
            .iter()
            .any(|c| self.past_words.contains(&self.statuses.words[c.2]))
            || earlier_year;
        // A deadline in an earlier sentence does not reach a sentence that
        // says its own figure is past (到2030年…。我们还设立了规模50亿元的
        // 基金: the fund exists).
        let deadline_before = if past {
            deadlines.any_in(sent_start, at)
        } else {
            deadlines.any_in(para_start.min(sent_start), at)
        };
        let committed = cues
            .iter()
            .any(|c| self.statuses.cues[c.2].class == "commitment")
            || deadline_before
            || (!cues.is_empty()
                && self.list_status(text, around.list_marks, para_start, at)
                    == Some(Status::Target));
        let forecast = cues
            .iter()
            .any(|c| self.statuses.cues[c.2].class == "forecast");
        // 要, 将…, 目标: a modal target cue before makes a later 完成/实现
        // what is to be done (下半年要…,完成土地征收800亩), unless the
        // sentence is past. (着力, 加快推进 are as often reported as
        // planned: the section decides those.)
        let modal = cues.iter().any(|c| {
            let word = self.statuses.words[c.2].as_str();
            self.statuses.cues[c.2].class == "target"
                && (word == "要"
                    || word.starts_with('将')
                    || word.starts_with("我们将")
                    || word.starts_with("目标")
                    || word.starts_with("预期"))
        });
        if let Some(&(_, _, i)) = cues.last() {
            let class = self.statuses.cues[i].class.as_str();
            return match class {
                "forecast" => Status::Forecast,
                "target" | "actual" if forecast && !committed => Status::Forecast,
                "actual" if committed => Status::Target,
                "actual" if modal && !past => Status::Target,
                // 达到…左右/以上 is how targets are phrased, unless the
                // sentence says the figure is past (去年, 以来, 已).
                "actual" if about_after && !past => Status::Target,
                "actual" => Status::Actual,
                _ => Status::Target,
            };
        }
        if committed {
            return Status::Target;
        }
        let para_start = structure.paragraph_at(at).map(|p| p.0).unwrap_or(0);
        if let Some(status) = self.list_status(text, around.list_marks, para_start, at) {
            return status;
        }
        // A deadline earlier in the paragraph (到2020年, …) covers the
        // figures that follow it.
        if deadlines.any_in(para_start, at) {
            return Status::Target;
        }
        // No cue: a figure stated plainly reports a fact, unless it is
        // phrased as targets are (增长6%左右).
        if about_after {
            Status::Target
        } else {
            Status::Actual
        }
    }

    /// Whether target cue `c` only names the baseline of a comparison
    /// (增长15.2%,高于与上级会商目标6.2个百分点): its clause opens with a
    /// comparison word, so the figure measures a result against the target.
    fn in_comparison(&self, text: &str, sent_start: usize, c: &(usize, usize, usize)) -> bool {
        if self.statuses.cues[c.2].class != "target" {
            return false;
        }
        let from = super::clause_start(text, sent_start, c.0);
        let clause = text[from..c.0].trim_start();
        self.comparison_cuts
            .words
            .iter()
            .any(|w| clause.starts_with(w.as_str()))
    }

    /// A colon-introduced list (主要预期目标是: …; …) shares the status of
    /// its introduction, as long as no full stop ends the list first: the
    /// status of the introduction before the figure at `at`, if it has one.
    fn list_status(
        &self,
        text: &str,
        marks: &ListMarks,
        para_start: usize,
        at: usize,
    ) -> Option<Status> {
        let colon = marks.last_colon(para_start, at)?;
        if marks.stop_between(colon, at) {
            return None;
        }
        let intro_start = marks.last_end(para_start, colon).unwrap_or(para_start);
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
            return Some(Status::Target);
        }
        if intro.contains(&"forecast") {
            return Some(Status::Forecast);
        }
        // The classes left (target, actual) are statuses' own names.
        intro.last().and_then(|c| c.parse().ok())
    }
}

/// Where a document's colons, full stops and semicolons stand, found once:
/// a colon-introduced list's introduction and end are found by binary
/// search for each figure (searching back over the paragraph for each
/// figure was quadratic in a paragraph of thousands of figures).
pub(super) struct ListMarks {
    colons: Vec<usize>,
    stops: Vec<usize>,
    /// Full stops and semicolons.
    ends: Vec<usize>,
}

impl ListMarks {
    pub(super) fn new(text: &str) -> ListMarks {
        let mut marks = ListMarks {
            colons: Vec::new(),
            stops: Vec::new(),
            ends: Vec::new(),
        };
        for (i, c) in text.char_indices() {
            match c {
                ':' => marks.colons.push(i),
                '。' => {
                    marks.stops.push(i);
                    marks.ends.push(i);
                }
                ';' => marks.ends.push(i),
                _ => {}
            }
        }
        marks
    }

    /// The last colon in `from..to` (as `rfind` on that part finds it).
    fn last_colon(&self, from: usize, to: usize) -> Option<usize> {
        last_in(&self.colons, from, to)
    }

    /// Whether a full stop lies wholly inside `from..to`.
    fn stop_between(&self, from: usize, to: usize) -> bool {
        let first = self.stops.partition_point(|&p| p < from);
        self.stops
            .get(first)
            .is_some_and(|&p| p + '。'.len_utf8() <= to)
    }

    /// The last full stop or semicolon in `from..to`, which ends at a
    /// colon (so every mark that starts before `to` ends by it).
    fn last_end(&self, from: usize, to: usize) -> Option<usize> {
        last_in(&self.ends, from, to)
    }
}

/// The four-digit year a deadline names (至2024年 → 2024).
/// Whether the end of `before` is inside a quotation (“…, "…, 「…).
fn in_quotes(before: &str) -> bool {
    let open = before.rfind(['“', '「', '『']);
    let close = before.rfind(['”', '」', '』']);
    let curly = match (open, close) {
        (Some(o), Some(c)) => o > c,
        (Some(_), None) => true,
        _ => false,
    };
    curly || before.matches('"').count() % 2 == 1
}

fn year_in(deadline: &str) -> Option<i32> {
    let start = deadline.find(|c: char| c.is_ascii_digit())?;
    deadline.get(start..start + 4)?.parse().ok()
}

/// The last of sorted positions `marks` in `from..to`.
fn last_in(marks: &[usize], from: usize, to: usize) -> Option<usize> {
    let n = marks.partition_point(|&p| p < to);
    marks[..n].last().copied().filter(|&p| p >= from)
}

/// The deadlines (到2025年, 到“十四五”末) of a document, searched once.
/// The deadline pattern's matches cannot overlap (only their first
/// character is 到 or 至) and each start has one possible end, so the
/// matches in a part of the text are the document's matches inside it.
pub(super) struct Deadlines(Vec<Deadline>);

struct Deadline {
    start: usize,
    end: usize,
    /// Whether 截 stands right before it: 截至2020年 reports a past date.
    after_jie: bool,
}

impl Deadlines {
    /// The deadlines of `text`; `changes` are the words of a change (增加,
    /// 提高): 由…增加到2015年的… names the end of a change, not a deadline.
    /// Nor does the end of a span of years (2020年至2024年间) that is not
    /// after the document's year `date`: it reports on years gone by.
    pub(super) fn new(re: &Regex, text: &str, changes: &[&str], date: Option<i32>) -> Deadlines {
        let past_span = |m: &regex::Match| {
            let Some(end) = year_in(m.as_str()) else {
                return false;
            };
            let before = text[..m.start()].trim_end_matches([' ', '\t']);
            let Some(before) = before.strip_suffix('年') else {
                return false;
            };
            let before = before.trim_end_matches([' ', '\t']);
            let digits = before.len() - before.trim_end_matches(|c: char| c.is_ascii_digit()).len();
            digits == 4 && date.is_none_or(|d| end <= d)
        };
        Deadlines(
            re.find_iter(text)
                .filter(|m| !changes.iter().any(|w| text[..m.start()].ends_with(w)))
                .filter(|m| !past_span(m))
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

#[cfg(test)]
mod tests {
    use super::super::tests::{lines_of, targets_of};
    use crate::model::Status;

    /// The statuses of the figures `text` yields, in order.
    fn statuses(text: &str) -> Vec<Status> {
        targets_of(text).iter().map(|t| t.figures.status).collect()
    }

    #[test]
    fn a_past_sentence_is_not_reached_by_an_earlier_deadline() {
        let t = targets_of(
            "到2030年,力争全区工业总产值突破900亿元。我们还设立了规模20亿元的产业引导基金。",
        );
        assert_eq!(t.len(), 2, "{t:?}");
        assert_eq!(t[0].figures.status, Status::Target);
        assert_eq!(t[1].figures.status, Status::Actual);
    }

    #[test]
    fn a_status_word_inside_quotes_is_part_of_a_name() {
        // 计划 names the scheme here; it says nothing of the figure.
        let t = targets_of("我们出台了“青苗英才计划”,对领军人才给予最高500万元的资助。");
        assert_eq!(t.len(), 1, "{t:?}");
        assert_eq!(t[0].figures.status, Status::Actual);
        assert!(super::in_quotes("出台了“英才"));
        assert!(!super::in_quotes("出台了“英才计划”,对"));
        assert!(super::in_quotes("出台了\"英才"));
    }

    #[test]
    fn a_figure_already_completed_is_an_actual() {
        assert_eq!(
            lines_of("今年以来,我区已完成固定资产投资8.6亿元。"),
            ["固定资产投资 | 8.6亿元 | 亿元 | level | exact | actual"]
        );
    }

    #[test]
    fn dadao_with_yishang_is_a_target_unless_the_sentence_is_past() {
        assert_eq!(
            lines_of("全区村级集体经济收入达到15万元以上。"),
            ["村级集体经济收入 | 15万元以上 | 万元 | level | at_least | target"]
        );
        assert_eq!(
            lines_of("去年全区村级集体经济收入达到15万元以上。"),
            ["村级集体经济收入 | 15万元以上 | 万元 | level | at_least | actual"]
        );
    }

    #[test]
    fn a_planned_duration_in_a_past_sentence_took_place() {
        assert_eq!(
            lines_of("我区用两年时间建成了城北污水处理厂。"),
            ["建成了城北污水处理厂用时 | 两年 | 年 | level | exact | actual"]
        );
    }

    #[test]
    fn a_colon_list_shares_the_status_of_its_introduction() {
        assert_eq!(
            lines_of("主要预期目标是:地区生产总值增长6%;一般公共预算收入增长5%。"),
            [
                "地区生产总值 | 6% | % | growth | exact | target",
                "一般公共预算收入 | 5% | % | growth | exact | target",
            ]
        );
    }

    #[test]
    fn a_change_up_to_a_year_is_no_deadline() {
        let found = targets_of("五年来全区粮食产量由8.2万吨增加到2020年的9.6万吨。");
        let statuses: Vec<&str> = found.iter().map(|t| t.figures.status.as_str()).collect();
        assert_eq!(statuses, ["actual", "actual"]);
        assert_eq!(found[1].figures.year, Some(2020));
    }

    #[test]
    fn a_list_introduced_as_targets_outranks_dadao() {
        assert_eq!(
            lines_of("会议确定今后五年的主要发展目标:全区森林覆盖率达到63%,新增城镇就业1.2万人。"),
            [
                "森林覆盖率 | 63% | % | level | exact | target",
                "新增城镇就业 | 1.2万人 | 万人 | level | exact | target",
            ]
        );
    }

    #[test]
    fn the_count_of_the_years_project_list_is_an_actual_even_in_a_plan() {
        // The list exists once the plan is made, and so does its total;
        // the investment planned for the year is a target.
        assert_eq!(
            statuses("二、2027年工作安排\n全年安排县级重点项目120个,总投资460亿元,年度计划投资150亿元。\n"),
            [Status::Actual, Status::Actual, Status::Target]
        );
        // Planned or promised lists, and money arranged, stay targets.
        assert_eq!(
            statuses("二、2027年工作安排\n力争列入省级重点项目15个。全年安排专项资金2亿元。\n"),
            [Status::Target, Status::Target]
        );
    }

    #[test]
    fn a_plan_section_reports_the_results_of_a_year_before_the_documents() {
        assert_eq!(
            statuses(
                "青禾县商务局2024年工作要点\n一、主要目标\n2023年,全县网络零售额24.6亿元,增长18.2%。2024年,网络零售额达到28亿元。\n"
            ),
            [Status::Actual, Status::Actual, Status::Target]
        );
        // Without the earlier year the plan section decides.
        assert_eq!(
            statuses(
                "青禾县商务局2024年工作要点\n一、主要目标\n全县网络零售额24.6亿元,增长18.2%。\n"
            ),
            [Status::Target, Status::Target]
        );
        // A plan opening with last year's results: the paragraph's year
        // holds for its later sentences, and a frame's 目标 before the
        // figure makes no 完成 a target.
        assert_eq!(
            statuses(
                "青禾镇2024年工作计划\n发布时间:2024-02-20\n2023年,全镇围绕“茶旅名镇”建设目标,全年完成税收收入3.2亿元。新引进企业14家。\n2024年主要目标:税收收入增长6%,新引进企业20家。\n"
            ),
            [Status::Actual, Status::Actual, Status::Target, Status::Target]
        );
    }

    #[test]
    fn a_speechs_section_on_the_priorities_plans() {
        assert_eq!(
            statuses(
                "在全县重点项目观摩会上的讲话\n一、肯定成绩\n今年以来,全县新开工项目19个。\n二、突出重点,全力推进三大战略落地\n一是推进桐河流域综合治理工程,完成河道整治23公里。\n"
            ),
            [Status::Actual, Status::Target]
        );
    }

    #[test]
    fn a_heading_on_how_this_year_stands_reviews_it() {
        // 今年工作 names a plan, but 基本情况 after it says the section
        // reports (a year-end speech).
        let statuses: Vec<Status> = targets_of(
            "在全县经济工作会议上的讲话\n(2023年12月28日)\n一、今年工作的基本情况\n全县一般公共预算收入完成15.2亿元,增长9.4%。\n二、明年工作的主要目标\n一般公共预算收入增长6%。\n",
        )
        .iter()
        .map(|t| t.figures.status)
        .collect();
        assert_eq!(statuses, [Status::Actual, Status::Actual, Status::Target]);
    }

    #[test]
    fn a_part_after_qizhong_and_a_share_after_it_have_the_status_of_the_whole() {
        let statuses: Vec<Status> = targets_of(
            "今天集中开工项目24个,今年计划完成投资30亿元,其中工业项目15个,占比超过六成。",
        )
        .iter()
        .map(|t| t.figures.status)
        .collect();
        assert_eq!(
            statuses,
            [
                Status::Actual,
                Status::Target,
                Status::Actual,
                Status::Actual
            ]
        );
    }

    #[test]
    fn a_share_of_the_annual_plan_is_an_actual() {
        assert_eq!(
            lines_of("全区重点项目完成投资42亿元,占年度计划61.5%。")
                .last()
                .map(String::as_str),
            Some("重点项目完成投资 | 61.5% | % | share | exact | actual")
        );
    }

    #[test]
    fn the_end_of_a_span_of_past_years_is_no_deadline() {
        // Undated: a span of years reports on them.
        assert_eq!(
            lines_of("2019年至2023年,全区地区生产总值年均增长6.1%。"),
            ["地区生产总值 | 6.1% | % | growth | exact | actual"]
        );
        // In a report of 2024, a span ending later plans.
        let text = "2024年政府工作报告\n2024年至2028年,全区地区生产总值年均增长6%。";
        let t = &targets_of(text)[0];
        assert_eq!(t.figures.status, Status::Target);
        let text = "2024年政府工作报告\n2019年至2023年,全区地区生产总值年均增长6.1%。";
        assert_eq!(targets_of(text)[0].figures.status, Status::Actual);
    }

    #[test]
    fn a_title_naming_a_review_and_a_plan_decides_neither() {
        let text = "在全镇2024年工作总结暨2025年工作部署会议上的讲话\n我们将新建村级活动场所6个。\n全年完成土地流转2300亩。";
        let statuses: Vec<Status> = targets_of(text).iter().map(|t| t.figures.status).collect();
        assert_eq!(statuses, [Status::Target, Status::Actual]);
    }

    #[test]
    fn a_modal_cue_makes_a_later_wancheng_a_target() {
        let table = [
            ("下半年各村要抓紧施工,完成道路硬化12公里。", Status::Target),
            (
                "明年全县将继续推进改厕,实现新增户厕3000户。",
                Status::Target,
            ),
            // A past sentence reports what was done.
            (
                "去年我们要求各村加快施工,已完成道路硬化12公里。",
                Status::Actual,
            ),
            // 加快推进 is reported as often as planned: 完成 stays an actual.
            ("加快推进安置房建设,完成主体工程8栋。", Status::Actual),
        ];
        for (text, status) in table {
            assert_eq!(targets_of(text)[0].figures.status, status, "{text}");
        }
    }

    #[test]
    fn a_section_heading_of_results_is_a_review() {
        let text = "丰河镇工作总结和工作打算\n一、主要工作成效\n全年争取上级资金6500万元,实施重点项目12个。\n二、下一步打算\n全镇新建农村公路18公里。";
        let statuses: Vec<Status> = targets_of(text).iter().map(|t| t.figures.status).collect();
        assert_eq!(statuses, [Status::Actual, Status::Actual, Status::Target]);
    }

    #[test]
    fn a_heading_ending_with_a_review_cue_reviews_unless_joined() {
        let text = "南溪镇半年报告\n一、重点工作完成情况\n争取专项债券资金1.2亿元。";
        assert_eq!(targets_of(text)[0].figures.status, Status::Actual);
        let text = "南溪镇报告\n一、工作总结及重点工作\n争取专项债券资金1.2亿元。";
        assert_eq!(targets_of(text)[0].figures.status, Status::Target);
    }

    #[test]
    fn a_paragraph_opening_with_a_time_decides_like_a_heading() {
        let text = "在全镇经济工作会议上的讲话\n(2024年2月6日)\n过去的一年,全镇争取上级资金5200万元,建成村级服务站9个。\n今年全镇工作的总体要求是稳中求进。地区生产总值增长6%,新建高标准农田3000亩。";
        let found: Vec<(Status, Option<i32>)> = targets_of(text)
            .iter()
            .map(|t| (t.figures.status, t.figures.year))
            .collect();
        assert_eq!(
            found,
            [
                (Status::Actual, Some(2023)),
                (Status::Actual, Some(2023)),
                (Status::Target, Some(2024)),
                (Status::Target, Some(2024)),
            ]
        );
        // Late in the year 今年 reviews it: no plan.
        let text = "在全镇年终总结会上的讲话\n(2024年12月20日)\n今年全镇建成村级服务站9个。";
        assert_eq!(targets_of(text)[0].figures.status, Status::Actual);
    }

    #[test]
    fn a_deadline_makes_a_figure_a_target() {
        assert_eq!(
            lines_of("到2025年,全区森林覆盖率提高3个百分点。"),
            ["森林覆盖率 | 3个百分点 | 个百分点 | difference | exact | target"]
        );
    }
}
