//! Subcommands. Each lives in its own file and returns an exit code; errors become exit code 2.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod checklist;
mod compare;
mod db;
mod fees;
mod health;
mod hs;
mod landed;
mod packs;
mod plan_store;
mod plans;
mod products;
mod quote;
mod rates;
mod report;

/// Exit code for bad input (unreadable file, invalid field): the message on stderr names it.
pub const EXIT_BAD_INPUT: u8 = 2;
/// Exit code when another process kept the database locked past the busy timeout: nothing was
/// changed and the same command can simply be run again (`EX_TEMPFAIL` of sysexits.h).
pub const EXIT_BUSY: u8 = 75;
/// Exit code when a command must write a database that is read-only (`EX_NOPERM` of sysexits.h).
pub const EXIT_READ_ONLY: u8 = 77;

/// The exit code of a failed command: a lock or a read-only database are not bad input, so a
/// script can tell them apart (and retry the first).
pub fn exit_code(err: &anyhow::Error) -> u8 {
    use landfall::rates::RatesError;
    use landfall::store::StoreError;
    let store_error = err.chain().find_map(|cause| {
        cause
            .downcast_ref::<StoreError>()
            .or_else(|| match cause.downcast_ref::<RatesError>() {
                Some(RatesError::Store(inner)) => Some(inner),
                _ => None,
            })
    });
    match store_error {
        Some(StoreError::Busy) => EXIT_BUSY,
        Some(StoreError::ReadOnly { .. } | StoreError::ReadOnlyOutdated { .. }) => EXIT_READ_ONLY,
        _ => EXIT_BAD_INPUT,
    }
}

#[derive(Parser, Debug)]
#[command(
    name = "landfall",
    version,
    about = "Plan a first sale abroad: market-entry checklist, fees, landed cost, channels, reports",
    long_about = None
)]
pub struct Cli {
    /// SQLite database to use instead of the one in the app-data directory.
    #[arg(long, global = true, env = "LANDFALL_DB")]
    pub db: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Where Landfall keeps its data, and the version.
    About,
    /// Rule packs (fees, customs, duty rates): validate a pack tree.
    #[command(subcommand)]
    Packs(packs::PacksCommand),
    /// The HS 2022 nomenclature: find a code by its words, or check and describe a code.
    #[command(subcommand)]
    Hs(hs::HsCommand),
    /// Landed cost of an import declaration: duty, import taxes, fees, with every step explained.
    Landed(landed::LandedArgs),
    /// Marketplace fees of a set of sales: referral, closing, refund administration, per-order, FBA.
    Fees(fees::FeesArgs),
    /// Marketplace selling plans compared (--marketplace, --monthly-units), or the plans in the
    /// database (list, import, export).
    Plans(plans::PlansArgs),
    /// Unit economics of every product × target of a plan: price, fees, landed cost, FX, margin.
    Quote(quote::QuoteArgs),
    /// The market-entry checklist of every target in a plan: items in order, reasons, due dates, readiness.
    Checklist(checklist::ChecklistArgs),
    /// Seller performance metrics against Amazon's targets: pass, at risk or fail per metric.
    Health(health::HealthArgs),
    /// Products of a plan: import a catalogue from CSV or XLSX.
    #[command(subcommand)]
    Products(products::ProductsCommand),
    /// Exchange rates: ECB reference rates and Japan Customs weekly rates.
    #[command(subcommand)]
    Rates(rates::RatesCommand),
    /// Channel comparison: unit economics per product × channel, break-even, scenarios, sensitivity,
    /// qualitative weighing.
    Compare(compare::CompareArgs),
    /// Planning report of a plan: PDF, Excel, CSV or JSON, in French or English.
    Report(report::ReportArgs),
}

/// Text for a terminal: control characters other than line breaks and tabs (escape sequences, a
/// carriage return that overwrites the line, a bell) are shown escaped, `\u{1b}`, never sent raw, so
/// a name saved by an older build or typed into a file cannot drive the person's terminal.
pub fn terminal_safe(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() && c != '\n' && c != '\t';
    if !text.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Writes a command's output to stdout; a closed pipe (`| head`) is not an error.
pub fn emit(text: &str) -> anyhow::Result<()> {
    use std::io::Write as _;
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(terminal_safe(text).as_bytes())
        .and_then(|()| stdout.write_all(b"\n"))
        .and_then(|()| stdout.flush())
    {
        Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => Err(err.into()),
        _ => Ok(()),
    }
}

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::About => {
            println!("landfall {}", env!("CARGO_PKG_VERSION"));
            println!("database: {}", db::db_path(cli.db.as_deref())?.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Packs(command) => packs::run(command),
        Command::Hs(command) => hs::run(command),
        Command::Landed(args) => landed::run(args),
        Command::Fees(args) => fees::run(args),
        Command::Plans(command) => plans::run(cli.db.as_deref(), command),
        Command::Quote(args) => quote::run(cli.db.as_deref(), args),
        Command::Checklist(args) => checklist::run(args),
        Command::Health(args) => health::run(args),
        Command::Products(command) => products::run(cli.db.as_deref(), command),
        Command::Rates(command) => rates::run(cli.db.as_deref(), command),
        Command::Compare(args) => compare::run(cli.db.as_deref(), args),
        Command::Report(args) => report::run(cli.db.as_deref(), args),
    }
}
