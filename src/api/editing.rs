//! Handlers that change a plan from the desktop: the seller profile and targets, one product at a
//! time, a catalogue import checked before it is saved, evidence files, and portable `.landfall`
//! copies. Every change is validated with the plan's own rules first and saved at once (autosave);
//! a refused change names its field and leaves the stored plan as it was.

use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{ApiError, ErrorCode, Landfall, PlanDetail, replace_or_push};
use crate::checklist::engine::{EvidenceRecord, ItemProgress, PlanChecklist, ProgressStatus};
use crate::packs::Packs;
use crate::plan::import::{self, ImportContext, ImportError, ImportPreview, RowError, Sheet};
use crate::plan::{CurrencyCode, Plan, PlanHeader, Problem, Product, Seller, Target};
use crate::store::{Evidence, ItemState, PlanId, PlanSummary};
use crate::text::Lang;

/// The parts of a plan the Profile view edits.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Profile {
    #[ts(type = "string")]
    pub as_of: NaiveDate,
    pub home_currency: CurrencyCode,
    pub seller: Seller,
    pub targets: Vec<Target>,
}

/// A blank plan as the "New plan" form describes it: who sells, in which currency, and where.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct NewPlan {
    pub name: String,
    pub home_currency: CurrencyCode,
    pub seller: Seller,
    pub targets: Vec<Target>,
}

/// A catalogue file checked against a plan: the problems of its rows, and what importing the valid
/// rows would change.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CatalogueCheck {
    pub file_name: String,
    /// Row, column and reason of every problem. A problem in the header row stops the whole file; a
    /// problem in a data row leaves that row out.
    pub errors: Vec<RowError>,
    /// What importing the valid rows would change; `None` when no row can be imported.
    pub preview: Option<ImportPreview>,
    /// The rows left out (as a spreadsheet numbers them), each once.
    #[ts(type = "number[]")]
    pub skipped: Vec<usize>,
}

/// An evidence file to keep for a checklist item.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct EvidenceAttachment {
    pub item: String,
    /// The item's evidence template the file stands for.
    pub template: String,
    /// The file on disk (from a file dialog or a drop); it is copied into the data folder.
    pub path: String,
    /// The date printed on the document, which its validity rule counts from.
    #[ts(type = "string | null")]
    pub issued_on: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub expires_on: Option<NaiveDate>,
}

impl Landfall {
    /// A blank plan (no product yet) with the form's seller and targets, its rules as of `today`,
    /// and one channel per target (its Amazon pack), so the Channels view starts from the user's
    /// marketplaces. Problems name the form's fields (`targets[1].monthly_sales.amount`).
    pub fn new_plan(&mut self, new: NewPlan, today: NaiveDate) -> Result<PlanSummary, ApiError> {
        let mut plan = Plan {
            plan: PlanHeader {
                name: new.name.trim().to_owned(),
                as_of: today,
                home_currency: new.home_currency,
            },
            seller: new.seller,
            targets: new.targets,
            products: Vec::new(),
            channels: Vec::new(),
            scenarios: Vec::new(),
            criteria: None,
        };
        self.follow_targets(&[], &mut plan);
        let problems = plan.validate();
        if !problems.is_empty() {
            return Err(ApiError::invalid(problems));
        }
        let id = self.store.create_plan_typed(&plan)?;
        self.summary(id)
    }

    /// Replaces the profile (as-of date, home currency, seller, targets) of a plan.
    pub fn save_profile(&mut self, id: PlanId, profile: Profile) -> Result<PlanDetail, ApiError> {
        let mut plan = self.get_plan(id)?.plan;
        let before = std::mem::take(&mut plan.targets);
        plan.plan.as_of = profile.as_of;
        plan.plan.home_currency = profile.home_currency;
        plan.seller = profile.seller;
        plan.targets = profile.targets;
        self.follow_targets(&before, &mut plan);
        self.save_checked(id, &plan, |field| {
            (!field.starts_with("products[")).then(|| field.to_owned())
        })
    }

