//! What extraction finds in one document, as `ptkg extract --format json`
//! prints it and the store ingests it: the document, its outline, entities,
//! targets and links, each with the span, sentence and rule it came from.

use std::sync::Arc;

use serde::Serialize;

use super::{format_number, Basis, Relation, RuleKind};

/// Identity and title of an extracted document.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentInfo {
    pub path: String,
    pub hash: String,
    pub title: String,
    /// When the document was written or delivered: "YYYY-MM-DD",
    /// "YYYY-MM" or "YYYY", or null when it does not say.
    pub date: Option<String>,
    /// Where the date was read: "dateline", "title", "publication" or
    /// "file_name" (null without a date).
    pub date_source: Option<String>,
    /// The district, county, city or province whose government or party
    /// committee speaks, as the text names it (anonymised names such as
    /// XX区 as written), or null.
    pub jurisdiction: Option<String>,
}

/// A section as printed.
#[derive(Debug, Clone, Serialize)]
pub struct SectionOut {
    pub level: u8,
    pub number: String,
    pub title: String,
    pub start: usize,
    pub end: usize,
    #[serde(skip)]
    pub parent: Option<usize>,
    #[serde(skip)]
    pub rule: String,
    /// Original character offset where the heading ends.
    #[serde(skip)]
    pub heading_end: usize,
}

/// One occurrence of an entity.
#[derive(Debug, Clone, Serialize)]
pub struct Entity {
    pub kind: RuleKind,
    /// Normalised name: the node it belongs to. (Names and rule ids are
    /// shared with the links that quote them.)
    pub name: Arc<str>,
    /// The text as it stands in the original.
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// Shared by everything quoted from the same sentence.
    pub sentence: Arc<str>,
    pub rule: Arc<str>,
    /// Innermost section holding the occurrence.
    #[serde(skip)]
    pub section: Option<usize>,
    /// Original character span of the sentence.
    #[serde(skip)]
    pub sentence_span: (usize, usize),
    /// Byte span in the matching view.
    #[serde(skip)]
    pub view_span: (usize, usize),
}

/// A node named in a link.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct NodeRef {
    pub kind: RuleKind,
    pub name: Arc<str>,
}

/// A relation between two extracted nodes, with its evidence.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub relation: Relation,
    pub from: NodeRef,
    pub to: NodeRef,
    pub basis: Basis,
    pub sentence: Arc<str>,
    pub start: usize,
    pub end: usize,
    pub rule: Arc<str>,
}

/// Everything extracted from one document.
#[derive(Debug, Clone, Serialize)]
pub struct Extraction {
    pub document: DocumentInfo,
    pub sections: Vec<SectionOut>,
    pub entities: Vec<Entity>,
    pub targets: Vec<Target>,
    pub links: Vec<Link>,
    /// Problems worth telling the user about (not printed in JSON).
    #[serde(skip)]
    pub warnings: Vec<String>,
}

/// One figure, as `ptkg extract` prints it in `targets`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Target {
    pub metric: String,
    pub value: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_max: Option<f64>,
    pub value_text: String,
    pub redacted: bool,
    pub unit: String,
    pub base_value: Option<f64>,
    pub base_unit: String,
    pub change: String,
    pub qualifier: String,
    pub status: String,
    pub year: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    pub start: usize,
    pub end: usize,
    pub sentence: std::sync::Arc<str>,
    pub rule: std::sync::Arc<str>,
    /// Entities named in the same sentence (filled by the pipeline).
    pub about: Vec<NodeRef>,
    /// Which way a growth or difference goes; None for a level or a
    /// share (a negative level is a decrease).
    pub direction: Option<Direction>,
    /// The value with the direction applied (下降3% → -3, 增长-3.2% →
    /// -3.2); a level keeps its value; None when anonymised.
    pub signed_value: Option<f64>,
    #[serde(skip)]
    pub section: Option<usize>,
    #[serde(skip)]
    pub sentence_span: (usize, usize),
    /// Byte range in the view (for linking with entities).
    #[serde(skip)]
    pub view_span: (usize, usize),
}

impl Target {
    /// One-line summary used by rule examples:
    /// "metric | value | unit | change | qualifier | status".
    pub fn summary(&self) -> String {
        let value = match (self.value, self.redacted) {
            (_, true) => self.value_text_number(),
            (Some(v), _) => format_number(v),
            (None, _) => "?".into(),
        };
        format!(
            "{} | {} | {} | {} | {} | {}",
            self.metric, value, self.unit, self.change, self.qualifier, self.status
        )
    }

    fn value_text_number(&self) -> String {
        self.value_text
            .chars()
            .take_while(|c| matches!(c, 'X' | 'x' | '*' | '_' | '×' | '.'))
            .collect()
    }
}

/// Which way a figure moves: printed as "increase" or "decrease".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// 增长, 提高, 增加, 上升.
    Increase,
    /// 下降, 减少, 降低, 压减, 回落, 负增长, a minus sign.
    Decrease,
}
