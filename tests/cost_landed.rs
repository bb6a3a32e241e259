//! Landed cost against published worked examples and hand-checked cases.

use landfall::cost::{Declaration, LandedCost, landed_cost, parse_input};
use landfall::packs;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn compute(text: &str) -> LandedCost {
    let packs = packs::bundled().expect("bundled packs");
    let declaration: Declaration = parse_input("test.toml", text).expect("valid declaration");
    landed_cost(&declaration, &packs).expect("computes")
}

fn tax(amounts: &[landfall::cost::TaxAmount], code: &str) -> Option<Decimal> {
    amounts
        .iter()
        .find(|tax| tax.code == code)
        .map(|tax| tax.amount)
}

fn step(result: &LandedCost, line: usize, label: &str) -> (Option<Decimal>, String) {
    let explanation = result
        .lines
        .get(line)
        .and_then(|line| line.explain.iter().find(|step| step.label.en == label))
        .unwrap_or_else(|| panic!("line {line} has no step `{label}`"));
    (explanation.amount, explanation.formula.en.clone())
}

/// Japan Customs, Customs Answer 1111: two lines at 14% duty, standard and reduced consumption tax.
const CUSTOMS_1111: &str = r#"
destination = "JP"
as_of = "2026-11-22"
currency = "JPY"
consignment = "commercial"
[[lines]]
customs_value = "534795"
duty_rate = "14%"
tax_rate = "standard"
[[lines]]
customs_value = "126258"
duty_rate = "14%"
tax_rate = "reduced"
"#;

#[test]
fn japan_customs_1111_reproduces_every_step_to_the_yen() {
    let result = compute(CUSTOMS_1111);
    assert_eq!(result.currency.code(), "JPY");
    // (label, line A, line B) from worked-examples.md.
    let expected = [
        ("Duty base", dec!(534000), dec!(126000)),
        ("Duty", dec!(74760), dec!(17640)),
        ("Duty in the tax base", dec!(74700), dec!(17600)),
        // 534,795 + 74,700 = 609,495 → 609,000; 126,258 + 17,600 = 143,858 → 143,000.
        ("Consumption-tax base", dec!(609000), dec!(143000)),
        // 609,000 × 7.8% = 47,502; 143,000 × 6.24% = 8,923.2 → 8,923.
        ("National consumption tax", dec!(47502), dec!(8923)),
        // 47,500 × 22/78 = 13,397.4 → 13,397; 8,900 × 22/78 = 2,510.3 → 2,510.
        ("Local consumption tax", dec!(13397), dec!(2510)),
    ];
    for (label, line_a, line_b) in expected {
        assert_eq!(step(&result, 0, label).0, Some(line_a), "line A {label}");
        assert_eq!(step(&result, 1, label).0, Some(line_b), "line B {label}");
    }
    let line_a = result.lines.first().expect("line A");
    assert_eq!(line_a.duty, Some(dec!(74760)));
    assert_eq!(tax(&line_a.taxes, "JP-CT-NATIONAL"), Some(dec!(47502)));
    assert_eq!(tax(&line_a.taxes, "JP-CT-LOCAL"), Some(dec!(13397)));
    // Payable: 92,400 → 92,400; 56,425 → 56,400; 15,907 → 15,900.
    assert_eq!(result.totals.duty, dec!(92400));
    assert_eq!(
        tax(&result.totals.taxes, "JP-CT-NATIONAL"),
        Some(dec!(56400))
    );
    assert_eq!(tax(&result.totals.taxes, "JP-CT-LOCAL"), Some(dec!(15900)));
    assert_eq!(result.totals.total, dec!(164700));
    assert!(result.totals.complete);
}

