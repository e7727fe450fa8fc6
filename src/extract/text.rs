//! Text helpers every extraction pass shares: character spans to byte
//! slices ([`CharIndex`]), the shared text of each sentence
//! ([`SentenceTexts`]), the choice among overlapping rule matches
//! ([`resolve_overlaps`]), and small string cleaners. They take a document's
//! text or candidate spans and return slices, shared strings or the kept
//! candidates; they know nothing of rules or kinds.

use std::cell::OnceCell;
use std::sync::Arc;

use crate::document::Structure;

/// Whether `s` ends with one of `words` (empty words never count).
pub(super) fn ends_with_any(s: &str, words: &[String]) -> bool {
    words
        .iter()
        .any(|w| !w.is_empty() && s.ends_with(w.as_str()))
}

/// `s` without the characters `drop` matches: a plain copy when it has none,
/// which most have (collecting char by char costs several times a copy).
pub(super) fn without(s: &str, drop: impl Fn(char) -> bool) -> String {
    if s.chars().any(&drop) {
        s.chars().filter(|c| !drop(*c)).collect()
    } else {
        s.to_string()
    }
}

/// Path as shown to users and stored: lexically cleaned, `./` dropped.
pub fn display_path(path: &std::path::Path) -> String {
    let s = path.to_string_lossy();
    let s = s.strip_prefix("./").unwrap_or(&s);
    s.to_string()
}

/// Keeps the best of overlapping candidates: higher priority first, then the
/// longer match, then the earlier one. Returns the kept payloads in text order.
pub fn resolve_overlaps<T>(cands: Vec<(usize, usize, i32, T)>) -> Vec<T> {
    // The candidates are sorted and picked by index: moving the payloads
    // (a rule and its match) around in the sorts cost more than the rest.
    let mut order: Vec<usize> = (0..cands.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&cands[a], &cands[b]);
        b.2.cmp(&a.2)
            .then((b.1 - b.0).cmp(&(a.1 - a.0)))
            .then(a.0.cmp(&b.0))
    });
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut kept: Vec<usize> = Vec::new();
    for i in order {
        let (s, e) = (cands[i].0, cands[i].1);
        let at = taken.partition_point(|t| t.1 <= s);
        if at < taken.len() && taken[at].0 < e {
            continue;
        }
        taken.insert(at, (s, e));
        kept.push(i);
    }
    kept.sort_by_key(|i| cands[*i].0);
    let mut payloads: Vec<Option<T>> = cands.into_iter().map(|c| Some(c.3)).collect();
    kept.into_iter()
        .filter_map(|i| payloads[i].take())
        .collect()
}

/// The trimmed text of each sentence of a document, built on first use and
/// then shared: every entity, target and link quotes its sentence, and
/// copying it each time was a large part of all allocation.
pub struct SentenceTexts<'a> {
    pub(super) original: &'a str,
    index: &'a CharIndex,
    /// Original character spans of the sentences, in text order.
    spans: Vec<(usize, usize)>,
    texts: Vec<OnceCell<Arc<str>>>,
    /// Facts quoted from a window of a long sentence so far.
    clipped: std::cell::Cell<usize>,
}

impl<'a> SentenceTexts<'a> {
    pub fn new(original: &'a str, index: &'a CharIndex, structure: &Structure) -> Self {
        SentenceTexts {
            original,
            index,
            spans: structure
                .sentences
                .iter()
                .map(|s| (s.start, s.end))
                .collect(),
            texts: vec![OnceCell::new(); structure.sentences.len()],
            clipped: std::cell::Cell::new(0),
        }
    }

    /// The trimmed original text of a character span, shared when the span
    /// is a sentence's. A sentence longer than [`LONG_SENTENCE`] characters
    /// (a list of thousands of names, a text that lost its punctuation) is
    /// quoted only around the fact at `fact`: quoting it whole for each of
    /// its facts made the output grow with the square of its length.
    pub fn get(&self, span: (usize, usize), fact: (usize, usize)) -> Arc<str> {
        if span.1.saturating_sub(span.0) > LONG_SENTENCE {
            self.clipped.set(self.clipped.get() + 1);
            let start = fact.0.saturating_sub(EVIDENCE_AROUND).max(span.0);
            let end = (fact.1 + EVIDENCE_AROUND).min(span.1);
            let mut quote = String::new();
            if start > span.0 {
                quote.push('…');
            }
            quote.push_str(self.index.slice(self.original, start, end).trim());
            if end < span.1 {
                quote.push('…');
            }
            return Arc::from(quote);
        }
        let text = || Arc::from(self.index.slice(self.original, span.0, span.1).trim());
        let i = self.spans.partition_point(|s| *s < span);
        match self.spans.get(i) {
            Some(s) if *s == span => self.texts[i].get_or_init(text).clone(),
            _ => text(),
        }
    }

    /// How many facts were quoted from a window of a long sentence.
    pub fn clipped(&self) -> usize {
        self.clipped.get()
    }
}

/// Sentences longer than this (in characters) are quoted around each fact.
pub const LONG_SENTENCE: usize = 1000;
/// Characters quoted on each side of a fact in a long sentence.
const EVIDENCE_AROUND: usize = 200;

/// Character offset → byte offset of one text, for slicing by character spans.
pub struct CharIndex {
    bytes: Vec<u32>,
}

impl CharIndex {
    pub fn new(text: &str) -> CharIndex {
        let mut bytes: Vec<u32> = text.char_indices().map(|(b, _)| b as u32).collect();
        bytes.push(text.len() as u32);
        CharIndex { bytes }
    }

    pub fn slice<'t>(&self, text: &'t str, start: usize, end: usize) -> &'t str {
        let s = self.bytes[start.min(self.bytes.len() - 1)] as usize;
        let e = self.bytes[end.min(self.bytes.len() - 1)] as usize;
        &text[s..e.max(s)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_spans_slice_bytes() {
        let text = "抓好春耕,稳住粮食";
        let index = CharIndex::new(text);
        assert_eq!(index.slice(text, 0, 4), "抓好春耕");
        assert_eq!(index.slice(text, 5, 99), "稳住粮食");
        assert_eq!(index.slice(text, 3, 2), "");
    }

    #[test]
    fn overlaps_keep_priority_then_length_then_the_earlier() {
        let kept = resolve_overlaps(vec![
            (0, 4, 0, "临江新区"),
            (0, 3, 0, "临江新"),
            (2, 6, 5, "新区园区"),
            (8, 10, 0, "园区"),
        ]);
        assert_eq!(kept, ["新区园区", "园区"]);
        let kept = resolve_overlaps(vec![(3, 5, 0, "后"), (0, 4, 0, "先到")]);
        assert_eq!(kept, ["先到"]);
    }

    #[test]
    fn cleaners_drop_characters_and_leading_dots() {
        assert_eq!(
            without("“六稳”工作", |c| matches!(c, '“' | '”')),
            "六稳工作"
        );
        assert_eq!(without("六稳工作", |c| c == '“'), "六稳工作");
        assert_eq!(
            display_path(std::path::Path::new("./speeches/a.txt")),
            "speeches/a.txt"
        );
    }
}
