//! Goals, measures and which measure serves which goal.
//!
//! Goals are found by `goal` rules like any entity. This pass adds:
//! - **members** of numbered slogans: the items (一是…, 二是…, or
//!   sub-headings) under a heading that names a slogan such as 四条新路;
//! - **measures**: section headings below the top level of the outline and
//!   enumerated commitments (`measure` rules: 一要…, 二是…);
//! - **serves** edges from measure to goal, with a basis: `structure` (the
//!   nearest enclosing heading names the goal), `phrase` (a sentence inside
//!   the measure names the goal after a cue of the `serves_cues` vocabulary:
//!   推动, 围绕, 确保 …) or `cooccurrence` (same paragraph, nothing stronger);
//! - **involves** edges from a measure to the projects, sectors, districts
//!   and targets inside it.

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind, StartKind};

use super::{CharIndex, SentenceTexts};
use crate::document::{NormText, Structure};
use crate::model::{Basis, Entity, Link, NodeRef, Relation, RuleKind, Target};
use crate::rules::{CompiledRuleSet, FastHash};

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
}

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
        let measure_leads: Vec<&String> = rules.words("measure_leads").iter().collect();
        let verbs = rules
            .words("work_verbs")
            .iter()
            .chain(measure_leads.iter().copied())
            .collect();
        GoalWords {
            verbs: build(verbs, MatchKind::LeftmostLongest),
            leads: build(measure_leads, MatchKind::Standard),
            cues: build(
                rules.words("serves_cues").iter().collect(),
                MatchKind::Standard,
            ),
        }
    }

    /// The longest verb `text[at..]` opens with.
    fn opening<'t>(&self, text: &'t str, at: usize) -> Option<&'t str> {
        self.verbs
            .find(Input::new(text).range(at..).anchored(Anchored::Yes))
            .map(|m| &text[m.start()..m.end()])
    }

    /// Whether `text` opens with a measure lead word.
    fn opens_with_lead(&self, text: &str) -> bool {
        self.leads
            .find(Input::new(text).anchored(Anchored::Yes))
            .is_some()
    }

    /// Whether `text` contains a serves cue.
    fn has_cue(&self, text: &str) -> bool {
        self.cues.is_match(text)
    }
}

