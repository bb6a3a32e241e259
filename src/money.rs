//! Money: `Decimal` amounts with an ISO-4217 currency, named rounding rules, FX conversion,
//! largest-remainder allocation.
//!
//! Nothing here rounds implicitly: sums and products keep full precision, and rounding happens only
//! where a caller applies a named [`Rounding`] (the authority's or the marketplace's rule).

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::text::{Lang, Text};

/// Why a money operation was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("currency mismatch: {left} and {right} cannot be combined without a conversion")]
    CurrencyMismatch { left: Currency, right: Currency },
    #[error("unknown currency code `{0}` (expected an ISO-4217 code such as EUR, JPY, USD)")]
    UnknownCurrency(String),
    #[error("amount overflow")]
    Overflow,
    /// A division whose divisor is zero.
    #[error("division by zero")]
    DivisionByZero,
    #[error(
        "invalid rate `{0}`: expected a percentage such as `14%` or a fraction such as `22/78`"
    )]
    InvalidRate(String),
    #[error(
        "invalid rounding step `{0}`: expected `minor` or a positive number such as `1`, `100`, `1000`"
    )]
    InvalidStep(String),
    #[error("FX rate converts {rate_from} to {rate_to}, but the amount is in {amount}")]
    FxWrongCurrency {
        rate_from: Currency,
        rate_to: Currency,
        amount: Currency,
    },
    #[error("FX rate must be positive, got {0}")]
    FxNonPositiveRate(Decimal),
    #[error("FX rate {0} is outside the range of any real exchange rate (0.000001 to 1,000,000)")]
    FxRateOutOfRange(Decimal),
    #[error("cannot allocate over no lines")]
    AllocationNoLines,
    #[error("allocation weight {0} is negative")]
    AllocationNegativeWeight(Decimal),
    #[error("allocation weights sum to zero; use the `equal` basis or give the lines a {0}")]
    AllocationZeroWeights(&'static str),
    #[error(
        "the amount {0} has more decimals than the currency's minor unit; round it before allocating"
    )]
    AllocationNotInMinorUnits(Decimal),
}

/// ISO-4217 codes with their minor-unit exponent, sorted by code (looked up by binary search). Codes
/// not listed are refused rather than guessed.
const CURRENCIES: &[(&str, u32)] = &[
    ("AED", 2),
    ("AUD", 2),
    ("BHD", 3),
    ("BRL", 2),
    ("CAD", 2),
    ("CHF", 2),
    ("CLP", 0),
    ("CNY", 2),
    ("CZK", 2),
    ("DKK", 2),
    ("EUR", 2),
    ("GBP", 2),
    ("HKD", 2),
    ("HUF", 2),
    ("IDR", 2),
    ("ILS", 2),
    ("INR", 2),
    ("ISK", 0),
    ("JOD", 3),
    ("JPY", 0),
    ("KRW", 0),
    ("KWD", 3),
    ("MXN", 2),
    ("MYR", 2),
    ("NOK", 2),
    ("NZD", 2),
    ("OMR", 3),
    ("PHP", 2),
    ("PLN", 2),
    ("RON", 2),
    ("SAR", 2),
    ("SEK", 2),
    ("SGD", 2),
    ("THB", 2),
    ("TND", 3),
    ("TRY", 2),
    ("TWD", 2),
    ("USD", 2),
    ("VND", 0),
    ("ZAR", 2),
];

/// An ISO-4217 currency from the table above; `Copy`, serialised as its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, TS)]
#[ts(type = "string")]
pub struct Currency {
    code: [u8; 3],
    exponent: u32,
}

impl Currency {
    pub const EUR: Currency = Currency::known(*b"EUR", 2);
    pub const JPY: Currency = Currency::known(*b"JPY", 0);
    pub const USD: Currency = Currency::known(*b"USD", 2);
    pub const GBP: Currency = Currency::known(*b"GBP", 2);
    pub const CAD: Currency = Currency::known(*b"CAD", 2);
    pub const AUD: Currency = Currency::known(*b"AUD", 2);

    const fn known(code: [u8; 3], exponent: u32) -> Currency {
        Currency { code, exponent }
    }

    /// The three-letter code.
    pub fn code(&self) -> &str {
        // The code bytes come from the ASCII table above, so this never fails.
        std::str::from_utf8(&self.code).unwrap_or("???")
    }

    /// Number of digits after the decimal point in the minor unit (JPY 0, EUR 2, KWD 3).
    pub fn exponent(&self) -> u32 {
        self.exponent
    }

