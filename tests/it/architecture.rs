//! The layer map, enforced: every `crate::`, `super::` and `self::` path in
//! `src/` (the library; the binary's `cli/` reaches it only through `ptkg::`)
//! must point to its own top module or to a layer below its own, and no two
//! files may import each other, directly or round a circle. README
//! "Architecture" explains the layers; a new top module must be added to
//! `LAYERS` below, at the level where it belongs.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Top modules by layer, lowest first. A module may import its own layer's
/// files only within itself, and any module of a lower layer.
const LAYERS: &[&[&str]] = &[
    &["error", "model", "chars"],
    &["rules"],
    &["document"],
    &["extract"],
    &["check", "store"],
    &["ingest", "query"],
    &["graph"],
];

fn layer_of(top: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&top))
}

/// A `src/` file and the module path it defines (`store/book.rs` →
/// `["store", "book"]`, `store/mod.rs` → `["store"]`).
struct SourceFile {
    rel: String,
    module: Vec<String>,
    text: String,
}

fn source_files(src: &Path) -> Vec<SourceFile> {
    let mut out = Vec::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                // The binary's CLI imports the library as `ptkg::`.
                if path != src.join("cli") {
                    stack.push(path);
                }
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel = path
                .strip_prefix(src)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if rel == "main.rs" {
                continue;
            }
            let mut module: Vec<String> = rel
                .trim_end_matches(".rs")
                .split('/')
                .map(String::from)
                .collect();
            if module.last().is_some_and(|m| m == "mod" || m == "lib") {
                module.pop();
            }
            out.push(SourceFile {
                rel,
                module,
                text: std::fs::read_to_string(&path).unwrap(),
            });
        }
    }
    out.sort_by(|a, b| a.rel.cmp(&b.rel));
    out
}

/// The file a module path lives in: the longest prefix that is a file
/// (`crate::store::keys::Fact` → `store/keys.rs`).
fn file_of(src: &Path, path: &[String]) -> String {
    for n in (1..=path.len()).rev() {
        let p = path[..n].join("/");
        if src.join(format!("{p}.rs")).is_file() {
            return format!("{p}.rs");
        }
        if src.join(&p).join("mod.rs").is_file() {
            return format!("{p}/mod.rs");
        }
    }
    "lib.rs".to_string()
}

/// One import: the line it is on, the path as written, resolved to an
/// absolute module path.
struct Import {
    line: usize,
    written: String,
    path: Vec<String>,
    reexport: bool,
}

/// Expands `a::{b, c::{d, e}}` into `a::b`, `a::c::d`, `a::c::e`.
fn expand_use(tree: &str) -> Vec<String> {
    let tree: String = tree.split_whitespace().collect();
    let Some(open) = tree.find('{') else {
        return vec![tree];
    };
    let prefix = &tree[..open];
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .flat_map(|p| {
            expand_use(p)
                .into_iter()
                .map(move |s| format!("{prefix}{s}"))
        })
        .collect()
}

