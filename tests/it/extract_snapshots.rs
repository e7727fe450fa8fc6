//! Snapshots of `ptkg extract --format json` on every bundled example and
//! every fixture that is a speech: a change in what is extracted (an entity
//! more or less, a figure's status, a serves link's basis) shows up as a
//! reviewable diff of `tests/it/snapshots/*extract_snapshots*.snap`.
//!
//! The binary runs from the project folder on relative paths, so the
//! document paths in the JSON are the same on every machine. Each object is
//! pretty-printed with its fields in the order ptkg writes them.

use std::path::Path;
use std::process::Command;

/// Fixtures that are no speech: nothing to extract (empty, blank, binary,
/// undecodable) or not a government text (`not_speech.txt`).
const NOT_SPEECHES: &[&str] = &[
    "binary.txt",
    "blank.txt",
    "empty.txt",
    "undecodable.txt",
    "not_speech.txt",
];

/// Runs `ptkg extract --format json` on `path` (absolute, under the
/// project folder) and snapshots its one JSON object, pretty-printed, as
/// `NAME@FILE`.
fn snapshot_extract(name: &str, path: &Path) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let rel = path.strip_prefix(root).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_ptkg"))
        .current_dir(root)
        .args(["extract", "--format", "json"])
        .arg(rel)
        .env_remove("PTKG_RULES")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{}: {stderr}", rel.display());
    let stdout = String::from_utf8(o.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{}: one document", rel.display());
    // The rules hash changes with every rule edit and the version with
    // every release; the snapshot keeps that they are there.
    insta::with_settings!({
        omit_expression => true,
        filters => vec![
            (r#""rules_hash": "[0-9a-f]+""#, r#""rules_hash": "[RULES]""#),
            (r#""ptkg_version": "[^"]+""#, r#""ptkg_version": "[VERSION]""#),
        ],
    }, {
        insta::assert_snapshot!(name, pretty_json(lines[0]));
    });
}

#[test]
fn extract_json_of_the_examples() {
    insta::glob!("../../examples", "*.{txt,html}", |path| {
        snapshot_extract("examples", path)
    });
}

#[test]
fn extract_json_of_the_speech_fixtures() {
    insta::glob!("../fixtures", "**/*.{txt,html}", |path| {
        let name = path.file_name().unwrap().to_str().unwrap();
        // The fictional reports are a scored test set (gold_web.rs): half
        // of their output is only ever read as a score.
        let scored_set = path.components().any(|c| c.as_os_str() == "fiction");
        if !NOT_SPEECHES.contains(&name) && !scored_set {
            snapshot_extract("fixtures", path);
        }
    });
}

/// Compact JSON re-indented as `serde_json::to_string_pretty` would,
/// keeping the fields in the order they were written (a `Value` would sort
/// them).
fn pretty_json(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() * 2);
    let mut depth = 0usize;
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        out.push_str(&"  ".repeat(depth));
    };
    let mut chars = compact.chars().peekable();
    let (mut in_string, mut escaped) = (false, false);
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                let close = if c == '{' { '}' } else { ']' };
                if chars.peek() == Some(&close) {
                    out.push(chars.next().unwrap());
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth -= 1;
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            _ => out.push(c),
        }
    }
    out
}

#[test]
fn pretty_json_matches_serde_json_layout() {
    let compact = r#"{"document":{"path":"区委.txt","title":"a \"b\", c: {d}"},"sections":[],"entities":[{"kind":"district","start":3}],"about":{}}"#;
    let value: serde_json::Value = serde_json::from_str(compact).unwrap();
    let pretty = pretty_json(compact);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&pretty).unwrap(),
        value
    );
    // Same text as serde_json's own pretty printer, fields in written order.
    assert!(pretty.starts_with("{\n  \"document\": {\n    \"path\": \"区委.txt\",\n"));
    assert!(pretty.contains("\"sections\": [],\n  \"entities\": [\n    {\n      \"kind\": \"district\",\n      \"start\": 3\n    }\n  ],\n  \"about\": {}\n}"));
}
