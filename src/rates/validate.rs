//! Plausibility of a fetched ECB feed, checked before any of it is stored: a feed that fails is
//! refused whole with the reason, and the rates already known stay in use.
//!
//! What a well-formed feed can still get wrong, and the rule for each:
//! - a date after today (a clock or a feed gone wrong would make it look fresh for years): refused,
//!   one day of tolerance for time zones east of Frankfurt;
//! - a rate outside [`MIN_PER_EUR`]..=[`MAX_PER_EUR`] units per euro, the band every ECB currency
//!   has stayed in (the pound is the strongest at 0.8, the rupiah the weakest at 17,000);
//! - a rate more than [`MAX_DAILY_FACTOR`] times (or less than its inverse) the previous known
//!   rate of the same currency, if that one is at most [`RECENT_DAYS`] older: the largest move of
//!   an ECB reference rate (the Swiss franc, January 2015) was under 20 %; an older previous rate
//!   (the snapshot bundled with Landfall, after a long time offline) allows [`MAX_LONG_FACTOR`].
//!
//! Duplicate dates and currencies are refused by the parser ([`super::parse_ecb_xml`]).

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;

use super::{EcbDay, RateBook, RatesError};

/// The smallest and largest rate accepted, in units of the currency per euro.
pub const MIN_PER_EUR: Decimal = Decimal::from_parts(1, 0, 0, false, 4);
pub const MAX_PER_EUR: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);
/// How far a rate may move from the previous known one, either way, within [`RECENT_DAYS`].
pub const MAX_DAILY_FACTOR: Decimal = Decimal::TWO;
/// How far a rate may move from a previous one older than [`RECENT_DAYS`].
pub const MAX_LONG_FACTOR: Decimal = Decimal::TEN;
/// A previous rate at most this many days older is recent.
pub const RECENT_DAYS: i64 = 366;

/// Checks a parsed feed against `today` and the rates already known (`known`: the cached rates over
/// the bundled snapshot). Days are checked oldest first, each against the day before it in the
/// feed, or the last known rate before its date.
pub fn check_feed(days: &[EcbDay], known: &RateBook, today: NaiveDate) -> Result<(), RatesError> {
    let latest_allowed = today.checked_add_days(Days::new(1)).unwrap_or(today);
    let mut feed = RateBook::default();
    for day in days {
        let bad = |detail: String| RatesError::BadEntry {
            date: Some(day.date),
            detail,
        };
        if day.date > latest_allowed {
            return Err(bad(format!(
                "the date is after today ({today}): the feed or the clock is wrong"
            )));
        }
        for (currency, rate) in &day.rates {
            if !(MIN_PER_EUR..=MAX_PER_EUR).contains(rate) {
                return Err(bad(format!(
                    "{currency} rate {rate} is outside {MIN_PER_EUR} to {MAX_PER_EUR} units per euro"
                )));
            }
            let before = day.date.pred_opt().unwrap_or(day.date);
            let previous = feed
                .cross("EUR", currency, before)
                .or_else(|_| known.cross("EUR", currency, before));
            // A stored rate outside the band (cached by an older Landfall) is no reference: the
            // feed that replaces it must get through.
            if let Some(previous) = previous
                .ok()
                .filter(|previous| (MIN_PER_EUR..=MAX_PER_EUR).contains(&previous.rate))
            {
                let age = day
                    .date
                    .signed_duration_since(previous.published)
                    .num_days();
                let factor = if age <= RECENT_DAYS {
                    MAX_DAILY_FACTOR
                } else {
                    MAX_LONG_FACTOR
                };
                let low = previous.rate.checked_div(factor).unwrap_or(Decimal::ZERO);
                let high = previous.rate.checked_mul(factor).unwrap_or(Decimal::MAX);
                if !(low..=high).contains(rate) {
                    return Err(bad(format!(
                        "{currency} rate {rate} is more than {factor} times away from the rate of \
                         {} ({})",
                        previous.published,
                        previous.rate.normalize()
                    )));
                }
            }
        }
        feed.add_days(std::slice::from_ref(day), super::Origin::Cached);
    }
    Ok(())
}
