//! "Did you mean": the stored names nearest to one that matched nothing,
//! for error messages. Names are compared by the characters they share
//! (Dice over character bigrams, and single characters for short names)
//! with the edit distance breaking ties, so 四大攻坚 finds 四大攻坚行动
//! and 地区生产总直 finds 地区生产总值.

use std::collections::HashSet;

use crate::error::Result;
use crate::model::NodeKind;
use crate::store::Store;

/// Up to `n` names of nodes of `kinds` closest to `name`, best first;
/// names sharing too little with it are left out.
pub fn nearest_names(
    store: &Store,
    kinds: &[NodeKind],
    name: &str,
    n: usize,
) -> Result<Vec<String>> {
    let mut names: Vec<String> = Vec::new();
    for kind in kinds {
        names.extend(store.node_counts(*kind)?.into_iter().map(|c| c.name));
    }
    names.sort();
    names.dedup();
    Ok(nearest(&names, name, n))
}

/// The `n` of `names` closest to `name`.
pub(crate) fn nearest(names: &[String], name: &str, n: usize) -> Vec<String> {
    let mut scored: Vec<(f64, usize, &String)> = names
        .iter()
        .filter(|c| c.as_str() != name)
        .map(|c| (similarity(name, c), edit_distance(name, c), c))
        .filter(|(s, _, _)| *s >= 0.4)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(b.2)));
    scored
        .into_iter()
        .take(n)
        .map(|(_, _, c)| c.clone())
        .collect()
}

/// Dice coefficient over character bigrams (over characters for names of
/// one or two characters), with containment counted as a match.
fn similarity(a: &str, b: &str) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    if b.contains(a) || a.contains(b) {
        let (short, long) = (
            a.chars().count().min(b.chars().count()),
            a.chars().count().max(b.chars().count()),
        );
        return 0.5 + 0.5 * short as f64 / long as f64;
    }
    let grams = |s: &str| -> HashSet<(char, char)> {
        let chars: Vec<char> = s.chars().collect();
        if chars.len() < 3 {
            chars.iter().map(|c| (*c, *c)).collect()
        } else {
            chars.windows(2).map(|w| (w[0], w[1])).collect()
        }
    };
    let (ga, gb) = (grams(a), grams(b));
    let shared = ga.intersection(&gb).count();
    2.0 * shared as f64 / (ga.len() + gb.len()) as f64
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous + usize::from(ca != *cb);
            previous = row[j + 1];
            row[j + 1] = substitute.min(row[j] + 1).min(previous + 1);
        }
    }
    row[b.len()]
}

/// " did you mean A, B?" for an error message, or nothing.
pub fn did_you_mean(names: &[String]) -> String {
    if names.is_empty() {
        String::new()
    } else {
        format!(" did you mean {}?", names.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Vec<String> {
        [
            "四大攻坚行动",
            "地区生产总值",
            "单位地区生产总值能耗",
            "高质量发展",
            "临江区",
        ]
        .map(String::from)
        .to_vec()
    }

    #[test]
    fn a_part_or_a_typo_finds_the_name() {
        assert_eq!(nearest(&names(), "四大攻坚", 1), ["四大攻坚行动"]);
        assert_eq!(nearest(&names(), "地区生产总直", 1), ["地区生产总值"]);
        assert_eq!(nearest(&names(), "高质量", 1), ["高质量发展"]);
    }

    #[test]
    fn nothing_alike_suggests_nothing() {
        assert!(nearest(&names(), "乡村振兴", 3).is_empty());
        assert_eq!(did_you_mean(&[]), "");
        assert_eq!(did_you_mean(&["临江区".into()]), " did you mean 临江区?");
    }

    #[test]
    fn edit_distance_counts_characters() {
        assert_eq!(edit_distance("临江区", "临江市"), 1);
        assert_eq!(edit_distance("", "ab"), 2);
    }
}
