//! Measures listed under a sentence that introduces them with an aim: a
//! lead sentence naming a goal after an aim cue (围绕X, 为了X, 奋力实现X,
//! 全力推进X, 聚焦X目标) that announces the work after it (…重点抓好以下
//! 工作:, …一是…;二是…) makes the items that follow — enumerated items,
//! sub-headings and lead sentences, in consecutive paragraphs — serve the
//! goal by `structure`. An introduction that points back (围绕以上目标, 为
//! 完成上述目标任务) names the set of figures a sentence just before it
//! introduced (今年主要预期目标是:…): that set becomes a goal (rule
//! `goal-target-set`). The step reads the [`Context`], the goals and the
//! measures and returns (measure, goal) pairs and the new goals.

use super::slogans::Goals;
use super::{Context, Measure};
use crate::model::{Entity, RuleKind};

/// Words that point back to goals named before (围绕以上目标).
const ANAPHORS: &[&str] = &[
    "以上目标",
    "上述目标",
    "这些目标",
    "这一目标",
    "以上各项目标",
    "上述各项目标",
];

/// Cues that open an aim in an introduction, besides the `frame_cues`.
const AIM_CUES: &[&str] = &[
    "为了",
    "为实现",
    "为完成",
    "奋力实现",
    "全力推进",
    "确保实现",
    "确保完成",
];

/// Words that announce the items after an introduction.
const ANNOUNCE: &[&str] = &[
    "以下",
    "如下",
    "几个方面",
    "几项",
    "重点抓好",
    "重点做好",
    "着力抓好",
    "着力做好",
    "重点推进",
    "重点实施",
];

/// The goals introductions name and the items they introduce: (measure
/// index, goal) pairs, with the target-set goals the pairs may point to.
pub(super) struct Introduced<'g> {
    pub pairs: Vec<(usize, Introduced1<'g>)>,
    pub new_goals: Vec<Entity>,
}

/// The goal an item serves: one the rules found, or a new target set (an
/// index into `new_goals`).
#[derive(Clone, Copy)]
pub(super) enum Introduced1<'g> {
    Found(&'g Entity),
    New(usize),
}

/// Introductions and the items after them.
pub(super) fn introduced<'g>(
    cx: &Context,
    goals: &Goals<'g>,
    measures: &[Measure],
) -> Introduced<'g> {
    let text = cx.text();
    let structure = cx.structure;
    let mut out = Introduced {
        pairs: Vec::new(),
        new_goals: Vec::new(),
    };
    for (k, sentence) in structure.sentences.iter().enumerate() {
        let (ss, se) = sentence.norm;
        let body = &text[ss..se];
        let in_heading = structure.in_heading(ss);
        if in_heading || cx.words.is_guideline(body) || !announces(body) {
            continue;
        }
        let cued: Vec<_> = goals
            .within(ss, se)
            .into_iter()
            .filter(|(gs, _, _)| aim_cued(cx, &text[ss..*gs]))
            .collect();
        // Items start after the aim (一是… may follow it in its sentence).
        let (aims, from) = if let Some(last) = cued.last() {
            let aims: Vec<Introduced1> = cued.iter().map(|g| Introduced1::Found(g.2)).collect();
            (aims, last.1)
        } else if goals.within(ss, se).is_empty() {
            // (An introduction naming its own programme, 围绕这些目标,开展
            // 四大攻坚行动:一是…, introduces that programme's members.)
            let named = match points_back(cx, body) {
                Some(at) => target_set(cx, k).map(|g| (g, ss + at)),
                None => named_aim(cx, ss, se),
            };
            let Some((goal, from)) = named else { continue };
            let items = items_after(cx, measures, ss, from);
            if items.is_empty() {
                continue;
            }
            out.new_goals.push(goal);
            let g = Introduced1::New(out.new_goals.len() - 1);
            out.pairs.extend(items.into_iter().map(|mi| (mi, g)));
            continue;
        } else {
            continue;
        };
        for mi in items_after(cx, measures, ss, from) {
            out.pairs.extend(aims.iter().map(|g| (mi, *g)));
        }
    }
    out
}

/// Whether a sentence announces items after it: it ends with a colon, says
/// 以下/如下/重点抓好…, or opens its first item (…,一是).
fn announces(body: &str) -> bool {
    let body = body.trim_end();
    body.ends_with(':')
        || ANNOUNCE.iter().any(|w| body.contains(w))
        || body.contains(",一是")
        || body.contains(",一要")
}

