//! One handler per command: load what it needs, call the library, print.

use std::io::Write;
use std::path::Path;

use anyhow::{bail, Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::{
    Cli, Command, EngineArg, ExportCommand, Format, QueryCommand, QueryFormat, RulesCommand,
    SelectionArgs,
};
use ptkg::ingest::{self, Outcome};
use ptkg::model::NodeKind;
use ptkg::{CompiledRuleSet, Pipeline, Store};

/// Runs a parsed command line; returns the process exit code.
pub fn run(cli: Cli) -> Result<i32> {
    match &cli.command {
        Command::Add {
            paths,
            quiet,
            commit_every,
        } => add(&cli, paths, *quiet, commit_every.map(|n| n as usize)),
        Command::Compact => compact(&cli),
        Command::Remove { path } => remove(&cli, path),
        Command::Reindex { quiet } => reindex(&cli, *quiet),
        Command::Extract { files, .. } => extract(&cli, files),
        Command::Stats { format } => stats(&cli, *format),
        Command::List { kind, format } => list(&cli, kind, *format),
        Command::Show {
            name,
            evidence,
            limit,
            format,
        } => show(&cli, name, *evidence, *limit, *format),
        Command::Query(QueryCommand::Targets {
            metric,
            status,
            year,
            district,
            limit,
            format,
        }) => {
            let filter = ptkg::query::TargetFilter {
                metric: metric.clone(),
                status: status.map(|s| s.as_str().to_string()),
                year: *year,
                district: district.clone(),
            };
            let store = Store::open_existing(&cli.db)?;
            let page = ptkg::query::targets(&store, &filter, *limit)?;
            note_cut(page.rows.len(), page.total);
            print_targets(&page.rows, *format)
        }
        Command::Query(QueryCommand::Serves {
            goal,
            measure,
            basis,
            limit,
            format,
        }) => {
            let store = Store::open_existing(&cli.db)?;
            let page = ptkg::query::serves(
                &store,
                goal.as_deref(),
                measure.as_deref(),
                basis.map(|b| b.as_str()),
                *limit,
            )?;
            note_cut(page.rows.len(), page.total);
            let rows = page.rows;
            if rows.is_empty() && goal.is_some() {
                bail!(
                    "no measure serves a goal named like {:?}; `ptkg query goals` lists the goals",
                    goal.as_deref().unwrap_or_default()
                );
            }
            let header = [
                "goal", "measure", "basis", "weight", "speeches", "document", "evidence",
            ];
            let table: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    vec![
                        r.goal.clone(),
                        r.measure.clone(),
                        r.basis.clone(),
                        format!("{:.1}", r.weight),
                        r.speeches.to_string(),
                        r.document.clone(),
                        shorten(&r.evidence, *format),
                    ]
                })
                .collect();
            print_rows(&rows, &header, &table, *format)
        }
        Command::Query(QueryCommand::Goals { format }) => {
            let store = Store::open_existing(&cli.db)?;
            let rows = ptkg::query::goals(&store)?;
            let header = ["goal", "members", "measures", "targets", "speeches"];
            let table: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    vec![
                        r.goal.clone(),
                        r.members.to_string(),
                        r.measures.to_string(),
                        r.targets.to_string(),
                        r.speeches.to_string(),
                    ]
                })
                .collect();
            print_rows(&rows, &header, &table, *format)
        }
        Command::Query(QueryCommand::Path { from, to, format }) => {
            let store = Store::open_existing(&cli.db)?;
            let Some(steps) = ptkg::query::path(&store, from, to)? else {
                bail!("no path between {from:?} and {to:?} (check both names with `ptkg show`)");
            };
            let header = ["kind", "name", "next"];
            let table: Vec<Vec<String>> = steps
                .iter()
                .map(|s| {
                    vec![
                        s.kind.as_str().to_string(),
                        s.name.clone(),
                        s.via.clone().unwrap_or_default(),
                    ]
                })
                .collect();
            print_rows(&steps, &header, &table, *format)
        }
        Command::Query(QueryCommand::Metric {
            name,
            limit,
            format,
        }) => {
            let store = Store::open_existing(&cli.db)?;
            let page = ptkg::query::metric(&store, name, *limit)?;
            note_cut(page.rows.len(), page.total);
            let rows = page.rows;
            if rows.is_empty() {
                bail!("no targets for a metric named like {name:?}; `ptkg list metric` shows the metrics");
            }
            print_targets(&rows, *format)
        }
        Command::Export(cmd) => export(&cli, cmd),
        Command::Render {
            output,
            selection,
            engine,
            timeout,
        } => render(&cli, output, selection, *engine, *timeout),
        Command::Rules(RulesCommand::Check) => rules_check(&cli),
        Command::Rules(RulesCommand::Explain { id }) => rules_explain(&cli, id),
        Command::Rules(RulesCommand::List) => rules_list(&cli),
    }
}

