//! Rendering to images. With Graphviz installed, `dot` lays the graph out
//! (under a timeout: it can run for hours on large graphs); without it, a
//! layered layout of our own writes SVG, so `render` works on a fresh
//! machine with nothing installed.
//!
//! The builtin layout puts each node in a column by its distance from the
//! roots (nodes nothing points to), orders each column by the average row of
//! the nodes pointing to it, and sizes rows and columns by the wrapped
//! labels, so text never overlaps.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use petgraph::stable_graph::NodeIndex;
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use petgraph::Direction;

use super::dot::{style, Layout, CJK_FONTS, LARGE_EDGES};
use super::Graph;
use crate::model::NodeKind;

const FONT_PX: f64 = 13.0;
const WRAP: usize = 12;
const COL_GAP: f64 = 90.0;
const ROW_GAP: f64 = 14.0;
const PAD: f64 = 8.0;

/// Whether Graphviz's `dot` can be run.
pub fn dot_available() -> bool {
    Command::new("dot")
        .arg("-V")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// What lays a picture out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// A Graphviz program.
    Graphviz(Layout),
    /// The layered layout of this module (SVG, PNG through resvg).
    Builtin,
}

/// The engine `--engine auto` picks, and why when it is not plain dot:
/// builtin without Graphviz, sfdp above [`LARGE_EDGES`] edges, dot otherwise.
pub fn auto_engine(graph: &Graph, graphviz: bool) -> (Engine, Option<String>) {
    if !graphviz {
        return (Engine::Builtin, None);
    }
    let edges = graph.edge_count();
    if edges > LARGE_EDGES {
        let why = format!(
            "{} nodes, {edges} edges: more than {LARGE_EDGES} edges, laying out with sfdp (force-directed; dot is slow on this many and draws them as a long strip); edges are unlabelled and coloured by relation (the relation shows on hover in SVG). --engine dot forces the layered layout",
            graph.node_count()
        );
        return (Engine::Graphviz(Layout::Sfdp), Some(why));
    }
    (Engine::Graphviz(Layout::Dot), None)
}

/// Runs `dot -T<format>` on `dot_source`, writing `output`, killing it after
/// `timeout`.
pub fn render_with_dot(
    dot_source: &str,
    format: &str,
    output: &Path,
    timeout: Duration,
) -> Result<(), String> {
    render_with_graphviz(Layout::Dot, dot_source, format, output, timeout)
}

/// Runs a Graphviz layout program (`dot`, `sfdp`) with `-T<format>` on
/// `dot_source`, writing `output`, killing it after `timeout`.
pub fn render_with_graphviz(
    layout: Layout,
    dot_source: &str,
    format: &str,
    output: &Path,
    timeout: Duration,
) -> Result<(), String> {
    let program = layout.program();
    let mut child = Command::new(program)
        .arg(format!("-T{format}"))
        .arg("-o")
        .arg(output)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run {program}: {e}; install Graphviz (apt-get install graphviz fonts-noto-cjk) or use --engine builtin"))?;
    child
        .stdin
        .take()
        .expect("piped stdin")
        .write_all(dot_source.as_bytes())
        .map_err(|e| format!("cannot feed {program}: {e}"))?;
    // Drained on a thread: warnings filling the pipe would otherwise stall
    // Graphviz until the timeout.
    let mut stderr = child.stderr.take().expect("piped stderr");
    let drain = std::thread::spawn(move || {
        let mut err = String::new();
        let _ = std::io::Read::read_to_string(&mut stderr, &mut err);
        err
    });
    let started = Instant::now();
    loop {
        match child.try_wait().map_err(|e| e.to_string())? {
            Some(status) if status.success() => return Ok(()),
            Some(_) => {
                let err = drain.join().unwrap_or_default();
                return Err(format!(
                    "{program} failed: {}",
                    err.lines().next().unwrap_or("no message")
                ));
            }
            None if started.elapsed() > timeout => {
                let _ = child.kill();
                let _ = child.wait();
                let sfdp = if layout == Layout::Dot {
                    ", use --engine sfdp"
                } else {
                    ""
                };
                return Err(format!(
                    "{program} did not finish within {} s; select less (--focus, --goal, --max-nodes){sfdp} or raise --timeout",
                    timeout.as_secs()
                ));
            }
            None => std::thread::sleep(Duration::from_millis(20)),
        }
    }
}

