//! Measures listed under an enumerated item that names a goal: in
//! 一是增强临江高质量发展新动能。加快建设…,深入推进…,积极扩大…。 the item
//! names one of the document's goals, and the action clauses after it in
//! its paragraph are the measures that carry it out. Each such clause (one
//! opening with a work verb or a measure lead word) becomes a measure (rule
//! `measure-item-clause`) serving the goal by `structure`, and the item
//! itself serves it by `phrase` when no goal span inside its title let the
//! title step link it.
//!
//! The step reads the [`Context`], the goals (whose names are looked for
//! in item titles: an aim the text names elsewhere, named again in an item)
//! and the measures found so far, and returns new measures and links.

use std::collections::BTreeSet;
use std::sync::Arc;

use super::clauses::split;
use super::members::Members;
use super::slogans::Goals;
use super::{clean_title, link, Context, Measure};
use crate::model::{Basis, Entity, Link, Relation, RuleKind};

/// Clause measures and `serves` links under items naming a goal.
pub(super) fn under_goal_items(
    cx: &Context,
    goals: &Goals,
    measures: &[Measure],
) -> (Vec<Entity>, Vec<Link>) {
    let text = cx.text();
    let mut names: Vec<&Entity> = Vec::new();
    for (_, _, g) in goals.iter() {
        if g.name.chars().count() >= 3 && !names.iter().any(|n| n.name == g.name) {
            names.push(g);
        }
    }
    let mut out = ClauseMeasures::default();
    let starts: BTreeSet<usize> = measures.iter().map(|m| m.entity.view_span.0).collect();
    for m in measures.iter().filter(|m| {
        m.section.is_none() && m.entity.provenance.rule.starts_with("measure-enumerated")
    }) {
        let (ts, te) = m.entity.view_span;
        let title = &text[ts..te];
        // The longest goal name the title holds (高质量发展 rather than a
        // shorter goal inside it).
        let Some(goal) = names
            .iter()
            .filter(|g| title.contains(&*g.name) && *g.name != *title)
            .max_by_key(|g| g.name.len())
        else {
            continue;
        };
        if goals.within(ts, te).is_empty() {
            out.links.push(link(
                Relation::Serves,
                &m.entity,
                goal,
                Basis::Phrase,
                &m.entity,
            ));
        }
        let body_start = te.min(m.cover.1);
        for (cs, ce) in split(
            text,
            body_start,
            m.cover.1,
            &[',', ';', '。', '!', '?', ':', '\n'],
        ) {
            if starts.contains(&cs) || cx.words.opening(text, cs).is_none() {
                continue;
            }
            out.serve(cx, (cs, ce), goal, "measure-item-clause");
        }
    }
    (out.entities, out.links)
}

/// Clause measures and their `serves` links, one per (measure, goal).
#[derive(Default)]
struct ClauseMeasures {
    entities: Vec<Entity>,
    links: Vec<Link>,
    pairs: BTreeSet<(Arc<str>, Arc<str>)>,
}

impl ClauseMeasures {
    /// The view bytes `s..e` as a measure (rule `rule`) serving `goal` by
    /// `structure`, when its title has 4 to 30 characters.
    fn serve(&mut self, cx: &Context, (s, e): (usize, usize), goal: &Entity, rule: &str) {
        let name = clean_title(&cx.text()[s..e]);
        if !(4..=30).contains(&name.chars().count()) {
            return;
        }
        let measure = cx.entity_at(RuleKind::Measure, name, s, e, rule);
        if self.pairs.insert((measure.name.clone(), goal.name.clone())) {
            self.links.push(link(
                Relation::Serves,
                &measure,
                goal,
                Basis::Structure,
                &measure,
            ));
            self.entities.push(measure);
        }
    }
}

/// Measures under a heading that names a goal (（三）全力推进乡村振兴):
/// in a section without sub-sections, each paragraph's first clause and
/// each later sentence's first clause that opens with a measure lead
/// (巩固拓展脱贫攻坚成果。发展壮大村级集体经济。) is a measure (rule
/// `measure-heading-clause`) serving the heading's goal by `structure`,
/// unless a measure already starts there or holds it (an enumerated item
/// serves the heading itself) or the sentence names an aim of its own. A
/// section holding members of a slogan is left to the member passes.
pub(super) fn under_goal_headings(
    cx: &Context,
    goals: &Goals,
    members: &Members,
    measures: &[Measure],
) -> (Vec<Entity>, Vec<Link>) {
    let text = cx.text();
    let structure = cx.structure;
    let mut out = ClauseMeasures::default();
    // Lookups by binary search: a scan of every measure, paragraph or
    // section per sentence was quadratic in the outline's size.
    let starts: BTreeSet<usize> = measures.iter().map(|m| m.entity.view_span.0).collect();
    let mut covers: Vec<(usize, usize)> = measures
        .iter()
        .filter(|m| m.section.is_none())
        .map(|m| m.cover)
        .collect();
    covers.sort_unstable();
    // The widest end among covers starting at or before each one.
    let mut reach = Vec::with_capacity(covers.len());
    let mut widest = 0;
    for &(_, e) in &covers {
        widest = widest.max(e);
        reach.push(widest);
    }
    let taken = |ss: usize| {
        let before = covers.partition_point(|c| c.0 <= ss);
        starts.contains(&ss) || (before > 0 && ss < reach[before - 1])
    };
    let mut has_child = vec![false; structure.sections.len()];
    for c in &structure.sections {
        if let Some(p) = c.parent {
            has_child[p] = true;
        }
    }
    let mut member_starts: Vec<usize> = members
        .spans
        .iter()
        .map(|s| s.0)
        .chain(members.paragraphs.iter().map(|(p, _)| p.0))
        .collect();
    member_starts.sort_unstable();
    for (si, section) in structure.sections.iter().enumerate() {
        let leaf = !has_child[si];
        let Some(goal) = goals
            .first_within(section.norm.0, section.heading_end)
            .filter(|_| leaf)
        else {
            continue;
        };
        let (body, end) = (section.heading_end, section.norm.1);
        // A section that names members of its own (二是…路。, a cross-
        // reference) links its work to them.
        let first_member = member_starts.partition_point(|s| *s < body);
        if member_starts.get(first_member).is_some_and(|s| *s < end) {
            continue;
        }
        let lo = structure.sentences.partition_point(|s| s.norm.0 < body);
        let hi = structure.sentences.partition_point(|s| s.norm.0 < end);
        for sentence in &structure.sentences[lo..hi.max(lo)] {
            let (ss, se) = sentence.norm;
            let opens_paragraph = structure
                .paragraphs
                .binary_search_by_key(&ss, |p| p.0)
                .is_ok();
            // 以X为抓手推进Y names its means first; the work is a measure
            // all the same.
            let opens = if opens_paragraph {
                cx.words.opening(text, ss).is_some()
            } else {
                cx.words.opens_with_lead(&text[ss..se])
            } || cx.words.opens_with_means_then_work(&text[ss..se]);
            if !opens || taken(ss) {
                continue;
            }
            let Some(&(cs, ce)) = split(text, ss, se, &[',', ';', '。', '!', '?', ':']).first()
            else {
                continue;
            };
            // A sentence naming an aim of its own after its first clause
            // (…,实现全面建成小康社会目标) is read by the cue passes.
            let own_aim = goals.within(ce, se).iter().any(|g| g.2.name != goal.name);
            if !own_aim {
                out.serve(cx, (cs, ce), goal, "measure-heading-clause");
            }
        }
    }
    (out.entities, out.links)
}

