//! Handlers behind the Channels view's editing: the plan's channels (from the bundled channel packs)
//! and its scenarios. Every change is checked with the plan's own rules plus what only the packs know
//! (a channel's pack, market and payment provider), saved at once, and refused with each problem named
//! on the form's field. Renaming or deleting a channel carries into the scenarios that name it, so a
//! scenario never silently loses a channel.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{ApiError, ErrorCode, Landfall, PlanDetail, replace_or_push};
use crate::channels::{
    AmazonLink, ChannelModel, ChannelPack, ChannelPacks, FeeBasis, FeeStatus, fees_in_force,
};
use crate::money::Currency;
use crate::plan::channels::{ChannelPlan, Market, Scenario, ScenarioVolume};
use crate::plan::{Fulfilment, Plan, Problem, Target};
use crate::store::PlanId;
use crate::text::{NBSP, Text};

/// A channel pack the user can add to a plan, with what it leaves to the user.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ChannelOption {
    pub pack: String,
    pub name: Text,
    pub model: ChannelModel,
    /// The market the pack is tied to (Amazon, Rakuten, eBay sites); otherwise the channel chooses.
    pub market: Option<Market>,
    pub amazon: Option<AmazonLink>,
    /// Currency of the pack's own figures, and the default of a quote typed for it.
    pub currency: Currency,
    /// The seller ships each order: a delivery cost per unit is needed.
    pub seller_ships: bool,
    /// An own store: payments go through a payment pack chosen for the channel.
    pub needs_payment: bool,
    /// The fees the pack has no published figure for, in force at the plan's date.
    pub quotes: Vec<QuoteRequest>,
}

/// A fee the user types from their own quote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct QuoteRequest {
    pub code: String,
    pub label: Text,
    /// Per-sale and conversion fees are rates; monthly, annual and set-up fees are amounts.
    pub basis: FeeBasis,
    pub prompt: Text,
    /// The markets the fee is charged in (all when empty): PayPal's international rate is not asked
    /// of a store selling at home.
    pub markets: Vec<Market>,
}

/// The channels and scenarios of a plan, as the Channels view saves them together (undo and redo
/// put both back as they were).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ChannelSetup {
    pub channels: Vec<ChannelPlan>,
    pub scenarios: Vec<Scenario>,
}

impl Landfall {
    /// Every bundled channel and payment pack, with the quotes each asks for at the plan's date.
    pub fn channel_options(&self, id: PlanId) -> Result<Vec<ChannelOption>, ApiError> {
        let as_of = self.get_plan(id)?.plan.plan.as_of;
        Ok(self
            .channel_packs
            .packs
            .values()
            .map(|pack| {
                let quotes = [
                    FeeBasis::PerSale,
                    FeeBasis::FxConversion,
                    FeeBasis::Monthly,
                    FeeBasis::Annual,
                    FeeBasis::Setup,
                ]
                .into_iter()
                .flat_map(|basis| fees_in_force(pack, as_of, basis))
                .filter(|dated| dated.row.status == FeeStatus::UserEntered)
                .map(|dated| QuoteRequest {
                    code: dated.row.code.clone(),
                    label: dated.row.labels(),
                    basis: dated.row.basis,
                    prompt: dated.row.prompts().unwrap_or_else(|| dated.row.labels()),
                    markets: dated.row.markets.clone(),
                })
                .collect();
                let header = &pack.header;
                ChannelOption {
                    pack: header.id.clone(),
                    name: header.names(),
                    model: header.model,
                    market: header.market,
                    amazon: header.amazon,
                    currency: header.currency,
                    seller_ships: header.seller_ships,
                    needs_payment: header.needs_payment,
                    quotes,
                }
            })
            .collect())
    }

