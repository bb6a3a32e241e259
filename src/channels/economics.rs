//! Unit economics per product × channel, fixed and set-up costs, break-even and the totals of a
//! scenario. Amounts are in the market's currency (JPY for Japan) and converted to the home currency
//! for the comparison; every figure carries an explanation.

use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::pack::{ChannelFeeRow, ChannelModel, ChannelPack, ChannelPacks, FeeBasis, FeeStatus};
use crate::cost::{
    Detail, Explanation, Input, Missing, QuoteOverrides, Steps, UnitEconomics, convert_explained,
    no_rate, out_of_range, quote_product, unsupported_currency,
};
use crate::money::{Currency, FxRate, MAX_AMOUNT, Money, add_quotation, checked_ratio};
use crate::packs::{Dated, Packs, in_force};
use crate::plan::channels::{ChannelPlan, ChannelProduct, Market, Scenario};
use crate::plan::{Amount, Channel, Fulfilment, Plan, Price, Product, Target};
use crate::text::{Lang, NBSP, Text};

/// Multipliers applied to the inputs, for the sensitivity analysis (all 1 for the plain figures).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Knobs {
    /// Displayed prices.
    pub price: Decimal,
    /// Units of foreign currency per unit of home currency (above 1: the home currency is stronger).
    pub fx: Decimal,
    pub return_rate: Decimal,
    pub ad_share: Decimal,
    /// Duty per unit (duty is proportional to the rate before customs rounding).
    pub duty: Decimal,
}

impl Knobs {
    pub const NEUTRAL: Knobs = Knobs {
        price: Decimal::ONE,
        fx: Decimal::ONE,
        return_rate: Decimal::ONE,
        ad_share: Decimal::ONE,
        duty: Decimal::ONE,
    };
}

/// Everything an evaluation reads.
pub struct Context<'a> {
    pub plan: &'a Plan,
    pub packs: &'a Packs,
    pub channel_packs: &'a ChannelPacks,
    pub rates: &'a [FxRate],
    pub detail: Detail,
    pub knobs: Knobs,
}

/// The per-unit figures of one product on one channel, in the market's currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UnitFigures {
    /// As displayed to the buyer (tax-inclusive in JP, EU, UK).
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub price: Decimal,
    /// Price without consumption tax / VAT: the seller's revenue.
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub net_price: Decimal,
    /// Referral and closing fees (Amazon) or the platform's per-sale fees.
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub marketplace_fees: Decimal,
    /// FBA fee, or the seller's delivery to the buyer.
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub fulfilment: Decimal,
    /// Unit cost + freight and insurance + duty.
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub landed_cost: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub payment_fees: Decimal,
    /// Cost of converting the proceeds to the home currency.
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub fx_cost: Decimal,
    /// Return rate × cost per return.
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub returns: Decimal,
    /// Ad share × price + cost per acquisition.
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub marketing: Decimal,
    /// Net price − every cost above.
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub contribution: Decimal,
    pub contribution_home: Option<Money>,
    /// Contribution ÷ net price.
    #[serde(with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub margin_rate: Option<Decimal>,
    /// Contribution ÷ landed cost: the return on the money tied up in one unit.
    #[serde(with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub roi: Option<Decimal>,
}

/// One product on one channel in a scenario.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UnitLine {
    pub channel: String,
    pub sku: String,
    pub currency: Currency,
    pub monthly_units: u32,
    /// Absent when the price or the landed cost cannot be computed (see `missing`).
    pub figures: Option<UnitFigures>,
    /// The exchange rates the line was converted with, each quotation once.
    pub fx: Vec<FxRate>,
    pub explain: Vec<Explanation>,
    pub missing: Vec<Missing>,
}

/// One channel in a scenario: its lines, fixed and set-up costs, profit and break-even.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ChannelResult {
    pub channel: String,
    pub pack: String,
    /// The pack's name, in both languages.
    pub name: Text,
    pub model: ChannelModel,
    pub currency: Currency,
    pub monthly_units: u32,
    /// Σ units × contribution per unit.
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub contribution: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub fixed_monthly: Decimal,
    /// Contribution − fixed monthly costs.
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub monthly_profit: Decimal,
    pub monthly_profit_home: Option<Money>,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub setup: Decimal,
    pub setup_home: Option<Money>,
    /// ceil(fixed ÷ average contribution per unit); absent when a unit contributes nothing.
    pub break_even_units: Option<u64>,
    /// ceil(set-up ÷ monthly profit); absent when the channel loses money.
    pub months_to_recover: Option<u64>,
    /// False when a figure is missing: the numbers leave it out (see `missing`).
    pub complete: bool,
    pub lines: Vec<UnitLine>,
    /// The exchange rates of the channel and its lines, each quotation once.
    pub fx: Vec<FxRate>,
    pub explain: Vec<Explanation>,
    pub missing: Vec<Missing>,
}

/// Where a scenario comes from: the plan's own, or the one Landfall builds when the plan has none.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum ScenarioKind {
    #[default]
    Plan,
    /// Every channel at its own monthly units; its name is a key, the readers word it.
    ChannelUnits,
}

/// A scenario's channels, their total and their ranking by monthly profit in the home currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ScenarioResult {
    pub name: String,
    #[serde(default)]
    pub kind: ScenarioKind,
    pub channels: Vec<ChannelResult>,
    /// The sum of the channels' monthly profits; partial (and not to be shown as a result) when the
    /// scenario is not complete.
    pub total_monthly_profit_home: Option<Money>,
    /// The complete channels with a home-currency profit, most profitable first; a channel missing an
    /// input is not ranked.
    pub ranking: Vec<String>,
    /// The most profitable channel, only when every channel of the scenario is complete: with an input
    /// missing anywhere, no channel is called best.
    #[serde(default)]
    pub best: Option<String>,
    /// False when an input is missing for a channel or a volume names a channel or product the plan
    /// does not have: the scenario is then "incomplete", never a loss.
    pub complete: bool,
    /// Volumes, prices or channel figures naming a channel or a SKU the plan does not have.
    pub missing: Vec<Missing>,
    /// Month by month, for a scenario with phases (absent otherwise).
    #[serde(default)]
    pub timeline: Option<super::Timeline>,
}

