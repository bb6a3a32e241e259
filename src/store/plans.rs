//! Plans: one row per plan (name, timestamps); the content lives in the plan tables (see `tables`).

use rusqlite::{ErrorCode, OptionalExtension, Transaction, params};
use rusqlite_migration::{HookError, HookResult};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{EXAMPLE_PLAN_TOML, Store, StoreError, now_rfc3339, tables};
use crate::plan::{Plan, PlanError, Product, parse_plan};

/// Database id of a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[ts(type = "number")]
#[serde(transparent)]
pub struct PlanId(pub i64);

impl std::fmt::Display for PlanId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// A plan as listed: everything but its content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PlanSummary {
    pub id: PlanId,
    pub name: String,
    /// RFC 3339 UTC.
    pub created_at: String,
    /// RFC 3339 UTC.
    pub updated_at: String,
}

/// A stored plan with its canonical TOML text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PlanRecord {
    #[serde(flatten)]
    #[ts(flatten)]
    pub summary: PlanSummary,
    pub toml: String,
}

const SUMMARY_COLUMNS: &str = "id, name, created_at, updated_at";

fn summary_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<PlanSummary> {
    Ok(PlanSummary {
        id: PlanId(row.get(0)?),
        name: row.get(1)?,
        created_at: row.get(2)?,
        updated_at: row.get(3)?,
    })
}

/// Trims the name and refuses an empty one.
pub(super) fn clean_name(name: &str) -> Result<&str, StoreError> {
    let name = name.trim();
    if name.is_empty() {
        Err(StoreError::EmptyName)
    } else {
        Ok(name)
    }
}

/// Reads a plan's TOML text with the plan room's strict parser.
fn parse(source_name: &str, text: &str) -> Result<Plan, StoreError> {
    parse_plan(source_name, text).map_err(StoreError::InvalidPlanToml)
}

/// Refuses a plan that breaks the plan room's rules (a typed plan skips the parser's checks).
fn check(plan: &Plan) -> Result<(), StoreError> {
    let problems = plan.validate();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(StoreError::InvalidPlanToml(PlanError::Invalid {
            source_name: plan.plan.name.clone(),
            problems,
        }))
    }
}

/// Turns a UNIQUE violation on the name into [`StoreError::NameTaken`].
fn name_conflict(name: &str) -> impl FnOnce(rusqlite::Error) -> StoreError + '_ {
    move |err| match err.sqlite_error_code() {
        Some(ErrorCode::ConstraintViolation) => StoreError::NameTaken(name.to_owned()),
        _ => StoreError::Sqlite(err),
    }
}

fn canonical_toml(plan: &Plan) -> Result<String, StoreError> {
    plan.to_toml().map_err(StoreError::InvalidPlanToml)
}

/// Inserts a plan (its canonical TOML and its tables) inside `tx`.
pub(super) fn insert_plan(tx: &Transaction<'_>, plan: &Plan) -> Result<PlanId, StoreError> {
    check(plan)?;
    let name = clean_name(&plan.plan.name)?;
    let now = now_rfc3339();
    tx.execute(
        "INSERT INTO plans (name, created_at, updated_at) VALUES (?1, ?2, ?2)",
        params![name, now],
    )
    .map_err(name_conflict(name))?;
    let id = PlanId(tx.last_insert_rowid());
    tables::write(tx, id, plan)?;
    Ok(id)
}

/// Replaces a plan's content inside `tx`; its name follows `plan.plan.name`.
pub(super) fn update_plan(tx: &Transaction<'_>, id: PlanId, plan: &Plan) -> Result<(), StoreError> {
    check(plan)?;
    let name = clean_name(&plan.plan.name)?;
    let changed = tx
        .execute(
            "UPDATE plans SET name = ?2, unreadable_toml = NULL, updated_at = ?3 WHERE id = ?1",
            params![id.0, name, now_rfc3339()],
        )
        .map_err(name_conflict(name))?;
    if changed == 0 {
        return Err(StoreError::PlanNotFound(id));
    }
    tables::write(tx, id, plan)
}

