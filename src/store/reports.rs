//! Report history: which reports were written for a plan, where, and of what content.

use chrono::NaiveDate;
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{PlanId, Store, StoreError, now_rfc3339};

/// One report written for a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReportRecord {
    #[ts(type = "number")]
    pub id: i64,
    pub plan_id: PlanId,
    /// `pdf`, `xlsx`, `csv` or `json`.
    pub format: String,
    pub path: String,
    /// SHA-256 of the written file, to tell later whether it was changed.
    pub sha256: String,
    /// The plan's as-of date when the report was written.
    #[ts(type = "string")]
    pub as_of: NaiveDate,
    /// RFC 3339 UTC.
    pub created_at: String,
}

impl Store {
    /// Records a report just written for the plan.
    pub fn record_report(
        &mut self,
        plan_id: PlanId,
        format: &str,
        path: &str,
        sha256: &str,
        as_of: NaiveDate,
    ) -> Result<ReportRecord, StoreError> {
        let inserted = self.conn.execute(
            "INSERT INTO report_history (plan_id, format, path, sha256, as_of, created_at) \
             SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE EXISTS (SELECT 1 FROM plans WHERE id = ?1)",
            params![
                plan_id.0,
                format,
                path,
                sha256,
                as_of.to_string(),
                now_rfc3339()
            ],
        )?;
        if inserted == 0 {
            return Err(StoreError::PlanNotFound(plan_id));
        }
        let id = self.conn.last_insert_rowid();
        self.reports(plan_id)?
            .into_iter()
            .find(|report| report.id == id)
            .ok_or_else(|| StoreError::Corrupt(format!("report {id} vanished")))
    }

    /// The reports of a plan, newest first.
    pub fn reports(&self, plan_id: PlanId) -> Result<Vec<ReportRecord>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT id, plan_id, format, path, sha256, as_of, created_at FROM report_history \
             WHERE plan_id = ?1 ORDER BY created_at DESC, id DESC",
        )?;
        let rows = stmt.query_map([plan_id.0], |row| {
            let as_of: String = row.get(5)?;
            Ok(ReportRecord {
                id: row.get(0)?,
                plan_id: PlanId(row.get(1)?),
                format: row.get(2)?,
                path: row.get(3)?,
                sha256: row.get(4)?,
                as_of: as_of.parse().map_err(|_| {
                    rusqlite::Error::FromSqlConversionFailure(
                        5,
                        rusqlite::types::Type::Text,
                        Box::new(StoreError::Corrupt(format!("report as_of \"{as_of}\""))),
                    )
                })?,
                created_at: row.get(6)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