/// The plan's home currency, when it is one Landfall knows.
pub fn home_currency(plan: &Plan) -> Option<Currency> {
    Currency::from_str(plan.plan.home_currency.as_str()).ok()
}

/// The rates with the home currency moved by `factor` (foreign units per home unit × factor).
pub fn shifted_rates(rates: &[FxRate], home: Option<Currency>, factor: Decimal) -> Vec<FxRate> {
    rates
        .iter()
        .map(|rate| {
            let mut rate = rate.clone();
            // An absurd rate that would overflow is left as typed; conversions check their own range.
            if Some(rate.from) == home {
                rate.rate = rate.rate.checked_mul(factor).unwrap_or(rate.rate);
            } else if Some(rate.to) == home {
                rate.rate = rate.rate.checked_div(factor).unwrap_or(rate.rate);
            }
            rate
        })
        .collect()
}

/// The scenario used when the plan has none: every channel at its `monthly_units`.
pub fn base_scenario(plan: &Plan) -> Scenario {
    Scenario {
        name: "Base (monthly_units of each channel)".to_string(),
        volumes: plan
            .channels
            .iter()
            .filter_map(|channel| {
                channel
                    .monthly_units
                    .map(|units| crate::plan::channels::ScenarioVolume {
                        channel: channel.id.clone(),
                        sku: None,
                        monthly_units: units,
                    })
            })
            .collect(),
        prices: Vec::new(),
        phases: Vec::new(),
        months: None,
    }
}

/// Evaluates every channel that sells in `scenario`.
pub fn evaluate(context: &Context<'_>, scenario: &Scenario) -> ScenarioResult {
    let home = home_currency(context.plan);
    let rates = shifted_rates(context.rates, home, context.knobs.fx);
    let mut channels = Vec::new();
    for channel in &context.plan.channels {
        let volumes: Vec<(&Product, u32)> = context
            .plan
            .products
            .iter()
            .filter_map(|product| {
                units_of(scenario, &channel.id, &product.sku).map(|units| (product, units))
            })
            .filter(|(_, units)| *units > 0)
            .collect();
        if volumes.is_empty() {
            continue;
        }
        channels.push(evaluate_channel(
            context, &rates, home, scenario, channel, &volumes,
        ));
    }
    let total_monthly_profit_home = home.and_then(|home| {
        channels
            .iter()
            .map(|channel| channel.monthly_profit_home.map(|money| money.amount))
            .sum::<Option<Decimal>>()
            .map(|total| Money::new(total, home))
    });
    // Only a channel with every input has a profit to rank: a missing figure is not a loss.
    let mut ranked: Vec<(&ChannelResult, Decimal)> = channels
        .iter()
        .filter(|channel| channel.complete)
        .filter_map(|channel| Some((channel, channel.monthly_profit_home?.amount)))
        .collect();
    ranked.sort_by(|(_, a), (_, b)| b.cmp(a));
    let ranking: Vec<String> = ranked
        .iter()
        .map(|(channel, _)| channel.channel.clone())
        .collect();
    let missing = dangling_references(context.plan, scenario);
    let complete = missing.is_empty() && channels.iter().all(|channel| channel.complete);
    let best = if complete && ranking.len() == channels.len() {
        ranking.first().cloned()
    } else {
        None
    };
    ScenarioResult {
        name: scenario.name.clone(),
        kind: ScenarioKind::Plan,
        channels,
        total_monthly_profit_home,
        ranking,
        best,
        complete,
        missing,
        timeline: None,
    }
}

/// References to a channel or SKU that is not in the plan (left behind when one was deleted).
fn dangling_references(plan: &Plan, scenario: &Scenario) -> Vec<Missing> {
    let known_sku = |sku: &str| plan.products.iter().any(|product| product.sku == sku);
    let known_channel = |id: &str| plan.channels.iter().any(|channel| channel.id == id);
    let mut missing = Vec::new();
    let references = scenario
        .volumes
        .iter()
        .map(|volume| {
            (
                "volumes",
                Input::ScenarioVolume,
                &volume.channel,
                &volume.sku,
            )
        })
        .chain(
            scenario
                .prices
                .iter()
                .map(|price| ("prices", Input::ScenarioPrice, &price.channel, &price.sku)),
        );
    for (kind, input, channel, sku) in references {
        if !known_channel(channel) {
            missing.push(Missing::new(
                input,
                format!("{}: {kind}", scenario.name),
                Text::by(|l| match l {
                    Lang::En => format!("no channel has id \"{channel}\": this entry is ignored"),
                    Lang::Fr => format!(
                        "aucun canal n’a l’identifiant «{NBSP}{channel}{NBSP}»{NBSP}: cette entrée est ignorée"
                    ),
                }),
            )
            .for_channel(channel));
        }
        if let Some(sku) = sku.as_deref().filter(|sku| !known_sku(sku)) {
            missing.push(Missing::new(
                input,
                format!("{}: {kind}", scenario.name),
                Text::by(|l| match l {
                    Lang::En => format!("no product has SKU \"{sku}\": this entry is ignored"),
                    Lang::Fr => format!(
                        "aucun produit n’a la référence (SKU) «{NBSP}{sku}{NBSP}»{NBSP}: cette entrée est ignorée"
                    ),
                }),
            )
            .for_channel(channel)
            .with_sku(sku));
        }
    }
    for channel in &plan.channels {
        for entry in channel
            .products
            .iter()
            .filter(|entry| !known_sku(&entry.sku))
        {
            let sku = &entry.sku;
            missing.push(Missing::new(
                Input::ChannelProduct,
                format!("{}: products", channel.id),
                Text::by(|l| match l {
                    Lang::En => format!("no product has SKU \"{sku}\": these figures are ignored"),
                    Lang::Fr => format!(
                        "aucun produit n’a la référence (SKU) «{NBSP}{sku}{NBSP}»{NBSP}: ces chiffres sont ignorés"
                    ),
                }),
            )
            .for_channel(&channel.id)
            .with_sku(sku));
        }
    }
    missing
}

