//! The `ptkg` binary as a user meets it: stdout, stderr and exit code of
//! each command's main cases (its help, a normal run, bad input), recorded
//! together as insta snapshots in `tests/it/snapshots/*cli_snapshots*.snap`.
//!
//! Each test runs `ptkg` in a temporary folder of its own with `examples/`
//! and `fixtures/` linked into it and the store at `db` (the commands that
//! only read share one store of the examples), so the paths it prints are
//! the same on every machine; the folder's own path and the run files'
//! sizes are replaced by `[TMP]` and `[SIZE]`. Help is wrapped at 100
//! columns, as clap does when stdout is no terminal. Checks a snapshot
//! cannot make (what the store holds afterwards, files written) are in
//! `cli.rs`.

use std::path::{Path, PathBuf};
use std::process::Command;

use insta_cmd::assert_cmd_snapshot;

/// A temporary working folder for `ptkg`.
struct Workdir {
    dir: tempfile::TempDir,
}

impl Workdir {
    /// A folder with `examples/` and `fixtures/` linked in.
    fn new() -> Workdir {
        let dir = tempfile::tempdir().unwrap();
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        std::os::unix::fs::symlink(root.join("examples"), dir.path().join("examples")).unwrap();
        std::os::unix::fs::symlink(root.join("tests/fixtures"), dir.path().join("fixtures"))
            .unwrap();
        Workdir { dir }
    }

