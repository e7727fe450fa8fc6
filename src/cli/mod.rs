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
mod output;
mod query;
mod reindex;
mod remove;
mod render;
mod rules;
mod selection;
mod show;
mod stats;
mod table;
mod verify;

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
  ptkg rules check --rules my-rules # validate rule files and run their examples";

/// ptkg builds a policy-target knowledge graph from Chinese government
/// speeches and work reports: districts, projects, sectors and organizations,
/// with the sentence every fact came from.
#[derive(Debug, Parser)]
#[command(name = "ptkg", version, about, after_help = MAIN_EXAMPLES)]
pub struct Cli {
    /// The graph store (a folder: a sled database and run files). Created by
    /// `add` if missing.
    #[arg(long, global = true, env = "PTKG_DB", default_value = ptkg::store::DEFAULT_DB)]
    pub db: PathBuf,

    /// Folder of rule files (*.toml) that replace default files of the same
    /// name and add new ones.
    #[arg(long, global = true, env = "PTKG_RULES")]
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
        Command::Remove { path } => remove::run(&cli, path),
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
        Command::List { kind, format } => list::run(&cli, kind, *format),
        Command::Show {
            name,
            evidence,
            limit,
            format,
        } => show::run(&cli, name, *evidence, *limit, *format),
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
        /// Files or folders to add.
        #[arg(required_unless_present = "from_jsonl", conflicts_with = "from_jsonl")]
        paths: Vec<PathBuf>,
        /// Load the records of `ptkg extract --with-text` (JSON Lines; - for
        /// standard input) instead of reading files: the same store `add`
        /// of those files gives, without extracting again. Records made
        /// with other rules than the store's are left out and counted.
        #[arg(long, value_name = "FILE|-")]
        from_jsonl: Option<PathBuf>,
        /// No progress bar.
        #[arg(long, short)]
        quiet: bool,
        /// Commit every N documents. By default a commit gathers about 96 MB
        /// of store data (around a thousand speeches); each commit is all or
        /// nothing, so an interrupted add loses at most the documents since
        /// the last one, and the next `add` stores them.
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
    /// file's checksums, and every counter, edge and index entry against
    /// what the documents' books say.
    #[command(after_help = "Example:
  ptkg verify --db out/city.db
Reads the whole store and changes nothing. Exit code 0 when the store is sound; 1 when it has
problems, each printed on one line (naming the document or run file), with advice on stderr.")]
    Verify {
        /// Print nothing when the store is sound (the exit code says it).
        #[arg(long, short)]
        quiet: bool,
    },
    /// Remove a document (the path as it was added, or a folder of them) and every fact only it supported.
    #[command(after_help = "Example:\n  ptkg remove examples/linjiang_2021_work_report.txt")]
    Remove { path: String },
    /// Re-extract every stored document with the current rules.
    #[command(after_help = "Example (after editing rules):\n  ptkg reindex --rules my-rules")]
    Reindex {
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
        #[arg(required_unless_present_any = ["stdin", "files_from"])]
        files: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = ExtractFormat::Json)]
        format: ExtractFormat,
        /// Read documents as JSON Lines on standard input, one per line:
        /// {"path": "...", "text": "..."} or {"path": "...", "base64":
        /// "..."} (raw bytes, decoded as a file of that name would be).
        /// One record per input line, in input order.
        #[arg(long, conflicts_with_all = ["files", "files_from"])]
        stdin: bool,
        /// Read the paths to extract from FILE, one per line (- for
        /// standard input).
        #[arg(long, value_name = "FILE", conflicts_with = "files")]
        files_from: Option<PathBuf>,
        /// Add the decoded original text to each record (document.text),
        /// so a record is self-contained.
        #[arg(long)]
        with_text: bool,
        /// Exit 0 even when some documents could not be read (their
        /// records then hold an error); without it the exit code is 2.
        #[arg(long)]
        keep_going: bool,
    },
    /// Count documents, nodes and edges.
    #[command(after_help = "Example:\n  ptkg stats --format json")]
    Stats {
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// List the nodes of one kind (district, project, sector, organization, speech, section).
    #[command(after_help = "Example:\n  ptkg list sectors\n  ptkg list district --format json")]
    List {
        kind: String,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Show a node by name: its kind, edges and evidence sentences.
    #[command(
        after_help = "Example:\n  ptkg show 国开行\n  ptkg show 临江区 --evidence 3 --format json"
    )]
    Show {
        name: String,
        /// At most this many evidence sentences per node.
        #[arg(long, default_value_t = 10)]
        evidence: usize,
        /// At most this many edges per node, and measures per goal in a
        /// goal's tree (0: all). A name in thousands of speeches is read
        /// only as far as needed.
        #[arg(long, default_value_t = 50)]
        limit: usize,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
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
        /// Output file: .svg, .png, .pdf or .html.
        #[arg(long, short)]
        output: PathBuf,
        #[command(flatten)]
        selection: SelectionArgs,
        /// Layout engine.
        #[arg(long, value_enum, default_value_t = EngineArg::Auto)]
        engine: EngineArg,
        /// Seconds Graphviz may run before it is stopped.
        #[arg(long, default_value_t = 120)]
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
    /// Numeric targets, filtered by metric, status, year, jurisdiction or district.
    #[command(
        after_help = "Metrics match by their canonical name or an alias of the metric rules (GDP →
地区生产总值), exactly, with traditional characters folded; --like matches a part
of the name instead (地区生产总值 then also finds 单位地区生产总值能耗).