/// The text without comments and string literals (kept the same length in
/// lines, so line numbers still hold).
fn code_only(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut in_str = false;
    while let Some(c) = chars.next() {
        if in_str {
            match c {
                '\\' => {
                    if let Some(n) = chars.next() {
                        if n == '\n' {
                            out.push('\n');
                        }
                    }
                }
                '"' => in_str = false,
                '\n' => out.push('\n'),
                _ => {}
            }
            continue;
        }
        match c {
            '"' => {
                in_str = true;
                out.push_str("\"\"");
            }
            '/' if chars.peek() == Some(&'/') => {
                for n in chars.by_ref() {
                    if n == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '\'' => {
                // A char literal ('"', '\'', '{') or a lifetime ('a).
                let rest: String = chars.clone().take(3).collect();
                let len = if let Some(escaped) = rest.strip_prefix('\\') {
                    escaped.find('\'').map(|i| i + 2)
                } else if rest.chars().nth(1) == Some('\'') {
                    Some(rest.chars().next().unwrap().len_utf8() + 1)
                } else {
                    None
                };
                out.push('\'');
                if let Some(len) = len {
                    let mut taken = 0;
                    while taken < len {
                        taken += chars.next().map_or(len, char::len_utf8);
                    }
                    out.push('\'');
                }
            }
            _ => out.push(c),
        }
    }
    out
}

fn imports(file: &SourceFile) -> Vec<Import> {
    let code = code_only(&file.text);
    let line_at = |byte: usize| code[..byte].matches('\n').count() + 1;
    let mut found = Vec::new();
    let mut in_use = Vec::new();
    let use_re = regex::Regex::new(r"(?m)^\s*(pub(?:\([a-z]+\))?\s+)?use\s+([^;]+);").unwrap();
    for m in use_re.captures_iter(&code) {
        let whole = m.get(0).unwrap();
        in_use.push(whole.range());
        for path in expand_use(&m[2]) {
            found.push((line_at(whole.start()), path, m.get(1).is_some()));
        }
    }
    let path_re =
        regex::Regex::new(r"\b(?:crate|super|self)(?:::[A-Za-z_][A-Za-z0-9_]*)+").unwrap();
    for m in path_re.find_iter(&code) {
        if !in_use.iter().any(|r| r.contains(&m.start())) {
            found.push((line_at(m.start()), m.as_str().to_string(), false));
        }
    }
    found
        .into_iter()
        .filter_map(|(line, written, reexport)| {
            let segs: Vec<&str> = written.split("::").collect();
            let mut path: Vec<String> = match segs[0] {
                "crate" => Vec::new(),
                "super" | "self" => file.module.clone(),
                _ => return None,
            };
            let mut rest = &segs[..];
            if segs[0] == "crate" {
                rest = &segs[1..];
            }
            for s in rest {
                match *s {
                    "super" => {
                        path.pop();
                    }
                    "self" => {}
                    "*" => {}
                    s => path.push(s.split(" as ").next().unwrap_or(s).to_string()),
                }
            }
            // `use super::*` in an inline test module names the file itself.
            if written.ends_with("::*") && segs[0] == "super" && segs.len() == 2 {
                return None;
            }
            Some(Import {
                line,
                written,
                path,
                reexport,
            })
        })
        .collect()
}

#[test]
fn imports_follow_the_layer_map_and_never_go_round_a_circle() {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let files = source_files(&src);
    let mut wrong = Vec::new();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let own_top = file.module.first().cloned();
        for imp in imports(file) {
            let target = file_of(&src, &imp.path);
            if target == "lib.rs" && file.rel != "lib.rs" {
                wrong.push(format!(
                    "src/{}:{}: {} goes through the crate root; name the module that defines it",
                    file.rel, imp.line, imp.written
                ));
                continue;
            }
            let Some(own_top) = &own_top else { continue };
            let Some(top) = imp.path.first() else {
                continue;
            };
            let (Some(own), Some(theirs)) = (layer_of(own_top), layer_of(top)) else {
                wrong.push(format!(
                    "src/{}:{}: {} — module {} or {} is not in LAYERS (tests/it/architecture.rs)",
                    file.rel, imp.line, imp.written, own_top, top
                ));
                continue;
            };
            if top != own_top && theirs >= own {
                wrong.push(format!(
                    "src/{}:{}: {} — {} (layer {}) may not import {} (layer {})",
                    file.rel, imp.line, imp.written, own_top, own, top, theirs
                ));
            }
            if target == file.rel {
                continue;
            }
            // A parent re-exporting its children's items is not a use.
            let parent_dir = file.rel.trim_end_matches("mod.rs");
            if imp.reexport && file.rel.ends_with("mod.rs") && target.starts_with(parent_dir) {
                continue;
            }
            edges.entry(file.rel.clone()).or_default().insert(target);
        }
    }
    for cycle in cycles(&edges) {
        wrong.push(format!("import circle: {}", cycle.join(" → ")));
    }
    assert!(
        wrong.is_empty(),
        "{} import(s) against the layer map (README \"Architecture\"):\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

/// Strongly connected groups of more than one file (Tarjan), each listed
/// from its first file.
fn cycles(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct Walk<'a> {
        edges: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        groups: Vec<Vec<String>>,
    }
    impl<'a> Walk<'a> {
        fn visit(&mut self, v: &'a str) {
            let i = self.index.len();
            self.index.insert(v, i);
            self.low.insert(v, i);
            self.stack.push(v);
            self.on_stack.insert(v);
            for w in self.edges.get(v).into_iter().flatten() {
                if !self.index.contains_key(w.as_str()) {
                    self.visit(w);
                    let lw = self.low[w.as_str()];
                    let lv = self.low.get_mut(v).unwrap();
                    *lv = (*lv).min(lw);
                } else if self.on_stack.contains(w.as_str()) {
                    let iw = self.index[w.as_str()];
                    let lv = self.low.get_mut(v).unwrap();
                    *lv = (*lv).min(iw);
                }
            }
            if self.low[v] == self.index[v] {
                let mut group = Vec::new();
                while let Some(w) = self.stack.pop() {
                    self.on_stack.remove(w);
                    group.push(w.to_string());
                    if w == v {
                        break;
                    }
                }
                if group.len() > 1 {
                    group.sort();
                    self.groups.push(group);
                }
            }
        }
    }
    let mut walk = Walk {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        groups: Vec::new(),
    };
    for v in edges.keys() {
        if !walk.index.contains_key(v.as_str()) {
            walk.visit(v);
        }
    }
    walk.groups
}

#[test]
fn the_checker_sees_what_it_must_refuse() {
    // Guards the guard: a back import, a glob of a parent, a re-export.
    let file = SourceFile {
        rel: "rules/x.rs".into(),
        module: vec!["rules".into(), "x".into()],
        text: "//! crate::store in a comment\nuse crate::extract::{targets::{A, B}, C};\nuse super::*;\nfn f() { let s = \"crate::graph\"; crate::store::keys::f(); }\n".into(),
    };
    let got: Vec<String> = imports(&file).iter().map(|i| i.path.join("::")).collect();
    assert_eq!(
        got,
        [
            "extract::targets::A",
            "extract::targets::B",
            "extract::C",
            "store::keys::f"
        ]
    );
    let mut edges = BTreeMap::new();
    edges.insert("a.rs".to_string(), BTreeSet::from(["b.rs".to_string()]));
    edges.insert("b.rs".to_string(), BTreeSet::from(["a.rs".to_string()]));
    assert_eq!(
        cycles(&edges),
        vec![vec!["a.rs".to_string(), "b.rs".to_string()]]
    );
}
