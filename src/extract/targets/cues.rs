//! Cues: the qualifier (约, 至少, 控制在) and change (增长, 提高, 占) words
//! that stand before a figure.
//!
//! The figure pass hands over a [`Found`] with the qualifier written after
//! its unit; this pass reads the words right before the number, then the
//! nearest cue in the clause, and returns [`Cues`]: the classes, and where
//! the metric phrase before them ends, for the metric pass.

use super::figure::Found;
use super::{clause_start, TargetExtractor};
use crate::model::{Change, Direction, Qualifier};

/// A figure's change and qualifier, and the text they leave for its metric.
pub(super) struct Cues {
    /// Where the text before the figure ends once its cue words are cut.
    pub(super) lead_end: usize,
    /// Where the clause holding the figure starts.
    pub(super) clause_from: usize,
    pub(super) change: Change,
    pub(super) qualifier: Qualifier,
}

/// The qualifier of a figure from the one written after it and one before:
/// the one after wins (3%以上), except that a cap before makes 左右 a cap
/// too (控制在3%左右: at most about 3%).
fn combined(after: Qualifier, before: Qualifier) -> Qualifier {
    match (after, before) {
        (Qualifier::Exact, b) => b,
        (Qualifier::About, Qualifier::AtMost) => Qualifier::AtMost,
        (a, _) => a,
    }
}

impl TargetExtractor {
    /// The cues of figure `f`, whose sentence starts at `sent_start`.
    pub(super) fn cues(&self, text: &str, sent_start: usize, f: &Found) -> Cues {
        // Change and qualifier words right before the number.
        let mut lead_end = f.lead_end;
        let mut qualifier = f.qualifier;
        if let Some((s, i)) = self.qualifiers_before.ending_at(text, lead_end, 12) {
            qualifier = combined(qualifier, self.qualifiers_before.qualifier(i));
            lead_end = s;
        }
        let mut change = Change::Level;
        // A level reached (下降到16.8%, 增加至20个): no growth cue further
        // back makes it a rate.
        let mut reached = false;
        if let Some((s, i)) = self.changes.ending_at(text, lead_end, 15) {
            change = self.changes.change(i);
            reached = change == Change::Level;
            lead_end = s;
            // A qualifier may also stand before the change word (约增长).
            if let Some((s2, i2)) = self.qualifiers_before.ending_at(text, lead_end, 12) {
                qualifier = combined(qualifier, self.qualifiers_before.qualifier(i2));
                lead_end = s2;
            }
        }
        // Cues a few words away (增速达到8%, 至少新建幼儿园5所): the
        // nearest one in the clause, when none stands right before.
        let clause_from = clause_start(text, sent_start, lead_end);
        if change == Change::Level && !reached && f.unit.ends_with('%') {
            if let Some(&(_, _, i)) =
                self.changes
                    .all(text, clause_from, lead_end)
                    .iter()
                    .rfind(|c| {
                        self.changes.change(c.2) == Change::Growth && !text[c.1..].starts_with('值')
                    })
            {
                change = self.changes.change(i);
            }
        }
        if let Some(&(_, _, i)) = self
            .qualifiers_before
            .all(text, clause_from, lead_end)
            .last()
        {
            qualifier = combined(qualifier, self.qualifiers_before.qualifier(i));
        }
        if f.unit_class == "ratio-part" {
            change = Change::Share;
        } else if f.unit_class == "doubling" {
            // 翻一番: how many times the thing grew against a baseline.
            change = Change::Difference;
        } else if matches!(
            f.unit.as_str(),
            "个百分点" | "百分点" | "个千分点" | "千分点"
        ) {
            change = Change::Difference;
        } else if change == Change::Difference && f.unit != "%" {
            change = Change::Level;
        }
        if change == Change::Level && f.unit == "%" {
            let clause = &text[clause_start(text, sent_start, lead_end)..lead_end];
            if clause.contains('占') || clause.contains("比重") || clause.contains("占比") {
                change = Change::Share;
            }
        }
        Cues {
            lead_end,
            clause_from,
            change,
            qualifier,
        }
    }
}

