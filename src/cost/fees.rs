//! Marketplace fees: referral (whole-price and portion bands, minimums, points), category closing
//! fees, refund administration, per-order fees, FBA size tiers and fees, storage, selling plans.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{CostError, Detail, Explanation, Missing, Steps, g, invalid, rounding_formula};
use crate::money::{Currency, MAX_AMOUNT, Rate, Rounding, RoundingMode, RoundingStep};
use crate::packs::{
    BandBasis, Dated, FbaStatus, FbaTableRow, FbaTier, LengthUnit, LowPriceTier, MarketplacePack,
    Packs, RateBand, ReferralRow, StorageRow, WeightUnit, check_bands, in_force,
};

/// A referral rule typed by the user instead of the pack's category rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ReferralOverride {
    pub basis: BandBasis,
    pub bands: Vec<RateBand>,
    #[serde(default, with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub minimum: Option<Decimal>,
    #[serde(default)]
    pub low_price: Option<LowPriceTier>,
}

/// A fixed amount per order, by band of the order total (eBay's per-order fee).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AmountBand {
    #[serde(default, with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub up_to: Option<Decimal>,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub amount: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PerOrderFee {
    pub bands: Vec<AmountBand>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct RefundAdministrationOverride {
    pub rate: Rate,
    #[serde(default, with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub cap: Option<Decimal>,
}

/// A packaged unit, as in the plan file (`package = { length_cm, width_cm, height_cm, weight_g }`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Package {
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub length_cm: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub width_cm: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub height_cm: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub weight_g: Decimal,
}

impl Package {
    pub fn volume_cm3(&self) -> Decimal {
        self.length_cm * self.width_cm * self.height_cm
    }
}

/// FBA for every line: a packaged unit to classify, and/or the fee typed from Amazon's calculator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct FulfilmentInput {
    #[serde(default)]
    pub package: Option<Package>,
    /// Per-unit fee typed by the user (overrides the pack; needed where the pack's table is user-entered).
    #[serde(default, with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub fee: Option<Decimal>,
}

/// One unit sold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SaleLine {
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub price: Decimal,
    #[serde(default, with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub shipping: Decimal,
    #[serde(default, with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub gift_wrap: Decimal,
    /// Points granted by the seller (JP), deducted from the referral base.
    #[serde(default, with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub points: Decimal,
    #[serde(default)]
    pub refunded: bool,
}

/// The `landfall fees FILE` input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SalesFile {
    pub marketplace: String,
    #[ts(type = "string")]
    pub as_of: NaiveDate,
    #[serde(default)]
    pub category: Option<String>,
    #[serde(default)]
    pub referral: Option<ReferralOverride>,
    #[serde(default)]
    pub per_order_fee: Option<PerOrderFee>,
    #[serde(default)]
    pub refund_administration: Option<RefundAdministrationOverride>,
    #[serde(default)]
    pub fulfilment: Option<FulfilmentInput>,
    pub lines: Vec<SaleLine>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FeeLine {
    /// Item + shipping + gift wrap − points.
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub referral_base: Decimal,
    #[serde(with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub referral_fee: Option<Decimal>,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub closing_fee: Decimal,
    /// Zero unless the line is refunded.
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub refund_administration_fee: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub per_order_fee: Decimal,
    #[serde(with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub fulfilment_fee: Option<Decimal>,
    pub explain: Vec<Explanation>,
    pub missing: Vec<Missing>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FeeTotals {
    /// Referral fees charged at sale (all lines).
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub referral_fee: Decimal,
    /// Referral fees given back on refunded lines.
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub referral_fee_refunded: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub closing_fee: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub refund_administration_fee: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub per_order_fee: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub fulfilment_fee: Decimal,
    /// Net fees: referral − refunded referral + closing + refund administration + per-order + fulfilment.
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub fees: Decimal,
    /// False when a line misses an input; the totals then cover what could be computed.
    pub complete: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FeeReport {
    pub currency: Currency,
    pub marketplace: String,
    #[ts(type = "string")]
    pub as_of: NaiveDate,
    /// The FBA size tier of the package, when one was given.
    pub fba_tier: Option<String>,
    pub explain: Vec<Explanation>,
    pub missing: Vec<Missing>,
    pub lines: Vec<FeeLine>,
    pub totals: FeeTotals,
}

/// A referral rule, from the pack or typed by the user.
#[derive(Debug, Clone, Copy)]
pub struct ReferralRule<'a> {
    pub basis: BandBasis,
    pub bands: &'a [RateBand],
    pub low_price: Option<&'a LowPriceTier>,
    pub minimum: Option<Decimal>,
}

impl<'a> From<&'a ReferralRow> for ReferralRule<'a> {
    fn from(row: &'a ReferralRow) -> Self {
        ReferralRule {
            basis: row.basis,
            bands: &row.bands,
            low_price: row.low_price.as_ref(),
            minimum: row.minimum,
        }
    }
}

