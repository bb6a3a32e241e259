//! Euro reference rates by currency and date, with cross rates through EUR. A date without a
//! publication (weekend, TARGET holiday) uses the last earlier rate, and says which date that was.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{EcbDay, RatesError};
use crate::money::{Currency, FxRate, FxSource};

/// Where a rate came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// The snapshot shipped inside Landfall.
    Bundled,
    /// Rates fetched earlier and kept in the database.
    Cached,
    /// Typed by the user (a bank or contract rate), dated by them; it replaces the ECB rate of its
    /// date.
    Manual,
}

/// A published rate: 1 EUR = `per_eur` units, published for `date`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Published {
    per_eur: Decimal,
    origin: Origin,
}

/// A conversion rate between two currencies on a requested date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CrossRate {
    pub from: String,
    pub to: String,
    /// 1 `from` = `rate` `to`; unrounded.
    #[ts(type = "string")]
    pub rate: Decimal,
    /// The date asked for.
    #[ts(type = "string")]
    pub requested: NaiveDate,
    /// The publication date of the older leg (equal to `requested` unless a rate was carried forward).
    #[ts(type = "string")]
    pub published: NaiveDate,
    /// How the rate was made, e.g. `USD→EUR→JPY: 171.94 / 1.0705`.
    pub formula: String,
    pub origin: Origin,
}

/// All known ECB rates, by currency then date.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RateBook {
    /// Rates lying under this book's own: the bundled history, parsed once per process and shared,
    /// so a book is made per request without copying a quarter of a century of rates.
    base: Option<&'static RateBook>,
    by_currency: BTreeMap<String, BTreeMap<NaiveDate, Published>>,
}

impl RateBook {
    /// An empty book lying over `base`: a rate added to it replaces the base's rate of the same
    /// currency and date.
    pub fn over(base: &'static RateBook) -> RateBook {
        RateBook {
            base: Some(base),
            by_currency: BTreeMap::new(),
        }
    }

