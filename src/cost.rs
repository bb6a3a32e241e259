//! The cost engine: marketplace fees (selling plans, referral, closing, refunds, FBA, storage) and
//! landed cost (customs value, duty, import taxes, de minimis). Pure: packs and the as-of date are
//! arguments. Every computed amount carries an [`Explanation`]; missing inputs are reported per line
//! as [`Missing`] while the rest still computes.

mod duty;
mod fba;
pub mod fees;
pub mod landed;
pub mod quote;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use fees::*;
pub use landed::*;
pub use quote::*;

use crate::money::{Converted, Currency, FxRate, Money, Rounding, RoundingMode, convert_with};
use crate::packs::{Dated, PackError, Provenance, toml_error};
use crate::plan::Marketplace;
pub use crate::plan::{Input, InputRef};
use crate::text::{Lang, NBSP, Text};

/// How one amount was obtained, in French and English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Explanation {
    /// What the amount is, e.g. "Duty".
    pub label: Text,
    /// The computation with its actual numbers, e.g. `floor(534,795 → 534,000) × 14% = 74,760`.
    pub formula: Text,
    /// The result (as a decimal string), when the step yields an amount.
    #[serde(with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub amount: Option<Decimal>,
    /// Named inputs with their values.
    pub inputs: Vec<ExplainInput>,
    /// The rule applied and where it comes from (absent for plain user input).
    pub rule: Option<RuleRef>,
    /// True when a figure typed by the user replaced the pack's figure.
    pub overridden: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExplainInput {
    pub name: Text,
    pub value: Text,
}

/// A rule from a pack, with its source, dates and confidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RuleRef {
    pub description: Text,
    pub provenance: Provenance,
}

/// An input that is missing or unusable: the line it belongs to still reports what could be computed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Missing {
    /// The input the gap needs, and where.
    pub input: InputRef,
    /// Where it goes in an input file, e.g. `lines[2].duty_rate` (for the command line).
    pub field: String,
    pub message: Text,
}

impl Missing {
    pub fn new(input: Input, field: impl Into<String>, message: Text) -> Missing {
        Missing {
            input: InputRef::new(input),
            field: field.into(),
            message,
        }
    }

    /// The gap seen from a product on a marketplace: the keys the engine that found it left open are
    /// filled in.
    pub fn for_product(mut self, sku: &str, marketplace: Marketplace) -> Missing {
        self.input.marketplace.get_or_insert(marketplace);
        self.with_sku(sku)
    }

    /// The gap about one product.
    pub fn with_sku(mut self, sku: &str) -> Missing {
        self.input.sku.get_or_insert_with(|| sku.to_string());
        self
    }

    /// The gap seen from a channel.
    pub fn for_channel(mut self, channel: &str) -> Missing {
        self.input
            .channel
            .get_or_insert_with(|| channel.to_string());
        self
    }
}

impl Explanation {
    pub fn new(label: Text, formula: Text) -> Explanation {
        Explanation {
            label,
            formula,
            amount: None,
            inputs: Vec::new(),
            rule: None,
            overridden: false,
        }
    }

    pub fn amount(mut self, amount: Decimal) -> Explanation {
        self.amount = Some(amount);
        self
    }

    pub fn input(mut self, name: Text, value: Text) -> Explanation {
        self.inputs.push(ExplainInput { name, value });
        self
    }

    pub fn rule<T>(mut self, description: Text, dated: &Dated<T>) -> Explanation {
        self.rule = Some(RuleRef {
            description,
            provenance: dated.provenance.clone(),
        });
        self
    }

    pub fn overridden(mut self, overridden: bool) -> Explanation {
        self.overridden = overridden;
        self
    }
}

/// Whether to build explanations. A catalogue-wide quote computes numbers only and explains a
/// product on demand; every other call explains everything.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Detail {
    Numbers,
    Explained,
}

/// Explanation steps that are only formatted when the detail level asks for them.
#[derive(Debug)]
pub(crate) struct Steps {
    detail: Detail,
    list: Vec<Explanation>,
}

impl Steps {
    pub(crate) fn new(detail: Detail) -> Steps {
        Steps {
            detail,
            list: Vec::new(),
        }
    }

    pub(crate) fn add(&mut self, make: impl FnOnce() -> Explanation) {
        if self.detail == Detail::Explained {
            self.list.push(make());
        }
    }

