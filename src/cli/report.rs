//! `landfall report PLAN --format pdf|xlsx|csv|json --lang fr|en --out PATH [--scenario NAME]`: the
//! planning report of a plan file, with its channel comparison when it has `[[channels]]`. CSV writes
//! one file per table into the folder PATH.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::str::FromStr;

use anyhow::{Context, bail};
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use landfall::channels;
use landfall::checklist;
use landfall::cost::{self, Detail};
use landfall::limits::{MAX_LOGO_BYTES, read_capped};
use landfall::money::FxRate;
use landfall::report::export::{ReportFormat, Step, check_writable, export};
use landfall::report::{self, Lang, Logo, Paper, ReportOptions, pdf};

use super::emit;
use super::quote::plan_with_given_rates;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    Pdf,
    Xlsx,
    Csv,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LangArg {
    Fr,
    En,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum PaperArg {
    A4,
    Letter,
}

#[derive(Args, Debug)]
pub struct ReportArgs {
    /// Plan file (TOML).
    pub plan: PathBuf,
    #[arg(long, value_enum, default_value = "pdf")]
    pub format: Format,
    #[arg(long, value_enum, default_value = "fr")]
    pub lang: LangArg,
    /// Output file; for CSV, a folder that receives one file per table.
    #[arg(long, value_name = "PATH")]
    pub out: PathBuf,
    #[arg(long, value_enum, default_value = "a4")]
    pub paper: PaperArg,
    /// The consultant's name, printed on the cover and in the footer.
    #[arg(long, env = "LANDFALL_CONSULTANT")]
    pub consultant: Option<String>,
    /// The consultant's logo (PNG, JPEG or SVG), printed on the cover.
    #[arg(long, env = "LANDFALL_LOGO", value_name = "FILE")]
    pub logo: Option<PathBuf>,
    /// The client's name, printed on the cover.
    #[arg(long)]
    pub client: Option<String>,
    /// The report's date (default: today). The rules' date is the plan's `as_of`.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// An exchange rate, `EUR/JPY=171.78[@DATE]`, as for `landfall quote`. Repeat for each pair.
    #[arg(long = "fx", value_name = "FROM/TO=RATE[@DATE]")]
    pub fx: Vec<String>,
    /// Folder of your own pack files, merged over the bundled packs.
    #[arg(long, value_name = "DIR")]
    pub packs: Option<PathBuf>,
    /// With `[[channels]]`: the scenario the best channel and the sensitivity use (default: the
    /// first).
    #[arg(long, value_name = "NAME")]
    pub scenario: Option<String>,
}

pub fn run(db: Option<&Path>, args: ReportArgs) -> anyhow::Result<ExitCode> {
    // Where the report goes is checked first, before seconds of computing and typesetting.
    check_writable(args.format.into(), &args.out)
        .with_context(|| format!("--out {}", args.out.display()))?;
    let (plan, mut rates) = plan_with_given_rates(&args.plan, &args.fx)?;
    // As in the desktop: the ECB cross rates in force at the as-of date fill the pairs `--fx` does
    // not give (the engines take the first rate that fits, so the user's come first).
    rates.extend(ecb_rates(db, plan.plan.as_of)?);
    let packs = super::packs::load_packs(args.packs.as_deref())?;
    let generated_on = match &args.date {
        Some(date) => NaiveDate::from_str(date.trim())
            .with_context(|| format!("--date `{date}`: expected YYYY-MM-DD"))?,
        None => chrono::Local::now().date_naive(),
    };
    let options = ReportOptions {
        lang: match args.lang {
            LangArg::Fr => Lang::Fr,
            LangArg::En => Lang::En,
        },
        paper: match args.paper {
            PaperArg::A4 => Paper::A4,
            PaperArg::Letter => Paper::Letter,
        },
        consultant: args.consultant.clone(),
        client: args.client.clone(),
        generated_on,
        logo: match &args.logo {
            Some(path) => {
                let bytes = read_capped(path, MAX_LOGO_BYTES, "a logo").context("--logo")?;
                Some(Logo::new(bytes).with_context(|| format!("--logo {}", path.display()))?)
            }
            None => None,
        },
    };
    let progress = Progress::new();
    progress.say("quoting");
    let quote = cost::quote(&plan, &packs, &rates, Detail::Explained);
    let catalogues = checklist::bundled::catalogues()?;
    let channel_packs = channels::bundled_channels()?;
    let checklists = channels::plan_checklist(&plan, &catalogues, &channel_packs);
    let mut report = report::build(&plan, &quote, &checklists, &options);
    if plan.channels.is_empty() {
        if args.scenario.is_some() {
            bail!("--scenario: the plan has no [[channels]] to compare");
        }
    } else {
        progress.say("comparing channels");
        let comparison = channels::compare(
            &plan,
            &packs,
            &channel_packs,
            &rates,
            args.scenario.as_deref(),
        )
        .with_context(|| args.plan.display().to_string())?;
        report = report.with_channels(&comparison);
    }
    let exported = export(&report, args.format.into(), &args.out, |step| {
        progress.say(&describe(step))
    })?;
    let summary = match (exported.format, exported.pages) {
        (ReportFormat::Pdf, Some(pages)) => format!("{pages} pages, {} bytes", exported.bytes),
        (ReportFormat::Csv, _) => format!("{} tables", exported.files.len()),
        _ => format!("{} bytes", exported.bytes),
    };
    progress.done();
    if !exported.unrendered.is_empty() {
        let listed: Vec<String> = exported
            .unrendered
            .iter()
            .map(|c| format!("{c} (U+{:04X})", u32::from(*c)))
            .collect();
        eprintln!(
            "landfall: no font in the report has these characters; they print as empty boxes: {}",
            listed.join(", ")
        );
    }
    emit(&format!("wrote {} ({summary})", args.out.display()))?;
    Ok(ExitCode::SUCCESS)
}

/// Every cross rate the ECB book (the database's cached rates over the bundled snapshot) gives on
/// `as_of`; staleness warnings go to stderr.
fn ecb_rates(db: Option<&Path>, as_of: NaiveDate) -> anyhow::Result<Vec<FxRate>> {
    let store = super::db::open_store_for_reading(db)?;
    let loaded = landfall::rates::load(&store, super::db::today())?;
    for warning in &loaded.warnings {
        eprintln!("landfall: {warning}");
    }
    Ok(loaded.cross_rates_on(as_of))
}

fn describe(step: Step) -> String {
    match step {
        Step::Rendering(pdf::Progress::Charts { done, total }) => format!("charts {done}/{total}"),
        Step::Rendering(pdf::Progress::Typesetting) => "typesetting".to_string(),
        Step::Rendering(pdf::Progress::Writing) => "writing PDF".to_string(),
        Step::WritingWorkbook => "writing workbook".to_string(),
        Step::WritingFiles => "writing CSV files".to_string(),
    }
}

impl From<Format> for ReportFormat {
    fn from(format: Format) -> Self {
        match format {
            Format::Pdf => ReportFormat::Pdf,
            Format::Xlsx => ReportFormat::Xlsx,
            Format::Csv => ReportFormat::Csv,
            Format::Json => ReportFormat::Json,
        }
    }
}

/// One status line on stderr, rewritten in place, only when stderr is a terminal.
struct Progress {
    on_terminal: bool,
}

impl Progress {
    fn new() -> Progress {
        Progress {
            on_terminal: std::io::stderr().is_terminal(),
        }
    }

    fn say(&self, text: &str) {
        if self.on_terminal {
            let mut stderr = std::io::stderr().lock();
            // A failed progress line must not fail the export.
            let _ = write!(stderr, "\r\x1b[2Kreport: {text}");
            let _ = stderr.flush();
        }
    }

    fn done(&self) {
        if self.on_terminal {
            let _ = write!(std::io::stderr().lock(), "\r\x1b[2K");
        }
    }
}