impl<'a> From<&'a ReferralOverride> for ReferralRule<'a> {
    fn from(rule: &'a ReferralOverride) -> Self {
        ReferralRule {
            basis: rule.basis,
            bands: &rule.bands,
            low_price: rule.low_price.as_ref(),
            minimum: rule.minimum,
        }
    }
}

/// The slices of `base` charged by portion bands: `(slice, rate)` from the lowest band up.
fn portion_slices<'a>(
    bands: &'a [RateBand],
    base: Decimal,
) -> impl Iterator<Item = (Decimal, Rate)> + 'a {
    let mut lower = Decimal::ZERO;
    bands.iter().map_while(move |band| {
        if base <= lower {
            return None;
        }
        let upper = band.up_to.map_or(base, |limit| limit.min(base));
        let slice = upper - lower;
        lower = upper;
        Some((slice, band.rate))
    })
}

/// The whole-price band containing `base` (the last band when `base` is above every limit).
fn whole_band(bands: &[RateBand], base: Decimal) -> Option<&RateBand> {
    bands
        .iter()
        .find(|band| band.up_to.is_none_or(|limit| base <= limit))
        .or(bands.last())
}

/// The low-price tier when it applies to `base`.
fn low_price_tier<'a>(rule: &ReferralRule<'a>, base: Decimal) -> Option<&'a LowPriceTier> {
    rule.low_price.filter(|tier| base <= tier.up_to)
}

/// The referral fee on `base` before the marketplace's rounding, the minimum included.
pub fn referral_fee(rule: ReferralRule<'_>, base: Decimal) -> Decimal {
    let fee = bands_fee(&rule, base.max(Decimal::ZERO));
    rule.minimum.map_or(fee, |minimum| fee.max(minimum))
}

fn bands_fee(rule: &ReferralRule<'_>, base: Decimal) -> Decimal {
    if let Some(tier) = low_price_tier(rule, base) {
        return tier.rate.apply(base);
    }
    match rule.basis {
        BandBasis::Whole => {
            whole_band(rule.bands, base).map_or(Decimal::ZERO, |band| band.rate.apply(base))
        }
        BandBasis::Portion => portion_slices(rule.bands, base)
            .map(|(slice, rate)| rate.apply(slice))
            .sum(),
    }
}

/// The formula of [`referral_fee`] with its numbers, `base` written as `base_text`:
/// `(10,000 − 200) × 15% = 1,470`, `5,000 → 3,000 × 12.4% + 2,000 × 8.4% = 540`.
pub fn referral_fee_formula(rule: ReferralRule<'_>, base: Decimal, base_text: &str) -> String {
    let base = base.max(Decimal::ZERO);
    let fee = bands_fee(&rule, base);
    let charged = match (low_price_tier(&rule, base), rule.basis) {
        (Some(tier), _) => format!("{base_text} × {} (total ≤ {})", tier.rate, g(tier.up_to)),
        (None, BandBasis::Whole) => match whole_band(rule.bands, base) {
            Some(band) => format!("{base_text} × {}", band.rate),
            None => format!("{base_text} × (no band)"),
        },
        (None, BandBasis::Portion) => {
            let parts: Vec<String> = portion_slices(rule.bands, base)
                .map(|(slice, rate)| format!("{} × {rate}", g(slice)))
                .collect();
            format!("{base_text} → {}", parts.join(" + "))
        }
    };
    match rule.minimum.filter(|minimum| fee < *minimum) {
        Some(minimum) => format!(
            "max({charged} = {}, minimum {}) = {}",
            g(fee),
            g(minimum),
            g(minimum)
        ),
        None => format!("{charged} = {}", g(fee)),
    }
}

