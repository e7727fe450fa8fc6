//! Work and output grow linearly with legal but unusual input (issue 16):
//! one sentence listing thousands of names, thousands of figures in one
//! sentence, a whole report on one line, tens of thousands of headings.
//! Counts prove it, not timings: what a rule returns, how many links a
//! paragraph makes and how many bytes the output takes at n and 2n must
//! double, not quadruple. The texts are generated here from a seeded list
//! of syllables.

use ptkg::{CompiledRuleSet, Pipeline};

/// A fictional name of `len` characters, the `i`th of a seeded sequence.
fn name(i: usize, len: usize) -> String {
    const SYLLABLES: &[char] = &[
        '青', '禾', '柳', '溪', '松', '岭', '桃', '源', '云', '湖', '石', '桥', '丰', '泽', '安',
        '宁',
    ];
    let mut x = i as u64 * 2654435761 + 97;
    (0..len)
        .map(|_| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            SYLLABLES[(x >> 59) as usize % SYLLABLES.len()]
        })
        .collect()
}

fn list_of_parks(n: usize) -> String {
    let names: Vec<String> = (0..n).map(|i| format!("{}产业园", name(i, 4))).collect();
    format!("今年要加快建设{}等项目。\n", names.join("、"))
}

fn figures_in_one_sentence(n: usize) -> String {
    let figures: Vec<String> = (0..n)
        .map(|i| format!("{}产量增长{}%", name(i, 2), 1 + i % 9))
        .collect();
    format!("全县{}。\n", figures.join(","))
}

fn slogans_on_one_line(n: usize) -> String {
    (0..n)
        .map(|i| {
            format!(
                "坚持“{}{}”,抓好“{}工程”建设,推动高质量发展。",
                name(i, 2),
                name(i + 7, 2),
                name(i + 3, 3)
            )
        })
        .collect::<String>()
        + "\n"
}

fn headings(n: usize) -> String {
    const NUMBERS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    (0..n)
        .map(|i| {
            format!(
                "{}、{}工作\n全面推进{}园区建设。\n",
                NUMBERS[i % 10],
                name(i, 4),
                name(i + 1, 3)
            )
        })
        .collect()
}

/// How `count` grows from n to 2n: about 2 when linear, 4 when quadratic.
fn growth(count: impl Fn(usize) -> usize, n: usize) -> f64 {
    count(2 * n) as f64 / count(n).max(1) as f64
}

fn json_bytes(pipeline: &Pipeline, text: &str) -> usize {
    let ex = pipeline.extract_text("long.txt", "0123456789abcdef", text);
    serde_json::to_string(&ex).unwrap().len()
}

#[test]
fn a_list_of_names_in_one_sentence_is_linear() {
    let rules = CompiledRuleSet::defaults().unwrap();
    let rule = rules
        .rules
        .iter()
        .find(|r| r.id == "project-with-suffix")
        .unwrap();
    // Every match walked back over the whole list before: n²/2 candidates.
    let candidates = |n: usize| rule.find(&list_of_parks(n)).len();
    let g = growth(candidates, 1500);
    assert!(g < 2.3, "rule matches grow {g:.2}× from n to 2n");
    let pipeline = Pipeline::new(rules);
    let g = growth(|n| json_bytes(&pipeline, &list_of_parks(n)), 1500);
    assert!(g < 2.3, "output grows {g:.2}× from n to 2n");
}

#[test]
fn figures_in_one_sentence_print_linear_output() {
    let pipeline = Pipeline::new(CompiledRuleSet::defaults().unwrap());
    let ex = pipeline.extract_text("long.txt", "0", &figures_in_one_sentence(2000));
    assert!(ex.targets.len() >= 1800, "{} figures", ex.targets.len());
    assert!(
        ex.targets
            .iter()
            .all(|t| t.provenance.sentence.chars().count() <= 450),
        "evidence is quoted around each figure"
    );
    assert!(ex
        .warnings
        .iter()
        .any(|w| w.contains("longer than 1000 characters")));
    let g = growth(|n| json_bytes(&pipeline, &figures_in_one_sentence(n)), 1000);
    assert!(g < 2.3, "output grows {g:.2}× from n to 2n");
}

#[test]
fn a_report_on_one_line_pairs_measures_and_goals_linearly() {
    let pipeline = Pipeline::new(CompiledRuleSet::defaults().unwrap());
    let serves = |n: usize| {
        let ex = pipeline.extract_text("long.txt", "0", &slogans_on_one_line(n));
        ex.links
            .iter()
            .filter(|l| l.relation == ptkg::model::Relation::Serves)
            .count()
    };
    assert!(serves(50) > 0);
    let g = growth(serves, 1000);
    assert!(g < 2.3, "serves links grow {g:.2}× from n to 2n");
}

#[test]
fn many_headings_give_linear_output() {
    let pipeline = Pipeline::new(CompiledRuleSet::defaults().unwrap());
    let sections = |n: usize| {
        pipeline
            .extract_text("long.txt", "0", &headings(n))
            .sections
            .len()
    };
    assert!(sections(100) >= 90);
    let g = growth(|n| json_bytes(&pipeline, &headings(n)), 3000);
    assert!(g < 2.3, "output grows {g:.2}× from n to 2n");
}
