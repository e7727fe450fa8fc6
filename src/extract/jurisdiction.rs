//! Jurisdiction: the district, county, city or province whose government
//! or party committee speaks in a document.
//!
//! The view, its title and the district entities already found enter; a
//! name leaves, or nothing. A place speaks when, near the head of the
//! document, its name is followed by one of its bodies or meetings
//! (临江区人民政府, 在白沙县第十八届人民代表大会, 青山区委, 代县召开) or a
//! report about it (2022年云和县国民经济…, 沙沟镇2021年政府工作报告), or is
//! preceded by 代表 (我代表上杭县人民政府). Such a name in the title wins,
//! then one in the head, then the first place the title names at all. A
//! speech that only says 全区 has no jurisdiction: a neighbour named in
//! passing is no guess worth making. The cue words are the vocabulary list
//! `jurisdiction_cues` (rules/vocabulary.toml).

use crate::model::{Entity, RuleKind};

/// How much of the view's head is searched, in bytes (about 400
/// characters: a title, a dateline, a publication line and an opening).
const HEAD: usize = 1200;

/// Characters that may stand between a place and its cue: spaces, a year
/// (沙沟镇2021年政府工作报告) and the quote marks of a plan's name.
fn skip_year(rest: &str) -> &str {
    let trimmed = rest.trim_start_matches([' ', '\t']);
    let digits = trimmed
        .char_indices()
        .take_while(|(_, c)| c.is_ascii_digit())
        .count();
    if digits == 4 {
        if let Some(after) = trimmed[4..].strip_prefix('年') {
            return after.trim_start_matches(['度', ' ']);
        }
    }
    trimmed
}

/// Whether `rest` opens with a congress's or committee's number: 第十八届,
/// 第9届, 十四届 (but not 第三产业).
fn congress_number(rest: &str) -> bool {
    let rest = rest.strip_prefix('第').unwrap_or(rest);
    let numeral: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(*c))
        .collect();
    !numeral.is_empty() && rest[numeral.len()..].starts_with('届')
}

/// The jurisdiction of a document whose view is `text`, or None.
pub(super) fn find(
    text: &str,
    title: &str,
    entities: &[Entity],
    cues: &[String],
) -> Option<String> {
    let head_end = text.len().min(HEAD);
    let places: Vec<&Entity> = entities
        .iter()
        .filter(|e| e.kind == RuleKind::District && e.view_span.0 < head_end)
        // 自治区 or 新区 alone is a kind of place, not one.
        .filter(|e| !matches!(&*e.name, "自治区" | "自治州" | "自治县" | "自治旗" | "新区"))
        .collect();
    let speaks = |e: &Entity| {
        let after = skip_year(&text[e.view_span.1..]);
        let before = &text[..e.view_span.0];
        cues.iter().any(|c| after.starts_with(c.as_str()))
            || congress_number(after)
            || before.ends_with("代表")
    };
    let in_title = |e: &Entity| !title.is_empty() && title.contains(&*e.name);
    // The title's own line comes first in the view only for plain text; an
    // HTML page's title is its <title>, so "in the title" is by name.
    places
        .iter()
        .find(|e| in_title(e) && speaks(e))
        .or_else(|| places.iter().find(|e| speaks(e)))
        .or_else(|| places.iter().find(|e| in_title(e)))
        .map(|e| e.name.to_string())
}

/// How far back a figure's clause is looked for, in bytes (a clause is far
/// shorter; a text without punctuation must not cost a scan to its start).
const CLAUSE_WINDOW: usize = 600;

/// Words that may open a clause before its subject without being one:
/// times and 其中.
const CLAUSE_OPENERS: &[&str] = &[
    "其中",
    "今年",
    "去年",
    "明年",
    "全年",
    "上半年",
    "下半年",
    "前三季度",
    "一季度",
    "年底",
    "年末",
    "以来",
    "同期",
    "届时",
];

