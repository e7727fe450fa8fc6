//! `ptkg extract`: runs the pipeline without a store and prints one JSON
//! object per document, one per line (the shape README documents), each
//! with the rules hash and ptkg version that made it. Documents come as
//! files and folders, as a list of paths (`--files-from`), or as JSON
//! Lines on standard input (`--stdin`, for engines such as Spark that pipe
//! records through a program). A document that cannot be read gives an
//! error record in its place, so output lines match input lines. Documents
//! are extracted on every core, a batch at a time, and printed in input
//! order.

use std::io::BufRead;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use base64::Engine;
use ptkg::document::SourceText;
use ptkg::ingest::import::StoreFields;
use ptkg::model::Extraction;
use ptkg::Pipeline;
use rayon::prelude::*;
use serde::Serialize;

use super::output::print;
use super::{rules, Cli};

/// Where the documents come from and what each record holds.
pub struct Inputs<'a> {
    pub files: &'a [PathBuf],
    pub stdin: bool,
    pub files_from: Option<&'a Path>,
    pub with_text: bool,
    pub keep_going: bool,
}

/// One output line: an extraction with what made it, or an error.
#[derive(Serialize)]
#[serde(untagged)]
enum Record<'e> {
    Extracted {
        #[serde(flatten)]
        extraction: &'e Extraction,
        /// With `--with-text`: what the store needs besides.
        #[serde(skip_serializing_if = "Option::is_none")]
        store: Option<StoreFields>,
        rules_hash: &'e str,
        ptkg_version: &'static str,
    },
    Failed {
        document: FailedDocument<'e>,
        error: String,
        rules_hash: &'e str,
        ptkg_version: &'static str,
    },
}

#[derive(Serialize)]
struct FailedDocument<'e> {
    path: &'e str,
}

/// A line of `--stdin`.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct InputLine {
    path: String,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    base64: Option<String>,
}

/// Documents extracted in parallel per batch: enough to keep every core
/// busy, few enough that memory stays flat on a stream of any length.
const BATCH: usize = 256;

pub fn run(cli: &Cli, inputs: &Inputs) -> Result<i32> {
    let pipeline = Pipeline::new(rules::load_checked(cli)?);
    let mut out = Writer {
        pipeline: &pipeline,
        with_text: inputs.with_text,
        failed: 0,
    };
    if inputs.stdin {
        let stdin = std::io::stdin();
        let mut batch: Vec<(usize, String)> = Vec::with_capacity(BATCH);
        for (n, line) in stdin.lock().lines().enumerate() {
            let line = line.context("cannot read standard input")?;
            if line.trim().is_empty() {
                continue;
            }
            batch.push((n + 1, line));
            if batch.len() == BATCH {
                out.lines(&std::mem::take(&mut batch))?;
            }
        }
        out.lines(&batch)?;
    } else {
        let paths = match inputs.files_from {
            Some(list) => read_list(list)?,
            None => collect_paths(inputs.files)?,
        };
        for chunk in paths.chunks(BATCH) {
            out.files(chunk)?;
        }
    }
    Ok(if out.failed == 0 || inputs.keep_going {
        0
    } else {
        2
    })
}

/// Prints records and counts the failures.
struct Writer<'p> {
    pipeline: &'p Pipeline,
    with_text: bool,
    failed: usize,
}

/// One document's output: its JSON line and what goes to stderr.
struct Output {
    line: String,
    notes: Vec<String>,
    failed: bool,
}

