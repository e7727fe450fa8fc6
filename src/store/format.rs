//! The store's format version: written into a new store's meta rows,
//! checked when a store opens. A store of another format (an older ptkg's
//! string attributes, say) is refused with what to do about it, never read
//! half-understood.

use std::path::Path;

use super::{keys, Store};
use crate::error::{Error, Result};

/// The file that makes a folder a ptkg store: written first when a store is
/// created, read before sled is opened, so a folder that is no store is
/// never touched. It holds "ptkg store format N".
pub(super) const MARKER: &str = "ptkg-store";

/// What a `--db` path holds.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Found {
    /// Nothing there yet: `add` may create a store.
    Missing,
    /// An empty folder: `add` may create a store in it.
    Empty,
    /// A store with this format marker.
    Store(u32),
    /// A store an older ptkg made, before the marker existed.
    OlderStore,
    /// Anything else: a file, or a folder of other things.
    Other(&'static str),
}

/// Looks at `path` without changing anything.
pub(super) fn inspect(path: &Path) -> Result<Found> {
    let io = |e: std::io::Error| Error::Io {
        path: path.to_path_buf(),
        source: e,
    };
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Found::Missing),
        Err(e) => return Err(io(e)),
    };
    if !meta.is_dir() {
        return Ok(Found::Other("it is a file"));
    }
    match std::fs::read_to_string(path.join(MARKER)) {
        Ok(text) => {
            let version = text
                .trim()
                .strip_prefix("ptkg store format ")
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
            return Ok(Found::Store(version));
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(io(e)),
    }
    let mut entries = std::fs::read_dir(path).map_err(io)?;
    if entries.next().is_none() {
        return Ok(Found::Empty);
    }
    // sled's own files: a store written before the marker.
    if path.join("conf").is_file() && path.join("db").is_file() {
        return Ok(Found::OlderStore);
    }
    Ok(Found::Other("the folder holds other files"))
}

/// Refuses what is not a store of this format, with what to do; `create`
/// allows a missing or empty folder (for `add`).
pub(super) fn check_path(path: &Path, create: bool) -> Result<Found> {
    let refuse = |message: String| Error::Store {
        path: path.to_path_buf(),
        message,
    };
    let found = inspect(path)?;
    match &found {
        Found::Missing if !create => Err(refuse(
            "no store here; create it with `ptkg add PATH...` (or pass --db)".into(),
        )),
        Found::Missing | Found::Empty if create => Ok(found),
        Found::Missing | Found::Empty => Err(refuse(
            "not a ptkg store (no ptkg format marker; the folder is empty); create one with `ptkg add PATH...`".into(),
        )),
        Found::Store(v) if *v == keys::FORMAT_VERSION => Ok(found),
        Found::Store(v) if *v > keys::FORMAT_VERSION => Err(refuse(format!(
            "a newer ptkg wrote this store (format {v}; this ptkg reads {}); upgrade ptkg",
            keys::FORMAT_VERSION
        ))),
        Found::Store(v) => Err(refuse(format!(
            "store format version {v}, this ptkg reads version {}; rebuild it: delete the store and run `ptkg add` again",
            keys::FORMAT_VERSION
        ))),
        Found::OlderStore => Err(refuse(format!(
            "an older ptkg wrote this store (no format marker), this ptkg reads version {}; rebuild it: delete the store and run `ptkg add` again",
            keys::FORMAT_VERSION
        ))),
        Found::Other(why) => Err(refuse(format!(
            "not a ptkg store (no ptkg format marker; {why}); pass --db a new or empty folder, or the folder of a store"
        ))),
    }
}

/// Writes the marker into a new store's folder (created if missing).
pub(super) fn write_marker(path: &Path) -> Result<()> {
    let io = |e: std::io::Error| Error::Io {
        path: path.to_path_buf(),
        source: e,
    };
    std::fs::create_dir_all(path).map_err(io)?;
    let temp = path.join(format!("{MARKER}.tmp"));
    std::fs::write(
        &temp,
        format!("ptkg store format {}\n", keys::FORMAT_VERSION),
    )
    .map_err(io)?;
    std::fs::rename(&temp, path.join(MARKER)).map_err(io)
}

