//! Opening the database the CLI works on: `--db PATH` / `LANDFALL_DB`, else the app-data default.

use std::path::{Path, PathBuf};

use anyhow::Context;
use landfall::store::{self, Store};

/// The database the CLI works on: `--db PATH` / `LANDFALL_DB`, else the app-data default.
pub fn db_path(db: Option<&Path>) -> anyhow::Result<PathBuf> {
    match db {
        Some(path) => Ok(path.to_path_buf()),
        None => store::default_db_path().context(
            "no app-data folder found (HOME is not set); pass --db PATH or set LANDFALL_DB",
        ),
    }
}

/// Opens the chosen database for a command that writes, creating it (with the example plan) on
/// first use.
pub fn open_store(db: Option<&Path>) -> anyhow::Result<Store> {
    let mut store = Store::open(&db_path(db)?)?;
    store.seed_example_if_empty()?;
    Ok(store)
}

/// Opens the chosen database for a command that only reads: a database that cannot be written is
/// read as it is, and stderr says so.
pub fn open_store_for_reading(db: Option<&Path>) -> anyhow::Result<Store> {
    let mut store = Store::open_for_reading(&db_path(db)?)?;
    if store.is_read_only() {
        eprintln!(
            "landfall: {} is read-only: reading it as it is (nothing will be saved to it)",
            store.path().display()
        );
    } else {
        store.seed_example_if_empty()?;
    }
    Ok(store)
}

/// Today's date on this machine: the as-of date of rate staleness.
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}
