//! The store's format version: written into a new store's meta rows,
//! checked when a store opens. A store of another format (an older ptkg's
//! string attributes, say) is refused with what to do about it, never read
//! half-understood.

use super::{keys, Store};
use crate::error::{Error, Result};

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
            None => {
                self.db.insert(
                    keys::meta(keys::META_FORMAT),
                    keys::FORMAT_VERSION.to_string().as_bytes(),
                )?;
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
        Store::open(&path)
            .err()
            .expect("other format refused")
            .to_string()
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

    #[test]
    fn a_format_6_store_with_string_statuses_is_refused() {
        // Format 6 kept status, change and qualifier as strings and a
        // target's direction outside its stored figures: its books would
        // not decode as this format's records.
        let err = refused_with("6");
        assert!(
            err.contains("format version 6")
                && err.contains("reads version 7")
                && err.contains("rebuild"),
            "{err}"
        );
    }
}
