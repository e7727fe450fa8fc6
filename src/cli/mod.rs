//! Command-line arguments (clap derive) and the dispatch to one handler per
//! command. This file only describes what the user can type and which file
//! answers it: each handler (`add.rs`, `query.rs`, …) loads what it needs,
//! calls the library, prints to stdout/stderr and returns the exit code that
//! `main` passes on.

mod add;
mod compact;
mod export;
mod extract;
mod list;
mod names;
mod output;
mod query;
mod reindex;
mod remove;
mod render;
mod repair;
mod rules;
mod selection;
mod show;
mod stats;
mod table;
mod verify;

pub use output::NothingMatched;

use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, Parser, Subcommand, ValueEnum};

const MAIN_EXAMPLES: &str = "Examples:
  ptkg add examples                 # build the graph from the bundled speeches
  ptkg stats                        # how many documents, nodes and edges
  ptkg list projects                # every project, most mentioned first
  ptkg show 临江区                  # a node, its edges and evidence sentences
  ptkg query metric 地区生产总值    # every value for a metric, over time and speech
  ptkg extract speech.txt           # what would be extracted, as JSON, no store
  ptkg export dot -o out/graph.dot  # Graphviz DOT of the whole graph
  ptkg rules check --rules my-rules # validate rule files and run their examples

Names: a name (goal, metric, district, jurisdiction, node) matches a stored name or a rule alias
exactly (GDP → 地区生产总值), with traditional and full-width characters folded; --like matches
a part of the name. A speech is named by its id (`ptkg list speech`), a path or its title.

Output: --format table|json|csv on every query and on list. Tables fit the terminal: COLUMNS,
else the terminal's width, else 100 columns when piped; --wide prints every cell whole.

Exit codes (every command):
  0  rows were printed (or the command did its work)
  1  nothing matched (one line on stderr says what, with the nearest names)
  2  an error (bad arguments, a store or rule file that cannot be read, files that failed)";

/// ptkg builds a policy-target knowledge graph from Chinese government
/// speeches and work reports: districts, projects, sectors and organizations,
/// with the sentence every fact came from.
#[derive(Debug, Parser)]
#[command(name = "ptkg", version, about, after_help = MAIN_EXAMPLES)]
pub struct Cli {
    /// The graph store (a folder: a sled database and run files). Created by
    /// `add` if missing. Example: --db out/city.db
    #[arg(long, global = true, env = "PTKG_DB", default_value = ptkg::store::DEFAULT_DB, value_name = "FOLDER")]
    pub db: PathBuf,

