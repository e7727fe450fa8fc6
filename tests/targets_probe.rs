// Temporary probe (to be deleted).
use ptkg::{CompiledRuleSet, Pipeline};
#[test]
fn probe() {
    let Ok(path) = std::env::var("PROBE") else {
        return;
    };
    let p = Pipeline::new(CompiledRuleSet::defaults().unwrap());
    for line in std::fs::read_to_string(path).unwrap().lines() {
        if line.trim().is_empty() {
            continue;
        }
        let ex = p.extract_text("case.txt", "0000000000000000", line);
        println!("== {line}");
        for t in &ex.targets {
            println!(
                "   [{}] vt={} v={:?} max={:?} red={} unit={} base={:?} {} year={:?} period={:?}",
                t.summary(),
                t.value_text,
                t.value,
                t.value_max,
                t.redacted,
                t.unit,
                t.base_value,
                t.base_unit,
                t.year,
                t.period
            );
        }
    }
}
