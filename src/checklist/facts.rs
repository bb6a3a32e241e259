//! The facts a condition may test, and their values for one subject (a marketplace target or a
//! channel of the plan) and one product. A fact the plan does not give is `Unknown`: a question for
//! the user, never a no.

use std::collections::BTreeSet;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::plan::channels::{ChannelPlan, Market};
use crate::plan::{
    Amount, Channel, Entity, Fulfilment, Input, InputRef, Marketplace, Plan, Product, ProductFlag,
    Target,
};

/// A fact about the profile an expression may test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Fact {
    /// The Amazon marketplace (absent for another channel).
    Marketplace,
    /// The market sold into (`jp`, `us`, `de`, `fr`, `uk`), for every subject.
    Market,
    /// The market is an EU member state.
    MarketInEu,
    /// The buyers are in another country than the seller.
    CrossBorder,
    /// How orders reach buyers: Amazon's option for a target, the channel's own for a channel.
    Fulfilment,
    /// Who buys: the target's channel, or the channel's customers.
    Channel,
    SellerCountry,
    SellerEntity,
    /// The seller's country is an EU member state.
    SellerInEu,
    ToyAgeMinMonths,
    /// The product's country of origin is an EU member state (its preferential origin is then worth
    /// checking).
    OriginInEu,
    /// The monthly sales projection on the marketplace, an amount with its currency.
    MonthlySales,
    MonthlyUnits,
    /// Twelve times the monthly sales projection (thresholds such as the US INFORM Act count 12 months).
    AnnualSales,
    AnnualUnits,
}

/// What values a fact takes, checked when a catalogue loads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Number,
    /// An amount with its currency: compared with a literal such as `10000 USD`.
    Money,
    Boolean,
}

impl Fact {
    pub const ALL: [Fact; 15] = [
        Fact::Marketplace,
        Fact::Market,
        Fact::MarketInEu,
        Fact::CrossBorder,
        Fact::Fulfilment,
        Fact::Channel,
        Fact::SellerCountry,
        Fact::SellerEntity,
        Fact::SellerInEu,
        Fact::ToyAgeMinMonths,
        Fact::OriginInEu,
        Fact::MonthlySales,
        Fact::MonthlyUnits,
        Fact::AnnualSales,
        Fact::AnnualUnits,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Fact::Marketplace => "marketplace",
            Fact::Market => "market",
            Fact::MarketInEu => "market_in_eu",
            Fact::CrossBorder => "cross_border",
            Fact::Fulfilment => "fulfilment",
            Fact::Channel => "channel",
            Fact::SellerCountry => "seller_country",
            Fact::SellerEntity => "seller_entity",
            Fact::SellerInEu => "seller_in_eu",
            Fact::ToyAgeMinMonths => "toy_age_min_months",
            Fact::OriginInEu => "origin_in_eu",
            Fact::MonthlySales => "monthly_sales",
            Fact::MonthlyUnits => "monthly_units",
            Fact::AnnualSales => "annual_sales",
            Fact::AnnualUnits => "annual_units",
        }
    }

    pub fn from_name(name: &str) -> Option<Fact> {
        Fact::ALL.into_iter().find(|fact| fact.name() == name)
    }

    pub fn kind(self) -> Kind {
        match self {
            Fact::Marketplace
            | Fact::Market
            | Fact::Fulfilment
            | Fact::Channel
            | Fact::SellerCountry
            | Fact::SellerEntity => Kind::Text,
            Fact::SellerInEu | Fact::MarketInEu | Fact::CrossBorder | Fact::OriginInEu => {
                Kind::Boolean
            }
            Fact::ToyAgeMinMonths | Fact::MonthlyUnits | Fact::AnnualUnits => Kind::Number,
            Fact::MonthlySales | Fact::AnnualSales => Kind::Money,
        }
    }

    /// The closed set of values a text fact can take, when there is one (checked at load).
    pub fn allowed_values(self) -> Option<Vec<&'static str>> {
        match self {
            Fact::Marketplace => Some(Marketplace::ALL.iter().map(|m| m.id()).collect()),
            Fact::Market => Some(Market::ALL.iter().map(|m| m.id()).collect()),
            Fact::Fulfilment => Some(Fulfilment::ALL.iter().map(|f| f.id()).collect()),
            Fact::Channel => Some(Channel::ALL.iter().map(|c| c.id()).collect()),
            Fact::SellerEntity => Some(Entity::ALL.iter().map(|e| e.id()).collect()),
            _ => None,
        }
    }

    /// Product facts make an item product-specific (its SKUs are listed).
    pub fn is_product_fact(self) -> bool {
        matches!(self, Fact::ToyAgeMinMonths | Fact::OriginInEu)
    }

    /// The field of the plan that answers this fact when the plan does not give it; `None` for facts
    /// every plan gives.
    pub fn input(self) -> Option<Input> {
        match self {
            Fact::MonthlySales | Fact::AnnualSales => Some(Input::MonthlySales),
            Fact::MonthlyUnits | Fact::AnnualUnits => Some(Input::MonthlyUnits),
            Fact::ToyAgeMinMonths => Some(Input::ToyAge),
            Fact::OriginInEu => Some(Input::Origin),
            // Only a channel's can be missing: an Amazon target always says how it is fulfilled.
            Fact::Fulfilment => Some(Input::Fulfilment),
            _ => None,
        }
    }
}

/// A fact's value for one profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Text(String),
    Number(Decimal),
    /// An amount and its currency code.
    Money(Decimal, String),
    Boolean(bool),
    /// The plan does not give it (yet): conditions on it are undecided.
    Unknown,
    /// It does not exist for this subject (an own store has no Amazon marketplace): it equals nothing.
    Absent,
}

