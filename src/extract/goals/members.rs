//! Members of numbered slogans: the goals a slogan such as 四条新路 or
//! 三件大事 counts. They are found as items under a heading naming the
//! slogan (一是生态工业路。), as the list right before it (产业、生态、民生
//! 三张名片), as the items after its colon (“三个转变”:一是…二是…) or the
//! list in brackets or after a colon (“三个示范”:示范A、示范B、示范C); a
//! cross-reference after a member (（同四条新路的“特色农业路”）) names it
//! once more. Each step reads the [`Context`] and the goals, and adds
//! members, their `member_of` and `same_as` links, and the spans later
//! passes need to [`Members`].

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::slogans::{slogan_count, Goals};
use super::{clean_title, enumerated, link, Context};
use crate::extract::ends_with_any;
use crate::extract::entities::without_admin_suffix;
use crate::model::{Basis, Entity, Link, Relation, RuleKind};

/// What the member steps found, in the order found.
#[derive(Default)]
pub(super) struct Members {
    /// Members, and the goals cross-references name.
    pub(super) entities: Vec<Entity>,
    /// `member_of` and `same_as` links.
    pub(super) links: Vec<Link>,
    /// View spans of the items that name a member (under a heading or after
    /// a colon): no measure starts inside one.
    pub(super) spans: Vec<(usize, usize)>,
    /// Paragraph each member heads (二是文旅融合路。突出全域化发展。…):
    /// measures inside it serve the member.
    pub(super) paragraphs: Vec<((usize, usize), Entity)>,
}

impl Members {
    /// The view bytes `s..e` named `name` as a member of `slogan`.
    fn add_named(&mut self, cx: &Context, name: String, (s, e): (usize, usize), slogan: &Entity) {
        let member = cx.entity_at(RuleKind::Goal, name, s, e, "goal-member");
        self.add(member, slogan);
    }

    /// The member named at view bytes `s..e` by the opening of paragraph
    /// `ps..pe` under the slogan's heading: the opening (from the
    /// paragraph's start to the name's end) holds no measure, and the
    /// paragraph's measures serve the member.
    fn add_heading(
        &mut self,
        cx: &Context,
        name: String,
        (s, e): (usize, usize),
        (ps, pe): (usize, usize),
        slogan: &Entity,
    ) {
        let member = cx.entity_at(RuleKind::Goal, name, s, e, "goal-member");
        self.spans.push((ps, e));
        self.paragraphs.push(((ps, pe), member.clone()));
        self.add(member, slogan);
    }

    fn add(&mut self, member: Entity, slogan: &Entity) {
        self.links.push(link(
            Relation::MemberOf,
            &member,
            slogan,
            Basis::Structure,
            &member,
        ));
        self.entities.push(member);
    }
}

/// Members of numbered slogans: items under a heading naming one, or
/// paragraphs under it that open with the work on a member named by the
/// slogan's head (三、坚定不移走好“四条新路” … 走好产教融合发展新路。一是…:
/// 产教融合发展新路).
pub(super) fn under_headings(cx: &Context, goals: &Goals, found: &mut Members) {
    let text = cx.text();
    let enumerations = cx.enumerations();
    for section in &cx.structure.sections {
        let heading = (section.norm.0, section.heading_end);
        let slogan = goals
            .iter()
            .find(|(gs, ge, g)| {
                heading.0 <= *gs && *ge <= heading.1 && g.provenance.rule.contains("numbered")
            })
            .map(|(_, _, g)| *g);
        let Some(slogan) = slogan else { continue };
        let head = slogan_head(&slogan.name);
        for &(ps, pe) in cx
            .structure
            .paragraphs
            .iter()
            .filter(|(ps, _)| *ps > heading.1 && *ps < section.norm.1)
        {
            let para = &text[ps..pe];
            if let Some((s, e)) = head.and_then(|h| work_on_member(cx, para, h)) {
                found.add_heading(
                    cx,
                    para[s..e].to_string(),
                    (ps + s, ps + e),
                    (ps, pe),
                    slogan,
                );
                continue;
            }
            for rule in &enumerations {
                let Some(m) = enumerated(rule, para) else {
                    continue;
                };
                // A member is a short item closed by a full stop. An item
                // that is an action (要打好大数据这场“突围战”) is a measure
                // filling a member's slot, not a member's name.
                let title_end = para[m.end..].chars().next();
                if m.name.chars().count() > 20 || !matches!(title_end, Some('。') | None) {
                    continue;
                }
                let action = m.name.trim_start_matches('要');
                if m.name.starts_with('要') || cx.words.opens_with_lead(action) {
                    continue;
                }
                let name_start = ps + m.end - m.name.len();
                found.add_heading(
                    cx,
                    m.name.clone(),
                    (name_start, ps + m.end),
                    (ps, pe),
                    slogan,
                );
            }
        }
    }
}

/// The last two characters of a numbered slogan (四条新路 → 新路, 三个高地
/// → 高地): what each of its members is named as.
fn slogan_head(slogan: &str) -> Option<&str> {
    let start = slogan.char_indices().rev().nth(1)?.0;
    let head = &slogan[start..];
    (slogan_count(slogan).is_some() && head.chars().all(crate::chars::is_common_cjk))
        .then_some(head)
}

/// The member a paragraph's opening sentence works on: a work verb, then
/// a name of four to eighteen characters (the slogan's two-character
/// `head` included) ending with `head`, then the full stop
/// (走好产教融合发展新路。); its byte range in `para`.
fn work_on_member(cx: &Context, para: &str, head: &str) -> Option<(usize, usize)> {
    let verb = cx.words.opening(para, 0)?;
    let end = para.find('。')?;
    let name = para.get(verb.len()..end)?;
    let chars = name.chars().count();
    ((4..=18).contains(&chars)
        && name.ends_with(head)
        && name.chars().all(crate::chars::is_common_cjk))
    .then_some((verb.len(), end))
}

/// Members listed right before a numbered slogan, as many as it counts:
/// 产业、生态、民生三张名片; “大开放·大招商”两大战略行动.
pub(super) fn listed_before(cx: &Context, goals: &Goals, found: &mut Members) {
    let text = cx.text();
    let vocabulary = cx.rules.vocabulary();
    let lead_words: Vec<&String> = [&vocabulary.function_words, &vocabulary.work_verbs]
        .into_iter()
        .flatten()
        .collect();
    for (gs, _, g) in goals
        .iter()
        .filter(|(_, _, g)| g.provenance.rule.contains("numbered"))
    {
        let Some(count) = slogan_count(&g.name) else {
            continue;
        };
        let Some(mut items) = list_before(text, *gs, goals) else {
            continue;
        };
        // The last item may be joined by a conjunction (实施A、B和打造C三项工作).
        if items.len() + 1 == count {
            split_last_at_conjunction(&mut items);
        }
        if items.len() != count || count < 2 {
            continue;
        }
        if items.iter().any(|(_, i)| i.is_empty()) {
            continue;
        }
        for (k, (start, item)) in items.into_iter().enumerate() {
            let (cut, name) = without_lead_words(item, k == 0, &lead_words);
            let s0 = start + cut;
            let name = name.trim_end_matches('等');
            if name.chars().count() < 2 || name.chars().count() > 16 {
                continue;
            }
            found.add_named(cx, name.to_string(), (s0, s0 + name.len()), g);
        }
    }
}

