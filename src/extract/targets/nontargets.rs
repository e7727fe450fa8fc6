//! Nontargets: numbers that are no figures (numbered slogans, dates,
//! ordinals, the speech's own parts).
//!
//! The `nontarget` rules' patterns are searched once over the whole view;
//! their spans come back as a [`Vetoed`], which the figure pass asks
//! whether a match starts inside one (then it is dropped).

use aho_corasick::{AhoCorasick, MatchKind};

use super::TargetExtractor;
use crate::rules::{CompiledRuleSet, LazyRegex, RuleKind};

impl TargetExtractor {
    /// The spans of every nontarget pattern's matches in `text`.
    pub(super) fn vetoed(&self, text: &str) -> Vetoed {
        Vetoed::new(self.nontargets.spans(text))
    }
}

/// The nontarget rules' patterns, and the literals that tell which of them
/// can match a text at all.
///
/// Most nontarget patterns hold a literal every match contains (页, 周年,
/// QQ): one scan for all those literals finds the patterns worth running,
/// so a text without a pattern's literal neither compiles it (a one-file
/// `extract` compiled all of them) nor searches it.
pub(super) struct Nontargets {
    /// Each pattern, with whether it has a `name` group (then only that
    /// group is vetoed).
    patterns: Vec<(LazyRegex, bool)>,
    /// Every pattern's literals in one automaton (`None` when no pattern
    /// has literals, or they do not compile: then every pattern runs).
    literals: Option<AhoCorasick>,
    /// For each literal of `literals`, its pattern.
    pattern_of: Vec<usize>,
    /// The patterns without literals: they run on every text.
    always: Vec<bool>,
}

impl Nontargets {
    pub(super) fn new(rules: &CompiledRuleSet) -> Nontargets {
        let mut patterns = Vec::new();
        let mut words: Vec<&[u8]> = Vec::new();
        let mut pattern_of = Vec::new();
        let mut always = Vec::new();
        for rule in rules.of_kind(RuleKind::Nontarget) {
            for (i, re) in rule.patterns.iter().enumerate() {
                let named = re.capture_names().flatten().any(|n| n == "name");
                let literals = rule.pattern_literals(i).filter(|l| !l.is_empty());
                always.push(literals.is_none());
                for l in literals.unwrap_or_default() {
                    words.push(l);
                    pattern_of.push(patterns.len());
                }
                patterns.push((re.clone(), named));
            }
        }
        let literals = if words.is_empty() {
            None
        } else {
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .build(&words)
                .ok()
        };
        if literals.is_none() {
            always.iter_mut().for_each(|a| *a = true);
        }
        Nontargets {
            patterns,
            literals,
            pattern_of,
            always,
        }
    }

    /// The spans of every pattern's matches in `text` (of its `name` group
    /// when it has one).
    fn spans(&self, text: &str) -> Vec<(usize, usize)> {
        let mut run = self.always.clone();
        if let Some(ac) = &self.literals {
            for m in ac.find_overlapping_iter(text) {
                run[self.pattern_of[m.pattern().as_usize()]] = true;
            }
        }
        let mut out = Vec::new();
        for ((re, named), _) in self.patterns.iter().zip(&run).filter(|(_, r)| **r) {
            matches_of(re, *named, text, &mut out);
        }
        out
    }
}

/// The spans of `re`'s matches in `text` (of its `name` group when
/// `named`), added to `out`.
fn matches_of(re: &LazyRegex, named: bool, text: &str, out: &mut Vec<(usize, usize)>) {
    let re = re.get();
    if named {
        out.extend(
            re.captures_iter(text)
                .filter_map(|c| c.name("name").map(|m| (m.start(), m.end()))),
        );
    } else {
        out.extend(re.find_iter(text).map(|m| (m.start(), m.end())));
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

    /// Skipping the patterns whose literals a text lacks vetoes exactly
    /// what running every pattern vetoes.
    #[test]
    fn patterns_without_their_literals_are_skipped_without_loss() {
        let rules = CompiledRuleSet::defaults().unwrap();
        let nontargets = Nontargets::new(&rules);
        assert!(
            nontargets.always.iter().any(|a| !*a),
            "some patterns have literals"
        );
        for text in [
            "2022年4月12日,我区召开第三次全体会议,讲三点意见。",
            "打好三大攻坚行动,实现“两个率先”,新建社区服务站12个,0-14岁人口占18%。",
            "第 3 页\n来源:区政府办 2023-05-06 发布\n联系QQ: 12345",
            "今年没有任何特殊的数字。",
        ] {
            let mut gated = nontargets.spans(text);
            let mut all: Vec<(usize, usize)> = Vec::new();
            for (re, named) in &nontargets.patterns {
                matches_of(re, *named, text, &mut all);
            }
            gated.sort_unstable();
            all.sort_unstable();
            assert_eq!(gated, all, "{text}");
        }
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