    /// The smallest amount: 1 for JPY, 0.01 for EUR.
    pub fn minor_unit(&self) -> Decimal {
        Decimal::new(1, self.exponent)
    }
}

impl FromStr for Currency {
    type Err = MoneyError;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let unknown = || MoneyError::UnknownCurrency(text.to_string());
        let bytes: [u8; 3] = text.trim().as_bytes().try_into().map_err(|_| unknown())?;
        let code = bytes.map(|byte| byte.to_ascii_uppercase());
        // The table is sorted by code.
        CURRENCIES
            .binary_search_by(|(known, _)| known.as_bytes().cmp(code.as_slice()))
            .ok()
            .and_then(|index| CURRENCIES.get(index))
            .map(|(_, exponent)| Currency::known(code, *exponent))
            .ok_or_else(unknown)
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for Currency {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// An amount in a currency. Arithmetic between two amounts checks the currencies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub struct Money {
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub amount: Decimal,
    pub currency: Currency,
}

impl Money {
    pub fn new(amount: Decimal, currency: Currency) -> Money {
        Money { amount, currency }
    }

    pub fn zero(currency: Currency) -> Money {
        Money::new(Decimal::ZERO, currency)
    }

    fn same_currency(&self, other: &Money) -> Result<(), MoneyError> {
        if self.currency == other.currency {
            Ok(())
        } else {
            Err(MoneyError::CurrencyMismatch {
                left: self.currency,
                right: other.currency,
            })
        }
    }

    pub fn checked_add(&self, other: &Money) -> Result<Money, MoneyError> {
        self.same_currency(other)?;
        let amount = self
            .amount
            .checked_add(other.amount)
            .ok_or(MoneyError::Overflow)?;
        Ok(Money::new(amount, self.currency))
    }

    pub fn checked_sub(&self, other: &Money) -> Result<Money, MoneyError> {
        self.same_currency(other)?;
        let amount = self
            .amount
            .checked_sub(other.amount)
            .ok_or(MoneyError::Overflow)?;
        Ok(Money::new(amount, self.currency))
    }

    /// Multiplies by a plain number (a quantity or a rate); the currency is kept.
    pub fn checked_mul(&self, factor: Decimal) -> Result<Money, MoneyError> {
        let amount = self
            .amount
            .checked_mul(factor)
            .ok_or(MoneyError::Overflow)?;
        Ok(Money::new(amount, self.currency))
    }

    /// Divides by a plain number (a quantity, `1 + rate`): a zero divisor or a quotient beyond
    /// `Decimal`'s range is an error, never a panic.
    pub fn checked_div(&self, divisor: Decimal) -> Result<Money, MoneyError> {
        Ok(Money::new(
            checked_ratio(self.amount, divisor)?,
            self.currency,
        ))
    }

    /// `self ÷ other` as a plain number (a margin rate): both in one currency, the divisor not
    /// zero, the ratio within range.
    pub fn checked_ratio(&self, other: &Money) -> Result<Decimal, MoneyError> {
        self.same_currency(other)?;
        checked_ratio(self.amount, other.amount)
    }

    pub fn neg(&self) -> Money {
        Money::new(-self.amount, self.currency)
    }

    /// Sum of amounts that must all be in `currency` (an empty sum is zero).
    pub fn sum<'a>(
        currency: Currency,
        items: impl IntoIterator<Item = &'a Money>,
    ) -> Result<Money, MoneyError> {
        items
            .into_iter()
            .try_fold(Money::zero(currency), |acc, item| acc.checked_add(item))
    }

    pub fn round(&self, rule: &Rounding) -> Money {
        Money::new(rule.apply(self.amount, self.currency), self.currency)
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", group_digits(self.amount), self.currency)
    }
}

/// `numerator ÷ denominator`: [`MoneyError::DivisionByZero`] for a zero divisor and
/// [`MoneyError::Overflow`] for a quotient beyond `Decimal`'s range (a margin over a price of
/// 10^-28), where `/` would panic.
pub fn checked_ratio(numerator: Decimal, denominator: Decimal) -> Result<Decimal, MoneyError> {
    if denominator.is_zero() {
        return Err(MoneyError::DivisionByZero);
    }
    numerator
        .checked_div(denominator)
        .ok_or(MoneyError::Overflow)
}

/// `a × b` for plain numbers and amounts: [`MoneyError::Overflow`] beyond `Decimal`'s range,
/// where `*` would panic.
pub fn checked_product(a: Decimal, b: Decimal) -> Result<Decimal, MoneyError> {
    a.checked_mul(b).ok_or(MoneyError::Overflow)
}

