//! Quote over a plan: the example plan, with the figures the packs cannot give (Amazon JP's current
//! FBA fee, the duty rate of HS 851822) supplied the documented way, as a user pack folder.

use chrono::NaiveDate;
use landfall::cost::{Detail, quote};
use landfall::money::{Currency, FxRate, FxSource};
use landfall::packs::{self, BUNDLED_FILES};
use landfall::plan::parse_plan;
use rust_decimal_macros::dec;

const EXAMPLE_PLAN: &str = include_str!("../data/examples/bluetooth-speaker-japan.toml");

/// Figures a user types: the FBA fee from Amazon's calculator and a duty rate from the tariff. They are
/// test inputs, not published figures.
const USER_FBA: &str = r#"
[pack]
kind = "marketplace"
id = "amazon-jp"
name = "Amazon.co.jp (my figures)"
currency = "JPY"
[sources.calculator]
title = "FBA料金シミュレーター, read by me"
url = "https://sellercentral.amazon.co.jp/hz/fba/profitabilitycalculator/index"
[[fba]]
status = "published"
length_unit = "cm"
weight_g_unused = 0
"#;

const USER_FBA_VALID: &str = include_str!("fixtures/user-packs/fba.toml");

const USER_DUTY: &str = include_str!("fixtures/user-packs/duty.toml");

fn eur_jpy() -> FxRate {
    FxRate::new(
        Currency::EUR,
        Currency::JPY,
        dec!(171.78),
        NaiveDate::from_ymd_opt(2025, 9, 7).expect("date"),
        FxSource::JapanCustomsWeekly,
    )
    .expect("rate")
}

#[test]
fn a_bad_user_pack_is_refused_with_its_field() {
    let errors = packs::load(BUNDLED_FILES.iter().copied(), [("mine/fba.toml", USER_FBA)])
        .expect_err("unknown field");
    assert_eq!(errors.0[0].field.as_deref(), Some("weight_g_unused"));
}

#[test]
fn the_example_plan_quotes_with_user_figures_to_a_hand_checked_margin() {
    let mut plan = parse_plan("example", EXAMPLE_PLAN).expect("example plan");
    // The figures come from the user's packs here, not from the example's own product overrides.
    plan.products[0].overrides.clear();
    let packs = packs::load(
        BUNDLED_FILES.iter().copied(),
        [
            ("mine/fba.toml", USER_FBA_VALID),
            ("mine/duty.toml", USER_DUTY),
        ],
    )
    .expect("user packs merge");
    let quote = quote(&plan, &packs, &[eur_jpy()], Detail::Explained);
    let item = quote.items.first().expect("one product × one target");
    assert!(item.missing.is_empty(), "{:?}", item.missing);
    assert_eq!(item.price, Some(dec!(6980)));
    // 6,980 × 8.4% = 586.32 → 586.
    assert_eq!(item.referral_fee, Some(dec!(586)));
    assert_eq!(item.fulfilment_fee, Some(dec!(434)));
    // Professional ¥4,900 < Individual 300 × ¥100: 4,900 ÷ 300 = 16.333….
    assert_eq!(
        item.selling_plan.map(|fee| fee.round_dp(4)),
        Some(dec!(16.3333))
    );
    // 18.50 × 171.78 = 3,177.93; (2.10 + 0.15) × 171.78 = 360.738 + 25.767 = 386.505.
    assert_eq!(item.unit_cost, Some(dec!(3177.93)));
    assert_eq!(item.freight, Some(dec!(386.505)));
    assert_eq!(item.duty, Some(dec!(0)));
    // Consignment 300 × 3,564.435 = 1,069,330.5: national floor(1,069,000 × 7.8% = 83,382 → 83,300);
    // local floor(83,300 × 22/78 = 23,494.87 → 23,494 → 23,400); (83,300 + 23,400) ÷ 300 = 355.6667.
    assert_eq!(
        item.import_taxes.map(|tax| tax.round_dp(4)),
        Some(dec!(355.6667))
    );
    // Margin: 6,980 ÷ 1.1 = 6,345.4545… − 586 − 0 − 434 − 16.3333… − 3,564.435 = 1,744.6862….
    assert_eq!(
        item.margin.map(|margin| margin.round_dp(4)),
        Some(dec!(1744.6862))
    );
    // In EUR at the same rate: 1,744.6862… ÷ 171.78 = 10.1565….
    let home = item.margin_home.expect("home margin");
    assert_eq!(home.currency, Currency::EUR);
    assert_eq!(home.amount.round_dp(4), dec!(10.1565));
    let fba = item
        .explain
        .iter()
        .find(|step| step.label.en == "FBA fulfilment fee")
        .expect("fba step");
    assert_eq!(
        fba.rule.as_ref().map(|rule| rule.provenance.origin),
        Some(landfall::packs::PackOrigin::User),
        "the user's figure is marked as theirs"
    );
    // The selling plan step for a French reader: Individual 300 × ¥100 = 30,000, Professional 4,900,
    // 4,900 ÷ 300 = 16.3333, digits grouped with narrow no-break spaces and a decimal comma.
    let plan_step = item
        .explain
        .iter()
        .find(|step| step.label.en == "Selling plan per unit")
        .expect("selling plan step");
    assert_eq!(plan_step.label.fr, "Abonnement vendeur par unité");
    assert_eq!(
        plan_step.formula.fr,
        "min(Individuel 30\u{202F}000, Professionnel 4\u{202F}900) ÷ 300 unités = 16,3333"
    );
}