#[test]
fn japan_formulas_show_the_actual_numbers_and_cite_sources() {
    let result = compute(CUSTOMS_1111);
    assert_eq!(
        step(&result, 0, "Duty").1,
        "floor(534,795 → 534,000) × 14% = 74,760"
    );
    assert_eq!(
        step(&result, 0, "Consumption-tax base").1,
        "floor(534,795 + 74,700 = 609,495 → 609,000)"
    );
    assert_eq!(
        step(&result, 0, "Local consumption tax").1,
        "floor(47,502 → 47,500) × 22/78 = 13,397 (13,397.43…: fraction of a yen dropped)"
    );
    let national_total = result
        .totals
        .explain
        .iter()
        .find(|step| step.label.en == "National consumption tax payable")
        .expect("total step");
    assert_eq!(
        national_total.formula.en,
        "floor(47,502 + 8,923 = 56,425 → 56,400)"
    );
    // The same working for a French reader: French words, digits grouped with a narrow space.
    assert_eq!(
        national_total.formula.fr,
        "plancher(47\u{202F}502 + 8\u{202F}923 = 56\u{202F}425 → 56\u{202F}400)"
    );
    assert_eq!(
        national_total.label.fr,
        "Taxe nationale à la consommation à payer"
    );
    let rule = national_total.rule.as_ref().expect("rule cited");
    assert!(rule.provenance.source.url.contains("note.com"));
    let national_line = result.lines[0]
        .explain
        .iter()
        .find(|step| step.label.en == "National consumption tax")
        .expect("step");
    assert!(
        national_line.rule.as_ref().is_some_and(|rule| rule
            .provenance
            .source
            .url
            .contains("1111_e.htm"))
    );
}

#[test]
fn japan_small_amount_exemption_spares_all_but_excluded_goods() {
    // ¥9,000 + ¥1,000 = ¥10,000 ≤ ¥10,000: exempt, except the knitted sweater (HS 61).
    let result = compute(
        r#"
destination = "JP"
as_of = "2026-11-22"
currency = "JPY"
consignment = "b2c-parcel"
[[lines]]
customs_value = "9000"
duty_rate = "5%"
hs_code = "851822"
[[lines]]
customs_value = "1000"
duty_rate = "10%"
hs_code = "611030"
"#,
    );
    let speaker = &result.lines[0];
    assert_eq!(speaker.duty, Some(Decimal::ZERO));
    assert_eq!(tax(&speaker.taxes, "JP-CT-NATIONAL"), Some(Decimal::ZERO));
    let sweater = &result.lines[1];
    // 1,000 → 1,000 × 10% = 100; duty in base 100; base floor(1,100 → 1,000) × 7.8% = 78;
    // local floor(78 → 0) × 22/78 = 0.
    assert_eq!(sweater.duty, Some(dec!(100)));
    assert_eq!(tax(&sweater.taxes, "JP-CT-NATIONAL"), Some(dec!(78)));
    assert_eq!(tax(&sweater.taxes, "JP-CT-LOCAL"), Some(dec!(0)));
    // Totals: duty floor(100 → 100); national floor(78 → 0).
    assert_eq!(result.totals.duty, dec!(100));
    assert_eq!(tax(&result.totals.taxes, "JP-CT-NATIONAL"), Some(dec!(0)));
    assert!(
        result
            .consignment_explain
            .iter()
            .any(|step| step.label.en.contains("exemption"))
    );
}

#[test]
fn japan_just_above_the_threshold_is_taxed() {
    // ¥10,001: duty floor(10,001 → 10,000) × 5% = 500; base floor(10,001 + 500 → 10,000) × 7.8% = 780;
    // local floor(780 → 700) × 22/78 = 197.4 → 197. Totals: 500, 700, 100.
    let result = compute(
        r#"
destination = "JP"
as_of = "2026-11-22"
currency = "JPY"
[[lines]]
customs_value = "10001"
duty_rate = "5%"
"#,
    );
    assert_eq!(result.totals.duty, dec!(500));
    assert_eq!(tax(&result.totals.taxes, "JP-CT-NATIONAL"), Some(dec!(700)));
    assert_eq!(tax(&result.totals.taxes, "JP-CT-LOCAL"), Some(dec!(100)));
}