/// `534795` → `534,795`; `-1234.5` → `-1,234.5`. For formulas and messages only, never for parsing.
pub fn group_digits(value: Decimal) -> String {
    Lang::En.grouped(value)
}

/// A rate written as a percentage (`"14%"`, `"7.8%"`) or a fraction (`"22/78"`), held exactly as the
/// fraction it denotes where the decimal is exact; `22/78` keeps numerator and denominator so that
/// `x × 22/78` is computed as `x × 22 ÷ 78` without an early rounding of the ratio.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, TS)]
#[ts(type = "string")]
pub enum Rate {
    Percent(Decimal),
    Fraction {
        numerator: Decimal,
        denominator: Decimal,
    },
}

impl Rate {
    pub fn percent(value: Decimal) -> Rate {
        Rate::Percent(value)
    }

    /// `amount × rate`, dividing last so `x × 22/78` keeps full precision. Rates read from text are
    /// bounded ([`MAX_RATE`], [`MAX_FRACTION_TERM`]) so that amounts up to [`MAX_AMOUNT`] never
    /// overflow; [`Rate::checked_apply`] is for anything else.
    pub fn apply(&self, amount: Decimal) -> Decimal {
        // Out of range only for amounts or rates no validated input reaches; zero is then the
        // least harmful figure, and callers that can meet them use `checked_apply`.
        self.checked_apply(amount).unwrap_or_default()
    }

    /// `amount × rate`, or [`MoneyError::Overflow`] / [`MoneyError::DivisionByZero`] where the
    /// arithmetic cannot be done.
    pub fn checked_apply(&self, amount: Decimal) -> Result<Decimal, MoneyError> {
        match self {
            Rate::Percent(percent) => {
                // Dividing by 100 is a scale shift: exact, and much cheaper than a division.
                let mut fraction = *percent;
                match fraction.set_scale(percent.scale() + 2) {
                    Ok(()) => checked_product(amount, fraction),
                    Err(_) => {
                        checked_ratio(checked_product(amount, *percent)?, Decimal::ONE_HUNDRED)
                    }
                }
            }
            Rate::Fraction {
                numerator,
                denominator,
            } => checked_ratio(checked_product(amount, *numerator)?, *denominator),
        }
    }

    /// The rate as a plain fraction (0.14 for 14%).
    pub fn as_fraction(&self) -> Decimal {
        self.apply(Decimal::ONE)
    }

    /// The rate as a reader of `lang` writes it: `7.8%`, `7,8 %`, `22/78`.
    pub fn written(&self, lang: Lang) -> String {
        match self {
            Rate::Percent(percent) => lang.percent(*percent),
            Rate::Fraction {
                numerator,
                denominator,
            } => format!(
                "{}/{}",
                lang.grouped(*numerator),
                lang.grouped(*denominator)
            ),
        }
    }
}

impl fmt::Display for Rate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rate::Percent(percent) => write!(f, "{}%", percent.normalize()),
            Rate::Fraction {
                numerator,
                denominator,
            } => write!(f, "{}/{}", numerator.normalize(), denominator.normalize()),
        }
    }
}

/// The largest rate accepted (×1,000, i.e. 100,000%): far above any real duty, and small enough that
/// `amount × rate` cannot overflow for amounts up to [`MAX_AMOUNT`].
pub const MAX_RATE: Decimal = Decimal::ONE_THOUSAND;

/// The largest numerator or denominator of a fraction rate (`22/78`): a billion, so that
/// `amount × numerator` stays in range for every amount up to [`MAX_AMOUNT`].
pub const MAX_FRACTION_TERM: Decimal = Decimal::from_parts(1_000_000_000, 0, 0, false, 0);

/// The largest amount accepted from user input (10^15 in any currency); larger is a typing error, and
/// refusing it keeps every sum and product far from `Decimal`'s overflow.
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(2_764_472_320, 232_830, 0, false, 0);

