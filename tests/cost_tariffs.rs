//! The landed cost reads the bundled tariffs: a face cream (3304.99) and a leather handbag (4202.21)
//! into Japan, the United States and (goods of non-EU origin) the EU, and a still wine (2204.21) into
//! Japan with and without the EU–Japan EPA claim. Each duty is hand-checked on a round customs value
//! and the rate's source is the tariff page the data cites.

use landfall::cost::{Declaration, LandedCost, landed_cost, parse_input};
use landfall::packs;
use landfall::plan::Input;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn compute(text: &str) -> LandedCost {
    let packs = packs::bundled().expect("bundled packs");
    let declaration: Declaration = parse_input("test.toml", text).expect("valid declaration");
    landed_cost(&declaration, &packs).expect("computes")
}

/// One line into `destination` on 2026-12-03.
fn declaration(destination: &str, currency: &str, line: &str) -> String {
    format!(
        "destination = \"{destination}\"\nas_of = \"2026-12-03\"\ncurrency = \"{currency}\"\n\
         customs_fee = \"0\"\n[[lines]]\n{line}\n"
    )
}

/// The step labelled `label` (English) on the first line.
fn step<'a>(result: &'a LandedCost, label: &str) -> &'a landfall::cost::Explanation {
    result.lines[0]
        .explain
        .iter()
        .find(|step| step.label.en.starts_with(label))
        .unwrap_or_else(|| panic!("no step `{label}`: {:#?}", result.lines[0].explain))
}

fn source_url(step: &landfall::cost::Explanation) -> &str {
    &step
        .rule
        .as_ref()
        .expect("a cited rule")
        .provenance
        .source
        .url
}

fn duty(result: &LandedCost) -> Option<Decimal> {
    assert!(
        result.lines[0].missing.is_empty(),
        "{:?}",
        result.lines[0].missing
    );
    result.lines[0].duty
}

fn gap(result: &LandedCost) -> (Input, String) {
    let gap = result.lines[0].missing.first().expect("a gap");
    assert_eq!(result.lines[0].duty, None);
    (gap.input.input, gap.message.en.clone())
}

const JP_RULING_3304: &str =
    "https://www.customs.go.jp/tetsuzuki_search/bunrui/J2/23/J22300099.htm";
const JP_CHAPTER_42: &str = "https://htshub.com/jp-hs/chapter/42-2";
const JP_HANDBAG_STAGING: &str = "https://htshub.com/jp-hs/compare-htscode/420211200-420211100";
const JP_WINE: &str = "https://htshub.com/jp-hs/compare-htscode/220421010-220421020";
const HSRATES_3304: &str = "https://custom-tariffs-seo.pages.dev/en/codes/3304-99-other";
const HSRATES_4202_21: &str = "https://custom-tariffs-seo.pages.dev/en/codes/4202-21-handbags-whether-or-not-with-shoulder-strap-including-those-without-handle";
const US_RULING_HANDBAG: &str = "https://www.customsmobile.com/rulings/docview?doc_id=NY+N319939";

// ---------------------------------------------------------------- Japan

#[test]
fn japan_face_cream_is_free_at_the_wto_rate_of_the_customs_ruling() {
    let result = compute(&declaration(
        "JP",
        "JPY",
        "customs_value = \"534795\"\nhs_code = \"330499010\"\norigin = \"FR\"\npreferential_origin = true",
    ));
    assert_eq!(duty(&result), Some(dec!(0)));
    let general = step(&result, "Duty at the general rate");
    assert_eq!(general.amount, Some(dec!(0)));
    assert_eq!(source_url(general), JP_RULING_3304);
    // The WTO rate is already free: the EPA has no lower rate, so none is claimed or shown.
    assert!(
        result.lines[0]
            .explain
            .iter()
            .all(|s| !s.label.en.contains("preferential"))
    );
    // floor(534,795 → 534,000) × 7.8% = 41,652.
    let national = step(&result, "National consumption tax");
    assert_eq!(national.amount, Some(dec!(41652)));
}

