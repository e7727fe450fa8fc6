//! `serves` links: which goal a measure works for, and which goal works for
//! another. A measure serves a goal on the strongest basis found:
//! `structure` (an introduction counting the items after it, the member
//! whose paragraph or slot holds the measure, the nearest heading naming a
//! goal), `phrase` (its own title names the goal as its work, or a sentence
//! inside it names the goal after a serves cue: 围绕, 为…提供保障) or
//! `cooccurrence` (same paragraph). A goal serves the aim of the speech's
//! title when a top-level heading names it, and a later goal of its
//! sentence that a serves cue introduces. The steps read the [`Context`],
//! the goals, members and measures, and return links.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::intros::Introduced1;
use super::members::Members;
use super::slogans::{GoalSpan, Goals};
use super::{link, Context, Measure};
use crate::model::{Basis, Entity, Link, Relation};

/// `serves` links from measures to goals, one per (measure, goal): the
/// strongest basis found, the first found among equals; with the goals
/// introductions pointing back to a set of figures named (`intros`), and
/// whether a long paragraph was paired only within
/// [`COOCCURRENCE_WINDOW`].
pub(super) fn measures_serving_goals(
    cx: &Context,
    goals: &Goals,
    members: &Members,
    measures: &[Measure],
) -> (Vec<Link>, Vec<Entity>, bool) {
    let introduced = introductions(cx, goals, measures);
    let by_aim = super::intros::introduced(cx, goals, measures);
    let in_slot = slots(cx, goals, members, measures);
    let mut serves = Serves {
        measures,
        framed: measures
            .iter()
            .map(|m| cx.words.framed_aim(&m.entity.name))
            .collect(),
        best: BTreeMap::new(),
        windowed: false,
    };
    for &(mi, g) in &introduced {
        serves.add(mi, g, Basis::Structure, &measures[mi].entity);
    }
    for &(mi, g) in &by_aim.pairs {
        let g = match g {
            Introduced1::Found(g) => g,
            Introduced1::New(i) => &by_aim.new_goals[i],
        };
        serves.add(mi, g, Basis::Structure, &measures[mi].entity);
    }
    by_own_title(cx, goals, &mut serves);
    by_structure(cx, goals, members, &in_slot, &mut serves);
    by_cue(cx, goals, &mut serves);
    by_paragraph(cx, goals, &mut serves);
    let windowed = serves.windowed;
    let links = serves.best.into_values().map(|(_, l)| l).collect();
    let mut new_goals = by_aim.new_goals;
    new_goals.dedup_by(|a, b| a.view_span == b.view_span);
    (links, new_goals, windowed)
}

/// serves, strongest basis per (measure, goal).
struct Serves<'m> {
    measures: &'m [Measure],
    /// Per measure, the goal it only frames (围绕X names X, it does not
    /// serve it; 聚焦X建设 is the work of building X and serves it).
    framed: Vec<Option<&'m str>>,
    /// (measure, goal name) → the link and its basis's rank (lower is
    /// stronger: structure, phrase, cooccurrence).
    best: BTreeMap<(usize, Arc<str>), (u8, Link)>,
    /// A long paragraph paired measures and goals only within a window.
    windowed: bool,
}

impl Serves<'_> {
    /// Keeps a link from measure `mi` to `goal` unless one as strong is
    /// kept. A structure link names the rule of its evidence; a phrase or
    /// cooccurrence link the serves rule it rests on.
    fn add(&mut self, mi: usize, goal: &Entity, basis: Basis, evidence: &Entity) {
        let measure = &self.measures[mi].entity;
        let key = (mi, goal.name.clone());
        if goal.name == measure.name || self.framed[mi] == Some(&*goal.name) {
            return;
        }
        let rank = basis.rank();
        if self.best.get(&key).is_none_or(|(kept, _)| rank < *kept) {
            let mut l = link(Relation::Serves, measure, goal, basis, evidence);
            match basis {
                Basis::Phrase => l.provenance.rule = "serves-phrase".into(),
                Basis::Cooccurrence => l.provenance.rule = "serves-cooccurrence".into(),
                _ => {}
            }
            self.best.insert(key, (rank, l));
        }
    }
}