impl FromStr for Rate {
    type Err = MoneyError;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let invalid = || MoneyError::InvalidRate(text.to_string());
        let trimmed = text.trim();
        if let Some(percent) = trimmed.strip_suffix('%') {
            let value = Decimal::from_str(percent.trim()).map_err(|_| invalid())?;
            if value.is_sign_negative() || value > MAX_RATE * Decimal::ONE_HUNDRED {
                return Err(invalid());
            }
            return Ok(Rate::Percent(value));
        }
        if let Some((numerator, denominator)) = trimmed.split_once('/') {
            let numerator = Decimal::from_str(numerator.trim()).map_err(|_| invalid())?;
            let denominator = Decimal::from_str(denominator.trim()).map_err(|_| invalid())?;
            if denominator <= Decimal::ZERO
                || numerator.is_sign_negative()
                || numerator > MAX_FRACTION_TERM
                || denominator > MAX_FRACTION_TERM
                || numerator
                    .checked_div(denominator)
                    .is_none_or(|ratio| ratio > MAX_RATE)
            {
                return Err(invalid());
            }
            return Ok(Rate::Fraction {
                numerator,
                denominator,
            });
        }
        Err(invalid())
    }
}

impl Serialize for Rate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Rate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// How to resolve a fraction below the rounding step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum RoundingMode {
    /// Drop the fraction (toward zero): Japan Customs' "切り捨て".
    Truncate,
    /// Nearest; halves away from zero.
    HalfUp,
    /// Nearest; halves to the even neighbour (banker's rounding).
    HalfEven,
}

/// The unit a rounding rule rounds to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, TS)]
#[ts(type = "string")]
pub enum RoundingStep {
    /// The currency's minor unit (¥1, €0.01).
    MinorUnit,
    /// A multiple of major units, e.g. 100 or 1000 (Japan Customs) or 1.
    Units(Decimal),
}

impl FromStr for RoundingStep {
    type Err = MoneyError;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        if text.trim() == "minor" {
            return Ok(RoundingStep::MinorUnit);
        }
        match Decimal::from_str(text.trim()) {
            Ok(step) if step > Decimal::ZERO => Ok(RoundingStep::Units(step)),
            _ => Err(MoneyError::InvalidStep(text.to_string())),
        }
    }
}

impl fmt::Display for RoundingStep {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RoundingStep::MinorUnit => f.write_str("minor"),
            RoundingStep::Units(step) => write!(f, "{}", step.normalize()),
        }
    }
}

impl Serialize for RoundingStep {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for RoundingStep {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// Whether a rule rounds each line's amount before summing, or the sum of the unrounded lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum RoundingScope {
    PerLine,
    OnTotal,
}

impl RoundingScope {
    /// The total of `parts` under `rule` with this scope.
    pub fn total(&self, rule: &Rounding, parts: &[Decimal], currency: Currency) -> Decimal {
        match self {
            RoundingScope::PerLine => parts.iter().map(|part| rule.apply(*part, currency)).sum(),
            RoundingScope::OnTotal => rule.apply(parts.iter().copied().sum(), currency),
        }
    }
}

/// A named rounding rule: `{ step = "1000", mode = "truncate" }`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Rounding {
    pub step: RoundingStep,
    pub mode: RoundingMode,
}

impl Rounding {
    pub const fn new(step: RoundingStep, mode: RoundingMode) -> Rounding {
        Rounding { step, mode }
    }

    /// Rounds `amount` (in `currency`) to the step.
    pub fn apply(&self, amount: Decimal, currency: Currency) -> Decimal {
        let strategy = match self.mode {
            RoundingMode::Truncate => RoundingStrategy::ToZero,
            RoundingMode::HalfUp => RoundingStrategy::MidpointAwayFromZero,
            RoundingMode::HalfEven => RoundingStrategy::MidpointNearestEven,
        };
        match self.step {
            RoundingStep::MinorUnit => amount.round_dp_with_strategy(currency.exponent(), strategy),
            RoundingStep::Units(step) => match amount.checked_div(step) {
                Some(steps) => steps.round_dp_with_strategy(0, strategy) * step,
                None => amount,
            },
        }
    }

    /// A short human name: `down to 1,000`, `half-up to the minor unit`.
    pub fn describe(&self) -> Text {
        Text::by(|lang| {
            let mode = match self.mode {
                RoundingMode::Truncate => lang.pick("down", "tronqué"),
                RoundingMode::HalfUp => lang.pick("half-up", "arrondi au plus proche"),
                RoundingMode::HalfEven => lang.pick("half-even", "arrondi au pair le plus proche"),
            };
            match self.step {
                RoundingStep::MinorUnit => {
                    format!(
                        "{mode} {}",
                        lang.pick("to the minor unit", "à la plus petite unité de la devise")
                    )
                }
                RoundingStep::Units(step) => {
                    format!("{mode} {} {}", lang.pick("to", "à"), lang.grouped(step))
                }
            }
        })
    }
}