/// EU member states (ISO 3166 alpha-2), for `seller_in_eu` and `market_in_eu`.
const EU_MEMBERS: [&str; 27] = [
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT",
    "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
];

/// What a checklist is evaluated for: a marketplace target, or a channel of the plan (an own store,
/// Rakuten Ichiba) selling into a market.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Subject<'a> {
    Target(&'a Target),
    Channel {
        channel: &'a ChannelPlan,
        market: Market,
    },
}

impl Subject<'_> {
    pub fn market(&self) -> Market {
        match self {
            Subject::Target(target) => Market::of(target.marketplace),
            Subject::Channel { market, .. } => *market,
        }
    }

    /// Who buys: the target's channel, or the channel's customers (consumers when not given).
    pub fn customers(&self) -> Channel {
        match self {
            Subject::Target(target) => target.channel,
            Subject::Channel { channel, .. } => channel.customers.unwrap_or(Channel::B2c),
        }
    }
}

/// What a condition is evaluated over: the seller, one subject and (optionally) one product.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    pub marketplace: Option<Marketplace>,
    /// The channel id, for a channel subject (where its missing facts are answered).
    pub channel_id: Option<String>,
    pub market: Market,
    pub fulfilment: Option<Fulfilment>,
    pub channel: Channel,
    pub seller_country: String,
    pub seller_entity: Entity,
    pub sku: Option<String>,
    pub flags: BTreeSet<ProductFlag>,
    pub toy_age_min_months: Option<u32>,
    pub origin: Option<String>,
    pub monthly_sales: Option<Amount>,
    pub monthly_units: Option<u32>,
}

impl Profile {
    /// The profile for one subject and one product (`None`: the seller-level profile without product
    /// facts). A channel has no Amazon marketplace and no sales projection.
    pub fn new(plan: &Plan, subject: &Subject, product: Option<&Product>) -> Profile {
        let (marketplace, channel_id, fulfilment, monthly_sales, monthly_units) = match subject {
            Subject::Target(target) => (
                Some(target.marketplace),
                None,
                Some(target.fulfilment),
                target.monthly_sales.clone(),
                target.monthly_units,
            ),
            Subject::Channel { channel, .. } => (
                None,
                Some(channel.id.clone()),
                channel.fulfilment,
                None,
                channel.monthly_units,
            ),
        };
        Profile {
            marketplace,
            channel_id,
            market: subject.market(),
            fulfilment,
            channel: subject.customers(),
            seller_country: plan.seller.country.as_str().to_owned(),
            seller_entity: plan.seller.entity,
            sku: product.map(|p| p.sku.clone()),
            flags: product.map_or_else(BTreeSet::new, |p| p.flags.iter().copied().collect()),
            toy_age_min_months: product.and_then(|p| p.toy_age_min_months),
            origin: product.and_then(|p| p.origin.as_ref().map(|c| c.as_str().to_owned())),
            monthly_sales,
            monthly_units,
        }
    }

    pub fn value(&self, fact: Fact) -> Value {
        let text = |s: &str| Value::Text(s.to_owned());
        let twelve = Decimal::from(12);
        let money = |amount: Option<Decimal>| match (&self.monthly_sales, amount) {
            (Some(sales), Some(amount)) => Value::Money(amount, sales.currency.as_str().to_owned()),
            _ => Value::Unknown,
        };
        match fact {
            Fact::Marketplace => self.marketplace.map_or(Value::Absent, |m| text(m.id())),
            Fact::Market => text(self.market.id()),
            Fact::MarketInEu => Value::Boolean(EU_MEMBERS.contains(&self.market.country())),
            Fact::CrossBorder => Value::Boolean(self.market.country() != self.seller_country),
            Fact::Fulfilment => self.fulfilment.map_or(Value::Unknown, |f| text(f.id())),
            Fact::Channel => text(self.channel.id()),
            Fact::SellerCountry => text(&self.seller_country),
            Fact::SellerEntity => text(self.seller_entity.id()),
            Fact::SellerInEu => Value::Boolean(EU_MEMBERS.contains(&self.seller_country.as_str())),
            Fact::ToyAgeMinMonths => self
                .toy_age_min_months
                .map_or(Value::Unknown, |m| Value::Number(m.into())),
            Fact::OriginInEu => self.origin.as_ref().map_or(Value::Unknown, |origin| {
                Value::Boolean(EU_MEMBERS.contains(&origin.as_str()))
            }),
            Fact::MonthlySales => money(self.monthly_sales.as_ref().map(|s| s.amount)),
            Fact::AnnualSales => money(
                self.monthly_sales
                    .as_ref()
                    .and_then(|s| s.amount.checked_mul(twelve)),
            ),
            Fact::MonthlyUnits => self
                .monthly_units
                .map_or(Value::Unknown, |u| Value::Number(u.into())),
            Fact::AnnualUnits => self
                .monthly_units
                .map_or(Value::Unknown, |u| Value::Number(Decimal::from(u) * twelve)),
        }
    }

    /// Where the answer to `fact` goes when this profile does not give it.
    pub fn input_ref(&self, fact: Fact) -> Option<InputRef> {
        let input = fact.input()?;
        let (marketplace, channel) = (self.marketplace, self.channel_id.clone());
        Some(match input {
            Input::ToyAge | Input::Origin => InputRef {
                input,
                sku: self.sku.clone(),
                marketplace: None,
                channel: None,
            },
            Input::Fulfilment => InputRef {
                input,
                sku: None,
                marketplace: None,
                channel: Some(channel?),
            },
            _ => InputRef {
                input,
                sku: None,
                marketplace,
                channel,
            },
        })
    }
}
