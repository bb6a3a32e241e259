//! Request and response types and handlers shared by the desktop commands, the CLI and tests.
//!
//! A handler takes plain inputs and returns serialisable results or a coded [`ApiError`]; the desktop
//! shell only deserialises, calls one of these, and serialises. Nothing here knows about Tauri.

pub mod bindings;

use std::path::Path;

use serde::{Deserialize, Serialize};
use thiserror::Error;
use ts_rs::TS;

use crate::cost::{self, Detail, Quote};
use crate::packs::{self, PackErrors, Packs};
use crate::plan::{Plan, PlanError, parse_plan};
use crate::store::{PlanId, PlanSummary, Store, StoreError};

/// What the UI can branch on without matching message text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum ErrorCode {
    /// The input (a plan file, a field) is invalid; the message names where.
    BadInput,
    NotFound,
    /// The database was written by a newer Landfall; this build refuses to touch it.
    NewerDatabase,
    Storage,
    Internal,
}

/// The error every handler returns: a code for the UI and a message for the person.
#[derive(Debug, Clone, Error, Serialize, Deserialize, TS)]
#[error("{message}")]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        ApiError {
            code,
            message: message.into(),
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(err: StoreError) -> Self {
        let code = match &err {
            StoreError::PlanNotFound(_) | StoreError::PlanNameNotFound(_) => ErrorCode::NotFound,
            StoreError::NewerDatabase { .. } => ErrorCode::NewerDatabase,
            StoreError::EmptyName | StoreError::NameTaken(_) | StoreError::InvalidPlanToml(_) => {
                ErrorCode::BadInput
            }
            _ => ErrorCode::Storage,
        };
        ApiError::new(code, err.to_string())
    }
}

impl From<PlanError> for ApiError {
    fn from(err: PlanError) -> Self {
        ApiError::new(ErrorCode::BadInput, err.to_string())
    }
}

impl From<PackErrors> for ApiError {
    fn from(err: PackErrors) -> Self {
        // The bundled packs are validated by the test suite, so this is a build defect.
        ApiError::new(
            ErrorCode::Internal,
            format!("the bundled rule packs do not load: {err}"),
        )
    }
}

/// Where the running app keeps its data, shown in Settings.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct AppInfo {
    pub version: String,
    pub data_dir: String,
    pub database: String,
}

/// A stored plan, parsed.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct PlanDetail {
    pub summary: PlanSummary,
    pub plan: Plan,
}

/// The handlers' context: one open database. The desktop holds one behind a mutex; tests open one
/// on a temporary file.
pub struct Landfall {
    store: Store,
    packs: Packs,
}

impl Landfall {
    /// Opens (creating if needed) the database at `db_path` and seeds the example plan on first start,
    /// so a new user sees a real plan at once.
    pub fn open(db_path: &Path) -> Result<Landfall, ApiError> {
        let mut store = Store::open(db_path)?;
        store.seed_example_if_empty()?;
        let packs = packs::bundled()?;
        Ok(Landfall { store, packs })
    }

    pub fn app_info(&self) -> AppInfo {
        let database = self.store.path().to_path_buf();
        let data_dir = database.parent().map(Path::to_path_buf).unwrap_or_default();
        AppInfo {
            version: env!("CARGO_PKG_VERSION").to_owned(),
            data_dir: data_dir.display().to_string(),
            database: database.display().to_string(),
        }
    }

    pub fn list_plans(&self) -> Result<Vec<PlanSummary>, ApiError> {
        Ok(self.store.list_plans()?)
    }

    pub fn get_plan(&self, id: PlanId) -> Result<PlanDetail, ApiError> {
        let record = self.store.get_plan(id)?;
        let plan = parse_plan(&record.summary.name, &record.toml)?;
        Ok(PlanDetail {
            summary: record.summary,
            plan,
        })
    }

    /// Unit economics of every product × target of a plan, each figure explained.
    pub fn quote_plan(&self, id: PlanId) -> Result<Quote, ApiError> {
        let plan = self.get_plan(id)?.plan;
        Ok(cost::quote(&plan, &self.packs, &[], Detail::Explained))
    }
}
