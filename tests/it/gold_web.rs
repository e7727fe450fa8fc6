//! Scores extraction on the development corpus `../shared/corpus_web` (sixty
//! real excerpts of government pages) against the gold written for it
//! without looking at the rules (tests/gold/web/NNN.toml, one file per
//! text). The corpus is split once, by a fixed rule: odd file numbers are
//! the **tune** half (look at its misses while changing rules), even numbers
//! the **measure** half (only scored when a change is done). Both halves are
//! printed; a measure half far below the tune half means the rules memorise.
//! Skips when ../shared/corpus_web is absent.
//!
//! Matching is as in the corpus gold tests: a figure matches when it stands
//! in the gold context with the same value (or both anonymised), the same
//! unit and a metric naming the same thing; entities by kind and canonical
//! name; serves pairs and goals when the names are equal or one holds the
//! other.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use ptkg::extract::Pipeline;
use ptkg::model::{Extraction, Relation};
use ptkg::rules::CompiledRuleSet;

use crate::common::{self, flat};

#[derive(serde::Deserialize)]
struct GoldDoc {
    file: String,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    jurisdiction: Option<String>,
    #[serde(default)]
    district: Vec<String>,
    #[serde(default)]
    project: Vec<String>,
    #[serde(default)]
    sector: Vec<String>,
    #[serde(default)]
    organization: Vec<String>,
    #[serde(default)]
    goals: Vec<String>,
    #[serde(default)]
    serves: Vec<GoldPair>,
    #[serde(default)]
    members: Vec<GoldMember>,
    #[serde(default)]
    target: Vec<GoldTarget>,
}

#[derive(serde::Deserialize)]
struct GoldPair {
    measure: String,
    goal: String,
}

#[derive(serde::Deserialize)]
struct GoldMember {
    goal: String,
    member: String,
}

#[derive(serde::Deserialize)]
struct GoldTarget {
    metric: String,
    value: Option<f64>,
    #[serde(default)]
    redacted: bool,
    value_text: String,
    unit: String,
    status: String,
    year: Option<i32>,
    context: String,
    #[serde(default)]
    direction: Option<String>,
}

/// Which half a file belongs to, by its number: the fixed split rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Half {
    Tune,
    Measure,
}

fn half_of(file: &str) -> Half {
    let number: u32 = file[..3]
        .parse()
        .expect("gold files start with a 3-digit number");
    if number % 2 == 1 {
        Half::Tune
    } else {
        Half::Measure
    }
}

/// hits, found, gold
#[derive(Debug, Default, Clone, Copy)]
struct Count {
    hit: usize,
    found: usize,
    gold: usize,
}

