//! Prefilters: what a regex's syntax tells about where it can match, found
//! once when a rule compiles so the matcher can skip most of a text.
//!
//! A pattern's parsed syntax ([`regex_syntax::hir::Hir`]) comes in; out come
//! a [`Prefilter`] (the literals every match holds and the alphabet a match
//! is made of: the regex only runs on the runs of that alphabet that hold a
//! literal) and, for a pattern anchored at the start, the [`CharSet`] of
//! characters its match can start with ([`start_chars`]). Neither changes
//! what a rule finds; they only decide where it need not look.

use aho_corasick::{AhoCorasick, MatchKind};

/// Where the matches of one regex can lie, found without running it.
///
/// Built only for patterns without anchors or other look-arounds that
/// cannot match the empty string. `alphabet` holds every character a match
/// can contain, so a match lies inside one *run* of such characters; every
/// match contains one of `literals` (its required prefixes or suffixes, or
/// the prefixes of a part it must contain). So
/// the regex only needs to run on the runs that hold a literal, and finds
/// there exactly what it finds in the whole text: no match crosses a run's
/// edge and, without look-arounds, the text around a run does not matter.
#[derive(Debug)]
pub(super) struct Prefilter {
    alphabet: CharSet,
    /// Built on first use: a [`Scanner`](super::Scanner) usually
    /// finds the literals instead.
    literals: std::sync::OnceLock<Option<AhoCorasick>>,
    /// The same literals, for a [`Scanner`](super::Scanner).
    literal_list: Vec<Vec<u8>>,
}

impl Prefilter {
    pub(super) fn new(hir: &regex_syntax::hir::Hir) -> Option<Prefilter> {
        use regex_syntax::hir::literal::{ExtractKind, Extractor};
        let props = hir.properties();
        if !props.look_set().is_empty() || props.minimum_len().unwrap_or(0) == 0 {
            return None;
        }
        let mut ranges = Vec::new();
        alphabet(hir, &mut ranges)?;
        // The required literals: whichever end gives the longer shortest one;
        // failing both (optional groups after a long alternation of
        // suffixes give more combinations than the extractor bounds), the
        // best prefixes of a part every match must contain.
        let literals_of = |hir: &regex_syntax::hir::Hir, kind: ExtractKind| {
            let seq = Extractor::new().kind(kind).extract(hir);
            let lits = seq.literals()?;
            let min = lits.iter().map(|l| l.as_bytes().len()).min()?;
            (min > 0).then(|| {
                let words: Vec<Vec<u8>> = lits.iter().map(|l| l.as_bytes().to_vec()).collect();
                (min, words)
            })
        };
        let best = [ExtractKind::Prefix, ExtractKind::Suffix]
            .into_iter()
            .filter_map(|kind| literals_of(hir, kind))
            .max_by_key(|(min, _)| *min)
            .or_else(|| {
                let mut parts = Vec::new();
                required_parts(hir, &mut parts);
                parts
                    .into_iter()
                    .filter_map(|part| literals_of(part, ExtractKind::Prefix))
                    .max_by_key(|(min, _)| *min)
            })?;
        Some(Prefilter {
            alphabet: CharSet::new(&ranges),
            literals: std::sync::OnceLock::new(),
            literal_list: best.1,
        })
    }

    /// The literals one of which every match holds.
    pub(super) fn literals(&self) -> impl Iterator<Item = &[u8]> {
        self.literal_list.iter().map(Vec::as_slice)
    }

    fn allows(&self, c: char) -> bool {
        self.alphabet.contains(c)
    }

    /// The runs of `text` that hold a literal, in text order, as byte ranges.
    /// `None` when the literals do not compile (then the whole text is
    /// searched, as without a prefilter).
    pub(super) fn runs(&self, text: &str) -> Option<Vec<(usize, usize)>> {
        let literals = self
            .literals
            .get_or_init(|| {
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostFirst)
                    .build(&self.literal_list)
                    .ok()
            })
            .as_ref()?;
        let mut runs = Vec::new();
        let mut from = 0;
        while from < text.len() {
            let Some(m) = literals.find(aho_corasick::Input::new(text).range(from..)) else {
                break;
            };
            let run = self.run_around(text, m.start(), m.end());
            runs.push(run);
            from = run.1;
        }
        Some(runs)
    }

    /// The same runs, from every occurrence of the literals (sorted by start).
    pub(super) fn runs_from(&self, text: &str, hits: &[(usize, usize)]) -> Vec<(usize, usize)> {
        let mut runs: Vec<(usize, usize)> = Vec::new();
        for &(s, e) in hits {
            if runs.last().is_some_and(|r| s < r.1) {
                continue;
            }
            runs.push(self.run_around(text, s, e));
        }
        runs
    }

    /// The run of allowed characters around the literal at `start..end`.
    fn run_around(&self, text: &str, mut start: usize, mut end: usize) -> (usize, usize) {
        while let Some(c) = text[..start].chars().next_back() {
            if !self.allows(c) {
                break;
            }
            start -= c.len_utf8();
        }
        while let Some(c) = text[end..].chars().next() {
            if !self.allows(c) {
                break;
            }
            end += c.len_utf8();
        }
        (start, end)
    }
}

