//! `landfall`: the command-line edge. Parses arguments, calls the library, prints; nothing else.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("landfall: {}", cli::terminal_safe(&format!("{err:#}")));
            ExitCode::from(cli::exit_code(&err))
        }
    }
}
