//! Every export parses whatever a speech held: a speech full of characters
//! that formats treat specially (quotes, backslash, < > &, `</script>`,
//! `<!--`, `]]>`, control characters XML forbids, a tab) goes into a store,
//! and GraphML and SVG go through an XML parser, JSON through serde_json,
//! the Neo4j CSV through a CSV reader, DOT through Graphviz (where
//! installed) and the HTML page's embedded data through a JSON parser.

use std::process::{Command, Output};

use crate::common::ptkg;

/// A speech written for this test: its headings, names and sentences hold
/// the characters each format must escape.
const SPEECH: &str = "在临江区推进“<江>&港\"区\\”建设会议上的讲话\n\
一、推进“<江>&港\"区\\”</script><!--建设\n\
全区要推动高质量发展，加快建设\u{b}临江]]>智慧\u{1b}物流产业园，力争全年地区生产总值增长7%左右。\n\
二、抓好'单引号'与\u{c}控制\u{1}字符\t的项目\n\
围绕高质量发展，推进<b>滨江</b>&amp;数字经济产业园建设，新增就业1200人。\n";

fn ok(o: &Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn xml_parses(what: &str, text: &str) {
    // Graphviz's SVG declares the SVG DTD; the parser only needs to allow it.
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    if let Err(e) = roxmltree::Document::parse_with_options(text, options) {
        panic!("{what} is not XML: {e}");
    }
}

#[test]
fn every_export_of_a_speech_full_of_special_characters_parses() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    let speech = tmp.path().join("special.txt");
    std::fs::write(&speech, SPEECH).unwrap();
    ok(&ptkg(&db, &["add", "-q", speech.to_str().unwrap()]));

    let graphml = ok(&ptkg(&db, &["export", "graphml"]));
    xml_parses("GraphML", &graphml);
    assert!(
        graphml.contains("&lt;江&gt;&amp;港&quot;区"),
        "names are escaped, not dropped"
    );

    let json: serde_json::Value =
        serde_json::from_str(&ok(&ptkg(&db, &["export", "json"]))).unwrap();
    assert!(json["nodes"].as_array().is_some_and(|n| !n.is_empty()));

    let csv_dir = tmp.path().join("csv");
    ok(&ptkg(
        &db,
        &["export", "csv", "-o", csv_dir.to_str().unwrap()],
    ));
    for file in ["nodes.csv", "relationships.csv"] {
        let mut reader = csv::Reader::from_path(csv_dir.join(file)).unwrap();
        let columns = reader.headers().unwrap().len();
        for record in reader.records() {
            let record = record.unwrap_or_else(|e| panic!("{file}: {e}"));
            assert_eq!(record.len(), columns, "{file}: {record:?}");
        }
    }

    let svg = tmp.path().join("builtin.svg");
    let svg_path = svg.to_str().unwrap();
    ok(&ptkg(
        &db,
        &["render", "--engine", "builtin", "-o", svg_path],
    ));
    xml_parses("the builtin SVG", &std::fs::read_to_string(&svg).unwrap());

    let page = tmp.path().join("graph.html");
    ok(&ptkg(
        &db,
        &[
            "render",
            "--engine",
            "builtin",
            "-o",
            page.to_str().unwrap(),
        ],
    ));
    let html = std::fs::read_to_string(&page).unwrap();
    let open = "<script id=\"graph-data\" type=\"application/json\">";
    let data = &html[html.find(open).unwrap() + open.len()..];
    let data = &data[..data.find("</script>").unwrap()];
    assert!(!data.contains('<'), "no < inside the data element");
    let data: serde_json::Value = serde_json::from_str(data).unwrap();
    assert!(
        data.to_string().contains("</script><!--"),
        "the data keeps the text"
    );
    // Exactly the page's own two scripts: the speech opened none.
    assert_eq!(html.matches("<script").count(), 2);

    let dot = ok(&ptkg(&db, &["export", "dot"]));
    let graphviz = Command::new("dot")
        .arg("-Tsvg")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn();
    let Ok(mut graphviz) = graphviz else {
        eprintln!("skipped the Graphviz part: dot is not installed (apt-get install graphviz)");
        return;
    };
    use std::io::Write;
    graphviz
        .stdin
        .take()
        .unwrap()
        .write_all(dot.as_bytes())
        .unwrap();
    let out = graphviz.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "dot refused the DOT: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    xml_parses("Graphviz's SVG", &String::from_utf8(out.stdout).unwrap());
    let svg = tmp.path().join("graphviz.svg");
    ok(&ptkg(
        &db,
        &["render", "--engine", "dot", "-o", svg.to_str().unwrap()],
    ));
    xml_parses("the rendered SVG", &std::fs::read_to_string(&svg).unwrap());
}
