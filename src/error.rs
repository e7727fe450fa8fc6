//! Library errors. Each variant says what went wrong in lowercase, names the
//! file or rule involved, and (where there is one) what the user can do.

use std::path::PathBuf;

/// Everything the ptkg library can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: cannot write: {source}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {reason}")]
    Input { path: PathBuf, reason: String },
    #[error("{file}:{line}: rule {rule}: {message}")]
    Rule {
        file: String,
        line: usize,
        rule: String,
        message: String,
    },
    #[error("{file}: {message}")]
    RuleFile { file: String, message: String },
    #[error("store {path} is locked by another ptkg process; wait for it to finish or close it, then retry")]
    StoreLocked { path: PathBuf },
    #[error("store {path}: {message}")]
    Store { path: PathBuf, message: String },
    /// The store's data is damaged (its database unreadable or missing, a
    /// run file or the snapshot failing its checksum, a book that does not
    /// parse): every such error names the store and says what to run.
    #[error("store {path}: {what}; {}", damage_advice(path))]
    Damaged { path: PathBuf, what: String },
    #[error("{file} line {line}: {message}")]
    Import {
        file: String,
        line: usize,
        message: String,
    },
    #[error("store error: {0}")]
    Sled(#[from] sled::Error),
    #[error("store record is corrupt: {0}")]
    Corrupt(String),
    /// A name the user typed that names nothing (the CLI exits 1: nothing
    /// matched, as opposed to an error).
    #[error("no {what} named {name}{}", near_or_hint(near, hint))]
    NotFound {
        what: &'static str,
        name: String,
        near: Vec<String>,
        hint: String,
    },
    /// A name, path or id that fits several documents or nodes (`what`
    /// in the plural: "speeches").
    #[error("{name} fits {} {what}: {}; give its id or path", candidates.len(), candidates.join(", "))]
    Ambiguous {
        what: &'static str,
        name: String,
        candidates: Vec<String>,
    },
}

/// What to do about a damaged store: the advice every corruption error
/// ends with, one wording everywhere.
pub fn damage_advice(store: &std::path::Path) -> String {
    format!(
        "run `ptkg verify --db {0}` to see the damage, then `ptkg repair --db {0}` to rebuild the store from its run files",
        store.display()
    )
}

/// "; did you mean A, B?" when there are near names, else "; HINT".
fn near_or_hint(near: &[String], hint: &str) -> String {
    if !near.is_empty() {
        format!("; did you mean {}?", near.join(", "))
    } else if !hint.is_empty() {
        format!("; {hint}")
    } else {
        String::new()
    }
}

impl Error {
    /// What is damaged, without the store and the advice, when this error
    /// says the store's data is damaged (`verify` prints it as a problem).
    pub fn damage(&self) -> Option<&str> {
        match self {
            Error::Damaged { what, .. } => Some(what),
            _ => None,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
