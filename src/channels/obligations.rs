//! The own-store obligations workload per channel: the `store.*` checklist items that apply in the
//! channel's market, split into those the seller carries itself and those a marketplace carries
//! (its site and checkout, or its fulfilment). An own store carries them all.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::pack::{ChannelModel, ChannelPacks};
use crate::checklist::catalogue::Catalogues;
use crate::checklist::catalogue::{Catalogue, OnMarketplace};
use crate::checklist::engine::{PlanChecklist, evaluate_plan, evaluate_store};
use crate::plan::Plan;
use crate::plan::channels::{ChannelPlan, Market};
use crate::text::Text;

/// One channel's share of the own-store obligations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ChannelObligations {
    pub channel: String,
    pub model: ChannelModel,
    pub market: Market,
    /// The applicable `store.*` items the seller carries itself on this channel.
    pub seller: Vec<Obligation>,
    /// Those the marketplace carries for the seller.
    pub marketplace: Vec<Obligation>,
}

/// One own-store obligation: its requirement code and the applicable item's title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Obligation {
    pub code: String,
    pub title: Text,
}

/// The plan's own-store channels with the market each sells into (the channel's `market`, else the
/// pack's). A channel without a market or with an unknown pack is left out (the comparison says why).
pub fn own_stores<'a>(
    plan: &'a Plan,
    channel_packs: &ChannelPacks,
) -> Vec<(&'a ChannelPlan, Market)> {
    plan.channels
        .iter()
        .filter_map(|channel| {
            let pack = channel_packs.get(&channel.pack)?;
            let market = channel.market.or(pack.header.market)?;
            (pack.header.model == ChannelModel::OwnStore).then_some((channel, market))
        })
        .collect()
}

/// The plan's checklist at its own as-of date with nothing recorded yet: what a report or a check of
/// a plan file reads (the window adds the progress the user recorded).
pub fn plan_checklist(
    plan: &Plan,
    catalogues: &Catalogues,
    channel_packs: &ChannelPacks,
) -> PlanChecklist {
    evaluate_plan(
        plan,
        catalogues,
        &own_stores(plan, channel_packs),
        plan.plan.as_of,
        None,
        &[],
    )
}

/// The workload of every selling channel of the plan (payment packs and B2B lead platforms, where the
/// sale is closed off the platform, are left out), evaluated at `as_of` with the store's `customers`.
pub fn obligations(
    plan: &Plan,
    channel_packs: &ChannelPacks,
    store_catalogue: &Catalogue,
    as_of: NaiveDate,
) -> Vec<ChannelObligations> {
    plan.channels
        .iter()
        .filter_map(|channel| {
            let pack = channel_packs.get(&channel.pack)?;
            let market = channel.market.or(pack.header.market)?;
            let model = pack.header.model;
            // Which side carries the items the marketplace's fulfilment would carry.
            let marketplace_fulfils = match model {
                ChannelModel::OwnStore => false,
                ChannelModel::Amazon | ChannelModel::Marketplace => !pack.header.seller_ships,
                ChannelModel::Payment | ChannelModel::B2bLeads => return None,
            };
            let checklist =
                evaluate_store(plan, channel, market, store_catalogue, as_of, None, &[]);
            let mut seller = Vec::new();
            let mut marketplace = Vec::new();
            for result in &checklist.checklist.items {
                let carried_by_marketplace = model != ChannelModel::OwnStore
                    && match store_catalogue
                        .item(&result.id)
                        .and_then(|item| item.on_marketplace)
                    {
                        Some(OnMarketplace::Marketplace) => true,
                        Some(OnMarketplace::Fulfilment) => marketplace_fulfils,
                        Some(OnMarketplace::Seller) | None => false,
                    };
                let obligation = Obligation {
                    code: result.code.clone().unwrap_or_else(|| result.id.clone()),
                    title: result.title.clone(),
                };
                if carried_by_marketplace {
                    marketplace.push(obligation);
                } else {
                    seller.push(obligation);
                }
            }
            Some(ChannelObligations {
                channel: channel.id.clone(),
                model,
                market,
                seller,
                marketplace,
            })
        })
        .collect()
}
