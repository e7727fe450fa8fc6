//! Incremental ingest: files → extraction → store, one document at a time.
//! Unchanged documents (same path, same content hash) are skipped, changed
//! ones replaced, new ones added; a file that cannot be read is reported and
//! the others go on.

use std::path::PathBuf;

pub mod import;

use rayon::prelude::*;

use crate::document::read::PageMeta;
use crate::document::{self, read};
use crate::error::Result;
use crate::extract::{display_path, Pipeline};
use crate::model::Extraction;
use crate::store::{doc_facts, DocRecord, EncodedDocument, Store, Stored, Writer};

/// What happened to one input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Added,
    Replaced,
    Unchanged,
    /// The text was already stored under another path; this path was
    /// added to that document.
    SameText,
    Failed(String),
}

/// Summary of an `add`.
#[derive(Debug, Default, Clone)]
pub struct AddSummary {
    pub added: usize,
    pub replaced: usize,
    pub unchanged: usize,
    /// Files whose text was already stored under another path.
    pub same_text: usize,
    pub failed: Vec<String>,
    pub warnings: Vec<String>,
    /// The store was built with other rules than the current ones.
    pub rules_changed: bool,
    /// Documents stored without a date (no dateline, no year in the title,
    /// publication line or file name): their relative years stay unknown.
    pub undated: usize,
}

/// Adds files (already expanded from folders) to the store. `progress` is
/// called after each file with its path and outcome. `commit_every` makes
/// a commit every N documents instead of every [`Writer`]'s default size.
pub fn add_files(
    store: &Store,
    pipeline: &Pipeline,
    files: &[PathBuf],
    commit_every: Option<usize>,
    mut progress: impl FnMut(&str, &Outcome) + Send,
) -> Result<AddSummary> {
    let mut summary = AddSummary::default();
    let mut writer = store.writer();
    writer.commit_every(commit_every);
    let stored = store.ruleset_hash()?;
    let has_docs = store.document_count() > 0;
    match stored {
        Some(h) if h != pipeline.rules.hash && has_docs => summary.rules_changed = true,
        // Set in the writer's first commit, with the documents.
        _ => writer.set_ruleset_hash(&pipeline.rules.hash)?,
    }
    // The same file named twice (a folder and a file in it) is read once.
    let mut seen = std::collections::HashSet::new();
    let files: Vec<&PathBuf> = files
        .iter()
        .filter(|f| seen.insert(display_path(f)))
        .collect();
    // Extraction runs on every core, a chunk of files at a time; one writer
    // stores the previous chunk meanwhile, in input order. The writer
    // commits every few thousand documents and at the end, each commit
    // all or nothing.
    let mut pending: Vec<(String, Result<Prepared>)> = Vec::new();
    let mut write_chunk = |prepared: Vec<(String, Result<Prepared>)>| {
        for (path, result) in prepared {
            let outcome = match result.and_then(|p| write(&mut writer, p, &mut summary)) {
                Ok(o) => o,
                Err(e) => Outcome::Failed(e.to_string()),
            };
            match &outcome {
                Outcome::Added => summary.added += 1,
                Outcome::Replaced => summary.replaced += 1,
                Outcome::Unchanged => summary.unchanged += 1,
                Outcome::SameText => summary.same_text += 1,
                Outcome::Failed(msg) => summary.failed.push(msg.clone()),
            }
            progress(&path, &outcome);
        }
    };
    for chunk in files.chunks(CHUNK) {
        let previous = std::mem::take(&mut pending);
        let (prepared, ()) = rayon::join(
            || {
                chunk
                    .par_iter()
                    .map(|file| {
                        let path = display_path(file);
                        let result = prepare(store, pipeline, file, &path);
                        (path, result)
                    })
                    .collect::<Vec<_>>()
            },
            || write_chunk(previous),
        );
        pending = prepared;
    }
    write_chunk(pending);
    writer.commit()?;
    Ok(summary)
}

/// Files extracted in parallel before one writer stores them.
const CHUNK: usize = 64;

/// A document read and extracted, ready to be written.
enum Prepared {
    Unchanged,
    Document(Box<PreparedDocument>),
}

struct PreparedDocument {
    encoded: EncodedDocument,
    warnings: Vec<String>,
    replaced: bool,
    undated: bool,
}

