//! `landfall fees FILE [--json] [--packs DIR]`: marketplace fees of a set of sales.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use landfall::cost::{self, FeeReport, SalesFile};
use landfall::money::group_digits;

use super::landed::{emit, out_line, read_input, render_steps};

#[derive(Args, Debug)]
pub struct FeesArgs {
    /// Sales file (TOML): marketplace, as_of, category or [referral], [[lines]].
    pub file: PathBuf,
    /// Print the result as JSON (amounts as decimal strings).
    #[arg(long)]
    pub json: bool,
    /// Folder of your own pack files, merged over the bundled packs.
    #[arg(long, value_name = "DIR")]
    pub packs: Option<PathBuf>,
}

pub fn run(args: FeesArgs) -> anyhow::Result<ExitCode> {
    let file: SalesFile = read_input(&args.file)?;
    let packs = super::packs::load_packs(args.packs.as_deref())?;
    let report = cost::marketplace_fees(&file, &packs)
        .with_context(|| format!("{}", args.file.display()))?;
    if args.json {
        emit(&format!("{}\n", serde_json::to_string_pretty(&report)?))?;
    } else {
        emit(&render(&report))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn render(report: &FeeReport) -> String {
    let mut out = String::new();
    out_line!(
        out,
        "Fees on {} as of {}, amounts in {}",
        report.marketplace,
        report.as_of,
        report.currency
    );
    render_steps(&mut out, "  ", &report.explain);
    for gap in &report.missing {
        out_line!(out, "  MISSING {}: {}", gap.field, gap.message.en);
    }
    for (index, line) in report.lines.iter().enumerate() {
        out_line!(out, "Line {}", index + 1);
        render_steps(&mut out, "  ", &line.explain);
        for gap in &line.missing {
            out_line!(out, "  MISSING {}: {}", gap.field, gap.message.en);
        }
    }
    let totals = &report.totals;
    out_line!(out, "Totals");
    for (label, amount) in [
        ("referral fee", totals.referral_fee),
        ("referral fee refunded", totals.referral_fee_refunded),
        ("closing fee", totals.closing_fee),
        (
            "refund administration fee",
            totals.refund_administration_fee,
        ),
        ("per-order fee", totals.per_order_fee),
        ("fulfilment fee", totals.fulfilment_fee),
        ("fees (net)", totals.fees),
    ] {
        out_line!(out, "  {label}: {}", group_digits(amount));
    }
    if !totals.complete {
        out_line!(out, "  (incomplete: see MISSING above)");
    }
    out
}
