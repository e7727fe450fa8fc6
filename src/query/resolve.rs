//! Names as a user types them → the names and documents the store holds,
//! one rule for every command that takes a name: the input is folded as
//! documents are (traditional and full-width characters, spaces), then
//! matched exactly against the stored names and the rules' aliases (GDP →
//! 地区生产总值, 规上工业增加值 → 规模以上工业增加值); with `like` it is
//! matched as a part of the names instead. A name that matches nothing is
//! [`Error::NotFound`] with the nearest names ([`super::suggest`]).
//!
//! Speeches are named by their id (the first hex digits of their content
//! hash), a path they were added under, or their title; a name that fits
//! several is [`Error::Ambiguous`]. Anonymised names (XX区) stand for a
//! different place in each speech and are shown with its title.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::suggest::nearest;
use crate::document::NormText;
use crate::error::{Error, Result};
use crate::model::{is_anonymised, short_hash, NodeKind};
use crate::store::{DocRecord, Store};

/// How many hex digits of the content hash a speech's id shows.
pub const SPEECH_ID_LEN: usize = 8;

/// The fewest hex digits accepted as a speech id.
const MIN_ID_LEN: usize = 4;

/// A name as typed, folded as documents are: 地區生產總值 → 地区生产总值,
/// full-width letters and digits to ASCII, spaces trimmed.
pub fn fold(name: &str) -> String {
    NormText::new(name.trim()).text
}

/// A speech's short, stable id: the first hex digits of its content hash.
pub fn speech_id(hash: &str) -> &str {
    &hash[..hash.len().min(SPEECH_ID_LEN)]
}

/// The rules' aliases (alias → canonical name), keyed folded; an ASCII
/// alias also matches in any letter case (gdp).
#[derive(Debug, Clone, Default)]
pub struct Aliases {
    map: BTreeMap<String, String>,
}

impl Aliases {
    /// From (alias, canonical) pairs as the rule files write them.
    pub fn new(pairs: impl IntoIterator<Item = (String, String)>) -> Aliases {
        let map = pairs
            .into_iter()
            .map(|(alias, canonical)| (fold(&alias).to_lowercase(), canonical))
            .collect();
        Aliases { map }
    }

    /// The canonical name `folded` is an alias of.
    pub fn get(&self, folded: &str) -> Option<&str> {
        self.map.get(&folded.to_lowercase()).map(String::as_str)
    }
}

/// What a name is looked for among: the word an error uses ("goal") and
/// the node kinds whose names count.
#[derive(Debug, Clone, Copy)]
pub struct NameKind<'a> {
    pub what: &'static str,
    pub kinds: &'a [NodeKind],
}

impl NameKind<'_> {
    pub const GOAL: NameKind<'static> = NameKind {
        what: "goal",
        kinds: &[NodeKind::Goal],
    };
    pub const METRIC: NameKind<'static> = NameKind {
        what: "metric",
        kinds: &[NodeKind::Metric],
    };
    pub const DISTRICT: NameKind<'static> = NameKind {
        what: "district",
        kinds: &[NodeKind::District],
    };
    /// Any named node (`show`, `query path`, `render --focus`).
    pub const NODE: NameKind<'static> = NameKind {
        what: "node",
        kinds: &[
            NodeKind::Goal,
            NodeKind::District,
            NodeKind::Project,
            NodeKind::Sector,
            NodeKind::Organization,
            NodeKind::Metric,
        ],
    };
}

/// The stored names of `kind` that `name` stands for: the one it names
/// exactly (or through an alias), or with `like` every name containing it.
/// None is [`Error::NotFound`] with the nearest names.
pub fn resolve_names(
    store: &Store,
    kind: NameKind,
    name: &str,
    aliases: &Aliases,
    like: bool,
) -> Result<Vec<String>> {
    let mut names = BTreeSet::new();
    for k in kind.kinds {
        names.extend(store.node_counts(*k)?.into_iter().map(|c| c.name));
    }
    let names: Vec<String> = names.into_iter().collect();
    let found = match_names(&names, name, aliases, like);
    if found.is_empty() {
        return Err(not_found(kind, name, &names, like));
    }
    Ok(found)
}

