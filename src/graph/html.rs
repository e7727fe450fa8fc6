//! One self-contained HTML page (no network, no CDN) showing a graph with
//! pan, zoom, search by name, a side panel with a clicked node's evidence
//! sentence and speech, and the measures and members that serve a clicked
//! goal highlighted. The picture is the builtin renderer's SVG, its boxes
//! where Graphviz put them when it is installed (`dot -Tjson`), else where
//! the builtin layout does; the page's script works on its `data-id` /
//! `data-from` / `data-to` attributes. It opens fitted to the window, but
//! never with labels under 12 px.
//!
//! Opening the page with `#selftest` runs a search and a click and writes
//! the outcome into the page (`<pre id="selftest">`), so a headless browser
//! can check it.

use serde_json::json;

use super::render::builtin::to_svg_at;
use super::render::graphviz::Positions;
use super::Graph;

const STYLE: &str = r#"
body { margin: 0; font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", sans-serif; display: flex; height: 100vh; }
#main { flex: 1; position: relative; overflow: hidden; background: #fafafa; }
#bar { position: absolute; top: 8px; left: 8px; z-index: 2; background: white; padding: 6px; border: 1px solid #ccc; border-radius: 4px; }
#panel { width: 320px; border-left: 1px solid #ccc; padding: 12px; overflow: auto; font-size: 14px; }
#panel h2 { font-size: 16px; margin: 0 0 8px; }
#canvas { position: absolute; inset: 0; }
#canvas svg { width: 100%; height: 100%; cursor: grab; }
.node.hit rect { stroke: #d32f2f; stroke-width: 3; }
.node.focus rect { stroke: #1565c0; stroke-width: 3; }
.node.serving rect { stroke: #2e7d32; stroke-width: 3; }
.edge.serving { stroke: #2e7d32; stroke-width: 2.5; }
.node { cursor: pointer; }
"#;

const SCRIPT: &str = r#"
(function () {
  const data = JSON.parse(document.getElementById('graph-data').textContent);
  const byId = new Map(data.nodes.map(n => [n.id, n]));
  const svg = document.querySelector('#canvas svg');
  const status = document.getElementById('status');
  const panel = document.getElementById('panel');
  let vb = svg.viewBox.baseVal;
  let view = { x: vb.x, y: vb.y, w: vb.width, h: vb.height };
  svg.removeAttribute('width'); svg.removeAttribute('height');
  function apply() { svg.setAttribute('viewBox', `${view.x} ${view.y} ${view.w} ${view.h}`); }
  // Open fitted to the window, unless that would draw labels under 12 px:
  // then at 12 px from the top left (wheel out for the whole picture).
  (function fit() {
    const r = svg.getBoundingClientRect();
    if (!r.width || !r.height) return;
    const font = parseFloat(svg.getAttribute('font-size')) || 13;
    let k = Math.min(r.width / view.w, r.height / view.h);
    if (k * font < 12) {
      k = 12 / font;
      view = { x: vb.x, y: vb.y, w: r.width / k, h: r.height / k };
    } else {
      const w = r.width / k, h = r.height / k;
      view = { x: vb.x - (w - vb.width) / 2, y: vb.y - (h - vb.height) / 2, w: w, h: h };
    }
    apply();
  })();
  svg.addEventListener('wheel', e => {
    e.preventDefault();
    const k = e.deltaY > 0 ? 1.15 : 1 / 1.15;
    const r = svg.getBoundingClientRect();
    const fx = (e.clientX - r.left) / r.width, fy = (e.clientY - r.top) / r.height;
    const nw = view.w * k, nh = view.h * k;
    view.x += (view.w - nw) * fx; view.y += (view.h - nh) * fy; view.w = nw; view.h = nh; apply();
  }, { passive: false });
  let drag = null;
  svg.addEventListener('mousedown', e => { drag = { x: e.clientX, y: e.clientY, vx: view.x, vy: view.y }; });
  window.addEventListener('mouseup', () => { drag = null; });
  window.addEventListener('mousemove', e => {
    if (!drag) return;
    const r = svg.getBoundingClientRect();
    view.x = drag.vx - (e.clientX - drag.x) * view.w / r.width;
    view.y = drag.vy - (e.clientY - drag.y) * view.h / r.height; apply();
  });
  function nodeEl(id) { return svg.querySelector(`.node[data-id="${id}"]`); }
  function clear(cls) { svg.querySelectorAll('.' + cls).forEach(el => el.classList.remove(cls)); }
  function search(q) {
    clear('hit');
    if (!q) { status.textContent = ''; return []; }
    const hits = data.nodes.filter(n => n.name.includes(q));
    hits.forEach(n => { const el = nodeEl(n.id); if (el) el.classList.add('hit'); });
    status.textContent = hits.length + ' found';
    if (hits.length) {
      const r = nodeEl(hits[0].id).getBBox();
      view.x = r.x + r.width / 2 - view.w / 2; view.y = r.y + r.height / 2 - view.h / 2; apply();
    }
    return hits;
  }
  function show(id) {
    const n = byId.get(id);
    if (!n) return;
    clear('focus'); clear('serving');
    nodeEl(id).classList.add('focus');
    let served = 0;
    if (n.kind === 'goal') {
      svg.querySelectorAll(`.edge[data-to="${id}"]`).forEach(e => {
        if (e.classList.contains('serves') || e.classList.contains('member_of')) {
          e.classList.add('serving');
          const src = nodeEl(e.getAttribute('data-from'));
          if (src) src.classList.add('serving');
          served++;
        }
      });
    }
    panel.innerHTML = '';
    const h = document.createElement('h2'); h.textContent = n.name; panel.appendChild(h);
    const kind = document.createElement('p'); kind.textContent = n.kind; panel.appendChild(kind);
    const ev = document.createElement('p'); ev.id = 'evidence'; ev.textContent = n.evidence || '(no evidence sentence)'; panel.appendChild(ev);
    const doc = document.createElement('p'); doc.id = 'document'; doc.textContent = n.document || ''; panel.appendChild(doc);
    if (n.kind === 'goal') { const s = document.createElement('p'); s.textContent = served + ' serving'; panel.appendChild(s); }
  }
  svg.querySelectorAll('.node').forEach(el => el.addEventListener('click', e => { e.stopPropagation(); show(el.getAttribute('data-id')); }));
  document.getElementById('q').addEventListener('input', e => search(e.target.value.trim()));
  if (location.hash === '#selftest') {
    const out = document.getElementById('selftest');
    try {
      const first = data.nodes.find(n => n.evidence) || data.nodes[0];
      const hits = search(first.name);
      if (!hits.some(h => h.id === first.id)) throw new Error('search did not find ' + first.name);
      nodeEl(first.id).dispatchEvent(new MouseEvent('click', { bubbles: true }));
      const shown = document.getElementById('evidence').textContent;
      if (first.evidence && shown !== first.evidence) throw new Error('panel shows ' + shown);
      out.textContent = 'selftest: ok ' + first.name;
    } catch (err) { out.textContent = 'selftest: failed ' + err.message; }
  }
})();
"#;

/// The page for a graph (selected and annotated with evidence beforehand),
/// laid out by the builtin layout.
pub fn to_html(graph: &Graph, title: &str) -> String {
    to_html_at(graph, title, None)
}

/// [`to_html`] with the nodes where a Graphviz layout put them.
pub fn to_html_at(graph: &Graph, title: &str, positions: Option<&Positions>) -> String {
    let svg = to_svg_at(graph, positions);
    let mut nodes: Vec<_> = graph.inner.node_indices().collect();
    nodes.sort_by(|a, b| graph.inner[*a].0.cmp(&graph.inner[*b].0));
    let data: Vec<_> = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let (_, r) = &graph.inner[*n];
            json!({
                "id": format!("n{i}"),
                "kind": r.kind.as_str(),
                "name": r.name,
                "evidence": r.attrs.get("evidence"),
                "document": r.attrs.get("document"),
            })
        })
        .collect();
    // The JSON sits in a script element: no `<` may close or bend it.
    let json = super::escape::json_in_script(
        &serde_json::to_string(&json!({ "nodes": data })).expect("graph data serialises"),
    );
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{}</title><style>{STYLE}</style></head>\n<body><div id=\"main\"><div id=\"bar\"><input id=\"q\" placeholder=\"search / 搜索\"> <span id=\"status\"></span></div><div id=\"canvas\">{svg}</div></div>\n<div id=\"panel\"><p>Click a node to see its evidence. Drag to pan, wheel to zoom.</p></div>\n<pre id=\"selftest\" hidden></pre>\n<script id=\"graph-data\" type=\"application/json\">{json}</script>\n<script>{SCRIPT}</script>\n</body></html>\n",
        super::escape::xml(title)
    )
}
