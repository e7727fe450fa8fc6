//! One pass over a text for the literal work of many rules.
//!
//! Every word-list rule runs its own leftmost-longest search, and every regex
//! with a [`Prefilter`](super::compile) looks for its required literals before
//! it runs. Done rule by rule, that is a dozen passes over each document. A
//! [`Scanner`] puts all those words and literals into one Aho-Corasick
//! automaton, reports every occurrence (overlapping ones too) in one pass,
//! and hands each rule its own occurrences. From all occurrences of a rule's
//! words, a greedy pick of the leftmost, then longest, gives exactly the
//! matches of that rule's own leftmost-longest search.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

/// Bytes scanned with the compact automaton before the DFA is built. The
/// DFA scans about twice as fast (~55 instructions a byte fewer on the real
/// speeches) but the entity scanner's takes ~450 M instructions to build
/// (the gazetteer's names), which pays only after some 8 MB of text.
/// Counted in texts (32), a run of 64 short speeches (200 KB) built it and
/// never repaid a tenth of it. Both report the same occurrences.
const DFA_AFTER_BYTES: usize = 8 << 20;

use super::CompiledRule;

/// Byte ranges of literal occurrences.
pub type Spans = Vec<(usize, usize)>;

/// What one pass found for one rule.
#[derive(Debug, Default, Clone)]
pub struct RuleHits {
    /// Occurrences of the rule's words, when it has words.
    pub(super) words: Option<Spans>,
    /// For each pattern with a prefilter, the occurrences of its literals.
    pub(super) patterns: Vec<Option<Spans>>,
}

/// The words and literals of a list of rules, compiled into one automaton.
#[derive(Debug)]
pub struct Scanner {
    /// A contiguous NFA, built at once.
    ac: Option<AhoCorasick>,
    /// The same automaton as a DFA, built after [`DFA_AFTER_BYTES`].
    dfa: OnceLock<Option<AhoCorasick>>,
    literals: Vec<Vec<u8>>,
    /// Bytes of text scanned so far.
    scanned: AtomicUsize,
    /// For each automaton pattern, the slots it reports to.
    slots_of: Vec<Vec<usize>>,
    /// For each rule (in the order given): its word slot and, per pattern,
    /// its literal slot.
    rules: Vec<(Option<usize>, Vec<Option<usize>>)>,
    slot_count: usize,
}

impl Scanner {
    /// A scanner for `rules`; [`Scanner::scan`] answers in the same order.
    pub fn new<'r>(rules: impl IntoIterator<Item = &'r CompiledRule>) -> Scanner {
        let mut index: HashMap<Vec<u8>, usize> = HashMap::new();
        let mut literals: Vec<Vec<u8>> = Vec::new();
        let mut slots_of: Vec<Vec<usize>> = Vec::new();
        let mut slot_count = 0;
        let mut add = |lit: &[u8], slot: usize| {
            let id = *index.entry(lit.to_vec()).or_insert_with(|| {
                literals.push(lit.to_vec());
                slots_of.push(Vec::new());
                literals.len() - 1
            });
            if !slots_of[id].contains(&slot) {
                slots_of[id].push(slot);
            }
        };
        let mut out_rules = Vec::new();
        for rule in rules {
            let words = (rule.has_words()).then(|| {
                let slot = slot_count;
                slot_count += 1;
                for w in &rule.words_list {
                    add(w.as_bytes(), slot);
                }
                slot
            });
            let patterns = rule
                .prefilter_literals()
                .map(|lits| {
                    lits.map(|lits| {
                        let slot = slot_count;
                        slot_count += 1;
                        for l in lits {
                            add(l, slot);
                        }
                        slot
                    })
                })
                .collect();
            out_rules.push((words, patterns));
        }
        let ac = (!literals.is_empty()).then(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .kind(Some(AhoCorasickKind::ContiguousNFA))
                .build(&literals)
                .expect("rule words compile")
        });
        Scanner {
            ac,
            dfa: OnceLock::new(),
            literals,
            scanned: AtomicUsize::new(0),
            slots_of,
            rules: out_rules,
            slot_count,
        }
    }

    /// Every occurrence of every word and literal in `text`, per rule, in
    /// the order of the rules given to [`Scanner::new`].
    pub fn scan(&self, text: &str) -> Vec<RuleHits> {
        let mut slots: Vec<Spans> = vec![Vec::new(); self.slot_count];
        if let Some(ac) = self.automaton(text.len()) {
            for m in ac.find_overlapping_iter(text) {
                for &slot in &self.slots_of[m.pattern().as_usize()] {
                    slots[slot].push((m.start(), m.end()));
                }
            }
        }
        let mut take = |slot: usize| {
            let mut spans = std::mem::take(&mut slots[slot]);
            spans.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
            spans
        };
        self.rules
            .iter()
            .map(|(words, patterns)| RuleHits {
                words: words.map(&mut take),
                patterns: patterns.iter().map(|p| p.map(&mut take)).collect(),
            })
            .collect()
    }

    /// The NFA for the first texts, then the DFA (when it builds); `len`
    /// is the length of the text about to be scanned.
    fn automaton(&self, len: usize) -> Option<&AhoCorasick> {
        let nfa = self.ac.as_ref()?;
        if self.scanned.fetch_add(len, Ordering::Relaxed) < DFA_AFTER_BYTES {
            return Some(nfa);
        }
        let dfa = self.dfa.get_or_init(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .kind(Some(AhoCorasickKind::DFA))
                .build(&self.literals)
                .ok()
        });
        Some(dfa.as_ref().unwrap_or(nfa))
    }
}
