//! Measures: the pieces of work a speech commits to. They are section
//! headings below the top level, enumerated items at sentence starts
//! (一要…, 二是…), short lead sentences followed by the sentences carrying
//! them out, and parallel action sentences. Each step reads the
//! [`Context`] (and the members found, whose items are no measures) and
//! adds [`Measure`]s with the view span each covers.

use std::collections::HashSet;

use super::members::Members;
use super::slogans::Goals;
use super::{clean_title, enumerated, Context, Measure};
use crate::model::RuleKind;
use crate::rules::FastHash;

/// Measures: headings below the top level (or every heading when the
/// outline has one level), except headings that only number parts.
pub(super) fn from_headings(cx: &Context, goals: &Goals) -> Vec<Measure> {
    let structure = cx.structure;
    let max_level = structure
        .sections
        .iter()
        .map(|s| s.level)
        .max()
        .unwrap_or(0);
    let mut measures = Vec::new();
    for (si, section) in structure.sections.iter().enumerate() {
        let is_part = section.rule == "heading-ordinal-part";
        if !((section.level > 1 || max_level == 1) && !is_part) {
            continue;
        }
        let heading = (section.norm.0, section.heading_end);
        let name = clean_title(&section.title);
        // A heading that only names a slogan (——四条新路) is its goal's
        // container, not a measure.
        let names_goal = goals
            .first_within(heading.0, heading.1)
            .is_some_and(|g| name.chars().count() <= g.name.chars().count() + 2);
        if name.chars().count() >= 2 && !names_goal && !names_report_part(cx, &name) {
            let e = cx.entity_at(
                RuleKind::Measure,
                name,
                section.norm.0,
                section.heading_end,
                &section.rule,
            );
            measures.push(Measure {
                entity: e,
                cover: section.norm,
                section: Some(si),
                parent: section.parent,
            });
        }
    }
    measures
}

/// A heading that names a part of a report by the year it reviews or plans
/// (2023年工作回顾, 过去一年工作回顾, 2024年主要预期目标) holds measures
/// but is none: after its year, it is (or ends in, when short) a review or
/// plan heading word.
fn names_report_part(cx: &Context, title: &str) -> bool {
    let rest = title
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == 'X')
        .trim_start_matches('年');
    let rest = ["过去一年", "过去五年", "今年", "明年", "本年度", "年度"]
        .iter()
        .find_map(|w| rest.strip_prefix(w))
        .unwrap_or(rest);
    let vocabulary = cx.rules.vocabulary();
    let words = vocabulary
        .review_headings
        .iter()
        .chain(&vocabulary.plan_headings);
    rest.is_empty()
        || words.clone().any(|w| rest == w.as_str())
        || (rest.chars().count() <= 10
            && words
                .filter(|w| w.chars().count() >= 4)
                .any(|w| rest.ends_with(w.as_str())))
}

/// Where enumerated items may start, as (start, sentence end) view bytes:
/// every sentence start, right after a colon that introduces items
/// (…“三个转变”:一是…), and right after a comma before 一是/一要.
fn item_starts(cx: &Context) -> Vec<(usize, usize)> {
    let text = cx.text();
    let mut starts: Vec<(usize, usize)> = Vec::new();
    for sentence in &cx.structure.sentences {
        let (ss, se) = sentence.norm;
        starts.push((ss, se));
        if let Some(c) = text[ss..se].find(':') {
            starts.push((ss + c + 1, se));
        }
        // …以产业链招商为突破口,一是组建…;二是…: a first item after a comma.
        // (Both start with the comma: the first comma that starts either.)
        if let Some((c, _)) = text[ss..se].match_indices(',').find(|(c, _)| {
            let rest = &text[ss + c..se];
            rest.starts_with(",一是") || rest.starts_with(",一要")
        }) {
            starts.push((ss + c + 1, se));
        }
    }
    starts
}

/// Enumerated commitments at sentence starts (一要…, 二是…), or right
/// after a colon that introduces them (…“三个转变”:一是…).
pub(super) fn enumerated_items(cx: &Context, members: &Members, measures: &mut Vec<Measure>) {
    let text = cx.text();
    let enumerations = cx.enumerations();
    // Where measures start so far: headings (original offset) and items
    // (view offset).
    let heading_starts: HashSet<usize, FastHash> = measures
        .iter()
        .filter(|m| m.section.is_some())
        .map(|m| m.entity.provenance.start)
        .collect();
    let mut taken: HashSet<usize, FastHash> = measures
        .iter()
        .filter(|m| m.section.is_none())
        .map(|m| m.cover.0)
        .collect();
    for (ss, se) in item_starts(cx) {
        if members.spans.iter().any(|(ms, me)| *ms <= ss && ss < *me) {
            continue;
        }
        if taken.contains(&ss) || heading_starts.contains(&cx.view.orig_start(ss)) {
            continue;
        }
        for rule in &enumerations {
            let Some(m) = enumerated(rule, &text[ss..se]) else {
                continue;
            };
            let name = clean_title(&m.name);
            if name.chars().count() < 2 {
                continue;
            }
            // 第一,围绕工业强镇,做大…: an ordinal before a frame or purpose
            // opens a sentence the clause pass reads (the work after the
            // frame is the measure); one before a point of the speech with
            // its modal (第一,抓落实要有求实的态度) names no work.
            if text[ss..].starts_with('第')
                && (cx.words.opens_with_frame(&name)
                    || cx.words.opens_with_purpose(&name)
                    || name.contains('要'))
            {
                continue;
            }
            let name_start = ss + m.end - m.name.len();
            // An item covers its sentences up to the next item or paragraph end.
            let para_end = cx.structure.paragraph_at(ss).map(|p| p.1).unwrap_or(se);
            let e = cx.entity_at(RuleKind::Measure, name, name_start, ss + m.end, &rule.id);
            taken.insert(ss);
            measures.push(Measure {
                entity: e,
                cover: (ss, para_end),
                section: None,
                parent: cx.structure.section_at(ss),
            });
            break;
        }
    }
}

