//! An [`Extraction`] → the facts the store keeps for one document: nodes,
//! edges and one provenance row per (fact, span), gathered into a [`Book`].
//! This is where the graph model's merge rules live: entities merge by kind
//! and normalised name, anonymised names stay inside their speech, sections
//! belong to theirs. One pass per part of the extraction: the speech, its
//! outline, the entities, the targets (with their typed figures), the links.

use std::collections::{BTreeMap, HashMap};

use super::book::{Book, BookBuilder, NodeData, ProvRecord};
use crate::model::{
    short_hash, Basis, Extraction, NodeKey, NodeKind, NodeRef, Relation, RuleKind, Target,
    TargetRecord,
};

/// Key of the speech node of a document with content hash `hash`.
pub(crate) fn speech_key(hash: &str) -> NodeKey {
    NodeKey::new(NodeKind::Speech, hash)
}

/// Builds the facts of one extraction. `chars` is the document's length.
pub fn doc_facts(ex: &Extraction, chars: usize) -> Book {
    let mut facts = DocFacts {
        ex,
        hash: &ex.document.hash,
        speech: speech_key(&ex.document.hash),
        sections: Vec::with_capacity(ex.sections.len()),
        book: BookBuilder::default(),
    };
    facts.speech(chars);
    facts.sections();
    facts.entities();
    facts.targets();
    facts.links();
    // An edge keeps one occurrence per document, its first: every edge has
    // an end that belongs to this speech (a section, measure or target), or
    // links two names the speech states once (located_in, goal → goal), so
    // one says all that removal needs. Nodes keep every occurrence: `show`
    // lists every sentence that names them.
    facts.book.finish()
}

/// One document's facts in the making.
struct DocFacts<'a> {
    ex: &'a Extraction,
    hash: &'a str,
    speech: NodeKey,
    /// Keys of the sections, in the extraction's order.
    sections: Vec<NodeKey>,
    book: BookBuilder,
}