fn load_rules(cli: &Cli) -> Result<CompiledRuleSet> {
    let rules = CompiledRuleSet::load(cli.rules.as_deref())?;
    // A rule that fails its own examples never reaches the store. The
    // built-in rules are checked by the test suite (and `ptkg rules check`),
    // so only user rule folders pay for the check at every start.
    if cli.rules.is_none() {
        return Ok(rules);
    }
    let report = rules.check();
    if let Some(first) = report.failures.first() {
        bail!(
            "{first} ({} failing example(s) in all; run `ptkg rules check` for the full list)",
            report.failures.len()
        );
    }
    Ok(rules)
}

fn print(s: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(s.as_bytes())?;
    out.flush()?;
    Ok(())
}

fn progress(len: usize, quiet: bool) -> ProgressBar {
    if quiet {
        return ProgressBar::hidden();
    }
    let pb = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::stderr());
    pb.set_style(
        ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}")
            .expect("progress template is valid")
            .progress_chars("=> "),
    );
    pb
}

fn add(
    cli: &Cli,
    paths: &[std::path::PathBuf],
    quiet: bool,
    commit_every: Option<usize>,
) -> Result<i32> {
    // An existing store opens on its own thread while the rules compile:
    // both take a good part of adding one document. A new store is made
    // only once the rules and paths are known to be good.
    let opening = cli.db.exists().then(|| {
        let db = cli.db.clone();
        std::thread::spawn(move || Store::open(&db))
    });
    let rules = load_rules(cli)?;
    let files = ptkg::document::collect_paths(paths)?;
    if files.is_empty() {
        bail!(
            "no .txt, .md, .html or .htm files under {}",
            display_list(paths)
        );
    }
    let store = match opening {
        Some(thread) => thread.join().expect("the store opens without panicking")?,
        None => Store::open(&cli.db)?,
    };
    let pipeline = Pipeline::new(rules);
    let pb = progress(files.len(), quiet);
    let summary = ingest::add_files(&store, &pipeline, &files, commit_every, |path, outcome| {
        pb.inc(1);
        pb.set_message(path.to_string());
        if let Outcome::Failed(msg) = outcome {
            pb.suspend(|| eprintln!("ptkg: warning: skipped {msg}"));
        }
    })?;
    pb.finish_and_clear();
    for w in &summary.warnings {
        eprintln!("ptkg: warning: {w}");
    }
    if summary.rules_changed {
        eprintln!(
            "ptkg: note: the rules changed since this store was built; unchanged documents keep their old facts until you run `ptkg reindex`"
        );
    }
    // Counting documents is cheap; counting nodes and edges scans the whole
    // store, which `ptkg stats` does on request.
    print(&format!(
        "added {}, replaced {}, unchanged {}, failed {}; store {} has {} documents\n",
        summary.added,
        summary.replaced,
        summary.unchanged,
        summary.failed.len(),
        cli.db.display(),
        store.document_count()
    ))?;
    Ok(if summary.failed.is_empty() { 0 } else { 2 })
}

