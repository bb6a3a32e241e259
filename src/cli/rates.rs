//! `landfall rates …`: refresh and show exchange rates, enter Japan Customs weekly rates.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use chrono::NaiveDate;
use clap::Subcommand;
use landfall::limits::{MAX_INPUT_FILE_BYTES, read_text_capped};
use landfall::rates::{self, CustomsRate, FetchConfig, RatesReport, UpdateOutcome};
use rust_decimal::Decimal;

use super::db::{open_store, open_store_for_reading, today};
use super::landed::{emit, out_line};

#[derive(Subcommand, Debug)]
pub enum RatesCommand {
    /// Fetch ECB reference rates and keep them; on failure the previous rates stay in use.
    Update {
        /// Feed URL (a mirror, or a test server). Default: the ECB 90-day file.
        #[arg(long, default_value = rates::ECB_90_DAY_URL)]
        url: String,
        /// Give up after this many seconds in all, retries included.
        #[arg(long, default_value_t = 25)]
        timeout: u64,
        /// Print the outcome as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Show each rate in force with its publication date and source.
    Show {
        /// The date to give rates for (default: today). Weekends and holidays carry the last rate.
        #[arg(long)]
        date: Option<NaiveDate>,
        /// Print as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Japan Customs weekly conversion rates.
    #[command(subcommand)]
    Customs(CustomsCommand),
}

#[derive(Subcommand, Debug)]
pub enum CustomsCommand {
    /// Enter one weekly rate: 1 CURRENCY = RATE JPY for the week starting WEEK_START (a Sunday).
    Set {
        #[arg(long)]
        week_start: NaiveDate,
        #[arg(long)]
        currency: String,
        #[arg(long)]
        rate: Decimal,
    },
    /// Import weekly rates from a CSV with the header `week_start,currency,jpy_per_unit`.
    Import { file: PathBuf },
}

pub fn run(db: Option<&Path>, command: RatesCommand) -> anyhow::Result<ExitCode> {
    let mut out = String::new();
    let code = run_into(&mut out, db, command);
    // What was printed before an error still goes out, then the error.
    emit(&out)?;
    code
}

fn run_into(
    out: &mut String,
    db: Option<&Path>,
    command: RatesCommand,
) -> anyhow::Result<ExitCode> {
    // Showing rates only reads: a read-only database still shows them.
    let mut store = match command {
        RatesCommand::Show { .. } => open_store_for_reading(db)?,
        _ => open_store(db)?,
    };
    match command {
        RatesCommand::Update { url, timeout, json } => {
            let defaults = FetchConfig::default();
            let deadline = Duration::from_secs(timeout);
            let config = FetchConfig {
                total_timeout: defaults.total_timeout.min(deadline),
                deadline,
                ..defaults
            };
            let outcome = rates::update_blocking(&mut store, &url, &config, today())?;
            print_outcome(out, &outcome, json)?;
            Ok(if outcome.error.is_none() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        RatesCommand::Show { date, json } => {
            let report = rates::report(&store, date.unwrap_or_else(today))?;
            if json {
                out_line!(out, "{}", serde_json::to_string_pretty(&report)?);
            } else {
                print_report(out, &report);
            }
            Ok(ExitCode::SUCCESS)
        }
        RatesCommand::Customs(CustomsCommand::Set {
            week_start,
            currency,
            rate,
        }) => {
            let rate = CustomsRate::new(week_start, &currency, rate)?;
            rates::save_customs_rates(&mut store, std::slice::from_ref(&rate))?;
            out_line!(
                out,
                "week {}..{}: 1 {} = {} JPY",
                rate.week_start,
                rate.week_end(),
                rate.currency,
                rate.jpy_per_unit
            );
            Ok(ExitCode::SUCCESS)
        }
        RatesCommand::Customs(CustomsCommand::Import { file }) => {
            let text = read_text_capped(&file, MAX_INPUT_FILE_BYTES, "a customs-rate file")?;
            let imported =
                rates::parse_customs_csv(&text).with_context(|| format!("{}", file.display()))?;
            rates::save_customs_rates(&mut store, &imported)?;
            out_line!(
                out,
                "imported {} weekly rates from {}",
                imported.len(),
                file.display()
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn print_outcome(out: &mut String, outcome: &UpdateOutcome, json: bool) -> anyhow::Result<()> {
    if json {
        out_line!(out, "{}", serde_json::to_string_pretty(outcome)?);
        return Ok(());
    }
    match &outcome.error {
        None => out_line!(
            out,
            "rates {}: {} business days from {}",
            outcome.status,
            outcome.days_received,
            outcome.url
        ),
        Some(error) => {
            eprintln!(
                "landfall: rates update failed [{}]: {}",
                error.code, error.message
            );
            out_line!(out, "previous rates kept: {}", outcome.status);
        }
    }
    for warning in &outcome.warnings {
        eprintln!("warning: {warning}");
    }
    Ok(())
}

fn print_report(out: &mut String, report: &RatesReport) {
    out_line!(
        out,
        "ECB euro reference rates on {}: {}",
        report.on,
        report.status
    );
    out_line!(
        out,
        "source: {} <{}>",
        report.source.title,
        report.source.url
    );
    for warning in &report.warnings {
        out_line!(out, "warning: {warning}");
    }
    for rate in &report.rates {
        out_line!(
            out,
            "  1 EUR = {:>12} {}  (published {}, {})",
            rate.per_eur.to_string(),
            rate.currency,
            rate.published,
            match rate.origin {
                rates::Origin::Bundled => "bundled",
                rates::Origin::Cached => "cached",
                rates::Origin::Manual => "typed by hand",
            }
        );
    }
    if !report.customs.is_empty() {
        out_line!(out, "Japan Customs weekly rates:");
        for rate in &report.customs {
            out_line!(
                out,
                "  week {}..{}: 1 {} = {} JPY",
                rate.week_start,
                rate.week_end(),
                rate.currency,
                rate.jpy_per_unit
            );
        }
    }
}
