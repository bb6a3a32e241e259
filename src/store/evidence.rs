//! Evidence files and checklist progress.
//!
//! An evidence file is copied into the `evidence/` folder beside the database, named by its SHA-256
//! (never by anything the user typed); its original name is kept in the row. The copy is written to a
//! temporary file, synced and renamed before the row is committed, so a committed row always has its file.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use super::{PlanId, Store, StoreError, now_rfc3339};
use crate::checklist::engine::{ItemProgress, ProgressStatus};

/// Name of the evidence folder beside the database file.
pub const EVIDENCE_DIR: &str = "evidence";

/// A stored evidence file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Evidence {
    #[ts(type = "number")]
    pub id: i64,
    pub plan_id: PlanId,
    /// The checklist item it supports, if any.
    pub item_id: Option<String>,
    /// Lowercase hex SHA-256 of the content; also the stored file's name.
    pub sha256: String,
    /// The file name the user chose, without any folder.
    pub original_name: String,
    #[ts(type = "number")]
    pub size_bytes: i64,
    /// RFC 3339 UTC.
    pub added_at: String,
}

/// Progress on one checklist item of a plan: what the checklist room records, plus a due date and notes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ItemState {
    pub progress: ItemProgress,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "string | null")]
    pub due_date: Option<NaiveDate>,
    #[serde(default)]
    pub notes: String,
}

/// Lowercase hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// The last component of a user-given name, refusing names that are empty, `.`/`..`, or hold control
/// characters. Both `/` and `\` count as separators, whatever the platform.
pub fn safe_file_name(name: &str) -> Result<String, StoreError> {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default().trim();
    let bad = last.is_empty()
        || last == "."
        || last == ".."
        || last.chars().any(char::is_control)
        || last.len() > 255;
    if bad {
        Err(StoreError::BadFileName(crate::limits::excerpt(name)))
    } else {
        Ok(last.to_owned())
    }
}

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    }
}

const EVIDENCE_COLUMNS: &str = "id, plan_id, item_id, sha256, original_name, size_bytes, added_at";

fn evidence_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Evidence> {
    Ok(Evidence {
        id: row.get(0)?,
        plan_id: PlanId(row.get(1)?),
        item_id: row.get(2)?,
        sha256: row.get(3)?,
        original_name: row.get(4)?,
        size_bytes: row.get(5)?,
        added_at: row.get(6)?,
    })
}

impl Store {
    /// The folder holding evidence files.
    pub fn evidence_dir(&self) -> PathBuf {
        self.path
            .parent()
            .unwrap_or_else(|| Path::new("."))
            .join(EVIDENCE_DIR)
    }

