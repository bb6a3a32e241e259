//! The plan file: strict parsing with field and line in every error, validation, and the TOML round trip.

use landfall::plan::{
    Channel, Entity, Fulfilment, Marketplace, Plan, PlanError, ProductFlag, parse_plan,
};
use rust_decimal_macros::dec;

const EXAMPLE: &str = include_str!("../data/examples/bluetooth-speaker-japan.toml");

fn problems(text: &str) -> Vec<(String, Option<usize>, String)> {
    match parse_plan("plan.toml", text) {
        Ok(plan) => panic!("expected an error, parsed {plan:?}"),
        Err(PlanError::Invalid { problems, .. }) => problems
            .into_iter()
            .map(|p| (p.field, p.line, p.message.en))
            .collect(),
        Err(other) => panic!("unexpected error {other}"),
    }
}

#[test]
fn example_plan_reads_every_field() {
    let plan = parse_plan("example", EXAMPLE).expect("example plan is valid");
    assert_eq!(plan.plan.as_of.to_string(), "2026-11-22");
    assert_eq!(plan.plan.home_currency.as_str(), "EUR");
    assert_eq!(plan.seller.country.as_str(), "FR");
    assert_eq!(plan.seller.entity, Entity::Company);
    assert_eq!(plan.seller.capital.as_ref().unwrap().amount, dec!(50000));
    let target = &plan.targets[0];
    assert_eq!(target.marketplace, Marketplace::AmazonJp);
    assert_eq!(target.fulfilment, Fulfilment::Fba);
    assert_eq!(target.channel, Channel::B2c);
    assert_eq!(target.monthly_units, Some(300));
    let product = &plan.products[0];
    assert_eq!(product.sku, "SPK-1");
    assert_eq!(
        product.flags,
        vec![ProductFlag::RadioEmitter, ProductFlag::LiBatteryContained]
    );
    assert_eq!(product.category.as_deref(), Some("electronics"));
    assert_eq!(product.unit_cost.as_ref().unwrap().amount, dec!(18.50));
    assert_eq!(product.package.as_ref().unwrap().weight_g, dec!(650));
    assert_eq!(product.origin.as_ref().unwrap().as_str(), "CN");
    assert_eq!(product.prices[0].price.amount, dec!(6980));
    assert_eq!(product.prices[0].price.currency.as_str(), "JPY");
    assert_eq!(product.freight[0].freight.amount, dec!(2.10));
    assert_eq!(
        product.freight[0].insurance.as_ref().unwrap().amount,
        dec!(0.15)
    );
}

#[test]
fn round_trip_keeps_everything() {
    let plan = parse_plan("example", EXAMPLE).unwrap();
    let written = plan.to_toml().unwrap();
    let again = parse_plan("written", &written).unwrap();
    assert_eq!(plan, again);
    // Decimals are written as strings so no precision is lost.
    assert!(written.contains("amount = \"18.50\""), "{written}");
}

#[test]
fn minimal_plan_without_optional_fields() {
    let text = "[plan]\nname = \"x\"\nas_of = \"2026-01-01\"\nhome_currency = \"EUR\"\n\
                [seller]\ncountry = \"FR\"\nentity = \"sole-trader\"\n";
    let plan = parse_plan("min", text).unwrap();
    assert!(plan.targets.is_empty() && plan.products.is_empty());
    assert_eq!(plan.seller.entity, Entity::SoleTrader);
    assert_eq!(parse_plan("again", &plan.to_toml().unwrap()).unwrap(), plan);
}

#[test]
fn unknown_field_is_named_with_its_line() {
    let text = EXAMPLE.replacen(
        "monthly_units = 300",
        "monthly_units = 300\nmontly_units = 3",
        1,
    );
    let found = problems(&text);
    assert_eq!(found.len(), 1);
    let (field, line, message) = &found[0];
    assert!(message.contains("montly_units"), "{message}");
    assert_eq!(field, "targets[0].montly_units");
    let expected_line = text
        .lines()
        .position(|l| l.starts_with("montly_units"))
        .unwrap()
        + 1;
    assert_eq!(*line, Some(expected_line));
}

