//! The user's plan: seller profile, targets, products; the portable TOML format.
//!
//! The same file is what the app exports and what the CLI reads. Parsing is strict: an unknown field
//! is an error naming it, and every error carries the file line and the dotted field path.

pub mod categories;
pub mod channels;
pub mod examples;
pub mod import;
mod input;
pub mod locate;

pub use input::{Input, InputRef};

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::limits::{MAX_NAME_CHARS, MAX_SKU_CHARS, excerpt};
use crate::money::MAX_AMOUNT;
use crate::text::{Lang, NBSP, Text};

/// A whole plan file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    pub plan: PlanHeader,
    pub seller: Seller,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<Target>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub products: Vec<Product>,
    /// Channel comparison inputs (optional; see [`channels`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub channels: Vec<channels::ChannelPlan>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scenarios: Vec<channels::Scenario>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub criteria: Option<channels::CriteriaWeights>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PlanHeader {
    pub name: String,
    /// The date the rules are evaluated at.
    #[ts(type = "string")]
    pub as_of: NaiveDate,
    pub home_currency: CurrencyCode,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Seller {
    pub country: CountryCode,
    pub entity: Entity,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capital: Option<Amount>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Entity {
    Company,
    SoleTrader,
}

impl Entity {
    pub const ALL: [Entity; 2] = [Entity::Company, Entity::SoleTrader];

    pub fn id(self) -> &'static str {
        match self {
            Entity::Company => "company",
            Entity::SoleTrader => "sole-trader",
        }
    }
}

/// One marketplace the seller wants to sell on, and how.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Target {
    pub marketplace: Marketplace,
    pub fulfilment: Fulfilment,
    pub channel: Channel,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monthly_sales: Option<Amount>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monthly_units: Option<u32>,
    /// The customs fee per import consignment the user typed (a broker's quote, or the US
    /// Merchandise Processing Fee of a year the rules do not hold yet), used instead of the rules'.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customs_fee: Option<Amount>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Marketplace {
    AmazonJp,
    AmazonUs,
    AmazonDe,
    AmazonFr,
    AmazonUk,
}

impl Marketplace {
    pub const ALL: [Marketplace; 5] = [
        Marketplace::AmazonJp,
        Marketplace::AmazonUs,
        Marketplace::AmazonDe,
        Marketplace::AmazonFr,
        Marketplace::AmazonUk,
    ];

    /// The identifier used in plan files and catalogues (`amazon-jp`).
    pub fn id(self) -> &'static str {
        match self {
            Marketplace::AmazonJp => "amazon-jp",
            Marketplace::AmazonUs => "amazon-us",
            Marketplace::AmazonDe => "amazon-de",
            Marketplace::AmazonFr => "amazon-fr",
            Marketplace::AmazonUk => "amazon-uk",
        }
    }
}

impl fmt::Display for Marketplace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub enum Fulfilment {
    #[serde(rename = "fba")]
    Fba,
    #[serde(rename = "mfn")]
    Mfn,
    #[serde(rename = "local-3pl")]
    Local3pl,
}

impl Fulfilment {
    pub const ALL: [Fulfilment; 3] = [Fulfilment::Fba, Fulfilment::Mfn, Fulfilment::Local3pl];

