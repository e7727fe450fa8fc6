//! `add --from-jsonl`: extract records (JSON Lines that `ptkg extract
//! --with-text` writes, on one machine or on a cluster) into the store,
//! without extracting again. A record carries its extraction, its decoded
//! text and the [`StoreFields`] the printed extraction leaves out; each goes
//! through the same [`super::prepared_document`] as a file `add` reads, so
//! the store is the one `add` of the same files builds. Records are read
//! one line at a time, a chunk decoded in parallel, then written in order:
//! memory stays flat whatever the file's size.

use std::io::BufRead;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::{prepared_document, write, AddSummary, ExtractedDocument, Outcome, Prepared};
use crate::document::read::PageMeta;
use crate::error::{Error, Result};
use crate::model::{DocumentInfo, Entity, Extraction, Link, SectionOut, Target};
use crate::store::Store;

/// What the store needs of a document besides its text and the extraction
/// as `ptkg extract` prints it: written as `store` in a record with
/// `--with-text`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoreFields {
    /// The encoding the bytes were decoded from ("utf8", "gb18030", …).
    pub encoding: String,
    /// The date an HTML page declares in its markup, as written (absent
    /// when it declares none): the text alone cannot give it back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_date: Option<String>,
    /// Per section, in order: its parent's index, where its heading ends
    /// (original character offset) and the rule that found it.
    pub sections: Vec<(Option<usize>, usize, String)>,
    /// Per entity, in order: the index of its innermost section and its
    /// sentence's character span.
    pub entities: Vec<(Option<usize>, usize, usize)>,
    /// Per target, as for entities.
    pub targets: Vec<(Option<usize>, usize, usize)>,
}

impl StoreFields {
    /// The fields of an extraction read from a file decoded from
    /// `encoding` (see [`super::encoding_name`]).
    pub fn of(ex: &Extraction, encoding: String, meta: &PageMeta) -> StoreFields {
        StoreFields {
            encoding,
            page_date: meta.page_date.clone(),
            sections: ex
                .sections
                .iter()
                .map(|s| (s.parent, s.heading_end, s.rule.clone()))
                .collect(),
            entities: ex
                .entities
                .iter()
                .map(|e| (e.section, e.sentence_span.0, e.sentence_span.1))
                .collect(),
            targets: ex
                .targets
                .iter()
                .map(|t| (t.section, t.sentence_span.0, t.sentence_span.1))
                .collect(),
        }
    }

    /// Puts the fields back into a deserialised extraction; an error when
    /// the counts differ from the extraction's.
    fn restore(self, ex: &mut Extraction) -> std::result::Result<(), String> {
        let counts = (self.sections.len(), self.entities.len(), self.targets.len());
        if counts != (ex.sections.len(), ex.entities.len(), ex.targets.len()) {
            return Err("its `store` fields do not match its sections, entities and targets (the record was changed after extraction)".into());
        }
        for (s, (parent, heading_end, rule)) in ex.sections.iter_mut().zip(self.sections) {
            s.parent = parent;
            s.heading_end = heading_end;
            s.rule = rule;
        }
        for (e, (section, a, b)) in ex.entities.iter_mut().zip(self.entities) {
            e.section = section;
            e.sentence_span = (a, b);
        }
        for (t, (section, a, b)) in ex.targets.iter_mut().zip(self.targets) {
            t.section = section;
            t.sentence_span = (a, b);
        }
        Ok(())
    }
}

/// One line of the input: an extract record, or the error record that
/// stands for a document extract could not read.
#[derive(Deserialize)]
struct RecordIn {
    document: serde_json::Value,
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    rules_hash: Option<String>,
    #[serde(default)]
    sections: Vec<SectionOut>,
    #[serde(default)]
    entities: Vec<Entity>,
    #[serde(default)]
    targets: Vec<Target>,
    #[serde(default)]
    links: Vec<Link>,
    #[serde(default)]
    store: Option<StoreFields>,
}

/// What an import did besides what `add` counts.
#[derive(Debug, Default, Clone)]
pub struct ImportSummary {
    pub add: AddSummary,
    /// Records made with other rules than the store's, not loaded.
    pub other_rules: usize,
    /// The first such record's rules hash.
    pub other_rules_hash: Option<String>,
    /// Error records (documents extract could not read), as "path: why".
    pub error_records: Vec<String>,
    /// Lines that are no record, as "line N: why".
    pub broken: Vec<String>,
}

impl ImportSummary {
    /// Whether any record went into the store (or was there already).
    pub fn loaded_any(&self) -> bool {
        self.add.added + self.add.replaced + self.add.unchanged + self.add.same_text > 0
    }
}

/// Lines decoded in parallel before one writer stores them.
const CHUNK: usize = 64;

