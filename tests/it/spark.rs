//! The Spark recipe (`examples/spark/ptkg_extract.py`) end to end: PySpark
//! (local[2]) reads the examples (and ../shared/corpus when present) as bytes and pipes them through `ptkg
//! extract --stdin --with-text`; its output loaded with `add --from-jsonl`
//! gives the store `add` of the same folder gives (JSON and Neo4j CSV
//! exports byte for byte). Skips with a message where python3 with
//! `pyspark` or Java is missing (`pip install pyspark`; Java 17).

use std::path::Path;
use std::process::Command;

use crate::common::{example, ptkg, stderr};

fn spark_available() -> bool {
    let python = Command::new("python3")
        .args(["-c", "import pyspark"])
        .output()
        .is_ok_and(|o| o.status.success());
    let java = Command::new("java")
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success());
    python && java
}

fn exports(db: &Path, dir: &Path) -> Vec<Vec<u8>> {
    let json = ptkg(db, &["export", "json"]);
    assert!(json.status.success(), "{}", stderr(&json));
    let csv = dir.join("csv");
    let o = ptkg(db, &["export", "csv", "-o", csv.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let read = |f: &str| std::fs::read(csv.join(f)).unwrap();
    vec![json.stdout, read("nodes.csv"), read("relationships.csv")]
}

#[test]
fn the_spark_recipes_output_loads_into_the_store_add_builds() {
    if !spark_available() {
        eprintln!("skipped: python3 with pyspark, or java, is not installed (pip install pyspark)");
        return;
    }
    spark_then_import_equals_add(&example(""));
    match crate::common::corpus_dir() {
        Some(corpus) => spark_then_import_equals_add(&corpus),
        None => {
            eprintln!("note: ../shared/corpus is absent; the Spark recipe ran on the examples only")
        }
    }
}

/// Runs the recipe on `folder`, loads its output, and compares the exports
/// with those of `add` of the folder.
fn spark_then_import_equals_add(folder: &Path) {
    // Spark names files by their absolute, normalised path (no `..`): `add`
    // is given the same form, so both stores name documents alike.
    let folder = &std::fs::canonicalize(folder).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tmp.path().join("records");
    let o = Command::new("python3")
        .arg(root.join("examples/spark/ptkg_extract.py"))
        .arg(folder)
        .arg(&out)
        .arg(env!("CARGO_BIN_EXE_ptkg"))
        .env("PYSPARK_SUBMIT_ARGS", "--master local[2] pyspark-shell")
        .env_remove("PTKG_RULES")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut parts: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("part-")
        })
        .collect();
    parts.sort();
    let mut records = Vec::new();
    for p in &parts {
        records.extend(std::fs::read(p).unwrap());
    }

    let spark_db = tmp.path().join("spark.db");
    let o = crate::common::ptkg_with_stdin(&spark_db, &["add", "-q", "--from-jsonl", "-"], records);
    assert!(o.status.success(), "{}", stderr(&o));

    let add_db = tmp.path().join("add.db");
    let o = ptkg(&add_db, &["add", "-q", folder.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    let (from_spark, from_add) = (exports(&spark_db, &a), exports(&add_db, &b));
    for (i, name) in ["export json", "nodes.csv", "relationships.csv"]
        .iter()
        .enumerate()
    {
        assert!(
            from_spark[i] == from_add[i],
            "{name} differs for {}",
            folder.display()
        );
    }
}
