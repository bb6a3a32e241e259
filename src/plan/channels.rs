//! Optional plan sections for the channel comparison: the channels to compare with their inputs,
//! scenarios (volumes and prices per channel), and the weights of the qualitative criteria.
//! Every field is optional so a plan without a comparison stays valid.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Amount, Channel, Marketplace, Plan, Problem, amount_problem};
use crate::money::Rate;
use crate::text::{FR_GROUP, NBSP, Text};

/// A market a channel sells into: it decides the currency, the consumption tax / VAT removed from the
/// displayed price, and the destination of the landed cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Market {
    Jp,
    Us,
    De,
    Fr,
    Uk,
}

impl Market {
    /// The plan marketplace whose price, freight and customs rules stand for this market in the cost
    /// engine (`[[products.freight]]` to `amazon-jp` is the freight to Japan for every JP channel).
    pub fn marketplace(self) -> Marketplace {
        match self {
            Market::Jp => Marketplace::AmazonJp,
            Market::Us => Marketplace::AmazonUs,
            Market::De => Marketplace::AmazonDe,
            Market::Fr => Marketplace::AmazonFr,
            Market::Uk => Marketplace::AmazonUk,
        }
    }

    /// The market an Amazon marketplace sells into.
    pub fn of(marketplace: Marketplace) -> Market {
        match marketplace {
            Marketplace::AmazonJp => Market::Jp,
            Marketplace::AmazonUs => Market::Us,
            Marketplace::AmazonDe => Market::De,
            Marketplace::AmazonFr => Market::Fr,
            Marketplace::AmazonUk => Market::Uk,
        }
    }

    pub const ALL: [Market; 5] = [Market::Jp, Market::Us, Market::De, Market::Fr, Market::Uk];

    /// The buyers' country (ISO 3166 alpha-2; the United Kingdom is `GB`).
    pub fn country(self) -> &'static str {
        match self {
            Market::Jp => "JP",
            Market::Us => "US",
            Market::De => "DE",
            Market::Fr => "FR",
            Market::Uk => "GB",
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            Market::Jp => "jp",
            Market::Us => "us",
            Market::De => "de",
            Market::Fr => "fr",
            Market::Uk => "uk",
        }
    }
}

impl fmt::Display for Market {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// One channel to compare: a channel pack plus the seller's own figures for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ChannelPlan {
    /// The name scenarios use for this channel, unique in the plan (e.g. `own-store-jp`).
    pub id: String,
    /// Channel pack id in `data/channels/` (e.g. `amazon-jp-fba`, `shopify-basic`).
    pub pack: String,
    /// The market sold into; Amazon packs fix it, own stores and other marketplaces need it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub market: Option<Market>,
    /// Who buys through the channel; decides which own-store obligations apply (consumer rules
    /// apply to `b2c` and `both`). Consumers (`b2c`) when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customers: Option<Channel>,
    /// Payment pack id for an own store (e.g. `stripe-eea`, `paypal-fr`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment: Option<String>,
    /// Units per month of each product when no scenario says otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monthly_units: Option<u32>,
    /// Advertising spend as a share of sales (marketplaces: sponsored products and the like).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ad_share: Option<Rate>,
    /// Marketing cost per order won (own store: search, social, affiliates).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpa: Option<Amount>,
    /// Share of units returned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub return_rate: Option<Rate>,
    /// Cost of one return (return shipping, handling, write-off).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost_per_return: Option<Amount>,
    /// Cost of converting the proceeds to the home currency (bank or provider margin), as a share.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fx_cost: Option<Rate>,
    /// Monthly costs of running the channel beyond the pack's (customs agent / IOR, hosting, apps).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fixed: Vec<LabelledAmount>,
    /// One-off set-up costs beyond the pack's (store build, translation, registrations).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub setup: Vec<LabelledAmount>,
    /// Figures the user typed for a pack item marked "enter your quote", by the item's code.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quotes: Vec<PackQuote>,
    /// Per-product figures on this channel.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub products: Vec<ChannelProduct>,
}

/// A cost with what it is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct LabelledAmount {
    pub label: String,
    pub amount: Amount,
}

/// The user's figure for a pack item that has no published figure: an amount or a rate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PackQuote {
    pub code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Amount>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate: Option<Rate>,
}

/// One product on one channel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ChannelProduct {
    pub sku: String,
    /// Price as displayed on this channel (tax-inclusive in JP, EU, UK); defaults to the product's
    /// price on the market's Amazon marketplace.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<Amount>,
    /// FBA fee per unit typed from Amazon's calculator (used where the pack has no published fee).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fulfilment_fee: Option<Amount>,
    /// Pick, pack and delivery to the buyer per unit when the seller ships (MFN, own store, Rakuten).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipping: Option<Amount>,
    /// Duty rate from the tariff or a binding ruling, where no bundled rate covers the HS code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duty_rate: Option<Rate>,
}