/// Units of `sku` on `channel`: an entry for the SKU beats one for every product.
fn units_of(scenario: &Scenario, channel: &str, sku: &str) -> Option<u32> {
    let mut entries = scenario
        .volumes
        .iter()
        .filter(|volume| volume.channel == channel);
    entries
        .clone()
        .rfind(|volume| volume.sku.as_deref() == Some(sku))
        .or_else(|| entries.rfind(|volume| volume.sku.is_none()))
        .map(|volume| volume.monthly_units)
}

/// The price of `sku` on `channel`: the scenario's, else the channel's, else the product's price on
/// the market's Amazon marketplace.
fn price_of<'a>(
    scenario: &'a Scenario,
    channel: &'a ChannelPlan,
    product: &'a Product,
    market: Market,
) -> Option<&'a Amount> {
    let mut prices = scenario
        .prices
        .iter()
        .filter(|price| price.channel == channel.id);
    prices
        .clone()
        .rfind(|price| price.sku.as_deref() == Some(&product.sku))
        .or_else(|| prices.rfind(|price| price.sku.is_none()))
        .map(|price| &price.price)
        .or_else(|| channel_product(channel, &product.sku).and_then(|entry| entry.price.as_ref()))
        .or_else(|| {
            product
                .prices
                .iter()
                .find(|price| price.marketplace == market.marketplace())
                .map(|price| &price.price)
        })
}

fn channel_product<'a>(channel: &'a ChannelPlan, sku: &str) -> Option<&'a ChannelProduct> {
    channel.products.iter().find(|entry| entry.sku == sku)
}

/// Converts amounts into one currency with the rates given, recording gaps.
struct Converter<'a> {
    rates: &'a [FxRate],
    explain: &'a mut Steps,
    missing: &'a mut Vec<Missing>,
    prefix: String,
    /// The channel and product the gaps belong to.
    channel: &'a str,
    sku: Option<&'a str>,
    /// The rates converted with, each quotation once.
    fx: Vec<FxRate>,
}

impl Converter<'_> {
    /// Converts `money` into `to`, explained as "`name` in `to`"; a missing rate is a gap on the
    /// field `name.en` (the English name is the field's identifier).
    fn money(&mut self, money: Money, to: Currency, name: &Text) -> Option<Decimal> {
        if money.currency == to {
            return Some(money.amount);
        }
        let Some(converted) = convert_explained(self.rates, money, to, name, self.explain) else {
            let from = money.currency;
            self.gap(Input::FxRate, &name.en, no_rate(from, to));
            return None;
        };
        add_quotation(&mut self.fx, &converted.rate);
        Some(converted.converted.amount)
    }

    /// An amount the plan gives at `field` (a field path, the same in both languages).
    fn amount(
        &mut self,
        amount: &Amount,
        to: Currency,
        input: Input,
        field: &str,
    ) -> Option<Decimal> {
        // The same bound as the cost engine: larger is a typing error and keeps arithmetic in range.
        if amount.amount.is_sign_negative() || amount.amount > MAX_AMOUNT {
            self.gap(input, field, out_of_range());
            return None;
        }
        match Currency::from_str(amount.currency.as_str()) {
            Ok(from) => self.money(Money::new(amount.amount, from), to, &Text::same(field)),
            Err(_) => {
                self.gap(input, field, unsupported_currency(amount.currency.as_str()));
                None
            }
        }
    }

    fn gap(&mut self, input: Input, field: &str, message: Text) {
        self.push(Missing::new(input, field, message));
    }

    /// A gap found here or by the cost engine, with the channel's and product's keys and prefix.
    fn push(&mut self, gap: Missing) {
        let gap = Missing {
            field: format!("{}{}", self.prefix, gap.field),
            ..gap
        }
        .for_channel(self.channel);
        self.missing.push(match self.sku {
            Some(sku) => gap.with_sku(sku),
            None => gap,
        });
    }
}

/// "per month" or "once", for the formulas of fixed and set-up costs.
fn per_month(l: Lang) -> &'static str {
    l.pick("per month", "par mois")
}

fn once(l: Lang) -> &'static str {
    l.pick("once", "une fois")
}

/// An amount in a formula, to two decimal places at most.
fn n2(l: Lang, value: Decimal) -> String {
    l.grouped(value.round_dp(2))
}

/// Cost-engine steps that belong to Amazon's fees only (left out for other channels), and the
/// engine's own margin, which the channel contribution replaces.
const AMAZON_ONLY_STEPS: &[&str] = &[
    "Referral fee",
    "Category closing fee",
    "Refund administration fee",
    "Referral fee given back",
    "Per-order fee",
    "FBA size tier",
    "FBA fulfilment fee",
];
const REPLACED_STEPS: &[&str] = &["Selling plan per unit", "Margin per unit"];
/// Cost-engine gaps about Amazon's fees.
const AMAZON_ONLY_GAPS: &[Input] = &[Input::Category, Input::Fulfilment, Input::FulfilmentFee];

