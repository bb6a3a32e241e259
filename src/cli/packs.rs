//! `landfall packs validate [DIR] [--user]`, and the pack loading shared by the cost commands.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::Subcommand;
use landfall::limits::{MAX_INPUT_FILE_BYTES, read_text_capped};
use landfall::packs::{self, Packs};

#[derive(Subcommand, Debug)]
pub enum PacksCommand {
    /// Check a pack tree: every file parses, every figure has source, dates and confidence.
    /// Without DIR, checks the packs built into this binary. With DIR = `data/`, checks `data/packs/`.
    Validate {
        dir: Option<PathBuf>,
        /// Treat DIR as a user override folder and check it merged over the bundled packs.
        #[arg(long)]
        user: bool,
    },
}

pub fn run(command: PacksCommand) -> anyhow::Result<ExitCode> {
    match command {
        PacksCommand::Validate { dir, user } => validate(dir.as_deref(), user),
    }
}

fn validate(dir: Option<&Path>, user: bool) -> anyhow::Result<ExitCode> {
    let files = match dir {
        Some(dir) => read_pack_dir(dir)?,
        None => Vec::new(),
    };
    let borrowed = files
        .iter()
        .map(|(name, text)| (name.as_str(), text.as_str()));
    let loaded = match (dir, user) {
        (None, _) => packs::bundled(),
        (Some(_), true) => packs::load(packs::BUNDLED_FILES.iter().copied(), borrowed),
        (Some(_), false) => packs::load(borrowed, std::iter::empty()),
    };
    match loaded {
        Ok(packs) => {
            let file_count = if dir.is_some() {
                files.len()
            } else {
                packs::BUNDLED_FILES.len()
            };
            println!(
                "ok: {file_count} pack files, {} figures, every one with source, date and confidence",
                packs.figure_count()
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(errors) => {
            eprintln!("{errors}");
            eprintln!("{} problem(s) found", errors.0.len());
            Ok(ExitCode::from(super::EXIT_BAD_INPUT))
        }
    }
}

/// Bundled packs with the user's override folder (if any) merged over them.
pub fn load_packs(user_dir: Option<&Path>) -> anyhow::Result<Packs> {
    let files = match user_dir {
        Some(dir) => read_pack_dir(dir)?,
        None => Vec::new(),
    };
    packs::load(
        packs::BUNDLED_FILES.iter().copied(),
        files
            .iter()
            .map(|(name, text)| (name.as_str(), text.as_str())),
    )
    .map_err(|errors| anyhow::anyhow!("invalid rule packs:\n{errors}"))
}

/// Every `*.toml` under `dir` (or under `dir/packs` when it exists, so `data/` works), sorted, named
/// by their path for error messages.
fn read_pack_dir(dir: &Path) -> anyhow::Result<Vec<(String, String)>> {
    let packs_dir = dir.join("packs");
    let root = if packs_dir.is_dir() {
        packs_dir
    } else {
        dir.to_path_buf()
    };
    let mut paths = Vec::new();
    collect_toml(&root, &mut paths)?;
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let text = read_text_capped(&path, MAX_INPUT_FILE_BYTES, "a pack file")?;
            Ok((path.display().to_string(), text))
        })
        .collect()
}

fn collect_toml(dir: &Path, paths: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    let entries = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read directory {}", dir.display()))?;
    for entry in entries {
        let path = entry
            .with_context(|| format!("cannot read directory {}", dir.display()))?
            .path();
        if path.is_dir() {
            collect_toml(&path, paths)?;
        } else if path.extension().is_some_and(|ext| ext == "toml") {
            paths.push(path);
        }
    }
    Ok(())
}
