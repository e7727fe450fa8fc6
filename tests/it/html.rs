//! The interactive HTML page in headless Chromium: it loads with no console
//! error, search finds a node and a click shows its evidence (the page's
//! `#selftest` does both and writes the outcome into the page). Skips, with
//! a message, where Chromium is not installed (Debian package `chromium`).

use std::path::Path;
use std::process::Command;

fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| {
            Command::new(b)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
}

#[test]
fn page_loads_searches_and_shows_evidence() {
    let Some(browser) = chromium() else {
        eprintln!("skipped: Chromium is not installed (apt-get install chromium); the HTML page is not exercised");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_ptkg"))
            .args(args)
            .arg("--db")
            .arg(&db)
            .output()
            .unwrap()
    };
    assert!(run(&["add", "-q", examples.to_str().unwrap()])
        .status
        .success());
    let page = tmp.path().join("goal.html");
    let o = run(&[
        "render",
        "--goal",
        "高质量发展",
        "-o",
        page.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let html = std::fs::read_to_string(&page).unwrap();
    // The only URL is the SVG namespace: nothing is fetched from a network.
    assert_eq!(
        html.matches("http").count(),
        html.matches("http://www.w3.org/2000/svg").count()
    );
    assert!(
        !html.contains("<script src"),
        "self-contained: no external scripts"
    );

    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--enable-logging=stderr",
            "--v=0",
            "--dump-dom",
        ])
        .arg(format!(
            "--user-data-dir={}",
            tmp.path().join("profile").display()
        ))
        .arg(format!("file://{}#selftest", page.display()))
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&out.stdout);
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(
        dom.contains("selftest: ok"),
        "selftest did not pass:\n{}",
        dom.lines()
            .filter(|l| l.contains("selftest"))
            .collect::<Vec<_>>()
            .join("\n")
    );
    let console_errors: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("CONSOLE") || l.contains("Uncaught"))
        .collect();
    assert!(
        console_errors.is_empty(),
        "console errors: {console_errors:?}"
    );
}
