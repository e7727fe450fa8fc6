//! An [`Extraction`] → the facts the store keeps for one document: nodes,
//! edges and one provenance row per (fact, span). This is where the graph
//! model's merge rules live: entities merge by kind and normalised name,
//! anonymised names stay inside their speech, sections belong to theirs.

use super::book::{Book, BookBuilder, ProvRecord};
use crate::model::Extraction;
use crate::model::{short_hash, NodeKey, NodeKind, NodeRecord, Relation};

/// A target's node record: its figures as attributes.
fn target_record(t: &crate::model::Target) -> NodeRecord {
    use crate::model::format_number;
    let mut attrs = std::collections::BTreeMap::new();
    let mut put = |k: &str, v: String| {
        if !v.is_empty() {
            attrs.insert(k.to_string(), v);
        }
    };
    put("metric", t.metric.clone());
    put("value", t.value.map(format_number).unwrap_or_default());
    put(
        "value_max",
        t.value_max.map(format_number).unwrap_or_default(),
    );
    put("value_text", t.value_text.clone());
    put(
        "redacted",
        if t.redacted {
            "true".into()
        } else {
            String::new()
        },
    );
    put("unit", t.unit.clone());
    put(
        "base_value",
        t.base_value.map(format_number).unwrap_or_default(),
    );
    put("base_unit", t.base_unit.clone());
    put("change", t.change.clone());
    put("qualifier", t.qualifier.clone());
    put("status", t.status.clone());
    put("year", t.year.map(|y| y.to_string()).unwrap_or_default());
    put("period", t.period.clone().unwrap_or_default());
    // What the target is about, also as `about` edges: kept on the record so
    // that `query targets --metric` reads the metric's slices and nothing else.
    put(
        "about",
        t.about
            .iter()
            .map(|r| &*r.name)
            .collect::<Vec<_>>()
            .join("、"),
    );
    NodeRecord {
        kind: NodeKind::Target,
        name: format!("{} {}", t.metric, t.value_text),
        attrs,
    }
}

/// Key of the speech node of a document with content hash `hash`.
pub fn speech_key(hash: &str) -> NodeKey {
    NodeKey::new(NodeKind::Speech, hash)
}

