//! `landfall landed FILE [--json] [--packs DIR]`: landed cost of an import declaration.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use landfall::cost::{self, Declaration, Explanation, LandedCost};
use landfall::limits::{MAX_INPUT_FILE_BYTES, read_text_capped};
use landfall::money::group_digits;

#[derive(Args, Debug)]
pub struct LandedArgs {
    /// Declaration file (TOML): destination, as_of, currency, consignment, [[lines]].
    pub file: PathBuf,
    /// Print the result as JSON (amounts as decimal strings).
    #[arg(long)]
    pub json: bool,
    /// Folder of your own pack files, merged over the bundled packs.
    #[arg(long, value_name = "DIR")]
    pub packs: Option<PathBuf>,
}

pub fn run(args: LandedArgs) -> anyhow::Result<ExitCode> {
    let declaration: Declaration = read_input(&args.file)?;
    let packs = super::packs::load_packs(args.packs.as_deref())?;
    let result = cost::landed_cost(&declaration, &packs)
        .with_context(|| format!("{}", args.file.display()))?;
    if args.json {
        emit(&format!("{}\n", serde_json::to_string_pretty(&result)?))?;
    } else {
        emit(&render(&result))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Appends one formatted line to a `String`.
macro_rules! out_line {
    ($out:expr, $($arg:tt)*) => {{
        $out.push_str(&format!($($arg)*));
        $out.push('\n');
    }};
}
pub(crate) use out_line;

/// Writes the whole output at once; a closed pipe (`| head`) ends quietly instead of panicking.
pub fn emit(text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(super::terminal_safe(text).as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => Err(error.into()),
        _ => Ok(()),
    }
}

/// Reads and parses a TOML input file; errors name the file, line and field.
pub fn read_input<T: serde::de::DeserializeOwned>(path: &Path) -> anyhow::Result<T> {
    let text = read_text_capped(path, MAX_INPUT_FILE_BYTES, "an input file")?;
    cost::parse_input(&path.display().to_string(), &text).map_err(anyhow::Error::from)
}

pub fn render_steps(out: &mut String, indent: &str, steps: &[Explanation]) {
    for step in steps {
        let marker = if step.overridden {
            " [your figure]"
        } else {
            ""
        };
        // The command line writes English; the JSON carries both languages.
        out_line!(
            out,
            "{indent}{}: {}{marker}",
            step.label.en,
            step.formula.en
        );
        if let Some(rule) = &step.rule {
            let provenance = &rule.provenance;
            out_line!(
                out,
                "{indent}    rule: {} — {} <{}> (from {}, {:?})",
                rule.description.en,
                provenance.source.title,
                provenance.source.url,
                provenance.effective_from,
                provenance.confidence
            );
        }
    }
}

fn render(result: &LandedCost) -> String {
    let mut out = String::new();
    let currency = result.currency;
    out_line!(
        out,
        "Landed cost: {} on {} ({:?}), amounts in {currency}",
        result.destination,
        result.as_of,
        result.consignment
    );
    render_steps(&mut out, "  ", &result.consignment_explain);
    for (index, line) in result.lines.iter().enumerate() {
        out_line!(out, "Line {}", index + 1);
        render_steps(&mut out, "  ", &line.explain);
        for gap in &line.missing {
            out_line!(out, "  MISSING {}: {}", gap.field, gap.message.en);
        }
    }
    for gap in &result.missing {
        out_line!(out, "MISSING {}: {}", gap.field, gap.message.en);
    }
    out_line!(out, "Payable");
    render_steps(&mut out, "  ", &result.totals.explain);
    out_line!(out, "  duty: {}", group_digits(result.totals.duty));
    for tax in &result.totals.taxes {
        out_line!(out, "  {}: {}", tax.code, group_digits(tax.amount));
    }
    out_line!(
        out,
        "  total: {} {currency}",
        group_digits(result.totals.total)
    );
    if !result.totals.complete {
        out_line!(
            out,
            "  (incomplete: some lines miss an input; see MISSING above)"
        );
    }
    out
}
