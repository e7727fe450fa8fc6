//! A full disk never costs committed data: on a small tmpfs the store is
//! built, the disk filled, and `add`, `stats`, queries and `compact` run
//! while it is full; once space is back, the store is sound and answers
//! exactly as before. Needs root (to mount a tmpfs); skips with a message
//! elsewhere — CI runs it as root.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{example, fixture, ptkg, stderr, stdout};

/// A tmpfs mounted for the test's life (on a folder of a temporary
/// directory, removed after the unmount).
struct Mount(PathBuf, #[allow(dead_code)] tempfile::TempDir);

impl Mount {
    fn new(megabytes: u32) -> Option<Mount> {
        let dir = tempfile::tempdir().ok()?;
        let at = dir.path().join("disk");
        std::fs::create_dir(&at).ok()?;
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={megabytes}m"), "tmpfs"])
            .arg(&at)
            .output()
            .is_ok_and(|o| o.status.success());
        ok.then_some(Mount(at, dir))
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).output();
    }
}

/// Fills the disk holding `dir` until `leave` bytes are free.
fn fill(dir: &Path, leave: u64) -> PathBuf {
    let filler = dir.join("filler");
    let free = free_bytes(dir);
    let size = free.saturating_sub(leave);
    let f = std::fs::File::create(&filler).unwrap();
    // Written, not just sized: tmpfs counts pages as they are written.
    let mut w = std::io::BufWriter::new(f);
    let chunk = vec![7u8; 1 << 20];
    let mut left = size;
    while left > 0 {
        let n = left.min(chunk.len() as u64) as usize;
        if std::io::Write::write_all(&mut w, &chunk[..n]).is_err() {
            break;
        }
        left -= n as u64;
    }
    let _ = std::io::Write::flush(&mut w);
    filler
}

fn free_bytes(dir: &Path) -> u64 {
    let o = Command::new("df")
        .args(["--output=avail", "-B1"])
        .arg(dir)
        .output()
        .unwrap();
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .nth(1)
        .and_then(|l| l.trim().parse().ok())
        .unwrap()
}

#[test]
fn a_full_disk_loses_nothing_that_was_committed() {
    let Some(mount) = Mount::new(48) else {
        eprintln!("skipped: cannot mount a tmpfs (needs root); the disk-full test did not run");
        return;
    };
    let db = mount.0.join("db");
    let o = ptkg(&db, &["add", "-q", example("").to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let before = stdout(&ptkg(&db, &["export", "json"]));
    let stats = stdout(&ptkg(&db, &["stats"]));
    assert!(before.len() > 1000);

    // Room to open the store, not for a commit: add refuses, changing
    // nothing; reads work.
    let filler = fill(&mount.0, 8 * 1024 * 1024);
    let more = fixture("promises");
    let o = ptkg(&db, &["add", "-q", more.to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("a commit needs about") && stderr(&o).contains("nothing was changed"),
        "{}",
        stderr(&o)
    );
    assert_eq!(stdout(&ptkg(&db, &["stats"])), stats);
    let o = ptkg(&db, &["compact"]);
    assert!(
        o.status.success() || stderr(&o).contains("free on its disk"),
        "{}",
        stderr(&o)
    );

    // A disk with no room at all: every command refuses to open the store
    // (sled could not open it safely) or works; none damages it.
    std::fs::remove_file(&filler).unwrap();
    let filler = fill(&mount.0, 0);
    let one = example("linjiang_2021_work_report.txt");
    for args in [
        &["stats"][..],
        &["list", "speech"],
        &["query", "targets", "--metric", "地区生产总值"],
        &["add", "-q", more.to_str().unwrap()],
        &["remove", one.to_str().unwrap()],
        &["verify"],
        &["compact"],
    ] {
        let o = ptkg(&db, args);
        assert!(
            o.status.success() || stderr(&o).contains("free on its disk"),
            "{args:?}: {}",
            stderr(&o)
        );
    }

    // Space back: everything committed is there, the store is sound.
    std::fs::remove_file(&filler).unwrap();
    let o = ptkg(&db, &["verify"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert_eq!(stdout(&ptkg(&db, &["stats"])), stats);
    assert_eq!(stdout(&ptkg(&db, &["export", "json"])), before);
    let o = ptkg(&db, &["add", "-q", more.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
}