#[test]
fn a_missing_duty_rate_is_flagged_on_its_line_and_the_rest_computes() {
    let result = compute(
        r#"
destination = "JP"
as_of = "2026-11-22"
currency = "JPY"
[[lines]]
customs_value = "534795"
duty_rate = "14%"
[[lines]]
customs_value = "50000"
hs_code = "851822"
"#,
    );
    assert_eq!(result.lines[0].duty, Some(dec!(74760)));
    let second = &result.lines[1];
    assert_eq!(second.duty, None);
    assert_eq!(
        second.missing.first().map(|gap| gap.field.as_str()),
        Some("lines[1].duty_rate")
    );
    assert!(!result.totals.complete);
    // Totals cover the complete line: duty floor(74,760 → 74,700).
    assert_eq!(result.totals.duty, dec!(74700));
}

#[test]
fn euro_amounts_convert_with_the_customs_weekly_rate_recorded() {
    // €100 × 171.78 = ¥17,178: duty floor(17,178 → 17,000) × 10% = 1,700;
    // base floor(17,178 + 1,700 = 18,878 → 18,000) × 7.8% = 1,404.
    let result = compute(
        r#"
destination = "JP"
as_of = "2026-11-22"
currency = "EUR"
[fx]
rate = "171.78"
date = "2025-09-07"
source = "japan-customs-weekly"
[[lines]]
customs_value = "100"
duty_rate = "10%"
"#,
    );
    assert_eq!(result.lines[0].customs_value, dec!(17178));
    assert_eq!(result.lines[0].duty, Some(dec!(1700)));
    assert_eq!(
        tax(&result.lines[0].taxes, "JP-CT-NATIONAL"),
        Some(dec!(1404))
    );
    let fx = result.fx.as_ref().expect("rate recorded");
    assert_eq!(fx.rate, dec!(171.78));
    assert_eq!(fx.date.to_string(), "2025-09-07");
}

#[test]
fn a_foreign_currency_without_a_rate_is_bad_input() {
    let packs = packs::bundled().expect("bundled");
    let declaration: Declaration = parse_input(
        "d.toml",
        "destination = \"JP\"\nas_of = \"2026-11-22\"\ncurrency = \"EUR\"\n[[lines]]\ncustoms_value = \"1\"\n",
    )
    .expect("parses");
    let error = landed_cost(&declaration, &packs).expect_err("no fx");
    assert!(error.to_string().contains("`fx`"), "{error}");
}

#[test]
fn eu_commercial_import_vat_is_on_value_plus_duty() {
    // DE: duty 1,000 × 2% = 20; VAT (1,000 + 20) × 19% = 193.8.
    let result = compute(
        r#"
destination = "DE"
as_of = "2026-11-22"
currency = "EUR"
[[lines]]
customs_value = "1000"
duty_rate = "2%"
"#,
    );
    assert_eq!(result.totals.duty, dec!(20));
    assert_eq!(tax(&result.totals.taxes, "VAT"), Some(dec!(193.80)));
    assert_eq!(result.totals.total, dec!(213.80));
}

#[test]
fn eu_b2c_parcel_pays_three_euros_per_distinct_subheading_from_july_2026() {
    // Council example: 1 silk blouse + 2 wool blouses (two subheadings) = €6.
    // FR with IOSS: VAT at checkout on the value, 20% × (40 + 30 + 30) = 20.
    let text = r#"
destination = "FR"
as_of = "2026-11-22"
currency = "EUR"
consignment = "b2c-parcel"
ioss = true
[[lines]]
customs_value = "40"
hs_code = "620610"
[[lines]]
customs_value = "30"
hs_code = "620620"
[[lines]]
customs_value = "30"
hs_code = "620620"
"#;
    let result = compute(text);
    assert_eq!(result.totals.duty, dec!(6));
    assert_eq!(tax(&result.totals.taxes, "VAT"), Some(dec!(20)));
    assert!(result.totals.complete);
    // Before 2026-07-01 the ≤ €150 duty relief applied: no duty.
    let before = compute(&text.replace("2026-11-22", "2026-06-30"));
    assert_eq!(before.totals.duty, dec!(0));
    // Switched off by the user (disputed scope): ad valorem duty needs rates, flagged as missing.
    let off = compute(&text.replace("ioss = true", "ioss = true\neu_flat_duty = false"));
    assert!(!off.totals.complete);
}