/// The items of the list that ends right before the slogan starting at view
/// byte `slogan_start`, each with its view start: the clause before it,
/// split at 、 (and at · and • inside quotes). None when the slogan itself
/// is an item of a list.
fn list_before<'t>(
    text: &'t str,
    slogan_start: usize,
    goals: &Goals,
) -> Option<Vec<(usize, &'t str)>> {
    let before = text[..slogan_start].trim_end_matches(['“', '等']);
    if before.ends_with(['、', '·']) {
        return None;
    }
    let (list_end, quoted) = match before.strip_suffix('”') {
        Some(b) => (b.len(), true),
        None => (before.len(), false),
    };
    let list_start = if quoted {
        before[..list_end].rfind('“').map(|i| i + '“'.len_utf8())
    } else {
        before[..list_end]
            .rfind([',', ';', ':', '。', '(', '“', '”', '\n', '!', '?'])
            .map(|i| i + before[i..].chars().next().map_or(1, char::len_utf8))
    }
    .unwrap_or(0);
    // Two slogans in one clause (…两大战略行动和园区升级、城市更新、乡村治理
    // 三件大事): the second list starts after the first slogan and its
    // conjunction.
    let list_start = goals
        .iter()
        .filter(|(_, pe, p)| {
            *pe > list_start && *pe < list_end && p.provenance.rule.contains("numbered")
        })
        .filter_map(|(_, pe, _)| {
            ["以及", "和", "及", "与"]
                .iter()
                .find(|c| text[*pe..list_end].starts_with(*c))
                .map(|c| pe + c.len())
        })
        .max()
        .unwrap_or(list_start);
    let list = &text[list_start..list_end];
    let separators: &[char] = if quoted {
        &['·', '、', '•']
    } else {
        &['、']
    };
    let items = list
        .split(separators)
        .scan(list_start, |at, item| {
            let start = *at;
            *at += item.len() + separator_len(&text[*at + item.len()..]);
            Some((start, item))
        })
        .collect();
    Some(items)
}

/// An item without the verbs and function words that lead into the list,
/// and how many bytes were cut: the first item starts after the last of
/// them (牢牢守住发展 → 发展); every item loses those it opens with. A
/// cut never leaves fewer than two characters.
fn without_lead_words<'t>(item: &'t str, first: bool, lead_words: &[&String]) -> (usize, &'t str) {
    let mut cut = 0;
    let mut name = item;
    if first {
        if let Some(last) = lead_words
            .iter()
            .filter_map(|w| name.rfind(w.as_str()).map(|i| i + w.len()))
            .filter(|c| name[*c..].chars().count() >= 2)
            .max()
        {
            cut += last;
            name = &name[last..];
        }
    }
    let mut changed = true;
    while changed {
        changed = false;
        for w in lead_words {
            if let Some(rest) = name.strip_prefix(w.as_str()) {
                if rest.chars().count() >= 2 {
                    cut += w.len();
                    name = rest;
                    changed = true;
                }
            }
        }
    }
    (cut, name)
}

/// Splits the last item of a list at its first conjunction (B和C → B, C),
/// when both sides keep two characters.
fn split_last_at_conjunction(items: &mut Vec<(usize, &str)>) {
    let Some(&(start, last)) = items.last() else {
        return;
    };
    let split = ["以及", "和", "及", "与"].iter().find_map(|c| {
        let i = last.find(c)?;
        let (a, b) = (&last[..i], &last[i + c.len()..]);
        (a.chars().count() >= 2 && b.chars().count() >= 2).then_some((a, i + c.len(), b))
    });
    if let Some((a, b_at, b)) = split {
        items.pop();
        items.push((start, a));
        items.push((start + b_at, b));
    }
}

/// Byte length of the list separator at the start of `s` (0 at the end).
fn separator_len(s: &str) -> usize {
    s.chars()
        .next()
        .filter(|c| matches!(c, '·' | '、' | '•'))
        .map_or(0, char::len_utf8)
}

/// Cross-references: （同四条新路的“特色农业路”） after a member says it is
/// the same goal as one named elsewhere.
pub(super) fn cross_references(cx: &Context, found: &mut Members) {
    let text = cx.text();
    for (rs, re) in cross_refs(text) {
        let Some(member) = found
            .entities
            .iter()
            .filter(|m| &*m.provenance.rule == "goal-member" && m.view_span.1 <= rs)
            .filter(|m| {
                cx.structure
                    .paragraphs
                    .iter()
                    .any(|(ps, pe)| *ps <= m.view_span.0 && rs < *pe)
            })
            .max_by_key(|m| m.view_span.1)
            .cloned()
        else {
            continue;
        };
        let name = clean_title(&text[rs..re]);
        if name.chars().count() < 2 {
            continue;
        }
        let other = cx.entity_at(RuleKind::Goal, name, rs, re, "goal-cross-reference");
        found.links.push(link(
            Relation::SameAs,
            &member,
            &other,
            Basis::CrossReference,
            &other,
        ));
        found.entities.push(other);
    }
}

/// Spans of the names quoted in cross-references: （同四条新路的“X”）,
/// （通三件大事的“X”）.
fn cross_refs(text: &str) -> Vec<(usize, usize)> {
    use std::sync::OnceLock;
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(r"\([同通即见][^()“”,。]{1,12}的“(?P<name>[^“”]{2,16})”\)")
            .expect("cross-reference regex")
    });
    re.captures_iter(text)
        .filter_map(|c| c.name("name").map(|m| (m.start(), m.end())))
        .collect()
}

