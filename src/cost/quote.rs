//! Unit economics of every product × target of a plan: price, marketplace fees, fulfilment, selling
//! plan, landed cost, FX and margin, each figure explained (or numbers only for a whole catalogue).
//!
//! Assumptions, stated in each result's explanations: the displayed price includes the destination's
//! standard consumption tax / VAT (none in the US), which the seller remits; import consumption tax /
//! VAT is recoverable by a registered importer, so it is shown but not deducted from the margin; stock
//! is imported as one commercial consignment per month (`monthly_units`).

use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{
    CUSTOMS_FEE_CODES, Consignment, Declaration, DeclarationLine, Detail, Explanation,
    FulfilmentInput, Input, Missing, Package, SaleLine, SalesFile, Steps, TaxAmount, TaxRateChoice,
    convert_explained, landed_cost_with, marketplace_fees_with, no_rate, out_of_range,
    selling_plan_comparison, unsupported_currency,
};
use crate::money::{Currency, FxRate, MAX_AMOUNT, Money, Rate, checked_product, checked_ratio};
use crate::packs::{Packs, in_force};
use crate::plan::{Amount, Fulfilment, Marketplace, Plan, Product, ProductFlag, Target};
use crate::text::{NBSP, Text};

/// The unit economics of one product on one target marketplace, in the marketplace's currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UnitEconomics {
    pub sku: String,
    pub marketplace: Marketplace,
    pub currency: Currency,
    /// As displayed to the buyer.
    #[serde(with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub price: Option<Decimal>,
    /// Price without the destination's consumption tax / VAT.
    #[serde(with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub net_price: Option<Decimal>,
    #[serde(with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub referral_fee: Option<Decimal>,
    #[serde(with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub closing_fee: Option<Decimal>,
    #[serde(with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub fulfilment_fee: Option<Decimal>,
    /// The cheaper selling plan's cost per unit at the target's monthly volume.
    #[serde(with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub selling_plan: Option<Decimal>,
    #[serde(with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub unit_cost: Option<Decimal>,
    /// Freight and insurance per unit.
    #[serde(with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub freight: Option<Decimal>,
    /// Duty and customs fees (US MPF) per unit.
    #[serde(with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub duty: Option<Decimal>,
    /// Import consumption tax / VAT per unit (recoverable; not in the margin).
    #[serde(with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub import_taxes: Option<Decimal>,
    /// Unit cost + freight + duty and customs fees.
    #[serde(with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub landed_cost: Option<Decimal>,
    /// Net price − fees − selling plan − landed cost.
    #[serde(with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub margin: Option<Decimal>,
    /// Margin in the plan's home currency.
    pub margin_home: Option<Money>,
    /// Margin ÷ net price, as a fraction (0.25 = 25%).
    #[serde(with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub margin_rate: Option<Decimal>,
    /// The exchange rates used.
    pub fx: Vec<FxRate>,
    pub explain: Vec<Explanation>,
    pub missing: Vec<Missing>,
}

/// A quote of the whole plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Quote {
    pub plan: String,
    #[ts(type = "string")]
    pub as_of: NaiveDate,
    pub items: Vec<UnitEconomics>,
}

/// Quotes every product × target of `plan`, collecting the results.
pub fn quote(plan: &Plan, packs: &Packs, rates: &[FxRate], detail: Detail) -> Quote {
    let mut items = Vec::with_capacity(plan.products.len() * plan.targets.len());
    quote_each(plan, packs, rates, detail, |item| items.push(item));
    Quote {
        plan: plan.plan.name.clone(),
        as_of: plan.plan.as_of,
        items,
    }
}

/// Figures the user typed for one product × target, used instead of the packs' (the FBA fee from
/// Amazon's calculator, a duty rate from the tariff or a binding ruling, a customs fee per entry).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuoteOverrides {
    pub fulfilment_fee: Option<Decimal>,
    pub duty_rate: Option<Rate>,
    /// Per import consignment, in the marketplace's currency.
    pub customs_fee: Option<Decimal>,
}

