//! The plan inputs a user types in the window: a category per marketplace, the preferential-origin
//! claim, and the catalogue columns that carry prices, freight and categories per marketplace.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use landfall::cost::{Detail, quote};
use landfall::money::{Currency, FxRate, FxSource};
use landfall::packs;
use landfall::plan::categories::{bundled_names, category_name};
use landfall::plan::import::{ImportContext, check_rows, preview_valid, read_csv};
use landfall::plan::{Marketplace, PlanError, parse_plan};
use rust_decimal_macros::dec;

/// A face cream on Amazon.co.jp and Amazon.fr: one category for the product, another on the
/// marketplace whose category tree lacks it.
const CREAM: &str = r#"
[plan]
name = "Crème visage"
as_of = "2026-12-03"
home_currency = "EUR"

[seller]
country = "FR"
entity = "company"

[[targets]]
marketplace = "amazon-jp"
fulfilment = "fba"
channel = "b2c"
monthly_units = 200

[[targets]]
marketplace = "amazon-fr"
fulfilment = "fba"
channel = "b2c"
monthly_units = 200

[[products]]
sku = "CREAM-50"
name = "Face cream 50 ml"
hs_code = "330499"
flags = ["cosmetic"]
category = "beauty-health"
unit_cost = { amount = "6.20", currency = "EUR" }
origin = "FR"
preferential_origin = true

[[products.categories]]
marketplace = "amazon-fr"
category = "most"

[[products.prices]]
marketplace = "amazon-jp"
price = { amount = "3980", currency = "JPY" }

[[products.prices]]
marketplace = "amazon-fr"
price = { amount = "29.90", currency = "EUR" }
"#;

fn eur_jpy() -> FxRate {
    FxRate::new(
        Currency::EUR,
        Currency::JPY,
        dec!(171.94),
        NaiveDate::from_ymd_opt(2026, 12, 3).unwrap(),
        FxSource::EcbReference,
    )
    .unwrap()
}

#[test]
fn every_category_of_the_bundled_packs_has_a_name_in_both_languages() {
    let names = bundled_names().expect("data/categories.toml reads");
    let packs = packs::bundled().expect("bundled packs");
    let used: BTreeSet<&str> = packs
        .marketplaces
        .values()
        .flat_map(|pack| pack.referral.iter().map(|row| row.row.category.as_str()))
        .collect();
    assert!(used.contains("beauty-health"), "{used:?}");
    for id in used {
        let name = names
            .get(id)
            .unwrap_or_else(|| panic!("category `{id}` has no name in data/categories.toml"));
        assert!(
            !name.en.trim().is_empty() && !name.fr.trim().is_empty() && name.en != name.fr,
            "{id}: {name:?}"
        );
    }
    assert_eq!(
        category_name("beauty-health").map(|name| name.fr.as_str()),
        Some("Beauté, santé et soins du corps")
    );
}

#[test]
fn a_category_per_marketplace_picks_that_marketplaces_referral_rate() {
    let plan = parse_plan("cream", CREAM).unwrap();
    let product = &plan.products[0];
    assert_eq!(
        product.category_on(Marketplace::AmazonJp),
        Some("beauty-health")
    );
    assert_eq!(product.category_on(Marketplace::AmazonFr), Some("most"));
    assert!(product.preferential_origin);

    let packs = packs::bundled().unwrap();
    let quote = quote(&plan, &packs, &[eur_jpy()], Detail::Numbers);
    let referral = |marketplace: Marketplace| {
        quote
            .items
            .iter()
            .find(|item| item.marketplace == marketplace)
            .and_then(|item| item.referral_fee)
    };
    // Amazon.co.jp beauty above ¥750 from 2026-04-01: 3,980 × 10.4% = 413.92 → ¥414.
    assert_eq!(referral(Marketplace::AmazonJp), Some(dec!(414)));
    // Amazon.fr everything else: 29.90 × 15.45% = 4.61955 → €4.62.
    assert_eq!(referral(Marketplace::AmazonFr), Some(dec!(4.62)));
}

#[test]
fn the_new_inputs_survive_a_round_trip_and_are_left_out_when_unset() {
    let plan = parse_plan("cream", CREAM).unwrap();
    let text = plan.to_toml().unwrap();
    assert_eq!(parse_plan("again", &text).unwrap(), plan);
    let mut plain = plan.clone();
    plain.products[0].preferential_origin = false;
    plain.products[0].categories.clear();
    let text = plain.to_toml().unwrap();
    assert!(
        !text.contains("preferential_origin") && !text.contains("categories"),
        "{text}"
    );
}

