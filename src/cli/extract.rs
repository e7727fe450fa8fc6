//! `ptkg extract`: runs the pipeline without a store and prints one JSON
//! object per document, one per line (the shape README documents), each
//! with the rules hash and ptkg version that made it. Documents come as
//! files and folders, as a list of paths (`--files-from`), or as JSON
//! Lines on standard input (`--stdin`, for engines such as Spark that pipe
//! records through a program). A document that cannot be read gives an
//! error record in its place, so output lines match input lines.

use std::io::BufRead;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use base64::Engine;
use ptkg::document::SourceText;
use ptkg::ingest::import::StoreFields;
use ptkg::model::Extraction;
use ptkg::Pipeline;
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

pub fn run(cli: &Cli, inputs: &Inputs) -> Result<i32> {
    let pipeline = Pipeline::new(rules::load_checked(cli)?);
    let mut out = Writer {
        pipeline: &pipeline,
        with_text: inputs.with_text,
        failed: 0,
    };
    if inputs.stdin {
        let stdin = std::io::stdin();
        for (n, line) in stdin.lock().lines().enumerate() {
            let line = line.context("cannot read standard input")?;
            if line.trim().is_empty() {
                continue;
            }
            out.json_line(n + 1, &line)?;
        }
    } else {
        let paths = match inputs.files_from {
            Some(list) => read_list(list)?,
            None => collect_paths(inputs.files)?,
        };
        for path in &paths {
            let shown = ptkg::extract::display_path(path);
            let result = std::fs::read(path)
                .with_context(|| format!("{}: cannot read", path.display()))
                .and_then(|bytes| Ok(pipeline.extract_bytes(path, &shown, &bytes)?));
            out.emit(&shown, result.map(|(source, _, ex)| (source, ex)))?;
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

impl Writer<'_> {
    /// One `--stdin` line (number `n`, for errors) → one record.
    fn json_line(&mut self, n: usize, line: &str) -> Result<()> {
        let input: InputLine = match serde_json::from_str(line) {
            Ok(i) => i,
            Err(e) => {
                let path = format!("<stdin line {n}>");
                return self.emit(
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
        self.emit(&input.path, result.map(|(source, _, ex)| (source, ex)))
    }

    fn emit(&mut self, path: &str, result: Result<(SourceText, Extraction)>) -> Result<()> {
        let rules_hash = self.pipeline.rules.hash.as_str();
        let ptkg_version = env!("CARGO_PKG_VERSION");
        let line = match result {
            Ok((source, mut ex)) => {
                let mut store = None;
                if self.with_text {
                    let encoding = ptkg::ingest::encoding_name(source.encoding);
                    store = Some(StoreFields::of(&ex, encoding, &source.meta));
                    ex.document.text = Some(source.text);
                }
                for w in &ex.warnings {
                    eprintln!("ptkg: warning: {}: {w}", ex.document.path);
                }
                serde_json::to_string(&Record::Extracted {
                    extraction: &ex,
                    store,
                    rules_hash,
                    ptkg_version,
                })?
            }
            Err(e) => {
                self.failed += 1;
                let error = format!("{e:#}");
                eprintln!("ptkg: warning: skipped {error}");
                serde_json::to_string(&Record::Failed {
                    document: FailedDocument { path },
                    error,
                    rules_hash,
                    ptkg_version,
                })?
            }
        };
        print(&(line + "\n"))
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
/// are not text, HTML or Markdown.
fn collect_paths(inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let collected = ptkg::document::collect_documents(inputs)?;
    for (dir, others) in &collected.skipped {
        eprintln!(
            "ptkg: note: {}: skipped {others} file(s) that are not .txt, .md or .html",
            dir.display()
        );
    }
    Ok(collected.paths)
}