fn display_list(paths: &[std::path::PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

fn compact(cli: &Cli) -> Result<i32> {
    let store = Store::open_existing(&cli.db)?;
    let before = store.run_files()?;
    store.compact()?;
    let after = store.run_files()?;
    print(&format!(
        "compacted {}: {} run file(s), {:.1} MB → {} run file(s), {:.1} MB\n",
        cli.db.display(),
        before.0,
        before.1 as f64 / 1e6,
        after.0,
        after.1 as f64 / 1e6
    ))?;
    Ok(0)
}

fn remove(cli: &Cli, path: &str) -> Result<i32> {
    let store = Store::open_existing(&cli.db)?;
    let removed = ingest::remove(&store, path)?;
    if removed.is_empty() {
        bail!(
            "{path}: no such document in {}; `ptkg list speech` shows the stored paths",
            cli.db.display()
        );
    }
    print(&format!(
        "removed {} document(s): {}\n",
        removed.len(),
        removed.join(", ")
    ))?;
    Ok(0)
}

fn reindex(cli: &Cli, quiet: bool) -> Result<i32> {
    let rules = load_rules(cli)?;
    let store = Store::open_existing(&cli.db)?;
    let n = store.docs()?.len();
    let pipeline = Pipeline::new(rules);
    let pb = progress(n, quiet);
    let done = ingest::reindex(&store, &pipeline, |path| {
        pb.inc(1);
        pb.set_message(path.to_string());
    })?;
    pb.finish_and_clear();
    let stats = store.stats()?;
    print(&format!(
        "reindexed {done} document(s); store has {} nodes, {} edges\n",
        stats.nodes, stats.edges
    ))?;
    Ok(0)
}

fn extract(cli: &Cli, files: &[std::path::PathBuf]) -> Result<i32> {
    let pipeline = Pipeline::new(load_rules(cli)?);
    let files = ptkg::document::collect_paths(files)?;
    let mut failed = 0;
    for file in &files {
        match pipeline.extract_file(file) {
            Ok((_, _, ex)) => {
                for w in &ex.warnings {
                    eprintln!("ptkg: warning: {}: {w}", ex.document.path);
                }
                print(&(serde_json::to_string(&ex)? + "\n"))?;
            }
            Err(e) => {
                eprintln!("ptkg: warning: skipped {e}");
                failed += 1;
            }
        }
    }
    Ok(if failed == 0 { 0 } else { 2 })
}

fn stats(cli: &Cli, format: Format) -> Result<i32> {
    let store = Store::open_existing(&cli.db)?;
    let s = store.stats()?;
    match format {
        Format::Json => print(&(serde_json::to_string_pretty(&s)? + "\n"))?,
        Format::Table => {
            let mut rows = vec![
                vec!["documents".to_string(), s.documents.to_string()],
                vec!["nodes".to_string(), s.nodes.to_string()],
                vec!["edges".to_string(), s.edges.to_string()],
                vec!["provenance rows".to_string(), s.provenance.to_string()],
            ];
            for (k, n) in &s.nodes_by_kind {
                rows.push(vec![format!("  {k}"), n.to_string()]);
            }
            for (k, n) in &s.edges_by_relation {
                rows.push(vec![format!("  {k} edges"), n.to_string()]);
            }
            print(&super::table::render(&["what", "count"], &rows))?;
        }
    }
    Ok(0)
}

fn parse_kind(kind: &str) -> Result<NodeKind> {
    NodeKind::parse(kind).with_context(|| {
        let all: Vec<&str> = NodeKind::ALL.iter().map(|k| k.as_str()).collect();
        format!("unknown kind {kind:?}; expected one of {}", all.join(", "))
    })
}

fn list(cli: &Cli, kind: &str, format: Format) -> Result<i32> {
    let kind = parse_kind(kind)?;
    let store = Store::open_existing(&cli.db)?;
    let rows = ptkg::query::list(&store, kind)?;
    match format {
        Format::Json => print(&(serde_json::to_string_pretty(&rows)? + "\n"))?,
        Format::Table => {
            let table: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    vec![
                        r.name.clone(),
                        r.documents.to_string(),
                        r.mentions.to_string(),
                    ]
                })
                .collect();
            print(&super::table::render(
                &["name", "documents", "mentions"],
                &table,
            ))?;
        }
    }
    Ok(0)
}

/// Says on stderr that a query's rows were cut by `--limit`.
fn note_cut(shown: usize, total: usize) {
    if shown < total {
        eprintln!(
            "ptkg: note: showing {shown} of {total} rows; --limit N shows more, --limit 0 all"
        );
    }
}