/// A what-if: volumes and prices per channel. Duplicate one and change it to compare side by side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub name: String,
    /// Channels not listed sell nothing in this scenario.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub volumes: Vec<ScenarioVolume>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prices: Vec<ScenarioPrice>,
    /// Later periods ("FBA from month 4"): from a month on, another mix. The volumes and prices above
    /// hold from month 1 until the first phase.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phases: Vec<ScenarioPhase>,
    /// Length of the month-by-month timeline of a phased scenario ([`DEFAULT_TIMELINE_MONTHS`] when
    /// absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub months: Option<u32>,
}

/// Months in the timeline of a phased scenario that does not say.
pub const DEFAULT_TIMELINE_MONTHS: u32 = 24;
/// The longest timeline (ten years).
pub const MAX_TIMELINE_MONTHS: u32 = 120;

/// From `from_month` on (month 1 is the scenario's start), the channel mix is these volumes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ScenarioPhase {
    pub from_month: u32,
    /// Channels not listed sell nothing in this phase.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub volumes: Vec<ScenarioVolume>,
    /// Prices in this phase; the scenario's prices when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prices: Vec<ScenarioPrice>,
}

impl Scenario {
    /// The timeline length: `months`, or the default.
    pub fn timeline_months(&self) -> u32 {
        self.months.unwrap_or(DEFAULT_TIMELINE_MONTHS)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ScenarioVolume {
    pub channel: String,
    /// The product; every product of the plan when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sku: Option<String>,
    pub monthly_units: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ScenarioPrice {
    pub channel: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sku: Option<String>,
    pub price: Amount,
}

/// Weights of the qualitative criteria (any non-negative numbers; the score divides by their sum).
/// A criterion left out keeps its default weight.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CriteriaWeights {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "string | null")]
    pub customer_relationship: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "string | null")]
    pub brand_presentation: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "string | null")]
    pub traffic: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "string | null")]
    pub low_investment: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "string | null")]
    pub time_to_market: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "string | null")]
    pub low_operational_load: Option<Decimal>,
}

fn problem(field: String, message: Text) -> Problem {
    Problem::at(field, message)
}

