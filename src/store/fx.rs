//! Exchange-rate cache: rates as published, and the log of fetch attempts.
//! Rates are only ever added or replaced by a newer publication of the same day; a failed fetch writes
//! nothing but its log line, so cached rates are never lost.

use std::str::FromStr;

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Store, StoreError, now_rfc3339};

/// One stored rate: 1 `base` = `rate` `quote`, as published for `date`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FxRateRow {
    #[ts(type = "string")]
    pub date: NaiveDate,
    pub base: String,
    pub quote: String,
    #[ts(type = "string")]
    pub rate: Decimal,
}

/// One attempt to refresh a feed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FxFetchLog {
    pub url: String,
    /// RFC 3339 UTC.
    pub attempted_at: String,
    /// `ok`, or the error code of the failure.
    pub outcome: String,
    pub message: String,
}

fn corrupt(what: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        0,
        rusqlite::types::Type::Text,
        Box::new(StoreError::Corrupt(what)),
    )
}

impl Store {
    /// Adds rates of `source`, replacing a same-day, same-pair row; all or nothing.
    pub fn put_fx_rates(&mut self, source: &str, rows: &[FxRateRow]) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        {
            let now = now_rfc3339();
            let mut stmt = tx.prepare(
                "INSERT INTO fx_rates (source, date, base, quote, rate, recorded_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6) \
                 ON CONFLICT (source, date, base, quote) \
                 DO UPDATE SET rate = excluded.rate, recorded_at = excluded.recorded_at",
            )?;
            for row in rows {
                stmt.execute(params![
                    source,
                    row.date.to_string(),
                    row.base,
                    row.quote,
                    row.rate.to_string(),
                    now
                ])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// All stored rates of `source`, oldest first.
    pub fn fx_rates(&self, source: &str) -> Result<Vec<FxRateRow>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT date, base, quote, rate FROM fx_rates WHERE source = ?1 \
             ORDER BY date, base, quote",
        )?;
        let rows = stmt.query_map([source], |row| {
            let date: String = row.get(0)?;
            let rate: String = row.get(3)?;
            Ok(FxRateRow {
                date: NaiveDate::from_str(&date)
                    .map_err(|_| corrupt(format!("fx_rates.date \"{date}\"")))?,
                base: row.get(1)?,
                quote: row.get(2)?,
                rate: Decimal::from_str(&rate)
                    .map_err(|_| corrupt(format!("fx_rates.rate \"{rate}\"")))?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Removes one stored rate of `source` (nothing happens when there is none).
    pub fn delete_fx_rate(
        &mut self,
        source: &str,
        date: NaiveDate,
        base: &str,
        quote: &str,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "DELETE FROM fx_rates WHERE source = ?1 AND date = ?2 AND base = ?3 AND quote = ?4",
            params![source, date.to_string(), base, quote],
        )?;
        Ok(())
    }

    /// Logs one fetch attempt of `source`.
    pub fn log_fx_fetch(
        &mut self,
        source: &str,
        url: &str,
        outcome: &str,
        message: &str,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO fx_fetches (source, url, attempted_at, outcome, message) \
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![source, url, now_rfc3339(), outcome, message],
        )?;
        Ok(())
    }

    /// The latest fetch attempt of `source`, and the latest successful one.
    pub fn last_fx_fetches(
        &self,
        source: &str,
    ) -> Result<(Option<FxFetchLog>, Option<FxFetchLog>), StoreError> {
        let query = |filter: &str| {
            self.conn
                .query_row(
                    &format!(
                        "SELECT url, attempted_at, outcome, message FROM fx_fetches \
                         WHERE source = ?1 {filter} ORDER BY id DESC LIMIT 1"
                    ),
                    [source],
                    |row| {
                        Ok(FxFetchLog {
                            url: row.get(0)?,
                            attempted_at: row.get(1)?,
                            outcome: row.get(2)?,
                            message: row.get(3)?,
                        })
                    },
                )
                .optional()
        };
        Ok((query("")?, query("AND outcome = 'ok'")?))
    }
}
