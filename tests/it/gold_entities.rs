//! Scores entity extraction with the default rules against the hand-made
//! gold list of tests/gold/entities.toml (the three corpus speeches).
//! Skips when ../shared/corpus is absent.

use crate::common;

use std::collections::{BTreeMap, BTreeSet};

use ptkg::{CompiledRuleSet, Pipeline};

#[derive(serde::Deserialize)]
struct Gold {
    doc: Vec<GoldDoc>,
}

#[derive(serde::Deserialize)]
struct GoldDoc {
    file: String,
    #[serde(flatten)]
    kinds: BTreeMap<String, Vec<String>>,
}

#[test]
fn entity_precision_and_recall_at_least_0_8_per_kind() {
    let Some(corpus) = common::corpus_dir() else {
        return;
    };
    let gold: Gold = common::gold("entities.toml");
    let pipeline = Pipeline::new(CompiledRuleSet::defaults().unwrap());
    let canonical = |kind: &str, name: &str| common::canonical(&pipeline, kind, name);
    // kind -> (hits, found, gold)
    let mut totals: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    for doc in &gold.doc {
        let (_, _, ex) = pipeline.extract_file(&corpus.join(&doc.file)).unwrap();
        for (kind, names) in &doc.kinds {
            let want: BTreeSet<String> = names.iter().map(|n| canonical(kind, n)).collect();
            let got: BTreeSet<String> = ex
                .entities
                .iter()
                .filter(|e| e.kind.as_str() == kind)
                .map(|e| e.name.to_string())
                .collect();
            for missing in want.difference(&got) {
                println!("{} {kind}: missed {missing}", doc.file);
            }
            for extra in got.difference(&want) {
                println!("{} {kind}: extra  {extra}", doc.file);
            }
            let (h, f, g) = common::precision_recall(&got, &want);
            let t = totals.entry(kind.clone()).or_default();
            t.0 += h;
            t.1 += f;
            t.2 += g;
        }
    }
    let mut failed = Vec::new();
    for (kind, (h, f, g)) in &totals {
        let p = *h as f64 / (*f).max(1) as f64;
        let r = *h as f64 / (*g).max(1) as f64;
        println!("{kind:13} precision {p:.3} ({h}/{f})  recall {r:.3} ({h}/{g})");
        if p < 0.8 || r < 0.8 {
            failed.push(kind.clone());
        }
    }
    assert!(failed.is_empty(), "below 0.8: {failed:?}");
}