    /// A folder whose store `db` holds the five examples.
    fn with_examples() -> Workdir {
        let w = Workdir::new();
        let o = w.ptkg(&["add", "--quiet", "examples"]).output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        w
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `ptkg --db db ARGS` in this folder, with no rules or store path
    /// from the environment.
    fn ptkg(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_ptkg"));
        cmd.current_dir(self.path())
            .args(["--db", "db"])
            .args(args)
            .env("COLUMNS", "100")
            .env_remove("PTKG_DB")
            .env_remove("PTKG_RULES");
        cmd
    }

    /// Snapshots `ptkg ARGS` as `NAME`.
    fn snap(&self, name: &str, args: &[&str]) {
        self.snap_cmd(name, self.ptkg(args));
    }

    /// Snapshots `ptkg ARGS` run with `COLUMNS=columns` as `NAME`, and
    /// checks that no line of its stdout is wider than that.
    fn snap_width(&self, name: &str, columns: usize, args: &[&str]) {
        let mut cmd = self.ptkg(args);
        cmd.env("COLUMNS", columns.to_string());
        let out = cmd.output().unwrap();
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert!(!stdout.is_empty(), "{name}: no rows");
        for line in stdout.lines() {
            let w = unicode_width::UnicodeWidthStr::width(line);
            assert!(w <= columns, "{name}: {w} > {columns} columns: {line}");
        }
        let mut cmd = self.ptkg(args);
        cmd.env("COLUMNS", columns.to_string());
        self.snap_cmd(name, cmd);
    }

    /// Snapshots a command as `NAME`.
    fn snap_cmd(&self, name: &str, mut cmd: Command) {
        let tmp = regex_escape(&self.path().display().to_string());
        insta::with_settings!({
            filters => vec![
                (tmp.as_str(), "[TMP]"),
                (r"\d+\.\d MB", "[SIZE] MB"),
                (r"damaged-\d{8}-\d{6}", "damaged-[TIME]"),
                (r#""rules_hash":"[0-9a-f]+""#, r#""rules_hash":"[RULES]""#),
                (r#""ptkg_version":"[^"]+""#, r#""ptkg_version":"[VERSION]""#),
            ],
        }, {
            assert_cmd_snapshot!(name, cmd);
        });
    }

    /// Writes a rule folder `rules/` with one file.
    fn rules(&self, body: &str) -> PathBuf {
        let d = self.path().join("rules");
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(d.join("mine.toml"), body).unwrap();
        d
    }
}

fn regex_escape(s: &str) -> String {
    s.chars()
        .flat_map(|c| {
            let special = "\\.+*?()|[]{}^$#&-~".contains(c);
            special.then_some('\\').into_iter().chain([c])
        })
        .collect()
}

#[test]
fn help_of_every_command() {
    let w = Workdir::new();
    let commands: &[&[&str]] = &[
        &[],
        &["add"],
        &["compact"],
        &["verify"],
        &["repair"],
        &["remove"],
        &["reindex"],
        &["extract"],
        &["stats"],
        &["list"],
        &["show"],
        &["query"],
        &["query", "targets"],
        &["query", "serves"],
        &["query", "goals"],
        &["query", "path"],
        &["query", "metric"],
        &["query", "promises"],
        &["export"],
        &["export", "dot"],
        &["export", "graphml"],
        &["export", "json"],
        &["export", "csv"],
        &["render"],
        &["rules"],
        &["rules", "check"],
        &["rules", "explain"],
        &["rules", "list"],
    ];
    for cmd in commands {
        let name = format!("help_{}", cmd.join("_"));
        let mut args = cmd.to_vec();
        args.push("--help");
        w.snap(name.trim_end_matches('_'), &args);
    }
}

#[test]
fn usage_errors() {
    let w = Workdir::new();
    w.snap("usage_no_command", &[]);
    w.snap("usage_unknown_command", &["draw"]);
    w.snap("usage_add_without_paths", &["add"]);
    w.snap(
        "usage_add_commit_every_zero",
        &["add", "--commit-every", "0", "examples"],
    );
    w.snap(
        "usage_bad_status",
        &["query", "targets", "--status", "hoped"],
    );
    w.snap("version", &["--version"]);
}

#[test]
fn add_new_then_unchanged() {
    let w = Workdir::new();
    w.snap("add_examples", &["add", "examples"]);
    w.snap("add_examples_again", &["add", "examples"]);
}

#[test]
fn add_names_the_files_it_cannot_read_and_adds_the_rest() {
    let w = Workdir::new();
    let dir = w.path().join("in");
    std::fs::create_dir(&dir).unwrap();
    for f in [
        "empty.txt",
        "binary.txt",
        "undecodable.txt",
        "structure.txt",
    ] {
        std::fs::copy(w.path().join("fixtures").join(f), dir.join(f)).unwrap();
    }
    // A file far over the size limit (sparse, so the test stays cheap).
    std::fs::File::create(dir.join("huge.txt"))
        .unwrap()
        .set_len(200 * 1024 * 1024)
        .unwrap();
    w.snap("add_bad_files", &["add", "in"]);
    w.snap("add_missing_path", &["add", "no/such/path.txt"]);
    std::fs::create_dir(w.path().join("nothing")).unwrap();
    w.snap("add_no_speech_files", &["add", "nothing"]);
    w.snap("add_not_a_speech", &["add", "fixtures/not_speech.txt"]);
}

#[test]
fn add_from_jsonl_names_what_it_leaves_out() {
    let w = Workdir::new();
    let extract = |args: &[&str]| {
        let o = w.ptkg(args).output().unwrap();
        String::from_utf8(o.stdout).unwrap()
    };
    let good = extract(&[
        "extract",
        "--with-text",
        "examples/linjiang_2021_work_report.txt",
    ]);
    let other = extract(&[
        "extract",
        "--with-text",
        "examples/qingshan_plenary_speech.txt",
    ]);
    let failed = extract(&["extract", "fixtures/empty.txt"]);
    // A record of other rules, a broken (cut) line, an error record.
    // (a fixed hash, so the snapshot does not change with the rules)
    let at = other.find("\"rules_hash\":\"").unwrap() + "\"rules_hash\":\"".len();
    let end = at + other[at..].find('"').unwrap();
    let other = format!("{}0123456789abcdef{}", &other[..at], &other[end..]);
    // Cut where the record's sections start: the message does not move with
    // the rules' output further on.
    let cut = &good[..good.find("\"sections\"").unwrap()];
    let mixed = format!("{good}{other}{cut}\n\n{failed}");
    std::fs::write(w.path().join("mixed.jsonl"), mixed).unwrap();
    w.snap(
        "add_from_jsonl_mixed",
        &["add", "-q", "--from-jsonl", "mixed.jsonl"],
    );
    // Records without their text: the store cannot keep the document.
    let bare = extract(&["extract", "examples/linjiang_2022_work_report.txt"]);
    std::fs::write(w.path().join("bare.jsonl"), bare).unwrap();
    w.snap(
        "add_from_jsonl_without_text",
        &["add", "-q", "--from-jsonl", "bare.jsonl"],
    );
    // Nothing loads: only records of other rules.
    std::fs::write(w.path().join("other.jsonl"), &other).unwrap();
    let fresh = Workdir::new();
    std::fs::copy(
        w.path().join("other.jsonl"),
        fresh.path().join("other.jsonl"),
    )
    .unwrap();
    fresh.snap(
        "add_from_jsonl_only_other_rules",
        &["add", "-q", "--from-jsonl", "other.jsonl"],
    );
    w.snap(
        "add_from_jsonl_missing",
        &["add", "--from-jsonl", "no-such.jsonl"],
    );
    w.snap(
        "usage_add_paths_and_from_jsonl",
        &["add", "examples", "--from-jsonl", "x.jsonl"],
    );
}

#[test]
fn broken_rule_files_stop_every_command_that_loads_them() {
    let w = Workdir::new();
    w.rules(
        "[[rule]]\nid = \"broken-regex\"\nkind = \"project\"\ndescription = \"d\"\npatterns = ['(unclosed']\nexamples = [{ text = \"x\", expect = [] }]\n",
    );
    w.snap(
        "rules_check_broken_regex",
        &["rules", "check", "--rules", "rules"],
    );
    w.snap("add_broken_regex", &["add", "--rules", "rules", "examples"]);
    w.rules(
        "[[rule]]\nid = \"wrong-example\"\nkind = \"sector\"\ndescription = \"一个例子不对的规则\"\nwords = [\"新材料\"]\nexamples = [{ text = \"大力发展新材料产业\", expect = [\"新能源\"] }]\n",
    );
    w.snap(
        "rules_check_failing_example",
        &["rules", "check", "--rules", "rules"],
    );
    w.snap(
        "extract_failing_example",
        &["extract", "--rules", "rules", "fixtures/traditional.txt"],
    );
}

#[test]
fn rules_check_explain_list() {
    let w = Workdir::new();
    w.snap("rules_check", &["rules", "check"]);
    w.snap(
        "rules_explain",
        &["rules", "explain", "project-with-suffix"],
    );
    w.snap(
        "rules_explain_unknown",
        &["rules", "explain", "no-such-rule"],
    );
    w.snap("rules_list", &["rules", "list"]);
}

#[test]
fn extract_prints_json_and_skips_what_it_cannot_read() {
    let w = Workdir::new();
    w.snap(
        "extract_fixture",
        &["extract", "fixtures/goals/colon_members.txt"],
    );
    w.snap(
        "extract_empty_and_missing",
        &["extract", "fixtures/empty.txt", "fixtures/no-such.txt"],
    );
    w.snap("extract_binary", &["extract", "fixtures/binary.txt"]);
}

#[test]
fn reading_commands_need_a_store() {
    let w = Workdir::new();
    for (name, args) in [
        ("stats_no_store", &["stats"][..]),
        ("compact_no_store", &["compact"]),
        ("reindex_no_store", &["reindex", "-q"]),
        ("remove_no_store", &["remove", "examples/x.txt"]),
        ("query_goals_no_store", &["query", "goals"]),
    ] {
        w.snap(name, args);
    }
    assert!(!w.path().join("db").exists(), "no store may be created");
    // A folder of other files is no store, for readers and for add alike,
    // and stays as it was.
    std::fs::create_dir(w.path().join("db")).unwrap();
    std::fs::write(w.path().join("db/notes.txt"), "mine").unwrap();
    w.snap("stats_on_a_folder_that_is_no_store", &["stats"]);
    w.snap(
        "add_to_a_folder_that_is_no_store",
        &["add", "-q", "examples"],
    );
    let left: Vec<_> = std::fs::read_dir(w.path().join("db")).unwrap().collect();
    assert_eq!(left.len(), 1, "nothing was written beside notes.txt");
}

/// The commands that only read a store, on one store of the examples.
#[test]
fn reading_commands_on_the_examples() {
    let w = Workdir::with_examples();
    stats_list_show(&w);
    queries(&w);
    exports(&w);
    render(&w);
}

fn stats_list_show(w: &Workdir) {
    w.snap("stats", &["stats"]);
    w.snap("stats_json", &["stats", "--format", "json"]);
    w.snap("list_projects", &["list", "project"]);
    w.snap("list_goals_json", &["list", "goal", "--format", "json"]);
    w.snap("list_unknown_kind", &["list", "gizmo"]);
    w.snap("show_project", &["show", "青山湖生态修复工程"]);
    w.snap(
        "show_goal_limited",
        &["show", "四大攻坚行动", "--limit", "2", "--evidence", "1"],
    );
    w.snap(
        "show_json",
        &["show", "白沙镇", "--format", "json", "--evidence", "2"],
    );
    w.snap("show_unknown", &["show", "没有这个节点"]);
}

fn queries(w: &Workdir) {
    // Two years of 临江区's reports: the 2021 promises with their outcomes.
    w.snap(
        "query_promises_gdp",
        &[
            "query",
            "promises",
            "--metric",
            "GDP",
            "--jurisdiction",
            "临江区",
        ],
    );
    w.snap(
        "query_promises_missed_csv",
        &[
            "query",
            "promises",
            "--outcome",
            "missed",
            "--format",
            "csv",
        ],
    );
    w.snap(
        "query_promises_unknown_metric",
        &["query", "promises", "--metric", "生产"],
    );
    w.snap(
        "query_targets_metric",
        &["query", "targets", "--metric", "地区生产总值"],
    );
    w.snap(
        "query_targets_csv_limited",
        &[
            "query", "targets", "--status", "target", "--limit", "5", "--format", "csv",
        ],
    );
    w.snap(
        "query_targets_district_json",
        &[
            "query",
            "targets",
            "--district",
            "白沙镇",
            "--limit",
            "2",
            "--format",
            "json",
        ],
    );
    w.snap("query_metric", &["query", "metric", "一般公共预算收入"]);
    w.snap("query_metric_unknown", &["query", "metric", "没有这个指标"]);
    w.snap(
        "query_serves_goal",
        &["query", "serves", "--goal", "四大攻坚行动"],
    );
    w.snap(
        "query_serves_limited",
        &["query", "serves", "--basis", "phrase", "--limit", "3"],
    );
    w.snap(
        "query_serves_unknown_goal",
        &["query", "serves", "--goal", "没有"],
    );
    w.snap("query_goals", &["query", "goals"]);
    w.snap(
        "query_path",
        &["query", "path", "青山湖生态修复工程", "区委"],
    );
    w.snap(
        "query_path_none",
        &["query", "path", "青山湖生态修复工程", "没有这个节点"],
    );
}

fn exports(w: &Workdir) {
    w.snap(
        "export_dot_goal",
        &["export", "dot", "--goal", "四大攻坚行动"],
    );
    w.snap(
        "export_json_focus",
        &["export", "json", "--focus", "白沙镇", "--depth", "1"],
    );
    w.snap(
        "export_graphml_goal",
        &[
            "export",
            "graphml",
            "--goal",
            "四大攻坚行动",
            "--kind",
            "goal,measure",
        ],
    );
    w.snap(
        "export_csv_to_folder",
        &["export", "csv", "--goal", "四大攻坚行动", "-o", "out/neo4j"],
    );
    w.snap(
        "export_csv_to_a_folder_with_files",
        &["export", "csv", "--goal", "四大攻坚行动", "-o", "out/neo4j"],
    );
    w.snap("export_csv_to_stdout", &["export", "csv"]);
    w.snap(
        "export_unknown_kind",
        &["export", "json", "--kind", "gizmo"],
    );
    w.snap(
        "export_unknown_focus",
        &["export", "dot", "--focus", "没有这个节点"],
    );
}

fn render(w: &Workdir) {
    w.snap(
        "render_goal_svg",
        &[
            "render",
            "--goal",
            "四大攻坚行动",
            "--engine",
            "builtin",
            "-o",
            "out/goal.svg",
        ],
    );
    w.snap(
        "render_doc_capped",
        &[
            "render",
            "--doc",
            "examples/linjiang_2021_work_report.txt",
            "--max-nodes",
            "20",
            "--engine",
            "builtin",
            "-o",
            "out/doc.svg",
        ],
    );
    w.snap(
        "render_goal_page",
        &["render", "--goal", "四大攻坚行动", "-o", "out/goal.html"],
    );
    w.snap(
        "render_whole_store",
        &["render", "--engine", "builtin", "-o", "out/all.svg"],
    );
    w.snap(
        "render_bad_extension",
        &["render", "--goal", "四大攻坚行动", "-o", "out/goal.jpg"],
    );
    w.snap(
        "render_pdf_without_graphviz",
        &[
            "render",
            "--goal",
            "四大攻坚行动",
            "--engine",
            "builtin",
            "-o",
            "out/goal.pdf",
        ],
    );
    w.snap(
        "render_unknown_goal",
        &["render", "--goal", "没有这个目标", "-o", "out/none.svg"],
    );
}

#[test]
fn remove_reindex_compact() {
    let w = Workdir::new();
    let o = w
        .ptkg(&["add", "-q", "--commit-every", "1", "examples"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    w.snap("compact", &["compact"]);
    w.snap(
        "remove",
        &["remove", "examples/linjiang_2021_work_report.txt"],
    );
    w.snap("remove_unknown", &["remove", "examples/nope.txt"]);
    w.snap("reindex", &["reindex", "--quiet"]);
    w.rules(
        "[[rule]]\nid = \"sector-smart-logistics\"\nkind = \"sector\"\ndescription = \"智慧物流作为一个产业。\"\nwords = [\"智慧物流\"]\nexamples = [{ text = \"发展智慧物流\", expect = [\"智慧物流\"] }]\n",
    );
    w.snap(
        "add_after_rules_changed",
        &["add", "-q", "--rules", "rules", "examples"],
    );
    w.snap(
        "reindex_with_new_rules",
        &["reindex", "-q", "--rules", "rules"],
    );
    // The store now matches the rules: no note any more.
    w.snap(
        "add_after_reindex",
        &["add", "-q", "--rules", "rules", "examples"],
    );
}

/// Issue 19: names resolve one way everywhere (exact, aliases, traditional
/// and full-width folded, --like for a part), with a suggestion and exit
/// code 1 when nothing matches.
#[test]
fn names_resolve_exactly_with_aliases_and_suggestions() {
    let w = Workdir::with_examples();
    w.snap(
        "name_alias_gdp",
        &["query", "metric", "gdp", "--year", "2021"],
    );
    w.snap(
        "name_alias_full_width",
        &[
            "query",
            "targets",
            "--metric",
            "ＧＤＰ",
            "--jurisdiction",
            "臨江區",
            "--year",
            "2022",
        ],
    );
    w.snap(
        "name_traditional_show",
        &["show", "四大攻堅行動", "--limit", "3", "--evidence", "1"],
    );
    w.snap(
        "name_traditional_serves",
        &[
            "query",
            "serves",
            "--goal",
            "四大攻堅行動",
            "--format",
            "csv",
        ],
    );
    w.snap(
        "name_suggestion_goal",
        &["query", "serves", "--goal", "四大攻坚"],
    );
    w.snap(
        "name_suggestion_metric",
        &["query", "metric", "地区生产总直"],
    );
    w.snap("name_suggestion_show", &["show", "青山湖生态修复"]);
    w.snap(
        "name_district_exact",
        &["query", "targets", "--district", "江区"],
    );
    w.snap(
        "name_like",
        &["query", "metric", "收入", "--like", "--format", "csv"],
    );
    w.snap(
        "name_path_traditional",
        &["query", "path", "青山湖生態修復工程", "區委"],
    );
    w.snap(
        "name_render_unknown_focus",
        // The engine is pinned: the snapshot is about the focus name, and
        // the automatic engine is dot only where Graphviz is installed.
        &[
            "render",
            "--focus",
            "临江",
            "--engine",
            "builtin",
            "-o",
            "out/x.svg",
        ],
    );
}

/// Issue 19: 0 rows printed, 1 nothing matched (one line on stderr), 2
/// errors, on several commands.
#[test]
fn exit_codes_are_the_same_for_every_command() {
    let w = Workdir::with_examples();
    w.snap("exit0_query_goals", &["query", "goals", "--format", "csv"]);
    w.snap(
        "exit1_targets_no_rows",
        &["query", "targets", "--metric", "GDP", "--year", "2030"],
    );
    w.snap(
        "exit1_targets_unknown_metric",
        &["query", "targets", "--metric", "nope"],
    );
    w.snap(
        "exit1_promises_outcome",
        &["query", "promises", "--year", "1999"],
    );
    w.snap("exit1_remove_unknown", &["remove", "没有这篇讲话"]);
    w.snap(
        "exit1_doc_unknown",
        &["query", "goals", "--doc", "no/such/speech.txt"],
    );
    w.snap(
        "exit2_bad_status",
        &["query", "targets", "--status", "hoped"],
    );
    w.snap(
        "exit2_query_missing_rules",
        &["query", "metric", "GDP", "--rules", "no-such-rules"],
    );
    w.snap("exit2_list_unknown_kind", &["list", "gizmo"]);
}

/// Issue 19: a bad --rules folder is an error (exit 2, one line naming it)
/// for every command that extracts.
#[test]
fn a_bad_rules_folder_stops_every_command_that_extracts() {
    let w = Workdir::with_examples();
    std::fs::write(w.path().join("a-file"), "not a folder").unwrap();
    let broken = w.path().join("broken");
    std::fs::create_dir(&broken).unwrap();
    std::fs::write(broken.join("mine.toml"), "[[rule]\nid = ").unwrap();
    for (name, rules) in [
        ("missing", "no-such-rules"),
        ("file", "a-file"),
        ("broken", "broken"),
    ] {
        for (cmd, args) in [
            ("add", &["add", "-q", "examples"][..]),
            ("reindex", &["reindex", "-q"]),
            ("extract", &["extract", "fixtures/traditional.txt"]),
            ("rules", &["rules", "check"]),
        ] {
            let mut all = args.to_vec();
            all.extend(["--rules", rules]);
            let out = w.ptkg(&all).output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{cmd} --rules {name}: {stderr}");
            assert!(stderr.contains(rules), "{cmd} --rules {name}: {stderr}");
            assert_eq!(
                stderr.trim_end().lines().count(),
                1,
                "{cmd} --rules {name}: {stderr}"
            );
        }
    }
    w.snap(
        "rules_folder_missing_add",
        &["add", "-q", "--rules", "no-such-rules", "examples"],
    );
    w.snap(
        "rules_folder_is_a_file_reindex",
        &["reindex", "-q", "--rules", "a-file"],
    );
    w.snap(
        "rules_folder_broken_extract",
        &["extract", "--rules", "broken", "fixtures/traditional.txt"],
    );
}

/// Issue 19: tables fit COLUMNS (every line at most that wide, in
/// display columns), the sentence elided around the figure; --wide prints
/// them whole.
#[test]
fn tables_fit_the_terminal() {
    let w = Workdir::with_examples();
    for columns in [80, 120] {
        let c = columns.to_string();
        w.snap_width(
            &format!("width{c}_query_metric"),
            columns,
            &["query", "metric", "地区生产总值"],
        );
        w.snap_width(
            &format!("width{c}_query_serves"),
            columns,
            &["query", "serves", "--goal", "四大攻坚行动"],
        );
        w.snap_width(
            &format!("width{c}_query_promises"),
            columns,
            &["query", "promises"],
        );
        w.snap_width(
            &format!("width{c}_list_speech"),
            columns,
            &["list", "speech"],
        );
        w.snap_width(
            &format!("width{c}_query_targets"),
            columns,
            &["query", "targets", "--status", "target", "--limit", "12"],
        );
    }
    // Elided around the figure: every row's figure is visible.
    let out = w
        .ptkg(&["query", "metric", "地区生产总值", "--format", "json"])
        .output()
        .unwrap();
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut cmd = w.ptkg(&["query", "metric", "地区生产总值"]);
    let table = String::from_utf8(cmd.env("COLUMNS", "80").output().unwrap().stdout).unwrap();
    for (row, line) in rows.as_array().unwrap().iter().zip(table.lines().skip(1)) {
        let figure = row["value_text"].as_str().unwrap().replace(' ', "");
        assert!(
            line.replace(' ', "").contains(&figure),
            "{figure} not in {line}"
        );
    }
    w.snap(
        "wide_query_metric",
        &["query", "metric", "地区生产总值", "--wide"],
    );
}

/// Issue 19: speeches are rows (id, title, date, jurisdiction, paths);
/// show, remove and --doc take an id, a path or a title; show prints the
/// outline with the facts under each heading, --text the text.
#[test]
fn speeches_are_rows() {
    let w = Workdir::with_examples();
    let o = w
        .ptkg(&["add", "-q", "fixtures/anonymised"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    w.snap("list_speech", &["list", "speech"]);
    // Another speech of the same title: the title names two.
    std::fs::create_dir(w.path().join("more")).unwrap();
    std::fs::write(
        w.path().join("more/same_title.txt"),
        "在全区冬季农业生产工作会议上的讲话\n\n一、春耕准备\n今年，全区计划新建机耕道20公里。\n",
    )
    .unwrap();
    let o = w.ptkg(&["add", "-q", "more"]).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    w.snap(
        "exit2_doc_ambiguous",
        &[
            "query",
            "targets",
            "--doc",
            "在全区冬季农业生产工作会议上的讲话",
        ],
    );
    w.snap(
        "exit1_doc_not_found",
        &["show", "在全区冬季农业会议上的讲话"],
    );
    let o = w.ptkg(&["remove", "more/same_title.txt"]).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    w.snap("list_speech_csv", &["list", "speech", "--format", "csv"]);
    w.snap("list_district_anonymised", &["list", "district"]);
    w.snap(
        "show_speech_by_path",
        &["show", "examples/qingshan_plenary_speech.txt"],
    );
    w.snap(
        "show_speech_by_title",
        &["show", "在全区冬季农业生产工作会议上的讲话"],
    );
    w.snap(
        "show_speech_text",
        &[
            "show",
            "fixtures/anonymised/hill_district_meeting.txt",
            "--text",
        ],
    );
    w.snap("show_anonymised", &["show", "XX区", "--evidence", "1"]);
    let json = w
        .ptkg(&["list", "speech", "--format", "json"])
        .output()
        .unwrap();
    let rows: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let id = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "在全区城市更新工作推进会议上的讲话")
        .map(|r| r["id"].as_str().unwrap().to_string())
        .unwrap();
    let by_id = w.ptkg(&["show", &id, "--format", "json"]).output().unwrap();
    assert!(by_id.status.success());
    let outline: serde_json::Value = serde_json::from_slice(&by_id.stdout).unwrap();
    assert_eq!(outline["title"], "在全区城市更新工作推进会议上的讲话");
    w.snap(
        "query_targets_doc_title",
        &[
            "query",
            "targets",
            "--doc",
            "在全区城市更新工作推进会议上的讲话",
        ],
    );
    w.snap(
        "query_targets_anonymised_jurisdiction",
        &[
            "query",
            "targets",
            "--jurisdiction",
            "XX区",
            "--format",
            "csv",
        ],
    );
    w.snap(
        "query_serves_doc",
        &[
            "query",
            "serves",
            "--doc",
            "examples/donghu_speech.html",
            "--limit",
            "3",
        ],
    );
    w.snap(
        "query_goals_doc",
        &[
            "query",
            "goals",
            "--doc",
            "examples/qingshan_plenary_speech.txt",
        ],
    );
    w.snap(
        "query_path_doc",
        &[
            "query",
            "path",
            "青山湖生态修复工程",
            "区委",
            "--doc",
            "examples/qingshan_plenary_speech.txt",
        ],
    );
    w.snap(
        "query_path_doc_elsewhere",
        &[
            "query",
            "path",
            "青山湖生态修复工程",
            "区委",
            "--doc",
            "examples/donghu_speech.html",
        ],
    );
    w.snap(
        "query_promises_doc",
        &[
            "query",
            "promises",
            "--doc",
            "examples/linjiang_2021_work_report.txt",
        ],
    );
    w.snap(
        "query_metric_doc_json",
        &[
            "query",
            "metric",
            "GDP",
            "--doc",
            "examples/linjiang_2022_work_report.txt",
            "--format",
            "json",
        ],
    );
    let removed = w.ptkg(&["remove", &id]).output().unwrap();
    assert_eq!(
        removed.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&removed.stderr)
    );
    w.snap(
        "remove_by_title",
        &["remove", "在全区冬季农业生产工作会议上的讲话"],
    );
}

/// Issue 19: --format csv and json on each query, the same fields as the
/// table.
#[test]
fn every_query_prints_csv_and_json() {
    let w = Workdir::with_examples();
    let queries: &[&[&str]] = &[
        &["query", "targets", "--metric", "GDP", "--year", "2021"],
        &["query", "serves", "--goal", "四大攻坚行动"],
        &["query", "goals"],
        &["query", "path", "青山湖生态修复工程", "区委"],
        &["query", "promises", "--metric", "GDP"],
        &["query", "metric", "一般公共预算收入"],
        &["list", "goal"],
    ];
    for q in queries {
        for format in ["csv", "json"] {
            let mut args = q.to_vec();
            args.extend(["--format", format]);
            let name = format!("format_{}_{}", q[..2].join("_"), format);
            w.snap(&name, &args);
        }
        // The CSV header is the table's header.
        let mut wide = q.to_vec();
        wide.push("--wide");
        let table = String::from_utf8(w.ptkg(&wide).output().unwrap().stdout).unwrap();
        let mut args = q.to_vec();
        args.extend(["--format", "csv"]);
        let csv = String::from_utf8(w.ptkg(&args).output().unwrap().stdout).unwrap();
        let head = |s: &str| -> Vec<String> {
            s.lines()
                .next()
                .unwrap_or("")
                .split([' ', ','])
                .filter(|c| !c.is_empty())
                .map(String::from)
                .collect()
        };
        assert_eq!(head(&table), head(&csv), "{q:?}");
    }
}

/// Issue 19: every subcommand's --help (found by walking the Commands
/// sections from the top) has an Examples section, and every argument and
/// option in it has help text.
#[test]
fn help_walk_every_argument_has_help_and_every_command_examples() {
    let w = Workdir::new();
    let mut queue: Vec<Vec<String>> = vec![Vec::new()];
    let mut seen = 0;
    while let Some(path) = queue.pop() {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        let out = w.ptkg(&args).output().unwrap();
        assert!(out.status.success(), "{path:?}");
        let help = String::from_utf8(out.stdout).unwrap();
        seen += 1;
        assert!(
            help.contains("Example"),
            "`ptkg {}` has no Examples",
            path.join(" ")
        );
        let lines: Vec<&str> = help.lines().collect();
        let mut section = "";
        for (i, line) in lines.iter().enumerate() {
            if !line.starts_with(' ') && line.ends_with(':') {
                section = line;
                continue;
            }
            if line.trim().is_empty() || !line.starts_with("  ") || line.starts_with("   ") {
                continue;
            }
            match section {
                "Commands:" => {
                    let name = line.split_whitespace().next().unwrap();
                    if name != "help" {
                        let mut sub = path.clone();
                        sub.push(name.to_string());
                        queue.push(sub);
                    }
                }
                "Arguments:" | "Options:" => {
                    // Text on the same line after two spaces, or on the
                    // next, indented further.
                    let same_line = line.trim().contains("  ");
                    let next = lines.get(i + 1).copied().unwrap_or("");
                    let below = next.starts_with("   ") && !next.trim().is_empty();
                    assert!(
                        same_line || below,
                        "`ptkg {} --help`: {} has no help text",
                        path.join(" "),
                        line.trim()
                    );
                }
                _ => {}
            }
        }
    }
    assert!(seen >= 27, "walked {seen} commands");
}

/// `repair` as a user meets it: on a sound store, on one whose sled files
/// were deleted (after every command refused it), on one with a damaged
/// run file (a document lost, named, with the `add` that brings it back),
/// and on a folder that is no store.
#[test]
fn repair_messages() {
    let w = Workdir::new();
    for f in ["linjiang_2021_work_report.txt", "donghu_speech.html"] {
        let file = format!("examples/{f}");
        let o = w.ptkg(&["add", "--quiet", &file]).output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let db = w.path().join("db");
    // Runs 1 (texts and books) and 2 (index) of the first add, 3 and 4 of
    // the second: run 3 held the second document.
    let run = db.join("runs/run-00000003.ptkg");
    let mut bytes = std::fs::read(&run).unwrap();
    let at = bytes.len() / 2;
    bytes[at] ^= 0x5a;
    std::fs::write(&run, bytes).unwrap();
    w.snap("verify_damaged_run", &["verify"]);
    w.snap("repair_damaged_run", &["repair"]);
    w.snap("verify_after_repair", &["verify"]);
    w.snap("repair_sound", &["repair"]);
    for f in ["db", "conf", "blobs"] {
        let p = db.join(f);
        if p.is_dir() {
            std::fs::remove_dir_all(p).unwrap();
        } else {
            std::fs::remove_file(p).unwrap();
        }
    }
    for e in std::fs::read_dir(&db).unwrap().flatten() {
        if e.file_name().to_string_lossy().starts_with("snap.") {
            std::fs::remove_file(e.path()).unwrap();
        }
    }
    w.snap("stats_sled_deleted", &["stats"]);
    w.snap(
        "add_sled_deleted",
        &["add", "examples/qingshan_plenary_speech.txt"],
    );
    w.snap("verify_sled_deleted", &["verify"]);
    w.snap("repair_sled_deleted", &["repair"]);

    let other = Workdir::new();
    std::fs::create_dir(other.path().join("db")).unwrap();
    std::fs::write(other.path().join("db/notes.txt"), "mine").unwrap();
    other.snap("repair_not_a_store", &["repair"]);
}