    /// Saves one product: replaces the product that had `previous_sku` (a SKU can be renamed), or
    /// appends a new one when `previous_sku` is `None`. Problems name the product's own fields
    /// (`unit_cost.amount`, `prices[0].price.amount`).
    pub fn save_product(
        &mut self,
        id: PlanId,
        previous_sku: Option<String>,
        product: Product,
    ) -> Result<PlanDetail, ApiError> {
        let mut plan = self.get_plan(id)?.plan;
        let at = match previous_sku {
            Some(sku) => Some(product_index(&plan, &sku)?),
            None => None,
        };
        let index = replace_or_push(&mut plan.products, at, product);
        let prefix = format!("products[{index}].");
        self.save_checked(id, &plan, |field| {
            field.strip_prefix(&prefix).map(str::to_owned)
        })
    }

    pub fn delete_product(&mut self, id: PlanId, sku: &str) -> Result<PlanDetail, ApiError> {
        let mut plan = self.get_plan(id)?.plan;
        let index = product_index(&plan, sku)?;
        plan.products.remove(index);
        self.save_checked(id, &plan, |field| Some(field.to_owned()))
    }

    /// Checks a CSV or XLSX catalogue against a plan without saving anything.
    pub fn check_catalogue(
        &self,
        id: PlanId,
        file_name: &str,
        bytes: &[u8],
    ) -> Result<CatalogueCheck, ApiError> {
        let plan = self.get_plan(id)?.plan;
        let merged = self.merge_catalogue(&plan, file_name, bytes)?;
        Ok(CatalogueCheck {
            file_name: file_name.to_owned(),
            skipped: merged.skipped,
            errors: merged.errors,
            preview: merged.merged.map(|(preview, _)| preview),
        })
    }

    /// Saves a catalogue into a plan. With `skip_invalid` (the user accepted a preview that leaves
    /// rows out) the valid rows are saved; without it, the whole file must be clean.
    pub fn import_catalogue(
        &mut self,
        id: PlanId,
        file_name: &str,
        bytes: &[u8],
        skip_invalid: bool,
    ) -> Result<PlanDetail, ApiError> {
        let plan = self.get_plan(id)?.plan;
        match self.merge_catalogue(&plan, file_name, bytes)? {
            MergedCatalogue {
                merged: Some((_, merged)),
                errors,
                ..
            } if skip_invalid || errors.is_empty() => {
                self.store.save_plan_typed(id, &merged)?;
                self.get_plan(id)
            }
            MergedCatalogue { errors, .. } => Err(ApiError::new(
                ErrorCode::BadInput,
                ImportError::Rows(errors).to_string(),
            )),
        }
    }

    /// Writes the rows a catalogue import leaves out to a CSV file at `path`: the file's own columns
    /// and a last one with the reasons, in `lang`, so the user can correct them and import them again.
    pub fn write_skipped_rows(
        &self,
        id: PlanId,
        file_name: &str,
        bytes: &[u8],
        lang: Lang,
        path: &str,
    ) -> Result<usize, ApiError> {
        let plan = self.get_plan(id)?.plan;
        let merged = self.merge_catalogue(&plan, file_name, bytes)?;
        let failed = |err: &dyn std::fmt::Display| {
            ApiError::new(ErrorCode::Storage, format!("cannot write {path}: {err}"))
        };
        let mut writer = csv::WriterBuilder::new()
            .delimiter(lang.pick(b',', b';'))
            .from_path(path)
            .map_err(|err| failed(&err))?;
        let reason = lang.pick("reason", "motif");
        let header = merged.sheet.headers.iter().map(String::as_str);
        writer
            .write_record(header.chain([reason]))
            .map_err(|err| failed(&err))?;
        for number in &merged.skipped {
            let cells = merged
                .sheet
                .rows
                .iter()
                .find(|(row, _)| row == number)
                .map(|(_, cells)| cells.as_slice())
                .unwrap_or_default();
            let reasons = merged
                .errors
                .iter()
                .filter(|error| error.row == *number)
                .map(|error| match error.column.as_str() {
                    "" => error.message.get(lang).to_owned(),
                    column => format!(
                        "{column}{} {}",
                        lang.pick(":", "\u{a0}:"),
                        error.message.get(lang)
                    ),
                })
                .collect::<Vec<_>>()
                .join(" ; ");
            let cells = cells.iter().map(String::as_str);
            writer
                .write_record(cells.chain([reasons.as_str()]))
                .map_err(|err| failed(&err))?;
        }
        writer.flush().map_err(|err| failed(&err))?;
        Ok(merged.skipped.len())
    }

