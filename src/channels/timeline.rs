//! Time-phased scenarios ("what if we go FBA from month 4?"): each phase is evaluated as a scenario of
//! its own, then the months are laid end to end in the home currency. A channel's set-up costs are paid
//! in the first month it sells; the payback month is the first from which the cumulative profit stays
//! at or above zero until the end of the timeline.

use std::collections::BTreeSet;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::economics::{Context, ScenarioResult, evaluate, home_currency};
use crate::cost::{Input, Missing};
use crate::money::{Currency, Money};
use crate::plan::channels::Scenario;
use crate::text::Text;

/// One phase of a scenario and its figures (the scenario's own mix is the phase from month 1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PhaseResult {
    pub from_month: u32,
    pub result: ScenarioResult,
}

/// One month of the timeline, in the home currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TimelineMonth {
    pub month: u32,
    /// The `from_month` of the phase in force.
    pub phase: u32,
    /// The phase's total monthly profit (contribution − fixed costs of its channels).
    pub monthly_profit: Money,
    /// Set-up costs of the channels selling for the first time this month.
    pub setup: Money,
    /// `monthly_profit − setup`.
    pub profit: Money,
    pub cumulative: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Timeline {
    pub phases: Vec<PhaseResult>,
    /// Empty when a phase's profit or a set-up cost has no home-currency figure (see `missing`).
    pub months: Vec<TimelineMonth>,
    /// First month from which the cumulative profit stays ≥ 0 to the end; absent when it ends below 0.
    pub payback_month: Option<u32>,
    pub complete: bool,
    pub missing: Vec<Missing>,
}

/// One period as the fold needs it: its first month, its monthly profit and the set-up cost of each
/// of its selling channels (by channel id), in one currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    pub from_month: u32,
    pub monthly_profit: Decimal,
    pub setups: Vec<(String, Decimal)>,
}

/// Lays `periods` (sorted by `from_month`, the first from month 1) over months 1 to `months`; returns
/// the months and the payback month.
pub fn fold(
    periods: &[Period],
    months: u32,
    currency: Currency,
) -> (Vec<TimelineMonth>, Option<u32>) {
    let mut started: BTreeSet<&str> = BTreeSet::new();
    let mut cumulative = Decimal::ZERO;
    let mut rows = Vec::new();
    for month in 1..=months {
        let Some(period) = periods.iter().rev().find(|p| p.from_month <= month) else {
            continue;
        };
        let mut setup = Decimal::ZERO;
        if period.from_month == month {
            for (channel, cost) in &period.setups {
                if started.insert(channel.as_str()) {
                    setup += cost;
                }
            }
        }
        let profit = period.monthly_profit - setup;
        cumulative += profit;
        rows.push(TimelineMonth {
            month,
            phase: period.from_month,
            monthly_profit: Money::new(period.monthly_profit, currency),
            setup: Money::new(setup, currency),
            profit: Money::new(profit, currency),
            cumulative: Money::new(cumulative, currency),
        });
    }
    let below: Option<u32> = rows
        .iter()
        .rev()
        .find(|row| row.cumulative.amount.is_sign_negative() && !row.cumulative.amount.is_zero())
        .map(|row| row.month);
    let payback = match below {
        None => rows.first().map(|row| row.month),
        Some(last_below) if last_below < months => Some(last_below + 1),
        Some(_) => None,
    };
    (rows, payback)
}

/// The timeline of a scenario with phases (`None` without phases); `base` is the scenario's own
/// result, the phase from month 1.
pub fn timeline(
    context: &Context<'_>,
    scenario: &Scenario,
    base: &ScenarioResult,
) -> Option<Timeline> {
    if scenario.phases.is_empty() {
        return None;
    }
    let mut phases = vec![PhaseResult {
        from_month: 1,
        result: base.clone(),
    }];
    for phase in &scenario.phases {
        let period = Scenario {
            name: format!("{} (from month {})", scenario.name, phase.from_month),
            volumes: phase.volumes.clone(),
            prices: if phase.prices.is_empty() {
                scenario.prices.clone()
            } else {
                phase.prices.clone()
            },
            phases: Vec::new(),
            months: None,
        };
        phases.push(PhaseResult {
            from_month: phase.from_month,
            result: evaluate(context, &period),
        });
    }
    let mut missing = Vec::new();
    let mut periods = Vec::new();
    for phase in &phases {
        let profit = phase.result.total_monthly_profit_home.map(|m| m.amount);
        let setups: Option<Vec<(String, Decimal)>> = phase
            .result
            .channels
            .iter()
            .map(|channel| {
                channel
                    .setup_home
                    .map(|money| (channel.channel.clone(), money.amount))
            })
            .collect();
        match (profit, setups) {
            (Some(monthly_profit), Some(setups)) => periods.push(Period {
                from_month: phase.from_month,
                monthly_profit,
                setups,
            }),
            _ => missing.push(Missing::new(
                Input::FxRate,
                format!("{}: month {}", scenario.name, phase.from_month),
                Text::new(
                    "the phase's profit or a set-up cost has no home-currency figure (add \
                     the exchange rate): no timeline",
                    "le bénéfice de la phase ou un coût de mise en place n’a pas de montant en devise \
                     de référence (ajoutez le taux de change)\u{a0}: pas de calcul mois par mois",
                ),
            )),
        }
    }
    let (months, payback_month) = match home_currency(context.plan) {
        Some(home) if missing.is_empty() => fold(&periods, scenario.timeline_months(), home),
        _ => (Vec::new(), None),
    };
    let complete = missing.is_empty()
        && !months.is_empty()
        && phases.iter().all(|phase| phase.result.complete);
    Some(Timeline {
        phases,
        months,
        payback_month,
        complete,
        missing,
    })
}
