//! No public engine function panics, whatever the amounts: every amount of the example plan (costs,
//! prices, freight, fees, channel figures, capital), every package size and volume, and every
//! exchange rate is drawn from the whole `Decimal` range (including 10^-28, zero, negative values
//! and the extremes), and the checklist, the quote, the channel comparison and the report model
//! (with its CSV tables) must all answer. A figure that cannot be computed is flagged on its line.
//!
//! `PROPTEST_CASES=N` runs longer (the fuzz targets in `fuzz/` do the same with a coverage-guided
//! search).

use std::sync::OnceLock;

use chrono::NaiveDate;
use landfall::channels::{ChannelPacks, bundled_channels, compare, own_stores};
use landfall::checklist::catalogue::Catalogues;
use landfall::checklist::engine::evaluate_plan;
use landfall::cost::{Detail, quote};
use landfall::money::{Currency, FxRate, FxSource};
use landfall::packs::Packs;
use landfall::plan::{Plan, parse_plan};
use landfall::report::{self, Lang, Paper, ReportOptions, tables};
use landfall::store::EXAMPLE_PLAN_TOML;
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::Value;

struct Bundled {
    packs: Packs,
    channels: ChannelPacks,
    catalogues: Catalogues,
    example: Value,
}

fn bundled() -> &'static Bundled {
    static BUNDLED: OnceLock<Bundled> = OnceLock::new();
    BUNDLED.get_or_init(|| Bundled {
        packs: landfall::packs::bundled().expect("packs"),
        channels: bundled_channels().expect("channel packs"),
        catalogues: landfall::checklist::bundled::catalogues().expect("catalogues"),
        example: serde_json::to_value(parse_plan("example", EXAMPLE_PLAN_TOML).expect("example"))
            .expect("the example serialises"),
    })
}

/// Any `Decimal`, weighted towards the values that break arithmetic.
fn any_decimal() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        3 => prop_oneof![
            Just(Decimal::MAX),
            Just(Decimal::MIN),
            Just(Decimal::ZERO),
            Just(Decimal::new(1, 28)),
            Just(Decimal::new(-1, 28)),
            Just(Decimal::ONE),
            Just(Decimal::from_parts(u32::MAX, u32::MAX, u32::MAX, false, 28)),
        ],
        4 => (any::<u32>(), any::<u32>(), any::<u32>(), any::<bool>(), 0u32..=28)
            .prop_map(|(lo, mid, hi, negative, scale)| Decimal::from_parts(lo, mid, hi, negative, scale)),
        3 => (any::<i64>(), 0u32..=28).prop_map(|(mantissa, scale)| Decimal::new(mantissa, scale)),
    ]
}

/// Keys whose values are decimal strings in the plan's JSON: amounts and package sizes.
const DECIMAL_KEYS: [&str; 5] = ["amount", "length_cm", "width_cm", "height_cm", "weight_g"];
/// Keys whose values are unit counts.
const COUNT_KEYS: [&str; 2] = ["monthly_units", "units"];