/// An introduction that names a goal and counts the items after it
/// (为全面建成小康社会,下半年重点抓好三点。一是…二是…三是…): those
/// items serve the goal. Returns (measure, goal) pairs.
fn introductions<'g>(
    cx: &Context,
    goals: &Goals<'g>,
    measures: &[Measure],
) -> Vec<(usize, &'g Entity)> {
    let text = cx.text();
    let mut introduced: Vec<(usize, &Entity)> = Vec::new();
    for sentence in &cx.structure.sentences {
        let (ss, se) = sentence.norm;
        let Some(count) = intro_count(&text[ss..se]) else {
            continue;
        };
        let named: Vec<&Entity> = goals
            .iter()
            .filter(|(gs, ge, _)| ss <= *gs && *ge <= se)
            .map(|(_, _, g)| *g)
            .collect();
        if named.is_empty() {
            continue;
        }
        let section = cx.structure.section_at(ss);
        let mut items: Vec<usize> = (0..measures.len())
            .filter(|i| {
                let m = &measures[*i];
                m.section.is_none()
                    && m.entity.provenance.rule.starts_with("measure-enumerated")
                    && m.cover.0 >= se
                    && m.parent == section
            })
            .collect();
        items.sort_by_key(|i| measures[*i].cover.0);
        for &mi in items.iter().take(count) {
            introduced.extend(named.iter().map(|g| (mi, *g)));
        }
    }
    introduced
}

/// The member whose slot holds a measure, inside its slogan's section.
#[derive(Clone, Copy)]
struct Slot<'g> {
    slogan: &'g Entity,
    member: &'g Entity,
    /// Whether the measure names the member itself.
    named: bool,
}

/// Slots of a slogan's members inside the slogan's section (——三件大事。
/// 着力抓好园区升级。…着力抓好城市“微”更新。…): a measure naming a member
/// serves it and the slogan, and the measures after it serve that member
/// until another member is named. Returns each measure's slot, if any.
fn slots<'g>(
    cx: &Context,
    goals: &Goals<'g>,
    members: &'g Members,
    measures: &[Measure],
) -> Vec<Option<Slot<'g>>> {
    // (member, slogan name) of every member_of link.
    let member_of: Vec<(&Entity, &str)> = members
        .links
        .iter()
        .filter(|l| l.relation == Relation::MemberOf)
        .filter_map(|l| {
            members
                .entities
                .iter()
                .find(|e| &*e.provenance.rule == "goal-member" && e.name == l.from.name)
                .map(|e| (e, &*l.to.name))
        })
        .collect();
    let prefixes = cx.rules.vocabulary().member_prefixes.as_slice();
    let mut slot: BTreeMap<usize, &Entity> = BTreeMap::new();
    let mut in_slot: Vec<Option<Slot>> = vec![None; measures.len()];
    let mut order: Vec<usize> = (0..measures.len()).collect();
    order.sort_by_key(|i| measures[*i].cover.0);
    for &mi in &order {
        let m = &measures[mi];
        let mut up = m.parent;
        let mut found = None;
        while let Some(si) = up {
            let s = &cx.structure.sections[si];
            if let Some(g) = goals
                .first_within(s.norm.0, s.heading_end)
                .filter(|g| g.provenance.rule.contains("numbered"))
            {
                found = Some((si, g));
                break;
            }
            up = s.parent;
        }
        let Some((si, slogan)) = found else { continue };
        let named = member_of
            .iter()
            .filter(|(_, g)| **g == *slogan.name)
            .map(|(member, _)| *member)
            .find(|member| names_member(&m.entity.name, &member.name, prefixes));
        if let Some(member) = named {
            slot.insert(si, member);
        }
        in_slot[mi] = slot.get(&si).map(|member| Slot {
            slogan,
            member,
            named: named.is_some(),
        });
    }
    in_slot
}

