//! ptkg — a policy-target knowledge graph builder.
//!
//! The library runs one pipeline, one module per stage, each importing only
//! the stages below it (README "Architecture"; `tests/it/architecture.rs`
//! enforces it): [`model`] (the shared types) and [`error`] at the bottom,
//! [`rules`] (rule files compiled once), [`document`] (read → normalise →
//! structure), [`extract`] (entities, targets, goals and links with
//! provenance), [`store`] (sled and sorted run files, atomic commits) and
//! [`check`] (rule examples through the extractor), [`ingest`] and
//! [`query`], then [`graph`] (exports and pictures). The `ptkg` binary is a
//! thin CLI over this API.

// Functions stay short (clippy.toml: at most 150 lines); CI denies warnings.
#![warn(clippy::too_many_lines)]

pub mod chars;
pub mod check;
pub mod document;
pub mod error;
pub mod extract;
pub mod graph;
pub mod ingest;
pub mod model;
pub mod query;
pub mod rules;
pub mod store;

pub use error::{Error, Result};
pub use extract::Pipeline;
pub use model::Extraction;
pub use rules::CompiledRuleSet;
pub use store::Store;
