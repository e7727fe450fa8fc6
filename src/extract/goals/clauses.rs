//! `serves` read between the clauses of one sentence, where a report says
//! which aim its actions work for without an outline. A sentence is cut at
//! `;` and its parts at commas; each clause that works for a goal becomes a
//! measure (rule `measure-cue-clause`) serving it by `phrase`:
//! - a **frame** clause (围绕“六稳”“六保”, 锚定…目标, 把稳增长作为首要任务)
//!   frames the first action clause after it (before a clause naming a
//!   goal), and the rest of its own clause (围绕“四新”主攻“四化”); in a
//!   guideline sentence (总基调, 为指导), whose goals are listed side by
//!   side, a frame reaches the one clause after it and no cue links them;
//! - a **means** clause (以科技创新为引领) serves the goals of the next
//!   clause that names one;
//! - a clause whose subject plays a part in a goal (园区在乡村振兴中发挥
//!   带动作用) serves it;
//! - a goal after a cue inside a later clause (…,推动经济社会高质量发展;
//!   …,为…发展奠定坚实基础) is served by the part's lead clause, and a lead
//!   clause naming its own goal after a cue (坚持以大项目来支撑稳增长)
//!   serves it itself.
//!
//! The step reads the [`Context`] and the goals and returns the new
//! measures and their links.

use std::collections::BTreeSet;
use std::sync::Arc;

use super::slogans::{GoalSpan, Goals};
use super::{clean_title, link, Context};
use crate::model::{Basis, Entity, Link, Relation, RuleKind};

/// One clause of a sentence part: its view span and the goals inside.
struct Clause<'a, 'g> {
    start: usize,
    end: usize,
    goals: Vec<&'a GoalSpan<'g>>,
}

/// Measures and `serves` links read from cue clauses.
pub(super) fn cue_clauses(cx: &Context, goals: &Goals) -> (Vec<Entity>, Vec<Link>) {
    let text = cx.text();
    let mut out = Found::default();
    // The frame of the paragraph so far, and where the paragraph ends.
    let mut framing: Option<(Framing, usize)> = None;
    for sentence in &cx.structure.sentences {
        let (ss, se) = sentence.norm;
        // A heading names its section's work; the outline passes read it.
        let heading = cx.structure.in_heading(ss);
        framing = framing.filter(|(_, pe)| ss < *pe && !heading);
        if let Some((f, _)) = &framing {
            parallel_sentences(cx, f, (ss, se), &mut out);
        }
        if heading || goals.within(ss, se).is_empty() {
            continue;
        }
        let para_end = cx.structure.paragraph_at(ss).map_or(se, |p| p.1);
        let guideline = cx.words.is_guideline(&text[ss..se]);
        for (ps, pe) in split(text, ss, se, &[';', '。', '!', '?', ':', '\n']) {
            let clauses: Vec<Clause> = split(text, ps, pe, &[','])
                .into_iter()
                .map(|(s, e)| Clause {
                    start: s,
                    end: e,
                    goals: goals.within(s, e),
                })
                .collect();
            if clauses.iter().all(|c| c.goals.is_empty()) {
                continue;
            }
            if let Some(f) = frames(cx, &clauses, guideline, &mut out) {
                framing = Some((f, para_end));
            }
            plays_a_part(cx, &clauses, &mut out);
            means_and_leads(cx, &clauses, guideline, &mut out);
        }
    }
    (out.measures, out.links)
}

/// What the step found: measures (one per span) and links (one per pair).
#[derive(Default)]
struct Found {
    measures: Vec<Entity>,
    links: Vec<Link>,
    pairs: BTreeSet<(Arc<str>, Arc<str>)>,
    spans: BTreeSet<(usize, usize)>,
}

impl Found {
    /// The view bytes `s..e` as a measure serving `goal`, when they name
    /// an action of at least three characters.
    fn serve(&mut self, cx: &Context, (s, e): (usize, usize), goal: &Entity) {
        let name = clean_title(cx.text()[s..e].trim_start_matches(['“', '”', '"']));
        if name.chars().count() < 3 || name == *goal.name {
            return;
        }
        let measure = cx.entity_at(RuleKind::Measure, name, s, e, "measure-cue-clause");
        if self.pairs.insert((measure.name.clone(), goal.name.clone())) {
            let mut l = link(Relation::Serves, &measure, goal, Basis::Phrase, &measure);
            l.provenance.rule = "serves-clause".into();
            self.links.push(l);
        }
        if self.spans.insert((s, e)) {
            self.measures.push(measure);
        }
    }
}

/// The spans of `text[s..e]` between the `stops`, trimmed of white space,
/// empty ones left out.
pub(super) fn split(text: &str, s: usize, e: usize, stops: &[char]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut from = s;
    for (i, c) in text[s..e].char_indices() {
        if stops.contains(&c) || (c == '，' && stops.contains(&',')) {
            spans.push((from, s + i));
            from = s + i + c.len_utf8();
        }
    }
    spans.push((from, e));
    spans
        .into_iter()
        .filter_map(|(a, b)| {
            let piece = &text[a..b];
            let a2 = a + (piece.len() - without_number(piece).len());
            let b2 = a + piece.trim_end().len();
            (a2 < b2).then_some((a2, b2))
        })
        .collect()
}