/// A measure whose own title names a goal as the work it does
/// (抓实“六稳”“六保”各项工作: the goal closes the title or comes before
/// 工作/任务) serves it; a goal that only qualifies the object (做强“三变”
/// 改革载体) does not.
fn by_own_title(cx: &Context, goals: &Goals, serves: &mut Serves) {
    let text = cx.text();
    for (mi, m) in serves.measures.iter().enumerate() {
        let (ts, te) = m.entity.view_span;
        for (_, _, g) in goals.iter().filter(|(gs, ge, _)| {
            if !(ts <= *gs && *ge <= te) {
                return false;
            }
            let after: String = text[*ge..te]
                .chars()
                .filter(|c| !matches!(c, '“' | '”' | '"') && !c.is_whitespace())
                .collect();
            let work = after.char_indices().any(|(i, _)| {
                i <= 12 && (after[i..].starts_with("工作") || after[i..].starts_with("任务"))
            });
            // The goal closes the title's first clause as the object of its
            // verb (全面推进乡村振兴,促进城乡融合发展; 坚决打赢脱贫攻坚战).
            let object = ["攻坚战", "战", "建设", ""].iter().any(|tail| {
                after
                    .strip_prefix(tail)
                    .is_some_and(|rest| rest.starts_with([',', '，', ';', '；', '。']))
                    || after == *tail
            }) && {
                // After the heading's number, if the span holds it.
                let lead = &text[ts..*gs];
                let verb = lead
                    .char_indices()
                    .rfind(|(_, c)| matches!(c, ')' | '）' | '、' | '.'))
                    .map_or(lead, |(i, c)| &lead[i + c.len_utf8()..]);
                let verb = verb.trim_start_matches(|c: char| !crate::chars::is_common_cjk(c));
                verb.chars().count() <= 6 && cx.words.has_verb(verb)
            };
            // A later clause naming the goal's progress (…,乡村振兴扎实
            // 推进): the heading's work made it.
            let progress = text[ts..*gs].contains([',', '，'])
                && cx
                    .rules
                    .vocabulary()
                    .progress_predicates
                    .iter()
                    .any(|p| after.starts_with(p.as_str()));
            after.is_empty() || work || object || progress
        }) {
            serves.add(mi, g, Basis::Phrase, &m.entity);
        }
    }
}

/// structure: the member whose paragraph holds the measure, else the
/// member whose slot holds it, else the nearest enclosing heading that
/// names a goal.
fn by_structure(
    cx: &Context,
    goals: &Goals,
    members: &Members,
    in_slot: &[Option<Slot>],
    serves: &mut Serves,
) {
    for (mi, m) in serves.measures.iter().enumerate() {
        if let Some((_, member)) = members
            .paragraphs
            .iter()
            .find(|((ps, pe), _)| *ps <= m.cover.0 && m.cover.0 < *pe)
        {
            serves.add(mi, member, Basis::Structure, &m.entity);
            continue;
        }
        if let Some(slot) = in_slot[mi] {
            serves.add(mi, slot.member, Basis::Structure, &m.entity);
            if slot.named {
                serves.add(mi, slot.slogan, Basis::Structure, &m.entity);
            }
            continue;
        }
        // Only the nearest heading: a sub-item serves what its own heading
        // names, and reaches higher goals through that heading's measure.
        if let Some(s) = m.parent.map(|si| &cx.structure.sections[si]) {
            if let Some(g) = goals.first_within(s.norm.0, s.heading_end) {
                serves.add(mi, g, Basis::Structure, &m.entity);
            }
        }
    }
}