fn char_width(c: char) -> f64 {
    if c.is_ascii() {
        0.6
    } else {
        1.0
    }
}

fn wrap(label: &str) -> Vec<String> {
    let chars: Vec<char> = label.chars().collect();
    if chars.is_empty() {
        return vec![String::new()];
    }
    chars.chunks(WRAP).map(|c| c.iter().collect()).collect()
}

fn text_width(line: &str) -> f64 {
    line.chars().map(char_width).sum::<f64>() * FONT_PX
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

struct Placed {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
    lines: Vec<String>,
}

/// Fonts the builtin layout asks for, first found wins.
const CJK_FAMILIES: &[&str] = &[
    "Noto Sans CJK SC",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "Source Han Sans SC",
    "Noto Sans SC",
];

/// Rasterises SVG to PNG without Graphviz (resvg, with the system's fonts
/// loaded: resvg loads none by default). Fails with advice when no font
/// that can draw Chinese is installed.
pub fn svg_to_png(svg: &str) -> Result<Vec<u8>, String> {
    use resvg::{tiny_skia, usvg};
    let mut opt = usvg::Options::default();
    opt.fontdb_mut().load_system_fonts();
    let has_cjk = opt.fontdb.faces().any(|f| {
        f.families
            .iter()
            .any(|(name, _)| CJK_FAMILIES.iter().any(|c| name == c))
    });
    if !has_cjk {
        return Err("no font that can draw Chinese is installed (apt-get install fonts-noto-cjk); labels would come out as boxes".into());
    }
    let tree = usvg::Tree::from_str(svg, &opt).map_err(|e| format!("cannot read the SVG: {e}"))?;
    let size = tree.size().to_int_size();
    let mut pixmap =
        tiny_skia::Pixmap::new(size.width(), size.height()).ok_or("the picture is empty")?;
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    pixmap
        .encode_png()
        .map_err(|e| format!("cannot encode PNG: {e}"))
}

/// Lays the graph out in columns and writes SVG.
pub fn to_svg(graph: &Graph) -> String {
    let g = &graph.inner;
    let mut nodes: Vec<NodeIndex> = g.node_indices().collect();
    nodes.sort_by(|a, b| g[*a].0.cmp(&g[*b].0));
    let ids: HashMap<NodeIndex, String> = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (*n, format!("n{i}")))
        .collect();
    // Columns: longest distance from a root, following edges forward.
    let mut layer: HashMap<NodeIndex, usize> = HashMap::new();
    let roots: Vec<NodeIndex> = nodes
        .iter()
        .copied()
        .filter(|n| g.edges_directed(*n, Direction::Incoming).next().is_none())
        .collect();
    let mut frontier: Vec<NodeIndex> = if roots.is_empty() {
        nodes.iter().take(1).copied().collect()
    } else {
        roots
    };
    for n in &frontier {
        layer.insert(*n, 0);
    }
    // Bounded relaxation: at most |V| rounds, so cycles cannot loop forever.
    for _ in 0..nodes.len() {
        let mut next = Vec::new();
        for n in &frontier {
            let l = layer[n];
            for e in g.edges_directed(*n, Direction::Outgoing) {
                let t = e.target();
                if let std::collections::hash_map::Entry::Vacant(v) = layer.entry(t) {
                    v.insert(l + 1);
                    next.push(t);
                }
            }
        }
        if next.is_empty() {
            break;
        }
        frontier = next;
    }
    for n in &nodes {
        layer.entry(*n).or_insert(0);
    }
    let columns = layer.values().copied().max().unwrap_or(0) + 1;
    let mut by_col: Vec<Vec<NodeIndex>> = vec![Vec::new(); columns];
    for n in &nodes {
        by_col[layer[n]].push(*n);
    }
    // Order each column by the mean row of its predecessors.
    let mut row: HashMap<NodeIndex, f64> = HashMap::new();
    for col in by_col.iter_mut() {
        col.sort_by(|a, b| {
            let key = |n: &NodeIndex| {
                let preds: Vec<f64> = g
                    .neighbors_directed(*n, Direction::Incoming)
                    .filter_map(|p| row.get(&p).copied())
                    .collect();
                if preds.is_empty() {
                    f64::MAX
                } else {
                    preds.iter().sum::<f64>() / preds.len() as f64
                }
            };
            key(a)
                .partial_cmp(&key(b))
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        for (i, n) in col.iter().enumerate() {
            row.insert(*n, i as f64);
        }
    }
    // Sizes and positions.
    let line_h = FONT_PX * 1.3;
    let mut placed: HashMap<NodeIndex, Placed> = HashMap::new();
    let mut x = 20.0;
    let mut height: f64 = 0.0;
    for col in &by_col {
        let mut y = 60.0;
        let mut col_w: f64 = 0.0;
        for n in col {
            let lines = wrap(&g[*n].1.name);
            let w = lines.iter().map(|l| text_width(l)).fold(0.0, f64::max) + 2.0 * PAD;
            let h = lines.len() as f64 * line_h + 2.0 * PAD;
            col_w = col_w.max(w);
            placed.insert(*n, Placed { x, y, w, h, lines });
            y += h + ROW_GAP;
        }
        height = height.max(y);
        x += col_w + COL_GAP;
    }
    let mut kinds: Vec<NodeKind> = nodes.iter().map(|n| g[*n].1.kind).collect();
    kinds.sort();
    kinds.dedup();
    let width = x.max(200.0);
    let legend_h = 30.0;
    let total_h = height + legend_h + 20.0;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{total_h:.0}\" viewBox=\"0 0 {width:.0} {total_h:.0}\" font-family=\"{}\" font-size=\"{FONT_PX}\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#888\"/></marker></defs>\n",
        esc(CJK_FONTS)
    );
    // Legend.
    let mut lx = 20.0;
    svg.push_str("<g class=\"legend\">\n");
    for k in &kinds {
        let (_, fill) = style(*k);
        let w = text_width(k.as_str()) + 2.0 * PAD;
        svg.push_str(&format!(
            "<rect x=\"{lx:.1}\" y=\"12\" width=\"{w:.1}\" height=\"22\" rx=\"4\" fill=\"{fill}\" stroke=\"#666\"/><text x=\"{:.1}\" y=\"27\">{}</text>\n",
            lx + PAD,
            k.as_str()
        ));
        lx += w + 8.0;
    }
    svg.push_str("</g>\n");
    // Edges first, under the nodes.
    for e in g.edge_references() {
        let (Some(a), Some(b)) = (placed.get(&e.source()), placed.get(&e.target())) else {
            continue;
        };
        let (x1, y1) = (a.x + a.w, a.y + a.h / 2.0);
        let (x2, y2) = (b.x, b.y + b.h / 2.0);
        let (x1, x2) = if x2 > x1 { (x1, x2) } else { (a.x, b.x + b.w) };
        let mid = (x1 + x2) / 2.0;
        let rel = e.weight();
        let title = if rel.basis.is_none() {
            rel.relation.as_str().to_string()
        } else {
            format!("{} ({})", rel.relation.as_str(), rel.basis_str())
        };
        svg.push_str(&format!(
            "<path class=\"edge {}\" data-from=\"{}\" data-to=\"{}\" d=\"M {x1:.1} {y1:.1} C {mid:.1} {y1:.1}, {mid:.1} {y2:.1}, {x2:.1} {y2:.1}\" fill=\"none\" stroke=\"#999\" marker-end=\"url(#arrow)\"><title>{}</title></path>\n",
            rel.relation.as_str(),
            ids[&e.source()],
            ids[&e.target()],
            esc(&title)
        ));
    }
    for n in &nodes {
        let p = &placed[n];
        let (k, r) = &g[*n];
        let (_, fill) = style(r.kind);
        svg.push_str(&format!(
            "<g class=\"node {}\" data-id=\"{}\"><title>{}: {}</title><rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"5\" fill=\"{fill}\" stroke=\"#555\"/>",
            r.kind.as_str(),
            ids[n],
            r.kind.as_str(),
            esc(&k.id),
            p.x,
            p.y,
            p.w,
            p.h
        ));
        for (i, line) in p.lines.iter().enumerate() {
            svg.push_str(&format!(
                "<text x=\"{:.1}\" y=\"{:.1}\">{}</text>",
                p.x + PAD,
                p.y + PAD + (i as f64 + 1.0) * line_h - 4.0,
                esc(line)
            ));
        }
        svg.push_str("</g>\n");
    }
    svg.push_str("</svg>\n");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EdgeRecord, NodeKey, NodeRecord, Relation};

    #[test]
    fn auto_engine_takes_sfdp_for_large_selections_and_says_why() {
        use crate::graph::dot::tests::dense;
        let small = dense(5, 4);
        let large = dense(40, 26);
        assert_eq!(
            auto_engine(&small, true),
            (Engine::Graphviz(Layout::Dot), None)
        );
        let (engine, why) = auto_engine(&large, true);
        assert_eq!(engine, Engine::Graphviz(Layout::Sfdp));
        let why = why.expect("a note says why sfdp");
        assert!(
            why.contains("1041 edges") && why.contains("sfdp") && why.contains("--engine dot"),
            "{why}"
        );
        assert_eq!(auto_engine(&large, false), (Engine::Builtin, None));
        assert_eq!(auto_engine(&small, false), (Engine::Builtin, None));
    }

    #[test]
    fn large_dot_and_sfdp_lay_out_where_graphviz_is_installed() {
        use crate::graph::dot::{tests::dense, to_dot_for};
        if !dot_available() {
            eprintln!("skipped: Graphviz is not installed");
            return;
        }
        let g = dense(40, 26);
        let tmp = tempfile::tempdir().unwrap();
        for layout in [Layout::Dot, Layout::Sfdp] {
            let out = tmp.path().join(format!("{}.svg", layout.program()));
            render_with_graphviz(
                layout,
                &to_dot_for(&g, layout),
                "svg",
                &out,
                Duration::from_secs(60),
            )
            .unwrap();
            let svg = std::fs::read_to_string(&out).unwrap();
            assert!(svg.contains("<svg") && svg.contains("措施39"));
        }
    }

    #[test]
    fn layout_places_every_node_without_overlap() {
        let mut g = Graph::default();
        let goal = g.add_node(
            NodeKey::new(NodeKind::Goal, "高质量发展"),
            NodeRecord {
                kind: NodeKind::Goal,
                name: "高质量发展".into(),
                attrs: Default::default(),
            },
        );
        for i in 0..5 {
            let m = g.add_node(
                NodeKey::new(NodeKind::Measure, format!("m{i}")),
                NodeRecord {
                    kind: NodeKind::Measure,
                    name: format!("招商引资要有新突破{i}号措施名称很长"),
                    attrs: Default::default(),
                },
            );
            g.inner.add_edge(
                m,
                goal,
                EdgeRecord {
                    relation: Relation::Serves,
                    basis: Some(crate::model::Basis::Structure),
                },
            );
        }
        let svg = to_svg(&g);
        assert_eq!(svg.matches("<g class=\"node").count(), 6);
        assert!(svg.contains("高质量发展") && svg.contains("Noto Sans CJK SC"));
        // Rectangles of one column never overlap vertically.
        let ys: Vec<(f64, f64)> = svg
            .lines()
            .filter(|l| l.contains("class=\"node measure\""))
            .map(|l| {
                let attr = |name: &str| -> f64 {
                    let i = l.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
                    l[i..].split('"').next().unwrap().parse().unwrap()
                };
                (attr("y"), attr("height"))
            })
            .collect();
        for w in ys.windows(2) {
            assert!(w[0].0 + w[0].1 <= w[1].0, "{ys:?}");
        }
    }
}
