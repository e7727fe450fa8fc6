//! `ptkg query targets`: numeric targets by metric, status, year and
//! district. With a metric the store's target index is read in print
//! order (so a page reads about `--limit` entries); otherwise every
//! target, kept to the best `--limit`. Rows are cut first and read their
//! sentences last, so only the rows shown read a text.

use serde::Serialize;

use super::{EvidenceReader, Page, TopRows};
use crate::error::Result;
use crate::model::{NodeKind, Status, TargetFigures, TargetRecord};
use crate::store::{Evidence, Store, StoredTarget};

/// One row of `ptkg query targets` / `query metric`: the target's
/// document, its figures as stored (printed flattened) and what it is
/// about, and its sentence.
#[derive(Debug, Clone, Serialize)]
pub struct TargetRow {
    pub document: String,
    pub title: String,
    #[serde(flatten)]
    pub figures: TargetFigures,
    pub about: Vec<String>,
    pub sentence: String,
    pub start: u32,
    pub end: u32,
}

/// Filters for `query targets`; empty fields match everything.
#[derive(Debug, Clone, Default)]
pub struct TargetFilter {
    /// The metric's name, exactly (a canonical name: the caller maps
    /// aliases), or with `like` a part of it.
    pub metric: Option<String>,
    /// Match `metric` as a part of the name (地区生产总值 then also finds
    /// 单位地区生产总值能耗).
    pub like: bool,
    pub status: Option<Status>,
    pub year: Option<i32>,
    /// Whose figure it is, exactly.
    pub jurisdiction: Option<String>,
    /// A name the target is about, exactly (临江区, not 江区), or part of
    /// the metric's name.
    pub district: Option<String>,
    /// Only the targets of this document (its store id).
    pub doc: Option<u64>,
}

impl TargetFilter {
    /// Whether a target found at `evidence` is in the document asked for.
    fn in_doc(&self, evidence: &Evidence) -> bool {
        self.doc.is_none_or(|d| d == evidence.doc_id)
    }

    /// Whether the metric named `name` is one the filter asks for.
    fn names(&self, name: &str) -> bool {
        match &self.metric {
            None => true,
            Some(m) if self.like => name.contains(m.as_str()),
            Some(m) => name == m,
        }
    }

    fn keeps(&self, target: &TargetRecord) -> bool {
        let f = &target.figures;
        if !self.names(&f.metric) {
            return false;
        }
        if self.status.is_some_and(|s| s != f.status) {
            return false;
        }
        if self.year.is_some() && self.year != f.year {
            return false;
        }
        if self
            .jurisdiction
            .as_ref()
            .is_some_and(|j| f.jurisdiction.as_ref() != Some(j))
        {
            return false;
        }
        if let Some(d) = &self.district {
            if !target.is_about(d) && !f.metric.contains(d.as_str()) {
                return false;
            }
        }
        true
    }
}

/// A target found, before its sentence is read: rows are sorted and cut
/// first, so only the rows shown read a text.
pub(super) struct TargetHit {
    target: TargetRecord,
    evidence: Evidence,
    document: String,
}

impl TargetHit {
    fn new(reader: &mut EvidenceReader, t: StoredTarget) -> Result<TargetHit> {
        Ok(TargetHit {
            document: reader.document(t.evidence.doc_id)?.0.to_string(),
            target: t.record,
            evidence: t.evidence,
        })
    }
}

/// Targets matching `filter`, ordered by metric, year and document. With a
/// metric, the metric's target index is read in that order; otherwise
/// every target.
pub fn targets(store: &Store, filter: &TargetFilter, limit: usize) -> Result<Page<TargetRow>> {
    let mut reader = EvidenceReader::new(store);
    let page = match &filter.metric {
        Some(_) => metric_page(store, &mut reader, filter, limit)?,
        None => {
            let mut top = TopRows::new(limit, target_order);
            for t in store.all_targets() {
                let t = t?;
                if filter.keeps(&t.record) && filter.in_doc(&t.evidence) {
                    top.push(TargetHit::new(&mut reader, t)?);
                }
            }
            top.finish()
        }
    };
    finish_targets(&mut reader, page)
}

