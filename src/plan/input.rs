//! The plan inputs the engines read, and the reference a gap or a checklist question gives to one: the
//! window takes the user to the field it names.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Marketplace;

/// A plan input the engines read. Every gap names the one it needs, so the window can take the user
/// to it; `rule-pack` is a rule the bundled packs lack at the date (a user pack can add it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Input {
    // A product's facts and figures.
    UnitCost,
    Price,
    Freight,
    Insurance,
    Category,
    Package,
    HsCode,
    Origin,
    /// The user's FBA fee for a product on a marketplace.
    FulfilmentFee,
    /// The user's duty rate for a product on a marketplace (or a declaration line's).
    DutyRate,
    /// A toy's minimum age in months (the checklist's toy rules).
    ToyAge,
    // A target marketplace's.
    MonthlyUnits,
    /// Expected sales a month, with their currency (the checklist's thresholds on sales).
    MonthlySales,
    Fulfilment,
    /// The customs fee per import consignment, where the rules lack the figure in force (the US
    /// Merchandise Processing Fee).
    CustomsFee,
    /// An exchange rate between two currencies (Settings, or `--fx` on the command line).
    FxRate,
    // A declaration's or a sales file's (command line).
    CustomsValue,
    TaxRate,
    Points,
    ReferralRule,
    RefundAdministration,
    // A channel's.
    Market,
    Payment,
    Shipping,
    /// A fee the channel's pack leaves to the seller's own quote.
    ChannelQuote,
    FxCost,
    ReturnRate,
    CostPerReturn,
    Cpa,
    FixedCost,
    SetupCost,
    /// A product figure given on a channel for a SKU the plan does not have.
    ChannelProduct,
    // A scenario's.
    ScenarioVolume,
    ScenarioPrice,
    RulePack,
}

/// Which input a gap needs, for which product, marketplace and channel (a key is null when the input
/// is not tied to one): `{ "input": "freight", "sku": "SPK-1", "marketplace": "amazon-jp",
/// "channel": null }`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
pub struct InputRef {
    pub input: Input,
    pub sku: Option<String>,
    pub marketplace: Option<Marketplace>,
    pub channel: Option<String>,
}

impl InputRef {
    pub fn new(input: Input) -> InputRef {
        InputRef {
            input,
            sku: None,
            marketplace: None,
            channel: None,
        }
    }
}
