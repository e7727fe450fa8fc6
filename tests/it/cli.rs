//! What the `ptkg` binary does beyond what it prints: the store it leaves
//! (documents removed, nothing written on bad rules, its path from
//! `PTKG_DB`, run files merged), the files it writes (DOT, SVG, PNG, CSV)
//! and relations between answers (a `--limit` page is the start of the full
//! answer; offsets index the original text). What each command prints is
//! recorded in `cli_snapshots.rs`.

use crate::common;

use common::{ptkg, stderr, stdout};

use std::path::Path;
use std::process::Command;

fn examples() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .display()
        .to_string()
}

#[test]
fn add_export_and_remove_change_the_store_and_the_files() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    let o = ptkg(&db, &["add", "--quiet", &examples()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let documents = |db: &Path| {
        let o = ptkg(db, &["stats", "--format", "json"]);
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        v["documents"].as_u64().unwrap()
    };
    assert_eq!(documents(&db), 6);

    // `-o` writes what standard output would show.
    let out = tmp.path().join("sub/g.dot");
    let o = ptkg(&db, &["export", "dot", "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let dot = std::fs::read_to_string(&out).unwrap();
    assert_eq!(dot, stdout(&ptkg(&db, &["export", "dot"])));
    assert!(dot.starts_with("digraph {") && dot.contains("青山湖生态修复工程"));
    assert_eq!(dot.matches('{').count(), dot.matches('}').count());

    let stored = format!("{}/linjiang_2021_work_report.txt", examples());
    let o = ptkg(&db, &["remove", &stored]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(documents(&db), 5);
    let o = ptkg(&db, &["remove", &stored]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(documents(&db), 5);
}

#[test]
fn query_limits_cut_after_sorting_and_say_so() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    let o = ptkg(&db, &["add", "--quiet", &examples()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let json = |args: &[&str]| -> Vec<serde_json::Value> {
        let o = ptkg(&db, args);
        assert!(o.status.success(), "{}", stderr(&o));
        serde_json::from_slice::<serde_json::Value>(&o.stdout)
            .unwrap()
            .as_array()
            .unwrap()
            .clone()
    };
    let all = json(&["query", "serves", "--limit", "0", "--format", "json"]);
    assert!(all.len() > 2, "{all:?}");
    let o = ptkg(
        &db,
        &["query", "serves", "--limit", "2", "--format", "json"],
    );
    let two: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    // The first rows of the full, sorted answer: the limit cuts after sorting.
    assert_eq!(two.as_array().unwrap()[..], all[..2]);
    assert!(
        stderr(&o).contains(&format!("showing 2 of {} rows", all.len())),
        "{}",
        stderr(&o)
    );
    // No note when nothing was cut.
    let o = ptkg(&db, &["query", "serves", "--limit", "0"]);
    assert!(!stderr(&o).contains("showing"), "{}", stderr(&o));

    // `--metric` reads the metric's slices, the plain query every book:
    // both give the same rows.
    let by_metric = json(&[
        "query",
        "targets",
        "--metric",
        "地区生产总值",
        "--limit",
        "0",
        "--format",
        "json",
    ]);
    let every = json(&["query", "targets", "--limit", "0", "--format", "json"]);
    let filtered: Vec<_> = every
        .into_iter()
        .filter(|r| r["metric"] == "地区生产总值")
        .collect();
    assert!(!by_metric.is_empty());
    assert_eq!(by_metric, filtered);
    // --like reads every metric holding the text, 单位地区生产总值能耗 too.
    let like = json(&[
        "query",
        "targets",
        "--metric",
        "地区生产总值",
        "--like",
        "--limit",
        "0",
        "--format",
        "json",
    ]);
    let holding: Vec<_> = json(&["query", "targets", "--limit", "0", "--format", "json"])
        .into_iter()
        .filter(|r| r["metric"].as_str().unwrap().contains("地区生产总值"))
        .collect();
    assert!(like.len() > by_metric.len());
    assert_eq!(like, holding);

    // `show` caps the edges it lists and says so.
    let o = ptkg(&db, &["show", "高质量发展", "--limit", "1"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let shown = stdout(&o);
    assert!(
        shown.contains("edges (the first 1; --limit shows more)"),
        "{shown}"
    );
    let o = ptkg(
        &db,
        &["show", "高质量发展", "--limit", "0", "--format", "json"],
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let edges = v[0]["edges"].as_array().unwrap().len();
    assert!(edges > 1);
    assert_eq!(v[0]["edges_total"], edges);
}

#[test]
fn extract_prints_the_documented_json_shape() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    let file = common::example("linjiang_2021_work_report.txt");
    let o = ptkg(
        &db,
        &["extract", file.to_str().unwrap(), "--format", "json"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!db.exists(), "extract must not create a store");
    let v: serde_json::Value = serde_json::from_str(stdout(&o).lines().next().unwrap()).unwrap();
    for k in ["path", "hash", "title"] {
        assert!(v["document"][k].is_string(), "document.{k}");
    }
    for k in ["sections", "entities", "targets", "links"] {
        assert!(v[k].is_array(), "{k}");
    }
    let s = &v["sections"][0];
    for k in ["level", "number", "title", "start", "end"] {
        assert!(!s[k].is_null(), "sections[].{k}");
    }
    let original = std::fs::read_to_string(&file).unwrap();
    let chars: Vec<char> = original.chars().collect();
    for e in v["entities"].as_array().unwrap() {
        for k in ["kind", "name", "text", "start", "end", "sentence", "rule"] {
            assert!(!e[k].is_null(), "entities[].{k}");
        }
        let (s, t) = (
            e["start"].as_u64().unwrap() as usize,
            e["end"].as_u64().unwrap() as usize,
        );
        let at: String = chars[s..t].iter().collect();
        assert_eq!(
            at,
            e["text"].as_str().unwrap(),
            "offsets are characters of the original"
        );
    }
}

fn rules_dir(tmp: &Path, body: &str) -> std::path::PathBuf {
    let d = tmp.join("rules");
    std::fs::create_dir_all(&d).unwrap();
    std::fs::write(d.join("mine.toml"), body).unwrap();
    d
}

#[test]
fn broken_rule_files_are_reported_with_file_line_and_id_and_nothing_is_written() {
    let cases = [
        (
            "bad regex",
            "[[rule]]\nid = \"broken-regex\"\nkind = \"project\"\ndescription = \"d\"\npatterns = ['(unclosed']\nexamples = [{ text = \"x\", expect = [] }]\n",
            "mine.toml:2: rule broken-regex: bad regex",
        ),
        (
            // Syntax checked at load, compiled on first use: a user's
            // folder is compiled whole at load, so this fails before any
            // text is read.
            "regex over the size limit",
            "[[rule]]\nid = \"huge-regex\"\nkind = \"project\"\ndescription = \"d\"\npatterns = ['\\w{1000}\\w{1000}\\w{1000}']\nexamples = [{ text = \"x\", expect = [] }]\n",
            "mine.toml:2: rule huge-regex: bad regex",
        ),
        (
            "unknown key",
            "[[rule]]\nid = \"typo-key\"\nkind = \"project\"\ndescription = \"d\"\nwrods = [\"工程\"]\nexamples = [{ text = \"x\", expect = [] }]\n",
            "mine.toml:5: rule typo-key: unknown field `wrods`",
        ),
        (
            "duplicate id",
            "[[rule]]\nid = \"project-with-suffix\"\nkind = \"project\"\ndescription = \"d\"\nwords = [\"工程\"]\nexamples = [{ text = \"x\", expect = [] }]\n",
            "mine.toml:2: rule project-with-suffix: duplicate rule id",
        ),
        (
            "failing example",
            "[[rule]]\nid = \"wrong-example\"\nkind = \"sector\"\ndescription = \"d\"\nwords = [\"新材料\"]\nexamples = [{ text = \"发展新材料\", expect = [\"新能源\"] }]\n",
            "mine.toml:2: rule wrong-example: example",
        ),
        (
            "failing cue example",
            "[[rule]]\nid = \"status-plan-mine\"\nkind = \"status\"\nclass = \"commitment\"\ndescription = \"d\"\nwords = [\"计划\"]\nexamples = [{ text = \"计划改造农村危房80户。\", expect_target = { status = \"actual\" } }]\n",
            "mine.toml:2: rule status-plan-mine: example \"计划改造农村危房80户。\": expected status \"actual\", found \"target\"",
        ),
    ];
    for (what, body, want) in cases {
        let tmp = tempfile::tempdir().unwrap();
        let db = tmp.path().join("db");
        let rules = rules_dir(tmp.path(), body);
        let o = ptkg(&db, &["rules", "check", "--rules", rules.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2), "{what}");
        assert!(stderr(&o).contains(want), "{what}: {}", stderr(&o));
        let o = ptkg(
            &db,
            &["add", "--rules", rules.to_str().unwrap(), &examples()],
        );
        assert_eq!(o.status.code(), Some(2), "{what}");
        assert!(stderr(&o).contains(want), "{what}: {}", stderr(&o));
        assert_eq!(stderr(&o).lines().count(), 1, "{what}: one-line error");
        assert!(!db.exists(), "{what}: nothing may be written");
    }
}

#[test]
fn rules_check_and_explain() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    let o = ptkg(&db, &["rules", "check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("0 failed"));
    let o = ptkg(&db, &["rules", "explain", "project-with-suffix"]);
    assert!(o.status.success());
    let t = stdout(&o);
    assert!(t.contains("examples:") && t.contains("counter-examples"));
    // A cue rule shows what it does to a figure.
    let o = ptkg(&db, &["rules", "explain", "status-target"]);
    assert!(o.status.success());
    let t = stdout(&o);
    assert!(
        t.contains("    → figure { status = \"target\" }\n")
            && t.contains("    → figure not { status = \"target\" }\n"),
        "{t}"
    );
    let o = ptkg(&db, &["rules", "explain", "no-such-rule"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no rule with id"));
}

#[test]
fn rules_change_is_noticed_and_reindex_applies_it() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    let file = common::fixture("structure.txt");
    let o = ptkg(&db, &["add", "-q", file.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let rules = rules_dir(
        tmp.path(),
        "[[rule]]\nid = \"sector-smart-logistics\"\nkind = \"sector\"\ndescription = \"Smart logistics.\"\nwords = [\"智慧物流\"]\nexamples = [{ text = \"智慧物流\", expect = [\"智慧物流\"] }]\n",
    );
    let o = ptkg(
        &db,
        &[
            "add",
            "-q",
            "--rules",
            rules.to_str().unwrap(),
            file.to_str().unwrap(),
        ],
    );
    assert!(o.status.success());
    assert!(stderr(&o).contains("ptkg reindex"), "{}", stderr(&o));
    assert!(stdout(&o).contains("unchanged 1"));
    let o = ptkg(&db, &["reindex", "-q", "--rules", rules.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("reindexed 1 document(s)"),
        "{}",
        stdout(&o)
    );
    // After reindex the note is gone.
    let o = ptkg(
        &db,
        &[
            "add",
            "-q",
            "--rules",
            rules.to_str().unwrap(),
            file.to_str().unwrap(),
        ],
    );
    assert!(!stderr(&o).contains("ptkg reindex"), "{}", stderr(&o));
}

#[test]
fn the_store_path_comes_from_ptkg_db_too() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("envdb");
    let o = Command::new(env!("CARGO_BIN_EXE_ptkg"))
        .args(["add", "-q"])
        .arg(common::fixture("structure.txt"))
        .env("PTKG_DB", &db)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(db.exists());
}

#[test]
fn render_and_export_write_the_selected_graph() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    assert!(ptkg(&db, &["add", "-q", &examples()]).status.success());

    // The whole store is too big for one picture: nothing is written.
    let out = tmp.path().join("all.svg");
    let o = ptkg(
        &db,
        &["render", "-o", out.to_str().unwrap(), "--engine", "builtin"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(!out.exists());

    let out = tmp.path().join("goal.svg");
    let o = ptkg(
        &db,
        &[
            "render",
            "--goal",
            "高质量发展",
            "-o",
            out.to_str().unwrap(),
            "--engine",
            "builtin",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(
        svg.starts_with("<svg") && svg.contains("高质量发展") && svg.contains("class=\"legend\"")
    );

    let out = tmp.path().join("doc.svg");
    let doc = format!("{}/linjiang_2021_work_report.txt", examples());
    let o = ptkg(
        &db,
        &[
            "render",
            "--doc",
            &doc,
            "--max-nodes",
            "20",
            "-o",
            out.to_str().unwrap(),
            "--engine",
            "builtin",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("dropped"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&out)
            .unwrap()
            .matches("<g class=\"node")
            .count(),
        20
    );

    if ptkg::graph::render::dot_available() {
        let via_dot = tmp.path().join("goal_dot.svg");
        let o = ptkg(
            &db,
            &[
                "render",
                "--goal",
                "高质量发展",
                "--engine",
                "dot",
                "-o",
                via_dot.to_str().unwrap(),
            ],
        );
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(std::fs::read_to_string(&via_dot).unwrap().contains("<svg"));
        // A small selection: auto keeps dot, with no note about sfdp.
        assert!(!stderr(&o).contains("sfdp"), "{}", stderr(&o));
        let via_sfdp = tmp.path().join("goal_sfdp.svg");
        let o = ptkg(
            &db,
            &[
                "render",
                "--goal",
                "高质量发展",
                "--engine",
                "sfdp",
                "-o",
                via_sfdp.to_str().unwrap(),
            ],
        );
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(stderr(&o).contains("sfdp"), "{}", stderr(&o));
        let svg = std::fs::read_to_string(&via_sfdp).unwrap();
        assert!(svg.contains("<svg") && svg.contains("高质量发展"));
    } else {
        eprintln!("skipped: Graphviz is not installed, the dot engine is not exercised");
    }
    // PNG without Graphviz: resvg with the system's fonts, or a clear
    // message when no font can draw Chinese.
    let png = tmp.path().join("goal.png");
    let o = ptkg(
        &db,
        &[
            "render",
            "--goal",
            "高质量发展",
            "--engine",
            "builtin",
            "-o",
            png.to_str().unwrap(),
        ],
    );
    if o.status.success() {
        assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));
    } else {
        assert!(stderr(&o).contains("fonts-noto-cjk"), "{}", stderr(&o));
    }
    let dir = tmp.path().join("neo4j");
    let o = ptkg(&db, &["export", "csv", "-o", dir.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let nodes = std::fs::read_to_string(dir.join("nodes.csv")).unwrap();
    let rels = std::fs::read_to_string(dir.join("relationships.csv")).unwrap();
    assert!(nodes.starts_with("id:ID,:LABEL,name,key,documents:int,"));
    assert!(rels.starts_with(":START_ID,:END_ID,:TYPE,basis,weight:double,speeches:int,"));
    assert!(rels.contains(",SERVES,"));
}

#[test]
fn commits_every_n_documents_then_compact_merges_the_run_files() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    let o = ptkg(&db, &["add", "--quiet", "--commit-every", "1", &examples()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let runs = || std::fs::read_dir(db.join("runs")).unwrap().count();
    assert_eq!(
        runs(),
        12,
        "two run files (texts and books; slices and indexes) per committed document"
    );
    let before = stdout(&ptkg(
        &db,
        &["query", "serves", "--limit", "0", "--format", "json"],
    ));
    let o = ptkg(&db, &["compact"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("12 run file(s)") && stdout(&o).contains("→ 2 run file(s)"),
        "{}",
        stdout(&o)
    );
    assert_eq!(runs(), 2);
    let after = stdout(&ptkg(
        &db,
        &["query", "serves", "--limit", "0", "--format", "json"],
    ));
    assert_eq!(before, after, "compacting changes no answer");
}

#[cfg(unix)]
#[test]
fn csv_export_replaces_a_link_never_what_it_points_to() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    assert!(ptkg(&db, &["add", "-q", &examples()]).status.success());
    let out = tmp.path().join("neo4j");
    std::fs::create_dir(&out).unwrap();
    let elsewhere = tmp.path().join("precious.txt");
    std::fs::write(&elsewhere, "keep me").unwrap();
    std::os::unix::fs::symlink(&elsewhere, out.join("nodes.csv")).unwrap();
    let export = |force: bool| {
        let mut args = vec!["export", "csv", "-o", out.to_str().unwrap()];
        if force {
            args.push("--force");
        }
        ptkg(&db, &args)
    };
    let refused = export(false);
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    assert!(stderr(&refused).contains("is not empty"));
    let o = export(true);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&elsewhere).unwrap(), "keep me");
    let nodes = out.join("nodes.csv");
    assert!(!std::fs::symlink_metadata(&nodes)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(std::fs::read_to_string(&nodes)
        .unwrap()
        .starts_with("id:ID,"));
}

#[cfg(unix)]
#[test]
fn a_rule_folder_error_names_the_file_read_and_refuses_what_is_no_file() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    let rules = tmp.path().join("my-rules");
    std::fs::create_dir(&rules).unwrap();
    std::fs::write(
        rules.join("mine.toml"),
        "[[rule]]\nid = \"x\"\nkind = \"gizmo\"\n",
    )
    .unwrap();
    let o = ptkg(&db, &["rules", "check", "--rules", rules.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let shown = rules.join("mine.toml").display().to_string();
    assert!(stderr(&o).contains(&shown), "{}", stderr(&o));

    std::fs::remove_file(rules.join("mine.toml")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", rules.join("zero.toml")).unwrap();
    let o = ptkg(&db, &["rules", "check", "--rules", rules.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not a regular file"), "{}", stderr(&o));
}

/// `extract --stdin` and `--files-from` give the records `extract FILE`
/// gives, line for line, with an error record in place of a bad line.
#[test]
fn extract_from_stdin_and_a_list_matches_extract_of_the_files() {
    use base64::Engine;
    use std::io::Write;
    let tmp = tempfile::tempdir().unwrap();
    let utf8 = tmp.path().join("a.txt");
    let gbk = format!("{}/baisha_town_report_gbk.txt", examples());
    std::fs::write(
        &utf8,
        "临江区2022年政府工作报告\n今年全区地区生产总值增长6%左右。\n",
    )
    .unwrap();
    let db = tmp.path().join("db");
    let by_file = stdout(&ptkg(&db, &["extract", utf8.to_str().unwrap(), &gbk]));
    assert_eq!(by_file.lines().count(), 2);
    assert!(by_file.contains("\"rules_hash\":") && by_file.contains("\"ptkg_version\":"));

    let lines = [
        serde_json::json!({"path": utf8.to_str().unwrap(), "text": std::fs::read_to_string(&utf8).unwrap()}),
        serde_json::json!({"path": "no-text.txt"}),
        serde_json::json!({"path": gbk, "base64": base64::engine::general_purpose::STANDARD.encode(std::fs::read(&gbk).unwrap())}),
    ];
    let input: String = lines.iter().map(|l| l.to_string() + "\n").collect();
    let run = |args: &[&str]| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ptkg"))
            .args(args)
            .arg("--db")
            .arg(&db)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };
    let o = run(&["extract", "--stdin"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let out = stdout(&o);
    let records: Vec<&str> = out.lines().collect();
    assert_eq!(records.len(), 3);
    let by_file: Vec<&str> = by_file.lines().collect();
    assert_eq!(records[0], by_file[0]);
    assert_eq!(
        records[2], by_file[1],
        "base64 bytes decode as the file does"
    );
    let failed: serde_json::Value = serde_json::from_str(records[1]).unwrap();
    assert_eq!(failed["document"]["path"], "no-text.txt");
    assert!(failed["error"].as_str().unwrap().contains("exactly one of"));
    assert_eq!(
        run(&["extract", "--stdin", "--keep-going"]).status.code(),
        Some(0)
    );

    let list = tmp.path().join("list.txt");
    std::fs::write(&list, format!("{}\n\n{gbk}\n", utf8.display())).unwrap();
    let from_list = stdout(&ptkg(
        &db,
        &["extract", "--files-from", list.to_str().unwrap()],
    ));
    assert_eq!(from_list.lines().collect::<Vec<_>>(), by_file);
    assert!(!db.exists(), "extract never creates a store");
}

/// Records come out in input order although documents are extracted on
/// every core: 600 stdin lines (more than one batch) of different lengths,
/// so later documents often finish first.
#[test]
fn extract_keeps_the_input_order_on_every_core() {
    use std::io::Write;
    let tmp = tempfile::tempdir().unwrap();
    let input: String = (0..600)
        .map(|i| {
            let body = "全区新建道路12公里,".repeat(1 + (i * 7) % 40);
            serde_json::json!({"path": format!("doc-{i:03}.txt"), "text": format!("{body}今年地区生产总值增长{i}%。")})
                .to_string()
                + "\n"
        })
        .collect();
    let mut child = Command::new(env!("CARGO_BIN_EXE_ptkg"))
        .args(["extract", "--stdin", "--db"])
        .arg(tmp.path().join("db"))
        .env("RAYON_NUM_THREADS", "4")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut pipe = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || pipe.write_all(input.as_bytes()).unwrap());
    let o = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let paths: Vec<String> = stdout(&o)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["document"]["path"].as_str().unwrap().to_string()
        })
        .collect();
    let expected: Vec<String> = (0..600).map(|i| format!("doc-{i:03}.txt")).collect();
    assert_eq!(paths, expected);
}

/// `verify` says a sound store is sound (exit 0) and names a damaged run
/// file with the documents it may hold (exit 1), changing nothing.
#[test]
fn verify_finds_a_damaged_run_file() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    let file = format!("{}/linjiang_2021_work_report.txt", examples());
    assert!(ptkg(&db, &["add", "-q", &file]).status.success());
    let o = ptkg(&db, &["verify"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("is sound: 1 document(s)"),
        "{}",
        stdout(&o)
    );
    assert!(stdout(&ptkg(&db, &["verify", "-q"])).is_empty());

    let run = std::fs::read_dir(db.join("runs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "ptkg"))
        .unwrap();
    let mut bytes = std::fs::read(&run).unwrap();
    for b in &mut bytes[40..60] {
        *b ^= 0xff;
    }
    std::fs::write(&run, &bytes).unwrap();
    let o = ptkg(&db, &["verify"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let out = stdout(&o);
    let name = run.file_name().unwrap().to_str().unwrap();
    assert!(
        out.lines()
            .any(|l| l.contains(name) && l.contains("linjiang_2021_work_report.txt")),
        "{out}"
    );
    assert!(
        stderr(&o).contains("problem(s); run `ptkg repair"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read(&run).unwrap(),
        bytes,
        "verify changes nothing"
    );
}

/// The same text under two paths: `add` says so, `list speech` shows both
/// paths, `remove` of one keeps the document and says that too.
#[test]
fn a_copy_is_another_path_of_one_document() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    let text = "在临江区经济工作会议上的讲话\n区委决定加快建设临江智慧物流产业园。\n";
    for dir in ["a", "b"] {
        std::fs::create_dir(tmp.path().join(dir)).unwrap();
        std::fs::write(tmp.path().join(dir).join("speech.txt"), text).unwrap();
    }
    let o = ptkg(&db, &["add", "-q", tmp.path().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("added 1,")
            && stdout(&o).contains("1 already stored under another path")
            && stdout(&o).contains("has 1 documents"),
        "{}",
        stdout(&o)
    );
    let a = tmp.path().join("a/speech.txt");
    let b = tmp.path().join("b/speech.txt");
    let list = stdout(&ptkg(&db, &["list", "speech", "--wide"]));
    assert!(
        list.contains(&format!("{}, {}", a.display(), b.display())),
        "{list}"
    );
    let o = ptkg(&db, &["remove", a.to_str().unwrap()]);
    assert!(
        stdout(&o).contains("removed 1 path(s)") && stdout(&o).contains("0 document(s) left"),
        "{}",
        stdout(&o)
    );
    let o = ptkg(&db, &["remove", b.to_str().unwrap()]);
    assert!(
        stdout(&o).starts_with("removed 1 document(s)"),
        "{}",
        stdout(&o)
    );
}
