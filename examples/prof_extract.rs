//! Steady-state profile harness: extract documents 1–40 of DIR (warm-up),
//! then documents 41–60 in `measure`, for `valgrind --tool=callgrind
//! --toggle-collect=prof_extract::measure`.
use std::path::PathBuf;

#[inline(never)]
fn measure(pipeline: &ptkg::Pipeline, texts: &[(String, String, String)]) -> usize {
    measure_inner(pipeline, texts)
}

#[inline(never)]
fn warm_up(pipeline: &ptkg::Pipeline, texts: &[(String, String, String)]) -> usize {
    std::hint::black_box(measure_inner(pipeline, texts))
}

fn measure_inner(pipeline: &ptkg::Pipeline, texts: &[(String, String, String)]) -> usize {
    let mut n = 0;
    for (p, h, t) in texts {
        let ex = pipeline.extract_text(p, h, t);
        n += ex.entities.len() + ex.targets.len() + ex.links.len();
    }
    n
}

fn main() {
    let dir = PathBuf::from(std::env::args().nth(1).expect("DIR"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let texts: Vec<(String, String, String)> = files
        .iter()
        .take(60)
        .map(|p| {
            let src = ptkg::document::read_file(p).unwrap();
            let hash = ptkg::document::content_hash(src.text.as_bytes());
            (p.display().to_string(), hash, src.text)
        })
        .collect();
    let pipeline = ptkg::Pipeline::new(ptkg::CompiledRuleSet::defaults().unwrap());
    let warm = warm_up(&pipeline, &texts[..40]);
    let n = measure(&pipeline, &texts[40..]);
    let bytes: u64 = files[40..60]
        .iter()
        .map(|p| std::fs::metadata(p).unwrap().len())
        .sum();
    println!("warm {warm} facts {n} file bytes {bytes}");
}