impl Store {
    /// Records the format of a new store, or refuses one of another format.
    pub(super) fn check_format(&self) -> Result<()> {
        match self.db.get(keys::meta(keys::META_FORMAT))? {
            Some(v) => {
                let found = std::str::from_utf8(&v)
                    .ok()
                    .and_then(|s| s.parse::<u32>().ok())
                    .unwrap_or(0);
                if found != keys::FORMAT_VERSION {
                    return Err(Error::Store {
                        path: self.path.clone(),
                        message: format!(
                            "store format version {found}, this ptkg reads version {}; rebuild it: delete the store and run `ptkg add` again",
                            keys::FORMAT_VERSION
                        ),
                    });
                }
            }
            None if self.db.is_snapshot() => {
                return Err(Error::Damaged {
                    path: self.path.clone(),
                    what: format!(
                        "its snapshot {} records no format version",
                        super::rows::SNAPSHOT
                    ),
                });
            }
            None => {
                self.db.insert(
                    keys::meta(keys::META_FORMAT),
                    keys::FORMAT_VERSION.to_string().as_bytes(),
                )?;
                // Durable before the first snapshot: a database without it
                // beside a snapshot has lost its rows (`check_database`).
                self.db.flush()?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused_with(version: &str) -> String {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db");
        {
            let store = Store::open(&path).unwrap();
            store
                .db
                .insert(keys::meta(keys::META_FORMAT), version.as_bytes())
                .unwrap();
            store.flush().unwrap();
        }
        // sled's flusher thread may hold the file lock a moment after the
        // store is dropped: a reopen that meets it waits and tries again.
        for _ in 0..100 {
            match Store::open(&path) {
                Err(crate::error::Error::StoreLocked { .. }) => {
                    std::thread::sleep(std::time::Duration::from_millis(20))
                }
                other => return other.err().expect("other format refused").to_string(),
            }
        }
        panic!("{}: still locked after 2 s", path.display())
    }

    #[test]
    fn a_store_of_another_format_is_refused_with_advice() {
        let err = refused_with("1");
        assert!(
            err.contains("format version 1") && err.contains("rebuild"),
            "{err}"
        );
    }

    #[test]
    fn a_format_5_store_with_string_attributes_is_refused() {
        // Format 5 kept a target's figures as strings; this one reads them
        // typed and must not try to decode the old books.
        let err = refused_with("5");
        assert!(
            err.contains("format version 5")
                && err.contains(&format!("reads version {}", keys::FORMAT_VERSION))
                && err.contains("rebuild"),
            "{err}"
        );
    }

    /// Every file under `dir` with its contents, to show nothing changed.
    fn snapshot(dir: &Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| (e.path(), std::fs::read(e.path()).unwrap_or_default()))
            .collect();
        files.sort();
        files
    }

    #[test]
    fn a_folder_of_other_files_is_no_store_and_stays_untouched() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        let before = snapshot(dir.path());
        for err in [
            Store::open(dir.path()).err().unwrap().to_string(),
            Store::open_existing(dir.path()).err().unwrap().to_string(),
        ] {
            assert!(
                err.contains("not a ptkg store (no ptkg format marker"),
                "{err}"
            );
        }
        assert_eq!(snapshot(dir.path()), before);
    }

    #[test]
    fn a_file_is_no_store() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("db");
        std::fs::write(&file, "x").unwrap();
        let err = Store::open(&file).err().unwrap().to_string();
        assert!(
            err.contains("not a ptkg store") && err.contains("it is a file"),
            "{err}"
        );
        let below = file.join("sub");
        let err = Store::open(&below).err().unwrap().to_string();
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("db/sub"), "{err}");
    }

    #[test]
    fn only_add_creates_and_only_in_a_missing_or_empty_folder() {
        let dir = tempfile::tempdir().unwrap();
        let empty = dir.path().join("empty");
        std::fs::create_dir(&empty).unwrap();
        let err = Store::open_existing(&empty).err().unwrap().to_string();
        assert!(err.contains("not a ptkg store"), "{err}");
        assert!(snapshot(&empty).is_empty(), "a reader wrote nothing");
        drop(Store::open(&empty).unwrap());
        assert_eq!(inspect(&empty).unwrap(), Found::Store(keys::FORMAT_VERSION));
        assert!(matches!(check_path(&empty, false), Ok(Found::Store(_))));
    }

    #[test]
    fn a_newer_store_asks_for_an_upgrade_and_an_older_one_for_a_rebuild() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db");
        drop(Store::open(&path).unwrap());
        let newer = keys::FORMAT_VERSION + 1;
        std::fs::write(path.join(MARKER), format!("ptkg store format {newer}\n")).unwrap();
        let err = Store::open_existing(&path).err().unwrap().to_string();
        assert!(err.contains("upgrade ptkg"), "{err}");
        std::fs::remove_file(path.join(MARKER)).unwrap();
        let err = Store::open_existing(&path).err().unwrap().to_string();
        assert!(
            err.contains("older ptkg") && err.contains("rebuild"),
            "{err}"
        );
    }

    #[test]
    fn a_format_6_store_with_string_statuses_is_refused() {
        // Format 6 kept status, change and qualifier as strings and a
        // target's direction outside its stored figures: its books would
        // not decode as this format's records.
        let err = refused_with("6");
        assert!(
            err.contains("format version 6")
                && err.contains(&format!("reads version {}", keys::FORMAT_VERSION))
                && err.contains("rebuild"),
            "{err}"
        );
    }
}