fn evaluate_channel(
    context: &Context<'_>,
    rates: &[FxRate],
    home: Option<Currency>,
    scenario: &Scenario,
    channel: &ChannelPlan,
    volumes: &[(&Product, u32)],
) -> ChannelResult {
    let mut explain = Steps::new(context.detail);
    let mut missing = Vec::new();
    let pack = context.channel_packs.get(&channel.pack);
    let market = pack.and_then(|pack| pack.header.market).or(channel.market);
    let currency = market.and_then(|market| {
        context
            .packs
            .marketplace(market.marketplace().id())
            .map(|pack| pack.header.currency)
    });
    let (Some(pack), Some(market), Some(currency)) = (pack, market, currency) else {
        missing.push(Missing::new(
            Input::Market,
            format!("{}: market", channel.id),
            Text::new(
                "the channel needs a known pack and a `market` (jp, us, de, fr, uk)",
                "le canal a besoin d’un pack connu et d’un marché `market` (jp, us, de, fr, uk)",
            ),
        ).for_channel(&channel.id));
        return ChannelResult::empty(channel, pack, volumes, missing);
    };
    let payment = channel
        .payment
        .as_deref()
        .and_then(|id| context.channel_packs.get(id));
    if pack.header.needs_payment && payment.is_none() {
        missing.push(Missing::new(
            Input::Payment,
            format!("{}: payment", channel.id),
            Text::new(
                "an own store needs a payment pack: set `payment` (stripe-eea, paypal-fr)",
                "une boutique en propre a besoin d’un pack de paiement\u{a0}: renseignez `payment` \
                 (stripe-eea, paypal-fr)",
            ),
        ).for_channel(&channel.id));
    }
    let mut lines = Vec::with_capacity(volumes.len());
    for (product, units) in volumes {
        lines.push(unit_line(
            context,
            rates,
            home,
            scenario,
            &LineChannel {
                plan: channel,
                pack,
                payment,
                market,
                currency,
            },
            product,
            *units,
        ));
    }
    let mut converter = Converter {
        rates,
        explain: &mut explain,
        missing: &mut missing,
        prefix: format!("{}: ", channel.id),
        channel: &channel.id,
        sku: None,
        fx: Vec::new(),
    };
    let costs = channel_costs(context, &mut converter, channel, pack, payment, currency);
    let monthly_units: u32 = lines.iter().map(|line| line.monthly_units).sum();
    let contribution: Decimal = lines
        .iter()
        .filter_map(|line| {
            line.figures
                .as_ref()
                .map(|figures| figures.contribution * Decimal::from(line.monthly_units))
        })
        .sum();
    let monthly_profit = contribution - costs.fixed;
    let priced_units: u32 = lines
        .iter()
        .filter(|line| line.figures.is_some())
        .map(|line| line.monthly_units)
        .sum();
    let break_even_units = if priced_units == 0 {
        None
    } else {
        checked_ratio(contribution, Decimal::from(priced_units))
            .ok()
            .and_then(|per_unit| break_even(costs.fixed, per_unit))
    };
    let months_to_recover = months_to_recover(costs.setup, monthly_profit);
    converter.explain.add(|| {
        Explanation::new(
            Text::new("Monthly profit", "Bénéfice mensuel"),
            Text::by(|l| {
                format!(
                    "contribution {} − {} {} = {} {currency}",
                    n2(l, contribution),
                    l.pick("fixed", "fixes"),
                    n2(l, costs.fixed),
                    n2(l, monthly_profit)
                )
            }),
        )
        .amount(monthly_profit)
    });
    converter.explain.add(|| {
        Explanation::new(
            Text::new("Break-even units per month", "Point mort (unités par mois)"),
            match break_even_units {
                Some(units) => Text::by(|l| {
                    format!(
                        "{}({} {} ÷ {} {}) = {units}",
                        l.pick("ceil", "plafond"),
                        l.pick("fixed", "fixes"),
                        n2(l, costs.fixed),
                        l.pick("contribution per unit", "contribution par unité"),
                        n2(l, contribution / Decimal::from(priced_units.max(1)))
                    )
                }),
                None => Text::new(
                    "none: a unit does not contribute to the fixed costs",
                    "aucun\u{a0}: une unité ne contribue pas aux coûts fixes",
                ),
            },
        )
    });
    converter.explain.add(|| {
        Explanation::new(
            Text::new(
                "Months to recover set-up costs",
                "Mois pour amortir la mise en place",
            ),
            match months_to_recover {
                Some(months) => Text::by(|l| {
                    format!(
                        "{}({} {} ÷ {} {}) = {months}",
                        l.pick("ceil", "plafond"),
                        l.pick("set-up", "mise en place"),
                        n2(l, costs.setup),
                        l.pick("monthly profit", "bénéfice mensuel"),
                        n2(l, monthly_profit)
                    )
                }),
                None => Text::new(
                    "never at this volume: the channel loses money each month",
                    "jamais à ce volume\u{a0}: le canal perd de l’argent chaque mois",
                ),
            },
        )
    });
    let monthly_profit_home = home.and_then(|home| {
        converter
            .money(
                Money::new(monthly_profit, currency),
                home,
                &Text::new("monthly profit", "bénéfice mensuel"),
            )
            .map(|amount| Money::new(amount, home))
    });
    let setup_home = home.and_then(|home| {
        converter
            .money(
                Money::new(costs.setup, currency),
                home,
                &Text::new("set-up", "frais de mise en place"),
            )
            .map(|amount| Money::new(amount, home))
    });
    let mut fx = converter.fx;
    for rate in lines.iter().flat_map(|line| &line.fx) {
        add_quotation(&mut fx, rate);
    }
    let complete = missing.is_empty()
        && lines
            .iter()
            .all(|line| line.figures.is_some() && line.missing.is_empty());
    ChannelResult {
        channel: channel.id.clone(),
        pack: pack.header.id.clone(),
        name: pack.header.names(),
        model: pack.header.model,
        currency,
        monthly_units,
        contribution,
        fixed_monthly: costs.fixed,
        monthly_profit,
        monthly_profit_home,
        setup: costs.setup,
        setup_home,
        break_even_units,
        months_to_recover,
        complete,
        lines,
        fx,
        explain: explain.into_vec(),
        missing,
    }
}

