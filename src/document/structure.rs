//! Structure: the matching view → title, paragraphs, sentences and an outline
//! of sections (level, number, heading, span). Heading styles come from
//! `heading` rules. Levels follow the document: a style keeps the level it
//! first had, a new style nests under the current heading unless its `rank`
//! is above every open style; so 第一句话 → 1、 gives levels 1 and 2, and
//! 第一个问题 → ——四条新路 → 一、 gives 1, 2, 3.

use crate::document::normalise::NormText;
use crate::rules::{CompiledRule, CompiledRuleSet, RuleKind};

/// Byte range of the matching view.
pub type ByteRange = (usize, usize);

/// A sentence: its range in the view and in original characters.
#[derive(Debug, Clone, Copy)]
pub struct Sentence {
    pub norm: ByteRange,
    pub start: usize,
    pub end: usize,
}

/// A section of the outline.
#[derive(Debug, Clone)]
pub struct Section {
    pub level: u8,
    pub number: String,
    pub title: String,
    /// Original character span from the heading to the section's end.
    pub start: usize,
    pub end: usize,
    /// The same span in the view.
    pub norm: ByteRange,
    /// Where the heading ends in the view.
    pub heading_end: usize,
    /// Index of the enclosing section.
    pub parent: Option<usize>,
    pub rule: String,
}

/// What structure analysis finds in one document.
#[derive(Debug, Clone, Default)]
pub struct Structure {
    pub title: String,
    /// View byte range of the paragraphs that make the title.
    pub title_span: Option<ByteRange>,
    pub paragraphs: Vec<ByteRange>,
    pub sentences: Vec<Sentence>,
    pub sections: Vec<Section>,
}

impl Structure {
    /// Index of the sentence holding view byte `at`.
    pub fn sentence_at(&self, at: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.norm.1 <= at);
        (i < self.sentences.len() && self.sentences[i].norm.0 <= at).then_some(i)
    }

    /// The paragraph holding view byte `at` (paragraphs are sorted and
    /// disjoint: a binary search).
    pub fn paragraph_at(&self, at: usize) -> Option<&ByteRange> {
        let i = self.paragraphs.partition_point(|p| p.1 <= at);
        self.paragraphs.get(i).filter(|p| p.0 <= at)
    }

    /// Whether view byte `at` lies in a section's heading. Headings are
    /// disjoint lines in text order: only the last one starting at or
    /// before `at` can hold it.
    pub fn in_heading(&self, at: usize) -> bool {
        let started = self.sections.partition_point(|s| s.norm.0 <= at);
        started > 0 && at < self.sections[started - 1].heading_end
    }

    /// Index of the innermost section holding view byte `at`.
    pub fn section_at(&self, at: usize) -> Option<usize> {
        // Sections are in heading order: only those starting at or before
        // `at` can hold it, and the innermost is the last of them that does
        // (a binary search, then a walk back over the few that ended; a
        // scan of every section per fact was quadratic in headings).
        let started = self.sections.partition_point(|s| s.norm.0 <= at);
        (0..started).rev().find(|&i| at < self.sections[i].norm.1)
    }
}

const SENTENCE_END: &[char] = &['。', '!', '?', ';', '！', '？', '；'];
const CLOSERS: &[char] = &['”', '’', ')', '」', '』', '"'];

/// Analyses the view's structure.
pub fn analyse(view: &NormText, rules: &CompiledRuleSet) -> Structure {
    let text = view.text.as_str();
    let mut paragraphs = Vec::new();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches('\n');
        let lead = body.len() - body.trim_start().len();
        let body_t = body.trim();
        if !body_t.is_empty() {
            paragraphs.push((pos + lead, pos + lead + body_t.len()));
        }
        pos += line.len();
    }
    let mut sentences = Vec::new();
    for &(ps, pe) in &paragraphs {
        split_sentences(text, ps, pe, &mut sentences, view);
    }
    let headings: Vec<&CompiledRule> = rules.of_kind(RuleKind::Heading).collect();
    let mut found: Vec<(usize, usize, &CompiledRule, String, String)> = Vec::new(); // start, heading end, rule, number, title
    for &(ps, pe) in &paragraphs {
        // Heading at the start of the paragraph, or (inline rules) of a sentence.
        // The sentences are in text order: those starting inside the
        // paragraph are one slice (filtering all of them for each paragraph
        // grew with the square of the document).
        let first = sentences.partition_point(|s| s.norm.0 <= ps);
        let last = sentences.partition_point(|s| s.norm.0 < pe);
        let starts =
            std::iter::once(ps).chain(sentences[first..last.max(first)].iter().map(|s| s.norm.0));
        for start in starts {
            let inline = start != ps;
            if let Some(h) = heading_at(text, start, pe, &headings, inline) {
                found.push(h);
            }
        }
    }
    // Levels follow the outline as written: a numbering style keeps the
    // level it had when first seen; a new style goes one level below the
    // current heading, unless its rank is above every style open at the
    // moment, which makes it a new top level (第一个问题 after 一、…1、).
    let mut style_level: std::collections::HashMap<&str, u8> = std::collections::HashMap::new();
    let mut open: Vec<&CompiledRule> = Vec::new();
    let mut levels: Vec<u8> = Vec::with_capacity(found.len());
    for (_, _, rule, _, _) in &found {
        let level = match style_level.get(rule.id.as_str()) {
            Some(l) => *l,
            None => {
                let l = if open.iter().all(|o| rule.rank < o.rank) {
                    1
                } else {
                    open.len() as u8 + 1
                };
                style_level.insert(rule.id.as_str(), l);
                l
            }
        };
        open.truncate(level as usize - 1);
        open.push(rule);
        levels.push(level);
    }
    let mut sections: Vec<Section> = Vec::new();
    // The open sections, outermost first: a section's parent is the last
    // one of a lower level (searching every earlier section for it was
    // quadratic in headings).
    let mut open_sections: Vec<usize> = Vec::new();
    for (i, (start, hend, rule, number, title)) in found.iter().enumerate() {
        let level = levels[i];
        let end = found[i + 1..]
            .iter()
            .zip(&levels[i + 1..])
            .find(|(_, l)| **l <= level)
            .map(|(h, _)| h.0)
            .unwrap_or(text.len());
        while open_sections
            .last()
            .is_some_and(|&o| sections[o].level >= level || sections[o].norm.1 <= *start)
        {
            open_sections.pop();
        }
        let parent = open_sections.last().copied();
        open_sections.push(i);
        sections.push(Section {
            level,
            number: number.clone(),
            title: title.clone(),
            start: view.orig_start(*start),
            end: view.orig_end(trim_end(text, *start, end)),
            norm: (*start, end),
            heading_end: *hend,
            parent,
            rule: rule.id.clone(),
        });
    }
    let (title, title_span) = find_title(text, &paragraphs, &sections);
    Structure {
        title,
        title_span,
        paragraphs,
        sentences,
        sections,
    }
}

