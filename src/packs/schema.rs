//! The pack file formats: marketplace fees, customs and tax rules, duty rates.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use toml::Spanned;
use ts_rs::TS;

use super::fulfilment::{
    FbaAdjustmentRow, FbaFeeTableRow, FeeTaxRow, LongTermStorageRow, StorageFeeRow, VolumeUnit,
};
use super::tariff::{AgreementRow, OriginGroupRow, TariffRow, TariffTables};
use super::{Confidence, Dated, FileContext, PackError, Provenance, Source, line_of, merge_rows};
use crate::money::{Currency, Rate, Rounding, RoundingScope};
use crate::text::Text;

/// The metadata every figure row carries.
pub struct RowMeta<'a> {
    pub effective_from: NaiveDate,
    pub effective_until: Option<NaiveDate>,
    pub lapses: bool,
    pub source: &'a str,
    pub confidence: Confidence,
    pub note: Option<&'a str>,
    pub note_fr: Option<&'a str>,
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
/// `lapses`, `source`, `confidence`, `note` and its French `note_fr`, with unknown fields rejected.
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
            /// `effective_until` ends the rule itself (abolished, temporary, retired category): no
            /// successor row is expected, so the end is not a gap.
            #[serde(default)]
            pub lapses: bool,
            pub source: String,
            pub confidence: Confidence,
            #[serde(default)]
            pub note: Option<String>,
            #[serde(default)]
            pub note_fr: Option<String>,
        }

        impl $name {
            fn row_meta(&self) -> RowMeta<'_> {
                RowMeta {
                    effective_from: self.effective_from,
                    effective_until: self.effective_until,
                    lapses: self.lapses,
                    source: &self.source,
                    confidence: self.confidence,
                    note: self.note.as_deref(),
                    note_fr: self.note_fr.as_deref(),
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
    /// Only where the French differs: a marketplace's own name (`Amazon.co.jp`) needs none.
    #[serde(default)]
    pub name_fr: Option<String>,
    pub currency: Currency,
}

impl MarketplaceHeader {
    pub fn name_text(&self) -> Text {
        Text::with_french(&self.name, self.name_fr.as_deref())
    }
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
    /// Longest side plus girth (twice the sum of the two shorter sides), US bulky tiers.
    #[serde(default, with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub max_length_girth: Option<Decimal>,
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

figure_row! {
    /// A figure the engines need that research did not find: the user types it. `table` and `item`
    /// name it as `packs validate` does (`fees`, `US-MPF formal`); while the row is in force the
    /// item counts as covered, and Settings and the report list it among the figures left to the user.
    UserEnteredRow {
        table: String,
        item: String,
        /// What the figure is, in words, and in French (required, like `note_fr`).
        label: String,
        #[serde(default)]
        label_fr: Option<String>,
    }
}

impl UserEnteredRow {
    pub(crate) fn key(&self) -> (String, String) {
        (self.table.clone(), self.item.clone())
    }

    pub fn label_text(&self) -> Text {
        Text::with_french(&self.label, self.label_fr.as_deref())
    }
}

impl FigureRow for UserEnteredRow {
    fn meta(&self) -> RowMeta<'_> {
        self.row_meta()
    }
    fn check(&self) -> Result<(), (&'static str, String)> {
        if self
            .note
            .as_deref()
            .is_none_or(|note| note.trim().is_empty())
        {
            return Err(("note", "say why the figure is left to the user".to_string()));
        }
        left_to_user_in_french(&self.label_fr, &self.note_fr)
    }
}

/// A figure left to the user is listed in the window in the reader's language: its label and its
/// note need their French.
pub(crate) fn left_to_user_in_french(
    label_fr: &Option<String>,
    note_fr: &Option<String>,
) -> Result<(), (&'static str, String)> {
    if blank(label_fr) {
        return Err((
            "label_fr",
            "a figure left to the user gives its label in French".to_string(),
        ));
    }
    note_in_french(note_fr)
}

/// The note of a figure left to the user (why, where to read it), in French.
pub(crate) fn note_in_french(note_fr: &Option<String>) -> Result<(), (&'static str, String)> {
    if blank(note_fr) {
        return Err((
            "note_fr",
            "a figure left to the user gives its note in French".to_string(),
        ));
    }
    Ok(())
}

fn blank(text: &Option<String>) -> bool {
    text.as_deref().is_none_or(|text| text.trim().is_empty())
}

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
        if !published {
            note_in_french(&self.note_fr)?;
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
    #[serde(default)]
    fba_fees: Vec<Spanned<FbaFeeTableRow>>,
    #[serde(default)]
    fba_adjustments: Vec<Spanned<FbaAdjustmentRow>>,
    #[serde(default)]
    storage_fees: Vec<Spanned<StorageFeeRow>>,
    #[serde(default)]
    long_term_storage: Vec<Spanned<LongTermStorageRow>>,
    #[serde(default)]
    fee_taxes: Vec<Spanned<FeeTaxRow>>,
    #[serde(default)]
    user_entered: Vec<Spanned<UserEnteredRow>>,
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
    /// Monthly storage per 1,000 cm³: the `[[storage]]` rows, and the `[[storage_fees]]` rows
    /// charged per 1,000 cm³ seen in this older shape (the fee engine reads it).
    pub storage: Vec<Dated<StorageRow>>,
    pub fba_fees: Vec<Dated<FbaFeeTableRow>>,
    pub fba_adjustments: Vec<Dated<FbaAdjustmentRow>>,
    pub storage_fees: Vec<Dated<StorageFeeRow>>,
    pub long_term_storage: Vec<Dated<LongTermStorageRow>>,
    pub fee_taxes: Vec<Dated<FeeTaxRow>>,
    pub user_entered: Vec<Dated<UserEnteredRow>>,
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
        let mut storage = rows.resolve(self.storage, StorageRow::key);
        let fba_fees = rows.resolve(self.fba_fees, |row| row.table.clone());
        let fba_adjustments = rows.resolve(self.fba_adjustments, |row| row.id.clone());
        let storage_fees = rows.resolve(self.storage_fees, StorageFeeRow::key);
        let long_term_storage = rows.resolve(self.long_term_storage, LongTermStorageRow::key);
        let fee_taxes = rows.resolve(self.fee_taxes, FeeTaxRow::key);
        let user_entered = rows.resolve(self.user_entered, UserEnteredRow::key);
        let per_thousand_cm3 = storage_fees
            .iter()
            .filter_map(StorageRow::from_storage_fee)
            .collect();
        merge_rows(&mut storage, per_thousand_cm3, StorageRow::key, &mut errors);
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
                fba_fees,
                fba_adjustments,
                storage_fees,
                long_term_storage,
                fee_taxes,
                user_entered,
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

    /// A storage fee charged per 1,000 cm³, in the shape of a `[[storage]]` row.
    fn from_storage_fee(dated: &Dated<StorageFeeRow>) -> Option<Dated<StorageRow>> {
        let fee = &dated.row;
        (fee.per == VolumeUnit::ThousandCm3).then(|| Dated {
            row: StorageRow {
                size_group: fee.size_group.clone(),
                tiers: fee.tiers.clone(),
                months: fee.months.clone(),
                rate_per_1000_cm3: fee.rate,
                effective_from: fee.effective_from,
                effective_until: fee.effective_until,
                lapses: fee.lapses,
                source: fee.source.clone(),
                confidence: fee.confidence,
                note: fee.note.clone(),
                note_fr: fee.note_fr.clone(),
            },
            provenance: dated.provenance.clone(),
        })
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
        merge_rows(
            &mut self.fba_fees,
            user.fba_fees,
            |row| row.table.clone(),
            errors,
        );
        merge_rows(
            &mut self.fba_adjustments,
            user.fba_adjustments,
            |row| row.id.clone(),
            errors,
        );
        merge_rows(
            &mut self.storage_fees,
            user.storage_fees,
            StorageFeeRow::key,
            errors,
        );
        merge_rows(
            &mut self.long_term_storage,
            user.long_term_storage,
            LongTermStorageRow::key,
            errors,
        );
        merge_rows(&mut self.fee_taxes, user.fee_taxes, FeeTaxRow::key, errors);
        merge_rows(
            &mut self.user_entered,
            user.user_entered,
            UserEnteredRow::key,
            errors,
        );
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
    pub name_fr: String,
    pub regime: Regime,
    pub destinations: Vec<String>,
    pub currency: Currency,
}

impl CustomsHeader {
    pub fn name_text(&self) -> Text {
        Text::new(&self.name, &self.name_fr)
    }
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

/// What a threshold's amount is measured on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum ThresholdBasis {
    /// The consignment's (or declaration's) total value.
    #[default]
    Consignment,
    /// Each item's price (Japan's 2028 rule for mail-order sales: ¥10,000 per item).
    Item,
}

figure_row! {
    /// A value threshold in the pack's currency; `amount = "0"` when it is suspended.
    ThresholdRow {
        threshold: ThresholdKind,
        #[serde(with = "rust_decimal::serde::str")]
        amount: Decimal,
        #[serde(default)]
        basis: ThresholdBasis,
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

/// How goods arrive, for fees charged on one mode only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum TransportMode {
    Sea,
    Air,
    Road,
    Rail,
    Post,
    Express,
}

figure_row! {
    /// A customs fee: ad valorem with minimum and maximum, or a fixed amount (US MPF), on every
    /// transport mode or only on `modes` (US Harbor Maintenance Fee: sea).
    CustomsFeeRow {
        code: String,
        entry: EntryKind,
        #[serde(default)]
        modes: Vec<TransportMode>,
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

/// An increment per degree of alcohol above `above` % vol.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PerDegree {
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub above: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub amount: Decimal,
}

figure_row! {
    /// An excise charged at import by quantity (Japan's liquor tax): goods of the `hs` prefixes in
    /// the `class`, within the alcohol range given, pay `duty` plus `per_degree` above a strength.
    ExciseRow {
        code: String,
        class: String,
        label: String,
        #[serde(default)]
        label_fr: Option<String>,
        hs: Vec<String>,
        /// Applies from this strength (% vol) …
        #[serde(default, with = "rust_decimal::serde::str_option")]
        abv_from: Option<Decimal>,
        /// … and below this one.
        #[serde(default, with = "rust_decimal::serde::str_option")]
        abv_below: Option<Decimal>,
        duty: super::tariff::SpecificDuty,
        #[serde(default)]
        per_degree: Option<PerDegree>,
    }
}

impl ExciseRow {
    pub(crate) fn key(&self) -> (String, String) {
        (self.code.clone(), self.class.clone())
    }

    pub fn label_text(&self) -> Text {
        Text::with_french(&self.label, self.label_fr.as_deref())
    }
}

impl FigureRow for ExciseRow {
    fn meta(&self) -> RowMeta<'_> {
        self.row_meta()
    }
    fn check(&self) -> Result<(), (&'static str, String)> {
        if self.hs.is_empty()
            || self
                .hs
                .iter()
                .any(|prefix| prefix.is_empty() || !prefix.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(("hs", "HS prefixes are digits, at least one".to_string()));
        }
        if let (Some(from), Some(below)) = (self.abv_from, self.abv_below)
            && below <= from
        {
            return Err(("abv_below", "must be above abv_from".to_string()));
        }
        Ok(())
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
    #[serde(default)]
    excise: Vec<Spanned<ExciseRow>>,
    #[serde(default)]
    user_entered: Vec<Spanned<UserEnteredRow>>,
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
    pub excise: Vec<Dated<ExciseRow>>,
    pub user_entered: Vec<Dated<UserEnteredRow>>,
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
        let excise = rows.resolve(self.excise, ExciseRow::key);
        let user_entered = rows.resolve(self.user_entered, UserEnteredRow::key);
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
                excise,
                user_entered,
            })
        } else {
            Err(errors)
        }
    }
}

