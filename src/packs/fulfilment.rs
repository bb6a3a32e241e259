//! Marketplace fees beyond the referral: complete fulfilment (FBA) fee tables by size tier, price band
//! and shipping weight, their dated surcharges and discounts, monthly and long-term storage, and the
//! consumption tax the marketplace charges on its own fees by where the seller resides.

use std::collections::BTreeSet;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use chrono::NaiveDate;

use super::Confidence;
use super::schema::{FbaTier, FigureRow, LengthUnit, RowMeta, figure_row};
use crate::money::Rate;

/// A unit of mass for the fee tables (the older `[[fba]]` tables know grams and ounces only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum MassUnit {
    G,
    Kg,
    Oz,
    Lb,
}

/// A price band of a fee table: below `below` (exclusive), up to `up_to` (inclusive), or open-ended
/// (the last band).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PriceBand {
    pub name: String,
    #[serde(default, with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub below: Option<Decimal>,
    #[serde(default, with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub up_to: Option<Decimal>,
}

/// Dimensional weight: length × width × height ÷ `divisor` gives a weight in `per`; each of the two
/// shorter sides counts as at least `min_side` (US bulky tiers: 2 in).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct DimensionalWeight {
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub divisor: Decimal,
    pub per: MassUnit,
    #[serde(default, with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub min_side: Option<Decimal>,
}

/// Up to `up_to` (in the table's weight unit; open-ended when absent), the shipping weight is
/// rounded up to a multiple of `step`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct WeightRounding {
    #[serde(default, with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub up_to: Option<Decimal>,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub step: Decimal,
}

/// How the shipping weight of the `tiers` is found: the unit weight, or the greater of it and the
/// dimensional weight, rounded up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ShippingWeight {
    pub tiers: Vec<String>,
    #[serde(default)]
    pub dimensional: Option<DimensionalWeight>,
    #[serde(default)]
    pub rounding: Vec<WeightRounding>,
}

/// Above `above` (shipping weight), `fee` more per started `every`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct FeeStep {
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub above: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub every: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub fee: Decimal,
}

/// One cell of a fee table: a tier, a price band (when the table has bands), a shipping weight up to
/// `weight_up_to` (the tier's limit when absent), and the fee, with a per-step increment above a
/// weight. `fee` absent: the amount was not found and the user types it for this tier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct FbaRate {
    pub tier: String,
    #[serde(default)]
    pub band: Option<String>,
    #[serde(default, with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub weight_up_to: Option<Decimal>,
    #[serde(default, with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub fee: Option<Decimal>,
    #[serde(default)]
    pub step: Option<FeeStep>,
}

figure_row! {
    /// A complete fulfilment fee table: size tiers (the first that fits applies), the shipping-weight
    /// rule of each tier, optional price bands, and the fee of every tier × band × weight cell.
    FbaFeeTableRow {
        /// The table's id within the marketplace (`fba`, `fba-apparel`).
        table: String,
        length_unit: LengthUnit,
        weight_unit: MassUnit,
        /// The fees include the marketplace's consumption tax (Amazon JP: 10% JCT).
        #[serde(default)]
        tax_included: bool,
        #[serde(default)]
        price_bands: Vec<PriceBand>,
        tiers: Vec<FbaTier>,
        #[serde(default)]
        shipping_weight: Vec<ShippingWeight>,
        rates: Vec<FbaRate>,
    }
}

