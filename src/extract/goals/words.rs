//! The goal passes' word lists (`work_verbs`, `measure_leads`,
//! `serves_cues` in the rules' vocabulary) compiled into automata once per
//! rule set; the passes ask them what a text opens with or contains.

use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind, StartKind};

use crate::rules::CompiledRuleSet;

/// The pass's word lists as automata, built once per rule set: the pass
/// asks every sentence which of about 200 words it opens with, and every
/// goal whether a serves cue stands before it; one word at a time, those
/// tests were a fifth of the pass.
#[derive(Debug)]
pub struct GoalWords {
    /// `work_verbs` and `measure_leads`, for the longest one opening a text.
    verbs: AhoCorasick,
    /// `measure_leads`, for whether one opens a text.
    leads: AhoCorasick,
    /// `serves_cues`, for whether one occurs in a text.
    cues: AhoCorasick,
}

impl GoalWords {
    pub fn new(rules: &CompiledRuleSet) -> GoalWords {
        let build = |words: Vec<&String>, kind: MatchKind| {
            AhoCorasick::builder()
                .match_kind(kind)
                .start_kind(StartKind::Both)
                .build(words)
                .expect("goal words compile")
        };
        let measure_leads: Vec<&String> = rules.vocabulary().measure_leads.iter().collect();
        let verbs = rules
            .vocabulary()
            .work_verbs
            .as_slice()
            .iter()
            .chain(measure_leads.iter().copied())
            .collect();
        GoalWords {
            verbs: build(verbs, MatchKind::LeftmostLongest),
            leads: build(measure_leads, MatchKind::Standard),
            cues: build(
                rules.vocabulary().serves_cues.iter().collect(),
                MatchKind::Standard,
            ),
        }
    }

    /// The longest verb `text[at..]` opens with.
    pub(super) fn opening<'t>(&self, text: &'t str, at: usize) -> Option<&'t str> {
        self.verbs
            .find(Input::new(text).range(at..).anchored(Anchored::Yes))
            .map(|m| &text[m.start()..m.end()])
    }

    /// Whether `text` opens with a measure lead word.
    pub(super) fn opens_with_lead(&self, text: &str) -> bool {
        self.leads
            .find(Input::new(text).anchored(Anchored::Yes))
            .is_some()
    }

    /// Whether `text` contains a serves cue.
    pub(super) fn has_cue(&self, text: &str) -> bool {
        self.cues.is_match(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opening_verbs_leads_and_cues() {
        let words = GoalWords::new(&CompiledRuleSet::defaults().unwrap());
        let text = "加快推进园区建设";
        assert_eq!(words.opening(text, 0), Some("加快推进"));
        assert_eq!(words.opening("今年要推进", 0), None);
        assert!(words.opens_with_lead("着力抓好园区升级"));
        assert!(!words.opens_with_lead("园区升级"));
        assert!(words.has_cue("全力推动转型"));
        assert!(!words.has_cue("今年的任务很重"));
    }
}
