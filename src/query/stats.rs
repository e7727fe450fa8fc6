//! `ptkg stats`: documents, nodes by kind and edges by relation, from the
//! store's counters (no scan of the books).

use crate::error::Result;
use crate::store::{Stats, Store};

/// The store's counts.
pub fn stats(store: &Store) -> Result<Stats> {
    store.stats()
}
