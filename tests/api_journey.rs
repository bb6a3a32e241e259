//! A plan built from a blank page through the handlers the window calls, on a database that was never
//! seeded: the new-plan form, each marketplace's terms, a product with every input typed, and the
//! exchange rates typed by hand.

use chrono::NaiveDate;
use landfall::api::{Landfall, ManualRate, NewPlan};
use landfall::plan::{
    Amount, Channel, CurrencyCode, Entity, Freight, Fulfilment, Marketplace, Package, Price,
    Product, ProductFlag, ProductOverride, Seller, Target,
};
use landfall::rates::{Origin, RatesStatus};
use landfall::store::PlanId;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 3).unwrap()
}

fn code(code: &str) -> CurrencyCode {
    CurrencyCode::try_from(code.to_owned()).unwrap()
}

fn amount(amount: Decimal, currency: &str) -> Amount {
    Amount {
        amount,
        currency: code(currency),
    }
}

fn target(marketplace: Marketplace, units: u32, sales: Amount) -> Target {
    Target {
        marketplace,
        fulfilment: Fulfilment::Fba,
        channel: Channel::B2c,
        monthly_sales: Some(sales),
        monthly_units: Some(units),
        customs_fee: None,
    }
}

/// A French cosmetics company's blank plan for Amazon.co.jp and Amazon.com, as the form sends it.
fn blank_plan(landfall: &mut Landfall) -> PlanId {
    let new = NewPlan {
        name: "  Crème visage Japon et États-Unis ".into(),
        home_currency: code("EUR"),
        seller: Seller {
            country: "FR".to_owned().try_into().unwrap(),
            entity: Entity::Company,
            capital: None,
        },
        targets: vec![
            target(Marketplace::AmazonJp, 200, amount(dec!(796000), "JPY")),
            target(Marketplace::AmazonUs, 150, amount(dec!(5100), "USD")),
        ],
    };
    landfall.new_plan(new, today()).unwrap().id
}

#[test]
fn a_database_opened_without_the_example_starts_empty_and_a_blank_plan_has_no_product() {
    let dir = tempfile::tempdir().unwrap();
    let mut landfall =
        Landfall::open_without_example(&dir.path().join("landfall.sqlite3")).unwrap();
    assert!(landfall.list_plans().unwrap().is_empty());

    let id = blank_plan(&mut landfall);
    let detail = landfall.get_plan(id).unwrap();
    let plan = &detail.plan;
    assert_eq!(plan.plan.name, "Crème visage Japon et États-Unis");
    assert_eq!(plan.plan.as_of, today());
    assert!(plan.products.is_empty() && plan.scenarios.is_empty());
    assert_eq!(plan.targets.len(), 2);
    // Each target marketplace comes with its channel, at the target's units per month.
    let channels: Vec<_> = plan
        .channels
        .iter()
        .map(|channel| {
            (
                channel.id.as_str(),
                channel.pack.as_str(),
                channel.monthly_units,
            )
        })
        .collect();
    assert_eq!(
        channels,
        [
            ("amazon-jp-fba", "amazon-jp-fba", Some(200)),
            ("amazon-us-fba", "amazon-us-fba", Some(150)),
        ]
    );
    assert_eq!(
        plan.targets[1].monthly_sales,
        Some(amount(dec!(5100), "USD"))
    );

    // Shelf prices include consumption tax in Japan, not in the US; each marketplace lists the
    // categories in force with our names and its own label.
    let jp = &detail.markets[&Marketplace::AmazonJp];
    let us = &detail.markets[&Marketplace::AmazonUs];
    assert!(jp.prices_include_tax && !us.prices_include_tax);
    assert!(detail.markets[&Marketplace::AmazonUk].prices_include_tax);
    assert_eq!(jp.name, "Amazon.co.jp");
    let beauty = jp
        .categories
        .iter()
        .find(|category| category.id == "beauty-health")
        .unwrap();
    assert_eq!(
        beauty.name.as_ref().map(|name| name.en.as_str()),
        Some("Beauty, health and personal care")
    );
    assert_eq!(beauty.label, "ビューティー・ヘルス・パーソナルケア");
    assert!(!jp.categories.iter().any(|category| category.id == "most"));
    assert!(us.categories.iter().any(|category| category.id == "most"));
}