/// A clause without the white space and item number it opens with
/// ((一), 〔1〕, 2、, 三是, 第三节).
pub(super) fn without_number(s: &str) -> &str {
    use std::sync::OnceLock;
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(
            r"^\s*(?:[(（〔\[][一二三四五六七八九十0-9]{1,3}[)）〕\]]|[一二三四五六七八九十0-9]{1,3}[、.]|[一二三四五六七八九十]{1,2}是|第[一二三四五六七八九十]{1,3}[章节篇])?\s*",
        )
        .expect("item number regex")
    });
    re.find(s).map_or(s, |m| &s[m.end()..])
}

/// Characters of `s` other than quote marks.
fn chars_of(s: &str) -> usize {
    s.chars().filter(|c| !matches!(c, '“' | '”' | '"')).count()
}

/// The goals a clause frames: each within six characters after a frame
/// cue (围绕实现“十四五”目标, 锚定…要求、聚焦市委确定的…工作), and each
/// that follows a framed one joined by quotes or a conjunction (“六稳”“六保”).
fn framed<'a, 'g>(cx: &Context, c: &Clause<'a, 'g>) -> Vec<&'a GoalSpan<'g>> {
    let text = cx.text();
    let mut out: Vec<&GoalSpan> = Vec::new();
    let mut from = c.start;
    if let Some(first) = c.goals.first().filter(|g| opens_with_purpose(cx, c, g)) {
        out.push(first);
        from = first.1;
    }
    for g in &c.goals {
        if g.0 < from {
            continue;
        }
        let joined = !out.is_empty()
            && text[from..g.0]
                .chars()
                .all(|c| matches!(c, '“' | '”' | '"' | '和' | '与' | '及' | '、'));
        // 把X作为G的抓手: X serves G, the clause frames nothing.
        let cued = cx.words.last_frame_end(&text[from..g.0]).is_some_and(|fe| {
            let gap = &text[from + fe..g.0];
            chars_of(gap) <= 6 && !gap.contains("作为")
        });
        if joined || cued {
            out.push(g);
        } else if !out.is_empty() {
            break;
        }
        from = g.1;
    }
    out
}

/// Whether a clause opens with its goal's purpose: a purpose cue (助力共同
/// 富裕, 服务县域经济高质量发展), 为 with a cue after the goal (为乡村振兴
/// 提供有力保障), or the goal as the scene of the work (在推进乡村振兴中).
/// Such a clause frames the action clauses after it and is no measure.
fn opens_with_purpose(cx: &Context, c: &Clause, g: &GoalSpan) -> bool {
    let text = cx.text();
    if g.0 < c.start {
        return false;
    }
    let before = without_modal(&text[c.start..g.0]).trim_end_matches(['“', '"']);
    let after = &text[g.1..c.end];
    chars_of(before) <= 8
        && (cx.words.opens_with_purpose(before)
            || (before.starts_with('为') && cx.words.has_clause_cue(after))
            || (before.starts_with('在') && ["中", "过程中", "工作中"].contains(&after.trim())))
}

/// Whether a clause opens with an action: a work verb or lead word, or a
/// lead word after at most three characters (必须在推动…, 重点打造…), or
/// 以, or 把 among its first three characters (始终把…作为首要任务).
fn is_action(cx: &Context, text: &str) -> bool {
    if text.starts_with('以')
        || text.chars().take(3).any(|c| c == '把')
        || cx.words.opening(text, 0).is_some()
    {
        return true;
    }
    text.char_indices()
        .skip(1)
        .take(3)
        .any(|(i, _)| cx.words.opens_with_lead(&text[i..]))
}

/// The view span of the project a clause opens with (…物流中心项目总投资
/// 12.6亿元), if it does.
fn opening_project(cx: &Context, clause: &Clause) -> Option<(usize, usize)> {
    let at = cx
        .entities
        .partition_point(|e| e.view_span.0 < clause.start);
    cx.entities[at..]
        .iter()
        .take_while(|e| e.view_span.0 == clause.start)
        .find(|e| e.kind == RuleKind::Project && e.view_span.1 <= clause.end)
        .map(|e| e.view_span)
}

/// Whether a clause names the projects the text is about as its subject
/// (这次集中开工的XX个项目, 这些优质项目的顺利实施和建成): before a
/// purpose (…,必将为高质量发展注入新的动能) they are the work done for it.
fn names_these_projects(clause: &str) -> bool {
    ["这次", "这些", "这批", "此次", "本次", "上述"]
        .iter()
        .any(|w| clause.starts_with(w))
        && clause.contains("项目")
}

/// Whether a clause only names the occasion or standard of the work after
/// it (以此次集中开工为契机, 以更高标准为要求): 以X为 and a word that is no
/// `means_roles` role closing it.
fn is_occasion(cx: &Context, clause: &str) -> bool {
    clause.starts_with('以')
        && clause.rfind('为').is_some_and(|i| {
            let role = &clause[i + '为'.len_utf8()..];
            !role.is_empty() && chars_of(role) <= 3 && cx.words.means_role(role).is_none()
        })
}

/// A clause without the modal or manner words it may open with (要以…为
/// 载体, 必须坚持以…, 始终把…).
/// A clause without the subject that opens it (我们要以…, 全县上下要…):
/// the measure it names.
fn without_subject(text: &str) -> &str {
    [
        "我们",
        "全县上下",
        "全区上下",
        "全市上下",
        "全镇上下",
        "各级各部门",
        "全县",
        "全区",
        "全市",
        "全镇",
    ]
    .iter()
    .find_map(|subject| text.strip_prefix(subject))
    .unwrap_or(text)
}