    /// Folder of rule files (*.toml) that replace default files of the same
    /// name and add new ones; a missing folder or a broken file is an error.
    /// Example: --rules my-rules
    #[arg(long, global = true, env = "PTKG_RULES", value_name = "FOLDER")]
    pub rules: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

/// Runs a parsed command line; returns the process exit code.
pub fn run(cli: Cli) -> Result<i32> {
    match &cli.command {
        Command::Add {
            from_jsonl: Some(jsonl),
            quiet,
            commit_every,
            ..
        } => add::import(&cli, jsonl, *quiet, commit_every.map(|n| n as usize)),
        Command::Add {
            paths,
            quiet,
            commit_every,
            ..
        } => add::run(&cli, paths, *quiet, commit_every.map(|n| n as usize)),
        Command::Compact => compact::run(&cli),
        Command::Verify { quiet } => verify::run(&cli, *quiet),
        Command::Repair { quiet } => repair::run(&cli, *quiet),
        Command::Remove { speech } => remove::run(&cli, speech),
        Command::Reindex { quiet } => reindex::run(&cli, *quiet),
        Command::Extract {
            files,
            stdin,
            files_from,
            with_text,
            keep_going,
            ..
        } => extract::run(
            &cli,
            &extract::Inputs {
                files,
                stdin: *stdin,
                files_from: files_from.as_deref(),
                with_text: *with_text,
                keep_going: *keep_going,
            },
        ),
        Command::Stats { format } => stats::run(&cli, *format),
        Command::List { kind, rows } => list::run(&cli, kind, rows),
        Command::Show(args) => show::run(&cli, args),
        Command::Query(cmd) => query::run(&cli, cmd),
        Command::Export(cmd) => export::run(&cli, cmd),
        Command::Render {
            output,
            selection,
            engine,
            timeout,
        } => render::run(&cli, output, selection, *engine, *timeout),
        Command::Rules(cmd) => rules::run(&cli, cmd),
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add speeches (files or folders) to the store; unchanged ones are skipped.
    #[command(after_help = "Examples:
  ptkg add examples
  ptkg add reports/2021 speech.html --db out/city.db
  ptkg extract --with-text examples > records.jsonl && ptkg add --from-jsonl records.jsonl
Files: .txt .md .html .htm, in UTF-8, UTF-16 or GBK/GB18030. Folders are read recursively.
Exit code 2 means some files (or records) could not be read (each is named on stderr); the others were added.")]
    Add {
        /// Files or folders to add. Example: examples/linjiang_2021_work_report.txt
        #[arg(
            required_unless_present = "from_jsonl",
            conflicts_with = "from_jsonl",
            value_name = "PATH"
        )]
        paths: Vec<PathBuf>,
        /// Load the records of `ptkg extract --with-text` (JSON Lines; - for
        /// standard input) instead of reading files: the same store `add`
        /// of those files gives, without extracting again. Records made
        /// with other rules than the store's are left out and counted.
        #[arg(long, value_name = "FILE|-")]
        from_jsonl: Option<PathBuf>,
        /// No progress bar. Example: ptkg add -q examples
        #[arg(long, short)]
        quiet: bool,
        /// Commit every N documents. By default a commit gathers about 96 MB
        /// of store data (around a thousand speeches); each commit is all or
        /// nothing, so an interrupted add loses at most the documents since
        /// the last one, and the next `add` stores them. Example: --commit-every 100
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
        commit_every: Option<u64>,
    },
    /// Merge the store's run files into one and drop what removed or replaced documents left.
    #[command(after_help = "Example:
  ptkg compact --db out/city.db
`add` and `remove` merge run files on their own when there are too many; `compact` merges them all,
which makes the store smallest and its reads fastest.")]
    Compact,
    /// Check the store: every document's text, book and rows, every run
    /// file's checksums, every counter, edge and index entry against what
    /// the documents' books say, and the published snapshot against the
    /// database.
    #[command(after_help = "Example:
  ptkg verify --db out/city.db || ptkg repair --db out/city.db
Reads the whole store and changes nothing (the database is compared through a copy; while a writer
runs it is not compared). Exit code 0 when the store is sound; 2 when it has problems, each printed
on one line (naming the document or run file); `ptkg repair` rebuilds the database from the run
files.")]
    Verify {
        /// Print nothing when the store is sound (the exit code says it).
        /// Example: ptkg verify -q && echo sound
        #[arg(long, short)]
        quiet: bool,
    },
    /// Rebuild the store's database from its run files: after `verify` or
    /// any command reports damage (an unreadable or missing database, a
    /// run file or snapshot failing its checksum, a book that does not
    /// parse).
    #[command(after_help = "Example:
  ptkg verify --db out/city.db || ptkg repair --db out/city.db
The store's small database (sled: paths, document records, counters) is an index that can be
rebuilt: repair writes it anew from the document records (from the database if it still reads,
else from the published snapshot) and the texts and books in the checksummed run files, then
swaps it in; a kill leaves the old store or the repaired one. A database that cannot be read is
moved aside (sled.damaged-TIME/ in the store's folder), never deleted. A damaged run file is left
out (a copy is kept in runs.damaged-TIME/): the documents whose text and book it held are lost,
each named, with the `ptkg add` that brings them back. It takes the writer's lock, as `add` does.
Exit code 0 when the repaired store holds every document (one line says what was done); 1 when
documents were lost (one line each); 2 on errors (not a store, locked, nothing to rebuild from).")]
    Repair {
        /// No progress bar. Example: ptkg repair -q
        #[arg(long, short)]
        quiet: bool,
    },
    /// Remove a speech (by id, path or title, or a folder of paths) and every fact only it supported.
    #[command(after_help = "Examples:
  ptkg remove examples/linjiang_2021_work_report.txt
  ptkg remove 3fa2c1d0                  # an id from `ptkg list speech`
  ptkg remove 临江区2021年政府工作报告   # a title
  ptkg remove examples                  # every document added from a folder
Exit code 1 when nothing matched (with the nearest titles and paths), 2 when the name fits
several speeches (each is listed).")]
    Remove {
        /// The speech: its id (`ptkg list speech`), a path as added (or a
        /// folder of them), or its title. Example: examples/baisha_town_report_gbk.txt
        #[arg(value_name = "ID|PATH|TITLE")]
        speech: String,
    },
    /// Re-extract every stored document with the current rules.
    #[command(after_help = "Example (after editing rules):\n  ptkg reindex --rules my-rules")]
    Reindex {
        /// No progress bar. Example: ptkg reindex -q
        #[arg(long, short)]
        quiet: bool,
    },
    /// Print what would be extracted from files, without touching the store.
    #[command(after_help = "Examples:
  ptkg extract examples/linjiang_2021_work_report.txt --format json | jq '.entities[].name'
  ptkg extract --files-from list.txt > out.jsonl
  printf '%s\\n' '{\"path\": \"a.txt\", \"text\": \"今年全区地区生产总值增长6%。\"}' | ptkg extract --stdin
Prints one JSON object per document (one per line): document, sections, entities, targets,
links, and the rules_hash and ptkg_version that made it. A document that cannot be read gives
{\"document\": {\"path\": ...}, \"error\": \"...\"} in its place and exit code 2 (0 with
--keep-going). Folder arguments take .txt, .md, .html, .htm, .pdf and .docx files and say how many others
they skipped. Documents are extracted on every core (RAYON_NUM_THREADS=N sets how many);
records keep the input order.")]
    Extract {
        /// Files or folders (folders: every .txt, .md, .html, .pdf, .docx file inside).
        /// Example: examples/qingshan_plenary_speech.txt
        #[arg(required_unless_present_any = ["stdin", "files_from"], value_name = "PATH")]
        files: Vec<PathBuf>,
        /// Output format (JSON Lines, one record per document). Example: --format json
        #[arg(long, value_enum, default_value_t = ExtractFormat::Json)]
        format: ExtractFormat,
        /// Read documents as JSON Lines on standard input, one per line:
        /// {"path": "...", "text": "..."} or {"path": "...", "base64":
        /// "..."} (raw bytes, decoded as a file of that name would be).
        /// One record per input line, in input order. Example: ptkg extract --stdin < docs.jsonl
        #[arg(long, conflicts_with_all = ["files", "files_from"])]
        stdin: bool,
        /// Read the paths to extract from FILE, one per line (- for
        /// standard input). Example: --files-from list.txt
        #[arg(long, value_name = "FILE", conflicts_with = "files")]
        files_from: Option<PathBuf>,
        /// Add the decoded original text to each record (document.text),
        /// so a record is self-contained. Example: ptkg extract --with-text examples > records.jsonl
        #[arg(long)]
        with_text: bool,
        /// Exit 0 even when some documents could not be read (their
        /// records then hold an error); without it the exit code is 2.
        /// Example: ptkg extract --keep-going reports/
        #[arg(long)]
        keep_going: bool,
    },
    /// Count documents, nodes and edges.
    #[command(after_help = "Example:\n  ptkg stats --format json")]
    Stats {
        /// A table, or JSON (every count). Example: --format json
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// List the nodes of one kind (district, project, sector, organization, goal, metric, speech, section).
    #[command(after_help = "Examples:
  ptkg list sectors
  ptkg list district --format json
  ptkg list speech                  # id, title, date, jurisdiction and paths of every speech
Anonymised names (XX区) stand for a different place in each speech and are listed with its title:
XX区 (在全区…会议上的讲话).")]
    List {
        /// The node kind, singular or plural. Example: district
        #[arg(value_name = "KIND")]
        kind: String,
        #[command(flatten)]
        rows: RowsArgs,
    },
    /// Show a node by name (its kind, edges and evidence sentences), or a speech's outline with its facts.
    #[command(after_help = "Examples:
  ptkg show 国开行
  ptkg show 临江区 --evidence 3 --format json
  ptkg show 四大攻堅行動                 # traditional characters are folded
  ptkg show 3fa2c1d0                     # a speech by id: its headings with the facts under each
  ptkg show examples/qingshan_plenary_speech.txt --text
A name that matches nothing exits 1 with the nearest names; `ptkg list KIND` lists them.")]
    Show(ShowArgs),
    /// Ask the graph: targets, metrics over time, which measures serve which goal.
    #[command(
        subcommand,
        after_help = "Examples:
  ptkg query targets --metric 地区生产总值 --status target
  ptkg query metric 一般公共预算收入
  ptkg query serves --goal 高质量发展
  ptkg query goals
  ptkg query path 临江智慧物流产业园 高质量发展"
    )]
    Query(QueryCommand),
    /// Export the graph.
    #[command(
        subcommand,
        after_help = "Example:\n  ptkg export dot -o out/graph.dot && dot -Tsvg out/graph.dot -o out/graph.svg"
    )]
    Export(ExportCommand),
    /// Draw the graph (or a selection) as SVG, PNG or PDF, or an interactive HTML page.
    #[command(after_help = "Examples:
  ptkg render --goal 高质量发展 -o out/goal.svg
  ptkg render --doc examples/linjiang_2021_work_report.txt -o out/speech.svg
  ptkg render --focus 临江区 --depth 1 -o out/linjiang.png     # PNG: Graphviz or builtin; PDF needs Graphviz
  ptkg render --goal 高质量发展 -o out/goal.html              # pan, zoom, search, click for evidence
