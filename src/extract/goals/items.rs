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
    let mut entities = Vec::new();
    let mut links = Vec::new();
    let mut pairs: BTreeSet<(Arc<str>, Arc<str>)> = BTreeSet::new();
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
            links.push(link(
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
            let name = clean_title(&text[cs..ce]);
            if !(4..=30).contains(&name.chars().count()) {
                continue;
            }
            let e = cx.entity_at(RuleKind::Measure, name, cs, ce, "measure-item-clause");
            if pairs.insert((e.name.clone(), goal.name.clone())) {
                links.push(link(Relation::Serves, &e, goal, Basis::Structure, &e));
                entities.push(e);
            }
        }
    }
    (entities, links)
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
