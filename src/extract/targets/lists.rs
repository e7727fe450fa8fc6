//! Lists: figures that share out metrics among them.
//!
//! A 分别 list (城、乡居民人均可支配收入分别增长8%、9%) gives its figures
//! the listed metrics in order, and the change word written once before the
//! first; a level inside parentheses (高新技术企业(国家级X家、省级X家))
//! names a part of the noun before it. The targets of one document enter
//! and are rewritten in place (`distribute_lists`) or asked for the whole
//! a level label belongs to (`level_whole`).

use super::{clause_start, TargetExtractor};
use crate::document::Structure;
use crate::model::{Change, Target};

impl TargetExtractor {
    /// For a level label inside parentheses (…高新技术企业(国家级X家、省级X家)),
    /// what the label is a level of: the noun after the last 级 before the
    /// parenthesis, else the metric of the figure before it.
    pub(super) fn level_whole(
        &self,
        text: &str,
        sent_start: usize,
        at: usize,
        out: &[Target],
    ) -> Option<String> {
        let open = sent_start + text[sent_start..at].rfind('(')?;
        if text[open..at].contains(')') {
            return None;
        }
        let before = &text[clause_start(text, sent_start, open)..open];
        if let Some(i) = before.rfind('级') {
            let head = self.trim_metric(&before[i + '级'.len_utf8()..]);
            if head.chars().count() >= 2 {
                return Some(head.to_string());
            }
        }
        out.iter()
            .rev()
            .find(|t| t.view_span.1 <= open && t.view_span.0 >= sent_start)
            .map(|t| t.figures.metric.clone())
            .filter(|m| m.chars().count() >= 2)
    }

    /// 城、乡居民人均可支配收入分别增长8%、9%: the figures of a 分别 list
    /// go to the listed metrics in order.
    pub(super) fn distribute_lists(
        &self,
        text: &str,
        structure: &Structure,
        targets: &mut [Target],
    ) {
        let mut i = 0;
        // The items of the last 分别 list, with its sentence's start.
        let mut previous: Option<(usize, Vec<String>)> = None;
        while i < targets.len() {
            let span = targets[i].view_span;
            let sent_start = structure
                .sentence_at(span.0)
                .map(|s| structure.sentences[s].norm.0)
                .unwrap_or(0);
            let lead = &text[sent_start..span.0];
            let Some(fenbie) = lead.rfind("分别") else {
                i += 1;
                continue;
            };
            // The run of figures after 分别 joined by 、.
            let mut run = vec![i];
            while let Some(&next) = run
                .last()
                .map(|l| l + 1)
                .filter(|n| *n < targets.len())
                .as_ref()
            {
                let gap = &text[targets[next - 1].view_span.1..targets[next].view_span.0];
                if gap == "、" || gap == "和" {
                    run.push(next);
                } else {
                    break;
                }
            }
            let metric_text =
                &text[clause_start(text, sent_start, sent_start + fenbie)..sent_start + fenbie];
            let mut items: Vec<String> = metric_text
                .split(['、', '和'])
                .map(|s| self.trim_metric(s).to_string())
                .filter(|s| {
                    !s.is_empty()
                        && !self.metric_tail.contains(s)
                        && !self.comparison_leads.contains(s)
                })
                .collect();
            // 城乡居民人均可支配收入分别为…、…: 城乡 names two items.
            if let [one] = items.as_slice() {
                if run.len() == 2 && one.contains("城乡") {
                    items = vec![
                        one.replacen("城乡", "城镇", 1),
                        one.replacen("城乡", "农村", 1),
                    ];
                }
            }
            // 分别增长5%、3% after a list of the same length in the
            // sentence (收入和支出分别达到…、…,分别增长…): the same items.
            if items.is_empty() {
                if let Some(prev) = previous
                    .as_ref()
                    .filter(|p| p.0 == sent_start && p.1.len() == run.len())
                {
                    items = prev.1.clone();
                }
            }
            // The change word stands before the first figure only (分别增长8%、9%).
            let change = targets[i].figures.change;
            for idx in &run[1..] {
                if targets[*idx].figures.change == Change::Level
                    && targets[*idx].figures.unit == targets[i].figures.unit
                {
                    targets[*idx].figures.change = change;
                }
            }
            if items.len() == run.len() && run.len() > 1 {
                previous = Some((sent_start, items.clone()));
                let last = items.last().expect("items").as_str();
                for (k, idx) in run.iter().enumerate() {
                    let item = items[k].as_str();
                    // Short leading items share the last item's head: 城、乡居民 → 城居民, 乡居民.
                    let name = if k + 1 < items.len()
                        && item.chars().count() <= 2
                        && item.chars().count() < last.chars().count()
                    {
                        let skip = item.chars().count();
                        format!("{item}{}", last.chars().skip(skip).collect::<String>())
                    } else {
                        item.to_string()
                    };
                    let mut name = name.as_str();
                    for w in &self.metric_lead {
                        if let Some(p) = name.strip_prefix(w.as_str()) {
                            name = p;
                        }
                    }
                    targets[*idx].figures.metric = name.to_string();
                }
            }
            i = run.last().map(|l| l + 1).unwrap_or(i + 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::lines_of;

    #[test]
    fn a_fenbie_list_gives_each_figure_its_metric_and_change() {
        assert_eq!(
            lines_of("城镇、农村居民人均可支配收入分别增长7%、8%。"),
            [
                "城镇居民人均可支配收入 | 7% | % | growth | exact | actual",
                "农村居民人均可支配收入 | 8% | % | growth | exact | actual",
            ]
        );
    }

    #[test]
    fn a_second_fenbie_list_takes_the_items_of_the_first() {
        assert_eq!(
            lines_of("城乡居民人均可支配收入分别达到4.2万元、1.9万元,同比分别增长5%、7%。"),
            [
                "城镇居民人均可支配收入 | 4.2万元 | 万元 | level | exact | actual",
                "农村居民人均可支配收入 | 1.9万元 | 万元 | level | exact | actual",
                "城镇居民人均可支配收入 | 5% | % | growth | exact | actual",
                "农村居民人均可支配收入 | 7% | % | growth | exact | actual",
            ]
        );
    }

    #[test]
    fn levels_in_parentheses_name_parts_of_the_noun_before() {
        assert_eq!(
            lines_of("全区共有高新技术企业20家(国家级8家、省级12家)。"),
            [
                "高新技术企业 | 20家 | 家 | level | exact | actual",
                "国家级高新技术企业 | 8家 | 家 | level | exact | actual",
                "省级高新技术企业 | 12家 | 家 | level | exact | actual",
            ]
        );
    }
}