/// phrase: a goal after a serves cue in a sentence serves the innermost
/// measure covering the sentence.
fn by_cue(cx: &Context, goals: &Goals, serves: &mut Serves) {
    let text = cx.text();
    for sentence in &cx.structure.sentences {
        let (ss, se) = sentence.norm;
        let in_sentence = goals.within(ss, se);
        // A guideline sentence lists its goals side by side: no cue in it
        // says what serves what.
        if in_sentence.is_empty() || cx.words.is_guideline(&text[ss..se]) {
            continue;
        }
        // The innermost measure covering this sentence.
        let Some(mi) = serves
            .measures
            .iter()
            .enumerate()
            .filter(|(_, m)| m.cover.0 <= ss && se <= m.cover.1.max(se) && ss < m.cover.1)
            .min_by_key(|(_, m)| m.cover.1 - m.cover.0)
            .map(|(i, _)| i)
        else {
            continue;
        };
        for (gs, ge, g) in in_sentence {
            let before = &text[ss..*gs];
            let after = &text[*ge..se];
            let rest = &after[..after.find(CLAUSE_ENDS).unwrap_or(after.len())];
            let lead = &before[before.rfind(CLAUSE_ENDS).map_or(0, |i| {
                i + before[i..].chars().next().map_or(1, char::len_utf8)
            })..];
            // A clause opening with a purpose cue names what the work before
            // it is for (（二）加强交通建设,服务全省“交通强省”建设), a
            // scope of a few characters aside, as in running text.
            let purpose_lead = super::clauses::without_number(lead).trim_end_matches(['“', '"']);
            let purposed = cx.words.opens_with_purpose(purpose_lead)
                && purpose_lead.chars().count() <= 6
                && !purpose_lead.contains('、');
            if cx.words.has_cue(before) || cx.words.is_purpose(lead, rest) || purposed {
                serves.add(mi, g, Basis::Phrase, g);
            }
        }
    }
}

/// What ends a clause in the view, for [`by_cue`]'s purpose test
/// (为G建设提供支撑: the goal's own clause).
const CLAUSE_ENDS: [char; 6] = [',', '，', ';', '；', '。', ':'];

/// Paragraphs longer than this (bytes of the view, about 2,700
/// characters) pair a measure only with the goals this near it: a
/// paragraph that lost its breaks (a whole report on one line) would pair
/// every measure with every goal, in time and links that grow with the
/// square of its length.
pub(super) const COOCCURRENCE_WINDOW: usize = 8000;

/// cooccurrence: every measure starting in a paragraph serves every goal
/// inside it, when nothing stronger was found (within
/// [`COOCCURRENCE_WINDOW`] of each other in a long paragraph).
fn by_paragraph(cx: &Context, goals: &Goals, serves: &mut Serves) {
    // Measures by where they start, so each paragraph finds its own by
    // binary search (a scan of every measure per paragraph was quadratic).
    let mut by_start: Vec<usize> = (0..serves.measures.len()).collect();
    by_start.sort_by_key(|&mi| (serves.measures[mi].cover.0, mi));
    for &(ps, pe) in &cx.structure.paragraphs {
        let starts = |mi: &usize| serves.measures[*mi].cover.0;
        let lo = by_start.partition_point(|mi| starts(mi) < ps);
        let hi = by_start.partition_point(|mi| starts(mi) < pe);
        let mut in_para: Vec<usize> = by_start[lo..hi.max(lo)].to_vec();
        in_para.sort_unstable();
        if pe - ps <= COOCCURRENCE_WINDOW {
            for (_, _, g) in goals.within(ps, pe) {
                for &mi in &in_para {
                    serves.add(mi, g, Basis::Cooccurrence, g);
                }
            }
            continue;
        }
        serves.windowed = true;
        in_para.sort_by_key(|&mi| (serves.measures[mi].cover.0, mi));
        for (gs, _, g) in goals.within(ps, pe) {
            let starts = |mi: &usize| serves.measures[*mi].cover.0;
            let lo = in_para.partition_point(|mi| starts(mi) + COOCCURRENCE_WINDOW < *gs);
            let hi = in_para.partition_point(|mi| starts(mi) <= gs + COOCCURRENCE_WINDOW);
            for &mi in &in_para[lo..hi.max(lo)] {
                serves.add(mi, g, Basis::Cooccurrence, g);
            }
        }
    }
}

