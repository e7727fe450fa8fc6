//! Word sets: the compiled forms of a rule's word lists and their lookups.
//!
//! Lists of strings come in from a raw rule (trim_left, stop_words,
//! exclude_prefixes, exclude_suffixes, exclude, aliases); out come hash sets
//! that answer the matcher's questions about a candidate name without
//! scanning a list: [`WordSet`] (is this a word, does the text end or start
//! with one, how long is the longest leading word), [`FastSet`] and the
//! alias table [`AliasLookup`].

use std::collections::{BTreeMap, HashSet};

/// A fast, fixed-seed hash (foldhash) for maps and sets keyed by short
/// strings or offsets: word sets are probed several times for every
/// candidate match, and SipHash made that several times slower.
pub(crate) type FastHash = foldhash::fast::FixedState;
pub(super) type FastSet = HashSet<String, FastHash>;
/// Aliases (name → node name) for lookups by hash.
pub(super) type AliasLookup = std::collections::HashMap<String, String, FastHash>;

/// Aliases for lookups, built once per kind and shared by its rules.
pub(super) fn alias_lookup(aliases: &BTreeMap<String, String>) -> std::sync::Arc<AliasLookup> {
    std::sync::Arc::new(
        aliases
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
    )
}

/// A set of short words answering "does this text end (or start) with one
/// of them" with a hash lookup per word length instead of a scan of the list.
#[derive(Debug, Default)]
pub(super) struct WordSet {
    words: FastSet,
    /// Distinct lengths in characters, longest first (the empty word has
    /// none: it is never found as a prefix or suffix).
    lengths: Vec<usize>,
    /// Whether the list holds the empty word.
    has_empty: bool,
    /// The first and the last characters of the words, sorted: most
    /// texts are told apart by one lookup before any word is hashed.
    first_chars: Vec<char>,
    last_chars: Vec<char>,
    /// The same characters hashed into bits: most characters are ruled out
    /// by one bit test, before the binary search.
    first_bits: CharBits,
    last_bits: CharBits,
}

/// A set of characters as 1024 bits (a character's code modulo 1024): a
/// clear bit means the character is not in the set.
#[derive(Debug, Default)]
struct CharBits([u64; 16]);

impl CharBits {
    fn new(chars: &[char]) -> CharBits {
        let mut bits = CharBits::default();
        for &c in chars {
            let u = c as usize % 1024;
            bits.0[u / 64] |= 1 << (u % 64);
        }
        bits
    }

    fn may_contain(&self, c: char) -> bool {
        let u = c as usize % 1024;
        self.0[u / 64] & (1 << (u % 64)) != 0
    }
}