/// Amount of the band containing `total` (per-order fees).
fn amount_band(bands: &[AmountBand], total: Decimal) -> Option<&AmountBand> {
    bands
        .iter()
        .find(|band| band.up_to.is_none_or(|limit| total <= limit))
        .or(bands.last())
}

const FALLBACK_FEE_ROUNDING: Rounding =
    Rounding::new(RoundingStep::MinorUnit, RoundingMode::HalfUp);

/// Computes the fees of a sales file, every amount explained.
pub fn marketplace_fees(file: &SalesFile, packs: &Packs) -> Result<FeeReport, CostError> {
    marketplace_fees_with(file, packs, Detail::Explained)
}

/// [`marketplace_fees`] at a chosen level of detail (numbers only for catalogue-wide quotes).
pub fn marketplace_fees_with(
    file: &SalesFile,
    packs: &Packs,
    detail: Detail,
) -> Result<FeeReport, CostError> {
    let pack = packs
        .marketplace(&file.marketplace)
        .ok_or_else(|| CostError::UnknownMarketplace(file.marketplace.clone()))?;
    if file.lines.is_empty() {
        return Err(invalid(
            "lines",
            "a sales file needs at least one [[lines]] entry",
        ));
    }
    for (index, line) in file.lines.iter().enumerate() {
        for (name, value) in [
            ("price", line.price),
            ("shipping", line.shipping),
            ("gift_wrap", line.gift_wrap),
            ("points", line.points),
        ] {
            if value.is_sign_negative() || value > MAX_AMOUNT {
                return Err(invalid(
                    format!("lines[{index}].{name}"),
                    "must be between 0 and 10^15",
                ));
            }
        }
    }
    let figures = [
        (
            "referral.minimum",
            file.referral.as_ref().and_then(|rule| rule.minimum),
        ),
        (
            "refund_administration.cap",
            file.refund_administration
                .as_ref()
                .and_then(|rule| rule.cap),
        ),
        (
            "fulfilment.fee",
            file.fulfilment.as_ref().and_then(|input| input.fee),
        ),
    ];
    let band_amounts = file
        .per_order_fee
        .iter()
        .flat_map(|fee| &fee.bands)
        .map(|band| ("per_order_fee.bands.amount", Some(band.amount)));
    for (name, value) in figures.into_iter().chain(band_amounts) {
        if value.is_some_and(|value| value.is_sign_negative() || value > MAX_AMOUNT) {
            return Err(invalid(name, "must be between 0 and 10^15"));
        }
    }
    if let Some(rule) = &file.referral {
        check_bands(&rule.bands)
            .map_err(|(field, message)| invalid(format!("referral.{field}"), message))?;
    }
    if let Some(per_order) = &file.per_order_fee
        && per_order.bands.is_empty()
    {
        return Err(invalid(
            "per_order_fee.bands",
            "at least one band is needed",
        ));
    }
    let as_of = file.as_of;
    let currency = pack.header.currency;
    let mut explain = Steps::new(detail);
    let mut missing = Vec::new();

    let rounding_row = in_force(&pack.fee_rounding, as_of, |_| true);
    let rounding = rounding_row.map_or(FALLBACK_FEE_ROUNDING, |row| row.row.rounding);
    if rounding_row.is_none() {
        missing.push(Missing {
            field: format!("packs/{}.fee_rounding", pack.header.id),
            message: format!("no fee rounding rule in force on {as_of}; the currency's minor unit, half-up, is used"),
        });
    }

    // The referral rule: the user's override, else the category's row in force.
    let category_row = file
        .category
        .as_ref()
        .and_then(|category| in_force(&pack.referral, as_of, |row| &row.category == category));
    let referral: Option<(ReferralRule<'_>, Option<&Dated<ReferralRow>>)> = match (
        &file.referral,
        category_row,
    ) {
        (Some(rule), _) => Some((rule.into(), None)),
        (None, Some(row)) => Some(((&row.row).into(), Some(row))),
        (None, None) => {
            missing.push(Missing {
                field: "category".to_string(),
                message: match &file.category {
                    Some(category) => format!(
                        "no referral rule for category `{category}` on {as_of} in `{}` (known: {}); give [referral]",
                        pack.header.id,
                        known_categories(pack)
                    ),
                    None => "give `category` or a [referral] rule".to_string(),
                },
            });
            None
        }
    };
    let points_deducted = match referral {
        Some((_, Some(row))) => row.row.points_deducted,
        _ => true,
    };
    let closing_row = file
        .category
        .as_ref()
        .and_then(|category| in_force(&pack.closing_fees, as_of, |row| &row.category == category));
    let refund_pack_row = in_force(&pack.refund_administration, as_of, |_| true);

    let fulfilment = fulfilment_fee(pack, file, &mut explain, &mut missing);
    let fba_tier = fulfilment.tier.clone();

    let mut lines = Vec::with_capacity(file.lines.len());
    let mut complete = missing.is_empty();
    for (index, line) in file.lines.iter().enumerate() {
        let mut line_explain = Steps::new(detail);
        let mut line_missing = Vec::new();
        let gross = line.price + line.shipping + line.gift_wrap;
        let deduct = if points_deducted {
            line.points
        } else {
            Decimal::ZERO
        };
        if !points_deducted && !line.points.is_zero() {
            line_missing.push(Missing {
                field: format!("lines[{index}].points"),
                message:
                    "this marketplace's rule does not deduct points from the referral base; ignored"
                        .to_string(),
            });
        }
        let base = gross - deduct;
        let referral_fee_amount = referral.map(|(rule, row)| {
            let raw = referral_fee(rule, base);
            let fee = rounding.apply(raw, currency);
            line_explain.add(|| {
                let formula = referral_fee_formula(rule, base, &base_text(line, deduct));
                let formula = if fee == raw {
                    formula
                } else {
                    format!("{formula} → {}", rounding_formula(&rounding, raw, fee))
                };
                let step = Explanation::new("Referral fee", formula)
                    .amount(fee)
                    .input("item price", g(line.price))
                    .input("shipping", g(line.shipping))
                    .input("gift wrap", g(line.gift_wrap))
                    .input("points deducted", g(deduct))
                    .overridden(row.is_none());
                match row {
                    Some(row) => step.rule(format!("referral fee, {}", row.row.label), row),
                    None => step,
                }
            });
            fee
        });
        if referral_fee_amount.is_none() {
            complete = false;
        }
        let closing_fee = match closing_row {
            Some(row) => {
                line_explain.add(|| {
                    Explanation::new(
                        "Category closing fee",
                        format!("{} per unit", g(row.row.amount)),
                    )
                    .amount(row.row.amount)
                    .rule("category closing fee", row)
                });
                row.row.amount
            }
            None => Decimal::ZERO,
        };
        let refund_administration_fee = if line.refunded {
            let rule = match (&file.refund_administration, refund_pack_row) {
                (Some(user), _) => Some((user.rate, user.cap, None)),
                (None, Some(row)) => Some((row.row.rate, row.row.cap, Some(row))),
                (None, None) => None,
            };
            match (rule, referral_fee_amount) {
                (Some((rate, cap, row)), Some(referral_fee)) => {
                    let raw = rate.apply(referral_fee);
                    let capped = cap.map_or(raw, |cap| raw.min(cap));
                    let fee = rounding.apply(capped, currency);
                    line_explain.add(|| {
                        let cap_text =
                            cap.map_or(String::new(), |cap| format!(", capped at {}", g(cap)));
                        let step = Explanation::new(
                            "Refund administration fee",
                            format!(
                                "{} × {rate} = {}{cap_text} → {}",
                                g(referral_fee),
                                g(raw),
                                g(fee)
                            ),
                        )
                        .amount(fee)
                        .overridden(row.is_none());
                        match row {
                            Some(row) => step.rule("refund administration fee", row),
                            None => step,
                        }
                    });
                    line_explain.add(|| {
                        Explanation::new(
                            "Referral fee given back",
                            format!("{} (refunded with the item)", g(referral_fee)),
                        )
                        .amount(referral_fee)
                    });
                    fee
                }
                (None, _) => {
                    complete = false;
                    line_missing.push(Missing {
                        field: "refund_administration".to_string(),
                        message: format!("no refund administration rule in `{}` on {as_of}: give [refund_administration]", pack.header.id),
                    });
                    Decimal::ZERO
                }
                (Some(_), None) => Decimal::ZERO,
            }
        } else {
            Decimal::ZERO
        };
        let per_order_fee = match file
            .per_order_fee
            .as_ref()
            .and_then(|fee| amount_band(&fee.bands, gross))
        {
            Some(band) => {
                line_explain.add(|| {
                    let limit = band.up_to.map_or("open band".to_string(), |limit| {
                        format!("order total ≤ {}", g(limit))
                    });
                    Explanation::new(
                        "Per-order fee",
                        format!("order total {} ({limit}): {}", g(gross), g(band.amount)),
                    )
                    .amount(band.amount)
                    .overridden(true)
                });
                band.amount
            }
            None => Decimal::ZERO,
        };
        if fulfilment.requested && fulfilment.fee.is_none() {
            complete = false;
        }
        if !line_missing.is_empty()
            && line_missing
                .iter()
                .any(|gap| !gap.field.ends_with(".points"))
        {
            complete = false;
        }
        lines.push(FeeLine {
            referral_base: base,
            referral_fee: referral_fee_amount,
            closing_fee,
            refund_administration_fee,
            per_order_fee,
            fulfilment_fee: fulfilment.fee,
            explain: line_explain.into_vec(),
            missing: line_missing,
        });
    }
    let sum = |pick: &dyn Fn(&FeeLine) -> Decimal| lines.iter().map(pick).sum::<Decimal>();
    let referral_total = sum(&|line| line.referral_fee.unwrap_or_default());
    let refunded_total: Decimal = lines
        .iter()
        .zip(&file.lines)
        .filter(|(_, input)| input.refunded)
        .map(|(line, _)| line.referral_fee.unwrap_or_default())
        .sum();
    let closing_total = sum(&|line| line.closing_fee);
    let refund_admin_total = sum(&|line| line.refund_administration_fee);
    let per_order_total = sum(&|line| line.per_order_fee);
    let fulfilment_total = sum(&|line| line.fulfilment_fee.unwrap_or_default());
    let totals = FeeTotals {
        referral_fee: referral_total,
        referral_fee_refunded: refunded_total,
        closing_fee: closing_total,
        refund_administration_fee: refund_admin_total,
        per_order_fee: per_order_total,
        fulfilment_fee: fulfilment_total,
        fees: referral_total - refunded_total
            + closing_total
            + refund_admin_total
            + per_order_total
            + fulfilment_total,
        complete,
    };
    Ok(FeeReport {
        currency,
        marketplace: pack.header.id.clone(),
        as_of,
        fba_tier,
        explain: explain.into_vec(),
        missing,
        lines,
        totals,
    })
}