    /// The sheet, its rows' problems and the plan with the valid rows merged (`None` when the header
    /// stops the whole file); an unreadable file is an error of its own.
    fn merge_catalogue(
        &self,
        plan: &Plan,
        file_name: &str,
        bytes: &[u8],
    ) -> Result<MergedCatalogue, ApiError> {
        let is_xlsx = Path::new(file_name)
            .extension()
            .is_some_and(|ext| ext.eq_ignore_ascii_case("xlsx"));
        let sheet = if is_xlsx {
            import::read_xlsx(bytes)
        } else {
            import::read_csv(bytes)
        }
        .map_err(|unreadable| {
            ApiError::new(ErrorCode::BadInput, format!("{file_name}: {unreadable}"))
        })?;
        let context = import_context(plan, &self.packs);
        let checked = import::check_rows(&sheet, &context)
            .and_then(|checked| {
                let (preview, merged, skipped) = import::preview_valid(plan, &checked.rows)?;
                let mut errors = checked.errors;
                errors.extend(skipped);
                errors.sort_by_key(|error| error.row);
                Ok((errors, Some((preview, merged))))
            })
            .or_else(|err| match err {
                ImportError::Rows(errors) => Ok((errors, None)),
                unreadable @ ImportError::Unreadable(_) => Err(unreadable),
            })
            .map_err(|unreadable| {
                ApiError::new(ErrorCode::BadInput, format!("{file_name}: {unreadable}"))
            })?;
        let (errors, merged) = checked;
        // The data rows with a problem; a header problem leaves out the whole file instead.
        let mut skipped: Vec<usize> = errors
            .iter()
            .map(|error| error.row)
            .filter(|row| sheet.rows.iter().any(|(number, _)| number == row))
            .collect();
        skipped.dedup();
        Ok(MergedCatalogue {
            sheet,
            errors,
            merged,
            skipped,
        })
    }

    /// The evidence files kept for a plan, oldest first.
    pub fn evidence(&self, id: PlanId) -> Result<Vec<Evidence>, ApiError> {
        Ok(self.store.list_evidence(id)?)
    }

    /// Copies a file into the data folder as evidence for one item's template and records it in the
    /// item's progress (by content hash), so the checklist checks its validity rule at once.
    pub fn attach_evidence(
        &mut self,
        id: PlanId,
        attachment: EvidenceAttachment,
    ) -> Result<PlanChecklist, ApiError> {
        let known = self
            .catalogues
            .iter()
            .filter_map(|catalogue| catalogue.item(&attachment.item))
            .any(|item| {
                item.evidence
                    .iter()
                    .any(|template| template.id == attachment.template)
            });
        if !known {
            return Err(ApiError::new(
                ErrorCode::BadInput,
                format!(
                    "template: item `{}` asks for no evidence `{}`",
                    attachment.item, attachment.template
                ),
            ));
        }
        let evidence = self.store.add_evidence_file(
            id,
            Some(&attachment.item),
            Path::new(&attachment.path),
        )?;
        let mut state = self.item_state(id, &attachment.item)?;
        state.progress.evidence.push(EvidenceRecord {
            template: attachment.template,
            issued_on: attachment.issued_on,
            expires_on: attachment.expires_on,
            file: Some(evidence.sha256),
            shipment: None,
            superseded: false,
        });
        self.store.set_item_state(id, &state)?;
        self.checklist(id)
    }

