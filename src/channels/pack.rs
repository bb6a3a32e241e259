//! Channel packs (`data/channels/*.toml`): how a channel charges (monthly, annual, set-up and per-sale
//! fees, currency conversion) and how it scores on the qualitative criteria. Same conventions as the
//! rule packs: every row has `effective_from`, `source` (an id of a `[sources.ID]` table) and
//! `confidence`; a figure not found in any source is a `user-entered` row with a prompt.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use toml::Spanned;
use ts_rs::TS;

use crate::money::{Currency, Rate};
use crate::packs::{
    Confidence, Dated, FigureRow, FileContext, PackError, PackErrors, PackOrigin, RowMeta,
    RowResolver, Source, figure_row, toml_error,
};
use crate::plan::channels::Market;
use crate::plan::{Fulfilment, Marketplace};

/// What kind of channel a pack describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum ChannelModel {
    /// An Amazon marketplace: fees from the cost engine.
    Amazon,
    /// Another marketplace (Rakuten, eBay, Etsy): fees from this pack.
    Marketplace,
    /// The seller's own web store; needs a payment pack.
    OwnStore,
    /// A card or wallet processor used by an own store.
    Payment,
    /// A B2B lead platform (the sale is closed off the platform).
    B2bLeads,
}

/// The Amazon marketplace and fulfilment an `amazon` pack stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AmazonLink {
    pub marketplace: Marketplace,
    pub fulfilment: Fulfilment,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ChannelHeader {
    pub kind: String,
    pub id: String,
    pub name: String,
    pub model: ChannelModel,
    /// Currency of the pack's amounts (converted into the market's currency when they differ).
    pub currency: Currency,
    /// The market, when the channel is tied to one (Amazon, Rakuten, eBay sites).
    #[serde(default)]
    pub market: Option<Market>,
    #[serde(default)]
    pub amazon: Option<AmazonLink>,
    /// The seller ships each order (so a per-unit delivery cost is needed).
    #[serde(default)]
    pub seller_ships: bool,
    /// Payments go through a separate payment pack chosen in the plan.
    #[serde(default)]
    pub needs_payment: bool,
}

/// How a fee is charged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum FeeBasis {
    Monthly,
    Annual,
    Setup,
    /// Per unit sold: `rate × displayed price + amount`.
    PerSale,
    /// On the proceeds converted to the home currency: `rate × net revenue`.
    FxConversion,
}

/// Whether a fee's figure is in the pack or must be typed by the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum FeeStatus {
    Published,
    UserEntered,
}

figure_row! {
    /// One fee of a channel.
    ChannelFeeRow {
        code: String,
        label: String,
        basis: FeeBasis,
        status: FeeStatus,
        #[serde(default, with = "rust_decimal::serde::str_option")]
        amount: Option<Decimal>,
        #[serde(default)]
        rate: Option<Rate>,
        /// Only for these markets (all when empty).
        #[serde(default)]
        markets: Vec<Market>,
        /// Only when the displayed price is above this (pack currency).
        #[serde(default, with = "rust_decimal::serde::str_option")]
        price_over: Option<Decimal>,
        /// Only when the displayed price is at most this (pack currency).
        #[serde(default, with = "rust_decimal::serde::str_option")]
        price_up_to: Option<Decimal>,
        /// What to ask the user for a `user-entered` fee.
        #[serde(default)]
        prompt: Option<String>,
    }
}

impl FigureRow for ChannelFeeRow {
    fn meta(&self) -> RowMeta<'_> {
        self.row_meta()
    }
    fn check(&self) -> Result<(), (&'static str, String)> {
        match self.status {
            FeeStatus::UserEntered => {
                if self.amount.is_some() || self.rate.is_some() {
                    return Err((
                        "status",
                        "a `user-entered` fee gives no amount or rate".to_string(),
                    ));
                }
                if self
                    .prompt
                    .as_deref()
                    .is_none_or(|prompt| prompt.trim().is_empty())
                {
                    return Err((
                        "prompt",
                        "a `user-entered` fee needs a prompt telling the user what to enter"
                            .to_string(),
                    ));
                }
            }
            FeeStatus::Published => {
                let fits = match self.basis {
                    FeeBasis::Monthly | FeeBasis::Annual | FeeBasis::Setup => {
                        self.amount.is_some() && self.rate.is_none()
                    }
                    FeeBasis::PerSale => self.amount.is_some() || self.rate.is_some(),
                    FeeBasis::FxConversion => self.rate.is_some() && self.amount.is_none(),
                };
                if !fits {
                    return Err((
                        "amount",
                        "monthly, annual and set-up fees give `amount`; per-sale fees `rate` and/or \
                         `amount`; fx-conversion fees `rate`"
                            .to_string(),
                    ));
                }
            }
        }
        if self.amount.is_some_and(|amount| amount.is_sign_negative()) {
            return Err(("amount", "must not be negative".to_string()));
        }
        Ok(())
    }
}

impl ChannelFeeRow {
    /// Whether the fee applies in `market` at a displayed price of `price` (in the pack's currency).
    pub fn applies(&self, market: Market, price: Decimal) -> bool {
        (self.markets.is_empty() || self.markets.contains(&market))
            && self.price_over.is_none_or(|over| price > over)
            && self.price_up_to.is_none_or(|up_to| price <= up_to)
    }
}

