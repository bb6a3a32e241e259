//! The channel comparison and its sensitivity, taken from the channel engine's [`Comparison`]: one
//! row per channel and scenario with the figures a reader compares (revenue, contribution per unit,
//! margin, fixed costs, profit, break-even, months to recover the set-up), and the sensitivity of the
//! chosen scenario's monthly profit, largest swing first.

use std::collections::BTreeSet;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::format::{self, Lang, texts};
use super::{Report, Signal, SignalLevel, is_override, sources};
use crate::channels::{
    ChannelResult, Comparison, Obligation, ScenarioKind, ScenarioResult, SensitivityInput,
    TimelineMonth,
};
use crate::cost::{Explanation, Missing};
use crate::money::{Currency, Money, add_quotation, checked_ratio};

/// An input the comparison needed, in words, and why, in the report's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ChannelGap {
    /// What is missing ("the delivery cost to the buyer").
    pub field: String,
    pub message: String,
}

/// The channel comparison section of a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ChannelComparison {
    /// The scenario the sensitivity and the best channel come from.
    pub selected: String,
    pub home_currency: Option<Currency>,
    /// Every scenario side by side, in the plan's order.
    pub scenarios: Vec<ComparedScenario>,
    /// The selected scenario's monthly profit with one input moved, largest swing first; empty when
    /// the scenario's total in the home currency is unknown.
    pub sensitivity: Vec<SensitivityLine>,
    /// Inputs the comparison needed and did not get (`channel × SKU: field`), each listed once.
    pub missing: Vec<ChannelGap>,
    /// Figures the user supplied for the channels (a typed fee, a quoted rate, a user pack), each
    /// listed once over the scenarios.
    #[serde(default)]
    pub overrides: Vec<ChannelOverride>,
    /// The qualitative weighing of the selected scenario's channels, beside their profit.
    pub weighing: ReportWeighing,
    /// Per channel, the own-store obligations the seller carries and those the marketplace carries.
    pub obligations: Vec<ObligationsRow>,
}

/// The weights of the criteria and each channel's score, best first, in the report's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReportWeighing {
    pub criteria: Vec<WeightedCriterion>,
    pub channels: Vec<WeighedChannel>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WeightedCriterion {
    pub label: String,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub weight: Decimal,
    /// True when the plan set this weight (else Landfall's default).
    pub from_plan: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WeighedChannel {
    pub channel: String,
    /// Σ weight × score ÷ Σ weight, on the 1–5 scale.
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub score: Decimal,
    pub monthly_profit_home: Option<Money>,
    /// The engine's working of the score.
    pub formula: String,
}

/// One channel's share of the own-store obligations, each as its item's title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ObligationsRow {
    pub channel: String,
    pub seller: Vec<String>,
    pub marketplace: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ChannelOverride {
    pub channel: String,
    /// The product, for a per-unit figure; none for a channel's fixed or set-up cost.
    pub sku: Option<String>,
    pub label: String,
    pub formula: String,
    /// The user's pack source, when the figure came from a user pack.
    pub source: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ComparedScenario {
    pub name: String,
    pub complete: bool,
    pub total_monthly_profit_home: Option<Money>,
    /// Most profitable first (the engine's ranking of the complete channels in the home currency),
    /// then the incomplete channels, unranked.
    pub channels: Vec<ComparedChannel>,
    /// Month by month, for a scenario with phases.
    #[serde(default)]
    pub timeline: Option<ScenarioTimeline>,
}

/// A phased scenario laid out month by month in the home currency (the engine's timeline).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ScenarioTimeline {
    pub months: Vec<TimelineMonth>,
    /// First month from which the cumulative profit stays at or above zero; absent when it ends
    /// below zero.
    pub payback_month: Option<u32>,
    pub complete: bool,
}

/// One channel in one scenario, in the channel's market currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ComparedChannel {
    pub channel: String,
    pub name: String,
    pub currency: Currency,
    pub monthly_units: u32,
    /// Σ units × price net of tax, per month, over the lines that could be priced.
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub revenue: Decimal,
    /// Monthly contribution ÷ priced units (the engine's break-even divisor); absent when no unit
    /// could be priced.
    #[serde(with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub contribution_per_unit: Option<Decimal>,
    /// Contribution ÷ revenue.
    #[serde(with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub margin_rate: Option<Decimal>,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub fixed_monthly: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub monthly_profit: Decimal,
    pub monthly_profit_home: Option<Money>,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub setup: Decimal,
    pub break_even_units: Option<u64>,
    pub months_to_recover: Option<u64>,
    pub complete: bool,
}