fn without_modal(text: &str) -> &str {
    // A time first (明年要以…, 今年我们要…) says when, not what.
    let text = ["今年", "明年", "下一步", "下半年", "今后"]
        .iter()
        .find_map(|w| text.strip_prefix(w))
        .unwrap_or(text);
    let mut t = without_subject(text);
    for modal in ["要", "必将", "也将", "还将", "将", "必须", "始终", "坚持"] {
        t = t.strip_prefix(modal).unwrap_or(t);
    }
    t
}

/// Whether a clause opens with its own means (坚持以大项目来支撑稳增长;
/// 把X作为G的抓手 is told by the caller).
fn opens_with_means(text: &str) -> bool {
    without_modal(text).starts_with('以')
}

/// The means of a clause that names it and then the work on a goal
/// (以古城保护利用为抓手推动历史文化名城建设): the byte range of
/// 以X为抓手 inside `before`, the clause up to the goal, when a work verb
/// of at most four characters follows the role word.
fn inline_means(cx: &Context, before: &str) -> Option<(usize, usize)> {
    let t = without_modal(before);
    let from = before.len() - t.len();
    let rest = t.strip_prefix('以')?;
    // The last 为 that a role word follows: 以为民办实事为抓手 keeps its 为民.
    let (at, len) = rest.rmatch_indices('为').find_map(|(i, _)| {
        cx.words
            .means_role(&rest[i + '为'.len_utf8()..])
            .map(|l| (i, l))
    })?;
    if chars_of(&rest[..at]) < 2 {
        return None;
    }
    let end = at + '为'.len_utf8() + len;
    let verb = rest[end..].trim_start_matches(['“', '"']);
    let verb_len = cx.words.opening(verb, 0)?.len();
    (chars_of(&verb[..verb_len]) <= 4 && chars_of(verb) <= 6)
        .then(|| (from, from + '以'.len_utf8() + end))
}

/// Frame clauses: the action clauses after one (up to the next clause
/// naming a goal; each of a list of actions opening with one verb) and the
/// rest of its own clause serve the framed goals. Returns the last frame
/// outside a guideline, for the parallel sentences after it.
fn frames<'g>(
    cx: &Context,
    clauses: &[Clause<'_, 'g>],
    guideline: bool,
    out: &mut Found,
) -> Option<Framing<'g>> {
    let text = cx.text();
    let mut framing = None;
    for (k, c) in clauses.iter().enumerate() {
        let framed = framed(cx, c);
        let Some(last) = framed.last() else { continue };
        // A purpose or scene (为G提供保障, 在推进G中) frames; the rest of its
        // clause is no action.
        let purpose = opens_with_purpose(cx, c, framed[0]);
        let rest = text[last.1..c.end].trim_start_matches(['“', '”', '"']);
        let rest_start = c.end - rest.len();
        // 围绕乡村振兴抓好农田建设: a rest opening with a work verb and an
        // object is an action even when it ends like a tail (…建设).
        let action = !cx.words.opens_with_tail(rest)
            && cx
                .words
                .opening(rest, 0)
                .is_some_and(|v| chars_of(&rest[v.len()..]) >= 2);
        if !purpose && (action || !cx.words.is_frame_tail(rest)) && chars_of(rest) >= 3 {
            for g in &framed {
                out.serve(cx, (rest_start, c.end), g.2);
            }
        }
        if let Some(next) = framed_action(cx, &clauses[k + 1..], guideline) {
            for span in parallel_parts(cx, next.start, next.end) {
                for g in &framed {
                    out.serve(cx, span, g.2);
                }
            }
            if !guideline {
                framing = Some(Framing {
                    opener: opener(cx, &text[next.start..next.end]).to_string(),
                    goals: framed.iter().map(|g| g.2).collect(),
                });
            }
        }
    }
    framing
}

/// A frame whose action clause opens a paragraph's parallel sentences
/// (围绕X,必须在…中提升A。必须在…中激发B。): the opener they repeat and
/// the goals they serve.
struct Framing<'g> {
    opener: String,
    goals: Vec<&'g Entity>,
}

/// What a parallel sentence repeats of a framed action clause: its work
/// verb (坚持, 加快), else its first three characters (必须在).
fn opener<'t>(cx: &Context, clause: &'t str) -> &'t str {
    if let Some(verb) = cx.words.opening(clause, 0) {
        return verb;
    }
    let end = clause
        .char_indices()
        .nth(3)
        .map_or(clause.len(), |(i, _)| i);
    &clause[..end]
}

/// The parts of a clause listing actions that open with one verb
/// (坚持项目为王、坚持招商引资、坚持优化服务), else the whole clause.
fn parallel_parts(cx: &Context, s: usize, e: usize) -> Vec<(usize, usize)> {
    let text = cx.text();
    let parts = split(text, s, e, &['、']);
    let verb = cx.words.opening(text, s);
    let alike = verb.is_some_and(|v| {
        parts.len() >= 2
            && parts
                .iter()
                .all(|(ps, pe)| text[*ps..*pe].starts_with(v) && chars_of(&text[*ps..*pe]) >= 4)
    });
    if alike {
        parts
    } else {
        vec![(s, e)]
    }
}

/// Sentences of a paragraph after a framing sentence that open as its
/// framed action did (必须在…中激发发展驱动力。) serve the frame's goals:
/// their first clause is the measure.
fn parallel_sentences(cx: &Context, framing: &Framing, (ss, se): (usize, usize), out: &mut Found) {
    let text = cx.text();
    let body = &text[ss..se];
    if framing.opener.chars().count() < 2 || !body.starts_with(&framing.opener) {
        return;
    }
    let Some(&(cs, ce)) = split(text, ss, se, &[',', '。', ';', '!', '?', ':']).first() else {
        return;
    };
    for g in &framing.goals {
        out.serve(cx, (cs, ce), g);
    }
}

