//! Qualitative weighing: each channel's default scores (from its pack, sourced) on six criteria,
//! weighted by defaults the plan can change. The score is a weighted mean shown with its formula,
//! next to — never instead of — the channel's monthly profit.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::economics::ScenarioResult;
use super::pack::ChannelPacks;
use crate::cost::{Explanation, Input, Missing};
use crate::money::Money;
use crate::packs::in_force;
use crate::plan::Plan;
use crate::text::{Lang, Text};

/// A qualitative criterion (the guide's own-store vs marketplace comparison). Higher is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Criterion {
    CustomerRelationship,
    BrandPresentation,
    Traffic,
    LowInvestment,
    TimeToMarket,
    LowOperationalLoad,
}

impl Criterion {
    /// In the order of the plan's `[criteria]` fields and the packs' scores.
    pub const ALL: [Criterion; 6] = [
        Criterion::CustomerRelationship,
        Criterion::BrandPresentation,
        Criterion::Traffic,
        Criterion::LowInvestment,
        Criterion::TimeToMarket,
        Criterion::LowOperationalLoad,
    ];

    pub fn label(self) -> Text {
        let (en, fr) = match self {
            Criterion::CustomerRelationship => (
                "Control of the customer relationship",
                "Maîtrise de la relation client",
            ),
            Criterion::BrandPresentation => ("Brand presentation", "Mise en valeur de la marque"),
            Criterion::Traffic => (
                "Traffic brought by the channel",
                "Trafic apporté par le canal",
            ),
            Criterion::LowInvestment => ("Low investment needed", "Faible investissement requis"),
            Criterion::TimeToMarket => ("Time to market", "Rapidité de mise sur le marché"),
            Criterion::LowOperationalLoad => {
                ("Low operational load", "Faible charge opérationnelle")
            }
        };
        Text::new(en, fr)
    }

    /// Every criterion weighs the same until the user says otherwise.
    pub const DEFAULT_WEIGHT: Decimal = Decimal::ONE;
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CriterionWeight {
    pub criterion: Criterion,
    pub label: Text,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub weight: Decimal,
    /// True when the plan set this weight.
    pub from_plan: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ChannelScore {
    pub channel: String,
    pub scores: Vec<u8>,
    /// Σ weight × score ÷ Σ weight, on the 1–5 scale.
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub score: Decimal,
    /// Shown beside the score so the weighing never hides the money.
    pub monthly_profit_home: Option<Money>,
    pub explain: Explanation,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Weighing {
    pub criteria: Vec<CriterionWeight>,
    /// Best score first.
    pub channels: Vec<ChannelScore>,
    pub missing: Vec<Missing>,
}

/// Scores every channel of the plan; the profits come from `scenario`.
pub fn weigh(plan: &Plan, channel_packs: &ChannelPacks, scenario: &ScenarioResult) -> Weighing {
    let given = plan
        .criteria
        .as_ref()
        .map(|weights| weights.entries())
        .unwrap_or_default();
    let criteria: Vec<CriterionWeight> = Criterion::ALL
        .into_iter()
        .enumerate()
        .map(|(index, criterion)| {
            let from_plan = given.get(index).and_then(|(_, weight)| *weight);
            CriterionWeight {
                criterion,
                label: criterion.label(),
                weight: from_plan.unwrap_or(Criterion::DEFAULT_WEIGHT),
                from_plan: from_plan.is_some(),
            }
        })
        .collect();
    // Weights are bounded by the plan's validation; checked sums keep hand-built plans from panicking.
    let weight_sum = criteria
        .iter()
        .try_fold(Decimal::ZERO, |sum, criterion| {
            sum.checked_add(criterion.weight)
        })
        .unwrap_or(Decimal::ZERO);
    let mut missing = Vec::new();
    let mut channels = Vec::new();
    for channel in &plan.channels {
        let row = channel_packs
            .get(&channel.pack)
            .and_then(|pack| in_force(&pack.scores, plan.plan.as_of, |_| true));
        let Some(row) = row else {
            let pack = &channel.pack;
            missing.push(
                Missing::new(
                    Input::RulePack,
                    format!("{}: scores", channel.id),
                    Text::by(|l| match l {
                        Lang::En => format!("the pack `{pack}` has no qualitative scores"),
                        Lang::Fr => format!("le pack `{pack}` n’a pas de notes qualitatives"),
                    }),
                )
                .for_channel(&channel.id),
            );
            continue;
        };
        let scores = row.row.values();
        let weighted =
            criteria
                .iter()
                .zip(scores)
                .try_fold(Decimal::ZERO, |sum, (criterion, score)| {
                    sum.checked_add(criterion.weight.checked_mul(Decimal::from(score))?)
                });
        let score = match weighted {
            Some(weighted) if !weight_sum.is_zero() => weighted / weight_sum,
            _ => Decimal::ZERO,
        };
        let formula = |l: Lang| {
            let terms = criteria
                .iter()
                .zip(scores)
                .map(|(criterion, score)| format!("{}×{score}", l.grouped(criterion.weight)))
                .collect::<Vec<_>>()
                .join(" + ");
            format!(
                "({terms}) ÷ {} = {}",
                l.grouped(weight_sum),
                l.grouped(score.round_dp(2))
            )
        };
        let id = &channel.id;
        let explain = Explanation::new(
            Text::by(|l| match l {
                Lang::En => format!("Qualitative score of {id}"),
                Lang::Fr => format!("Note qualitative de {id}"),
            }),
            Text::by(formula),
        )
        .amount(score)
        .rule(Text::new("Default scores", "Notes par défaut"), row);
        channels.push(ChannelScore {
            channel: channel.id.clone(),
            scores: scores.to_vec(),
            score,
            monthly_profit_home: scenario
                .channels
                .iter()
                .find(|result| result.channel == channel.id)
                .and_then(|result| result.monthly_profit_home),
            explain,
        });
    }
    channels.sort_by_key(|channel| std::cmp::Reverse(channel.score));
    Weighing {
        criteria,
        channels,
        missing,
    }
}