#[test]
fn without_user_figures_the_built_in_fba_fee_is_used_and_the_duty_rate_is_asked() {
    let mut plan = parse_plan("example", EXAMPLE_PLAN).expect("example plan");
    plan.products[0].overrides.clear();
    let packs = packs::bundled().expect("bundled");
    let quote = quote(&plan, &packs, &[eur_jpy()], Detail::Explained);
    let item = &quote.items[0];
    assert_eq!(item.referral_fee, Some(dec!(586)));
    // 20 × 12 × 10 cm: sides within 45 × 35 × 20 cm, sum 42 cm ≤ 50 cm, 650 g ≤ 2 kg → 標準50, ¥465
    // (the 2023 split of the ≤ 60 cm tier, amounts unchanged since, secondary).
    assert_eq!(item.fulfilment_fee, Some(dec!(465)));
    let tier = item
        .explain
        .iter()
        .find(|step| step.label.en == "FBA size tier")
        .expect("tier step");
    assert!(
        tier.formula.en.ends_with("標準50 Standard-50"),
        "{}",
        tier.formula.en
    );
    let fee = item
        .explain
        .iter()
        .find(|step| step.label.en == "FBA fulfilment fee")
        .expect("fee step");
    let rule = fee.rule.as_ref().expect("the table is cited");
    assert_eq!(
        rule.provenance.effective_from,
        NaiveDate::from_ymd_opt(2025, 6, 1).expect("date")
    );
    assert_eq!(
        rule.provenance.confidence,
        landfall::packs::Confidence::Secondary
    );
    assert!(!fee.overridden);
    // Japan's rate for 8518.22 was not found: the duty stays the user's to give, nothing invented.
    assert_eq!(item.duty, None);
    assert_eq!(item.margin, None);
    let inputs: Vec<_> = item.missing.iter().map(|gap| gap.input.input).collect();
    assert_eq!(
        inputs,
        vec![landfall::plan::Input::DutyRate],
        "{:?}",
        item.missing
    );
}

