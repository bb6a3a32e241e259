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

/// The figures the bundled packs leave to the user (FBA fees, duty rates, an electronics category on
/// amazon-fr and amazon-uk, the FY2027 US MPF), typed as a user would in a pack folder, so that every product × target
/// runs the full path: referral, FBA, selling plan, FX, landed cost, margin. Benchmark inputs only.
fn user_packs() -> Vec<(String, String)> {
    let source = "[sources.input]\ntitle = \"benchmark input\"\nurl = \"https://example.org\"\n";
    let meta = "effective_from = \"2026-04-01\"\nsource = \"input\"\nconfidence = \"official\"\n";
    let mut files = Vec::new();
    for (id, currency, units, fee) in [
        ("amazon-jp", "JPY", ("cm", "g", "100", "9000"), "434"),
        ("amazon-us", "USD", ("in", "oz", "40", "320"), "4.60"),
        ("amazon-de", "EUR", ("cm", "g", "100", "9000"), "3.90"),
        ("amazon-fr", "EUR", ("cm", "g", "100", "9000"), "3.90"),
        ("amazon-uk", "GBP", ("cm", "g", "100", "9000"), "3.20"),
    ] {
        let (length_unit, weight_unit, max_side_sum, max_weight) = units;
        let mut text = format!(
            "[pack]\nkind = \"marketplace\"\nid = \"{id}\"\nname = \"{id}\"\ncurrency = \"{currency}\"\n{source}\
             [[fba]]\nstatus = \"published\"\nlength_unit = \"{length_unit}\"\nweight_unit = \"{weight_unit}\"\n\
             tiers = [{{ name = \"Standard\", max_side_sum = \"{max_side_sum}\", max_weight = \"{max_weight}\", fee = \"{fee}\" }}]\n{meta}"
        );
        if matches!(id, "amazon-fr" | "amazon-uk") {
            text.push_str(&format!(
                "[[referral]]\ncategory = \"electronics\"\nlabel = \"Electronics\"\nbasis = \"whole\"\nbands = [{{ rate = \"7%\" }}]\n{meta}"
            ));
        }
        files.push((format!("bench/{id}.toml"), text));
    }
    let mut duties = format!(
        "[pack]\nkind = \"duties\"\nid = \"bench\"\nname = \"bench\"\nname_fr = \"bench\"\n{source}"
    );
    for destination in ["JP", "US", "DE", "FR", "UK"] {
        duties.push_str(&format!(
            "[[rates]]\ndestination = \"{destination}\"\nhs_prefix = \"8518\"\nlabel = \"Loudspeakers\"\nrate = \"2%\"\n{meta}"
        ));
    }
    files.push(("bench/duties.toml".to_string(), duties));
    // The FY2027 MPF amounts were not found; the benchmark types the FY2026 ones as a user would.
    files.push((
        "bench/us-mpf.toml".to_string(),
        format!(
            "[pack]\nkind = \"customs\"\nid = \"us\"\nname = \"us\"\nname_fr = \"us\"\nregime = \"us\"\ndestinations = [\"US\"]\n\
             currency = \"USD\"\n{source}[[fees]]\ncode = \"US-MPF\"\nentry = \"formal\"\nrate = \"0.3464%\"\n\
             minimum = \"33.58\"\nmaximum = \"651.50\"\neffective_from = \"2026-10-01\"\nsource = \"input\"\n\
             confidence = \"official\"\n"
        ),
    ));
    files
}

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
            customs_fee: None,
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
                category: Some("electronics".to_string()),
                categories: Vec::new(),
                unit_cost: Some(amount(850 + step, 2, "EUR")),
                package: Some(Package {
                    length_cm: Decimal::from(20),
                    width_cm: Decimal::from(12),
                    height_cm: Decimal::from(10),
                    weight_g: Decimal::from(650),
                }),
                origin: None,
                preferential_origin: false,
                litres: None,
                prices,
                freight,
                overrides: Vec::new(),
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
    let user = user_packs();
    let packs: Packs = packs::load(
        BUNDLED_FILES.iter().copied(),
        user.iter()
            .map(|(name, text)| (name.as_str(), text.as_str())),
    )
    .expect("packs load");
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