impl Store {
    /// Inserts the bundled example plan when the database holds no plan (first start).
    /// Returns its id when it was inserted.
    pub fn seed_example_if_empty(&mut self) -> Result<Option<PlanId>, StoreError> {
        let plan = parse(
            "data/examples/bluetooth-speaker-japan.toml",
            EXAMPLE_PLAN_TOML,
        )?;
        // Read first: every command opens the store, and only a new database needs the write lock.
        if self.has_plans()? {
            return Ok(None);
        }
        let tx = self.conn.transaction()?;
        // Counted again under the lock: another process may have seeded it meanwhile.
        let count: i64 = tx.query_row("SELECT count(*) FROM plans", [], |row| row.get(0))?;
        if count > 0 {
            return Ok(None);
        }
        let id = insert_plan(&tx, &plan)?;
        tx.commit()?;
        Ok(Some(id))
    }

    fn has_plans(&self) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT EXISTS (SELECT 1 FROM plans)", [], |row| row.get(0))?)
    }

    /// All plans, by name.
    pub fn list_plans(&self) -> Result<Vec<PlanSummary>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {SUMMARY_COLUMNS} FROM plans ORDER BY name COLLATE NOCASE, id"
        ))?;
        let rows = stmt.query_map([], summary_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One plan as TOML text: generated from the tables (the plan room's canonical format), or, for a
    /// plan stored before that could not be read, its text as it was.
    pub fn get_plan(&self, id: PlanId) -> Result<PlanRecord, StoreError> {
        let (summary, unreadable) = self.plan_row(id)?;
        let toml = match unreadable {
            Some(text) => text,
            None => canonical_toml(&self.read_tables(id)?)?,
        };
        Ok(PlanRecord { summary, toml })
    }

    /// One plan, typed, read from the tables (no TOML parsing).
    pub fn load_plan(&self, id: PlanId) -> Result<(PlanSummary, Plan), StoreError> {
        let (summary, unreadable) = self.plan_row(id)?;
        let plan = match unreadable {
            Some(text) => parse(&summary.name, &text)?,
            None => self.read_tables(id)?,
        };
        Ok((summary, plan))
    }

    fn plan_row(&self, id: PlanId) -> Result<(PlanSummary, Option<String>), StoreError> {
        self.conn
            .query_row(
                &format!("SELECT {SUMMARY_COLUMNS}, unreadable_toml FROM plans WHERE id = ?1"),
                [id.0],
                |row| Ok((summary_from_row(row)?, row.get(4)?)),
            )
            .optional()?
            .ok_or(StoreError::PlanNotFound(id))
    }

    fn read_tables(&self, id: PlanId) -> Result<Plan, StoreError> {
        tables::read(&self.conn, id)?
            .ok_or_else(|| StoreError::Corrupt(format!("plan {id} has no content")))
    }

    /// The plan with this exact name.
    pub fn find_plan(&self, name: &str) -> Result<PlanSummary, StoreError> {
        self.conn
            .query_row(
                &format!("SELECT {SUMMARY_COLUMNS} FROM plans WHERE name = ?1"),
                [name.trim()],
                summary_from_row,
            )
            .optional()?
            .ok_or_else(|| StoreError::PlanNameNotFound(name.trim().to_owned()))
    }

    /// Creates a plan from its TOML text, named `name` (which replaces the name inside the text).
    pub fn create_plan(&mut self, name: &str, toml_text: &str) -> Result<PlanId, StoreError> {
        let mut plan = parse(name, toml_text)?;
        plan.plan.name = clean_name(name)?.to_owned();
        self.create_plan_typed(&plan)
    }

    /// Imports a plan file's text as a new plan, under `name` or else the name inside it; a taken
    /// name is refused as for a `.landfall` file ([`StoreError::ImportNameTaken`]).
    pub fn import_plan_text(
        &mut self,
        source_name: &str,
        toml_text: &str,
        name: Option<&str>,
    ) -> Result<PlanId, StoreError> {
        let mut plan = parse(source_name, toml_text)?;
        let tx = self.conn.transaction()?;
        plan.plan.name = super::portable::claim_name(&tx, name.unwrap_or(&plan.plan.name))?;
        let id = insert_plan(&tx, &plan)?;
        tx.commit()?;
        Ok(id)
    }

    /// Creates a plan named after `plan.plan.name`.
    pub fn create_plan_typed(&mut self, plan: &Plan) -> Result<PlanId, StoreError> {
        let tx = self.conn.transaction()?;
        let id = insert_plan(&tx, plan)?;
        tx.commit()?;
        Ok(id)
    }

    /// Replaces a plan's content with this TOML text (the name inside it renames the plan).
    pub fn save_plan(&mut self, id: PlanId, toml_text: &str) -> Result<(), StoreError> {
        let plan = parse(&format!("plan {id}"), toml_text)?;
        self.save_plan_typed(id, &plan)
    }

    /// Replaces a plan's content; only the product rows that changed are written.
    pub fn save_plan_typed(&mut self, id: PlanId, plan: &Plan) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        update_plan(&tx, id, plan)?;
        tx.commit()?;
        Ok(())
    }

    /// Saves one product of a plan: replaces the product with its SKU, or appends it. Only that row
    /// is written, whatever the size of the catalogue.
    pub fn save_product(&mut self, id: PlanId, product: &Product) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        let mut alone = tables::read_header(&tx, id)?.ok_or_else(|| match plan_exists(&tx, id) {
            Ok(true) => StoreError::Corrupt(format!(
                "plan {id} is stored as unreadable text: correct it and save the whole plan first"
            )),
            Ok(false) => StoreError::PlanNotFound(id),
            Err(err) => err,
        })?;
        // The product's own rules (amounts, sizes, HS code) checked as a one-product plan.
        alone.products.push(product.clone());
        check(&alone)?;
        tables::write_one_product(&tx, id, product)?;
        tx.execute(
            "UPDATE plans SET updated_at = ?2 WHERE id = ?1",
            params![id.0, now_rfc3339()],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Renames a plan. The new name must be non-empty and not taken by another plan.
    pub fn rename_plan(&mut self, id: PlanId, new_name: &str) -> Result<(), StoreError> {
        let name = clean_name(new_name)?;
        let (_, mut plan) = self.load_plan(id)?;
        plan.plan.name = name.to_owned();
        self.save_plan_typed(id, &plan)
    }

    /// Deletes a plan and, through foreign keys, everything that belongs to it.
    pub fn delete_plan(&mut self, id: PlanId) -> Result<(), StoreError> {
        let changed = self
            .conn
            .execute("DELETE FROM plans WHERE id = ?1", [id.0])?;
        if changed == 0 {
            return Err(StoreError::PlanNotFound(id));
        }
        Ok(())
    }
}

fn plan_exists(tx: &Transaction<'_>, id: PlanId) -> Result<bool, StoreError> {
    Ok(tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM plans WHERE id = ?1)",
        [id.0],
        |row| row.get(0),
    )?)
}

/// Migration 3 hook: moves each plan whose stored text parses into the tables.
pub(super) fn move_readable_plans_into_tables(tx: &Transaction<'_>) -> HookResult {
    let plans: Vec<(PlanId, String, String)> = {
        let mut stmt = tx.prepare(
            "SELECT id, name, unreadable_toml FROM plans WHERE unreadable_toml IS NOT NULL",
        )?;
        let rows = stmt.query_map([], |row| {
            Ok((PlanId(row.get(0)?), row.get(1)?, row.get(2)?))
        })?;
        rows.collect::<Result<_, _>>()?
    };
    for (id, name, text) in plans {
        // A plan that does not parse keeps its text; opening it reports why.
        if let Ok(plan) = parse_plan(&name, &text) {
            tables::write(tx, id, &plan).map_err(|err| HookError::Hook(err.to_string()))?;
            tx.execute(
                "UPDATE plans SET unreadable_toml = NULL WHERE id = ?1",
                [id.0],
            )?;
        }
    }
    Ok(())
}
