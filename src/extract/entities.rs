//! The entity pass: what the entity rules (districts, projects, sectors,
//! organizations, goals) match in a document's view, resolved where they
//! overlap and placed in the original text with their sentence; and the
//! `located_in` links from a project to a place inside its name. A short
//! place name the gazetteer resolves elsewhere follows the division the same
//! text names in full ([`prefer_places_named_in_full`]). Entities leave in
//! text order, as the later passes expect.

use super::text::{resolve_overlaps, CharIndex, SentenceTexts};
use super::Pipeline;
use crate::document::{NormText, Structure};
use crate::model::{Basis, Entity, Link, NodeRef, Provenance, Relation, RuleKind};

impl Pipeline {
    /// The entities the entity rules find in `view`, in text order.
    pub(super) fn entities(
        &self,
        view: &NormText,
        structure: &Structure,
        index: &CharIndex,
        sentences: &SentenceTexts,
    ) -> Vec<Entity> {
        let original = sentences.original;
        let text = view.text.as_str();
        let mut places = Vec::new();
        let mut others = Vec::new();
        let mut goals = Vec::new();
        let hits = self.entity_words.scan(text);
        for (rule, hits) in self
            .rules
            .rules
            .iter()
            .filter(|r| r.kind.is_entity())
            .zip(&hits)
        {
            for m in rule.find_scanned(text, hits) {
                let cand = (m.start, m.end, rule.priority, (rule, m));
                match rule.kind {
                    RuleKind::District => places.push(cand),
                    // Goals overlap entities freely (建设现代化中心城区 holds a
                    // place name); they only compete with each other.
                    RuleKind::Goal => goals.push(cand),
                    _ => others.push(cand),
                }
            }
        }
        drop_projects_named_by_their_sector(&mut others, text);
        let others = resolve_overlaps(others);
        // A place may sit inside a project or organization name (临江区 in
        // 临江区智慧物流产业园); one that only half-overlaps loses, unless
        // the other name starts with the place's own level word (玉屏侗族
        // 自治县 before 自治县人民政府: the body is that place's).
        // `others` is in text order and its spans do not overlap, so the
        // ones overlapping a place are one slice, found by binary search
        // (testing every pair was 13 M instructions per 20 documents).
        // A place inside a name whose rule hides places (湖北银行襄阳分行)
        // is a word of that name.
        let places: Vec<_> = resolve_overlaps(places)
            .into_iter()
            .filter(|(_, p)| {
                !overlapping(&others, p.start, p.end).any(|(r, o)| {
                    let inside = o.start <= p.start && p.end <= o.end;
                    if inside && r.hides_places {
                        return true;
                    }
                    let holds = p.start <= o.start && o.end <= p.end;
                    !(inside
                        || holds
                        || shares_level_word(text, (p.start, p.end), (o.start, o.end)))
                })
            })
            .collect();
        // A name inside a place's name (高新技术产业 in 桐溪高新技术产业
        // 开发区) is a word of it, not a name of its own; one the same as
        // a place's (长葛产业集聚区 as a project) is that place.
        let others: Vec<_> = others
            .into_iter()
            .filter(|(_, o)| {
                !overlapping(&places, o.start, o.end)
                    .any(|(_, p)| p.start <= o.start && o.end <= p.end)
            })
            .collect();
        let goals = resolve_overlaps(goals);
        // A work named as the purpose served (服务西部绿色食品产业基地建设)
        // is that aim, not a project: the purpose cue and the goal make the
        // whole project name.
        let purposes = &self.rules.vocabulary().purpose_cues;
        let others: Vec<_> = others
            .into_iter()
            .filter(|(r, o)| {
                r.kind != RuleKind::Project
                    || !overlapping(&goals, o.start, o.end).any(|(_, g)| {
                        g.end == o.end
                            && g.start > o.start
                            && purposes.iter().any(|p| p == &text[o.start..g.start])
                    })
            })
            .collect();
        let mut all: Vec<_> = others.into_iter().chain(places).chain(goals).collect();
        all.sort_by_key(|(_, m)| (m.start, m.end));
        let mut entities: Vec<Entity> = all
            .into_iter()
            .map(|(rule, m)| {
                let start = view.orig_start(m.start);
                let end = view.orig_end(m.end);
                let sentence_span = structure
                    .sentence_at(m.start)
                    .map(|i| (structure.sentences[i].start, structure.sentences[i].end))
                    .unwrap_or((start, end));
                Entity {
                    kind: rule.kind,
                    name: m.name.into(),
                    text: index.slice(original, start, end).to_string(),
                    provenance: Provenance {
                        start,
                        end,
                        sentence: sentences.get(sentence_span, (start, end)),
                        rule: rule.shared_id.clone(),
                    },
                    section: structure.section_at(m.start),
                    sentence_span,
                    view_span: (m.start, m.end),
                }
            })
            .collect();
        join_works_and_their_upgrades(&mut entities, |s, e| index.slice(original, s, e));
        prefer_places_named_in_full(&mut entities, text);
        drop_features_of_far_places(&mut entities, text, &self.rules.vocabulary().place_features);
        prefer_projects_named_in_full(&mut entities);
        entities
    }
}

