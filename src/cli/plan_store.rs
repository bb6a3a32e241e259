//! `landfall plans list|import|export`: plans in the database and the portable `.landfall` file.

use std::path::Path;
use std::process::ExitCode;

use anyhow::bail;
use landfall::limits::{MAX_PLAN_FILE_BYTES, read_text_capped};
use landfall::store::StoreError;

use super::db::{open_store, open_store_for_reading};
use super::landed::{emit, out_line};

pub fn list(db: Option<&Path>, json: bool) -> anyhow::Result<ExitCode> {
    let store = open_store_for_reading(db)?;
    let plans = store.list_plans()?;
    let mut out = String::new();
    if json {
        out_line!(out, "{}", serde_json::to_string_pretty(&plans)?);
    } else {
        for plan in plans {
            out_line!(
                out,
                "{:>5}  {}  (updated {})",
                plan.id,
                plan.name,
                plan.updated_at
            );
        }
    }
    emit(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// Imports a `.landfall` or plan `.toml` file, under `name` (`--as`) or the name inside it. A taken
/// name is refused the same way for both, with the `--as` to give.
pub fn import(db: Option<&Path>, file: &Path, name: Option<&str>) -> anyhow::Result<ExitCode> {
    let mut store = open_store(db)?;
    let mut out = String::new();
    let imported = if file.extension().is_some_and(|ext| ext == "toml") {
        let text = read_text_capped(file, MAX_PLAN_FILE_BYTES, "a plan file")?;
        store.import_plan_text(&file.display().to_string(), &text, name)
    } else {
        store.import_plan(file, name)
    };
    let id = match imported {
        Err(StoreError::ImportNameTaken { name, free }) => bail!(
            "{}: a plan named \"{name}\" already exists; import it under another name with \
             --as NAME, e.g. --as \"{free}\"",
            file.display()
        ),
        other => other?,
    };
    let record = store.get_plan(id)?;
    out_line!(out, "imported plan {} \"{}\"", id, record.summary.name);
    emit(&out)?;
    Ok(ExitCode::SUCCESS)
}

pub fn export(db: Option<&Path>, name: &str, file: &Path) -> anyhow::Result<ExitCode> {
    let store = open_store_for_reading(db)?;
    let plan = store.find_plan(name)?;
    store.export_plan(plan.id, file)?;
    let mut out = String::new();
    out_line!(out, "exported \"{}\" to {}", plan.name, file.display());
    emit(&out)?;
    Ok(ExitCode::SUCCESS)
}
