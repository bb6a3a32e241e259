//! `landfall checklist PLAN`: the market-entry checklist of every target in a plan file, and the
//! own-store obligations of every own-store channel.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use serde::Serialize;

use landfall::checklist::bundled;
use landfall::checklist::catalogue::Text;
use landfall::checklist::engine::{
    Checklist, ItemProgress, Status, StoreChecklist, TargetChecklist, evaluate_plan,
    evaluate_stores, parse_progress,
};
use landfall::limits::{MAX_PLAN_FILE_BYTES, read_text_capped};
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
    /// Own-store channels (`[[channels]]` whose pack is an own store).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    stores: Vec<StoreChecklist>,
}

fn read(path: &Path) -> Result<String> {
    Ok(read_text_capped(path, MAX_PLAN_FILE_BYTES, "a plan file")?)
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
    let channel_packs = landfall::channels::bundled_channels()?;
    let stores = evaluate_stores(
        &plan,
        &landfall::channels::own_stores(&plan, &channel_packs),
        &catalogues,
        as_of,
        args.launch,
        &progress,
    );
    if args.json {
        let output = Output {
            plan: &plan.plan.name,
            as_of,
            targets,
            stores,
        };
        emit(&serde_json::to_string_pretty(&output)?)?;
    } else {
        emit(&render_text(&plan.plan.name, &targets, &stores, args.lang)?)?;
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

fn render_text(
    plan_name: &str,
    targets: &[TargetChecklist],
    stores: &[StoreChecklist],
    lang: Language,
) -> Result<String> {
    let mut out = String::new();
    for target in targets {
        let heading = format!(
            "{plan_name} — {} ({}, {})",
            target.marketplace,
            target.fulfilment.id(),
            target.channel.id()
        );
        render_checklist(&mut out, &heading, &target.checklist, lang)?;
    }
    for store in stores {
        let word = match lang {
            Language::En => "own store",
            Language::Fr => "boutique en propre",
        };
        let heading = format!(
            "{plan_name} — {word} {} ({}, {}, {})",
            store.channel,
            store.pack,
            store.market,
            store.customers.id()
        );
        render_checklist(&mut out, &heading, &store.checklist, lang)?;
    }
    Ok(out)
}

fn render_checklist(
    out: &mut String,
    heading: &str,
    checklist: &Checklist,
    lang: Language,
) -> Result<()> {
    let fr = matches!(lang, Language::Fr);
    writeln!(out, "{heading}")?;
    let launch_note = match (checklist.launch_date_is_earliest, fr) {
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
        checklist.as_of, checklist.launch_date
    )?;
    let readiness = &checklist.readiness;
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
    for (number, item) in checklist.items.iter().enumerate() {
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
    for item in &checklist.not_applicable {
        writeln!(out, "  {} — {}", item.id, lang.pick(&item.reason))?;
    }
    writeln!(out)?;
    writeln!(out, "{}", lang.pick(&checklist.disclaimer))?;
    writeln!(out)?;
    Ok(())
}
