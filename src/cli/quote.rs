//! `landfall quote PLAN [--json] [--fx FROM/TO=RATE[@DATE]]… [--packs DIR]`: unit economics of every
//! product × target of a plan file. Rates given with `--fx` come first; every other pair the plan needs
//! is taken from the ECB rates in the database (or the bundled snapshot) on the plan's as-of date.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::str::FromStr;

use anyhow::{Context, bail};
use chrono::NaiveDate;
use clap::Args;
use landfall::cost::{self, Detail, Quote};
use landfall::limits::{MAX_PLAN_FILE_BYTES, read_text_capped};
use landfall::money::{Currency, FxRate, FxSource, group_digits};
use rust_decimal::Decimal;

use super::landed::{emit, out_line, render_steps};

#[derive(Args, Debug)]
pub struct QuoteArgs {
    /// Plan file (TOML).
    pub plan: PathBuf,
    /// Print the result as JSON (amounts as decimal strings).
    #[arg(long)]
    pub json: bool,
    /// An exchange rate, `EUR/JPY=171.78` (1 EUR = 171.78 JPY), optionally `@2026-11-20` for its
    /// date (default: the plan's as-of date). Repeat for each pair. Recorded as a manual rate.
    #[arg(long = "fx", value_name = "FROM/TO=RATE[@DATE]")]
    pub fx: Vec<String>,
    /// Folder of your own pack files, merged over the bundled packs.
    #[arg(long, value_name = "DIR")]
    pub packs: Option<PathBuf>,
}