impl DocFacts<'_> {
    /// The section holding a fact, or the speech.
    fn container(&self, section: Option<usize>) -> NodeKey {
        section
            .map(|i| self.sections[i].clone())
            .unwrap_or_else(|| self.speech.clone())
    }

    fn speech(&mut self, chars: usize) {
        let doc = &self.ex.document;
        let mut attrs = BTreeMap::new();
        attrs.insert("path".to_string(), doc.path.clone());
        attrs.insert("title".to_string(), doc.title.clone());
        let name = if doc.title.is_empty() {
            doc.path.clone()
        } else {
            doc.title.clone()
        };
        let prov = ProvRecord {
            rule: "document".into(),
            sentence: (0, 0),
        };
        let data = NodeData {
            name,
            attrs,
            target: None,
        };
        self.book.node(&self.speech, data, (0, chars), &prov);
    }

    /// Sections: keyed by speech and outline path (1, 1.2, 1.2.3).
    fn sections(&mut self) {
        let sections = &self.ex.sections;
        let mut paths: Vec<String> = Vec::with_capacity(sections.len());
        let mut child_counts: Vec<usize> = vec![0; sections.len()];
        let mut top_count = 0usize;
        for s in sections {
            let ordinal = match s.parent {
                Some(p) => {
                    child_counts[p] += 1;
                    format!("{}.{}", paths[p], child_counts[p])
                }
                None => {
                    top_count += 1;
                    top_count.to_string()
                }
            };
            let key = NodeKey::new(
                NodeKind::Section,
                format!("{}/{}", short_hash(self.hash), ordinal),
            );
            let span = (s.start, s.end);
            let prov = ProvRecord {
                rule: s.rule.clone(),
                sentence: (s.start as u32, s.heading_end as u32),
            };
            let mut attrs = BTreeMap::new();
            attrs.insert("number".to_string(), s.number.clone());
            attrs.insert("level".to_string(), s.level.to_string());
            attrs.insert("speech".to_string(), self.hash.to_string());
            let data = NodeData {
                name: format!("{} {}", s.number, s.title),
                attrs,
                target: None,
            };
            self.book.node(&key, data, span, &prov);
            let parent = self.container(s.parent);
            let outline = Some(Basis::Outline);
            self.book
                .edge(&parent, Relation::Contains, &key, outline, span, &prov);
            self.sections.push(key);
            paths.push(ordinal);
        }
    }

    fn entities(&mut self) {
        for e in &self.ex.entities {
            let Some(kind) = NodeKind::from_rule_kind(e.kind) else {
                continue;
            };
            let key = NodeKey::entity(kind, &e.name, self.hash);
            let prov = ProvRecord {
                rule: e.provenance.rule.to_string(),
                sentence: (e.sentence_span.0 as u32, e.sentence_span.1 as u32),
            };
            let data = NodeData {
                name: e.name.to_string(),
                ..NodeData::default()
            };
            let span = e.provenance.span();
            self.book.node(&key, data, span, &prov);
            let container = self.container(e.section);
            self.book
                .edge(&container, Relation::Mentions, &key, None, span, &prov);
        }
    }

    fn targets(&mut self) {
        for t in &self.ex.targets {
            self.target(t);
        }
    }

    /// A target with its figures, its metric and what it is about.
    fn target(&mut self, t: &Target) {
        let span = t.provenance.span();
        let key = NodeKey::new(
            NodeKind::Target,
            format!("{}/{}-{}", short_hash(self.hash), span.0, span.1),
        );
        let prov = ProvRecord {
            rule: t.provenance.rule.to_string(),
            sentence: (t.sentence_span.0 as u32, t.sentence_span.1 as u32),
        };
        let record = TargetRecord::from(t);
        let data = NodeData {
            name: t.figures.display_name(),
            attrs: BTreeMap::new(),
            // What the target is about, also as `about` edges: kept with
            // the figures so that `query targets --metric` reads the
            // metric's index and nothing else.
            target: Some(record),
        };
        self.book.node(&key, data, span, &prov);
        let container = self.container(t.section);
        self.book
            .edge(&container, Relation::Contains, &key, None, span, &prov);
        if !t.figures.metric.is_empty() {
            let metric = NodeKey::new(NodeKind::Metric, t.figures.metric.clone());
            let data = NodeData {
                name: t.figures.metric.clone(),
                ..NodeData::default()
            };
            self.book.node(&metric, data, span, &prov);
            self.book
                .edge(&key, Relation::OfMetric, &metric, None, span, &prov);
        }
        for r in &t.about {
            if let Some(kind) = NodeKind::from_rule_kind(r.kind) {
                let about = NodeKey::entity(kind, &r.name, self.hash);
                self.book
                    .edge(&key, Relation::About, &about, None, span, &prov);
            }
        }
    }

    /// The node a link names.
    fn node_of(&self, r: &NodeRef) -> Option<NodeKey> {
        if r.kind == RuleKind::Figure {
            // Links to targets name them by their span.
            return Some(NodeKey::new(
                NodeKind::Target,
                format!("{}/{}", short_hash(self.hash), r.name),
            ));
        }
        NodeKind::from_rule_kind(r.kind).map(|k| NodeKey::entity(k, &r.name, self.hash))
    }

    fn links(&mut self) {
        // The sentence of a link is that of the entity at its span, if any.
        let mut sentence_at: HashMap<(usize, usize), (u32, u32)> =
            HashMap::with_capacity(self.ex.entities.len());
        for e in &self.ex.entities {
            sentence_at
                .entry((e.provenance.start, e.provenance.end))
                .or_insert((e.sentence_span.0 as u32, e.sentence_span.1 as u32));
        }
        for l in &self.ex.links {
            let (Some(from), Some(to)) = (self.node_of(&l.from), self.node_of(&l.to)) else {
                continue;
            };
            let prov = ProvRecord {
                rule: l.provenance.rule.to_string(),
                sentence: sentence_at
                    .get(&(l.provenance.start, l.provenance.end))
                    .copied()
                    .unwrap_or((l.provenance.start as u32, l.provenance.end as u32)),
            };
            let span = (l.provenance.start, l.provenance.end);
            self.book
                .edge(&from, l.relation, &to, Some(l.basis), span, &prov);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Pipeline;
    use crate::rules::CompiledRuleSet;

    const SPEECH: &str = "在临江区经济工作会议上的讲话\n一、稳住经济基本盘\n今年临江区地区生产总值力争增长6.5%左右,一般公共预算收入增长5%。\n";

    fn extraction() -> Extraction {
        let pipeline = Pipeline::new(CompiledRuleSet::defaults().unwrap());
        pipeline.extract_text("linjiang.txt", "0123456789abcdef", SPEECH)
    }

    #[test]
    fn a_targets_figures_survive_the_book_typed() {
        let ex = extraction();
        assert!(!ex.targets.is_empty(), "the speech states figures");
        let book = doc_facts(&ex, SPEECH.chars().count());
        let back = Book::decode(&book.encode(true).unwrap()).unwrap();
        for t in &ex.targets {
            let key = NodeKey::new(
                NodeKind::Target,
                format!(
                    "{}/{}-{}",
                    short_hash(&ex.document.hash),
                    t.provenance.start,
                    t.provenance.end
                ),
            );
            let node = back.node(&key).expect("the target is in the book");
            let record = node.target.as_ref().expect("with its figures");
            assert_eq!(*record, TargetRecord::from(t));
            assert_eq!(record.figures.value, t.figures.value);
            assert_eq!(record.figures.year, t.figures.year);
            // The exporters see the figures as attributes, as before.
            assert_eq!(node.record().attrs, record.attrs());
            assert_eq!(
                node.name,
                format!("{} {}", t.figures.metric, t.figures.value_text)
            );
        }
    }
}