#[cfg(test)]
mod tests {
    use super::super::{extract_speech, links_of};
    use crate::model::Relation;

    #[test]
    fn clauses_under_an_item_naming_a_goal_serve_it() {
        let ex = extract_speech(
            "今年要推动全区高质量发展。\n\
             一是增强高质量发展新动能。加快建设临江智慧物流产业园,深入推进工业技术改造,积极扩大有效投资。全区生产总值增长6%左右。\n",
        );
        let serves = links_of(&ex, Relation::Serves);
        let has = |m: &str, b: &str| {
            serves
                .iter()
                .any(|(f, t, basis)| f == m && t == "高质量发展" && basis == b)
        };
        assert!(has("增强高质量发展新动能", "phrase"), "{serves:?}");
        assert!(has("加快建设临江智慧物流产业园", "structure"), "{serves:?}");
        assert!(has("深入推进工业技术改造", "structure"), "{serves:?}");
        assert!(has("积极扩大有效投资", "structure"), "{serves:?}");
        // A figure sentence is no measure.
        assert!(
            !serves.iter().any(|(f, _, _)| f.contains("生产总值")),
            "{serves:?}"
        );
    }

    #[test]
    fn paragraphs_under_a_heading_naming_a_goal_serve_it() {
        let ex = extract_speech(
            "二、2026年工作安排\n\
             (一)全力推进乡村振兴\n\
             巩固拓展脱贫攻坚成果,守住不发生规模性返贫底线。\n\
             发展壮大村级集体经济。深入实施农村人居环境整治提升行动。\n\
             (二)抓好城市管理\n\
             加快老旧小区改造。\n",
        );
        let serves = links_of(&ex, Relation::Serves);
        let has = |m: &str| {
            serves
                .iter()
                .any(|(f, t, b)| f == m && t == "乡村振兴" && b == "structure")
        };
        assert!(has("巩固拓展脱贫攻坚成果"), "{serves:?}");
        assert!(has("发展壮大村级集体经济"), "{serves:?}");
        assert!(has("深入实施农村人居环境整治提升行动"), "{serves:?}");
        // Under a heading naming no goal, nothing serves by structure.
        assert!(
            !serves.iter().any(|(f, _, _)| f.contains("老旧小区")),
            "{serves:?}"
        );
    }

    #[test]
    fn a_sentence_naming_its_means_first_under_a_goal_heading_serves_it() {
        let ex = extract_speech(
            "三、2027年主要任务\n\
             (一)聚焦湘南绿色发展先行区,做强生态经济。以青溪工业园为主平台推进竹木精深加工,力争新签约项目30个。以此次大会为契机抓好安全生产。\n",
        );
        let serves = links_of(&ex, Relation::Serves);
        assert!(
            serves
                .iter()
                .any(|(f, t, b)| f == "以青溪工业园为主平台推进竹木精深加工"
                    && t == "湘南绿色发展先行区"
                    && b == "structure"),
            "{serves:?}"
        );
        // 以X为 and a word that is no means role (契机) names no means.
        assert!(
            !serves.iter().any(|(f, _, _)| f.contains("安全生产")),
            "{serves:?}"
        );
        // The zone word closing the aim's name is no district of its own.
        assert!(
            !ex.entities
                .iter()
                .any(|e| e.kind == crate::rules::RuleKind::District && e.name.ends_with("先行区")),
            "{:?}",
            ex.entities
        );
    }

    #[test]
    fn an_item_naming_no_goal_gets_no_clause_measures() {
        let ex = extract_speech(
            "今年要推动全区高质量发展。\n\
             一是抓好春耕备耕。加快建设高标准农田,深入推进农田水利改造。\n",
        );
        assert!(
            !ex.entities
                .iter()
                .any(|e| &*e.provenance.rule == "measure-item-clause"),
            "{:?}",
            ex.entities
        );
    }
}
