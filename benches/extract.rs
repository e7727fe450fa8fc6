//! Criterion benchmarks of the hot functions of `add` on one generated
//! ~30 KB speech (plain UTF-8, simplified characters, no web leftovers):
//! extraction (`NormText::new`, `structure::analyse`,
//! `Pipeline::extract_text`), then what the store makes of it on the same
//! worker threads (`doc_facts`: the book; `EncodedDocument::new`: slices,
//! index entries and compression). A second group extracts the real
//! speeches of `../shared/corpus/*.txt` and `../shared/corpus_web/*` (read
//! and decoded before timing, all of them per iteration); it is skipped
//! when `../shared` is absent.
//!
//! ```sh
//! cargo bench --bench extract
//! ```

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use ptkg::document::{structure, NormText};

#[path = "../examples/gen_corpus.rs"]
mod gen_corpus;

/// The first generated speech of 28–32 KB written as plain UTF-8.
fn speech() -> String {
    let world = gen_corpus::World::new(gen_corpus::DEFAULT_SEED);
    (1..10_000)
        .map(|i| gen_corpus::generate(&world, i))
        .find(|d| {
            d.encoding == gen_corpus::Encoding::Utf8
                && !d.traditional
                && !d.pdf
                && !d.web
                && (28_000..=32_000).contains(&d.text.len())
        })
        .map(|d| d.text)
        .expect("a 30 KB speech among the generated documents")
}

fn extract_benches(c: &mut Criterion) {
    let text = speech();
    let pipeline = ptkg::Pipeline::new(ptkg::CompiledRuleSet::defaults().expect("default rules"));
    let view = NormText::new(&text);

    let mut g = c.benchmark_group("speech_30kb");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("NormText::new", |b| {
        b.iter(|| NormText::new(black_box(&text)))
    });
    g.bench_function("structure::analyse", |b| {
        b.iter(|| structure::analyse(black_box(&view), &pipeline.rules))
    });
    g.sample_size(20);
    g.bench_function("Pipeline::extract_text", |b| {
        b.iter(|| pipeline.extract_text("bench/speech.txt", "0", black_box(&text)))
    });
    let ex = pipeline.extract_text("bench/speech.txt", "0", &text);
    let chars = text.chars().count();
    g.bench_function("store::doc_facts", |b| {
        b.iter(|| ptkg::store::doc_facts(black_box(&ex), chars))
    });
    let book = ptkg::store::doc_facts(&ex, chars);
    let record = ptkg::store::DocRecord {
        path: "bench/speech.txt".into(),
        hash: "0".repeat(16),
        ..Default::default()
    };
    g.bench_function("store::EncodedDocument::new", |b| {
        b.iter(|| ptkg::store::EncodedDocument::new(record.clone(), &text, black_box(&book)))
    });
    g.finish();
}

/// The decoded texts of the real speeches (`../shared/corpus/*.txt`,
/// `../shared/corpus_web/*`), in path order; empty when the folders are
/// absent.
fn real_speeches() -> Vec<(String, String)> {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let mut files: Vec<PathBuf> = Vec::new();
    for (dir, txt_only) in [("corpus", true), ("corpus_web", false)] {
        let Ok(entries) = std::fs::read_dir(shared.join(dir)) else {
            continue;
        };
        files.extend(
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file())
                .filter(|p| !txt_only || p.extension().is_some_and(|e| e == "txt")),
        );
    }
    files.sort();
    files
        .iter()
        .filter_map(|p| {
            let src = ptkg::document::read_file(p).ok()?;
            Some((p.display().to_string(), src.text))
        })
        .collect()
}

fn real_speech_benches(c: &mut Criterion) {
    let texts = real_speeches();
    if texts.is_empty() {
        eprintln!("real_speeches: ../shared/corpus and ../shared/corpus_web absent, skipped");
        return;
    }
    let pipeline = ptkg::Pipeline::new(ptkg::CompiledRuleSet::defaults().expect("default rules"));
    let bytes: usize = texts.iter().map(|(_, t)| t.len()).sum();
    let mut g = c.benchmark_group("real_speeches");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(20);
    g.bench_function("Pipeline::extract_text", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|(path, text)| {
                    let ex = pipeline.extract_text(path, "0", black_box(text));
                    ex.entities.len() + ex.targets.len() + ex.links.len()
                })
                .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group!(benches, extract_benches, real_speech_benches);
criterion_main!(benches);