impl Count {
    fn add(&mut self, hit: usize, found: usize, gold: usize) {
        self.hit += hit;
        self.found += found;
        self.gold += gold;
    }
    fn precision(&self) -> f64 {
        self.hit as f64 / self.found.max(1) as f64
    }
    fn recall(&self) -> f64 {
        self.hit as f64 / self.gold.max(1) as f64
    }
    fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

#[derive(Debug, Default)]
struct Scores {
    targets: Count,
    status_right: usize,
    year_gold: usize,
    year_right: usize,
    /// Gold decreases, and those found with a negative signed value (or,
    /// anonymised, with direction decrease).
    decrease_gold: usize,
    decrease_right: usize,
    date_right: usize,
    /// Documents whose jurisdiction is right: both none, or one name
    /// holding the other (上海 and 上海市).
    jurisdiction_right: usize,
    docs: usize,
    entities: Count,
    /// The same by kind (district, project, sector, organization).
    entities_by_kind: BTreeMap<&'static str, Count>,
    goals: Count,
    serves: Count,
}

fn same_name(a: &str, b: &str) -> bool {
    // Compared as the view reads them: a gold metric written with the
    // text's full-width digits (引进投资５０００万元以上项目) is the one ptkg
    // names with ASCII digits.
    let clean = |s: &str| common::flat(s).replace(['“', '”', '"', '「', '」', ' ', 'X', 'x'], "");
    let (a, b) = (clean(a), clean(b));
    !a.is_empty() && !b.is_empty() && (a == b || a.contains(&b) || b.contains(&a))
}

/// A metric as the gold names it, mapped through the metric rules' aliases
/// (规上工业增加值 → 规模以上工业增加值): the same metric, as ptkg documents
/// and names it.
fn canonical_metric(name: &str) -> String {
    static ALIASES: std::sync::OnceLock<BTreeMap<String, String>> = std::sync::OnceLock::new();
    let aliases =
        ALIASES.get_or_init(|| ptkg::rules::metric_aliases(None).expect("default metric aliases"));
    aliases
        .get(name)
        .cloned()
        .unwrap_or_else(|| name.to_string())
}

fn score_targets(doc: &GoldDoc, ex: &Extraction, s: &mut Scores, log: &mut Vec<String>) {
    let sentences: Vec<String> = ex
        .targets
        .iter()
        .map(|t| flat(&t.provenance.sentence))
        .collect();
    let mut used = vec![false; ex.targets.len()];
    let mut hit = 0;
    for g in &doc.target {
        let (left, right) = common::context_halves(&g.context, &g.value_text);
        let found = ex.targets.iter().enumerate().find(|(i, t)| {
            !used[*i]
                && (sentences[*i].contains(&left) || sentences[*i].contains(&right))
                && flat(&t.figures.unit) == flat(&g.unit)
                && (if g.redacted {
                    t.figures.redacted
                } else {
                    t.figures.value == g.value
                })
                && same_name(&t.figures.metric, &canonical_metric(&g.metric))
        });
        let decrease = g.direction.as_deref() == Some("decrease");
        if decrease {
            s.decrease_gold += 1;
        }
        match found {
            Some((i, t)) => {
                used[i] = true;
                if decrease
                    && (t.figures.signed_value.is_some_and(|v| v < 0.0)
                        || (t.figures.redacted
                            && t.figures.direction == Some(ptkg::model::Direction::Decrease)))
                {
                    s.decrease_right += 1;
                }
                hit += 1;
                if t.figures.status.as_str() == g.status {
                    s.status_right += 1;
                } else {
                    log.push(format!(
                        "{} status {} (gold {}): {} {}",
                        doc.file, t.figures.status, g.status, g.metric, g.value_text
                    ));
                }
                if g.year.is_some() {
                    s.year_gold += 1;
                    if t.figures.year == g.year {
                        s.year_right += 1;
                    } else {
                        log.push(format!(
                            "{} year {:?} (gold {:?}): {} {}",
                            doc.file, t.figures.year, g.year, g.metric, g.value_text
                        ));
                    }
                }
            }
            None => log.push(format!(
                "{} missed target {} {} [{}]",
                doc.file, g.metric, g.value_text, g.context
            )),
        }
    }
    for (i, t) in ex.targets.iter().enumerate().filter(|(i, _)| !used[*i]) {
        log.push(format!(
            "{} extra target {} {} ({})",
            doc.file,
            t.figures.metric,
            t.figures.value_text,
            sentences[i].chars().take(30).collect::<String>()
        ));
    }
    s.targets.add(hit, ex.targets.len(), doc.target.len());
}

fn score_entities(
    doc: &GoldDoc,
    ex: &Extraction,
    pipeline: &Pipeline,
    s: &mut Scores,
    log: &mut Vec<String>,
) {
    // ptkg names an industry by its stem (鞋服产业 → 鞋服, rule
    // sector-named-industry); annotators write either: one node.
    let stem = |kind: &str, name: String| -> String {
        match ["产业", "行业"].iter().find_map(|s| name.strip_suffix(s)) {
            Some(stem) if kind == "sector" && stem.chars().count() >= 2 => stem.to_string(),
            _ => name,
        }
    };
    let canonical = |kind: &str, name: &str| stem(kind, common::canonical(pipeline, kind, name));
    for (kind, names) in [
        ("district", &doc.district),
        ("project", &doc.project),
        ("sector", &doc.sector),
        ("organization", &doc.organization),
    ] {
        let want: BTreeSet<String> = names.iter().map(|n| canonical(kind, n)).collect();
        let got: BTreeSet<String> = ex
            .entities
            .iter()
            .filter(|e| e.kind.as_str() == kind)
            .map(|e| stem(kind, e.name.to_string()))
            .collect();
        for m in want.difference(&got) {
            log.push(format!("{} missed {kind} {m}", doc.file));
        }
        for m in got.difference(&want) {
            log.push(format!("{} extra {kind} {m}", doc.file));
        }
        let hit = got.intersection(&want).count();
        s.entities.add(hit, got.len(), want.len());
        s.entities_by_kind
            .entry(kind)
            .or_default()
            .add(hit, got.len(), want.len());
    }
}

/// Each gold item matched at most once.
fn matched<T>(found: &[T], gold: &[T], eq: impl Fn(&T, &T) -> bool) -> usize {
    let mut used = vec![false; found.len()];
    gold.iter()
        .filter(|g| {
            let i = (0..found.len()).find(|i| !used[*i] && eq(&found[*i], g));
            i.map(|i| used[i] = true).is_some()
        })
        .count()
}

fn score_goals(doc: &GoldDoc, ex: &Extraction, s: &mut Scores, log: &mut Vec<String>) {
    let mut goals: Vec<String> = ex
        .entities
        .iter()
        .filter(|e| e.kind.as_str() == "goal")
        .map(|e| e.name.to_string())
        .collect();
    goals.sort();
    goals.dedup();
    for g in goals
        .iter()
        .filter(|g| !doc.goals.iter().any(|w| same_name(g, w)))
    {
        log.push(format!("{} extra goal {g}", doc.file));
    }
    s.goals.add(
        matched(&goals, &doc.goals, |a, b| same_name(a, b)),
        goals.len(),
        doc.goals.len(),
    );
    let mut pairs: Vec<(String, String)> = ex
        .links
        .iter()
        .filter(|l| {
            (l.relation == Relation::Serves
                && l.basis.as_str() != "cooccurrence"
                && l.from.kind.as_str() == "measure")
                || l.relation == Relation::MemberOf
        })
        .map(|l| (l.from.name.to_string(), l.to.name.to_string()))
        .collect();
    pairs.sort();
    pairs.dedup();
    let gold: Vec<(String, String)> = doc
        .serves
        .iter()
        .map(|p| (p.measure.clone(), p.goal.clone()))
        .chain(
            doc.members
                .iter()
                .map(|m| (m.member.clone(), m.goal.clone())),
        )
        .collect();
    // Some annotators also mirror each member into serves: count it once.
    let mut gold = gold;
    gold.sort();
    gold.dedup();
    let eq =
        |a: &(String, String), b: &(String, String)| same_name(&a.0, &b.0) && same_name(&a.1, &b.1);
    for g in gold.iter().filter(|g| !pairs.iter().any(|p| eq(p, g))) {
        log.push(format!("{} missed serves {} → {}", doc.file, g.0, g.1));
    }
    for p in pairs.iter().filter(|p| !gold.iter().any(|g| eq(p, g))) {
        log.push(format!("{} extra serves {} → {}", doc.file, p.0, p.1));
    }
    s.serves
        .add(matched(&pairs, &gold, eq), pairs.len(), gold.len());
}

fn gold_docs(dir: &Path) -> Vec<GoldDoc> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "toml"));
    files.sort();
    files
        .iter()
        .map(|p| {
            toml::from_str(&std::fs::read_to_string(p).unwrap())
                .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
        })
        .collect()
}

