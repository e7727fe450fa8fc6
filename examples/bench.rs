//! Scale benchmark: throughput, incremental cost and memory of `ptkg`.
//!
//! ```sh
//! cargo run --release --example bench -- --docs 1000 [--dir DIR] [--keep] [--smoke]
//!     [--seed S] [--store-docs K] [--max-rss-mb M] [--timeout SECS] [--markdown FILE]
//!     [--spacy PYTHON [--spacy-docs K]]
//! ```
//!
//! Generates (or reuses) a synthetic corpus of N speeches with
//! `examples/gen_corpus.rs`, builds the release `ptkg` binary, and measures by
//! spawning it with a fresh `--db`:
//!
//! - (a) `ptkg add DIR --quiet`: wall time, MB/s, docs/s, peak RSS;
//! - (b) store size on disk against input size;
//! - (c) `add` of one more new document to the full store (3 documents, median);
//! - (d) re-`add` of the unchanged corpus;
//! - (e) queries on the full store (`query serves --goal 高质量发展`,
//!   `query targets --metric 地区生产总值`, `show <project>`, `stats`, `list projects`);
//! - (f) `ptkg rules check`;
//! - (g) `ptkg extract DIR > /dev/null` (the extraction pass alone, one thread);
//!
//! and in-process, the library's extraction throughput per core
//! (`Pipeline::extract_text` over decoded texts). Prints a markdown table;
//! timings are reported, never asserted.
//!
//! With `--spacy PYTHON` (the python of a venv with spaCy 3.8 and `regex`;
//! see BENCHMARKS.md), the spaCy anchor of issue 17 runs too:
//! `bench/spacy_rules.py` (ptkg's default entity and figure rules as a spaCy
//! rule pipeline: blank `zh`, a PhraseMatcher for the word lists, the
//! regexes mapped to spans) and ptkg, each on one core, on the same files:
//! the documents of (g) (or the first `--spacy-docs K` of them) and, when
//! `../shared/corpus` or `../shared/corpus_web` exists beside the project,
//! the real speeches there (`*.txt`). ptkg is measured in-process
//! (`extract_text` on one thread, texts decoded first, as the script decodes
//! before its clock starts) and as `RAYON_NUM_THREADS=1 ptkg extract FILES >
//! /dev/null` (start-up, reading and JSON output included). A set under
//! 5 MB is run several times on both sides (the script's `--repeat`, the
//! files listed that many times to `extract`) so that its timings are not
//! noise. Without `--spacy` nothing of this runs, and spaCy is never needed.
//!
//! Guards: a child whose resident memory passes `--max-rss-mb` (default 8192)
//! or that runs longer than `--timeout` seconds (default 1800) is killed and
//! reported as aborted; the measurements that need a store then run on what
//! the store held (every commit is all or nothing, so a killed `add` leaves
//! a consistent store). `--store-docs K` ingests only the first K
//! documents. `--smoke` (for CI) ingests 50 documents and extracts 100, so the
//! run stays short whatever N is.
//!
//! Peak RSS comes from `/usr/bin/time -f %M` when present, otherwise from
//! polling `VmHWM` in `/proc/<pid>/status` every few milliseconds.

#[path = "gen_corpus.rs"]
mod gen_corpus;

/// The allocator the `ptkg` binary uses, so that the in-process
/// extraction numbers are those of the binary.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const MB: f64 = 1_000_000.0;

struct Options {
    docs: usize,
    dir: Option<PathBuf>,
    keep: bool,
    smoke: bool,
    seed: u64,
    ptkg: Option<PathBuf>,
    markdown: Option<PathBuf>,
    store_docs: Option<usize>,
    max_rss_mb: u64,
    timeout: f64,
    /// The python that runs `bench/spacy_rules.py` (the spaCy anchor).
    spacy: Option<PathBuf>,
    /// The anchor's generated documents: the first K of those (g) extracts.
    spacy_docs: Option<usize>,
}

const USAGE: &str = "usage: bench --docs N [--dir DIR] [--keep] [--smoke] [--seed S] [--store-docs K] [--max-rss-mb M] [--timeout SECS] [--ptkg PATH] [--markdown FILE] [--spacy PYTHON [--spacy-docs K]]";

fn die(msg: &str) -> ! {
    eprintln!("bench: {msg}\n{USAGE}");
    std::process::exit(2)
}

fn parse_args() -> Options {
    let mut o = Options {
        docs: 1000,
        dir: None,
        keep: false,
        smoke: false,
        seed: gen_corpus::DEFAULT_SEED,
        ptkg: None,
        markdown: None,
        store_docs: None,
        max_rss_mb: 8192,
        timeout: 1800.0,
        spacy: None,
        spacy_docs: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .unwrap_or_else(|| die(&format!("{name} needs a value")))
        };
        fn num<T: std::str::FromStr>(name: &str, v: String) -> T {
            v.parse()
                .unwrap_or_else(|_| die(&format!("{name} takes a number")))
        }
        match a.as_str() {
            "--docs" => o.docs = num("--docs", value("--docs")),
            "--dir" => o.dir = Some(PathBuf::from(value("--dir"))),
            "--seed" => o.seed = num("--seed", value("--seed")),
            "--ptkg" => o.ptkg = Some(PathBuf::from(value("--ptkg"))),
            "--markdown" => o.markdown = Some(PathBuf::from(value("--markdown"))),
            "--store-docs" => o.store_docs = Some(num("--store-docs", value("--store-docs"))),
            "--max-rss-mb" => o.max_rss_mb = num("--max-rss-mb", value("--max-rss-mb")),
            "--timeout" => o.timeout = num("--timeout", value("--timeout")),
            "--spacy" => o.spacy = Some(PathBuf::from(value("--spacy"))),
            "--spacy-docs" => o.spacy_docs = Some(num("--spacy-docs", value("--spacy-docs"))),
            "--keep" => o.keep = true,
            "--smoke" => o.smoke = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            other => die(&format!("unknown argument {other}")),
        }
    }
    if o.docs == 0 {
        die("--docs must be at least 1");
    }
    if o.spacy_docs.is_some() && o.spacy.is_none() {
        die("--spacy-docs needs --spacy");
    }
    if o.smoke && o.store_docs.is_none() {
        o.store_docs = Some(50);
    }
    o
}