    pub fn id(self) -> &'static str {
        match self {
            Fulfilment::Fba => "fba",
            Fulfilment::Mfn => "mfn",
            Fulfilment::Local3pl => "local-3pl",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Channel {
    B2c,
    B2b,
    Both,
}

impl Channel {
    pub const ALL: [Channel; 3] = [Channel::B2c, Channel::B2b, Channel::Both];

    pub fn id(self) -> &'static str {
        match self {
            Channel::B2c => "b2c",
            Channel::B2b => "b2b",
            Channel::Both => "both",
        }
    }
}

/// One product (SKU) with the facts the checklist and the cost engine need.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Product {
    pub sku: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hs_code: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flags: Vec<ProductFlag>,
    /// Minimum age in months the toy is meant for (only meaningful for toys).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub toy_age_min_months: Option<u32>,
    /// Referral-fee category id in the marketplace packs, on every marketplace without its own entry
    /// in `categories`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// The category on one marketplace, where its category tree differs (Amazon.fr has no
    /// "beauty-health" row, Amazon.co.jp no "most").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<MarketplaceCategory>,
    /// Purchase cost per unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_cost: Option<Amount>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub package: Option<Package>,
    /// Litres of liquid in one unit (a 75 cl bottle: 0.75), for duties charged per litre (wine,
    /// spirits).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "string")]
    pub litres: Option<Decimal>,
    /// Country of origin (ISO 3166 alpha-2), for tariff preferences.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<CountryCode>,
    /// The seller claims preferential origin (e.g. under the EU–Japan EPA) where an agreement covers
    /// the origin and the destination, and holds the proof it asks for.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub preferential_origin: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prices: Vec<Price>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub freight: Vec<Freight>,
    /// Figures the user typed for one marketplace, used instead of the packs' and marked as such.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overrides: Vec<ProductOverride>,
}

impl Product {
    /// The referral-fee category on `marketplace`: its own entry, else the product's category.
    pub fn category_on(&self, marketplace: Marketplace) -> Option<&str> {
        self.categories
            .iter()
            .find(|entry| entry.marketplace == marketplace)
            .map(|entry| entry.category.as_str())
            .or(self.category.as_deref())
    }
}

/// A product's referral-fee category on one marketplace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct MarketplaceCategory {
    pub marketplace: Marketplace,
    pub category: String,
}

/// The user's own figures for a product on one marketplace: the FBA fee from Amazon's calculator
/// (where the pack's table is user-entered) and the duty rate from the tariff or a binding ruling.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ProductOverride {
    pub marketplace: Marketplace,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fulfilment_fee: Option<Amount>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duty_rate: Option<crate::money::Rate>,
}

/// Product facts that decide which rules apply. Electrical or battery flags imply EEE for EU rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ProductFlag {
    MainsElectrical,
    AcAdapterIncluded,
    RadioEmitter,
    /// Lithium battery built in, not removable.
    LiBatteryContained,
    LiBatteryPackedWith,
    LiBatteryStandalone,
    MobileBattery,
    Food,
    FoodContactArticle,
    Alcohol,
    Supplement,
    FunctionClaim,
    Cosmetic,
    QuasiDrug,
    MedicalDevice,
    Toy,
    TextileApparel,
    PscSpecifiedProduct,
    GasAppliance,
    ChilledFrozen,
    /// US: a product designed primarily for children 12 years or younger.
    ChildrenProduct,
    /// Made from a commodity of the EU deforestation regulation (cattle, cocoa, coffee, oil palm, soy,
    /// rubber, wood) in a form it lists.
    DeforestationCommodity,
}

impl ProductFlag {
    pub const ALL: [ProductFlag; 22] = [
        ProductFlag::MainsElectrical,
        ProductFlag::AcAdapterIncluded,
        ProductFlag::RadioEmitter,
        ProductFlag::LiBatteryContained,
        ProductFlag::LiBatteryPackedWith,
        ProductFlag::LiBatteryStandalone,
        ProductFlag::MobileBattery,
        ProductFlag::Food,
        ProductFlag::FoodContactArticle,
        ProductFlag::Alcohol,
        ProductFlag::Supplement,
        ProductFlag::FunctionClaim,
        ProductFlag::Cosmetic,
        ProductFlag::QuasiDrug,
        ProductFlag::MedicalDevice,
        ProductFlag::Toy,
        ProductFlag::TextileApparel,
        ProductFlag::PscSpecifiedProduct,
        ProductFlag::GasAppliance,
        ProductFlag::ChilledFrozen,
        ProductFlag::ChildrenProduct,
        ProductFlag::DeforestationCommodity,
    ];