impl ChannelResult {
    fn empty(
        channel: &ChannelPlan,
        pack: Option<&ChannelPack>,
        volumes: &[(&Product, u32)],
        missing: Vec<Missing>,
    ) -> ChannelResult {
        ChannelResult {
            channel: channel.id.clone(),
            pack: channel.pack.clone(),
            name: pack.map_or_else(|| Text::same(&channel.pack), |pack| pack.header.names()),
            model: pack.map_or(ChannelModel::Marketplace, |pack| pack.header.model),
            currency: Currency::EUR,
            monthly_units: volumes.iter().map(|(_, units)| units).sum(),
            contribution: Decimal::ZERO,
            fixed_monthly: Decimal::ZERO,
            monthly_profit: Decimal::ZERO,
            monthly_profit_home: None,
            setup: Decimal::ZERO,
            setup_home: None,
            break_even_units: None,
            months_to_recover: None,
            complete: false,
            lines: Vec::new(),
            fx: Vec::new(),
            explain: Vec::new(),
            missing,
        }
    }
}

/// ceil(fixed ÷ contribution per unit); none when a unit contributes nothing.
pub fn break_even(fixed: Decimal, contribution_per_unit: Decimal) -> Option<u64> {
    if contribution_per_unit <= Decimal::ZERO {
        return None;
    }
    if fixed <= Decimal::ZERO {
        return Some(0);
    }
    // A contribution of 10^-28 per unit is no break-even at all, not a panic.
    let units = checked_ratio(fixed, contribution_per_unit).ok()?.ceil();
    u64::try_from(units).ok()
}

/// ceil(set-up ÷ monthly profit); zero without set-up costs; none when the channel loses money.
pub fn months_to_recover(setup: Decimal, monthly_profit: Decimal) -> Option<u64> {
    if setup <= Decimal::ZERO {
        return Some(0);
    }
    if monthly_profit <= Decimal::ZERO {
        return None;
    }
    u64::try_from(checked_ratio(setup, monthly_profit).ok()?.ceil()).ok()
}

struct LineChannel<'a> {
    plan: &'a ChannelPlan,
    pack: &'a ChannelPack,
    payment: Option<&'a ChannelPack>,
    market: Market,
    currency: Currency,
}

/// Per-sale fees of `pack` at `price` (in `currency`): `rate × price + amount`, each explained.
fn per_sale_fees(
    context: &Context<'_>,
    converter: &mut Converter<'_>,
    line: &LineChannel<'_>,
    pack: &ChannelPack,
    price: Decimal,
) -> Decimal {
    let as_of = context.plan.plan.as_of;
    // Price bands are written in the pack's currency; convert only when a band needs it.
    let banded = pack
        .fees
        .iter()
        .any(|dated| dated.row.price_over.is_some() || dated.row.price_up_to.is_some());
    let price_in_pack = if banded {
        converter
            .money(
                Money::new(price, line.currency),
                pack.header.currency,
                &Text::new("price", "prix"),
            )
            .unwrap_or(price)
    } else {
        price
    };
    let mut total = Decimal::ZERO;
    for dated in fees_in_force(pack, as_of, FeeBasis::PerSale) {
        let row = &dated.row;
        if !row.applies(line.market, price_in_pack) {
            continue;
        }
        let Some((rate, amount, overridden)) =
            fee_figures(converter, line.plan, dated, pack.header.currency)
        else {
            continue;
        };
        let fixed = match amount {
            Some(amount) => converter
                .money(amount, line.currency, &row.labels())
                .unwrap_or_default(),
            None => Decimal::ZERO,
        };
        let share = rate.map_or(Decimal::ZERO, |rate| rate.apply(price));
        let fee = share + fixed;
        total += fee;
        converter.explain.add(|| {
            let formula = Text::by(|l| match rate {
                Some(rate) => format!(
                    "{} × {} + {} = {}",
                    l.grouped(price),
                    rate.written(l),
                    l.figure(fixed),
                    l.figure(fee)
                ),
                None => format!("{} {}", l.figure(fee), l.pick("per sale", "par vente")),
            });
            Explanation::new(pack_fee_label(pack, row), formula)
                .amount(fee)
                .rule(row.labels(), dated)
                .overridden(overridden)
        });
    }
    total
}

/// The fees of `pack` charged on `basis` in force on `as_of`, one row per code and markets.
pub fn fees_in_force(
    pack: &ChannelPack,
    as_of: chrono::NaiveDate,
    basis: FeeBasis,
) -> impl Iterator<Item = &Dated<ChannelFeeRow>> {
    // Several rows may share a code with different dates: keep the one in force for each.
    pack.fees.iter().filter(move |dated| {
        dated.row.basis == basis
            && in_force(&pack.fees, as_of, |row| {
                row.code == dated.row.code && row.markets == dated.row.markets
            })
            .is_some_and(|current| std::ptr::eq(current, *dated))
    })
}

/// A fee's rate and amount: the pack's when published, else the plan's quote (by code, in the
/// quote's own currency) or a gap carrying the pack's prompt. The boolean says the user typed it.
fn fee_figures(
    converter: &mut Converter<'_>,
    channel: &ChannelPlan,
    dated: &Dated<ChannelFeeRow>,
    pack_currency: Currency,
) -> Option<(Option<crate::money::Rate>, Option<Money>, bool)> {
    let row = &dated.row;
    let quote = channel.quotes.iter().find(|quote| quote.code == row.code);
    match (row.status, quote) {
        (_, Some(quote)) => {
            let amount = match &quote.amount {
                // The bound every plan amount has in the engines (see `Converter::amount`).
                Some(amount) if amount.amount.is_sign_negative() || amount.amount > MAX_AMOUNT => {
                    converter.gap(
                        Input::ChannelQuote,
                        &format!("quotes.{}", row.code),
                        out_of_range(),
                    );
                    return None;
                }
                Some(amount) => match Currency::from_str(amount.currency.as_str()) {
                    Ok(currency) => Some(Money::new(amount.amount, currency)),
                    Err(_) => {
                        converter.gap(
                            Input::ChannelQuote,
                            &format!("quotes.{}", row.code),
                            unsupported_currency(amount.currency.as_str()),
                        );
                        return None;
                    }
                },
                None => None,
            };
            Some((quote.rate, amount, true))
        }
        (FeeStatus::Published, None) => Some((
            row.rate,
            row.amount.map(|amount| Money::new(amount, pack_currency)),
            false,
        )),
        (FeeStatus::UserEntered, None) => {
            // The prompt is the pack's data, written once.
            converter.gap(
                Input::ChannelQuote,
                &format!("quotes.{}", row.code),
                row.prompts()
                    .unwrap_or_else(|| Text::new("enter your quote", "saisissez votre devis")),
            );
            None
        }
    }
}

