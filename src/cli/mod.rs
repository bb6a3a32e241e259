//! Subcommands. Each lives in its own file and returns an exit code; errors become exit code 2.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod packs;

/// Exit code for bad input (unreadable file, invalid field): the message on stderr names it.
pub const EXIT_BAD_INPUT: u8 = 2;

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
}

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::About => {
            println!("landfall {}", env!("CARGO_PKG_VERSION"));
            Ok(ExitCode::SUCCESS)
        }
        Command::Packs(command) => packs::run(command),
    }
}