#[test]
fn a_marketplace_given_twice_is_refused_with_its_field() {
    let twice = CREAM.replace(
        "[[products.categories]]\nmarketplace = \"amazon-fr\"\ncategory = \"most\"",
        "[[products.categories]]\nmarketplace = \"amazon-fr\"\ncategory = \"most\"\n\n\
         [[products.categories]]\nmarketplace = \"amazon-fr\"\ncategory = \"\"",
    ) + "\n[[targets]]\nmarketplace = \"amazon-jp\"\nfulfilment = \"mfn\"\nchannel = \"b2c\"\n";
    let Err(PlanError::Invalid { problems, .. }) = parse_plan("twice", &twice) else {
        panic!("a marketplace given twice is refused");
    };
    let found: Vec<(&str, Option<usize>, &str)> = problems
        .iter()
        .map(|p| (p.field.as_str(), p.line, p.message.fr.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "targets[2].marketplace",
                Some(50),
                "amazon-jp est indiqué deux fois"
            ),
            (
                "products[0].categories[1].marketplace",
                Some(38),
                "amazon-fr est indiqué deux fois"
            ),
            (
                "products[0].categories[1].category",
                Some(39),
                "la catégorie ne doit pas être vide"
            ),
        ]
    );
}

/// The import context the desktop builds for the cream plan: Amazon.co.jp and Amazon.fr categories
/// with their pack labels, their currencies, euros at home.
fn context() -> ImportContext {
    let code = |code: &str| code.to_owned().try_into().unwrap();
    let mut context = ImportContext::new(
        [
            (Marketplace::AmazonJp, code("JPY")),
            (Marketplace::AmazonFr, code("EUR")),
        ]
        .into_iter()
        .collect(),
        Some(code("EUR")),
    );
    let packs = packs::bundled().unwrap();
    for marketplace in [Marketplace::AmazonJp, Marketplace::AmazonFr] {
        for row in &packs.marketplace(marketplace.id()).unwrap().referral {
            context.add_category(marketplace, &row.row.category, Some(&row.row.label));
        }
    }
    context
}

#[test]
fn a_catalogue_sets_prices_freight_and_categories_per_marketplace_by_name() {
    let plan = parse_plan("cream", CREAM).unwrap();
    let csv = "Référence;Désignation;Catégorie;Catégorie FR;Prix amazon-jp;Prix FR;Fret JP;Assurance JP;Fret amazon-fr\n\
               CREAM-50;Face cream 50 ml;Beauté, santé et soins du corps;Tout le reste;4 280;31,90;1,80;0,10;0,95 EUR\n\
               SERUM-30;Sérum 30 ml;beauty, health and personal care;Everything else;5 980 JPY;;2,10;;\n";
    let checked = check_rows(&read_csv(csv.as_bytes()).unwrap(), &context()).unwrap();
    assert!(checked.errors.is_empty(), "{:#?}", checked.errors);
    let (preview, merged, skipped) = preview_valid(&plan, &checked.rows).unwrap();
    assert!(skipped.is_empty(), "{skipped:#?}");
    assert_eq!(preview.added, ["SERUM-30"]);
    assert_eq!(preview.changed[0].fields, ["prices", "freight"]);

    let cream = &merged.products[0];
    let price = |marketplace: Marketplace| {
        let price = cream
            .prices
            .iter()
            .find(|p| p.marketplace == marketplace)
            .unwrap();
        (price.price.amount, price.price.currency.to_string())
    };
    assert_eq!(price(Marketplace::AmazonJp), (dec!(4280), "JPY".into()));
    assert_eq!(price(Marketplace::AmazonFr), (dec!(31.90), "EUR".into()));
    assert_eq!(cream.category_on(Marketplace::AmazonFr), Some("most"));
    let jp = cream
        .freight
        .iter()
        .find(|f| f.marketplace == Marketplace::AmazonJp)
        .unwrap();
    assert_eq!(
        (jp.freight.amount, jp.insurance.as_ref().map(|i| i.amount)),
        (dec!(1.80), Some(dec!(0.10)))
    );
    assert_eq!(jp.freight.currency.as_str(), "EUR");

    let serum = &merged.products[1];
    assert_eq!(serum.category.as_deref(), Some("beauty-health"));
    assert_eq!(serum.category_on(Marketplace::AmazonFr), Some("most"));
    assert_eq!(serum.prices[0].price.amount, dec!(5980));
}

