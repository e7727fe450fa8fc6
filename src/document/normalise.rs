//! Normalisation: the original text → a *matching view* that rules run on,
//! with a map from every byte of the view back to a character offset in the
//! original, so spans and evidence always point into what the user gave us.
//!
//! What changes in the view, and why:
//! - full-width digits, letters and punctuation fold to ASCII (`８％` → `8%`,
//!   `（一）` → `(一)`), so one pattern matches both;
//! - traditional characters map to simplified ones, character by character
//!   (one-to-one, which keeps the offset map exact);
//! - spaces that PDF extraction left between CJK characters are dropped, and
//!   where a PDF line was short (the end of a paragraph or a heading that lost
//!   its line break) the space becomes a paragraph break;
//! - other runs of spaces collapse to one; `\r` disappears;
//! - pinyin that a page put in brackets after a Han character (`經(jīng)濟(jì)`)
//!   is dropped, so the words read whole again ([`inline_pinyin`]).
//!
//! Boilerplate removal (web leftovers) happens afterwards with
//! [`NormText::without_ranges`], driven by `boilerplate` rules.

use crate::chars::{is_cjk_punct, is_common_cjk};
use crate::document::traditional::TRADITIONAL;

/// The matching view of a document.
#[derive(Debug, Clone)]
pub struct NormText {
    /// Normalised text that rules run on.
    pub text: String,
    /// For each byte of `text` (and one past the end), the character offset in
    /// the original text of the character that byte belongs to.
    orig: Vec<u32>,
    /// Length of the original text in characters.
    orig_len: u32,
}

impl NormText {
    /// Builds the matching view of `original`.
    pub fn new(original: &str) -> NormText {
        let breaks = pdf_paragraph_breaks(original);
        let mut text = String::with_capacity(original.len());
        let mut orig: Vec<u32> = Vec::with_capacity(original.len() + 1);
        let push = |text: &mut String, orig: &mut Vec<u32>, c: char, at: usize| {
            let before = text.len();
            text.push(c);
            orig.extend(std::iter::repeat_n(at as u32, text.len() - before));
        };
        // The breaks come in text order: one cursor walks them.
        let mut next_break = breaks.iter().copied().peekable();
        // Lines of a PDF dump (a space at every former line break) read
        // their breaks from `breaks` alone; one cursor walks them too.
        let dumps = pdf_dump_lines(original);
        let mut dump = dumps.iter().copied().peekable();
        let bytes = original.as_bytes();
        // `b` is a byte offset in `original`, `i` the character offset there.
        let mut b = 0;
        let mut i = 0;
        while b < bytes.len() {
            // Most characters stay as they are: such a run is copied whole,
            // with one offset per byte. (Going character by character through
            // the cases below cost about 150 instructions a character.)
            let run_start = (b, i);
            while b < bytes.len() {
                let n = kept_len(original, b);
                if n == 0 {
                    break;
                }
                b += n;
                i += 1;
            }
            if b > run_start.0 {
                text.push_str(&original[run_start.0..b]);
                // Each byte that is no continuation byte starts a character.
                let mut at = run_start.1 as u32;
                orig.extend(bytes[run_start.0..b].iter().enumerate().map(|(k, byte)| {
                    if k > 0 && byte & 0xC0 != 0x80 {
                        at += 1;
                    }
                    at
                }));
                if b == bytes.len() {
                    break;
                }
            }
            let c = char_at(original, b);
            if c == '\r' {
                b += 1;
                i += 1;
                continue;
            }
            if is_space(c) {
                let start = i;
                let space_byte = b;
                while b < bytes.len() {
                    let c = char_at(original, b);
                    if !is_space(c) {
                        break;
                    }
                    b += c.len_utf8();
                    i += 1;
                }
                while next_break.next_if(|x| *x < start).is_some() {}
                if next_break.next_if_eq(&start).is_some() {
                    push(&mut text, &mut orig, '\n', start);
                    continue;
                }
                let prev = text.chars().next_back();
                let next = original[b..].chars().next();
                while dump.next_if(|&(_, end)| end <= b).is_some() {}
                let in_dump = dump.peek().is_some_and(|&(s, _)| s <= b);
                if !in_dump
                    && prev.is_some_and(|p| p != '\n')
                    && heading_space(&text, &original[b..])
                {
                    push(&mut text, &mut orig, '\n', start);
                    continue;
                }
                let at_line_edge =
                    prev.is_none_or(|p| p == '\n') || next.is_none_or(|n| n == '\n' || n == '\r');
                let wide_neighbour =
                    prev.is_some_and(is_wide) || next.map(fold_char).is_some_and(is_wide);
                if !at_line_edge && !wide_neighbour && !spaced_digit(&original[..space_byte], next)
                {
                    push(&mut text, &mut orig, ' ', start);
                }
                continue;
            }
            if c == '\n' {
                // Trailing spaces before a line break are never useful.
                while text.ends_with(' ') {
                    text.pop();
                    orig.pop();
                }
            }
            push(&mut text, &mut orig, fold_char(c), i);
            b += c.len_utf8();
            i += 1;
        }
        while text.ends_with(' ') {
            text.pop();
            orig.pop();
        }
        orig.push(i as u32);
        let view = NormText {
            text,
            orig,
            orig_len: i as u32,
        };
        let mut drop = inline_pinyin(&view.text);
        drop.extend(hard_wraps(&view.text));
        drop.sort_unstable();
        let view = if drop.is_empty() {
            view
        } else {
            view.without_ranges(&drop)
        };
        let marks = ascii_marks(&view.text);
        if marks.is_empty() {
            view
        } else {
            view.with_marks(&marks)
        }
    }