/// Members listed right after a slogan and a colon (“三个转变”:一是…二是…).
pub(super) fn after_colon(cx: &Context, goals: &Goals, found: &mut Members) {
    let text = cx.text();
    let enumerations = cx.enumerations();
    for (_, ge, g) in goals.iter().filter(|(_, _, g)| {
        g.provenance.rule.starts_with("goal-") && g.provenance.rule.contains("numbered")
    }) {
        let after = &text[*ge..];
        let Some(colon) = after
            .char_indices()
            .take(3)
            .find(|(_, c)| *c == ':')
            .map(|(i, _)| ge + i + 1)
        else {
            continue;
        };
        let para_end = cx
            .structure
            .paragraph_at(colon)
            .map(|p| p.1)
            .unwrap_or(text.len());
        let mut at = colon;
        while at < para_end {
            let rest = &text[at..para_end];
            let Some(m) = enumerations.iter().find_map(|r| enumerated(r, rest)) else {
                break;
            };
            let name = clean_title(&m.name);
            if name.chars().count() < 2 || name.chars().count() > 20 {
                break;
            }
            let member = cx.entity_at(
                RuleKind::Goal,
                name,
                at + m.start,
                at + m.end,
                "goal-member",
            );
            found.spans.push((at, at + m.end));
            found.add(member, g);
            // The next item starts a later sentence of the paragraph.
            match cx.structure.sentences.iter().map(|s| s.norm.0).find(|s| {
                *s > at + m.end
                    && *s < para_end
                    && enumerations
                        .iter()
                        .any(|r| enumerated(r, &text[*s..para_end]).is_some())
            }) {
                Some(next) => at = next,
                None => break,
            }
        }
    }
}

/// How many names [`mentions`] and slogans [`quoted_lists`] search the
/// whole text for.
const MENTIONED_NAMES: usize = 64;

/// The parts of a composite slogan (“一个确保、两个率先、一个力争”): each
/// numbered part is a member of the whole.
pub(super) fn composite_parts(cx: &Context, goals: &Goals, found: &mut Members) {
    let text = cx.text();
    for (gs, ge, g) in goals
        .iter()
        .filter(|(_, _, g)| &*g.provenance.rule == "goal-quoted-composite-slogan")
    {
        for (span, part) in item_spans(*gs, &text[*gs..*ge]) {
            // 一个确保 counts one: a part, though no slogan on its own.
            if part.starts_with(|c: char| "一二三四五六七八九十两".contains(c)) {
                found.add_named(cx, part.to_string(), span, g);
            }
        }
    }
}

/// The items of a list joined by 、 that starts at view byte `at`, each
/// with its view span.
fn item_spans(at: usize, list: &str) -> impl Iterator<Item = ((usize, usize), &str)> {
    list.split('、').scan(at, |next, item| {
        let start = *next;
        *next += item.len() + '、'.len_utf8();
        Some(((start, start + item.len()), item))
    })
}

/// The items of a quoted list of aims (“生态临川、富裕临川、和美临川”的目标,
/// named whole by a goal rule): where every item is an aim by its form,
/// each is a member of the list. An item is one when it ends in a place
/// (生态大省, 产城融合示范镇) or an `aim_suffixes` word (港口强市), or when
/// all items end in the same name of two or more characters (…临川); a
/// motto of the year (“冲刺三季度、决胜全年度”) lists no aims.
pub(super) fn aim_list_parts(cx: &Context, goals: &Goals, found: &mut Members) {
    let text = cx.text();
    let aim_suffixes = &cx.rules.vocabulary().aim_suffixes;
    for (gs, ge, g) in goals.iter().filter(|(_, _, g)| {
        g.name.contains('、') && &*g.provenance.rule != "goal-quoted-composite-slogan"
    }) {
        // The goal's span holds its name as written, quotes aside.
        let span = &text[*gs..*ge];
        let Some(offset) = span.find(&*g.name) else {
            continue;
        };
        let items: Vec<&str> = g.name.split('、').collect();
        if items.iter().any(|i| i.chars().count() < 2) {
            continue;
        }
        let shared_place = common_suffix_chars(&items) >= 2;
        let aim_by_form = |item: &str| {
            shared_place
                || ends_with_any(item, aim_suffixes)
                || item.ends_with(|c: char| AIM_PLACE_ENDS.contains(c))
                || ends_with_a_place_of_the_text(cx, item)
        };
        if !items.iter().all(|i| aim_by_form(i)) {
            continue;
        }
        for (span, item) in item_spans(gs + offset, &g.name) {
            found.add_named(cx, item.to_string(), span, g);
        }
    }
}

/// The parts of an aim written as a couplet, its equal halves (or thirds)
/// parted by a space (“商城之心 品质稠城”, “山水名城 康养福地”): the view
/// drops a space between Chinese characters, so the goal is named whole;
/// each part, of four to eight characters, is a member of it.
pub(super) fn couplet_parts(cx: &Context, goals: &Goals, found: &mut Members) {
    let text = cx.text();
    for (gs, ge, g) in goals.iter() {
        let parts: Vec<&str> = g.text.split_whitespace().collect();
        let Some(len) = parts.first().map(|p| p.chars().count()) else {
            continue;
        };
        let couplet = (2..=4).contains(&parts.len())
            && (4..=8).contains(&len)
            && parts.iter().all(|p| {
                p.chars().count() == len
                    && p.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
            })
            && parts.concat() == *g.name;
        if !couplet {
            continue;
        }
        let Some(offset) = text[*gs..*ge].find(&*g.name) else {
            continue;
        };
        let mut at = gs + offset;
        for part in parts {
            found.add_named(cx, part.to_string(), (at, at + part.len()), g);
            at += part.len();
        }
    }
}

/// Whether `item` is a quality before a place the text names, short or in
/// full (生态璧山 in a text about 璧山区; 智造重镇 ends in a level word and
/// needs no place).
fn ends_with_a_place_of_the_text(cx: &Context, item: &str) -> bool {
    cx.entities
        .iter()
        .filter(|e| e.kind == RuleKind::District)
        .any(|e| {
            let short = without_admin_suffix(&e.name);
            short.chars().count() >= 2 && item.len() > short.len() && item.ends_with(short)
        })
}

/// The last characters of an aim named for a place (生态大省, 示范镇,
/// 先进区, 鞋都).
const AIM_PLACE_ENDS: &str = "省市县区镇乡州旗城都";

/// How many characters all `items` end in alike.
fn common_suffix_chars(items: &[&str]) -> usize {
    let Some((first, rest)) = items.split_first() else {
        return 0;
    };
    first
        .chars()
        .rev()
        .enumerate()
        .take_while(|(i, c)| rest.iter().all(|r| r.chars().rev().nth(*i) == Some(*c)))
        .count()
}

