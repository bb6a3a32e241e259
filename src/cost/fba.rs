//! The FBA fulfilment fee from a marketplace's complete fee table (`[[fba_fees]]`): the package's size
//! tier, its shipping weight (unit or dimensional weight, rounded up as the table says), the price
//! band, the fee of the tier × band × weight cell with its per-step increments, and the dated
//! surcharges and discounts. The user's typed fee always comes first.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::{Explanation, Input, Missing, Package, Steps};
use crate::money::{Currency, Rounding};
use crate::packs::{
    AdjustmentKind, Dated, FbaFeeTableRow, FbaTier, LengthUnit, MarketplacePack, MassUnit,
    PriceBand, in_force,
};
use crate::text::{NBSP, Text};

const CM_PER_INCH: Decimal = Decimal::from_parts(254, 0, 0, false, 2);
/// The international avoirdupois ounce and pound, exactly (28.349523125 g, 453.59237 g).
// 28,349,523,125 × 10⁻⁹ = 6 × 2³² + 2,579,719,349 in the low and middle words.
const GRAMS_PER_OUNCE: Decimal = Decimal::from_parts(2_579_719_349, 6, 0, false, 9);
const GRAMS_PER_POUND: Decimal = Decimal::from_parts(45_359_237, 0, 0, false, 5);

/// `grams` expressed in `unit`.
pub(super) fn mass_in(unit: MassUnit, grams: Decimal) -> Decimal {
    grams / grams_per(unit)
}

fn grams_per(unit: MassUnit) -> Decimal {
    match unit {
        MassUnit::G => Decimal::ONE,
        MassUnit::Kg => Decimal::ONE_THOUSAND,
        MassUnit::Oz => GRAMS_PER_OUNCE,
        MassUnit::Lb => GRAMS_PER_POUND,
    }
}

fn unit_name(unit: MassUnit) -> &'static str {
    match unit {
        MassUnit::G => "g",
        MassUnit::Kg => "kg",
        MassUnit::Oz => "oz",
        MassUnit::Lb => "lb",
    }
}

/// The package's sides in `unit`, longest first, or `None` when they are beyond any parcel (their sum
/// would overflow).
pub(super) fn sorted_sides(package: &Package, unit: LengthUnit) -> Option<[Decimal; 3]> {
    let to_unit = |cm: Decimal| match unit {
        LengthUnit::Cm => cm,
        LengthUnit::In => cm / CM_PER_INCH,
    };
    let mut sides = [
        to_unit(package.length_cm),
        to_unit(package.width_cm),
        to_unit(package.height_cm),
    ];
    sides.sort_by(|a, b| b.cmp(a));
    sides
        .iter()
        .try_fold(Decimal::ZERO, |sum, side| sum.checked_add(*side))
        .map(|_| sides)
}

/// The first of `tiers` that sides (longest first) and weight, in the tiers' units, fit.
pub(super) fn fit_tier(
    tiers: &[FbaTier],
    sides: [Decimal; 3],
    weight: Decimal,
) -> Option<&FbaTier> {
    let side_sum: Decimal = sides.iter().sum();
    // Longest side plus girth: twice the sum of the two shorter sides.
    let length_girth = sides[1]
        .checked_add(sides[2])
        .and_then(|shorter| shorter.checked_mul(Decimal::TWO))
        .and_then(|girth| girth.checked_add(sides[0]))?;
    tiers.iter().find(|tier| {
        let sides_fit = tier.max_sides.is_none_or(|mut max| {
            max.sort_by(|a, b| b.cmp(a));
            sides
                .iter()
                .zip(max.iter())
                .all(|(side, limit)| side <= limit)
        });
        sides_fit
            && tier.max_side_sum.is_none_or(|max| side_sum <= max)
            && tier.max_length_girth.is_none_or(|max| length_girth <= max)
            && tier.max_weight.is_none_or(|max| weight <= max)
    })
}

/// The marketplace's main fulfilment fee table in force on `as_of`.
pub(super) fn fee_table(
    pack: &MarketplacePack,
    as_of: NaiveDate,
) -> Option<&Dated<FbaFeeTableRow>> {
    in_force(&pack.fba_fees, as_of, |table| table.table == "fba")
}