#[test]
fn member_state_vat_rates_come_from_the_pack() {
    for (country, vat) in [
        ("FR", dec!(20)),
        ("DE", dec!(19)),
        ("ES", dec!(21)),
        ("IT", dec!(22)),
        ("NL", dec!(21)),
        ("PL", dec!(23)),
    ] {
        let result = compute(&format!(
            "destination = \"{country}\"\nas_of = \"2026-11-22\"\ncurrency = \"EUR\"\n[[lines]]\ncustoms_value = \"100\"\nduty_rate = \"0%\"\n"
        ));
        assert_eq!(tax(&result.totals.taxes, "VAT"), Some(vat), "{country}");
    }
}

#[test]
fn uk_parcels_up_to_135_pounds_pay_vat_at_sale_and_no_duty() {
    let at_threshold = compute(
        "destination = \"UK\"\nas_of = \"2026-11-22\"\ncurrency = \"GBP\"\nconsignment = \"b2c-parcel\"\n[[lines]]\ncustoms_value = \"135\"\nduty_rate = \"4%\"\n",
    );
    // No duty; VAT 135 × 20% = 27 at the point of sale.
    assert_eq!(at_threshold.totals.duty, dec!(0));
    assert_eq!(tax(&at_threshold.totals.taxes, "VAT"), Some(dec!(27)));
    let above = compute(
        "destination = \"UK\"\nas_of = \"2026-11-22\"\ncurrency = \"GBP\"\nconsignment = \"b2c-parcel\"\n[[lines]]\ncustoms_value = \"136\"\nduty_rate = \"4%\"\n",
    );
    // Duty 136 × 4% = 5.44; VAT (136 + 5.44) × 20% = 28.288 → 28.29.
    assert_eq!(above.totals.duty, dec!(5.44));
    assert_eq!(tax(&above.totals.taxes, "VAT"), Some(dec!(28.29)));
}

#[test]
fn us_has_no_de_minimis_and_charges_the_mpf_within_its_bounds() {
    // $500 parcel at 4.9%: duty 24.50; informal entry fee 2.69.
    let parcel = compute(
        "destination = \"US\"\nas_of = \"2026-06-01\"\ncurrency = \"USD\"\nconsignment = \"b2c-parcel\"\n[[lines]]\ncustoms_value = \"500\"\nduty_rate = \"4.9%\"\n",
    );
    assert_eq!(parcel.totals.duty, dec!(24.50));
    assert_eq!(tax(&parcel.totals.taxes, "US-MPF"), Some(dec!(2.69)));
    // Formal entry of $5,000: 5,000 × 0.3464% = 17.32 → raised to the 33.58 minimum.
    let small = compute(
        "destination = \"US\"\nas_of = \"2026-06-01\"\ncurrency = \"USD\"\n[[lines]]\ncustoms_value = \"5000\"\nduty_rate = \"0%\"\n",
    );
    assert_eq!(tax(&small.totals.taxes, "US-MPF"), Some(dec!(33.58)));
    // $300,000: 1,039.20 → capped at 651.50.
    let large = compute(
        "destination = \"US\"\nas_of = \"2026-06-01\"\ncurrency = \"USD\"\n[[lines]]\ncustoms_value = \"300000\"\nduty_rate = \"0%\"\n",
    );
    assert_eq!(tax(&large.totals.taxes, "US-MPF"), Some(dec!(651.50)));
    // After FY2026 the MPF figures are not known: flagged, not invented.
    let fy2027 = compute(
        "destination = \"US\"\nas_of = \"2026-11-22\"\ncurrency = \"USD\"\n[[lines]]\ncustoms_value = \"5000\"\nduty_rate = \"0%\"\n",
    );
    assert_eq!(tax(&fy2027.totals.taxes, "US-MPF"), None);
    assert!(fy2027.missing.iter().any(|gap| {
        gap.input.input == landfall::cost::Input::CustomsFee
            && gap
                .message
                .en
                .contains("Merchandise Processing Fee for formal entries")
    }));
    // The fee the user types (a broker's quote) is used instead, as typed.
    let typed = compute(
        "destination = \"US\"\nas_of = \"2026-11-22\"\ncurrency = \"USD\"\ncustoms_fee = \"35\"\n[[lines]]\ncustoms_value = \"5000\"\nduty_rate = \"0%\"\n",
    );
    assert_eq!(tax(&typed.totals.taxes, "US-MPF"), Some(dec!(35)));
    assert!(typed.missing.is_empty(), "{:?}", typed.missing);
}

