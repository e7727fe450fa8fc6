//! Extraction: one document's text → entities, sections and links, each with
//! provenance (character span in the original, the sentence, the rule id).
//!
//! [`Pipeline`] owns the compiled rules and is built once; `extract_*` runs
//! the stages read → normalise → boilerplate → structure → rules for one
//! document and returns an [`Extraction`], the shape `ptkg extract --format
//! json` prints and the store ingests. Targets, goals and measures plug in here
//! as further passes over the same view and structure.

use std::cell::OnceCell;
use std::sync::Arc;

pub mod goals;
pub mod numerals;
pub mod targets;

pub use targets::TargetExtractor;

use crate::document::{self, NormText, SourceText, Structure};
use crate::error::Result;
use crate::model::{
    Basis, DocumentInfo, Entity, Extraction, Link, NodeRef, Relation, RuleKind, SectionOut,
};
use crate::rules::{BoilerplateDrop, CompiledRuleSet, Scanner};

/// Rules compiled once, run on any number of documents.
#[derive(Debug)]
pub struct Pipeline {
    pub rules: CompiledRuleSet,
    targets: TargetExtractor,
    goal_words: goals::GoalWords,
    /// Words and literals of the boilerplate rules, in one automaton.
    boilerplate: Scanner,
    /// Words and literals of the entity rules, in one automaton.
    entity_words: Scanner,
}

impl Pipeline {
    pub fn new(rules: CompiledRuleSet) -> Pipeline {
        let targets = TargetExtractor::new(&rules);
        let goal_words = goals::GoalWords::new(&rules);
        let boilerplate = Scanner::new(rules.of_kind(RuleKind::Boilerplate));
        let entity_words = Scanner::new(rules.rules.iter().filter(|r| r.kind.is_entity()));
        Pipeline {
            rules,
            targets,
            goal_words,
            boilerplate,
            entity_words,
        }
    }

    /// Reads, decodes and extracts one file.
    pub fn extract_file(&self, path: &std::path::Path) -> Result<(SourceText, String, Extraction)> {
        document::read::check_size(path)?;
        let bytes = std::fs::read(path).map_err(|e| crate::error::Error::Io {
            path: path.to_path_buf(),
            source: e,
        })?;
        let source =
            document::read::decode_document(path, &bytes, document::read::is_html_path(path))?;
        let hash = document::content_hash(&bytes);
        let ex = self.extract_text(&display_path(path), &hash, &source.text);
        Ok((source, hash, ex))
    }

    /// Extracts from a document's original (decoded) text.
    pub fn extract_text(&self, path: &str, hash: &str, original: &str) -> Extraction {
        let view = self.clean_view(NormText::new(original));
        let structure = document::structure::analyse(&view, &self.rules);
        let index = CharIndex::new(original);
        let sentences = SentenceTexts::new(original, &index, &structure);
        let entities = self.entities(&view, &structure, &index, &sentences);
        let mut entities = entities;
        let mut links = located_in_links(&entities);
        let mut targets = self.targets.extract(&view, &structure);
        // The entities of each sentence (no organizations), in order, once each.
        let mut by_sentence: std::collections::HashMap<
            (usize, usize),
            Vec<NodeRef>,
            crate::rules::FastHash,
        > = std::collections::HashMap::with_capacity_and_hasher(
            structure.sentences.len(),
            Default::default(),
        );
        for e in entities.iter().filter(|e| e.kind != RuleKind::Organization) {
            let v = by_sentence.entry(e.sentence_span).or_default();
            if !v.iter().any(|r| r.kind == e.kind && r.name == e.name) {
                v.push(NodeRef {
                    kind: e.kind,
                    name: e.name.clone(),
                });
            }
        }
        for t in &mut targets {
            t.sentence = sentences.get(t.sentence_span);
            t.about = by_sentence
                .get(&t.sentence_span)
                .cloned()
                .unwrap_or_default();
        }
        let goals = goals::extract(
            &self.rules,
            &self.goal_words,
            &view,
            &structure,
            original,
            &index,
            &sentences,
            &entities,
            &targets,
        );
        entities.extend(goals.entities);
        entities.sort_by_key(|e| (e.start, e.end));
        links.extend(goals.links);
        let mut warnings = Vec::new();
        if !reads_like_policy_text(&view.text) {
            warnings.push(
                "does not read like a government speech or work report (few policy words); extracted anyway, check the file"
                    .to_string(),
            );
        }
        Extraction {
            document: DocumentInfo {
                path: path.to_string(),
                hash: hash.to_string(),
                title: structure.title.clone(),
            },
            sections: structure
                .sections
                .iter()
                .map(|s| SectionOut {
                    level: s.level,
                    number: s.number.clone(),
                    title: s.title.clone(),
                    start: s.start,
                    end: s.end,
                    parent: s.parent,
                    rule: s.rule.clone(),
                    heading_end: view.orig_end(s.heading_end),
                })
                .collect(),
            entities,
            targets,
            links,
            warnings,
        }
    }

