//! Structure and normalisation on fixtures written for the purpose: headings
//! with their levels (including headings that lost their line break in PDF
//! text), titles, encodings, traditional characters and full-width forms.

use crate::common;

use ptkg::{CompiledRuleSet, Pipeline};

#[derive(serde::Deserialize)]
struct Expected {
    #[serde(default)]
    document_title: Option<String>,
    heading: Vec<Heading>,
}

#[derive(serde::Deserialize)]
struct Heading {
    level: u8,
    number: String,
    title: String,
}

fn pipeline() -> Pipeline {
    Pipeline::new(CompiledRuleSet::defaults().unwrap())
}

fn bare_number(n: &str) -> String {
    n.trim_matches(|c| matches!(c, '（' | '）' | '(' | ')'))
        .to_string()
}

/// Heading text as the matching view shows it (full-width punctuation folded).
fn folded(s: &str) -> String {
    ptkg::document::NormText::new(s).text
}

fn check_headings(fixture: &str, expected: &str) {
    let (_, _, ex) = pipeline().extract_file(&common::fixture(fixture)).unwrap();
    let want: Expected =
        toml::from_str(&std::fs::read_to_string(common::fixture(expected)).unwrap()).unwrap();
    let got: Vec<(u8, String, String)> = ex
        .sections
        .iter()
        .map(|s| (s.level, s.number.clone(), s.title.clone()))
        .collect();
    let want_h: Vec<(u8, String, String)> = want
        .heading
        .iter()
        .map(|h| (h.level, bare_number(&h.number), folded(&h.title)))
        .collect();
    assert_eq!(got, want_h, "{fixture}");
    if let Some(title) = want.document_title {
        assert_eq!(ex.document.title, title);
    }
    // Section spans point into the original text at the heading.
    let original = ptkg::document::read_file(&common::fixture(fixture))
        .unwrap()
        .text;
    let chars: Vec<char> = original.chars().collect();
    for s in &ex.sections {
        let at: String = chars[s.start..s.end].iter().collect();
        let first = s.number.chars().next().unwrap();
        assert!(
            at.contains(first),
            "section span {}..{} starts {at:?}",
            s.start,
            s.end
        );
    }
}

#[test]
fn headings_that_lost_their_line_break_are_found() {
    check_headings("inline_headings.txt", "inline_headings.expected.toml");
}

#[test]
fn clean_outline_levels_numbers_and_titles() {
    check_headings("structure.txt", "structure.expected.toml");
}

#[test]
fn every_encoding_decodes_to_the_same_text() {
    let reference = ptkg::document::read_file(&common::fixture("encoding/utf8.txt"))
        .unwrap()
        .text;
    for name in [
        "utf8_bom.txt",
        "gbk.txt",
        "utf16le_bom.txt",
        "utf16be_bom.txt",
        "utf16le_nobom.txt",
    ] {
        let got = ptkg::document::read_file(&common::fixture(&format!("encoding/{name}"))).unwrap();
        assert_eq!(
            got.text.trim(),
            reference.trim(),
            "{name} decoded as {:?}",
            got.encoding
        );
    }
    let gb = ptkg::document::read_file(&common::fixture("encoding/gb18030.txt")).unwrap();
    assert!(gb.text.contains('㐀'), "GB18030-only character lost");
    assert!(gb.text.starts_with(reference.trim()));
}

#[test]
fn traditional_text_yields_simplified_names_with_original_spans() {
    let (_, _, ex) = pipeline()
        .extract_file(&common::fixture("traditional.txt"))
        .unwrap();
    let names: Vec<&str> = ex.entities.iter().map(|e| &*e.name).collect();
    for want in [
        "临江区",
        "青山区",
        "临江智慧物流产业园",
        "青山湖生态修复工程",
        "市委",
        "市政府",
        "智能制造",
    ] {
        assert!(names.contains(&want), "{want} not in {names:?}");
    }
    let e = ex
        .entities
        .iter()
        .find(|e| &*e.name == "临江智慧物流产业园")
        .unwrap();
    assert_eq!(
        e.text, "臨江智慧物流產業園",
        "evidence quotes the original text"
    );
    assert!(e.provenance.sentence.contains("臨江智慧物流產業園"));
}