/// A project named only by the industries it belongs to (物流项目, 电子信息项目,
/// 文旅康养项目) is a kind of project, not one: a 项目 whose every character
/// before 项目 a run of sector matches covers names no work. The sector words
/// stay (the candidates are dropped before overlaps are resolved, so the
/// sectors are what is left there).
fn drop_projects_named_by_their_sector<P>(
    cands: &mut Vec<(usize, usize, i32, (&crate::rules::CompiledRule, P))>,
    text: &str,
) {
    const SUFFIX: &str = "项目";
    let mut sectors: Vec<(usize, usize)> = cands
        .iter()
        .filter(|c| c.3 .0.kind == RuleKind::Sector)
        .map(|c| (c.0, c.1))
        .collect();
    if sectors.is_empty() {
        return;
    }
    sectors.sort_unstable();
    let covered = |start: usize, end: usize| {
        let mut at = start;
        while at < end {
            let from = sectors.partition_point(|s| s.0 < at);
            match sectors[from..]
                .iter()
                .take_while(|s| s.0 == at)
                .filter(|s| s.1 <= end)
                .map(|s| s.1)
                .max()
            {
                Some(next) => at = next,
                None => return false,
            }
        }
        true
    };
    cands.retain(|c| {
        c.3 .0.kind != RuleKind::Project
            || !text[c.0..c.1].ends_with(SUFFIX)
            || c.1 - SUFFIX.len() <= c.0
            || !covered(c.0, c.1 - SUFFIX.len())
    });
}

/// A work and its upgrade named as one project (三江口水电站扩能工程,
/// 青禾水库除险加固工程): the project pattern stops at the work's own ending
/// (水电站), leaving the upgrade (扩能工程) as a name of its own right after
/// it. Two projects with nothing between them, the second a 工程 or 项目 the
/// first is not, are one.
fn join_works_and_their_upgrades<'t>(
    entities: &mut Vec<Entity>,
    written: impl Fn(usize, usize) -> &'t str,
) {
    let is_work = |e: &Entity| e.kind == RuleKind::Project;
    let ends_as_project = |name: &str| name.ends_with("工程") || name.ends_with("项目");
    let mut i = 0;
    while i + 1 < entities.len() {
        let (a, b) = (&entities[i], &entities[i + 1]);
        let joined = is_work(a)
            && is_work(b)
            && a.view_span.1 == b.view_span.0
            && !ends_as_project(&a.name)
            && ends_as_project(&b.name);
        if !joined {
            i += 1;
            continue;
        }
        let b = entities.remove(i + 1);
        let a = &mut entities[i];
        a.name = format!("{}{}", a.name, b.name).into();
        a.text = written(a.provenance.start, b.provenance.end).to_string();
        a.provenance.end = b.provenance.end;
        a.provenance.rule = b.provenance.rule;
        a.view_span.1 = b.view_span.1;
    }
}

/// The names of the places the text writes in full (临江区 as written, not
/// 临江 mapped to it).
fn places_named_in_full(entities: &[Entity], view: &str) -> Vec<std::sync::Arc<str>> {
    entities
        .iter()
        .filter(|e| {
            e.kind == RuleKind::District && view.get(e.view_span.0..e.view_span.1) == Some(&*e.name)
        })
        .map(|e| e.name.clone())
        .collect()
}