    /// The identifier used in plan files (`radio_emitter`).
    pub fn id(self) -> &'static str {
        match self {
            ProductFlag::MainsElectrical => "mains_electrical",
            ProductFlag::AcAdapterIncluded => "ac_adapter_included",
            ProductFlag::RadioEmitter => "radio_emitter",
            ProductFlag::LiBatteryContained => "li_battery_contained",
            ProductFlag::LiBatteryPackedWith => "li_battery_packed_with",
            ProductFlag::LiBatteryStandalone => "li_battery_standalone",
            ProductFlag::MobileBattery => "mobile_battery",
            ProductFlag::Food => "food",
            ProductFlag::FoodContactArticle => "food_contact_article",
            ProductFlag::Alcohol => "alcohol",
            ProductFlag::Supplement => "supplement",
            ProductFlag::FunctionClaim => "function_claim",
            ProductFlag::Cosmetic => "cosmetic",
            ProductFlag::QuasiDrug => "quasi_drug",
            ProductFlag::MedicalDevice => "medical_device",
            ProductFlag::Toy => "toy",
            ProductFlag::TextileApparel => "textile_apparel",
            ProductFlag::PscSpecifiedProduct => "psc_specified_product",
            ProductFlag::GasAppliance => "gas_appliance",
            ProductFlag::ChilledFrozen => "chilled_frozen",
            ProductFlag::ChildrenProduct => "children_product",
            ProductFlag::DeforestationCommodity => "deforestation_commodity",
        }
    }

    pub fn from_id(id: &str) -> Option<ProductFlag> {
        ProductFlag::ALL.into_iter().find(|flag| flag.id() == id)
    }

    /// Electrical or battery flags make the product electrical and electronic equipment (EEE) for EU rules.
    pub fn implies_eee(self) -> bool {
        matches!(
            self,
            ProductFlag::MainsElectrical
                | ProductFlag::AcAdapterIncluded
                | ProductFlag::RadioEmitter
                | ProductFlag::LiBatteryContained
                | ProductFlag::LiBatteryPackedWith
                | ProductFlag::MobileBattery
        )
    }
}

/// Outer package of one unit as shipped to the fulfilment centre.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Package {
    #[ts(type = "string")]
    pub length_cm: Decimal,
    #[ts(type = "string")]
    pub width_cm: Decimal,
    #[ts(type = "string")]
    pub height_cm: Decimal,
    #[ts(type = "string")]
    pub weight_g: Decimal,
}

/// The price as displayed to the buyer on one marketplace (tax-inclusive in JP, EU and UK).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Price {
    pub marketplace: Marketplace,
    pub price: Amount,
}

/// Per-unit freight and insurance to one marketplace.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Freight {
    pub marketplace: Marketplace,
    pub freight: Amount,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub insurance: Option<Amount>,
}

/// An amount as written in the plan file: `{ amount = "18.50", currency = "EUR" }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Amount {
    #[ts(type = "string")]
    pub amount: Decimal,
    pub currency: CurrencyCode,
}

/// An ISO 4217 alphabetic currency code (three capital letters), checked when read.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(try_from = "String", into = "String")]
pub struct CurrencyCode(String);

impl CurrencyCode {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The code if it is three capital letters; otherwise why not, in both languages.
    pub fn checked(code: String) -> Result<CurrencyCode, Text> {
        if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) {
            Ok(CurrencyCode(code))
        } else {
            Err(Text::new(
                format!(
                    "\"{code}\" is not a currency code: expected three capital letters (ISO 4217), e.g. \"EUR\""
                ),
                format!(
                    "«{NBSP}{code}{NBSP}» n’est pas un code de devise{NBSP}: trois lettres majuscules attendues \
                     (ISO 4217), par exemple «{NBSP}EUR{NBSP}»"
                ),
            ))
        }
    }
}

impl TryFrom<String> for CurrencyCode {
    type Error = String;
    fn try_from(code: String) -> Result<Self, String> {
        CurrencyCode::checked(code).map_err(|refusal| refusal.en)
    }
}

