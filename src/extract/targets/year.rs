//! Year: the year (到2020年, 2020年末) or plan period (“十四五”末) a figure
//! is stated for.
//!
//! The sentence around a figure enters; the last year named before the
//! figure and the last period named anywhere in the sentence leave.

use super::TargetExtractor;

impl TargetExtractor {
    /// Year (到2020年, 2020年末) or period (“十四五”末) stated in the sentence.
    pub(super) fn year(
        &self,
        text: &str,
        sent_start: usize,
        sent_end: usize,
        at: usize,
    ) -> (Option<i32>, Option<String>) {
        // Every year match holds 年 and every period match 五: a text
        // without them needs no search.
        let before = &text[sent_start..at];
        let year = before
            .contains('年')
            .then(|| self.year.captures_iter(before).last())
            .flatten()
            .and_then(|c| c.get(1))
            .and_then(|m| m.as_str().parse().ok());
        let sentence = &text[sent_start..sent_end];
        let period = sentence
            .contains('五')
            .then(|| self.period.find_iter(sentence).last())
            .flatten()
            .map(|m| m.as_str().trim_matches(['“', '”']).replace(['“', '”'], ""));
        (year, period)
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::targets_of;

    #[test]
    fn a_deadline_year_before_the_figure() {
        let found = targets_of("到2025年,全区森林覆盖率提高3个百分点。");
        assert_eq!(
            (found[0].year, found[0].period.as_deref()),
            (Some(2025), None)
        );
    }

    #[test]
    fn a_plan_period_in_the_sentence() {
        let found = targets_of("到“十四五”末,全区常住人口城镇化率达到65%。");
        assert_eq!(found[0].period.as_deref(), Some("十四五末"));
        assert_eq!(found[0].year, None);
        assert_eq!(found[0].status, "target");
    }
}