Examples:
  ptkg query targets --metric 地区生产总值
  ptkg query targets --metric GDP --jurisdiction 临江区 --year 2021
  ptkg query targets --metric 收入 --like
  ptkg query targets --status target --year 2021 --format csv > targets.csv
  ptkg query targets --district 临江区 --format json"
    )]
    Targets {
        /// Keep targets of this metric (canonical name or alias; exact
        /// unless --like).
        #[arg(long)]
        metric: Option<String>,
        /// Match --metric as a part of the metric's name.
        #[arg(long, requires = "metric")]
        like: bool,
        #[arg(long, value_enum)]
        status: Option<StatusArg>,
        /// Keep the figures for this year.
        #[arg(long)]
        year: Option<i32>,
        /// Keep the figures of one jurisdiction (exact).
        #[arg(long)]
        jurisdiction: Option<String>,
        /// Keep targets about a district (or whose metric names it).
        #[arg(long)]
        district: Option<String>,
        /// Show at most this many rows, after sorting (0: all). A note on
        /// stderr says how many there were.
        #[arg(long, default_value_t = DEFAULT_LIMIT)]
        limit: usize,
        #[arg(long, value_enum, default_value_t = QueryFormat::Table)]
        format: QueryFormat,
    },
    /// Which measures serve which goal, with the basis and the evidence.
    #[command(after_help = "Examples:
  ptkg query serves --goal 四条新路        # its members and what each does
  ptkg query serves --goal 高质量发展 --basis structure
  ptkg query serves --measure 招商引资 --format csv")]
    Serves {
        /// Keep goals whose name contains this text.
        #[arg(long)]
        goal: Option<String>,
        /// Keep measures whose name contains this text.
        #[arg(long)]
        measure: Option<String>,
        #[arg(long, value_enum)]
        basis: Option<BasisArg>,
        /// Show at most this many rows, after sorting (0: all). A note on
        /// stderr says how many there were.
        #[arg(long, default_value_t = DEFAULT_LIMIT)]
        limit: usize,
        #[arg(long, value_enum, default_value_t = QueryFormat::Table)]
        format: QueryFormat,
    },
    /// Every goal with the members, measures, targets and speeches behind it.
    #[command(after_help = "Example:
  ptkg query goals")]
    Goals {
        #[arg(long, value_enum, default_value_t = QueryFormat::Table)]
        format: QueryFormat,
    },
    /// The shortest path between two nodes, edges taken either way.
    #[command(after_help = "Example:
  ptkg query path 临江智慧物流产业园 高质量发展")]
    Path {
        from: String,
        to: String,
        #[arg(long, value_enum, default_value_t = QueryFormat::Table)]
        format: QueryFormat,
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
        #[arg(long)]
        metric: Option<String>,
        /// Keep one jurisdiction (exact, as `query targets` shows it).
        #[arg(long)]
        jurisdiction: Option<String>,
        /// Keep the promises for this year.
        #[arg(long)]
        year: Option<i32>,
        #[arg(long, value_enum)]
        outcome: Option<OutcomeArg>,
        /// Show at most this many rows, after sorting (0: all). A note on
        /// stderr says how many there were.
        #[arg(long, default_value_t = DEFAULT_LIMIT)]
        limit: usize,
        #[arg(long, value_enum, default_value_t = QueryFormat::Table)]
        format: QueryFormat,
    },
    /// Every value promised or reported for a metric, over time, place and speech.
    #[command(
        after_help = "NAME is a canonical metric name or an alias (GDP), matched exactly;
