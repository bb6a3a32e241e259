//! Request and response types and handlers shared by the desktop commands, the CLI and tests.
//!
//! A handler takes plain inputs and returns serialisable results or a coded [`ApiError`]; the desktop
//! shell only deserialises, calls one of these, and serialises. Nothing here knows about Tauri.

pub mod bindings;
mod channel_editing;
mod editing;
mod health;
mod settings;

pub use channel_editing::{
    ChannelOption, ChannelSetup, QuoteRequest, pack_problems, target_channel,
};
pub use editing::{CatalogueCheck, EvidenceAttachment, NewPlan, Profile, import_context};
pub use settings::{ChecklistVersion, DataVersions, MenuLabels};

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use thiserror::Error;
use ts_rs::TS;

use crate::channels::{self, ChannelPacks, Comparison};
use crate::checklist::bundled as bundled_checklists;
use crate::checklist::catalogue::{CatalogueError, Catalogues};
use crate::checklist::engine::{ItemProgress, PlanChecklist, ProgressStatus, evaluate_plan};
use crate::cost::{self, Detail, Quote};
use crate::money::{Currency, FxRate};
use crate::packs::{self, PackErrors, Packs};
use crate::plan::categories::category_name;
use crate::plan::examples::{ExampleInfo, bundled_examples};
use crate::plan::{Marketplace, Plan, PlanError, Problem, parse_plan};
use crate::rates::{self, RateWarning, Rates, RatesError, RatesReport, RatesStatus, UpdateOutcome};
use crate::report::export::{Exported, ReportFormat, Step, export};
use crate::report::pdf::Progress;
use crate::report::{self as planning_report, Lang, Paper, ReportError, ReportOptions};
use crate::store::{PlanId, PlanSummary, Store, StoreError, sha256_hex};
use crate::text::Text;

/// What the UI can branch on without matching message text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum ErrorCode {
    /// The input (a plan file, a field) is invalid; the message names where.
    BadInput,
    NotFound,
    /// The database was written by a newer Landfall; this build refuses to touch it.
    NewerDatabase,
    /// Another Landfall window or command kept the database locked past the busy timeout; nothing
    /// was changed and the same action can be tried again.
    Busy,
    /// The database cannot be written (file or folder permissions, a read-only disk).
    ReadOnly,
    /// An imported plan's name is taken: ask for another (`free_name` is the first free one).
    NameTaken,
    Storage,
    Internal,
}

/// The error every handler returns: a code for the UI and a message for the person.
#[derive(Debug, Clone, Error, Serialize, Deserialize, TS)]
#[error("{message}")]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    /// For a refused edit: each field at fault, so the form can show the message beside it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<Problem>,
    /// For [`ErrorCode::NameTaken`]: the first free `Name (n)`, to offer in the window.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub free_name: Option<String>,
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        ApiError {
            code,
            message: message.into(),
            problems: Vec::new(),
            free_name: None,
        }
    }

    /// A refused input: one line a problem in the message, and the problems for the form's fields.
    pub fn invalid(problems: Vec<Problem>) -> Self {
        let message = problems
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n");
        ApiError {
            problems,
            ..ApiError::new(ErrorCode::BadInput, message)
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(err: StoreError) -> Self {
        let code = match &err {
            StoreError::PlanNotFound(_) | StoreError::PlanNameNotFound(_) => ErrorCode::NotFound,
            StoreError::NewerDatabase { .. } => ErrorCode::NewerDatabase,
            StoreError::Busy => ErrorCode::Busy,
            StoreError::ReadOnly { .. } | StoreError::ReadOnlyOutdated { .. } => {
                ErrorCode::ReadOnly
            }
            StoreError::ImportNameTaken { free, .. } => {
                return ApiError {
                    free_name: Some(free.clone()),
                    ..ApiError::new(ErrorCode::NameTaken, err.to_string())
                };
            }
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
        match err {
            // A lock or a read-only database is the store's to classify.
            RatesError::Store(store) => store.into(),
            other => ApiError::new(ErrorCode::Internal, other.to_string()),
        }
    }
}

/// A plan's unit economics with the exchange rates they were computed with.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct PlanQuote {
    pub quote: Quote,
    /// Where the rates come from (fetched, cached or bundled) and their date.
    pub rates: RatesStatus,
    /// Staleness warnings to show beside the figures.
    pub rate_warnings: Vec<RateWarning>,
}

/// A plan's channel comparison with the exchange rates it was computed with.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct PlanComparison {
    pub comparison: Comparison,
    pub rates: RatesStatus,
    pub rate_warnings: Vec<RateWarning>,
}

