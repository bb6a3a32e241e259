//! `landfall hs search WORDS…` and `landfall hs show CODE`: the bundled HS 2022 nomenclature.

use std::process::ExitCode;

use anyhow::bail;
use clap::Subcommand;
use landfall::hs::{self, HsCheck, HsEntry};

#[derive(Subcommand, Debug)]
pub enum HsCommand {
    /// Codes whose description holds every word (English), subheadings first; a number such as
    /// `8518` matches codes that start with it.
    Search {
        #[arg(required = true)]
        words: Vec<String>,
        /// At most this many codes.
        #[arg(long, default_value_t = 25)]
        limit: usize,
        /// Print as JSON.
        #[arg(long)]
        json: bool,
    },
    /// A code's subheading, heading, chapter and section. Eight to ten digits are a national line,
    /// shown under its six-digit subheading. Exit code 2 when the code is not in the nomenclature.
    Show {
        code: String,
        /// Print as JSON.
        #[arg(long)]
        json: bool,
    },
}

pub fn run(command: HsCommand) -> anyhow::Result<ExitCode> {
    let nomenclature = hs::nomenclature()?;
    match command {
        HsCommand::Search { words, limit, json } => {
            let query = words.join(" ");
            let found = nomenclature.search(&query, limit);
            if json {
                return emit_json(&found);
            }
            if found.is_empty() {
                bail!(
                    "no {} code has \"{query}\" in its description (descriptions are in English)",
                    hs::EDITION
                );
            }
            let lines: Vec<String> = found
                .iter()
                .map(|entry| format!("{:<10} {}", entry.dotted(), entry.description))
                .collect();
            super::emit(&lines.join("\n"))?;
            Ok(ExitCode::SUCCESS)
        }
        HsCommand::Show { code, json } => match nomenclature.check(&code) {
            HsCheck::Known { found } => {
                if json {
                    return emit_json(&found);
                }
                let mut lines = Vec::new();
                if let Some((numeral, name)) = &found.section {
                    lines.push(format!("section {numeral:<7} {name}"));
                }
                for (label, entry) in [
                    ("chapter", found.chapter.as_ref()),
                    ("heading", found.heading.as_ref()),
                    ("subheading", Some(&found.subheading)),
                ] {
                    if let Some(HsEntry {
                        description, code, ..
                    }) = entry
                    {
                        lines.push(format!("{label:<10} {:<8} {description}", hs::dotted(code)));
                    }
                }
                if found.national {
                    lines.push(format!(
                        "national line {}: its first six digits are subheading {} of {}; the \
                         national digits are not checked",
                        hs::dotted(&found.code),
                        found.subheading.dotted(),
                        hs::EDITION
                    ));
                }
                super::emit(&lines.join("\n"))?;
                Ok(ExitCode::SUCCESS)
            }
            HsCheck::Unknown { code, edition } => {
                let near = code
                    .get(..4)
                    .and_then(|four| nomenclature.get(four))
                    .map(|heading| {
                        format!(
                            " (heading {} is: {}; `landfall hs search {}` lists its subheadings)",
                            heading.dotted(),
                            heading.description,
                            heading.code
                        )
                    })
                    .unwrap_or_default();
                bail!(
                    "{} is not a subheading of the {edition} nomenclature{near}",
                    hs::dotted(code.get(..6).unwrap_or(&code))
                )
            }
            HsCheck::Malformed { code } => {
                bail!("\"{code}\" is not an HS code: expected 6 to 10 digits, e.g. 8518.22")
            }
        },
    }
}

fn emit_json<T: serde::Serialize>(value: &T) -> anyhow::Result<ExitCode> {
    super::emit(&serde_json::to_string_pretty(value)?)?;
    Ok(ExitCode::SUCCESS)
}
