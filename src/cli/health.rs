//! `landfall health METRICS`: seller performance metrics against Amazon's targets.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;

use landfall::checklist::bundled;
use landfall::checklist::catalogue::Certainty;
use landfall::checklist::health::{Verdict, assess, parse_metrics};
use landfall::limits::{MAX_INPUT_FILE_BYTES, read_text_capped};

use super::checklist::Language;
use super::emit;

#[derive(Args, Debug)]
pub struct HealthArgs {
    /// The metrics file (TOML, see docs/checklist.md).
    pub metrics: PathBuf,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
    /// Language of the text output.
    #[arg(long, value_enum, default_value_t = Language::En)]
    pub lang: Language,
}

fn verdict_label(verdict: Verdict, lang: Language) -> &'static str {
    match (verdict, lang) {
        (Verdict::NotGiven, Language::En) => "not given",
        (Verdict::NoTarget, Language::En) => "no target",
        (Verdict::Pass, Language::En) => "pass",
        (Verdict::AtRisk, Language::En) => "at risk",
        (Verdict::Fail, Language::En) => "fail",
        (Verdict::NotGiven, Language::Fr) => "non renseigné",
        (Verdict::NoTarget, Language::Fr) => "pas d’objectif",
        (Verdict::Pass, Language::Fr) => "conforme",
        (Verdict::AtRisk, Language::Fr) => "à risque",
        (Verdict::Fail, Language::Fr) => "hors objectif",
    }
}

pub fn run(args: HealthArgs) -> Result<ExitCode> {
    let name = args.metrics.display().to_string();
    let text = read_text_capped(&args.metrics, MAX_INPUT_FILE_BYTES, "a metrics file")?;
    let metrics = parse_metrics(&name, &text)?;
    let report = assess(&metrics, &bundled::performance_targets()?);
    if args.json {
        emit(&serde_json::to_string_pretty(&report)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    let programme = serde_json::to_value(report.programme)?;
    let programme = programme.as_str().unwrap_or_default();
    let overall = verdict_label(report.overall, args.lang);
    let mut out = String::new();
    match args.lang {
        Language::En => writeln!(
            out,
            "{}, {programme} programme, as of {}: overall {overall}",
            report.marketplace, report.as_of
        )?,
        Language::Fr => writeln!(
            out,
            "{}, programme {programme}, au {} : bilan {overall}",
            report.marketplace, report.as_of
        )?,
    }
    for metric in &report.metrics {
        let value = metric
            .value
            .map(|v| format!("{v}%"))
            .unwrap_or_else(|| "—".into());
        let rule = metric.rule.as_deref().unwrap_or("—");
        let (target_word, note) = match args.lang {
            Language::En => ("target", "  (target to verify)"),
            Language::Fr => ("objectif", "  (objectif à vérifier)"),
        };
        let note = if metric.certainty == Some(Certainty::ToVerify) {
            note
        } else {
            ""
        };
        writeln!(
            out,
            "  {:<42} {value:>8}   {target_word} {rule:<7} {}{note}",
            args.lang.pick(&metric.label),
            verdict_label(metric.verdict, args.lang)
        )?;
    }
    emit(&out)?;
    Ok(ExitCode::SUCCESS)
}
