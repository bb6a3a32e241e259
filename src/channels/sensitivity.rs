//! Which inputs move a scenario's monthly profit most: each input is set to a low and a high value
//! (the others unchanged), the scenario is evaluated again through the same engine, and the inputs are
//! ranked by the swing between the two profits — the data behind a tornado chart.

use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::economics::{Context, Knobs, evaluate};
use crate::cost::Detail;
use crate::money::Money;
use crate::plan::channels::Scenario;

/// An input the sensitivity analysis moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum SensitivityInput {
    Price,
    FxRate,
    ReturnRate,
    AdShare,
    DutyRate,
}

impl SensitivityInput {
    pub const ALL: [SensitivityInput; 5] = [
        SensitivityInput::Price,
        SensitivityInput::FxRate,
        SensitivityInput::ReturnRate,
        SensitivityInput::AdShare,
        SensitivityInput::DutyRate,
    ];

    /// The low and high multipliers and what they mean.
    pub fn range(self) -> (Decimal, Decimal, &'static str) {
        match self {
            SensitivityInput::Price => (dec!(0.9), dec!(1.1), "displayed prices −10% / +10%"),
            SensitivityInput::FxRate => (
                dec!(0.9),
                dec!(1.1),
                "home currency 10% weaker / 10% stronger against every market currency",
            ),
            SensitivityInput::ReturnRate => (dec!(0.5), dec!(2), "return rates halved / doubled"),
            SensitivityInput::AdShare => (dec!(0.5), dec!(1.5), "ad shares −50% / +50%"),
            SensitivityInput::DutyRate => (
                dec!(0.5),
                dec!(1.5),
                "duty −50% / +50% (duty per unit scaled, before customs rounding)",
            ),
        }
    }

    fn knobs(self, factor: Decimal) -> Knobs {
        let mut knobs = Knobs::NEUTRAL;
        match self {
            SensitivityInput::Price => knobs.price = factor,
            SensitivityInput::FxRate => knobs.fx = factor,
            SensitivityInput::ReturnRate => knobs.return_rate = factor,
            SensitivityInput::AdShare => knobs.ad_share = factor,
            SensitivityInput::DutyRate => knobs.duty = factor,
        }
        knobs
    }
}

/// The scenario's monthly profit (home currency) with one input at its low and high value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SensitivityRow {
    pub input: SensitivityInput,
    pub description: String,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub low_factor: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub high_factor: Decimal,
    pub profit_low: Money,
    pub profit_base: Money,
    pub profit_high: Money,
    /// |profit high − profit low|.
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub swing: Decimal,
}

/// The sensitivity rows of `scenario`, largest swing first; empty when the scenario is incomplete or
/// its total profit in the home currency cannot be computed (the comparison says what is missing).
pub fn sensitivity(context: &Context<'_>, scenario: &Scenario) -> Vec<SensitivityRow> {
    let profit = |knobs: Knobs| {
        let moved = Context {
            plan: context.plan,
            packs: context.packs,
            channel_packs: context.channel_packs,
            rates: context.rates,
            detail: Detail::Numbers,
            knobs,
        };
        let result = evaluate(&moved, scenario);
        // A partial total would show swings of figures that are not there.
        result
            .complete
            .then_some(result.total_monthly_profit_home)
            .flatten()
    };
    let Some(base) = profit(Knobs::NEUTRAL) else {
        return Vec::new();
    };
    let mut rows: Vec<SensitivityRow> = SensitivityInput::ALL
        .into_iter()
        .filter_map(|input| {
            let (low_factor, high_factor, description) = input.range();
            let low = profit(input.knobs(low_factor))?;
            let high = profit(input.knobs(high_factor))?;
            Some(SensitivityRow {
                input,
                description: description.to_string(),
                low_factor,
                high_factor,
                profit_low: low,
                profit_base: base,
                profit_high: high,
                swing: (high.amount - low.amount).abs(),
            })
        })
        .collect();
    rows.sort_by_key(|row| std::cmp::Reverse(row.swing));
    rows
}
