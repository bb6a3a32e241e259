//! The pack file formats: marketplace fees, customs and tax rules, duty rates.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use toml::Spanned;
use ts_rs::TS;

use super::{Confidence, Dated, FileContext, PackError, Provenance, Source, line_of, merge_rows};
use crate::money::{Currency, Rate, Rounding, RoundingScope};

/// The metadata every figure row carries.
pub struct RowMeta<'a> {
    pub effective_from: NaiveDate,
    pub effective_until: Option<NaiveDate>,
    pub source: &'a str,
    pub confidence: Confidence,
    pub note: Option<&'a str>,
}

/// A row of figures: its metadata, plus checks specific to the row.
pub trait FigureRow {
    fn meta(&self) -> RowMeta<'_>;
    /// Row-specific consistency: `Err((field, message))`.
    fn check(&self) -> Result<(), (&'static str, String)> {
        Ok(())
    }
}

/// Declares a figure row: the given fields plus the mandatory `effective_from`, `effective_until`,
/// `source`, `confidence` and `note`, with unknown fields rejected.
macro_rules! figure_row {
    ($(#[$attr:meta])* $name:ident { $($(#[$field_attr:meta])* $field:ident : $ty:ty),* $(,)? }) => {
        $(#[$attr])*
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            $($(#[$field_attr])* pub $field: $ty,)*
            pub effective_from: NaiveDate,
            #[serde(default)]
            pub effective_until: Option<NaiveDate>,
            pub source: String,
            pub confidence: Confidence,
            #[serde(default)]
            pub note: Option<String>,
        }

        impl $name {
            fn row_meta(&self) -> RowMeta<'_> {
                RowMeta {
                    effective_from: self.effective_from,
                    effective_until: self.effective_until,
                    source: &self.source,
                    confidence: self.confidence,
                    note: self.note.as_deref(),
                }
            }
        }
    };
}

pub(crate) use figure_row;

/// Implements [`FigureRow`] with the default (no extra) checks.
macro_rules! plain_figure_row {
    ($($name:ident),*) => {
        $(impl FigureRow for $name {
            fn meta(&self) -> RowMeta<'_> {
                self.row_meta()
            }
        })*
    };
}

// ---------------------------------------------------------------- marketplace packs

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarketplaceHeader {
    pub kind: String,
    pub id: String,
    pub name: String,
    pub currency: Currency,
}

/// Whole-price bands charge the whole base at the rate of the band it falls in; portion bands charge
/// each slice of the base at its own rate (like income-tax brackets).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum BandBasis {
    Whole,
    Portion,
}

/// A band: up to (and including) `up_to`, or open-ended when `up_to` is absent (the last band).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct RateBand {
    #[serde(default, with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub up_to: Option<Decimal>,
    pub rate: Rate,
}

/// A whole-price tier checked before the bands (Amazon JP: total ≤ ¥750 → 5% on the whole base).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct LowPriceTier {
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub up_to: Decimal,
    pub rate: Rate,
}

/// Bands must ascend and only the last may be open-ended.
pub fn check_bands(bands: &[RateBand]) -> Result<(), (&'static str, String)> {
    if bands.is_empty() {
        return Err(("bands", "at least one band is needed".to_string()));
    }
    let mut previous: Option<Decimal> = None;
    for (index, band) in bands.iter().enumerate() {
        let last = index + 1 == bands.len();
        match (band.up_to, last) {
            (None, false) => {
                return Err((
                    "bands",
                    format!("band {} has no `up_to` but is not the last band", index + 1),
                ));
            }
            (Some(limit), _) => {
                if previous.is_some_and(|before| limit <= before) {
                    return Err((
                        "bands",
                        format!(
                            "band {} `up_to` must be above the previous band's",
                            index + 1
                        ),
                    ));
                }
                previous = Some(limit);
            }
            (None, true) => {}
        }
    }
    Ok(())
}

