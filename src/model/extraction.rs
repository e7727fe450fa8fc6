//! What extraction finds in one document, as `ptkg extract --format json`
//! prints it and the store ingests it: the document, its outline, entities,
//! targets and links, each with its [`Provenance`] (span, sentence and
//! rule; the document is the extraction's own).

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::{format_number, Basis, Provenance, Relation, RuleKind, TargetFigures};

/// Identity and title of an extracted document.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DocumentInfo {
    pub path: String,
    pub hash: String,
    pub title: String,
    /// When the document was written or delivered: "YYYY-MM-DD",
    /// "YYYY-MM" or "YYYY", or null when it does not say.
    pub date: Option<String>,
    /// Where the date was read: "dateline", "title", "publication",
    /// "page_meta" (an HTML page's `<meta>`/`<time>`) or "file_name" (null
    /// without a date).
    pub date_source: Option<String>,
    /// The district, county, city or province whose government or party
    /// committee speaks, as the text names it (anonymised names such as
    /// XX区 as written), or null.
    pub jurisdiction: Option<String>,
    /// The decoded original, when asked for (`ptkg extract --with-text`):
    /// a record that carries its own text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// A section as printed.
#[derive(Debug, Clone, Serialize, Deserialize)]
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
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entity {
    pub kind: RuleKind,
    /// Normalised name: the node it belongs to. (Names and rule ids are
    /// shared with the links that quote them.)
    pub name: Arc<str>,
    /// The text as it stands in the original.
    pub text: String,
    #[serde(flatten)]
    pub provenance: Provenance,
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
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct NodeRef {
    pub kind: RuleKind,
    pub name: Arc<str>,
}

/// A relation between two extracted nodes, with its evidence.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Link {
    pub relation: Relation,
    pub from: NodeRef,
    pub to: NodeRef,
    pub basis: Basis,
    #[serde(flatten)]
    pub provenance: Provenance,
}

/// Everything extracted from one document.
#[derive(Debug, Clone, Serialize, Deserialize)]
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

/// One figure, as `ptkg extract` prints it in `targets`: its figures, where
/// it was read, and what it is about.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Target {
    #[serde(flatten)]
    pub figures: TargetFigures,
    #[serde(flatten)]
    pub provenance: Provenance,
    /// Entities named in the same sentence (filled by the pipeline).
    pub about: Vec<NodeRef>,
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
        let f = &self.figures;
        format!(
            "{} | {} | {} | {} | {} | {}",
            f.metric,
            self.summary_value(),
            f.unit,
            f.change,
            f.qualifier,
            f.status
        )
    }

    /// The value as the summary spells it: a number, "XX" when redacted,
    /// "?" when there is none.
    pub fn summary_value(&self) -> String {
        match (self.figures.value, self.figures.redacted) {
            (_, true) => self.value_text_number(),
            (Some(v), _) => format_number(v),
            (None, _) => "?".into(),
        }
    }

    fn value_text_number(&self) -> String {
        self.figures
            .value_text
            .chars()
            .take_while(|c| matches!(c, 'X' | 'x' | '*' | '_' | '×' | '.'))
            .collect()
    }
}
