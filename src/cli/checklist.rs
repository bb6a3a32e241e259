//! `landfall checklist PLAN`: the market-entry checklist of every target in a plan file, of every own
//! store and Rakuten shop, and the rules shared across channels (product law per destination, leaving
//! the EU, the Amazon account).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use serde::Serialize;

use landfall::checklist::bundled;
use landfall::checklist::catalogue::{CatalogueKey, Text};
use landfall::checklist::engine::{
    Checklist, ItemProgress, PlanChecklist, Status, evaluate_plan, parse_progress,
};
use landfall::checklist::explain;
use landfall::limits::{MAX_PLAN_FILE_BYTES, read_text_capped};
use landfall::plan::{Channel, Fulfilment, parse_plan};
use landfall::report::{channel_name, format};
use landfall::text::Lang;

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
        text.get(self.lang())
    }

    pub fn lang(self) -> Lang {
        match self {
            Language::En => Lang::En,
            Language::Fr => Lang::Fr,
        }
    }
}

#[derive(Serialize)]
struct Output<'a> {
    plan: &'a str,
    as_of: NaiveDate,
    #[serde(flatten)]
    checklist: PlanChecklist,
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
    let channel_packs = landfall::channels::bundled_channels()?;
    let checklist = evaluate_plan(
        &plan,
        &catalogues,
        &landfall::channels::own_stores(&plan, &channel_packs),
        as_of,
        args.launch,
        &progress,
    );
    if args.json {
        let output = Output {
            plan: &plan.plan.name,
            as_of,
            checklist,
        };
        emit(&serde_json::to_string_pretty(&output)?)?;
    } else {
        emit(&render_text(&plan.plan.name, &checklist, args.lang)?)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn status_label(status: Status, lang: Language) -> &'static str {
    let texts = format::texts(lang.lang());
    match status {
        Status::ToDo => texts.status_to_do,
        Status::InProgress => texts.status_in_progress,
        Status::InReview => texts.status_in_review,
        Status::Done => texts.status_done,
        Status::Recurring => texts.status_recurring,
        Status::Blocked => texts.status_blocked,
        Status::NotApplicable => texts.status_not_applicable,
    }
}

/// How orders reach buyers and who buys, in words.
fn fulfilment_words(fulfilment: Fulfilment, lang: Lang) -> &'static str {
    match fulfilment {
        Fulfilment::Fba => lang.pick("fulfilled by Amazon", "expédié par Amazon"),
        Fulfilment::Mfn => lang.pick("shipped by you", "expédié par vos soins"),
        Fulfilment::Local3pl => lang.pick("local logistics provider", "logisticien sur place"),
    }
}

fn customers_words(customers: Channel, lang: Lang) -> &'static str {
    match customers {
        Channel::B2c => lang.pick("consumers", "consommateurs"),
        Channel::B2b => lang.pick("businesses", "professionnels"),
        Channel::Both => lang.pick(
            "consumers and businesses",
            "consommateurs et professionnels",
        ),
    }
}

fn render_text(plan_name: &str, checklist: &PlanChecklist, language: Language) -> Result<String> {
    let lang = language.lang();
    let mut out = String::new();
    for target in &checklist.targets {
        let heading = format!(
            "{plan_name} — {} ({}, {})",
            format::marketplace(target.marketplace),
            fulfilment_words(target.fulfilment, lang),
            customers_words(target.channel, lang)
        );
        render_checklist(&mut out, &heading, &target.checklist, language)?;
    }
    for store in &checklist.stores {
        let word = match store.scope {
            CatalogueKey::Rakuten => lang.pick("Rakuten Ichiba shop", "boutique Rakuten Ichiba"),
            _ => lang.pick("own store", "boutique en propre"),
        };
        let heading = format!(
            "{plan_name} — {word} {} ({}, {}, {})",
            store.channel,
            store.pack,
            explain::market_in(store.market).get(lang),
            customers_words(store.customers, lang)
        );
        render_checklist(&mut out, &heading, &store.checklist, language)?;
    }
    for shared in &checklist.shared {
        let channels: Vec<String> = shared.channels.iter().map(channel_name).collect();
        let heading = format!(
            "{plan_name} — {} ({})",
            language.pick(&shared.title),
            channels.join(", ")
        );
        render_checklist(&mut out, &heading, &shared.checklist, language)?;
    }
    Ok(out)
}

fn render_checklist(
    out: &mut String,
    heading: &str,
    checklist: &Checklist,
    language: Language,
) -> Result<()> {
    let lang = language.lang();
    let texts = format::texts(lang);
    writeln!(out, "{heading}")?;
    let launch_note = if checklist.launch_date_is_earliest {
        format!(" ({})", texts.earliest)
    } else {
        String::new()
    };
    writeln!(
        out,
        "{} {}, {} {}{launch_note}",
        lang.pick("as of", "au"),
        explain::date(lang, checklist.as_of),
        lang.pick("launch", "lancement"),
        explain::date(lang, checklist.launch_date)
    )?;
    let readiness = &checklist.readiness;
    writeln!(
        out,
        "{}",
        lang.pick(
            format!(
                "Readiness: {} / {} mandatory items done ({})",
                readiness.done,
                readiness.total,
                lang.percent(readiness.percent)
            ),
            format!(
                "Préparation{}: {} / {} éléments obligatoires faits ({})",
                '\u{a0}',
                readiness.done,
                readiness.total,
                lang.percent(readiness.percent)
            ),
        )
    )?;
    if !readiness.blockers.is_empty() {
        let label = lang.pick("Launch blockers: ", "Bloquants\u{a0}: ");
        writeln!(out, "{label}{}", readiness.blockers.join(", "))?;
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
                let late = if item.overdue { " !" } else { "" };
                format!(
                    " — {} {}{late}",
                    lang.pick("due", "échéance"),
                    explain::date(lang, d)
                )
            })
            .unwrap_or_default();
        let status = if item.undecided {
            lang.pick("to answer", "à préciser")
        } else {
            status_label(item.status, language)
        };
        writeln!(
            out,
            "{:>3}. [{status}] {}{code} — {}{due}",
            number + 1,
            item.id,
            language.pick(&item.title)
        )?;
        writeln!(out, "       {}", language.pick(&item.reason))?;
        for question in &item.questions {
            let input = &question.input;
            let concerns = match (&input.sku, &input.channel) {
                (Some(sku), _) => format!(" ({sku})"),
                (None, Some(channel)) => format!(" ({channel})"),
                (None, None) => String::new(),
            };
            writeln!(out, "       ? {}{concerns}", language.pick(&question.text))?;
        }
        if !item.channels.is_empty() {
            let names: Vec<String> = item.channels.iter().map(channel_name).collect();
            let label = lang.pick("channels: ", "canaux\u{a0}: ");
            writeln!(out, "       {label}{}", names.join(", "))?;
        }
        if !item.blocked_by.is_empty() {
            let label = lang.pick("waits for: ", "attend\u{a0}: ");
            writeln!(out, "       {label}{}", item.blocked_by.join(", "))?;
        }
        if let Some(reopened) = &item.reopened {
            writeln!(out, "       {}", language.pick(reopened))?;
        }
    }
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        lang.pick("Not applicable:", "Non applicables\u{a0}:")
    )?;
    for item in &checklist.not_applicable {
        writeln!(out, "  {} — {}", item.id, language.pick(&item.reason))?;
    }
    writeln!(out)?;
    writeln!(out, "{}", language.pick(&checklist.disclaimer))?;
    writeln!(out)?;
    Ok(())
}
