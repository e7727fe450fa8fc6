//! Free space on the disk that holds a store, checked before anything is
//! written. sled does not survive running out of space well: a write that
//! fails half-way, or sled's own recovery writes when it opens on a full
//! disk, can leave its log unreadable. So a commit that would not fit is
//! refused before it starts (nothing changed), and the store is not
//! opened at all while the disk is too full for sled to open it safely.

use std::path::Path;

use crate::error::{Error, Result};

/// Room sled needs beyond a commit's own bytes: a fresh log segment or
/// two, its snapshot file and the flush of dirty pages.
pub(crate) const SLED_ROOM: u64 = 16 * 1024 * 1024;

/// Room needed to open a store at all (sled may write a segment and a
/// snapshot when it opens).
pub(crate) const OPEN_ROOM: u64 = 4 * 1024 * 1024;

/// Bytes free for an unprivileged writer on the disk holding `path` (the
/// nearest existing ancestor), or `None` where that cannot be told.
#[cfg(unix)]
pub(crate) fn free_bytes(path: &Path) -> Option<u64> {
    let existing = path.ancestors().find(|p| p.exists())?;
    let st = rustix::fs::statvfs(existing).ok()?;
    Some(st.f_bavail.saturating_mul(st.f_frsize))
}

#[cfg(not(unix))]
pub(crate) fn free_bytes(_path: &Path) -> Option<u64> {
    None
}

/// Whether the disk holding `store` has `needed` bytes free (true where
/// that cannot be told).
pub(crate) fn has_room(store: &Path, needed: u64) -> bool {
    free_bytes(store).is_none_or(|free| free >= needed)
}

/// Fails, changing nothing, unless the disk holding `store` has `needed`
/// bytes free; `what` names the work ("a commit", "opening the store").
pub(crate) fn ensure_room(store: &Path, needed: u64, what: &str) -> Result<()> {
    let Some(free) = free_bytes(store) else {
        return Ok(());
    };
    if free >= needed {
        return Ok(());
    }
    Err(Error::Store {
        path: store.to_path_buf(),
        message: format!(
            "{what} needs about {}, {} free on its disk; free space and run the command again (nothing was changed)",
            megabytes(needed),
            megabytes(free)
        ),
    })
}

fn megabytes(bytes: u64) -> String {
    let mb = bytes as f64 / (1024.0 * 1024.0);
    if mb < 10.0 {
        format!("{mb:.1} MB")
    } else {
        format!("{mb:.0} MB")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn room_is_checked_against_the_disk_of_the_nearest_existing_folder() {
        let tmp = std::env::temp_dir();
        let free = free_bytes(&tmp.join("no/such/folder")).expect("statvfs works here");
        assert!(ensure_room(&tmp, free / 2, "a commit").is_ok());
        let err = ensure_room(&tmp, free.saturating_mul(4).max(1 << 50), "a commit")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("a commit needs about") && err.contains("nothing was changed"),
            "{err}"
        );
    }
}