/// Whose figure a target at view byte `at` is: the place that opens its
/// clause (桃源镇新建…, 其中白沙镇增长8%) when there is one, else the
/// document's jurisdiction. `places` are the district entities in text
/// order (sorted by view position).
pub(super) fn of_figure(
    text: &str,
    at: usize,
    places: &[&Entity],
    document: Option<&str>,
) -> Option<String> {
    // A clause is searched back at most CLAUSE_WINDOW bytes, and the places
    // from the first at or after its start (they come in text order): the
    // cost per figure stays flat however long the text or its place list.
    let mut window = at.saturating_sub(CLAUSE_WINDOW);
    while !text.is_char_boundary(window) {
        window += 1;
    }
    let clause_start = text[window..at]
        .rfind(['。', '；', ';', '！', '？', '\n', '，', ',', '：', ':'])
        .map_or(window, |i| {
            window + i + text[window + i..].chars().next().map_or(1, char::len_utf8)
        });
    let first = places.partition_point(|e| e.view_span.0 < clause_start);
    let opener = places[first..]
        .first()
        .filter(|e| e.view_span.1 <= at)
        // Written in full (白沙镇, not 滨江 of 滨江中央商务区): a short
        // name may be the start of a longer one.
        .filter(|e| {
            text[e.view_span.0..e.view_span.1]
                .ends_with(['省', '市', '区', '县', '镇', '乡', '旗', '州', '盟', '道'])
        })
        .filter(|e| {
            let mut before = text[clause_start..e.view_span.0].trim();
            // 2022年, 今年以来 …: times before the subject.
            loop {
                let trimmed = before
                    .trim_start_matches(|c: char| c.is_ascii_digit() || c == '年' || c == ' ');
                let trimmed = CLAUSE_OPENERS
                    .iter()
                    .find_map(|w| trimmed.strip_prefix(w))
                    .unwrap_or(trimmed);
                if trimmed.len() == before.len() {
                    break;
                }
                before = trimmed;
            }
            before.is_empty()
        });
    opener
        .map(|e| e.name.to_string())
        .or_else(|| document.map(str::to_string))
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    fn cues() -> Vec<String> {
        [
            "人民政府",
            "政府",
            "人民代表大会",
            "人大",
            "委",
            "召开",
            "国民经济",
            "工作报告",
        ]
        .map(String::from)
        .to_vec()
    }

    /// The district entities of `text`: every occurrence of each name.
    fn places(text: &str, names: &[&str]) -> Vec<Entity> {
        let mut found = Vec::new();
        for name in names {
            for (at, _) in text.match_indices(name) {
                found.push(Entity {
                    kind: RuleKind::District,
                    name: Arc::from(*name),
                    text: name.to_string(),
                    provenance: crate::model::Provenance {
                        start: 0,
                        end: 0,
                        sentence: Arc::from(""),
                        rule: Arc::from("test"),
                    },
                    section: None,
                    sentence_span: (0, 0),
                    view_span: (at, at + name.len()),
                });
            }
        }
        found.sort_by_key(|e| e.view_span);
        found
    }

    fn jurisdiction(text: &str, names: &[&str]) -> Option<String> {
        let title = text.lines().next().unwrap_or("");
        find(text, title, &places(text, names), &cues())
    }

    fn figure_owner(text: &str, names: &[&str], figure: &str) -> Option<String> {
        let found = places(text, names);
        let refs: Vec<&Entity> = found.iter().collect();
        of_figure(text, text.find(figure).unwrap(), &refs, Some("青禾县"))
    }

    #[test]
    fn a_figure_belongs_to_the_place_opening_its_clause() {
        let text = "全县粮食产量25万吨，其中白沙镇8万吨。2023年柳河镇新建公园3个。";
        assert_eq!(
            figure_owner(text, &["白沙镇", "柳河镇"], "25万吨").as_deref(),
            Some("青禾县")
        );
        assert_eq!(
            figure_owner(text, &["白沙镇", "柳河镇"], "8万吨").as_deref(),
            Some("白沙镇")
        );
        assert_eq!(
            figure_owner(text, &["白沙镇", "柳河镇"], "3个").as_deref(),
            Some("柳河镇")
        );
    }

    #[test]
    fn a_short_name_opening_a_longer_one_is_no_subject() {
        let text = "滨江中央商务区新增楼宇企业126家。";
        assert_eq!(
            figure_owner(text, &["滨江"], "126家").as_deref(),
            Some("青禾县")
        );
    }

    #[test]
    fn a_place_inside_the_clause_is_no_subject() {
        let text = "全县对口支援白沙镇资金1200万元。";
        assert_eq!(
            figure_owner(text, &["白沙镇"], "1200万元").as_deref(),
            Some("青禾县")
        );
    }

    #[test]
    fn the_body_named_in_the_title_speaks() {
        let text = "(江南省)2022年白沙县人民政府工作报告\n各位代表:现在,我代表县人民政府作报告。";
        assert_eq!(
            jurisdiction(text, &["江南省", "白沙县"]).as_deref(),
            Some("白沙县")
        );
    }

    #[test]
    fn a_year_between_the_place_and_its_report() {
        let text = "松岭镇2023年政府工作报告\n一、过去一年的工作";
        assert_eq!(jurisdiction(text, &["松岭镇"]).as_deref(), Some("松岭镇"));
    }

    #[test]
    fn the_dateline_names_the_congress() {
        let text =
            "政府工作报告\n——2024年1月9日在临江区第十七届人民代表大会第三次会议上\n各位代表:";
        assert_eq!(jurisdiction(text, &["临江区"]).as_deref(), Some("临江区"));
    }

    #[test]
    fn an_ordinal_is_a_congress_only_before_jie() {
        assert!(congress_number("第十八届人民代表大会"));
        assert!(congress_number("第9届"));
        assert!(congress_number("十四届人大二次会议"));
        assert!(!congress_number("第三产业增加值"));
        let text = "会议纪要\n白沙县第三产业增加值增长6%。";
        assert_eq!(jurisdiction(text, &["白沙县"]), None);
    }

    #[test]
    fn a_party_committee_speaks_too() {
        let text = "在青山区委十届九次全会上的讲话\n同志们:今年以来,全区上下……";
        assert_eq!(jurisdiction(text, &["青山区"]).as_deref(), Some("青山区"));
    }

    #[test]
    fn on_behalf_of_a_government() {
        let text = "各位代表:\n现在,我代表桃源县人民政府,向大会报告工作。与东湖区的合作……";
        assert_eq!(
            jurisdiction(text, &["桃源县", "东湖区"]).as_deref(),
            Some("桃源县")
        );
    }

    #[test]
    fn a_place_only_named_in_passing_is_no_jurisdiction() {
        let text = "在全区项目建设推进会上的讲话\n同志们:学习东湖区的经验,全区上下要……";
        assert_eq!(jurisdiction(text, &["东湖区"]), None);
    }

    #[test]
    fn a_title_place_without_a_cue_is_the_last_resort() {
        let text = "桃源镇乡村振兴推进会讲话\n同志们:";
        assert_eq!(jurisdiction(text, &["桃源镇"]).as_deref(), Some("桃源镇"));
    }
}