/// Goals serving goals. A slogan named in a top-level heading serves the
/// aim in the speech's title (抓好“七项重点工作” in a speech titled
/// 推动经济社会高质量发展); inside a sentence, a goal serves a later one that
/// a serves cue introduces (…“七项重点工作”…推动高质量发展…), unless both
/// are members of one slogan (以A为抓手推进工业强镇,以B为抓手推动商贸活镇:
/// siblings side by side). One link per (goal, goal), the first found, in
/// name order.
pub(super) fn goals_serving_goals(cx: &Context, goals: &Goals, members: &Members) -> Vec<Link> {
    let text = cx.text();
    let parents = |name: &str| -> Vec<&str> {
        members
            .links
            .iter()
            .filter(|l| l.relation == Relation::MemberOf && &*l.from.name == name)
            .map(|l| &*l.to.name)
            .collect()
    };
    let siblings = |a: &str, b: &str| {
        let of_b = parents(b);
        parents(a).iter().any(|p| of_b.contains(p))
    };
    let structure = cx.structure;
    let mut goal_links: BTreeMap<(Arc<str>, Arc<str>), Link> = BTreeMap::new();
    if let Some((ts, te)) = structure.title_span {
        let aims: Vec<&Entity> = goals
            .iter()
            .filter(|(gs, ge, _)| ts <= *gs && *ge <= te)
            .map(|(_, _, g)| *g)
            .collect();
        for section in structure.sections.iter().filter(|s| s.level == 1) {
            if let Some(g) = goals.first_within(section.norm.0, section.heading_end) {
                for aim in aims.iter().filter(|a| a.name != g.name) {
                    goal_links
                        .entry((g.name.clone(), aim.name.clone()))
                        .or_insert_with(|| link(Relation::Serves, g, aim, Basis::Structure, g));
                }
            }
        }
    }
    for sentence in &structure.sentences {
        let (ss, se) = sentence.norm;
        if cx.words.is_guideline(&text[ss..se]) {
            continue;
        }
        let in_sentence: Vec<&GoalSpan> = goals.within(ss, se);
        for (i, (_, ae, a)) in in_sentence.iter().enumerate() {
            for (bs, _, b) in in_sentence.iter().skip(i + 1) {
                if a.name == b.name || bs < ae {
                    continue;
                }
                if cx.words.has_cue(&text[*ae..*bs]) && !siblings(&a.name, &b.name) {
                    goal_links
                        .entry((a.name.clone(), b.name.clone()))
                        .or_insert_with(|| link(Relation::Serves, a, b, Basis::Phrase, a));
                }
            }
        }
    }
    goal_links.into_values().collect()
}

/// Whether a measure's name names a member of a slogan: it contains the
/// member, or the member's characters in order within a few more
/// (着力抓好城市“微”更新 names 城市更新), or the member without a prefix of
/// the `member_prefixes` vocabulary (打好精准招商…突围战 names 大招商).
fn names_member(measure: &str, member: &str, prefixes: &[String]) -> bool {
    let m: Vec<char> = measure
        .chars()
        .filter(|c| !matches!(c, '“' | '”' | '"'))
        .collect();
    let g: Vec<char> = member.chars().collect();
    if g.len() < 2 {
        return false;
    }
    for start in (0..m.len()).filter(|i| m[*i] == g[0]) {
        let mut k = 1;
        let mut end = start + 1;
        while k < g.len() && end < m.len() && end - start < g.len() + 3 {
            if m[end] == g[k] {
                k += 1;
            }
            end += 1;
        }
        if k == g.len() {
            return true;
        }
    }
    prefixes.iter().any(|p| {
        member.strip_prefix(p.as_str()).is_some_and(|rest| {
            rest.chars().count() >= 2 && m.iter().collect::<String>().contains(rest)
        })
    })
}

/// How many items an introduction announces at its end: 重点抓好三点。,
/// 抓好以下几个方面: (几 counts every item that follows).
fn intro_count(sentence: &str) -> Option<usize> {
    use std::sync::OnceLock;
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(
            r"(?P<n>[一二两三四五六七八九十几]{1,2})(?:点|个方面|项重点工作|件事)(?:工作)?[。:]$",
        )
        .expect("introduction regex")
    });
    // Every match ends with one of these characters and then 。 or :
    // (most sentences end otherwise, and need no search).
    let sentence = sentence.trim_end();
    let mut last = sentence.chars().rev();
    if !matches!(last.next(), Some('。' | ':'))
        || !matches!(last.next(), Some('点' | '面' | '作' | '事'))
    {
        return None;
    }
    let n = re.captures(sentence)?.name("n")?.as_str();
    if n == "几" {
        return Some(usize::MAX);
    }
    let n = crate::extract::numerals::parse_chinese(n)?;
    (n >= 2.0).then_some(n as usize)
}