pub fn run(db: Option<&Path>, args: QuoteArgs) -> anyhow::Result<ExitCode> {
    let (plan, mut rates) = plan_with_given_rates(&args.plan, &args.fx)?;
    let packs = super::packs::load_packs(args.packs.as_deref())?;
    rates.extend(ecb_rates(db, &plan, &packs, &rates)?);
    let quote = cost::quote(&plan, &packs, &rates, Detail::Explained);
    if args.json {
        emit(&format!("{}\n", serde_json::to_string_pretty(&quote)?))?;
    } else {
        emit(&render(&quote))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads and checks a plan file (errors name the file, line and field) and the `--fx` rates given
/// for it, dated at the plan's as-of date unless they say otherwise.
pub(super) fn plan_with_given_rates(
    path: &Path,
    fx: &[String],
) -> anyhow::Result<(landfall::plan::Plan, Vec<FxRate>)> {
    let text = read_text_capped(path, MAX_PLAN_FILE_BYTES, "a plan file")?;
    let plan = landfall::plan::parse_plan(&path.display().to_string(), &text)?;
    let rates = fx
        .iter()
        .map(|text| parse_rate(text, plan.plan.as_of))
        .collect::<anyhow::Result<Vec<_>>>()?;
    Ok((plan, rates))
}

/// ECB cross rates (through EUR) for every pair the plan needs that `given` does not cover: from each
/// currency in the plan to each target marketplace's currency, on the plan's as-of date (the latest
/// publication on or before it). Staleness warnings go to stderr.
fn ecb_rates(
    db: Option<&Path>,
    plan: &landfall::plan::Plan,
    packs: &landfall::packs::Packs,
    given: &[FxRate],
) -> anyhow::Result<Vec<FxRate>> {
    let mut from: BTreeSet<&str> = BTreeSet::from([plan.plan.home_currency.as_str()]);
    for product in &plan.products {
        let amounts = product
            .unit_cost
            .iter()
            .chain(product.prices.iter().map(|price| &price.price));
        let freight = product
            .freight
            .iter()
            .flat_map(|freight| std::iter::once(&freight.freight).chain(&freight.insurance));
        from.extend(
            amounts
                .chain(freight)
                .map(|amount| amount.currency.as_str()),
        );
    }
    let to: BTreeSet<Currency> = plan
        .targets
        .iter()
        .filter_map(|target| packs.marketplace(target.marketplace.id()))
        .map(|pack| pack.header.currency)
        .collect();
    let covered = |a: Currency, b: Currency| {
        given
            .iter()
            .any(|rate| (rate.from, rate.to) == (a, b) || (rate.from, rate.to) == (b, a))
    };
    let needed: Vec<(Currency, Currency)> = from
        .iter()
        .filter_map(|code| Currency::from_str(code).ok())
        .flat_map(|a| to.iter().map(move |b| (a, *b)))
        .filter(|(a, b)| a != b && !covered(*a, *b))
        .collect();
    ecb_pairs(db, plan.plan.as_of, needed)
}

/// ECB cross rates (through EUR) for `needed` pairs on `as_of` (the latest publication on or before
/// it), from the database or the bundled snapshot. Staleness warnings go to stderr.
pub(super) fn ecb_pairs(
    db: Option<&Path>,
    as_of: NaiveDate,
    needed: Vec<(Currency, Currency)>,
) -> anyhow::Result<Vec<FxRate>> {
    if needed.is_empty() {
        return Ok(Vec::new());
    }
    let store = super::db::open_store_for_reading(db)?;
    let loaded = landfall::rates::load(&store, super::db::today())?;
    for warning in &loaded.warnings {
        eprintln!("landfall: {warning}");
    }
    let mut rates = Vec::new();
    for (a, b) in needed {
        // A pair the book cannot make is left out: the quote names it as missing.
        if let Ok(cross) = loaded.book.cross(a.code(), b.code(), as_of) {
            rates.push(FxRate::new(
                a,
                b,
                cross.rate,
                cross.published,
                FxSource::EcbReference,
            )?);
        }
    }
    Ok(rates)
}

/// `EUR/JPY=171.78` or `EUR/JPY=171.78@2026-11-20`.
fn parse_rate(text: &str, default_date: NaiveDate) -> anyhow::Result<FxRate> {
    let Some((pair, rest)) = text.split_once('=') else {
        bail!("--fx `{text}`: expected FROM/TO=RATE, e.g. EUR/JPY=171.78");
    };
    let Some((from, to)) = pair.split_once('/') else {
        bail!("--fx `{text}`: expected FROM/TO=RATE, e.g. EUR/JPY=171.78");
    };
    let (rate, date) = match rest.split_once('@') {
        Some((rate, date)) => (
            rate,
            NaiveDate::from_str(date.trim())
                .with_context(|| format!("--fx `{text}`: the date must be YYYY-MM-DD"))?,
        ),
        None => (rest, default_date),
    };
    let rate = Decimal::from_str(rate.trim())
        .with_context(|| format!("--fx `{text}`: `{rate}` is not a number"))?;
    Ok(FxRate::new(
        Currency::from_str(from)?,
        Currency::from_str(to)?,
        rate,
        date,
        FxSource::Manual {
            note: "--fx on the command line".to_string(),
        },
    )?)
}

fn render(quote: &Quote) -> String {
    let mut out = String::new();
    out_line!(out, "Quote for \"{}\" as of {}", quote.plan, quote.as_of);
    let show = |amount: Option<Decimal>| {
        amount.map_or_else(
            || "—".to_string(),
            |amount| group_digits(amount.round_dp(2)),
        )
    };
    for item in &quote.items {
        out_line!(
            out,
            "\n{} on {} ({})",
            item.sku,
            item.marketplace,
            item.currency
        );
        render_steps(&mut out, "  ", &item.explain);
        for (label, amount) in [
            ("price", item.price),
            ("net price", item.net_price),
            ("referral fee", item.referral_fee),
            ("closing fee", item.closing_fee),
            ("fulfilment fee", item.fulfilment_fee),
            ("selling plan", item.selling_plan),
            ("unit cost", item.unit_cost),
            ("freight + insurance", item.freight),
            ("duty", item.duty),
            ("import taxes (recoverable)", item.import_taxes),
            ("landed cost", item.landed_cost),
            ("margin", item.margin),
        ] {
            out_line!(out, "  {label}: {}", show(amount));
        }
        if let Some(home) = &item.margin_home {
            out_line!(
                out,
                "  margin in {}: {}",
                home.currency,
                group_digits(home.amount.round_dp(2))
            );
        }
        for gap in &item.missing {
            out_line!(out, "  MISSING {}: {}", gap.field, gap.message.en);
        }
    }
    out
}
