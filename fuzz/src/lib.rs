//! Arbitrary valid plans and rate sets for the engine fuzz targets, built from the fuzzer's bytes.
//!
//! A plan starts from the bundled example (so it has targets, products, channels and scenarios)
//! and has its products, targets, dates, amounts, sizes, volumes, flags and codes replaced by
//! values drawn from the input; amounts are mostly in the range validation accepts and sometimes
//! anywhere in `Decimal`'s. Only plans that pass the plan's own validation are handed to the
//! engines: the targets look for panics on input the app accepts.

use std::sync::OnceLock;

use chrono::NaiveDate;
use landfall::channels::{ChannelPacks, bundled_channels};
use landfall::checklist::catalogue::Catalogues;
use landfall::money::{Currency, FxRate, FxSource};
use landfall::packs::Packs;
use landfall::plan::{Fulfilment, Marketplace, Plan, ProductFlag, parse_plan};
use libfuzzer_sys::arbitrary::{Result, Unstructured};
use rust_decimal::Decimal;
use serde_json::{Value, json};

/// The bundled packs, channel packs and checklists, and the example plan as JSON.
pub struct Bundled {
    pub packs: Packs,
    pub channels: ChannelPacks,
    pub catalogues: Catalogues,
    example: Value,
}

pub fn bundled() -> &'static Bundled {
    static BUNDLED: OnceLock<Bundled> = OnceLock::new();
    BUNDLED.get_or_init(|| Bundled {
        packs: landfall::packs::bundled().expect("the bundled packs load"),
        channels: bundled_channels().expect("the channel packs load"),
        catalogues: landfall::checklist::bundled::catalogues().expect("the checklists load"),
        example: serde_json::to_value(
            parse_plan("example", landfall::store::EXAMPLE_PLAN_TOML).expect("the example parses"),
        )
        .expect("the example serialises"),
    })
}

/// A decimal: mostly an amount validation accepts (up to 10^15, up to four decimals), sometimes
/// anything `Decimal` holds.
fn decimal(u: &mut Unstructured<'_>) -> Result<Decimal> {
    Ok(match u.int_in_range(0..=9u8)? {
        0 => {
            let (lo, mid, hi, negative, scale): (u32, u32, u32, bool, u8) = u.arbitrary()?;
            Decimal::from_parts(lo, mid, hi, negative, u32::from(scale % 29))
        }
        1 => Decimal::ZERO,
        2..=5 => Decimal::new(u.int_in_range(0..=100_000_000i64)?, u.int_in_range(0..=4)?),
        _ => Decimal::new(
            u.int_in_range(0..=i64::MAX)?,
            u.int_in_range(0..=4)?,
        ),
    })
}

/// A package side or weight: mostly plausible, sometimes anything.
fn size(u: &mut Unstructured<'_>) -> Result<Decimal> {
    Ok(if u.ratio(1, 8)? {
        decimal(u)?
    } else {
        Decimal::new(u.int_in_range(1..=10_000_000i64)?, u.int_in_range(0..=4)?)
    })
}

fn amount(u: &mut Unstructured<'_>, currencies: &[&str]) -> Result<Value> {
    Ok(json!({
        "amount": decimal(u)?.to_string(),
        "currency": *u.choose(currencies)?,
    }))
}

const CURRENCIES: [&str; 5] = ["EUR", "JPY", "USD", "GBP", "KWD"];
const HS_CODES: [&str; 6] = ["851822", "8518220000", "950300", "420222", "330499", "610910"];
const CATEGORIES: [&str; 4] = ["electronics", "toys-hobby", "beauty", "unknown-category"];