/// A set of characters: a bit per character below U+10000, ranges above.
#[derive(Debug)]
pub(super) struct CharSet {
    bmp: Vec<u64>,
    astral: Vec<(char, char)>,
}

impl CharSet {
    fn new(ranges: &[(char, char)]) -> CharSet {
        let mut bmp = vec![0u64; 0x10000 / 64];
        let mut astral = Vec::new();
        for &(a, b) in ranges {
            let (lo, hi) = (a as u32, (b as u32).min(0xFFFF));
            let mut c = lo;
            while c <= hi {
                // A whole word at once where the range covers it.
                if c % 64 == 0 && hi - c >= 63 {
                    bmp[c as usize / 64] = u64::MAX;
                    c += 64;
                } else {
                    bmp[c as usize / 64] |= 1 << (c % 64);
                    c += 1;
                }
            }
            if b as u32 > 0xFFFF {
                astral.push((a.max('\u{10000}'), b));
            }
        }
        CharSet { bmp, astral }
    }

    pub(super) fn contains(&self, c: char) -> bool {
        let u = c as u32;
        if u <= 0xFFFF {
            self.bmp[u as usize / 64] & (1 << (u % 64)) != 0
        } else {
            self.astral.iter().any(|(a, b)| *a <= c && c <= *b)
        }
    }
}

/// For a pattern anchored at the text start (`^`, not multi-line) that
/// cannot match the empty string there: the characters its match can start
/// with. A text starting with anything else has no match.
pub(super) fn start_chars(hir: &regex_syntax::hir::Hir) -> Option<CharSet> {
    use regex_syntax::hir::{HirKind, Look};
    let HirKind::Concat(parts) = hir.kind() else {
        return None;
    };
    let (first, rest) = parts.split_first()?;
    if !matches!(first.kind(), HirKind::Look(Look::Start)) {
        return None;
    }
    let (ranges, nullable) = concat_first_chars(rest)?;
    (!nullable).then(|| CharSet::new(&ranges))
}

/// `first_chars` of a sequence: each part's first characters until one
/// cannot be empty.
fn concat_first_chars(parts: &[regex_syntax::hir::Hir]) -> Option<(Vec<(char, char)>, bool)> {
    let mut ranges = Vec::new();
    for part in parts {
        let (r, n) = first_chars(part)?;
        ranges.extend(r);
        if !n {
            return Some((ranges, false));
        }
    }
    Some((ranges, true))
}

/// The characters a match of `hir` can start with, and whether it can be
/// empty; `None` for what this does not handle (look-arounds, byte classes).
fn first_chars(hir: &regex_syntax::hir::Hir) -> Option<(Vec<(char, char)>, bool)> {
    use regex_syntax::hir::{Class, HirKind};
    Some(match hir.kind() {
        HirKind::Empty => (Vec::new(), true),
        HirKind::Literal(lit) => match std::str::from_utf8(&lit.0).ok()?.chars().next() {
            Some(c) => (vec![(c, c)], false),
            None => (Vec::new(), true),
        },
        HirKind::Class(Class::Unicode(cls)) => (
            cls.ranges().iter().map(|r| (r.start(), r.end())).collect(),
            false,
        ),
        HirKind::Class(Class::Bytes(_)) | HirKind::Look(_) => return None,
        HirKind::Repetition(rep) => {
            let (r, n) = first_chars(&rep.sub)?;
            (r, n || rep.min == 0)
        }
        HirKind::Capture(cap) => first_chars(&cap.sub)?,
        HirKind::Concat(subs) => concat_first_chars(subs)?,
        HirKind::Alternation(subs) => {
            let mut ranges = Vec::new();
            let mut nullable = false;
            for sub in subs {
                let (r, n) = first_chars(sub)?;
                ranges.extend(r);
                nullable |= n;
            }
            (ranges, nullable)
        }
    })
}

/// The parts of `hir` that every match contains a match of: the parts of
/// its concatenations and the bodies of its captures and of repetitions
/// that occur at least once (an alternation counts whole, not its branches).
fn required_parts<'h>(hir: &'h regex_syntax::hir::Hir, out: &mut Vec<&'h regex_syntax::hir::Hir>) {
    use regex_syntax::hir::HirKind;
    match hir.kind() {
        HirKind::Capture(cap) => required_parts(&cap.sub, out),
        HirKind::Repetition(rep) if rep.min >= 1 => {
            out.push(&rep.sub);
            required_parts(&rep.sub, out);
        }
        HirKind::Concat(subs) => {
            for sub in subs {
                out.push(sub);
                required_parts(sub, out);
            }
        }
        _ => {}
    }
}

