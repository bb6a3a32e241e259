//! The ECB euro reference-rate XML (daily and 90-day files): namespaced `Cube` elements, one dated `Cube`
//! per business day, one `Cube currency=… rate=…` per currency. No currency list is assumed.

use std::collections::{BTreeMap, BTreeSet};
use std::str::FromStr;

use chrono::NaiveDate;
use quick_xml::NsReader;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use rust_decimal::Decimal;

use super::{RatesError, is_currency_code};

/// Namespace of the ECB `Cube` elements.
pub const ECB_NAMESPACE: &str = "http://www.ecb.int/vocabulary/2002-08-01/eurofxref";

/// One business day of ECB reference rates: units of each currency per 1 EUR.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EcbDay {
    pub date: NaiveDate,
    pub rates: BTreeMap<String, Decimal>,
}

/// Parses an ECB daily or 90-day XML file. Days come back oldest first. A feed with a damaged entry is
/// refused whole, so a half-read file never replaces good rates.
pub fn parse_ecb_xml(xml: &str) -> Result<Vec<EcbDay>, RatesError> {
    let mut reader = NsReader::from_str(xml);
    let mut days: BTreeMap<NaiveDate, BTreeMap<String, Decimal>> = BTreeMap::new();
    let mut seen_dates: BTreeSet<NaiveDate> = BTreeSet::new();
    let mut current_day: Option<NaiveDate> = None;
    let mut depth: usize = 0;
    let mut day_depth: Option<usize> = None;
    let mut foreign_cube_namespace: Option<String> = None;
    loop {
        let position = reader.buffer_position();
        let malformed = |err: &dyn std::fmt::Display| RatesError::Malformed {
            position,
            message: err.to_string(),
        };
        let (namespace, event) = reader.read_resolved_event().map_err(|e| malformed(&e))?;
        let is_ecb_cube = |element: &BytesStart<'_>| -> bool {
            element.local_name().as_ref() == "Cube"
                && matches!(&namespace, ResolveResult::Bound(ns) if ns.as_ref() == ECB_NAMESPACE)
        };
        match &event {
            Event::Start(element) | Event::Empty(element) => {
                let is_start = matches!(event, Event::Start(_));
                if is_ecb_cube(element) {
                    let attrs = read_attributes(element).map_err(|e| malformed(&e))?;
                    if let Some(time) = attrs.get("time") {
                        let date = NaiveDate::from_str(time).map_err(|_| RatesError::BadEntry {
                            date: None,
                            detail: format!(
                                "time=\"{}\" is not a YYYY-MM-DD date",
                                crate::limits::excerpt(time)
                            ),
                        })?;
                        if !seen_dates.insert(date) {
                            return Err(RatesError::BadEntry {
                                date: Some(date),
                                detail: "the date appears twice in the feed".to_owned(),
                            });
                        }
                        if is_start {
                            current_day = Some(date);
                            day_depth = Some(depth);
                        }
                    } else if let Some(currency) = attrs.get("currency") {
                        let date = current_day.ok_or_else(|| RatesError::BadEntry {
                            date: None,
                            detail: format!(
                                "rate for {} outside a dated Cube",
                                crate::limits::excerpt(currency)
                            ),
                        })?;
                        let (code, rate) = parse_rate(date, currency, attrs.get("rate"))?;
                        // Last-one-wins would keep whichever of two rates came second.
                        if days.entry(date).or_default().insert(code, rate).is_some() {
                            return Err(RatesError::BadEntry {
                                date: Some(date),
                                detail: format!("{currency} appears twice on that day"),
                            });
                        }
                    }
                } else if element.local_name().as_ref() == "Cube"
                    && foreign_cube_namespace.is_none()
                {
                    foreign_cube_namespace = Some(match &namespace {
                        ResolveResult::Bound(ns) => ns.as_ref().to_owned(),
                        ResolveResult::Unbound => "no namespace".to_owned(),
                        ResolveResult::Unknown(prefix) => format!("unknown prefix {prefix}"),
                    });
                }
                if is_start {
                    depth += 1;
                }
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if day_depth == Some(depth) {
                    current_day = None;
                    day_depth = None;
                }
            }
            Event::Eof => {
                if depth > 0 {
                    return Err(malformed(&"the file ends before its elements are closed"));
                }
                break;
            }
            _ => {}
        }
    }
    if days.is_empty() {
        return Err(match foreign_cube_namespace {
            Some(found) => RatesError::WrongNamespace { found },
            None => RatesError::EmptyFeed,
        });
    }
    Ok(days
        .into_iter()
        .map(|(date, rates)| EcbDay { date, rates })
        .collect())
}

fn read_attributes(element: &BytesStart<'_>) -> Result<BTreeMap<String, String>, quick_xml::Error> {
    let mut attrs = BTreeMap::new();
    for attr in element.attributes() {
        let attr = attr.map_err(quick_xml::Error::from)?;
        let key = attr.key.local_name().as_ref().to_owned();
        let value = attr.normalized_value(quick_xml::XmlVersion::Implicit1_0)?;
        attrs.insert(key, value.into_owned());
    }
    Ok(attrs)
}

fn parse_rate(
    date: NaiveDate,
    currency: &str,
    rate: Option<&String>,
) -> Result<(String, Decimal), RatesError> {
    let bad = |detail: String| RatesError::BadEntry {
        date: Some(date),
        detail,
    };
    if !is_currency_code(currency) {
        return Err(bad(format!(
            "currency=\"{}\" is not an ISO 4217 code",
            crate::limits::excerpt(currency)
        )));
    }
    let rate = rate.ok_or_else(|| bad(format!("{currency} has no rate")))?;
    let value = Decimal::from_str(rate.trim())
        .ok()
        .filter(|value| *value > Decimal::ZERO)
        .ok_or_else(|| {
            bad(format!(
                "{currency} rate=\"{}\" is not a positive number",
                crate::limits::excerpt(rate)
            ))
        })?;
    Ok((currency.to_owned(), value))
}
