//! What Settings shows about the rules the app runs on: each bundled rule pack and checklist
//! catalogue with its date, so a user can tell how current the figures are.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Landfall;
use crate::checklist::catalogue::Text;
use crate::packs::PackVersion;

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
