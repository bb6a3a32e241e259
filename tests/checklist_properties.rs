//! Invariants over generated profiles: the parser never panics, every item is either applicable,
//! undecided (with the questions that decide it) or not applicable, dependencies come first, readiness
//! stays within bounds, plans survive the TOML round trip.

use chrono::NaiveDate;
use landfall::checklist::bundled::catalogues;
use landfall::checklist::catalogue::Importance;
use landfall::checklist::engine::{Checklist, PlanChecklist, evaluate_plan};
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
    sales: Option<(i64, &str)>,
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
            monthly_sales: sales.map(|(cents, currency)| Amount {
                amount: Decimal::new(cents, 2),
                currency: code(currency),
            }),
            monthly_units: sales.map(|_| 40),
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
                litres: None,
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
        sales in prop::option::of((0i64..5_000_000, prop::sample::select(vec!["USD", "EUR", "JPY"]))),
        products in products(),
    ) {
        let plan = plan(marketplace, fulfilment, channel, sales, products);
        let catalogues = catalogues().unwrap();
        let result = evaluate_plan(&plan, &catalogues, &[], plan.plan.as_of, None, &[]);
        let sections: Vec<(String, &Checklist)> = result
            .targets
            .iter()
            .map(|t| (t.marketplace.to_string(), &t.checklist))
            .chain(result.shared.iter().map(|s| (s.scope.to_string(), &s.checklist)))
            .collect();
        for (scope, checklist) in &sections {
            let catalogue = catalogues.iter().find(|c| c.catalogue.scope.to_string() == *scope).unwrap();
            prop_assert_eq!(checklist.items.len() + checklist.not_applicable.len(), catalogue.items.len());
            for (index, item) in checklist.items.iter().enumerate() {
                for dependency in &item.depends_on {
                    let earlier = checklist.items[..index].iter().any(|e| &e.id == dependency);
                    let shared = result.shared.iter().any(|s| s.checklist.items.iter().any(|e| &e.id == dependency));
                    prop_assert!(earlier || shared, "{} waits for {}", item.id, dependency);
                }
                prop_assert!(!item.reason.en.is_empty() && !item.reason.fr.is_empty());
                prop_assert_eq!(item.due.is_none(), item.importance == Importance::Watch);
                // Undecided items say what decides them; decided ones never read as a question.
                prop_assert_eq!(item.undecided, item.reason.en.starts_with("Depends on"));
                if item.undecided {
                    prop_assert!(!item.questions.is_empty(), "{} has no question", item.id);
                }
            }
            let readiness = &checklist.readiness;
            prop_assert!(readiness.done <= readiness.total);
            prop_assert!(readiness.percent >= Decimal::ZERO && readiness.percent <= Decimal::ONE_HUNDRED);
            for blocker in &readiness.blockers {
                prop_assert!(item_of(&result, blocker).launch_blocking);
            }
            prop_assert!(checklist.launch_date >= plan.plan.as_of);
        }
        for shared in &result.shared {
            for item in &shared.checklist.items {
                prop_assert!(!item.channels.is_empty(), "{} concerns no channel", item.id);
            }
        }
    }

    #[test]
    fn plans_survive_the_toml_round_trip(
        marketplace in prop::sample::select(Marketplace::ALL.to_vec()),
        products in products(),
    ) {
        let plan = plan(marketplace, Fulfilment::Mfn, Channel::Both, Some((1_234_567, "USD")), products);
        let text = plan.to_toml().unwrap();
        prop_assert_eq!(parse_plan("generated", &text).unwrap(), plan);
    }
}

fn item_of<'a>(result: &'a PlanChecklist, id: &str) -> &'a landfall::checklist::engine::ItemResult {
    result.item(id).unwrap_or_else(|| panic!("{id} is listed"))
}