impl From<ReportError> for ApiError {
    fn from(err: ReportError) -> Self {
        let code = match err {
            ReportError::Io { .. } => ErrorCode::Storage,
            _ => ErrorCode::Internal,
        };
        ApiError::new(code, err.to_string())
    }
}

/// What the user picks in the Reports view.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ReportRequest {
    pub format: ReportFormat,
    pub lang: Lang,
    pub paper: Paper,
    pub consultant: Option<String>,
    pub client: Option<String>,
}

/// Where a long export has got to, as the Reports view shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "stage", rename_all = "kebab-case")]
pub enum ExportProgress {
    /// Drawing chart `done` of `total` for the PDF.
    Charts {
        #[ts(type = "number")]
        done: usize,
        #[ts(type = "number")]
        total: usize,
    },
    Typesetting,
    WritingPdf,
    WritingWorkbook,
    WritingFiles,
}

impl From<Step> for ExportProgress {
    fn from(step: Step) -> Self {
        match step {
            Step::Rendering(Progress::Charts { done, total }) => {
                ExportProgress::Charts { done, total }
            }
            Step::Rendering(Progress::Typesetting) => ExportProgress::Typesetting,
            Step::Rendering(Progress::Writing) => ExportProgress::WritingPdf,
            Step::WritingWorkbook => ExportProgress::WritingWorkbook,
            Step::WritingFiles => ExportProgress::WritingFiles,
        }
    }
}

/// An exchange rate the user types: 1 EUR = `per_eur` `currency`, in force from `date`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ManualRate {
    pub currency: String,
    #[ts(type = "string")]
    pub per_eur: rust_decimal::Decimal,
    #[ts(type = "string")]
    pub date: NaiveDate,
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
    /// The example plans a new plan can start from, in the order to offer them.
    pub examples: Vec<ExampleInfo>,
}

/// A stored plan, parsed.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct PlanDetail {
    pub summary: PlanSummary,
    pub plan: Plan,
    /// Each product's HS code (as stored) with its HS 2022 description, or flagged when the
    /// nomenclature does not hold it.
    pub hs_codes: BTreeMap<String, crate::hs::HsLabel>,
    /// The currency each marketplace sells in (from its pack): prices and fees typed for a
    /// marketplace are in it.
    pub currencies: BTreeMap<Marketplace, Currency>,
    /// What the window needs to ask for a plan's inputs in each marketplace's terms.
    pub markets: BTreeMap<Marketplace, MarketTerms>,
}

/// A marketplace as the plan's inputs meet it, on the plan's as-of date.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct MarketTerms {
    /// The marketplace's own name ("Amazon.co.jp").
    pub name: String,
    /// Shelf prices include the destination's consumption tax or VAT (Japan, the EU, the UK), or
    /// not (the US, where sales tax is added at checkout).
    pub prices_include_tax: bool,
    /// The referral-fee categories in force, in the pack's order.
    pub categories: Vec<CategoryChoice>,
    /// The destination's customs charge a fee per entry (the US Merchandise Processing Fee), which
    /// the user may type when the rules have none in force.
    pub customs_fee: bool,
}

/// One referral-fee category a product can be listed in.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct CategoryChoice {
    pub id: String,
    /// Our name in both languages (`None` when `data/categories.toml` has none).
    pub name: Option<Text>,
    /// The marketplace's own name for it, as the pack writes it.
    pub label: String,
}

/// A report built from a plan and ready to render, holding no database handle: the desktop renders it
/// on a worker thread while the window goes on answering.
#[derive(Debug, Clone)]
pub struct PreparedReport {
    plan: PlanId,
    as_of: NaiveDate,
    format: ReportFormat,
    report: planning_report::Report,
    folder: std::path::PathBuf,
    out: std::path::PathBuf,
}

/// A report written to disk, to record in the plan's history.
#[derive(Debug, Clone)]
pub struct RenderedReport {
    plan: PlanId,
    as_of: NaiveDate,
    /// SHA-256 of what was handed over (all files, in order, for CSV).
    fingerprint: String,
    pub exported: Exported,
}