/// The price band `price` falls in (`below` exclusive, `up_to` inclusive, the open band last).
fn band_of(bands: &[PriceBand], price: Decimal) -> Option<&PriceBand> {
    bands.iter().find(|band| match (band.below, band.up_to) {
        (Some(below), _) => price < below,
        (None, Some(up_to)) => price <= up_to,
        (None, None) => true,
    })
}

/// The tier a package falls in and the fee the table gives it, or the gap that stops the fee.
pub(super) struct TableFee {
    pub tier: Option<String>,
    pub fee: Option<Decimal>,
}

/// What the table's fee is computed from: the package and the item prices of the sale's lines.
pub(super) struct FeeQuery<'a> {
    pub package: &'a Package,
    pub prices: &'a [Decimal],
    pub as_of: NaiveDate,
    pub currency: Currency,
    pub rounding: Rounding,
}

/// The step that puts `package` in its FBA size tier, citing the table that defines the tiers (the
/// complete fee table, or the older tier-only table).
pub(super) fn size_tier_step<T>(package: &Package, tier: &str, table: &Dated<T>) -> Explanation {
    Explanation::new(
        Text::new("FBA size tier", "Catégorie de taille FBA"),
        Text::by(|l| {
            format!(
                "{} × {} × {} cm, {} g → {tier}",
                l.grouped(package.length_cm),
                l.grouped(package.width_cm),
                l.grouped(package.height_cm),
                l.grouped(package.weight_g),
            )
        }),
    )
    .rule(
        Text::new("FBA size tiers", "catégories de taille FBA"),
        table,
    )
}