/// Members named in a quoted list elsewhere in the text: for a slogan
/// “N个X” (三个白杨), a quoted list of N items that each end in X
/// (“产业白杨、生态白杨、幸福白杨”) names its members.
pub(super) fn quoted_lists(cx: &Context, goals: &Goals, found: &mut Members) {
    let text = cx.text();
    let slogans: Vec<(&Entity, usize, &str)> = goals
        .iter()
        .filter(|(_, _, g)| g.provenance.rule.contains("numbered"))
        .filter_map(|(_, _, g)| {
            let n = slogan_count(&g.name)?;
            let (_, head) = g.name.split_once('个')?;
            (head.chars().count() >= 2).then_some((*g, n, head))
        })
        .take(MENTIONED_NAMES)
        .collect();
    if slogans.is_empty() {
        return;
    }
    // The quoted lists of the text, found in one pass: (body start, body).
    let mut lists: Vec<(usize, &str)> = Vec::new();
    for (open, _) in text.match_indices('“') {
        let body_start = open + '“'.len_utf8();
        if let Some(len) = text[body_start..].find('”').filter(|l| *l <= 120) {
            let body = &text[body_start..body_start + len];
            if body.contains('、') {
                lists.push((body_start, body));
            }
        }
    }
    let mut done: Vec<&str> = Vec::new();
    for (g, n, head) in slogans {
        if done.contains(&&*g.name) {
            continue;
        }
        done.push(&g.name);
        let Some(&(body_start, body)) = lists.iter().find(|(_, body)| {
            let items: Vec<&str> = body.split('、').collect();
            items.len() == n
                && items
                    .iter()
                    .all(|i| i.ends_with(head) && i.len() > head.len())
        }) else {
            continue;
        };
        for (span, item) in item_spans(body_start, body) {
            found.add_named(cx, item.to_string(), span, g);
        }
    }
}

/// What ends a clause in the view, for [`mentions`]' look at the clause
/// around a name.
const CLAUSE_STOPS: [char; 7] = [',', ';', '。', '!', '?', ':', '\n'];

/// Headings that name a member found (加快建设先进制造集聚区 after
/// “一城三区”…先进制造集聚区…) or a listed strategy (聚焦工业强镇 after
/// “工业强镇、农业富镇”): each occurrence of such a name of three or more
/// characters inside a section heading, or of six or more in running text
/// right after a frame, purpose or serves cue (聚焦农副产品加工产业集群,
/// 服务文明城建设, 以…为抓手推动历史文化名城建设), outside
/// a member span, or of any length as what the work verb opening its clause
/// builds (加强生态宜居名城建设), as a goal (rule `goal-member-mention`), so the work
/// framed by it serves the member. (Elsewhere in running text a member's
/// name is mostly a topic, 发展以游为支撑的山地旅游业, not the aim of its
/// sentence.)
pub(super) fn mentions(cx: &Context, found: &Members) -> Vec<Entity> {
    let text = cx.text();
    // Strategies listed as goals (“工业强镇、农业富镇”) are named again
    // in headings the same way.
    let strategies = cx
        .entities
        .iter()
        .filter(|e| &*e.provenance.rule == "goal-strategy-slogan");
    let mut names: Vec<&str> = found
        .entities
        .iter()
        .chain(strategies)
        .filter(|e| e.kind == RuleKind::Goal && e.name.chars().count() >= 3)
        .map(|e| &*e.name)
        .collect();
    names.sort_unstable();
    names.dedup();
    // A bound on the names searched keeps the work linear in the text
    // (each name is searched in each heading); real slogans have a dozen
    // members at most.
    names.truncate(MENTIONED_NAMES);
    // A heading may name a member without its leading qualifier: 聚焦新能源
    // 汽车产业集聚区建设 for 国家级新能源汽车产业集聚区, 科技成果转化示范区
    // for 长三角科技成果转化示范区. The whole names are searched first, then
    // the names less their first two to four characters, where six or more
    // are left (four for a member that opens with how it is reached:
    // 国家级高新区 for 率先建成国家级高新区).
    let mut searched: Vec<(&str, &str)> = names.iter().map(|n| (*n, *n)).collect();
    for name in &names {
        for drop in [4, 3, 2] {
            let Some((cut, _)) = name.char_indices().nth(drop) else {
                continue;
            };
            let rest = &name[cut..];
            if rest.chars().count() >= 6 {
                searched.push((rest, name));
            }
        }
    }
    // An aim a section heading names (三、加快建设历史文化名城) is named
    // again in the work under it after a cue (以古城保护为抓手推动历史文化
    // 名城建设): there too it is the goal the clause works for. So is an
    // aim named anywhere else (一是聚焦“新材料之都”建设), named again as
    // the purpose of work (…,为新材料之都建设提供支撑).
    let members = searched.len();
    // (Aims named the same way in every speech are found wherever they
    // stand: searching them again finds nothing new.)
    let mut named_goals: Vec<(&str, bool)> = cx
        .entities
        .iter()
        .filter(|e| e.kind == RuleKind::Goal && e.name.chars().count() >= 4)
        .filter(|e| &*e.provenance.rule != "goal-named-aim")
        .map(|e| (&*e.name, cx.structure.in_heading(e.view_span.0)))
        .filter(|(n, _)| !names.contains(n))
        .collect();
    // A name found in a heading anywhere keeps its heading's rule.
    named_goals.sort_unstable_by(|a, b| a.0.cmp(b.0).then(b.1.cmp(&a.1)));
    named_goals.dedup_by(|a, b| a.0 == b.0);
    named_goals.truncate(MENTIONED_NAMES);
    searched.extend(named_goals.iter().map(|(n, _)| (*n, *n)));
    if searched.is_empty() {
        return Vec::new();
    }
    // One pass over the text for every name and shortened name (leftmost-
    // longest: a whole name wins over the shortened one inside it).
    // A contiguous NFA: built afresh for each document's few names, where a
    // DFA's construction would cost more than the one search it serves.
    let Ok(finder) = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(searched.iter().map(|(written, _)| written))
    else {
        return Vec::new();
    };
    let taken: Vec<(usize, usize)> = found.entities.iter().map(|e| e.view_span).collect();
    let vocabulary = cx.rules.vocabulary();
    let cued = |at: usize| {
        let before = text[..at].trim_end_matches(['“', '"']);
        let before = before.strip_suffix("打造").unwrap_or(before);
        vocabulary
            .frame_cues
            .iter()
            .chain(&vocabulary.purpose_cues)
            .any(|c| before.ends_with(c.as_str()))
    };
    let served = |at: usize| {
        let before = text[..at].trim_end_matches(['“', '"']);
        cued(at)
            || vocabulary
                .serves_cues
                .iter()
                .any(|c| before.ends_with(c.as_str()))
    };
    // The object of the verb its clause opens with, built (加强生态宜居
    // 名城建设): the clause works on the name itself.
    let built = |at: usize, end: usize| {
        let clause = text[..at].rfind(CLAUSE_STOPS).map_or(0, |i| {
            i + text[i..].chars().next().map_or(1, char::len_utf8)
        });
        let rest = &text[end..];
        let rest = &rest[..rest.find(CLAUSE_STOPS).unwrap_or(rest.len())];
        super::clauses::builds_name(cx, &text[clause..at], rest)
    };
    // The purpose of the work before it: 为G(建设)提供支撑, 为G奠定基础.
    let purposed = |at: usize, end: usize| {
        let rest = &text[end..];
        let rest = ["建设", "发展"]
            .iter()
            .find_map(|w| rest.strip_prefix(w))
            .unwrap_or(rest);
        text[..at].trim_end_matches(['“', '"']).ends_with('为')
            && vocabulary
                .clause_cues
                .iter()
                .any(|c| rest.trim_start_matches(['”', '"']).starts_with(c.as_str()))
    };
    let goal_spans: Vec<(usize, usize)> = cx
        .entities
        .iter()
        .filter(|e| e.kind == RuleKind::Goal)
        .map(|e| e.view_span)
        .collect();
    let mut out = Vec::new();
    for m in finder.find_iter(text) {
        let (at, end) = (m.start(), m.end());
        let in_heading = cx.structure.in_heading(at) && cx.structure.in_heading(end - 1);
        let overlaps = |spans: &[(usize, usize)]| spans.iter().any(|&(s, e)| s < end && at < e);
        let rule = if let Some(&(_, from_heading)) = m
            .pattern()
            .as_usize()
            .checked_sub(members)
            .and_then(|i| named_goals.get(i))
        {
            // A named aim: only where work names it again.
            if in_heading
                || !(served(at) || built(at, end) || purposed(at, end))
                || overlaps(&goal_spans)
            {
                continue;
            }
            if from_heading {
                "goal-heading-mention"
            } else {
                "goal-aim-mention"
            }
        } else {
            // In running text only a long name is an aim rather than a
            // topic (围绕山地旅游 frames a whole paragraph about tourism),
            // or one an aim by its form, right after work or a cue
            // (推进工业强镇), or one named as the purpose of the work
            // before it (…,为世界鞋都核心区建设提供有力支撑).
            let name = searched[m.pattern().as_usize()].1;
            let long = text[at..end].chars().count() >= 6;
            let aim_worked = || {
                ends_with_any(name, &vocabulary.aim_suffixes)
                    && (served(at) || ends_with_any(&text[..at], &vocabulary.work_verbs))
            };
            if !(in_heading
                || (long && served(at))
                || built(at, end)
                || purposed(at, end)
                || aim_worked())
            {
                continue;
            }
            "goal-member-mention"
        };
        if overlaps(&taken) {
            continue;
        }
        out.push(cx.entity_at(
            RuleKind::Goal,
            searched[m.pattern().as_usize()].1.to_string(),
            at,
            end,
            rule,
        ));
    }
    out.sort_by_key(|e| e.view_span);
    out
}

