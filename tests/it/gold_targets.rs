//! Scores target extraction with the default rules against the hand-made
//! gold annotation of every figure in the three corpus speeches
//! (tests/gold/targets.toml). Prints precision and recall on
//! metric + value + unit and the share of matched figures whose status is
//! right. Skips when ../shared/corpus is absent.
//!
//! A predicted figure matches a gold one when it stands in the gold
//! context, has the same value (or both are anonymised), the same unit, and
//! a metric that names the same thing: equal, or one containing the other
//! once anonymised placeholders are removed.

use crate::common;

use ptkg::{CompiledRuleSet, Pipeline};

#[derive(serde::Deserialize)]
struct Gold {
    doc: Vec<GoldDoc>,
}

#[derive(serde::Deserialize)]
struct GoldDoc {
    file: String,
    #[serde(default)]
    target: Vec<GoldTarget>,
}

#[derive(serde::Deserialize)]
#[allow(dead_code)]
struct GoldTarget {
    metric: String,
    value: Option<f64>,
    #[serde(default)]
    redacted: bool,
    value_text: String,
    unit: String,
    status: String,
    context: String,
}

fn same_metric(a: &str, b: &str) -> bool {
    let clean = |s: &str| s.replace('X', "");
    let (a, b) = (clean(a), clean(b));
    !a.is_empty() && !b.is_empty() && (a.contains(&b) || b.contains(&a))
}

#[test]
fn target_precision_recall_and_status() {
    let Some(corpus) = common::corpus_dir() else {
        return;
    };
    let gold: Gold = common::gold("targets.toml");
    let pipeline = Pipeline::new(CompiledRuleSet::defaults().unwrap());
    let (mut matched, mut predicted, mut wanted, mut status_ok) = (0usize, 0usize, 0usize, 0usize);
    for doc in &gold.doc {
        let path = corpus.join(&doc.file);
        let (_, _, ex) = pipeline.extract_file(&path).unwrap();
        let flat = common::flat;
        let sentences: Vec<String> = ex
            .targets
            .iter()
            .map(|t| flat(&t.provenance.sentence))
            .collect();
        predicted += ex.targets.len();
        wanted += doc.target.len();
        let mut used = vec![false; ex.targets.len()];
        for g in &doc.target {
            // The gold context around the figure, split at the figure: the
            // predicted figure's sentence must hold the part before or after.
            let (left, right) = common::context_halves(&g.context, &g.value_text);
            let hit = ex.targets.iter().enumerate().find(|(i, t)| {
                !used[*i]
                    && (sentences[*i].contains(&left) || sentences[*i].contains(&right))
                    && t.figures.unit == g.unit
                    && (if g.redacted {
                        t.figures.redacted
                    } else {
                        t.figures.value == g.value
                    })
                    && same_metric(&t.figures.metric, &g.metric)
            });
            match hit {
                Some((i, t)) => {
                    used[i] = true;
                    matched += 1;
                    if t.figures.status.as_str() == g.status {
                        status_ok += 1;
                    } else {
                        println!(
                            "{} status {} (gold {}): {} {}",
                            doc.file, t.figures.status, g.status, g.metric, g.value_text
                        );
                    }
                }
                None => println!(
                    "{} missed {} {} [{}]",
                    doc.file, g.metric, g.value_text, g.context
                ),
            }
        }
        for (i, t) in ex.targets.iter().enumerate() {
            if !used[i] {
                println!(
                    "{} extra  {} {} ({})",
                    doc.file,
                    t.figures.metric,
                    t.figures.value_text,
                    t.provenance.sentence.chars().take(30).collect::<String>()
                );
            }
        }
    }
    let p = matched as f64 / predicted.max(1) as f64;
    let r = matched as f64 / wanted.max(1) as f64;
    let s = status_ok as f64 / matched.max(1) as f64;
    println!("targets: precision {p:.3} ({matched}/{predicted})  recall {r:.3} ({matched}/{wanted})  status {s:.3} ({status_ok}/{matched})");
    // The bar of issue 3: 0.95 on each.
    assert!(
        p >= 0.95 && r >= 0.95 && s >= 0.95,
        "precision {p:.3}, recall {r:.3}, status {s:.3}: below 0.95"
    );
}