/// `(3,000 + 500 + 308)`, `(10,000 − 200)` or `5,000`: the referral base as written in a formula.
fn base_text(line: &SaleLine, deducted: Decimal) -> String {
    let mut parts = vec![g(line.price)];
    for extra in [line.shipping, line.gift_wrap] {
        if !extra.is_zero() {
            parts.push(format!("+ {}", g(extra)));
        }
    }
    if !deducted.is_zero() {
        parts.push(format!("− {}", g(deducted)));
    }
    if parts.len() > 1 {
        format!("({})", parts.join(" "))
    } else {
        parts.concat()
    }
}

fn known_categories(pack: &MarketplacePack) -> String {
    let mut categories: Vec<&str> = pack
        .referral
        .iter()
        .map(|row| row.row.category.as_str())
        .collect();
    categories.dedup();
    categories.join(", ")
}

struct Fulfilment {
    requested: bool,
    tier: Option<String>,
    fee: Option<Decimal>,
}

/// Resolves the per-unit FBA fee: the user's figure, or the pack's published tier fee.
fn fulfilment_fee(
    pack: &MarketplacePack,
    file: &SalesFile,
    explain: &mut Steps,
    missing: &mut Vec<Missing>,
) -> Fulfilment {
    let Some(input) = &file.fulfilment else {
        return Fulfilment {
            requested: false,
            tier: None,
            fee: None,
        };
    };
    let table = in_force(&pack.fba, file.as_of, |_| true);
    let tier = match (input.package, table) {
        (Some(package), Some(table)) => match classify_fba(&table.row, &package) {
            Some(tier) => {
                explain.add(|| {
                    Explanation::new(
                        "FBA size tier",
                        format!(
                            "{} × {} × {} cm, {} g → {}",
                            g(package.length_cm),
                            g(package.width_cm),
                            g(package.height_cm),
                            g(package.weight_g),
                            tier.name
                        ),
                    )
                    .rule("FBA size tiers", table)
                });
                Some(tier)
            }
            None => {
                missing.push(Missing {
                    field: "fulfilment.package".to_string(),
                    message: "the package fits no size tier of the pack's FBA table".to_string(),
                });
                None
            }
        },
        (Some(_), None) => {
            missing.push(Missing {
                field: format!("packs/{}.fba", pack.header.id),
                message: format!(
                    "no FBA table in force on {} for `{}`",
                    file.as_of, pack.header.id
                ),
            });
            None
        }
        (None, _) => None,
    };
    let tier_name = tier.map(|tier| tier.name.clone());
    if let Some(fee) = input.fee {
        explain.add(|| {
            Explanation::new(
                "FBA fulfilment fee",
                format!("{} per unit, entered by the user", g(fee)),
            )
            .amount(fee)
            .overridden(true)
        });
        return Fulfilment {
            requested: true,
            tier: tier_name,
            fee: Some(fee),
        };
    }
    match (tier.and_then(|tier| tier.fee), table) {
        (Some(fee), Some(table)) => {
            explain.add(|| {
                Explanation::new(
                    "FBA fulfilment fee",
                    format!(
                        "{}: {} per unit",
                        tier_name.clone().unwrap_or_default(),
                        g(fee)
                    ),
                )
                .amount(fee)
                .rule("FBA fulfilment fee table", table)
            });
            Fulfilment {
                requested: true,
                tier: tier_name,
                fee: Some(fee),
            }
        }
        (_, table) => {
            let why = match table {
                Some(table) if table.row.status == FbaStatus::UserEntered => format!(
                    "the current FBA fees for `{}` were not found in any source: type the fee from Amazon's FBA calculator as `fulfilment.fee`{}",
                    pack.header.id,
                    table
                        .provenance
                        .note
                        .as_deref()
                        .map(|note| format!(" ({note})"))
                        .unwrap_or_default()
                ),
                _ => "give the package or the fee (`fulfilment.fee`)".to_string(),
            };
            missing.push(Missing {
                field: "fulfilment.fee".to_string(),
                message: why,
            });
            Fulfilment {
                requested: true,
                tier: tier_name,
                fee: None,
            }
        }
    }
}