/// Scores every gold file of `gold` against the extraction of its text in
/// `texts`, by half; prints the tune half's misses and one line per half.
fn score_corpus(name: &str, texts: &Path, gold: &Path, min_docs: usize) -> BTreeMap<Half, Scores> {
    let docs = gold_docs(gold);
    assert!(
        docs.len() >= min_docs,
        "{name}: gold for {} texts only",
        docs.len()
    );
    let pipeline = Pipeline::new(CompiledRuleSet::defaults().unwrap());
    let mut halves: BTreeMap<Half, Scores> = BTreeMap::new();
    let mut log = Vec::new();
    for doc in &docs {
        let (_, _, ex) = pipeline.extract_file(&texts.join(&doc.file)).unwrap();
        let half = half_of(&doc.file);
        let s = halves.entry(half).or_default();
        let mut doc_log = Vec::new();
        score_targets(doc, &ex, s, &mut doc_log);
        s.docs += 1;
        if ex.document.date == doc.date {
            s.date_right += 1;
        } else {
            doc_log.push(format!(
                "{} date {:?} (gold {:?})",
                doc.file, ex.document.date, doc.date
            ));
        }
        let jurisdiction_right = match (&ex.document.jurisdiction, &doc.jurisdiction) {
            (None, None) => true,
            (Some(a), Some(b)) => a.contains(b.as_str()) || b.contains(a.as_str()),
            _ => false,
        };
        if jurisdiction_right {
            s.jurisdiction_right += 1;
        } else {
            doc_log.push(format!(
                "{} jurisdiction {:?} (gold {:?})",
                doc.file, ex.document.jurisdiction, doc.jurisdiction
            ));
        }
        score_entities(doc, &ex, &pipeline, s, &mut doc_log);
        score_goals(doc, &ex, s, &mut doc_log);
        // Only the tune half's misses are for reading.
        if half == Half::Tune {
            log.extend(doc_log);
        }
    }
    for line in &log {
        println!("{name}/{line}");
    }
    println!("{name}: half      target P/R/F1         status  year    entity P/R     goal P  serves P/R    decrease signed  date  jurisdiction");
    for (half, s) in &halves {
        println!(
            "{name}: {:8}  {:.2}/{:.2}/{:.2} ({:3}) {:.2}    {:.2}    {:.2}/{:.2} ({:3}) {:.2}    {:.2}/{:.2} ({:2})  {:.2} ({})        {:.2}  {:.2}",
            format!("{half:?}"),
            s.targets.precision(),
            s.targets.recall(),
            s.targets.f1(),
            s.targets.gold,
            s.status_right as f64 / s.targets.hit.max(1) as f64,
            s.year_right as f64 / s.year_gold.max(1) as f64,
            s.entities.precision(),
            s.entities.recall(),
            s.entities.gold,
            s.goals.precision(),
            s.serves.precision(),
            s.serves.recall(),
            s.serves.gold,
            s.decrease_right as f64 / s.decrease_gold.max(1) as f64,
            s.decrease_gold,
            s.date_right as f64 / s.docs.max(1) as f64,
            s.jurisdiction_right as f64 / s.docs.max(1) as f64,
        );
    }
    // Where the entity gap between the halves lies, kind by kind (scores
    // only: the measure half's misses stay unread).
    for (half, s) in &halves {
        let kinds: Vec<String> = s
            .entities_by_kind
            .iter()
            .map(|(kind, c)| format!("{kind} {:.2}/{:.2} ({})", c.precision(), c.recall(), c.gold))
            .collect();
        println!(
            "{name}: {:8}  entity P/R by kind: {}",
            format!("{half:?}"),
            kinds.join(", ")
        );
    }
    halves
}