/// One timed run of a child process.
struct Run {
    secs: f64,
    peak_kb: Option<u64>,
    /// User + system CPU seconds of the child (from /usr/bin/time).
    cpu_secs: Option<f64>,
    stdout: String,
    /// Why the run was stopped by a guard.
    aborted: Option<String>,
}

fn time_available() -> bool {
    Path::new("/usr/bin/time").exists()
        && Command::new("/usr/bin/time")
            .args(["-f", "%M", "true"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .map(|s| s.success())
            .unwrap_or(false)
}

/// A `Vm*:` field of /proc/<pid>/status, in KB.
fn proc_status_kb(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
}

/// The first child of `pid` (ptkg under /usr/bin/time).
fn first_child(pid: u32) -> Option<u32> {
    std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children"))
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

fn kill(pid: u32) {
    let _ = Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .stderr(Stdio::null())
        .status();
}

struct Runner {
    ptkg: PathBuf,
    db: PathBuf,
    use_time: bool,
    scratch: PathBuf,
    max_rss_kb: u64,
    timeout: f64,
}

impl Runner {
    /// Runs `ptkg --db DB args...`; stdout goes to `stdout_to` (a file) or is
    /// captured. A failing command ends the benchmark; one stopped by a guard
    /// comes back with `aborted` set.
    fn run(&self, args: &[String], stdout_to: Option<&Path>) -> Run {
        self.run_env(args, stdout_to, &[])
    }

    /// [`Runner::run`] with environment variables set for the child.
    fn run_env(&self, args: &[String], stdout_to: Option<&Path>, env: &[(&str, &str)]) -> Run {
        let mut argv: Vec<String> = vec!["--db".into(), self.db.display().to_string()];
        argv.extend(args.iter().cloned());
        let time_out = self.scratch.join("time.out");
        let _ = std::fs::remove_file(&time_out);
        let mut cmd = if self.use_time {
            let mut c = Command::new("/usr/bin/time");
            c.arg("-f").arg("%M %U %S").arg("-o").arg(&time_out);
            c.arg(&self.ptkg);
            c
        } else {
            Command::new(&self.ptkg)
        };
        cmd.args(&argv).stderr(Stdio::piped());
        cmd.envs(env.iter().copied());
        match stdout_to {
            Some(p) => {
                let f = std::fs::File::create(p)
                    .unwrap_or_else(|e| panic!("cannot create {}: {e}", p.display()));
                cmd.stdout(f);
            }
            None => {
                cmd.stdout(Stdio::piped());
            }
        }
        let start = Instant::now();
        let mut child = cmd
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", self.ptkg.display()));
        // Drain the pipes on threads so the child never blocks on them.
        let drain = |p: Option<Box<dyn std::io::Read + Send>>| {
            std::thread::spawn(move || {
                let mut s = Vec::new();
                if let Some(mut p) = p {
                    let _ = p.read_to_end(&mut s);
                }
                s
            })
        };
        let out_thread = drain(
            child
                .stdout
                .take()
                .map(|p| Box::new(p) as Box<dyn std::io::Read + Send>),
        );
        let err_thread = drain(
            child
                .stderr
                .take()
                .map(|p| Box::new(p) as Box<dyn std::io::Read + Send>),
        );
        let mut ptkg_pid = (!self.use_time).then_some(child.id());
        let mut polled: Option<u64> = None;
        let mut aborted = None;
        let status = loop {
            if let Some(status) = child.try_wait().expect("wait for ptkg") {
                break status;
            }
            if ptkg_pid.is_none() {
                ptkg_pid = first_child(child.id());
            }
            if let Some(pid) = ptkg_pid {
                if let Some(v) = proc_status_kb(pid, "VmHWM:") {
                    polled = Some(polled.map_or(v, |p: u64| p.max(v)));
                }
                if aborted.is_none() {
                    let rss = proc_status_kb(pid, "VmRSS:").unwrap_or(0);
                    let secs = start.elapsed().as_secs_f64();
                    if rss > self.max_rss_kb {
                        aborted = Some(format!(
                            "killed at {:.0} s: resident memory {} MB passed the {} MB guard",
                            secs,
                            rss / 1024,
                            self.max_rss_kb / 1024
                        ));
                    } else if secs > self.timeout {
                        aborted =
                            Some(format!("killed after the {:.0} s time guard", self.timeout));
                    }
                    if aborted.is_some() {
                        kill(pid);
                    }
                }
            }
            std::thread::sleep(Duration::from_millis(3));
        };
        let secs = start.elapsed().as_secs_f64();
        let stdout = String::from_utf8_lossy(&out_thread.join().unwrap_or_default()).into_owned();
        let stderr = String::from_utf8_lossy(&err_thread.join().unwrap_or_default()).into_owned();
        // /usr/bin/time's last line: "%M %U %S" (peak KB, user s, system s)
        let timed: Vec<f64> = std::fs::read_to_string(&time_out)
            .ok()
            .and_then(|s| s.lines().last().map(str::to_string))
            .map(|l| {
                l.split_whitespace()
                    .filter_map(|v| v.parse().ok())
                    .collect()
            })
            .unwrap_or_default();
        let peak_kb = match timed.first() {
            Some(kb) if self.use_time => Some(*kb as u64),
            _ => polled,
        };
        let cpu_secs = (timed.len() == 3).then(|| timed[1] + timed[2]);
        if aborted.is_none() && !status.success() {
            let shown: Vec<&str> = argv.iter().map(String::as_str).take(8).collect();
            eprintln!(
                "bench: `ptkg {}{}` failed ({status}):\n{stderr}",
                shown.join(" "),
                if argv.len() > 8 { " …" } else { "" }
            );
            std::process::exit(1);
        }
        Run {
            secs,
            peak_kb,
            cpu_secs,
            stdout,
            aborted,
        }
    }

    /// Median of `n` runs (for short commands), with the largest peak RSS.
    fn run_median(&self, args: &[String], n: usize) -> Run {
        let mut runs: Vec<Run> = Vec::new();
        for _ in 0..n {
            let r = self.run(args, None);
            let stop = r.aborted.is_some();
            runs.push(r);
            if stop {
                break;
            }
        }
        runs.sort_by(|a, b| a.secs.total_cmp(&b.secs));
        let peak = runs.iter().filter_map(|r| r.peak_kb).max();
        let aborted = runs.iter().find_map(|r| r.aborted.clone());
        let mid = runs.len() / 2;
        let mut r = runs.swap_remove(mid);
        r.peak_kb = peak;
        r.aborted = aborted;
        r
    }
}

fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(|s| s.to_string()).collect()
}

/// Total bytes (apparent size) and allocated bytes of the files under `dir`.
fn dir_size(dir: &Path) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    let mut apparent = 0;
    let mut allocated = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let Ok(m) = e.metadata() else { continue };
            if m.is_dir() {
                stack.push(e.path());
            } else {
                apparent += m.len();
                allocated += m.blocks() * 512;
            }
        }
    }
    (apparent, allocated)
}

