//! The cue word lists of the target rules, searched in a sentence.
//!
//! A [`CueSet`] is built from the rules of one kind (unit, qualifier,
//! change, status, metric): every word with the class its rule gives it and
//! its alias. The passes ask it for the cue at a place ([`CueSet::at`]),
//! ending at a place ([`CueSet::ending_at`]) or every cue in a stretch of
//! text ([`CueSet::all`]); answers are byte offsets and word indices, which
//! index `cues`, `words` and `aliases`.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};

use crate::model::{Change, Qualifier, RuleKind};
use crate::rules::CompiledRuleSet;

pub(super) struct Cue {
    pub(super) class: String,
    /// Index of the rule in the set, for its not_before list.
    pub(super) rule: usize,
}

/// Sentence-wide searches of a cue set made with the automaton that builds
/// fast, before its DFA is built (that takes a dozen documents or so): a
/// DFA scans about twice as fast but costs several million instructions to
/// build, which a one-document run would not repay.
const DFA_AFTER_SEARCHES: usize = 500;

/// Word lists of one kind, with the class each word marks.
pub(super) struct CueSet {
    pub(super) ac: Option<AhoCorasick>,
    /// For sets searched over whole sentences ([`CueSet::all`]): the same
    /// automaton as a DFA, built after [`DFA_AFTER_SEARCHES`] searches,
    /// and the count of searches.
    dfa: Option<(OnceLock<Option<AhoCorasick>>, AtomicUsize)>,
    /// The same words for an overlapping search, when they are distinct
    /// and none is empty (then at most one word ends at a given place
    /// from a given start, and [`CueSet::ending_at`] needs one pass).
    overlapping: Option<AhoCorasick>,
    pub(super) cues: Vec<Cue>,
    pub(super) words: Vec<String>,
    pub(super) aliases: Vec<Option<String>>,
    /// No word is empty (then matches never repeat a place, see
    /// [`CueSet::all_before`]).
    no_empty: bool,
}

impl CueSet {
    /// The change cue `i` marks. A change rule's class is one of
    /// [`Change`]'s names: the rule compiler refuses any other.
    pub(super) fn change(&self, i: usize) -> Change {
        let class = &self.cues[i].class;
        class
            .parse()
            .expect("a change rule's class, checked when rules compile")
    }

    /// The qualifier cue `i` marks (a class checked when rules compile).
    pub(super) fn qualifier(&self, i: usize) -> Qualifier {
        let class = &self.cues[i].class;
        class
            .parse()
            .expect("a qualifier rule's class, checked when rules compile")
    }

    /// `dfa`: for sets searched over whole sentences, whose searches move
    /// to a DFA after [`DFA_AFTER_SEARCHES`] (short searches never repay
    /// building one).
    pub(super) fn new(
        rules: &CompiledRuleSet,
        kind: RuleKind,
        position: Option<&str>,
        dfa: bool,
    ) -> CueSet {
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
    pub(super) fn at(&self, text: &str, at: usize) -> Option<(usize, usize)> {
        let ac = self.ac.as_ref()?;
        let m = ac.find(Input::new(text).range(at..).anchored(Anchored::Yes))?;
        Some((m.end(), m.pattern().as_usize()))
    }

    /// The longest cue ending exactly at `end`, starting at most `window`
    /// bytes before it: (start, index).
    pub(super) fn ending_at(
        &self,
        text: &str,
        end: usize,
        window: usize,
    ) -> Option<(usize, usize)> {
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
    pub(super) fn all_before(
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
    pub(super) fn all(&self, text: &str, from: usize, to: usize) -> Vec<(usize, usize, usize)> {
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

#[cfg(test)]
mod tests {
    use super::super::tests::pipeline;
    use super::*;

    #[test]
    fn cues_at_ending_at_and_in_a_stretch() {
        let rules = &pipeline().rules;
        let after = CueSet::new(rules, RuleKind::Qualifier, Some("after"), false);
        let text = "增长6.5%左右";
        let at = text.find("左右").unwrap();
        let (end, i) = after.at(text, at).expect("左右 after the unit");
        assert_eq!((end, after.cues[i].class.as_str()), (text.len(), "about"));
        let changes = CueSet::new(rules, RuleKind::Change, None, false);
        // The longest change word ending before the number.
        let sentence = "社会消费品零售总额同比增长9%";
        let number = sentence.find('9').unwrap();
        let (start, i) = changes.ending_at(sentence, number, 15).expect("同比增长");
        assert_eq!(&sentence[start..number], "同比增长");
        assert_eq!(changes.cues[i].class, "growth");
        let all = changes.all(sentence, 0, sentence.len());
        assert_eq!(all.len(), 1);
        assert_eq!(
            changes.all_before(sentence, &all, 0, number),
            changes.all(sentence, 0, number)
        );
    }
}