/// Members listed in brackets, after a colon, a dash or 即 right after a
/// numbered slogan, as a list split at 、 (“三个示范”:示范园区、示范村居、
/// 示范企业; “两进一优”目标(纵向进位、横向进步、工作创优); “两区一城”——
/// A、B、C; “一城三区”发展目标,即建设A,打造B、C、D): as many as its
/// numerals add up to (两进一优 counts three), or as one numeral counts.
/// After a dash or 即 the list may run over commas, each clause's work
/// verb left out, until the count is reached.
pub(super) fn listed_after(cx: &Context, goals: &Goals, found: &mut Members) {
    let text = cx.text();
    // A numbered slogan, or a cue phrase around one that starts with its
    // count (锚定打造“两个百亿”产业集群的目标,即…) or adds numerals up
    // (围绕建设“一窗口三基地”的战略目标,即…).
    let numbered: Vec<(usize, &Entity)> = goals
        .iter()
        .filter(|(_, _, g)| {
            g.provenance.rule.contains("numbered")
                || (&*g.provenance.rule == "goal-cue-phrase"
                    && (slogan_count(&g.name).is_some() || numeral_sum(&g.name).is_some()))
        })
        .map(|(_, ge, g)| (*ge, *g))
        .collect();
    let mut listed: Vec<&str> = Vec::new();
    for &(ge, g) in &numbered {
        if add_listed(cx, ge, g, found) {
            listed.push(&g.name);
        }
    }
    // A layout first named as the path it follows (以“一园一带一城”为发展
    // 路径,即A、B、C) and only later as the aim (为实现“一园一带一城”目标):
    // its list stands after the first mention.
    let mut tried: Vec<&str> = Vec::new();
    for &(ge, g) in &numbered {
        if listed.contains(&&*g.name) || tried.contains(&&*g.name) {
            continue;
        }
        tried.push(&g.name);
        let quoted = format!("“{}”", g.name);
        for (at, m) in text.match_indices(quoted.as_str()) {
            if at + m.len() != ge && add_listed(cx, at + m.len(), g, found) {
                break;
            }
        }
    }
}

/// The members of slogan `g` listed right after view byte `end` (where a
/// mention of it ends); whether there were any.
fn add_listed(cx: &Context, end: usize, g: &Entity, found: &mut Members) -> bool {
    let Some((list_start, list, over_commas)) = list_after(cx.text(), end) else {
        return false;
    };
    // 三区一带 counts four: the sum, where there are several numerals.
    let counts = [numeral_sum(&g.name).or(slogan_count(&g.name))];
    let Some(items) = list_items(cx, list_start, list, over_commas, &counts) else {
        return false;
    };
    for (start, item) in items {
        let name = clean_title(item);
        found.add_named(cx, name, (start, start + item.len()), g);
    }
    true
}

/// The items of a list after a slogan (view start, text): split at 、 (and,
/// when `over_commas`, at commas, each clause without its opening work
/// verb, the last item at a conjunction), the first run of items whose
/// number is one of `counts` and that ends a clause; each of 2 to 16
/// characters (国家级新能源汽车产业集聚区).
fn list_items<'t>(
    cx: &Context,
    list_start: usize,
    list: &'t str,
    over_commas: bool,
    counts: &[Option<usize>],
) -> Option<Vec<(usize, &'t str)>> {
    let wanted = |n: usize| n >= 2 && counts.contains(&Some(n));
    let clauses: Vec<&str> = if over_commas {
        list.split(',').collect()
    } else {
        vec![list]
    };
    let mut items: Vec<(usize, &str)> = Vec::new();
    let mut at = list_start;
    for clause in clauses {
        let clause_start = at;
        at += clause.len() + 1;
        // Over commas, each item may open with its own work verb (即打造A、
        // 建设B、C): the verb is no part of the name — unless it is most of
        // it (创新城 is no 城 after the verb 创新).
        let mut item_at = clause_start;
        // Editions of one place coined as a quality and its two-character
        // name (创新郫都、美味郫都、田园郫都的目标; …的奋斗目标) are names whole: their
        // first words are no verbs.
        let parts: Vec<&str> = clause.split('、').collect();
        let place = |p: &str| -> Option<String> {
            let p = without_aim_noun(p);
            (p.chars().count() == 4).then(|| p.chars().skip(2).collect())
        };
        let one_place = parts.len() >= 2
            && place(parts[0]).is_some()
            && parts.iter().all(|p| place(p) == place(parts[0]));
        for (i, item) in parts.into_iter().enumerate() {
            let verb = match cx.words.opening(item, 0) {
                Some(v)
                    if over_commas
                        && !one_place
                        && (i == 0 || item[v.len()..].chars().count() >= 3) =>
                {
                    v.len()
                }
                _ => 0,
            };
            let name = without_aim_noun(&item[verb..]);
            items.push((item_at + verb, name.trim_end_matches('等')));
            item_at += item.len() + '、'.len_utf8();
        }
        if !wanted(items.len()) && over_commas {
            let mut split = items.clone();
            split_last_at_conjunction(&mut split);
            if wanted(split.len()) {
                items = split;
            }
        }
        if wanted(items.len()) || !over_commas {
            break;
        }
    }
    let fits = items
        .iter()
        .all(|(_, i)| (2..=16).contains(&i.chars().count()));
    (wanted(items.len()) && fits).then_some(items)
}

