//! The builtin layered layout: a [`Graph`] in, SVG text out (and PNG
//! through resvg), so `render` works on a fresh machine with nothing
//! installed.
//!
//! The layout puts each node in a column by its distance from the roots
//! (nodes nothing points to), orders each column by the average row of the
//! nodes pointing to it, and sizes rows and columns by the wrapped labels,
//! so text never overlaps. [`to_svg`] runs these passes in turn:
//! `columns`, `order_rows`, `place`, then writes the legend, the
//! edges (under the nodes) and the nodes.

use std::collections::HashMap;

use petgraph::stable_graph::{NodeIndex, StableDiGraph};
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use petgraph::Direction;

use super::graphviz::{NodePlace, Positions};
use crate::graph::dot::{style, CJK_FONTS};
use crate::graph::Graph;
use crate::model::{EdgeRecord, NodeKey, NodeKind, NodeRecord};

const FONT_PX: f64 = 13.0;
const WRAP: usize = 12;
const COL_GAP: f64 = 90.0;
const ROW_GAP: f64 = 14.0;
const PAD: f64 = 8.0;
/// Height of one wrapped label line.
const LINE_H: f64 = FONT_PX * 1.3;

fn char_width(c: char) -> f64 {
    if c.is_ascii() {
        0.6
    } else {
        1.0
    }
}

/// The label's lines: [`crate::graph::dot::wrap_lines`], twelve Chinese
/// characters a line, broken at punctuation where it can be.
fn wrap(label: &str) -> Vec<String> {
    crate::graph::dot::wrap_lines(label, 2 * WRAP)
}

fn text_width(line: &str) -> f64 {
    line.chars().map(char_width).sum::<f64>() * FONT_PX
}

fn esc(s: &str) -> String {
    crate::graph::escape::xml(s)
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
    to_svg_at(graph, None)
}

/// Writes SVG with the boxes centred where `positions` (a Graphviz
/// layout, by the DOT node names `n0`, `n1`, … that [`to_svg`] uses too)
/// puts them, spread as far as the wrapped labels need; without positions
/// for every node, the builtin layout.
pub fn to_svg_at(graph: &Graph, positions: Option<&Positions>) -> String {
    let g = &graph.inner;
    let mut nodes: Vec<NodeIndex> = g.node_indices().collect();
    nodes.sort_by(|a, b| g[*a].0.cmp(&g[*b].0));
    let ids: HashMap<NodeIndex, String> = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (*n, format!("n{i}")))
        .collect();
    let placement = match positions.filter(|p| nodes.iter().all(|n| p.contains_key(&ids[n]))) {
        Some(p) => place_at(g, &nodes, &ids, p),
        None => {
            let mut by_col = columns(g, &nodes);
            order_rows(g, &mut by_col);
            place(g, &by_col)
        }
    };
    let mut kinds: Vec<NodeKind> = nodes.iter().map(|n| g[*n].1.kind).collect();
    kinds.sort();
    kinds.dedup();
    let width = placement.width.max(200.0);
    let legend_h = 30.0;
    let total_h = placement.height + legend_h + 20.0;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{total_h:.0}\" viewBox=\"0 0 {width:.0} {total_h:.0}\" font-family=\"{}\" font-size=\"{FONT_PX}\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#888\"/></marker></defs>\n",
        esc(CJK_FONTS)
    );
    write_legend(&mut svg, &kinds);
    write_edges(&mut svg, g, &placement.boxes, &ids);
    write_nodes(&mut svg, g, &nodes, &placement.boxes, &ids);
    svg.push_str("</svg>\n");
    svg
}

type Inner = StableDiGraph<(NodeKey, NodeRecord), EdgeRecord>;

/// Columns: each node's longest distance from a root, following edges
/// forward (the first node stands in for the roots of a graph that is all
/// cycle).
fn columns(g: &Inner, nodes: &[NodeIndex]) -> Vec<Vec<NodeIndex>> {
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
    for n in nodes {
        layer.entry(*n).or_insert(0);
    }
    let count = layer.values().copied().max().unwrap_or(0) + 1;
    let mut by_col: Vec<Vec<NodeIndex>> = vec![Vec::new(); count];
    for n in nodes {
        by_col[layer[n]].push(*n);
    }
    by_col
}

/// Orders each column by the mean row of its predecessors (nodes without
/// placed predecessors last).
fn order_rows(g: &Inner, by_col: &mut [Vec<NodeIndex>]) {
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
}

/// Every node's box, and the extent of the columns.
struct Placement {
    boxes: HashMap<NodeIndex, Placed>,
    width: f64,
    height: f64,
}