figure_row! {
    /// How the marketplace rounds its fees.
    FeeRoundingRow { rounding: Rounding }
}
figure_row! {
    /// Professional (monthly) vs Individual (per unit sold) selling plans.
    SellingPlanRow {
        #[serde(with = "rust_decimal::serde::str")]
        professional_monthly: Decimal,
        #[serde(with = "rust_decimal::serde::str")]
        individual_per_unit: Decimal,
    }
}
figure_row! {
    /// Referral fee of one category.
    ReferralRow {
        category: String,
        label: String,
        basis: BandBasis,
        bands: Vec<RateBand>,
        #[serde(default)]
        low_price: Option<LowPriceTier>,
        #[serde(default, with = "rust_decimal::serde::str_option")]
        minimum: Option<Decimal>,
        /// Points granted by the seller are deducted from the referral base (Amazon JP).
        #[serde(default)]
        points_deducted: bool,
    }
}
figure_row! {
    /// Per-unit category closing fee (media).
    ClosingFeeRow {
        category: String,
        #[serde(with = "rust_decimal::serde::str")]
        amount: Decimal,
    }
}
figure_row! {
    /// Refund administration fee: a share of the refunded referral fee, capped per item.
    RefundAdministrationRow {
        rate: Rate,
        #[serde(default, with = "rust_decimal::serde::str_option")]
        cap: Option<Decimal>,
    }
}

/// Whether the FBA fee figures of a table are published or must be typed by the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum FbaStatus {
    /// The pack has the fees.
    Published,
    /// The current figures were not found: the pack gives the size tiers only and the user types the
    /// fee from Amazon's own calculator.
    UserEntered,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum LengthUnit {
    Cm,
    In,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum WeightUnit {
    G,
    Oz,
}

/// A size tier: the sorted sides (longest first) must each fit `max_sides`, the sum of the sides must
/// not exceed `max_side_sum`, and the weight must not exceed `max_weight` (each check only when given).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct FbaTier {
    pub name: String,
    #[serde(default)]
    #[ts(type = "Array<string> | null")]
    pub max_sides: Option<[Decimal; 3]>,
    #[serde(default, with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub max_side_sum: Option<Decimal>,
    #[serde(default, with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub max_weight: Option<Decimal>,
    /// Fee per unit when the table is published.
    #[serde(default, with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub fee: Option<Decimal>,
}

figure_row! {
    /// An FBA size-tier table (tiers in ascending order; the first that fits applies).
    FbaTableRow {
        status: FbaStatus,
        length_unit: LengthUnit,
        weight_unit: WeightUnit,
        tiers: Vec<FbaTier>,
    }
}
figure_row! {
    /// Monthly storage: `rate × volume/1,000 cm³ × days/days in month`, for a group of size tiers and
    /// calendar months.
    StorageRow {
        size_group: String,
        tiers: Vec<String>,
        months: Vec<u32>,
        #[serde(with = "rust_decimal::serde::str")]
        rate_per_1000_cm3: Decimal,
    }
}

plain_figure_row!(FeeRoundingRow, ClosingFeeRow, RefundAdministrationRow);

impl FigureRow for SellingPlanRow {
    fn meta(&self) -> RowMeta<'_> {
        self.row_meta()
    }
    fn check(&self) -> Result<(), (&'static str, String)> {
        if self.individual_per_unit <= Decimal::ZERO {
            return Err(("individual_per_unit", "must be positive".to_string()));
        }
        Ok(())
    }
}

impl FigureRow for ReferralRow {
    fn meta(&self) -> RowMeta<'_> {
        self.row_meta()
    }
    fn check(&self) -> Result<(), (&'static str, String)> {
        check_bands(&self.bands)
    }
}

impl FigureRow for FbaTableRow {
    fn meta(&self) -> RowMeta<'_> {
        self.row_meta()
    }
    fn check(&self) -> Result<(), (&'static str, String)> {
        if self.tiers.is_empty() {
            return Err(("tiers", "at least one size tier is needed".to_string()));
        }
        let published = self.status == FbaStatus::Published;
        if let Some(tier) = self
            .tiers
            .iter()
            .find(|tier| tier.fee.is_some() != published)
        {
            return Err((
                "tiers",
                format!(
                    "tier `{}`: a `published` table gives every fee; a `user-entered` table gives none",
                    tier.name
                ),
            ));
        }
        Ok(())
    }
}

