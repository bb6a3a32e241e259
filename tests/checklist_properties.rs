//! Invariants over generated profiles: the parser never panics, every item is either applicable or
//! not, dependencies come first, readiness stays within bounds, plans survive the TOML round trip.

use chrono::NaiveDate;
use landfall::checklist::bundled::catalogues;
use landfall::checklist::catalogue::Importance;
use landfall::checklist::engine::evaluate;
use landfall::checklist::expr::Expr;
use landfall::plan::{
    Amount, Channel, CountryCode, CurrencyCode, Entity, Fulfilment, Marketplace, Plan, PlanHeader,
    Product, ProductFlag, Seller, Target, parse_plan,
};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn plan(
    marketplace: Marketplace,
    fulfilment: Fulfilment,
    channel: Channel,
    products: Vec<(Vec<ProductFlag>, Option<u32>, i64)>,
) -> Plan {
    let code = |c: &str| CurrencyCode::try_from(c.to_owned()).unwrap();
    Plan {
        plan: PlanHeader {
            name: "generated".into(),
            as_of: NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
            home_currency: code("EUR"),
        },
        seller: Seller {
            country: CountryCode::try_from("FR".to_owned()).unwrap(),
            entity: Entity::Company,
            capital: None,
        },
        targets: vec![Target {
            marketplace,
            fulfilment,
            channel,
            monthly_sales: Some(Amount {
                amount: Decimal::new(1_234_567, 2),
                currency: code("USD"),
            }),
            monthly_units: Some(40),
            customs_fee: None,
        }],
        products: products
            .into_iter()
            .enumerate()
            .map(|(i, (flags, age, cost))| Product {
                sku: format!("SKU-{i}"),
                name: format!("Product {i}"),
                hs_code: Some("851822".into()),
                flags,
                toy_age_min_months: age,
                category: None,
                categories: Vec::new(),
                unit_cost: Some(Amount {
                    amount: Decimal::new(cost, 2),
                    currency: code("EUR"),
                }),
                package: None,
                origin: None,
                preferential_origin: false,
                prices: vec![],
                freight: vec![],
                overrides: vec![],
            })
            .collect(),
        channels: vec![],
        scenarios: vec![],
        criteria: None,
    }
}

fn products() -> impl Strategy<Value = Vec<(Vec<ProductFlag>, Option<u32>, i64)>> {
    prop::collection::vec(
        (
            prop::sample::subsequence(ProductFlag::ALL.to_vec(), 0..5),
            prop::option::of(0u32..200),
            0i64..10_000_000,
        ),
        0..4,
    )
}

proptest! {
    #[test]
    fn parser_never_panics(source in ".{0,60}") {
        let _ = Expr::parse(&source);
    }

    #[test]
    fn parser_never_panics_on_near_misses(
        words in prop::collection::vec(
            prop::sample::select(vec!["has(", "toy", ")", "and", "or", "not", "(", "fulfilment", "==", "\"fba\"", "in", "[", "]", ",", "<", "3", "toy_age_min_months"]),
            0..12,
        )
    ) {
        let _ = Expr::parse(&words.join(" "));
    }

    #[test]
    fn engine_invariants(
        marketplace in prop::sample::select(Marketplace::ALL.to_vec()),
        fulfilment in prop::sample::select(vec![Fulfilment::Fba, Fulfilment::Mfn, Fulfilment::Local3pl]),
        channel in prop::sample::select(vec![Channel::B2c, Channel::B2b, Channel::Both]),
        products in products(),
    ) {
        let plan = plan(marketplace, fulfilment, channel, products);
        let catalogues = catalogues().unwrap();
        let catalogue = catalogues.get(marketplace).unwrap();
        let result = evaluate(&plan, &plan.targets[0], catalogue, plan.plan.as_of, None, &[]);
        prop_assert_eq!(result.checklist.items.len() + result.checklist.not_applicable.len(), catalogue.items.len());
        for (index, item) in result.checklist.items.iter().enumerate() {
            for dependency in &item.depends_on {
                prop_assert!(result.checklist.items[..index].iter().any(|earlier| &earlier.id == dependency));
            }
            prop_assert!(!item.reason.en.is_empty() && !item.reason.fr.is_empty());
            prop_assert_eq!(item.due.is_none(), item.importance == Importance::Watch);
        }
        let readiness = &result.checklist.readiness;
        prop_assert!(readiness.done <= readiness.total);
        prop_assert!(readiness.percent >= Decimal::ZERO && readiness.percent <= Decimal::ONE_HUNDRED);
        for blocker in &readiness.blockers {
            let item = result.checklist.items.iter().find(|i| &i.id == blocker).unwrap();
            prop_assert!(item.launch_blocking);
        }
        prop_assert!(result.checklist.launch_date >= plan.plan.as_of);
    }

    #[test]
    fn plans_survive_the_toml_round_trip(
        marketplace in prop::sample::select(Marketplace::ALL.to_vec()),
        products in products(),
    ) {
        let plan = plan(marketplace, Fulfilment::Mfn, Channel::Both, products);
        let text = plan.to_toml().unwrap();
        prop_assert_eq!(parse_plan("generated", &text).unwrap(), plan);
    }
}
