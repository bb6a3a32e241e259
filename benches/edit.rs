//! The desktop's edit round trip on a 1,000-product plan: one price typed in the product table is
//! saved (`save_product`), then the view reads the plan and its explained quote again (`get_plan`,
//! `quote_figures`), exactly as the Products view does, on a real SQLite file.
//! Run: `cargo bench -p landfall --bench edit`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use landfall::api::Landfall;
use landfall::plan::parse_plan;
use landfall::store::{EXAMPLE_PLAN_TOML, Store};

const PRODUCTS: usize = 1_000;

fn bench_edit(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let db = dir.path().join("landfall.sqlite3");
    // The example's speaker (price, cost, package, freight, typed FBA fee) copied 1,000 times.
    let mut plan = parse_plan("example", EXAMPLE_PLAN_TOML).expect("example plan");
    plan.plan.name = "1,000 products".to_owned();
    let speaker = plan.products[0].clone();
    plan.products = (0..PRODUCTS)
        .map(|index| {
            let mut product = speaker.clone();
            product.sku = format!("SKU-{index:04}");
            product.name = format!("Speaker {index}");
            product
        })
        .collect();
    plan.channels.clear();
    plan.scenarios.clear();
    let id = Store::open(&db)
        .expect("database")
        .create_plan_typed(&plan)
        .expect("plan saved");
    let mut landfall = Landfall::open(&db).expect("open");
    let mut edited = landfall.get_plan(id).expect("plan").plan.products[500].clone();

    let mut group = c.benchmark_group("edit");
    group.sample_size(20);
    let mut price = 6980;
    group.bench_function("1,000 products: save a price, read plan and quote", |b| {
        b.iter(|| {
            price = if price == 6980 { 7980 } else { 6980 };
            edited.prices[0].price.amount = price.into();
            landfall
                .save_product(id, Some(edited.sku.clone()), edited.clone())
                .expect("saved");
            let detail = landfall.get_plan(id).expect("plan");
            let quote = landfall.quote_figures(id).expect("quote");
            black_box((detail.plan.products.len(), quote.quote.items.len()))
        });
    });
    group.finish();
}

criterion_group!(benches, bench_edit);
criterion_main!(benches);
