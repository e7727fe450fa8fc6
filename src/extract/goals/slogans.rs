//! Slogans and named aims: the goals the other goal passes link to. The
//! goal rules find quoted and numbered slogans (“四条新路”, 三大战略行动)
//! and named aims among the document's entities; this pass adds the aims a
//! top-level heading states (第二句话,确保全年达标,要抓牢项目) and keeps
//! both, by view span, in [`Goals`].

use super::Context;
use crate::model::{Entity, RuleKind};

/// Aims stated in a top-level heading (第二句话,确保全年达标,要抓牢项目):
/// what follows 确保/实现/奋力实现 up to the next comma names the goal the
/// section's work is for. A heading holding a rule-found goal states none.
pub(super) fn heading_aims(cx: &Context) -> Vec<Entity> {
    let text = cx.text();
    cx.structure
        .sections
        .iter()
        .filter(|s| s.level == 1)
        .filter_map(|s| {
            let heading = &text[s.norm.0..s.heading_end];
            let mut c = heading_aim(heading)?;
            // 围绕产业转型升级抓好招商引资: the aim ends where the work
            // done for it begins.
            let aim = &heading[c.0..c.1];
            if let Some(i) = cx.words.first_lead(aim, 2 * '一'.len_utf8()) {
                c.1 = c.0 + i;
            }
            let name = heading[c.0..c.1].to_string();
            let already = cx.entities.iter().any(|e| {
                e.kind == RuleKind::Goal
                    && e.view_span.0 < s.heading_end
                    && s.norm.0 <= e.view_span.0
            });
            (!already).then(|| {
                cx.entity_at(
                    RuleKind::Goal,
                    name,
                    s.norm.0 + c.0,
                    s.norm.0 + c.1,
                    "goal-heading-aim",
                )
            })
        })
        .collect()
}

/// A goal and its view byte span.
pub(super) type GoalSpan<'e> = (usize, usize, &'e Entity);

/// The goals by view position: those the goal rules found, then the
/// heading aims, in that order.
pub(super) struct Goals<'e> {
    spans: Vec<GoalSpan<'e>>,
    /// Indexes into `spans` by view start (ties in list order).
    by_start: Vec<usize>,
}

impl<'e> Goals<'e> {
    /// The goals among `entities`, then `aims` and `members` (slogan
    /// members and their later mentions, once the member passes ran).
    pub(super) fn new(
        entities: &'e [Entity],
        aims: &'e [Entity],
        members: &'e [Entity],
    ) -> Goals<'e> {
        let spans: Vec<GoalSpan> = entities
            .iter()
            .chain(aims.iter())
            .chain(members.iter())
            .filter(|e| e.kind == RuleKind::Goal)
            .map(|e| (e.view_span.0, e.view_span.1, e))
            .collect();
        let mut by_start: Vec<usize> = (0..spans.len()).collect();
        by_start.sort_by_key(|i| spans[*i].0);
        Goals { spans, by_start }
    }

    /// Every goal, in list order.
    pub(super) fn iter(&self) -> std::slice::Iter<'_, GoalSpan<'e>> {
        self.spans.iter()
    }

    /// The first goal (in list order) inside the view span `s..e`.
    pub(super) fn first_within(&self, s: usize, e: usize) -> Option<&'e Entity> {
        self.spans
            .iter()
            .filter(|(gs, ge, _)| s <= *gs && *ge <= e)
            .map(|(_, _, g)| *g)
            .next()
    }

    /// The goals inside the view span `s..e`, in list order, without a scan
    /// of all goals per sentence.
    pub(super) fn within(&self, s: usize, e: usize) -> Vec<&GoalSpan<'e>> {
        let spans = &self.spans;
        let lo = self.by_start.partition_point(|i| spans[*i].0 < s);
        let hi = self.by_start.partition_point(|i| spans[*i].0 <= e);
        let mut inside: Vec<usize> = self.by_start[lo..hi.max(lo)]
            .iter()
            .copied()
            .filter(|i| spans[*i].1 <= e)
            .collect();
        inside.sort_unstable();
        inside.into_iter().map(|i| &spans[i]).collect()
    }
}