/// Whether the text before a goal in its sentence ends in an aim cue, the
/// goal at most eight characters after it in the same clause.
fn aim_cued(cx: &Context, before: &str) -> bool {
    let clause = before.rsplit([',', ':']).next().unwrap_or(before);
    let gap_after = |end: usize| clause[end..].chars().count() <= 8;
    let frame = cx
        .words
        .last_frame_end(clause)
        .is_some_and(|e| gap_after(e) && !clause[e..].contains("作为"))
        && !clause.contains('把');
    frame
        || AIM_CUES
            .iter()
            .filter_map(|c| clause.rfind(c).map(|i| i + c.len()))
            .any(gap_after)
}

/// Where a sentence points back to goals named before it (围绕以上目标,
/// 为完成上述目标任务): the byte end of the words pointing back.
fn points_back(cx: &Context, body: &str) -> Option<usize> {
    ANAPHORS.iter().find_map(|a| {
        body.find(a)
            .filter(|i| aim_cued(cx, &body[..*i]) || body[..*i].ends_with('为'))
            .map(|i| i + a.len())
    })
}

/// The aim an introduction opens with when no goal rule named it (为了建设
/// 区域消费中心,重点抓好以下工作:): what follows its cue in the first
/// clause, without a verb of building before it or 目标 after it, as a
/// goal (rule `goal-introduced-aim`), with the byte where it ends.
fn named_aim(cx: &Context, ss: usize, se: usize) -> Option<(Entity, usize)> {
    let text = cx.text();
    let clause_end = text[ss..se].find([',', ':']).map_or(se, |i| ss + i);
    let clause = &text[ss..clause_end];
    let cue_end = AIM_CUES
        .iter()
        .chain(INTRO_FRAMES)
        .filter_map(|c| clause.find(c).map(|i| i + c.len()))
        .min()?;
    let mut aim = &clause[cue_end..];
    for verb in [
        "实现", "打造", "建设", "建成", "推进", "推动", "加快", "全面",
    ] {
        aim = aim.strip_prefix(verb).unwrap_or(aim);
    }
    let aim = aim.trim_end_matches("的目标").trim_end_matches("目标");
    let aim = aim.trim_matches(['“', '”', '"']);
    let n = aim.chars().count();
    // A generic aim (全年目标任务, 各项工作) names nothing of its own.
    let generic = ["任务", "各项", "全年", "工作", "上级"]
        .iter()
        .any(|w| aim.contains(w));
    if !(3..=14).contains(&n) || generic || aim.contains(['以', '这', '此']) {
        return None;
    }
    let s = clause_end - clause[cue_end..].len() + clause[cue_end..].find(aim)?;
    let goal = cx.entity_at(
        RuleKind::Goal,
        aim.to_string(),
        s,
        s + aim.len(),
        "goal-introduced-aim",
    );
    Some((goal, clause_end))
}

/// Frame cues that open an introduction's aim (besides [`AIM_CUES`]).
const INTRO_FRAMES: &[&str] = &["围绕", "聚焦", "锚定", "紧扣", "全力推进", "奋力推进"];

/// The set of figures a sentence at most three before sentence `k`
/// introduces (今年经济社会发展主要预期目标是:…) as a goal named by what
/// stands before 是/为/: (今年经济社会发展主要预期目标).
fn target_set(cx: &Context, k: usize) -> Option<Entity> {
    let text = cx.text();
    let sentences = &cx.structure.sentences;
    for j in (k.saturating_sub(3)..k).rev() {
        let (ss, se) = sentences[j].norm;
        let body = &text[ss..se];
        let Some(at) = body.find("目标") else {
            continue;
        };
        let end = at + "目标".len();
        let rest = &body[end..];
        let opens = rest.starts_with(':') || rest.starts_with("是:") || rest.starts_with("为:");
        let clause_start = body[..at].rfind([',', ':']).map_or(0, |i| i + 1);
        let name = body[clause_start..end].trim();
        let n = name.chars().count();
        if opens && (5..=24).contains(&n) {
            let s = ss
                + clause_start
                + (body[clause_start..].len() - body[clause_start..].trim_start().len());
            return Some(cx.entity_at(
                RuleKind::Goal,
                name.to_string(),
                s,
                ss + end,
                "goal-target-set",
            ));
        }
    }
    None
}