    /// Adds days of rates; a later call replaces the same currency and date.
    pub fn add_days(&mut self, days: &[EcbDay], origin: Origin) {
        for day in days {
            for (currency, per_eur) in &day.rates {
                self.by_currency
                    .entry(currency.clone())
                    .or_default()
                    .insert(
                        day.date,
                        Published {
                            per_eur: *per_eur,
                            origin,
                        },
                    );
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.by_currency.is_empty() && self.base.is_none_or(RateBook::is_empty)
    }

    /// The newest publication date and where it came from.
    pub fn latest(&self) -> Option<(NaiveDate, Origin)> {
        self.by_currency
            .values()
            .filter_map(|dates| dates.last_key_value())
            .map(|(date, published)| (*date, published.origin))
            .chain(self.base.and_then(RateBook::latest))
            .max()
    }

    /// Currencies quoted against EUR (EUR itself not included), in code order.
    pub fn currencies(&self) -> impl Iterator<Item = &str> {
        let mut codes: BTreeSet<&str> = self.by_currency.keys().map(String::as_str).collect();
        if let Some(base) = self.base {
            codes.extend(base.currencies());
        }
        codes.into_iter()
    }

    /// The last publication of `currency` on or before `on`, this book's own over its base's: `None`
    /// when neither knows the currency, `Some(None)` when nothing was published by then.
    fn last_published(
        &self,
        currency: &str,
        on: NaiveDate,
    ) -> Option<Option<(NaiveDate, Published)>> {
        let own = self.by_currency.get(currency).map(|dates| {
            dates
                .range(..=on)
                .next_back()
                .map(|(date, published)| (*date, *published))
        });
        let base = self.base.and_then(|base| base.last_published(currency, on));
        match (own, base) {
            // On the same date the book's own rate wins over the base's.
            (Some(Some(mine)), Some(Some(under))) if under.0 > mine.0 => Some(Some(under)),
            (Some(Some(mine)), _) => Some(Some(mine)),
            (Some(None), under) | (None, under @ Some(_)) => Some(under.flatten()),
            (None, None) => None,
        }
    }

    /// The rate of 1 EUR in `currency` in force on `on`: the last publication on or before it.
    /// EUR itself is 1 and has no publication.
    fn per_eur(
        &self,
        currency: &str,
        on: NaiveDate,
    ) -> Result<Option<(NaiveDate, Published)>, RatesError> {
        if currency == "EUR" {
            return Ok(None);
        }
        match self.last_published(currency, on) {
            None => Err(RatesError::UnknownCurrency(currency.to_owned())),
            Some(None) => Err(RatesError::NoRateOnOrBefore {
                currency: currency.to_owned(),
                on,
            }),
            Some(found) => Ok(found),
        }
    }

    /// 1 `from` in `to` on `on`, through EUR: (`to` per EUR) / (`from` per EUR).
    pub fn cross(&self, from: &str, to: &str, on: NaiveDate) -> Result<CrossRate, RatesError> {
        let from_leg = self.per_eur(from, on)?;
        let to_leg = self.per_eur(to, on)?;
        let value =
            |leg: Option<(NaiveDate, Published)>| leg.map_or(Decimal::ONE, |(_, p)| p.per_eur);
        let (from_per_eur, to_per_eur) = (value(from_leg), value(to_leg));
        let rate = to_per_eur
            .checked_div(from_per_eur)
            .ok_or_else(|| RatesError::BadEntry {
                date: None,
                detail: format!("cannot divide {to_per_eur} by {from_per_eur}"),
            })?;
        let formula = match (from_leg, to_leg) {
            (None, None) => "EUR→EUR: 1".to_owned(),
            (None, Some(_)) => format!("EUR→{to}: {to_per_eur}"),
            (Some(_), None) => format!("{from}→EUR: 1 / {from_per_eur}"),
            (Some(_), Some(_)) => format!("{from}→EUR→{to}: {to_per_eur} / {from_per_eur}"),
        };
        let legs = [from_leg, to_leg].into_iter().flatten();
        // The older leg dates the rate; a typed leg makes the whole rate typed, else a bundled leg
        // makes it bundled.
        let published = legs.clone().map(|(date, _)| date).min().unwrap_or(on);
        let origins = legs.map(|(_, p)| p.origin);
        let origin = if origins.clone().any(|origin| origin == Origin::Manual) {
            Origin::Manual
        } else {
            origins.min().unwrap_or(Origin::Bundled)
        };
        Ok(CrossRate {
            from: from.to_owned(),
            to: to.to_owned(),
            rate,
            requested: on,
            published,
            formula,
            origin,
        })
    }
}

impl RateBook {
    /// The ECB cross rate `from`→`to` on `on` as the money room's [`FxRate`], dated by its older leg.
    pub fn fx_rate(
        &self,
        from: Currency,
        to: Currency,
        on: NaiveDate,
    ) -> Result<FxRate, RatesError> {
        let cross = self.cross(from.code(), to.code(), on)?;
        let source = match cross.origin {
            Origin::Manual => FxSource::Manual {
                note: String::new(),
            },
            Origin::Bundled | Origin::Cached => FxSource::EcbReference,
        };
        FxRate::new(from, to, cross.rate, cross.published, source).map_err(|err| {
            RatesError::BadEntry {
                date: Some(cross.published),
                detail: err.to_string(),
            }
        })
    }

    /// A rate for every pair of `currencies` that the book can price on `on`; a pair it cannot price
    /// is left out, so the calculation that needs it flags the missing rate on its own line.
    pub fn fx_rates_among(&self, currencies: &BTreeSet<Currency>, on: NaiveDate) -> Vec<FxRate> {
        let list: Vec<Currency> = currencies.iter().copied().collect();
        list.iter()
            .enumerate()
            .flat_map(|(index, from)| list.iter().skip(index + 1).map(move |to| (*from, *to)))
            .filter_map(|(from, to)| self.fx_rate(from, to, on).ok())
            .collect()
    }
}
