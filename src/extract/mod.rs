//! Extraction: one document's text → entities, sections and links, each with
//! provenance (character span in the original, the sentence, the rule id).
//!
//! [`Pipeline`] owns the compiled rules and is built once; `extract_*` runs
//! the stages read → normalise → boilerplate → structure → rules for one
//! document and returns an [`Extraction`], the shape `ptkg extract --format
//! json` prints and the store ingests. Targets, goals and measures plug in here
//! as further passes over the same view and structure.
//!
//! One file per pass: `entities` (entity rules, `located_in`),
//! [`targets`] (figures), [`goals`] (slogans, members, measures, serves,
//! involves); `text` holds the helpers they share (character spans,
//! sentence texts, overlap resolution), re-exported here.

mod entities;
pub mod goals;
mod jurisdiction;
pub mod numerals;
pub mod targets;
mod text;

pub use targets::TargetExtractor;
pub use text::{display_path, resolve_overlaps, CharIndex, SentenceTexts};
// The passes below (targets, goals) strip characters with it as `super::without`.
use text::{ends_with_any, without};

use entities::located_in_links;

use crate::document::read::PageMeta;
use crate::document::{self, NormText, SourceText};
use crate::error::Result;
use crate::model::{DocumentInfo, Extraction, NodeRef, RuleKind, SectionOut};
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
        self.extract_bytes(path, &display_path(path), &bytes)
    }

    /// Decodes and extracts a document's raw bytes, exactly as a file of
    /// that name would be (encoding detection, HTML by extension or
    /// content); `shown` is the path the record names.
    pub fn extract_bytes(
        &self,
        path: &std::path::Path,
        shown: &str,
        bytes: &[u8],
    ) -> Result<(SourceText, String, Extraction)> {
        let source =
            document::read::decode_document(path, bytes, document::read::is_html_path(path))?;
        let hash = document::content_hash(bytes);
        let ex = self.extract_source(shown, &hash, &source.text, &source.meta);
        Ok((source, hash, ex))
    }

    /// Extracts from a document's original (decoded) text.
    pub fn extract_text(&self, path: &str, hash: &str, original: &str) -> Extraction {
        self.extract_source(path, hash, original, &PageMeta::default())
    }

    /// Extracts from a document's original text and what its file declared
    /// outside the text (an HTML page's date).
    pub fn extract_source(
        &self,
        path: &str,
        hash: &str,
        original: &str,
        meta: &PageMeta,
    ) -> Extraction {
        let view = NormText::new(original);
        // A publication line is boilerplate the clean view drops; it dates
        // the document all the same.
        let publication = document::date::publication_line(&view.text);
        let view = self.clean_view(view);
        let structure = document::structure::analyse(&view, &self.rules);
        let index = CharIndex::new(original);
        let sentences = SentenceTexts::new(original, &index, &structure);
        let entities = self.entities(&view, &structure, &index, &sentences);
        let mut entities = entities;
        let mut links = located_in_links(&entities);
        let date = document::date::find(
            &view.text,
            &structure.title,
            publication,
            meta.page_date.as_deref(),
            path,
        );
        let jurisdiction = jurisdiction::find(
            &view.text,
            &structure.title,
            &entities,
            &self.rules.vocabulary().jurisdiction_cues,
        );
        let mut targets = self.targets.extract_dated(&view, &structure, date.as_ref());
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
        let places: Vec<&crate::model::Entity> = entities
            .iter()
            .filter(|e| e.kind == RuleKind::District)
            .collect();
        for t in &mut targets {
            t.figures.jurisdiction = jurisdiction::of_figure(
                &view.text,
                t.view_span.0,
                &places,
                jurisdiction.as_deref(),
            );
            t.provenance.sentence =
                sentences.get(t.sentence_span, (t.provenance.start, t.provenance.end));
            t.about = by_sentence
                .get(&t.sentence_span)
                .cloned()
                .unwrap_or_default();
        }
        let goals = goals::extract(&goals::Context {
            rules: &self.rules,
            words: &self.goal_words,
            view: &view,
            structure: &structure,
            original,
            index: &index,
            sentences: &sentences,
            entities: &entities,
            targets: &targets,
        });
        entities.extend(goals.entities);
        entities.sort_by_key(|e| (e.provenance.start, e.provenance.end));
        links.extend(goals.links);
        entities::drop_names_that_are_goals(
            &mut entities,
            &mut links,
            &mut targets,
            &self.rules.vocabulary().purpose_cues,
        );
        let mut warnings = goals.notes;
        if sentences.clipped() > 0 {
            warnings.push(format!(
                "{} facts are in sentences longer than {} characters; their evidence quotes only the text around each fact",
                sentences.clipped(),
                text::LONG_SENTENCE
            ));
        }
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
                date: date.map(|d| d.iso()),
                date_source: date.map(|d| d.source.as_str().to_string()),
                jurisdiction,
                text: None,
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
