//! Request and response types and handlers shared by the desktop commands, the CLI and tests.
//!
//! A handler takes plain inputs and returns serialisable results or a coded [`ApiError`]; the desktop
//! shell only deserialises, calls one of these, and serialises. Nothing here knows about Tauri.

pub mod bindings;

use std::path::Path;

use serde::{Deserialize, Serialize};
use thiserror::Error;
use ts_rs::TS;

use crate::checklist::bundled as bundled_checklists;
use crate::checklist::catalogue::{CatalogueError, Catalogues};
use crate::checklist::engine::{ItemProgress, ProgressStatus, TargetChecklist, evaluate_plan};
use crate::cost::{self, Detail, Quote};
use crate::money::Currency;
use crate::packs::{self, PackErrors, Packs};
use crate::plan::{Plan, PlanError, parse_plan};
use crate::rates::{self, RatesError, RatesStatus};
use crate::store::{ItemState, PlanId, PlanSummary, Store, StoreError};

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

impl From<CatalogueError> for ApiError {
    fn from(err: CatalogueError) -> Self {
        ApiError::new(
            ErrorCode::Internal,
            format!("the bundled checklists do not load: {err}"),
        )
    }
}

impl From<RatesError> for ApiError {
    fn from(err: RatesError) -> Self {
        let code = match err {
            RatesError::Store(_) => ErrorCode::Storage,
            _ => ErrorCode::Internal,
        };
        ApiError::new(code, err.to_string())
    }
}

/// A plan's unit economics with the exchange rates they were computed with.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct PlanQuote {
    pub quote: Quote,
    /// Where the rates come from (fetched, cached or bundled) and their date.
    pub rates: RatesStatus,
    /// Staleness warnings to show beside the figures.
    pub rate_warnings: Vec<String>,
}

/// A change to one checklist item, as the user makes it in the Checklist view.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ItemUpdate {
    pub item: String,
    pub status: ProgressStatus,
    pub owner: Option<String>,
    /// Required when `status` is `not_applicable`: why the item does not concern this seller.
    pub reason: Option<String>,
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
    catalogues: Catalogues,
}

impl Landfall {
    /// Opens (creating if needed) the database at `db_path` and seeds the example plan on first start,
    /// so a new user sees a real plan at once.
    pub fn open(db_path: &Path) -> Result<Landfall, ApiError> {
        let mut store = Store::open(db_path)?;
        store.seed_example_if_empty()?;
        let packs = packs::bundled()?;
        let catalogues = bundled_checklists::catalogues()?;
        Ok(Landfall {
            store,
            packs,
            catalogues,
        })
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

    /// Unit economics of every product × target of a plan, each figure explained, with the ECB
    /// rates (cached, or the bundled snapshot) in force at the plan's as-of date.
    pub fn quote_plan(&self, id: PlanId) -> Result<PlanQuote, ApiError> {
        let plan = self.get_plan(id)?.plan;
        let as_of = plan.plan.as_of;
        let rates = rates::load(&self.store, as_of)?;
        let marketplace_currencies = plan
            .targets
            .iter()
            .filter_map(|target| self.packs.marketplace(target.marketplace.id()))
            .map(|pack| pack.header.currency);
        let currencies = plan
            .currencies()
            .into_iter()
            .filter_map(|code| code.parse::<Currency>().ok())
            .chain(marketplace_currencies)
            .collect();
        let fx = rates.book.fx_rates_among(&currencies, as_of);
        Ok(PlanQuote {
            quote: cost::quote(&plan, &self.packs, &fx, Detail::Explained),
            rates: rates.status,
            rate_warnings: rates.warnings,
        })
    }

    /// The market-entry checklist of every target of a plan at the plan's as-of date, with the
    /// progress recorded for it.
    pub fn checklist(&self, id: PlanId) -> Result<Vec<TargetChecklist>, ApiError> {
        let plan = self.get_plan(id)?.plan;
        let progress = self
            .store
            .item_states(id)?
            .into_iter()
            .map(|state| state.progress)
            .collect::<Vec<_>>();
        Ok(evaluate_plan(
            &plan,
            &self.catalogues,
            plan.plan.as_of,
            None,
            &progress,
        ))
    }

    /// Records the status, owner or not-applicable reason of one item (one transaction) and returns
    /// the re-evaluated checklist.
    pub fn update_item(
        &mut self,
        id: PlanId,
        update: ItemUpdate,
    ) -> Result<Vec<TargetChecklist>, ApiError> {
        let known = self
            .catalogues
            .iter()
            .any(|catalogue| catalogue.item(&update.item).is_some());
        if !known {
            return Err(ApiError::new(
                ErrorCode::BadInput,
                format!("item: no checklist item has the id `{}`", update.item),
            ));
        }
        let reason = update
            .reason
            .map(|r| r.trim().to_owned())
            .filter(|r| !r.is_empty());
        if update.status == ProgressStatus::NotApplicable && reason.is_none() {
            return Err(ApiError::new(
                ErrorCode::BadInput,
                "reason: say why the item does not apply before marking it not applicable",
            ));
        }
        // Evidence records, due date and notes already kept for the item stay as they are.
        let previous = self
            .store
            .item_states(id)?
            .into_iter()
            .find(|state| state.progress.item == update.item);
        let (evidence, due_date, notes) = previous
            .map(|state| (state.progress.evidence, state.due_date, state.notes))
            .unwrap_or_default();
        let state = ItemState {
            progress: ItemProgress {
                item: update.item,
                status: update.status,
                owner: update
                    .owner
                    .map(|o| o.trim().to_owned())
                    .filter(|o| !o.is_empty()),
                reason,
                evidence,
            },
            due_date,
            notes,
        };
        self.store.set_item_state(id, &state)?;
        self.checklist(id)
    }
}