#[test]
fn full_width_forms_match_as_ascii() {
    let (_, _, ex) = pipeline()
        .extract_file(&common::fixture("fullwidth.txt"))
        .unwrap();
    let e = ex
        .entities
        .iter()
        .find(|e| &*e.name == "XX区")
        .expect("ＸＸ区 found as XX区");
    assert_eq!(e.text, "ＸＸ区");
}

#[test]
fn html_boilerplate_is_dropped_by_rules() {
    let (_, _, ex) = pipeline()
        .extract_file(&common::fixture("boilerplate.html"))
        .unwrap();
    let all: String = ex
        .entities
        .iter()
        .map(|e| &*e.provenance.sentence)
        .collect();
    for junk in ["微信扫码", "上一篇", "浏览次数", "版权所有"] {
        assert!(!all.contains(junk), "{junk} survived in evidence");
    }
    assert!(!ex.entities.is_empty());
}

#[test]
fn bad_inputs_are_refused_with_a_reason() {
    for (name, reason) in [
        ("empty.txt", "empty"),
        ("blank.txt", "empty"),
        ("binary.txt", "binary"),
        ("undecodable.txt", "re-save it as UTF-8"),
    ] {
        let err = ptkg::document::read_file(&common::fixture(name))
            .unwrap_err()
            .to_string();
        assert!(err.contains(name), "{err}");
        assert!(err.contains(reason), "{name}: {err}");
    }
}

#[test]
fn a_text_that_is_no_speech_gets_a_warning() {
    let (_, _, ex) = pipeline()
        .extract_file(&common::fixture("not_speech.txt"))
        .unwrap();
    assert!(
        ex.warnings.iter().any(|w| w.contains("does not read like")),
        "{:?}",
        ex.warnings
    );
    for speech in ["structure.txt", "inline_headings.txt", "traditional.txt"] {
        let (_, _, ex) = pipeline().extract_file(&common::fixture(speech)).unwrap();
        assert!(ex.warnings.is_empty(), "{speech}: {:?}", ex.warnings);
    }
}

#[test]
fn corpus_inline_headings_of_the_pdf_speech_are_found() {
    let Some(corpus) = common::corpus_dir() else {
        return;
    };
    let (_, _, ex) = pipeline()
        .extract_file(&corpus.join("001_77d8f3c9a3dd5a67.txt"))
        .unwrap();
    let top: Vec<&str> = ex
        .sections
        .iter()
        .filter(|s| s.level == 1)
        .map(|s| s.number.as_str())
        .collect();
    assert_eq!(top, ["第一句话", "第二句话", "第三句话"]);
    let items: Vec<&str> = ex
        .sections
        .iter()
        .filter(|s| s.level == 2)
        .map(|s| s.number.as_str())
        .collect();
    assert_eq!(items, ["1", "2", "3", "4", "5", "6", "7", "8"]);
    // Every heading lost its line break in the file: none starts a line.
    let original = std::fs::read_to_string(corpus.join("001_77d8f3c9a3dd5a67.txt")).unwrap();
    let chars: Vec<char> = original.chars().collect();
    for s in &ex.sections {
        assert!(
            s.start > 0 && chars[s.start - 1] != '\n',
            "{} starts a line",
            s.number
        );
    }
}

#[test]
fn a_page_title_after_its_menu_is_the_title() {
    let text = "范文网\n首页\n工作报告\n领导讲话\n当前位置:首页 > 领导讲话\n在柳河县2023年项目建设推进会上的讲话\n同志们:今年以来,全县项目建设势头良好。\n";
    let ex = pipeline().extract_text("page.txt", "0", text);
    assert_eq!(ex.document.title, "在柳河县2023年项目建设推进会上的讲话");
    assert_eq!(ex.document.date.as_deref(), Some("2023"));
    assert_eq!(ex.document.jurisdiction.as_deref(), Some("柳河县"));
}