/// A place written short that the text never names in full, right before a
/// feature's word (清水河流域, 紫阳古城 in a text about 婺源县), names that
/// feature: the county the gazetteer maps it to is far away. One the text
/// names in full (临江湿地 after 临江区) stays a mention of it.
fn drop_features_of_far_places(entities: &mut Vec<Entity>, view: &str, features: &[String]) {
    let full = places_named_in_full(entities, view);
    entities.retain(|e| {
        let written = view.get(e.view_span.0..e.view_span.1).unwrap_or("");
        let after = view.get(e.view_span.1..).unwrap_or("");
        e.kind != RuleKind::District
            || written == &*e.name
            || full.contains(&e.name)
            || !features.iter().any(|f| after.starts_with(f.as_str()))
    });
}

/// Names the goals make words of an aim, after the goal pass (members and
/// heading aims are goals only there):
/// - a sector word inside a goal's name (文旅 in 文旅融合发展区, 现代农业
///   in 现代农业示范区, 乡村旅游 in 乡村旅游示范镇) is a word of the aim,
///   not a sector the text names;
/// - a project named as a goal of the same text (赣南智造新城, also after a
///   purpose cue: 服务滨海宜居新城), or named with words before a goal it
///   ends with, is that aim, not a work;
/// - a district named as written that closes a goal's name (产业承接示范区
///   in 合肥都市圈产业承接示范区) is the aim's own zone word; a place the
///   text shortens (璧山 in 生态璧山, named 璧山区) stays a place; a zone
///   named as a member of a slogan (开放合作先行区 of “三区一城”, also
///   after a purpose cue) is that aim.
///
/// Those mentions go; a sector or project left with no mention goes from
/// the links and the figures' `about` lists too. `entities` is in text
/// order; `purpose_cues` is the vocabulary list.
pub(super) fn drop_names_that_are_goals(
    entities: &mut Vec<Entity>,
    links: &mut Vec<Link>,
    targets: &mut [crate::model::Target],
    purpose_cues: &[String],
) {
    let mut goals: Vec<(usize, usize)> = Vec::new();
    let mut goal_names: std::collections::HashSet<std::sync::Arc<str>> = Default::default();
    for g in entities.iter().filter(|e| e.kind == RuleKind::Goal) {
        goals.push(g.view_span);
        goal_names.insert(g.name.clone());
    }
    if goals.is_empty() {
        return;
    }
    // Whether a goal's span holds `s..t` and is longer, by binary search:
    // one starting before `s` reaches `t` (the longest reach of those is
    // kept), or one starting at `s` ends after `t`. (Testing every goal
    // for every sector was quadratic in a long text.)
    goals.sort_unstable();
    let reach: Vec<usize> = goals
        .iter()
        .scan(0, |most, &(_, gt)| {
            *most = gt.max(*most);
            Some(*most)
        })
        .collect();
    let inside_a_goal = |(s, t): (usize, usize)| {
        let before = goals.partition_point(|g| g.0 < s);
        let at = goals.partition_point(|g| g.0 <= s);
        (before > 0 && reach[before - 1] >= t) || goals[before..at].iter().any(|g| g.1 > t)
    };
    // The earliest start of a goal ending at each byte.
    let mut goal_ends: std::collections::HashMap<usize, usize> = Default::default();
    for &(gs, gt) in &goals {
        goal_ends.entry(gt).or_insert(gs);
    }
    let closes_a_goal = |e: &Entity| {
        *e.name == *e.text
            && goal_ends
                .get(&e.view_span.1)
                .is_some_and(|&gs| gs < e.view_span.0)
    };
    // A project name running on to a goal it ends with (全州紧紧围绕建设
    // “一窗口三基地”: the name fell back past the verb to the words
    // before the aim) is the aim's mention, not a work.
    let ends_with_a_goal = |e: &Entity| {
        let (s, t) = e.view_span;
        [t, t + '”'.len_utf8()]
            .iter()
            .any(|end| goal_ends.get(end).is_some_and(|&gs| gs > s))
    };
    let named_as = |names: &std::collections::HashSet<std::sync::Arc<str>>, name: &str| {
        names.contains(name)
            || purpose_cues.iter().any(|cue| {
                name.strip_prefix(cue.as_str())
                    .is_some_and(|rest| names.contains(rest))
            })
    };
    let is_goal = |name: &str| named_as(&goal_names, name);
    // The members of slogans (开放合作先行区 of “三区一城”): aims by
    // construction, whatever their last word.
    let member_names: std::collections::HashSet<std::sync::Arc<str>> = links
        .iter()
        .filter(|l| l.relation == Relation::MemberOf)
        .map(|l| l.from.name.clone())
        .collect();
    let mut dropped: std::collections::HashSet<(RuleKind, std::sync::Arc<str>)> =
        Default::default();
    entities.retain(|e| {
        let aim_word = match e.kind {
            RuleKind::Sector => inside_a_goal(e.view_span),
            RuleKind::Project => is_goal(&e.name) || ends_with_a_goal(e),
            RuleKind::District => closes_a_goal(e) || named_as(&member_names, &e.name),
            _ => false,
        };
        if aim_word {
            dropped.insert((e.kind, e.name.clone()));
        }
        !aim_word
    });
    // A name still mentioned elsewhere keeps its node.
    for e in entities.iter() {
        if !dropped.is_empty() {
            dropped.remove(&(e.kind, e.name.clone()));
        }
    }
    if dropped.is_empty() {
        return;
    }
    let gone = |r: &NodeRef| dropped.contains(&(r.kind, r.name.clone()));
    links.retain(|l| !gone(&l.from) && !gone(&l.to));
    for t in targets {
        t.about.retain(|r| !gone(r));
    }
}

