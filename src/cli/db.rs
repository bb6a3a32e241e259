//! Opening the database the CLI works on: `--db PATH` / `LANDFALL_DB`, else the app-data default.

use std::path::Path;

use anyhow::Context;
use landfall::store::{self, Store};

/// Opens the chosen database, creating it (with the example plan) on first use.
pub fn open_store(db: Option<&Path>) -> anyhow::Result<Store> {
    let path = match db {
        Some(path) => path.to_path_buf(),
        None => store::default_db_path().context(
            "no app-data folder found (HOME is not set); pass --db PATH or set LANDFALL_DB",
        )?,
    };
    let mut store = Store::open(&path)?;
    store.seed_example_if_empty()?;
    Ok(store)
}

/// Today's date on this machine: the as-of date of rate staleness.
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}