#[test]
fn japan_handbag_pays_the_wto_rate_without_a_claim_and_shows_the_epa_rate() {
    let result = compute(&declaration(
        "JP",
        "JPY",
        "customs_value = \"534795\"\nhs_code = \"420221220\"\norigin = \"FR\"",
    ));
    // floor(534,795 → 534,000) × 10% = 53,400.
    assert_eq!(duty(&result), Some(dec!(53400)));
    let general = step(&result, "Duty at the general rate");
    assert_eq!(general.amount, Some(dec!(53400)));
    assert_eq!(source_url(general), JP_CHAPTER_42);
    // The EPA rate is shown beside it, not charged: 534,000 × 1.8% = 9,612.
    let preferential = step(&result, "Duty at the preferential rate");
    assert_eq!(preferential.amount, None);
    assert!(
        preferential.formula.en.ends_with("= 9,612"),
        "{}",
        preferential.formula.en
    );
    assert!(
        preferential
            .label
            .en
            .contains("EU–Japan Economic Partnership Agreement")
    );
    assert_eq!(result.totals.duty, dec!(53400));
}

#[test]
fn japan_handbag_with_the_epa_claim_pays_the_preferential_rate() {
    let result = compute(&declaration(
        "JP",
        "JPY",
        "customs_value = \"534795\"\nhs_code = \"420221220\"\norigin = \"FR\"\npreferential_origin = true",
    ));
    // 534,000 × 1.8% = 9,612; the total duty is rounded down to ¥100: 9,600.
    assert_eq!(duty(&result), Some(dec!(9612)));
    assert_eq!(result.totals.duty, dec!(9600));
    let preferential = step(&result, "Duty at the preferential rate");
    assert_eq!(preferential.amount, Some(dec!(9612)));
    assert_eq!(source_url(preferential), JP_HANDBAG_STAGING);
    let proof = preferential
        .inputs
        .iter()
        .find(|input| input.name.en == "proof of origin")
        .expect("the proof asked");
    assert!(proof.value.en.contains("REX"), "{}", proof.value.en);
    // Both rates are in the workings: the general one without an amount charged.
    let general = step(&result, "Duty at the general rate");
    assert_eq!(general.amount, None);
    assert!(
        general.formula.en.ends_with("= 53,400"),
        "{}",
        general.formula.en
    );
}

#[test]
fn japan_handbag_of_a_non_partner_origin_gets_no_preference() {
    let result = compute(&declaration(
        "JP",
        "JPY",
        "customs_value = \"534795\"\nhs_code = \"420221220\"\norigin = \"CN\"\npreferential_origin = true",
    ));
    assert_eq!(duty(&result), Some(dec!(53400)));
}

/// 240 bottles of 0.75 l: 180 l.
const WINE: &str = "hs_code = \"220421020\"\norigin = \"FR\"\nquantity = 240\nlitres = \"180\"";

#[test]
fn japan_wine_pays_the_lesser_of_15_percent_and_125_yen_a_litre() {
    let result = compute(&declaration(
        "JP",
        "JPY",
        &format!("customs_value = \"360000\"\n{WINE}"),
    ));
    // min(360,000 × 15% = 54,000; 180 l × ¥125 = 22,500) = 22,500, at least 180 l × ¥67 = 12,060.
    assert_eq!(duty(&result), Some(dec!(22500)));
    let general = step(&result, "Duty at the general rate");
    assert_eq!(source_url(general), JP_WINE);
    assert_eq!(
        general.formula.en,
        "min(360,000 × 15% = 54,000; 180 l × 125 = 22,500) = 22,500, at least 180 l × 67 = 12,060 → 22,500"
    );
}

#[test]
fn japan_cheap_wine_pays_the_minimum_of_67_yen_a_litre() {
    // ¥300 a bottle: 72,000 × 15% = 10,800 is the lesser, below the minimum 180 × 67 = 12,060.
    let result = compute(&declaration(
        "JP",
        "JPY",
        &format!("customs_value = \"72000\"\n{WINE}"),
    ));
    assert_eq!(duty(&result), Some(dec!(12060)));
}

#[test]
fn japan_wine_of_eu_origin_with_the_epa_claim_is_free() {
    let result = compute(&declaration(
        "JP",
        "JPY",
        &format!("customs_value = \"360000\"\n{WINE}\npreferential_origin = true"),
    ));
    assert_eq!(duty(&result), Some(dec!(0)));
    let preferential = step(&result, "Duty at the preferential rate");
    assert_eq!(preferential.amount, Some(dec!(0)));
    assert_eq!(source_url(preferential), JP_WINE);
    // The general rate's duty is shown beside it.
    assert!(
        step(&result, "Duty at the general rate")
            .formula
            .en
            .ends_with("→ 22,500")
    );
}

#[test]
fn japan_wine_without_its_litres_asks_for_them() {
    let result = compute(&declaration(
        "JP",
        "JPY",
        "customs_value = \"360000\"\nhs_code = \"220421020\"\norigin = \"FR\"",
    ));
    let (input, message) = gap(&result);
    assert_eq!(input, Input::DutyRate);
    assert!(
        message.contains("per l") && message.contains("`litres`"),
        "{message}"
    );
}