/// Runs the pass. `entities` are the document's entities (goals included).
#[allow(clippy::too_many_arguments)]
pub fn extract(
    rules: &CompiledRuleSet,
    words: &GoalWords,
    view: &NormText,
    structure: &Structure,
    original: &str,
    index: &CharIndex,
    sentences: &SentenceTexts,
    entities: &[Entity],
    targets: &[Target],
) -> GoalsOutput {
    let text = view.text.as_str();
    let mut out_entities: Vec<Entity> = Vec::new();
    let mut links: Vec<Link> = Vec::new();
    let entity_at = |kind: RuleKind, name: String, s: usize, e: usize, rule: &str| -> Entity {
        let start = view.orig_start(s);
        let end = view.orig_end(e);
        let sentence_span = structure
            .sentence_at(s)
            .map(|i| (structure.sentences[i].start, structure.sentences[i].end))
            .unwrap_or((start, end));
        Entity {
            kind,
            name: name.into(),
            text: index.slice(original, start, end).to_string(),
            start,
            end,
            sentence: sentences.get(sentence_span),
            rule: rule.into(),
            section: structure.section_at(s),
            sentence_span,
            view_span: (s, e),
        }
    };
    // Aims stated in a top-level heading (第二句话,确保全年达标,要抓牢项目):
    // what follows 确保/实现/奋力实现 up to the next comma names the goal the
    // section's work is for.
    let heading_aims: Vec<Entity> = structure
        .sections
        .iter()
        .filter(|s| s.level == 1)
        .filter_map(|s| {
            let heading = &text[s.norm.0..s.heading_end];
            let c = heading_aim(heading)?;
            let name = heading[c.0..c.1].to_string();
            let already = entities.iter().any(|e| {
                e.kind == RuleKind::Goal
                    && e.view_span.0 < s.heading_end
                    && s.norm.0 <= e.view_span.0
            });
            (!already).then(|| {
                entity_at(
                    RuleKind::Goal,
                    name,
                    s.norm.0 + c.0,
                    s.norm.0 + c.1,
                    "goal-heading-aim",
                )
            })
        })
        .collect();
    out_entities.extend(heading_aims.iter().cloned());
    // Goals by view position, found by the goal rules.
    let goals: Vec<(usize, usize, &Entity)> = entities
        .iter()
        .chain(heading_aims.iter())
        .filter(|e| e.kind == RuleKind::Goal)
        .map(|e| (e.view_span.0, e.view_span.1, e))
        .collect();
    let goal_in = |s: usize, e: usize| -> Option<&Entity> {
        goals
            .iter()
            .filter(|(gs, ge, _)| s <= *gs && *ge <= e)
            .map(|(_, _, g)| *g)
            .next()
    };

    // Members of numbered slogans: items under a heading naming one.
    let max_level = structure
        .sections
        .iter()
        .map(|s| s.level)
        .max()
        .unwrap_or(0);
    let mut member_spans: Vec<(usize, usize)> = Vec::new();
    // Paragraph each member heads (二是文旅融合路。突出全域化发展。…):
    // measures inside it serve the member.
    let mut member_paragraphs: Vec<((usize, usize), Entity)> = Vec::new();
    let mut measures: Vec<Measure> = Vec::new();
    let enumerations: Vec<&crate::rules::CompiledRule> = rules.of_kind(RuleKind::Measure).collect();
    for (si, section) in structure.sections.iter().enumerate() {
        let heading = (section.norm.0, section.heading_end);
        let slogan = goals
            .iter()
            .find(|(gs, ge, g)| heading.0 <= *gs && *ge <= heading.1 && g.rule.contains("numbered"))
            .map(|(_, _, g)| *g);
        if let Some(slogan) = slogan {
            for &(ps, pe) in structure
                .paragraphs
                .iter()
                .filter(|(ps, _)| *ps > heading.1 && *ps < section.norm.1)
            {
                let para = &text[ps..pe];
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
                    if m.name.starts_with('要') || words.opens_with_lead(action) {
                        continue;
                    }
                    let name_start = ps + m.end - m.name.len();
                    let member = entity_at(
                        RuleKind::Goal,
                        m.name.clone(),
                        name_start,
                        ps + m.end,
                        "goal-member",
                    );
                    links.push(link(
                        Relation::MemberOf,
                        &member,
                        slogan,
                        Basis::Structure,
                        &member,
                    ));
                    member_spans.push((ps, ps + m.end));
                    member_paragraphs.push(((ps, pe), member.clone()));
                    out_entities.push(member);
                }
            }
        }
        // Measures: headings below the top level (or every heading when the
        // outline has one level), except headings that only number parts.
        let is_part = section.rule == "heading-ordinal-part";
        if (section.level > 1 || max_level == 1) && !is_part {
            let name = clean_title(&section.title);
            // A heading that only names a slogan (——四条新路) is its goal's
            // container, not a measure.
            let names_goal = goal_in(heading.0, heading.1)
                .is_some_and(|g| name.chars().count() <= g.name.chars().count() + 2);
            if name.chars().count() >= 2 && !names_goal {
                let e = entity_at(
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
    }
    // Members listed right before a numbered slogan, as many as it counts:
    // 产业、生态、民生三张名片; “大开放·大招商”两大战略行动.
    let lead_words: Vec<&String> = ["function_words", "work_verbs"]
        .iter()
        .flat_map(|l| rules.words(l))
        .collect();
    for (gs, _, g) in goals.iter().filter(|(_, _, g)| g.rule.contains("numbered")) {
        let Some(count) = slogan_count(&g.name) else {
            continue;
        };
        let before = text[..*gs].trim_end_matches(['“', '等']);
        if before.ends_with(['、', '·']) {
            continue;
        }
        let (list_end, quoted) = match before.strip_suffix('”') {
            Some(b) => (b.len(), true),
            None => (before.len(), false),
        };
        let list_start = if quoted {
            before[..list_end].rfind('“').map(|i| i + '“'.len_utf8())
        } else {
            before[..list_end]
                .rfind([',', ';', ':', '。', '(', '“', '”'])
                .map(|i| i + before[i..].chars().next().map_or(1, char::len_utf8))
        }
        .unwrap_or(0);
        // Two slogans in one clause (…两大战略行动和园区升级、城市更新、乡村治理
        // 三件大事): the second list starts after the first slogan and its
        // conjunction.
        let list_start = goals
            .iter()
            .filter(|(_, pe, p)| *pe > list_start && *pe < list_end && p.rule.contains("numbered"))
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
        let items: Vec<(usize, &str)> = list
            .split(separators)
            .scan(list_start, |at, item| {
                let start = *at;
                *at += item.len()
                    + item.chars().next().map_or(0, |_| 0)
                    + separator_len(&text[*at + item.len()..]);
                Some((start, item))
            })
            .collect();
        if items.len() != count || count < 2 {
            continue;
        }
        if items.iter().any(|(_, i)| i.is_empty()) {
            continue;
        }
        for (k, (start, item)) in items.into_iter().enumerate() {
            // Strip the verbs and function words that lead into the list;
            // the first item starts after the last of them (牢牢守住发展 → 发展).
            let mut s0 = start;
            let mut name = item;
            if k == 0 {
                if let Some(cut) = lead_words
                    .iter()
                    .filter_map(|w| name.rfind(w.as_str()).map(|i| i + w.len()))
                    .filter(|c| name[*c..].chars().count() >= 2)
                    .max()
                {
                    s0 += cut;
                    name = &name[cut..];
                }
            }
            let mut changed = true;
            while changed {
                changed = false;
                for w in &lead_words {
                    if let Some(rest) = name.strip_prefix(w.as_str()) {
                        if rest.chars().count() >= 2 {
                            s0 += w.len();
                            name = rest;
                            changed = true;
                        }
                    }
                }
            }
            let name = name.trim_end_matches('等');
            if name.chars().count() < 2 || name.chars().count() > 16 {
                continue;
            }
            let member = entity_at(
                RuleKind::Goal,
                name.to_string(),
                s0,
                s0 + name.len(),
                "goal-member",
            );
            links.push(link(
                Relation::MemberOf,
                &member,
                g,
                Basis::Structure,
                &member,
            ));
            out_entities.push(member);
        }
    }
    // Cross-references: （同四条新路的“特色农业路”） after a member
    // says it is the same goal as one named elsewhere.
    for (k, (rs, re)) in cross_refs(text).into_iter().enumerate() {
        let _ = k;
        let Some(member) = out_entities
            .iter()
            .filter(|m| &*m.rule == "goal-member" && m.view_span.1 <= rs)
            .filter(|m| {
                structure
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
        let other = entity_at(RuleKind::Goal, name, rs, re, "goal-cross-reference");
        links.push(link(
            Relation::SameAs,
            &member,
            &other,
            Basis::CrossReference,
            &other,
        ));
        out_entities.push(other);
    }
    // Members listed right after a slogan and a colon (“三个转变”:一是…二是…).
    for (gs, ge, g) in goals
        .iter()
        .filter(|(_, _, g)| g.rule.starts_with("goal-") && g.rule.contains("numbered"))
    {
        let _ = gs;
        let after = &text[*ge..];
        let Some(colon) = after
            .char_indices()
            .take(3)
            .find(|(_, c)| *c == ':')
            .map(|(i, _)| ge + i + 1)
        else {
            continue;
        };
        let para_end = structure
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
            let member = entity_at(
                RuleKind::Goal,
                name,
                at + m.start,
                at + m.end,
                "goal-member",
            );
            links.push(link(
                Relation::MemberOf,
                &member,
                g,
                Basis::Structure,
                &member,
            ));
            member_spans.push((at, at + m.end));
            out_entities.push(member);
            // The next item starts a later sentence of the paragraph.
            match structure.sentences.iter().map(|s| s.norm.0).find(|s| {
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
    // Enumerated commitments at sentence starts (一要…, 二是…), or right
    // after a colon that introduces them (…“三个转变”:一是…).
    let mut starts: Vec<(usize, usize)> = Vec::new();
    for sentence in &structure.sentences {
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
    // Where measures start so far: headings (original offset) and items
    // (view offset).
    let heading_starts: HashSet<usize, FastHash> = measures
        .iter()
        .filter(|m| m.section.is_some())
        .map(|m| m.entity.start)
        .collect();
    let mut item_starts: HashSet<usize, FastHash> = measures
        .iter()
        .filter(|m| m.section.is_none())
        .map(|m| m.cover.0)
        .collect();
    for (ss, se) in starts {
        if member_spans.iter().any(|(ms, me)| *ms <= ss && ss < *me) {
            continue;
        }
        if item_starts.contains(&ss) || heading_starts.contains(&view.orig_start(ss)) {
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
            let name_start = ss + m.end - m.name.len();
            // An item covers its sentences up to the next item or paragraph end.
            let para_end = structure.paragraph_at(ss).map(|p| p.1).unwrap_or(se);
            let e = entity_at(RuleKind::Measure, name, name_start, ss + m.end, &rule.id);
            item_starts.insert(ss);
            measures.push(Measure {
                entity: e,
                cover: (ss, para_end),
                section: None,
                parent: structure.section_at(ss),
            });
            break;
        }
    }
    // Lead sentences: a short sentence that opens with a work verb and is
    // followed by the sentences that carry it out (着力抓好园区升级。积极推进…).
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
        if !followed || !words.opens_with_lead(body) {
            continue;
        }
        if measures
            .iter()
            .any(|m| m.cover.0 <= ss && ss < m.cover.1 && m.section.is_none() && m.cover.0 == ss)
        {
            continue;
        }
        if member_spans.iter().any(|(ms, me)| *ms <= ss && ss < *me)
            || structure.sections.iter().any(|h| h.norm.0 == ss)
        {
            continue;
        }
        let e = entity_at(
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
    // Action sentences as measures where the speech lists them without
    // numbers: three or more sentences of a paragraph opening with the same
    // work verb (发展以“茶”为支撑的…。发展以“花”为支撑的…。), and, in a
    // member's paragraph that holds no measure, every sentence opening with
    // a lead word (一是生态宜居路。大力实施…。深入开展…). The first
    // clause names the measure.
    let mut actions: Vec<(usize, usize)> = Vec::new();
    for &(ps, pe) in &structure.paragraphs {
        // Sentences come in text order: a paragraph's are one slice.
        let lo = structure.sentences.partition_point(|s| s.norm.0 < ps);
        let hi = structure.sentences.partition_point(|s| s.norm.0 < pe);
        let in_para = &structure.sentences[lo..hi.max(lo)];
        for &(ss, se) in in_para.iter().map(|s| &s.norm) {
            let Some(verb) = words.opening(text, ss) else {
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
                member_paragraphs
                    .iter()
                    .any(|((mp, mpe), _)| *mp == ps && *mpe == pe)
                    && !measures.iter().any(|m| ps <= m.cover.0 && m.cover.0 < pe)
                    && words.opens_with_lead(&text[ss..])
            };
            if parallel || member_para() {
                actions.push((ss, se));
            }
        }
    }
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
        let e = entity_at(
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
    // An enumerated item's cover stops where the next item starts.
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

    // An introduction that names a goal and counts the items after it
    // (为全面建成小康社会,下半年重点抓好三点。一是…二是…三是…): those
    // items serve the goal.
    let mut introduced: Vec<(usize, &Entity)> = Vec::new();
    for sentence in &structure.sentences {
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
        let section = structure.section_at(ss);
        let mut items: Vec<usize> = (0..measures.len())
            .filter(|i| {
                let m = &measures[*i];
                m.section.is_none()
                    && m.entity.rule.starts_with("measure-enumerated")
                    && m.cover.0 >= se
                    && m.parent == section
            })
            .collect();
        items.sort_by_key(|i| measures[*i].cover.0);
        for &mi in items.iter().take(count) {
            introduced.extend(named.iter().map(|g| (mi, *g)));
        }
    }

    // serves, strongest basis per (measure, goal).
    let mut serves: BTreeMap<(usize, Arc<str>), (u8, Link)> = BTreeMap::new();
    // `rule` replaces the evidence's rule in the link, when given.
    let mut add = |mi: usize,
                   goal: &Entity,
                   basis: Basis,
                   evidence: &Entity,
                   rule: Option<&str>,
                   strength: u8,
                   measures: &[Measure]| {
        let key = (mi, goal.name.clone());
        if goal.name == measures[mi].entity.name {
            return;
        }
        if serves.get(&key).is_none_or(|(s, _)| *s < strength) {
            let mut l = link(
                Relation::Serves,
                &measures[mi].entity,
                goal,
                basis,
                evidence,
            );
            if let Some(rule) = rule {
                l.rule = rule.into();
            }
            serves.insert(key, (strength, l));
        }
    };
    // Slots of a slogan's members inside the slogan's section (——三件大事。
    // 着力抓好园区升级。…着力抓好城市“微”更新。…): a measure naming a member
    // serves it and the slogan, and the measures after it serve that member
    // until another member is named.
    // (member, slogan name) of every member_of link.
    let member_of: Vec<(&Entity, &str)> = links
        .iter()
        .filter(|l| l.relation == Relation::MemberOf)
        .filter_map(|l| {
            out_entities
                .iter()
                .find(|e| &*e.rule == "goal-member" && e.name == l.from.name)
                .map(|e| (e, &*l.to.name))
        })
        .collect();
    let prefixes = rules.words("member_prefixes");
    let mut slot: BTreeMap<usize, &Entity> = BTreeMap::new();
    // (slogan, member whose slot holds the measure, whether the measure
    // names that member itself).
    let mut in_slot: Vec<Option<(&Entity, &Entity, bool)>> = vec![None; measures.len()];
    let mut order: Vec<usize> = (0..measures.len()).collect();
    order.sort_by_key(|i| measures[*i].cover.0);
    for &mi in &order {
        let m = &measures[mi];
        let mut up = m.parent;
        let mut found = None;
        while let Some(si) = up {
            let s = &structure.sections[si];
            if let Some(g) =
                goal_in(s.norm.0, s.heading_end).filter(|g| g.rule.contains("numbered"))
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
        in_slot[mi] = slot
            .get(&si)
            .map(|member| (slogan, *member, named.is_some()));
    }
    for &(mi, g) in &introduced {
        add(
            mi,
            g,
            Basis::Structure,
            &measures[mi].entity,
            None,
            3,
            &measures,
        );
    }
    // A measure whose own title names a goal as the work it does
    // (抓实“六稳”“六保”各项工作: the goal closes the title or comes before
    // 工作/任务) serves it; a goal that only qualifies the object (做强“三变”
    // 改革载体) does not.
    for (mi, m) in measures.iter().enumerate() {
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
            after.is_empty() || work
        }) {
            add(
                mi,
                g,
                Basis::Phrase,
                &m.entity,
                Some("serves-phrase"),
                2,
                &measures,
            );
        }
    }
    for (mi, m) in measures.iter().enumerate() {
        // structure: the member whose paragraph holds the measure, else the
        // member whose slot holds it, else the nearest enclosing heading
        // that names a goal.
        if let Some((_, member)) = member_paragraphs
            .iter()
            .find(|((ps, pe), _)| *ps <= m.cover.0 && m.cover.0 < *pe)
        {
            add(mi, member, Basis::Structure, &m.entity, None, 3, &measures);
            continue;
        }
        if let Some((slogan, member, names_it)) = in_slot[mi] {
            add(mi, member, Basis::Structure, &m.entity, None, 3, &measures);
            if names_it {
                add(mi, slogan, Basis::Structure, &m.entity, None, 3, &measures);
            }
            continue;
        }
        // Only the nearest heading: a sub-item serves what its own heading
        // names, and reaches higher goals through that heading's measure.
        if let Some(s) = m.parent.map(|si| &structure.sections[si]) {
            if let Some(g) = goal_in(s.norm.0, s.heading_end) {
                add(mi, g, Basis::Structure, &m.entity, None, 3, &measures);
            }
        }
    }
    // Goals by view start (ties in list order): those inside a span, in
    // list order, without a scan of all goals per sentence.
    let mut by_start: Vec<usize> = (0..goals.len()).collect();
    by_start.sort_by_key(|i| goals[*i].0);
    let goals_within = |s: usize, e: usize| -> Vec<&(usize, usize, &Entity)> {
        let lo = by_start.partition_point(|i| goals[*i].0 < s);
        let hi = by_start.partition_point(|i| goals[*i].0 <= e);
        let mut inside: Vec<usize> = by_start[lo..hi.max(lo)]
            .iter()
            .copied()
            .filter(|i| goals[*i].1 <= e)
            .collect();
        inside.sort_unstable();
        inside.into_iter().map(|i| &goals[i]).collect()
    };
    for sentence in &structure.sentences {
        let (ss, se) = sentence.norm;
        let in_sentence = goals_within(ss, se);
        if in_sentence.is_empty() {
            continue;
        }
        // The innermost measure covering this sentence.
        let Some(mi) = measures
            .iter()
            .enumerate()
            .filter(|(_, m)| m.cover.0 <= ss && se <= m.cover.1.max(se) && ss < m.cover.1)
            .min_by_key(|(_, m)| m.cover.1 - m.cover.0)
            .map(|(i, _)| i)
        else {
            continue;
        };
        for (gs, _ge, g) in in_sentence {
            let before = &text[ss..*gs];
            if words.has_cue(before) {
                add(mi, g, Basis::Phrase, g, Some("serves-phrase"), 2, &measures);
            }
        }
    }
    for &(ps, pe) in &structure.paragraphs {
        let in_para: Vec<usize> = measures
            .iter()
            .enumerate()
            .filter(|(_, m)| ps <= m.cover.0 && m.cover.0 < pe)
            .map(|(i, _)| i)
            .collect();
        for (gs, _, g) in goals.iter().filter(|(gs, ge, _)| ps <= *gs && *ge <= pe) {
            let _ = gs;
            for &mi in &in_para {
                add(
                    mi,
                    g,
                    Basis::Cooccurrence,
                    g,
                    Some("serves-cooccurrence"),
                    1,
                    &measures,
                );
            }
        }
    }
    links.extend(serves.into_values().map(|(_, l)| l));

    // Goals serving goals. A slogan named in a top-level heading serves the
    // aim in the speech's title (抓好“七项重点工作” in a speech titled
    // 推动经济社会高质量发展); inside a sentence, a goal serves a later one that
    // a serves cue introduces (…“七项重点工作”…推动高质量发展…).
    let mut goal_links: BTreeMap<(Arc<str>, Arc<str>), Link> = BTreeMap::new();
    if let Some((ts, te)) = structure.title_span {
        let aims: Vec<&Entity> = goals
            .iter()
            .filter(|(gs, ge, _)| ts <= *gs && *ge <= te)
            .map(|(_, _, g)| *g)
            .collect();
        for section in structure.sections.iter().filter(|s| s.level == 1) {
            if let Some(g) = goal_in(section.norm.0, section.heading_end) {
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
        let in_sentence = goals_within(ss, se);
        for (i, (_, ae, a)) in in_sentence.iter().enumerate() {
            for (bs, _, b) in in_sentence.iter().skip(i + 1) {
                if a.name == b.name || bs < ae {
                    continue;
                }
                if words.has_cue(&text[*ae..*bs]) {
                    goal_links
                        .entry((a.name.clone(), b.name.clone()))
                        .or_insert_with(|| link(Relation::Serves, a, b, Basis::Phrase, a));
                }
            }
        }
    }
    links.extend(goal_links.into_values());

    // involves: entities and targets inside a measure's cover.
    // Entities and targets come sorted by view position (checked): those
    // starting inside a cover are one slice, found by binary search.
    let entities_sorted = entities
        .windows(2)
        .all(|w| w[0].view_span.0 <= w[1].view_span.0);
    let targets_sorted = targets
        .windows(2)
        .all(|w| w[0].view_span.0 <= w[1].view_span.0);
    // A figure's node name, written once however many measures it is in.
    let figure_names: Vec<std::cell::OnceCell<Arc<str>>> =
        vec![std::cell::OnceCell::new(); targets.len()];
    for m in &measures {
        let inside: &[Entity] = if entities_sorted {
            let lo = entities.partition_point(|e| e.view_span.0 < m.cover.0);
            let hi = entities.partition_point(|e| e.view_span.0 < m.cover.1);
            &entities[lo..hi.max(lo)]
        } else {
            entities
        };
        for e in inside.iter().filter(|e| {
            matches!(
                e.kind,
                RuleKind::Project | RuleKind::Sector | RuleKind::District
            )
        }) {
            let s = e.view_span.0;
            if m.cover.0 <= s && s < m.cover.1 {
                links.push(link(Relation::Involves, &m.entity, e, Basis::Inside, e));
            }
        }
        let inside = if targets_sorted {
            let lo = targets.partition_point(|t| t.view_span.0 < m.cover.0);
            let hi = targets.partition_point(|t| t.view_span.0 < m.cover.1);
            lo..hi.max(lo)
        } else {
            0..targets.len()
        };
        for (t, name) in targets[inside.clone()]
            .iter()
            .zip(&figure_names[inside])
            .filter(|(t, _)| m.cover.0 <= t.view_span.0 && t.view_span.0 < m.cover.1)
        {
            links.push(Link {
                relation: Relation::Involves,
                from: NodeRef {
                    kind: RuleKind::Measure,
                    name: m.entity.name.clone(),
                },
                to: NodeRef {
                    kind: RuleKind::Figure,
                    name: name
                        .get_or_init(|| format!("{}-{}", t.start, t.end).into())
                        .clone(),
                },
                basis: Basis::Inside,
                sentence: t.sentence.clone(),
                start: t.start,
                end: t.end,
                rule: t.rule.clone(),
            });
        }
    }
    out_entities.extend(measures.into_iter().map(|m| m.entity));
    GoalsOutput {
        entities: out_entities,
        links,
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
        sentence: evidence.sentence.clone(),
        start: evidence.start,
        end: evidence.end,
        rule: evidence.rule.clone(),
    }
}

/// Byte span of the aim a heading states after 确保/实现 (up to a comma),
/// or before 的举措/的措施 (推动转型的举措要更加有力: the measures below are
/// for 推动转型).
fn heading_aim(heading: &str) -> Option<(usize, usize)> {
    use std::sync::OnceLock;
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(
            r"(?:确保|奋力实现|实现|力争)(?P<aim>[\p{Han}]{2,6})(?:,|、|$)|(?P<aim2>[\p{Han}]{2,8}?)的(?:举措|措施|抓手)要",
        )
        .expect("heading aim regex")
    });
    re.captures(heading)
        .and_then(|c| c.name("aim").or_else(|| c.name("aim2")))
        .map(|m| (m.start(), m.end()))
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
    let n = super::numerals::parse_chinese(n)?;
    (n >= 2.0).then_some(n as usize)
}

/// How many members a numbered slogan counts (三大战略行动 → 3).
fn slogan_count(name: &str) -> Option<usize> {
    let digits: String = name
        .chars()
        .take_while(|c| "一二两三四五六七八九十".contains(*c))
        .collect();
    let n = super::numerals::parse_chinese(&digits)?;
    (2.0..=12.0).contains(&n).then_some(n as usize)
}

/// Byte length of the list separator at the start of `s` (0 at the end).
fn separator_len(s: &str) -> usize {
    s.chars()
        .next()
        .filter(|c| matches!(c, '·' | '、' | '•'))
        .map_or(0, char::len_utf8)
}

/// An enumeration rule's match at the very start of `text` (after its
/// number: 一要, 二是).
fn enumerated(rule: &crate::rules::CompiledRule, text: &str) -> Option<crate::rules::RuleMatch> {
    if !rule.may_match_at_start(text) {
        return None;
    }
    rule.find(text).into_iter().find(|m| {
        m.start <= 9
            && text[..m.start].chars().count() <= 3
            && text[..m.start].ends_with(['要', '是'])
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_aims_and_cross_references() {
        let h = "确保全年达标,要抓牢项目、压实责任";
        let (s, e) = heading_aim(h).unwrap();
        assert_eq!(&h[s..e], "全年达标");
        assert!(heading_aim("形势总体向好,要稳中求进").is_none());
        let t = "一是工业转型攻坚。(同四条新路的“生态工业路”)";
        let spans = cross_refs(t);
        assert_eq!(spans.len(), 1);
        assert_eq!(&t[spans[0].0..spans[0].1], "生态工业路");
    }

    #[test]
    fn slogan_counts() {
        assert_eq!(slogan_count("三大战略行动"), Some(3));
        assert_eq!(slogan_count("六个攻坚战"), Some(6));
        assert_eq!(slogan_count("高质量发展"), None);
    }
}