impl TaxRateRow {
    pub(crate) fn key(&self) -> (String, String) {
        (self.country.clone(), self.code.clone())
    }
}

impl CustomsFeeRow {
    pub(crate) fn key(&self) -> (String, EntryKind) {
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
        merge_rows(&mut self.excise, user.excise, ExciseRow::key, errors);
        merge_rows(
            &mut self.user_entered,
            user.user_entered,
            UserEnteredRow::key,
            errors,
        );
    }
}

// ---------------------------------------------------------------- duty-rate tables

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DutiesHeader {
    pub kind: String,
    pub id: String,
    pub name: String,
    pub name_fr: String,
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
    #[serde(default)]
    tariff: Vec<Spanned<TariffRow>>,
    #[serde(default)]
    agreements: Vec<Spanned<AgreementRow>>,
    #[serde(default)]
    origin_groups: Vec<Spanned<OriginGroupRow>>,
    #[serde(default)]
    user_entered: Vec<Spanned<UserEnteredRow>>,
}

/// The rows of one duties pack file.
pub(crate) struct DutiesFile {
    pub(crate) rates: Vec<Dated<DutyRateRow>>,
    pub(crate) tariffs: TariffTables,
    pub(crate) user_entered: Vec<Dated<UserEnteredRow>>,
}

impl RawDutiesPack {
    pub(crate) fn resolve(self, context: &FileContext<'_>) -> Result<DutiesFile, Vec<PackError>> {
        let mut errors = Vec::new();
        let mut rows = RowResolver {
            context,
            sources: &self.sources,
            errors: &mut errors,
        };
        let rates = rows.resolve(self.rates, DutyRateRow::key);
        let tariffs = TariffTables {
            rates: rows.resolve(self.tariff, TariffRow::key),
            agreements: rows.resolve(self.agreements, |row| row.id.clone()),
            origin_groups: rows.resolve(self.origin_groups, |row| row.name.clone()),
        };
        let user_entered = rows.resolve(self.user_entered, UserEnteredRow::key);
        if errors.is_empty() {
            Ok(DutiesFile {
                rates,
                tariffs,
                user_entered,
            })
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
            if meta.lapses && meta.effective_until.is_none() {
                self.errors.push(error(
                    "lapses",
                    "a row that lapses gives the date it ends (`effective_until`)".to_string(),
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
                lapses: meta.lapses,
                confidence: meta.confidence,
                note: meta.note.map(str::to_string),
                note_fr: meta.note_fr.map(str::to_string),
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