    /// Where the evidence file with this hash is kept.
    pub fn evidence_path(&self, sha256: &str) -> Result<PathBuf, StoreError> {
        if sha256.len() != 64 || !sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(StoreError::Corrupt(format!("evidence hash \"{sha256}\"")));
        }
        Ok(self.evidence_dir().join(sha256.to_ascii_lowercase()))
    }

    /// Copies the file at `source` into the evidence folder and records it for the plan.
    pub fn add_evidence_file(
        &mut self,
        plan_id: PlanId,
        item_id: Option<&str>,
        source: &Path,
    ) -> Result<Evidence, StoreError> {
        let name = source
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        let bytes = crate::limits::read_capped(
            source,
            crate::limits::MAX_EVIDENCE_BYTES,
            "an evidence file",
        )
        .map_err(|err| match err {
            crate::limits::ReadError::Io { source: io, .. } => io_error(source)(io),
            other => StoreError::Unreadable(other),
        })?;
        self.add_evidence(plan_id, item_id, &name, &bytes)
    }

    /// Stores `bytes` as evidence named `original_name` for the plan.
    pub fn add_evidence(
        &mut self,
        plan_id: PlanId,
        item_id: Option<&str>,
        original_name: &str,
        bytes: &[u8],
    ) -> Result<Evidence, StoreError> {
        let original_name = safe_file_name(original_name)?;
        if bytes.len() as u64 > crate::limits::MAX_EVIDENCE_BYTES {
            return Err(StoreError::Unreadable(crate::limits::ReadError::TooLarge {
                path: original_name.into(),
                what: "an evidence file",
                limit: crate::limits::MAX_EVIDENCE_BYTES,
            }));
        }
        let sha256 = sha256_hex(bytes);
        self.write_evidence_file(&sha256, bytes)?;
        let tx = self.conn.transaction()?;
        let plan_exists: Option<i64> = tx
            .query_row("SELECT id FROM plans WHERE id = ?1", [plan_id.0], |row| {
                row.get(0)
            })
            .optional()?;
        if plan_exists.is_none() {
            return Err(StoreError::PlanNotFound(plan_id));
        }
        tx.execute(
            "INSERT INTO evidence (plan_id, item_id, sha256, original_name, size_bytes, added_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                plan_id.0,
                item_id,
                sha256,
                original_name,
                bytes.len() as i64,
                now_rfc3339()
            ],
        )?;
        let id = tx.last_insert_rowid();
        let evidence = tx.query_row(
            &format!("SELECT {EVIDENCE_COLUMNS} FROM evidence WHERE id = ?1"),
            [id],
            evidence_from_row,
        )?;
        tx.commit()?;
        Ok(evidence)
    }

    /// Writes the content under its hash unless already there: temp file, sync, rename.
    pub(super) fn write_evidence_file(&self, sha256: &str, bytes: &[u8]) -> Result<(), StoreError> {
        let target = self.evidence_path(sha256)?;
        if target.is_file() {
            return Ok(());
        }
        let dir = self.evidence_dir();
        std::fs::create_dir_all(&dir).map_err(io_error(&dir))?;
        let temp = dir.join(format!(".{sha256}.{}.tmp", std::process::id()));
        let mut file = std::fs::File::create(&temp).map_err(io_error(&temp))?;
        file.write_all(bytes).map_err(io_error(&temp))?;
        file.sync_all().map_err(io_error(&temp))?;
        drop(file);
        std::fs::rename(&temp, &target).map_err(io_error(&target))?;
        // Make the rename itself durable before the row that points at it is committed.
        if let Ok(dir_handle) = std::fs::File::open(&dir) {
            dir_handle.sync_all().map_err(io_error(&dir))?;
        }
        Ok(())
    }

    /// The evidence of a plan, oldest first.
    pub fn list_evidence(&self, plan_id: PlanId) -> Result<Vec<Evidence>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {EVIDENCE_COLUMNS} FROM evidence WHERE plan_id = ?1 ORDER BY id"
        ))?;
        let rows = stmt.query_map([plan_id.0], evidence_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The content of an evidence file, checked against its hash.
    pub fn read_evidence(&self, evidence: &Evidence) -> Result<Vec<u8>, StoreError> {
        let path = self.evidence_path(&evidence.sha256)?;
        let bytes = std::fs::read(&path).map_err(io_error(&path))?;
        if sha256_hex(&bytes) != evidence.sha256 {
            return Err(StoreError::Corrupt(format!(
                "evidence file {} does not match its hash",
                path.display()
            )));
        }
        Ok(bytes)
    }

    /// Removes one evidence row (the file stays while another row may share it).
    pub fn delete_evidence(&mut self, id: i64) -> Result<(), StoreError> {
        self.conn
            .execute("DELETE FROM evidence WHERE id = ?1", [id])?;
        Ok(())
    }

    /// Records progress on a checklist item, replacing the previous state.
    pub fn set_item_state(&mut self, plan_id: PlanId, state: &ItemState) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        write_item_state(&tx, plan_id, state)?;
        tx.commit()?;
        Ok(())
    }

    /// Every recorded item state of a plan, by item id.
    pub fn item_states(&self, plan_id: PlanId) -> Result<Vec<ItemState>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT item_id, status, owner, due_date, notes, not_applicable_reason, evidence \
             FROM checklist_states WHERE plan_id = ?1 ORDER BY item_id",
        )?;
        let rows = stmt.query_map([plan_id.0], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, Option<String>>(2)?,
                row.get::<_, Option<String>>(3)?,
                row.get::<_, String>(4)?,
                row.get::<_, Option<String>>(5)?,
                row.get::<_, String>(6)?,
            ))
        })?;
        let mut states = Vec::new();
        for row in rows {
            let (item, status, owner, due, notes, reason, evidence) = row?;
            let corrupt =
                |what: String| StoreError::Corrupt(format!("checklist item {item}: {what}"));
            let status = ProgressStatus::from_name(&status)
                .ok_or_else(|| corrupt(format!("status \"{status}\"")))?;
            let due_date = due
                .map(|text| {
                    text.parse::<NaiveDate>()
                        .map_err(|_| corrupt(format!("due date \"{text}\"")))
                })
                .transpose()?;
            let evidence = serde_json::from_str(&evidence)
                .map_err(|err| corrupt(format!("evidence: {err}")))?;
            states.push(ItemState {
                progress: ItemProgress {
                    item,
                    status,
                    owner,
                    reason,
                    evidence,
                },
                due_date,
                notes,
            });
        }
        Ok(states)
    }
}

pub(super) fn write_item_state(
    tx: &rusqlite::Transaction<'_>,
    plan_id: PlanId,
    state: &ItemState,
) -> Result<(), StoreError> {
    let progress = &state.progress;
    if progress.item.trim().is_empty() {
        return Err(StoreError::InvalidItemState(
            "a checklist state needs an item id".into(),
        ));
    }
    let has_reason = progress
        .reason
        .as_deref()
        .is_some_and(|r| !r.trim().is_empty());
    if progress.status == ProgressStatus::NotApplicable && !has_reason {
        return Err(StoreError::InvalidItemState(format!(
            "item {} is marked not applicable without a reason",
            progress.item
        )));
    }
    let status = progress.status.name();
    let evidence = serde_json::to_string(&progress.evidence)
        .map_err(|err| StoreError::InvalidItemState(err.to_string()))?;
    let changed = tx.execute(
        "INSERT INTO checklist_states (plan_id, item_id, status, owner, due_date, notes, \
         not_applicable_reason, evidence, updated_at) \
         SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9 WHERE EXISTS (SELECT 1 FROM plans WHERE id = ?1) \
         ON CONFLICT (plan_id, item_id) DO UPDATE SET status = excluded.status, \
         owner = excluded.owner, due_date = excluded.due_date, notes = excluded.notes, \
         not_applicable_reason = excluded.not_applicable_reason, evidence = excluded.evidence, \
         updated_at = excluded.updated_at",
        params![
            plan_id.0,
            progress.item,
            status,
            progress.owner,
            state.due_date.map(|d| d.to_string()),
            state.notes,
            progress.reason,
            evidence,
            now_rfc3339()
        ],
    )?;
    if changed == 0 {
        return Err(StoreError::PlanNotFound(plan_id));
    }
    Ok(())
}
