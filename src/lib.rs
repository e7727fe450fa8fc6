//! ptkg — a policy-target knowledge graph builder.
//!
//! The library runs one pipeline, one module per stage:
//! [`document`] (read → normalise → structure) → [`rules`] (compiled once) →
//! [`extract`] (entities and links with provenance) → [`store`] (sled and
//! sorted run files, atomic commits) → [`graph`] (petgraph views, DOT export) and
//! [`query`]. The `ptkg` binary is a thin CLI over this API.

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