/// The corpus's text files, sorted (the order `ptkg add` takes them in).
fn corpus_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "txt") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn file_bytes(files: &[PathBuf]) -> u64 {
    files
        .iter()
        .map(|p| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0))
        .sum()
}

fn build_ptkg(target_release: &Path) -> PathBuf {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml");
    eprintln!("bench: building the release ptkg binary");
    let status = Command::new(&cargo)
        .args(["build", "--release", "--bin", "ptkg", "--manifest-path"])
        .arg(&manifest)
        .status();
    match status {
        Ok(s) if s.success() => {}
        Ok(s) => {
            eprintln!("bench: cargo build --release --bin ptkg failed ({s})");
            std::process::exit(1);
        }
        Err(e) => {
            eprintln!("bench: cannot run {cargo}: {e}");
            std::process::exit(1);
        }
    }
    target_release.join("ptkg")
}

fn ms(secs: f64) -> String {
    format!("{:.1} ms", secs * 1000.0)
}

fn secs_fmt(secs: f64) -> String {
    if secs < 1.0 {
        ms(secs)
    } else {
        format!("{secs:.2} s")
    }
}

fn mb_of_kb(kb: Option<u64>) -> String {
    kb.map_or("n/a".to_string(), |k| {
        format!("{:.0} MB", k as f64 / 1024.0)
    })
}

fn verdict(met: bool) -> &'static str {
    if met {
        "met"
    } else {
        "**missed**"
    }
}

fn cpu_note(r: &Run) -> String {
    r.cpu_secs
        .map(|c| format!(", CPU {}", secs_fmt(c)))
        .unwrap_or_default()
}

fn aborted_note(r: &Run) -> String {
    r.aborted
        .as_ref()
        .map(|a| format!("; ABORTED: {a}"))
        .unwrap_or_default()
}

struct Table {
    rows: Vec<[String; 4]>,
}

impl Table {
    fn row(&mut self, what: &str, value: String, goal: &str, status: &str) {
        self.rows.push([
            what.to_string(),
            value,
            goal.to_string(),
            status.to_string(),
        ]);
    }

    fn markdown(&self) -> String {
        let mut s = String::from("| measurement | value | goal | status |\n|---|---|---|---|\n");
        for r in &self.rows {
            s.push_str(&format!("| {} | {} | {} | {} |\n", r[0], r[1], r[2], r[3]));
        }
        s
    }
}

/// The files decoded as the pipeline reads them: (path, content hash,
/// text); files that do not read are left out.
fn decoded_texts(files: &[PathBuf]) -> Vec<(String, String, String)> {
    files
        .iter()
        .filter_map(|p| {
            let src = ptkg::document::read_file(p).ok()?;
            let hash = ptkg::document::content_hash(src.text.as_bytes());
            Some((p.display().to_string(), hash, src.text))
        })
        .collect()
}

/// In-process extraction over `files`: (MB of UTF-8 text, seconds on one
/// thread, seconds on `threads` threads, facts found).
fn library_throughput(files: &[PathBuf], threads: usize) -> (f64, f64, f64, usize) {
    let rules = ptkg::CompiledRuleSet::defaults().expect("default rules compile");
    let pipeline = ptkg::Pipeline::new(rules);
    let texts = decoded_texts(files);
    let text_bytes: usize = texts.iter().map(|t| t.2.len()).sum();
    // warm-up (lazy tables, allocator)
    if let Some(t) = texts.first() {
        std::hint::black_box(pipeline.extract_text(&t.0, &t.1, &t.2));
    }
    let start = Instant::now();
    let mut facts = 0usize;
    for (path, hash, text) in &texts {
        let ex = pipeline.extract_text(path, hash, text);
        facts += ex.entities.len() + ex.targets.len() + ex.links.len();
    }
    let one = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let chunk = texts.len().div_ceil(threads).max(1);
    std::thread::scope(|s| {
        for part in texts.chunks(chunk) {
            let pipeline = &pipeline;
            s.spawn(move || {
                for (path, hash, text) in part {
                    std::hint::black_box(pipeline.extract_text(path, hash, text));
                }
            });
        }
    });
    let many = start.elapsed().as_secs_f64();
    (text_bytes as f64 / MB, one, many, facts)
}