/// A list's last item without the slogan's noun that closes it (…、田园郫都
/// 的目标; …、宜居清河的奋斗目标).
fn without_aim_noun(item: &str) -> &str {
    ["的奋斗目标", "的发展目标", "的建设目标", "的目标"]
        .iter()
        .find_map(|w| item.strip_suffix(w))
        .unwrap_or(item)
}

/// The list opened by a colon, bracket, dash or 即 right after a slogan
/// ending at view byte `at` (after a closing quote and a word such as 目标
/// of at most four characters, and a comma before 即), up to the bracket's
/// close or the clause's end (the sentence's, after a dash or 即); its view
/// start, text and whether it may run over commas. None for an
/// enumeration (一是…), which [`after_colon`] reads.
fn list_after(text: &str, at: usize) -> Option<(usize, &str, bool)> {
    let rest = text[at..].trim_start_matches(['”', '"']);
    let open = rest
        .char_indices()
        .take(11)
        .find(|(_, c)| matches!(c, ':' | '(' | '—' | '即'))?;
    let word = rest[..open.0].trim_end_matches(',');
    // Before 即 or a dash the slogan's noun may run on (“两个百亿”产业集群
    // 的目标,即; “一城两基地”的发展定位——A、B、C).
    let longest = if matches!(open.1, '即' | '—') {
        8
    } else {
        4
    };
    if !word.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
        || word.chars().count() > longest
        || (word.len() < open.0 && open.1 != '即')
    {
        return None;
    }
    // “三个率先”:即A,B,C reads as 即.
    let colon_ji = open.1 == ':' && rest[open.0 + 1..].starts_with('即');
    let over_commas = matches!(open.1, '—' | '即') || colon_ji;
    let start = open.0 + open.1.len_utf8() + if colon_ji { '即'.len_utf8() } else { 0 };
    // ——A、B / 即:A、B: the mark after the opener is no part of the list.
    let start = start + rest[start..].len() - rest[start..].trim_start_matches(['—', ':']).len();
    let body = &rest[start..];
    let closes: &[char] = match open.1 {
        '(' => &[')', '。', ';', '\n'],
        ':' if !colon_ji => &['。', ';', ',', '\n'],
        _ => &['。', ';', '\n'],
    };
    let end = body.find(closes).unwrap_or(body.len());
    let list = &body[..end];
    let mut opening = list.chars();
    if opening
        .next()
        .is_some_and(|c| "一二三四五六七八九十".contains(c))
        && matches!(opening.next(), Some('是' | '要'))
    {
        return None;
    }
    Some((text.len() - rest.len() + start, list, over_commas))
}

/// The sum of the numerals of a coined slogan with more than one
/// (两进一优 → 3, 三新三强 → 6); None with one or none.
fn numeral_sum(name: &str) -> Option<usize> {
    let values: Vec<usize> = name
        .chars()
        .filter_map(|c| {
            "一二三四五六七八九"
                .find(c)
                .map(|i| i / 3 + 1)
                .or((c == '两').then_some(2))
        })
        .collect();
    (values.len() >= 2).then(|| values.iter().sum())
}

#[cfg(test)]
mod tests {
    use super::super::{extract_speech, links_of};
    use super::*;

    fn member_of(text: &str) -> Vec<(String, String, String)> {
        links_of(&extract_speech(text), Relation::MemberOf)
    }

    #[test]
    fn a_paragraph_opening_with_the_work_on_a_member_names_it() {
        // The heading counts the roads; each paragraph opens by walking one
        // (its name ends as the slogan does) and lists the work for it.
        let text = "在区委全会上的讲话\n\n三、坚定不移走好“三条新路”\n\n\
                    走好绿色崛起新路。一是加快光伏电站建设;二是推进矿山生态修复。\n\n\
                    走好开放合作新路。一是深化与邻省产业协作。\n\n\
                    要加强组织领导。\n";
        let ex = extract_speech(text);
        let got = links_of(&ex, Relation::MemberOf);
        for member in ["绿色崛起新路", "开放合作新路"] {
            assert!(
                got.iter().any(|(m, g, _)| m == member && g == "三条新路"),
                "{member}: {got:?}"
            );
        }
        assert_eq!(got.len(), 2, "{got:?}");
        let serves = links_of(&ex, Relation::Serves);
        assert!(
            serves.iter().any(|(m, g, b)| m == "推进矿山生态修复"
                && g == "绿色崛起新路"
                && b == "structure"),
            "{serves:?}"
        );
    }

    #[test]
    fn members_after_a_dash_may_follow_the_slogans_noun() {
        let text = "全市上下紧扣“一城两基地”的发展定位——北方石材之都、全国新型建材示范基地、青河绿色食品加工基地,深入推进转型。\n";
        let got = member_of(text);
        for member in [
            "北方石材之都",
            "全国新型建材示范基地",
            "青河绿色食品加工基地",
        ] {
            assert!(
                got.iter().any(|(m, g, _)| m == member && g == "一城两基地"),
                "{member}: {got:?}"
            );
        }
    }

    #[test]
    fn a_layout_listed_where_it_is_a_path_has_members_once_it_is_an_aim() {
        // First named as the path it follows (no aim there), with its list;
        // later named as the aim of the work.
        let text = "今后五年,以“一园一带一城”为发展路径,即松岭现代茶业园、沿溪乡村旅游带、宜居宜业小城。\n\
                    (四)加强党的建设,为实现“一园一带一城”目标提供坚强保证。\n";
        let got = member_of(text);
        for member in ["松岭现代茶业园", "沿溪乡村旅游带", "宜居宜业小城"] {
            assert!(
                got.iter()
                    .any(|(m, g, _)| m == member && g == "一园一带一城"),
                "{member}: {got:?}"
            );
        }
    }