    /// Removes what boilerplate rules match from the view.
    fn clean_view(&self, view: NormText) -> NormText {
        let text = view.text.as_str();
        let mut ranges: Vec<(usize, usize)> = Vec::new();
        let hits = self.boilerplate.scan(text);
        for (rule, hits) in self.rules.of_kind(RuleKind::Boilerplate).zip(&hits) {
            for m in rule.find_scanned(text, hits) {
                match rule.drop {
                    BoilerplateDrop::Match => ranges.push((m.start, m.end)),
                    BoilerplateDrop::Line => {
                        let ls = text[..m.start].rfind('\n').map(|i| i + 1).unwrap_or(0);
                        let le = text[m.end..]
                            .find('\n')
                            .map(|i| m.end + i + 1)
                            .unwrap_or(text.len());
                        if text[ls..le].chars().count() <= rule.max_line_chars {
                            ranges.push((ls, le));
                        }
                    }
                }
            }
        }
        ranges.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::new();
        for (s, e) in ranges {
            match merged.last_mut() {
                Some(last) if s <= last.1 => last.1 = last.1.max(e),
                _ => merged.push((s, e)),
            }
        }
        if merged.is_empty() {
            return view;
        }
        view.without_ranges(&merged)
    }

    fn entities(
        &self,
        view: &NormText,
        structure: &Structure,
        index: &CharIndex,
        sentences: &SentenceTexts,
    ) -> Vec<Entity> {
        let original = sentences.original;
        let text = view.text.as_str();
        let mut places = Vec::new();
        let mut others = Vec::new();
        let mut goals = Vec::new();
        let hits = self.entity_words.scan(text);
        for (rule, hits) in self
            .rules
            .rules
            .iter()
            .filter(|r| r.kind.is_entity())
            .zip(&hits)
        {
            for m in rule.find_scanned(text, hits) {
                let cand = (m.start, m.end, rule.priority, (rule, m));
                match rule.kind {
                    RuleKind::District => places.push(cand),
                    // Goals overlap entities freely (建设现代化中心城区 holds a
                    // place name); they only compete with each other.
                    RuleKind::Goal => goals.push(cand),
                    _ => others.push(cand),
                }
            }
        }
        let others = resolve_overlaps(others);
        // A place may sit inside a project or organization name (临江区 in
        // 临江区智慧物流产业园); one that only half-overlaps loses.
        // `others` is in text order and its spans do not overlap, so the
        // ones overlapping a place are one slice, found by binary search
        // (testing every pair was 13 M instructions per 20 documents).
        let places: Vec<_> = resolve_overlaps(places)
            .into_iter()
            .filter(|(_, p)| {
                let first = others.partition_point(|(_, o)| o.end <= p.start);
                !others[first..]
                    .iter()
                    .take_while(|(_, o)| o.start < p.end)
                    .any(|(_, o)| !(o.start <= p.start && p.end <= o.end))
            })
            .collect();
        let mut all: Vec<_> = others
            .into_iter()
            .chain(places)
            .chain(resolve_overlaps(goals))
            .collect();
        all.sort_by_key(|(_, m)| (m.start, m.end));
        all.into_iter()
            .map(|(rule, m)| {
                let start = view.orig_start(m.start);
                let end = view.orig_end(m.end);
                let sentence_span = structure
                    .sentence_at(m.start)
                    .map(|i| (structure.sentences[i].start, structure.sentences[i].end))
                    .unwrap_or((start, end));
                Entity {
                    kind: rule.kind,
                    name: m.name.into(),
                    text: index.slice(original, start, end).to_string(),
                    start,
                    end,
                    sentence: sentences.get(sentence_span),
                    rule: rule.shared_id.clone(),
                    section: structure.section_at(m.start),
                    sentence_span,
                    view_span: (m.start, m.end),
                }
            })
            .collect()
    }
}

