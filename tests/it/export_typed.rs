//! Exports for Neo4j and Gephi: node ids are a function of kind and key
//! (two stores built from different sets and orders of the examples give
//! every node they share the same id), every GraphML key declares its
//! `attr.type` and every value parses as that type, the Neo4j CSV headers
//! carry the types and every typed cell parses, and the properties README
//! lists are there: targets' figures, serves weight and speeches, mention
//! counts, each edge's evidence, `member` as the member edges' basis.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crate::common::{example, ptkg, stderr};

fn add(db: &Path, files: &[&str]) {
    for f in files {
        let o = ptkg(db, &["add", "-q", example(f).to_str().unwrap()]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
}

fn export_json(db: &Path) -> serde_json::Value {
    let o = ptkg(db, &["export", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_slice(&o.stdout).unwrap()
}

/// (kind, key) → id.
fn ids(json: &serde_json::Value) -> BTreeMap<(String, String), String> {
    json["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            let k = (
                n["kind"].as_str().unwrap().to_string(),
                n["key"].as_str().unwrap().to_string(),
            );
            (k, n["id"].as_str().unwrap().to_string())
        })
        .collect()
}

#[test]
fn stores_of_different_sets_and_orders_give_shared_nodes_the_same_id() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    add(
        &a,
        &[
            "linjiang_2021_work_report.txt",
            "donghu_speech.html",
            "qingshan_plenary_speech.txt",
        ],
    );
    add(
        &b,
        &[
            "qingshan_plenary_speech.txt",
            "baisha_town_report_gbk.txt",
            "linjiang_2022_work_report.txt",
            "linjiang_2021_work_report.txt",
        ],
    );
    let (ia, ib) = (ids(&export_json(&a)), ids(&export_json(&b)));
    let shared: Vec<_> = ia.keys().filter(|k| ib.contains_key(*k)).collect();
    assert!(
        shared.len() > 100,
        "the stores share {} nodes",
        shared.len()
    );
    for k in shared {
        assert_eq!(ia[k], ib[k], "{k:?}");
    }
    // Ids are unique, and none is used twice for different nodes.
    let mut seen = HashMap::new();
    for (k, id) in ia.iter().chain(ib.iter()) {
        assert_eq!(seen.entry(id.clone()).or_insert(k.clone()), k, "{id}");
    }
}

/// A store of every example.
fn examples_store(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("db");
    let o = ptkg(&db, &["add", "-q", example("").to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    db
}

fn parses_as(ty: &str, text: &str) -> bool {
    match ty {
        "int" => text.parse::<i64>().is_ok(),
        "double" => text.parse::<f64>().is_ok(),
        "boolean" => text.parse::<bool>().is_ok(),
        _ => true,
    }
}

#[test]
fn graphml_declares_a_type_for_every_key_and_its_values_have_it() {
    let tmp = tempfile::tempdir().unwrap();
    let db = examples_store(tmp.path());
    let o = ptkg(&db, &["export", "graphml"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = String::from_utf8(o.stdout).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap();
    let mut types = HashMap::new();
    for key in doc.descendants().filter(|n| n.has_tag_name("key")) {
        let ty = key.attribute("attr.type").expect("every key has attr.type");
        assert!(["string", "int", "double", "boolean"].contains(&ty), "{ty}");
        types.insert(key.attribute("id").unwrap().to_string(), ty.to_string());
    }
    assert_eq!(types["label"], "string");
    for (key, ty) in [
        ("n_value", "double"),
        ("n_year", "int"),
        ("n_mentions", "int"),
        ("e_weight", "double"),
        ("e_speeches", "int"),
    ] {
        assert_eq!(types[key], ty, "{key}");
    }
    let mut counts: HashMap<String, usize> = HashMap::new();
    for data in doc.descendants().filter(|n| n.has_tag_name("data")) {
        let key = data.attribute("key").unwrap();
        let ty = types
            .get(key)
            .unwrap_or_else(|| panic!("undeclared key {key}"));
        let value = data.text().unwrap_or("");
        assert!(parses_as(ty, value), "{key} = {value:?} is no {ty}");
        *counts.entry(key.to_string()).or_default() += 1;
    }
    for key in [
        "label",
        "n_value",
        "n_unit",
        "n_status",
        "n_year",
        "n_signed_value",
        "n_mentions",
        "e_basis",
        "e_weight",
        "e_speeches",
        "e_evidence",
        "e_document",
    ] {
        assert!(
            counts.get(key).is_some_and(|n| *n > 0),
            "no {key} in the GraphML"
        );
    }
    let nodes = doc.descendants().filter(|n| n.has_tag_name("node")).count();
    assert_eq!(counts["label"], nodes, "every node has a label");
}

#[test]
fn neo4j_csv_headers_carry_types_and_every_property() {
    let tmp = tempfile::tempdir().unwrap();
    let db = examples_store(tmp.path());
    let dir = tmp.path().join("csv");
    let o = ptkg(&db, &["export", "csv", "-o", dir.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let read = |file: &str| {
        let mut r = csv::Reader::from_path(dir.join(file)).unwrap();
        let headers: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
        let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
        (headers, rows)
    };
    let (nh, nodes) = read("nodes.csv");
    for h in [
        "id:ID",
        ":LABEL",
        "name",
        "mentions:int",
        "value:double",
        "value_max:double",
        "unit",
        "change",
        "qualifier",
        "status",
        "year:int",
        "period",
        "direction",
        "signed_value:double",
        "jurisdiction",
        "about:string[]",
        "redacted:boolean",
    ] {
        assert!(nh.iter().any(|x| x == h), "nodes.csv has no {h}: {nh:?}");
    }
    let (eh, edges) = read("relationships.csv");
    assert_eq!(
        eh,
        [
            ":START_ID",
            ":END_ID",
            ":TYPE",
            "basis",
            "weight:double",
            "speeches:int",
            "evidence",
            "document"
        ]
    );
    for (headers, rows) in [(&nh, &nodes), (&eh, &edges)] {
        for row in rows.iter() {
            for (h, v) in headers.iter().zip(row.iter()) {
                let ty = h.rsplit_once(':').map_or("string", |(_, t)| t);
                assert!(v.is_empty() || parses_as(ty, v), "{h} = {v:?}");
            }
        }
    }
    let col = |headers: &[String], name: &str| headers.iter().position(|h| h == name).unwrap();
    // Every target has its status and unit; the figures that have a value
    // have it typed.
    let (label, status) = (col(&nh, ":LABEL"), col(&nh, "status"));
    let targets: Vec<_> = nodes.iter().filter(|r| &r[label] == "Target").collect();
    assert!(!targets.is_empty());
    assert!(targets.iter().all(|r| !r[status].is_empty()));
    assert!(targets
        .iter()
        .any(|r| !r[col(&nh, "value:double")].is_empty()));
    assert!(targets.iter().any(|r| !r[col(&nh, "year:int")].is_empty()));
    // Member edges show `member`, as `query serves` does; serves and member
    // edges have a weight and every edge its speeches and evidence.
    let (ty, basis, weight) = (
        col(&eh, ":TYPE"),
        col(&eh, "basis"),
        col(&eh, "weight:double"),
    );
    let members: Vec<_> = edges.iter().filter(|r| &r[ty] == "MEMBER_OF").collect();
    assert!(!members.is_empty());
    assert!(members.iter().all(|r| &r[basis] == "member"));
    for r in edges.iter() {
        let weighted = matches!(&r[ty], "SERVES" | "MEMBER_OF");
        assert_eq!(!r[weight].is_empty(), weighted, "{r:?}");
        assert!(!r[col(&eh, "speeches:int")].is_empty(), "{r:?}");
        assert!(!r[col(&eh, "evidence")].is_empty(), "{r:?}");
    }
}