/// Rules of the channel sections serde cannot express: unique channel ids and scenario names,
/// non-negative amounts and weights. Problems carry field paths; `parse_plan` adds the lines.
/// References to a SKU or a channel that is not (or no longer) in the plan are not errors, so deleting
/// a product keeps the plan savable: the comparison lists them as missing.
pub(super) fn problems(plan: &Plan) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut amounts: Vec<(String, &Amount)> = Vec::new();
    for (c, channel) in plan.channels.iter().enumerate() {
        let at = format!("channels[{c}]");
        if channel.id.trim().is_empty() {
            problems.push(problem(
                format!("{at}.id"),
                Text::new(
                    "the channel needs an id",
                    "le canal doit avoir un identifiant",
                ),
            ));
        } else if let Some(first) = plan
            .channels
            .iter()
            .position(|other| other.id == channel.id)
            && first < c
        {
            problems.push(problem(
                format!("{at}.id"),
                Text::new(
                    format!(
                        "duplicate channel id \"{}\" (already used by channels[{first}])",
                        channel.id
                    ),
                    format!(
                        "l’identifiant de canal «{NBSP}{}{NBSP}» est en double (déjà utilisé par channels[{first}])",
                        channel.id
                    ),
                ),
            ));
        }
        for (name, share) in [
            ("ad_share", channel.ad_share),
            ("return_rate", channel.return_rate),
            ("fx_cost", channel.fx_cost),
        ] {
            if share.is_some_and(|share| share.as_fraction() > Decimal::ONE) {
                problems.push(problem(
                    format!("{at}.{name}"),
                    Text::new(
                        "a share is between 0 and 100%",
                        format!("une part est comprise entre 0 et 100{NBSP}%"),
                    ),
                ));
            }
        }
        if let Some(cpa) = &channel.cpa {
            amounts.push((format!("{at}.cpa"), cpa));
        }
        if let Some(cost) = &channel.cost_per_return {
            amounts.push((format!("{at}.cost_per_return"), cost));
        }
        for (kind, list) in [("fixed", &channel.fixed), ("setup", &channel.setup)] {
            for (i, item) in list.iter().enumerate() {
                if item.label.trim().is_empty() {
                    problems.push(problem(
                        format!("{at}.{kind}[{i}].label"),
                        Text::new(
                            "say what this cost is for",
                            "indiquez à quoi correspond ce coût",
                        ),
                    ));
                }
                amounts.push((format!("{at}.{kind}[{i}].amount"), &item.amount));
            }
        }
        for (q, quote) in channel.quotes.iter().enumerate() {
            if quote.amount.is_some() == quote.rate.is_some() {
                problems.push(problem(
                    format!("{at}.quotes[{q}]"),
                    Text::new(
                        "give either an amount or a rate",
                        "indiquez soit un montant, soit un taux",
                    ),
                ));
            }
            if let Some(amount) = &quote.amount {
                amounts.push((format!("{at}.quotes[{q}].amount"), amount));
            }
        }
        for (p, product) in channel.products.iter().enumerate() {
            let at = format!("{at}.products[{p}]");
            for (name, amount) in [
                ("price", &product.price),
                ("fulfilment_fee", &product.fulfilment_fee),
                ("shipping", &product.shipping),
            ] {
                if let Some(amount) = amount {
                    amounts.push((format!("{at}.{name}"), amount));
                }
            }
        }
    }
    for (s, scenario) in plan.scenarios.iter().enumerate() {
        let at = format!("scenarios[{s}]");
        if scenario.name.trim().is_empty() {
            problems.push(problem(
                format!("{at}.name"),
                Text::new("the scenario needs a name", "le scénario doit avoir un nom"),
            ));
        } else if let Some(first) = plan
            .scenarios
            .iter()
            .position(|other| other.name == scenario.name)
            && first < s
        {
            problems.push(problem(
                format!("{at}.name"),
                Text::new(
                    format!(
                        "duplicate scenario name \"{}\" (already used by scenarios[{first}])",
                        scenario.name
                    ),
                    format!(
                        "le nom de scénario «{NBSP}{}{NBSP}» est en double (déjà utilisé par scenarios[{first}])",
                        scenario.name
                    ),
                ),
            ));
        }
        for (i, price) in scenario.prices.iter().enumerate() {
            amounts.push((format!("{at}.prices[{i}].price"), &price.price));
        }
        let horizon = scenario.timeline_months();
        if scenario
            .months
            .is_some_and(|months| months == 0 || months > MAX_TIMELINE_MONTHS)
        {
            problems.push(problem(
                format!("{at}.months"),
                Text::new(
                    format!("a timeline is 1 to {MAX_TIMELINE_MONTHS} months"),
                    format!("une chronologie compte de 1 à {MAX_TIMELINE_MONTHS} mois"),
                ),
            ));
        }
        let mut previous = 1;
        for (p, phase) in scenario.phases.iter().enumerate() {
            let field = format!("{at}.phases[{p}].from_month");
            if phase.from_month <= previous {
                problems.push(problem(
                    field,
                    Text::new(
                        format!(
                            "must be after month {previous} (month 1 is the scenario's own mix; phases in \
                             increasing order)"
                        ),
                        format!(
                            "doit venir après le mois {previous} (le mois 1 est le mix propre au \
                             scénario{NBSP}; phases dans l’ordre croissant)"
                        ),
                    ),
                ));
            } else if phase.from_month > horizon {
                problems.push(problem(
                    field,
                    Text::new(
                        format!(
                            "month {} is beyond the {horizon}-month timeline (make the timeline longer)",
                            phase.from_month
                        ),
                        format!(
                            "le mois {} dépasse la chronologie de {horizon}{NBSP}mois (allongez la chronologie)",
                            phase.from_month
                        ),
                    ),
                ));
            }
            previous = previous.max(phase.from_month);
            for (i, price) in phase.prices.iter().enumerate() {
                amounts.push((format!("{at}.phases[{p}].prices[{i}].price"), &price.price));
            }
        }
    }
    for (field, amount) in amounts {
        if let Some(message) = amount_problem(amount) {
            problems.push(problem(format!("{field}.amount"), message));
        }
    }
    if let Some(weights) = &plan.criteria {
        for (name, weight) in weights.entries() {
            if weight.is_some_and(|weight| {
                (weight.is_sign_negative() && !weight.is_zero()) || weight > Decimal::ONE_THOUSAND
            }) {
                problems.push(problem(
                    format!("criteria.{name}"),
                    Text::new(
                        "a weight is a number from 0 to 1,000",
                        format!("un poids est un nombre de 0 à 1{FR_GROUP}000"),
                    ),
                ));
            }
        }
    }
    problems
}

impl CriteriaWeights {
    /// Each criterion's field name with the weight given, if any.
    pub fn entries(&self) -> [(&'static str, Option<Decimal>); 6] {
        [
            ("customer_relationship", self.customer_relationship),
            ("brand_presentation", self.brand_presentation),
            ("traffic", self.traffic),
            ("low_investment", self.low_investment),
            ("time_to_market", self.time_to_market),
            ("low_operational_load", self.low_operational_load),
        ]
    }
}
