//! Plans: each row holds the plan's canonical TOML text with its name and timestamps.

use rusqlite::{ErrorCode, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{EXAMPLE_PLAN_TOML, Store, StoreError, now_rfc3339};

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
fn clean_name(name: &str) -> Result<&str, StoreError> {
    let name = name.trim();
    if name.is_empty() {
        Err(StoreError::EmptyName)
    } else {
        Ok(name)
    }
}

/// Refuses text that is not TOML at all; the plan room validates the fields.
fn check_toml(text: &str) -> Result<(), StoreError> {
    text.parse::<toml::Table>()
        .map(|_| ())
        .map_err(|err| StoreError::InvalidPlanToml(err.to_string()))
}

/// Turns a UNIQUE violation on the name into [`StoreError::NameTaken`].
fn name_conflict(name: &str) -> impl FnOnce(rusqlite::Error) -> StoreError + '_ {
    move |err| match err.sqlite_error_code() {
        Some(ErrorCode::ConstraintViolation) => StoreError::NameTaken(name.to_owned()),
        _ => StoreError::Sqlite(err),
    }
}

/// The `[plan] name` of a plan's TOML text, if present.
pub(crate) fn name_in_toml(text: &str) -> Option<String> {
    let table = text.parse::<toml::Table>().ok()?;
    let name = table.get("plan")?.get("name")?.as_str()?;
    Some(name.to_owned())
}

pub(super) fn insert_plan(
    tx: &Transaction<'_>,
    name: &str,
    toml_text: &str,
) -> Result<PlanId, StoreError> {
    let name = clean_name(name)?;
    check_toml(toml_text)?;
    let now = now_rfc3339();
    tx.execute(
        "INSERT INTO plans (name, toml, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
        params![name, toml_text, now],
    )
    .map_err(name_conflict(name))?;
    Ok(PlanId(tx.last_insert_rowid()))
}

impl Store {
    /// Inserts the bundled example plan when the database holds no plan (first start).
    /// Returns its id when it was inserted.
    pub fn seed_example_if_empty(&mut self) -> Result<Option<PlanId>, StoreError> {
        let tx = self.conn.transaction()?;
        let count: i64 = tx.query_row("SELECT count(*) FROM plans", [], |row| row.get(0))?;
        if count > 0 {
            return Ok(None);
        }
        let name = name_in_toml(EXAMPLE_PLAN_TOML).unwrap_or_else(|| "Example plan".to_owned());
        let id = insert_plan(&tx, &name, EXAMPLE_PLAN_TOML)?;
        tx.commit()?;
        Ok(Some(id))
    }

    /// All plans, by name.
    pub fn list_plans(&self) -> Result<Vec<PlanSummary>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {SUMMARY_COLUMNS} FROM plans ORDER BY name COLLATE NOCASE, id"
        ))?;
        let rows = stmt.query_map([], summary_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One plan with its TOML text.
    pub fn get_plan(&self, id: PlanId) -> Result<PlanRecord, StoreError> {
        self.conn
            .query_row(
                &format!("SELECT {SUMMARY_COLUMNS}, toml FROM plans WHERE id = ?1"),
                [id.0],
                |row| {
                    Ok(PlanRecord {
                        summary: summary_from_row(row)?,
                        toml: row.get(4)?,
                    })
                },
            )
            .optional()?
            .ok_or(StoreError::PlanNotFound(id))
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

    /// Creates a plan. The name must be non-empty and not taken; the text must be TOML.
    pub fn create_plan(&mut self, name: &str, toml_text: &str) -> Result<PlanId, StoreError> {
        let tx = self.conn.transaction()?;
        let id = insert_plan(&tx, name, toml_text)?;
        tx.commit()?;
        Ok(id)
    }

    /// Replaces a plan's TOML text.
    pub fn save_plan(&mut self, id: PlanId, toml_text: &str) -> Result<(), StoreError> {
        check_toml(toml_text)?;
        let changed = self.conn.execute(
            "UPDATE plans SET toml = ?2, updated_at = ?3 WHERE id = ?1",
            params![id.0, toml_text, now_rfc3339()],
        )?;
        if changed == 0 {
            return Err(StoreError::PlanNotFound(id));
        }
        Ok(())
    }

    /// Renames a plan. The new name must be non-empty and not taken by another plan.
    pub fn rename_plan(&mut self, id: PlanId, new_name: &str) -> Result<(), StoreError> {
        let name = clean_name(new_name)?;
        let changed = self
            .conn
            .execute(
                "UPDATE plans SET name = ?2, updated_at = ?3 WHERE id = ?1",
                params![id.0, name, now_rfc3339()],
            )
            .map_err(name_conflict(name))?;
        if changed == 0 {
            return Err(StoreError::PlanNotFound(id));
        }
        Ok(())
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