impl FigureRow for StorageRow {
    fn meta(&self) -> RowMeta<'_> {
        self.row_meta()
    }
    fn check(&self) -> Result<(), (&'static str, String)> {
        if self.months.is_empty() || self.months.iter().any(|month| !(1..=12).contains(month)) {
            return Err(("months", "months are 1 to 12, at least one".to_string()));
        }
        Ok(())
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawMarketplacePack {
    pack: MarketplaceHeader,
    #[serde(default)]
    sources: BTreeMap<String, Source>,
    #[serde(default)]
    fee_rounding: Vec<Spanned<FeeRoundingRow>>,
    #[serde(default)]
    selling_plans: Vec<Spanned<SellingPlanRow>>,
    #[serde(default)]
    referral: Vec<Spanned<ReferralRow>>,
    #[serde(default)]
    closing_fees: Vec<Spanned<ClosingFeeRow>>,
    #[serde(default)]
    refund_administration: Vec<Spanned<RefundAdministrationRow>>,
    #[serde(default)]
    fba: Vec<Spanned<FbaTableRow>>,
    #[serde(default)]
    storage: Vec<Spanned<StorageRow>>,
}

/// A marketplace's fee rules (all rows, every date).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MarketplacePack {
    pub header: MarketplaceHeader,
    /// The file that declared the pack (the first one loaded).
    pub file: String,
    pub fee_rounding: Vec<Dated<FeeRoundingRow>>,
    pub selling_plans: Vec<Dated<SellingPlanRow>>,
    pub referral: Vec<Dated<ReferralRow>>,
    pub closing_fees: Vec<Dated<ClosingFeeRow>>,
    pub refund_administration: Vec<Dated<RefundAdministrationRow>>,
    pub fba: Vec<Dated<FbaTableRow>>,
    pub storage: Vec<Dated<StorageRow>>,
}

impl RawMarketplacePack {
    pub(crate) fn resolve(
        self,
        context: &FileContext<'_>,
    ) -> Result<MarketplacePack, Vec<PackError>> {
        let mut errors = Vec::new();
        let sources = &self.sources;
        let mut rows = RowResolver {
            context,
            sources,
            errors: &mut errors,
        };
        let fee_rounding = rows.resolve(self.fee_rounding, |_| ());
        let selling_plans = rows.resolve(self.selling_plans, |_| ());
        let referral = rows.resolve(self.referral, |row| row.category.clone());
        let closing_fees = rows.resolve(self.closing_fees, |row| row.category.clone());
        let refund_administration = rows.resolve(self.refund_administration, |_| ());
        let fba = rows.resolve(self.fba, |_| ());
        let storage = rows.resolve(self.storage, StorageRow::key);
        if errors.is_empty() {
            Ok(MarketplacePack {
                header: self.pack,
                file: context.name.to_string(),
                fee_rounding,
                selling_plans,
                referral,
                closing_fees,
                refund_administration,
                fba,
                storage,
            })
        } else {
            Err(errors)
        }
    }
}

impl StorageRow {
    fn key(&self) -> (String, Vec<u32>) {
        (self.size_group.clone(), self.months.clone())
    }
}

impl MarketplacePack {
    pub(crate) fn merge_over(&mut self, user: MarketplacePack, errors: &mut Vec<PackError>) {
        if user.header.currency != self.header.currency {
            errors.push(header_clash(&user.file, &self.file, "pack.currency"));
            return;
        }
        merge_rows(&mut self.fee_rounding, user.fee_rounding, |_| (), errors);
        merge_rows(&mut self.selling_plans, user.selling_plans, |_| (), errors);
        merge_rows(
            &mut self.referral,
            user.referral,
            |row| row.category.clone(),
            errors,
        );
        merge_rows(
            &mut self.closing_fees,
            user.closing_fees,
            |row| row.category.clone(),
            errors,
        );
        merge_rows(
            &mut self.refund_administration,
            user.refund_administration,
            |_| (),
            errors,
        );
        merge_rows(&mut self.fba, user.fba, |_| (), errors);
        merge_rows(&mut self.storage, user.storage, StorageRow::key, errors);
    }
}

/// An override file that changes what a pack is (its currency, regime or destinations).
fn header_clash(file: &str, original: &str, field: &str) -> PackError {
    PackError {
        file: file.to_string(),
        line: None,
        field: Some(field.to_string()),
        message: format!(
            "differs from the pack it overrides ({original}): an override file adds or replaces rows, \
             it cannot change `{field}`"
        ),
    }
}

// ---------------------------------------------------------------- customs packs