/// Lead sentences: a short sentence that opens with a work verb and is
/// followed by the sentences that carry it out (着力抓好园区升级。积极推进…).
pub(super) fn lead_sentences(cx: &Context, members: &Members, measures: &mut Vec<Measure>) {
    let text = cx.text();
    let structure = cx.structure;
    for (k, sentence) in structure.sentences.iter().enumerate() {
        let (ss, se) = sentence.norm;
        let body = text[ss..se].trim_end_matches(['。', '!']);
        let n = body.chars().count();
        if !(4..=40).contains(&n) || !text[ss..se].ends_with('。') || body.contains([',', ';', ':'])
        {
            continue;
        }
        let Some(&(_, pe)) = structure.paragraph_at(ss) else {
            continue;
        };
        let followed = structure
            .sentences
            .get(k + 1)
            .is_some_and(|next| next.norm.0 < pe);
        if !followed || !cx.words.opens_with_lead(body) {
            continue;
        }
        if measures
            .iter()
            .any(|m| m.cover.0 <= ss && ss < m.cover.1 && m.section.is_none() && m.cover.0 == ss)
        {
            continue;
        }
        if members.spans.iter().any(|(ms, me)| *ms <= ss && ss < *me)
            || structure.sections.iter().any(|h| h.norm.0 == ss)
        {
            continue;
        }
        let e = cx.entity_at(
            RuleKind::Measure,
            clean_title(body),
            ss,
            ss + body.len(),
            "measure-lead-sentence",
        );
        measures.push(Measure {
            entity: e,
            cover: (ss, pe),
            section: None,
            parent: structure.section_at(ss),
        });
    }
}

/// Action sentences as measures where the speech lists them without
/// numbers: three or more sentences of a paragraph opening with the same
/// work verb (发展以“茶”为支撑的…。发展以“花”为支撑的…。), and, in a
/// member's paragraph that holds no measure, every sentence opening with
/// a lead word (一是生态宜居路。大力实施…。深入开展…). The first
/// clause names the measure.
pub(super) fn action_sentences(cx: &Context, members: &Members, measures: &mut Vec<Measure>) {
    let text = cx.text();
    let structure = cx.structure;
    let actions = parallel_or_member_actions(cx, members, measures);
    for (ss, se) in actions {
        if measures.iter().any(|m| m.cover.0 == ss) {
            continue;
        }
        let clause_end = text[ss..se]
            .find([',', '。', ';', ':', '!'])
            .map_or(se, |i| ss + i);
        let name = clean_title(&text[ss..clause_end]);
        if !(4..=40).contains(&name.chars().count()) {
            continue;
        }
        let e = cx.entity_at(
            RuleKind::Measure,
            name,
            ss,
            clause_end,
            "measure-action-sentence",
        );
        let pe = structure.paragraph_at(ss).map_or(se, |p| p.1);
        measures.push(Measure {
            entity: e,
            cover: (ss, pe),
            section: None,
            parent: structure.section_at(ss),
        });
    }
}

/// View spans of the sentences [`action_sentences`] takes as measures: one
/// of three or more in a paragraph opening with the same verb and the
/// character after it, or one opening with a lead word in a member's
/// paragraph that holds no measure yet.
fn parallel_or_member_actions(
    cx: &Context,
    members: &Members,
    measures: &[Measure],
) -> Vec<(usize, usize)> {
    let text = cx.text();
    let structure = cx.structure;
    let mut actions: Vec<(usize, usize)> = Vec::new();
    for &(ps, pe) in &structure.paragraphs {
        // Sentences come in text order: a paragraph's are one slice.
        let lo = structure.sentences.partition_point(|s| s.norm.0 < ps);
        let hi = structure.sentences.partition_point(|s| s.norm.0 < pe);
        let in_para = &structure.sentences[lo..hi.max(lo)];
        for &(ss, se) in in_para.iter().map(|s| &s.norm) {
            let Some(verb) = cx.words.opening(text, ss) else {
                continue;
            };
            // The verb and the character after it.
            let prefix_end = ss
                + verb.len()
                + text[ss + verb.len()..]
                    .chars()
                    .next()
                    .map_or(0, char::len_utf8);
            let prefix = &text[ss..prefix_end];
            let parallel = in_para
                .iter()
                .filter(|s2| text[s2.norm.0..].starts_with(prefix))
                .count()
                >= 3;
            let member_para = || {
                members
                    .paragraphs
                    .iter()
                    .any(|((mp, mpe), _)| *mp == ps && *mpe == pe)
                    && !measures.iter().any(|m| ps <= m.cover.0 && m.cover.0 < pe)
                    && cx.words.opens_with_lead(&text[ss..])
            };
            if parallel || member_para() {
                actions.push((ss, se));
            }
        }
    }
    actions
}