fn trim_end(text: &str, start: usize, end: usize) -> usize {
    start + text[start..end].trim_end().len()
}

fn heading_at<'r>(
    text: &str,
    start: usize,
    para_end: usize,
    rules: &[&'r CompiledRule],
    inline: bool,
) -> Option<(usize, usize, &'r CompiledRule, String, String)> {
    let para = &text[start..para_end];
    for rule in rules
        .iter()
        .filter(|r| (!inline || r.inline) && r.may_match_at_start(para))
    {
        if let Some(m) = heading_match(rule, para) {
            let number = m.number.clone().unwrap_or_default();
            return Some((start, start + m.end, rule, number, m.name));
        }
    }
    None
}

/// A heading rule's match at the very start of `para`, if the heading ends
/// where a sentence or the paragraph ends (otherwise this is running text
/// that happens to start with a number).
pub fn heading_match(rule: &CompiledRule, para: &str) -> Option<crate::rules::RuleMatch> {
    rule.find(para).into_iter().find(|m| {
        let after = para[m.end..].chars().next();
        m.start == 0
            && !m.name.is_empty()
            && after.is_none_or(|c| SENTENCE_END.contains(&c) || c == ':')
    })
}

fn split_sentences(text: &str, ps: usize, pe: usize, out: &mut Vec<Sentence>, view: &NormText) {
    let mut s = ps;
    let para = &text[ps..pe];
    let mut iter = para.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if SENTENCE_END.contains(&c) {
            let mut end = ps + i + c.len_utf8();
            while let Some(&(j, n)) = iter.peek() {
                if CLOSERS.contains(&n) || SENTENCE_END.contains(&n) {
                    end = ps + j + n.len_utf8();
                    iter.next();
                } else {
                    break;
                }
            }
            push_sentence(text, s, end, out, view);
            s = end;
        }
    }
    push_sentence(text, s, pe, out, view);
}

fn push_sentence(text: &str, s: usize, e: usize, out: &mut Vec<Sentence>, view: &NormText) {
    let lead = text[s..e].len() - text[s..e].trim_start().len();
    let s = s + lead;
    let e = s + text[s..e].trim().len();
    if e > s {
        out.push(Sentence {
            norm: (s, e),
            start: view.orig_start(s),
            end: view.orig_end(e),
        });
    }
}

/// Words a document's title ends with (在…会议上的讲话, 政府工作报告).
const TITLE_ENDINGS: &[&str] = &[
    "讲话",
    "报告",
    "致辞",
    "发言",
    "总结",
    "计划",
    "纲要",
    "公报",
    "讲话稿",
    "讲话材料",
];

/// The title: a short line near the top that ends like a title (讲话,
/// 报告 …; six characters at least, so 工作报告 in a menu is none) — a
/// web page's menu and breadcrumbs come before it — else the
/// first one or two short lines before the body, unless they are a
/// salutation (同志们:) or a heading.
fn find_title(
    text: &str,
    paragraphs: &[ByteRange],
    sections: &[Section],
) -> (String, Option<ByteRange>) {
    let titled = paragraphs
        .iter()
        .take(16)
        .take_while(|&&(s, e)| {
            !text[s..e].contains('。') && !sections.iter().any(|h| h.norm.0 == s)
        })
        .find(|&&(s, e)| {
            let p = text[s..e].trim_end_matches([')', '】', ' ']);
            (6..=60).contains(&p.chars().count()) && TITLE_ENDINGS.iter().any(|w| p.ends_with(w))
        });
    if let Some(&(s, e)) = titled {
        return (text[s..e].to_string(), Some((s, e)));
    }
    let mut parts: Vec<&str> = Vec::new();
    let mut span: Option<ByteRange> = None;
    for &(s, e) in paragraphs.iter().take(3) {
        let p = &text[s..e];
        let is_heading = sections.iter().any(|h| h.norm.0 == s);
        let chars = p.chars().count();
        let salutation = p.ends_with(':') || p.starts_with("同志们");
        if is_heading || salutation || p.contains('。') || chars > 40 {
            break;
        }
        if parts.contains(&p) {
            continue;
        }
        parts.push(p);
        span = Some((span.map_or(s, |sp| sp.0), e));
        if parts.len() == 2 || p.ends_with("讲话") || p.ends_with("报告") {
            break;
        }
    }
    (parts.join(" "), span)
}
