//! Marketplace fees: Amazon's published examples, hand-checked bands, plans, FBA tiers, storage, and
//! monotonicity in price.

use chrono::NaiveDate;
use landfall::cost::{
    FeeReport, Package, PlanKind, ReferralRule, SalesFile, classify_fba, marketplace_fees,
    parse_input, referral_fee, selling_plan_comparison, storage_fee,
};
use landfall::packs::{self, in_force};
use proptest::prelude::*;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn fees(text: &str) -> FeeReport {
    let packs = packs::bundled().expect("bundled packs");
    let file: SalesFile = parse_input("sales.toml", text).expect("valid sales file");
    marketplace_fees(&file, &packs).expect("computes")
}

fn date(text: &str) -> NaiveDate {
    text.parse().expect("date")
}

#[test]
fn amazon_jp_points_example_gives_1470_yen() {
    // Seller Central JP: (10,000 − 200) × 15% = 1,470.
    let report = fees(
        r#"
marketplace = "amazon-jp"
as_of = "2026-11-22"
[referral]
basis = "whole"
bands = [{ rate = "15%" }]
[[lines]]
price = "10000"
points = "200"
"#,
    );
    let line = &report.lines[0];
    assert_eq!(line.referral_base, dec!(9800));
    assert_eq!(line.referral_fee, Some(dec!(1470)));
    let step = &line.explain[0];
    assert_eq!(step.formula.en, "(10,000 − 200) × 15% = 1,470");
    // The same workings for a French reader: narrow no-break spaces group the digits and a no-break
    // space comes before the percent sign.
    assert_eq!(
        step.formula.fr,
        "(10\u{202F}000 − 200) × 15\u{a0}% = 1\u{202F}470"
    );
    assert_eq!(step.label.fr, "Frais de vente (commission)");
    assert!(
        step.overridden,
        "a [referral] rule typed by the user is marked"
    );
    assert_eq!(report.totals.fees, dec!(1470));
}

#[test]
fn the_same_example_with_the_pack_category_in_force_in_2025() {
    // ホーム&キッチン above ¥750 was 15% until 2026-03-31: (10,000 − 200) × 15% = 1,470.
    let report = fees(
        "marketplace = \"amazon-jp\"\nas_of = \"2025-06-01\"\ncategory = \"home-kitchen\"\n[[lines]]\nprice = \"10000\"\npoints = \"200\"\n",
    );
    assert_eq!(report.lines[0].referral_fee, Some(dec!(1470)));
    let rule = report.lines[0].explain[0]
        .rule
        .as_ref()
        .expect("pack rule cited");
    assert_eq!(rule.provenance.effective_from, date("2024-06-01"));
    // From 2026-04-01 the rate is 15.4%: 9,800 × 15.4% = 1,509.2 → 1,509.
    let later = fees(
        "marketplace = \"amazon-jp\"\nas_of = \"2026-11-22\"\ncategory = \"home-kitchen\"\n[[lines]]\nprice = \"10000\"\npoints = \"200\"\n",
    );
    assert_eq!(later.lines[0].referral_fee, Some(dec!(1509)));
}

#[test]
fn jp_low_price_tier_and_minimum() {
    // Electronics, ¥700 item + ¥50 shipping = ¥750 ≤ ¥750 → 5% = 37.5 → 38 (half-up).
    // ¥400 → 5% = 20 < ¥30 minimum → 30. ¥751 → 8.4% = 63.08 → 63.
    let report = fees(
        r#"
marketplace = "amazon-jp"
as_of = "2026-11-22"
category = "electronics"
[[lines]]
price = "700"
shipping = "50"
[[lines]]
price = "400"
[[lines]]
price = "751"
"#,
    );
    let amounts: Vec<Option<Decimal>> = report.lines.iter().map(|line| line.referral_fee).collect();
    assert_eq!(
        amounts,
        vec![Some(dec!(38)), Some(dec!(30)), Some(dec!(63))]
    );
    assert_eq!(
        report.lines[1].explain[0].formula.en,
        "max(400 × 5% = 20, minimum 30) = 30"
    );
}

#[test]
fn portion_bands_charge_each_slice_at_its_rate() {
    // Clothing from 2026-04-01: 3,000 × 12.4% + 2,000 × 8.4% = 372 + 168 = 540.
    let report = fees(
        "marketplace = \"amazon-jp\"\nas_of = \"2026-11-22\"\ncategory = \"clothing\"\n[[lines]]\nprice = \"5000\"\n",
    );
    assert_eq!(report.lines[0].referral_fee, Some(dec!(540)));
    assert_eq!(
        report.lines[0].explain[0].formula.en,
        "5,000 → 3,000 × 12.4% + 2,000 × 8.4% = 540"
    );
}