/// Reads extract records from `input` (named `name` in errors) into the
/// store. Records whose `rules_hash` is not the store's (or, for an empty
/// store, `rules_hash`'s) are counted and left out; a record without
/// `document.text` stops the import, as the store keeps every document's
/// text. `progress` is called after each record with its path and outcome.
pub fn import_jsonl(
    store: &Store,
    rules_hash: &str,
    name: &str,
    input: impl BufRead,
    commit_every: Option<usize>,
    mut progress: impl FnMut(&str, &Outcome),
) -> Result<ImportSummary> {
    let mut summary = ImportSummary::default();
    let mut writer = store.writer();
    writer.commit_every(commit_every);
    let expected = match store.ruleset_hash()? {
        Some(h) if store.document_count() > 0 => h,
        _ => {
            // Set in the writer's first commit, with the documents.
            writer.set_ruleset_hash(rules_hash)?;
            rules_hash.to_string()
        }
    };
    summary.add.rules_changed = expected != rules_hash;
    // Paths already met in this input (by hash, to stay small): a second
    // record of the same path is left out, as `add` reads a file once.
    let mut seen = std::collections::HashSet::new();
    let mut lines = input.lines().enumerate();
    loop {
        let mut chunk = Vec::with_capacity(CHUNK);
        for (i, line) in lines.by_ref() {
            let line = line.map_err(|e| import_error(name, i + 1, format!("cannot read: {e}")))?;
            if !line.trim().is_empty() {
                chunk.push((i + 1, line));
            }
            if chunk.len() == CHUNK {
                break;
            }
        }
        if chunk.is_empty() {
            break;
        }
        let decoded: Vec<_> = chunk
            .par_iter()
            .map(|(n, line)| (*n, decode(store, &expected, line)))
            .collect();
        for (n, result) in decoded {
            let outcome = match result.map_err(|m| import_error(name, n, m))? {
                Decoded::Broken(why) => {
                    summary.broken.push(format!("line {n}: {why}"));
                    continue;
                }
                Decoded::Error(error) => {
                    summary.error_records.push(error);
                    continue;
                }
                Decoded::OtherRules(hash) => {
                    summary.other_rules += 1;
                    summary.other_rules_hash.get_or_insert(hash);
                    continue;
                }
                Decoded::Document(path, prepared) => {
                    if !seen.insert(xxhash_rust::xxh3::xxh3_64(path.as_bytes())) {
                        continue;
                    }
                    let outcome = write(&mut writer, prepared, &mut summary.add)?;
                    (path, outcome)
                }
            };
            match outcome.1 {
                Outcome::Added => summary.add.added += 1,
                Outcome::Replaced => summary.add.replaced += 1,
                Outcome::SameText => summary.add.same_text += 1,
                _ => summary.add.unchanged += 1,
            }
            progress(&outcome.0, &outcome.1);
        }
    }
    writer.commit()?;
    Ok(summary)
}

fn import_error(name: &str, line: usize, message: String) -> Error {
    Error::Import {
        file: name.to_string(),
        line,
        message,
    }
}

/// One line, decoded.
enum Decoded {
    Broken(String),
    /// An error record, as "path: why".
    Error(String),
    OtherRules(String),
    Document(String, Prepared),
}

/// Decodes and prepares one record. `Err` is a fault that stops the
/// import (a record without its text, a store that cannot be read).
fn decode(store: &Store, expected: &str, line: &str) -> std::result::Result<Decoded, String> {
    let record: RecordIn = match serde_json::from_str(line) {
        Ok(r) => r,
        Err(e) => return Ok(Decoded::Broken(format!("not an extract record: {e}"))),
    };
    let path = record.document.get("path").and_then(|p| p.as_str());
    if let Some(error) = record.error {
        // extract's errors name their file already.
        let path = path.unwrap_or("?");
        return Ok(Decoded::Error(if error.contains(path) {
            error
        } else {
            format!("{path}: {error}")
        }));
    }
    let hash = record.rules_hash.unwrap_or_default();
    if hash != expected {
        return Ok(Decoded::OtherRules(hash));
    }
    let mut document: DocumentInfo = match serde_json::from_value(record.document) {
        Ok(d) => d,
        Err(e) => {
            return Ok(Decoded::Broken(format!(
                "not an extract record: document: {e}"
            )))
        }
    };
    let (Some(text), Some(fields)) = (document.text.take(), record.store) else {
        return Err(format!(
            "{}: the record has no document.text; the store keeps each document's text: rerun `ptkg extract --with-text` and import its output",
            document.path
        ));
    };
    let path = document.path.clone();
    let previous = store.document_by_path(&path).map_err(|e| e.to_string())?;
    if previous.as_ref().is_some_and(|p| p.hash == document.hash) {
        return Ok(Decoded::Document(path, Prepared::Unchanged));
    }
    let meta = PageMeta {
        page_date: fields.page_date.clone(),
    };
    let encoding = fields.encoding.clone();
    let mut extraction = Extraction {
        document,
        sections: record.sections,
        entities: record.entities,
        targets: record.targets,
        links: record.links,
        warnings: Vec::new(),
    };
    if let Err(why) = fields.restore(&mut extraction) {
        return Ok(Decoded::Broken(why));
    }
    let doc = ExtractedDocument {
        text,
        encoding,
        meta,
        extraction,
    };
    let prepared =
        prepared_document(doc, expected, previous.is_some()).map_err(|e| e.to_string())?;
    Ok(Decoded::Document(
        path,
        Prepared::Document(Box::new(prepared)),
    ))
}
