//! The data model every stage shares: what nodes, rules and edges are
//! ([`NodeKind`], [`RuleKind`], [`Relation`], [`Basis`]), a node's identity
//! ([`NodeKey`]), what extraction finds in one document ([`Extraction`] with
//! its [`Entity`], [`Target`] and [`Link`] records, each with its
//! [`Provenance`]), a target's typed figures ([`TargetFigures`]: [`Status`],
//! [`Change`], [`Qualifier`], [`Direction`]) and the record the store keeps
//! of a target ([`TargetRecord`]), and what the graph view keeps
//! for a node or an edge. It sits at the bottom of the crate and imports
//! nothing of ours but `error`; README "Architecture" has the layer map.

mod basis;
mod extraction;
mod figure_kinds;
mod figures;
mod key;
mod kind;
mod number;
mod provenance;
mod record;

pub use basis::Basis;
pub use extraction::{DocumentInfo, Entity, Extraction, Link, NodeRef, SectionOut, Target};
pub use figure_kinds::{Change, Direction, Qualifier, Status, UnknownValue};
pub use figures::{TargetFigures, TargetRecord};
pub use key::{is_anonymised, short_hash, NodeKey};
pub use kind::{NodeKind, Relation, RuleKind};
pub use number::format_number;
pub use provenance::Provenance;
pub use record::{serves_weight, shown_basis, EdgeRecord, EdgeSource, NodeRecord};