/// The first `limit` targets of every metric `filter` names (exactly, or
/// containing its text with `like`), from the metrics' target index: names
/// in order, each name's entries already in year, jurisdiction, document,
/// position order. Without other filters the total comes from the
/// counters, and reading stops at the page's end.
pub(super) fn metric_page(
    store: &Store,
    reader: &mut EvidenceReader,
    filter: &TargetFilter,
    limit: usize,
) -> Result<Page<TargetHit>> {
    let mut names: Vec<String> = store
        .node_counts(NodeKind::Metric)?
        .into_iter()
        .map(|c| c.name)
        .filter(|n| filter.names(n))
        .collect();
    names.sort();
    names.dedup();
    let counted = filter.status.is_none()
        && filter.district.is_none()
        && filter.year.is_none()
        && filter.jurisdiction.is_none()
        && filter.doc.is_none();
    let mut rows = Vec::new();
    let mut total = 0usize;
    for m in &names {
        let room = |rows: &Vec<TargetHit>| limit == 0 || rows.len() < limit;
        if counted {
            total += store.target_count(m)? as usize;
            if !room(&rows) {
                continue;
            }
        }
        for t in store.targets_of_metric(m, filter.year) {
            let t = t?;
            if !filter.keeps(&t.record) || !filter.in_doc(&t.evidence) {
                continue;
            }
            if !counted {
                total += 1;
            }
            if room(&rows) {
                rows.push(TargetHit::new(reader, t)?);
            } else if counted {
                break;
            }
        }
    }
    Ok(Page { rows, total })
}

/// Targets by metric, year, jurisdiction, document and position.
fn target_order(a: &TargetHit, b: &TargetHit) -> std::cmp::Ordering {
    // An empty metric sorts first, as an absent one did.
    fn metric(h: &TargetHit) -> Option<&str> {
        Some(h.target.figures.metric.as_str()).filter(|m| !m.is_empty())
    }
    // As the target index reads: jurisdiction after year ("" for none).
    let place = |h: &TargetHit| h.target.figures.jurisdiction.clone().unwrap_or_default();
    metric(a)
        .cmp(&metric(b))
        .then(a.target.figures.year.cmp(&b.target.figures.year))
        .then_with(|| place(a).cmp(&place(b)))
        .then(a.document.cmp(&b.document))
        .then(a.evidence.start.cmp(&b.evidence.start))
}

/// Reads the sentences of the rows kept.
pub(super) fn finish_targets(
    reader: &mut EvidenceReader,
    page: Page<TargetHit>,
) -> Result<Page<TargetRow>> {
    let mut rows = Vec::with_capacity(page.rows.len());
    for h in page.rows {
        rows.push(target_row(reader, h)?);
    }
    Ok(Page {
        rows,
        total: page.total,
    })
}

fn target_row(reader: &mut EvidenceReader, hit: TargetHit) -> Result<TargetRow> {
    let (start, end, doc_id) = (hit.evidence.start, hit.evidence.end, hit.evidence.doc_id);
    let title = reader.document(doc_id)?.1.to_string();
    let view = reader.view(hit.evidence)?;
    Ok(TargetRow {
        document: view.document,
        title,
        figures: hit.target.figures,
        about: hit.target.about,
        sentence: view.sentence,
        start,
        end,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testing::store_of;

    /// Two speeches: one about 临江区, one about 江区 itself.
    fn two_districts(dir: &std::path::Path) -> Store {
        store_of(
            dir,
            &[
                (
                    "linjiang.txt",
                    "在临江区经济工作会议上的讲话\n今年临江区地区生产总值力争增长6.5%左右。\n",
                ),
                (
                    "jiangqu.txt",
                    "在江区经济工作会议上的讲话\n今年江区地区生产总值力争增长7%左右。\n",
                ),
            ],
        )
    }

    fn documents(store: &Store, district: &str) -> Vec<String> {
        let filter = TargetFilter {
            district: Some(district.into()),
            ..TargetFilter::default()
        };
        let mut docs: Vec<String> = targets(store, &filter, 0)
            .unwrap()
            .rows
            .into_iter()
            .map(|r| r.document)
            .collect();
        docs.dedup();
        docs
    }

    #[test]
    fn district_matches_a_whole_name_not_part_of_one() {
        let dir = tempfile::tempdir().unwrap();
        let store = two_districts(dir.path());
        assert_eq!(documents(&store, "临江区"), ["linjiang.txt"]);
        // 江区 is part of 临江区's name, but not the place it names.
        assert_eq!(documents(&store, "江区"), ["jiangqu.txt"]);
        // A district is also found in the metric's own text, as before.
        assert_eq!(documents(&store, "生产总值").len(), 2);
    }

    #[test]
    fn a_metric_page_reads_the_figures_typed() {
        let dir = tempfile::tempdir().unwrap();
        let store = two_districts(dir.path());
        let filter = TargetFilter {
            metric: Some("地区生产总值".into()),
            ..TargetFilter::default()
        };
        let page = targets(&store, &filter, 0).unwrap();
        assert_eq!(page.total, 2);
        let values: Vec<Option<f64>> = page.rows.iter().map(|r| r.figures.value).collect();
        assert!(
            values.contains(&Some(6.5)) && values.contains(&Some(7.0)),
            "{values:?}"
        );
        assert!(page.rows.iter().all(|r| r.figures.status == Status::Target));
    }
}