/// Words that every speech and work report uses over and over. A text with
/// hardly any of them is probably not one (a manual, a menu, a wrong file).
const POLICY_WORDS: &[&str] = &[
    "发展", "工作", "建设", "推进", "政府", "同志", "全区", "全市", "全县", "改革", "项目", "经济",
    "群众", "党", "落实", "加快", "实施", "企业",
];

fn reads_like_policy_text(text: &str) -> bool {
    use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
    static WORDS: std::sync::OnceLock<AhoCorasick> = std::sync::OnceLock::new();
    let ac = WORDS.get_or_init(|| {
        AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .match_kind(MatchKind::Standard)
            .build(POLICY_WORDS)
            .expect("policy words compile")
    });
    let chars = text.chars().count().max(1);
    // Real speeches run at 15–40 hits per 1000 characters; 4 is far below.
    let enough = |hits: usize| hits * 1000 / chars >= 4;
    // Each word counts its non-overlapping occurrences (as `str::matches`):
    // from all occurrences in one pass, those starting after the word's
    // previous counted one. Hits only grow, so stop once there are enough.
    let mut last_end = [0usize; POLICY_WORDS.len()];
    let mut hits = 0;
    for m in ac.find_overlapping_iter(text) {
        let w = m.pattern().as_usize();
        if m.start() >= last_end[w] {
            last_end[w] = m.end();
            hits += 1;
            if enough(hits) {
                return true;
            }
        }
    }
    enough(hits)
}

/// `s` without the characters `drop` matches: a plain copy when it has none,
/// which most have (collecting char by char costs several times a copy).
fn without(s: &str, drop: impl Fn(char) -> bool) -> String {
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

/// Projects with a place inside their name are located in that place.
fn located_in_links(entities: &[Entity]) -> Vec<Link> {
    let mut links = Vec::new();
    // Entities come sorted by start (checked): the ones starting inside a
    // project are one slice.
    let sorted = entities.windows(2).all(|w| w[0].start <= w[1].start);
    for p in entities.iter().filter(|e| e.kind == RuleKind::Project) {
        let inside = if sorted {
            let lo = entities.partition_point(|e| e.start < p.start);
            let hi = entities.partition_point(|e| e.start <= p.end);
            &entities[lo..hi.max(lo)]
        } else {
            entities
        };
        for d in inside
            .iter()
            .filter(|e| e.kind == RuleKind::District && p.start <= e.start && e.end <= p.end)
        {
            links.push(Link {
                relation: Relation::LocatedIn,
                from: NodeRef {
                    kind: p.kind,
                    name: p.name.clone(),
                },
                to: NodeRef {
                    kind: d.kind,
                    name: d.name.clone(),
                },
                basis: Basis::Name,
                sentence: p.sentence.clone(),
                start: p.start,
                end: p.end,
                rule: p.rule.clone(),
            });
        }
    }
    links
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
    original: &'a str,
    index: &'a CharIndex,
    /// Original character spans of the sentences, in text order.
    spans: Vec<(usize, usize)>,
    texts: Vec<OnceCell<Arc<str>>>,
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
        }
    }

    /// The trimmed original text of a character span, shared when the span
    /// is a sentence's.
    pub fn get(&self, span: (usize, usize)) -> Arc<str> {
        let text = || Arc::from(self.index.slice(self.original, span.0, span.1).trim());
        let i = self.spans.partition_point(|s| *s < span);
        match self.spans.get(i) {
            Some(s) if *s == span => self.texts[i].get_or_init(text).clone(),
            _ => text(),
        }
    }
}

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