/// Where an exchange rate comes from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum FxSource {
    /// ECB euro foreign exchange reference rate (1 EUR = x foreign currency).
    EcbReference,
    /// Japan Customs weekly rate: the legal rate for Japanese import declarations.
    JapanCustomsWeekly,
    /// Typed by the user (a bank rate, a contract rate); `note` says which.
    Manual { note: String },
}

impl fmt::Display for FxSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FxSource::EcbReference => f.write_str("ECB reference rate"),
            FxSource::JapanCustomsWeekly => f.write_str("Japan Customs weekly rate"),
            FxSource::Manual { note } if note.is_empty() => f.write_str("manual rate"),
            FxSource::Manual { note } => write!(f, "manual rate ({note})"),
        }
    }
}

impl FxSource {
    /// The source as a reader of either language names it.
    pub fn text(&self) -> Text {
        match self {
            FxSource::EcbReference => {
                Text::new("ECB reference rate", "cours de référence de la BCE")
            }
            FxSource::JapanCustomsWeekly => Text::new(
                "Japan Customs weekly rate",
                "cours hebdomadaire des douanes japonaises",
            ),
            FxSource::Manual { note } if note.is_empty() => Text::new("manual rate", "cours saisi"),
            FxSource::Manual { note } => {
                Text::by(|lang| format!("{} ({note})", lang.pick("manual rate", "cours saisi")))
            }
        }
    }
}

/// `1 from = rate to`, valid on `date`, from `source`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FxRate {
    pub from: Currency,
    pub to: Currency,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub rate: Decimal,
    #[ts(type = "string")]
    pub date: NaiveDate,
    pub source: FxSource,
}

/// The smallest and largest exchange rate [`FxRate::new`] accepts. Every pair of the currency
/// table lies well inside (1 KWD is about 85,000 VND), the inverse of each is representable, and a
/// conversion of up to [`MAX_AMOUNT`] cannot overflow.
pub const MIN_FX_RATE: Decimal = Decimal::from_parts(1, 0, 0, false, 6);
pub const MAX_FX_RATE: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);

impl FxRate {
    pub fn new(
        from: Currency,
        to: Currency,
        rate: Decimal,
        date: NaiveDate,
        source: FxSource,
    ) -> Result<FxRate, MoneyError> {
        if rate <= Decimal::ZERO {
            return Err(MoneyError::FxNonPositiveRate(rate));
        }
        if !(MIN_FX_RATE..=MAX_FX_RATE).contains(&rate) {
            return Err(MoneyError::FxRateOutOfRange(rate));
        }
        Ok(FxRate {
            from,
            to,
            rate,
            date,
            source,
        })
    }

    /// Whether the rate lies within [`MIN_FX_RATE`]..=[`MAX_FX_RATE`], as every rate made by
    /// [`FxRate::new`] does; the engines convert with no other.
    pub fn in_range(&self) -> bool {
        (MIN_FX_RATE..=MAX_FX_RATE).contains(&self.rate)
    }

    /// The same quotation read the other way (1 / rate), keeping date and source; an error for a
    /// zero rate or one whose inverse `Decimal` cannot hold (a rate not made by [`FxRate::new`]).
    pub fn inverse(&self) -> Result<FxRate, MoneyError> {
        let rate = checked_ratio(Decimal::ONE, self.rate)?;
        if rate.is_zero() {
            return Err(MoneyError::Overflow);
        }
        Ok(FxRate {
            from: self.to,
            to: self.from,
            rate,
            date: self.date,
            source: self.source.clone(),
        })
    }
}

/// Adds `rate` to `list` unless the list already holds that quotation, either way round: the rates
/// used are listed once, as first met (the user's `EUR/JPY 171.78`, not also its inverse).
pub fn add_quotation(list: &mut Vec<FxRate>, rate: &FxRate) {
    let inverse = rate.inverse().ok();
    let known = list.iter().any(|seen| {
        seen == rate || Some(seen) == inverse.as_ref() || seen.inverse().ok().as_ref() == Some(rate)
    });
    if !known {
        list.push(rate.clone());
    }
}

/// A converted amount with the rate that produced it (unrounded: the caller rounds by its rule).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Converted {
    pub original: Money,
    pub converted: Money,
    pub rate: FxRate,
}