/// Quotes one product × target with the user's overrides (the channel comparison's entry point).
pub fn quote_product(
    plan: &Plan,
    product: &Product,
    target: &Target,
    packs: &Packs,
    rates: &[FxRate],
    detail: Detail,
    overrides: &QuoteOverrides,
) -> UnitEconomics {
    let terms = target_terms(packs, target, plan.plan.as_of);
    quote_one(
        plan, product, target, &terms, packs, rates, detail, overrides,
    )
}

/// Quotes every product × target of `plan` and hands each result to `sink` as soon as it is computed,
/// so a catalogue of any size runs in constant memory.
pub fn quote_each(
    plan: &Plan,
    packs: &Packs,
    rates: &[FxRate],
    detail: Detail,
    mut sink: impl FnMut(UnitEconomics),
) {
    let terms: Vec<TargetTerms> = plan
        .targets
        .iter()
        .map(|target| target_terms(packs, target, plan.plan.as_of))
        .collect();
    for product in &plan.products {
        for (target, terms) in plan.targets.iter().zip(&terms) {
            sink(quote_one(
                plan,
                product,
                target,
                terms,
                packs,
                rates,
                detail,
                &QuoteOverrides::default(),
            ));
        }
    }
}

/// What a target contributes to every product's quote, computed once per target.
struct TargetTerms {
    /// The cheaper plan's monthly cost, the two plan costs and the volume, or why it is unknown.
    selling_plan: Result<PlanTerms, (Input, &'static str, Text)>,
    /// Standard consumption tax / VAT included in displayed prices (0 for the US).
    output_tax_rate: Decimal,
    /// The rate for food (the pack's reduced rate: 8% in Japan), included in a food product's price.
    food_tax_rate: Decimal,
}

struct PlanTerms {
    per_unit: Decimal,
    individual: Decimal,
    professional: Decimal,
    units: u32,
}

fn target_terms(packs: &Packs, target: &Target, as_of: NaiveDate) -> TargetTerms {
    let selling_plan = match target.monthly_units.filter(|units| *units > 0) {
        None => Err((
            Input::MonthlyUnits,
            "monthly_units",
            Text::new(
                "no monthly_units on the target: the selling-plan cost per unit needs the volume",
                "monthly_units manquant sur la cible\u{a0}: le coût de l’abonnement vendeur par unité dépend du volume",
            ),
        )),
        Some(units) => {
            selling_plan_comparison(packs, target.marketplace.id(), as_of, u64::from(units))
                .map(|comparison| PlanTerms {
                    per_unit: comparison.individual.min(comparison.professional)
                        / Decimal::from(units),
                    individual: comparison.individual,
                    professional: comparison.professional,
                    units,
                })
                .map_err(|error| {
                    (
                        Input::RulePack,
                        "selling_plan",
                        Text::same(error.to_string()),
                    )
                })
        }
    };
    TargetTerms {
        selling_plan,
        output_tax_rate: output_tax_rate(packs, target.marketplace, as_of),
        food_tax_rate: tax_rate_of(packs, target.marketplace, as_of, TaxRateChoice::Reduced),
    }
}

/// Whether the customs of `marketplace`'s destination charge a fee per entry (the US Merchandise
/// Processing Fee): only there does a plan's typed customs fee count.
pub fn charges_customs_fee(packs: &Packs, marketplace: Marketplace) -> bool {
    packs
        .customs_for(destination(marketplace))
        .is_some_and(|pack| {
            pack.fees
                .iter()
                .any(|row| CUSTOMS_FEE_CODES.contains(&row.row.code.as_str()))
        })
}

/// The destination's standard consumption tax / VAT rate plus the taxes derived from it (Japan's
/// local tax): 10% for Japan, 0 for the US.
pub fn output_tax_rate(packs: &Packs, marketplace: Marketplace, as_of: NaiveDate) -> Decimal {
    tax_rate_of(packs, marketplace, as_of, TaxRateChoice::Standard)
}

/// The destination's standard or reduced rate (the standard one where the pack gives no reduced
/// rate) plus the taxes derived from it: 8% for food in Japan (6.24% + 1.76%).
fn tax_rate_of(
    packs: &Packs,
    marketplace: Marketplace,
    as_of: NaiveDate,
    choice: TaxRateChoice,
) -> Decimal {
    let country = destination(marketplace);
    let Some(pack) = packs.customs_for(country) else {
        return Decimal::ZERO;
    };
    let mut rate = Decimal::ZERO;
    for row in pack
        .tax_rates
        .iter()
        .filter(|row| row.row.country == country && row.in_force(as_of))
    {
        let base = match (choice, row.row.reduced.as_ref()) {
            (TaxRateChoice::Reduced, Some(reduced)) => reduced.as_fraction(),
            _ => row.row.standard.as_fraction(),
        };
        rate += base;
        if let Some(derived) = in_force(&pack.derived_taxes, as_of, |derived| {
            derived.of == row.row.code
        }) {
            rate += derived.row.ratio.apply(base);
        }
    }
    rate
}

/// The tax rate a product is sold and imported at: food (not alcohol) at the reduced rate.
fn tax_choice(product: &Product) -> TaxRateChoice {
    if product.flags.contains(&ProductFlag::Food) && !product.flags.contains(&ProductFlag::Alcohol)
    {
        TaxRateChoice::Reduced
    } else {
        TaxRateChoice::Standard
    }
}

/// The customs destination of a marketplace's buyers.
fn destination(marketplace: Marketplace) -> &'static str {
    match marketplace {
        Marketplace::AmazonJp => "JP",
        Marketplace::AmazonUs => "US",
        Marketplace::AmazonDe => "DE",
        Marketplace::AmazonFr => "FR",
        Marketplace::AmazonUk => "UK",
    }
}