    /// The view with the one-byte ASCII marks at the given byte offsets
    /// (sorted) replaced by the given characters; each new character
    /// points where the mark did.
    fn with_marks(&self, marks: &[(usize, char)]) -> NormText {
        let mut text = String::with_capacity(self.text.len() + 2 * marks.len());
        let mut orig = Vec::with_capacity(self.orig.len() + 2 * marks.len());
        let mut pos = 0;
        for &(at, c) in marks {
            text.push_str(&self.text[pos..at]);
            orig.extend_from_slice(&self.orig[pos..at]);
            text.push(c);
            orig.extend(std::iter::repeat_n(self.orig[at], c.len_utf8()));
            pos = at + 1;
        }
        text.push_str(&self.text[pos..]);
        orig.extend_from_slice(&self.orig[pos..]);
        NormText {
            text,
            orig,
            orig_len: self.orig_len,
        }
    }

    /// Character offset in the original of the view byte `byte` (a char boundary).
    pub fn orig_start(&self, byte: usize) -> usize {
        self.orig[byte] as usize
    }

    /// Character offset in the original just past the view character that
    /// ends at byte `byte_end`.
    pub fn orig_end(&self, byte_end: usize) -> usize {
        if byte_end == 0 {
            return self.orig[0] as usize;
        }
        if byte_end >= self.text.len() {
            return match self.text.chars().next_back() {
                Some(c) => self.orig[self.text.len() - c.len_utf8()] as usize + 1,
                None => self.orig_len as usize,
            };
        }
        let mut b = byte_end - 1;
        while !self.text.is_char_boundary(b) {
            b -= 1;
        }
        self.orig[b] as usize + 1
    }

    /// The view with the given byte ranges removed (sorted, non-overlapping);
    /// offsets of what remains are kept.
    pub fn without_ranges(&self, ranges: &[(usize, usize)]) -> NormText {
        if ranges.is_empty() {
            return self.clone();
        }
        let mut text = String::with_capacity(self.text.len());
        let mut orig = Vec::with_capacity(self.orig.len());
        let mut pos = 0;
        for &(s, e) in ranges
            .iter()
            .chain(std::iter::once(&(self.text.len(), self.text.len())))
        {
            if s > pos {
                text.push_str(&self.text[pos..s]);
                orig.extend_from_slice(&self.orig[pos..s]);
            }
            pos = pos.max(e);
        }
        orig.push(self.orig_len);
        NormText {
            text,
            orig,
            orig_len: self.orig_len,
        }
    }
}

/// ASCII marks a Chinese text uses for its own (a page typed with a
/// Latin keyboard), as (byte offset, the Chinese mark) for the view:
/// double quotes paired within a line ("两山"理念) open and close as “”,
/// so quoted slogans read as in any other text; a full stop between Han
/// characters, before a digit after one (三大产业.2018年,…) or closing a
/// line after one (发展草畜产业.依托…) is 。, so
/// the sentence ends there. A line with an odd number of quotes keeps
/// them; a point between digits or letters (1.5, www.gov.cn) is no stop.
fn ascii_marks(text: &str) -> Vec<(usize, char)> {
    if !text.as_bytes().iter().any(|b| matches!(b, b'"' | b'.')) {
        return Vec::new();
    }
    let mut marks = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let quotes: Vec<usize> = line.match_indices('"').map(|(i, _)| i).collect();
        if quotes.len().is_multiple_of(2) {
            for (k, q) in quotes.iter().enumerate() {
                marks.push((line_start + q, if k % 2 == 0 { '“' } else { '”' }));
            }
        }
        for (i, _) in line.match_indices('.') {
            let prev = line[..i].chars().next_back();
            let next = line[i + 1..].chars().next();
            let after_han =
                prev.is_some_and(|p| is_common_cjk(p) || matches!(p, '”' | '"' | ')' | '》' | '%'));
            // (A digit after it opens the next sentence: 三大产业.2018年,…;
            // a decimal point has a digit before it.)
            let ends = next.is_none_or(|n| {
                n == '\n' || n == '"' || n == '“' || is_common_cjk(n) || n.is_ascii_digit()
            });
            if after_han && ends {
                marks.push((line_start + i, '。'));
            }
        }
        line_start += line.len();
    }
    marks.sort_unstable();
    marks
}

/// How a line is measured, the least width that sets a page width, and
/// the slack.
type WrapMeasure = (fn(&str) -> usize, usize, usize);

