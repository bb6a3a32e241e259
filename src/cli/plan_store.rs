//! `landfall plans list|import|export`: plans in the database and the portable `.landfall` file.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;

use super::db::open_store;
use super::landed::{emit, out_line};

pub fn list(db: Option<&Path>, json: bool) -> anyhow::Result<ExitCode> {
    let store = open_store(db)?;
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

pub fn import(db: Option<&Path>, file: &Path) -> anyhow::Result<ExitCode> {
    let mut store = open_store(db)?;
    let mut out = String::new();
    let id = if file.extension().is_some_and(|ext| ext == "toml") {
        let text = std::fs::read_to_string(file)
            .with_context(|| format!("cannot read {}", file.display()))?;
        let plan = landfall::plan::parse_plan(&file.display().to_string(), &text)?;
        store.create_plan_typed(&plan)?
    } else {
        store.import_plan(file)?
    };
    let record = store.get_plan(id)?;
    out_line!(out, "imported plan {} \"{}\"", id, record.summary.name);
    emit(&out)?;
    Ok(ExitCode::SUCCESS)
}

pub fn export(db: Option<&Path>, name: &str, file: &Path) -> anyhow::Result<ExitCode> {
    let store = open_store(db)?;
    let plan = store.find_plan(name)?;
    store.export_plan(plan.id, file)?;
    let mut out = String::new();
    out_line!(out, "exported \"{}\" to {}", plan.name, file.display());
    emit(&out)?;
    Ok(ExitCode::SUCCESS)
}
