//! Rendering a selected graph to a picture or a page, and the policy that
//! decides how. A request comes in as an output path (its extension names
//! the format: .svg, .png, .pdf or .html), an [`EngineChoice`] and the size
//! of the store and of the selection; [`check_readable`] refuses a whole
//! large store before it is read, [`plan`] picks the engine and says why
//! when it is not the obvious one, and [`draw`] writes the file.
//!
//! The policy: Graphviz when it is installed (`dot`, or `sfdp` above
//! [`LARGE_EDGES`] edges, because dot draws those as a long strip and takes
//! minutes), otherwise the builtin layered layout ([`builtin`]: SVG, and PNG
//! through resvg); PDF needs Graphviz; Graphviz runs under a timeout whose
//! error says how to get a picture anyway ([`graphviz`]); an HTML page is
//! always the builtin layout's SVG with a script around it. With no
//! selection, a store of more than [`READABLE_NODES`] nodes is refused with
//! a hint instead of drawn as a hairball.

pub mod builtin;
pub mod graphviz;

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::dot::{Layout, LARGE_EDGES};
use super::Graph;

pub use builtin::{svg_to_png, to_svg};
pub use graphviz::{
    dot_available, layout_positions, render_with_dot, render_with_graphviz, NodePlace, Positions,
};

/// Default cap for pictures: beyond this a drawing is a hairball.
pub const READABLE_NODES: usize = 300;

/// What a render can fail with; each says what to do instead.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("{}: render writes .svg, .png, .pdf or .html", path.display())]
    Format { path: PathBuf },
    #[error("the store has {nodes} nodes, too many for one readable picture; narrow it with --goal NAME, --focus NAME, --doc PATH or --kind, or pass --max-nodes")]
    TooManyNodes { nodes: usize },
    #[error("{}: PDF needs Graphviz (apt-get install graphviz fonts-noto-cjk); without it, render to .svg or .png", path.display())]
    PdfNeedsGraphviz { path: PathBuf },
    #[error("cannot create {}", path.display())]
    CreateDir {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot write {}", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: {message}", path.display())]
    Png { path: PathBuf, message: String },
    /// Graphviz could not run, failed or timed out.
    #[error("{0}")]
    Graphviz(String),
}

/// The file format, from the output's extension (any case).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Svg,
    Png,
    Pdf,
    /// A self-contained interactive page.
    Html,
}

impl Format {
    /// The format `output`'s extension names, or an error listing the
    /// formats there are.
    pub fn of(output: &Path) -> Result<Format, RenderError> {
        let ext = output
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "svg" => Ok(Format::Svg),
            "png" => Ok(Format::Png),
            "pdf" => Ok(Format::Pdf),
            "html" => Ok(Format::Html),
            _ => Err(RenderError::Format {
                path: output.to_path_buf(),
            }),
        }
    }

    /// The extension, which is also Graphviz's `-T` format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Svg => "svg",
            Format::Png => "png",
            Format::Pdf => "pdf",
            Format::Html => "html",
        }
    }
}

/// The engine the user asked for (`--engine`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EngineChoice {
    /// Graphviz when installed (dot; sfdp above [`LARGE_EDGES`] edges), else builtin.
    Auto,
    Dot,
    Sfdp,
    Builtin,
}

/// What lays a picture out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// A Graphviz program.
    Graphviz(Layout),
    /// The layered layout of [`builtin`] (SVG, PNG through resvg).
    Builtin,
}

impl Engine {
    /// How the `wrote …` line names it.
    pub fn name(self) -> &'static str {
        match self {
            Engine::Graphviz(layout) => layout.program(),
            Engine::Builtin => "builtin layout",
        }
    }
}

/// How big a selection is, which is all the policy looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GraphSize {
    pub nodes: usize,
    pub edges: usize,
}

impl GraphSize {
    pub fn of(graph: &Graph) -> GraphSize {
        GraphSize {
            nodes: graph.node_count(),
            edges: graph.edge_count(),
        }
    }
}