#[test]
fn issue_example_with_portion_bands_shipping_gift_wrap_and_per_order_fee() {
    // Base 3,000 + 500 + 308 = 3,808 (EUR here: amazon-fr). Portion: 50 × 15.45% + 3,758 × 9.27%
    // = 7.725 + 348.3666 = 356.0916 → 356.09. Per-order fee: order 3,808 > 10 → 0.40.
    let report = fees(
        r#"
marketplace = "amazon-fr"
as_of = "2026-11-22"
[referral]
basis = "portion"
bands = [{ up_to = "50", rate = "15.45%" }, { rate = "9.27%" }]
minimum = "0"
[per_order_fee]
bands = [{ up_to = "10", amount = "0.30" }, { amount = "0.40" }]
[[lines]]
price = "3000"
shipping = "500"
gift_wrap = "308"
"#,
    );
    let line = &report.lines[0];
    assert_eq!(line.referral_fee, Some(dec!(356.09)));
    assert_eq!(line.per_order_fee, dec!(0.40));
    assert_eq!(report.totals.fees, dec!(356.49));
}

#[test]
fn refund_administration_is_ten_percent_capped_and_the_referral_comes_back() {
    // Amazon JP example: ¥1,000 at 15% → referral 150, refund administration 15.
    // Capped: ¥50,000 at 15% = 7,500 → 750 → capped at 500.
    let report = fees(
        r#"
marketplace = "amazon-jp"
as_of = "2026-11-22"
[referral]
basis = "whole"
bands = [{ rate = "15%" }]
[[lines]]
price = "1000"
refunded = true
[[lines]]
price = "50000"
refunded = true
"#,
    );
    assert_eq!(report.lines[0].refund_administration_fee, dec!(15));
    assert_eq!(report.lines[1].refund_administration_fee, dec!(500));
    assert_eq!(report.totals.referral_fee, dec!(7650));
    assert_eq!(report.totals.referral_fee_refunded, dec!(7650));
    // Net: 7,650 − 7,650 + 15 + 500 = 515.
    assert_eq!(report.totals.fees, dec!(515));
}

#[test]
fn books_carry_the_closing_fee() {
    // Book ¥2,000: 15.4% = 308; closing fee 140 → 448.
    let report = fees(
        "marketplace = \"amazon-jp\"\nas_of = \"2026-11-22\"\ncategory = \"books\"\n[[lines]]\nprice = \"2000\"\n",
    );
    assert_eq!(report.lines[0].referral_fee, Some(dec!(308)));
    assert_eq!(report.lines[0].closing_fee, dec!(140));
    assert_eq!(report.totals.fees, dec!(448));
}

#[test]
fn an_unknown_category_is_flagged_and_other_fees_still_compute() {
    let report = fees(
        "marketplace = \"amazon-jp\"\nas_of = \"2026-11-22\"\ncategory = \"pets\"\n[per_order_fee]\nbands = [{ amount = \"10\" }]\n[[lines]]\nprice = \"2000\"\n",
    );
    assert_eq!(report.lines[0].referral_fee, None);
    assert_eq!(report.lines[0].per_order_fee, dec!(10));
    assert!(!report.totals.complete);
    assert!(
        report
            .missing
            .iter()
            .any(|gap| gap.field == "category" && gap.message.en.contains("pets"))
    );
}

#[test]
fn jp_fba_fee_comes_from_the_built_in_table_and_a_typed_fee_comes_first() {
    // 20 × 12 × 10 cm, 650 g: too thick for Small/Standard 1; sides within 45 × 35 × 20 cm, sum
    // 42 cm ≤ 50, ≤ 2 kg → 標準50, ¥465 (2025-06-01 table, secondary).
    let without = fees(
        r#"
marketplace = "amazon-jp"
as_of = "2026-11-22"
category = "electronics"
[fulfilment]
package = { length_cm = "20", width_cm = "12", height_cm = "10", weight_g = "650" }
[[lines]]
price = "6980"
"#,
    );
    assert_eq!(without.fba_tier.as_deref(), Some("標準50 Standard-50"));
    assert_eq!(without.lines[0].fulfilment_fee, Some(dec!(465)));
    // 6,980 × 8.4% = 586.32 → 586; + FBA 465 = 1,051.
    assert_eq!(without.totals.fees, dec!(1051));
    assert!(without.totals.complete, "{:?}", without.missing);
    let step = without
        .explain
        .iter()
        .find(|step| step.label.en == "FBA fulfilment fee")
        .expect("fee step");
    assert_eq!(
        step.formula.en,
        "標準50 Standard-50: 465 per unit (consumption tax included)"
    );
    assert!(!step.overridden);
    let with = fees(
        r#"
marketplace = "amazon-jp"
as_of = "2026-11-22"
category = "electronics"
[fulfilment]
package = { length_cm = "20", width_cm = "12", height_cm = "10", weight_g = "650" }
fee = "434"
[[lines]]
price = "6980"
"#,
    );
    // 6,980 × 8.4% = 586.32 → 586; + FBA 434 (typed by the user) = 1,020.
    assert_eq!(with.lines[0].fulfilment_fee, Some(dec!(434)));
    assert_eq!(with.fba_tier.as_deref(), Some("標準50 Standard-50"));
    assert_eq!(with.totals.fees, dec!(1020));
    assert!(
        with.explain
            .iter()
            .any(|step| step.label.en == "FBA fulfilment fee" && step.overridden)
    );
}