impl WordSet {
    pub(super) fn new<'a>(words: impl Iterator<Item = &'a String>) -> WordSet {
        let words: FastSet = words.cloned().collect();
        let mut lengths: Vec<usize> = words
            .iter()
            .map(|w| w.chars().count())
            .filter(|n| *n > 0)
            .collect();
        lengths.sort_unstable_by(|a, b| b.cmp(a));
        lengths.dedup();
        let has_empty = words.contains("");
        let sorted = |mut chars: Vec<char>| {
            chars.sort_unstable();
            chars.dedup();
            chars
        };
        let first_chars = sorted(words.iter().filter_map(|w| w.chars().next()).collect());
        let last_chars = sorted(words.iter().filter_map(|w| w.chars().next_back()).collect());
        WordSet {
            words,
            lengths,
            has_empty,
            first_bits: CharBits::new(&first_chars),
            last_bits: CharBits::new(&last_chars),
            first_chars,
            last_chars,
        }
    }

    pub(super) fn contains(&self, word: &str) -> bool {
        self.words.contains(word)
    }

    pub(super) fn ends_with_any(&self, text: &str) -> bool {
        // Walk back one character at a time; test the suffixes whose length
        // is a word length (no allocation: this runs for every candidate).
        if text.chars().next_back().is_none_or(|c| {
            !self.last_bits.may_contain(c) || self.last_chars.binary_search(&c).is_err()
        }) {
            return false;
        }
        let longest = self.lengths.first().copied().unwrap_or(0);
        text.char_indices()
            .rev()
            .take(longest)
            .enumerate()
            .any(|(n, (i, _))| self.lengths.contains(&(n + 1)) && self.words.contains(&text[i..]))
    }

    /// Whether `text.ends_with(w)` for some word `w` (the empty word included).
    pub(super) fn is_suffix_of(&self, text: &str) -> bool {
        self.has_empty || self.ends_with_any(text)
    }

    /// Whether `text.starts_with(w)` for some word `w` (the empty word included).
    pub(super) fn is_prefix_of(&self, text: &str) -> bool {
        self.has_empty || self.longest_prefix(text).is_some()
    }

    /// Byte length of the longest word `text` starts with.
    pub(super) fn longest_prefix(&self, text: &str) -> Option<usize> {
        if text.chars().next().is_none_or(|c| {
            !self.first_bits.may_contain(c) || self.first_chars.binary_search(&c).is_err()
        }) {
            return None;
        }
        let longest = self.lengths.first().copied().unwrap_or(0);
        // Byte ends of the first `longest` characters, on the stack.
        let mut ends = [0usize; 32];
        if longest > ends.len() {
            return self.longest_prefix_slow(text);
        }
        let mut n = 0;
        for (i, c) in text.char_indices().take(longest) {
            ends[n] = i + c.len_utf8();
            n += 1;
        }
        self.lengths
            .iter()
            .filter(|l| **l <= n)
            .map(|l| ends[l - 1])
            .find(|e| self.words.contains(&text[..*e]))
    }

    /// Whether a word of the set that ends at byte `at` of `text` is the
    /// start of a longer word of the set going on past it (其|中 of 其中):
    /// the text does not break there.
    pub(super) fn runs_on(&self, text: &str, at: usize) -> bool {
        let longest = self.lengths.first().copied().unwrap_or(0);
        text[..at]
            .char_indices()
            .rev()
            .take(longest)
            .any(|(start, _)| {
                self.words.contains(&text[start..at])
                    && self
                        .longest_prefix(&text[start..])
                        .is_some_and(|len| start + len > at)
            })
    }

    fn longest_prefix_slow(&self, text: &str) -> Option<usize> {
        let ends: Vec<usize> = text
            .char_indices()
            .skip(1)
            .map(|(i, _)| i)
            .chain(std::iter::once(text.len()))
            .take(self.lengths.first().copied().unwrap_or(0))
            .collect();
        self.lengths
            .iter()
            .filter_map(|l| ends.get(l - 1))
            .find(|e| self.words.contains(&text[..**e]))
            .copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(words: &[&str]) -> WordSet {
        let words: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        WordSet::new(words.iter())
    }

    #[test]
    fn a_text_ends_or_starts_with_a_word() {
        let verbs = set(&["建设", "加快建设", "推进"]);
        assert!(verbs.contains("建设") && !verbs.contains("建"));
        assert!(verbs.ends_with_any("全力推进"));
        assert!(verbs.ends_with_any("加快建设"));
        assert!(!verbs.ends_with_any("建设中"));
        assert!(!verbs.ends_with_any(""));
        assert_eq!(
            verbs.longest_prefix("加快建设临江新区"),
            Some("加快建设".len())
        );
        assert_eq!(verbs.longest_prefix("建设临江新区"), Some("建设".len()));
        assert_eq!(verbs.longest_prefix("临江新区"), None);
        assert!(verbs.is_prefix_of("推进乡村振兴") && !verbs.is_suffix_of("乡村振兴"));
    }

    #[test]
    fn a_word_ending_at_a_place_may_run_on_past_it() {
        let leads = set(&["其", "其中", "云南", "南宁"]);
        let text = "其中桐坪经济开发区";
        assert!(leads.runs_on(text, "其".len()));
        assert!(!leads.runs_on(text, "其中".len()));
        // A different word across the place (南宁 across 云南|宁蒗) is no
        // run-on of the word that ends there.
        assert!(!leads.runs_on("云南宁蒗", "云南".len()));
    }

    #[test]
    fn the_empty_word_is_everyones_prefix_and_suffix_but_no_boundary() {
        let generic = set(&["", "重点"]);
        assert!(generic.is_suffix_of("临江产业园") && generic.is_prefix_of("临江产业园"));
        assert!(!generic.ends_with_any("临江产业园"));
        assert_eq!(generic.longest_prefix("临江产业园"), None);
    }

    #[test]
    fn words_longer_than_the_stack_buffer_are_found_too() {
        let long = "关于全面推进乡村振兴加快农业农村现代化建设宜居宜业和美乡村打造城乡融合发展示范区的实施意见";
        assert!(long.chars().count() > 32);
        let words = set(&[long, "全面"]);
        let text = format!("{long}出台");
        assert_eq!(words.longest_prefix(&text), Some(long.len()));
        assert_eq!(words.longest_prefix("全面部署"), Some("全面".len()));
    }

    #[test]
    fn aliases_are_looked_up_by_hash() {
        let aliases: BTreeMap<String, String> =
            [("GDP".to_string(), "地区生产总值".to_string())].into();
        let lookup = alias_lookup(&aliases);
        assert_eq!(lookup.get("GDP").map(String::as_str), Some("地区生产总值"));
        assert!(lookup.get("生产总值").is_none());
    }
}