/// Which computation a customs pack feeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Regime {
    Japan,
    Eu,
    Uk,
    Us,
    Ca,
    Au,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomsHeader {
    pub kind: String,
    pub id: String,
    pub name: String,
    pub regime: Regime,
    pub destinations: Vec<String>,
    pub currency: Currency,
}

figure_row! {
    /// An import tax rate (consumption tax, VAT, GST) for a country.
    TaxRateRow {
        country: String,
        code: String,
        standard: Rate,
        #[serde(default)]
        reduced: Option<Rate>,
    }
}
figure_row! {
    /// A tax computed as a ratio of another tax (Japan: local = national × 22/78).
    DerivedTaxRow {
        code: String,
        of: String,
        ratio: Rate,
    }
}

/// What a customs rounding rule applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum RoundingTarget {
    /// The taxable value (duty base, tax base), per declaration line.
    TaxableValue,
    /// A duty or tax amount.
    Amount,
}

figure_row! {
    /// A named rounding rule of the authority.
    CustomsRoundingRow {
        applies_to: RoundingTarget,
        rounding: Rounding,
        scope: RoundingScope,
    }
}

impl FigureRow for CustomsRoundingRow {
    fn meta(&self) -> RowMeta<'_> {
        self.row_meta()
    }
    fn check(&self) -> Result<(), (&'static str, String)> {
        // A taxable value is a per-line base; only amounts can be rounded on the total.
        if self.applies_to == RoundingTarget::TaxableValue && self.scope != RoundingScope::PerLine {
            return Err(("scope", "a taxable value is rounded per line".to_string()));
        }
        Ok(())
    }
}

/// The kinds of value thresholds the landed-cost rules know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum ThresholdKind {
    /// No duty and no import tax at or below (Japan ¥10,000; Canada CAD 20).
    DutyAndTaxFree,
    /// B2C consignments at or below: VAT/GST charged at the point of sale, not at the border
    /// (EU IOSS €150, UK £135, Australia A$1,000).
    PointOfSaleTax,
    /// No duty at or below (UK £135 for non-excise goods).
    DutyFree,
    /// A duty-free de minimis that is suspended (US $800 since 2025-08-29): value 0 means none.
    DeMinimis,
}

/// Goods excluded from a threshold, by HS prefix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ExcludedGoods {
    pub hs_prefix: String,
    pub label: String,
}

figure_row! {
    /// A value threshold in the pack's currency; `amount = "0"` when it is suspended.
    ThresholdRow {
        threshold: ThresholdKind,
        #[serde(with = "rust_decimal::serde::str")]
        amount: Decimal,
        #[serde(default)]
        excluded: Vec<ExcludedGoods>,
    }
}
figure_row! {
    /// A flat duty per distinct tariff subheading in B2C consignments up to `consignment_max`
    /// (EU: €3 from 2026-07-01).
    FlatDutyRow {
        #[serde(with = "rust_decimal::serde::str")]
        per_subheading: Decimal,
        #[serde(with = "rust_decimal::serde::str")]
        consignment_max: Decimal,
    }
}

/// The kind of customs entry a fee applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum EntryKind {
    Formal,
    Informal,
}

figure_row! {
    /// A customs fee: ad valorem with minimum and maximum, or a fixed amount (US MPF).
    CustomsFeeRow {
        code: String,
        entry: EntryKind,
        #[serde(default)]
        rate: Option<Rate>,
        #[serde(default, with = "rust_decimal::serde::str_option")]
        minimum: Option<Decimal>,
        #[serde(default, with = "rust_decimal::serde::str_option")]
        maximum: Option<Decimal>,
        #[serde(default, with = "rust_decimal::serde::str_option")]
        amount: Option<Decimal>,
    }
}

plain_figure_row!(TaxRateRow, DerivedTaxRow, FlatDutyRow);

impl FigureRow for ThresholdRow {
    fn meta(&self) -> RowMeta<'_> {
        self.row_meta()
    }
    fn check(&self) -> Result<(), (&'static str, String)> {
        if self.amount.is_sign_negative() {
            return Err(("amount", "a threshold cannot be negative".to_string()));
        }
        Ok(())
    }
}

