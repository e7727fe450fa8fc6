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
