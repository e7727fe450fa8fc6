//! Goals, measures and which measure serves which goal.
//!
//! Goals are found by `goal` rules like any entity. This pass adds, one file
//! per thing it finds:
//! - `slogans`: aims named in a top-level heading (确保全年达标), joined
//!   to the rule-found goals (slogans such as 四条新路) as the goals every
//!   later step links to;
//! - `members` of numbered slogans: the items (一是…, 二是…, or
//!   sub-headings) under a heading that names a slogan such as 四条新路, the
//!   list right before one (产业、生态、民生三张名片) or after its colon, and
//!   the names cross-references give them (`same_as`);
//! - `measures`: section headings below the top level of the outline,
//!   enumerated commitments (`measure` rules: 一要…, 二是…), lead sentences
//!   and parallel action sentences;
//! - `serves` edges from measure to goal, with a basis: `structure` (the
//!   nearest enclosing heading names the goal), `phrase` (a sentence inside
//!   the measure names the goal after a cue of the `serves_cues` vocabulary:
//!   推动, 围绕, 确保 …) or `cooccurrence` (same paragraph, nothing stronger);
//!   and from goal to goal (a slogan serves the aim of the speech's title);
//! - `intros`: the items after a sentence introducing them with an aim
//!   (为了实现X,重点抓好以下工作:一是…) serve it by `structure`; one
//!   pointing back (围绕上述目标) names the set of figures before it;
//! - `clauses`: measures and `serves` links read between the clauses of
//!   one sentence (围绕X,做好Y; 以X为引领,建设Y; Y,推动X);
//! - `items`: the action clauses under an enumerated item that names a
//!   goal (一是增强高质量发展新动能。加快建设…,深入推进…) as measures serving it;
//! - `involves` edges from a measure to the projects, sectors, districts
//!   and targets inside it.
//!
//! The pipeline hands [`extract`] a [`Context`] (the document's view,
//! structure and original text, its entities and targets, the rules);
//! each step borrows it and what the steps before it found, and
//! [`GoalsOutput`] returns the new entities and links. `words` holds the
//! word lists the steps ask, compiled once per rule set ([`GoalWords`]).

mod clauses;
mod intros;
mod involves;
mod items;
mod measures;
mod members;
mod serves;
mod slogans;
mod words;

pub use words::GoalWords;

use super::text::{CharIndex, SentenceTexts};
use crate::document::{NormText, Structure};
use crate::model::{Basis, Entity, Link, NodeRef, Provenance, Relation, RuleKind, Target};
use crate::rules::{CompiledRule, CompiledRuleSet, RuleMatch};

/// What the goal passes read of one document; each pass borrows it.
pub struct Context<'a> {
    pub rules: &'a CompiledRuleSet,
    pub words: &'a GoalWords,
    pub view: &'a NormText,
    pub structure: &'a Structure,
    /// The document's original (decoded) text, which spans point into.
    pub original: &'a str,
    pub index: &'a CharIndex,
    pub sentences: &'a SentenceTexts<'a>,
    /// The document's entities (goals included), in text order.
    pub entities: &'a [Entity],
    /// The document's targets, in text order.
    pub targets: &'a [Target],
}

impl<'a> Context<'a> {
    /// The normalised view the passes search.
    fn text(&self) -> &'a str {
        self.view.text.as_str()
    }

    /// An entity for the view bytes `s..e`, placed in the original text with
    /// its sentence and section.
    fn entity_at(&self, kind: RuleKind, name: String, s: usize, e: usize, rule: &str) -> Entity {
        let structure = self.structure;
        let start = self.view.orig_start(s);
        let end = self.view.orig_end(e);
        let sentence_span = structure
            .sentence_at(s)
            .map(|i| (structure.sentences[i].start, structure.sentences[i].end))
            .unwrap_or((start, end));
        Entity {
            kind,
            name: name.into(),
            text: self.index.slice(self.original, start, end).to_string(),
            provenance: Provenance {
                start,
                end,
                sentence: self.sentences.get(sentence_span, (start, end)),
                rule: rule.into(),
            },
            section: structure.section_at(s),
            sentence_span,
            view_span: (s, e),
        }
    }

    /// The `measure` rules that number items (一要…, 二是…).
    fn enumerations(&self) -> Vec<&'a CompiledRule> {
        self.rules.of_kind(RuleKind::Measure).collect()
    }
}

/// A measure with the view span it covers (for containment).
struct Measure {
    entity: Entity,
    /// View byte range of the text the measure covers.
    cover: (usize, usize),
    /// Section the measure's heading opens, if it is one.
    section: Option<usize>,
    /// Innermost section the measure stands in.
    parent: Option<usize>,
}

/// What the pass adds to an extraction.
pub struct GoalsOutput {
    pub entities: Vec<Entity>,
    pub links: Vec<Link>,
    /// Where a bound on the work cut it (said once per document).
    pub notes: Vec<String>,
}

