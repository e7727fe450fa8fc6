//! `ptkg show SPEECH`: a speech's outline (the headings its structure pass
//! found, stored as section nodes) with the facts read under each heading:
//! targets, goals, measures and the entities named. Everything comes from
//! the document's one book; a fact goes under the innermost section whose
//! span holds its first occurrence.

use serde::Serialize;

use super::resolve::{speech_id, with_speech};
use crate::error::Result;
use crate::model::NodeKind;
use crate::store::{DocRecord, Store};

/// A speech as `show` prints it.
#[derive(Debug, Clone, Serialize)]
pub struct SpeechOutline {
    pub id: String,
    pub title: String,
    pub paths: Vec<String>,
    pub date: Option<String>,
    pub jurisdiction: Option<String>,
    /// The facts before the first heading, then one entry per heading.
    pub sections: Vec<OutlineSection>,
}

/// A heading with the facts under it (not those of its subsections).
#[derive(Debug, Clone, Serialize)]
pub struct OutlineSection {
    /// 0 for the text before the first heading, 1 for a top heading.
    pub level: usize,
    pub heading: String,
    pub start: u32,
    pub facts: Vec<OutlineFact>,
}

/// One fact of a section.
#[derive(Debug, Clone, Serialize)]
pub struct OutlineFact {
    pub kind: NodeKind,
    pub name: String,
    pub start: u32,
}

/// The outline of the stored document `doc` with its facts.
pub fn outline(store: &Store, doc: &DocRecord) -> Result<SpeechOutline> {
    let mut sections = vec![OutlineSection {
        level: 0,
        heading: String::new(),
        start: 0,
        facts: Vec::new(),
    }];
    // (start, end, index into sections)
    let mut spans: Vec<(u32, u32, usize)> = Vec::new();
    let mut facts: Vec<OutlineFact> = Vec::new();
    if let Some(book) = store.book(doc.id)? {
        for n in &book.nodes {
            let Some(first) = n.occ.iter().map(|o| (o.start, o.end)).min() else {
                continue;
            };
            match n.kind {
                NodeKind::Speech => {}
                NodeKind::Section => {
                    let level = n.attrs.get("level").and_then(|l| l.parse().ok());
                    spans.push((first.0, first.1, sections.len()));
                    sections.push(OutlineSection {
                        level: level.unwrap_or(1),
                        heading: n.name.trim().to_string(),
                        start: first.0,
                        facts: Vec::new(),
                    });
                }
                kind => facts.push(OutlineFact {
                    kind,
                    // Anonymised names (XX区) in a book are its speech's
                    // own; a target's X is an anonymised figure.
                    name: if kind.is_speech_local() {
                        n.name.clone()
                    } else {
                        with_speech(&n.name, &doc.title)
                    },
                    start: first.0,
                }),
            }
        }
    }
    facts.sort_by(|a, b| a.start.cmp(&b.start).then(a.name.cmp(&b.name)));
    for f in facts {
        // The innermost section holding the fact: the last to start.
        let home = spans
            .iter()
            .filter(|(s, e, _)| *s <= f.start && f.start < *e)
            .max_by_key(|(s, _, _)| *s)
            .map_or(0, |(_, _, i)| *i);
        let section = &mut sections[home];
        if !section
            .facts
            .iter()
            .any(|g| g.kind == f.kind && g.name == f.name)
        {
            section.facts.push(f);
        }
    }
    let mut rest = sections.split_off(1);
    rest.sort_by_key(|s| s.start);
    if !sections[0].facts.is_empty() {
        rest.insert(0, sections.remove(0));
    }
    Ok(SpeechOutline {
        id: speech_id(&doc.hash).to_string(),
        title: doc.title.clone(),
        paths: std::iter::once(doc.path.clone())
            .chain(doc.also.iter().cloned())
            .collect(),
        date: doc.date.clone(),
        jurisdiction: doc.jurisdiction.clone(),
        sections: rest,
    })
}