impl PreparedReport {
    /// Typesets or writes the report under `reports/`, sending each step to `progress`.
    pub fn render(
        self,
        mut progress: impl FnMut(ExportProgress),
    ) -> Result<RenderedReport, ApiError> {
        std::fs::create_dir_all(&self.folder).map_err(|source| ReportError::Io {
            path: self.folder.clone(),
            source,
        })?;
        let exported = export(&self.report, self.format, &self.out, |step| {
            progress(step.into())
        })?;
        let mut content = Vec::new();
        for file in &exported.files {
            content.extend(std::fs::read(file).map_err(|source| ReportError::Io {
                path: file.clone(),
                source,
            })?);
        }
        Ok(RenderedReport {
            plan: self.plan,
            as_of: self.as_of,
            fingerprint: sha256_hex(&content),
            exported,
        })
    }
}

/// The handlers' context: one open database. The desktop holds one behind a mutex; tests open one
/// on a temporary file.
pub struct Landfall {
    store: Store,
    packs: Packs,
    channel_packs: ChannelPacks,
    catalogues: Catalogues,
}

impl Landfall {
    /// Opens (creating if needed) the database at `db_path` and seeds the example plan on first start,
    /// so a new user sees a real plan at once.
    pub fn open(db_path: &Path) -> Result<Landfall, ApiError> {
        Landfall::open_seeded(db_path, true)
    }

    /// Opens (creating if needed) the database at `db_path` without seeding the example plan: a new
    /// database stays empty, as for a user who starts from a blank page.
    pub fn open_without_example(db_path: &Path) -> Result<Landfall, ApiError> {
        Landfall::open_seeded(db_path, false)
    }

    fn open_seeded(db_path: &Path, seed_example: bool) -> Result<Landfall, ApiError> {
        let mut store = Store::open(db_path)?;
        if seed_example {
            store.seed_example_if_empty()?;
        }
        let packs = packs::bundled()?;
        let catalogues = bundled_checklists::catalogues()?;
        let channel_packs = channels::bundled_channels()?;
        Ok(Landfall {
            store,
            packs,
            channel_packs,
            catalogues,
        })
    }

    pub fn app_info(&self) -> AppInfo {
        let database = self.store.path().to_path_buf();
        let data_dir = self.data_dir();
        AppInfo {
            version: env!("CARGO_PKG_VERSION").to_owned(),
            data_dir: data_dir.display().to_string(),
            database: database.display().to_string(),
            // A defect of the bundled list is caught by the tests; the window then offers none.
            examples: bundled_examples()
                .unwrap_or_default()
                .into_iter()
                .map(|example| example.info)
                .collect(),
        }
    }

    pub fn list_plans(&self) -> Result<Vec<PlanSummary>, ApiError> {
        Ok(self.store.list_plans()?)
    }

    pub fn get_plan(&self, id: PlanId) -> Result<PlanDetail, ApiError> {
        let (summary, plan) = self.store.load_plan(id)?;
        let hs_codes = match crate::hs::nomenclature() {
            Ok(nomenclature) => plan
                .products
                .iter()
                .filter_map(|product| product.hs_code.as_deref())
                .map(|code| (code.to_owned(), nomenclature.label(code)))
                .collect(),
            Err(err) => {
                return Err(ApiError::new(ErrorCode::Internal, err.to_string()));
            }
        };
        let markets = market_terms(&self.packs, &plan);
        Ok(PlanDetail {
            summary,
            plan,
            hs_codes,
            currencies: self.currencies(),
            markets,
        })
    }

    /// The currency each marketplace sells in, from its pack (the new-plan form's default currency
    /// of a target's sales).
    pub fn currencies(&self) -> BTreeMap<Marketplace, Currency> {
        currencies(&self.packs)
    }

    /// A new plan from the bundled example `example` (its id in [`AppInfo::examples`]), under `name`.
    pub fn new_plan_from_example(
        &mut self,
        example: &str,
        name: &str,
    ) -> Result<PlanSummary, ApiError> {
        let examples = bundled_examples().map_err(|err| ApiError::new(ErrorCode::Internal, err))?;
        let Some(chosen) = examples
            .iter()
            .find(|candidate| candidate.info.id == example)
        else {
            return Err(ApiError::new(
                ErrorCode::NotFound,
                format!("no bundled example plan \"{example}\""),
            ));
        };
        let mut plan = parse_plan(chosen.path, chosen.toml)?;
        plan.plan.name = name.trim().to_owned();
        let id = self.store.create_plan_typed(&plan)?;
        self.summary(id)
    }