/// One product × target.
struct Item<'a> {
    sku: &'a str,
    marketplace: Marketplace,
    currency: Currency,
    as_of: NaiveDate,
    rates: &'a [FxRate],
    overrides: QuoteOverrides,
    fx: Vec<FxRate>,
    explain: Steps,
    missing: Vec<Missing>,
}

impl Item<'_> {
    /// An amount of the plan in the item's currency, converted with a rate from `rates` if needed.
    fn amount(&mut self, amount: &Amount, input: Input, field: &str) -> Option<Decimal> {
        let Ok(from) = Currency::from_str(amount.currency.as_str()) else {
            let currency = &amount.currency;
            self.gap(input, field, unsupported_currency(currency.as_str()));
            return None;
        };
        if amount.amount.is_sign_negative() || amount.amount > MAX_AMOUNT {
            self.gap(input, field, out_of_range());
            return None;
        }
        self.convert(Money::new(amount.amount, from), self.currency, field)
    }

    fn convert(&mut self, money: Money, to: Currency, field: &str) -> Option<Decimal> {
        if money.currency == to {
            return Some(money.amount);
        }
        let Some(converted) =
            convert_explained(self.rates, money, to, &field_name(field), &mut self.explain)
        else {
            let from = money.currency;
            self.gap(Input::FxRate, field, no_rate(from, to));
            return None;
        };
        if !self.fx.contains(&converted.rate) {
            self.fx.push(converted.rate.clone());
        }
        Some(converted.converted.amount)
    }

    fn gap(&mut self, input: Input, field: &str, message: Text) {
        self.missing.push(
            Missing::new(input, format!("{}: {field}", self.marketplace), message)
                .for_product(self.sku, self.marketplace),
        );
    }
}

/// A margin over a price so small that the ratio is beyond any number (a price of 10^-28).
pub(crate) fn price_too_small() -> Text {
    Text::new(
        "price too small to compute a margin",
        "prix trop petit pour calculer une marge",
    )
}

/// A figure whose computation would leave `Decimal`'s range (sizes or volumes far beyond any real
/// consignment).
pub(crate) fn too_large_to_compute() -> Text {
    Text::new(
        "too large to compute: check the amounts and volumes",
        "trop grand pour être calculé\u{a0}: vérifiez les montants et les volumes",
    )
}

/// A converted figure as named in its step (`price in JPY`, `prix en JPY`): the English keeps the
/// plan's field name, which the channel comparison matches on (`margin in …`).
fn field_name(field: &str) -> Text {
    let french = match field {
        "price" => "prix",
        "unit_cost" => "coût d’achat unitaire",
        "freight" => "transport",
        "insurance" => "assurance",
        "margin" => "marge",
        "overrides.fulfilment_fee" => "frais FBA saisis",
        _ => field,
    };
    Text::new(field, french)
}