#[test]
fn canada_and_australia_thresholds() {
    // CA: CAD 20 parcel is duty and tax free.
    let ca = compute(
        "destination = \"CA\"\nas_of = \"2026-11-22\"\ncurrency = \"CAD\"\nconsignment = \"b2c-parcel\"\n[[lines]]\ncustoms_value = \"20\"\nduty_rate = \"8%\"\n",
    );
    assert_eq!(ca.totals.total, dec!(0));
    // CA above: duty 50 × 8% = 4; GST is not in the packs, so it is flagged unless given.
    let ca_above = compute(
        "destination = \"CA\"\nas_of = \"2026-11-22\"\ncurrency = \"CAD\"\nconsignment = \"b2c-parcel\"\n[[lines]]\ncustoms_value = \"50\"\nduty_rate = \"8%\"\n",
    );
    assert_eq!(ca_above.totals.duty, dec!(4));
    assert!(!ca_above.totals.complete);
    let with_rate = compute(
        "destination = \"CA\"\nas_of = \"2026-11-22\"\ncurrency = \"CAD\"\nconsignment = \"b2c-parcel\"\n[[lines]]\ncustoms_value = \"50\"\nduty_rate = \"8%\"\ntax_rate = \"5%\"\n",
    );
    // GST (50 + 4) × 5% = 2.70, marked as a user figure.
    assert_eq!(tax(&with_rate.totals.taxes, "GST"), Some(dec!(2.70)));
    assert!(
        with_rate.lines[0]
            .explain
            .iter()
            .any(|step| step.label.en == "GST" && step.overridden)
    );
    // AU: A$1,000 parcel: no duty, GST 10% at the point of sale = 100.
    let au = compute(
        "destination = \"AU\"\nas_of = \"2026-11-22\"\ncurrency = \"AUD\"\nconsignment = \"b2c-parcel\"\n[[lines]]\ncustoms_value = \"1000\"\nduty_rate = \"5%\"\n",
    );
    assert_eq!(au.totals.duty, dec!(0));
    assert_eq!(tax(&au.totals.taxes, "GST"), Some(dec!(100)));
}

#[test]
fn bundled_simplified_tariff_rate_resolves_by_hs_prefix() {
    // HS 620610 (clothing, not knitted) in a ¥50,000 consignment: simplified tariff 10%.
    // Duty floor(50,000) × 10% = 5,000.
    let result = compute(
        "destination = \"JP\"\nas_of = \"2026-11-22\"\ncurrency = \"JPY\"\n[[lines]]\ncustoms_value = \"50000\"\nhs_code = \"620610\"\n",
    );
    assert_eq!(result.lines[0].duty, Some(dec!(5000)));
    let duty_step = result.lines[0]
        .explain
        .iter()
        .find(|step| step.label.en == "Duty")
        .expect("duty");
    assert!(
        duty_step
            .rule
            .as_ref()
            .is_some_and(|rule| rule.description.en.contains("62"))
    );
    // Above ¥200,000 the simplified tariff does not apply: flagged.
    let large = compute(
        "destination = \"JP\"\nas_of = \"2026-11-22\"\ncurrency = \"JPY\"\n[[lines]]\ncustoms_value = \"250000\"\nhs_code = \"620610\"\n",
    );
    assert_eq!(large.lines[0].duty, None);
}

#[test]
fn declaration_errors_name_line_and_field() {
    let error = parse_input::<Declaration>(
        "bad.toml",
        "destination = \"JP\"\nas_of = \"2026-11-22\"\ncurrency = \"JPY\"\n[[lines]]\ncustoms_value = \"1\"\nduty = \"3%\"\n",
    )
    .expect_err("unknown field");
    assert_eq!(error.file, "bad.toml");
    assert_eq!(error.field.as_deref(), Some("duty"));
    assert!(error.line.is_some());
    let error = parse_input::<Declaration>(
        "bad.toml",
        "destination = \"JP\"\nas_of = \"2026-11-22\"\ncurrency = \"JPY\"\n[[lines]]\ncustoms_value = \"1\"\ntax_rate = \"premium\"\n",
    )
    .expect_err("bad tax rate");
    assert_eq!(error.line, Some(6));
}