impl FigureRow for CustomsFeeRow {
    fn meta(&self) -> RowMeta<'_> {
        self.row_meta()
    }
    fn check(&self) -> Result<(), (&'static str, String)> {
        if self.rate.is_some() == self.amount.is_some() {
            return Err((
                "rate",
                "give either `rate` (ad valorem, with optional minimum/maximum) or `amount`"
                    .to_string(),
            ));
        }
        Ok(())
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCustomsPack {
    pack: CustomsHeader,
    #[serde(default)]
    sources: BTreeMap<String, Source>,
    #[serde(default)]
    tax_rates: Vec<Spanned<TaxRateRow>>,
    #[serde(default)]
    derived_taxes: Vec<Spanned<DerivedTaxRow>>,
    #[serde(default)]
    rounding: Vec<Spanned<CustomsRoundingRow>>,
    #[serde(default)]
    thresholds: Vec<Spanned<ThresholdRow>>,
    #[serde(default)]
    flat_duties: Vec<Spanned<FlatDutyRow>>,
    #[serde(default)]
    fees: Vec<Spanned<CustomsFeeRow>>,
}

/// A destination's (or a customs union's) import rules.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CustomsPack {
    pub header: CustomsHeader,
    /// The file that declared the pack (the first one loaded).
    pub file: String,
    pub tax_rates: Vec<Dated<TaxRateRow>>,
    pub derived_taxes: Vec<Dated<DerivedTaxRow>>,
    pub rounding: Vec<Dated<CustomsRoundingRow>>,
    pub thresholds: Vec<Dated<ThresholdRow>>,
    pub flat_duties: Vec<Dated<FlatDutyRow>>,
    pub fees: Vec<Dated<CustomsFeeRow>>,
}

impl RawCustomsPack {
    pub(crate) fn resolve(self, context: &FileContext<'_>) -> Result<CustomsPack, Vec<PackError>> {
        let mut errors = Vec::new();
        let mut rows = RowResolver {
            context,
            sources: &self.sources,
            errors: &mut errors,
        };
        let tax_rates = rows.resolve(self.tax_rates, TaxRateRow::key);
        let derived_taxes = rows.resolve(self.derived_taxes, |row| row.code.clone());
        let rounding = rows.resolve(self.rounding, |row| row.applies_to);
        let thresholds = rows.resolve(self.thresholds, |row| row.threshold);
        let flat_duties = rows.resolve(self.flat_duties, |_| ());
        let fees = rows.resolve(self.fees, CustomsFeeRow::key);
        if errors.is_empty() {
            Ok(CustomsPack {
                header: self.pack,
                file: context.name.to_string(),
                tax_rates,
                derived_taxes,
                rounding,
                thresholds,
                flat_duties,
                fees,
            })
        } else {
            Err(errors)
        }
    }
}

impl TaxRateRow {
    fn key(&self) -> (String, String) {
        (self.country.clone(), self.code.clone())
    }
}

impl CustomsFeeRow {
    fn key(&self) -> (String, EntryKind) {
        (self.code.clone(), self.entry)
    }
}

impl CustomsPack {
    pub(crate) fn merge_over(&mut self, user: CustomsPack, errors: &mut Vec<PackError>) {
        let (old, new) = (&self.header, &user.header);
        for (field, differs) in [
            ("pack.currency", old.currency != new.currency),
            ("pack.regime", old.regime != new.regime),
            ("pack.destinations", old.destinations != new.destinations),
        ] {
            if differs {
                errors.push(header_clash(&user.file, &self.file, field));
                return;
            }
        }
        merge_rows(&mut self.tax_rates, user.tax_rates, TaxRateRow::key, errors);
        merge_rows(
            &mut self.derived_taxes,
            user.derived_taxes,
            |row| row.code.clone(),
            errors,
        );
        merge_rows(
            &mut self.rounding,
            user.rounding,
            |row| row.applies_to,
            errors,
        );
        merge_rows(
            &mut self.thresholds,
            user.thresholds,
            |row| row.threshold,
            errors,
        );
        merge_rows(&mut self.flat_duties, user.flat_duties, |_| (), errors);
        merge_rows(&mut self.fees, user.fees, CustomsFeeRow::key, errors);
    }
}

// ---------------------------------------------------------------- duty-rate tables

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DutiesHeader {
    pub kind: String,
    pub id: String,
    pub name: String,
}