/// How a render will be done, decided before anything is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderPlan {
    pub output: PathBuf,
    pub format: Format,
    /// The engine: an HTML page takes a Graphviz engine's node positions
    /// (falling back to the builtin layout's when Graphviz fails).
    pub engine: Engine,
    /// What the user should know before the drawing starts (why sfdp, why
    /// edges lose their labels), one sentence each.
    pub notes: Vec<String>,
}

impl RenderPlan {
    /// What drew the file, as the `wrote …` line says it.
    pub fn drawn_by(&self) -> &'static str {
        match self.format {
            Format::Html => "interactive page",
            _ => self.engine.name(),
        }
    }
}

/// Refuses to draw a whole store of more than [`READABLE_NODES`] nodes;
/// `narrowed` is whether the user selected a part of it or capped the
/// nodes. Checked before the graph is read, so the refusal is quick.
pub fn check_readable(store_nodes: usize, narrowed: bool) -> Result<(), RenderError> {
    if !narrowed && store_nodes > READABLE_NODES {
        return Err(RenderError::TooManyNodes { nodes: store_nodes });
    }
    Ok(())
}

/// Decides how to render a selection of `size` to `output`. `graphviz`
/// says whether Graphviz is installed; it is asked only when the choice is
/// [`EngineChoice::Auto`].
pub fn plan(
    output: &Path,
    choice: EngineChoice,
    size: GraphSize,
    graphviz: impl FnOnce() -> bool,
) -> Result<RenderPlan, RenderError> {
    let format = Format::of(output)?;
    let mut notes = Vec::new();
    let engine = match choice {
        EngineChoice::Dot => Engine::Graphviz(Layout::Dot),
        EngineChoice::Sfdp => Engine::Graphviz(Layout::Sfdp),
        EngineChoice::Builtin => Engine::Builtin,
        EngineChoice::Auto => {
            let (engine, why) = auto_engine(size, graphviz());
            notes.extend(why);
            engine
        }
    };
    if format != Format::Html {
        match engine {
            Engine::Graphviz(Layout::Dot) if size.edges > LARGE_EDGES => notes.push(format!(
                "more than {LARGE_EDGES} edges: edges are unlabelled (the relation shows on hover in SVG), coloured by relation, and dot's ranking and crossing minimisation are bounded"
            )),
            Engine::Builtin if format == Format::Pdf => {
                return Err(RenderError::PdfNeedsGraphviz {
                    path: output.to_path_buf(),
                })
            }
            _ => {}
        }
    }
    Ok(RenderPlan {
        output: output.to_path_buf(),
        format,
        engine,
        notes,
    })
}

/// The engine `--engine auto` picks, and why when it is not plain dot:
/// builtin without Graphviz, sfdp above [`LARGE_EDGES`] edges, dot otherwise.
pub fn auto_engine(size: GraphSize, graphviz: bool) -> (Engine, Option<String>) {
    if !graphviz {
        return (Engine::Builtin, None);
    }
    let edges = size.edges;
    if edges > LARGE_EDGES {
        let why = format!(
            "{} nodes, {edges} edges: more than {LARGE_EDGES} edges, laying out with sfdp (force-directed; dot is slow on this many and draws them as a long strip); edges are unlabelled and coloured by relation (the relation shows on hover in SVG). --engine dot forces the layered layout",
            size.nodes
        );
        return (Engine::Graphviz(Layout::Sfdp), Some(why));
    }
    (Engine::Graphviz(Layout::Dot), None)
}