/// Where extraction time goes, per document of `files`: the whole
/// `extract_text`, `NormText::new`, `structure::analyse` and each entity
/// rule's `find` on the matching view. Returns (name, seconds) sorted by
/// cost, and the seconds of the whole extraction.
fn stage_costs(files: &[PathBuf]) -> (Vec<(String, f64)>, f64) {
    use ptkg::document::{structure, NormText};
    let pipeline = ptkg::Pipeline::new(ptkg::CompiledRuleSet::defaults().expect("default rules"));
    let texts: Vec<String> = files
        .iter()
        .filter_map(|p| ptkg::document::read_file(p).ok().map(|s| s.text))
        .collect();
    let mut costs: std::collections::BTreeMap<String, f64> = Default::default();
    let mut total = 0.0;
    for text in &texts {
        let t = Instant::now();
        std::hint::black_box(pipeline.extract_text("doc.txt", "0", text));
        total += t.elapsed().as_secs_f64();
        let t = Instant::now();
        let view = NormText::new(text);
        *costs.entry("NormText::new".into()).or_default() += t.elapsed().as_secs_f64();
        let t = Instant::now();
        std::hint::black_box(structure::analyse(&view, &pipeline.rules));
        *costs.entry("structure::analyse".into()).or_default() += t.elapsed().as_secs_f64();
        for rule in pipeline.rules.rules.iter().filter(|r| r.kind.is_entity()) {
            let t = Instant::now();
            std::hint::black_box(rule.find(&view.text));
            *costs
                .entry(format!("rule {} ({})", rule.id, rule.kind.as_str()))
                .or_default() += t.elapsed().as_secs_f64();
        }
    }
    let rules: f64 = costs
        .iter()
        .filter(|(k, _)| k.starts_with("rule "))
        .map(|(_, v)| v)
        .sum();
    let stages = rules
        + costs.get("NormText::new").copied().unwrap_or(0.0)
        + costs.get("structure::analyse").copied().unwrap_or(0.0);
    costs.insert("all entity rules (sum)".into(), rules);
    costs.insert(
        "the rest: boilerplate, targets, goals, links, spans".into(),
        (total - stages).max(0.0),
    );
    let mut v: Vec<(String, f64)> = costs.into_iter().collect();
    v.sort_by(|a, b| b.1.total_cmp(&a.1));
    (v, total)
}

/// Sets of the spaCy anchor under this many bytes are run several times on
/// both sides, so that start-up and timer noise do not decide the ratio.
const ANCHOR_MIN_BYTES: u64 = 5_000_000;

/// One set of the spaCy anchor: the same files through ptkg and through
/// `bench/spacy_rules.py`, one core each.
struct Anchor {
    set: String,
    files: usize,
    /// UTF-8 text of one pass, as the script counts it after decoding.
    text_bytes: f64,
    repeat: usize,
    /// The script's processing seconds (all passes; rule loading and
    /// reading excluded).
    spacy_secs: f64,
    spacy_load_secs: f64,
    spacy_spans: u64,
    phrases: u64,
    regexes: u64,
    untranslated: u64,
    /// The script's CPU seconds over the same passes.
    spacy_cpu_secs: f64,
    /// In-process `extract_text` on one thread (all passes).
    lib_secs: f64,
    /// The CPU time of that thread over the same passes, when Linux tells it.
    lib_cpu_secs: Option<f64>,
    lib_facts: usize,
    /// `RAYON_NUM_THREADS=1 ptkg extract` of the files listed `repeat` times.
    cli: Run,
}

impl Anchor {
    fn mbps(&self, secs: f64) -> f64 {
        self.text_bytes * self.repeat as f64 / MB / secs.max(f64::MIN_POSITIVE)
    }
    /// ptkg in-process against spaCy, wall time: how many times faster.
    fn ratio_lib(&self) -> f64 {
        self.spacy_secs / self.lib_secs.max(f64::MIN_POSITIVE)
    }
    fn ratio_cli(&self) -> f64 {
        self.spacy_secs / self.cli.secs.max(f64::MIN_POSITIVE)
    }
    /// The same on CPU time, which another process on the machine disturbs less.
    fn ratio_lib_cpu(&self) -> Option<f64> {
        self.lib_cpu_secs
            .map(|c| self.spacy_cpu_secs / c.max(f64::MIN_POSITIVE))
    }
    fn ratio_cli_cpu(&self) -> Option<f64> {
        self.cli
            .cpu_secs
            .map(|c| self.spacy_cpu_secs / c.max(f64::MIN_POSITIVE))
    }
}

/// The real speeches beside the project: `../shared/corpus/*.txt` and
/// `../shared/corpus_web/*.txt`, or `None` when neither folder holds any.
fn real_speeches() -> Option<(PathBuf, Vec<PathBuf>)> {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let shared = shared.canonicalize().unwrap_or(shared);
    let mut files = Vec::new();
    for sub in ["corpus", "corpus_web"] {
        let Ok(rd) = std::fs::read_dir(shared.join(sub)) else {
            continue;
        };
        let mut these: Vec<PathBuf> = rd
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "txt"))
            .collect();
        these.sort();
        files.extend(these);
    }
    (!files.is_empty()).then_some((shared, files))
}

/// Runs `bench/spacy_rules.py --repeat N FILES` with `python`; its
/// `spacy_rules: key=value …` line as a map.
fn run_spacy_script(
    python: &Path,
    files: &[PathBuf],
    repeat: usize,
) -> Result<std::collections::HashMap<String, String>, String> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/spacy_rules.py");
    let out = Command::new(python)
        .arg(&script)
        .arg("--repeat")
        .arg(repeat.to_string())
        .args(files)
        .envs(["OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"].map(|v| (v, "1")))
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run {}: {e}", python.display()))?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() {
        return Err(format!(
            "`{} {}` failed ({}): {}",
            python.display(),
            script.display(),
            out.status,
            stderr.trim()
        ));
    }
    eprint!("{stderr}");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("spacy_rules:"))
        .map(|l| {
            l.split_whitespace()
                .filter_map(|kv| kv.split_once('='))
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        })
        .ok_or_else(|| "the script printed no `spacy_rules:` line".to_string())
}

/// CPU seconds the calling thread has run (`/proc/thread-self/schedstat`,
/// nanoseconds), on Linux.
fn thread_cpu_secs() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns as f64 / 1e9)
}