const CM_PER_INCH: Decimal = Decimal::from_parts(254, 0, 0, false, 2);
const GRAMS_PER_OUNCE: Decimal = Decimal::from_parts(28_349_523, 0, 0, false, 6);

/// The first tier of `table` the package fits (sides sorted longest first).
pub fn classify_fba<'a>(table: &'a FbaTableRow, package: &Package) -> Option<&'a FbaTier> {
    let to_unit = |cm: Decimal| match table.length_unit {
        LengthUnit::Cm => cm,
        LengthUnit::In => cm / CM_PER_INCH,
    };
    let weight = match table.weight_unit {
        WeightUnit::G => package.weight_g,
        WeightUnit::Oz => package.weight_g / GRAMS_PER_OUNCE,
    };
    let mut sides = [
        to_unit(package.length_cm),
        to_unit(package.width_cm),
        to_unit(package.height_cm),
    ];
    sides.sort_by(|a, b| b.cmp(a));
    let side_sum: Decimal = sides.iter().copied().sum();
    table.tiers.iter().find(|tier| {
        let sides_fit = tier.max_sides.is_none_or(|max| {
            let mut max = max;
            max.sort_by(|a, b| b.cmp(a));
            sides
                .iter()
                .zip(max.iter())
                .all(|(side, limit)| side <= limit)
        });
        sides_fit
            && tier.max_side_sum.is_none_or(|max| side_sum <= max)
            && tier.max_weight.is_none_or(|max| weight <= max)
    })
}