/// The items after the aim of an introduction starting at `ss` (its aim
/// ends at `from`): enumerated items, sub-headings and lead sentences
/// starting in the introduction's paragraph (after the aim) or in the
/// paragraphs right after, one paragraph after another, and no deeper than
/// the introduction's own section.
fn items_after(cx: &Context, measures: &[Measure], ss: usize, from: usize) -> Vec<usize> {
    let structure = cx.structure;
    let section = structure.section_at(ss);
    let mut items: Vec<usize> = (0..measures.len())
        .filter(|i| {
            let m = &measures[*i];
            let sibling_heading = m
                .section
                .is_some_and(|si| structure.sections[si].parent == section);
            let item = m.section.is_none()
                && m.parent == section
                && (m.entity.provenance.rule.starts_with("measure-enumerated")
                    || &*m.entity.provenance.rule == "measure-lead-sentence");
            m.cover.0 >= from && (sibling_heading || item)
        })
        .collect();
    items.sort_by_key(|i| measures[*i].cover.0);
    let para_index = |at: usize| structure.paragraphs.partition_point(|p| p.1 <= at);
    let mut last_para = para_index(ss);
    let mut kept = Vec::new();
    for mi in items {
        let p = para_index(measures[mi].cover.0);
        // A heading's own paragraphs come between two sibling headings.
        let heading = measures[mi].section.is_some();
        let next = p <= last_para + 1;
        if !(next || (heading && !kept.is_empty())) {
            break;
        }
        let end = measures[mi].cover.1;
        last_para = if heading {
            para_index(end.saturating_sub(1))
        } else {
            p
        };
        kept.push(mi);
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::super::{extract_speech, links_of};
    use crate::model::Relation;

    fn serves(text: &str) -> Vec<(String, String, String)> {
        links_of(&extract_speech(text), Relation::Serves)
    }

    fn has(links: &[(String, String, String)], from: &str, to: &str) -> bool {
        links
            .iter()
            .any(|(m, g, b)| m.contains(from) && g.contains(to) && b != "cooccurrence")
    }

    #[test]
    fn items_after_an_aim_introduction_serve_it() {
        let got = serves(
            "为了实现乡村振兴,今年重点抓好以下工作:\n\
             一是抓好高标准农田建设。新建农田八千亩。\n\
             二是抓好农村人居环境整治。\n\
             三是抓好村集体经济发展。\n",
        );
        for item in [
            "抓好高标准农田建设",
            "抓好农村人居环境整治",
            "抓好村集体经济发展",
        ] {
            assert!(has(&got, item, "乡村振兴"), "{item}: {got:?}");
        }
    }

    #[test]
    fn items_in_the_introducing_sentence_serve_its_aim() {
        let got =
            serves("奋力实现“三新三强”,一是抓好招商引资;二是抓好项目建设;三是抓好园区提质。\n");
        for item in ["抓好招商引资", "抓好项目建设", "抓好园区提质"] {
            assert!(has(&got, item, "三新三强"), "{item}: {got:?}");
        }
    }

    #[test]
    fn sub_headings_after_an_introduction_pointing_back_serve_the_target_set() {
        let ex = extract_speech(
            "全镇今年经济社会发展主要预期目标是:地区生产总值增长6%,一般公共预算收入增长5%。\n\
             围绕上述目标,重点做好以下几个方面工作:\n\
             (一)做强园区平台\n\
             推进标准厂房建设。\n\
             (二)做优农业产业\n\
             新建果蔬基地两个。\n",
        );
        let got = links_of(&ex, Relation::Serves);
        assert!(has(&got, "做强园区平台", "主要预期目标"), "{got:?}");
        assert!(has(&got, "做优农业产业", "主要预期目标"), "{got:?}");
    }

    #[test]
    fn an_aim_no_rule_names_becomes_a_goal_when_items_follow() {
        let ex = extract_speech(
            "为了建设区域消费中心,今年重点抓好以下工作:\n\
             一是抓好商圈提质。\n\
             二是抓好夜间经济。\n",
        );
        let got = links_of(&ex, Relation::Serves);
        assert!(has(&got, "抓好商圈提质", "区域消费中心"), "{got:?}");
        assert!(has(&got, "抓好夜间经济", "区域消费中心"), "{got:?}");
        // Without items after it, or generic, it is no goal.
        for text in [
            "为了建设区域消费中心,今年重点抓好商圈。\n",
            "围绕全年目标任务,重点抓好以下工作:\n一是抓好商圈提质。\n",
        ] {
            let ex = extract_speech(text);
            assert!(
                !ex.entities
                    .iter()
                    .any(|e| &*e.provenance.rule == "goal-introduced-aim"),
                "{text}"
            );
        }
    }

    #[test]
    fn a_plain_sentence_or_a_guideline_introduces_nothing() {
        // No announcement: the item after is not introduced.
        let got = serves(
            "全镇要围绕乡村振兴抓好春耕。\n\
             一是抓好道路养护。\n",
        );
        assert!(!has(&got, "抓好道路养护", "乡村振兴"), "{got:?}");
        // Items far from the introduction (a paragraph without items between).
        let got = serves(
            "为了实现乡村振兴,重点抓好以下工作:\n\
             一是抓好农田建设。\n\
             今年雨水偏多,汛期较长。\n\
             一是抓好道路养护。\n",
        );
        assert!(has(&got, "抓好农田建设", "乡村振兴"), "{got:?}");
        assert!(!has(&got, "抓好道路养护", "乡村振兴"), "{got:?}");
    }
}
