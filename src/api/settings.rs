//! What Settings shows about the rules the app runs on: each bundled rule pack and checklist
//! catalogue with its date, so a user can tell how current the figures are.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use std::path::PathBuf;

use super::{ApiError, ErrorCode, Landfall};
use crate::checklist::catalogue::Text;
use crate::limits::{MAX_LOGO_BYTES, read_capped};
use crate::packs::PackVersion;
use crate::report::{Logo, ReportError};

/// The names the consultant's logo may have in the data folder, one per image kind.
const LOGO_FILES: [&str; 4] = ["logo.png", "logo.jpg", "logo.jpeg", "logo.svg"];

/// A checklist catalogue's review date and the newest `last_verified` of its items.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ChecklistVersion {
    pub title: Text,
    #[ts(type = "string")]
    pub version: NaiveDate,
    #[ts(type = "number")]
    pub items: usize,
    #[ts(type = "string | null")]
    pub oldest_verified: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct DataVersions {
    pub packs: Vec<PackVersion>,
    pub checklists: Vec<ChecklistVersion>,
}

impl Landfall {
    pub fn data_versions(&self) -> DataVersions {
        DataVersions {
            packs: self.packs.versions(),
            checklists: self
                .catalogues
                .iter()
                .map(|catalogue| ChecklistVersion {
                    title: catalogue.catalogue.title.clone(),
                    version: catalogue.catalogue.version,
                    items: catalogue.items.len(),
                    oldest_verified: catalogue.items.iter().map(|item| item.last_verified).min(),
                })
                .collect(),
        }
    }
}

impl Landfall {
    /// A report file the desktop may open with the system viewer: only an existing file inside
    /// `reports/` of this data folder, whatever path the window sends.
    pub fn report_file(&self, path: &str) -> Result<std::path::PathBuf, super::ApiError> {
        let refused = || {
            super::ApiError::new(
                super::ErrorCode::BadInput,
                format!("path: {path} is not a report of this data folder"),
            )
        };
        let folder = self.reports_dir().canonicalize().map_err(|_| refused())?;
        let file = std::path::Path::new(path)
            .canonicalize()
            .map_err(|_| refused())?;
        if file.starts_with(&folder) && file.is_file() {
            Ok(file)
        } else {
            Err(refused())
        }
    }
}

impl Landfall {
    /// The logo file kept in the data folder for reports, if any.
    pub fn logo_file(&self) -> Option<PathBuf> {
        LOGO_FILES
            .iter()
            .map(|name| self.data_dir().join(name))
            .find(|path| path.is_file())
    }

    /// The consultant's logo for the report cover, read and checked.
    pub(crate) fn logo(&self) -> Result<Option<Logo>, ApiError> {
        let Some(path) = self.logo_file() else {
            return Ok(None);
        };
        let bytes = read_capped(&path, MAX_LOGO_BYTES, "a logo")
            .map_err(|err| ApiError::new(ErrorCode::BadInput, err.to_string()))?;
        Logo::new(bytes)
            .map(Some)
            .map_err(|err| ApiError::new(ErrorCode::BadInput, format!("{}: {err}", path.display())))
    }

    /// Keeps a copy of the image at `source` as the logo of every report, replacing any other; a
    /// file that is not a PNG, JPEG or SVG image is refused and the previous logo stays.
    pub fn set_logo(&mut self, source: &str) -> Result<String, ApiError> {
        let source = std::path::Path::new(source);
        let bytes = read_capped(source, MAX_LOGO_BYTES, "a logo")
            .map_err(|err| ApiError::new(ErrorCode::BadInput, format!("logo: {err}")))?;
        let name = if bytes.starts_with(b"\x89PNG") {
            "logo.png"
        } else if bytes.starts_with(b"\xff\xd8\xff") {
            "logo.jpg"
        } else {
            "logo.svg"
        };
        Logo::new(bytes.clone()).map_err(|err| {
            ApiError::new(
                ErrorCode::BadInput,
                format!("logo: {}: {err}", source.display()),
            )
        })?;
        self.remove_logo()?;
        let target = self.data_dir().join(name);
        std::fs::write(&target, bytes).map_err(|source| ReportError::Io {
            path: target.clone(),
            source,
        })?;
        Ok(target.display().to_string())
    }

    /// Reports go out without a logo again.
    pub fn remove_logo(&mut self) -> Result<(), ApiError> {
        while let Some(path) = self.logo_file() {
            std::fs::remove_file(&path).map_err(|source| ReportError::Io {
                path: path.clone(),
                source,
            })?;
        }
        Ok(())
    }
}

/// The words of the native menu in the window's language; the window sends them when the language
/// changes, so the menu speaks the same language as the views.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct MenuLabels {
    pub file: String,
    pub new_plan: String,
    pub open: String,
    pub save_copy: String,
    pub export_report: String,
    pub quit: String,
    pub edit: String,
    pub undo: String,
    pub redo: String,
    pub cut: String,
    pub copy: String,
    pub paste: String,
    pub select_all: String,
    pub view: String,
    pub workshop: String,
}

impl Default for MenuLabels {
    /// The menu before the window has said its language.
    fn default() -> Self {
        let text = |s: &str| s.to_owned();
        MenuLabels {
            file: text("File"),
            new_plan: text("New plan"),
            open: text("Open…"),
            save_copy: text("Save a copy…"),
            export_report: text("Export report…"),
            quit: text("Quit"),
            edit: text("Edit"),
            undo: text("Undo"),
            redo: text("Redo"),
            cut: text("Cut"),
            copy: text("Copy"),
            paste: text("Paste"),
            select_all: text("Select all"),
            view: text("View"),
            workshop: text("Workshop mode"),
        }
    }
}