/// Runs the passes in order. Entities leave as heading aims, members (and
/// the names cross-references give them), then measures; links as
/// `member_of`/`same_as`, measure `serves`, goal `serves`, then `involves`.
pub fn extract(cx: &Context) -> GoalsOutput {
    let aims = slogans::heading_aims(cx);
    let named = slogans::Goals::new(cx.entities, &aims, &[]);

    let mut found = members::Members::default();
    members::under_headings(cx, &named, &mut found);
    members::listed_before(cx, &named, &mut found);
    members::cross_references(cx, &mut found);
    members::after_colon(cx, &named, &mut found);
    members::listed_after(cx, &named, &mut found);
    members::quoted_lists(cx, &named, &mut found);
    members::composite_parts(cx, &named, &mut found);
    members::aim_list_parts(cx, &named, &mut found);
    members::couplet_parts(cx, &named, &mut found);
    // From here on a member named again (a heading 加快建设先进制造集聚区
    // after “一城三区”…先进制造集聚区…) is a goal there too.
    let mentions = members::mentions(cx, &found);
    let goals = slogans::Goals::new(cx.entities, &aims, &mentions);
    let mut measures = measures::from_headings(cx, &goals);

    measures::enumerated_items(cx, &found, &mut measures);
    measures::lead_sentences(cx, &found, &mut measures);
    measures::action_sentences(cx, &found, &mut measures);
    measures::end_items_at_the_next(&mut measures);

    let (serving, target_sets, windowed) =
        serves::measures_serving_goals(cx, &goals, &found, &measures);
    let mut notes = Vec::new();
    if windowed {
        notes.push(format!(
            "a paragraph is longer than {} bytes: its measures and goals are paired by cooccurrence only within that distance",
            serves::COOCCURRENCE_WINDOW
        ));
    }
    let goal_links = serves::goals_serving_goals(cx, &goals, &found);
    let mut links = std::mem::take(&mut found.links);
    links.extend(serving);
    links.extend(goal_links);
    links.extend(involves::involves(cx, &measures));
    let (clause_measures, clause_links) = clauses::cue_clauses(cx, &goals);
    links.extend(clause_links);
    let (item_measures, item_links) = items::under_goal_items(cx, &goals, &measures);
    links.extend(item_links);
    let (heading_measures, heading_links) =
        items::under_goal_headings(cx, &goals, &found, &measures);
    links.extend(heading_links);

    let mut entities = aims;
    entities.extend(mentions);
    entities.extend(target_sets);
    entities.extend(found.entities);
    entities.extend(measures.into_iter().map(|m| m.entity));
    entities.extend(clause_measures);
    entities.extend(item_measures);
    entities.extend(heading_measures);
    GoalsOutput {
        entities,
        links,
        notes,
    }
}

fn link(relation: Relation, from: &Entity, to: &Entity, basis: Basis, evidence: &Entity) -> Link {
    Link {
        relation,
        from: NodeRef {
            kind: from.kind,
            name: from.name.clone(),
        },
        to: NodeRef {
            kind: to.kind,
            name: to.name.clone(),
        },
        basis,
        provenance: evidence.provenance.clone(),
    }
}

/// An enumeration rule's match at the very start of `text` (after its
/// number: 一要, 二是).
fn enumerated(rule: &CompiledRule, text: &str) -> Option<RuleMatch> {
    if !rule.may_match_at_start(text) {
        return None;
    }
    rule.find(text).into_iter().find(|m| {
        let number = &text[..m.start];
        // 一要…, 二是…; 第一,…, 第二、…
        let ordinal = number.starts_with('第') && number.ends_with([',', ':', '、']);
        let count = number.chars().count();
        m.start <= 12 && ((count <= 3 && number.ends_with(['要', '是'])) || (count <= 4 && ordinal))
    })
}

/// A heading or item title as a measure name: quotes and closing stops removed.
fn clean_title(title: &str) -> String {
    let title = title.trim();
    // "（六）是聚集人气…": a 是 after the number is part of the numbering.
    let title = title
        .strip_prefix('是')
        .filter(|t| t.chars().count() > 3)
        .unwrap_or(title);
    super::without(title.trim_end_matches(['。', ';', ':', ',', '!']), |c| {
        matches!(c, '“' | '”' | '"')
    })
}

/// Runs the whole extraction on a short speech, for the passes' tests.
#[cfg(test)]
fn extract_speech(text: &str) -> crate::model::Extraction {
    use std::sync::OnceLock;
    static PIPELINE: OnceLock<super::Pipeline> = OnceLock::new();
    PIPELINE
        .get_or_init(|| super::Pipeline::new(CompiledRuleSet::defaults().unwrap()))
        .extract_text("speech.txt", "0123456789abcdef0123456789abcdef", text)
}

/// The `relation` links of an extraction as (from, to, basis) names.
#[cfg(test)]
fn links_of(ex: &crate::model::Extraction, relation: Relation) -> Vec<(String, String, String)> {
    ex.links
        .iter()
        .filter(|l| l.relation == relation)
        .map(|l| {
            (
                l.from.name.to_string(),
                l.to.name.to_string(),
                l.basis.as_str().to_string(),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_lose_quotes_stops_and_a_numbering_shi() {
        assert_eq!(
            clean_title("是抓好“菜篮子”工程建设。"),
            "抓好菜篮子工程建设"
        );
        assert_eq!(clean_title("是干什么"), "是干什么");
    }

    #[test]
    fn enumerated_items_open_after_their_number() {
        let rules = CompiledRuleSet::defaults().unwrap();
        let enumerations: Vec<_> = rules.of_kind(RuleKind::Measure).collect();
        let find = |text: &str| enumerations.iter().find_map(|r| enumerated(r, text));
        assert!(find("一要抓好春季造林。").is_some());
        assert!(find("今年我们一要抓好春季造林。").is_none());
    }
}
