//! `ptkg query metric NAME`: every value stated for the metric named NAME
//! (or, with `--like`, every metric whose name contains it), over time,
//! place and speech, read from the target index in print order.

use super::targets::{finish_targets, metric_page};
use super::{EvidenceReader, Page, TargetFilter, TargetRow};
use crate::error::Result;
use crate::store::Store;

/// Every target of the metrics `filter` names (its `metric` is required),
/// over time, place and speech.
pub fn metric(store: &Store, filter: &TargetFilter, limit: usize) -> Result<Page<TargetRow>> {
    let mut reader = EvidenceReader::new(store);
    let page = metric_page(store, &mut reader, filter, limit)?;
    finish_targets(&mut reader, page)
}