#[test]
fn fba_stock_can_be_valued_by_the_deductive_method() {
    // 300 units; per unit (6,345 − 1,020) ÷ 1.05 = 5,071.4285…; × 300 = 1,521,428.57…
    // Duty: floor(1,521,428.57 → 1,521,000) × 5% = 76,050.
    let result = compute(
        r#"
destination = "JP"
as_of = "2026-11-22"
currency = "JPY"
[[lines]]
duty_rate = "5%"
quantity = 300
[lines.deductive]
domestic_price = "6345"
domestic_costs = "1020"
"#,
    );
    assert_eq!(result.lines[0].customs_value.round_dp(2), dec!(1521428.57));
    assert_eq!(result.lines[0].duty, Some(dec!(76050)));
    assert!(result.consignment_explain.iter().any(|step| {
        step.formula
            .en
            .starts_with("300 × (6,345 − 1,020) ÷ (1 + 5%)")
    }));
}

#[test]
fn a_line_needs_exactly_one_valuation_and_deductive_needs_a_duty_rate() {
    let packs = packs::bundled().expect("bundled");
    for (text, field) in [
        ("[[lines]]\nduty_rate = \"5%\"\n", "lines[0].customs_value"),
        (
            "[[lines]]\ncustoms_value = \"1\"\nduty_rate = \"5%\"\n[lines.deductive]\ndomestic_price = \"2\"\ndomestic_costs = \"1\"\n",
            "lines[0].customs_value",
        ),
        (
            "[[lines]]\n[lines.deductive]\ndomestic_price = \"2\"\ndomestic_costs = \"1\"\n",
            "lines[0].duty_rate",
        ),
        (
            "[[lines]]\nduty_rate = \"0%\"\n[lines.deductive]\ndomestic_price = \"1\"\ndomestic_costs = \"2\"\n",
            "lines[0].deductive.domestic_costs",
        ),
    ] {
        let declaration: Declaration = parse_input(
            "d.toml",
            &format!("destination = \"JP\"\nas_of = \"2026-11-22\"\ncurrency = \"JPY\"\n{text}"),
        )
        .expect("parses");
        let error = landed_cost(&declaration, &packs).expect_err("invalid line");
        assert!(error.to_string().contains(&format!("`{field}`")), "{error}");
    }
}

#[test]
fn a_preferential_rate_needs_an_origin_and_is_marked_as_a_claim() {
    // EU origin under the EPA at 0% instead of 14%: duty 0; national floor(534,795 → 534,000) × 7.8% = 41,652.
    let result = compute(
        r#"
destination = "JP"
as_of = "2026-11-22"
currency = "JPY"
[[lines]]
customs_value = "534795"
duty_rate = "14%"
origin = "FR"
preferential_rate = "0%"
"#,
    );
    assert_eq!(result.lines[0].duty, Some(dec!(0)));
    assert_eq!(
        tax(&result.lines[0].taxes, "JP-CT-NATIONAL"),
        Some(dec!(41652))
    );
    let duty = result.lines[0]
        .explain
        .iter()
        .find(|step| step.label.en == "Duty")
        .expect("duty step");
    assert!(duty.overridden);
    assert!(
        duty.inputs
            .iter()
            .any(|input| input.value.en.contains("origin FR"))
    );
    let packs = packs::bundled().expect("bundled");
    let declaration: Declaration = parse_input(
        "d.toml",
        "destination = \"JP\"\nas_of = \"2026-11-22\"\ncurrency = \"JPY\"\n[[lines]]\ncustoms_value = \"1\"\npreferential_rate = \"0%\"\n",
    )
    .expect("parses");
    let error = landed_cost(&declaration, &packs).expect_err("no origin");
    assert!(error.to_string().contains("`lines[0].origin`"), "{error}");
}