struct ChannelCosts {
    fixed: Decimal,
    setup: Decimal,
}

/// Fixed monthly and set-up costs: the Amazon selling plan, the packs' monthly, annual and set-up fees,
/// and the plan's own fixed and set-up costs.
fn channel_costs(
    context: &Context<'_>,
    converter: &mut Converter<'_>,
    channel: &ChannelPlan,
    pack: &ChannelPack,
    payment: Option<&ChannelPack>,
    currency: Currency,
) -> ChannelCosts {
    let as_of = context.plan.plan.as_of;
    let mut fixed = Decimal::ZERO;
    let mut setup = Decimal::ZERO;
    if let Some(link) = pack.header.amazon {
        let plan_row = context
            .packs
            .marketplace(link.marketplace.id())
            .and_then(|marketplace| in_force(&marketplace.selling_plans, as_of, |_| true));
        match plan_row {
            Some(dated) => {
                let monthly = dated.row.professional_monthly;
                fixed += monthly;
                converter.explain.add(|| {
                    Explanation::new(
                        Text::new(
                            "Professional selling plan (fixed)",
                            "Abonnement vendeur Professionnel (fixe)",
                        ),
                        Text::by(|l| format!("{} {currency} {}", l.grouped(monthly), per_month(l))),
                    )
                    .amount(monthly)
                    .rule(
                        Text::new(
                            "Professional selling plan",
                            "Abonnement vendeur Professionnel",
                        ),
                        dated,
                    )
                });
            }
            None => {
                let marketplace = link.marketplace;
                converter.gap(
                    Input::RulePack,
                    "selling_plan",
                    Text::by(|l| match l {
                        Lang::En => {
                            format!("no selling plan in force for {marketplace} on {as_of}")
                        }
                        Lang::Fr => format!(
                            "aucun abonnement vendeur en vigueur pour {marketplace} au {}",
                            as_of.format("%d/%m/%Y")
                        ),
                    }),
                );
            }
        }
    }
    for pack in std::iter::once(pack).chain(payment) {
        for basis in [FeeBasis::Monthly, FeeBasis::Annual, FeeBasis::Setup] {
            for dated in fees_in_force(pack, as_of, basis) {
                let Some((_, Some(amount), overridden)) =
                    fee_figures(converter, channel, dated, pack.header.currency)
                else {
                    continue;
                };
                let Some(amount) = converter.money(amount, currency, &dated.row.labels()) else {
                    continue;
                };
                let value = match basis {
                    FeeBasis::Annual => amount / Decimal::from(12),
                    _ => amount,
                };
                let formula = move |l: Lang| match basis {
                    FeeBasis::Annual => format!(
                        "{} ÷ 12 = {} {}",
                        l.grouped(amount),
                        l.figure(value),
                        per_month(l)
                    ),
                    FeeBasis::Setup => format!("{} {}", l.figure(amount), once(l)),
                    _ => format!("{} {}", l.figure(amount), per_month(l)),
                };
                if basis == FeeBasis::Setup {
                    setup += value;
                } else {
                    fixed += value;
                }
                converter.explain.add(|| {
                    Explanation::new(pack_fee_label(pack, &dated.row), Text::by(formula))
                        .amount(value)
                        .rule(dated.row.labels(), dated)
                        .overridden(overridden)
                });
            }
        }
    }
    for (kind, items) in [("fixed", &channel.fixed), ("setup", &channel.setup)] {
        for (index, item) in items.iter().enumerate() {
            let field = format!("{kind}[{index}]");
            let input = if kind == "fixed" {
                Input::FixedCost
            } else {
                Input::SetupCost
            };
            let Some(amount) = converter.amount(&item.amount, currency, input, &field) else {
                continue;
            };
            if kind == "fixed" {
                fixed += amount;
            } else {
                setup += amount;
            }
            converter.explain.add(|| {
                Explanation::new(
                    Text::same(&item.label),
                    Text::by(|l| {
                        format!(
                            "{} {currency} {}",
                            l.figure(amount),
                            if kind == "fixed" {
                                per_month(l)
                            } else {
                                once(l)
                            }
                        )
                    }),
                )
                .amount(amount)
                .input(entered_in_the_plan(), Text::same(&field))
            });
        }
    }
    ChannelCosts { fixed, setup }
}