/// `field: message`, with the French space before the colon.
fn nested(field: &str, message: &Text) -> Text {
    Text::by(|l| format!("{field}{}: {}", l.pick("", "\u{a0}"), message.get(l)))
}

#[allow(
    clippy::too_many_arguments,
    reason = "the per-target terms and the user's overrides are computed by the two callers"
)]
fn quote_one(
    plan: &Plan,
    product: &Product,
    target: &Target,
    terms: &TargetTerms,
    packs: &Packs,
    rates: &[FxRate],
    detail: Detail,
    overrides: &QuoteOverrides,
) -> UnitEconomics {
    let marketplace = target.marketplace;
    let as_of = plan.plan.as_of;
    let Some(pack) = packs.marketplace(marketplace.id()) else {
        return UnitEconomics::empty(
            product,
            marketplace,
            Currency::EUR,
            vec![Missing::new(
                Input::RulePack,
                marketplace.id(),
                Text::new("no marketplace pack", "aucun pack de place de marché"),
            )],
        );
    };
    let mut item = Item {
        sku: &product.sku,
        marketplace,
        currency: pack.header.currency,
        as_of,
        rates,
        overrides: overrides.clone(),
        fx: Vec::new(),
        explain: Steps::new(detail),
        missing: Vec::new(),
    };
    // The caller's figures (a channel's) first, then those typed on the product for this marketplace.
    if let Some(typed) = product
        .overrides
        .iter()
        .find(|entry| entry.marketplace == marketplace)
    {
        if item.overrides.fulfilment_fee.is_none() {
            item.overrides.fulfilment_fee = typed
                .fulfilment_fee
                .as_ref()
                .and_then(|fee| item.amount(fee, Input::FulfilmentFee, "overrides.fulfilment_fee"));
        }
        item.overrides.duty_rate = item.overrides.duty_rate.or(typed.duty_rate);
    }
    if item.overrides.customs_fee.is_none() {
        item.overrides.customs_fee = target
            .customs_fee
            .as_ref()
            .and_then(|fee| item.amount(fee, Input::CustomsFee, "customs_fee"));
    }

    let price = product
        .prices
        .iter()
        .find(|price| price.marketplace == marketplace)
        .and_then(|price| item.amount(&price.price, Input::Price, "price"));
    if price.is_none() && !product.prices.iter().any(|p| p.marketplace == marketplace) {
        item.gap(
            Input::Price,
            "price",
            Text::new(
                format!("no [[products.prices]] for {marketplace}"),
                format!("aucun [[products.prices]] pour {marketplace}"),
            ),
        );
    }
    let units = target.monthly_units.filter(|units| *units > 0);

    let fees = price
        .and_then(|price| marketplace_fees_for(product, target, price, packs, &mut item, detail));
    let (referral_fee, closing_fee, fulfilment_fee) = fees.unwrap_or((None, None, None));
    let selling_plan = selling_plan_per_unit(terms, &mut item);

    let unit_cost = product
        .unit_cost
        .as_ref()
        .and_then(|cost| item.amount(cost, Input::UnitCost, "unit_cost"));
    if product.unit_cost.is_none() {
        item.gap(
            Input::UnitCost,
            "unit_cost",
            Text::new(
                "no unit_cost: landed cost and margin cannot be computed",
                "unit_cost manquant\u{a0}: le coût rendu et la marge ne peuvent pas être calculés",
            ),
        );
    }
    let freight = freight_per_unit(product, marketplace, &mut item);
    let (duty, import_taxes) = match (unit_cost, freight) {
        (Some(cost), Some(freight)) => duty_per_unit(
            product,
            marketplace,
            cost + freight,
            units,
            packs,
            &mut item,
            detail,
        ),
        _ => (None, None),
    };
    let landed_cost = match (unit_cost, freight, duty) {
        (Some(cost), Some(freight), Some(duty)) => Some(cost + freight + duty),
        _ => None,
    };
    let output_rate = match tax_choice(product) {
        TaxRateChoice::Reduced => terms.food_tax_rate,
        _ => terms.output_tax_rate,
    };
    let net_price = price.map(|price| net_of_tax(price, output_rate, &mut item));
    let margin = match (
        net_price,
        referral_fee,
        closing_fee,
        fulfilment_fee,
        selling_plan,
        landed_cost,
    ) {
        (
            Some(net),
            Some(referral),
            Some(closing),
            Some(fulfilment),
            Some(plan_fee),
            Some(landed),
        ) => {
            let margin = net - referral - closing - fulfilment - plan_fee - landed;
            item.explain.add(|| {
                Explanation::new(
                    Text::new("Margin per unit", "Marge par unité"),
                    Text::by(|l| {
                        let [referral_word, closing_word, fulfilment_word, plan_word, landed_word] =
                            l.pick(
                                ["referral", "closing", "fulfilment", "selling plan", "landed cost"],
                                ["commission", "clôture", "expédition", "abonnement", "coût rendu"],
                            );
                        format!(
                            "{} − {referral_word} {} − {closing_word} {} − {fulfilment_word} {} − {plan_word} {} − {landed_word} {} = {}",
                            l.figure(net),
                            l.figure(referral),
                            l.figure(closing),
                            l.figure(fulfilment),
                            l.figure(plan_fee),
                            l.figure(landed),
                            l.figure(margin)
                        )
                    }),
                )
                .amount(margin)
            });
            Some(margin)
        }
        _ => None,
    };
    let margin_rate = match (margin, net_price) {
        (Some(margin), Some(net)) if !net.is_zero() => match checked_ratio(margin, net) {
            Ok(rate) => Some(rate),
            Err(_) => {
                item.gap(Input::Price, "margin_rate", price_too_small());
                None
            }
        },
        _ => None,
    };
    let margin_home = margin.and_then(|margin| {
        let home = Currency::from_str(plan.plan.home_currency.as_str()).ok()?;
        let currency = item.currency;
        item.convert(Money::new(margin, currency), home, "margin")
            .map(|amount| Money::new(amount, home))
    });
    UnitEconomics {
        sku: product.sku.clone(),
        marketplace,
        currency: item.currency,
        price,
        net_price,
        referral_fee,
        closing_fee,
        fulfilment_fee,
        selling_plan,
        unit_cost,
        freight,
        duty,
        import_taxes,
        landed_cost,
        margin,
        margin_home,
        margin_rate,
        fx: item.fx,
        explain: item.explain.into_vec(),
        missing: item.missing,
    }
}