    /// A copy of a plan and its checklist progress under `name`.
    pub fn duplicate_plan(&mut self, id: PlanId, name: &str) -> Result<PlanSummary, ApiError> {
        let mut plan = self.get_plan(id)?.plan;
        plan.plan.name = name.trim().to_owned();
        let copy = self.store.create_plan_typed(&plan)?;
        for state in self.store.item_states(id)? {
            self.store.set_item_state(copy, &state)?;
        }
        self.summary(copy)
    }

    pub fn rename_plan(&mut self, id: PlanId, name: &str) -> Result<PlanSummary, ApiError> {
        self.store.rename_plan(id, name)?;
        self.summary(id)
    }

    /// Deletes a plan after keeping a portable copy (plan, progress, evidence) in `trash/`, so
    /// [`Landfall::undo_delete`] can bring all of it back.
    pub fn delete_plan(&mut self, id: PlanId) -> Result<(), ApiError> {
        let trash = self.trash_file(id);
        if let Some(folder) = trash.parent() {
            std::fs::create_dir_all(folder).map_err(|err| {
                ApiError::new(
                    ErrorCode::Storage,
                    format!("cannot create {}: {err}", folder.display()),
                )
            })?;
        }
        self.store.export_plan(id, &trash)?;
        self.store.delete_plan(id)?;
        Ok(())
    }

    /// Restores a plan deleted by [`Landfall::delete_plan`], with its progress and evidence.
    pub fn undo_delete(&mut self, id: PlanId) -> Result<PlanSummary, ApiError> {
        let trash = self.trash_file(id);
        if !trash.exists() {
            return Err(ApiError::new(
                ErrorCode::NotFound,
                format!("plan {id} was not deleted in this data folder, or was already restored"),
            ));
        }
        // Undo brings the plan back as it was; if its name has been taken since, under the first
        // free `Name (n)` rather than not at all.
        let restored = match self.store.import_plan(&trash, None) {
            Err(StoreError::ImportNameTaken { free, .. }) => {
                self.store.import_plan(&trash, Some(&free))?
            }
            other => other?,
        };
        // The plan is back; a leftover copy would only offer a second, duplicate undo.
        let _ = std::fs::remove_file(&trash);
        self.summary(restored)
    }

    fn summary(&self, id: PlanId) -> Result<PlanSummary, ApiError> {
        Ok(self.store.load_plan(id)?.0)
    }

    /// The portable copy of a deleted plan, named by its id (never by user input).
    fn trash_file(&self, id: PlanId) -> std::path::PathBuf {
        self.data_dir()
            .join("trash")
            .join(format!("plan-{id}.landfall"))
    }

    /// Unit economics of every product × target of a plan, each figure explained, with the ECB
    /// rates (cached, or the bundled snapshot) in force at the plan's as-of date.
    pub fn quote_plan(&self, id: PlanId) -> Result<PlanQuote, ApiError> {
        self.quote_with(id, Detail::Explained)
    }

    /// The same figures without their workings: what the product table needs after each edit, a
    /// fraction of the size on a large catalogue.
    pub fn quote_figures(&self, id: PlanId) -> Result<PlanQuote, ApiError> {
        self.quote_with(id, Detail::Numbers)
    }

    fn quote_with(&self, id: PlanId, detail: Detail) -> Result<PlanQuote, ApiError> {
        let plan = self.get_plan(id)?.plan;
        let (fx, rates) = self.rates_at(plan.plan.as_of)?;
        Ok(PlanQuote {
            quote: cost::quote(&plan, &self.packs, &fx, detail),
            rates: rates.status,
            rate_warnings: rates.warnings,
        })
    }

    /// The channel comparison of a plan: unit economics per channel, scenarios side by side,
    /// sensitivity and the qualitative weighing. `scenario` picks the one the sensitivity uses.
    pub fn compare_channels(
        &self,
        id: PlanId,
        scenario: Option<String>,
    ) -> Result<PlanComparison, ApiError> {
        let plan = self.get_plan(id)?.plan;
        let (fx, rates) = self.rates_at(plan.plan.as_of)?;
        let comparison = channels::compare(
            &plan,
            &self.packs,
            &self.channel_packs,
            &fx,
            scenario.as_deref(),
        )
        .map_err(|err| ApiError::new(ErrorCode::BadInput, err.to_string()))?;
        Ok(PlanComparison {
            comparison,
            rates: rates.status,
            rate_warnings: rates.warnings,
        })
    }

