//! The cost commands' public contracts: JSON shapes, exit code 2 with a message naming file, line and
//! field on bad input, and `packs validate`.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn landfall(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_landfall"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("runs")
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write input");
    path.to_string_lossy().into_owned()
}

fn json(output: &Output) -> Value {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("valid JSON")
}

#[test]
fn landed_json_contract() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = write(
        dir.path(),
        "jp.toml",
        r#"
destination = "JP"
as_of = "2026-11-22"
currency = "JPY"
consignment = "commercial"
[[lines]]
customs_value = "534795"
duty_rate = "14%"
hs_code = "620610"
quantity = 1
tax_rate = "standard"
[[lines]]
customs_value = "126258"
duty_rate = "14%"
tax_rate = "reduced"
"#,
    );
    let value = json(&landfall(&["landed", &file, "--json"]));
    assert_eq!(value["currency"], "JPY");
    assert_eq!(value["lines"][0]["duty"], "74760");
    assert_eq!(value["lines"][0]["taxes"][0]["code"], "JP-CT-NATIONAL");
    assert_eq!(value["lines"][0]["taxes"][0]["amount"], "47502");
    assert!(
        value["lines"][0]["explain"]
            .as_array()
            .is_some_and(|steps| !steps.is_empty())
    );
    assert_eq!(value["totals"]["duty"], "92400");
    assert_eq!(
        value["totals"]["taxes"][0],
        serde_json::json!({"code": "JP-CT-NATIONAL", "amount": "56400"})
    );
    assert_eq!(
        value["totals"]["taxes"][1],
        serde_json::json!({"code": "JP-CT-LOCAL", "amount": "15900"})
    );
    assert_eq!(value["totals"]["total"], "164700");
}

#[test]
fn fees_json_contract() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = write(
        dir.path(),
        "sales.toml",
        r#"
marketplace = "amazon-jp"
as_of = "2026-11-22"
[referral]
basis = "whole"
bands = [{ rate = "15%" }]
[refund_administration]
rate = "10%"
cap = "500"
[[lines]]
price = "10000"
points = "200"
[[lines]]
price = "1000"
refunded = true
"#,
    );
    let value = json(&landfall(&["fees", &file, "--json"]));
    assert_eq!(value["currency"], "JPY");
    assert_eq!(value["lines"][0]["referral_fee"], "1470");
    assert_eq!(value["lines"][0]["refund_administration_fee"], "0");
    assert_eq!(value["lines"][1]["refund_administration_fee"], "15");
    assert!(value["lines"][0]["explain"].is_array());
    // Charged 1,470 + 150; 150 given back; + 15 administration = 1,485.
    assert_eq!(value["totals"]["referral_fee"], "1620");
    assert_eq!(value["totals"]["refund_administration_fee"], "15");
    assert_eq!(value["totals"]["per_order_fee"], "0");
    assert_eq!(value["totals"]["fees"], "1485");
}

#[test]
fn plans_compare_json_contract() {
    let output = landfall(&[
        "plans",
        "--marketplace",
        "amazon-jp",
        "--monthly-units",
        "300",
        "--as-of",
        "2026-11-22",
        "--json",
    ]);
    let value = json(&output);
    assert_eq!(value["individual"], "30000");
    assert_eq!(value["professional"], "4900");
    assert_eq!(value["cheaper"], "professional");
    assert_eq!(value["break_even_units"], 49);
}

#[test]
fn quote_json_lists_every_product_and_target() {
    let output = landfall(&[
        "quote",
        "data/examples/bluetooth-speaker-japan.toml",
        "--json",
        "--fx",
        "EUR/JPY=171.78@2025-09-07",
    ]);
    let value = json(&output);
    let items = value["items"].as_array().expect("items");
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["sku"], "SPK-1");
    assert_eq!(items[0]["marketplace"], "amazon-jp");
    assert_eq!(items[0]["referral_fee"], "586");
    // 18.50 × 171.78 = 3,177.93 (the string keeps the product's scale: "3177.9300").
    let unit_cost: rust_decimal::Decimal = items[0]["unit_cost"]
        .as_str()
        .and_then(|text| text.parse().ok())
        .expect("decimal string");
    assert_eq!(unit_cost, rust_decimal_macros::dec!(3177.93));
    // The JP FBA fee comes from the built-in table (標準50, ¥465) and the example types the duty (0%):
    // 6,980 ÷ 1.1 − 586 − 465 − 16.3333 − 3,564.435 = 1,713.6862 (see tests/cost_quote.rs).
    let margin: rust_decimal::Decimal = items[0]["margin"]
        .as_str()
        .and_then(|text| text.parse().ok())
        .expect("margin as a decimal string");
    assert_eq!(margin.round_dp(4), rust_decimal_macros::dec!(1713.6862));
}

