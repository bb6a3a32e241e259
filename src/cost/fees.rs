//! Marketplace fees: referral (whole-price and portion bands, minimums, points), category closing
//! fees, refund administration, per-order fees, FBA size tiers and fees, storage, selling plans.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{
    CostError, Detail, Explanation, Input, Missing, Steps, fba, invalid, rounding_formula,
};
use crate::money::{Currency, MAX_AMOUNT, Rate, Rounding, RoundingMode, RoundingStep};
use crate::packs::{
    BandBasis, Dated, FbaStatus, FbaTableRow, FbaTier, LowPriceTier, MarketplacePack, MassUnit,
    PackOrigin, Packs, RateBand, ReferralRow, StorageRow, WeightUnit, check_bands, in_force,
};
use crate::text::{Lang, NBSP, Text};

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

/// The formula of [`referral_fee`] with its numbers as a reader of `lang` writes them, `base`
/// written as `base_text`: `(10,000 − 200) × 15% = 1,470`, `5,000 → 3,000 × 12.4% + 2,000 × 8.4% = 540`
/// (`(10 000 − 200) × 15 % = 1 470` in French).
pub fn referral_fee_formula(
    lang: Lang,
    rule: ReferralRule<'_>,
    base: Decimal,
    base_text: &str,
) -> String {
    let base = base.max(Decimal::ZERO);
    let fee = bands_fee(&rule, base);
    let charged = match (low_price_tier(&rule, base), rule.basis) {
        (Some(tier), _) => format!(
            "{base_text} × {} (total ≤ {})",
            tier.rate.written(lang),
            lang.grouped(tier.up_to)
        ),
        (None, BandBasis::Whole) => match whole_band(rule.bands, base) {
            Some(band) => format!("{base_text} × {}", band.rate.written(lang)),
            None => format!("{base_text} × ({})", lang.pick("no band", "aucune tranche")),
        },
        (None, BandBasis::Portion) => {
            let parts: Vec<String> = portion_slices(rule.bands, base)
                .map(|(slice, rate)| format!("{} × {}", lang.grouped(slice), rate.written(lang)))
                .collect();
            format!("{base_text} → {}", parts.join(" + "))
        }
    };
    match rule.minimum.filter(|minimum| fee < *minimum) {
        Some(minimum) => format!(
            "max({charged} = {}, minimum {}) = {}",
            lang.grouped(fee),
            lang.grouped(minimum),
            lang.grouped(minimum)
        ),
        None => format!("{charged} = {}", lang.grouped(fee)),
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
        missing.push(Missing::new(
            Input::RulePack,
            format!("packs/{}.fee_rounding", pack.header.id),
            Text::new(
                format!("no fee rounding rule in force on {as_of}; the currency's minor unit, half-up, is used"),
                format!("aucune règle d’arrondi des frais en vigueur le {as_of}{NBSP}; arrondi au plus proche à la plus petite unité de la devise"),
            ),
        ));
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
            missing.push(Missing::new(
                Input::Category,
                "category",
                match &file.category {
                    Some(category) => {
                        let (id, known) = (&pack.header.id, known_categories(pack));
                        Text::new(
                            format!("no referral rule for category `{category}` on {as_of} in `{id}` (known: {known}); give [referral]"),
                            format!("aucune règle de frais de vente pour la catégorie `{category}` le {as_of} dans `{id}` (catégories connues{NBSP}: {known}){NBSP}; indiquez une règle [referral]"),
                        )
                    }
                    None => Text::new(
                        "give `category` or a [referral] rule",
                        "indiquez `category` ou une règle [referral]",
                    ),
                },
            ));
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

    let fulfilment = fulfilment_fee(pack, file, rounding, &mut explain, &mut missing);
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
            line_missing.push(Missing::new(
                Input::Points,
                format!("lines[{index}].points"),
                Text::new(
                    "this marketplace's rule does not deduct points from the referral base; ignored",
                    "la règle de cette place de marché ne déduit pas les points de la base des frais de vente\u{a0}; ils sont ignorés",
                ),
            ));
        }
        let base = gross - deduct;
        let referral_fee_amount = referral.map(|(rule, row)| {
            let raw = referral_fee(rule, base);
            let fee = rounding.apply(raw, currency);
            line_explain.add(|| {
                let formula = Text::by(|l| {
                    let formula = referral_fee_formula(l, rule, base, &base_text(l, line, deduct));
                    if fee == raw {
                        formula
                    } else {
                        format!("{formula} → {}", rounding_formula(l, &rounding, raw, fee))
                    }
                });
                let step = Explanation::new(
                    Text::new("Referral fee", "Frais de vente (commission)"),
                    formula,
                )
                .amount(fee)
                .input(
                    Text::new("item price", "prix de l’article"),
                    Text::number(line.price),
                )
                .input(
                    Text::new("shipping", "frais de port"),
                    Text::number(line.shipping),
                )
                .input(
                    Text::new("gift wrap", "emballage cadeau"),
                    Text::number(line.gift_wrap),
                )
                .input(
                    Text::new("points deducted", "points déduits"),
                    Text::number(deduct),
                )
                .overridden(row.is_none());
                match row {
                    Some(row) => step.rule(
                        Text::by(|l| {
                            format!(
                                "{}, {}",
                                l.pick("referral fee", "frais de vente (commission)"),
                                row.row.label
                            )
                        }),
                        row,
                    ),
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
                        Text::new("Category closing fee", "Frais de clôture de la catégorie"),
                        Text::by(|l| {
                            format!(
                                "{} {}",
                                l.grouped(row.row.amount),
                                l.pick("per unit", "par unité")
                            )
                        }),
                    )
                    .amount(row.row.amount)
                    .rule(
                        Text::new("category closing fee", "frais de clôture de la catégorie"),
                        row,
                    )
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
                        let step = Explanation::new(
                            Text::new(
                                "Refund administration fee",
                                "Frais de gestion des remboursements",
                            ),
                            Text::by(|l| {
                                let cap_text = cap.map_or(String::new(), |cap| {
                                    format!(
                                        ", {} {}",
                                        l.pick("capped at", "plafonné à"),
                                        l.grouped(cap)
                                    )
                                });
                                format!(
                                    "{} × {} = {}{cap_text} → {}",
                                    l.grouped(referral_fee),
                                    rate.written(l),
                                    l.grouped(raw),
                                    l.grouped(fee)
                                )
                            }),
                        )
                        .amount(fee)
                        .overridden(row.is_none());
                        match row {
                            Some(row) => step.rule(
                                Text::new(
                                    "refund administration fee",
                                    "frais de gestion des remboursements",
                                ),
                                row,
                            ),
                            None => step,
                        }
                    });
                    line_explain.add(|| {
                        Explanation::new(
                            Text::new(
                                "Referral fee given back",
                                "Frais de vente (commission) restitués",
                            ),
                            Text::by(|l| {
                                format!(
                                    "{} ({})",
                                    l.grouped(referral_fee),
                                    l.pick(
                                        "refunded with the item",
                                        "restitués avec le remboursement de l’article"
                                    )
                                )
                            }),
                        )
                        .amount(referral_fee)
                    });
                    fee
                }
                (None, _) => {
                    complete = false;
                    let id = &pack.header.id;
                    line_missing.push(Missing::new(
                        Input::RefundAdministration,
                        "refund_administration",
                        Text::new(
                            format!("no refund administration rule in `{id}` on {as_of}: give [refund_administration]"),
                            format!("aucune règle de frais de gestion des remboursements dans `{id}` le {as_of}{NBSP}: indiquez [refund_administration]"),
                        ),
                    ));
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
                    Explanation::new(
                        Text::new("Per-order fee", "Frais par commande"),
                        Text::by(|l| {
                            let total = l.pick("order total", "total de la commande");
                            let limit = band.up_to.map_or(
                                l.pick("open band", "tranche sans plafond").to_string(),
                                |limit| format!("{total} ≤ {}", l.grouped(limit)),
                            );
                            format!(
                                "{total} {} ({limit}){}: {}",
                                l.grouped(gross),
                                l.pick("", "\u{a0}"),
                                l.grouped(band.amount)
                            )
                        }),
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
                .any(|gap| gap.input.input != Input::Points)
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
fn base_text(lang: Lang, line: &SaleLine, deducted: Decimal) -> String {
    let mut parts = vec![lang.grouped(line.price)];
    for extra in [line.shipping, line.gift_wrap] {
        if !extra.is_zero() {
            parts.push(format!("+ {}", lang.grouped(extra)));
        }
    }
    if !deducted.is_zero() {
        parts.push(format!("− {}", lang.grouped(deducted)));
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

/// Resolves the per-unit FBA fee: the user's figure, else the marketplace's complete fee table
/// (`[[fba_fees]]`), else the fee of the tier in the older `[[fba]]` table.
fn fulfilment_fee(
    pack: &MarketplacePack,
    file: &SalesFile,
    rounding: Rounding,
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
    let legacy = in_force(&pack.fba, file.as_of, |_| true);
    // A user's own `[[fba]]` table is their figure: it comes before the bundled fee table.
    let users_table = legacy.is_some_and(|table| table.provenance.origin == PackOrigin::User);
    let complete = fba::fee_table(pack, file.as_of).filter(|_| !users_table);
    if let (Some(table), Some(package)) = (complete, &input.package) {
        let prices: Vec<Decimal> = file.lines.iter().map(|line| line.price).collect();
        let query = fba::FeeQuery {
            package,
            prices: &prices,
            as_of: file.as_of,
            currency: pack.header.currency,
            rounding,
        };
        // With the user's own fee the tier is only told: a gap in the table is no gap.
        let (mut table_explain, mut table_missing) = (explain.sibling(), Vec::new());
        let found = fba::table_fee(pack, table, &query, &mut table_explain, &mut table_missing);
        if let Some(fee) = input.fee {
            // The size tier step only: the table's fee is not the one used.
            for step in table_explain.into_vec().into_iter().take(1) {
                explain.add(|| step);
            }
            user_fee_step(explain, fee);
            return Fulfilment {
                requested: true,
                tier: found.tier,
                fee: Some(fee),
            };
        }
        explain.extend(table_explain);
        missing.extend(table_missing);
        return Fulfilment {
            requested: true,
            tier: found.tier,
            fee: found.fee,
        };
    }
    let table = legacy;
    let tier = match (input.package, table) {
        (Some(package), Some(table)) => match classify_fba(&table.row, &package) {
            Some(tier) => {
                explain.add(|| fba::size_tier_step(&package, &tier.name, table));
                Some(tier)
            }
            // With the user's own fee, the tier is only told: not finding it is no gap.
            None if input.fee.is_some() => None,
            None => {
                missing.push(Missing::new(
                    Input::Package,
                    "fulfilment.package",
                    Text::new(
                        "the package fits no size tier of the pack's FBA table",
                        "le colis n’entre dans aucune catégorie de taille de la grille FBA du pack",
                    ),
                ));
                None
            }
        },
        (Some(_), None) if input.fee.is_some() => None,
        (Some(_), None) => {
            let (as_of, id, name) = (file.as_of, &pack.header.id, &pack.header.name);
            missing.push(Missing::new(
                Input::RulePack,
                format!("packs/{id}.fba"),
                Text::new(
                    format!("no FBA table in force on {as_of} in the rules for {name}"),
                    format!(
                        "aucune grille FBA en vigueur le {} dans les règles pour {name}",
                        as_of.format("%d/%m/%Y")
                    ),
                ),
            ));
            None
        }
        (None, _) => None,
    };
    let tier_name = tier.map(|tier| tier.name.clone());
    if let Some(fee) = input.fee {
        user_fee_step(explain, fee);
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
                    Text::new("FBA fulfilment fee", "Frais d’expédition FBA"),
                    Text::by(|l| {
                        format!(
                            "{}{}: {} {}",
                            tier_name.as_deref().unwrap_or_default(),
                            l.pick("", "\u{a0}"),
                            l.grouped(fee),
                            l.pick("per unit", "par unité")
                        )
                    }),
                )
                .amount(fee)
                .rule(
                    Text::new(
                        "FBA fulfilment fee table",
                        "grille des frais d’expédition FBA",
                    ),
                    table,
                )
            });
            Fulfilment {
                requested: true,
                tier: tier_name,
                fee: Some(fee),
            }
        }
        (_, table) => {
            let why = match table {
                Some(table) if table.row.status == FbaStatus::UserEntered => {
                    let id = &pack.header.id;
                    let note = table
                        .provenance
                        .note
                        .as_deref()
                        .map(|note| format!(" ({note})"))
                        .unwrap_or_default();
                    Text::new(
                        format!(
                            "the current FBA fees for `{id}` were not found in any source: type the fee from Amazon's FBA calculator as `fulfilment.fee`{note}"
                        ),
                        format!(
                            "les frais FBA en vigueur pour `{id}` n’ont été trouvés dans aucune source{NBSP}: saisissez le montant du calculateur FBA d’Amazon dans `fulfilment.fee`{note}"
                        ),
                    )
                }
                _ => Text::new(
                    "give the package or the fee (`fulfilment.fee`)",
                    "indiquez le colis ou le montant des frais (`fulfilment.fee`)",
                ),
            };
            missing.push(Missing::new(Input::FulfilmentFee, "fulfilment.fee", why));
            Fulfilment {
                requested: true,
                tier: tier_name,
                fee: None,
            }
        }
    }
}

/// The step of a fee typed by the user.
fn user_fee_step(explain: &mut Steps, fee: Decimal) {
    explain.add(|| {
        Explanation::new(
            Text::new("FBA fulfilment fee", "Frais d’expédition FBA"),
            Text::by(|l| {
                format!(
                    "{} {}",
                    l.grouped(fee),
                    l.pick(
                        "per unit, entered by the user",
                        "par unité, saisi par l’utilisateur"
                    )
                )
            }),
        )
        .amount(fee)
        .overridden(true)
    });
}

/// The first tier of `table` the package fits (sides sorted longest first).
pub fn classify_fba<'a>(table: &'a FbaTableRow, package: &Package) -> Option<&'a FbaTier> {
    let weight = match table.weight_unit {
        WeightUnit::G => package.weight_g,
        WeightUnit::Oz => fba::mass_in(MassUnit::Oz, package.weight_g),
    };
    let sides = fba::sorted_sides(package, table.length_unit)?;
    fba::fit_tier(&table.tiers, sides, weight)
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
        Text::new("Monthly storage fee", "Frais de stockage mensuels"),
        Text::by(|l| {
            format!(
                "{} × ({} cm³ ÷ {}) × ({days} ÷ {days_in_month}) = {}",
                l.grouped(row.row.rate_per_1000_cm3),
                l.grouped(volume_cm3),
                l.grouped(Decimal::ONE_THOUSAND),
                l.figure(fee)
            )
        }),
    )
    .amount(fee)
    .rule(
        Text::by(|l| {
            format!(
                "{} {}",
                l.pick("storage rate for", "tarif de stockage pour"),
                row.row.size_group
            )
        }),
        row,
    );
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
    let plans = || Text::new("selling plans", "abonnements vendeur");
    let explain = vec![
        Explanation::new(
            Text::new("Individual plan", "Abonnement Individuel"),
            Text::by(|l| {
                format!(
                    "{monthly_units} {} × {} = {}",
                    l.pick("units", "unités"),
                    l.grouped(per_unit),
                    l.grouped(individual)
                )
            }),
        )
        .amount(individual)
        .rule(plans(), row),
        Explanation::new(
            Text::new("Professional plan", "Abonnement Professionnel"),
            Text::by(|l| format!("{} {}", l.grouped(monthly), l.pick("per month", "par mois"))),
        )
        .amount(monthly)
        .rule(plans(), row),
        Explanation::new(
            Text::new("Break-even volume", "Volume du point mort"),
            Text::by(|l| {
                format!(
                    "{}({} ÷ {} = {}) = {break_even_units}",
                    l.pick("ceil", "plafond"),
                    l.grouped(monthly),
                    l.grouped(per_unit),
                    l.figure(monthly / per_unit)
                )
            }),
        )
        .amount(break_even)
        .rule(plans(), row),
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