#[test]
fn jp_fba_tier_whose_fee_was_not_found_is_asked_of_the_user() {
    // 40 × 35 × 20 cm (95 cm), 3 kg → 標準100, cut in 2025 to an amount not found.
    let report = fees(
        r#"
marketplace = "amazon-jp"
as_of = "2026-11-22"
category = "electronics"
[fulfilment]
package = { length_cm = "40", width_cm = "35", height_cm = "20", weight_g = "3000" }
[[lines]]
price = "6980"
"#,
    );
    assert_eq!(report.fba_tier.as_deref(), Some("標準100 Standard-100"));
    assert_eq!(report.lines[0].fulfilment_fee, None);
    assert!(!report.totals.complete);
    assert!(
        report
            .missing
            .iter()
            .any(|gap| gap.field == "fulfilment.fee" && gap.message.en.contains("標準100"))
    );
}

#[test]
fn jp_low_price_items_get_the_66_yen_discount() {
    // 20 × 12 × 10 cm, 650 g at ¥980 ≤ ¥1,000: 465 − 66 = 399.
    let report = fees(
        r#"
marketplace = "amazon-jp"
as_of = "2026-11-22"
category = "electronics"
[fulfilment]
package = { length_cm = "20", width_cm = "12", height_cm = "10", weight_g = "650" }
[[lines]]
price = "980"
"#,
    );
    assert_eq!(report.lines[0].fulfilment_fee, Some(dec!(399)));
}

/// A US sale at $25 of a package, for the fulfilment fee.
fn us_fba(package: &str) -> FeeReport {
    fees(&format!(
        "marketplace = \"amazon-us\"\nas_of = \"2026-11-22\"\n[fulfilment]\npackage = {package}\n[[lines]]\nprice = \"25\"\n"
    ))
}