    /// Saves one channel: replaces the channel that had `previous_id` (renaming it in every scenario
    /// that names it), or appends a new one when `previous_id` is `None`. Problems name the channel's
    /// own fields (`ad_share`, `fixed[0].amount.amount`).
    pub fn save_channel(
        &mut self,
        id: PlanId,
        previous_id: Option<String>,
        channel: ChannelPlan,
    ) -> Result<PlanDetail, ApiError> {
        let mut plan = self.get_plan(id)?.plan;
        let at = match previous_id {
            Some(previous) => {
                let index = channel_index(&plan, &previous)?;
                if previous != channel.id {
                    rename_channel(&mut plan.scenarios, &previous, &channel.id);
                }
                Some(index)
            }
            None => None,
        };
        let index = replace_or_push(&mut plan.channels, at, channel);
        let prefix = format!("channels[{index}].");
        self.save_channels_checked(id, &plan, |field| {
            field.strip_prefix(&prefix).map(str::to_owned)
        })
    }

    /// Removes a channel and every scenario volume or price that names it.
    pub fn delete_channel(&mut self, id: PlanId, channel: &str) -> Result<PlanDetail, ApiError> {
        let mut plan = self.get_plan(id)?.plan;
        let index = channel_index(&plan, channel)?;
        plan.channels.remove(index);
        for scenario in &mut plan.scenarios {
            scenario.volumes.retain(|volume| volume.channel != channel);
            scenario.prices.retain(|price| price.channel != channel);
            for phase in &mut scenario.phases {
                phase.volumes.retain(|volume| volume.channel != channel);
                phase.prices.retain(|price| price.channel != channel);
            }
        }
        self.save_channels_checked(id, &plan, |field| Some(field.to_owned()))
    }

    /// Saves one scenario: replaces the one named `previous_name`, or appends a new one. Problems name
    /// the scenario's own fields (`name`, `phases[0].from_month`).
    pub fn save_scenario(
        &mut self,
        id: PlanId,
        previous_name: Option<String>,
        scenario: Scenario,
    ) -> Result<PlanDetail, ApiError> {
        let mut plan = self.get_plan(id)?.plan;
        let at = match previous_name {
            Some(previous) => Some(scenario_index(&plan, &previous)?),
            None => None,
        };
        let index = replace_or_push(&mut plan.scenarios, at, scenario);
        let prefix = format!("scenarios[{index}].");
        self.save_channels_checked(id, &plan, |field| {
            field.strip_prefix(&prefix).map(str::to_owned)
        })
    }

    pub fn delete_scenario(&mut self, id: PlanId, name: &str) -> Result<PlanDetail, ApiError> {
        let mut plan = self.get_plan(id)?.plan;
        let index = scenario_index(&plan, name)?;
        plan.scenarios.remove(index);
        self.save_channels_checked(id, &plan, |field| Some(field.to_owned()))
    }

    /// Replaces the channels and scenarios together: what undo and redo put back.
    pub fn save_channel_setup(
        &mut self,
        id: PlanId,
        setup: ChannelSetup,
    ) -> Result<PlanDetail, ApiError> {
        let mut plan = self.get_plan(id)?.plan;
        plan.channels = setup.channels;
        plan.scenarios = setup.scenarios;
        self.save_channels_checked(id, &plan, |field| Some(field.to_owned()))
    }

    /// The plan's rules and the packs' (see [`pack_problems`]), then the save.
    fn save_channels_checked(
        &mut self,
        id: PlanId,
        plan: &Plan,
        relative: impl Fn(&str) -> Option<String>,
    ) -> Result<PlanDetail, ApiError> {
        let problems = pack_problems(plan, &self.channel_packs);
        if !problems.is_empty() {
            return Err(ApiError::invalid(
                problems
                    .into_iter()
                    .map(|problem| Problem {
                        field: relative(&problem.field).unwrap_or(problem.field),
                        ..problem
                    })
                    .collect(),
            ));
        }
        self.save_checked(id, plan, relative)
    }