figure_row! {
    /// Default scores 1 (poor) to 5 (good) on the qualitative criteria.
    ScoresRow {
        customer_relationship: u8,
        brand_presentation: u8,
        traffic: u8,
        low_investment: u8,
        time_to_market: u8,
        low_operational_load: u8,
    }
}

impl ScoresRow {
    /// The scores in the order of [`super::Criterion::ALL`].
    pub fn values(&self) -> [u8; 6] {
        [
            self.customer_relationship,
            self.brand_presentation,
            self.traffic,
            self.low_investment,
            self.time_to_market,
            self.low_operational_load,
        ]
    }
}

impl FigureRow for ScoresRow {
    fn meta(&self) -> RowMeta<'_> {
        self.row_meta()
    }
    fn check(&self) -> Result<(), (&'static str, String)> {
        if self.values().iter().any(|score| !(1..=5).contains(score)) {
            return Err(("scores", "every score is 1 to 5".to_string()));
        }
        Ok(())
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChannelPack {
    pack: ChannelHeader,
    #[serde(default)]
    sources: BTreeMap<String, Source>,
    #[serde(default)]
    fees: Vec<Spanned<ChannelFeeRow>>,
    #[serde(default)]
    scores: Vec<Spanned<ScoresRow>>,
}

/// One channel's figures (every row, every date).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChannelPack {
    pub header: ChannelHeader,
    pub fees: Vec<Dated<ChannelFeeRow>>,
    pub scores: Vec<Dated<ScoresRow>>,
}

/// All channel packs, by id.
#[derive(Debug, Clone, Default)]
pub struct ChannelPacks {
    pub packs: BTreeMap<String, ChannelPack>,
}

impl ChannelPacks {
    pub fn get(&self, id: &str) -> Option<&ChannelPack> {
        self.packs.get(id)
    }

    /// The ids, for error messages.
    pub fn ids(&self) -> String {
        self.packs.keys().cloned().collect::<Vec<_>>().join(", ")
    }
}

/// The packs shipped in `data/channels/`, compiled into the binary.
pub const BUNDLED_CHANNEL_FILES: &[(&str, &str)] = crate::packs::bundled_files::CHANNEL_FILES;

/// Loads the bundled channel packs (checked by the test suite; an error is still reported, not a panic).
pub fn bundled_channels() -> Result<ChannelPacks, PackErrors> {
    load_channels(BUNDLED_CHANNEL_FILES.iter().copied(), PackOrigin::Bundled)
}

/// Loads channel pack files given as `(name, text)`; every problem is collected with file and line.
pub fn load_channels<'a>(
    files: impl IntoIterator<Item = (&'a str, &'a str)>,
    origin: PackOrigin,
) -> Result<ChannelPacks, PackErrors> {
    let mut packs = ChannelPacks::default();
    let mut errors = Vec::new();
    for (name, text) in files {
        match parse_channel_pack(name, text, origin) {
            Ok(pack) => {
                if packs.packs.contains_key(&pack.header.id) {
                    errors.push(PackError {
                        file: name.to_string(),
                        line: None,
                        field: Some("pack.id".to_string()),
                        message: format!("channel pack `{}` is defined twice", pack.header.id),
                    });
                } else {
                    packs.packs.insert(pack.header.id.clone(), pack);
                }
            }
            Err(mut file_errors) => errors.append(&mut file_errors),
        }
    }
    if errors.is_empty() {
        Ok(packs)
    } else {
        Err(PackErrors(errors))
    }
}

fn parse_channel_pack(
    name: &str,
    text: &str,
    origin: PackOrigin,
) -> Result<ChannelPack, Vec<PackError>> {
    let raw: RawChannelPack =
        toml::from_str(text).map_err(|error| vec![toml_error(name, text, &error)])?;
    let header_error = |field: &str, message: String| PackError {
        file: name.to_string(),
        line: None,
        field: Some(field.to_string()),
        message,
    };
    let mut errors = Vec::new();
    if raw.pack.kind != "channel" {
        errors.push(header_error(
            "pack.kind",
            format!("expected \"channel\", found \"{}\"", raw.pack.kind),
        ));
    }
    let amazon = raw.pack.model == ChannelModel::Amazon;
    if amazon != raw.pack.amazon.is_some() {
        errors.push(header_error(
            "pack.amazon",
            "an `amazon` pack names its marketplace and fulfilment in `amazon`; other packs do not"
                .to_string(),
        ));
    }
    if let Some(link) = raw.pack.amazon
        && raw.pack.market.map(Market::marketplace) != Some(link.marketplace)
    {
        errors.push(header_error(
            "pack.market",
            format!(
                "must be the market of {} (the `amazon.marketplace`)",
                link.marketplace
            ),
        ));
    }
    let context = FileContext { name, text, origin };
    let mut rows = RowResolver {
        context: &context,
        sources: &raw.sources,
        errors: &mut errors,
    };
    let fees = rows.resolve(raw.fees, |row| (row.code.clone(), row.markets.clone()));
    let scores = rows.resolve(raw.scores, |_| ());
    if errors.is_empty() {
        Ok(ChannelPack {
            header: raw.pack,
            fees,
            scores,
        })
    } else {
        Err(errors)
    }
}