/// The names of `sorted` (in text order, spans not overlapping) that
/// overlap `start..end`: one slice, found by binary search.
fn overlapping<R>(
    sorted: &[(R, crate::rules::RuleMatch)],
    start: usize,
    end: usize,
) -> impl Iterator<Item = &(R, crate::rules::RuleMatch)> {
    let first = sorted.partition_point(|(_, m)| m.end <= start);
    sorted[first..]
        .iter()
        .take_while(move |(_, m)| m.start < end)
}

/// A project written short (泺口片区二期, after 泺口片区二期项目 or before
/// it) is the project the same text names with its 项目 or 工程: it takes
/// that name, when there is exactly one.
fn prefer_projects_named_in_full(entities: &mut [Entity]) {
    let full: Vec<std::sync::Arc<str>> = entities
        .iter()
        .filter(|e| e.kind == RuleKind::Project)
        .map(|e| e.name.clone())
        .collect();
    for e in entities.iter_mut().filter(|e| e.kind == RuleKind::Project) {
        let mut choices = full.iter().filter(|f| {
            f.strip_prefix(&*e.name)
                .is_some_and(|rest| matches!(rest, "项目" | "工程" | "建设项目"))
        });
        let Some(first) = choices.next() else {
            continue;
        };
        if choices.all(|f| f == first) {
            e.name = first.clone();
        }
    }
}

/// A short place name that a rule expanded (临江 → the real 临江市) names
/// instead the division the same text writes in full when there is exactly
/// one such: in a report about a 临江区, 临江 is that district. "In full"
/// means the matched text is the name itself (临江区 as written), and the
/// full name is the short one plus an administrative suffix.
fn prefer_places_named_in_full(entities: &mut [Entity], view: &str) {
    let written = |e: &Entity| view.get(e.view_span.0..e.view_span.1).unwrap_or("");
    let full = places_named_in_full(entities, view);
    if full.is_empty() {
        return;
    }
    for e in entities.iter_mut() {
        let short = written(e);
        if e.kind != RuleKind::District || short == &*e.name || short.chars().count() < 2 {
            continue;
        }
        let mut choices = full.iter().filter(|f| {
            f.strip_prefix(short).is_some_and(|suffix| {
                (1..=3).contains(&suffix.chars().count()) && is_admin_suffix(suffix)
            }) && ***f != *e.name
        });
        let Some(first) = choices.next() else {
            continue;
        };
        if choices.all(|f| f == first) {
            e.name = first.clone();
        }
    }
}

/// Whether a name that half-overlaps a place starts inside it exactly at
/// the place's level word (the place 玉屏侗族自治县 and the body 自治县人民政府
/// written after it): the two share that word, and both stand.
fn shares_level_word(view: &str, place: (usize, usize), other: (usize, usize)) -> bool {
    place.0 < other.0
        && other.0 < place.1
        && place.1 < other.1
        && view.get(other.0..place.1).is_some_and(is_admin_suffix)
}

/// The endings of a division's name after its proper part.
fn is_admin_suffix(s: &str) -> bool {
    ADMIN_SUFFIXES.contains(&s)
}