/// Converts `money` with `rate`. The amount must be in `rate.from`, or in `rate.to` (then the rate
/// is inverted); anything else is an error rather than a silent cross rate.
pub fn convert(money: &Money, rate: &FxRate) -> Result<Converted, MoneyError> {
    // Against the rate's direction, divide by the published rate rather than multiply by its
    // rounded inverse, so 429,850 JPY at EUR/JPY 171.94 is exactly 2,500 EUR.
    let (used, amount) = if money.currency == rate.from {
        (rate.clone(), money.amount.checked_mul(rate.rate))
    } else if money.currency == rate.to {
        (rate.inverse()?, money.amount.checked_div(rate.rate))
    } else {
        return Err(MoneyError::FxWrongCurrency {
            rate_from: rate.from,
            rate_to: rate.to,
            amount: money.currency,
        });
    };
    let amount = amount.ok_or(MoneyError::Overflow)?;
    Ok(Converted {
        original: *money,
        converted: Money::new(amount, used.to),
        rate: used,
    })
}

/// Converts `money` into `to` with the quotation of that pair in `rates`, taken in either direction;
/// `None` when `rates` has no quotation of the pair. The one place that picks a rate for a pair.
pub fn convert_with(rates: &[FxRate], money: &Money, to: Currency) -> Option<Converted> {
    rates
        .iter()
        .filter(|rate| {
            // A rate outside any real range (built by hand, not by `FxRate::new`) counts as no
            // rate: it would only turn amounts into numbers no sum can hold.
            rate.in_range()
                && ((rate.from == money.currency && rate.to == to)
                    || (rate.from == to && rate.to == money.currency))
        })
        .find_map(|rate| convert(money, rate).ok())
}

/// How a shared cost (freight, insurance) is split over lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum AllocationBasis {
    Value,
    Quantity,
    Weight,
    Volume,
    Equal,
}

/// The measures of one line that an allocation can be based on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AllocationLine {
    pub value: Decimal,
    pub quantity: Decimal,
    pub weight: Decimal,
    pub volume: Decimal,
}

impl AllocationBasis {
    fn weight_of(&self, line: &AllocationLine) -> Decimal {
        match self {
            AllocationBasis::Value => line.value,
            AllocationBasis::Quantity => line.quantity,
            AllocationBasis::Weight => line.weight,
            AllocationBasis::Volume => line.volume,
            AllocationBasis::Equal => Decimal::ONE,
        }
    }

    fn name(&self) -> &'static str {
        match self {
            AllocationBasis::Value => "value",
            AllocationBasis::Quantity => "quantity",
            AllocationBasis::Weight => "weight",
            AllocationBasis::Volume => "volume",
            AllocationBasis::Equal => "equal share",
        }
    }
}

/// Splits `total` over `lines` in proportion to the chosen measure, in whole minor units, by the
/// largest-remainder method: every part is the floor of its exact share, then the leftover minor units
/// go one each to the largest remainders (earliest line first on ties). The parts always sum to `total`.
pub fn allocate(
    total: &Money,
    basis: AllocationBasis,
    lines: &[AllocationLine],
) -> Result<Vec<Money>, MoneyError> {
    let weights: Vec<Decimal> = lines.iter().map(|line| basis.weight_of(line)).collect();
    allocate_by_weights(total, &weights).map_err(|error| match error {
        MoneyError::AllocationZeroWeights(_) => MoneyError::AllocationZeroWeights(basis.name()),
        other => other,
    })
}