/// The names of `names` that `name` stands for (see [`resolve_names`]).
pub fn match_names(names: &[String], name: &str, aliases: &Aliases, like: bool) -> Vec<String> {
    let folded = fold(name);
    let canonical = aliases.get(&folded).map(str::to_string);
    let wanted: Vec<&str> = std::iter::once(folded.as_str())
        .chain(canonical.as_deref())
        .collect();
    let lower = |s: &str| s.to_lowercase();
    names
        .iter()
        .filter(|n| {
            wanted.iter().any(|w| {
                if like {
                    lower(n).contains(&lower(w))
                } else {
                    lower(n) == lower(w)
                }
            })
        })
        .cloned()
        .collect()
}

/// "no goal named X; did you mean Y?".
fn not_found(kind: NameKind, name: &str, names: &[String], like: bool) -> Error {
    let folded = fold(name);
    let hint = match kind.kinds {
        [one] => format!("`ptkg list {}` lists them", one.as_str()),
        _ => "`ptkg list district` (or project, sector, organization, goal, metric) lists them"
            .to_string(),
    };
    Error::NotFound {
        what: kind.what,
        name: if like {
            format!("like {folded}")
        } else {
            folded.clone()
        },
        near: nearest(names, &folded, 3),
        hint,
    }
}

/// A jurisdiction as typed, folded and mapped through the aliases, checked
/// against the places the store knows (districts, organizations and the
/// documents' own jurisdictions).
pub fn resolve_jurisdiction(store: &Store, name: &str, aliases: &Aliases) -> Result<String> {
    let mut names = BTreeSet::new();
    for k in [NodeKind::District, NodeKind::Organization] {
        names.extend(store.node_counts(k)?.into_iter().map(|c| c.name));
    }
    names.extend(store.docs()?.into_iter().filter_map(|d| d.jurisdiction));
    let names: Vec<String> = names.into_iter().collect();
    let kind = NameKind {
        what: "jurisdiction",
        kinds: &[NodeKind::District],
    };
    match match_names(&names, name, aliases, false).into_iter().next() {
        Some(n) => Ok(n),
        None => Err(not_found(kind, name, &names, false)),
    }
}

/// The stored document `query` names: an id (hex prefix of its content
/// hash, at least four digits), a path it was added under, or its title
/// (folded). Several fit: [`Error::Ambiguous`]; none: [`Error::NotFound`].
pub fn resolve_doc(store: &Store, query: &str) -> Result<DocRecord> {
    let docs = store.docs()?;
    let q = query.trim();
    let hex = q.len() >= MIN_ID_LEN && q.chars().all(|c| c.is_ascii_hexdigit());
    let folded = fold(q);
    let canonical = std::fs::canonicalize(q).ok();
    let same_file = |p: &str| {
        canonical
            .as_ref()
            .is_some_and(|c| std::fs::canonicalize(p).ok().as_ref() == Some(c))
    };
    let mut found: Vec<&DocRecord> = docs
        .iter()
        .filter(|d| {
            let mut paths = std::iter::once(&d.path).chain(&d.also);
            (hex && d.hash.to_lowercase().starts_with(&q.to_lowercase()))
                || paths.any(|p| p == q || p.trim_start_matches("./") == q.trim_start_matches("./"))
                || (!d.title.is_empty() && fold(&d.title) == folded)
        })
        .collect();
    if found.is_empty() {
        found = docs
            .iter()
            .filter(|d| {
                std::iter::once(&d.path)
                    .chain(&d.also)
                    .any(|p| same_file(p))
            })
            .collect();
    }
    match found.len() {
        1 => Ok(found[0].clone()),
        0 => {
            let names: Vec<String> = docs
                .iter()
                .flat_map(|d| [d.title.clone(), d.path.clone()])
                .filter(|n| !n.is_empty())
                .collect();
            Err(Error::NotFound {
                what: "speech",
                name: q.to_string(),
                near: nearest(&names, &folded, 3),
                hint: "`ptkg list speech` shows each speech's id, path and title".into(),
            })
        }
        _ => Err(Error::Ambiguous {
            what: "speeches",
            name: q.to_string(),
            candidates: found
                .iter()
                .map(|d| format!("{} {} ({})", speech_id(&d.hash), d.title, d.path))
                .collect(),
        }),
    }
}

/// Whether a row's document path is one of `doc`'s.
pub fn in_doc(doc: &DocRecord, path: &str) -> bool {
    doc.path == path || doc.also.iter().any(|p| p == path)
}

