//! Channel comparison: unit economics of every product on every channel of a plan (Amazon with FBA or
//! merchant-fulfilled, other marketplaces, an own store with its payment provider, a B2B lead
//! platform), fixed and set-up costs, break-even, scenarios side by side, sensitivity of the monthly
//! profit, time-phased scenarios month by month, the own-store obligations each channel leaves to the
//! seller, and a transparent qualitative weighing. Pure: packs, rates and the plan are arguments;
//! Amazon fees, landed cost and prices net of tax come from the cost engine.

pub mod economics;
pub mod obligations;
pub mod pack;
pub mod sensitivity;
pub mod timeline;
pub mod weigh;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use economics::*;
pub use obligations::*;
pub use pack::*;
pub use sensitivity::*;
pub use timeline::*;
pub use weigh::*;

use crate::checklist::catalogue::CatalogueError;
use crate::cost::Detail;
use crate::money::{Currency, FxRate};
use crate::packs::Packs;
use crate::plan::Plan;
use crate::plan::channels::Scenario;

/// Why a comparison cannot start. Missing figures are not errors: they are listed on their line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChannelError {
    #[error(
        "the plan has no [[channels]]: add at least one (e.g. pack = \"amazon-jp-fba\") to compare"
    )]
    NoChannels,
    #[error("field `{field}`: no channel pack `{id}` (bundled: {known})")]
    UnknownPack {
        field: String,
        id: String,
        known: String,
    },
    #[error("no scenario named \"{name}\" (the plan has: {known})")]
    UnknownScenario { name: String, known: String },
    #[error("the bundled checklist catalogues do not load: {0}")]
    Catalogues(#[from] CatalogueError),
}

/// The whole comparison of a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Comparison {
    pub plan: String,
    #[ts(type = "string")]
    pub as_of: NaiveDate,
    pub home_currency: Option<Currency>,
    /// Every scenario side by side (the plan's, or one built from the channels' `monthly_units`).
    pub scenarios: Vec<ScenarioResult>,
    /// The scenario the sensitivity and the weighing use.
    pub selected: String,
    pub sensitivity: Vec<SensitivityRow>,
    pub weighing: Weighing,
    /// Per selling channel, the own-store obligations (`store.*` checklist items) the seller carries
    /// itself and those the marketplace carries for it.
    #[serde(default)]
    pub obligations: Vec<ChannelObligations>,
}

/// Compares the plan's channels. `selected` picks the scenario for the sensitivity and the weighing
/// (the first one when absent).
pub fn compare(
    plan: &Plan,
    packs: &Packs,
    channel_packs: &ChannelPacks,
    rates: &[FxRate],
    selected: Option<&str>,
) -> Result<Comparison, ChannelError> {
    if plan.channels.is_empty() {
        return Err(ChannelError::NoChannels);
    }
    for (index, channel) in plan.channels.iter().enumerate() {
        let references = std::iter::once(("pack", Some(&channel.pack)))
            .chain(std::iter::once(("payment", channel.payment.as_ref())));
        for (field, id) in references {
            if let Some(id) = id
                && channel_packs.get(id).is_none()
            {
                return Err(ChannelError::UnknownPack {
                    field: format!("channels[{index}].{field}"),
                    id: id.clone(),
                    known: channel_packs.ids(),
                });
            }
        }
    }
    let scenarios: Vec<Scenario> = if plan.scenarios.is_empty() {
        vec![base_scenario(plan)]
    } else {
        plan.scenarios.clone()
    };
    let chosen = match selected {
        Some(name) => scenarios
            .iter()
            .find(|scenario| scenario.name == name)
            .ok_or_else(|| ChannelError::UnknownScenario {
                name: name.to_string(),
                known: scenarios
                    .iter()
                    .map(|scenario| format!("\"{}\"", scenario.name))
                    .collect::<Vec<_>>()
                    .join(", "),
            })?,
        None => scenarios.first().ok_or(ChannelError::NoChannels)?,
    };
    let context = Context {
        plan,
        packs,
        channel_packs,
        rates,
        detail: Detail::Explained,
        knobs: Knobs::NEUTRAL,
    };
    let results: Vec<ScenarioResult> = scenarios
        .iter()
        .map(|scenario| {
            let mut result = evaluate(&context, scenario);
            if plan.scenarios.is_empty() {
                result.kind = ScenarioKind::ChannelUnits;
            }
            result.timeline = timeline(&context, scenario, &result);
            result
        })
        .collect();
    let chosen_result = results
        .iter()
        .find(|result| result.name == chosen.name)
        .ok_or(ChannelError::NoChannels)?;
    let weighing = weigh(plan, channel_packs, chosen_result);
    let catalogues = crate::checklist::bundled::shared_catalogues()?;
    let obligations = catalogues
        .own_store()
        .map(|catalogue| obligations(plan, channel_packs, catalogue, plan.plan.as_of))
        .unwrap_or_default();
    Ok(Comparison {
        plan: plan.plan.name.clone(),
        as_of: plan.plan.as_of,
        home_currency: home_currency(plan),
        selected: chosen.name.clone(),
        sensitivity: sensitivity(&context, chosen),
        weighing,
        scenarios: results,
        obligations,
    })
}
