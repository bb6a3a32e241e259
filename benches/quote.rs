//! `quote` over a generated catalogue: 100,000 products × 5 targets (500,000 unit-economics results),
//! numbers only, streamed through `quote_each` so memory stays flat whatever the catalogue size.
//! Run: `cargo bench -p landfall --bench quote`.

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use landfall::cost::{Detail, quote_each};
use landfall::money::{Currency, FxRate, FxSource};
use landfall::packs::{self, BUNDLED_FILES, Packs};
use landfall::plan::{
    Amount, Channel, Entity, Freight, Fulfilment, Marketplace, Package, Plan, PlanHeader, Price,
    Product, Seller, Target,
};
use rust_decimal::Decimal;

const PRODUCTS: usize = 100_000;

/// The figures the bundled packs leave to the user (Amazon JP's FBA fee, a duty rate), so that the
/// JP path runs end to end as in real use.
const USER_PACKS: [(&str, &str); 2] = [
    (
        "bench/fba.toml",
        r#"
[pack]
kind = "marketplace"
id = "amazon-jp"
name = "Amazon.co.jp"
currency = "JPY"
[sources.calculator]
title = "FBA calculator (benchmark input)"
url = "https://example.org/calculator"
[[fba]]
status = "published"
length_unit = "cm"
weight_unit = "g"
tiers = [{ name = "Standard", max_side_sum = "100", max_weight = "9000", fee = "434" }]
effective_from = "2025-04-01"
source = "calculator"
confidence = "official"
"#,
    ),
    (
        "bench/duty.toml",
        r#"
[pack]
kind = "duties"
id = "bench"
name = "Benchmark duty rates"
[sources.tariff]
title = "Tariff (benchmark input)"
url = "https://example.org/tariff"
[[rates]]
destination = "JP"
hs_prefix = "8518"
label = "Loudspeakers"
rate = "0%"
effective_from = "2026-01-01"
source = "tariff"
confidence = "official"
"#,
    ),
];

fn amount(value: i64, scale: u32, currency: &str) -> Amount {
    Amount {
        amount: Decimal::new(value, scale),
        currency: currency.to_string().try_into().expect("currency code"),
    }
}

fn catalogue() -> Plan {
    let targets = Marketplace::ALL
        .into_iter()
        .map(|marketplace| Target {
            marketplace,
            fulfilment: Fulfilment::Fba,
            channel: Channel::B2c,
            monthly_sales: None,
            monthly_units: Some(300),
        })
        .collect();
    let products = (0..PRODUCTS)
        .map(|index| {
            let step = i64::try_from(index % 997).unwrap_or(0);
            let prices = Marketplace::ALL
                .into_iter()
                .map(|marketplace| {
                    let price = match marketplace {
                        Marketplace::AmazonJp => amount(2_000 + step * 10, 0, "JPY"),
                        Marketplace::AmazonUs => amount(1_999 + step, 2, "USD"),
                        Marketplace::AmazonUk => amount(1_799 + step, 2, "GBP"),
                        Marketplace::AmazonDe | Marketplace::AmazonFr => {
                            amount(1_899 + step, 2, "EUR")
                        }
                    };
                    Price { marketplace, price }
                })
                .collect();
            let freight = Marketplace::ALL
                .into_iter()
                .map(|marketplace| Freight {
                    marketplace,
                    freight: amount(210, 2, "EUR"),
                    insurance: Some(amount(15, 2, "EUR")),
                })
                .collect();
            Product {
                sku: format!("SKU-{index}"),
                name: format!("Product {index}"),
                hs_code: Some("851822".to_string()),
                flags: Vec::new(),
                toy_age_min_months: None,
                category: Some(
                    if index % 2 == 0 {
                        "electronics"
                    } else {
                        "most"
                    }
                    .to_string(),
                ),
                unit_cost: Some(amount(850 + step, 2, "EUR")),
                package: Some(Package {
                    length_cm: Decimal::from(20),
                    width_cm: Decimal::from(12),
                    height_cm: Decimal::from(10),
                    weight_g: Decimal::from(650),
                }),
                origin: None,
                prices,
                freight,
            }
        })
        .collect();
    Plan {
        plan: PlanHeader {
            name: "benchmark catalogue".to_string(),
            as_of: NaiveDate::from_ymd_opt(2026, 11, 22).expect("date"),
            home_currency: "EUR".to_string().try_into().expect("currency code"),
        },
        seller: Seller {
            country: "FR".to_string().try_into().expect("country code"),
            entity: Entity::Company,
            capital: None,
        },
        targets,
        products,
        channels: Vec::new(),
        scenarios: Vec::new(),
        criteria: None,
    }
}

fn rates() -> Vec<FxRate> {
    let date = NaiveDate::from_ymd_opt(2026, 11, 20).expect("date");
    [
        (Currency::JPY, "171.78"),
        (Currency::USD, "1.16"),
        (Currency::GBP, "0.88"),
    ]
    .into_iter()
    .map(|(to, rate)| {
        FxRate::new(
            Currency::EUR,
            to,
            rate.parse().expect("rate"),
            date,
            FxSource::EcbReference,
        )
        .expect("positive")
    })
    .collect()
}

fn bench_quote(c: &mut Criterion) {
    let plan = catalogue();
    let packs: Packs = packs::load(BUNDLED_FILES.iter().copied(), USER_PACKS).expect("packs load");
    let rates = rates();
    let mut group = c.benchmark_group("quote");
    group.sample_size(10);
    group.bench_function("100k products x 5 targets, numbers only", |b| {
        b.iter(|| {
            let mut margins = Decimal::ZERO;
            let mut count = 0usize;
            quote_each(&plan, &packs, &rates, Detail::Numbers, |item| {
                margins += item.margin.unwrap_or_default();
                count += 1;
            });
            black_box((margins, count))
        });
    });
    group.finish();
}

criterion_group!(benches, bench_quote);
criterion_main!(benches);