/// A page's lines are measured two ways, and the one that finds a page
/// width more clearly wins: in characters (a text re-wrapped at a fixed
/// count) and in display columns ([`columns`]: a Han character or full-width sign is
/// two, a digit or Latin letter one: a PDF's page, where digits take half a
/// Han character's room). For each, lines narrower than the minimum never
/// set a width, and a wrapped line may stray from the width by the slack
/// (a punctuation sign or two that a page let overhang).
const WRAP_MEASURES: [WrapMeasure; 2] = [(|l: &str| l.chars().count(), 20, 2), (columns, 40, 4)];

/// A line's width in display columns, near enough for a page width: an
/// ASCII character is one, any other two (Han characters, full-width signs).
fn columns(line: &str) -> usize {
    line.bytes()
        .map(|b| match b {
            0..0x80 => 1,
            // A lead byte of a multi-byte character.
            0xC0.. => 2,
            _ => 0,
        })
        .sum()
}

/// Line breaks that a PDF's page width put inside a sentence, as byte
/// ranges of the view to drop, so the sentence reads whole again. A text
/// is hard-wrapped when most of its long lines have one width (the page
/// width, in one of the [`WRAP_MEASURES`]); then a break after
/// a line of that width goes when the line does not end a sentence
/// (。!?; : or a closing quote after one) and the next line starts with a
/// Han character, a Latin letter or digit (PM2.5) or closing punctuation
/// (、，。 of a page that wrapped before them). Headings and paragraph ends are shorter than the
/// width and keep their breaks; a text without a wrap width is untouched.
fn hard_wraps(text: &str) -> Vec<(usize, usize)> {
    let lines: Vec<(usize, &str)> = text
        .split('\n')
        .scan(0, |at, line| {
            let start = *at;
            *at += line.len() + 1;
            Some((start, line))
        })
        .collect();
    // A heading is never wrapped prose: it neither sets the width nor joins
    // the line after it (a short speech's headings may share one length).
    // A width of 0 marks one.
    let heading: Vec<bool> = lines
        .iter()
        .map(|(_, l)| {
            // (A numbered paragraph, 1、先进制造业加快集聚。…, is prose.)
            opens_with_heading_number(l) && !l.contains(['。', '!', '?', ';', '！', '？', '；'])
        })
        .collect();
    // The measure whose page width holds the largest share of the long
    // lines (the first among equals).
    let Some((widths, width, slack)) = WRAP_MEASURES
        .iter()
        .filter_map(|&(measure, min, slack)| {
            let widths: Vec<usize> = lines
                .iter()
                .zip(&heading)
                .map(|((_, l), &h)| if h { 0 } else { measure(l) })
                .collect();
            let (width, near, long) = page_width(&widths, min, slack)?;
            Some((widths, width, slack, near as f64 / long as f64))
        })
        .fold(
            None,
            |best: Option<(Vec<usize>, usize, usize, f64)>, m| match best {
                Some(b) if b.3 >= m.3 => Some(b),
                _ => Some(m),
            },
        )
        .map(|(w, width, slack, _)| (w, width, slack))
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (k, &(start, line)) in lines.iter().enumerate().take(lines.len().saturating_sub(1)) {
        if widths[k] + slack < width || widths[k] > width + slack {
            continue;
        }
        let last = line
            .trim_end_matches(['”', '’', '"', ')', '」'])
            .chars()
            .next_back();
        if matches!(
            last,
            None | Some('。' | '!' | '?' | ';' | ':' | '！' | '？' | '；' | '：')
        ) {
            continue;
        }
        let next = lines[k + 1].1.chars().next();
        if !next
            .is_some_and(|c| is_common_cjk(c) || c.is_ascii_alphanumeric() || is_closing_punct(c))
        {
            continue;
        }
        let at = start + line.len();
        out.push((at, at + 1));
    }
    out
}

/// The page width of lines measured `widths` (0 for a heading): the width
/// with the most lines of at least `min` within `slack` of it, when at
/// least five lines and half the long ones are near it. Width, lines near
/// it, long lines.
fn page_width(widths: &[usize], min: usize, slack: usize) -> Option<(usize, usize, usize)> {
    let mut counts: std::collections::BTreeMap<usize, usize> = Default::default();
    for &w in widths.iter().filter(|w| **w >= min) {
        *counts.entry(w).or_default() += 1;
    }
    let long: usize = counts.values().sum();
    let (width, near) = counts
        .keys()
        .map(|&w| {
            (
                w,
                counts
                    .range(w.saturating_sub(slack)..=w + slack)
                    .map(|(_, n)| n)
                    .sum::<usize>(),
            )
        })
        .max_by_key(|&(w, n)| (n, std::cmp::Reverse(w)))?;
    (near >= 5 && near * 2 >= long).then_some((width, near, long))
}