fn show(cli: &Cli, name: &str, evidence: usize, limit: usize, format: Format) -> Result<i32> {
    let store = Store::open_existing(&cli.db)?;
    let max = if limit == 0 { usize::MAX } else { limit };
    let views = ptkg::query::show(&store, name, max, evidence)?;
    if views.is_empty() {
        bail!(
            "no node named {name:?}; try `ptkg list district` (or project, sector, organization)"
        );
    }
    if format == Format::Json {
        print(&(serde_json::to_string_pretty(&views)? + "\n"))?;
        return Ok(0);
    }
    let mut out = String::new();
    for v in &views {
        out.push_str(&format!("{} [{}]  id {}\n", v.name, v.kind.as_str(), v.id));
        if !v.edges.is_empty() {
            match v.edges_total {
                Some(n) if n > v.edges.len() => out.push_str(&format!(
                    "edges ({} of {n}; --limit shows more):\n",
                    v.edges.len()
                )),
                None => out.push_str(&format!(
                    "edges (the first {}; --limit shows more):\n",
                    v.edges.len()
                )),
                _ => out.push_str("edges:\n"),
            }
            for e in &v.edges {
                let arrow = if e.direction == "out" { "→" } else { "←" };
                let basis = if e.basis.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", e.basis)
                };
                out.push_str(&format!(
                    "  {arrow} {}{basis} {} [{}]\n",
                    e.relation,
                    e.name,
                    e.kind.as_str()
                ));
            }
        }
        if v.kind == NodeKind::Goal {
            let tree = ptkg::query::goal_tree(&store, &v.id, max)?;
            if !tree.is_empty() {
                out.push_str("tree:\n");
                for line in tree {
                    out.push_str(&format!("  {line}\n"));
                }
            }
        }
        out.push_str(&format!(
            "evidence ({} of {}):\n",
            v.evidence.len(),
            v.evidence_total
        ));
        for e in &v.evidence {
            out.push_str(&format!(
                "  {}:{}-{} [{}] {}\n",
                e.document, e.start, e.end, e.rule, e.sentence
            ));
        }
        out.push('\n');
    }
    print(&out)?;
    Ok(0)
}

fn shorten(s: &str, format: QueryFormat) -> String {
    if format == QueryFormat::Csv || s.chars().count() <= 40 {
        s.to_string()
    } else {
        s.chars().take(40).collect::<String>() + "…"
    }
}

fn print_rows<T: serde::Serialize>(
    rows: &[T],
    header: &[&str],
    table: &[Vec<String>],
    format: QueryFormat,
) -> Result<i32> {
    match format {
        QueryFormat::Json => print(&(serde_json::to_string_pretty(rows)? + "\n"))?,
        QueryFormat::Csv => print(&super::table::csv(header, table))?,
        QueryFormat::Table => print(&super::table::render(header, table))?,
    }
    Ok(0)
}

fn print_targets(rows: &[ptkg::query::TargetRow], format: QueryFormat) -> Result<i32> {
    if format == QueryFormat::Json {
        print(&(serde_json::to_string_pretty(rows)? + "\n"))?;
        return Ok(0);
    }
    let header = [
        "metric",
        "value",
        "unit",
        "change",
        "qualifier",
        "status",
        "year",
        "document",
        "sentence",
    ];
    let table: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let value = match (r.value, r.value_max) {
                (Some(v), Some(m)) => format!(
                    "{}–{}",
                    ptkg::model::format_number(v),
                    ptkg::model::format_number(m)
                ),
                (Some(v), None) => ptkg::model::format_number(v),
                (None, _) => r.value_text.trim_end_matches(r.unit.as_str()).to_string(),
            };
            let sentence: String = if format == QueryFormat::Csv {
                r.sentence.clone()
            } else {
                let s: String = r.sentence.chars().take(40).collect();
                if r.sentence.chars().count() > 40 {
                    s + "…"
                } else {
                    s
                }
            };
            vec![
                r.metric.clone(),
                value,
                r.unit.clone(),
                r.change.clone(),
                r.qualifier.clone(),
                r.status.clone(),
                r.year
                    .map(|y| y.to_string())
                    .or(r.period.clone())
                    .unwrap_or_default(),
                r.document.clone(),
                sentence,
            ]
        })
        .collect();
    match format {
        QueryFormat::Csv => print(&super::table::csv(&header, &table))?,
        _ => print(&super::table::render(&header, &table))?,
    }
    Ok(0)
}

/// Default cap for pictures: beyond this a drawing is a hairball.
const READABLE_NODES: usize = 300;