Graphviz (apt-get install graphviz fonts-noto-cjk) is used when installed; otherwise a builtin layout writes SVG.
Above 1,000 edges, --engine auto lays out with Graphviz's sfdp instead of dot, and says so; the picture then has thin unlabelled edges coloured by relation (the relation shows on hover in SVG), no clusters, and the legend on top.")]
    Render {
        /// Output file: .svg, .png, .pdf or .html. Example: -o out/goal.svg
        #[arg(long, short, value_name = "FILE")]
        output: PathBuf,
        #[command(flatten)]
        selection: SelectionArgs,
        /// Layout engine. Example: --engine builtin
        #[arg(long, value_enum, default_value_t = EngineArg::Auto)]
        engine: EngineArg,
        /// Seconds Graphviz may run before it is stopped. Example: --timeout 30
        #[arg(long, default_value_t = 120, value_name = "SECONDS")]
        timeout: u64,
    },
    /// Check or explain rule files.
    #[command(
        subcommand,
        after_help = "Examples:\n  ptkg rules check --rules my-rules\n  ptkg rules explain target-figure\n  ptkg rules list"
    )]
    Rules(RulesCommand),
}

/// Default `--limit` of the queries: enough to read, few enough to print
/// at once from a store of tens of thousands of speeches.
pub const DEFAULT_LIMIT: usize = 200;