    #[test]
    fn the_halves_of_a_couplet_aim_are_its_members() {
        let got = member_of("街道紧紧围绕“山水名城 康养福地”的发展定位,扎实推进城市更新。\n");
        for member in ["山水名城", "康养福地"] {
            assert!(
                got.iter()
                    .any(|(m, g, _)| m == member && g == "山水名城康养福地"),
                "{member}: {got:?}"
            );
        }
        // Parts of unequal length are no couplet; a PDF-spaced name (one
        // character a part) neither.
        assert!(member_of("紧紧围绕“山水名城 康养福地建设”的发展定位。\n").is_empty());
        assert!(member_of("紧紧围绕“山 水 名 城”的发展定位。\n").is_empty());
    }

    #[test]
    fn dash_listed_members_keep_their_first_word_and_lose_the_slogans_noun() {
        // Items that all end in the place's name are names whole (创新 is
        // no verb here), and 的目标 closing the list is the slogan's noun.
        for text in [
            "全区紧紧围绕建设“三个松岭”——创新松岭、美味松岭、田园松岭的目标,稳中求进。\n",
            "县政府紧紧围绕建设“三个松岭”——创新松岭、美味松岭、田园松岭的奋斗目标,稳中求进。\n",
        ] {
            let got = member_of(text);
            for member in ["创新松岭", "美味松岭", "田园松岭"] {
                assert!(
                    got.iter().any(|(m, g, _)| m == member && g == "三个松岭"),
                    "{member}: {got:?}"
                );
            }
        }
    }