    /// Forgets one evidence file of an item (the record and its row; other rows may share the file).
    pub fn remove_evidence(
        &mut self,
        id: PlanId,
        item: &str,
        sha256: &str,
    ) -> Result<PlanChecklist, ApiError> {
        let mut state = self.item_state(id, item)?;
        state
            .progress
            .evidence
            .retain(|record| record.file.as_deref() != Some(sha256));
        self.store.set_item_state(id, &state)?;
        for evidence in self.store.list_evidence(id)? {
            if evidence.item_id.as_deref() == Some(item) && evidence.sha256 == sha256 {
                self.store.delete_evidence(evidence.id)?;
            }
        }
        self.checklist(id)
    }

    /// Writes a plan with its progress and evidence to a portable `.landfall` file.
    pub fn export_portable(&self, id: PlanId, path: &str) -> Result<(), ApiError> {
        Ok(self.store.export_plan(id, Path::new(path))?)
    }

    /// Reads a `.landfall` file as a new plan, under `name` or the name in the file; a taken name
    /// is refused with [`ErrorCode::NameTaken`] so the window can ask for another. A hostile or
    /// broken file changes nothing.
    pub fn import_portable(
        &mut self,
        path: &str,
        name: Option<&str>,
    ) -> Result<PlanSummary, ApiError> {
        let id = self.store.import_plan(Path::new(path), name)?;
        self.summary(id)
    }

    /// The recorded state of an item, or a fresh to-do state.
    pub(super) fn item_state(&self, id: PlanId, item: &str) -> Result<ItemState, ApiError> {
        Ok(self
            .store
            .item_states(id)?
            .into_iter()
            .find(|state| state.progress.item == item)
            .unwrap_or_else(|| ItemState {
                progress: ItemProgress {
                    item: item.to_owned(),
                    status: ProgressStatus::ToDo,
                    owner: None,
                    reason: None,
                    evidence: Vec::new(),
                },
                due_date: None,
                notes: String::new(),
            }))
    }

    /// Saves `plan` when it breaks no rule; otherwise a bad-input error carrying each problem, its
    /// field rewritten by `relative` for the form that made the change.
    pub(super) fn save_checked(
        &mut self,
        id: PlanId,
        plan: &Plan,
        relative: impl Fn(&str) -> Option<String>,
    ) -> Result<PlanDetail, ApiError> {
        let problems = plan.validate();
        if !problems.is_empty() {
            return Err(ApiError::invalid(
                problems
                    .into_iter()
                    .map(|problem| Problem {
                        field: relative(&problem.field).unwrap_or(problem.field),
                        ..problem
                    })
                    .collect(),
            ));
        }
        self.store.save_plan_typed(id, plan)?;
        self.get_plan(id)
    }
}

/// What a catalogue for `plan` may say: the categories of its marketplaces (of every marketplace
/// when it has no target yet) on its as-of date, their currencies and the home currency. The desktop
/// and the command line check a catalogue the same way.
pub fn import_context(plan: &Plan, packs: &Packs) -> ImportContext {
    let currencies = super::currencies(packs)
        .into_iter()
        .filter_map(|(marketplace, currency)| {
            CurrencyCode::checked(currency.code().to_owned())
                .ok()
                .map(|code| (marketplace, code))
        })
        .collect();
    let mut context = ImportContext::new(currencies, Some(plan.plan.home_currency.clone()));
    for (marketplace, terms) in super::market_terms(packs, plan) {
        if !plan.targets.is_empty() && !plan.targets.iter().any(|t| t.marketplace == marketplace) {
            continue;
        }
        for category in &terms.categories {
            context.add_category(marketplace, &category.id, Some(&category.label));
        }
    }
    context
}

/// A catalogue read and checked against a plan.
struct MergedCatalogue {
    sheet: Sheet,
    errors: Vec<RowError>,
    merged: Option<(ImportPreview, Plan)>,
    /// The data rows left out, each once, in order.
    skipped: Vec<usize>,
}

fn product_index(plan: &Plan, sku: &str) -> Result<usize, ApiError> {
    plan.products
        .iter()
        .position(|product| product.sku == sku)
        .ok_or_else(|| {
            ApiError::new(
                ErrorCode::NotFound,
                format!("sku: the plan has no product `{sku}`"),
            )
        })
}