#[derive(Debug, Subcommand)]
pub enum QueryCommand {
    /// Numeric targets, filtered by metric, status, year, jurisdiction, district or speech.
    #[command(
        after_help = "Metrics match by their canonical name or an alias of the metric rules (GDP →
地区生产总值), exactly, with traditional characters folded; --like matches a part
of the name instead (地区生产总值 then also finds 单位地区生产总值能耗). A name that
matches nothing exits 1 with the nearest names; no target passing the filters
exits 1 too.

Examples:
  ptkg query targets --metric 地区生产总值
  ptkg query targets --metric GDP --jurisdiction 临江区 --year 2021
  ptkg query targets --metric 收入 --like
  ptkg query targets --status target --year 2021 --format csv > targets.csv
  ptkg query targets --district 临江区 --format json
  ptkg query targets --doc examples/linjiang_2021_work_report.txt --wide"
    )]
    Targets {
        /// Keep targets of this metric (canonical name or alias; exact
        /// unless --like). Example: --metric GDP
        #[arg(long, value_name = "NAME")]
        metric: Option<String>,
        /// Match --metric as a part of the metric's name. Example: --metric 收入 --like
        #[arg(long, requires = "metric")]
        like: bool,
        /// Keep targets (promised), actuals (reported) or forecasts. Example: --status target
        #[arg(long, value_enum)]
        status: Option<StatusArg>,
        /// Keep the figures for this year. Example: --year 2021
        #[arg(long, value_name = "YEAR")]
        year: Option<i32>,
        /// Keep the figures of one jurisdiction (exact, or an alias).
        /// Example: --jurisdiction 临江区
        #[arg(long, value_name = "NAME")]
        jurisdiction: Option<String>,
        /// Keep targets about a district (its name exactly). Example: --district 白沙镇
        #[arg(long, value_name = "NAME")]
        district: Option<String>,
        #[command(flatten)]
        doc: DocArg,
        /// Show at most this many rows, after sorting (0: all). A note on
        /// stderr says how many there were. Example: --limit 0
        #[arg(long, default_value_t = DEFAULT_LIMIT, value_name = "N")]
        limit: usize,
        #[command(flatten)]
        rows: RowsArgs,
    },
    /// Which measures serve which goal, with the basis and the evidence.
    #[command(after_help = "Examples:
  ptkg query serves --goal 四条新路        # its members and what each does
  ptkg query serves --goal 高质量发展 --basis structure
  ptkg query serves --goal 攻坚 --like     # every goal whose name holds 攻坚
  ptkg query serves --measure 招商引资 --format csv