    /// An empty list at the same level of detail.
    pub(crate) fn sibling(&self) -> Steps {
        Steps::new(self.detail)
    }

    pub(crate) fn extend(&mut self, steps: Steps) {
        self.list.extend(steps.list);
    }

    pub(crate) fn into_vec(self) -> Vec<Explanation> {
        self.list
    }
}

/// `floor(534,795 → 534,000)`, `round(14.5 → 15)`: a rounding step as it appears in a formula.
pub fn rounding_formula(lang: Lang, rule: &Rounding, before: Decimal, after: Decimal) -> String {
    format!(
        "{}({} → {})",
        rounding_name(lang, rule),
        lang.figure(before),
        lang.grouped(after)
    )
}

/// `floor` for truncation (amounts here are never negative), `round` otherwise.
pub fn rounding_name(lang: Lang, rule: &Rounding) -> &'static str {
    match rule.mode {
        RoundingMode::Truncate => lang.pick("floor", "plancher"),
        RoundingMode::HalfUp | RoundingMode::HalfEven => lang.pick("round", "arrondi"),
    }
}

/// Converts `money` (in another currency than `to`) with the rate for the pair in `rates`, taken in
/// either direction, and explains the step as "`field` in `to`". `None` when no rate covers the pair.
pub(crate) fn convert_explained(
    rates: &[FxRate],
    money: Money,
    to: Currency,
    field: &Text,
    explain: &mut Steps,
) -> Option<Converted> {
    let converted = convert_with(rates, &money, to)?;
    explain.add(|| {
        Explanation::new(
            Text::by(|l| format!("{} {} {to}", field.get(l), l.pick("in", "en"))),
            Text::by(|l| {
                format!(
                    "{} {} × {} = {} {to}",
                    l.figure(money.amount),
                    money.currency,
                    l.rate(converted.rate.rate),
                    l.figure(converted.converted.amount)
                )
            }),
        )
        .amount(converted.converted.amount)
        .input(
            Text::new("rate date", "date du cours"),
            Text::same(converted.rate.date.to_string()),
        )
        .input(
            Text::new("rate source", "source du cours"),
            converted.rate.source.text(),
        )
    });
    Some(converted)
}

/// Why an amount of the plan could not be converted: no quotation of the pair.
pub(crate) fn no_rate(from: Currency, to: Currency) -> Text {
    Text::by(|l| match l {
        Lang::En => format!("no {from}/{to} exchange rate: add one"),
        Lang::Fr => format!("aucun taux de change {from}/{to}{NBSP}: ajoutez-en un"),
    })
}

/// Why an amount of the plan was refused: outside the range any real figure falls in.
pub(crate) fn out_of_range() -> Text {
    Text::new(
        "must be between 0 and 10^15",
        "doit être compris entre 0 et 10^15",
    )
}

/// Why an amount of the plan was refused: a currency Landfall does not know.
pub(crate) fn unsupported_currency(currency: &str) -> Text {
    Text::by(|l| match l {
        Lang::En => format!("currency {currency} is not supported"),
        Lang::Fr => format!("la devise {currency} n’est pas prise en charge"),
    })
}

/// Parses an input file (a declaration or a sales file) with errors naming file, line and field.
pub fn parse_input<T: serde::de::DeserializeOwned>(name: &str, text: &str) -> Result<T, PackError> {
    toml::from_str(text).map_err(|error| toml_error(name, text, &error))
}

/// Why a computation could not start (bad input or no pack). Missing optional inputs are not errors:
/// they are reported as [`Missing`] on their line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CostError {
    #[error("field `{field}`: {message}")]
    Invalid { field: String, message: String },
    #[error(
        "no customs pack covers destination `{0}` (bundled: JP, FR, DE, ES, IT, NL, PL, UK, US, CA, AU)"
    )]
    UnknownDestination(String),
    #[error(
        "no marketplace pack `{0}` (bundled: amazon-jp, amazon-us, amazon-de, amazon-fr, amazon-uk)"
    )]
    UnknownMarketplace(String),
    #[error(transparent)]
    Money(#[from] crate::money::MoneyError),
}

pub(crate) fn invalid(field: impl Into<String>, message: impl Into<String>) -> CostError {
    CostError::Invalid {
        field: field.into(),
        message: message.into(),
    }
}