/// [`allocate`] over explicit non-negative weights.
pub fn allocate_by_weights(total: &Money, weights: &[Decimal]) -> Result<Vec<Money>, MoneyError> {
    if weights.is_empty() {
        return Err(MoneyError::AllocationNoLines);
    }
    if let Some(negative) = weights.iter().find(|weight| weight.is_sign_negative()) {
        return Err(MoneyError::AllocationNegativeWeight(*negative));
    }
    let weight_sum = weights
        .iter()
        .try_fold(Decimal::ZERO, |acc, weight| acc.checked_add(*weight))
        .ok_or(MoneyError::Overflow)?;
    if weight_sum.is_zero() {
        return Err(MoneyError::AllocationZeroWeights("measure"));
    }
    let scale = Decimal::from(10u64.pow(total.currency.exponent()));
    let total_units = total
        .amount
        .checked_mul(scale)
        .ok_or(MoneyError::Overflow)?;
    if total_units.fract() != Decimal::ZERO {
        return Err(MoneyError::AllocationNotInMinorUnits(total.amount));
    }
    // Work on the magnitude so floor() means "toward zero" for negative totals too.
    let magnitude = total_units.abs();
    let mut floors = Vec::with_capacity(weights.len());
    let mut remainders = Vec::with_capacity(weights.len());
    for weight in weights {
        // Divide the weight first so the product stays inside Decimal's range.
        let share_fraction = weight.checked_div(weight_sum).ok_or(MoneyError::Overflow)?;
        let exact = magnitude
            .checked_mul(share_fraction)
            .ok_or(MoneyError::Overflow)?;
        let floor = exact.floor().min(magnitude);
        floors.push(floor);
        remainders.push(exact - floor);
    }
    let assigned = floors.iter().copied().sum::<Decimal>();
    let mut leftover = magnitude - assigned;
    let mut order: Vec<usize> = (0..weights.len()).collect();
    // Stable sort: equal remainders keep line order, so the earliest line gets the unit first.
    order.sort_by(|a, b| remainders[*b].cmp(&remainders[*a]));
    let mut cursor = order.iter().cycle();
    // Rounding in the share fractions can leave the leftover a few units above the line count;
    // cycling keeps the sum exact in that case as well.
    while leftover > Decimal::ZERO {
        match cursor.next() {
            Some(index) => {
                if let Some(floor) = floors.get_mut(*index) {
                    *floor += Decimal::ONE;
                }
                leftover -= Decimal::ONE;
            }
            None => break,
        }
    }
    let sign = if total_units.is_sign_negative() {
        Decimal::NEGATIVE_ONE
    } else {
        Decimal::ONE
    };
    Ok(floors
        .into_iter()
        .map(|units| Money::new(sign * units / scale, total.currency))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn the_currency_table_is_sorted_for_binary_search() {
        assert!(CURRENCIES.windows(2).all(|pair| pair[0].0 < pair[1].0));
    }

    #[test]
    fn exponents_follow_iso_4217() {
        assert_eq!("JPY".parse::<Currency>().map(|c| c.exponent()), Ok(0));
        assert_eq!("eur".parse::<Currency>().map(|c| c.exponent()), Ok(2));
        assert_eq!("KWD".parse::<Currency>().map(|c| c.exponent()), Ok(3));
        assert!(matches!(
            "XXQ".parse::<Currency>(),
            Err(MoneyError::UnknownCurrency(_))
        ));
    }

    #[test]
    fn adding_different_currencies_is_an_error() {
        let yen = Money::new(dec!(100), Currency::JPY);
        let euro = Money::new(dec!(1), Currency::EUR);
        assert_eq!(
            yen.checked_add(&euro),
            Err(MoneyError::CurrencyMismatch {
                left: Currency::JPY,
                right: Currency::EUR
            })
        );
    }

    #[test]
    fn japan_customs_rounding_steps() {
        let down_1000 = Rounding::new(RoundingStep::Units(dec!(1000)), RoundingMode::Truncate);
        let down_100 = Rounding::new(RoundingStep::Units(dec!(100)), RoundingMode::Truncate);
        assert_eq!(down_1000.apply(dec!(534795), Currency::JPY), dec!(534000));
        assert_eq!(down_100.apply(dec!(74760), Currency::JPY), dec!(74700));
        // Under the step, everything is dropped (国税通則法 118①, 119①).
        assert_eq!(down_1000.apply(dec!(999), Currency::JPY), dec!(0));
    }

    #[test]
    fn half_modes_differ_only_on_ties() {
        let half_up = Rounding::new(RoundingStep::MinorUnit, RoundingMode::HalfUp);
        let half_even = Rounding::new(RoundingStep::MinorUnit, RoundingMode::HalfEven);
        assert_eq!(half_up.apply(dec!(0.125), Currency::EUR), dec!(0.13));
        assert_eq!(half_even.apply(dec!(0.125), Currency::EUR), dec!(0.12));
        assert_eq!(half_up.apply(dec!(14.5), Currency::JPY), dec!(15));
        assert_eq!(half_even.apply(dec!(14.5), Currency::JPY), dec!(14));
    }

    #[test]
    fn scope_decides_whether_lines_or_the_total_are_rounded() {
        let cents = Rounding::new(RoundingStep::MinorUnit, RoundingMode::HalfUp);
        let parts = [dec!(0.125), dec!(0.125)];
        // Per line: 0.13 + 0.13 = 0.26; on the total: round(0.25) = 0.25.
        assert_eq!(
            RoundingScope::PerLine.total(&cents, &parts, Currency::EUR),
            dec!(0.26)
        );
        assert_eq!(
            RoundingScope::OnTotal.total(&cents, &parts, Currency::EUR),
            dec!(0.25)
        );
    }

    #[test]
    fn rates_parse_and_apply() {
        let national: Rate = "7.8%".parse().expect("valid rate");
        assert_eq!(national.apply(dec!(609000)), dec!(47502));
        let local: Rate = "22/78".parse().expect("valid fraction");
        // 47,500 × 22 / 78 = 13,397.43…
        assert_eq!(local.apply(dec!(47500)).floor(), dec!(13397));
        assert_eq!(local.to_string(), "22/78");
        assert!("abc".parse::<Rate>().is_err());
        assert!("-1%".parse::<Rate>().is_err());
        assert!("1/0".parse::<Rate>().is_err());
    }

    #[test]
    fn conversion_records_rate_and_inverts() {
        let date = NaiveDate::from_ymd_opt(2025, 9, 7).expect("date");
        // Japan Customs week 2025-09-07: 1 EUR = ¥171.78.
        let rate = FxRate::new(
            Currency::EUR,
            Currency::JPY,
            dec!(171.78),
            date,
            FxSource::JapanCustomsWeekly,
        )
        .expect("positive rate");
        let converted =
            convert(&Money::new(dec!(100), Currency::EUR), &rate).expect("same currency");
        assert_eq!(converted.converted, Money::new(dec!(17178), Currency::JPY));
        assert_eq!(converted.rate.source, FxSource::JapanCustomsWeekly);
        let back = convert(&Money::new(dec!(17178), Currency::JPY), &rate).expect("inverse");
        assert_eq!(back.converted.currency, Currency::EUR);
        assert!(convert(&Money::new(dec!(1), Currency::USD), &rate).is_err());
    }

    #[test]
    fn the_rate_for_a_pair_is_found_either_way_round_and_never_crossed() {
        let date = NaiveDate::from_ymd_opt(2025, 9, 7).expect("date");
        let rates = [
            FxRate::new(
                Currency::USD,
                Currency::JPY,
                dec!(147.36),
                date,
                FxSource::EcbReference,
            )
            .expect("rate"),
            FxRate::new(
                Currency::EUR,
                Currency::JPY,
                dec!(171.78),
                date,
                FxSource::EcbReference,
            )
            .expect("rate"),
        ];
        let yen = Money::new(dec!(17178), Currency::JPY);
        let euros = convert_with(&rates, &yen, Currency::EUR).expect("EUR/JPY read backwards");
        assert_eq!(euros.converted, Money::new(dec!(100), Currency::EUR));
        assert_eq!(euros.rate.from, Currency::JPY);
        // No EUR/USD quotation: no silent cross rate through the yen.
        let euro = Money::new(dec!(1), Currency::EUR);
        assert_eq!(convert_with(&rates, &euro, Currency::USD), None);
    }

    #[test]
    fn largest_remainder_gives_leftover_cents_to_largest_fractions() {
        // €100 by value 1:1:1 → 33.333… each; one cent left, goes to the first line.
        let lines = [AllocationLine {
            value: dec!(10),
            ..Default::default()
        }; 3];
        let parts = allocate(
            &Money::new(dec!(100), Currency::EUR),
            AllocationBasis::Value,
            &lines,
        )
        .expect("allocates");
        let amounts: Vec<Decimal> = parts.iter().map(|part| part.amount).collect();
        assert_eq!(amounts, vec![dec!(33.34), dec!(33.33), dec!(33.33)]);
    }

    #[test]
    fn allocation_refuses_zero_weights_and_sub_minor_totals() {
        let lines = [AllocationLine::default(); 2];
        assert_eq!(
            allocate(
                &Money::new(dec!(10), Currency::EUR),
                AllocationBasis::Weight,
                &lines
            ),
            Err(MoneyError::AllocationZeroWeights("weight"))
        );
        assert!(matches!(
            allocate(
                &Money::new(dec!(10.5), Currency::JPY),
                AllocationBasis::Equal,
                &lines
            ),
            Err(MoneyError::AllocationNotInMinorUnits(_))
        ));
    }

    #[test]
    fn limits_are_what_they_say() {
        assert_eq!(MAX_AMOUNT, dec!(1_000_000_000_000_000));
        assert!("100000%".parse::<Rate>().is_ok());
        assert!("100001%".parse::<Rate>().is_err());
        assert!("100000000000000000000/1".parse::<Rate>().is_err());
    }

    #[test]
    fn digits_are_grouped_by_thousands() {
        assert_eq!(group_digits(dec!(534795)), "534,795");
        assert_eq!(group_digits(dec!(-1234.50)), "-1,234.5");
        assert_eq!(group_digits(dec!(999)), "999");
    }
}
