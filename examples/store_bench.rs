//! Measures the store on a large plan: `cargo run --release --example store_bench [PRODUCTS]`.
//! Creates a plan of PRODUCTS products (default 100,000), then times opening the database and
//! loading the plan, saving the whole plan after one edit, and saving one edited product alone.

use std::time::Instant;

use landfall::plan::parse_plan;
use landfall::store::{EXAMPLE_PLAN_TOML, Store};
use rust_decimal::Decimal;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let count: usize = match std::env::args().nth(1) {
        Some(arg) => arg.parse()?,
        None => 100_000,
    };
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("bench.sqlite3");

    let mut plan = parse_plan("example", EXAMPLE_PLAN_TOML)?;
    let template = plan
        .products
        .first()
        .cloned()
        .ok_or("the example has no product")?;
    plan.products = (0..count)
        .map(|i| {
            let mut product = template.clone();
            product.sku = format!("SKU-{i:06}");
            product.name = format!("{} #{i}", template.name);
            product
        })
        .collect();

    let started = Instant::now();
    let mut store = Store::open(&path)?;
    let id = store.create_plan_typed(&plan)?;
    let create = started.elapsed();
    let toml_bytes = store.get_plan(id)?.toml.len();
    drop(store);

    let started = Instant::now();
    let mut store = Store::open(&path)?;
    let (_, mut loaded) = store.load_plan(id)?;
    let open = started.elapsed();
    assert_eq!(loaded.products.len(), count);

    let middle = count / 2;
    let started = Instant::now();
    if let Some(product) = loaded.products.get_mut(middle) {
        product.name = format!("{} (edited)", product.name);
        if let Some(cost) = product.unit_cost.as_mut() {
            cost.amount += Decimal::ONE;
        }
    }
    store.save_plan_typed(id, &loaded)?;
    let save = started.elapsed();

    let started = Instant::now();
    if let Some(product) = loaded.products.get_mut(middle) {
        product.name = format!("{} (edited again)", product.name);
        store.save_product(id, product)?;
    }
    let save_product = started.elapsed();

    let db_bytes = std::fs::metadata(&path)?.len()
        + std::fs::metadata(dir.path().join("bench.sqlite3-wal")).map_or(0, |m| m.len());
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1e3;
    println!("products: {count}");
    println!(
        "canonical TOML: {:.1} MB; database with WAL: {:.1} MB",
        toml_bytes as f64 / 1e6,
        db_bytes as f64 / 1e6
    );
    println!("create plan (first save): {:.0} ms", ms(create));
    println!("open database + load plan: {:.0} ms", ms(open));
    println!("save the whole plan after one edit: {:.0} ms", ms(save));
    println!(
        "save one edited product (save_product): {:.1} ms",
        ms(save_product)
    );
    Ok(())
}