impl TargetExtractor {
    /// The direction of a growth or difference whose figure starts at
    /// `at`: the nearest increase or decrease word in `text[from..at]`
    /// (the longer word when two end together: 负增长 over 增长), turned
    /// round by a minus sign or 负 before the number (增长-3.2%). None for a
    /// level or a share.
    pub(super) fn direction(
        &self,
        text: &str,
        (from, at): (usize, usize),
        change: Change,
        negative: bool,
    ) -> Option<Direction> {
        let window = &text[from.min(at)..at];
        let before = window.trim_end();
        let minus = negative
            || before
                .strip_suffix(['-', '－', '负'])
                .is_some_and(|b| !b.ends_with(|c: char| c.is_ascii_alphanumeric()));
        if !matches!(change, Change::Growth | Change::Difference) {
            // A negative level (自然增长率为-3.19‰) is a fall all the same.
            return minus.then_some(Direction::Decrease);
        }
        // The last increase and the last decrease word in the window (by
        // end, then length), from one search for both lists.
        let (mut rise, mut fall) = (None, None);
        if let Some((ac, classes)) = &self.direction_words {
            for m in ac.find_overlapping_iter(window) {
                let found = Some((m.end(), m.len()));
                let (increase, decrease) = classes[m.pattern().as_usize()];
                if increase {
                    rise = rise.max(found);
                }
                if decrease {
                    fall = fall.max(found);
                }
            }
        }
        // A fall that narrows (降幅比一季度收窄7.5个百分点, 降幅缩小) is a
        // rise, where a gap that narrows (差距缩小) is a fall.
        let narrowed = NARROWING
            .iter()
            .filter_map(|w| window.rfind(w).map(|i| (i, i + w.len())))
            .max()
            .filter(|&(start, end)| {
                Some(end) >= fall.map(|(e, _)| e)
                    && Some(end) >= rise.map(|(e, _)| e)
                    && FALL_RATES.iter().any(|r| window[..start].contains(r))
            });
        if narrowed.is_some() && !minus {
            return Some(Direction::Increase);
        }
        let falls = fall > rise;
        // 下降-2.1%: reports write the minus of a fall twice; it never
        // means a rise.
        Some(if falls || minus {
            Direction::Decrease
        } else {
            Direction::Increase
        })
    }
}

/// Words of narrowing, and the rates of a fall that narrowing turns into a
/// rise (降幅收窄).
const NARROWING: [&str; 4] = ["收窄", "缩小", "减小", "收缩"];
const FALL_RATES: [&str; 3] = ["降幅", "跌幅", "下降幅度"];

/// A figure's value with its direction applied: negative for a decrease.
pub(super) fn signed(value: Option<f64>, direction: Option<Direction>) -> Option<f64> {
    match direction {
        Some(Direction::Decrease) => value.map(|v| -v.abs()),
        _ => value,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{lines_of, targets_of};
    use crate::model::Direction;

    #[test]
    fn a_qualifier_may_stand_before_the_change_word() {
        assert_eq!(
            lines_of("预计全年社会消费品零售总额约增长9%。"),
            ["社会消费品零售总额 | 9% | % | growth | about | forecast"]
        );
    }

    #[test]
    fn percentage_points_are_a_difference() {
        assert_eq!(
            lines_of("全区规上工业增加值增速高于全市2个百分点。"),
            ["规上工业增加值增速 | 2个百分点 | 个百分点 | difference | exact | actual"]
        );
    }

    #[test]
    fn a_percentage_after_zhan_is_a_share() {
        assert_eq!(
            lines_of("全区粮食产量占全市的比重为18%。"),
            ["粮食产量 | 18% | % | share | exact | actual"]
        );
    }

    fn directions(text: &str) -> Vec<(Option<Direction>, Option<f64>)> {
        targets_of(text)
            .iter()
            .map(|t| (t.figures.direction, t.figures.signed_value))
            .collect()
    }

    #[test]
    fn a_decrease_word_or_a_minus_sign_makes_the_signed_value_negative() {
        assert_eq!(
            directions("全区工业用电量比上年下降3%,税收收入增长5.5%。"),
            [
                (Some(Direction::Decrease), Some(-3.0)),
                (Some(Direction::Increase), Some(5.5))
            ]
        );
        assert_eq!(
            directions("全镇农业总产值负增长2%。"),
            [(Some(Direction::Decrease), Some(-2.0))]
        );
        assert_eq!(
            directions("规上工业增加值同比增长-3.2%。"),
            [(Some(Direction::Decrease), Some(-3.2))]
        );
        assert_eq!(
            directions("民间投资下降-2.1%。"),
            [(Some(Direction::Decrease), Some(-2.1))]
        );
        assert_eq!(
            directions("单位生产总值能耗降低1.5个百分点。"),
            [(Some(Direction::Decrease), Some(-1.5))]
        );
        assert_eq!(
            directions("全镇税收收入比去年少了百分之六点五。"),
            [(Some(Direction::Decrease), Some(-6.5))]
        );
    }

    #[test]
    fn a_fall_that_narrows_is_a_rise_and_a_gap_that_narrows_a_fall() {
        assert_eq!(
            directions("全县生产总值同比下降3.2%,降幅比一季度收窄7.5个百分点。"),
            [
                (Some(Direction::Decrease), Some(-3.2)),
                (Some(Direction::Increase), Some(7.5))
            ]
        );
        assert_eq!(
            directions("城乡居民收入差距缩小0.3个百分点。"),
            [(Some(Direction::Decrease), Some(-0.3))]
        );
    }

    #[test]
    fn a_level_has_no_direction_and_keeps_its_value() {
        assert_eq!(
            directions("去年全区完成固定资产投资52亿元。"),
            [(None, Some(52.0))]
        );
    }
}