impl From<CurrencyCode> for String {
    fn from(code: CurrencyCode) -> String {
        code.0
    }
}

impl fmt::Display for CurrencyCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An ISO 3166-1 alpha-2 country code (two capital letters), checked when read.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(try_from = "String", into = "String")]
pub struct CountryCode(String);

impl CountryCode {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The code if it is two capital letters; otherwise why not, in both languages.
    pub fn checked(code: String) -> Result<CountryCode, Text> {
        if code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase()) {
            Ok(CountryCode(code))
        } else {
            Err(Text::new(
                format!(
                    "\"{code}\" is not a country code: expected two capital letters (ISO 3166 alpha-2), e.g. \"FR\""
                ),
                format!(
                    "«{NBSP}{code}{NBSP}» n’est pas un code pays{NBSP}: deux lettres majuscules attendues \
                     (ISO 3166 alpha-2), par exemple «{NBSP}FR{NBSP}»"
                ),
            ))
        }
    }
}

impl TryFrom<String> for CountryCode {
    type Error = String;
    fn try_from(code: String) -> Result<Self, String> {
        CountryCode::checked(code).map_err(|refusal| refusal.en)
    }
}

impl From<CountryCode> for String {
    fn from(code: CountryCode) -> String {
        code.0
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One thing wrong with a plan: the field path, where it is in the file (when read from text) and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Problem {
    /// Dotted path such as `products[1].unit_cost.amount`; empty when the file as a whole is unreadable.
    pub field: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// Why, in both languages; the CLI and error strings print the English.
    pub message: Text,
}

impl Problem {
    /// A problem at a field path; the line is filled in later from the source text.
    pub fn at(field: impl Into<String>, message: Text) -> Problem {
        Problem {
            field: field.into(),
            line: None,
            column: None,
            message,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(line) = self.line {
            write!(f, "{line}:")?;
            if let Some(column) = self.column {
                write!(f, "{column}:")?;
            }
            f.write_str(" ")?;
        }
        if !self.field.is_empty() {
            write!(f, "{}: ", self.field)?;
        }
        f.write_str(&self.message.en)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    /// The plan file cannot be read or breaks a rule; every problem names its field.
    #[error("{}", render_problems(source_name, problems))]
    Invalid {
        source_name: String,
        problems: Vec<Problem>,
    },
    #[error("cannot write the plan as TOML: {0}")]
    Serialise(String),
}

/// One problem a line, each prefixed with the source name (and line when known).
pub(crate) fn render_problems(source_name: &str, problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|problem| {
            if problem.line.is_some() {
                format!("{source_name}:{problem}")
            } else {
                format!("{source_name}: {problem}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The refusal of a negative amount, the figure written each language's way.
pub(crate) fn negative_amount(amount: Decimal) -> Text {
    Text::new(
        format!("must not be negative, found {amount}"),
        format!(
            "ne doit pas être négatif (valeur indiquée{NBSP}: {})",
            Lang::Fr.as_typed(amount)
        ),
    )
}

/// The refusal of a second entry for the same marketplace.
fn given_twice(marketplace: Marketplace) -> Text {
    Text::new(
        format!("{marketplace} is given twice"),
        format!("{marketplace} est indiqué deux fois"),
    )
}

/// Decimals an amount may carry beyond its currency's minor unit: a unit cost of a cheap part
/// (0.0035 EUR) needs a few, a price of 0.0000000000000000000000000001 JPY is a typing error whose
/// ratios no computation can hold.
pub const MAX_EXTRA_DECIMALS: u32 = 4;

/// The largest package side in centimetres and weight in grams: ten metres and ten tonnes, far
/// beyond any parcel a marketplace's fulfilment takes, and small enough that no volume overflows.
pub const MAX_PACKAGE_CM: Decimal = Decimal::from_parts(1_000, 0, 0, false, 0);
pub const MAX_PACKAGE_G: Decimal = Decimal::from_parts(10_000_000, 0, 0, false, 0);
/// The most litres one unit may hold: a cubic metre, beyond any unit sold by the piece.
pub const MAX_UNIT_LITRES: Decimal = Decimal::from_parts(1_000, 0, 0, false, 0);

/// Why an amount cannot be used, if it cannot: negative, above [`MAX_AMOUNT`], or with more
/// decimals than its currency's minor unit plus [`MAX_EXTRA_DECIMALS`].
pub(crate) fn amount_problem(amount: &Amount) -> Option<Text> {
    let value = amount.amount;
    if value.is_sign_negative() && !value.is_zero() {
        return Some(negative_amount(value));
    }
    if value > MAX_AMOUNT {
        return Some(Text::by(|l| {
            format!(
                "{} {}",
                l.pick("must be at most", "doit valoir au plus"),
                l.grouped(MAX_AMOUNT)
            )
        }));
    }
    // Unknown codes are flagged where the amount is used; their precision is judged as for EUR.
    let exponent = crate::money::Currency::from_str(amount.currency.as_str())
        .map_or(2, |currency| currency.exponent());
    let allowed = exponent + MAX_EXTRA_DECIMALS;
    let decimals = value.normalize().scale();
    if decimals > allowed {
        let currency = &amount.currency;
        return Some(Text::new(
            format!("{decimals} decimals; a {currency} amount has at most {allowed}"),
            format!(
                "{decimals}{NBSP}décimales{NBSP}; un montant en {currency} en a au plus {allowed}"
            ),
        ));
    }
    None
}

/// Why a name or label cannot be used, if it cannot: longer than `max` characters, or holding a
/// control character (a line break, a tab, a terminal escape).
pub(crate) fn label_problem(value: &str, max: usize) -> Option<Text> {
    let length = value.chars().count();
    if length > max {
        return Some(Text::by(|l| {
            format!(
                "{} {}, {} {max}{}: {}",
                l.grouped(Decimal::from(length as u64)),
                l.pick("characters", "caractères"),
                l.pick("at most", "au plus"),
                l.pick("", "\u{a0}"),
                excerpt(value)
            )
        }));
    }
    if value.chars().any(char::is_control) {
        return Some(Text::new(
            format!(
                "{} holds a control character (a line break, a tab…): names are one line of text",
                excerpt(value)
            ),
            format!(
                "{} contient un caractère de contrôle (saut de ligne, tabulation…){NBSP}: un nom tient sur une ligne",
                excerpt(value)
            ),
        ));
    }
    None
}

/// Reads and validates a plan. `source_name` (usually the file path) prefixes every error.
pub fn parse_plan(source_name: &str, text: &str) -> Result<Plan, PlanError> {
    let invalid = |problems| PlanError::Invalid {
        source_name: source_name.to_owned(),
        problems,
    };
    let plan: Plan = locate::from_toml(text).map_err(|problem| invalid(vec![problem]))?;
    let mut problems = plan.validate();
    if problems.is_empty() {
        return Ok(plan);
    }
    locate::place(text, &mut problems);
    Err(invalid(problems))
}

impl Plan {
    /// Rules serde cannot express: non-negative amounts and sizes, unique SKUs, non-empty names,
    /// HS code shape. Problems carry field paths; `parse_plan` adds the lines.
    pub fn validate(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        let mut problem = |field: String, message: Text| problems.push(Problem::at(field, message));
        if self.plan.name.trim().is_empty() {
            problem(
                "plan.name".into(),
                Text::new("the plan needs a name", "le plan doit avoir un nom"),
            );
        }
        // Names are checked where they are; a field path is written only for a refused one.
        if let Some(message) = label_problem(&self.plan.name, MAX_NAME_CHARS) {
            problem("plan.name".into(), message);
        }
        for (c, channel) in self.channels.iter().enumerate() {
            if let Some(message) = label_problem(&channel.id, MAX_NAME_CHARS) {
                problem(format!("channels[{c}].id"), message);
            }
        }
        for (s, scenario) in self.scenarios.iter().enumerate() {
            if let Some(message) = label_problem(&scenario.name, MAX_NAME_CHARS) {
                problem(format!("scenarios[{s}].name"), message);
            }
        }
        let mut amounts: Vec<(String, &Amount)> = Vec::new();
        if let Some(capital) = &self.seller.capital {
            amounts.push(("seller.capital".into(), capital));
        }
        for (t, target) in self.targets.iter().enumerate() {
            if let Some(sales) = &target.monthly_sales {
                amounts.push((format!("targets[{t}].monthly_sales"), sales));
            }
            if let Some(fee) = &target.customs_fee {
                amounts.push((format!("targets[{t}].customs_fee"), fee));
            }
            if self.targets[..t]
                .iter()
                .any(|earlier| earlier.marketplace == target.marketplace)
            {
                problem(
                    format!("targets[{t}].marketplace"),
                    given_twice(target.marketplace),
                );
            }
        }
        let mut first_index_of_sku: HashMap<&str, usize> = HashMap::new();
        for (p, product) in self.products.iter().enumerate() {
            let at = format!("products[{p}]");
            let labels = [
                ("sku", Some(product.sku.as_str()), MAX_SKU_CHARS),
                ("name", Some(product.name.as_str()), MAX_NAME_CHARS),
                ("category", product.category.as_deref(), MAX_NAME_CHARS),
            ];
            for (name, value, max) in labels {
                if let Some(message) = value.and_then(|value| label_problem(value, max)) {
                    problem(format!("{at}.{name}"), message);
                }
            }
            if product.sku.trim().is_empty() {
                problem(
                    format!("{at}.sku"),
                    Text::new(
                        "the SKU must not be empty",
                        "la référence (SKU) ne doit pas être vide",
                    ),
                );
            } else if let Some(first) = first_index_of_sku.get(product.sku.as_str()) {
                let sku = excerpt(&product.sku);
                problem(
                    format!("{at}.sku"),
                    Text::new(
                        format!("duplicate SKU \"{sku}\" (already used by products[{first}])"),
                        format!(
                            "la référence (SKU) «{NBSP}{sku}{NBSP}» est en double (déjà utilisée par products[{first}])"
                        ),
                    ),
                );
            } else {
                first_index_of_sku.insert(&product.sku, p);
            }
            if product.name.trim().is_empty() {
                problem(
                    format!("{at}.name"),
                    Text::new("the product needs a name", "le produit doit avoir un nom"),
                );
            }
            if let Some(hs) = &product.hs_code
                && (!(6..=10).contains(&hs.len()) || !hs.bytes().all(|b| b.is_ascii_digit()))
            {
                let hs = excerpt(hs);
                problem(
                    format!("{at}.hs_code"),
                    Text::new(
                        format!(
                            "\"{hs}\" is not an HS code: expected 6 to 10 digits, e.g. \"851822\""
                        ),
                        format!(
                            "«{NBSP}{hs}{NBSP}» n’est pas un code SH{NBSP}: 6 à 10 chiffres attendus, \
                             par exemple «{NBSP}851822{NBSP}»"
                        ),
                    ),
                );
            }
            if let Some(cost) = &product.unit_cost {
                amounts.push((format!("{at}.unit_cost"), cost));
            }
            if let Some(litres) = product.litres
                && (litres <= Decimal::ZERO || litres > MAX_UNIT_LITRES)
            {
                problem(
                    format!("{at}.litres"),
                    Text::by(|l| {
                        l.pick(
                            format!(
                                "must be greater than zero and at most {}, found {}",
                                l.grouped(MAX_UNIT_LITRES),
                                l.as_typed(litres)
                            ),
                            format!(
                                "doit être supérieur à zéro et valoir au plus {} (valeur indiquée{NBSP}: {})",
                                l.grouped(MAX_UNIT_LITRES),
                                l.as_typed(litres)
                            ),
                        )
                    }),
                );
            }
            if let Some(package) = &product.package {
                for (name, value) in [
                    ("length_cm", package.length_cm),
                    ("width_cm", package.width_cm),
                    ("height_cm", package.height_cm),
                    ("weight_g", package.weight_g),
                ] {
                    let most = if name == "weight_g" {
                        MAX_PACKAGE_G
                    } else {
                        MAX_PACKAGE_CM
                    };
                    if value <= Decimal::ZERO {
                        problem(
                            format!("{at}.package.{name}"),
                            Text::new(
                                format!("must be greater than zero, found {value}"),
                                format!(
                                    "doit être supérieur à zéro (valeur indiquée{NBSP}: {})",
                                    Lang::Fr.as_typed(value)
                                ),
                            ),
                        );
                    } else if value > most || value.normalize().scale() > MAX_EXTRA_DECIMALS {
                        problem(
                            format!("{at}.package.{name}"),
                            Text::by(|l| {
                                format!(
                                    "{} {} {} {MAX_EXTRA_DECIMALS} {} ({} {})",
                                    l.pick("must be at most", "doit valoir au plus"),
                                    l.grouped(most),
                                    l.pick("with at most", "avec au plus"),
                                    l.pick("decimals", "décimales"),
                                    l.pick("found", "valeur indiquée"),
                                    excerpt(&l.as_typed(value))
                                )
                            }),
                        );
                    }
                }
            }
            for (i, price) in product.prices.iter().enumerate() {
                amounts.push((format!("{at}.prices[{i}].price"), &price.price));
            }
            let lists: [(&str, Vec<Marketplace>); 3] = [
                (
                    "prices",
                    product.prices.iter().map(|p| p.marketplace).collect(),
                ),
                (
                    "freight",
                    product.freight.iter().map(|f| f.marketplace).collect(),
                ),
                (
                    "categories",
                    product.categories.iter().map(|c| c.marketplace).collect(),
                ),
            ];
            for (list, marketplaces) in lists {
                for (i, marketplace) in marketplaces.iter().enumerate() {
                    if marketplaces[..i].contains(marketplace) {
                        problem(
                            format!("{at}.{list}[{i}].marketplace"),
                            given_twice(*marketplace),
                        );
                    }
                }
            }
            for (i, entry) in product.categories.iter().enumerate() {
                if entry.category.trim().is_empty() {
                    problem(
                        format!("{at}.categories[{i}].category"),
                        Text::new(
                            "the category must not be empty",
                            "la catégorie ne doit pas être vide",
                        ),
                    );
                }
            }
            let mut overridden = Vec::new();
            for (i, entry) in product.overrides.iter().enumerate() {
                let marketplace = entry.marketplace;
                if overridden.contains(&marketplace) {
                    problem(
                        format!("{at}.overrides[{i}].marketplace"),
                        Text::new(
                            format!("{marketplace} is overridden twice"),
                            format!("vos chiffres pour {marketplace} sont donnés deux fois"),
                        ),
                    );
                }
                overridden.push(marketplace);
                if let Some(fee) = &entry.fulfilment_fee {
                    amounts.push((format!("{at}.overrides[{i}].fulfilment_fee"), fee));
                }
            }
            for (i, freight) in product.freight.iter().enumerate() {
                amounts.push((format!("{at}.freight[{i}].freight"), &freight.freight));
                if let Some(insurance) = &freight.insurance {
                    amounts.push((format!("{at}.freight[{i}].insurance"), insurance));
                }
            }
        }
        for (field, amount) in amounts {
            if let Some(message) = amount_problem(amount) {
                problem(format!("{field}.amount"), message);
            }
        }
        problems.extend(channels::problems(self));
        problems
    }

    /// Writes the plan back as TOML in the same format `parse_plan` reads.
    pub fn to_toml(&self) -> Result<String, PlanError> {
        toml::to_string(self).map_err(|err| PlanError::Serialise(err.to_string()))
    }
}
