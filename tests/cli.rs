//! The `ptkg` binary as a user meets it: stdout, stderr and exit code of
//! each command on the bundled examples and on bad input.

mod common;

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
fn help_teaches_with_examples() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    let o = ptkg(&db, &["--help"]);
    assert!(o.status.success());
    assert!(stdout(&o).contains("Examples:"));
    for cmd in [
        vec!["add"],
        vec!["remove"],
        vec!["compact"],
        vec!["reindex"],
        vec!["extract"],
        vec!["stats"],
        vec!["list"],
        vec!["show"],
        vec!["export", "dot"],
        vec!["rules", "check"],
        vec!["rules", "explain"],
        vec!["rules", "list"],
        vec!["rules"],
        vec!["query"],
        vec!["query", "targets"],
        vec!["query", "metric"],
        vec!["query", "serves"],
        vec!["query", "goals"],
        vec!["query", "path"],
        vec!["export"],
    ] {
        let mut args = cmd.clone();
        args.push("--help");
        let o = ptkg(&db, &args);
        assert!(o.status.success(), "{cmd:?}");
        assert!(
            stdout(&o).contains("Example"),
            "{cmd:?} help has no example:\n{}",
            stdout(&o)
        );
    }
}

#[test]
fn add_examples_then_query_stats_list_show_export() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    let o = ptkg(&db, &["add", "--quiet", &examples()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("added 5, replaced 0, unchanged 0, failed 0"),
        "{}",
        stdout(&o)
    );

    // Global --db works before the subcommand too.
    let o = Command::new(env!("CARGO_BIN_EXE_ptkg"))
        .arg("--db")
        .arg(&db)
        .args(["stats", "--format", "json"])
        .output()
        .unwrap();
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["documents"], 5);
    assert!(v["nodes"].as_u64().unwrap() > 20);
    assert!(v["edges"].as_u64().unwrap() > 20);
    assert!(v["nodes_by_kind"]["project"].as_u64().unwrap() > 0);

    let o = ptkg(&db, &["add", &examples()]);
    assert!(
        stdout(&o).starts_with("added 0, replaced 0, unchanged 5"),
        "{}",
        stdout(&o)
    );

    let o = ptkg(&db, &["list", "projects"]);
    assert!(o.status.success());
    assert!(stdout(&o).starts_with("name"));
    assert!(stdout(&o).contains("青山湖生态修复工程"), "{}", stdout(&o));

    let o = ptkg(&db, &["show", "青山湖生态修复工程"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("[project]"));
    assert!(text.contains("evidence"));
    assert!(text.contains("mentions"));

    let o = ptkg(&db, &["show", "没有这个节点"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no node named"));

    let out = tmp.path().join("g.dot");
    let o = ptkg(&db, &["export", "dot", "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let dot = std::fs::read_to_string(&out).unwrap();
    assert!(dot.starts_with("digraph {"));
    assert!(dot.contains("Noto Sans CJK SC"));
    assert!(dot.contains("青山湖生态修复工程"));
    assert_eq!(dot.matches('{').count(), dot.matches('}').count());

    let o = ptkg(&db, &["list", "gizmo"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("unknown kind"));

    let o = ptkg(&db, &["remove", "examples/nope.txt"]);
    assert_eq!(o.status.code(), Some(1));
    let stored = format!("{}/linjiang_2021_work_report.txt", examples());
    let o = ptkg(&db, &["remove", &stored]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = ptkg(&db, &["stats", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["documents"], 4);
}

#[test]
fn query_targets_metric_serves_goals_path() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    let o = ptkg(&db, &["add", "--quiet", &examples()]);
    assert!(o.status.success(), "{}", stderr(&o));

    let o = ptkg(
        &db,
        &[
            "query",
            "targets",
            "--metric",
            "地区生产总值",
            "--format",
            "json",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let rows: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let rows = rows.as_array().unwrap();
    assert!(rows.len() >= 3, "{rows:?}");
    for r in rows {
        assert!(r["metric"].as_str().unwrap().contains("地区生产总值"));
        for k in [
            "value",
            "unit",
            "change",
            "qualifier",
            "status",
            "document",
            "sentence",
        ] {
            assert!(r.get(k).is_some(), "{k}");
        }
    }
    let o = ptkg(
        &db,
        &["query", "targets", "--status", "target", "--format", "csv"],
    );
    let csv = stdout(&o);
    assert!(
        csv.starts_with("metric,value,unit,change,qualifier,status,year,document,sentence\n"),
        "{csv}"
    );
    assert!(csv.lines().skip(1).all(|l| l.contains(",target,")), "{csv}");

    let o = ptkg(&db, &["query", "metric", "地区生产总值"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).lines().count() >= 4);
    let o = ptkg(&db, &["query", "metric", "没有这个指标"]);
    assert_eq!(o.status.code(), Some(1));

    let o = ptkg(&db, &["query", "goals", "--format", "json"]);
    let goals: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(
        goals
            .as_array()
            .unwrap()
            .iter()
            .any(|g| g["goal"] == "高质量发展"),
        "{goals}"
    );

    let o = ptkg(
        &db,
        &[
            "query",
            "serves",
            "--goal",
            "四大攻坚行动",
            "--format",
            "json",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let serves: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(!serves.as_array().unwrap().is_empty(), "{serves}");

    let o = ptkg(&db, &["query", "path", "青山湖生态修复工程", "区委"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("青山湖生态修复工程"));
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
        .filter(|r| r["metric"].as_str().unwrap().contains("地区生产总值"))
        .collect();
    assert!(!by_metric.is_empty());
    assert_eq!(by_metric, filtered);

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

#[test]
fn bad_files_are_named_and_the_rest_are_added() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    let dir = tmp.path().join("in");
    std::fs::create_dir(&dir).unwrap();
    for f in ["empty.txt", "binary.txt", "undecodable.txt"] {
        std::fs::copy(common::fixture(f), dir.join(f)).unwrap();
    }
    std::fs::copy(common::fixture("structure.txt"), dir.join("structure.txt")).unwrap();
    let o = ptkg(&db, &["add", "-q", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    for f in ["empty.txt", "binary.txt", "undecodable.txt"] {
        assert!(
            err.lines()
                .any(|l| l.contains(f) && l.starts_with("ptkg: warning")),
            "{f} not named:\n{err}"
        );
    }
    assert!(stdout(&o).starts_with("added 1,"), "{}", stdout(&o));

    // A file far over the size limit (sparse, so the test stays cheap).
    let huge = dir.join("huge.txt");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(200 * 1024 * 1024)
        .unwrap();
    let o = ptkg(&db, &["add", "-q", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o)
            .lines()
            .any(|l| l.contains("huge.txt") && l.contains("limit")),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).contains("unchanged 1"), "{}", stdout(&o));

    let o = ptkg(&db, &["add", "no/such/path.txt"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no/such/path.txt"), "{}", stderr(&o));
    assert_eq!(stderr(&o).lines().count(), 1);
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
        assert_eq!(o.status.code(), Some(1), "{what}");
        assert!(stderr(&o).contains(want), "{what}: {}", stderr(&o));
        let o = ptkg(
            &db,
            &["add", "--rules", rules.to_str().unwrap(), &examples()],
        );
        assert_eq!(o.status.code(), Some(1), "{what}");
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
fn commands_that_read_need_an_existing_store() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("missing");
    let o = ptkg(&db, &["stats"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("ptkg add"), "{}", stderr(&o));
    assert!(!db.exists());
}

#[test]
fn render_and_export_selections() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    assert!(ptkg(&db, &["add", "-q", &examples()]).status.success());

    // The whole store is too big for one picture: a hint, not a hairball.
    let out = tmp.path().join("all.svg");
    let o = ptkg(
        &db,
        &["render", "-o", out.to_str().unwrap(), "--engine", "builtin"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--goal"), "{}", stderr(&o));
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

    let o = ptkg(
        &db,
        &[
            "render",
            "--goal",
            "没有这个目标",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no goal named"));

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
    let pdf = tmp.path().join("goal.pdf");
    let o = ptkg(
        &db,
        &[
            "render",
            "--goal",
            "高质量发展",
            "--engine",
            "builtin",
            "-o",
            pdf.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("apt-get install graphviz"),
        "{}",
        stderr(&o)
    );

    let o = ptkg(
        &db,
        &["export", "json", "--focus", "临江区", "--depth", "1"],
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["name"] == "临江区"));
    assert!(!v["links"].as_array().unwrap().is_empty());

    let o = ptkg(&db, &["export", "graphml", "--kind", "goal,measure"]);
    let xml = stdout(&o);
    assert!(xml.starts_with("<?xml") && xml.trim_end().ends_with("</graphml>"));
    assert!(!xml.contains("<data key=\"kind\">project</data>"));

    let dir = tmp.path().join("neo4j");
    let o = ptkg(&db, &["export", "csv", "-o", dir.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let nodes = std::fs::read_to_string(dir.join("nodes.csv")).unwrap();
    let rels = std::fs::read_to_string(dir.join("relationships.csv")).unwrap();
    assert!(nodes.starts_with("id:ID,name,key,:LABEL\n"));
    assert!(rels.starts_with(":START_ID,:END_ID,:TYPE,basis\n"));
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
        10,
        "two run files (texts and books; slices and indexes) per committed document"
    );
    let before = stdout(&ptkg(
        &db,
        &["query", "serves", "--limit", "0", "--format", "json"],
    ));
    let o = ptkg(&db, &["compact"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("10 run file(s)") && stdout(&o).contains("→ 2 run file(s)"),
        "{}",
        stdout(&o)
    );
    assert_eq!(runs(), 2);
    let after = stdout(&ptkg(
        &db,
        &["query", "serves", "--limit", "0", "--format", "json"],
    ));
    assert_eq!(before, after, "compacting changes no answer");
    let o = ptkg(&db, &["add", "--commit-every", "0", &examples()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--commit-every"), "{}", stderr(&o));
    let missing = tmp.path().join("none");
    let o = ptkg(&missing, &["compact"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("ptkg add"), "{}", stderr(&o));
}