impl FigureRow for FbaFeeTableRow {
    fn meta(&self) -> RowMeta<'_> {
        self.row_meta()
    }
    fn check(&self) -> Result<(), (&'static str, String)> {
        if self.tiers.is_empty() {
            return Err(("tiers", "at least one size tier is needed".into()));
        }
        let mut names = BTreeSet::new();
        for tier in &self.tiers {
            if !names.insert(tier.name.as_str()) {
                return Err(("tiers", format!("tier `{}` is listed twice", tier.name)));
            }
            if tier.fee.is_some() {
                return Err((
                    "tiers",
                    format!("tier `{}`: fees go in `rates`, not in the tier", tier.name),
                ));
            }
        }
        check_price_bands(&self.price_bands)?;
        let bands: BTreeSet<&str> = self.price_bands.iter().map(|b| b.name.as_str()).collect();
        for rule in &self.shipping_weight {
            if let Some(tier) = rule
                .tiers
                .iter()
                .find(|tier| !names.contains(tier.as_str()))
            {
                return Err(("shipping_weight", format!("no tier `{tier}` in `tiers`")));
            }
            if rule
                .dimensional
                .as_ref()
                .is_some_and(|dim| dim.divisor <= Decimal::ZERO)
            {
                return Err(("shipping_weight", "a divisor must be positive".into()));
            }
            if rule.rounding.iter().any(|step| step.step <= Decimal::ZERO) {
                return Err(("shipping_weight", "a rounding step must be positive".into()));
            }
        }
        if !self.rates.iter().any(|rate| rate.fee.is_some()) {
            return Err((
                "rates",
                "a table gives at least one fee; with none, keep the tiers in an `[[fba]]` \
                 user-entered table"
                    .into(),
            ));
        }
        let mut previous: Option<(&str, Option<&str>, Option<Decimal>)> = None;
        for rate in &self.rates {
            if !names.contains(rate.tier.as_str()) {
                return Err(("rates", format!("no tier `{}` in `tiers`", rate.tier)));
            }
            match (&rate.band, bands.is_empty()) {
                (Some(band), _) if !bands.contains(band.as_str()) => {
                    return Err(("rates", format!("no price band `{band}`")));
                }
                (None, false) => {
                    return Err((
                        "rates",
                        format!("tier `{}`: the table has price bands; name one", rate.tier),
                    ));
                }
                _ => {}
            }
            if rate.fee.is_some_and(|fee| fee.is_sign_negative()) {
                return Err(("rates", "a fee cannot be negative".into()));
            }
            // Within one tier and band, weights ascend.
            let cell = (rate.tier.as_str(), rate.band.as_deref(), rate.weight_up_to);
            if let Some((tier, band, weight)) = previous
                && tier == cell.0
                && band == cell.1
                && (weight.is_none() || cell.2.is_some_and(|w| weight.is_some_and(|p| w <= p)))
            {
                return Err((
                    "rates",
                    format!(
                        "tier `{tier}`: weights must ascend within a tier and band, the open-ended one last"
                    ),
                ));
            }
            previous = Some(cell);
        }
        if self.rates.iter().any(|rate| rate.fee.is_none()) {
            super::schema::note_in_french(&self.note_fr)?;
        }
        Ok(())
    }
}

/// Bands ascend; only the last is open-ended; each other gives `below` or `up_to`, not both.
fn check_price_bands(bands: &[PriceBand]) -> Result<(), (&'static str, String)> {
    let mut previous: Option<Decimal> = None;
    for (index, band) in bands.iter().enumerate() {
        let last = index + 1 == bands.len();
        let limit = match (band.below, band.up_to) {
            (Some(_), Some(_)) => {
                return Err((
                    "price_bands",
                    format!("band `{}`: `below` or `up_to`, not both", band.name),
                ));
            }
            (None, None) if !last => {
                return Err((
                    "price_bands",
                    format!("band `{}` is open-ended but not the last", band.name),
                ));
            }
            (limit, None) | (None, limit) => limit,
        };
        if let Some(limit) = limit {
            if previous.is_some_and(|before| limit <= before) {
                return Err(("price_bands", "price bands must ascend".into()));
            }
            previous = Some(limit);
        }
    }
    Ok(())
}

/// A fulfilment surcharge or discount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum AdjustmentKind {
    Surcharge,
    Discount,
}

figure_row! {
    /// A dated change to the fulfilment fee: a share of it (`rate`) or an amount per unit, for items
    /// priced up to `price_up_to` and the `tiers` named (all when none).
    FbaAdjustmentRow {
        id: String,
        kind: AdjustmentKind,
        #[serde(default)]
        rate: Option<Rate>,
        #[serde(default, with = "rust_decimal::serde::str_option")]
        amount: Option<Decimal>,
        #[serde(default, with = "rust_decimal::serde::str_option")]
        price_up_to: Option<Decimal>,
        #[serde(default)]
        tiers: Vec<String>,
    }
}

impl FigureRow for FbaAdjustmentRow {
    fn meta(&self) -> RowMeta<'_> {
        self.row_meta()
    }
    fn check(&self) -> Result<(), (&'static str, String)> {
        if self.rate.is_some() == self.amount.is_some() {
            return Err(("rate", "give either `rate` (of the fee) or `amount`".into()));
        }
        if self.amount.is_some_and(|amount| amount.is_sign_negative()) {
            return Err(("amount", "give a discount as a positive amount".into()));
        }
        Ok(())
    }
}