A goal that matches nothing exits 1 with the nearest goal names.")]
    Serves {
        /// Keep this goal (its name exactly, or an alias; a part of it with
        /// --like) and its members. Example: --goal 四大攻坚行动
        #[arg(long, value_name = "NAME")]
        goal: Option<String>,
        /// Match --goal as a part of the goal's name. Example: --goal 攻坚 --like
        #[arg(long, requires = "goal")]
        like: bool,
        /// Keep measures whose text contains this. Example: --measure 招商引资
        #[arg(long, value_name = "TEXT")]
        measure: Option<String>,
        /// Keep one kind of evidence. Example: --basis structure
        #[arg(long, value_enum)]
        basis: Option<BasisArg>,
        #[command(flatten)]
        doc: DocArg,
        /// Show at most this many rows, after sorting (0: all). A note on
        /// stderr says how many there were. Example: --limit 20
        #[arg(long, default_value_t = DEFAULT_LIMIT, value_name = "N")]
        limit: usize,
        #[command(flatten)]
        rows: RowsArgs,
    },
    /// Every goal with the members, measures, targets and speeches behind it.
    #[command(after_help = "Examples:
  ptkg query goals
  ptkg query goals --doc examples/qingshan_plenary_speech.txt --format csv")]
    Goals {
        #[command(flatten)]
        doc: DocArg,
        #[command(flatten)]
        rows: RowsArgs,
    },
    /// The shortest path between two nodes, edges taken either way.
    #[command(after_help = "Examples:
  ptkg query path 临江智慧物流产业园 高质量发展
  ptkg query path 青山湖生态修复工程 区委 --doc examples/qingshan_plenary_speech.txt
FROM and TO are node names matched exactly (aliases and traditional characters folded); a name
that matches nothing exits 1 with the nearest names, and so do two names with no path between.")]
    Path {
        /// Where the path starts: a node's name. Example: 青山湖生态修复工程
        #[arg(value_name = "FROM")]
        from: String,
        /// Where it ends: a node's name. Example: 高质量发展
        #[arg(value_name = "TO")]
        to: String,
        #[command(flatten)]
        doc: DocArg,
        #[command(flatten)]
        rows: RowsArgs,
    },
    /// What was promised, for which year, and whether it was kept: each
    /// target with the actual reported for the same place, metric and year.
    #[command(
        after_help = "Outcome: an increase or level target is met when the actual is at least the
target; a 以内 / 不超过 (at most) target when the actual is at most the target;
a 下降 (decrease) target when the actual decline is at least as large. An
anonymised actual (X) or one in another unit is unknown; no actual yet is
pending. gap = actual − target, signed, in the target's unit.

Metrics match by their canonical name or an alias of the metric rules (GDP,
规上工业增加值), exactly; traditional characters are folded. Pairs never cross
jurisdictions (document.jurisdiction, or the place a figure's clause opens
with); the latest report wins where several give an actual.

Examples:
  ptkg query promises
  ptkg query promises --metric GDP --jurisdiction 临江区
  ptkg query promises --year 2021 --outcome missed --format csv > missed.csv"
    )]
    Promises {
        /// Keep one metric (its canonical name or an alias; exact).
        /// Example: --metric 地区生产总值
        #[arg(long, value_name = "NAME")]
        metric: Option<String>,
        /// Keep one jurisdiction (exact, as `query targets` shows it).
        /// Example: --jurisdiction 临江区
        #[arg(long, value_name = "NAME")]
        jurisdiction: Option<String>,
        /// Keep the promises for this year. Example: --year 2021
        #[arg(long, value_name = "YEAR")]
        year: Option<i32>,
        /// Keep one outcome. Example: --outcome missed
        #[arg(long, value_enum)]
        outcome: Option<OutcomeArg>,
        #[command(flatten)]
        doc: DocArg,
        /// Show at most this many rows, after sorting (0: all). A note on
        /// stderr says how many there were. Example: --limit 0
        #[arg(long, default_value_t = DEFAULT_LIMIT, value_name = "N")]
        limit: usize,
        #[command(flatten)]
        rows: RowsArgs,
    },
    /// Every value promised or reported for a metric, over time, place and speech.
    #[command(
        after_help = "NAME is a canonical metric name or an alias (GDP), matched exactly;