#[test]
fn us_fba_fee_reads_the_price_band_and_the_shipping_weight() {
    // 30 × 25 × 1.5 cm, 300 g = 10.58 oz → small standard, rounded up to 11 oz; $10–$50 band,
    // ≤ 12 oz: $3.78; the 3.5% fuel and logistics surcharge (from 2026-04-17): 0.1323 → $0.13.
    let small =
        us_fba(r#"{ length_cm = "30", width_cm = "25", height_cm = "1.5", weight_g = "300" }"#);
    assert_eq!(small.fba_tier.as_deref(), Some("Small standard"));
    assert_eq!(small.lines[0].fulfilment_fee, Some(dec!(3.91)));
    let surcharge = small
        .explain
        .iter()
        .find(|step| step.label.en == "FBA surcharge")
        .expect("surcharge step");
    assert_eq!(surcharge.formula.en, "3.78 + 0.13 = 3.91");
    // 30 × 25 × 8 cm, 900 g: large standard; 6,000 cm³ = 366.14 in³ ÷ 139 = 2.634 lb = 42.15 oz
    // beats the unit weight (31.75 oz), rounded up to the quarter pound: 44 oz → $6.26;
    // + 3.5% (0.2191 → 0.22) = $6.48.
    let large =
        us_fba(r#"{ length_cm = "30", width_cm = "25", height_cm = "8", weight_g = "900" }"#);
    assert_eq!(large.fba_tier.as_deref(), Some("Large standard"));
    assert_eq!(large.lines[0].fulfilment_fee, Some(dec!(6.48)));
    // The same box at 2 kg = 70.55 oz → 72 oz: $6.97 + 6 × $0.08 above 3 lb = $7.45;
    // + 3.5% (0.26075 → 0.26) = $7.71.
    let heavy =
        us_fba(r#"{ length_cm = "30", width_cm = "25", height_cm = "8", weight_g = "2000" }"#);
    assert_eq!(heavy.lines[0].fulfilment_fee, Some(dec!(7.71)));
}

#[test]
fn us_tiers_convert_centimetres_and_grams() {
    let packs = packs::bundled().expect("bundled");
    let table = in_force(
        &packs.marketplace("amazon-us").expect("us").fba,
        date("2026-11-22"),
        |_| true,
    )
    .expect("table");
    // 30 × 25 × 1.5 cm = 11.8 × 9.8 × 0.59 in, 300 g = 10.6 oz → small standard (15 × 12 × 0.75 in, 16 oz).
    let flat = Package {
        length_cm: dec!(30),
        width_cm: dec!(25),
        height_cm: dec!(1.5),
        weight_g: dec!(300),
    };
    assert_eq!(
        classify_fba(&table.row, &flat).map(|tier| tier.name.as_str()),
        Some("Small standard")
    );
    // 2 cm thick = 0.79 in > 0.75 → large standard.
    let thick = Package {
        height_cm: dec!(2),
        ..flat
    };
    assert_eq!(
        classify_fba(&table.row, &thick).map(|tier| tier.name.as_str()),
        Some("Large standard")
    );
    // 50 cm long = 19.7 in > 18 → no standard tier.
    let long = Package {
        length_cm: dec!(50),
        ..flat
    };
    assert!(classify_fba(&table.row, &long).is_none());
}

#[test]
fn jp_oversize_storage_follows_the_official_formula() {
    // 3.278 × (60 × 50 × 40 cm³ ÷ 1,000) × (15 ÷ 30) = 3.278 × 120 × 0.5 = 196.68.
    let packs = packs::bundled().expect("bundled");
    let rows = &packs.marketplace("amazon-jp").expect("jp").storage;
    let row = in_force(rows, date("2026-05-01"), |row| row.size_group == "oversize").expect("row");
    let (fee, explanation) = storage_fee(row, dec!(120000), 15, 30).expect("valid days");
    assert_eq!(fee, dec!(196.68));
    assert!(
        explanation
            .formula
            .en
            .starts_with("3.278 × (120,000 cm³ ÷ 1,000) × (15 ÷ 30)")
    );
    assert!(storage_fee(row, dec!(1), 31, 30).is_err());
}

#[test]
fn selling_plans_break_even() {
    let packs = packs::bundled().expect("bundled");
    // JP: ¥4,900 ÷ ¥100 = 49 units; at 45 units Individual ¥4,500 < ¥4,900 (Amazon's own example).
    let jp = selling_plan_comparison(&packs, "amazon-jp", date("2026-11-22"), 45).expect("jp");
    assert_eq!((jp.individual, jp.professional), (dec!(4500), dec!(4900)));
    assert_eq!(jp.cheaper, PlanKind::Individual);
    assert_eq!(jp.break_even_units, 49);
    let jp_300 = selling_plan_comparison(&packs, "amazon-jp", date("2026-11-22"), 300).expect("jp");
    assert_eq!(jp_300.cheaper, PlanKind::Professional);
    // US: 39.99 ÷ 0.99 = 40.39 → 41 units.
    let us = selling_plan_comparison(&packs, "amazon-us", date("2026-11-22"), 10).expect("us");
    assert_eq!(us.break_even_units, 41);
    // UK: 25 ÷ 0.75 = 33.3 → 34.
    let uk = selling_plan_comparison(&packs, "amazon-uk", date("2026-11-22"), 10).expect("uk");
    assert_eq!(uk.break_even_units, 34);
    assert!(selling_plan_comparison(&packs, "amazon-xx", date("2026-11-22"), 1).is_err());
}

proptest! {
    #[test]
    fn every_bundled_referral_rule_is_monotonic_in_price(
        low in 0u64..2_000_000u64,
        step in 0u64..500_000u64,
        scale in 0u32..=2,
    ) {
        let packs = packs::bundled().expect("bundled");
        let a = Decimal::new(i64::try_from(low).unwrap_or(0), scale);
        let b = a + Decimal::new(i64::try_from(step).unwrap_or(0), scale);
        for pack in packs.marketplaces.values() {
            for row in &pack.referral {
                let rule = ReferralRule::from(&row.row);
                let fee_a = referral_fee(rule, a);
                let fee_b = referral_fee(rule, b);
                prop_assert!(fee_a <= fee_b, "{} {}: fee({a}) = {fee_a} > fee({b}) = {fee_b}", pack.header.id, row.row.category);
            }
        }
    }
}