#[test]
fn a_bad_row_is_left_out_with_its_reasons_and_the_others_still_merge() {
    let plan = parse_plan("cream", CREAM).unwrap();
    let csv = "sku,name,category,price_amazon-jp,price_amazon-fr,insurance_jp\n\
               SERUM-30,Serum,Beauty,5980,24.90,\n\
               MASK-1,Mask,beauty-health,2980 USD,19.90,\n\
               SOAP-1,Soap,most,,9.90,\n\
               BALM-1,Balm,beauty-health,1980,12.90,0.05\n";
    let checked = check_rows(&read_csv(csv.as_bytes()).unwrap(), &context()).unwrap();
    let problems: Vec<(usize, &str, &str)> = checked
        .errors
        .iter()
        .map(|e| (e.row, e.column.as_str(), e.message.en.as_str()))
        .collect();
    assert_eq!(problems.len(), 2, "{problems:#?}");
    // "Beauty" names no category; Amazon.co.jp prices are in yen.
    assert_eq!((problems[0].0, problems[0].1), (2, "category"));
    // The known categories are listed by their names (never by id), the cream's among them.
    let known: Vec<&str> = problems[0]
        .2
        .strip_prefix("unknown category \"Beauty\"; known: ")
        .unwrap_or_else(|| panic!("{}", problems[0].2))
        .split("; ")
        .collect();
    assert!(
        known.contains(&"Beauty, health and personal care"),
        "{known:?}"
    );
    assert!(!known.iter().any(|name| name.contains('-')), "{known:?}");
    assert_eq!(
        problems[1],
        (
            3,
            "price_amazon-jp",
            "prices on amazon-jp are in JPY, not USD"
        )
    );

    let (preview, merged, skipped) = preview_valid(&plan, &checked.rows).unwrap();
    // Insurance alone cannot start a freight entry: that row is left out when merging.
    assert_eq!(preview.added, ["SOAP-1"]);
    assert_eq!(skipped.len(), 1);
    assert_eq!(skipped[0].row, 5);
    assert!(
        skipped[0]
            .message
            .en
            .contains("no freight to amazon-jp yet"),
        "{:?}",
        skipped[0].message
    );
    let skus: Vec<&str> = merged.products.iter().map(|p| p.sku.as_str()).collect();
    assert_eq!(skus, ["CREAM-50", "SOAP-1"]);
}

#[test]
fn the_command_line_reads_a_price_column_in_the_marketplaces_currency_and_a_category_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db.sqlite3");
    let csv = dir.path().join("prix.csv");
    std::fs::write(
        &csv,
        "référence;prix jp;catégorie;fret jp\nSPK-1;7 480;Électronique;2,40\n",
    )
    .unwrap();
    let import = |catalogue: &std::path::Path| {
        std::process::Command::new(env!("CARGO_BIN_EXE_landfall"))
            .arg("--db")
            .arg(&db)
            .args(["products", "import"])
            .arg(catalogue)
            .args([
                "--plan",
                "French bluetooth speaker to Japan via Amazon FBA",
                "--json",
                "--apply",
            ])
            .output()
            .unwrap()
    };
    // "Électronique" names no category: the known ones are listed by name, in both languages.
    let refused = import(&csv);
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("unknown category \"Électronique\"; known: ")
            && stderr.contains("; Electronics, cameras and computers;"),
        "{stderr}"
    );

    std::fs::write(
        &csv,
        "référence;prix jp;catégorie;fret jp\nSPK-1;7 480;High-tech, photo et informatique;2,40\n",
    )
    .unwrap();
    let applied = import(&csv);
    assert!(
        applied.status.success(),
        "{}",
        String::from_utf8_lossy(&applied.stderr)
    );
    let outcome: serde_json::Value = serde_json::from_slice(&applied.stdout).unwrap();
    assert_eq!(
        outcome["changed"],
        serde_json::json!([{ "sku": "SPK-1", "fields": ["prices", "freight"] }])
    );
    let landfall = landfall::api::Landfall::open(&db).unwrap();
    let id = landfall.list_plans().unwrap()[0].id;
    let speaker = &landfall.get_plan(id).unwrap().plan.products[0];
    let price = &speaker.prices[0].price;
    assert_eq!((price.amount, price.currency.as_str()), (dec!(7480), "JPY"));
    // The example's insurance to Japan is kept beside the new freight.
    let freight = &speaker.freight[0];
    assert_eq!(
        (
            freight.freight.amount,
            freight.insurance.as_ref().map(|i| i.amount)
        ),
        (dec!(2.40), Some(dec!(0.15)))
    );
}
