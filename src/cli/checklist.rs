//! `landfall checklist PLAN`: the market-entry checklist of every target in a plan file.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use serde::Serialize;

use landfall::checklist::bundled;
use landfall::checklist::catalogue::Text;
use landfall::checklist::engine::{
    ItemProgress, Status, TargetChecklist, evaluate_plan, parse_progress,
};
use landfall::plan::parse_plan;

use super::emit;

#[derive(Args, Debug)]
pub struct ChecklistArgs {
    /// The plan file (TOML).
    pub plan: PathBuf,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
    /// Evaluate the rules at this date (YYYY-MM-DD) instead of the plan's `as_of`.
    #[arg(long)]
    pub as_of: Option<NaiveDate>,
    /// Target launch date (YYYY-MM-DD); due dates count back from it. Default: the earliest possible.
    #[arg(long)]
    pub launch: Option<NaiveDate>,
    /// What is already done: a progress file (TOML, see docs/checklist.md).
    #[arg(long)]
    pub progress: Option<PathBuf>,
    /// Language of the text output.
    #[arg(long, value_enum, default_value_t = Language::En)]
    pub lang: Language,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Language {
    En,
    Fr,
}

impl Language {
    pub fn pick(self, text: &Text) -> &str {
        match self {
            Language::En => &text.en,
            Language::Fr => &text.fr,
        }
    }
}

#[derive(Serialize)]
struct Output<'a> {
    plan: &'a str,
    as_of: NaiveDate,
    targets: Vec<TargetChecklist>,
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
}

pub fn run(args: ChecklistArgs) -> Result<ExitCode> {
    let plan_name = args.plan.display().to_string();
    let plan = parse_plan(&plan_name, &read(&args.plan)?)?;
    let catalogues = bundled::catalogues()?;
    let progress: Vec<ItemProgress> = match &args.progress {
        Some(path) => parse_progress(&path.display().to_string(), &read(path)?, &catalogues)?,
        None => Vec::new(),
    };
    let as_of = args.as_of.unwrap_or(plan.plan.as_of);
    let targets = evaluate_plan(&plan, &catalogues, as_of, args.launch, &progress);
    if args.json {
        let output = Output {
            plan: &plan.plan.name,
            as_of,
            targets,
        };
        emit(&serde_json::to_string_pretty(&output)?)?;
    } else {
        emit(&render_text(&plan.plan.name, &targets, args.lang)?)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn status_label(status: Status, lang: Language) -> &'static str {
    match (status, lang) {
        (Status::ToDo, Language::En) => "to do",
        (Status::InProgress, Language::En) => "in progress",
        (Status::InReview, Language::En) => "in review",
        (Status::Done, Language::En) => "done",
        (Status::Recurring, Language::En) => "each shipment",
        (Status::Blocked, Language::En) => "blocked",
        (Status::NotApplicable, Language::En) => "n/a",
        (Status::ToDo, Language::Fr) => "à faire",
        (Status::InProgress, Language::Fr) => "en cours",
        (Status::InReview, Language::Fr) => "en revue",
        (Status::Done, Language::Fr) => "fait",
        (Status::Recurring, Language::Fr) => "à chaque envoi",
        (Status::Blocked, Language::Fr) => "bloqué",
        (Status::NotApplicable, Language::Fr) => "s.o.",
    }
}

fn render_text(plan_name: &str, targets: &[TargetChecklist], lang: Language) -> Result<String> {
    let mut out = String::new();
    let fr = matches!(lang, Language::Fr);
    for target in targets {
        writeln!(
            out,
            "{plan_name} — {} ({}, {})",
            target.marketplace,
            target.fulfilment.id(),
            target.channel.id()
        )?;
        let launch_note = match (target.launch_date_is_earliest, fr) {
            (true, false) => " (earliest possible)",
            (true, true) => " (au plus tôt)",
            (false, _) => "",
        };
        let (as_of_word, launch_word) = if fr {
            ("au", "lancement")
        } else {
            ("as of", "launch")
        };
        writeln!(
            out,
            "{as_of_word} {}, {launch_word} {}{launch_note}",
            target.as_of, target.launch_date
        )?;
        let readiness = &target.readiness;
        if fr {
            writeln!(
                out,
                "Préparation : {} / {} éléments obligatoires faits ({} %)",
                readiness.done, readiness.total, readiness.percent
            )?;
        } else {
            writeln!(
                out,
                "Readiness: {} / {} mandatory items done ({}%)",
                readiness.done, readiness.total, readiness.percent
            )?;
        }
        if !readiness.blockers.is_empty() {
            let label = if fr { "Bloquants" } else { "Launch blockers" };
            writeln!(out, "{label}: {}", readiness.blockers.join(", "))?;
        }
        writeln!(out)?;
        for (number, item) in target.items.iter().enumerate() {
            let code = item
                .code
                .as_deref()
                .map(|c| format!(" ({c})"))
                .unwrap_or_default();
            let due = item
                .due
                .map(|d| {
                    let word = if fr { "échéance" } else { "due" };
                    let late = if item.overdue { " !" } else { "" };
                    format!(" — {word} {d}{late}")
                })
                .unwrap_or_default();
            writeln!(
                out,
                "{:>3}. [{}] {}{code} — {}{due}",
                number + 1,
                status_label(item.status, lang),
                item.id,
                lang.pick(&item.title)
            )?;
            writeln!(out, "       {}", lang.pick(&item.reason))?;
            if !item.blocked_by.is_empty() {
                let word = if fr { "attend" } else { "waits for" };
                writeln!(out, "       {word}: {}", item.blocked_by.join(", "))?;
            }
            if let Some(reopened) = &item.reopened {
                writeln!(out, "       {}", lang.pick(reopened))?;
            }
        }
        writeln!(out)?;
        let label = if fr {
            "Non applicables"
        } else {
            "Not applicable"
        };
        writeln!(out, "{label}:")?;
        for item in &target.not_applicable {
            writeln!(out, "  {} — {}", item.id, lang.pick(&item.reason))?;
        }
        writeln!(out)?;
        writeln!(out, "{}", lang.pick(&target.disclaimer))?;
        writeln!(out)?;
    }
    Ok(out)
}