#[cfg(test)]
mod tests {
    use super::super::{extract_speech, links_of};
    use super::*;

    fn serves(text: &str) -> Vec<(String, String, String)> {
        links_of(&extract_speech(text), Relation::Serves)
    }

    fn has(links: &[(String, String, String)], from: &str, to: &str, basis: &str) -> bool {
        links.contains(&(from.into(), to.into(), basis.into()))
    }

    #[test]
    fn a_measure_under_a_goal_heading_serves_it_by_structure() {
        let got = serves(
            "在全县农业农村工作会议上的讲话\n\n\
             一、聚焦乡村振兴\n\n\
             (一)抓好高标准农田建设\n\n\
             今年新建高标准农田两万亩。\n",
        );
        assert!(
            has(&got, "抓好高标准农田建设", "乡村振兴", "structure"),
            "{got:?}"
        );
    }

    #[test]
    fn a_measure_that_only_frames_a_goal_does_not_serve_it() {
        let got = serves(
            "全区要围绕建设“长江先进制造集聚区、产城融合示范新城”的目标,扎实推进各项工作。\n\
             三、下步重点工作\n\
             一是围绕长江先进制造集聚区,推动在建产业项目早投产。\n\
             二是聚焦产城融合示范新城,加快人才公寓建设。\n",
        );
        assert!(
            has(
                &got,
                "推动在建产业项目早投产",
                "长江先进制造集聚区",
                "structure"
            ),
            "{got:?}"
        );
        assert!(
            !got.iter()
                .any(|(m, _, _)| m.starts_with("围绕") || m.starts_with("聚焦")),
            "{got:?}"
        );
    }

    #[test]
    fn a_goal_after_a_cue_in_a_measure_is_served_by_phrase() {
        let got = serves(
            "一要抓好产业扶贫。围绕全面建成小康社会,新建扶贫车间十个。\n\n\
             二要抓好就业帮扶。全年培训农民工三千人次。\n",
        );
        assert!(
            has(&got, "抓好产业扶贫", "全面建成小康社会", "phrase"),
            "{got:?}"
        );
        assert!(!got.iter().any(|(m, _, _)| m == "抓好就业帮扶"), "{got:?}");
    }

    #[test]
    fn a_review_heading_naming_its_goals_progress_serves_it_by_phrase() {
        let got = serves(
            "一、2025年工作回顾\n(一)坚持农业农村优先发展,乡村振兴扎实推进。新建高标准农田2万亩。\n",
        );
        assert!(
            has(
                &got,
                "坚持农业农村优先发展,乡村振兴扎实推进",
                "乡村振兴",
                "phrase"
            ),
            "{got:?}"
        );
    }

    #[test]
    fn a_heading_working_for_a_goal_after_wei_serves_it_by_phrase() {
        let got = serves(
            "全镇围绕建设“工业强镇、旅游兴镇”的目标,真抓实干。\n             (一)做优园区配套,为“工业强镇”提供平台支撑。新建标准厂房3万平方米。\n             (二)办好节会活动,为游客提供优质服务。\n",
        );
        assert!(
            has(
                &got,
                "做优园区配套,为工业强镇提供平台支撑",
                "工业强镇",
                "phrase"
            ),
            "{got:?}"
        );
        // 为 before no goal (为游客提供…) serves nothing by phrase.
        assert!(
            !got.iter()
                .any(|(m, _, b)| m.starts_with("办好节会活动") && b == "phrase"),
            "{got:?}"
        );
    }

