//! Nontargets: numbers that are no figures (numbered slogans, dates,
//! ordinals, the speech's own parts).
//!
//! The `nontarget` rules' patterns are searched once over the whole view;
//! their spans come back as a [`Vetoed`], which the figure pass asks
//! whether a match starts inside one (then it is dropped).

use super::TargetExtractor;

impl TargetExtractor {
    /// The spans of every nontarget pattern's matches in `text`.
    pub(super) fn vetoed(&self, text: &str) -> Vetoed {
        Vetoed::new(
            self.nontargets
                .iter()
                .flat_map(|(re, named)| -> Box<dyn Iterator<Item = (usize, usize)>> {
                    if *named {
                        Box::new(
                            re.captures_iter(text)
                                .filter_map(|c| c.name("name").map(|m| (m.start(), m.end()))),
                        )
                    } else {
                        Box::new(re.find_iter(text).map(|m| (m.start(), m.end())))
                    }
                })
                .collect(),
        )
    }
}

/// The spans of the nontarget matches, for the test whether one covers
/// a figure's start: sorted by start, with the largest end up to each.
pub(super) struct Vetoed {
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
    pub(super) fn covers(&self, at: usize) -> bool {
        let n = self.starts.partition_point(|s| *s <= at);
        n > 0 && self.max_end[n - 1] > at
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::targets_of;
    use super::*;

    #[test]
    fn a_numbered_slogan_is_no_figure() {
        // 三大攻坚行动 and the quoted “两个率先” are slogans; 12个 is a figure.
        let found = targets_of("全区上下打好三大攻坚行动,实现“两个率先”,新建社区服务站12个。");
        let values: Vec<&str> = found
            .iter()
            .map(|t| t.figures.value_text.as_str())
            .collect();
        assert_eq!(values, ["12个"]);
        assert_eq!(found[0].figures.metric, "新建社区服务站");
    }

    #[test]
    fn dates_and_ordinals_are_no_figures() {
        assert!(targets_of("2022年4月12日,我区召开第三次全体会议。").is_empty());
    }

    #[test]
    fn a_covering_span_vetoes_only_the_numbers_inside_it() {
        let vetoed = Vetoed::new(vec![(10, 20), (2, 4), (12, 14)]);
        assert!(vetoed.covers(2));
        assert!(!vetoed.covers(4));
        assert!(vetoed.covers(15));
        assert!(!vetoed.covers(20));
        assert!(!vetoed.covers(0));
    }
}