    /// The plan's Amazon channels follow its targets: a new target brings the channel that sells on
    /// its marketplace with its fulfilment and monthly units (unless the plan already sells there); a
    /// changed target changes its channel, and a removed target takes it away, only while the channel
    /// is still as it came and no scenario names it, so nothing the user typed is lost (an edited
    /// channel still follows the target's monthly units when it had them).
    pub(super) fn follow_targets(&self, before: &[Target], plan: &mut Plan) {
        let packs = &self.channel_packs;
        let marketplace_of = |channel: &ChannelPlan| {
            packs
                .get(&channel.pack)
                .and_then(|pack| pack.header.amazon)
                .map(|link| link.marketplace)
        };
        let mut kept = Vec::with_capacity(plan.channels.len());
        for channel in std::mem::take(&mut plan.channels) {
            let Some(marketplace) = marketplace_of(&channel) else {
                kept.push(channel);
                continue;
            };
            let old = before.iter().find(|t| t.marketplace == marketplace);
            let new = plan.targets.iter().find(|t| t.marketplace == marketplace);
            let (Some(old), true) = (old, old != new) else {
                kept.push(channel);
                continue;
            };
            let as_it_came = target_channel(packs, old).is_some_and(|fresh| {
                channel
                    == ChannelPlan {
                        id: channel.id.clone(),
                        ..fresh
                    }
            }) && !named(&plan.scenarios, &channel.id);
            match new {
                None if as_it_came => {}
                Some(new) if as_it_came => {
                    if let Some(fresh) = target_channel(packs, new) {
                        let id = if fresh.pack == channel.pack {
                            channel.id
                        } else {
                            unique_id(&kept, &fresh.id)
                        };
                        kept.push(ChannelPlan { id, ..fresh });
                    }
                }
                Some(new) if channel.monthly_units == old.monthly_units => {
                    kept.push(ChannelPlan {
                        monthly_units: new.monthly_units,
                        ..channel
                    });
                }
                _ => kept.push(channel),
            }
        }
        plan.channels = kept;
        for target in &plan.targets {
            let served = plan
                .channels
                .iter()
                .any(|channel| marketplace_of(channel) == Some(target.marketplace));
            let known = before.iter().any(|t| t.marketplace == target.marketplace);
            if served || known {
                continue;
            }
            if let Some(fresh) = target_channel(packs, target) {
                let id = unique_id(&plan.channels, &fresh.id);
                plan.channels.push(ChannelPlan { id, ..fresh });
            }
        }
    }
}

/// Whether a scenario (or one of its phases) gives a volume or a price to channel `id`.
fn named(scenarios: &[Scenario], id: &str) -> bool {
    scenarios.iter().any(|scenario| {
        scenario.volumes.iter().any(|v| v.channel == id)
            || scenario.prices.iter().any(|p| p.channel == id)
            || scenario.phases.iter().any(|phase| {
                phase.volumes.iter().any(|v| v.channel == id)
                    || phase.prices.iter().any(|p| p.channel == id)
            })
    })
}

/// The channel of a target: the Amazon pack of its marketplace and fulfilment (merchant-fulfilled
/// and a local warehouse both mean the seller ships), at the target's monthly units; none when no
/// bundled pack sells that way.
pub fn target_channel(packs: &ChannelPacks, target: &Target) -> Option<ChannelPlan> {
    let wanted = match target.fulfilment {
        Fulfilment::Fba => Fulfilment::Fba,
        Fulfilment::Mfn | Fulfilment::Local3pl => Fulfilment::Mfn,
    };
    let pack: &ChannelPack = packs.packs.values().find(|pack| {
        pack.header
            .amazon
            .is_some_and(|link| link.marketplace == target.marketplace && link.fulfilment == wanted)
    })?;
    Some(ChannelPlan {
        id: pack.header.id.clone(),
        pack: pack.header.id.clone(),
        market: None,
        customers: (target.channel != crate::plan::Channel::B2c).then_some(target.channel),
        // An Amazon channel's fulfilment is its pack's (FBA or MFN).
        fulfilment: None,
        payment: None,
        monthly_units: target.monthly_units,
        ad_share: None,
        cpa: None,
        return_rate: None,
        cost_per_return: None,
        fx_cost: None,
        fixed: Vec::new(),
        setup: Vec::new(),
        quotes: Vec::new(),
        products: Vec::new(),
    })
}

