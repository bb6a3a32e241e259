//! `landfall health METRICS`: seller performance metrics against Amazon's targets.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Args;

use landfall::checklist::bundled;
use landfall::checklist::catalogue::Certainty;
use landfall::checklist::health::{assess, parse_metrics};

use super::emit;

#[derive(Args, Debug)]
pub struct HealthArgs {
    /// The metrics file (TOML, see docs/checklist.md).
    pub metrics: PathBuf,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: HealthArgs) -> Result<ExitCode> {
    let name = args.metrics.display().to_string();
    let text =
        std::fs::read_to_string(&args.metrics).with_context(|| format!("cannot read {name}"))?;
    let metrics = parse_metrics(&name, &text)?;
    let report = assess(&metrics, &bundled::performance_targets()?);
    if args.json {
        emit(&serde_json::to_string_pretty(&report)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    let programme = serde_json::to_value(report.programme)?;
    let mut out = String::new();
    writeln!(
        out,
        "{}, {} programme, as of {}: overall {}",
        report.marketplace,
        programme.as_str().unwrap_or_default(),
        report.as_of,
        report.overall
    )?;
    for metric in &report.metrics {
        let value = metric
            .value
            .map(|v| format!("{v}%"))
            .unwrap_or_else(|| "—".into());
        let rule = metric.rule.as_deref().unwrap_or("—");
        let note = if metric.certainty == Some(Certainty::ToVerify) {
            "  (target to verify)"
        } else {
            ""
        };
        writeln!(
            out,
            "  {:<42} {value:>8}   target {rule:<7} {}{note}",
            metric.label.en, metric.verdict
        )?;
    }
    emit(&out)?;
    Ok(ExitCode::SUCCESS)
}
