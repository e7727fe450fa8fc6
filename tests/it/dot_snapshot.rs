//! Snapshot of the DOT export for the bundled examples: a change in
//! extraction or export shows up as a reviewable diff of
//! tests/it/snapshots/examples_goal.dot. Regenerate with
//! `UPDATE_SNAPSHOTS=1 cargo test --test it dot_snapshot`. Where Graphviz is
//! installed, the DOT must also lay out.

use std::path::Path;
use std::process::Command;

#[test]
fn dot_export_of_the_examples_matches_the_snapshot() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    let run = |args: &[&str]| {
        // From the project folder, so stored paths are `examples/...`.
        Command::new(env!("CARGO_BIN_EXE_ptkg"))
            .current_dir(root)
            .args(args)
            .arg("--db")
            .arg(&db)
            .output()
            .unwrap()
    };
    assert!(run(&["add", "-q", "examples"]).status.success());
    let o = run(&["export", "dot", "--goal", "高质量发展"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let dot = String::from_utf8(o.stdout).unwrap();
    let snapshot = root.join("tests/it/snapshots/examples_goal.dot");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&snapshot, &dot).unwrap();
    }
    let want =
        std::fs::read_to_string(&snapshot).expect("snapshot exists (UPDATE_SNAPSHOTS=1 writes it)");
    assert_eq!(
        dot, want,
        "DOT changed; review and regenerate with UPDATE_SNAPSHOTS=1"
    );

    if ptkg::graph::render::dot_available() {
        let svg = tmp.path().join("g.svg");
        std::fs::write(tmp.path().join("g.dot"), &dot).unwrap();
        let st = Command::new("dot")
            .args(["-Tsvg", "-o"])
            .arg(&svg)
            .arg(tmp.path().join("g.dot"))
            .status()
            .unwrap();
        assert!(st.success(), "Graphviz rejects the DOT");
    } else {
        eprintln!("skipped: Graphviz is not installed, the DOT is not laid out");
    }
}