impl UnitEconomics {
    fn empty(
        product: &Product,
        marketplace: Marketplace,
        currency: Currency,
        missing: Vec<Missing>,
    ) -> Self {
        UnitEconomics {
            sku: product.sku.clone(),
            marketplace,
            currency,
            price: None,
            net_price: None,
            referral_fee: None,
            closing_fee: None,
            fulfilment_fee: None,
            selling_plan: None,
            unit_cost: None,
            freight: None,
            duty: None,
            import_taxes: None,
            landed_cost: None,
            margin: None,
            margin_home: None,
            margin_rate: None,
            fx: Vec::new(),
            explain: Vec::new(),
            missing,
        }
    }
}

type Fees = (Option<Decimal>, Option<Decimal>, Option<Decimal>);

/// Referral, closing and fulfilment fees for one unit at `price`.
fn marketplace_fees_for(
    product: &Product,
    target: &Target,
    price: Decimal,
    packs: &Packs,
    item: &mut Item<'_>,
    detail: Detail,
) -> Option<Fees> {
    let fulfilment = match target.fulfilment {
        Fulfilment::Fba => Some(FulfilmentInput {
            package: product.package.as_ref().map(|package| Package {
                length_cm: package.length_cm,
                width_cm: package.width_cm,
                height_cm: package.height_cm,
                weight_g: package.weight_g,
            }),
            fee: item.overrides.fulfilment_fee,
        }),
        Fulfilment::Mfn | Fulfilment::Local3pl => None,
    };
    let file = SalesFile {
        marketplace: item.marketplace.id().to_string(),
        as_of: item.as_of,
        category: product.category_on(item.marketplace).map(str::to_owned),
        referral: None,
        per_order_fee: None,
        refund_administration: None,
        fulfilment,
        lines: vec![SaleLine {
            price,
            shipping: Decimal::ZERO,
            gift_wrap: Decimal::ZERO,
            points: Decimal::ZERO,
            refunded: false,
        }],
    };
    let report = match marketplace_fees_with(&file, packs, detail) {
        Ok(report) => report,
        Err(error) => {
            item.gap(Input::RulePack, "fees", Text::same(error.to_string()));
            return None;
        }
    };
    let missing_prefix = item.marketplace.id();
    for gap in report.missing {
        item.missing.push(
            Missing {
                field: format!("{missing_prefix}: {}", gap.field),
                ..gap
            }
            .for_product(item.sku, item.marketplace),
        );
    }
    let line = report.lines.into_iter().next()?;
    for gap in line.missing {
        item.missing
            .push(gap.for_product(item.sku, item.marketplace));
    }
    if detail == Detail::Explained {
        for step in report.explain.into_iter().chain(line.explain) {
            item.explain.add(|| step);
        }
    }
    let fulfilment_fee = match target.fulfilment {
        Fulfilment::Fba => line.fulfilment_fee,
        Fulfilment::Mfn | Fulfilment::Local3pl => {
            let fulfilment = target.fulfilment.id();
            item.gap(
                Input::Fulfilment,
                "fulfilment",
                Text::new(
                    format!("{fulfilment} fulfilment costs are not modelled: count them as zero only if that is true"),
                    format!("les coûts d’expédition {fulfilment} ne sont pas modélisés{NBSP}: ne les comptez à zéro que si c’est bien le cas"),
                ),
            );
            None
        }
    };
    Some((line.referral_fee, Some(line.closing_fee), fulfilment_fee))
}