#[test]
fn figures_typed_on_the_product_stand_in_for_the_packs_and_are_marked_as_overrides() {
    // The example plan types the duty rate (0%); the FBA fee is typed here too (¥434).
    let mut plan = parse_plan("example", EXAMPLE_PLAN).expect("example plan");
    plan.products[0].overrides[0].fulfilment_fee = Some(landfall::plan::Amount {
        amount: dec!(434),
        currency: landfall::plan::CurrencyCode::checked("JPY".into()).expect("currency"),
    });
    let packs = packs::bundled().expect("bundled");
    let quote = quote(&plan, &packs, &[eur_jpy()], Detail::Explained);
    let item = &quote.items[0];
    assert!(item.missing.is_empty(), "{:?}", item.missing);
    assert_eq!(item.fulfilment_fee, Some(dec!(434)));
    assert_eq!(item.duty, Some(dec!(0)));
    // The same inputs as the user-pack case above, so the same margin: 1,744.6862….
    assert_eq!(
        item.margin.map(|margin| margin.round_dp(4)),
        Some(dec!(1744.6862))
    );
    let overridden: Vec<&str> = item
        .explain
        .iter()
        .filter(|step| step.overridden)
        .map(|step| step.label.en.as_str())
        .collect();
    assert!(
        overridden.contains(&"FBA fulfilment fee"),
        "the typed fee is marked: {overridden:?}"
    );
}

#[test]
fn the_example_plan_as_shipped_needs_no_typed_fba_fee() {
    let plan = parse_plan("example", EXAMPLE_PLAN).expect("example plan");
    let packs = packs::bundled().expect("bundled");
    let quote = quote(&plan, &packs, &[eur_jpy()], Detail::Explained);
    let item = &quote.items[0];
    assert!(item.missing.is_empty(), "{:?}", item.missing);
    assert_eq!(item.fulfilment_fee, Some(dec!(465)));
    // 6,345.4545… − 586 − 0 − 465 − 16.3333… − 3,564.435 = 1,713.6862…: ¥31 less than at the ¥434
    // typed before, the fee of a ≤ 30 cm parcel.
    assert_eq!(
        item.margin.map(|margin| margin.round_dp(4)),
        Some(dec!(1713.6862))
    );
}

#[test]
fn numbers_only_gives_the_same_figures_without_explanations() {
    let plan = parse_plan("example", EXAMPLE_PLAN).expect("example plan");
    let packs = packs::load(
        BUNDLED_FILES.iter().copied(),
        [
            ("mine/fba.toml", USER_FBA_VALID),
            ("mine/duty.toml", USER_DUTY),
        ],
    )
    .expect("user packs merge");
    let explained = quote(&plan, &packs, &[eur_jpy()], Detail::Explained);
    let numbers = quote(&plan, &packs, &[eur_jpy()], Detail::Numbers);
    let (a, b) = (&explained.items[0], &numbers.items[0]);
    assert!(b.explain.is_empty());
    assert_eq!(
        (a.margin, a.duty, a.import_taxes),
        (b.margin, b.duty, b.import_taxes)
    );
}

#[test]
fn every_gap_names_the_input_it_needs_for_the_window() {
    // Without freight to Japan, FBA fee or exchange rate: each gap says which input, for which
    // product and marketplace, in the shape the window's "go to the field" reads.
    let mut plan = parse_plan("example", EXAMPLE_PLAN).expect("example plan");
    plan.products[0].freight.clear();
    plan.products[0].overrides.clear();
    // 40 × 35 × 20 cm (95 cm) is 標準100, whose fee since the 2025 cut was not found.
    let package = plan.products[0].package.as_mut().expect("package");
    (package.length_cm, package.width_cm, package.height_cm) = (dec!(40), dec!(35), dec!(20));
    let packs = packs::bundled().expect("bundled");
    let quote = quote(&plan, &packs, &[], Detail::Numbers);
    let item = &quote.items[0];
    let inputs: Vec<serde_json::Value> = item
        .missing
        .iter()
        .map(|gap| serde_json::to_value(&gap.input).expect("serialises"))
        .collect();
    for input in ["freight", "fulfilment-fee", "fx-rate"] {
        assert!(
            inputs.contains(&serde_json::json!({
                "input": input,
                "sku": "SPK-1",
                "marketplace": "amazon-jp",
                "channel": null
            })),
            "{input}: {inputs:?}"
        );
    }
}