/// The volume a storage fee is charged on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum VolumeUnit {
    /// Per 1,000 cm³ (Amazon JP).
    #[serde(rename = "1000-cm3")]
    ThousandCm3,
    /// Per cubic foot (Amazon US).
    #[serde(rename = "cubic-foot")]
    CubicFoot,
}

figure_row! {
    /// Monthly storage: `rate` per `per` of packaged volume per month (pro rata of the days stored),
    /// for a group of size tiers and calendar months.
    StorageFeeRow {
        size_group: String,
        tiers: Vec<String>,
        months: Vec<u32>,
        #[serde(with = "rust_decimal::serde::str")]
        rate: Decimal,
        per: VolumeUnit,
    }
}

impl StorageFeeRow {
    pub(crate) fn key(&self) -> (String, Vec<u32>) {
        (self.size_group.clone(), self.months.clone())
    }
}

impl FigureRow for StorageFeeRow {
    fn meta(&self) -> RowMeta<'_> {
        self.row_meta()
    }
    fn check(&self) -> Result<(), (&'static str, String)> {
        if self.months.is_empty() || self.months.iter().any(|month| !(1..=12).contains(month)) {
            return Err(("months", "months are 1 to 12, at least one".into()));
        }
        if self.rate.is_sign_negative() {
            return Err(("rate", "a storage rate cannot be negative".into()));
        }
        Ok(())
    }
}

figure_row! {
    /// A monthly surcharge on inventory older than `age_over_days` (up to `age_up_to_days`): per
    /// volume, per unit, or the greater of the two when both are given.
    LongTermStorageRow {
        size_group: String,
        age_over_days: u32,
        #[serde(default)]
        age_up_to_days: Option<u32>,
        #[serde(default, with = "rust_decimal::serde::str_option")]
        rate: Option<Decimal>,
        #[serde(default)]
        per: Option<VolumeUnit>,
        #[serde(default, with = "rust_decimal::serde::str_option")]
        per_unit: Option<Decimal>,
    }
}

impl LongTermStorageRow {
    pub(crate) fn key(&self) -> (String, u32) {
        (self.size_group.clone(), self.age_over_days)
    }
}

impl FigureRow for LongTermStorageRow {
    fn meta(&self) -> RowMeta<'_> {
        self.row_meta()
    }
    fn check(&self) -> Result<(), (&'static str, String)> {
        if self.rate.is_some() != self.per.is_some() {
            return Err(("per", "a volume `rate` needs its `per` unit".into()));
        }
        if self.rate.is_none() && self.per_unit.is_none() {
            return Err((
                "rate",
                "give a volume `rate`, a `per_unit` amount or both".into(),
            ));
        }
        if self
            .age_up_to_days
            .is_some_and(|up_to| up_to <= self.age_over_days)
        {
            return Err(("age_up_to_days", "must be above age_over_days".into()));
        }
        Ok(())
    }
}

/// Where the seller resides, for the tax a marketplace charges on its own fees.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum SellerResidence {
    Resident,
    NonResident,
}

/// A service the marketplace bills the seller for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum FeeService {
    /// Selling fees: subscription, referral, closing fees.
    Selling,
    /// Fulfilment and storage.
    Fulfilment,
    Advertising,
}

figure_row! {
    /// The consumption tax (VAT, JCT) the marketplace adds to its fees for sellers residing here or
    /// abroad; `0%` where it charges none. `included`: the published fee figures already hold it.
    FeeTaxRow {
        tax: String,
        seller: SellerResidence,
        services: Vec<FeeService>,
        rate: Rate,
        #[serde(default)]
        included: Option<bool>,
    }
}

impl FeeTaxRow {
    pub(crate) fn key(&self) -> (String, SellerResidence, Vec<FeeService>) {
        (self.tax.clone(), self.seller, self.services.clone())
    }
}

impl FigureRow for FeeTaxRow {
    fn meta(&self) -> RowMeta<'_> {
        self.row_meta()
    }
    fn check(&self) -> Result<(), (&'static str, String)> {
        if self.services.is_empty() {
            return Err(("services", "name the services the tax is charged on".into()));
        }
        Ok(())
    }
}