    #[test]
    fn a_heading_closing_with_a_purpose_cue_serves_its_goal_by_phrase() {
        // 服务 is no serves cue anywhere in a sentence (便民服务), but a
        // clause opening with it, a scope aside, names the work's purpose.
        let got = serves(
            "一、2026年重点工作\n(一)加强交通基础设施建设,服务全省“交通强省”建设。新建公路20公里。\n",
        );
        assert!(
            has(
                &got,
                "加强交通基础设施建设,服务全省交通强省建设",
                "交通强省",
                "phrase"
            ),
            "{got:?}"
        );
        // 为实现G目标提供保证 names the purpose as 为G提供 does.
        let got = serves("(四)加强党的建设,为实现“三区一城”目标提供坚强保证。开展学习教育。\n");
        assert!(
            has(
                &got,
                "加强党的建设,为实现三区一城目标提供坚强保证",
                "三区一城",
                "phrase"
            ),
            "{got:?}"
        );
        // So does one opening a numbered heading.
        let got = serves("(三)服务西部绿色食品产业基地建设,壮大三大主导产业。推进加工园扩区。\n");
        assert!(
            has(
                &got,
                "服务西部绿色食品产业基地建设,壮大三大主导产业",
                "西部绿色食品产业基地",
                "phrase"
            ),
            "{got:?}"
        );
        // The same in running text under an enumerated measure; but a
        // slogan of two aims after 赋能 is no purpose clause.
        let got = serves("三要发挥优势。我们要抓牢窗口期,扬长补短、扬优成势,助力跨越崛起。\n");
        assert!(has(&got, "发挥优势", "跨越崛起", "phrase"), "{got:?}");
        let got =
            serves("三要发挥优势。我们要抓牢窗口期,扬长补短、扬优成势,赋能赶超、跨越崛起。\n");
        assert!(!has(&got, "发挥优势", "跨越崛起", "phrase"), "{got:?}");
    }

    #[test]
    fn a_heading_whose_first_clause_works_on_a_goal_serves_it_by_phrase() {
        let got = serves(
            "一、坚决打赢脱贫攻坚战。\n\n今年新建扶贫车间3个。\n\n\
             二、全面推进乡村振兴,促进城乡融合发展\n\n新建高标准农田2万亩。\n",
        );
        assert!(
            has(&got, "坚决打赢脱贫攻坚战", "脱贫攻坚", "phrase"),
            "{got:?}"
        );
        assert!(
            has(
                &got,
                "全面推进乡村振兴,促进城乡融合发展",
                "乡村振兴",
                "phrase"
            ),
            "{got:?}"
        );
        // A goal that opens the heading is its topic, not the work's object.
        let got = serves("三、乡村振兴开局良好\n\n新建高标准农田2万亩。\n");
        assert!(
            !has(&got, "乡村振兴开局良好", "乡村振兴", "phrase"),
            "{got:?}"
        );
    }

    #[test]
    fn a_goal_serves_a_later_goal_a_cue_introduces() {
        let got = serves("全区上下要以“两城同创”为统领,推动经济社会高质量发展。\n");
        assert!(has(&got, "两城同创", "高质量发展", "phrase"), "{got:?}");
    }

    #[test]
    fn goals_listed_in_a_guideline_sentence_serve_nothing_by_cue() {
        let got = serves(
            "二、今年工作的总体要求\n\n             (一)总体思路\n\n             坚持稳中求进工作总基调,推动高质量发展,促进共同富裕,全面推进乡村振兴。\n",
        );
        assert!(
            !got.iter()
                .any(|(m, g, b)| m == "总体思路" && b == "phrase" && g == "高质量发展"),
            "{got:?}"
        );
        assert!(
            !got.iter()
                .any(|(a, b, _)| a == "高质量发展" && b == "共同富裕"),
            "{got:?}"
        );
    }

    #[test]
    fn names_of_members_inside_measures() {
        let prefixes = ["大".to_string()];
        assert!(names_member("着力抓好城市“微”更新", "城市更新", &prefixes));
        assert!(names_member("打好精准招商突围战", "大招商", &prefixes));
        assert!(!names_member("抓好春耕生产", "城市更新", &prefixes));
    }

    #[test]
    fn introductions_count_their_items() {
        assert_eq!(intro_count("下半年重点抓好三点。"), Some(3));
        assert_eq!(intro_count("要抓好以下几个方面:"), Some(usize::MAX));
        assert_eq!(intro_count("抓好三点工作的落实。"), None);
    }
}