/// The first action clause after a frame (within two clauses; the next one
/// in a guideline sentence). A clause naming a goal ends the search; outside
/// a guideline it is framed itself when it carries out a numbered slogan
/// without a cue (围绕A,聚力实施B、C两项重点工作: the work serves A).
fn framed_action<'c, 'a, 'g>(
    cx: &Context,
    after: &'c [Clause<'a, 'g>],
    guideline: bool,
) -> Option<&'c Clause<'a, 'g>> {
    let text = cx.text();
    let reach = if guideline { 1 } else { 2 };
    for n in after.iter().take(reach) {
        let action = is_action(cx, &text[n.start..n.end]);
        // A goal named as the scene of the action (在推动高质量发展中提升…)
        // is no aim of the clause.
        let scene = n.goals.iter().all(|g| {
            let before = &text[n.start..g.0];
            text[g.1..n.end].starts_with('中')
                && before
                    .rfind('在')
                    .is_some_and(|at| chars_of(&before[at..]) <= 6)
        });
        if n.goals.is_empty() || scene {
            if action {
                return Some(n);
            }
            continue;
        }
        // Its goals are programmes of work it carries out (numbered
        // slogans: 三项重点工作) or places it builds (打造…产业高地), not
        // aims it is for (为…巩固成果).
        let own_work = n.goals.iter().all(|g| {
            let rule = &g.2.provenance.rule;
            (rule.contains("numbered") || &**rule == "goal-coined-aim") && !cued(cx, n, g)
        });
        let purpose = text[n.start..n.end].starts_with('为');
        return (action && !guideline && own_work && !purpose && framed(cx, n).is_empty())
            .then_some(n);
    }
    None
}

/// A clause that says something works for a goal by the part it plays in
/// it (园区在乡村振兴中发挥带动作用, 为…提供有力支撑 is read by [`cued`]):
/// the clause's subject before 在 serves the goal, else the whole clause.
fn plays_a_part(cx: &Context, clauses: &[Clause], out: &mut Found) {
    let text = cx.text();
    for c in clauses {
        for g in &c.goals {
            let before = &text[c.start..g.0];
            let after = &text[g.1..c.end];
            let Some(at) = before.rfind('在') else {
                continue;
            };
            // 发挥 after the goal (X在G中发挥…作用) or before the subject
            // (发挥X在G中的…作用): then the subject starts after it.
            let verb_before = before[..at].rfind("发挥").map(|v| v + "发挥".len());
            let role = after.starts_with(['中', '上'])
                && after.contains("作用")
                && (after.contains("发挥") || verb_before.is_some());
            if chars_of(&before[at..]) > 8 {
                continue;
            }
            if !role {
                // The goal as the scene of the action after it in the same
                // clause (要在推进新型城镇化中提升县城承载能力): that
                // action serves it.
                let action = ["过程中", "工作中", "中"]
                    .iter()
                    .find_map(|w| after.strip_prefix(w))
                    .filter(|a| c.goals.len() == 1 && chars_of(a) >= 4 && is_action(cx, a));
                if let Some(action) = action {
                    out.serve(cx, (c.end - action.len(), c.end), g.2);
                }
                continue;
            }
            let from = verb_before.map_or(0, |v| {
                v + before[v..].len() - before[v..].trim_start_matches(['好', '出']).len()
            });
            let subject = &before[..at].trim_end_matches(['要', '将', '能', '更'])[from..];
            let (c_start, subject_start) = (c.start, c.start + from);
            let lead = subject.len() - subject.trim_start_matches(['要', '让', '使']).len();
            let span = if chars_of(&subject[lead..]) >= 2 {
                (subject_start + lead, subject_start + subject.len())
            } else {
                (c_start, c.end)
            };
            out.serve(cx, span, g.2);
        }
    }
}

/// Whether the clause opens with a work verb whose object is the goal's
/// building (加强生态宜居名城建设, 推进“健康临江”建设): the work on the
/// goal itself, however short.
fn builds(cx: &Context, c: &Clause, g: &GoalSpan) -> bool {
    let text = cx.text();
    builds_name(cx, &text[c.start..g.0], &text[g.1..c.end])
}

/// What a clause does to a goal it works on as a whole. (做好“六稳”工作 and
/// 落实“六保”任务 restate aims more often than they name work: with 工作
/// and 任务 here the web measure half lost serves precision .50 → .46.)
const WORKS: [&str; 1] = ["建设"];

/// Whether a name between `before` (its clause up to the name) and `after`
/// (the rest of the clause) is what the work verbs the clause opens with
/// build: 加强|生态宜居名城|建设, 全面推进|“平安临江”|建设. The work must
/// close the clause (整合…建设、…等资源 works on resources).
pub(super) fn builds_name(cx: &Context, before: &str, after: &str) -> bool {
    let mut verbs = without_modal(before).trim_end_matches(['“', '"']);
    let after = after.trim_start_matches(['”', '"']);
    let work = after.trim_end_matches(['。', ';', '!', '?']).trim_end();
    // A frame (围绕…中心建设,) sets the aim of the clauses after it.
    if !WORKS.contains(&work) || verbs.is_empty() || cx.words.opens_with_frame(verbs) {
        return false;
    }
    // Nothing but work verbs and leads before the name (扎实|做好).
    while let Some(v) = cx.words.opening(verbs, 0).filter(|v| !v.is_empty()) {
        verbs = &verbs[v.len()..];
    }
    verbs.is_empty()
}