/// Whether a space is one that a PDF dump put between the characters of a
/// number or a ratio (由2 0 1 2年的9 . 5 4 %, 1 6 . 9 : 4 8 . 6): a lone
/// digit, point or colon before it (the character before that none of
/// them) and a digit, point, colon or % after.
/// Such a number reads whole in the view, so its year and value are found
/// as in clean text; a space after a longer number (2019 2020) stays.
fn spaced_digit(before: &str, next: Option<char>) -> bool {
    let is_number_char = |c: char| c.is_ascii_digit() || matches!(c, '.' | ':');
    let mut back = before.chars().rev();
    back.next().is_some_and(is_number_char)
        && !back.next().is_some_and(is_number_char)
        && next.is_some_and(|n| is_number_char(n) || n == '%')
}

/// Whether a space between `before` (the view so far) and `after` (the
/// original after the space) is a lost line break around a heading, in a
/// text pasted onto one line (…工作总结 一、2010年工作回顾 2010年全镇…): the
/// space opens one (a heading number follows a wide character or a stop)
/// or closes one (the text since the last line or sentence end is a short
/// title after a heading number).
fn heading_space(before: &str, after: &str) -> bool {
    const STOPS: [char; 7] = ['\n', '。', '；', ';', '！', '？', '!'];
    // Only a few characters on either side decide, whatever the length of
    // the text (a title is at most 24 characters): the work per space is
    // bounded.
    let after = &after[..after.char_indices().nth(16).map_or(after.len(), |(i, _)| i)];
    let from = (before.len().saturating_sub(100)..before.len())
        .find(|&i| before.is_char_boundary(i))
        .unwrap_or(before.len());
    let before = &before[from..];
    let prev = before.chars().next_back();
    let opens = prev.is_some_and(|p| is_wide(p) || STOPS.contains(&p))
        && opens_with_heading_number(after)
        // (一、 alone may open a clause of prose: 一、二产业; a heading's
        // title follows its number.)
        && after
            .chars()
            .skip_while(|c| *c != '、' && *c != ')' && *c != '）' && *c != '.')
            .nth(1)
            .is_some_and(|c| {
                !c.is_whitespace() && !matches!(c, '、' | ',') && !"一二三四五六七八九十".contains(c)
            });
    let segment = &before[before.rfind(STOPS).map_or(0, |i| {
        i + before[i..].chars().next().map_or(1, char::len_utf8)
    })..];
    // (A space right after a chapter's number, 第三章  主要任务, opens its
    // title on the same line: such a segment must hold a title after it.)
    let bare_chapter = segment.trim_start().starts_with('第')
        && segment
            .find(['章', '节', '篇', '分'])
            .is_some_and(|i| segment[i..].chars().skip(1).all(char::is_whitespace));
    let closes = opens_with_heading_number(segment)
        && !bare_chapter
        && segment.chars().count() <= 24
        && !segment.contains([',', '，', '：', ':']);
    opens || closes
}

/// Whether a line opens with a heading's number: 一、, (一), 1. or 1、,
/// 第一章 / 第二部分.
fn opens_with_heading_number(line: &str) -> bool {
    const NUMERALS: &str = "一二三四五六七八九十";
    let line = line.trim_start();
    let numbered = |rest: &str, ends: &[char]| {
        let digits = rest.trim_start_matches(|c: char| NUMERALS.contains(c) || c.is_ascii_digit());
        // (1.5万元 opens prose: a decimal is no number of a heading.)
        let decimal = digits.starts_with(['.', '．'])
            && digits[digits.chars().next().map_or(0, char::len_utf8)..]
                .starts_with(|c: char| c.is_ascii_digit());
        digits.len() < rest.len() && digits.starts_with(ends) && !decimal
    };
    if let Some(rest) = line.strip_prefix(['(', '（']) {
        return numbered(rest, &[')', '）']);
    }
    if let Some(rest) = line.strip_prefix('第') {
        return numbered(rest, &['章', '节', '部', '篇', '条']);
    }
    numbered(line, &['、', '.', '．'])
}

/// Punctuation that never starts a line of prose (a page that does not
/// keep it with the character before still wraps before it), as it
/// stands in the view (full-width forms folded).
fn is_closing_punct(c: char) -> bool {
    matches!(
        c,
        '。' | '、' | ',' | ';' | ':' | '?' | '!' | ')' | '”' | '’' | '」' | '』' | '》' | '，'
    )
}

/// Byte ranges of the view that are pinyin glosses in brackets right after a
/// Han character: `经(jīng)济(jì)` → `(jīng)` and `(jì)`. Brackets are
/// already folded to ASCII. A gloss is one syllable of lowercase Latin
/// letters with no Han character inside; it needs a tone mark, except in a
/// text that glosses at least two other syllables with tone marks (then a
/// toneless neutral syllable such as `(de)` goes too). `总值(GDP)` and
/// `(一)` stay.
fn inline_pinyin(text: &str) -> Vec<(usize, usize)> {
    let mut marked = Vec::new();
    let mut toneless = Vec::new();
    for (open, _) in text.match_indices('(') {
        if !text[..open].chars().next_back().is_some_and(is_common_cjk) {
            continue;
        }
        let Some(len) = text[open + 1..].find(')') else {
            continue;
        };
        let inner = &text[open + 1..open + 1 + len];
        let letters = inner.chars().count();
        if !(1..=7).contains(&letters) || !inner.chars().all(is_pinyin_letter) {
            continue;
        }
        let range = (open, open + len + 2);
        if inner.chars().any(|c| !c.is_ascii_lowercase() && c != 'ü') {
            marked.push(range);
        } else if inner
            .chars()
            .any(|c| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'ü'))
        {
            toneless.push(range);
        }
    }
    if marked.len() >= 2 {
        marked.extend(toneless);
        marked.sort_unstable();
    }
    marked
}