#[test]
fn japan_loudspeakers_rate_not_found_stays_the_users() {
    let result = compute(&declaration(
        "JP",
        "JPY",
        "customs_value = \"534795\"\nhs_code = \"851822\"\norigin = \"CN\"",
    ));
    let (input, message) = gap(&result);
    assert_eq!(input, Input::DutyRate);
    assert!(message.contains("not found"), "{message}");
}

#[test]
fn japan_six_digit_code_with_several_national_lines_asks_for_the_line() {
    let result = compute(&declaration(
        "JP",
        "JPY",
        "customs_value = \"534795\"\nhs_code = \"420221\"\norigin = \"FR\"",
    ));
    let (input, message) = gap(&result);
    assert_eq!(input, Input::DutyRate);
    assert!(
        message.contains("4202.21-220") && message.contains("4202.21-100"),
        "{message}"
    );
}

// ---------------------------------------------------------------- United States

#[test]
fn us_face_cream_of_french_origin_is_topped_up_to_10_percent() {
    let result = compute(&declaration(
        "US",
        "USD",
        "customs_value = \"10000\"\nhs_code = \"330499\"\norigin = \"FR\"",
    ));
    // General rate free: $0; forced-labour action: max(10,000 × 10% − 0, 0) = $1,000.
    assert_eq!(duty(&result), Some(dec!(1000)));
    let general = step(&result, "Duty at the general rate");
    assert_eq!(general.amount, Some(dec!(0)));
    assert_eq!(source_url(general), HSRATES_3304);
    let layer = step(&result, "Additional duty");
    assert_eq!(layer.amount, Some(dec!(1000)));
    let basis = &layer.inputs[0];
    assert_eq!(basis.name.en, "legal basis");
    assert!(
        basis.value.en.contains("FR Doc 2026-15181"),
        "{}",
        basis.value.en
    );
    let rule = layer.rule.as_ref().expect("dated layer");
    assert_eq!(rule.provenance.effective_from.to_string(), "2026-07-24");
}

#[test]
fn us_face_cream_of_japanese_origin_is_topped_up_to_12_5_percent() {
    let result = compute(&declaration(
        "US",
        "USD",
        "customs_value = \"10000\"\nhs_code = \"330499\"\norigin = \"JP\"",
    ));
    assert_eq!(duty(&result), Some(dec!(1250)));
}

#[test]
fn us_handbag_over_20_dollars_pays_9_percent_and_a_1_percent_top_up() {
    let result = compute(&declaration(
        "US",
        "USD",
        "customs_value = \"10000\"\nhs_code = \"42022190\"\norigin = \"FR\"",
    ));
    // 10,000 × 9% = 900; max(10,000 × 10% − 900, 0) = 100; total 1,000.
    assert_eq!(duty(&result), Some(dec!(1000)));
    let general = step(&result, "Duty at the general rate");
    assert_eq!(general.amount, Some(dec!(900)));
    assert_eq!(source_url(general), US_RULING_HANDBAG);
    let layer = step(&result, "Additional duty");
    assert_eq!(layer.amount, Some(dec!(100)));
    assert_eq!(layer.formula.en, "max(10,000 × 10% − duty 900, 0) = 100");
}

#[test]
fn us_handbag_of_an_origin_not_researched_is_asked_not_assumed_free() {
    let result = compute(&declaration(
        "US",
        "USD",
        "customs_value = \"10000\"\nhs_code = \"42022190\"\norigin = \"CN\"",
    ));
    let (input, message) = gap(&result);
    assert_eq!(input, Input::DutyRate);
    assert!(
        message.contains("goods of CN") && message.contains("not researched"),
        "{message}"
    );
}

#[test]
fn us_duty_without_an_origin_asks_for_it() {
    let result = compute(&declaration(
        "US",
        "USD",
        "customs_value = \"10000\"\nhs_code = \"42022190\"",
    ));
    assert_eq!(gap(&result).0, Input::Origin);
}

// ---------------------------------------------------------------- EU (goods of non-EU origin)

#[test]
fn eu_face_cream_of_chinese_origin_is_free() {
    let result = compute(&declaration(
        "FR",
        "EUR",
        "customs_value = \"10000\"\nhs_code = \"330499\"\norigin = \"CN\"",
    ));
    assert_eq!(duty(&result), Some(dec!(0)));
    assert_eq!(
        source_url(step(&result, "Duty at the general rate")),
        HSRATES_3304
    );
}