/// The level words a place's name ends in; one that ends another comes
/// first (自治县 before 县, 新区 before 区).
const ADMIN_SUFFIXES: [&str; 11] = [
    "自治县",
    "自治州",
    "街道",
    "新区",
    "省",
    "市",
    "区",
    "县",
    "旗",
    "镇",
    "乡",
];

/// `name` without the level word it ends in (璧山区 → 璧山), else whole.
pub(super) fn without_admin_suffix(name: &str) -> &str {
    ADMIN_SUFFIXES
        .iter()
        .find_map(|l| name.strip_suffix(l))
        .unwrap_or(name)
}

/// Projects with a place inside their name are located in that place.
pub(super) fn located_in_links(entities: &[Entity]) -> Vec<Link> {
    let mut links = Vec::new();
    // Entities come sorted by start (checked): the ones starting inside a
    // project are one slice.
    let sorted = entities
        .windows(2)
        .all(|w| w[0].provenance.start <= w[1].provenance.start);
    for p in entities.iter().filter(|e| e.kind == RuleKind::Project) {
        let inside = if sorted {
            let lo = entities.partition_point(|e| e.provenance.start < p.provenance.start);
            let hi = entities.partition_point(|e| e.provenance.start <= p.provenance.end);
            &entities[lo..hi.max(lo)]
        } else {
            entities
        };
        for d in inside.iter().filter(|e| {
            e.kind == RuleKind::District
                && p.provenance.start <= e.provenance.start
                && e.provenance.end <= p.provenance.end
        }) {
            links.push(Link {
                relation: Relation::LocatedIn,
                from: NodeRef {
                    kind: p.kind,
                    name: p.name.clone(),
                },
                to: NodeRef {
                    kind: d.kind,
                    name: d.name.clone(),
                },
                basis: Basis::Name,
                provenance: p.provenance.clone(),
            });
        }
    }
    links
}

#[cfg(test)]
mod tests {
    use crate::model::{Relation, RuleKind};
    use crate::rules::CompiledRuleSet;

    use super::*;

    fn extract(text: &str) -> crate::model::Extraction {
        Pipeline::new(CompiledRuleSet::defaults().unwrap()).extract_text(
            "speech.txt",
            "0123456789abcdef0123456789abcdef",
            text,
        )
    }

    #[test]
    fn a_project_named_only_by_its_industries_is_those_sectors() {
        let ex = extract("加快物流项目和文旅康养项目建设,引进电子信息项目5个,青禾物流项目开工。\n");
        let sectors = names_of(&ex, RuleKind::Sector);
        assert_eq!(names_of(&ex, RuleKind::Project), ["青禾物流项目"]);
        assert!(sectors.contains(&"物流"), "{sectors:?}");
        assert!(sectors.contains(&"康养"), "{sectors:?}");
        assert!(sectors.contains(&"电子信息"), "{sectors:?}");
    }

    #[test]
    fn a_place_inside_a_project_name_locates_the_project() {
        let ex = extract("今年要加快临江区智慧物流产业园建设,力争早日投产。\n");
        let kinds: Vec<(RuleKind, &str)> = ex.entities.iter().map(|e| (e.kind, &*e.name)).collect();
        assert!(kinds.contains(&(RuleKind::District, "临江区")), "{kinds:?}");
        let project = ex
            .entities
            .iter()
            .find(|e| e.kind == RuleKind::Project)
            .expect("the park is a project");
        assert!(project.name.contains("智慧物流产业园"), "{kinds:?}");
        let located: Vec<_> = ex
            .links
            .iter()
            .filter(|l| l.relation == Relation::LocatedIn)
            .map(|l| (&*l.from.name, &*l.to.name, l.basis))
            .collect();
        assert_eq!(located, [(&*project.name, "临江区", Basis::Name)]);
    }

    fn districts(ex: &crate::model::Extraction) -> Vec<&str> {
        names_of(ex, RuleKind::District)
    }

    fn names_of(ex: &crate::model::Extraction, kind: RuleKind) -> Vec<&str> {
        ex.entities
            .iter()
            .filter(|e| e.kind == kind)
            .map(|e| &*e.name)
            .collect()
    }

    fn sectors(ex: &crate::model::Extraction) -> Vec<&str> {
        names_of(ex, RuleKind::Sector)
    }