/// A plan the plan's validation accepts, or `None` when the drawn one breaks a rule.
pub fn plan(u: &mut Unstructured<'_>) -> Result<Option<Plan>> {
    let mut value = bundled().example.clone();
    let days = u.int_in_range(0..=4000)?;
    let as_of = NaiveDate::from_ymd_opt(2020, 1, 1)
        .and_then(|start| start.checked_add_days(chrono::Days::new(days)))
        .unwrap_or_default();
    value["plan"]["as_of"] = json!(as_of.to_string());
    value["plan"]["home_currency"] = json!(*u.choose(&CURRENCIES)?);
    value["seller"]["capital"] = amount(u, &CURRENCIES)?;

    let mut targets = Vec::new();
    for marketplace in Marketplace::ALL {
        if u.ratio(1, 2)? {
            targets.push(json!({
                "marketplace": marketplace.id(),
                "fulfilment": u.choose(&Fulfilment::ALL)?.id(),
                "channel": *u.choose(&["b2c", "b2b", "both"])?,
                "monthly_units": u.int_in_range(0..=1_000_000u32)?,
                "monthly_sales": amount(u, &CURRENCIES)?,
            }));
        }
    }
    value["targets"] = Value::Array(targets);

    let template = value["products"][0].clone();
    let mut products = Vec::new();
    for index in 0..u.int_in_range(0..=4)? {
        let mut product = template.clone();
        product["sku"] = json!(format!("P-{index}"));
        product["hs_code"] = json!(*u.choose(&HS_CODES)?);
        product["category"] = json!(*u.choose(&CATEGORIES)?);
        let flags: Vec<&str> = ProductFlag::ALL
            .iter()
            .filter_map(|flag| u.ratio(1, 6).ok()?.then(|| flag.id()))
            .collect();
        product["flags"] = json!(flags);
        product["unit_cost"] = amount(u, &CURRENCIES)?;
        product["package"] = json!({
            "length_cm": size(u)?.to_string(),
            "width_cm": size(u)?.to_string(),
            "height_cm": size(u)?.to_string(),
            "weight_g": size(u)?.to_string(),
        });
        let mut prices = Vec::new();
        let mut freight = Vec::new();
        for marketplace in Marketplace::ALL {
            if u.ratio(2, 3)? {
                prices.push(json!({ "marketplace": marketplace.id(), "price": amount(u, &CURRENCIES)? }));
            }
            if u.ratio(2, 3)? {
                freight.push(json!({
                    "marketplace": marketplace.id(),
                    "freight": amount(u, &CURRENCIES)?,
                    "insurance": amount(u, &CURRENCIES)?,
                }));
            }
        }
        product["prices"] = Value::Array(prices);
        product["freight"] = Value::Array(freight);
        product["overrides"] = json!([{
            "marketplace": u.choose(&Marketplace::ALL)?.id(),
            "fulfilment_fee": amount(u, &CURRENCIES)?,
            "duty_rate": format!("{}%", Decimal::new(u.int_in_range(0..=10_000i64)?, 1)),
        }]);
        products.push(product);
    }
    value["products"] = Value::Array(products);

    // The example's channels and scenarios keep their shape; their figures are drawn.
    replace_amounts(&mut value["channels"], u)?;
    replace_amounts(&mut value["scenarios"], u)?;

    let Ok(plan) = serde_json::from_value::<Plan>(value) else {
        return Ok(None);
    };
    Ok(plan.validate().is_empty().then_some(plan))
}

/// Every `amount` and unit count under `value`, drawn anew.
fn replace_amounts(value: &mut Value, u: &mut Unstructured<'_>) -> Result<()> {
    match value {
        Value::Object(fields) => {
            for (key, field) in fields.iter_mut() {
                match key.as_str() {
                    "amount" if field.is_string() => *field = json!(decimal(u)?.to_string()),
                    "units" | "monthly_units" if field.is_u64() => {
                        *field = json!(u.int_in_range(0..=1_000_000u32)?)
                    }
                    _ => replace_amounts(field, u)?,
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                replace_amounts(item, u)?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// A set of exchange rates as `FxRate::new` accepts them, between the plan's currencies.
pub fn rates(u: &mut Unstructured<'_>, on: NaiveDate) -> Result<Vec<FxRate>> {
    let mut rates = Vec::new();
    for (index, from) in CURRENCIES.iter().enumerate() {
        for to in &CURRENCIES[index + 1..] {
            if !u.ratio(3, 4)? {
                continue;
            }
            let (Ok(from), Ok(to)) = (from.parse::<Currency>(), to.parse::<Currency>()) else {
                continue;
            };
            let rate = Decimal::new(u.int_in_range(1..=1_000_000_000_000i64)?, 6);
            if let Ok(rate) = FxRate::new(from, to, rate, on, FxSource::EcbReference) {
                rates.push(rate);
            }
        }
    }
    Ok(rates)
}
