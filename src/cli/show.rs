//! `ptkg show NAME`: a speech (by id, path or title) as its outline with
//! the facts under each heading, or its text with `--text`
//! ([`ptkg::query::outline`]); otherwise every node of that name (exact,
//! aliases and traditional characters folded) with its edges (at most
//! `--limit`), a goal's tree, and its evidence sentences
//! ([`ptkg::query::show`], [`ptkg::query::goal_tree`]), as text or JSON.

use anyhow::Result;
use ptkg::model::NodeKind;
use ptkg::query::{NameKind, NodeView, SpeechOutline, SpeechTitles};
use ptkg::store::DocRecord;
use ptkg::Store;

use super::names::Names;
use super::output::{print, print_json};
use super::{Cli, Format, ShowArgs};

pub fn run(cli: &Cli, args: &ShowArgs) -> Result<i32> {
    let store = Store::open_read_only(&cli.db)?;
    let names = Names::new(cli, &store);
    // A node's name first; then a speech; then the name as typed (a
    // measure's); the node's "did you mean" answers when all fail.
    let name = match names.one(NameKind::NODE, &args.name) {
        Ok(n) => n,
        Err(node_err) => {
            let doc_err = match names.doc(Some(&args.name)) {
                Ok(Some(doc)) => return speech(&store, &doc, args),
                Ok(None) => None,
                Err(e) if !is_not_found(&e) => return Err(e),
                Err(e) => Some(e),
            };
            let folded = ptkg::query::fold(&args.name);
            if ptkg::query::show(&store, &folded, 1, 0)?.is_empty() {
                return Err(neither(&args.name, &node_err, doc_err.as_ref()).unwrap_or(node_err));
            }
            folded
        }
    };
    nodes(&store, &name, args)
}

/// Whether an error says a name matched nothing.
fn is_not_found(e: &anyhow::Error) -> bool {
    matches!(
        e.downcast_ref::<ptkg::Error>(),
        Some(ptkg::Error::NotFound { .. })
    )
}

/// "no node or speech named X; did you mean …?" with the nearest names
/// of both, when both lookups found nothing.
fn neither(name: &str, node: &anyhow::Error, doc: Option<&anyhow::Error>) -> Option<anyhow::Error> {
    let near = |e: &anyhow::Error| match e.downcast_ref::<ptkg::Error>() {
        Some(ptkg::Error::NotFound { near, .. }) => Some(near.clone()),
        _ => None,
    };
    let mut all = near(node)?;
    for n in near(doc?)? {
        if !all.contains(&n) {
            all.push(n);
        }
    }
    all.truncate(4);
    Some(
        ptkg::Error::NotFound {
            what: "node or speech",
            name: ptkg::query::fold(name),
            near: all,
            hint: "`ptkg list speech` lists the speeches, `ptkg list district` (or project, sector, organization, goal, metric) the nodes".into(),
        }
        .into(),
    )
}

/// A speech: its outline with the facts under each heading, or its text.
fn speech(store: &Store, doc: &DocRecord, args: &ShowArgs) -> Result<i32> {
    if args.text {
        let text = store.text(doc.id)?.unwrap_or_default();
        print(&(text.trim_end().to_string() + "\n"))?;
        return Ok(0);
    }
    let outline = ptkg::query::outline(store, doc)?;
    if args.format == Format::Json {
        print_json(&outline)?;
        return Ok(0);
    }
    print(&outline_text(&outline))?;
    Ok(0)
}

/// The outline as text: a header, then each heading indented by level
/// with its facts grouped by kind.
fn outline_text(o: &SpeechOutline) -> String {
    let mut out = format!("{} [speech]  id {}\n", o.title, o.id);
    out.push_str(&format!("paths: {}\n", o.paths.join(", ")));
    if let Some(d) = &o.date {
        out.push_str(&format!("date: {d}\n"));
    }
    if let Some(j) = &o.jurisdiction {
        out.push_str(&format!("jurisdiction: {j}\n"));
    }
    out.push_str("outline (`--text` prints the text):\n");
    let groups: [(&str, &[NodeKind]); 4] = [
        ("targets", &[NodeKind::Target]),
        ("goals", &[NodeKind::Goal]),
        ("measures", &[NodeKind::Measure]),
        (
            "entities",
            &[
                NodeKind::District,
                NodeKind::Project,
                NodeKind::Sector,
                NodeKind::Organization,
            ],
        ),
    ];
    for s in &o.sections {
        let indent = "  ".repeat(s.level.max(1));
        let heading = if s.level == 0 {
            "(before the first heading)"
        } else {
            s.heading.as_str()
        };
        out.push_str(&format!("{indent}{heading}\n"));
        for (label, kinds) in groups {
            let names: Vec<&str> = s
                .facts
                .iter()
                .filter(|f| kinds.contains(&f.kind))
                .map(|f| f.name.as_str())
                .collect();
            if !names.is_empty() {
                out.push_str(&format!("{indent}  {label}: {}\n", names.join("; ")));
            }
        }
    }
    out
}

/// Every node named `name`, with its edges, tree and evidence.
fn nodes(store: &Store, name: &str, args: &ShowArgs) -> Result<i32> {
    let max = if args.limit == 0 {
        usize::MAX
    } else {
        args.limit
    };
    let views = ptkg::query::show(store, name, max, args.evidence)?;
    if args.format == Format::Json {
        print_json(&views)?;
        return Ok(0);
    }
    // The documents are read only when an anonymised name needs a title.
    let titles = if views.iter().any(|v| ptkg::model::is_anonymised(&v.name)) {
        SpeechTitles::read(store)?
    } else {
        SpeechTitles::default()
    };
    let mut out = String::new();
    for v in &views {
        out.push_str(&format!(
            "{} [{}]  id {}\n",
            titles.shown(&v.name, &v.id),
            v.kind.as_str(),
            v.id
        ));
        write_edges(&mut out, v);
        if v.kind == NodeKind::Goal {
            let tree = ptkg::query::goal_tree(store, &v.id, max)?;
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

/// The node's edges, one a line, under a heading that says whether
/// `--limit` cut them.
fn write_edges(out: &mut String, v: &NodeView) {
    if v.edges.is_empty() {
        return;
    }
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