    /// Builds the planning report of a plan (quote, checklist with its progress, rates of the
    /// database) and writes it under `reports/` beside the database; the export is recorded in the
    /// report history. The desktop runs the three parts itself so that the database is free while
    /// the report renders: [`Landfall::prepare_report`], [`PreparedReport::render`],
    /// [`Landfall::record_report`].
    pub fn export_report(
        &mut self,
        id: PlanId,
        request: ReportRequest,
        today: NaiveDate,
        progress: impl FnMut(ExportProgress),
    ) -> Result<Exported, ApiError> {
        let prepared = self.prepare_report(id, request, today)?;
        let rendered = prepared.render(progress)?;
        self.record_report(&rendered)?;
        Ok(rendered.exported)
    }

    /// Everything a report needs from the database and the engines, computed now: the rendering that
    /// follows reads nothing else.
    pub fn prepare_report(
        &self,
        id: PlanId,
        request: ReportRequest,
        today: NaiveDate,
    ) -> Result<PreparedReport, ApiError> {
        let plan = self.get_plan(id)?.plan;
        // A plan saved by an older build may break today's limits (a 5 MB name would take
        // minutes to typeset): it is named, field by field, rather than rendered.
        let problems = plan.validate();
        if !problems.is_empty() {
            return Err(ApiError::invalid(problems));
        }
        let quote = self.quote_plan(id)?.quote;
        let checklists = self.checklist(id)?;
        let options = ReportOptions {
            lang: request.lang,
            paper: request.paper,
            consultant: trimmed(request.consultant),
            client: trimmed(request.client),
            generated_on: today,
            logo: self.logo()?,
        };
        let mut report = planning_report::build(&plan, &quote, &checklists, &options);
        if !plan.channels.is_empty() {
            // The first scenario, as in the Channels view's default.
            let comparison = self.compare_channels(id, None)?.comparison;
            report = report.with_channels(&comparison);
        }
        let folder = self.reports_dir();
        let stem = format!(
            "{} {} {}",
            file_stem(&plan.plan.name),
            today,
            request.lang.code()
        );
        let out = match request.format.extension() {
            Some(extension) => folder.join(format!("{stem}.{extension}")),
            None => folder.join(format!("{stem} csv")),
        };
        Ok(PreparedReport {
            plan: id,
            as_of: plan.plan.as_of,
            format: request.format,
            report,
            folder,
            out,
        })
    }

    /// Records a written report in the plan's report history.
    pub fn record_report(&mut self, rendered: &RenderedReport) -> Result<(), ApiError> {
        self.store.record_report(
            rendered.plan,
            rendered.exported.format.name(),
            &rendered.exported.path.display().to_string(),
            &rendered.fingerprint,
            rendered.as_of,
        )?;
        Ok(())
    }

    /// Where exported reports go: `reports/` beside the database.
    pub(crate) fn reports_dir(&self) -> std::path::PathBuf {
        self.data_dir().join("reports")
    }

    /// The folder of the database, where its evidence, reports and trash live.
    pub(crate) fn data_dir(&self) -> std::path::PathBuf {
        self.store
            .path()
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default()
    }

    /// The exchange rates in force on `today`, where they come from, and the last update attempts.
    pub fn rates_report(&self, today: NaiveDate) -> Result<RatesReport, ApiError> {
        Ok(rates::report(&self.store, today)?)
    }

    /// Keeps a rate the user typed (marked as theirs wherever it is used) and returns the rates.
    pub fn set_manual_rate(
        &mut self,
        rate: ManualRate,
        today: NaiveDate,
    ) -> Result<RatesReport, ApiError> {
        rates::set_manual_rate(&mut self.store, &rate.currency, rate.per_eur, rate.date)?;
        self.rates_report(today)
    }

    /// Forgets a rate the user typed; the ECB rate of its date applies again.
    pub fn remove_manual_rate(
        &mut self,
        currency: &str,
        date: NaiveDate,
        today: NaiveDate,
    ) -> Result<RatesReport, ApiError> {
        rates::remove_manual_rate(&mut self.store, currency, date)?;
        self.rates_report(today)
    }

    /// Stores the answer of an ECB fetch made by the caller (the desktop awaits it without holding
    /// the database); a failed fetch keeps the previous rates and says why.
    pub fn apply_rates_fetch(
        &mut self,
        url: &str,
        fetched: Result<String, RatesError>,
        today: NaiveDate,
    ) -> Result<UpdateOutcome, ApiError> {
        Ok(rates::apply_fetch(&mut self.store, url, fetched, today)?)
    }