figure_row! {
    /// An ad valorem duty rate for goods whose HS code starts with `hs_prefix`, optionally only for
    /// consignments up to `max_consignment` (Japan's simplified tariff: ≤ ¥200,000).
    DutyRateRow {
        destination: String,
        hs_prefix: String,
        label: String,
        rate: Rate,
        #[serde(default, with = "rust_decimal::serde::str_option")]
        max_consignment: Option<Decimal>,
    }
}

impl DutyRateRow {
    pub(crate) fn key(&self) -> (String, String) {
        (self.destination.clone(), self.hs_prefix.clone())
    }
}

impl FigureRow for DutyRateRow {
    fn meta(&self) -> RowMeta<'_> {
        self.row_meta()
    }
    fn check(&self) -> Result<(), (&'static str, String)> {
        if self.hs_prefix.is_empty() || !self.hs_prefix.chars().all(|c| c.is_ascii_digit()) {
            return Err((
                "hs_prefix",
                "HS prefixes are digits only, e.g. `62` or `8518`".to_string(),
            ));
        }
        Ok(())
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawDutiesPack {
    #[allow(dead_code, reason = "the header is validated by deserialising it")]
    pack: DutiesHeader,
    #[serde(default)]
    sources: BTreeMap<String, Source>,
    #[serde(default)]
    rates: Vec<Spanned<DutyRateRow>>,
}

impl RawDutiesPack {
    pub(crate) fn resolve(
        self,
        context: &FileContext<'_>,
    ) -> Result<Vec<Dated<DutyRateRow>>, Vec<PackError>> {
        let mut errors = Vec::new();
        let mut rows = RowResolver {
            context,
            sources: &self.sources,
            errors: &mut errors,
        };
        let rates = rows.resolve(self.rates, DutyRateRow::key);
        if errors.is_empty() {
            Ok(rates)
        } else {
            Err(errors)
        }
    }
}

// ---------------------------------------------------------------- shared resolution

/// Turns spanned raw rows into [`Dated`] rows: checks the source id, the dates and the row's own
/// rules, and rejects two rows with the same key and start date.
pub(crate) struct RowResolver<'a, 'b> {
    pub(crate) context: &'a FileContext<'a>,
    pub(crate) sources: &'a BTreeMap<String, Source>,
    pub(crate) errors: &'b mut Vec<PackError>,
}

impl RowResolver<'_, '_> {
    pub(crate) fn resolve<T: FigureRow, K: PartialEq>(
        &mut self,
        rows: Vec<Spanned<T>>,
        key: impl Fn(&T) -> K,
    ) -> Vec<Dated<T>> {
        let mut resolved = Vec::with_capacity(rows.len());
        for spanned in rows {
            let line = line_of(self.context.text, spanned.span().start);
            let row = spanned.into_inner();
            let error = |field: &str, message: String| PackError {
                file: self.context.name.to_string(),
                line: Some(line),
                field: Some(field.to_string()),
                message,
            };
            let meta = row.meta();
            let Some(source) = self.sources.get(meta.source) else {
                self.errors.push(error(
                    "source",
                    format!(
                        "no `[sources.{}]` table (with title and url) in this file",
                        meta.source
                    ),
                ));
                continue;
            };
            if source.title.trim().is_empty() || source.url.trim().is_empty() {
                self.errors.push(error(
                    "source",
                    format!(
                        "`[sources.{}]` needs a non-empty title and url",
                        meta.source
                    ),
                ));
                continue;
            }
            if meta
                .effective_until
                .is_some_and(|until| until <= meta.effective_from)
            {
                self.errors.push(error(
                    "effective_until",
                    "must be after effective_from".to_string(),
                ));
                continue;
            }
            if let Err((field, message)) = row.check() {
                self.errors.push(error(field, message));
                continue;
            }
            let provenance = Provenance {
                source: source.clone(),
                effective_from: meta.effective_from,
                effective_until: meta.effective_until,
                confidence: meta.confidence,
                note: meta.note.map(str::to_string),
                file: self.context.name.to_string(),
                line,
                origin: self.context.origin,
            };
            resolved.push(Dated { row, provenance });
        }
        let mut unique = Vec::with_capacity(resolved.len());
        merge_rows(&mut unique, resolved, key, self.errors);
        unique
    }
}
