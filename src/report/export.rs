//! Writing a report to disk in the format the reader chose: the one report writer shared by the
//! CLI and the desktop (the renderers themselves stay pure).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Report, ReportError, pdf, tables, xlsx};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ReportFormat {
    Pdf,
    Xlsx,
    /// One CSV file per table, in a folder.
    Csv,
    Json,
}

impl ReportFormat {
    /// File extension, or `None` for CSV (a folder).
    pub fn extension(self) -> Option<&'static str> {
        match self {
            ReportFormat::Pdf => Some("pdf"),
            ReportFormat::Xlsx => Some("xlsx"),
            ReportFormat::Json => Some("json"),
            ReportFormat::Csv => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            ReportFormat::Pdf => "pdf",
            ReportFormat::Xlsx => "xlsx",
            ReportFormat::Csv => "csv",
            ReportFormat::Json => "json",
        }
    }
}

/// What was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Exported {
    pub format: ReportFormat,
    /// The file, or the folder of CSV files.
    pub path: PathBuf,
    #[ts(type = "number")]
    pub bytes: u64,
    /// Pages of a PDF.
    pub pages: Option<u32>,
    /// Files written (several for CSV).
    pub files: Vec<PathBuf>,
    /// Characters of a PDF that no bundled font can draw (printed as empty boxes).
    pub unrendered: Vec<char>,
}

/// A step of a long export, for a progress line or bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Rendering(pdf::Progress),
    WritingWorkbook,
    WritingFiles,
}

/// Checks that `out` can be written as `format` (a file, or a folder for CSV, created if needed)
/// by writing and removing a probe file beside it: a report that takes seconds to typeset is not
/// made only to fail at its last step.
pub fn check_writable(format: ReportFormat, out: &Path) -> Result<(), ReportError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ReportError::Io { path, source }
    };
    let folder = match format {
        ReportFormat::Csv => {
            std::fs::create_dir_all(out).map_err(io(out))?;
            out.to_path_buf()
        }
        _ => {
            if out.is_dir() {
                return Err(ReportError::Io {
                    path: out.to_path_buf(),
                    source: std::io::Error::new(
                        std::io::ErrorKind::IsADirectory,
                        "a folder is there, not a file",
                    ),
                });
            }
            match out.parent().filter(|parent| !parent.as_os_str().is_empty()) {
                Some(parent) => parent.to_path_buf(),
                None => PathBuf::from("."),
            }
        }
    };
    let probe = folder.join(format!(".landfall-write-check-{}", std::process::id()));
    std::fs::write(&probe, b"").map_err(io(out))?;
    // The probe is ours and empty; failing to remove it changes nothing for the report.
    let _ = std::fs::remove_file(&probe);
    Ok(())
}

/// Renders `report` as `format` and writes it to `out` (a folder for CSV, created if needed).
pub fn export(
    report: &Report,
    format: ReportFormat,
    out: &Path,
    mut progress: impl FnMut(Step),
) -> Result<Exported, ReportError> {
    let written = |bytes: Vec<u8>,
                   pages: Option<u32>,
                   unrendered: Vec<char>|
     -> Result<Exported, ReportError> {
        write(out, &bytes)?;
        Ok(Exported {
            format,
            path: out.to_path_buf(),
            bytes: bytes.len() as u64,
            pages,
            files: vec![out.to_path_buf()],
            unrendered,
        })
    };
    check_writable(format, out)?;
    match format {
        ReportFormat::Pdf => {
            let rendered = pdf::render(report, |step| progress(Step::Rendering(step)))?;
            let pages = u32::try_from(rendered.pages).unwrap_or(u32::MAX);
            written(rendered.bytes, Some(pages), rendered.unrendered)
        }
        ReportFormat::Xlsx => {
            progress(Step::WritingWorkbook);
            written(xlsx::workbook(report)?, None, Vec::new())
        }
        ReportFormat::Json => {
            let mut bytes = serde_json::to_vec_pretty(report)?;
            bytes.push(b'\n');
            written(bytes, None, Vec::new())
        }
        ReportFormat::Csv => {
            progress(Step::WritingFiles);
            std::fs::create_dir_all(out).map_err(|source| ReportError::Io {
                path: out.to_path_buf(),
                source,
            })?;
            let mut files = Vec::new();
            let mut bytes = 0;
            for table in tables::tables(report) {
                let path = out.join(format!("{}.csv", table.id));
                let text = tables::to_csv(&table);
                write(&path, text.as_bytes())?;
                bytes += text.len() as u64;
                files.push(path);
            }
            Ok(Exported {
                format,
                path: out.to_path_buf(),
                bytes,
                pages: None,
                files,
                unrendered: Vec::new(),
            })
        }
    }
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), ReportError> {
    std::fs::write(path, bytes).map_err(|source| ReportError::Io {
        path: path.to_path_buf(),
        source,
    })
}