/// A title cut for showing beside an anonymised name: 在全区…会议上的讲话.
pub fn short_title(title: &str) -> String {
    let chars: Vec<char> = title.chars().collect();
    if chars.len() <= 12 {
        title.to_string()
    } else {
        let head: String = chars[..3].iter().collect();
        let tail: String = chars[chars.len() - 6..].iter().collect();
        format!("{head}…{tail}")
    }
}

/// An anonymised name with the title of the speech it was read in
/// (`XX区 (在全区…会议上的讲话)`), any other name as it is.
pub fn with_speech(name: &str, title: &str) -> String {
    if is_anonymised(name) && !title.is_empty() {
        format!("{name} ({})", short_title(title))
    } else {
        name.to_string()
    }
}

/// The titles of the stored speeches by the short hash that anonymised
/// names' ids carry (XX区@0123456789ab).
#[derive(Debug, Default)]
pub struct SpeechTitles {
    by_hash: HashMap<String, String>,
}

impl SpeechTitles {
    pub fn read(store: &Store) -> Result<SpeechTitles> {
        let by_hash = store
            .docs()?
            .into_iter()
            .map(|d| {
                let title = if d.title.is_empty() {
                    d.path.clone()
                } else {
                    d.title.clone()
                };
                (short_hash(&d.hash).to_string(), title)
            })
            .collect();
        Ok(SpeechTitles { by_hash })
    }

    /// The title of the speech an anonymised node's id names.
    pub fn title_of(&self, id: &str) -> Option<&str> {
        id.rsplit_once('@')
            .and_then(|(_, h)| self.by_hash.get(h))
            .map(String::as_str)
    }

    /// `name` as listed: an anonymised name with its speech's title
    /// (`XX区 (在全区…会议上的讲话)`), any other as it is.
    pub fn shown(&self, name: &str, id: &str) -> String {
        if !is_anonymised(name) {
            return name.to_string();
        }
        match self.title_of(id) {
            Some(title) => format!("{name} ({})", short_title(title)),
            None => name.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Vec<String> {
        [
            "地区生产总值",
            "单位地区生产总值能耗",
            "四大攻坚行动",
            "临江区",
        ]
        .map(String::from)
        .to_vec()
    }

    fn aliases() -> Aliases {
        Aliases::new([("GDP".to_string(), "地区生产总值".to_string())])
    }

    #[test]
    fn exact_by_default_a_part_with_like() {
        let a = aliases();
        assert_eq!(
            match_names(&names(), "地区生产总值", &a, false),
            ["地区生产总值"]
        );
        assert_eq!(match_names(&names(), "地区生产总值", &a, true).len(), 2);
        assert!(match_names(&names(), "江区", &a, false).is_empty());
    }

    #[test]
    fn aliases_traditional_and_full_width_are_folded() {
        let a = aliases();
        assert_eq!(match_names(&names(), "gdp", &a, false), ["地区生产总值"]);
        assert_eq!(match_names(&names(), "ＧＤＰ", &a, false), ["地区生产总值"]);
        assert_eq!(
            match_names(&names(), "四大攻堅行動", &a, false),
            ["四大攻坚行动"]
        );
    }

    #[test]
    fn titles_are_cut_in_the_middle() {
        assert_eq!(
            short_title("在全区经济工作会议上的讲话"),
            "在全区…会议上的讲话"
        );
        assert_eq!(short_title("白沙镇政府工作报告"), "白沙镇政府工作报告");
    }

    /// Titles and ambiguity are in the CLI tests (the testing store
    /// keeps no titles).
    #[test]
    fn a_speech_is_found_by_id_or_path() {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::store::testing::store_of(
            dir.path(),
            &[
                ("reports/a.txt", "今年全区地区生产总值增长6%。\n"),
                ("reports/c.txt", "今年白沙镇地区生产总值增长7%。\n"),
            ],
        );
        let c = resolve_doc(&store, "reports/c.txt").unwrap();
        assert_eq!(resolve_doc(&store, speech_id(&c.hash)).unwrap().id, c.id);
        assert_eq!(resolve_doc(&store, "./reports/c.txt").unwrap().id, c.id);
        assert!(matches!(
            resolve_doc(&store, "reports/d.txt"),
            Err(Error::NotFound { near, .. }) if !near.is_empty()
        ));
    }
}