/// Adds every character a match of `hir` can contain to `out`; `None` for
/// what this does not handle (byte classes, look-arounds).
fn alphabet(hir: &regex_syntax::hir::Hir, out: &mut Vec<(char, char)>) -> Option<()> {
    use regex_syntax::hir::{Class, HirKind};
    match hir.kind() {
        HirKind::Empty => {}
        HirKind::Literal(lit) => {
            for c in std::str::from_utf8(&lit.0).ok()?.chars() {
                out.push((c, c));
            }
        }
        HirKind::Class(Class::Unicode(cls)) => {
            out.extend(cls.ranges().iter().map(|r| (r.start(), r.end())));
        }
        HirKind::Class(Class::Bytes(_)) | HirKind::Look(_) => return None,
        HirKind::Repetition(rep) => alphabet(&rep.sub, out)?,
        HirKind::Capture(cap) => alphabet(&cap.sub, out)?,
        HirKind::Concat(subs) | HirKind::Alternation(subs) => {
            for sub in subs {
                alphabet(sub, out)?;
            }
        }
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hir(pattern: &str) -> regex_syntax::hir::Hir {
        regex_syntax::Parser::new().parse(pattern).unwrap()
    }

    #[test]
    fn only_runs_that_hold_a_literal_are_searched() {
        let p = Prefilter::new(&hir(r"[\p{Han}]{2,8}产业园")).unwrap();
        let lits: Vec<&[u8]> = p.literals().collect();
        assert_eq!(lits, ["产业园".as_bytes()]);
        let text = "加快建设临江物流产业园,推进北山公园提升。";
        let runs = p.runs(text).unwrap();
        assert_eq!(runs.len(), 1);
        let (s, e) = runs[0];
        // The run lets the park's position through …
        let park = text.find("临江").unwrap();
        assert!(s <= park && park < e);
        assert_eq!(&text[s..e], "加快建设临江物流产业园");
        // … and not the clause after the comma, which holds no literal.
        let other = text.find("北山").unwrap();
        assert!(!runs.iter().any(|&(s, e)| s <= other && other < e));
        // Runs built from scanned occurrences are the same.
        let at = text.find("产业园").unwrap();
        assert_eq!(p.runs_from(text, &[(at, at + "产业园".len())]), runs);
    }

    #[test]
    fn a_required_inner_part_gives_the_literals_when_neither_end_does() {
        // Optional groups after the suffix: more endings than the
        // extractor bounds, and the name class gives no prefix; the
        // suffix alternation is required.
        let p = Prefilter::new(&hir(
            r"[\p{Han}]{2,8}?(?:产业园|工程|基地)(?:[一二三四五六七八九十]期)?(?:(?:改造提升|巩固提升|提标改造|升级改造|改造|提升|扩建)?(?:工程|项目))?",
        ))
        .unwrap();
        let mut lits: Vec<&str> = p
            .literals()
            .map(|l| std::str::from_utf8(l).unwrap())
            .collect();
        lits.sort_unstable();
        assert_eq!(lits, ["产业园", "基地", "工程"]);
        let text = "推进青山湖生态修复工程二期项目,加快北山公园提升。";
        let runs = p.runs(text).unwrap();
        assert_eq!(runs.len(), 1);
        assert_eq!(
            &text[runs[0].0..runs[0].1],
            "推进青山湖生态修复工程二期项目"
        );
        // An optional part is no requirement: (?:产业园)? gives nothing.
        assert!(Prefilter::new(&hir(r"[\p{Han}]{2,8}(?:产业园)?(?:[一二]期)?")).is_none());
    }

    #[test]
    fn no_prefilter_for_anchors_or_patterns_that_match_nothing() {
        assert!(Prefilter::new(&hir(r"^[一二三]、")).is_none());
        assert!(Prefilter::new(&hir(r"[\p{Han}]*")).is_none());
        assert!(Prefilter::new(&hir(r"(?:工程)?")).is_none());
    }

    #[test]
    fn an_anchored_pattern_lets_only_its_first_characters_through() {
        let chars = start_chars(&hir(r"^(?:第)?[一二三四五六七八九十]+(?:是|要)")).unwrap();
        assert!(chars.contains('第') && chars.contains('三'));
        assert!(!chars.contains('1') && !chars.contains('要'));
        // Not anchored, or able to start empty: nothing to tell.
        assert!(start_chars(&hir(r"[一二三]要")).is_none());
        assert!(start_chars(&hir(r"^(?:一)?")).is_none());
    }

    #[test]
    fn char_sets_hold_ranges_inside_and_beyond_the_basic_plane() {
        let set = CharSet::new(&[('一', '龥'), ('𠀀', '𪛟'), ('%', '%')]);
        assert!(set.contains('区') && set.contains('%') && set.contains('𠀋'));
        assert!(!set.contains('a') && !set.contains('、'));
    }
}