/// Builds the facts of one extraction. `chars` is the document's length.
pub fn doc_facts(ex: &Extraction, chars: usize) -> Book {
    let mut f = BookBuilder::default();
    let hash = &ex.document.hash;
    let speech = speech_key(hash);
    let mut attrs = std::collections::BTreeMap::new();
    attrs.insert("path".to_string(), ex.document.path.clone());
    attrs.insert("title".to_string(), ex.document.title.clone());
    let name = if ex.document.title.is_empty() {
        ex.document.path.clone()
    } else {
        ex.document.title.clone()
    };
    let whole = (0, chars);
    let doc_prov = ProvRecord {
        rule: "document".into(),
        sentence: (0, 0),
    };
    f.node(
        &speech,
        NodeRecord {
            kind: NodeKind::Speech,
            name,
            attrs,
        },
        whole,
        &doc_prov,
    );
    // Sections: keyed by speech and outline path (1, 1.2, 1.2.3).
    let mut section_keys: Vec<NodeKey> = Vec::with_capacity(ex.sections.len());
    let mut paths: Vec<String> = Vec::with_capacity(ex.sections.len());
    let mut child_counts: Vec<usize> = vec![0; ex.sections.len()];
    let mut top_count = 0usize;
    for s in &ex.sections {
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
            format!("{}/{}", short_hash(hash), ordinal),
        );
        let span = (s.start, s.end);
        let prov = ProvRecord {
            rule: s.rule.clone(),
            sentence: (s.start as u32, s.heading_end as u32),
        };
        let mut attrs = std::collections::BTreeMap::new();
        attrs.insert("number".to_string(), s.number.clone());
        attrs.insert("level".to_string(), s.level.to_string());
        attrs.insert("speech".to_string(), hash.clone());
        f.node(
            &key,
            NodeRecord {
                kind: NodeKind::Section,
                name: format!("{} {}", s.number, s.title),
                attrs,
            },
            span,
            &prov,
        );
        let parent = s
            .parent
            .map(|p| section_keys[p].clone())
            .unwrap_or_else(|| speech.clone());
        f.edge(&parent, Relation::Contains, &key, "outline", span, &prov);
        section_keys.push(key);
        paths.push(ordinal);
    }
    for e in &ex.entities {
        let Some(kind) = NodeKind::from_rule_kind(e.kind) else {
            continue;
        };
        let key = NodeKey::entity(kind, &e.name, hash);
        let prov = ProvRecord {
            rule: e.rule.to_string(),
            sentence: (e.sentence_span.0 as u32, e.sentence_span.1 as u32),
        };
        f.node(
            &key,
            NodeRecord {
                kind,
                name: e.name.to_string(),
                attrs: Default::default(),
            },
            (e.start, e.end),
            &prov,
        );
        let container = e
            .section
            .map(|i| section_keys[i].clone())
            .unwrap_or_else(|| speech.clone());
        f.edge(
            &container,
            Relation::Mentions,
            &key,
            "",
            (e.start, e.end),
            &prov,
        );
    }
    for t in &ex.targets {
        let key = NodeKey::new(
            NodeKind::Target,
            format!("{}/{}-{}", short_hash(hash), t.start, t.end),
        );
        let prov = ProvRecord {
            rule: t.rule.to_string(),
            sentence: (t.sentence_span.0 as u32, t.sentence_span.1 as u32),
        };
        let span = (t.start, t.end);
        f.node(&key, target_record(t), span, &prov);
        let container = t
            .section
            .map(|i| section_keys[i].clone())
            .unwrap_or_else(|| speech.clone());
        f.edge(&container, Relation::Contains, &key, "", span, &prov);
        if !t.metric.is_empty() {
            let metric = NodeKey::new(NodeKind::Metric, t.metric.clone());
            f.node(
                &metric,
                NodeRecord {
                    kind: NodeKind::Metric,
                    name: t.metric.clone(),
                    attrs: Default::default(),
                },
                span,
                &prov,
            );
            f.edge(&key, Relation::OfMetric, &metric, "", span, &prov);
        }
        for r in &t.about {
            if let Some(kind) = NodeKind::from_rule_kind(r.kind) {
                f.edge(
                    &key,
                    Relation::About,
                    &NodeKey::entity(kind, &r.name, hash),
                    "",
                    span,
                    &prov,
                );
            }
        }
    }
    let node_of = |r: &crate::model::NodeRef| -> Option<NodeKey> {
        if r.kind == crate::model::RuleKind::Figure {
            // Links to targets name them by their span.
            return Some(NodeKey::new(
                NodeKind::Target,
                format!("{}/{}", short_hash(hash), r.name),
            ));
        }
        NodeKind::from_rule_kind(r.kind).map(|k| NodeKey::entity(k, &r.name, hash))
    };
    // The sentence of a link is that of the entity at its span, if any.
    let mut sentence_at: std::collections::HashMap<(usize, usize), (u32, u32)> =
        std::collections::HashMap::with_capacity(ex.entities.len());
    for e in &ex.entities {
        sentence_at
            .entry((e.start, e.end))
            .or_insert((e.sentence_span.0 as u32, e.sentence_span.1 as u32));
    }
    for l in &ex.links {
        let (Some(from), Some(to)) = (node_of(&l.from), node_of(&l.to)) else {
            continue;
        };
        let rel = l.relation;
        let prov = ProvRecord {
            rule: l.rule.to_string(),
            sentence: sentence_at
                .get(&(l.start, l.end))
                .copied()
                .unwrap_or((l.start as u32, l.end as u32)),
        };
        f.edge(&from, rel, &to, l.basis.as_str(), (l.start, l.end), &prov);
    }
    // An edge keeps one occurrence per document, its first: every edge has
    // an end that belongs to this speech (a section, measure or target), or
    // links two names the speech states once (located_in, goal → goal), so
    // one says all that removal needs. Nodes keep every occurrence: `show`
    // lists every sentence that names them.
    f.finish()
}
