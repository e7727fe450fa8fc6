//! `ptkg repair`: rebuilds the store's database (sled's rows) from the
//! documents' texts and books in its checksummed run files through
//! [`ptkg::Store::repair`], and prints what it did: one line when nothing
//! was lost, else one line per lost document and the `ptkg add` that
//! brings them back.

use anyhow::Result;
use ptkg::store::RepairReport;
use ptkg::Store;

use super::output::{print, progress};
use super::Cli;

/// Exit 0 when the repaired store holds every document, 1 when some were
/// lost (each named), 2 on errors (as every command).
pub fn run(cli: &Cli, quiet: bool) -> Result<i32> {
    let pb = progress(0, quiet);
    let report = Store::repair(&cli.db, &mut |done, total, path| {
        pb.set_length(total as u64);
        pb.set_position(done as u64);
        pb.set_message(path.to_string());
    })?;
    pb.finish_and_clear();
    for r in &report.damaged_runs {
        let kept = r
            .kept_at
            .as_ref()
            .map(|p| format!("; a copy is kept as {}", p.display()))
            .unwrap_or_default();
        let held = if r.documents {
            "it held documents' texts and books"
        } else {
            "its entries were rebuilt from the documents' books"
        };
        eprintln!("ptkg: warning: {}: left out, {held}{kept}", r.why);
    }
    if let (Some(why), Some(to)) = (&report.from_snapshot, &report.sled_moved_to) {
        eprintln!(
            "ptkg: note: {why}: rows rebuilt from the published snapshot; the database's files were moved to {}",
            to.display()
        );
    } else if let Some(why) = &report.from_snapshot {
        eprintln!("ptkg: note: {why}: rows rebuilt from the published snapshot");
    }
    if let Some((n, to)) = &report.unnamed_runs {
        eprintln!(
            "ptkg: warning: {n} run file(s) the snapshot did not name (written after its last publication, or left by a stopped write) were moved to {}; documents added last may be missing: `ptkg add` them again",
            to.display()
        );
    }
    let mut out = String::new();
    for d in &report.lost {
        let title = if d.title.is_empty() {
            String::new()
        } else {
            format!(" ({})", d.title)
        };
        let id = ptkg::query::speech_id(&d.hash);
        out.push_str(&format!("lost {id} {}{title}: {}\n", d.path, d.why));
    }
    out.push_str(&summary(cli, &report));
    print(&out)?;
    if report.lost.is_empty() {
        return Ok(0);
    }
    let paths: Vec<&str> = report
        .lost
        .iter()
        .flat_map(|d| std::iter::once(d.path.as_str()).chain(d.also.iter().map(String::as_str)))
        .collect();
    eprintln!(
        "ptkg: {} document(s) were lost; `ptkg add {}` brings them back",
        report.lost.len(),
        paths.join(" ")
    );
    Ok(1)
}

/// The one line that says what was done.
fn summary(cli: &Cli, r: &RepairReport) -> String {
    let damaged = if r.damaged_runs.is_empty() {
        String::new()
    } else {
        format!(", {} damaged run file(s) left out", r.damaged_runs.len())
    };
    let from = if r.from_snapshot.is_some() {
        "its snapshot"
    } else {
        "its database"
    };
    format!(
        "repaired store {}: {} document(s) kept, {} lost{damaged}; rows rebuilt from {from} and the run files; {} run file(s), {:.1} MB\n",
        cli.db.display(),
        r.documents,
        r.lost.len(),
        r.runs,
        r.bytes as f64 / 1e6
    )
}