/// The fee of `table` for the query's package, each step explained; `None` with a gap when the
/// package fits no tier or the table has no amount for its cell.
pub(super) fn table_fee(
    pack: &MarketplacePack,
    table: &Dated<FbaFeeTableRow>,
    query: &FeeQuery<'_>,
    explain: &mut Steps,
    missing: &mut Vec<Missing>,
) -> TableFee {
    let row = &table.row;
    let weight_unit = unit_name(row.weight_unit);
    let unit_weight = mass_in(row.weight_unit, query.package.weight_g);
    let tier = sorted_sides(query.package, row.length_unit)
        .and_then(|sides| fit_tier(&row.tiers, sides, unit_weight).map(|tier| (tier, sides)));
    let Some((tier, sides)) = tier else {
        missing.push(Missing::new(
            Input::Package,
            "fulfilment.package",
            Text::new(
                "the package fits no size tier of the marketplace's FBA fee table",
                "le colis n’entre dans aucune catégorie de taille de la grille des frais FBA",
            ),
        ));
        return TableFee {
            tier: None,
            fee: None,
        };
    };
    explain.add(|| size_tier_step(query.package, &tier.name, table));
    let weight = shipping_weight(row, &tier.name, sides, unit_weight, explain, table);
    let price = query.prices.first().copied().unwrap_or_default();
    let band = if row.price_bands.is_empty() {
        None
    } else {
        let band = band_of(&row.price_bands, price);
        let spans_bands = query.prices.iter().any(|other| {
            band_of(&row.price_bands, *other).map(|b| &b.name) != band.map(|b| &b.name)
        });
        if spans_bands {
            missing.push(Missing::new(
                Input::FulfilmentFee,
                "fulfilment.fee",
                Text::new(
                    "the lines' prices fall in different price bands of the FBA fee table: quote one band per file or type the fee",
                    "les prix des lignes relèvent de tranches de prix différentes de la grille FBA\u{a0}: une tranche par fichier, ou saisissez les frais",
                ),
            ));
            return TableFee {
                tier: Some(tier.name.clone()),
                fee: None,
            };
        }
        band
    };
    let band_name = band.map(|band| band.name.as_str());
    let cell = row
        .rates
        .iter()
        .filter(|rate| rate.tier == tier.name && rate.band.as_deref() == band_name)
        .find(|rate| rate.weight_up_to.is_none_or(|up_to| weight <= up_to));
    let tier_name = Some(tier.name.clone());
    let Some((cell, base_fee)) = cell.and_then(|cell| cell.fee.map(|fee| (cell, fee))) else {
        let note = table
            .provenance
            .note
            .as_deref()
            .map(|note| format!(" ({note})"))
            .unwrap_or_default();
        let id = &pack.header.id;
        let name = &tier.name;
        missing.push(Missing::new(
            Input::FulfilmentFee,
            "fulfilment.fee",
            Text::new(
                format!(
                    "the FBA fee of tier {name} on `{id}` was not found in any source: type the fee from Amazon's FBA calculator{note}"
                ),
                format!(
                    "les frais FBA de la catégorie {name} sur `{id}` n’ont été trouvés dans aucune source{NBSP}: saisissez le montant du calculateur FBA d’Amazon{note}"
                ),
            ),
        ));
        return TableFee {
            tier: tier_name,
            fee: None,
        };
    };
    let increments = cell
        .step
        .as_ref()
        .filter(|step| weight > step.above)
        .map(|step| {
            let count = ((weight - step.above) / step.every).ceil();
            (step, count, count * step.fee)
        });
    let fee = base_fee + increments.map_or(Decimal::ZERO, |(_, _, extra)| extra);
    explain.add(|| {
        Explanation::new(
            Text::new("FBA fulfilment fee", "Frais d’expédition FBA"),
            Text::by(|l| {
                let mut text = tier.name.clone();
                if let Some(band) = band {
                    text.push_str(&format!(
                        ", {} {}",
                        l.pick("price band", "tranche de prix"),
                        band.name
                    ));
                }
                if let Some(up_to) = cell.weight_up_to {
                    text.push_str(&format!(", ≤ {} {weight_unit}", l.grouped(up_to)));
                }
                text.push_str(&format!(
                    "{}: {}",
                    l.pick("", "\u{a0}"),
                    l.grouped(base_fee)
                ));
                if let Some((step, count, extra)) = increments {
                    text.push_str(&format!(
                        " + {} × {} ({} {} {weight_unit} {} {} {weight_unit}) = {}",
                        l.grouped(count),
                        l.grouped(step.fee),
                        l.pick("per started", "par tranche entamée de"),
                        l.grouped(step.every),
                        l.pick("above", "au-delà de"),
                        l.grouped(step.above),
                        l.grouped(base_fee + extra)
                    ));
                }
                let per_unit = l.pick("per unit", "par unité");
                if row.tax_included {
                    format!(
                        "{text} {per_unit} ({})",
                        l.pick("consumption tax included", "taxe à la consommation incluse")
                    )
                } else {
                    format!("{text} {per_unit}")
                }
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
    let fee = adjusted(pack, query, &tier.name, price, fee, explain);
    TableFee {
        tier: tier_name,
        fee: Some(fee),
    }
}

/// The shipping weight of `tier`, in the table's weight unit: the unit weight, or the greater of it
/// and the dimensional weight, rounded up as the table's rule for the tier says.
fn shipping_weight(
    row: &FbaFeeTableRow,
    tier: &str,
    sides: [Decimal; 3],
    unit_weight: Decimal,
    explain: &mut Steps,
    table: &Dated<FbaFeeTableRow>,
) -> Decimal {
    let Some(rule) = row
        .shipping_weight
        .iter()
        .find(|rule| rule.tiers.iter().any(|name| name == tier))
    else {
        return unit_weight;
    };
    let dimensional = rule.dimensional.as_ref().map(|dim| {
        let min = dim.min_side.unwrap_or_default();
        let volume = sides[0] * sides[1].max(min) * sides[2].max(min);
        let in_per = volume / dim.divisor;
        (
            dim,
            in_per,
            in_per * grams_per(dim.per) / grams_per(row.weight_unit),
        )
    });
    let raw = dimensional.map_or(unit_weight, |(_, _, weight)| unit_weight.max(weight));
    let step = rule
        .rounding
        .iter()
        .find(|rounding| rounding.up_to.is_none_or(|up_to| raw <= up_to))
        .map(|rounding| rounding.step);
    let weight = step.map_or(raw, |step| (raw / step).ceil() * step);
    let unit = unit_name(row.weight_unit);
    explain.add(|| {
        Explanation::new(
            Text::new("FBA shipping weight", "Poids d’expédition FBA"),
            Text::by(|l| {
                let unit_text = format!("{} {unit}", l.figure(unit_weight));
                let compared = match dimensional {
                    Some((dim, in_per, converted)) => format!(
                        "max({unit_text}, {} {} ÷ {} = {} {} = {} {unit})",
                        l.pick("dimensional", "volumétrique"),
                        sides
                            .iter()
                            .map(|side| l.figure(*side))
                            .collect::<Vec<_>>()
                            .join(" × "),
                        l.grouped(dim.divisor),
                        l.figure(in_per),
                        unit_name(dim.per),
                        l.figure(converted)
                    ),
                    None => unit_text,
                };
                match step {
                    Some(step) => format!(
                        "{compared} → {} {} {unit} = {} {unit}",
                        l.pick(
                            "rounded up to a multiple of",
                            "arrondi au multiple supérieur de"
                        ),
                        l.grouped(step),
                        l.grouped(weight)
                    ),
                    None => format!("{compared} = {} {unit}", l.figure(weight)),
                }
            }),
        )
        .amount(weight)
        .rule(
            Text::new("FBA shipping weight", "poids d’expédition FBA"),
            table,
        )
    });
    weight
}

/// The fee after the dated surcharges and discounts that apply to the tier and the price.
fn adjusted(
    pack: &MarketplacePack,
    query: &FeeQuery<'_>,
    tier: &str,
    price: Decimal,
    fee: Decimal,
    explain: &mut Steps,
) -> Decimal {
    let mut fee = fee;
    for adjustment in pack.fba_adjustments.iter().filter(|row| {
        row.in_force(query.as_of)
            && row.row.price_up_to.is_none_or(|limit| price <= limit)
            && (row.row.tiers.is_empty() || row.row.tiers.iter().any(|name| name == tier))
    }) {
        let row = &adjustment.row;
        let change = match (row.rate, row.amount) {
            (Some(rate), _) => query.rounding.apply(rate.apply(fee), query.currency),
            (None, Some(amount)) => amount,
            (None, None) => continue,
        };
        let before = fee;
        fee = match row.kind {
            AdjustmentKind::Surcharge => fee + change,
            // A discount takes the fee to zero at most.
            AdjustmentKind::Discount => (fee - change).max(Decimal::ZERO),
        };
        let after = fee;
        explain.add(|| {
            let (label, sign) = match row.kind {
                AdjustmentKind::Surcharge => (Text::new("FBA surcharge", "Supplément FBA"), "+"),
                AdjustmentKind::Discount => (Text::new("FBA discount", "Remise FBA"), "−"),
            };
            Explanation::new(
                label,
                Text::by(|l| {
                    let limit = row.price_up_to.map_or(String::new(), |limit| {
                        format!(
                            " ({} {} ≤ {})",
                            l.pick("price", "prix"),
                            l.grouped(price),
                            l.grouped(limit)
                        )
                    });
                    format!(
                        "{} {sign} {} = {}{limit}",
                        l.grouped(before),
                        l.grouped(change),
                        l.grouped(after)
                    )
                }),
            )
            .amount(after)
            .rule(
                Text::by(|l| format!("{} {}", l.pick("FBA adjustment", "ajustement FBA"), row.id)),
                adjustment,
            )
        });
    }
    fee
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mass_units_convert_exactly() {
        assert_eq!(
            mass_in(MassUnit::Oz, GRAMS_PER_OUNCE * Decimal::from(16)),
            Decimal::from(16)
        );
        // 16 oz make a pound.
        assert_eq!(GRAMS_PER_OUNCE * Decimal::from(16), GRAMS_PER_POUND);
        assert_eq!(
            mass_in(MassUnit::Kg, Decimal::from(650)),
            Decimal::new(65, 2)
        );
    }

    #[test]
    fn price_bands_split_below_and_up_to() {
        let band = |name: &str, below: Option<i64>, up_to: Option<i64>| PriceBand {
            name: name.into(),
            below: below.map(Decimal::from),
            up_to: up_to.map(Decimal::from),
        };
        let bands = [
            band("under-10", Some(10), None),
            band("10-50", None, Some(50)),
            band("over-50", None, None),
        ];
        let name = |price: i64| band_of(&bands, Decimal::from(price)).map(|b| b.name.as_str());
        assert_eq!(name(9), Some("under-10"));
        assert_eq!(name(10), Some("10-50"));
        assert_eq!(name(50), Some("10-50"));
        assert_eq!(name(51), Some("over-50"));
    }
}
