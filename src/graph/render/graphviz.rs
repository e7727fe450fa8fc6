//! Running Graphviz: DOT source in on stdin, an image file out, under a
//! timeout (a layout can run for hours on a large graph), with its stderr
//! drained so warnings cannot stall it. Errors say what to do next:
//! install Graphviz, use another engine, select less or wait longer.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::graph::dot::Layout;

/// Whether Graphviz's `dot` can be run.
pub fn dot_available() -> bool {
    Command::new("dot")
        .arg("-V")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Node centres and sizes (points, y down) of a Graphviz layout, by DOT node
/// name.
pub type Positions = std::collections::HashMap<String, NodePlace>;

/// Where Graphviz put one node: its centre and size, in points, y down.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NodePlace {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

/// Lays `dot_source` out with `layout` (`-Tjson`, under `timeout`) and
/// reads back where each node went.
pub fn layout_positions(
    layout: Layout,
    dot_source: &str,
    timeout: Duration,
) -> Result<Positions, String> {
    static SEQ: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = SEQ.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let path = std::env::temp_dir().join(format!("ptkg-layout-{}-{n}.json", std::process::id()));
    let ran = render_with_graphviz(layout, dot_source, "json", &path, timeout);
    let text = std::fs::read_to_string(&path);
    let _ = std::fs::remove_file(&path);
    ran?;
    parse_positions(&text.map_err(|e| format!("cannot read the layout: {e}"))?)
}

/// The nodes of Graphviz's `-Tjson` output (objects with a `pos`).
fn parse_positions(json: &str) -> Result<Positions, String> {
    let v: serde_json::Value =
        serde_json::from_str(json).map_err(|e| format!("cannot read the layout: {e}"))?;
    let pair = |s: &str| -> Option<(f64, f64)> {
        let (a, b) = s.split_once(',')?;
        Some((a.trim().parse().ok()?, b.trim().parse().ok()?))
    };
    let height = v["bb"]
        .as_str()
        .and_then(|bb| bb.split(',').nth(3))
        .and_then(|h| h.parse::<f64>().ok())
        .ok_or("the layout has no bounding box")?;
    let mut out = Positions::new();
    for o in v["objects"].as_array().into_iter().flatten() {
        let (Some(name), Some((x, y))) = (o["name"].as_str(), o["pos"].as_str().and_then(pair))
        else {
            continue;
        };
        let inches = |k: &str| {
            o[k].as_str()
                .and_then(|s| s.parse::<f64>().ok())
                .unwrap_or(0.0)
        };
        out.insert(
            name.to_string(),
            NodePlace {
                x,
                y: height - y,
                w: inches("width") * 72.0,
                h: inches("height") * 72.0,
            },
        );
    }
    Ok(out)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::dot::{tests::dense, to_dot_for};

    #[test]
    fn large_dot_and_sfdp_lay_out_where_graphviz_is_installed() {
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
    fn positions_are_read_from_json_with_y_down() {
        let json = r#"{"bb":"0,0,200,100","objects":[{"name":"cluster_x","bb":"0,0,1,1"},{"name":"n0","pos":"50,80","width":"1","height":"0.5"}]}"#;
        let p = parse_positions(json).unwrap();
        assert_eq!(p.len(), 1);
        assert_eq!(
            p["n0"],
            NodePlace {
                x: 50.0,
                y: 20.0,
                w: 72.0,
                h: 36.0
            }
        );
    }

    #[test]
    fn a_missing_program_is_named_with_what_to_install() {
        // sfdp is installed with dot, so only probe when neither is there.
        if dot_available() {
            return;
        }
        let tmp = tempfile::tempdir().unwrap();
        let err = render_with_graphviz(
            Layout::Sfdp,
            "digraph {}",
            "svg",
            &tmp.path().join("x.svg"),
            Duration::from_secs(5),
        )
        .unwrap_err();
        assert!(
            err.starts_with("cannot run sfdp: ") && err.contains("--engine builtin"),
            "{err}"
        );
    }
}