--like matches a part of the name.

Examples:
  ptkg query metric 地区生产总值
  ptkg query metric GDP --jurisdiction 临江区 --year 2021
  ptkg query metric 收入 --like"
    )]
    Metric {
        /// The metric (canonical name or alias).
        name: String,
        /// Match NAME as a part of the metric's name.
        #[arg(long)]
        like: bool,
        /// Keep the figures for this year.
        #[arg(long)]
        year: Option<i32>,
        /// Keep the figures of one jurisdiction (exact).
        #[arg(long)]
        jurisdiction: Option<String>,
        /// Show at most this many rows, after sorting (0: all). A note on
        /// stderr says how many there were.
        #[arg(long, default_value_t = DEFAULT_LIMIT)]
        limit: usize,
        #[arg(long, value_enum, default_value_t = QueryFormat::Table)]
        format: QueryFormat,
    },
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
    Structure,
    Phrase,
    Cooccurrence,
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
    Target,
    Actual,
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
    Table,
    Json,
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
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// csv: write into a folder that already holds files (nodes.csv and
    /// relationships.csv are replaced; nothing else is touched).
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub selection: SelectionArgs,
}

/// Which part of the graph to export or render.
#[derive(Debug, Args, Clone)]
pub struct SelectionArgs {
    /// The neighbourhood of a node (by name).
    #[arg(long)]
    pub focus: Option<String>,
    /// How many edges away from --focus.
    #[arg(long, default_value_t = 2)]
    pub depth: usize,
    /// A goal, its members, the measures serving them and what they involve.
    #[arg(long)]
    pub goal: Option<String>,
    /// One speech (the path as added).
    #[arg(long)]
    pub doc: Option<String>,
    /// Keep only these node kinds (repeat or comma-separate).
    #[arg(long, value_delimiter = ',')]
    pub kind: Vec<String>,
    /// Drop serves edges lighter than this (structure 1.0, phrase 0.7, cooccurrence 0.3).
    #[arg(long)]
    pub min_weight: Option<f64>,
    /// At most this many nodes; what is dropped is reported.
    #[arg(long)]
    pub max_nodes: Option<usize>,
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Validate every rule file and run every rule's examples and counter-examples.
    #[command(after_help = "Example:\n  ptkg rules check --rules my-rules")]
    Check,
    /// Print a rule's description, patterns and examples.
    #[command(after_help = "Example:\n  ptkg rules explain project-with-suffix")]
    Explain { id: String },
    /// List every rule id with its kind and file.
    #[command(after_help = "Example:\n  ptkg rules list")]
    List,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ExtractFormat {
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
}