/// A lowercase pinyin letter: ASCII a–z, ü, or a vowel with a tone mark.
fn is_pinyin_letter(c: char) -> bool {
    c.is_ascii_lowercase() || "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ".contains(c)
}

/// Whether `s` holds a space ([`is_space`]), from its bytes: the UTF-8
/// of each space, without decoding the characters.
fn has_space(s: &str) -> bool {
    let b = s.as_bytes();
    b.iter().enumerate().any(|(i, &x)| match x {
        b' ' | b'\t' => true,
        // U+00A0
        0xC2 => b.get(i + 1) == Some(&0xA0),
        // U+2002..U+200B
        0xE2 => {
            b.get(i + 1) == Some(&0x80) && b.get(i + 2).is_some_and(|y| (0x82..=0x8B).contains(y))
        }
        // U+3000
        0xE3 => b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0x80),
        _ => false,
    })
}

/// The character at byte `at` of `s` (a char boundary before its end).
fn char_at(s: &str, at: usize) -> char {
    s[at..].chars().next().unwrap_or('\0')
}

/// The byte length of the character at byte `at` of `s` when the view
/// keeps it as it is ([`is_kept`]), else 0. Han characters are read from
/// their three bytes, without decoding a `char`.
fn kept_len(s: &str, at: usize) -> usize {
    let bytes = s.as_bytes();
    let b0 = bytes[at];
    if b0 < 0x80 {
        return usize::from(!matches!(b0, b'\n' | b'\r' | b' ' | b'\t'));
    }
    // Lead bytes of U+3000..U+9FFF.
    if (0xE3..=0xE9).contains(&b0) {
        let u = u32::from(b0 & 0x0F) << 12
            | u32::from(bytes[at + 1] & 0x3F) << 6
            | u32::from(bytes[at + 2] & 0x3F);
        let u = u as usize;
        if (TABLE_START..TABLE_END).contains(&u) {
            return if TABLE[u - TABLE_START] as usize == u {
                3
            } else {
                0
            };
        }
    }
    let c = char_at(s, at);
    if is_kept(c) {
        c.len_utf8()
    } else {
        0
    }
}

/// Whether the view keeps `c` as it is: no line break, space or `\r`, and
/// nothing to fold.
fn is_kept(c: char) -> bool {
    match c as usize {
        0..0x80 => !matches!(c, '\n' | '\r' | ' ' | '\t'),
        // Han characters (and the few others of the table's range) fold
        // through the table alone.
        TABLE_START..TABLE_END => TABLE[c as usize - TABLE_START] == c,
        _ => !is_space(c) && fold_char(c) == c,
    }
}

fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{3000}' | '\u{00A0}' | '\u{2002}'..='\u{200B}'
    )
}

/// Wide characters: CJK ideographs and CJK punctuation. A space next to one
/// of them is a PDF artefact, never a word separator.
pub fn is_wide(c: char) -> bool {
    is_common_cjk(c) || is_cjk_punct(c) || matches!(c, '\u{20000}'..='\u{2FFFF}')
}

/// Folds one character for matching: full-width forms to ASCII, traditional
/// to simplified.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        // Corner brackets quote as “” do (「一村一品」).
        '「' | '『' => '“',
        '」' | '』' => '”',
        c if is_common_cjk(c) => fold_cjk(c),
        c => c,
    }
}

const TABLE_START: usize = 0x3400;
const TABLE_END: usize = 0xA000;

/// [`TRADITIONAL`] as a flat table over U+3400..U+9FFF, so folding a
/// character is an index, not a hash lookup. It is built by the compiler:
/// deriving it from zhconv at run time took about 50 M instructions, a
/// tenth of a one-document `ptkg add`.
static TABLE: [char; TABLE_END - TABLE_START] = traditional_table();

fn fold_cjk(c: char) -> char {
    TABLE[c as usize - TABLE_START]
}

const fn traditional_table() -> [char; TABLE_END - TABLE_START] {
    let mut table = [' '; TABLE_END - TABLE_START];
    let mut i = 0;
    while i < table.len() {
        // Every code point of the range is a character (no surrogates).
        table[i] = match char::from_u32((TABLE_START + i) as u32) {
            Some(c) => c,
            None => ' ',
        };
        i += 1;
    }
    let mut i = 0;
    while i < TRADITIONAL.len() {
        let (from, to) = TRADITIONAL[i];
        table[from as usize - TABLE_START] = to;
        i += 1;
    }
    table
}