--like matches a part of the name. A name that matches nothing exits 1 with
the nearest metric names.

Examples:
  ptkg query metric 地区生产总值
  ptkg query metric GDP --jurisdiction 临江区 --year 2021
  ptkg query metric 收入 --like"
    )]
    Metric {
        /// The metric (canonical name or alias). Example: 一般公共预算收入
        #[arg(value_name = "NAME")]
        name: String,
        /// Match NAME as a part of the metric's name. Example: ptkg query metric 收入 --like
        #[arg(long)]
        like: bool,
        /// Keep the figures for this year. Example: --year 2022
        #[arg(long, value_name = "YEAR")]
        year: Option<i32>,
        /// Keep the figures of one jurisdiction (exact, or an alias).
        /// Example: --jurisdiction 临江区
        #[arg(long, value_name = "NAME")]
        jurisdiction: Option<String>,
        #[command(flatten)]
        doc: DocArg,
        /// Show at most this many rows, after sorting (0: all). A note on
        /// stderr says how many there were. Example: --limit 0
        #[arg(long, default_value_t = DEFAULT_LIMIT, value_name = "N")]
        limit: usize,
        #[command(flatten)]
        rows: RowsArgs,
    },
}

/// How query rows are printed.
#[derive(Debug, Args, Clone, Copy)]
pub struct RowsArgs {
    /// table: fitted to the terminal; json: every field; csv: the table's
    /// columns, cells whole. Example: --format csv
    #[arg(long, value_enum, default_value_t = QueryFormat::Table)]
    pub format: QueryFormat,
    /// Print table cells whole, however wide (no eliding). Example: --wide | less -S
    #[arg(long)]
    pub wide: bool,
}

/// One speech to narrow a query to.
#[derive(Debug, Args, Clone)]
pub struct DocArg {
    /// Only the facts of one speech: its id (`ptkg list speech`), a path it
    /// was added under, or its title. Example: --doc examples/linjiang_2021_work_report.txt
    #[arg(long, value_name = "ID|PATH|TITLE")]
    pub doc: Option<String>,
}

