//! `ptkg query metric NAME`: every value stated for the metrics whose name
//! contains NAME, over time and speech, read from the target index in
//! print order.

use super::targets::{finish_targets, metric_page};
use super::{EvidenceReader, Page, TargetFilter, TargetRow};
use crate::error::Result;
use crate::store::Store;

/// Every target of metrics whose name contains `name`, over time and speech.
pub fn metric(store: &Store, name: &str, limit: usize) -> Result<Page<TargetRow>> {
    let mut reader = EvidenceReader::new(store);
    let page = metric_page(store, &mut reader, name, &TargetFilter::default(), limit)?;
    finish_targets(&mut reader, page)
}
