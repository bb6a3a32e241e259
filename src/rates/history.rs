//! The ECB reference-rate history bundled with Landfall: every business day since 1999-01-04, as the
//! ECB publishes it in `eurofxref-hist.zip` (one CSV, `Date,USD,JPY,…`, newest day first, `N/A` where
//! a currency was not quoted, a trailing comma on every line). Offline, a plan dated any day since 1999
//! gets the rates of its date; fetched rates are laid over it.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::{EcbDay, RatesError, is_currency_code};

/// The name of the CSV inside the ECB's zip.
const CSV_NAME: &str = "eurofxref-hist.csv";

/// Unpacks and parses the ECB history zip. Days come back oldest first. A damaged file is refused
/// whole, naming the line.
pub fn parse_history_zip(bytes: &[u8]) -> Result<Vec<EcbDay>, RatesError> {
    let bad = |message: String| RatesError::Bundled(message);
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|err| bad(err.to_string()))?;
    let mut csv = String::new();
    archive
        .by_name(CSV_NAME)
        .map_err(|err| bad(format!("{CSV_NAME}: {err}")))?
        .read_to_string(&mut csv)
        .map_err(|err| bad(format!("{CSV_NAME}: {err}")))?;
    parse_history_csv(&csv)
}

/// Parses the ECB history CSV.
pub fn parse_history_csv(csv: &str) -> Result<Vec<EcbDay>, RatesError> {
    let mut lines = csv.lines().enumerate();
    let header = lines
        .next()
        .map(|(_, line)| line)
        .filter(|line| line.starts_with("Date,"))
        .ok_or_else(|| RatesError::Bundled(format!("{CSV_NAME}: no `Date,…` header")))?;
    let currencies: Vec<&str> = header.split(',').skip(1).map(str::trim).collect();
    if let Some(code) = currencies
        .iter()
        .find(|code| !code.is_empty() && !is_currency_code(code))
    {
        return Err(RatesError::Bundled(format!(
            "{CSV_NAME} line 1: `{code}` is not a currency code"
        )));
    }
    let mut days = BTreeMap::new();
    for (index, line) in lines {
        if line.trim().is_empty() {
            continue;
        }
        let at = |detail: String| {
            RatesError::Bundled(format!("{CSV_NAME} line {}: {detail}", index + 1))
        };
        let mut cells = line.split(',');
        let date_text = cells.next().unwrap_or_default().trim();
        let date = NaiveDate::from_str(date_text)
            .map_err(|_| at(format!("`{date_text}` is not a YYYY-MM-DD date")))?;
        let mut rates = BTreeMap::new();
        for (currency, cell) in currencies.iter().zip(cells) {
            let cell = cell.trim();
            // An empty column (the trailing comma) or a currency not quoted that day.
            if currency.is_empty() || cell.is_empty() || cell == "N/A" {
                continue;
            }
            let rate = Decimal::from_str(cell)
                .ok()
                .filter(|rate| *rate > Decimal::ZERO)
                .ok_or_else(|| at(format!("{currency} `{cell}` is not a positive number")))?;
            rates.insert((*currency).to_owned(), rate);
        }
        if days.insert(date, rates).is_some() {
            return Err(at(format!("{date} appears twice")));
        }
    }
    if days.is_empty() {
        return Err(RatesError::Bundled(format!("{CSV_NAME}: no days")));
    }
    Ok(days
        .into_iter()
        .map(|(date, rates)| EcbDay { date, rates })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn reads_the_ecb_layout() {
        let csv =
            "Date,USD,JPY,BGN,\n2026-10-30,1.1172,175.68,N/A,\n2025-03-14,1.0889,161.88,1.9558,\n";
        let days = parse_history_csv(csv).unwrap();
        assert_eq!(days.len(), 2);
        assert_eq!(days[0].date.to_string(), "2025-03-14");
        assert_eq!(days[0].rates["BGN"], dec!(1.9558));
        assert_eq!(days[1].rates["JPY"], dec!(175.68));
        assert!(!days[1].rates.contains_key("BGN"));
    }

    #[test]
    fn damaged_lines_are_named() {
        let err = parse_history_csv("Date,USD,\n2026-10-30,abc,\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "the bundled rates snapshot is damaged: eurofxref-hist.csv line 2: USD `abc` is not a positive number"
        );
        let twice = parse_history_csv("Date,USD,\n2026-10-30,1.1,\n2026-10-30,1.2,\n").unwrap_err();
        assert!(
            twice
                .to_string()
                .contains("line 3: 2026-10-30 appears twice")
        );
        assert!(parse_history_csv("Date,US1,\n").is_err());
        assert!(parse_history_csv("").is_err());
    }
}