/// Finds where a PDF-extracted line (a whole paragraph or speech flowed onto
/// one line, broken every few dozen characters by a space) really had a line
/// break that ended a paragraph: a space between two wide characters after a
/// segment clearly shorter than the document's usual line. Returns the
/// character indices of those spaces, in increasing order.
/// Byte ranges of the lines that look like a PDF dump (long, with a space
/// every few dozen characters), in text order.
fn pdf_dump_lines(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut at = 0;
    for line in text.split('\n') {
        if line.len() >= 200 {
            let chars = line.chars().count();
            let spaces = line.chars().filter(|c| is_space(*c)).count();
            if chars >= 200 && spaces >= 8 && spaces * 80 >= chars {
                out.push((at, at + line.len()));
            }
        }
        at += line.len() + 1;
    }
    out
}

fn pdf_paragraph_breaks(text: &str) -> Vec<usize> {
    let mut result = Vec::new();
    // Character offset of the line's start.
    let mut line_start = 0;
    let mut chars: Vec<char> = Vec::new();
    for line in text.split('\n') {
        let len = line.chars().count();
        // A line without a space has no segments: only lines with one are
        // copied out as characters.
        if len >= 200 && has_space(line) {
            chars.clear();
            chars.extend(line.chars());
            find_short_segments(&chars, line_start, &mut result);
        }
        line_start += len + 1;
    }
    result
}