/// The selected scenario's monthly profit (home currency) with one input at its low and high value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SensitivityLine {
    pub input: SensitivityInput,
    /// The input, in the report's language.
    pub label: String,
    /// What the low and high values mean, in the report's language.
    pub description: String,
    /// Multipliers of the input (0.9 = 10 % lower).
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub low_factor: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub high_factor: Decimal,
    pub profit_low: Money,
    pub profit_base: Money,
    pub profit_high: Money,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub swing: Decimal,
}

/// The most profitable channel of the selected scenario, for the executive summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BestChannel {
    pub scenario: String,
    pub channel: String,
    pub name: String,
    pub monthly_profit_home: Money,
    pub break_even_units: Option<u64>,
}

impl Report {
    /// The report with the channel comparison of its plan: the comparison and sensitivity sections,
    /// the best channel and the loss-making channels in the summary, and the comparison's sources in
    /// the appendix.
    pub fn with_channels(mut self, comparison: &Comparison) -> Report {
        let lang = self.cover.lang;
        let section = section(comparison, lang);
        let selected = section
            .scenarios
            .iter()
            .find(|scenario| scenario.name == section.selected);
        // The engine names a best channel only when every channel of the scenario is complete.
        let best = comparison
            .scenarios
            .iter()
            .find(|scenario| scenario.name == comparison.selected)
            .and_then(|scenario| {
                let id = scenario.best.as_ref()?;
                let first = scenario.channels.iter().find(|c| &c.channel == id)?;
                Some(BestChannel {
                    scenario: section.selected.clone(),
                    channel: first.channel.clone(),
                    name: first.name.get(lang).to_string(),
                    monthly_profit_home: first.monthly_profit_home?,
                    break_even_units: first.break_even_units,
                })
            });
        if let Some(scenario) = selected {
            self.summary
                .signals
                .extend(signals(scenario, best.as_ref(), lang));
        }
        self.summary.best_channel = best;
        let steps = self
            .landed
            .iter()
            .flat_map(|row| &row.economics.explain)
            .chain(comparison_steps(comparison));
        self.sources = sources(steps, self.cover.as_of, lang);
        // The comparison's conversions are listed with the quote's, each quotation once.
        let channel_rates = comparison
            .scenarios
            .iter()
            .flat_map(|scenario| &scenario.channels)
            .flat_map(|channel| &channel.fx);
        for rate in channel_rates {
            add_quotation(&mut self.assumptions.fx, rate);
        }
        self.channels = Some(section);
        self
    }
}

fn section(comparison: &Comparison, lang: Lang) -> ChannelComparison {
    let mut seen = BTreeSet::new();
    let missing = comparison
        .scenarios
        .iter()
        .flat_map(|scenario| {
            scenario
                .missing
                .iter()
                .chain(scenario.channels.iter().flat_map(|channel| {
                    channel
                        .missing
                        .iter()
                        .chain(channel.lines.iter().flat_map(|line| &line.missing))
                }))
        })
        .chain(&comparison.weighing.missing)
        .filter(|gap: &&Missing| seen.insert((gap.field.clone(), gap.message.clone())))
        .map(|gap| {
            let (field, message) = super::gaps::gap_words(gap, lang);
            ChannelGap { field, message }
        })
        .collect();
    ChannelComparison {
        overrides: overrides(comparison, lang),
        selected: comparison
            .scenarios
            .iter()
            .find(|scenario| scenario.name == comparison.selected)
            .map_or_else(|| comparison.selected.clone(), |s| scenario_name(s, lang)),
        home_currency: comparison.home_currency,
        scenarios: comparison
            .scenarios
            .iter()
            .map(|result| scenario(result, lang))
            .collect(),
        sensitivity: comparison
            .sensitivity
            .iter()
            .map(|row| {
                let (label, description) = sensitivity_words(row.input, lang);
                SensitivityLine {
                    input: row.input,
                    label: label.to_string(),
                    description: description.to_string(),
                    low_factor: row.low_factor,
                    high_factor: row.high_factor,
                    profit_low: row.profit_low,
                    profit_base: row.profit_base,
                    profit_high: row.profit_high,
                    swing: row.swing,
                }
            })
            .collect(),
        missing,
        weighing: ReportWeighing {
            criteria: comparison
                .weighing
                .criteria
                .iter()
                .map(|criterion| WeightedCriterion {
                    label: criterion.label.get(lang).to_string(),
                    weight: criterion.weight,
                    from_plan: criterion.from_plan,
                })
                .collect(),
            channels: comparison
                .weighing
                .channels
                .iter()
                .map(|score| WeighedChannel {
                    channel: score.channel.clone(),
                    score: score.score,
                    monthly_profit_home: score.monthly_profit_home,
                    formula: score.explain.formula.get(lang).to_string(),
                })
                .collect(),
        },
        obligations: comparison
            .obligations
            .iter()
            .map(|load| {
                let titles = |items: &[Obligation]| {
                    items
                        .iter()
                        .map(|item| item.title.get(lang).to_string())
                        .collect()
                };
                ObligationsRow {
                    channel: load.channel.clone(),
                    seller: titles(&load.seller),
                    marketplace: titles(&load.marketplace),
                }
            })
            .collect(),
    }
}

