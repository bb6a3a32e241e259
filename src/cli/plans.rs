//! `landfall plans --marketplace ID --monthly-units N [--as-of DATE] [--json]`: Professional vs
//! Individual selling plan. The same word holds the store's `plans list|import|export` subcommands
//! (in `plan_store.rs`); a subcommand and the comparison's flags exclude each other.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::bail;
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use landfall::cost::{self, PlanKind};
use landfall::money::group_digits;

use super::landed::{emit, out_line, render_steps};
use super::plan_store;

#[derive(Args, Debug)]
#[command(args_conflicts_with_subcommands = true)]
pub struct PlansArgs {
    #[command(subcommand)]
    pub command: Option<PlansCommand>,
    #[command(flatten)]
    pub selling: SellingPlanArgs,
}

/// Compare the selling plans of a marketplace for a monthly volume, with the break-even volume.
#[derive(Args, Debug)]
pub struct SellingPlanArgs {
    /// Marketplace id, e.g. amazon-jp.
    #[arg(long)]
    marketplace: Option<String>,
    #[arg(long)]
    monthly_units: Option<u64>,
    /// Date the fees are taken at (default: today).
    #[arg(long)]
    as_of: Option<NaiveDate>,
    #[arg(long)]
    json: bool,
    /// Folder of your own pack files, merged over the bundled packs.
    #[arg(long, value_name = "DIR")]
    packs: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
pub enum PlansCommand {
    /// List the plans in the database.
    List {
        /// Print as JSON: an array of {id, name, created_at, updated_at}.
        #[arg(long)]
        json: bool,
    },
    /// Import a plan: a portable `.landfall` file, or a plan `.toml` file. A name already in the
    /// database is refused: give another with `--as`.
    Import {
        file: PathBuf,
        /// The name to import the plan under, instead of the one in the file.
        #[arg(long = "as", value_name = "NAME")]
        name: Option<String>,
    },
    /// Export a plan, its checklist progress and its evidence to a portable `.landfall` file.
    Export {
        /// The plan's name, as `plans list` shows it.
        name: String,
        #[arg(long)]
        out: PathBuf,
    },
}

pub fn run(db: Option<&Path>, args: PlansArgs) -> anyhow::Result<ExitCode> {
    match args.command {
        Some(PlansCommand::List { json }) => plan_store::list(db, json),
        Some(PlansCommand::Import { file, name }) => plan_store::import(db, &file, name.as_deref()),
        Some(PlansCommand::Export { name, out }) => plan_store::export(db, &name, &out),
        None => {
            let SellingPlanArgs {
                marketplace,
                monthly_units,
                as_of,
                json,
                packs,
            } = args.selling;
            let (Some(marketplace), Some(monthly_units)) = (marketplace, monthly_units) else {
                bail!(
                    "plans: give --marketplace ID and --monthly-units N to compare selling plans, \
                     or a subcommand (list, import, export)"
                );
            };
            let packs = super::packs::load_packs(packs.as_deref())?;
            // The clock is read here, at the edge; the engine takes the date as an argument.
            let as_of = as_of.unwrap_or_else(|| chrono::Local::now().date_naive());
            let comparison =
                cost::selling_plan_comparison(&packs, &marketplace, as_of, monthly_units)?;
            if json {
                emit(&format!("{}\n", serde_json::to_string_pretty(&comparison)?))?;
            } else {
                let mut out = String::new();
                let currency = comparison.currency;
                render_steps(&mut out, "", &comparison.explain);
                let cheaper = match comparison.cheaper {
                    PlanKind::Individual => "Individual",
                    PlanKind::Professional => "Professional",
                };
                out_line!(
                    out,
                    "{} units/month: Individual {} {currency}, Professional {} {currency}; cheaper: {cheaper}; \
                     Professional pays off from {} units/month",
                    comparison.monthly_units,
                    group_digits(comparison.individual),
                    group_digits(comparison.professional),
                    comparison.break_even_units
                );
                emit(&out)?;
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