fn selected_graph(
    cli: &Cli,
    args: &SelectionArgs,
    cap: Option<usize>,
) -> Result<ptkg::graph::select::Selected> {
    let store = Store::open_existing(&cli.db)?;
    let graph = ptkg::graph::Graph::load(&store)?;
    let kinds = args
        .kind
        .iter()
        .map(|k| parse_kind(k))
        .collect::<Result<Vec<_>>>()?;
    let sel = ptkg::graph::select::Selection {
        focus: args.focus.clone(),
        depth: args.depth,
        goal: args.goal.clone(),
        doc: args.doc.clone(),
        kinds,
        min_weight: args.min_weight,
        max_nodes: args.max_nodes.or(cap),
    };
    let mut selected = ptkg::graph::select::select(&graph, &sel).map_err(|e| anyhow::anyhow!(e))?;
    selected.graph.annotate_evidence(&store)?;
    if selected.dropped > 0 {
        eprintln!(
            "ptkg: note: kept {} nodes, dropped {} (raise --max-nodes or narrow with --focus/--goal/--doc)",
            selected.graph.node_count(),
            selected.dropped
        );
    }
    Ok(selected)
}

fn write_output(output: Option<&Path>, content: &str) -> Result<()> {
    match output {
        Some(path) => {
            if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent)
                    .with_context(|| format!("cannot create {}", parent.display()))?;
            }
            std::fs::write(path, content)
                .with_context(|| format!("cannot write {}", path.display()))?;
            eprintln!("wrote {}", path.display());
            Ok(())
        }
        None => print(content),
    }
}

fn export(cli: &Cli, cmd: &ExportCommand) -> Result<i32> {
    let (args, kind) = match cmd {
        ExportCommand::Dot(a) => (a, "dot"),
        ExportCommand::Graphml(a) => (a, "graphml"),
        ExportCommand::Json(a) => (a, "json"),
        ExportCommand::Csv(a) => (a, "csv"),
    };
    let selected = selected_graph(cli, &args.selection, None)?;
    let g = &selected.graph;
    match kind {
        "dot" => write_output(args.output.as_deref(), &ptkg::graph::dot::to_dot(g))?,
        "graphml" => write_output(args.output.as_deref(), &ptkg::graph::export::to_graphml(g))?,
        "json" => write_output(
            args.output.as_deref(),
            &(serde_json::to_string_pretty(&ptkg::graph::export::to_json(g))? + "\n"),
        )?,
        _ => {
            let Some(dir) = args.output.as_deref() else {
                bail!("csv export writes a folder of files; pass -o FOLDER");
            };
            ptkg::graph::export::to_neo4j_csv(g, dir)
                .with_context(|| format!("cannot write {}", dir.display()))?;
            eprintln!("wrote {}/nodes.csv and relationships.csv", dir.display());
        }
    }
    Ok(0)
}

fn render(
    cli: &Cli,
    output: &Path,
    args: &SelectionArgs,
    engine: EngineArg,
    timeout: u64,
) -> Result<i32> {
    let ext = output
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .unwrap_or_default();
    if !matches!(ext.as_str(), "svg" | "png" | "pdf" | "html") {
        bail!(
            "{}: render writes .svg, .png, .pdf or .html",
            output.display()
        );
    }
    let store_nodes = {
        let store = Store::open_existing(&cli.db)?;
        store.stats()?.nodes
    };
    let narrowed =
        args.focus.is_some() || args.goal.is_some() || args.doc.is_some() || !args.kind.is_empty();
    if !narrowed && args.max_nodes.is_none() && store_nodes > READABLE_NODES {
        bail!(
            "the store has {store_nodes} nodes, too many for one readable picture; narrow it with --goal NAME, --focus NAME, --doc PATH or --kind, or pass --max-nodes"
        );
    }
    let selected = selected_graph(cli, args, Some(READABLE_NODES))?;
    use ptkg::graph::dot::Layout;
    use ptkg::graph::render::Engine;
    let engine = match engine {
        EngineArg::Dot => Engine::Graphviz(Layout::Dot),
        EngineArg::Sfdp => Engine::Graphviz(Layout::Sfdp),
        EngineArg::Builtin => Engine::Builtin,
        EngineArg::Auto => {
            let (engine, why) = ptkg::graph::render::auto_engine(
                &selected.graph,
                ptkg::graph::render::dot_available(),
            );
            if let Some(why) = why {
                eprintln!("ptkg: note: {why}");
            }
            engine
        }
    };
    if let Some(parent) = output.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    if ext == "html" {
        let title = output
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("ptkg");
        std::fs::write(output, ptkg::graph::html::to_html(&selected.graph, title))
            .with_context(|| format!("cannot write {}", output.display()))?;
        eprintln!(
            "wrote {} ({} nodes, {} edges, interactive page)",
            output.display(),
            selected.graph.node_count(),
            selected.graph.edge_count()
        );
        return Ok(0);
    }
    if let Engine::Graphviz(layout) = engine {
        let dot = ptkg::graph::dot::to_dot_for(&selected.graph, layout);
        if layout == Layout::Dot && ptkg::graph::dot::is_large(&selected.graph) {
            eprintln!(
                "ptkg: note: more than {} edges: edges are unlabelled (the relation shows on hover in SVG), coloured by relation, and dot's ranking and crossing minimisation are bounded",
                ptkg::graph::dot::LARGE_EDGES
            );
        }
        ptkg::graph::render::render_with_graphviz(
            layout,
            &dot,
            &ext,
            output,
            std::time::Duration::from_secs(timeout),
        )
        .map_err(|e| anyhow::anyhow!(e))?;
    } else {
        let svg = ptkg::graph::render::to_svg(&selected.graph);
        match ext.as_str() {
            "svg" => std::fs::write(output, svg).with_context(|| format!("cannot write {}", output.display()))?,
            "png" => {
                let png = ptkg::graph::render::svg_to_png(&svg)
                    .map_err(|e| anyhow::anyhow!("{}: {e}", output.display()))?;
                std::fs::write(output, png).with_context(|| format!("cannot write {}", output.display()))?
            }
            _ => bail!(
                "{}: PDF needs Graphviz (apt-get install graphviz fonts-noto-cjk); without it, render to .svg or .png",
                output.display()
            ),
        }
    }
    eprintln!(
        "wrote {} ({} nodes, {} edges, {})",
        output.display(),
        selected.graph.node_count(),
        selected.graph.edge_count(),
        match engine {
            Engine::Graphviz(layout) => layout.program(),
            Engine::Builtin => "builtin layout",
        }
    );
    Ok(0)
}