#[test]
fn a_refused_new_plan_names_the_form_field_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut landfall =
        Landfall::open_without_example(&dir.path().join("landfall.sqlite3")).unwrap();
    let new = NewPlan {
        name: "Plan".into(),
        home_currency: code("EUR"),
        seller: Seller {
            country: "FR".to_owned().try_into().unwrap(),
            entity: Entity::SoleTrader,
            capital: None,
        },
        targets: vec![target(Marketplace::AmazonJp, 10, amount(dec!(-5), "JPY"))],
    };
    let err = landfall.new_plan(new, today()).unwrap_err();
    assert_eq!(err.problems[0].field, "targets[0].monthly_sales.amount");
    assert!(landfall.list_plans().unwrap().is_empty());
}

/// The face cream with every input the engines read, as the window's product editor saves it.
fn face_cream() -> Product {
    Product {
        sku: "CREAM-50".into(),
        name: "Crème visage 50 ml".into(),
        hs_code: Some("330499".into()),
        flags: vec![ProductFlag::Cosmetic],
        category: Some("beauty-health".into()),
        unit_cost: Some(amount(dec!(6.20), "EUR")),
        package: Some(Package {
            length_cm: dec!(8),
            width_cm: dec!(8),
            height_cm: dec!(6),
            weight_g: dec!(120),
        }),
        origin: Some("FR".to_owned().try_into().unwrap()),
        preferential_origin: true,
        litres: None,
        prices: vec![Price {
            marketplace: Marketplace::AmazonJp,
            price: amount(dec!(3980), "JPY"),
        }],
        freight: vec![Freight {
            marketplace: Marketplace::AmazonJp,
            freight: amount(dec!(1.80), "EUR"),
            insurance: Some(amount(dec!(0.05), "EUR")),
        }],
        overrides: vec![ProductOverride {
            marketplace: Marketplace::AmazonJp,
            // Example inputs: an FBA fee read from Amazon's calculator and the WTO-free duty of
            // 3304.99 in Japan's tariff.
            fulfilment_fee: Some(amount(dec!(318), "JPY")),
            duty_rate: Some("0%".parse().unwrap()),
        }],
        ..Product::default()
    }
}

#[test]
fn a_product_typed_in_full_reaches_a_margin_and_a_typed_rate_is_used_and_marked() {
    let dir = tempfile::tempdir().unwrap();
    let mut landfall =
        Landfall::open_without_example(&dir.path().join("landfall.sqlite3")).unwrap();
    let id = blank_plan(&mut landfall);
    landfall.save_product(id, None, face_cream()).unwrap();

    // Offline: 1 EUR = 162.50 JPY typed by hand for the plan's date.
    let report = landfall
        .set_manual_rate(
            ManualRate {
                currency: "JPY".into(),
                per_eur: dec!(162.50),
                date: today(),
            },
            today(),
        )
        .unwrap();
    assert_eq!(report.status, RatesStatus::Manual { date: today() });
    assert_eq!(report.manual.len(), 1);
    let jpy = report
        .rates
        .iter()
        .find(|rate| rate.currency == "JPY")
        .unwrap();
    assert_eq!((jpy.per_eur, jpy.origin), (dec!(162.50), Origin::Manual));

    let quote = landfall.quote_plan(id).unwrap().quote;
    let jp = quote
        .items
        .iter()
        .find(|item| item.marketplace == Marketplace::AmazonJp)
        .unwrap();
    assert!(jp.missing.is_empty(), "{:#?}", jp.missing);
    // 3,980 ÷ 1.1 = 3,618.1818; referral 3,980 × 10.4% = 413.92 → 414; FBA 318 (typed);
    // plan min(20,000, 4,900) ÷ 200 = 24.5; cost 6.20 × 162.50 = 1,007.50; freight and insurance
    // 1.85 × 162.50 = 300.625; duty 0.
    // Margin: 3,618.1818 − 414 − 0 − 318 − 24.5 − 1,308.125 = 1,553.5568.
    assert_eq!(jp.margin.map(|m| m.round_dp(4)), Some(dec!(1553.5568)));
    assert!(
        jp.fx
            .iter()
            .all(|rate| rate.source.to_string() == "manual rate"),
        "{:?}",
        jp.fx
    );

    // Forgotten, the rate goes back to the ECB's.
    let report = landfall
        .remove_manual_rate("JPY", today(), today())
        .unwrap();
    assert!(report.manual.is_empty());
    assert_ne!(report.status, RatesStatus::Manual { date: today() });
}