    /// Every cross rate the ECB book can give on `on` (cached rates over the bundled snapshot): the
    /// engines pick the pairs they need and record each one they use.
    fn rates_at(&self, on: NaiveDate) -> Result<(Vec<FxRate>, Rates), ApiError> {
        let rates = rates::load(&self.store, on)?;
        Ok((rates.cross_rates_on(on), rates))
    }

    /// The market-entry checklist of a plan at the plan's as-of date, with the progress recorded for
    /// it: every target, every own store and Rakuten shop, and the shared rules (product law of each
    /// destination, leaving the EU, the Amazon account) with the channels they concern.
    pub fn checklist(&self, id: PlanId) -> Result<PlanChecklist, ApiError> {
        let plan = self.get_plan(id)?.plan;
        let progress = self.progress(id)?;
        Ok(evaluate_plan(
            &plan,
            &self.catalogues,
            &channels::own_stores(&plan, &self.channel_packs),
            plan.plan.as_of,
            None,
            &progress,
        ))
    }

    /// Records the status, owner or not-applicable reason of one item (one transaction), keeping its
    /// evidence, due date and notes, and returns the re-evaluated checklist.
    pub fn update_item(
        &mut self,
        id: PlanId,
        update: ItemUpdate,
    ) -> Result<PlanChecklist, ApiError> {
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
        let reason = trimmed(update.reason);
        if update.status == ProgressStatus::NotApplicable && reason.is_none() {
            return Err(ApiError::new(
                ErrorCode::BadInput,
                "reason: say why the item does not apply before marking it not applicable",
            ));
        }
        let mut state = self.item_state(id, &update.item)?;
        state.progress.status = update.status;
        state.progress.owner = trimmed(update.owner);
        state.progress.reason = reason;
        self.store.set_item_state(id, &state)?;
        self.checklist(id)
    }

    /// The progress recorded on a plan's checklist items (marketplace and own-store alike).
    fn progress(&self, id: PlanId) -> Result<Vec<ItemProgress>, ApiError> {
        Ok(self
            .store
            .item_states(id)?
            .into_iter()
            .map(|state| state.progress)
            .collect())
    }
}

/// The currency each marketplace sells in, from its pack.
fn currencies(packs: &Packs) -> BTreeMap<Marketplace, Currency> {
    Marketplace::ALL
        .into_iter()
        .filter_map(|marketplace| {
            let pack = packs.marketplace(marketplace.id())?;
            Some((marketplace, pack.header.currency))
        })
        .collect()
}

/// Every marketplace's terms on the plan's as-of date.
fn market_terms(packs: &Packs, plan: &Plan) -> BTreeMap<Marketplace, MarketTerms> {
    let as_of = plan.plan.as_of;
    Marketplace::ALL
        .into_iter()
        .filter_map(|marketplace| {
            let pack = packs.marketplace(marketplace.id())?;
            let mut categories: Vec<CategoryChoice> = Vec::new();
            for row in pack.referral.iter().filter(|row| row.in_force(as_of)) {
                if !categories.iter().any(|known| known.id == row.row.category) {
                    categories.push(CategoryChoice {
                        id: row.row.category.clone(),
                        name: category_name(&row.row.category).cloned(),
                        label: row.row.label.clone(),
                    });
                }
            }
            let terms = MarketTerms {
                name: pack.header.name.clone(),
                prices_include_tax: !cost::output_tax_rate(packs, marketplace, as_of).is_zero(),
                categories,
                customs_fee: cost::charges_customs_fee(packs, marketplace),
            };
            Some((marketplace, terms))
        })
        .collect()
}

/// A plan name made safe as a file name: path separators and control characters become spaces.
fn file_stem(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                ' '
            } else {
                c
            }
        })
        .collect();
    let trimmed = cleaned.trim().trim_start_matches('.').trim();
    if trimmed.is_empty() {
        String::from("plan")
    } else {
        trimmed.chars().take(80).collect()
    }
}

/// Puts `item` at `at` (an index found in `items`), or after the last one when `at` is `None`, and
/// says where it went: how every editor saves one row of a plan list.
fn replace_or_push<T>(items: &mut Vec<T>, at: Option<usize>, item: T) -> usize {
    match at.filter(|&index| index < items.len()) {
        Some(index) => {
            items[index] = item;
            index
        }
        None => {
            items.push(item);
            items.len() - 1
        }
    }
}

/// Trims typed text; blank text means "none".
fn trimmed(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty())
}