/// The cheaper selling plan's cost per unit at the monthly volume.
fn selling_plan_per_unit(terms: &TargetTerms, item: &mut Item<'_>) -> Option<Decimal> {
    match &terms.selling_plan {
        Ok(plan) => {
            item.explain.add(|| {
                Explanation::new(
                    Text::new("Selling plan per unit", "Abonnement vendeur par unité"),
                    Text::by(|l| {
                        format!(
                            "min({} {}, {} {}) ÷ {} {} = {}",
                            l.pick("Individual", "Individuel"),
                            l.grouped(plan.individual),
                            l.pick("Professional", "Professionnel"),
                            l.grouped(plan.professional),
                            plan.units,
                            l.pick("units", "unités"),
                            l.figure(plan.per_unit)
                        )
                    }),
                )
                .amount(plan.per_unit)
            });
            Some(plan.per_unit)
        }
        Err((input, field, message)) => {
            item.gap(*input, field, message.clone());
            None
        }
    }
}

fn freight_per_unit(
    product: &Product,
    marketplace: Marketplace,
    item: &mut Item<'_>,
) -> Option<Decimal> {
    let Some(freight) = product
        .freight
        .iter()
        .find(|freight| freight.marketplace == marketplace)
    else {
        item.gap(
            Input::Freight,
            "freight",
            Text::new(
                format!("no [[products.freight]] for {marketplace}: freight and insurance are part of the customs value"),
                format!("aucun [[products.freight]] pour {marketplace}{NBSP}: le transport et l’assurance font partie de la valeur en douane"),
            ),
        );
        return None;
    };
    let cost = item.amount(&freight.freight, Input::Freight, "freight")?;
    let insurance = match &freight.insurance {
        Some(insurance) => item.amount(insurance, Input::Insurance, "insurance")?,
        None => Decimal::ZERO,
    };
    Some(cost + insurance)
}