/// Floors, not the bars of issue 14 (not reached yet, see the README): a
/// change that loses ground on either half fails here.
fn assert_floors(name: &str, halves: &BTreeMap<Half, Scores>, floors: &[(&str, f64)]) {
    for (half, s) in halves {
        for &(what, floor) in floors {
            let got = match what {
                "target F1" => s.targets.f1(),
                "status" => s.status_right as f64 / s.targets.hit.max(1) as f64,
                "year" => s.year_right as f64 / s.year_gold.max(1) as f64,
                "entity recall" => s.entities.recall(),
                "goal precision" => s.goals.precision(),
                "serves precision" => s.serves.precision(),
                "serves recall" => s.serves.recall(),
                _ => panic!("no score named {what}"),
            };
            assert!(
                got >= floor,
                "{name}, {half:?} half: {what} {got:.3} below its floor {floor}"
            );
        }
    }
}

#[test]
fn development_corpus_both_halves() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus_web");
    if !corpus.is_dir() {
        eprintln!("skipped: ../shared/corpus_web is not present");
        return;
    }
    let gold = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/gold/web");
    let halves = score_corpus("web", &corpus, &gold, 50);
    assert_floors(
        "web",
        &halves,
        &[
            ("target F1", 0.84),
            ("status", 0.85),
            ("year", 0.78),
            ("entity recall", 0.73),
            ("goal precision", 0.54),
            // 0.45 until the quoted aim lists: one more goal found in the
            // measure half (goal precision .58 → .59) brought three serves
            // pairs its annotator did not mark (.50 → .44).
            ("serves precision", 0.43),
            ("serves recall", 0.19),
        ],
    );
}

/// Fictional reports of our own (tests/fixtures/fiction, 160 province,
/// city, county, town, street, district and zone documents written and annotated without
/// looking at the rules), split by the same rule: a second pair of halves
/// that is always present. Floors re-based when 041–060 came in (each half
/// gained ten documents no rule had seen: fiction measure entity recall
/// .78 → .73, goal precision .72 → .69, target F1 .91 → .90).
#[test]
fn fictional_reports_both_halves() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let halves = score_corpus(
        "fiction",
        &root.join("tests/fixtures/fiction"),
        &root.join("tests/gold/fiction"),
        160,
    );
    assert_floors(
        "fiction",
        &halves,
        &[
            ("target F1", 0.90),
            ("status", 0.91),
            ("year", 0.92),
            // .738 when 121–140 came in (the twenty alone: .69/.70);
            // .729 when 141–160 came in (the twenty alone: .66/.67).
            ("entity recall", 0.72),
            // .680 (just under .68) when 121–140 came in (the twenty alone: .64).
            ("goal precision", 0.67),
            // 0.63 when 101–120 came in (the twenty alone: measure serves
            // recall .51, entity recall .67); .69 after the quoted frames.
            ("serves recall", 0.67),
        ],
    );
}
