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
    /// `serves_cues` and `clause_cues`, for a cue inside one clause.
    clause_cues: AhoCorasick,
    /// `frame_cues`, for a clause that frames the ones after it.
    frames: AhoCorasick,
    /// `purpose_cues` (服务, 助力 …), for a clause that opens or closes
    /// with a purpose.
    purposes: Vec<String>,
    /// `outcome_leads` (建成后, 达产后 …), for a clause that says what a
    /// work yields once done.
    outcomes: Vec<String>,
    /// `means_roles` (抓手, 载体 …), for what 以X为 makes X.
    means: AhoCorasick,
    /// `frame_tails`, for what may close a frame clause.
    tails: AhoCorasick,
    /// `guideline_marks`, for a guideline sentence.
    guidelines: AhoCorasick,
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
            clause_cues: build(
                rules
                    .vocabulary()
                    .serves_cues
                    .iter()
                    .chain(rules.vocabulary().clause_cues.iter())
                    .collect(),
                MatchKind::Standard,
            ),
            frames: build(
                rules.vocabulary().frame_cues.iter().collect(),
                MatchKind::LeftmostLongest,
            ),
            purposes: rules.vocabulary().purpose_cues.clone(),
            outcomes: rules.vocabulary().outcome_leads.clone(),
            means: build(
                rules.vocabulary().means_roles.iter().collect(),
                MatchKind::LeftmostLongest,
            ),
            tails: build(
                rules.vocabulary().frame_tails.iter().collect(),
                MatchKind::Standard,
            ),
            guidelines: build(
                rules.vocabulary().guideline_marks.iter().collect(),
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

    /// Whether a work verb or measure lead occurs anywhere in `text`.
    pub(super) fn has_verb(&self, text: &str) -> bool {
        self.verbs.find(text).is_some()
    }

    /// Whether `text` opens with a measure lead word.
    pub(super) fn opens_with_lead(&self, text: &str) -> bool {
        self.leads
            .find(Input::new(text).anchored(Anchored::Yes))
            .is_some()
    }

    /// Whether `text` opens by naming the means of its work and then the
    /// work (以六安经济技术开发区为抓手推进装备制造产业集聚): 以, two to
    /// twenty characters, 为, a `means_roles` word and a work verb.
    pub(super) fn opens_with_means_then_work(&self, text: &str) -> bool {
        let Some(rest) = text.strip_prefix('以') else {
            return false;
        };
        rest.match_indices('为')
            .take_while(|(i, _)| rest[..*i].chars().count() <= 20)
            .filter(|(i, _)| rest[..*i].chars().count() >= 2)
            .any(|(i, _)| {
                let role = &rest[i + '为'.len_utf8()..];
                self.means_role(role)
                    .is_some_and(|len| self.opening(&role[len..], 0).is_some())
            })
    }

    /// Whether `text` opens with a frame cue (围绕, 聚焦 …).
    pub(super) fn opens_with_frame(&self, text: &str) -> bool {
        self.frames
            .find(Input::new(text).anchored(Anchored::Yes))
            .is_some()
    }

    /// Where the first measure lead word stands in `text` at or after byte
    /// `from` (围绕产业转型升级抓好招商引资: 抓好).
    pub(super) fn first_lead(&self, text: &str, from: usize) -> Option<usize> {
        text.char_indices()
            .map(|(i, _)| i)
            .filter(|&i| i >= from)
            .find(|&i| {
                self.leads
                    .find(Input::new(text).range(i..).anchored(Anchored::Yes))
                    .is_some()
            })
    }

    /// Whether `text` contains a serves cue.
    pub(super) fn has_cue(&self, text: &str) -> bool {
        self.cues.is_match(text)
    }

    /// Whether `text` contains a serves cue or a clause cue (夯实, 注入 …).
    pub(super) fn has_clause_cue(&self, text: &str) -> bool {
        self.clause_cues.is_match(text)
    }

    /// Whether a goal after `lead` (its clause before it, ending in 为, a
    /// quote aside) and before `rest` (its clause after it, holding a clause
    /// cue) is the purpose the work is for: 为G注入…, 为G建设提供支撑,
    /// 为实现G目标提供坚强保证.
    pub(super) fn is_purpose(&self, lead: &str, rest: &str) -> bool {
        let lead = lead.trim_end_matches(['“', '"']);
        let lead = ["实现", "推进", "推动", "加快"]
            .iter()
            .find_map(|w| lead.strip_suffix(w))
            .unwrap_or(lead);
        lead.ends_with('为') && self.has_clause_cue(rest)
    }

    /// Whether the rest of a frame clause after its goals is empty or opens
    /// with a frame tail (目标, 作为首要任务) or ends with one (…样板目标).
    pub(super) fn is_frame_tail(&self, rest: &str) -> bool {
        rest.is_empty()
            || self
                .tails
                .find(Input::new(rest).anchored(Anchored::Yes))
                .is_some()
            || self.tails.find_iter(rest).any(|m| m.end() == rest.len())
    }

    /// Whether a frame clause's rest opens with a frame tail (作为首要任务).
    pub(super) fn opens_with_tail(&self, rest: &str) -> bool {
        self.tails
            .find(Input::new(rest).anchored(Anchored::Yes))
            .is_some()
    }

    /// Whether a sentence is a guideline (…为指导, …总基调).
    pub(super) fn is_guideline(&self, sentence: &str) -> bool {
        self.guidelines.is_match(sentence)
    }

    /// Whether `text` opens with a purpose cue (服务, 助力 …).
    pub(super) fn opens_with_purpose(&self, text: &str) -> bool {
        self.purposes.iter().any(|w| text.starts_with(w.as_str()))
    }

    /// Whether `text` opens with what a work yields once done (建成后,
    /// 达产后 …): an outcome, no action.
    pub(super) fn is_outcome(&self, text: &str) -> bool {
        self.outcomes.iter().any(|w| text.starts_with(w.as_str()))
    }

    /// The length of the means role (抓手, 载体 …) `text` opens with.
    pub(super) fn means_role(&self, text: &str) -> Option<usize> {
        self.means
            .find(Input::new(text).anchored(Anchored::Yes))
            .map(|m| m.end())
    }

    /// What a measure that is only a frame cue and a goal (紧紧围绕X,
    /// 聚焦“X”) frames: X without its quotes. Such a measure names the
    /// goal; it does not serve it.
    pub(super) fn framed_aim<'t>(&self, measure: &'t str) -> Option<&'t str> {
        let rest = measure.trim_start_matches("紧紧");
        let cue = self.frames.find(Input::new(rest).anchored(Anchored::Yes))?;
        Some(rest[cue.end()..].trim_matches(['“', '”']))
    }

    /// The byte end of the last frame cue (围绕, 锚定 …) in `text`.
    pub(super) fn last_frame_end(&self, text: &str) -> Option<usize> {
        self.frames.find_iter(text).map(|m| m.end()).last()
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