/// Reads, hashes and (if new or changed) extracts one file. Runs on any thread.
fn prepare(
    store: &Store,
    pipeline: &Pipeline,
    file: &std::path::Path,
    path: &str,
) -> Result<Prepared> {
    read::check_size(file)?;
    let bytes = std::fs::read(file).map_err(|e| crate::error::Error::Io {
        path: file.to_path_buf(),
        source: e,
    })?;
    let hash = document::content_hash(&bytes);
    let previous = store.document_by_path(path)?;
    if previous.as_ref().is_some_and(|p| p.hash == hash) {
        return Ok(Prepared::Unchanged);
    }
    let source = read::decode_document(file, &bytes, read::is_html_path(file))?;
    let extraction = pipeline.extract_source(path, &hash, &source.text, &source.meta);
    let doc = ExtractedDocument {
        encoding: encoding_name(source.encoding),
        text: source.text,
        meta: source.meta,
        extraction,
    };
    Ok(Prepared::Document(Box::new(prepared_document(
        doc,
        &pipeline.rules.hash,
        previous.is_some(),
    )?)))
}

/// A document's decoded text, what its file declared outside the text, and
/// its extraction: all the store keeps of it, whether `add` just extracted
/// it or `add --from-jsonl` reads it from an extract record.
pub(crate) struct ExtractedDocument {
    pub text: String,
    /// As [`encoding_name`] spells it.
    pub encoding: String,
    pub meta: PageMeta,
    pub extraction: Extraction,
}

/// The name the store keeps for an encoding ("utf8", "gb18030", …).
pub fn encoding_name(encoding: read::Encoding) -> String {
    format!("{encoding:?}").to_lowercase()
}

/// An extracted document encoded for the writer: its record, book and
/// text. The one way from an extraction to what the store writes.
fn prepared_document(
    doc: ExtractedDocument,
    ruleset: &str,
    replaced: bool,
) -> Result<PreparedDocument> {
    let ex = &doc.extraction;
    let chars = doc.text.chars().count();
    let path = &ex.document.path;
    let record = DocRecord {
        path: path.clone(),
        hash: ex.document.hash.clone(),
        title: ex.document.title.clone(),
        encoding: doc.encoding,
        chars,
        ruleset: ruleset.to_string(),
        date: ex.document.date.clone(),
        jurisdiction: ex.document.jurisdiction.clone(),
        page_date: doc.meta.page_date,
        ..DocRecord::default()
    };
    Ok(PreparedDocument {
        encoded: EncodedDocument::new(record, &doc.text, &doc_facts(ex, chars))?,
        warnings: ex.warnings.iter().map(|w| format!("{path}: {w}")).collect(),
        replaced,
        undated: ex.document.date.is_none(),
    })
}

/// Stores a prepared document (the single writer).
fn write(writer: &mut Writer, prepared: Prepared, summary: &mut AddSummary) -> Result<Outcome> {
    match prepared {
        Prepared::Unchanged => Ok(Outcome::Unchanged),
        Prepared::Document(doc) => {
            if writer.put(doc.encoded)? == Stored::OtherPath {
                return Ok(Outcome::SameText);
            }
            summary.warnings.extend(doc.warnings);
            summary.undated += usize::from(doc.undated);
            Ok(if doc.replaced {
                Outcome::Replaced
            } else {
                Outcome::Added
            })
        }
    }
}

/// Re-extracts every stored document from its stored text with the current
/// rules. Returns how many documents were processed.
pub fn reindex(
    store: &Store,
    pipeline: &Pipeline,
    mut progress: impl FnMut(&str),
) -> Result<usize> {
    let docs = store.docs()?;
    let mut writer = store.writer();
    for doc in &docs {
        let text = store.text(doc.id)?.unwrap_or_default();
        // What the file declared outside its text is kept in its record, so
        // a re-extraction reads the same date.
        let meta = PageMeta {
            page_date: doc.page_date.clone(),
        };
        let ex = pipeline.extract_source(&doc.path, &doc.hash, &text, &meta);
        let mut record = doc.clone();
        record.title = ex.document.title.clone();
        record.ruleset = pipeline.rules.hash.clone();
        record.date = ex.document.date.clone();
        record.jurisdiction = ex.document.jurisdiction.clone();
        let book = doc_facts(&ex, doc.chars);
        writer.put(EncodedDocument::new(record, &text, &book)?)?;
        progress(&doc.path);
    }
    writer.commit()?;
    store.set_ruleset_hash(&pipeline.rules.hash)?;
    store.flush()?;
    Ok(docs.len())
}

/// Removes a document, or every document under a folder path. Returns the
/// removed paths.
pub fn remove(store: &Store, path: &str) -> Result<Vec<String>> {
    let path = display_path(std::path::Path::new(path));
    let mut removed = Vec::new();
    let mut writer = store.writer();
    if writer.remove(&path)? {
        removed.push(path);
    } else {
        let folder = format!("{}/", path.trim_end_matches('/'));
        for doc in store.docs()? {
            for p in std::iter::once(doc.path).chain(doc.also) {
                if p.starts_with(&folder) && writer.remove(&p)? {
                    removed.push(p);
                }
            }
        }
    }
    writer.commit()?;
    Ok(removed)
}