impl Writer<'_> {
    /// Extracts files on every core; prints their records in input order.
    fn files(&mut self, paths: &[PathBuf]) -> Result<()> {
        let outputs: Vec<Result<Output>> = paths
            .par_iter()
            .map(|path| {
                let shown = ptkg::extract::display_path(path);
                let result = std::fs::read(path)
                    .with_context(|| format!("{}: cannot read", path.display()))
                    .and_then(|bytes| Ok(self.pipeline.extract_bytes(path, &shown, &bytes)?));
                self.record(&shown, result.map(|(source, _, ex)| (source, ex)))
            })
            .collect();
        self.print(outputs)
    }

    /// `--stdin` lines (with their numbers, for errors) on every core;
    /// records in input order.
    fn lines(&mut self, lines: &[(usize, String)]) -> Result<()> {
        let outputs: Vec<Result<Output>> = lines
            .par_iter()
            .map(|(n, line)| self.json_line(*n, line))
            .collect();
        self.print(outputs)
    }

    fn print(&mut self, outputs: Vec<Result<Output>>) -> Result<()> {
        for output in outputs {
            let output = output?;
            for note in &output.notes {
                eprintln!("{note}");
            }
            self.failed += usize::from(output.failed);
            print(&(output.line + "\n"))?;
        }
        Ok(())
    }

    /// One `--stdin` line (number `n`, for errors) → one record.
    fn json_line(&self, n: usize, line: &str) -> Result<Output> {
        let input: InputLine = match serde_json::from_str(line) {
            Ok(i) => i,
            Err(e) => {
                let path = format!("<stdin line {n}>");
                return self.record(
                    &path,
                    Err(anyhow::anyhow!(
                        "line {n} is not a document ({{\"path\", \"text\" or \"base64\"}}): {e}"
                    )),
                );
            }
        };
        let bytes = match (input.text, input.base64) {
            (Some(text), None) => Ok(text.into_bytes()),
            (None, Some(b64)) => base64::engine::general_purpose::STANDARD
                .decode(b64.trim())
                .map_err(|e| anyhow::anyhow!("{}: bad base64: {e}", input.path)),
            _ => Err(anyhow::anyhow!(
                "{}: give exactly one of \"text\" and \"base64\"",
                input.path
            )),
        };
        let path = PathBuf::from(&input.path);
        let result = bytes.and_then(|b| Ok(self.pipeline.extract_bytes(&path, &input.path, &b)?));
        self.record(&input.path, result.map(|(source, _, ex)| (source, ex)))
    }

    /// The record of one document (any thread).
    fn record(&self, path: &str, result: Result<(SourceText, Extraction)>) -> Result<Output> {
        let rules_hash = self.pipeline.rules.hash.as_str();
        let ptkg_version = env!("CARGO_PKG_VERSION");
        Ok(match result {
            Ok((source, mut ex)) => {
                let mut store = None;
                if self.with_text {
                    let encoding = ptkg::ingest::encoding_name(source.encoding);
                    store = Some(StoreFields::of(&ex, encoding, &source.meta));
                    ex.document.text = Some(source.text);
                }
                let notes = ex
                    .warnings
                    .iter()
                    .map(|w| format!("ptkg: warning: {}: {w}", ex.document.path))
                    .collect();
                Output {
                    line: serde_json::to_string(&Record::Extracted {
                        extraction: &ex,
                        store,
                        rules_hash,
                        ptkg_version,
                    })?,
                    notes,
                    failed: false,
                }
            }
            Err(e) => {
                let error = format!("{e:#}");
                Output {
                    notes: vec![format!("ptkg: warning: skipped {error}")],
                    line: serde_json::to_string(&Record::Failed {
                        document: FailedDocument { path },
                        error,
                        rules_hash,
                        ptkg_version,
                    })?,
                    failed: true,
                }
            }
        })
    }
}

/// Paths listed one per line in `list` (- for standard input); blank
/// lines skipped.
fn read_list(list: &Path) -> Result<Vec<PathBuf>> {
    let text = if list == Path::new("-") {
        std::io::read_to_string(std::io::stdin()).context("cannot read standard input")?
    } else {
        std::fs::read_to_string(list)
            .with_context(|| format!("{}: cannot read the list of files", list.display()))?
    };
    let paths: Vec<PathBuf> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(PathBuf::from)
        .collect();
    if paths.is_empty() {
        bail!("{}: lists no file", list.display());
    }
    Ok(paths)
}

/// Files and folders expanded; a note for the files a folder held that
/// are not text, Markdown, HTML, PDF or Word (`add` says the same).
pub(super) fn collect_paths(inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let collected = ptkg::document::collect_documents(inputs)?;
    for (dir, others) in &collected.skipped {
        eprintln!(
            "ptkg: note: {}: skipped {others} file(s) that are not {}",
            dir.display(),
            ptkg::document::read::EXTENSIONS_SHOWN
        );
    }
    Ok(collected.paths)
}