/// Whether a goal stands after a cue in its clause (推动…高质量发展), or
/// after 为 with a cue after it (为…发展奠定坚实基础).
fn cued(cx: &Context, c: &Clause, g: &GoalSpan) -> bool {
    let text = cx.text();
    let before = &text[c.start..g.0];
    let rest = &text[g.1..c.end];
    // Also with a scope between (为全县高质量发展注入新动能).
    let lead = before.trim_end_matches(['“', '"']);
    let scoped = lead.starts_with('为') && chars_of(lead) <= 4 && cx.words.has_clause_cue(rest);
    cx.words.has_clause_cue(before) || cx.words.is_purpose(before, rest) || scoped
}

/// Means clauses and lead clauses: a 以…为… clause serves the goals of the
/// next clause naming one; a goal after a cue in the part's second or
/// third clause is served by the lead clause (else the nearest action
/// clause before), one in the lead clause by itself. A goal further into
/// a long sentence is no aim of its lead clause.
fn means_and_leads(cx: &Context, clauses: &[Clause], guideline: bool, out: &mut Found) {
    let text = cx.text();
    let is_means = |c: &Clause| {
        let t = without_modal(&text[c.start..c.end]);
        // 以X为Y: a manner (以更饱满的热情) is no means; 通过Y,实现X when Y
        // is work (通过盘活…), not a manner (通过潜移默化).
        let through = t
            .strip_prefix("通过")
            .is_some_and(|r| cx.words.opening(r, 0).is_some());
        // 以X做Y without 为 (以项目建设强链补链, 以改革促发展): work done
        // by means of X; a manner names a quality (以更大的力度, 以更实
        // 作风), with 的 or a degree word after 以.
        let by_means = t.strip_prefix('以').is_some_and(|r| {
            !r.contains('的') && !r.starts_with(['更', '最', '超', '高']) && chars_of(r) >= 5
        });
        c.goals.is_empty()
            && ((t.starts_with('以') && t.contains('为')) || through || by_means)
            && chars_of(t) >= 4
    };
    for (k, c) in clauses.iter().enumerate() {
        if c.goals.is_empty() {
            continue;
        }
        let framing = !framed(cx, c).is_empty();
        let means: Vec<&Clause> = clauses[..k]
            .iter()
            .rev()
            .take_while(|m| is_means(m))
            .collect();
        for g in &c.goals {
            if !framing && !guideline {
                if let Some((s, e)) = inline_means(cx, &text[c.start..g.0]) {
                    out.serve(cx, (c.start + s, c.start + e), g.2);
                    continue;
                }
            }
            for m in means.iter().filter(|_| !framing) {
                let clause = &text[m.start..m.end];
                let start = m.end - without_subject(clause).len();
                out.serve(cx, (start, m.end), g.2);
            }
            // A purpose closing the sentence (…,为全面推进乡村振兴提供有力
            // 支撑): every action clause before it is a means to it.
            // So does one that serves it (…,服务新型城镇化建设).
            let opening = without_modal(&text[c.start..g.0]);
            let purpose = k > 0
                && !guideline
                && ((opening.starts_with('为') && cx.words.has_clause_cue(&text[g.1..c.end]))
                    || (cx.words.opens_with_purpose(opening) && chars_of(opening) <= 6));
            if purpose {
                // (A modal may open the action: 要以X为抓手推动…) What a work
                // yields once done (建成后年吞吐能力突破100万吨) is no action;
                // a project named with its investment (…物流中心项目总投资
                // 12.6亿元) is the work done for the purpose.
                for l in clauses[..k].iter().filter(|l| l.goals.is_empty()) {
                    let action = without_modal(&text[l.start..l.end]);
                    if is_occasion(cx, action) || cx.words.is_outcome(action) {
                        continue;
                    }
                    if is_action(cx, action) || names_these_projects(action) {
                        out.serve(cx, (l.start, l.end), g.2);
                    } else if let Some(project) = opening_project(cx, l) {
                        out.serve(cx, project, g.2);
                    }
                }
                continue;
            }
            // A clause building a goal serves it, even after a frame
            // (加强生态宜居名城建设). Not in a guideline sentence, whose
            // goals are listed side by side.
            if !guideline && builds(cx, c, g) && is_action(cx, &text[c.start..c.end]) {
                out.serve(cx, (c.start, c.end), g.2);
                continue;
            }
            if framing || guideline || !cued(cx, c, g) {
                continue;
            }
            // The lead clause, else the nearest action clause before.
            let lead = std::iter::once(&clauses[0])
                .chain(clauses[1..k.max(1)].iter().rev())
                .find(|l| l.goals.is_empty() && is_action(cx, &text[l.start..l.end]));
            let own = opens_with_means(&text[c.start..c.end])
                || (text[c.start..g.0].contains('把') && text[c.start..g.0].contains("作为"));
            if let Some(lead) = lead.filter(|_| k > 0 && k <= 2 && !own) {
                out.serve(cx, (lead.start, lead.end), g.2);
            } else if (k == 0 || own)
                && chars_of(&text[c.start..g.0]) >= 4
                && is_action(cx, &text[c.start..c.end])
            {
                out.serve(cx, (c.start, c.end), g.2);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{extract_speech, links_of};
    use super::*;

    fn serves(text: &str) -> Vec<(String, String)> {
        links_of(&extract_speech(text), Relation::Serves)
            .into_iter()
            .filter(|(_, _, b)| b == "phrase")
            .map(|(m, g, _)| (m, g))
            .collect()
    }

    fn has(links: &[(String, String)], measure: &str, goal: &str) -> bool {
        links.iter().any(|(m, g)| m.contains(measure) && g == goal)
    }

    #[test]
    fn a_means_after_its_subject_and_a_goal_after_a_scope_are_served() {
        let got = serves("今年,我们要以园区建设为抓手,推动县域经济高质量发展。\n");
        assert!(
            got.contains(&("要以园区建设为抓手".to_string(), "高质量发展".to_string())),
            "{got:?}"
        );
        let got = serves("加快建设城北物流园,为全县高质量发展注入新动能。\n");
        assert!(has(&got, "加快建设城北物流园", "高质量发展"), "{got:?}");
    }

    #[test]
    fn a_project_with_its_investment_serves_a_purpose_and_its_outcome_does_not() {
        let got = serves(
            "全区锚定打造“湘南智造新城”目标。青山冷链物流中心项目总投资8.6亿元,建成后年吞吐能力突破50万吨,为“湘南智造新城”建设提供物流支撑。\n",
        );
        assert!(has(&got, "青山冷链物流中心项目", "湘南智造新城"), "{got:?}");
        assert!(!has(&got, "建成后", "湘南智造新城"), "{got:?}");
    }

    #[test]
    fn a_means_without_wei_serves_the_goals_of_the_next_clause() {
        let got = serves("要以园区平台集聚要素,着力推动产业链现代化,夯实高质量发展的根基。\n");
        assert!(has(&got, "以园区平台集聚要素", "产业链现代化"), "{got:?}");
    }

    #[test]
    fn an_occasion_before_a_purpose_serves_nothing() {
        let got =
            serves("要以此次集中开工为契机,加快标准厂房建设,为全县高质量发展提供有力支撑。\n");
        assert!(has(&got, "加快标准厂房建设", "高质量发展"), "{got:?}");
        assert!(!got.iter().any(|(m, _)| m.contains("契机")), "{got:?}");
    }

    #[test]
    fn a_purpose_closing_a_sentence_is_served_by_every_action_before_it() {
        let got = serves(
            "要大力发展特色种植业,加快建设高标准农田,持续改善农村人居环境,为全面推进乡村振兴提供有力支撑。\n",
        );
        for measure in [
            "发展特色种植业",
            "加快建设高标准农田",
            "持续改善农村人居环境",
        ] {
            assert!(has(&got, measure, "乡村振兴"), "{measure}: {got:?}");
        }
        let got = serves("要持续深化放管服改革,为全县高质量发展营造良好环境。\n");
        assert!(has(&got, "要持续深化放管服改革", "高质量发展"), "{got:?}");
        let got =
            serves("实施老旧小区改造,完善城市基础设施,加快建设海绵城市,服务新型城镇化建设。\n");
        for measure in ["实施老旧小区改造", "完善城市基础设施", "加快建设海绵城市"]
        {
            assert!(has(&got, measure, "新型城镇化"), "{measure}: {got:?}");
        }
        // An aim named before is named again as the purpose; a modal may
        // open the means clause.
        let got = serves(
            "一是聚焦“光电材料之都”建设,加快项目进度。\n\
             要以桃源光电产业园为抓手推动上下游企业集聚,确保一期年内投产,为光电材料之都建设提供坚实支撑。\n",
        );
        assert!(
            has(
                &got,
                "以桃源光电产业园为抓手推动上下游企业集聚",
                "光电材料之都"
            ),
            "{got:?}"
        );
    }

    #[test]
    fn a_member_aim_by_its_form_is_worked_for_and_siblings_serve_no_sibling() {
        let ex = extract_speech(
            "全镇围绕“三镇同建”目标,即建设工业强镇、商贸活镇、生态美镇。\n\
             明年要以白沙工业园为抓手推进工业强镇,以集镇改造为抓手推动商贸活镇。\n\
             第一,围绕生态美镇,推进农村人居环境整治。\n",
        );
        let got: Vec<(String, String)> = links_of(&ex, Relation::Serves)
            .into_iter()
            .map(|(m, g, _)| (m, g))
            .collect();
        assert!(has(&got, "以白沙工业园为抓手", "工业强镇"), "{got:?}");
        assert!(has(&got, "以集镇改造为抓手", "商贸活镇"), "{got:?}");
        assert!(has(&got, "推进农村人居环境整治", "生态美镇"), "{got:?}");
        // Members of one slogan listed side by side serve no one another.
        assert!(!has(&got, "工业强镇", "商贸活镇"), "{got:?}");
    }

    #[test]
    fn a_frame_clause_serves_its_goal_by_the_action_clauses_after_it() {
        let got =
            serves("全镇紧紧围绕“六稳”“六保”,统筹推进疫情防控和春耕生产,经济大局保持稳定。\n");
        assert!(has(&got, "统筹推进疫情防控和春耕生产", "六稳"), "{got:?}");
        assert!(has(&got, "统筹推进疫情防控和春耕生产", "六保"), "{got:?}");
        assert!(!has(&got, "经济大局保持稳定", "六稳"), "{got:?}");
    }

    #[test]
    fn the_rest_of_a_frame_clause_is_its_measure() {
        let got = serves("我们将全力围绕“三新”主攻“三化”,确保全年任务完成。\n");
        assert!(has(&got, "主攻三化", "三新"), "{got:?}");
    }

    #[test]
    fn a_first_task_frames_the_clauses_after_it() {
        let got = serves("去年全区把稳增长作为首要任务,强化要素保障、企业服务。\n");
        assert!(has(&got, "强化要素保障、企业服务", "稳增长"), "{got:?}");
        assert!(
            !got.iter().any(|(m, _)| m.contains("作为首要任务")),
            "{got:?}"
        );
    }

    #[test]
    fn means_clauses_serve_the_goal_of_the_clause_after_them() {
        let got = serves("以数字经济为引领,以开放合作为动力,加快构建现代化经济体系。\n");
        assert!(has(&got, "以数字经济为引领", "现代化经济体系"), "{got:?}");
        assert!(has(&got, "以开放合作为动力", "现代化经济体系"), "{got:?}");
    }

    #[test]
    fn a_means_named_before_the_work_on_a_goal_in_one_clause_serves_it() {
        let got = serves("以老街区保护更新为抓手推动高质量发展。\n");
        assert!(has(&got, "以老街区保护更新为抓手", "高质量发展"), "{got:?}");
        // An aim its section heading names, named again after a cue.
        let got =
            serves("三、加快建设江城文化名城\n以老街区保护更新为抓手推动江城文化名城建设。\n");
        assert!(
            has(&got, "以老街区保护更新为抓手", "江城文化名城"),
            "{got:?}"
        );
        let got = serves("要以智能制造为突破口加快建设制造强市。\n");
        assert!(has(&got, "以智能制造为突破口", "制造强市"), "{got:?}");
        // A manner (以更实的作风) names no role: the clause stays whole.
        let got = serves("以更实的作风推动高质量发展。\n");
        assert!(!got.iter().any(|(m, _)| m == "以更实的作风"), "{got:?}");
    }

    #[test]
    fn a_goal_as_the_scene_of_the_action_in_its_clause_is_served_by_it() {
        let got = serves("今年要在推进新型城镇化中提升县城承载能力,新建道路12公里。\n");
        assert!(has(&got, "提升县城承载能力", "新型城镇化"), "{got:?}");
        assert!(
            !got.iter().any(|(m, _)| m.contains("在推进")),
            "the scene is no part of the measure: {got:?}"
        );
        // Not when nothing is done after the scene.
        let got = serves("这在推进新型城镇化中的地位很重要。\n");
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn a_lead_clause_serves_a_goal_a_later_clause_cues() {
        let got = serves("要帮助企业解决用地难题,推动全区经济高质量发展。\n");
        assert!(has(&got, "帮助企业解决用地难题", "高质量发展"), "{got:?}");
        let got = serves("坚持以好项目来支撑稳增长。\n");
        assert!(has(&got, "坚持以好项目来支撑稳增长", "稳增长"), "{got:?}");
        let got = serves("我们要锚定目标,始终把园区建设作为扩投资、稳增长的第一抓手。\n");
        assert!(has(&got, "把园区建设作为扩投资", "稳增长"), "{got:?}");
        assert!(has(&got, "把园区建设作为扩投资", "扩投资"), "{got:?}");
    }

    #[test]
    fn a_clause_building_a_goal_serves_it_however_short() {
        let got = serves(
            "今年要加快建设“两城一区”,即智造名城、生态宜居名城和开放先行区。加强生态宜居名城建设,沿江建成绿道50公里。推进健康临江建设,区医院新院年底投用。\n",
        );
        assert!(has(&got, "加强生态宜居名城建设", "生态宜居名城"), "{got:?}");
        assert!(has(&got, "推进健康临江建设", "健康临江"), "{got:?}");
        // Several work words may open the clause; a frame cue sets the aim
        // of the clauses after it instead.
        let got = serves(
            "今年要加快建设“两城一区”,即智造名城、生态宜居名城和开放先行区。扎实推进生态宜居名城建设,沿江建成绿道50公里。围绕生态宜居名城建设,新建口袋公园12个。\n",
        );
        assert!(
            has(&got, "扎实推进生态宜居名城建设", "生态宜居名城"),
            "{got:?}"
        );
        assert!(!got.iter().any(|(m, _)| m.starts_with("围绕")), "{got:?}");
        // Building that the clause goes on to use is no work on the goal.
        let got = serves(
            "今年要加快建设“两城一区”,即智造名城、生态宜居名城和开放先行区。整合生态宜居名城建设、旧城改造等资源。\n",
        );
        assert!(!got.iter().any(|(m, _)| m.starts_with("整合")), "{got:?}");
    }

    #[test]
    fn a_frame_reaches_an_action_clause_that_names_its_own_work() {
        let got = serves(
            "全镇紧紧围绕“三新三强”,扎实推进林下经济、茶旅融合和打造美丽庭院三项重点工作,生态优势持续转化。\n",
        );
        assert!(has(&got, "扎实推进林下经济", "三新三强"), "{got:?}");
        // A clause whose goal follows a cue serves that goal, not the frame.
        // A place the clause builds is its own work too.
        let got = serves("全县锚定建设“区域中心城市”目标,重点打造全省茶产业高地,办好茶博会。\n");
        assert!(
            has(&got, "重点打造全省茶产业高地", "区域中心城市"),
            "{got:?}"
        );
        let got = serves("围绕“三新三强”,推动全镇高质量发展。\n");
        assert!(!has(&got, "推动全镇高质量发展", "三新三强"), "{got:?}");
        // A purpose clause (为…) is no work the frame carries out.
        let got = serves("全镇要把“六稳”工作抓在手上,为全面建成小康社会夯实基础。\n");
        assert!(!has(&got, "为全面建成小康社会", "六稳"), "{got:?}");
    }

    /// The cue phrases analysts read (issue 14), one sentence each:
    /// (sentence, measure the link starts from, goal).
    #[test]
    fn serves_cue_phrases() {
        let table = [
            (
                "以园区建设为抓手,加快推进新型工业化。",
                "以园区建设为抓手",
                "新型工业化",
            ),
            (
                "以数字乡村为突破口,全面推进乡村振兴。",
                "以数字乡村为突破口",
                "乡村振兴",
            ),
            (
                "强化土地要素保障,为乡村振兴提供有力支撑。",
                "强化土地要素保障",
                "乡村振兴",
            ),
            (
                "实施消费提振行动,助力稳增长。",
                "实施消费提振行动",
                "稳增长",
            ),
            (
                "做优营商环境,服务高质量发展。",
                "做优营商环境",
                "高质量发展",
            ),
            (
                "全县把招商引资作为推动高质量发展的突破口。",
                "把招商引资作为",
                "高质量发展",
            ),
            (
                "要把农业园区作为乡村振兴的重要抓手。",
                "把农业园区作为",
                "乡村振兴",
            ),
            (
                "乡镇卫生院要在共同富裕中发挥兜底作用。",
                "乡镇卫生院",
                "共同富裕",
            ),
            (
                "新建冷链物流中心,助推乡村振兴。",
                "新建冷链物流中心",
                "乡村振兴",
            ),
            (
                "持续深化放管服改革,赋能高质量发展。",
                "持续深化放管服改革",
                "高质量发展",
            ),
            (
                "全镇围绕乡村振兴抓好农田水利建设。",
                "抓好农田水利建设",
                "乡村振兴",
            ),
            (
                "要以产业园区为载体,加快推进新型工业化。",
                "要以产业园区为载体",
                "新型工业化",
            ),
            (
                "通过盘活闲置资产,实现强区富民。",
                "通过盘活闲置资产",
                "强区富民",
            ),
            (
                "这次集中开工的12个项目,涵盖基础设施等领域,必将为全县高质量发展注入新的动能。",
                "这次集中开工的12个项目",
                "高质量发展",
            ),
            (
                "加快重点项目建设,确保稳增长。",
                "加快重点项目建设",
                "稳增长",
            ),
            (
                "聚焦共同富裕,实施农民增收行动。",
                "实施农民增收行动",
                "共同富裕",
            ),
            (
                "推动产业转型升级,实现高质量发展。",
                "推动产业转型升级",
                "高质量发展",
            ),
        ];
        for (text, measure, goal) in table {
            let got = serves(&format!("{text}\n"));
            assert!(has(&got, measure, goal), "{text}: {got:?}");
        }
    }

    #[test]
    fn a_list_of_actions_opening_with_one_verb_is_one_measure_each() {
        let got = serves("全区上下要紧扣稳增长,坚持项目为王、坚持招商引资、坚持优化服务。\n");
        for m in ["坚持项目为王", "坚持招商引资", "坚持优化服务"] {
            assert!(got.contains(&(m.into(), "稳增长".into())), "{m}: {got:?}");
        }
        // Different verbs: one measure.
        let got = serves("全区上下要紧扣稳增长,抓好项目、服务企业。\n");
        assert!(has(&got, "抓好项目、服务企业", "稳增长"), "{got:?}");
    }

    #[test]
    fn parallel_sentences_after_a_frame_serve_its_goal() {
        let got = serves(
            "围绕实现乡村振兴,必须在推动高质量发展中提升农业竞争力。\
             必须在深化改革中激发农村活力。必须在城乡融合中增强县城承载力。\n\
             必须在每个环节压实责任。\n",
        );
        assert!(has(&got, "提升农业竞争力", "乡村振兴"), "{got:?}");
        assert!(
            has(&got, "必须在深化改革中激发农村活力", "乡村振兴"),
            "{got:?}"
        );
        assert!(
            has(&got, "必须在城乡融合中增强县城承载力", "乡村振兴"),
            "{got:?}"
        );
        // The next paragraph is out of the frame's reach.
        assert!(!has(&got, "压实责任", "乡村振兴"), "{got:?}");
        // A sentence opening otherwise is no parallel.
        let got = serves("围绕乡村振兴,加快建设农产品基地。今年雨水偏多。\n");
        assert!(!got.iter().any(|(m, _)| m.contains("雨水")), "{got:?}");
    }

    #[test]
    fn a_subject_playing_a_part_in_a_goal_serves_it() {
        let got = serves("要让农民合作社在乡村振兴中发挥更大带动作用。\n");
        assert!(
            got.contains(&("农民合作社".into(), "乡村振兴".into())),
            "{got:?}"
        );
        // The verb before the subject: 发挥X在G中的…作用.
        let got = serves("要充分发挥好重大项目在稳增长中的压舱石作用。\n");
        assert!(
            got.contains(&("重大项目".into(), "稳增长".into())),
            "{got:?}"
        );
        let got = serves("合作社在乡村振兴方面成效明显。\n");
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn goals_listed_in_a_guideline_sentence_frame_nothing() {
        let got = serves(
            "今年工作的总体要求是:坚持稳中求进工作总基调,围绕乡村振兴,统筹发展和安全,深化农村改革,推动高质量发展。\n",
        );
        assert!(!has(&got, "深化农村改革", "乡村振兴"), "{got:?}");
        assert!(!has(&got, "坚持稳中求进", "高质量发展"), "{got:?}");
    }
}