/// A scenario's name for the reader: the plan's as typed, Landfall's own in the report's language.
fn scenario_name(result: &ScenarioResult, lang: Lang) -> String {
    match result.kind {
        ScenarioKind::Plan => result.name.clone(),
        ScenarioKind::ChannelUnits => texts(lang).base_scenario.to_string(),
    }
}

fn scenario(result: &ScenarioResult, lang: Lang) -> ComparedScenario {
    // The ranked (complete) channels first, then the incomplete ones in the plan's order.
    let ranked = result
        .ranking
        .iter()
        .filter_map(|id| {
            result
                .channels
                .iter()
                .find(|channel| &channel.channel == id)
        })
        .chain(
            result
                .channels
                .iter()
                .filter(|channel| !result.ranking.contains(&channel.channel)),
        );
    ComparedScenario {
        name: scenario_name(result, lang),
        complete: result.complete,
        total_monthly_profit_home: result.total_monthly_profit_home,
        channels: ranked.map(|result| channel(result, lang)).collect(),
        timeline: result.timeline.as_ref().map(|timeline| ScenarioTimeline {
            months: timeline.months.clone(),
            payback_month: timeline.payback_month,
            complete: timeline.complete,
        }),
    }
}

fn channel(result: &ChannelResult, lang: Lang) -> ComparedChannel {
    let priced: Vec<_> = result
        .lines
        .iter()
        .filter_map(|line| Some((Decimal::from(line.monthly_units), line.figures.as_ref()?)))
        .collect();
    let priced_units: Decimal = priced.iter().map(|(units, _)| *units).sum();
    let revenue: Decimal = priced
        .iter()
        .map(|(units, figures)| units * figures.net_price)
        .sum();
    ComparedChannel {
        channel: result.channel.clone(),
        name: result.name.get(lang).to_string(),
        currency: result.currency,
        monthly_units: result.monthly_units,
        revenue,
        // An incomplete channel's partial figures are not shown as results (none is a loss).
        contribution_per_unit: result
            .complete
            .then(|| checked_ratio(result.contribution, priced_units).ok())
            .flatten(),
        margin_rate: result
            .complete
            .then(|| checked_ratio(result.contribution, revenue).ok())
            .flatten(),
        fixed_monthly: result.fixed_monthly,
        monthly_profit: result.monthly_profit,
        monthly_profit_home: result.monthly_profit_home.filter(|_| result.complete),
        setup: result.setup,
        break_even_units: result.break_even_units.filter(|_| result.complete),
        months_to_recover: result.months_to_recover.filter(|_| result.complete),
        complete: result.complete,
    }
}