#[test]
fn unknown_flag_and_bad_enum_are_named() {
    let text = EXAMPLE.replace("\"radio_emitter\",", "\"radio_emiter\",");
    let (field, line, message) = &problems(&text)[0];
    assert!(message.contains("radio_emiter"), "{message}");
    assert_eq!(field, "products[0].flags[0]");
    assert_eq!(*line, Some(28));

    let text = EXAMPLE.replace("fulfilment = \"fba\"", "fulfilment = \"fbm\"");
    let (field, _, message) = &problems(&text)[0];
    assert_eq!(field, "targets[0].fulfilment");
    assert!(message.contains("fbm"), "{message}");
}

#[test]
fn code_shapes_are_checked_with_field_and_line() {
    let text = EXAMPLE.replace("country = \"FR\"", "country = \"France\"");
    let (field, line, message) = &problems(&text)[0];
    assert_eq!(field, "seller.country");
    assert_eq!(*line, Some(12));
    assert!(message.contains("ISO 3166"), "{message}");

    let text = EXAMPLE.replace("home_currency = \"EUR\"", "home_currency = \"eur\"");
    let (field, line, message) = &problems(&text)[0];
    assert_eq!(field, "plan.home_currency");
    assert_eq!(*line, Some(9));
    assert!(message.contains("ISO 4217"), "{message}");

    let text = EXAMPLE.replacen("currency = \"JPY\"", "currency = \"YEN!\"", 1);
    let (field, _, _) = &problems(&text)[0];
    assert_eq!(field, "products[0].prices[0].price.currency");
}

#[test]
fn negative_amounts_duplicate_skus_and_bad_sizes_are_all_reported() {
    let mut text = EXAMPLE.replace("amount = \"18.50\"", "amount = \"-18.50\"");
    text = text.replace("weight_g = \"650\"", "weight_g = \"0\"");
    text.push_str("\n[[products]]\nsku = \"SPK-1\"\nname = \"Same SKU\"\nhs_code = \"85\"\n");
    let found = problems(&text);
    let fields: Vec<&str> = found.iter().map(|(f, _, _)| f.as_str()).collect();
    assert_eq!(
        fields,
        [
            "products[0].package.weight_g",
            "products[1].sku",
            "products[1].hs_code",
            "products[0].unit_cost.amount",
        ]
    );
    let line_of = |needle: &str, nth: usize| {
        text.lines()
            .enumerate()
            .filter(|(_, l)| l.contains(needle))
            .nth(nth)
            .map(|(i, _)| i + 1)
    };
    // The duplicate is the product appended last (channel sections also name SPK-1).
    let last_sku_line = text
        .lines()
        .enumerate()
        .filter(|(_, l)| *l == "sku = \"SPK-1\"")
        .last()
        .map(|(i, _)| i + 1);
    assert_eq!(found[1].1, last_sku_line);
    assert!(found[1].2.contains("duplicate SKU \"SPK-1\""));
    assert_eq!(found[3].1, line_of("-18.50", 0));
    let rendered = parse_plan("plan.toml", &text).unwrap_err().to_string();
    assert!(rendered.starts_with("plan.toml:"), "{rendered}");
    assert_eq!(rendered.lines().count(), 4);
}

#[test]
fn syntax_error_has_a_line() {
    let text = EXAMPLE.replace("[seller]", "[seller");
    let (_, line, _) = &problems(&text)[0];
    assert_eq!(*line, Some(11));
}

#[test]
fn zero_amount_is_allowed() {
    let text = EXAMPLE.replace("amount = \"0.15\"", "amount = \"0\"");
    let plan: Plan = parse_plan("zero", &text).unwrap();
    assert!(
        plan.products[0].freight[0]
            .insurance
            .as_ref()
            .unwrap()
            .amount
            .is_zero()
    );
}
