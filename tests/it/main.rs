//! The integration tests, as one test binary so the crate and its
//! dependencies are linked once: one module per area (the former
//! `tests/*.rs` files), the shared helpers in `common` and
//! `targets_support`, and the corpus generator `gen_corpus`.
//!
//! Run one area with `cargo test --test it MODULE` (for example
//! `cargo test --test it gold_entities -- --nocapture`). Snapshot tests
//! (`extract_snapshots`, `cli_snapshots`) keep their expected output under
//! `tests/it/snapshots/`; after a deliberate change, rewrite them with
//! `INSTA_UPDATE=always cargo test --test it` (or `cargo insta review`) and
//! read the diff before committing it.

mod common;
/// The seeded corpus generator of `examples/gen_corpus.rs`, for the tests
/// that need a larger store.
#[path = "../../examples/gen_corpus.rs"]
mod gen_corpus;
mod targets_support;

mod architecture;
mod cli;
mod cli_snapshots;
mod crash;
mod cypher_load;
mod disk_full;
mod dot_snapshot;
mod durability;
mod export_parse;
mod export_typed;
mod extract_snapshots;
mod goals;
mod gold_entities;
mod gold_goals;
mod gold_targets;
mod gold_web;
mod html;
mod import;
mod linearity;
mod media;
mod numerals_cn2an;
mod promises;
mod query_scale;
mod readers;
mod repair;
mod spark;
mod store;
mod store_model;
mod structure;
mod targets_lists;
mod targets_nontargets;
mod targets_numerals;
mod targets_qualifiers;
mod targets_status;
mod targets_units;