/// Monthly storage: `rate × volume/1,000 cm³ × days/days in month`, with its explanation.
pub fn storage_fee(
    row: &Dated<StorageRow>,
    volume_cm3: Decimal,
    days: u32,
    days_in_month: u32,
) -> Result<(Decimal, Explanation), CostError> {
    if days_in_month == 0 || days > days_in_month {
        return Err(invalid(
            "days",
            format!("{days} days stored in a {days_in_month}-day month"),
        ));
    }
    let thousands = volume_cm3 / Decimal::ONE_THOUSAND;
    let fee =
        row.row.rate_per_1000_cm3 * thousands * Decimal::from(days) / Decimal::from(days_in_month);
    let explanation = Explanation::new(
        "Monthly storage fee",
        format!(
            "{} × ({} cm³ ÷ 1,000) × ({days} ÷ {days_in_month}) = {}",
            row.row.rate_per_1000_cm3.normalize(),
            g(volume_cm3),
            g(fee.round_dp(6))
        ),
    )
    .amount(fee)
    .rule(format!("storage rate for {}", row.row.size_group), row);
    Ok((fee, explanation))
}

/// Which selling plan is cheaper.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum PlanKind {
    Individual,
    Professional,
}

/// Professional (monthly) vs Individual (per unit) for a monthly volume.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PlanComparison {
    pub currency: Currency,
    pub monthly_units: u64,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub individual: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub professional: Decimal,
    /// Professional only when strictly cheaper; on a tie Individual (no monthly commitment).
    pub cheaper: PlanKind,
    /// The smallest monthly volume at which Professional costs no more than Individual.
    pub break_even_units: u64,
    pub explain: Vec<Explanation>,
}