fn find_short_segments(line: &[char], offset: usize, out: &mut Vec<usize>) {
    // (space index, display width of the segment before it)
    let mut candidates: Vec<(usize, usize)> = Vec::new();
    let mut width = 0usize;
    let mut i = 0;
    while i < line.len() {
        let c = line[i];
        if is_space(c) {
            let start = i;
            while i < line.len() && is_space(line[i]) {
                i += 1;
            }
            let prev = line[..start].iter().rev().find(|c| !is_space(**c)).copied();
            let next = line.get(i).copied();
            // A number right after the gap that starts a heading (1、) is
            // also a line break in waiting: the heading begins a paragraph.
            let heading_number = next.is_some_and(|c| c.is_ascii_digit())
                && line[i..].iter().take(3).skip(1).any(|c| *c == '、');
            if prev.is_some_and(is_wide) && (next.is_some_and(is_wide) || heading_number) {
                candidates.push((start, width));
                width = 0;
            } else {
                width += 1;
            }
            continue;
        }
        width += if is_wide(c) { 2 } else { 1 };
        i += 1;
    }
    // Few breaks per line means this is ordinary prose, not a PDF dump.
    if candidates.len() < 8 || candidates.len() * 80 < line.len() {
        return;
    }
    let mut widths: Vec<usize> = candidates.iter().map(|(_, w)| *w).collect();
    widths.sort_unstable();
    let typical = widths[widths.len() * 3 / 4];
    for (at, w) in candidates {
        if w * 10 < typical * 8 {
            out.push(offset + at);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_full_width_and_traditional() {
        let n = NormText::new("２０２１年（一）經濟發展８％");
        assert_eq!(n.text, "2021年(一)经济发展8%");
    }

    #[test]
    fn drops_spaces_between_cjk_and_keeps_offsets() {
        let original = "推动会 议召开 X 个街道 and more";
        let n = NormText::new(original);
        // A space next to a Chinese character is never a word separator.
        assert_eq!(n.text, "推动会议召开X个街道and more");
        let b = n.text.find("议").unwrap();
        assert_eq!(n.orig_start(b), 4);
        assert_eq!(n.orig_end(b + "议".len()), 5);
        let x = n.text.find('X').unwrap();
        assert_eq!(n.orig_start(x), 8);
    }

    #[test]
    fn spaces_a_pdf_put_inside_numbers_go() {
        let n = NormText::new(
            "由2 0 1 2年的9 . 5 4 %下降到8 . 5 2 %,调整为1 6 . 9 : 4 8 . 6 : 3 4 . 5",
        );
        assert_eq!(n.text, "由2012年的9.54%下降到8.52%,调整为16.9:48.6:34.5");
        let at = n.text.find("9.54").unwrap();
        assert_eq!(n.orig_start(at), 10);
        // Between longer numbers a space separates them.
        assert_eq!(
            NormText::new("2019 2020 and 3 items").text,
            "2019 2020 and 3 items"
        );
    }

    #[test]
    fn short_pdf_lines_become_paragraph_breaks() {
        let line = "这是一个用来测试的很长的段落文字内容需要足够长才能模拟";
        let mut text = String::new();
        for _ in 0..12 {
            text.push_str(line);
            text.push(' ');
        }
        text.push_str("短行结束 ");
        for _ in 0..4 {
            text.push_str(line);
            text.push(' ');
        }
        let n = NormText::new(&text);
        assert_eq!(n.text.matches('\n').count(), 1, "{}", n.text);
        assert!(n.text.contains("短行结束\n"));
    }

    /// The one-to-one pairs of zhconv's traditional → simplified tables
    /// (phrase rules are not used: they would change lengths and break the
    /// offset map), as `traditional.rs` lists them.
    fn zhconv_pairs() -> Vec<(char, char)> {
        let chars: Vec<char> = ('\u{4E00}'..='\u{9FFF}')
            .chain('\u{3400}'..='\u{4DBF}')
            .collect();
        let mut input = String::with_capacity(chars.len() * 4);
        for c in &chars {
            input.push(*c);
            input.push('\n');
        }
        let output = zhconv::zhconv(&input, zhconv::Variant::ZhHans);
        let mut pairs: Vec<(char, char)> = chars
            .iter()
            .zip(output.split('\n'))
            .filter_map(|(from, to)| {
                let mut it = to.chars();
                match (it.next(), it.next()) {
                    (Some(t), None) if t != *from => Some((*from, t)),
                    _ => None,
                }
            })
            .collect();
        pairs.sort_unstable();
        pairs
    }

    /// `src/document/traditional.rs` is generated from zhconv: after a
    /// zhconv upgrade, `PTKG_WRITE_TRADITIONAL=1 cargo test traditional`
    /// writes it anew.
    #[test]
    fn traditional_table_matches_zhconv() {
        let pairs = zhconv_pairs();
        if std::env::var_os("PTKG_WRITE_TRADITIONAL").is_some() {
            let mut out = String::from(
                "//! Traditional → simplified, one character to one character: the\n\
                 //! one-to-one pairs of zhconv's tables over U+3400..U+4DBF and\n\
                 //! U+4E00..U+9FFF. Generated by the test\n\
                 //! `normalise::tests::traditional_table_matches_zhconv`; do not edit.\n\n\
                 pub(crate) const TRADITIONAL: &[(char, char)] = &[\n",
            );
            for (from, to) in &pairs {
                out.push_str(&format!("    ('{from}', '{to}'),\n"));
            }
            out.push_str("];\n");
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/document/traditional.rs");
            std::fs::write(path, out).expect("write traditional.rs");
        }
        assert!(
            pairs == TRADITIONAL,
            "src/document/traditional.rs differs from zhconv; run `PTKG_WRITE_TRADITIONAL=1 cargo test traditional` to write it anew"
        );
    }

    #[test]
    fn inline_pinyin_after_han_is_dropped_and_offsets_kept() {
        let original = "推進(jìn)園區（qū）產(chǎn)業(yè)升級,完成投資5億元";
        let n = NormText::new(original);
        assert_eq!(n.text, "推进园区产业升级,完成投资5亿元");
        // 區 is character 8 of the original (after 推進(jìn)園).
        let b = n.text.find("区").unwrap();
        assert_eq!(n.orig_start(b), 8);
        assert_eq!(n.orig_end(b + "区".len()), 9);
        let five = n.text.find('5').unwrap();
        let chars: Vec<char> = original.chars().collect();
        assert_eq!(chars[n.orig_start(five)], '5');
    }

    #[test]
    fn brackets_that_are_not_pinyin_stay() {
        for text in [
            "地区生产总值(GDP)增长6%",
            "全年接待游客(人次)120万",
            "(一)稳住经济大盘",
            "建设智慧园区(一期)项目",
            "总投资12亿元(b)",
        ] {
            assert_eq!(NormText::new(text).text, text);
        }
    }

    #[test]
    fn toneless_syllables_go_only_beside_marked_ones() {
        let n = NormText::new("发(fā)展(zhǎn)的(de)目标");
        assert_eq!(n.text, "发展的目标");
        let n = NormText::new("新建园区(a)和园区(b)");
        assert_eq!(n.text, "新建园区(a)和园区(b)");
    }

    #[test]
    fn hard_wrapped_lines_are_joined_and_headings_keep_their_breaks() {
        let line = |s: &str| format!("{s}\n");
        let text = [
            line("一、项目建设"),
            line("今年全县上下紧盯目标任务,新开工项目四十五个,完成"),
            line("固定资产投资八十二亿元,同比增长百分之七点五,项目"),
            line("建设取得新的进展。全年新签约亿元以上项目二十个,到"),
            line("位资金三十亿元,招商引资工作成效明显,为全年经济平"),
            line("稳运行打下了坚实的基础。"),
            line("二、产业发展"),
            line("规模以上工业增加值增长百分之八,新增规上企业十二家"),
            line("，工业园区承载能力不断提升，主导产业链条进一步延伸"),
            line("工业园区承载能力不断提升,主导产业链条进一步延伸。"),
        ]
        .concat();
        let view = NormText::new(&text);
        let lines: Vec<&str> = view.text.lines().collect();
        assert_eq!(lines[0], "一、项目建设");
        assert!(lines[1].contains("完成固定资产投资") && lines[1].contains("到位资金"));
        assert!(lines[1].ends_with("坚实的基础。"));
        assert_eq!(lines[2], "二、产业发展");
        assert!(lines[3].contains("十二家,工业园区"), "{}", lines[3]);
        // A full line ending a sentence keeps its break; offsets still
        // point into the original.
        let at = view.text.find("到位").unwrap();
        assert_eq!(text.chars().nth(view.orig_start(at)), Some('到'));
        // Without a common width (an ordinary text) nothing is joined.
        let plain = "一、总体要求\n全县经济平稳运行\n项目建设加快推进,成效明显\n";
        assert_eq!(NormText::new(plain).text, plain);
        // Headings of one length in a short speech set no width and join
        // nothing: each keeps its line.
        let speech = [
            line("在全县高质量发展推进大会上的讲话"),
            line("一、聚焦乡村振兴,推动农业农村现代化"),
            line("要大力发展特色种植业,加快建设高标准农田。"),
            line("二、围绕产业转型升级抓好招商引资工作"),
            line("我们要以园区建设为抓手,推动产业集群发展"),
            line("三、以城市更新为载体,全面提升城市品质"),
            line("实施老旧小区改造,完善城市基础设施。"),
            line("四、持续优化营商环境,赋能民营经济发展"),
            line("深化放管服改革,打造一流营商环境。"),
            line("五、坚持以人民为中心,办好民生实事工程"),
        ]
        .concat();
        assert_eq!(NormText::new(&speech).text, speech);
    }

    #[test]
    fn a_page_is_measured_in_columns_when_digits_vary_its_character_count() {
        // Six lines of one page width (46–51 display columns), holding 25–36
        // characters as their digits take half a Han character's room.
        let text = "全县地区生产总值达到1865亿元比上年增长百分之六点\n\
                    五城镇居民人均可支配收入和农村居民人均可支配收入分\n\
                    别达到42170元18320元和15600元同比增长8.2%、9.1%和\n\
                    七点六全年完成固定资产投资326亿元新开工项目85个其\n\
                    中亿元以上项目32个新签约招商项目47个总投资达到\n\
                    215亿元各项主要经济指标保持在合理区间运行总体平稳。\n";
        let view = NormText::new(text);
        assert_eq!(view.text.lines().count(), 1, "{}", view.text);
        assert!(view.text.contains("9.1%和七点六"));
        assert!(view.text.contains("收入分别达到42170元"));
    }

    #[test]
    fn spaces_around_a_heading_pasted_onto_one_line_are_line_breaks() {
        let text =
            "白沙镇2020年工作总结和2021年工作思路 一、2020年工作回顾 2020年全镇财政收入3200万元,\
                    增长8%。二、2021年工作思路 2021年是开局之年。(一)抓项目 全年引进企业5家。";
        let lines: Vec<String> = NormText::new(text)
            .text
            .lines()
            .map(str::to_string)
            .collect();
        assert_eq!(
            lines,
            [
                "白沙镇2020年工作总结和2021年工作思路",
                "一、2020年工作回顾",
                "2020年全镇财政收入3200万元,增长8%。二、2021年工作思路",
                "2021年是开局之年。(一)抓项目",
                "全年引进企业5家。",
            ]
        );
        // A space right after a chapter's number opens its title on the
        // same line (第三章  主要任务): no break there.
        let view = NormText::new("第三章  主要任务\n第一节 聚焦康养胜地\n");
        assert_eq!(view.text, "第三章主要任务\n第一节聚焦康养胜地\n");
        // A space in prose before 一、二产业 or a decimal is no break.
        for prose in ["推动 一、二产业融合发展", "增长 1.5个百分点"] {
            assert_eq!(NormText::new(prose).text.lines().count(), 1, "{prose}");
        }
    }

    #[test]
    fn heading_numbers_open_headings_but_decimals_do_not() {
        for heading in [
            "一、总体要求",
            "(二)项目建设",
            "（三）民生",
            "第一部分",
            "3.招商引资",
            "12、园区",
        ] {
            assert!(opens_with_heading_number(heading), "{heading}");
        }
        for prose in ["1.5万元用于", "全县经济", "2024年,全县", "一是加快"] {
            assert!(!opens_with_heading_number(prose), "{prose}");
        }
    }

    #[test]
    fn ascii_quotes_and_stops_of_a_chinese_text_read_as_chinese_marks() {
        let original = "坚持\"两山\"理念,打造「一村一品」.全年增长1.5%.\n他说\"好.\n";
        let view = NormText::new(original);
        assert_eq!(
            view.text,
            "坚持“两山”理念,打造“一村一品”。全年增长1.5%。\n他说\"好。\n"
        );
        // Offsets still point at the marks they replace.
        let open = view.text.find('“').unwrap();
        assert_eq!(view.orig_start(open), 2);
        let stop = view.text.find('。').unwrap();
        assert_eq!(
            original.chars().nth(view.orig_start(stop)),
            Some('.'),
            "{view:?}"
        );
        // Letters and digits around a point keep it.
        assert_eq!(NormText::new("见www.gov.cn与3.2").text, "见www.gov.cn与3.2");
        // A digit after a stop opens the next sentence.
        assert_eq!(
            NormText::new("三大产业.2018年,产值8.5亿元.").text,
            "三大产业。2018年,产值8.5亿元。"
        );
    }

    #[test]
    fn removing_ranges_keeps_offsets() {
        let n = NormText::new("abc\n区委会议\nxyz");
        let cut = n.without_ranges(&[(0, 4)]);
        assert_eq!(cut.text, "区委会议\nxyz");
        assert_eq!(cut.orig_start(0), 4);
    }
}