    #[test]
    fn a_sector_word_inside_a_goal_name_is_a_word_of_the_aim() {
        // The members of a coined aim are goals only once the goal pass
        // has read the list; their sector words go then.
        let ex = extract(
            "紧扣“两区”发展目标,即打造现代农业示范区、文旅融合发展区。\n要加快建设现代农业示范区。\n",
        );
        assert!(sectors(&ex).is_empty(), "{:?}", sectors(&ex));
        assert!(
            !ex.links.iter().any(|l| l.to.kind == RuleKind::Sector),
            "{:?}",
            ex.links
        );
        // Named on its own as well, the sector stays, and only that mention.
        let ex = extract(
            "紧扣“两区”发展目标,即打造现代农业示范区、文旅融合发展区。\n全年现代农业总产值增长5%。\n",
        );
        assert_eq!(sectors(&ex), ["现代农业"]);
    }

    #[test]
    fn a_project_named_as_a_goal_of_the_text_is_that_aim() {
        let ex = extract(
            "全区锚定打造“湘南智造新城”目标。\n青山物流中心项目总投资8.6亿元,为湘南智造新城建设提供支撑。\n加快青山物流中心项目建设,服务湘南智造新城。\n",
        );
        let projects = names_of(&ex, RuleKind::Project);
        assert!(
            projects.iter().all(|p| p.contains("物流中心")),
            "{projects:?}"
        );
        assert!(!projects.is_empty(), "{projects:?}");
    }

    #[test]
    fn a_place_inside_a_bank_or_company_name_is_a_word_of_it() {
        let ex = extract("深化与湖北银行襄阳分行的合作,支持临江九洲新材料有限公司扩产。\n");
        assert!(districts(&ex).is_empty(), "{:?}", districts(&ex));
        // Named on its own, the place is a place.
        let ex = extract("临江区与湖北银行襄阳分行签约。\n");
        assert_eq!(districts(&ex), ["临江区"]);
    }

    #[test]
    fn a_name_inside_a_place_name_is_a_word_of_it() {
        let ex = extract("白鹭高新技术产业开发区今年新增入园企业12家。\n");
        let kinds: Vec<(RuleKind, &str)> = ex.entities.iter().map(|e| (e.kind, &*e.name)).collect();
        assert_eq!(
            kinds,
            [(RuleKind::District, "白鹭高新技术产业开发区")],
            "the sector 高新技术产业 is part of the zone's name"
        );
    }

    #[test]
    fn a_short_name_follows_the_district_the_text_names_in_full() {
        let ex = extract(
            "临江区召开全区经济工作会议。今年临江要加快发展数字经济。
",
        );
        assert_eq!(districts(&ex), ["临江区", "临江区"]);
    }

    #[test]
    fn a_short_name_alone_keeps_the_gazetteer_division() {
        let ex = extract(
            "今年临江要加快发展数字经济,做强特色产业。
",
        );
        let names = districts(&ex);
        assert!(
            names.iter().all(|n| *n != "临江区" && *n != "临江"),
            "{names:?}"
        );
    }

    #[test]
    fn a_place_keeps_its_level_word_shared_with_the_body_after_it() {
        let ex = extract("宁蒗彝族自治县人民政府县长在大会上作报告。\n");
        assert_eq!(districts(&ex), ["宁蒗彝族自治县"]);
        assert_eq!(names_of(&ex, RuleKind::Organization), ["自治县政府"]);
    }

    #[test]
    fn a_verb_glued_before_a_level_word_names_no_place() {
        let ex =
            extract("本计划已经市人大常委会审议通过。我们采取县乡联动的办法推进临江区项目建设。\n");
        assert_eq!(districts(&ex), ["临江区"]);
    }

    #[test]
    fn a_project_written_short_takes_the_name_the_text_gives_in_full() {
        let ex = extract("东港片区二期项目占地300亩。东港片区二期年内开工,建成白河防洪一期。\n");
        let projects = names_of(&ex, RuleKind::Project);
        assert_eq!(
            projects,
            ["东港片区二期项目", "东港片区二期项目", "白河防洪一期"]
        );
    }