#[test]
fn quote_without_fx_uses_the_bundled_ecb_rates_and_says_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("landfall.db");
    let output = landfall(&[
        "--db",
        &db.to_string_lossy(),
        "quote",
        "data/examples/bluetooth-speaker-japan.toml",
        "--json",
    ]);
    let value = json(&output);
    let item = &value["items"][0];
    // The plan is dated 2026-11-22, after the bundled history's last day: its rate of 2026-10-30,
    // 1 EUR = 175.68 JPY, is in force; 18.50 × 175.68 = 3,250.08.
    assert_eq!(item["fx"][0]["rate"], "175.68");
    assert_eq!(item["fx"][0]["date"], "2026-10-30");
    assert_eq!(item["fx"][0]["source"]["kind"], "ecb-reference");
    let unit_cost: rust_decimal::Decimal = item["unit_cost"]
        .as_str()
        .and_then(|text| text.parse().ok())
        .expect("decimal");
    assert_eq!(unit_cost, rust_decimal_macros::dec!(3250.08));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("2026-10-30"),
        "the age of the bundled rates is announced"
    );
}

#[test]
fn a_plan_dated_in_the_past_uses_the_ecb_rate_of_its_date_offline() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("landfall.db");
    let example =
        std::fs::read_to_string("data/examples/bluetooth-speaker-japan.toml").expect("example");
    let dated = example.replace("as_of = \"2026-11-22\"", "as_of = \"2025-03-14\"");
    assert_ne!(dated, example);
    let plan = write(dir.path(), "plan-2025-03-14.toml", &dated);
    let output = landfall(&["--db", &db.to_string_lossy(), "quote", &plan, "--json"]);
    let value = json(&output);
    let item = &value["items"][0];
    // ECB reference rate of Friday 2025-03-14: 1 EUR = 161.88 JPY; 18.50 × 161.88 = 2,994.78.
    assert_eq!(item["fx"][0]["rate"], "161.88");
    assert_eq!(item["fx"][0]["date"], "2025-03-14");
    let unit_cost: rust_decimal::Decimal = item["unit_cost"]
        .as_str()
        .and_then(|text| text.parse().ok())
        .expect("decimal");
    assert_eq!(unit_cost, rust_decimal_macros::dec!(2994.78));
}

#[test]
fn bad_input_exits_2_naming_file_line_and_field() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = write(
        dir.path(),
        "bad.toml",
        "destination = \"JP\"\nas_of = \"2026-11-22\"\ncurrency = \"JPY\"\n[[lines]]\ncustoms_value = \"abc\"\n",
    );
    let output = landfall(&["landed", &file]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("bad.toml:5"), "{stderr}");
    assert!(stderr.contains("customs_value"), "{stderr}");

    let unknown = write(
        dir.path(),
        "unknown.toml",
        "marketplace = \"amazon-xx\"\nas_of = \"2026-11-22\"\n[[lines]]\nprice = \"1\"\n",
    );
    let output = landfall(&["fees", &unknown]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("amazon-xx"));

    let output = landfall(&["landed", "/nonexistent/declaration.toml"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn packs_validate_passes_on_data_and_fails_on_a_broken_pack() {
    let output = landfall(&["packs", "validate", "data/"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).starts_with("ok: 17 pack files"));

    let dir = tempfile::tempdir().expect("temp dir");
    write(
        dir.path(),
        "broken.toml",
        "[pack]\nkind = \"duties\"\nid = \"x\"\nname = \"X\"\nname_fr = \"X\"\n[sources.s]\ntitle = \"t\"\nurl = \"https://example.org\"\n[[rates]]\ndestination = \"JP\"\nhs_prefix = \"62\"\nlabel = \"l\"\nrate = \"10%\"\neffective_from = \"2026-01-01\"\nsource = \"s\"\n",
    );
    let output = landfall(&["packs", "validate", &dir.path().to_string_lossy()]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("broken.toml:9"), "{stderr}");
    assert!(stderr.contains("confidence"), "{stderr}");
}
