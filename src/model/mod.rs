//! The data model every stage shares: what nodes, rules and edges are
//! ([`NodeKind`], [`RuleKind`], [`Relation`], [`Basis`]), a node's identity
//! ([`NodeKey`]), what extraction finds in one document ([`Extraction`] with
//! its [`Entity`], [`Target`] and [`Link`] records), a target's figures as
//! the store keeps them ([`TargetFigures`]) and what the graph view keeps
//! for a node or an edge. It sits at the bottom of the crate and imports
//! nothing of ours but `error`; README "Architecture" has the layer map.

mod basis;
mod extraction;
mod figures;
mod key;
mod kind;
mod number;
mod record;

pub use basis::Basis;
pub use extraction::{
    Direction, DocumentInfo, Entity, Extraction, Link, NodeRef, SectionOut, Target,
};
pub use figures::TargetFigures;
pub use key::{is_anonymised, short_hash, NodeKey};
pub use kind::{NodeKind, Relation, RuleKind};
pub use number::format_number;
pub use record::{EdgeRecord, NodeRecord};
