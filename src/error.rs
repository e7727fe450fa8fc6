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
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
