//! Export and render: the graph as Graphviz DOT ([`dot`]), GraphML, JSON and
//! Neo4j CSV ([`export`]), a self-contained HTML page ([`html`]) and images
//! ([`render`]), over a [`Graph`] view the query layer loads from the store
//! and a [`select`]ion of it.

pub mod dot;
pub mod escape;
pub mod export;
pub mod html;
pub mod render;
pub mod select;

pub use crate::query::Graph;
