//! `landfall products import FILE --plan NAME [--apply] [--json]`: products from a CSV or XLSX sheet.
//! A dry run by default: it prints what would change; `--apply` saves it.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::Subcommand;
use landfall::limits::{MAX_CATALOGUE_FILE_BYTES, read_capped};
use landfall::plan::import::{self, ImportPreview};

use super::db::{open_store, open_store_for_reading};
use super::landed::{emit, out_line};

#[derive(Subcommand, Debug)]
pub enum ProductsCommand {
    /// Import products from a CSV (`,` or `;`) or XLSX file; columns in English or French.
    Import {
        file: PathBuf,
        /// The plan's name, as `plans list` shows it.
        #[arg(long)]
        plan: String,
        /// Save the changes (without it, only show them).
        #[arg(long)]
        apply: bool,
        /// Print the preview as JSON: {rows, added, changed: [{sku, fields}], unchanged, applied}.
        #[arg(long)]
        json: bool,
        /// Folder of your own pack files (for the known categories), merged over the bundled packs.
        #[arg(long, value_name = "DIR")]
        packs: Option<PathBuf>,
    },
}

#[derive(serde::Serialize)]
struct Outcome<'a> {
    #[serde(flatten)]
    preview: &'a ImportPreview,
    applied: bool,
}

pub fn run(db: Option<&Path>, command: ProductsCommand) -> anyhow::Result<ExitCode> {
    let ProductsCommand::Import {
        file,
        plan,
        apply,
        json,
        packs,
    } = command;
    // A dry run only reads, so it works on a read-only database too.
    let mut store = if apply {
        open_store(db)?
    } else {
        open_store_for_reading(db)?
    };
    let summary = store.find_plan(&plan)?;
    let (_, current) = store.load_plan(summary.id)?;
    let bytes = read_capped(&file, MAX_CATALOGUE_FILE_BYTES, "a catalogue")?;
    let is_xlsx = file
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("xlsx"));
    let sheet = if is_xlsx {
        import::read_xlsx(&bytes)
    } else {
        import::read_csv(&bytes)
    }
    .with_context(|| file.display().to_string())?;

    let packs = super::packs::load_packs(packs.as_deref())?;
    let context = landfall::api::import_context(&current, &packs);
    let rows = import::check_rows(&sheet, &context)
        .and_then(import::CheckedRows::all)
        .with_context(|| file.display().to_string())?;
    let (preview, merged) =
        import::preview(&current, &rows).with_context(|| file.display().to_string())?;
    if apply {
        store.save_plan_typed(summary.id, &merged)?;
    }
    let mut out = String::new();
    if json {
        let outcome = Outcome {
            preview: &preview,
            applied: apply,
        };
        out_line!(out, "{}", serde_json::to_string_pretty(&outcome)?);
    } else {
        out_line!(
            out,
            "{} rows: {} new, {} changed, {} unchanged{}",
            preview.rows,
            preview.added.len(),
            preview.changed.len(),
            preview.unchanged,
            if apply {
                " (saved)"
            } else {
                " (dry run: add --apply to save)"
            }
        );
        for sku in &preview.added {
            out_line!(out, "  + {sku}");
        }
        for change in &preview.changed {
            out_line!(out, "  ~ {}: {}", change.sku, change.fields.join(", "));
        }
    }
    emit(&out)?;
    Ok(ExitCode::SUCCESS)
}