    /// A sentence, the entities (kind, name) it must give, the names it must not.
    type Case<'a> = (&'a str, &'a [(RuleKind, &'a str)], &'a [&'a str]);

    /// Sentences written for issue 14's entity classes: what each must give
    /// (kind, name) and what it must not.
    #[test]
    fn entity_classes_of_issue_14() {
        let cases: &[Case] = &[
            (
                "青阳经开区、白石综保区获评全省开放先进单位。",
                &[
                    (RuleKind::District, "青阳经开区"),
                    (RuleKind::District, "白石综保区"),
                ],
                &[],
            ),
            (
                "推进晋豫毗邻地区协作发展。",
                &[(RuleKind::District, "晋豫毗邻地区")],
                &[],
            ),
            (
                "学习中央经济工作会议和省委全会精神,在市委的领导下抓好落实。",
                &[(RuleKind::Organization, "市委")],
                &["中央", "省委"],
            ),
            (
                "白沙职院礼堂内,“同心圆”艺术团演出,蒙东电网保障供电。",
                &[
                    (RuleKind::Organization, "白沙职院"),
                    (RuleKind::Organization, "同心圆艺术团"),
                    (RuleKind::Organization, "蒙东电网"),
                ],
                &[],
            ),
            (
                "全县农林牧渔业增加值增长4.1%,农牧业和工矿业转型升级。",
                &[
                    (RuleKind::Sector, "农林牧渔业"),
                    (RuleKind::Sector, "农牧业"),
                    (RuleKind::Sector, "工矿业"),
                ],
                &["渔业", "矿业"],
            ),
            (
                "加快建设现代化产业体系,猕猴桃产业形成完整产业链条。",
                &[(RuleKind::Sector, "猕猴桃")],
                &["现代化", "完整"],
            ),
            (
                "青峰山5A级景区创建取得进展,“一带两廊六大景区”文旅格局加快成型。",
                &[(RuleKind::Project, "青峰山")],
                &["一带两廊六大景区", "青峰山5A级景区"],
            ),
            (
                "各镇要正确认识项目工作的分量,落实市项目建设攻坚行动。",
                &[],
                &["正确认识项目", "市项目", "认识项目"],
            ),
            // A work and its upgrade are one project.
            (
                "实施三江口水电站扩能工程,推进青禾水库除险加固工程。",
                &[
                    (RuleKind::Project, "三江口水电站扩能工程"),
                    (RuleKind::Project, "青禾水库除险加固工程"),
                ],
                &["三江口水电站", "扩能工程", "青禾水库", "险加固工程"],
            ),
            // A county's short name opening a feature's name names the
            // feature, unless the text names that county in full.
            (
                "实施清水河流域综合治理,推进紫阳古城保护。",
                &[],
                &["清水河县", "紫阳县"],
            ),
            (
                "临江区今年实施临江湿地保护修复工程。",
                &[
                    (RuleKind::District, "临江区"),
                    (RuleKind::Project, "临江湿地保护修复工程"),
                ],
                &[],
            ),
            // An industry base named as the purpose served is the aim (a
            // goal), not a project; a chapter's number joined to its title
            // starts no name.
            (
                "第三节 服务西部绿色食品产业基地建设,壮大三大主导产业。第四节 加快建设青禾物流园。",
                &[
                    (RuleKind::Goal, "西部绿色食品产业基地"),
                    (RuleKind::Project, "青禾物流园"),
                ],
                &["服务西部绿色食品产业基地", "第四节加快建设青禾物流园"],
            ),
        ];
        for (text, want, not) in cases {
            let ex = extract(&format!("{text}\n"));
            let got: Vec<(RuleKind, &str)> =
                ex.entities.iter().map(|e| (e.kind, &*e.name)).collect();
            for w in *want {
                assert!(got.contains(w), "{text}: {w:?} not in {got:?}");
            }
            for n in *not {
                assert!(got.iter().all(|(_, g)| g != n), "{text}: {n} in {got:?}");
            }
        }
    }

    #[test]
    fn entities_leave_in_text_order_with_their_sentence() {
        let ex = extract("临江区要推进智慧物流产业园建设。全区要做强数字经济。\n");
        assert!(ex
            .entities
            .windows(2)
            .all(|w| w[0].provenance.start <= w[1].provenance.start));
        let place = ex.entities.iter().find(|e| e.kind == RuleKind::District);
        let place = place.expect("临江区 is a district");
        assert_eq!(
            &*place.provenance.sentence,
            "临江区要推进智慧物流产业园建设。"
        );
    }
}