/// Sizes each box by its wrapped label and stacks the columns left to
/// right, each as wide as its widest box.
fn place(g: &Inner, by_col: &[Vec<NodeIndex>]) -> Placement {
    let mut boxes: HashMap<NodeIndex, Placed> = HashMap::new();
    let mut x = 20.0;
    let mut height: f64 = 0.0;
    for col in by_col {
        let mut y = 60.0;
        let mut col_w: f64 = 0.0;
        for n in col {
            let lines = wrap(&g[*n].1.name);
            let w = lines.iter().map(|l| text_width(l)).fold(0.0, f64::max) + 2.0 * PAD;
            let h = lines.len() as f64 * LINE_H + 2.0 * PAD;
            col_w = col_w.max(w);
            boxes.insert(*n, Placed { x, y, w, h, lines });
            y += h + ROW_GAP;
        }
        height = height.max(y);
        x += col_w + COL_GAP;
    }
    Placement {
        boxes,
        width: x,
        height,
    }
}

/// Boxes centred on a Graphviz layout's positions. The layout is scaled
/// up where a wrapped label's box is larger than Graphviz's node, so boxes
/// keep apart as they did there; the legend row stays above.
fn place_at(
    g: &Inner,
    nodes: &[NodeIndex],
    ids: &HashMap<NodeIndex, String>,
    positions: &Positions,
) -> Placement {
    let sized: Vec<(NodeIndex, Vec<String>, f64, f64)> = nodes
        .iter()
        .map(|n| {
            let lines = wrap(&g[*n].1.name);
            let w = lines.iter().map(|l| text_width(l)).fold(0.0, f64::max) + 2.0 * PAD;
            let h = lines.len() as f64 * LINE_H + 2.0 * PAD;
            (*n, lines, w, h)
        })
        .collect();
    // Across and along, each as much as the boxes need.
    let (mut sx, mut sy) = (1.0_f64, 1.0_f64);
    for (n, _, w, h) in &sized {
        let p: &NodePlace = &positions[&ids[n]];
        sx = sx.max(w / p.w.max(1.0));
        sy = sy.max(h / p.h.max(1.0));
    }
    let (sx, sy) = (sx.min(3.0), sy.min(3.0));
    // The picture starts at its first box: the layout may hold more (the
    // DOT legend, packed beside the graph), which the page does not draw.
    let (mut left, mut top) = (f64::MAX, f64::MAX);
    for (n, _, w, h) in &sized {
        let p = &positions[&ids[n]];
        left = left.min(p.x * sx - w / 2.0);
        top = top.min(p.y * sy - h / 2.0);
    }
    let mut boxes = HashMap::new();
    let (mut width, mut height): (f64, f64) = (0.0, 0.0);
    for (n, lines, w, h) in sized {
        let p = &positions[&ids[&n]];
        let x = 20.0 + p.x * sx - w / 2.0 - left;
        let y = 60.0 + p.y * sy - h / 2.0 - top;
        width = width.max(x + w + 20.0);
        height = height.max(y + h);
        boxes.insert(n, Placed { x, y, w, h, lines });
    }
    Placement {
        boxes,
        width,
        height,
    }
}

/// One swatch per node kind in the picture, along the top.
fn write_legend(svg: &mut String, kinds: &[NodeKind]) {
    let mut lx = 20.0;
    svg.push_str("<g class=\"legend\">\n");
    for k in kinds {
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
}

/// Edges first, under the nodes: a curve from the right side of one box to
/// the left side of the next (or between left sides going backwards), the
/// relation and basis as its tooltip.
fn write_edges(
    svg: &mut String,
    g: &Inner,
    boxes: &HashMap<NodeIndex, Placed>,
    ids: &HashMap<NodeIndex, String>,
) {
    for e in g.edge_references() {
        let (Some(a), Some(b)) = (boxes.get(&e.source()), boxes.get(&e.target())) else {
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
}

/// Each node as a group (its kind as class, its synthetic id for the HTML
/// page's script): a rounded box and its label lines.
fn write_nodes(
    svg: &mut String,
    g: &Inner,
    nodes: &[NodeIndex],
    boxes: &HashMap<NodeIndex, Placed>,
    ids: &HashMap<NodeIndex, String>,
) {
    for n in nodes {
        let p = &boxes[n];
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
                p.y + PAD + (i as f64 + 1.0) * LINE_H - 4.0,
                esc(line)
            ));
        }
        svg.push_str("</g>\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Relation;

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
                EdgeRecord::new(Relation::Serves, Some(crate::model::Basis::Structure)),
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
