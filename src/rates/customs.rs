//! Japan Customs weekly conversion rates (税関長公示レート), entered by hand or imported from CSV.
//! A rate applies for one week, Sunday to Saturday (Japan Customs "1406: Foreign Exchange Rate for
//! Conversion of Currency"); outside its week it is not used.

use std::str::FromStr;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{RatesError, is_currency_code};

/// One weekly rate: 1 `currency` = `jpy_per_unit` JPY for the week starting `week_start` (a Sunday).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CustomsRate {
    #[ts(type = "string")]
    pub week_start: NaiveDate,
    pub currency: String,
    #[ts(type = "string")]
    pub jpy_per_unit: Decimal,
}

impl CustomsRate {
    /// Checks the fields: a Sunday, an ISO 4217 code other than JPY, a positive rate.
    pub fn new(
        week_start: NaiveDate,
        currency: &str,
        jpy_per_unit: Decimal,
    ) -> Result<CustomsRate, RatesError> {
        if week_start.weekday() != Weekday::Sun {
            return Err(RatesError::InvalidCustomsRate(format!(
                "week_start {week_start} is a {}; Japan Customs weeks start on Sunday",
                week_start.format("%A")
            )));
        }
        if !is_currency_code(currency) || currency == "JPY" {
            return Err(RatesError::InvalidCustomsRate(format!(
                "\"{currency}\" is not a foreign currency code (ISO 4217, e.g. EUR)"
            )));
        }
        if jpy_per_unit <= Decimal::ZERO {
            return Err(RatesError::InvalidCustomsRate(format!(
                "rate {jpy_per_unit} must be positive"
            )));
        }
        Ok(CustomsRate {
            week_start,
            currency: currency.to_owned(),
            jpy_per_unit,
        })
    }

    /// The last day (Saturday) of the week this rate applies to.
    pub fn week_end(&self) -> NaiveDate {
        self.week_start
            .checked_add_days(Days::new(6))
            .unwrap_or(NaiveDate::MAX)
    }
}

/// The header a customs-rate CSV starts with.
pub const CUSTOMS_CSV_HEADER: &str = "week_start,currency,jpy_per_unit";

/// Parses a CSV of weekly rates (`week_start,currency,jpy_per_unit`, ISO dates, `.` decimals).
/// Every bad line is reported with its number; one bad line refuses the whole file.
pub fn parse_customs_csv(text: &str) -> Result<Vec<CustomsRate>, RatesError> {
    let mut lines = text
        .lines()
        .enumerate()
        .map(|(index, line)| (index + 1, line.trim()));
    let header_ok = lines.next().is_some_and(|(_, header)| {
        header.trim_start_matches('\u{feff}').replace(' ', "") == CUSTOMS_CSV_HEADER
    });
    if !header_ok {
        return Err(RatesError::CustomsCsv(vec![format!(
            "line 1: the first line must be the header \"{CUSTOMS_CSV_HEADER}\""
        )]));
    }
    let mut rates = Vec::new();
    let mut errors = Vec::new();
    for (number, line) in lines.filter(|(_, line)| !line.is_empty()) {
        match parse_line(line) {
            Ok(rate) => rates.push(rate),
            Err(message) => errors.push(format!("line {number}: {message}")),
        }
    }
    if errors.is_empty() {
        Ok(rates)
    } else {
        Err(RatesError::CustomsCsv(errors))
    }
}

fn parse_line(line: &str) -> Result<CustomsRate, String> {
    let fields: Vec<&str> = line.split(',').map(str::trim).collect();
    let [week_start, currency, rate] = fields.as_slice() else {
        return Err(format!("expected 3 fields, found {}", fields.len()));
    };
    let week_start = NaiveDate::from_str(week_start)
        .map_err(|_| format!("week_start \"{week_start}\" is not a YYYY-MM-DD date"))?;
    let rate =
        Decimal::from_str(rate).map_err(|_| format!("jpy_per_unit \"{rate}\" is not a number"))?;
    CustomsRate::new(week_start, currency, rate).map_err(|err| err.to_string())
}