fn rules_check(cli: &Cli) -> Result<i32> {
    let rules = CompiledRuleSet::load(cli.rules.as_deref())?;
    let report = rules.check();
    for f in &report.failures {
        eprintln!("{f}");
    }
    let msg = format!(
        "{} rules in {} files, {} examples, {} counter-examples: {} failed\n",
        report.rules,
        rules.files.len(),
        report.examples,
        report.counter_examples,
        report.failures.len()
    );
    if report.failures.is_empty() {
        print(&msg)?;
        Ok(0)
    } else {
        eprint!("{msg}");
        Ok(1)
    }
}

fn rules_explain(cli: &Cli, id: &str) -> Result<i32> {
    let rules = CompiledRuleSet::load(cli.rules.as_deref())?;
    let Some(rule) = rules.get(id) else {
        bail!("no rule with id {id:?}; `ptkg rules list` shows every id");
    };
    let mut out = format!(
        "{} ({}, {}:{})\n\n{}\n",
        rule.id,
        rule.kind.as_str(),
        rule.file,
        rule.line,
        rule.description
    );
    if !rule.pattern_sources.is_empty() {
        out.push_str("\npatterns:\n");
        for p in &rule.pattern_sources {
            out.push_str(&format!("  {p}\n"));
        }
    }
    if !rule.words_list.is_empty() {
        let shown: Vec<&str> = rule
            .words_list
            .iter()
            .take(20)
            .map(String::as_str)
            .collect();
        out.push_str(&format!(
            "\nwords ({}): {}",
            rule.words_list.len(),
            shown.join(" ")
        ));
        out.push_str(if rule.words_list.len() > 20 {
            " …\n"
        } else {
            "\n"
        });
    }
    out.push_str("\nexamples:\n");
    for ex in &rule.examples {
        out.push_str(&ex.to_string());
    }
    if !rule.counter_examples.is_empty() {
        out.push_str("\ncounter-examples (must not match):\n");
        for c in &rule.counter_examples {
            out.push_str(&c.to_string());
        }
    }
    print(&out)?;
    Ok(0)
}

fn rules_list(cli: &Cli) -> Result<i32> {
    let rules = CompiledRuleSet::load(cli.rules.as_deref())?;
    let rows: Vec<Vec<String>> = rules
        .rules
        .iter()
        .map(|r| {
            vec![
                r.id.clone(),
                r.kind.as_str().to_string(),
                format!("{}:{}", r.file, r.line),
            ]
        })
        .collect();
    print(&super::table::render(&["id", "kind", "defined at"], &rows))?;
    Ok(0)
}
