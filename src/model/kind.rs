//! What nodes, rules and edges are: [`NodeKind`], [`RuleKind`] and
//! [`Relation`]. Their byte values are part of the store's key format.

use serde::{Deserialize, Serialize};

/// What a node is. The byte value is part of the store's key format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    Speech,
    Section,
    District,
    Project,
    Sector,
    Organization,
    Goal,
    Measure,
    Metric,
    Target,
}

impl NodeKind {
    pub const ALL: &'static [NodeKind] = &[
        NodeKind::Speech,
        NodeKind::Section,
        NodeKind::District,
        NodeKind::Project,
        NodeKind::Sector,
        NodeKind::Organization,
        NodeKind::Goal,
        NodeKind::Measure,
        NodeKind::Metric,
        NodeKind::Target,
    ];

    pub fn byte(self) -> u8 {
        match self {
            NodeKind::Speech => 1,
            NodeKind::Section => 2,
            NodeKind::District => 3,
            NodeKind::Project => 4,
            NodeKind::Sector => 5,
            NodeKind::Organization => 6,
            NodeKind::Goal => 7,
            NodeKind::Measure => 8,
            NodeKind::Metric => 9,
            NodeKind::Target => 10,
        }
    }

    pub fn from_byte(b: u8) -> Option<NodeKind> {
        NodeKind::ALL.iter().copied().find(|k| k.byte() == b)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::Speech => "speech",
            NodeKind::Section => "section",
            NodeKind::District => "district",
            NodeKind::Project => "project",
            NodeKind::Sector => "sector",
            NodeKind::Organization => "organization",
            NodeKind::Goal => "goal",
            NodeKind::Measure => "measure",
            NodeKind::Metric => "metric",
            NodeKind::Target => "target",
        }
    }

    /// Parses a kind name, singular or plural (`project`, `projects`).
    pub fn parse(s: &str) -> Option<NodeKind> {
        let s = s.trim().to_ascii_lowercase();
        let find = |t: &str| NodeKind::ALL.iter().copied().find(|k| k.as_str() == t);
        find(&s).or_else(|| s.strip_suffix('s').and_then(find))
    }

    /// Whether nodes of this kind belong to one speech (the speech, its
    /// sections, its measures and its figures) rather than being names
    /// that merge across speeches.
    pub fn is_speech_local(self) -> bool {
        matches!(
            self,
            NodeKind::Speech | NodeKind::Section | NodeKind::Measure | NodeKind::Target
        )
    }

    pub fn from_rule_kind(k: RuleKind) -> Option<NodeKind> {
        Some(match k {
            RuleKind::District => NodeKind::District,
            RuleKind::Project => NodeKind::Project,
            RuleKind::Sector => NodeKind::Sector,
            RuleKind::Organization => NodeKind::Organization,
            RuleKind::Goal => NodeKind::Goal,
            RuleKind::Measure => NodeKind::Measure,
            _ => return None,
        })
    }
}

/// What an edge says. The byte value is part of the store's key format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// speech → section → section: the outline.
    Contains,
    /// speech or section → entity.
    Mentions,
    /// project → district.
    LocatedIn,
    /// measure → goal.
    Serves,
    /// goal → goal (四条新路 ← 山地特色产业生态路): member → slogan.
    MemberOf,
    /// measure → project/sector/district/target.
    Involves,
    /// target → metric.
    OfMetric,
    /// target → project/sector/district.
    About,
    /// goal → goal: the speech says they are the same (同四条新路的“X”).
    SameAs,
}

impl Relation {
    pub const ALL: &'static [Relation] = &[
        Relation::Contains,
        Relation::Mentions,
        Relation::LocatedIn,
        Relation::Serves,
        Relation::MemberOf,
        Relation::Involves,
        Relation::OfMetric,
        Relation::About,
        Relation::SameAs,
    ];

    pub fn byte(self) -> u8 {
        match self {
            Relation::Contains => 1,
            Relation::Mentions => 2,
            Relation::LocatedIn => 3,
            Relation::Serves => 4,
            Relation::MemberOf => 5,
            Relation::Involves => 6,
            Relation::OfMetric => 7,
            Relation::About => 8,
            Relation::SameAs => 9,
        }
    }

    pub fn from_byte(b: u8) -> Option<Relation> {
        Relation::ALL.iter().copied().find(|r| r.byte() == b)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Contains => "contains",
            Relation::Mentions => "mentions",
            Relation::LocatedIn => "located_in",
            Relation::Serves => "serves",
            Relation::MemberOf => "member_of",
            Relation::Involves => "involves",
            Relation::OfMetric => "of_metric",
            Relation::About => "about",
            Relation::SameAs => "same_as",
        }
    }

    pub fn parse(s: &str) -> Option<Relation> {
        Relation::ALL.iter().copied().find(|r| r.as_str() == s)
    }
}

impl std::fmt::Display for Relation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a rule produces.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum RuleKind {
    District,
    Project,
    Sector,
    Organization,
    /// Section headings: a numbering style and its rank in the outline.
    Heading,
    /// Web and PDF leftovers removed before anything else runs.
    Boilerplate,
    /// Numbers that may be figures (targets).
    Figure,
    /// Spans whose numbers are no figures (slogans, dates, ordinals).
    Nontarget,
    /// Units after a number; `class` = count | multiplier | rate | time.
    Unit,
    /// Qualifier cues; `class` = at_least | at_most | about, `position` = before | after.
    Qualifier,
    /// Change cues; `class` = growth | share | difference.
    Change,
    /// Status cues; `class` = target | actual | forecast.
    Status,
    /// Metric vocabulary.
    Metric,
    /// Goals: slogans, named aims, cue phrases.
    Goal,
    /// Measures: actions the speech commits to.
    Measure,
}

impl RuleKind {
    pub const ALL: &'static [RuleKind] = &[
        RuleKind::District,
        RuleKind::Project,
        RuleKind::Sector,
        RuleKind::Organization,
        RuleKind::Heading,
        RuleKind::Boilerplate,
        RuleKind::Figure,
        RuleKind::Nontarget,
        RuleKind::Unit,
        RuleKind::Qualifier,
        RuleKind::Change,
        RuleKind::Status,
        RuleKind::Metric,
        RuleKind::Goal,
        RuleKind::Measure,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RuleKind::District => "district",
            RuleKind::Project => "project",
            RuleKind::Sector => "sector",
            RuleKind::Organization => "organization",
            RuleKind::Heading => "heading",
            RuleKind::Boilerplate => "boilerplate",
            RuleKind::Figure => "figure",
            RuleKind::Nontarget => "nontarget",
            RuleKind::Unit => "unit",
            RuleKind::Qualifier => "qualifier",
            RuleKind::Change => "change",
            RuleKind::Status => "status",
            RuleKind::Metric => "metric",
            RuleKind::Goal => "goal",
            RuleKind::Measure => "measure",
        }
    }

    pub fn parse(s: &str) -> Option<RuleKind> {
        RuleKind::ALL.iter().copied().find(|k| k.as_str() == s)
    }

    /// Kinds whose matches are entities (graph nodes named by the match).
    pub fn is_entity(self) -> bool {
        matches!(
            self,
            RuleKind::District
                | RuleKind::Project
                | RuleKind::Sector
                | RuleKind::Organization
                | RuleKind::Goal
        )
    }
}