    #[test]
    fn a_quoted_list_of_items_ending_in_the_slogans_head_names_its_members() {
        let got = member_of(
            "全镇紧紧围绕“三个青石”建设目标。今年的总体思路是:坚持“产业青石、生态青石、幸福青石”建设目标,真抓实干。\n",
        );
        for member in ["产业青石", "生态青石", "幸福青石"] {
            assert!(
                got.iter().any(|(m, g, _)| m == member && g == "三个青石"),
                "{member}: {got:?}"
            );
        }
        // Items that do not end in the head are another list.
        let got = member_of("围绕“三个青石”目标,推行“一窗受理、集成服务、限时办结”。\n");
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn the_items_of_a_quoted_list_of_aims_are_its_members() {
        // Items sharing a place name, and items each ending in a place.
        for (text, list, items) in [
            (
                "全县围绕建设“生态临川、富裕临川、和美临川”的目标,真抓实干。\n",
                "生态临川、富裕临川、和美临川",
                &["生态临川", "富裕临川", "和美临川"][..],
            ),
            (
                "全省以建设“生态大省、民族团结进步示范区”为目标,加快发展。\n",
                "生态大省、民族团结进步示范区",
                &["生态大省", "民族团结进步示范区"][..],
            ),
            // A quality before the short name of a place the text names.
            (
                "青杉区上半年,全区紧扣“智造重镇、生态青杉”发展定位,狠抓落实。\n",
                "智造重镇、生态青杉",
                &["智造重镇", "生态青杉"][..],
            ),
        ] {
            let got = member_of(text);
            for item in items {
                assert!(
                    got.iter().any(|(m, g, _)| m == item && g == list),
                    "{item}: {got:?}"
                );
            }
        }
        // A member named again as the purpose of work is its goal there.
        let got = links_of(
            &extract_speech(
                "全镇围绕建设“工业临川、生态临川”的目标,真抓实干。\n\
                 下半年要加快园区扩容,为工业临川建设提供有力支撑。\n",
            ),
            Relation::Serves,
        );
        assert!(
            got.iter()
                .any(|(m, g, b)| m.contains("加快园区扩容") && g == "工业临川" && b == "phrase"),
            "{got:?}"
        );
        // A motto of the year is an aim, but its items are none.
        let got = member_of("紧扣“冲刺三季度、决胜全年度”的目标,狠抓落实。\n");
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn members_after_ji_or_a_dash_run_over_commas_and_headings_name_them() {
        let text = "政府工作的总体要求是:紧紧围绕“两园一城”发展目标,即建设滨河宜居新城,打造智能装备产业园、绿色食品产业园,奋力谱写新篇章。\n\
                    (一)做强工业,加快建设智能装备产业园\n\
                    实施技改项目30个。推进园区标准厂房建设。\n";
        let ex = extract_speech(text);
        let members = links_of(&ex, Relation::MemberOf);
        for member in ["滨河宜居新城", "智能装备产业园", "绿色食品产业园"] {
            assert!(
                members
                    .iter()
                    .any(|(m, g, _)| m == member && g == "两园一城"),
                "{member}: {members:?}"
            );
        }
        let serves = links_of(&ex, Relation::Serves);
        assert!(
            serves
                .iter()
                .any(|(m, g, _)| m == "实施技改项目30个" && g == "智能装备产业园"),
            "{serves:?}"
        );
        let got = member_of(
            "加快打造“三区一带”——临港物流区、高新产业区、生态康养区和沿江风光带,推动全域发展。\n",
        );
        assert_eq!(got.len(), 4, "{got:?}");
        // A feature list after 即: its colon is no part of the first item.
        let got = member_of("主要特点就是“两大一强”,即:投资大、体量大、带动作用强。\n");
        assert!(got.iter().all(|(m, _, _)| !m.starts_with(':')), "{got:?}");
    }

    #[test]
    fn a_heading_naming_a_member_without_its_qualifier_names_it() {
        let text = "全年工作的总体要求是:加快建设“两区一城”,即国家级智能装备产业集聚区、省级数字文创示范区、滨湖生态宜居新城。\n\
                    (一)聚焦智能装备产业集聚区建设,壮大主导产业\n\
                    1.延伸产业链条。引进配套企业20家。\n\
                    2.培育新兴产业。布局低空经济和储能。\n";
        let serves = links_of(&extract_speech(text), Relation::Serves);
        for measure in ["延伸产业链条", "培育新兴产业"] {
            assert!(
                serves
                    .iter()
                    .any(|(m, g, _)| m == measure && g == "国家级智能装备产业集聚区"),
                "{measure}: {serves:?}"
            );
        }
    }

    #[test]
    fn a_list_after_a_colon_and_ji_or_after_the_slogans_aim_runs_over_commas() {
        let got = member_of(
            "全区要突出“三个率先”:即率先实现工业产值翻番,率先建成省级高新区,率先打造一流营商环境。\n",
        );
        let members: Vec<&str> = got.iter().map(|(m, _, _)| m.as_str()).collect();
        assert_eq!(
            members,
            [
                "率先实现工业产值翻番",
                "率先建成省级高新区",
                "率先打造一流营商环境"
            ]
        );
        // A cue phrase around the slogan, its noun running on before 即; each
        // item's own work verb left out, unless it is most of the item.
        let got = member_of(
            "全县要锚定打造“两个千亿”产业集群的目标,即千亿级绿色食品产业集群、千亿级新材料产业集群,奋力前行。\n\
             紧紧围绕“一区两城”部署,即打造临港物流集聚区、建设生态城、创新城,全力推进。\n",
        );
        for (member, goal) in [
            ("千亿级绿色食品产业集群", "两个千亿产业集群"),
            ("千亿级新材料产业集群", "两个千亿产业集群"),
            ("临港物流集聚区", "一区两城"),
            ("生态城", "一区两城"),
            ("创新城", "一区两城"),
        ] {
            assert!(
                got.iter().any(|(m, g, _)| m == member && g == goal),
                "{member}: {got:?}"
            );
        }
    }

    #[test]
    fn the_parts_of_a_composite_slogan_are_its_members() {
        let got = member_of("力争实现“一个确保、两个率先、三个突破”,奋力走在前列。\n");
        let members: Vec<&str> = got.iter().map(|(m, _, _)| m.as_str()).collect();
        assert_eq!(members, ["一个确保", "两个率先", "三个突破"]);
        assert!(
            got.iter()
                .all(|(_, g, _)| g == "一个确保、两个率先、三个突破"),
            "{got:?}"
        );
    }

    #[test]
    fn a_long_member_after_a_cue_in_running_text_is_the_aim_there() {
        let text = "全县要锚定打造“两个千亿”产业集群的目标,即千亿级绿色食品产业集群、千亿级新材料产业集群。\n\
                    在产业发展上,聚焦绿色食品产业集群,加快建设青山粮油加工园。\n";
        let serves = links_of(&extract_speech(text), Relation::Serves);
        assert!(
            serves
                .iter()
                .any(|(m, g, _)| m == "加快建设青山粮油加工园" && g == "千亿级绿色食品产业集群"),
            "{serves:?}"
        );
    }

    #[test]
    fn items_under_a_slogan_heading_are_its_members() {
        let got = member_of(
            "在全县乡村振兴工作会议上的讲话\n\n\
             一、走好“三条新路”\n\n\
             一是生态茶园路。全县新植茶园五千亩。\n\n\
             二是林下经济路。发展林下种养。\n\n\
             三是山地旅游路。办好采茶节。\n",
        );
        for member in ["生态茶园路", "林下经济路", "山地旅游路"] {
            assert!(
                got.contains(&(member.into(), "三条新路".into(), "structure".into())),
                "{member}: {got:?}"
            );
        }
    }

    #[test]
    fn a_list_before_a_slogan_gives_as_many_members_as_it_counts() {
        let got = member_of("今年要扎实开展植绿、治水、护林三大行动,守护好绿水青山。\n");
        assert_eq!(
            got.iter().map(|(m, _, _)| m.as_str()).collect::<Vec<_>>(),
            ["植绿", "治水", "护林"],
            "{got:?}"
        );
        assert!(got.iter().all(|(_, s, _)| s == "三大行动"));
        // The list ends at a line break: a heading before the slogan's line
        // (五、生态建设\n奋力实现“两个率先”) lists nothing.
        let got = member_of(
            "助力示范区建设。\n\n五、生态建设有序推进\n奋力实现“两个率先”,完成修复3万亩。\n",
        );
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn items_after_a_slogan_and_its_colon_are_its_members() {
        let got = member_of("全镇要实现“三个转变”:一是从量到质。二是从散到聚。三是从粗到精。\n");
        let members: Vec<&str> = got.iter().map(|(m, _, _)| m.as_str()).collect();
        assert_eq!(members, ["从量到质", "从散到聚", "从粗到精"], "{got:?}");
    }

    #[test]
    fn a_cross_reference_names_a_member_once_more() {
        let ex = extract_speech(
            "在全县乡村振兴工作会议上的讲话\n\n\
             一、走好“两条新路”\n\n\
             一是生态茶园路。(同三件大事的“茶产业提质”)新植茶园五千亩。\n\n\
             二是林下经济路。发展林下种养。\n",
        );
        let same = links_of(&ex, Relation::SameAs);
        assert_eq!(
            same,
            [(
                "生态茶园路".to_string(),
                "茶产业提质".to_string(),
                "cross-reference".to_string()
            )],
            "{same:?}"
        );
    }

    #[test]
    fn a_list_in_brackets_or_after_a_colon_gives_the_members_of_a_slogan() {
        let got =
            member_of("全县要奋力实现“两增一降”目标(收入增加、就业增加、能耗下降),确保进位。\n");
        let members: Vec<&str> = got.iter().map(|(m, _, _)| m.as_str()).collect();
        assert_eq!(members, ["收入增加", "就业增加", "能耗下降"], "{got:?}");
        let got = member_of("今年全力打造“三个示范”:示范茶园、示范村落、示范民宿。\n");
        let members: Vec<&str> = got.iter().map(|(m, _, _)| m.as_str()).collect();
        assert_eq!(members, ["示范茶园", "示范村落", "示范民宿"], "{got:?}");
        // Two items for a slogan counting three: no members.
        let got = member_of("今年全力打造“三个示范”:示范茶园、示范村落。\n");
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn a_last_item_joined_by_a_conjunction_is_a_member_too() {
        let got = member_of("全镇聚力推进植树行动、治水攻坚和打造美丽乡村三项重点工作。\n");
        let members: Vec<&str> = got.iter().map(|(m, _, _)| m.as_str()).collect();
        assert_eq!(members, ["植树行动", "治水攻坚", "美丽乡村"], "{got:?}");
    }

    #[test]
    fn numerals_of_a_coined_slogan_add_up() {
        assert_eq!(numeral_sum("两进一优"), Some(3));
        assert_eq!(numeral_sum("三个示范"), None);
    }

    #[test]
    fn lead_words_come_off_the_first_item() {
        let leads = [&"牢牢守住".to_string(), &"推动".to_string()];
        assert_eq!(
            without_lead_words("牢牢守住发展", true, &leads),
            (12, "发展")
        );
        assert_eq!(without_lead_words("推动就业", false, &leads), (6, "就业"));
        assert_eq!(without_lead_words("推动", false, &leads), (0, "推动"));
    }

    #[test]
    fn cross_references_quote_a_name() {
        let t = "一是茶旅融合。(同三条新路的“山地旅游路”)";
        let spans = cross_refs(t);
        assert_eq!(spans.len(), 1);
        assert_eq!(&t[spans[0].0..spans[0].1], "山地旅游路");
    }
}