/// In-process extraction of `files` on one thread, `repeat` passes after a
/// warm-up, texts decoded before the clock starts: (wall seconds, CPU
/// seconds of the thread, facts of one pass).
fn lib_one_thread(files: &[PathBuf], repeat: usize) -> (f64, Option<f64>, usize) {
    let pipeline =
        ptkg::Pipeline::new(ptkg::CompiledRuleSet::defaults().expect("default rules compile"));
    let texts = decoded_texts(files);
    if let Some(t) = texts.first() {
        std::hint::black_box(pipeline.extract_text(&t.0, &t.1, &t.2));
    }
    let start = Instant::now();
    let cpu_start = thread_cpu_secs();
    let mut facts = 0usize;
    for pass in 0..repeat {
        for (path, hash, text) in &texts {
            let ex = pipeline.extract_text(path, hash, text);
            if pass == 0 {
                facts += ex.entities.len() + ex.targets.len() + ex.links.len();
            }
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let cpu = thread_cpu_secs()
        .zip(cpu_start)
        .map(|(end, start)| end - start);
    (secs, cpu, facts)
}

/// The spaCy anchor on one set of files: the script, then ptkg in-process
/// and as a one-thread `extract`.
fn spacy_anchor(
    set: &str,
    files: &[PathBuf],
    python: &Path,
    runner: &Runner,
) -> Result<Anchor, String> {
    let repeat = ANCHOR_MIN_BYTES.div_ceil(file_bytes(files).max(1)).max(1) as usize;
    eprintln!(
        "bench: spaCy anchor, {set}: bench/spacy_rules.py on {} files ×{repeat}",
        files.len()
    );
    let line = run_spacy_script(python, files, repeat)?;
    let get = |k: &str| -> Result<f64, String> {
        line.get(k)
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| format!("the script's line has no {k}="))
    };
    let seen = get("files")? as usize;
    if seen != files.len() {
        return Err(format!(
            "the script read {seen} of the {} files",
            files.len()
        ));
    }
    eprintln!("bench: spaCy anchor, {set}: ptkg extract_text, one thread");
    let (lib_secs, lib_cpu_secs, lib_facts) = lib_one_thread(files, repeat);
    eprintln!("bench: spaCy anchor, {set}: RAYON_NUM_THREADS=1 ptkg extract");
    let mut args = strings(&["extract"]);
    for _ in 0..repeat {
        args.extend(files.iter().map(|p| p.display().to_string()));
    }
    let cli = runner.run_env(
        &args,
        Some(Path::new("/dev/null")),
        &[("RAYON_NUM_THREADS", "1")],
    );
    Ok(Anchor {
        set: set.to_string(),
        files: files.len(),
        text_bytes: get("bytes")?,
        repeat,
        spacy_secs: get("seconds")?,
        spacy_cpu_secs: get("cpu_seconds")?,
        spacy_load_secs: get("load_seconds")?,
        spacy_spans: get("matches")? as u64,
        phrases: get("phrases")? as u64,
        regexes: get("regexes")? as u64,
        untranslated: get("untranslated")? as u64,
        lib_secs,
        lib_cpu_secs,
        lib_facts,
        cli,
    })
}

/// "wall · CPU" figures of the anchor's table.
fn wall_cpu(wall: f64, cpu: Option<f64>, unit: &str) -> String {
    match cpu {
        Some(c) => format!("{wall:.2}{unit} · {c:.2}{unit}"),
        None => format!("{wall:.2}{unit} · n/a"),
    }
}

/// The anchor's table, for the report.
fn anchor_markdown(anchors: &[Result<Anchor, String>], load: (Option<f64>, Option<f64>)) -> String {
    let mut s = String::from(
        "\nspaCy anchor (issue 17, item 6): the same files through ptkg and through \
         `bench/spacy_rules.py` (spaCy blank `zh`, char segmenter; a PhraseMatcher for the word \
         lists, the regexes mapped to spans), one core each. MB are UTF-8 text after decoding; \
         a set under 5 MB runs several passes on both sides. The script times its matching \
         only (rule loading and reading excluded), so the ratios favour spaCy. Each figure is \
         given on wall time · on CPU time (MB per CPU-second), which another process on the \
         machine disturbs less.\n\n\
         | set | files × passes, MB | ptkg `extract_text`, one thread | \
         `RAYON_NUM_THREADS=1 ptkg extract` | spaCy rules, one process | ratio, in-process | ratio, `extract` |\n\
         |---|---|---|---|---|---|---|\n",
    );
    let mut notes = String::new();
    for a in anchors {
        match a {
            Ok(a) => {
                let mb = a.text_bytes * a.repeat as f64 / MB;
                let per = |c: f64| mb / c.max(f64::MIN_POSITIVE);
                s.push_str(&format!(
                    "| {} | {} × {}, {mb:.1} MB | {} MB/s | {} MB/s{} | {} MB/s | {} | {} |\n",
                    a.set,
                    a.files,
                    a.repeat,
                    wall_cpu(a.mbps(a.lib_secs), a.lib_cpu_secs.map(per), ""),
                    wall_cpu(a.mbps(a.cli.secs), a.cli.cpu_secs.map(per), ""),
                    aborted_note(&a.cli),
                    wall_cpu(a.mbps(a.spacy_secs), Some(per(a.spacy_cpu_secs)), ""),
                    wall_cpu(a.ratio_lib(), a.ratio_lib_cpu(), "×"),
                    wall_cpu(a.ratio_cli(), a.ratio_cli_cpu(), "×"),
                ));
                notes.push_str(&format!(
                    "- {}: spaCy {:.2} s, CPU {:.2} s ({} phrases, {} regexes, {} untranslated; \
                     rules loaded in {:.2} s; {} spans a pass); ptkg `extract_text` {:.2} s{} \
                     ({} facts a pass), `extract` {:.2} s{}.\n",
                    a.set,
                    a.spacy_secs,
                    a.spacy_cpu_secs,
                    a.phrases,
                    a.regexes,
                    a.untranslated,
                    a.spacy_load_secs,
                    a.spacy_spans,
                    a.lib_secs,
                    a.lib_cpu_secs
                        .map(|c| format!(", CPU {c:.2} s"))
                        .unwrap_or_default(),
                    a.lib_facts,
                    a.cli.secs,
                    cpu_note(&a.cli),
                ));
            }
            Err(e) => notes.push_str(&format!("- not measured: {e}\n")),
        }
    }
    let shown = |l: Option<f64>| l.map_or("n/a".to_string(), |l| format!("{l:.2}"));
    notes.push_str(&format!(
        "- load average (1 min) before the anchor {}, after it {} ({} cores).\n",
        shown(load.0),
        shown(load.1),
        std::thread::available_parallelism().map_or(1, |n| n.get())
    ));
    format!("{s}\n{notes}")
}

/// The 1-minute load average (`/proc/loadavg`), on Linux.
fn load_average() -> Option<f64> {
    std::fs::read_to_string("/proc/loadavg")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

fn main() {
    let o = parse_args();
    let exe = std::env::current_exe().expect("current exe");
    // target/release/examples/bench → target/release
    let target_release = exe
        .parent()
        .and_then(|p| p.parent())
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("target/release"));
    let ptkg = match &o.ptkg {
        Some(p) => p.clone(),
        None => build_ptkg(&target_release),
    };
    let base = std::env::temp_dir().join(format!("ptkg-bench-{}", std::process::id()));
    let default_corpus =
        std::env::temp_dir().join(format!("ptkg-bench-corpus-{}-s{}", o.docs, o.seed));
    let corpus = o.dir.clone().unwrap_or_else(|| default_corpus.clone());
    let _ = std::fs::remove_dir_all(&base);
    std::fs::create_dir_all(&base).expect("create scratch dir");
    let started = Instant::now();

    // corpus
    let t = Instant::now();
    let reused = gen_corpus::corpus_present(&corpus, o.docs, o.seed);
    if !reused {
        eprintln!(
            "bench: generating {} documents into {}",
            o.docs,
            corpus.display()
        );
        gen_corpus::write_corpus(&corpus, o.docs, o.seed).expect("write corpus");
    }
    let gen_secs = t.elapsed().as_secs_f64();
    let files = corpus_files(&corpus);
    let input_bytes = file_bytes(&files);
    eprintln!(
        "bench: corpus {} ({} files, {:.1} MB{}), ptkg {}",
        corpus.display(),
        files.len(),
        input_bytes as f64 / MB,
        if reused {
            ", reused".to_string()
        } else {
            format!(", generated in {gen_secs:.1} s")
        },
        ptkg.display()
    );
    // Documents added one at a time to the full store (never in the corpus).
    let world = gen_corpus::World::new(o.seed);
    let extra_dir = base.join("extra");
    std::fs::create_dir_all(&extra_dir).expect("create extra dir");
    let extra: Vec<(PathBuf, String)> = (1..=3)
        .map(|k| {
            let doc = gen_corpus::generate(&world, o.docs + k);
            let p = extra_dir.join(format!("doc_{:05}.txt", o.docs + k));
            std::fs::write(&p, doc.bytes()).expect("write extra doc");
            (p, doc.some_project)
        })
        .collect();

    let runner = Runner {
        ptkg: ptkg.clone(),
        db: base.join("ptkg.db"),
        use_time: time_available(),
        scratch: base.clone(),
        max_rss_kb: o.max_rss_mb * 1024,
        timeout: o.timeout,
    };
    let mut peak_all: u64 = 0;
    let mut note_peak = |r: &Run| {
        if let Some(k) = r.peak_kb {
            peak_all = peak_all.max(k);
        }
    };
    let as_args =
        |fs: &[PathBuf]| -> Vec<String> { fs.iter().map(|p| p.display().to_string()).collect() };

    // (a) full add (or the first --store-docs documents)
    let ingest: &[PathBuf] = match o.store_docs {
        Some(k) => &files[..k.min(files.len())],
        None => &files,
    };
    let whole_corpus = ingest.len() == files.len();
    let mut add_args = strings(&["add", "--quiet"]);
    if whole_corpus {
        add_args.push(corpus.display().to_string());
    } else {
        add_args.extend(as_args(ingest));
    }
    eprintln!("bench: (a) ptkg add ({} documents)", ingest.len());
    let add = runner.run(&add_args, None);
    note_peak(&add);
    // What the store holds: all of `ingest`, or (after a guard stopped the
    // add) the first documents in the order add takes them.
    let stored: usize = if add.aborted.is_some() {
        let s = runner.run(&strings(&["stats", "--format", "json"]), None);
        serde_json::from_str::<serde_json::Value>(&s.stdout)
            .ok()
            .and_then(|v| v.get("documents")?.as_u64())
            .unwrap_or(0) as usize
    } else {
        ingest.len()
    };
    let stored_files = &ingest[..stored.min(ingest.len())];
    let stored_bytes = file_bytes(stored_files);
    let add_mbps = stored_bytes as f64 / MB / add.secs;
    // (b) store size
    let (store_bytes, store_alloc) = dir_size(&runner.db);
    let ratio = store_bytes as f64 / stored_bytes.max(1) as f64;
    // (c) add one more document, three times (a new document each time)
    eprintln!("bench: (c) add one ({} documents in the store)", stored);
    let mut one: Vec<f64> = Vec::new();
    let mut one_peak = None;
    let mut one_aborted = None;
    for (p, _) in &extra {
        let r = runner.run(
            &strings(&["add", "--quiet", &p.display().to_string()]),
            None,
        );
        note_peak(&r);
        one_peak = one_peak.max(r.peak_kb);
        one.push(r.secs);
        if r.aborted.is_some() {
            one_aborted = r.aborted;
            break;
        }
    }
    one.sort_by(f64::total_cmp);
    let one_median = one[one.len() / 2];
    // (d) re-add the unchanged documents
    eprintln!("bench: (d) re-add unchanged");
    let mut readd_args = strings(&["add", "--quiet"]);
    if whole_corpus && add.aborted.is_none() {
        readd_args.push(corpus.display().to_string());
    } else {
        readd_args.extend(as_args(stored_files));
    }
    let readd = runner.run(&readd_args, None);
    note_peak(&readd);
    let per_doc = readd.secs / stored.max(1) as f64;
    let readd_50k = per_doc * 50_000.0;
    // (e) queries
    eprintln!("bench: (e) queries");
    let listed = runner.run(&strings(&["list", "projects", "--format", "json"]), None);
    let project = serde_json::from_str::<serde_json::Value>(&listed.stdout)
        .ok()
        .and_then(|v| v.get(0)?.get("name")?.as_str().map(str::to_string))
        .unwrap_or_else(|| extra[0].1.clone());
    // A promise to look up: the first GDP target with a place and a year.
    let promised = runner.run(
        &strings(&[
            "query",
            "promises",
            "--metric",
            "地区生产总值",
            "--format",
            "json",
        ]),
        None,
    );
    let place_year = serde_json::from_str::<serde_json::Value>(&promised.stdout)
        .ok()
        .and_then(|rows| {
            rows.as_array()?.iter().find_map(|r| {
                Some((
                    r.get("jurisdiction")?.as_str()?.to_string(),
                    r.get("year")?.as_i64()?.to_string(),
                ))
            })
        });
    let reps = 3;
    let mut queries: Vec<(String, Vec<String>)> = vec![
        (
            "query serves --goal 高质量发展".to_string(),
            strings(&["query", "serves", "--goal", "高质量发展"]),
        ),
        (
            "query targets --metric 地区生产总值".to_string(),
            strings(&["query", "targets", "--metric", "地区生产总值"]),
        ),
        (format!("show {project}"), strings(&["show", &project])),
        ("stats".to_string(), strings(&["stats"])),
        ("list projects".to_string(), strings(&["list", "projects"])),
    ];
    if let Some((place, year)) = &place_year {
        queries.push((
            format!("query promises --metric 地区生产总值 --jurisdiction {place} --year {year}"),
            strings(&[
                "query",
                "promises",
                "--metric",
                "地区生产总值",
                "--jurisdiction",
                place,
                "--year",
                year,
            ]),
        ));
    }
    let mut query_runs = Vec::new();
    for (name, args) in &queries {
        let r = runner.run_median(args, reps);
        note_peak(&r);
        query_runs.push((name.clone(), r));
    }
    // (f) rules check
    let rules = runner.run_median(&strings(&["rules", "check"]), reps);
    // (g) extraction pass alone (one thread), on a sample in smoke mode
    let extract_files: &[PathBuf] = if o.smoke {
        &files[..files.len().min(100)]
    } else {
        &files
    };
    eprintln!(
        "bench: (g) ptkg extract ({} documents)",
        extract_files.len()
    );
    let extract_bytes = file_bytes(extract_files);
    let mut extract_args = strings(&["extract"]);
    if extract_files.len() == files.len() {
        extract_args.push(corpus.display().to_string());
    } else {
        extract_args.extend(as_args(extract_files));
    }
    let extract_run = runner.run(&extract_args, Some(Path::new("/dev/null")));
    note_peak(&extract_run);
    let extract_mbps = extract_bytes as f64 / MB / extract_run.secs;
    // in-process library throughput
    let lib_sample = if o.smoke { 100 } else { 2000 };
    let lib_files = &files[..files.len().min(lib_sample)];
    eprintln!(
        "bench: library extraction in-process ({} documents)",
        lib_files.len()
    );
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    let (lib_mb, lib_one, lib_many, lib_facts) = library_throughput(lib_files, threads);
    let lib_mbps = lib_mb / lib_one;
    let cost_files = &files[..files.len().min(if o.smoke { 20 } else { 200 })];
    eprintln!(
        "bench: extraction stages and rules ({} documents)",
        cost_files.len()
    );
    let (costs, costs_total) = stage_costs(cost_files);
    // the spaCy anchor (issue 17, item 6), only when asked for
    let mut anchors: Vec<Result<Anchor, String>> = Vec::new();
    let mut anchor_load = (None, None);
    if let Some(python) = &o.spacy {
        anchor_load.0 = load_average();
        let generated =
            &extract_files[..extract_files.len().min(o.spacy_docs.unwrap_or(usize::MAX))];
        anchors.push(
            spacy_anchor(
                &format!("generated ({} docs)", generated.len()),
                generated,
                python,
                &runner,
            )
            .map_err(|e| format!("generated: {e}")),
        );
        match real_speeches() {
            Some((dir, real)) => anchors.push(
                spacy_anchor(
                    &format!("real speeches ({}/corpus{{,_web}})", dir.display()),
                    &real,
                    python,
                    &runner,
                )
                .map_err(|e| format!("real speeches: {e}")),
            ),
            None => eprintln!(
                "bench: no ../shared/corpus or ../shared/corpus_web beside the project; \
                 the spaCy anchor skips the real speeches"
            ),
        }
        for a in &anchors {
            if let Err(e) = a {
                eprintln!("bench: spaCy anchor {e}");
            }
        }
        anchor_load.1 = load_average();
    }

    // report
    let mut t = Table { rows: Vec::new() };
    t.row(
        "corpus",
        format!(
            "{} docs, {:.1} MB ({:.1} KB/doc)",
            files.len(),
            input_bytes as f64 / MB,
            input_bytes as f64 / 1000.0 / files.len() as f64
        ),
        "",
        "",
    );
    t.row(
        "(a) `add`: documents, wall time",
        format!(
            "{} of {} docs ({:.1} MB) in {}{}{}",
            stored,
            ingest.len(),
            stored_bytes as f64 / MB,
            secs_fmt(add.secs),
            cpu_note(&add),
            aborted_note(&add)
        ),
        "",
        "",
    );
    t.row(
        "(a) `add` throughput",
        format!("{add_mbps:.2} MB/s, {:.1} docs/s", stored as f64 / add.secs),
        "≥ 10 MB/s",
        verdict(add_mbps >= 10.0 && add.aborted.is_none()),
    );
    t.row(
        "(a) `add` peak RSS",
        mb_of_kb(add.peak_kb),
        "< 512 MB",
        verdict(add.peak_kb.is_none_or(|k| k < 512 * 1024) && add.aborted.is_none()),
    );
    t.row(
        "(b) store size on disk",
        format!(
            "{:.1} MB ({:.1} MB allocated), {ratio:.1}× input",
            store_bytes as f64 / MB,
            store_alloc as f64 / MB
        ),
        "≤ 3× input",
        verdict(ratio <= 3.0),
    );
    t.row(
        "(c) `add` one new document to the store",
        format!(
            "{} (median of {}; max {}), peak {}{}{}",
            ms(one_median),
            one.len(),
            ms(*one.last().unwrap_or(&0.0)),
            mb_of_kb(one_peak),
            query_runs
                .iter()
                .find(|(n, _)| n == "stats")
                .map(|(_, r)| format!("; `stats` alone takes {}", ms(r.secs)))
                .unwrap_or_default(),
            one_aborted
                .map(|a| format!("; ABORTED: {a}"))
                .unwrap_or_default()
        ),
        "< 50 ms",
        verdict(one_median < 0.05),
    );
    t.row(
        "(d) re-`add` unchanged documents",
        format!(
            "{} for {} docs{} ({:.2} ms/doc; 50k docs ≈ {:.1} s), peak {}{}",
            secs_fmt(readd.secs),
            stored,
            cpu_note(&readd),
            per_doc * 1000.0,
            readd_50k,
            mb_of_kb(readd.peak_kb),
            aborted_note(&readd)
        ),
        "50k < 20 s",
        verdict(readd_50k < 20.0),
    );
    for (name, r) in &query_runs {
        let goal = if name.starts_with("query") || name.starts_with("show") {
            "< 100 ms"
        } else {
            ""
        };
        let status = if goal.is_empty() {
            ""
        } else {
            verdict(r.secs < 0.1 && r.aborted.is_none())
        };
        t.row(
            &format!("(e) `{name}`"),
            format!(
                "{} (median of {reps}; {} output lines), peak {}{}",
                ms(r.secs),
                r.stdout.lines().count(),
                mb_of_kb(r.peak_kb),
                aborted_note(r)
            ),
            goal,
            status,
        );
    }
    t.row(
        "(f) `rules check`",
        format!("{} (median of {reps})", ms(rules.secs)),
        "",
        "",
    );
    t.row(
        "(g) `extract` > /dev/null (one thread)",
        format!(
            "{:.2} MB/s ({} docs, {:.1} MB in {}{}), peak {}{}",
            extract_mbps,
            extract_files.len(),
            extract_bytes as f64 / MB,
            secs_fmt(extract_run.secs),
            cpu_note(&extract_run),
            mb_of_kb(extract_run.peak_kb),
            aborted_note(&extract_run)
        ),
        "≥ 20 MB/s per core",
        verdict(extract_mbps >= 20.0),
    );
    t.row(
        "library `extract_text`, one thread",
        format!(
            "{lib_mbps:.2} MB/s ({} docs, {lib_mb:.1} MB of UTF-8 text in {}; {} facts)",
            lib_files.len(),
            secs_fmt(lib_one),
            lib_facts
        ),
        "≥ 20 MB/s per core",
        verdict(lib_mbps >= 20.0),
    );
    t.row(
        &format!("library `extract_text`, {threads} threads"),
        format!(
            "{:.2} MB/s total, {:.2} MB/s per core",
            lib_mb / lib_many,
            lib_mb / lib_many / threads as f64
        ),
        "",
        "",
    );
    for a in anchors.iter().flatten() {
        t.row(
            &format!(
                "spaCy anchor, {}: ptkg against spaCy rules, one core each",
                a.set
            ),
            format!(
                "{:.1}× in-process ({:.2} / {:.2} MB/s){}, {:.1}× as `extract`",
                a.ratio_lib(),
                a.mbps(a.lib_secs),
                a.mbps(a.spacy_secs),
                a.ratio_lib_cpu()
                    .map(|r| format!("; {r:.1}× on CPU time"))
                    .unwrap_or_default(),
                a.ratio_cli()
            ),
            "≥ 20×",
            verdict(a.ratio_lib_cpu().unwrap_or(a.ratio_lib()) >= 20.0),
        );
    }
    t.row(
        "peak RSS over all runs",
        mb_of_kb(Some(peak_all)),
        "< 512 MB",
        verdict(peak_all < 512 * 1024),
    );
    let title = format!(
        "### {} documents{}\n\nPeak RSS from {}; guards: {} MB, {:.0} s per command. Whole run {:.0} s.\n\n",
        o.docs,
        if o.smoke { " (smoke)" } else { "" },
        if runner.use_time {
            "`/usr/bin/time -f %M`"
        } else {
            "polling VmHWM in /proc/<pid>/status"
        },
        o.max_rss_mb,
        o.timeout,
        started.elapsed().as_secs_f64()
    );
    let mut hot = format!(
        "\nWhere `extract_text` spends its time ({} documents, {:.1} ms per document; \
         each stage timed on its own, so shares need not add up to 100%):\n\n\
         | stage or rule | ms per document | share of `extract_text` |\n|---|---|---|\n",
        cost_files.len(),
        costs_total * 1000.0 / cost_files.len().max(1) as f64
    );
    for (name, secs) in costs.iter().take(14) {
        hot.push_str(&format!(
            "| {name} | {:.2} | {:.1}% |\n",
            secs * 1000.0 / cost_files.len().max(1) as f64,
            100.0 * secs / costs_total.max(f64::MIN_POSITIVE)
        ));
    }
    let anchor = if o.spacy.is_some() {
        anchor_markdown(&anchors, anchor_load)
    } else {
        String::new()
    };
    let md = format!("{title}{}{hot}{anchor}", t.markdown());
    println!("{md}");
    if let Some(p) = &o.markdown {
        if let Err(e) = std::fs::write(p, &md) {
            eprintln!("bench: cannot write {}: {e}", p.display());
        }
    }

    // clean up
    if o.keep {
        eprintln!(
            "bench: kept the store {} and the corpus {}",
            runner.db.display(),
            corpus.display()
        );
    } else {
        let _ = std::fs::remove_dir_all(&base);
        if o.dir.is_none() {
            let _ = std::fs::remove_dir_all(&default_corpus);
        }
    }
}