fn overrides(comparison: &Comparison, lang: Lang) -> Vec<ChannelOverride> {
    let steps = comparison
        .scenarios
        .iter()
        .flat_map(|scenario| &scenario.channels)
        .flat_map(|channel| {
            let lines = channel.lines.iter().flat_map(move |line| {
                line.explain
                    .iter()
                    .map(move |step| (&channel.channel, Some(&line.sku), step))
            });
            let own = channel
                .explain
                .iter()
                .map(move |step| (&channel.channel, None, step));
            lines.chain(own)
        });
    let mut rows: Vec<ChannelOverride> = Vec::new();
    for (channel, sku, step) in steps.filter(|(_, _, step)| is_override(step)) {
        let row = ChannelOverride {
            channel: channel.clone(),
            sku: sku.cloned(),
            label: step.label.get(lang).to_string(),
            formula: step.formula.get(lang).to_string(),
            source: step
                .rule
                .as_ref()
                .map(|rule| rule.provenance.source.title.clone()),
        };
        if !rows.contains(&row) {
            rows.push(row);
        }
    }
    rows
}

/// Every explained step of the comparison (lines, channels, weighing), for the sources appendix.
fn comparison_steps(comparison: &Comparison) -> impl Iterator<Item = &Explanation> {
    comparison
        .scenarios
        .iter()
        .flat_map(|scenario| &scenario.channels)
        .flat_map(|channel| {
            channel
                .lines
                .iter()
                .flat_map(|line| &line.explain)
                .chain(&channel.explain)
        })
        .chain(
            comparison
                .weighing
                .channels
                .iter()
                .map(|score| &score.explain),
        )
}

/// The best channel (or the smallest loss when none makes money) of a complete scenario, then each
/// complete loss-making channel, then whether the comparison is incomplete.
fn signals(scenario: &ComparedScenario, best: Option<&BestChannel>, lang: Lang) -> Vec<Signal> {
    let t = texts(lang);
    let mut signals = Vec::new();
    if let Some(best) = best {
        let profit = format::money(
            lang,
            best.monthly_profit_home.amount,
            best.monthly_profit_home.currency,
        );
        let profitable = best.monthly_profit_home.amount > Decimal::ZERO;
        signals.push(Signal {
            level: if profitable {
                SignalLevel::Go
            } else {
                SignalLevel::Stop
            },
            text: format::fill(
                if profitable {
                    t.signal_best_channel
                } else {
                    t.signal_no_profitable_channel
                },
                &[&scenario.name, &best.name, &profit],
            ),
        });
    }
    // An incomplete channel's partial profit is not a loss.
    for channel in scenario.channels.iter().filter(|channel| channel.complete) {
        if channel.monthly_profit < Decimal::ZERO {
            let loss = format::money(lang, -channel.monthly_profit, channel.currency);
            let break_even = channel.break_even_units.map_or_else(
                || t.not_available.to_string(),
                |units| lang.number(Decimal::from(units), 0),
            );
            signals.push(Signal {
                level: SignalLevel::Caution,
                text: format::fill(
                    t.signal_channel_loss,
                    &[
                        &channel.name,
                        &loss,
                        &lang.number(Decimal::from(channel.monthly_units), 0),
                        &break_even,
                    ],
                ),
            });
        }
    }
    if !scenario.complete {
        signals.push(Signal {
            level: SignalLevel::Caution,
            text: format::fill(t.signal_channels_incomplete, &[&scenario.name]),
        });
    }
    signals
}

/// The input's name and what its low and high values are, in `lang`.
pub fn sensitivity_words(input: SensitivityInput, lang: Lang) -> (&'static str, &'static str) {
    match (input, lang) {
        (SensitivityInput::Price, Lang::En) => ("Displayed price", "−10% / +10%"),
        (SensitivityInput::Price, Lang::Fr) => ("Prix affiché", "−10 % / +10 %"),
        (SensitivityInput::FxRate, Lang::En) => {
            ("Exchange rate", "home currency 10% weaker / 10% stronger")
        }
        (SensitivityInput::FxRate, Lang::Fr) => (
            "Taux de change",
            "devise de référence 10 % plus faible / 10 % plus forte",
        ),
        (SensitivityInput::ReturnRate, Lang::En) => ("Return rate", "halved / doubled"),
        (SensitivityInput::ReturnRate, Lang::Fr) => ("Taux de retour", "divisé par 2 / doublé"),
        (SensitivityInput::AdShare, Lang::En) => ("Advertising share", "−50% / +50%"),
        (SensitivityInput::AdShare, Lang::Fr) => ("Part publicitaire", "−50 % / +50 %"),
        (SensitivityInput::DutyRate, Lang::En) => ("Duty", "−50% / +50%"),
        (SensitivityInput::DutyRate, Lang::Fr) => ("Droits de douane", "−50 % / +50 %"),
    }
}