/// Byte span of the aim a heading states after 确保/实现 (up to a comma),
/// after 围绕/为了/锚定/奋力打造… (up to a comma, without 目标), before
/// 目标 after 聚焦, or before 的举措/的措施 (推动转型的举措要更加有力: the measures below are
/// for 推动转型).
fn heading_aim(heading: &str) -> Option<(usize, usize)> {
    use std::sync::OnceLock;
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(
            r"(?:确保|奋力实现|实现|力争)(?P<aim>[\p{Han}]{2,6})(?:,|、|$)|(?P<aim2>[\p{Han}]{2,8}?)的(?:举措|措施|抓手)要|(?:围绕|为了|锚定|紧扣|全力打造|奋力打造|全力推进|奋力推进)(?:打造|建设|实现)?(?P<aim3>[\p{Han}]{2,12}?)(?:目标)?(?:,|、|$)|聚焦(?P<aim4>[\p{Han}]{2,12}?)目标",
        )
        .expect("heading aim regex")
    });
    re.captures(heading)
        .and_then(|c| {
            // A generic aim after a frame (围绕全年目标任务) names nothing.
            let framed = [c.name("aim3"), c.name("aim4")]
                .into_iter()
                .flatten()
                .find(|m| {
                    !["任务", "各项", "全年", "工作"]
                        .iter()
                        .any(|w| m.as_str().contains(w))
                });
            c.name("aim").or_else(|| c.name("aim2")).or(framed)
        })
        .map(|m| (m.start(), m.end()))
}

/// How many members a numbered slogan counts (三大战略行动 → 3).
pub(super) fn slogan_count(name: &str) -> Option<usize> {
    let digits: String = name
        .chars()
        .take_while(|c| "一二两三四五六七八九十".contains(*c))
        .collect();
    let n = crate::extract::numerals::parse_chinese(&digits)?;
    (2.0..=12.0).contains(&n).then_some(n as usize)
}

#[cfg(test)]
mod tests {
    use super::super::{extract_speech, links_of};
    use super::*;
    use crate::model::Relation;

    #[test]
    fn heading_aims() {
        let h = "确保全年达标,要抓牢项目、压实责任";
        let (s, e) = heading_aim(h).unwrap();
        assert_eq!(&h[s..e], "全年达标");
        let h = "推动转型的举措要更加有力";
        let (s, e) = heading_aim(h).unwrap();
        assert_eq!(&h[s..e], "推动转型");
        assert!(heading_aim("形势总体向好,要稳中求进").is_none());
        let h = "围绕打造区域消费中心,抓好三项工作";
        let (s, e) = heading_aim(h).unwrap();
        assert_eq!(&h[s..e], "区域消费中心");
        let h = "聚焦生态强镇目标";
        let (s, e) = heading_aim(h).unwrap();
        assert_eq!(&h[s..e], "生态强镇");
        assert!(heading_aim("围绕全年目标任务,狠抓落实").is_none());
    }

    #[test]
    fn a_heading_aim_ends_where_the_work_for_it_begins() {
        let ex = extract_speech(
            "在全县项目建设推进会上的讲话\n一、围绕产业转型升级抓好招商引资\n要坚持招大引强。\n",
        );
        let aims: Vec<&str> = ex
            .entities
            .iter()
            .filter(|e| &*e.provenance.rule == "goal-heading-aim")
            .map(|e| &*e.name)
            .collect();
        assert_eq!(aims, ["产业转型升级"]);
    }

    #[test]
    fn slogan_counts() {
        assert_eq!(slogan_count("三大战略行动"), Some(3));
        assert_eq!(slogan_count("六个攻坚战"), Some(6));
        assert_eq!(slogan_count("高质量发展"), None);
    }

    #[test]
    fn a_top_level_heading_names_the_aim_its_measures_serve() {
        let ex = extract_speech(
            "在全镇三季度经济运行分析会上的讲话\n\n\
             一、确保全年达标,要抓牢项目\n\n\
             (一)加快在建项目进度\n\n\
             各村各部门要倒排工期。\n",
        );
        let aim = ex
            .entities
            .iter()
            .find(|e| &*e.provenance.rule == "goal-heading-aim")
            .expect("a heading aim");
        assert_eq!(&*aim.name, "全年达标");
        let serves = links_of(&ex, Relation::Serves);
        assert!(
            serves.contains(&(
                "加快在建项目进度".into(),
                "全年达标".into(),
                "structure".into()
            )),
            "{serves:?}"
        );
    }
}