/// Replaces every amount, size and count in `value`, taking the numbers in turn from `numbers`.
fn replace_numbers(value: &mut Value, decimals: &[Decimal], counts: &[u32], next: &mut usize) {
    match value {
        Value::Object(fields) => {
            for (key, field) in fields.iter_mut() {
                let index = *next;
                if DECIMAL_KEYS.contains(&key.as_str()) && field.is_string() {
                    *field = Value::String(decimals[index % decimals.len()].to_string());
                    *next += 1;
                } else if COUNT_KEYS.contains(&key.as_str()) && field.is_u64() {
                    *field = Value::from(counts[index % counts.len()]);
                    *next += 1;
                } else {
                    replace_numbers(field, decimals, counts, next);
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                replace_numbers(item, decimals, counts, next);
            }
        }
        _ => {}
    }
}

fn plan_with(decimals: &[Decimal], counts: &[u32]) -> Plan {
    let mut value = bundled().example.clone();
    replace_numbers(&mut value, decimals, counts, &mut 0);
    serde_json::from_value(value).expect("the plan's shape is unchanged")
}

/// Rates between the example's currencies, any value, built directly (as a caller of the engines
/// may), not through `FxRate::new`'s checks.
fn rates_with(values: &[Decimal], on: NaiveDate) -> Vec<FxRate> {
    let pairs = [
        (Currency::EUR, Currency::JPY),
        (Currency::EUR, Currency::USD),
        (Currency::USD, Currency::JPY),
        (Currency::EUR, Currency::GBP),
    ];
    pairs
        .iter()
        .zip(values)
        .map(|((from, to), rate)| FxRate {
            from: *from,
            to: *to,
            rate: *rate,
            date: on,
            source: FxSource::Manual {
                note: String::new(),
            },
        })
        .collect()
}

/// Runs every engine on `plan` with `rates`; any panic fails the property.
fn run_engines(plan: &Plan, rates: &[FxRate]) {
    let b = bundled();
    let as_of = plan.plan.as_of;
    let _ = plan.validate();
    let checklists = evaluate_plan(
        plan,
        &b.catalogues,
        &own_stores(plan, &b.channels),
        as_of,
        None,
        &[],
    );
    let quoted = quote(plan, &b.packs, rates, Detail::Explained);
    let options = ReportOptions {
        lang: Lang::Fr,
        paper: Paper::A4,
        consultant: None,
        client: None,
        generated_on: as_of,
        logo: None,
    };
    let mut model = report::build(plan, &quoted, &checklists, &options);
    if let Ok(comparison) = compare(plan, &b.packs, &b.channels, rates, None) {
        model = model.with_channels(&comparison);
    }
    for table in tables::tables(&model) {
        let _ = tables::to_csv(&table);
    }
    let _ = serde_json::to_string(&model);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn no_engine_panics_for_any_amount_size_or_rate(
        decimals in prop::collection::vec(any_decimal(), 1..64),
        counts in prop::collection::vec(prop_oneof![Just(0u32), Just(1), Just(u32::MAX), any::<u32>()], 1..8),
        rates in prop::collection::vec(any_decimal(), 4),
    ) {
        let plan = plan_with(&decimals, &counts);
        run_engines(&plan, &rates_with(&rates, plan.plan.as_of));
    }
}

/// Issue #14, case 2: a price of 10^-28 JPY. Validation refuses it, naming the field; the engines,
/// given it anyway, flag the margin instead of dividing by it.
#[test]
fn a_price_of_ten_to_the_minus_28_yen_is_refused_and_never_divided_by() {
    let tiny = Decimal::new(1, 28);
    let text = EXAMPLE_PLAN_TOML.replacen(
        "price = { amount = \"6980\", currency = \"JPY\" }",
        "price = { amount = \"0.0000000000000000000000000001\", currency = \"JPY\" }",
        1,
    );
    assert_ne!(text, EXAMPLE_PLAN_TOML, "the example's JPY price moved");
    let refused = parse_plan("tiny.toml", &text).unwrap_err().to_string();
    assert!(
        refused.contains(
            "products[0].prices[0].price.amount: 28 decimals; a JPY amount has at most 4"
        ),
        "{refused}"
    );

    let mut plan = parse_plan("example", EXAMPLE_PLAN_TOML).unwrap();
    plan.products[0].prices[0].price.amount = tiny;
    let b = bundled();
    let rates = vec![
        FxRate::new(
            Currency::EUR,
            Currency::JPY,
            Decimal::new(17178, 2),
            plan.plan.as_of,
            FxSource::EcbReference,
        )
        .unwrap(),
    ];
    let quoted = quote(&plan, &b.packs, &rates, Detail::Explained);
    let line = &quoted.items[0];
    assert_eq!(line.price, Some(tiny));
    assert!(
        line.margin.is_some(),
        "the margin itself is a plain difference"
    );
    assert_eq!(line.margin_rate, None);
    assert!(
        line.missing
            .iter()
            .any(|gap| gap.message.en == "price too small to compute a margin"),
        "{:?}",
        line.missing
    );
    run_engines(&plan, &rates);
}

/// Issue #14, case 2: `--fx EUR/JPY=79228162514264337593543950335` is refused as a rate no currency
/// has, and such a rate built by hand converts to an error, not a division by zero.
#[test]
fn an_exchange_rate_at_the_decimal_maximum_is_refused_and_never_inverted_to_zero() {
    let on = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let refused = FxRate::new(
        Currency::EUR,
        Currency::JPY,
        Decimal::MAX,
        on,
        FxSource::EcbReference,
    );
    assert!(
        matches!(
            refused,
            Err(landfall::money::MoneyError::FxRateOutOfRange(_))
        ),
        "{refused:?}"
    );
    let by_hand = FxRate {
        from: Currency::EUR,
        to: Currency::JPY,
        rate: Decimal::MAX,
        date: on,
        source: FxSource::EcbReference,
    };
    assert!(by_hand.inverse().is_err());
    for money in [
        landfall::money::Money::new(Decimal::from(1000), Currency::JPY),
        landfall::money::Money::new(Decimal::from(1000), Currency::EUR),
    ] {
        assert!(
            landfall::money::convert(&money, &by_hand).is_err(),
            "{money}"
        );
    }

    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.toml");
    std::fs::write(&plan, EXAMPLE_PLAN_TOML).unwrap();
    for command in ["quote", "compare", "report"] {
        let mut args = vec![
            command.to_owned(),
            plan.display().to_string(),
            "--fx".to_owned(),
            "EUR/JPY=79228162514264337593543950335".to_owned(),
        ];
        if command == "report" {
            args.extend([
                "--out".to_owned(),
                dir.path().join("r.pdf").display().to_string(),
            ]);
        }
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_landfall"))
            .arg("--db")
            .arg(dir.path().join("db.sqlite3"))
            .args(&args)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{command}: {stderr}");
        assert!(
            stderr.contains("outside the range of any real exchange rate"),
            "{command}: {stderr}"
        );
    }
}
