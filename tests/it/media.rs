//! PDF and Word input (issue 19, item 6): a PDF and a .docx copy of a
//! bundled example give the same targets and entities as its text; scanned,
//! broken and unsupported files fail with one line naming the file, and are
//! counted failed. The fixtures are made by scripts/fixtures/make_pdf_docx.py.

use std::collections::BTreeSet;

use super::common::{example, fixture, ptkg, stderr, stdout};

fn media(name: &str) -> std::path::PathBuf {
    fixture(&format!("media/{name}"))
}

/// Targets (metric, value, unit, change, qualifier, status, year, sentence
/// without spaces) and entities (kind, name) of one extract record, offsets
/// left out.
fn facts(path: &std::path::Path) -> (BTreeSet<String>, BTreeSet<String>) {
    let db = tempfile::tempdir().unwrap();
    let out = ptkg(
        &db.path().join("db"),
        &["extract", path.to_str().unwrap(), "--format", "json"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let record: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    let field = |v: &serde_json::Value, k: &str| v[k].to_string();
    let targets = record["targets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            let keys = [
                "metric",
                "value",
                "unit",
                "change",
                "qualifier",
                "status",
                "year",
            ];
            let mut row: Vec<String> = keys.iter().map(|k| field(t, k)).collect();
            row.push(t["sentence"].as_str().unwrap().split_whitespace().collect());
            row.join("|")
        })
        .collect();
    let entities = record["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| format!("{}|{}", field(e, "kind"), field(e, "name")))
        .collect();
    (targets, entities)
}

#[test]
fn pdf_and_docx_copies_give_the_facts_of_the_text() {
    let (targets, entities) = facts(&example("linjiang_2021_work_report.txt"));
    assert!(targets.len() > 10, "{targets:?}");
    for copy in ["linjiang_2021.pdf", "linjiang_2021.docx"] {
        let (t, e) = facts(&media(copy));
        assert_eq!(t, targets, "targets of {copy}");
        assert_eq!(e, entities, "entities of {copy}");
    }
}

#[test]
fn pdf_page_headers_and_numbers_are_dropped() {
    let source = ptkg::document::read_file(&media("linjiang_2021.pdf")).unwrap();
    assert!(
        !source.text.contains("临江区人民政府文件"),
        "{}",
        source.text
    );
    assert!(!source.text.lines().any(|l| l.trim() == "- 2 -"));
    // The hard-wrapped lines are kept in the text and joined in the view.
    assert!(source.text.lines().count() > 50);
    let view = ptkg::document::NormText::new(&source.text);
    std::fs::write("/tmp/m19/pdf.txt", &source.text).ok();
    let sentence = ptkg::document::NormText::new(
        "全年实现地区生产总值486.3亿元，增长4.1%；一般公共预算收入32.6亿元",
    );
    assert!(view.text.contains(&sentence.text), "{}", view.text);
}

#[test]
fn docx_tables_give_one_line_per_cell() {
    let source = ptkg::document::read_file(&media("table.docx")).unwrap();
    let lines: Vec<&str> = source.text.lines().collect();
    assert_eq!(lines[0], "一、主要指标");
    assert!(lines.contains(&"地区生产总值"), "{lines:?}");
    assert!(lines.contains(&"增长6%左右"), "{lines:?}");
}

/// One warning line naming the file and saying what to do; counted failed.
fn fails_with(name: &str, says: &str) {
    let db = tempfile::tempdir().unwrap();
    let path = media(name);
    let out = ptkg(&db.path().join("db"), &["add", path.to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    let line = err
        .lines()
        .find(|l| l.contains(name))
        .unwrap_or_else(|| panic!("no line names {name}: {err}"));
    assert!(line.contains(says), "{line}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(stdout(&out).contains("failed 1"), "{}", stdout(&out));
}

#[test]
fn scanned_pdf_says_it_has_no_text_layer() {
    fails_with(
        "scanned.pdf",
        "scanned.pdf: no text layer (a scanned PDF?); run OCR first",
    );
}

#[test]
fn broken_pdf_and_docx_fail_in_one_line() {
    fails_with("broken.pdf", "not a readable PDF");
    fails_with("broken.docx", "not a readable Word document");
}

/// A CJK font the PDF does not embed, in a predefined CMap (UniGB-UCS2-H,
/// as reportlab's STSong-Light writes): pdf-extract cannot map it back to
/// text, and says so instead of crashing.
#[test]
fn unembedded_cid_font_fails_cleanly() {
    fails_with(
        "linjiang_2021_cid.pdf",
        "not a readable PDF (unsupported encoding",
    );
}

#[test]
fn folders_take_pdf_and_docx_and_count_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["linjiang_2021.pdf", "table.docx"] {
        std::fs::copy(media(name), dir.path().join(name)).unwrap();
    }
    std::fs::write(dir.path().join("notes.xlsx"), b"x").unwrap();
    std::fs::write(dir.path().join("old.doc"), b"x").unwrap();
    let db = tempfile::tempdir().unwrap();
    let out = ptkg(
        &db.path().join("db"),
        &["add", dir.path().to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("added 2"), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("skipped 2 file(s) that are not .txt, .md, .html, .pdf or .docx"),
        "{}",
        stderr(&out)
    );
    // The store keeps the extracted text: evidence quotes it.
    let shown = ptkg(&db.path().join("db"), &["show", "临江智慧物流产业园一期"]);
    assert!(shown.status.success(), "{}", stderr(&shown));
    assert!(
        stdout(&shown).contains("linjiang_2021.pdf"),
        "{}",
        stdout(&shown)
    );
}