#[test]
fn eu_handbag_of_chinese_origin_pays_3_percent() {
    let result = compute(&declaration(
        "DE",
        "EUR",
        "customs_value = \"10000\"\nhs_code = \"420221\"\norigin = \"CN\"",
    ));
    // 10,000 × 3% = 300.
    assert_eq!(duty(&result), Some(dec!(300)));
    assert_eq!(
        source_url(step(&result, "Duty at the general rate")),
        HSRATES_4202_21
    );
}

#[test]
fn eu_handbag_of_french_origin_pays_no_duty_in_germany() {
    let result = compute(&declaration(
        "DE",
        "EUR",
        "customs_value = \"10000\"\nhs_code = \"420221\"\norigin = \"FR\"",
    ));
    assert_eq!(duty(&result), Some(dec!(0)));
    assert!(
        step(&result, "Duty")
            .formula
            .en
            .starts_with("none: goods originating in FR")
    );
}

#[test]
fn eu_duty_without_an_origin_asks_for_it() {
    let result = compute(&declaration(
        "DE",
        "EUR",
        "customs_value = \"10000\"\nhs_code = \"420221\"",
    ));
    assert_eq!(gap(&result).0, Input::Origin);
}

#[test]
fn a_typed_rate_comes_before_the_bundled_tariff() {
    let result = compute(&declaration(
        "US",
        "USD",
        "customs_value = \"10000\"\nhs_code = \"42022190\"\norigin = \"CN\"\nduty_rate = \"34%\"",
    ));
    assert_eq!(duty(&result), Some(dec!(3400)));
}

// ---------------------------------------------------------------- a plan's quote

/// French wine on Amazon.co.jp: 240 bottles of 0.75 l a month, CIF €11.50 a bottle at ¥171.78.
fn wine_plan(claim: bool) -> String {
    format!(
        r#"
[plan]
name = "wine"
as_of = "2026-12-03"
home_currency = "EUR"
[seller]
country = "FR"
entity = "company"
[[targets]]
marketplace = "amazon-jp"
fulfilment = "fba"
channel = "b2c"
monthly_units = 240
[[products]]
sku = "WINE-1"
name = "Bordeaux 75 cl"
hs_code = "220421020"
flags = ["alcohol", "food"]
category = "grocery"
unit_cost = {{ amount = "10", currency = "EUR" }}
package = {{ length_cm = "32", width_cm = "8", height_cm = "8", weight_g = "1300" }}
litres = "0.75"
origin = "FR"
preferential_origin = {claim}
[[products.prices]]
marketplace = "amazon-jp"
price = {{ amount = "3980", currency = "JPY" }}
[[products.freight]]
marketplace = "amazon-jp"
freight = {{ amount = "1.50", currency = "EUR" }}
"#
    )
}

fn wine_duty(claim: bool) -> Option<Decimal> {
    use landfall::cost::{Detail, quote};
    use landfall::money::{Currency, FxRate, FxSource};
    let plan = landfall::plan::parse_plan("wine.toml", &wine_plan(claim)).expect("plan");
    let rate = FxRate::new(
        Currency::EUR,
        Currency::JPY,
        dec!(171.78),
        chrono::NaiveDate::from_ymd_opt(2026, 12, 3).expect("date"),
        FxSource::EcbReference,
    )
    .expect("rate");
    let packs = packs::bundled().expect("bundled packs");
    let item = quote(&plan, &packs, &[rate], Detail::Numbers)
        .items
        .remove(0);
    assert!(item.missing.is_empty(), "{:?}", item.missing);
    item.duty
}

#[test]
fn a_plans_wine_is_charged_per_litre_and_free_with_the_epa_claim() {
    // 240 × 11.50 × 171.78 = 474,112.8 → 474,000; min(474,000 × 15% = 71,100; 240 × 0.75 = 180 l
    // × ¥125 = 22,500) = 22,500 ≥ 180 × ¥67; 22,500 ÷ 240 = 93.75 per bottle.
    assert_eq!(wine_duty(false), Some(dec!(93.75)));
    assert_eq!(wine_duty(true), Some(dec!(0)));
}

#[test]
fn a_products_litres_must_be_positive() {
    let text = wine_plan(false).replace("litres = \"0.75\"", "litres = \"0\"");
    let Err(landfall::plan::PlanError::Invalid { problems, .. }) =
        landfall::plan::parse_plan("wine.toml", &text)
    else {
        panic!("zero litres is refused");
    };
    assert_eq!(problems[0].field, "products[0].litres");
}