/// Draws `graph` as `plan` says, creating the output's folder; Graphviz may
/// run for at most `timeout`.
pub fn draw(plan: &RenderPlan, graph: &Graph, timeout: Duration) -> Result<(), RenderError> {
    let output = plan.output.as_path();
    if let Some(parent) = output.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|source| RenderError::CreateDir {
            path: parent.to_path_buf(),
            source,
        })?;
    }
    let write = |content: &[u8]| {
        std::fs::write(output, content).map_err(|source| RenderError::Write {
            path: output.to_path_buf(),
            source,
        })
    };
    match (plan.format, plan.engine) {
        (Format::Html, _) => {
            let title = output
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("ptkg");
            // The page takes Graphviz's positions when it can run, else
            // the builtin layout's.
            let positions = match plan.engine {
                Engine::Graphviz(layout) => {
                    let dot = super::dot::to_dot_labelled(graph, layout, false);
                    layout_positions(layout, &dot, timeout).ok()
                }
                Engine::Builtin => None,
            };
            write(super::html::to_html_at(graph, title, positions.as_ref()).as_bytes())
        }
        (format, Engine::Graphviz(layout)) => {
            let dot = super::dot::to_dot_for(graph, layout);
            render_with_graphviz(layout, &dot, format.extension(), output, timeout)
                .map_err(RenderError::Graphviz)
        }
        (Format::Svg, Engine::Builtin) => write(to_svg(graph).as_bytes()),
        (Format::Png, Engine::Builtin) => {
            let png = svg_to_png(&to_svg(graph)).map_err(|message| RenderError::Png {
                path: output.to_path_buf(),
                message,
            })?;
            write(&png)
        }
        (Format::Pdf, Engine::Builtin) => Err(RenderError::PdfNeedsGraphviz {
            path: output.to_path_buf(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: GraphSize = GraphSize {
        nodes: 12,
        edges: 30,
    };
    const LARGE: GraphSize = GraphSize {
        nodes: 66,
        edges: 1041,
    };

    fn plan_for(path: &str, choice: EngineChoice, size: GraphSize, graphviz: bool) -> RenderPlan {
        plan(Path::new(path), choice, size, || graphviz).unwrap()
    }

    #[test]
    fn the_extension_names_the_format_in_any_case() {
        assert_eq!(Format::of(Path::new("out/区委.SVG")).unwrap(), Format::Svg);
        assert_eq!(Format::of(Path::new("a.png")).unwrap(), Format::Png);
        assert_eq!(Format::of(Path::new("a.Pdf")).unwrap(), Format::Pdf);
        assert_eq!(Format::of(Path::new("a.html")).unwrap(), Format::Html);
        for bad in ["out/graph.dot", "out/graph", "out/graph.htm"] {
            let err = Format::of(Path::new(bad)).unwrap_err().to_string();
            assert_eq!(
                err,
                format!("{bad}: render writes .svg, .png, .pdf or .html")
            );
        }
    }

    #[test]
    fn auto_takes_dot_for_small_sfdp_for_large_and_builtin_without_graphviz() {
        let small = plan_for("g.svg", EngineChoice::Auto, SMALL, true);
        assert_eq!(small.engine, Engine::Graphviz(Layout::Dot));
        assert!(small.notes.is_empty(), "{:?}", small.notes);
        let large = plan_for("g.svg", EngineChoice::Auto, LARGE, true);
        assert_eq!(large.engine, Engine::Graphviz(Layout::Sfdp));
        let [why] = &large.notes[..] else {
            panic!("one note says why sfdp: {:?}", large.notes)
        };
        assert!(
            why.contains("66 nodes, 1041 edges") && why.contains("--engine dot"),
            "{why}"
        );
        for size in [SMALL, LARGE] {
            let without = plan_for("g.png", EngineChoice::Auto, size, false);
            assert_eq!((without.engine, without.notes), (Engine::Builtin, vec![]));
        }
    }

    #[test]
    fn graphviz_is_asked_only_for_auto() {
        for choice in [EngineChoice::Dot, EngineChoice::Sfdp, EngineChoice::Builtin] {
            plan(Path::new("g.svg"), choice, SMALL, || {
                panic!("{choice:?} must not probe for Graphviz")
            })
            .unwrap();
        }
    }

    #[test]
    fn dot_forced_on_a_large_selection_warns_that_edges_lose_their_labels() {
        let p = plan_for("g.pdf", EngineChoice::Dot, LARGE, false);
        assert_eq!(p.engine, Engine::Graphviz(Layout::Dot));
        assert_eq!(p.notes.len(), 1);
        assert!(p.notes[0].starts_with("more than 1000 edges: edges are unlabelled"));
        // sfdp always draws large-style, and a page has no dot at all.
        assert!(plan_for("g.svg", EngineChoice::Sfdp, LARGE, true)
            .notes
            .is_empty());
        assert!(plan_for("g.html", EngineChoice::Dot, LARGE, true)
            .notes
            .is_empty());
        assert!(plan_for("g.svg", EngineChoice::Dot, SMALL, true)
            .notes
            .is_empty());
    }

    #[test]
    fn pdf_without_graphviz_is_refused_with_the_package_to_install() {
        for (choice, graphviz) in [(EngineChoice::Builtin, true), (EngineChoice::Auto, false)] {
            let err = plan(Path::new("out/临江区.pdf"), choice, SMALL, || graphviz)
                .unwrap_err()
                .to_string();
            assert_eq!(
                err,
                "out/临江区.pdf: PDF needs Graphviz (apt-get install graphviz fonts-noto-cjk); without it, render to .svg or .png"
            );
        }
        let p = plan_for("g.pdf", EngineChoice::Auto, SMALL, true);
        assert_eq!(p.engine, Engine::Graphviz(Layout::Dot));
    }

    #[test]
    fn a_page_is_drawn_by_the_builtin_layout_whatever_the_engine() {
        let p = plan_for("g.html", EngineChoice::Auto, LARGE, true);
        assert_eq!(p.drawn_by(), "interactive page");
        // The auto engine's note still tells what a picture would use.
        assert_eq!(p.notes.len(), 1);
        assert_eq!(
            plan_for("g.svg", EngineChoice::Builtin, SMALL, true).drawn_by(),
            "builtin layout"
        );
        assert_eq!(
            plan_for("g.svg", EngineChoice::Sfdp, SMALL, true).drawn_by(),
            "sfdp"
        );
    }

    #[test]
    fn a_whole_large_store_is_refused_with_a_hint_unless_narrowed() {
        assert!(check_readable(READABLE_NODES, false).is_ok());
        assert!(check_readable(5_000, true).is_ok());
        let err = check_readable(READABLE_NODES + 1, false)
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("the store has 301 nodes, too many for one readable picture")
                && err.contains("--goal NAME")
                && err.contains("--max-nodes"),
            "{err}"
        );
    }

    #[test]
    fn the_page_takes_graphviz_positions_when_dot_is_installed() {
        use crate::graph::dot::tests::dense;
        if !dot_available() {
            eprintln!("skipped: Graphviz is not installed");
            return;
        }
        let g = dense(8, 1);
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("g.html");
        let p = plan(&out, EngineChoice::Auto, GraphSize::of(&g), || true).unwrap();
        draw(&p, &g, Duration::from_secs(20)).unwrap();
        let page = std::fs::read_to_string(&out).unwrap();
        let dot = crate::graph::dot::to_dot_labelled(&g, Layout::Dot, false);
        let at = layout_positions(Layout::Dot, &dot, Duration::from_secs(20)).unwrap();
        assert_eq!(page, crate::graph::html::to_html_at(&g, "g", Some(&at)));
        assert_ne!(page, crate::graph::html::to_html(&g, "g"));
        // Eight measures of one goal staggered over three ranks: the page
        // is wider than one column of eight boxes.
        let xs: std::collections::BTreeSet<i64> = (0..g.node_count())
            .filter_map(|i| at.get(&format!("n{i}")).map(|p| p.x as i64))
            .collect();
        assert!(xs.len() >= 4, "{xs:?}");
    }

    #[test]
    fn draw_writes_svg_and_page_and_creates_the_folder() {
        use crate::graph::dot::tests::dense;
        let g = dense(3, 2);
        let tmp = tempfile::tempdir().unwrap();
        for name in ["sub/g.svg", "sub/deeper/g.html"] {
            let out = tmp.path().join(name);
            let p = plan(&out, EngineChoice::Builtin, GraphSize::of(&g), || false).unwrap();
            draw(&p, &g, Duration::from_secs(1)).unwrap();
            let text = std::fs::read_to_string(&out).unwrap();
            assert!(text.contains("<svg") && text.contains("措施2"), "{name}");
        }
    }
}