/// Duty and import taxes per unit, from one commercial consignment of a month's stock.
fn duty_per_unit(
    product: &Product,
    marketplace: Marketplace,
    cif_per_unit: Decimal,
    units: Option<u32>,
    packs: &Packs,
    item: &mut Item<'_>,
    detail: Detail,
) -> (Option<Decimal>, Option<Decimal>) {
    let Some(units) = units else {
        item.gap(
            Input::MonthlyUnits,
            "monthly_units",
            Text::new(
                "no monthly_units: the import consignment size (and so the customs rounding and de minimis) is unknown",
                "monthly_units manquant\u{a0}: la taille de l’envoi importé (et donc l’arrondi douanier et la franchise) est inconnue",
            ),
        );
        return (None, None);
    };
    let tax_rate = tax_choice(product);
    let quantity = Decimal::from(units);
    let Ok(consignment_value) = checked_product(cif_per_unit, quantity) else {
        item.gap(Input::MonthlyUnits, "landed_cost", too_large_to_compute());
        return (None, None);
    };
    let declaration = Declaration {
        destination: destination(marketplace).to_string(),
        as_of: item.as_of,
        currency: item.currency,
        consignment: Consignment::Commercial,
        fx: None,
        ioss: false,
        eu_flat_duty: true,
        entry: None,
        customs_fee: item.overrides.customs_fee,
        lines: vec![DeclarationLine {
            customs_value: Some(consignment_value),
            deductive: None,
            duty_rate: item.overrides.duty_rate,
            hs_code: product.hs_code.clone(),
            origin: product
                .origin
                .as_ref()
                .map(|origin| origin.as_str().to_owned()),
            preferential_rate: None,
            preferential_origin: product.preferential_origin,
            litres: product.litres.map(|litres| litres * quantity),
            net_kg: None,
            quantity: units,
            tax_rate,
            description: None,
        }],
    };
    let landed = match landed_cost_with(&declaration, packs, detail) {
        Ok(landed) => landed,
        Err(error) => {
            item.gap(
                Input::RulePack,
                "landed_cost",
                Text::same(error.to_string()),
            );
            return (None, None);
        }
    };
    for gap in landed
        .lines
        .iter()
        .flat_map(|line| &line.missing)
        .chain(&landed.missing)
    {
        item.gap(
            gap.input.input,
            "landed_cost",
            nested(&gap.field, &gap.message),
        );
    }
    if detail == Detail::Explained {
        item.explain.add(|| {
            Explanation::new(
                Text::new("Import consignment", "Envoi importé"),
                Text::by(|l| {
                    format!(
                        "{units} {} × {} {} = {} {}",
                        l.pick("units", "unités"),
                        l.pick("CIF", "CAF"),
                        l.figure(cif_per_unit),
                        l.figure(consignment_value),
                        item.currency
                    )
                }),
            )
        });
        for step in landed
            .consignment_explain
            .into_iter()
            .chain(landed.lines.into_iter().flat_map(|line| line.explain))
            .chain(landed.totals.explain)
        {
            item.explain.add(|| step);
        }
    }
    if !landed.totals.complete {
        return (None, None);
    }
    let (fees, taxes): (Vec<&TaxAmount>, Vec<&TaxAmount>) = landed
        .totals
        .taxes
        .iter()
        .partition(|tax| CUSTOMS_FEE_CODES.contains(&tax.code.as_str()));
    let sum =
        |amounts: Vec<&TaxAmount>| amounts.iter().map(|tax| tax.amount).sum::<Decimal>() / quantity;
    // Customs fees are a cost like duty; import taxes are recoverable and kept apart.
    (
        Some(landed.totals.duty / quantity + sum(fees)),
        Some(sum(taxes)),
    )
}

/// The displayed price without the destination's standard consumption tax / VAT (`rate`); the US
/// price has none.
fn net_of_tax(price: Decimal, rate: Decimal, item: &mut Item<'_>) -> Decimal {
    if rate.is_zero() {
        return price;
    }
    let net = price / (Decimal::ONE + rate);
    item.explain.add(|| {
        Explanation::new(
            Text::new(
                "Price without consumption tax / VAT",
                "Prix hors taxe à la consommation / TVA",
            ),
            Text::by(|l| {
                format!(
                    "{} ÷ (1 + {}) = {}",
                    l.grouped(price),
                    l.percent(rate * Decimal::ONE_HUNDRED),
                    l.figure(net)
                )
            }),
        )
        .amount(net)
    });
    net
}