fn unit_line(
    context: &Context<'_>,
    rates: &[FxRate],
    home: Option<Currency>,
    scenario: &Scenario,
    line: &LineChannel<'_>,
    product: &Product,
    units: u32,
) -> UnitLine {
    let channel = line.plan;
    let amazon = line.pack.header.amazon;
    let mut explain = Steps::new(context.detail);
    let mut missing = Vec::new();
    let mut converter = Converter {
        rates,
        explain: &mut explain,
        missing: &mut missing,
        prefix: format!("{} × {}: ", channel.id, product.sku),
        channel: &channel.id,
        sku: Some(&product.sku),
        fx: Vec::new(),
    };
    let entry = channel_product(channel, &product.sku);
    let marketplace = line.market.marketplace();
    let currency = line.currency;

    // The cost engine prices the product on the market: net of tax, Amazon's fees, landed cost.
    let mut priced = product.clone();
    let given = price_of(scenario, channel, product, line.market);
    let displayed = given
        .filter(|amount| !amount.amount.is_sign_negative() && amount.amount <= MAX_AMOUNT)
        .map(|amount| Amount {
            amount: amount.amount * context.knobs.price,
            currency: amount.currency.clone(),
        });
    if given.is_some() && displayed.is_none() {
        converter.gap(Input::Price, "price", out_of_range());
    } else if displayed.is_none() {
        converter.gap(
            Input::Price,
            "price",
            Text::by(|l| match l {
                Lang::En => format!(
                    "no price: give `[[channels.products]] price` or a `[[products.prices]]` for {marketplace}"
                ),
                Lang::Fr => format!(
                    "pas de prix{NBSP}: indiquez `[[channels.products]] price` ou un `[[products.prices]]` pour {marketplace}"
                ),
            }),
        );
    }
    priced.prices = displayed
        .map(|price| vec![Price { marketplace, price }])
        .unwrap_or_default();
    let overrides = QuoteOverrides {
        fulfilment_fee: entry
            .and_then(|entry| entry.fulfilment_fee.as_ref())
            .and_then(|fee| {
                converter.amount(fee, currency, Input::FulfilmentFee, "fulfilment_fee")
            }),
        duty_rate: entry.and_then(|entry| entry.duty_rate),
        customs_fee: None,
    };
    let target = Target {
        marketplace,
        fulfilment: amazon.map_or(Fulfilment::Mfn, |link| link.fulfilment),
        channel: Channel::B2c,
        monthly_sales: None,
        monthly_units: Some(units),
        // The plan's own fee per import to this marketplace, if the user typed one.
        customs_fee: context
            .plan
            .targets
            .iter()
            .find(|target| target.marketplace == marketplace)
            .and_then(|target| target.customs_fee.clone()),
    };
    let quoted: UnitEconomics = quote_product(
        context.plan,
        &priced,
        &target,
        context.packs,
        rates,
        context.detail,
        &overrides,
    );
    let fba = amazon.is_some_and(|link| link.fulfilment == Fulfilment::Fba);
    for step in quoted.explain {
        // The cost engine's steps are recognised by their English label.
        let label = step.label.en.as_str();
        let amazon_only = AMAZON_ONLY_STEPS.contains(&label);
        if REPLACED_STEPS.contains(&label)
            || label.starts_with("margin in ")
            || (amazon.is_none() && amazon_only)
        {
            continue;
        }
        converter.explain.add(|| step);
    }
    for gap in quoted.missing {
        let input = gap.input.input;
        let amazon_gap = AMAZON_ONLY_GAPS.contains(&input);
        // MFN delivery is the seller's shipping (below), not an Amazon fee the engine leaves out;
        // a missing price is reported once, above, in the channel's words.
        if (amazon.is_none() && amazon_gap)
            || (!fba && input == Input::Fulfilment)
            || input == Input::Price
        {
            continue;
        }
        converter.push(gap);
    }
    let landed = match (quoted.unit_cost, quoted.freight, quoted.duty) {
        (Some(cost), Some(freight), Some(duty)) => {
            let duty = duty * context.knobs.duty;
            let landed = cost + freight + duty;
            converter.explain.add(|| {
                Explanation::new(
                    Text::new("Landed cost per unit", "Coût rendu par unité"),
                    Text::by(|l| {
                        format!(
                            "{} {} + {} {} + {} {} = {}",
                            l.pick("unit cost", "coût d’achat unitaire"),
                            l.figure(cost),
                            l.pick("freight and insurance", "transport et assurance"),
                            l.figure(freight),
                            l.pick("duty", "droits de douane"),
                            l.figure(duty),
                            l.figure(landed)
                        )
                    }),
                )
                .amount(landed)
            });
            Some(landed)
        }
        _ => None,
    };
    let (Some(price), Some(net_price), Some(landed_cost)) =
        (quoted.price, quoted.net_price, landed)
    else {
        return UnitLine {
            channel: channel.id.clone(),
            sku: product.sku.clone(),
            currency,
            monthly_units: units,
            figures: None,
            fx: with_quotations(converter.fx, &quoted.fx),
            explain: explain.into_vec(),
            missing,
        };
    };

    let marketplace_fees = match amazon {
        Some(_) => quoted.referral_fee.unwrap_or_default() + quoted.closing_fee.unwrap_or_default(),
        None => per_sale_fees(context, &mut converter, line, line.pack, price),
    };
    let fulfilment = if fba {
        quoted.fulfilment_fee.unwrap_or_default()
    } else if line.pack.header.seller_ships {
        match entry.and_then(|entry| entry.shipping.as_ref()) {
            Some(shipping) => converter
                .amount(shipping, currency, Input::Shipping, "shipping")
                .unwrap_or_default(),
            None => {
                converter.gap(
                    Input::Shipping,
                    "shipping",
                    Text::new(
                        "enter your carrier's quote for delivering one unit to the buyer \
                         (`[[channels.products]] shipping`)",
                        "saisissez le devis de votre transporteur pour livrer une unité à l’acheteur \
                         (`[[channels.products]] shipping`)",
                    ),
                );
                Decimal::ZERO
            }
        }
    } else {
        Decimal::ZERO
    };
    let payment_fees = match line.payment {
        Some(payment) if line.pack.header.needs_payment => {
            per_sale_fees(context, &mut converter, line, payment, price)
        }
        _ => Decimal::ZERO,
    };
    let fx_cost = fx_cost(context, &mut converter, line, home, net_price);
    let returns = match (channel.return_rate, &channel.cost_per_return) {
        (Some(rate), Some(cost)) => {
            let cost = converter
                .amount(cost, currency, Input::CostPerReturn, "cost_per_return")
                .unwrap_or_default();
            let share = rate.as_fraction() * context.knobs.return_rate;
            let returns = share * cost;
            converter.explain.add(|| {
                Explanation::new(
                    Text::new("Returns per unit", "Retours par unité"),
                    Text::by(|l| {
                        format!(
                            "{} × {} {} = {}",
                            l.percent(share * Decimal::ONE_HUNDRED),
                            l.figure(cost),
                            l.pick("per return", "par retour"),
                            l.figure(returns)
                        )
                    }),
                )
                .amount(returns)
            });
            returns
        }
        (Some(_), None) => {
            converter.gap(
                Input::CostPerReturn,
                "cost_per_return",
                Text::new(
                    "a return rate needs the cost of one return",
                    "un taux de retour demande le coût d’un retour",
                ),
            );
            Decimal::ZERO
        }
        _ => Decimal::ZERO,
    };
    let ad_share = channel.ad_share.map_or(Decimal::ZERO, |share| {
        share.as_fraction() * context.knobs.ad_share
    });
    let advertising = ad_share * price;
    let acquisition = channel
        .cpa
        .as_ref()
        .and_then(|cpa| converter.amount(cpa, currency, Input::Cpa, "cpa"))
        .unwrap_or_default();
    let marketing = advertising + acquisition;
    if !marketing.is_zero() {
        converter.explain.add(|| {
            Explanation::new(
                Text::new("Marketing per unit", "Marketing par unité"),
                Text::by(|l| {
                    format!(
                        "{} {} × {} + {} {} = {}",
                        l.pick("ad share", "part publicitaire"),
                        l.percent(ad_share * Decimal::ONE_HUNDRED),
                        l.grouped(price),
                        l.pick("cost per acquisition", "coût d’acquisition"),
                        l.figure(acquisition),
                        l.figure(marketing)
                    )
                }),
            )
            .amount(marketing)
        });
    }
    let contribution = net_price
        - marketplace_fees
        - fulfilment
        - landed_cost
        - payment_fees
        - fx_cost
        - returns
        - marketing;
    converter.explain.add(|| {
        Explanation::new(
            Text::new("Contribution per unit", "Contribution par unité"),
            Text::by(|l| {
                let terms = [
                    (l.pick("fees", "frais"), marketplace_fees),
                    (l.pick("fulfilment", "expédition"), fulfilment),
                    (l.pick("landed", "coût rendu"), landed_cost),
                    (l.pick("payment", "paiement"), payment_fees),
                    (l.pick("FX", "change"), fx_cost),
                    (l.pick("returns", "retours"), returns),
                    (l.pick("marketing", "marketing"), marketing),
                ];
                let mut formula = format!("{} {}", l.pick("net", "prix net"), l.figure(net_price));
                for (name, value) in terms {
                    formula.push_str(&format!(" − {name} {}", l.figure(value)));
                }
                formula.push_str(&format!(" = {}", l.figure(contribution)));
                formula
            }),
        )
        .amount(contribution)
    });
    let contribution_home = home.and_then(|home| {
        converter
            .money(
                Money::new(contribution, currency),
                home,
                &Text::new("contribution", "contribution"),
            )
            .map(|amount| Money::new(amount, home))
    });
    // A ratio beyond any number (a price or cost of 10^-28) is left out, like a zero divisor.
    let margin_rate = checked_ratio(contribution, net_price).ok();
    let roi = checked_ratio(contribution, landed_cost).ok();
    UnitLine {
        channel: channel.id.clone(),
        sku: product.sku.clone(),
        currency,
        monthly_units: units,
        figures: Some(UnitFigures {
            price,
            net_price,
            marketplace_fees,
            fulfilment,
            landed_cost,
            payment_fees,
            fx_cost,
            returns,
            marketing,
            contribution,
            contribution_home,
            margin_rate,
            roi,
        }),
        fx: with_quotations(converter.fx, &quoted.fx),
        explain: explain.into_vec(),
        missing,
    }
}