/// An enumerated item's cover stops where the next item starts.
pub(super) fn end_items_at_the_next(measures: &mut [Measure]) {
    let mut starts: Vec<usize> = measures
        .iter()
        .filter(|m| m.section.is_none())
        .map(|m| m.cover.0)
        .collect();
    starts.sort_unstable();
    for m in measures.iter_mut().filter(|m| m.section.is_none()) {
        if let Some(next) = starts.iter().find(|s| **s > m.cover.0 && **s < m.cover.1) {
            m.cover.1 = *next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::extract_speech;
    use super::*;

    fn measures(text: &str) -> Vec<(String, String)> {
        extract_speech(text)
            .entities
            .iter()
            .filter(|e| e.kind == RuleKind::Measure)
            .map(|e| (e.name.to_string(), e.provenance.rule.to_string()))
            .collect()
    }

    #[test]
    fn sub_headings_and_numbered_items_are_measures() {
        let got = measures(
            "在全镇经济工作会议上的讲话\n\n\
             一、全力以赴抓发展\n\n\
             (一)抓好春耕备耕\n\n\
             一要抓好种子化肥供应。二要抓好农田水利建设。\n",
        );
        let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
        assert!(names.contains(&"抓好春耕备耕"), "{got:?}");
        assert!(names.contains(&"抓好种子化肥供应"), "{got:?}");
        assert!(names.contains(&"抓好农田水利建设"), "{got:?}");
        // The top-level heading is the container, not a measure.
        assert!(!names.contains(&"全力以赴抓发展"), "{got:?}");
    }

    #[test]
    fn ordinal_items_are_measures_unless_a_frame_or_a_point_opens_them() {
        let got = measures(
            "一、重点工作\n\n(一)做足古城文章。第一,实施古城民居修缮工程,全年修缮院落120处;第二,加快数字体验中心建设。\n\n\
             (二)抓好工业。第一,围绕工业强镇,做大工业集中区。\n\n\
             (三)抓好落实。第一,抓落实要有求实的态度。\n",
        );
        let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
        assert!(names.contains(&"实施古城民居修缮工程"), "{got:?}");
        assert!(names.contains(&"加快数字体验中心建设"), "{got:?}");
        assert!(!names.contains(&"围绕工业强镇"), "{got:?}");
        assert!(!names.iter().any(|n| n.contains("抓落实要有")), "{got:?}");
    }

    #[test]
    fn headings_that_name_a_year_of_the_report_are_no_measures() {
        let got = measures(
            "2025年政府工作报告\n\n\
             一、2024年工作回顾\n\n\
             全镇新建道路12公里。\n\n\
             二、2025年主要预期目标\n\n\
             全镇新建道路15公里。\n\n\
             三、抓好春耕备耕\n\n\
             认真总结推广经验。\n",
        );
        let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
        assert!(!names.contains(&"2024年工作回顾"), "{got:?}");
        assert!(!names.contains(&"2025年主要预期目标"), "{got:?}");
        // One level of headings: the others are measures.
        assert!(names.contains(&"抓好春耕备耕"), "{got:?}");
    }

    #[test]
    fn three_sentences_opening_alike_are_action_measures() {
        let got = measures(
            "发展以“茶”为主的生态农业,建好三个基地。\
             发展以“竹”为主的林下经济,带动农户增收。\
             发展以“泉”为主的康养旅游,办好温泉节。\n",
        );
        let actions: Vec<&str> = got
            .iter()
            .filter(|(_, rule)| rule == "measure-action-sentence")
            .map(|(n, _)| n.as_str())
            .collect();
        assert_eq!(
            actions,
            [
                "发展以茶为主的生态农业",
                "发展以竹为主的林下经济",
                "发展以泉为主的康养旅游"
            ],
            "{got:?}"
        );
    }

    #[test]
    fn an_item_ends_where_the_next_starts() {
        let item = |start: usize, end: usize| Measure {
            entity: crate::model::Entity {
                kind: RuleKind::Measure,
                name: "抓好".into(),
                text: String::new(),
                provenance: crate::model::Provenance {
                    start,
                    end,
                    sentence: "".into(),
                    rule: "r".into(),
                },
                section: None,
                sentence_span: (start, end),
                view_span: (start, end),
            },
            cover: (start, end),
            section: None,
            parent: None,
        };
        let mut ms = vec![item(0, 100), item(40, 100)];
        end_items_at_the_next(&mut ms);
        assert_eq!(ms[0].cover, (0, 40));
        assert_eq!(ms[1].cover, (40, 100));
    }
}
