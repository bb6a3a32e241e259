//! `landfall compare`: the example plan's comparison as JSON, the text report, and exit code 2 with a
//! clear message on bad input.

use std::process::Command;

const EXAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/examples/bluetooth-speaker-japan.toml"
);

fn landfall(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_landfall"))
        .args(args)
        .output()
        .expect("run landfall")
}

#[test]
fn example_plan_compares_fba_mfn_rakuten_and_an_own_store() {
    let output = landfall(&[
        "compare",
        EXAMPLE,
        "--json",
        "--fx",
        "EUR/JPY=171.78",
        "--fx",
        "USD/JPY=147.36",
        "--scenario",
        "Every channel",
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(json["selected"], "Every channel");
    assert_eq!(json["home_currency"], "EUR");
    let scenarios = json["scenarios"].as_array().expect("scenarios");
    assert_eq!(scenarios.len(), 4);
    // The fourth scenario is time-phased: MFN for three months, FBA from month 4.
    assert!(
        scenarios[3]["timeline"]["months"]
            .as_array()
            .is_some_and(|m| m.len() == 12)
    );
    assert_eq!(scenarios[3]["timeline"]["payback_month"], 6);
    assert!(scenarios[2]["timeline"].is_null());
    let every = &scenarios[2];
    let mut ranked: Vec<&str> = every["ranking"]
        .as_array()
        .expect("ranking")
        .iter()
        .filter_map(|id| id.as_str())
        .collect();
    ranked.sort_unstable();
    assert_eq!(
        ranked,
        ["amazon-jp-fba", "amazon-jp-mfn", "own-store-jp", "rakuten"]
    );
    for channel in every["channels"].as_array().expect("channels") {
        // Every channel of the example is complete: nothing is left out of its figures.
        assert_eq!(channel["complete"], true, "{}", channel["missing"]);
        assert!(
            channel["monthly_profit"].is_string(),
            "decimals are strings"
        );
        assert_eq!(channel["monthly_profit_home"]["currency"], "EUR");
        let line = &channel["lines"][0];
        assert!(line["figures"]["contribution"].is_string());
        assert!(!line["explain"].as_array().expect("explain").is_empty());
    }
    assert_eq!(
        json["sensitivity"].as_array().expect("sensitivity").len(),
        5
    );
    assert_eq!(
        json["weighing"]["channels"]
            .as_array()
            .expect("scores")
            .len(),
        4
    );
}

#[test]
fn text_report_ranks_channels_and_shows_the_weighing_beside_the_money() {
    let output = landfall(&[
        "compare",
        EXAMPLE,
        "--fx",
        "EUR/JPY=171.78",
        "--fx",
        "USD/JPY=147.36",
    ]);
    assert!(output.status.success());
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.contains("Scenario \"Launch: Amazon FBA only\""),
        "{text}"
    );
    assert!(text.contains("break-even"), "{text}");
    assert!(text.contains("Sensitivity of the monthly profit"), "{text}");
    assert!(text.contains("| monthly profit"), "{text}");
}

#[test]
fn pairs_not_given_come_from_the_ecb_rates_in_force() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("landfall.db");
    let db = db.to_str().expect("utf-8 path");
    // EUR/JPY is given; USD/JPY (Shopify's plan) comes from the bundled ECB snapshot.
    let output = landfall(&[
        "--db",
        db,
        "compare",
        EXAMPLE,
        "--json",
        "--fx",
        "EUR/JPY=171.78",
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let store = json["scenarios"][1]["channels"]
        .as_array()
        .expect("channels")
        .iter()
        .find(|channel| channel["channel"] == "own-store-jp")
        .expect("own store in the mix scenario");
    assert_eq!(store["complete"], true, "{}", store["missing"]);
    let usd = store["explain"]
        .as_array()
        .expect("explain")
        .iter()
        .find(|step| {
            step["formula"]["en"]
                .as_str()
                .unwrap_or_default()
                .starts_with("39 USD")
        })
        .expect("the Shopify plan converted");
    assert_eq!(usd["inputs"][1]["value"]["en"], "ECB reference rate");
}

#[test]
fn unknown_scenario_is_bad_input_with_exit_code_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("landfall.db");
    let output = landfall(&[
        "--db",
        db.to_str().expect("utf-8 path"),
        "compare",
        EXAMPLE,
        "--scenario",
        "Nope",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no scenario named \"Nope\""), "{stderr}");
    assert!(stderr.contains("\"Every channel\""), "{stderr}");
}

#[test]
fn compare_and_checklist_show_the_own_store_obligations() {
    let output = landfall(&[
        "compare",
        EXAMPLE,
        "--json",
        "--fx",
        "EUR/JPY=171.78",
        "--fx",
        "USD/JPY=147.36",
    ]);
    assert!(output.status.success());
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let loads = json["obligations"].as_array().expect("obligations");
    let own = loads
        .iter()
        .find(|load| load["channel"] == "own-store-jp")
        .expect("own store");
    assert_eq!(own["model"], "own-store");
    assert_eq!(own["market"], "jp");
    assert_eq!(own["seller"].as_array().map(Vec::len), Some(10));
    assert_eq!(own["marketplace"].as_array().map(Vec::len), Some(0));

    let text = landfall(&[
        "compare",
        EXAMPLE,
        "--fx",
        "EUR/JPY=171.78",
        "--fx",
        "USD/JPY=147.36",
    ]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("  amazon-jp-fba (jp): seller 5 | marketplace 5"),
        "{text}"
    );
    assert!(text.contains("  own-store-jp (jp): seller 10 | marketplace 0"));

    let output = landfall(&["checklist", EXAMPLE, "--json"]);
    assert!(output.status.success());
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let stores = json["stores"].as_array().expect("stores");
    // The own store, then the Rakuten shop, each with its checklist.
    assert_eq!(stores.len(), 2);
    assert_eq!(stores[1]["scope"], "rakuten-ichiba");
    assert_eq!(stores[0]["channel"], "own-store-jp");
    assert_eq!(stores[0]["market"], "jp");
    assert_eq!(stores[0]["customers"], "b2c");
    // The checklist body is flattened beside the store's labels, as for a target. Readiness counts
    // the store's own items and the shared ones that concern it (Japanese product law, leaving the
    // EU): 15.
    assert_eq!(stores[0]["readiness"]["total"], 15);
    assert!(
        stores[0]["items"]
            .as_array()
            .is_some_and(|items| items.len() == 10)
    );
    let text = landfall(&["checklist", EXAMPLE, "--lang", "fr"]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("boutique en propre own-store-jp (shopify-basic, au Japon, consommateurs)"),
        "{text}"
    );
}