/// The line's own conversions and the cost engine's, each quotation once.
fn with_quotations(mut fx: Vec<FxRate>, more: &[FxRate]) -> Vec<FxRate> {
    for rate in more {
        add_quotation(&mut fx, rate);
    }
    fx
}

/// The cost of converting the proceeds to the home currency: the plan's `fx_cost`, else the payment
/// or channel pack's conversion fee; nothing when the market's currency is the home currency.
fn fx_cost(
    context: &Context<'_>,
    converter: &mut Converter<'_>,
    line: &LineChannel<'_>,
    home: Option<Currency>,
    net_price: Decimal,
) -> Decimal {
    if home == Some(line.currency) {
        return Decimal::ZERO;
    }
    let as_of = context.plan.plan.as_of;
    let from_pack = line
        .payment
        .into_iter()
        .chain(std::iter::once(line.pack))
        .find_map(|pack| fees_in_force(pack, as_of, FeeBasis::FxConversion).next());
    let (rate, rule) = match (line.plan.fx_cost, from_pack) {
        (Some(rate), _) => (rate, None),
        (None, Some(dated)) => match dated.row.rate {
            Some(rate) => (rate, Some(dated)),
            None => return Decimal::ZERO,
        },
        (None, None) => {
            let currency = line.currency;
            converter.gap(
                Input::FxCost,
                "fx_cost",
                Text::by(|l| match l {
                    Lang::En => format!(
                        "enter your bank's or provider's margin for converting {currency} to the home currency (`fx_cost`)"
                    ),
                    Lang::Fr => format!(
                        "saisissez la marge de votre banque ou de votre prestataire pour convertir {currency} \
                         dans la devise de référence (`fx_cost`)"
                    ),
                }),
            );
            return Decimal::ZERO;
        }
    };
    let cost = rate.apply(net_price);
    converter.explain.add(|| {
        let step = Explanation::new(
            Text::new(
                "Currency conversion of the proceeds",
                "Conversion des recettes en devise de référence",
            ),
            Text::by(|l| {
                format!(
                    "{} × {} = {}",
                    l.figure(net_price),
                    rate.written(l),
                    l.figure(cost)
                )
            }),
        )
        .amount(cost);
        match rule {
            Some(dated) => step.rule(dated.row.labels(), dated),
            None => step.input(entered_in_the_plan(), Text::same("fx_cost")),
        }
    });
    cost
}

/// "Pack: fee", in both languages.
fn pack_fee_label(pack: &ChannelPack, row: &ChannelFeeRow) -> Text {
    let (name, label) = (pack.header.names(), row.labels());
    Text::by(|l| format!("{}: {}", name.get(l), label.get(l)))
}

fn entered_in_the_plan() -> Text {
    Text::new("entered in the plan", "saisi dans le plan")
}