/// `ptkg show`.
#[derive(Debug, Args, Clone)]
pub struct ShowArgs {
    /// A node's name (or alias), or a speech's id, path or title.
    /// Example: 四大攻坚行动
    #[arg(value_name = "NAME")]
    pub name: String,
    /// At most this many evidence sentences per node. Example: --evidence 3
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub evidence: usize,
    /// At most this many edges per node, and measures per goal in a
    /// goal's tree (0: all). A name in thousands of speeches is read
    /// only as far as needed. Example: --limit 0
    #[arg(long, default_value_t = 50, value_name = "N")]
    pub limit: usize,
    /// A speech: print its text instead of its outline. Example: ptkg show 3fa2c1d0 --text
    #[arg(long)]
    pub text: bool,
    /// A table-like text, or JSON. Example: --format json
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum EngineArg {
    /// Graphviz when installed (dot; sfdp above 1,000 edges), else builtin.
    Auto,
    /// Graphviz dot: layered, left to right.
    Dot,
    /// Graphviz sfdp: force-directed, for large selections.
    Sfdp,
    /// The builtin layered layout (SVG, PNG).
    Builtin,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum BasisArg {
    /// The measure stands under a heading naming the goal.
    Structure,
    /// A phrase links them (为…提供支撑, 助力…).
    Phrase,
    /// They share a sentence.
    Cooccurrence,
    /// A member of a slogan goal (四条新路 ← its members).
    Member,
}

impl BasisArg {
    pub fn as_str(self) -> &'static str {
        match self {
            BasisArg::Structure => "structure",
            BasisArg::Phrase => "phrase",
            BasisArg::Cooccurrence => "cooccurrence",
            BasisArg::Member => "member",
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum OutcomeArg {
    /// The actual reached the target.
    Met,
    /// The actual fell short.
    Missed,
    /// An actual exists but is anonymised or in another unit.
    Unknown,
    /// No actual reported yet.
    Pending,
}

impl From<OutcomeArg> for ptkg::query::Outcome {
    fn from(o: OutcomeArg) -> ptkg::query::Outcome {
        match o {
            OutcomeArg::Met => ptkg::query::Outcome::Met,
            OutcomeArg::Missed => ptkg::query::Outcome::Missed,
            OutcomeArg::Unknown => ptkg::query::Outcome::Unknown,
            OutcomeArg::Pending => ptkg::query::Outcome::Pending,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum StatusArg {
    /// Promised (力争, 目标).
    Target,
    /// Reported as reached.
    Actual,
    /// Expected (预计).
    Forecast,
}

impl From<StatusArg> for ptkg::model::Status {
    fn from(s: StatusArg) -> ptkg::model::Status {
        use ptkg::model::Status;
        match s {
            StatusArg::Target => Status::Target,
            StatusArg::Actual => Status::Actual,
            StatusArg::Forecast => Status::Forecast,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum QueryFormat {
    /// Columns fitted to the terminal.
    Table,
    /// An array of objects with every field.
    Json,
    /// The table's columns, cells whole.
    Csv,
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Graphviz DOT (render with: dot -Tsvg out/graph.dot -o out/graph.svg).
    #[command(
        after_help = "Examples:\n  ptkg export dot -o out/graph.dot\n  ptkg export dot --goal 高质量发展 -o out/goal.dot"
    )]
    Dot(ExportArgs),
    /// GraphML, for Gephi or yEd.
    #[command(after_help = "Example:\n  ptkg export graphml -o out/graph.graphml")]
    Graphml(ExportArgs),
    /// Node-link JSON ({nodes, links}).
    #[command(
        after_help = "Example:\n  ptkg export json --focus 临江区 --depth 2 -o out/linjiang.json"
    )]
    Json(ExportArgs),
    /// CSV files for `neo4j-admin database import` (a folder: nodes.csv, relationships.csv).
    #[command(
        after_help = "Example:\n  ptkg export csv -o out/neo4j\n  neo4j-admin database import full --nodes=out/neo4j/nodes.csv --relationships=out/neo4j/relationships.csv"
    )]
    Csv(ExportArgs),
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output file (a folder for csv); standard output if omitted.
    /// Example: -o out/graph.dot
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// csv: write into a folder that already holds files (nodes.csv and
    /// relationships.csv are replaced; nothing else is touched).
    /// Example: ptkg export csv --force -o out/neo4j
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub selection: SelectionArgs,
}

/// Which part of the graph to export or render.
#[derive(Debug, Args, Clone)]
pub struct SelectionArgs {
    /// The neighbourhood of a node (its name exactly, or an alias).
    /// Example: --focus 临江区
    #[arg(long, value_name = "NAME")]
    pub focus: Option<String>,
    /// How many edges away from --focus. Example: --depth 1
    #[arg(long, default_value_t = 2, value_name = "N")]
    pub depth: usize,
    /// A goal (its name exactly, or an alias), its members, the measures
    /// serving them and what they involve. Example: --goal 四大攻坚行动
    #[arg(long, value_name = "NAME")]
    pub goal: Option<String>,
    /// One speech: its id, a path it was added under, or its title.
    /// Example: --doc examples/linjiang_2021_work_report.txt
    #[arg(long, value_name = "ID|PATH|TITLE")]
    pub doc: Option<String>,
    /// Keep only these node kinds (repeat or comma-separate). Example: --kind goal,measure
    #[arg(long, value_delimiter = ',', value_name = "KIND")]
    pub kind: Vec<String>,
    /// Drop serves edges lighter than this (structure 1.0, phrase 0.7,
    /// cooccurrence 0.3). Example: --min-weight 0.7
    #[arg(long, value_name = "WEIGHT")]
    pub min_weight: Option<f64>,
    /// At most this many nodes; what is dropped is reported. Example: --max-nodes 80
    #[arg(long, value_name = "N")]
    pub max_nodes: Option<usize>,
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Validate every rule file and run every rule's examples and counter-examples.
    #[command(after_help = "Example:\n  ptkg rules check --rules my-rules")]
    Check,
    /// Print a rule's description, patterns and examples.
    #[command(after_help = "Example:\n  ptkg rules explain project-with-suffix")]
    Explain {
        /// The rule's id (`ptkg rules list`). Example: target-figure
        #[arg(value_name = "ID")]
        id: String,
    },
    /// List every rule id with its kind and file.
    #[command(after_help = "Example:\n  ptkg rules list")]
    List,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ExtractFormat {
    /// One JSON object per document, one a line.
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Format {
    /// Text for reading.
    Table,
    /// Every field.
    Json,
}