/// Compares the two selling plans of `marketplace` on `as_of` for `monthly_units` units a month.
pub fn selling_plan_comparison(
    packs: &Packs,
    marketplace: &str,
    as_of: NaiveDate,
    monthly_units: u64,
) -> Result<PlanComparison, CostError> {
    let pack = packs
        .marketplace(marketplace)
        .ok_or_else(|| CostError::UnknownMarketplace(marketplace.to_string()))?;
    let row = in_force(&pack.selling_plans, as_of, |_| true).ok_or_else(|| {
        invalid(
            "as_of",
            format!("no selling-plan figures for `{marketplace}` in force on {as_of}"),
        )
    })?;
    let per_unit = row.row.individual_per_unit;
    let monthly = row.row.professional_monthly;
    let individual = per_unit * Decimal::from(monthly_units);
    // Individual costs per_unit × n; Professional costs `monthly`: n ≥ monthly / per_unit.
    let break_even = (monthly / per_unit).ceil();
    let break_even_units = u64::try_from(break_even)
        .map_err(|_| invalid("individual_per_unit", "break-even out of range"))?;
    let cheaper = if monthly < individual {
        PlanKind::Professional
    } else {
        PlanKind::Individual
    };
    let explain = vec![
        Explanation::new(
            "Individual plan",
            format!(
                "{} units × {} = {}",
                monthly_units,
                g(per_unit),
                g(individual)
            ),
        )
        .amount(individual)
        .rule("selling plans", row),
        Explanation::new("Professional plan", format!("{} per month", g(monthly)))
            .amount(monthly)
            .rule("selling plans", row),
        Explanation::new(
            "Break-even volume",
            format!(
                "ceil({} ÷ {} = {}) = {}",
                g(monthly),
                g(per_unit),
                g((monthly / per_unit).round_dp(4)),
                break_even_units
            ),
        )
        .amount(break_even)
        .rule("selling plans", row),
    ];
    Ok(PlanComparison {
        currency: pack.header.currency,
        monthly_units,
        individual,
        professional: monthly,
        cheaper,
        break_even_units,
        explain,
    })
}