/// `id`, or `id-2`, `id-3`… when a channel already has it.
fn unique_id(channels: &[ChannelPlan], id: &str) -> String {
    let taken = |candidate: &str| channels.iter().any(|channel| channel.id == candidate);
    if !taken(id) {
        return id.to_owned();
    }
    (2..)
        .map(|n| format!("{id}-{n}"))
        .find(|candidate| !taken(candidate))
        .unwrap_or_else(|| id.to_owned())
}

fn rename_channel(scenarios: &mut [Scenario], from: &str, to: &str) {
    let rename = |volumes: &mut [ScenarioVolume]| {
        for volume in volumes.iter_mut().filter(|v| v.channel == from) {
            volume.channel = to.to_owned();
        }
    };
    for scenario in scenarios {
        rename(&mut scenario.volumes);
        for price in scenario.prices.iter_mut().filter(|p| p.channel == from) {
            price.channel = to.to_owned();
        }
        for phase in &mut scenario.phases {
            rename(&mut phase.volumes);
            for price in phase.prices.iter_mut().filter(|p| p.channel == from) {
                price.channel = to.to_owned();
            }
        }
    }
}

/// What only the packs can say about a plan's channels: the pack exists and sells (it is not a
/// payment provider), the channel has a market when its pack has none and not another one when it
/// has, and an own store names a payment pack. Field paths as in the plan (`channels[1].market`).
pub fn pack_problems(plan: &Plan, packs: &ChannelPacks) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (c, channel) in plan.channels.iter().enumerate() {
        let at = |field: &str| format!("channels[{c}].{field}");
        let Some(pack) = packs
            .get(&channel.pack)
            .filter(|pack| pack.header.model != ChannelModel::Payment)
        else {
            let pack = &channel.pack;
            problems.push(Problem::at(
                at("pack"),
                Text::new(
                    format!("there is no channel \"{pack}\" among the bundled channels"),
                    format!("aucun canal «{NBSP}{pack}{NBSP}» parmi les canaux fournis"),
                ),
            ));
            continue;
        };
        match (pack.header.market, channel.market) {
            (None, None) => problems.push(Problem::at(
                at("market"),
                Text::new(
                    "choose the market this channel sells to",
                    "choisissez le marché sur lequel ce canal vend",
                ),
            )),
            (Some(fixed), Some(chosen)) if fixed != chosen => problems.push(Problem::at(
                at("market"),
                Text::new(
                    "this channel sells only on its own market",
                    "ce canal ne vend que sur son propre marché",
                ),
            )),
            _ => {}
        }
        let payment = channel.payment.as_deref();
        if pack.header.needs_payment {
            let known = payment
                .and_then(|id| packs.get(id))
                .is_some_and(|payment| payment.header.model == ChannelModel::Payment);
            if !known {
                problems.push(Problem::at(
                    at("payment"),
                    Text::new(
                        "choose the payment provider of this store",
                        "choisissez le prestataire de paiement de cette boutique",
                    ),
                ));
            }
        } else if payment.is_some() {
            problems.push(Problem::at(
                at("payment"),
                Text::new(
                    "only an own store takes a payment provider",
                    "seule une boutique en propre a un prestataire de paiement",
                ),
            ));
        }
    }
    problems
}

fn channel_index(plan: &Plan, id: &str) -> Result<usize, ApiError> {
    plan.channels
        .iter()
        .position(|channel| channel.id == id)
        .ok_or_else(|| {
            ApiError::new(
                ErrorCode::NotFound,
                format!("channel: the plan has no channel \"{id}\""),
            )
        })
}

fn scenario_index(plan: &Plan, name: &str) -> Result<usize, ApiError> {
    plan.scenarios
        .iter()
        .position(|scenario| scenario.name == name)
        .ok_or_else(|| {
            ApiError::new(
                ErrorCode::NotFound,
                format!("scenario: the plan has no scenario \"{name}\""),
            )
        })
}
