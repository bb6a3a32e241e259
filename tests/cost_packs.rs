//! Rule packs: the bundled files load, every figure is sourced, errors name file/line/field, the as-of
//! date picks the row in force, and user files override bundled rows without erasing history.

use chrono::NaiveDate;
use landfall::packs::{self, BUNDLED_FILES, PackOrigin, in_force};
use rust_decimal_macros::dec;

fn date(text: &str) -> NaiveDate {
    text.parse().expect("valid date")
}

#[test]
fn bundled_packs_load_and_every_figure_is_sourced() {
    let packs =
        packs::bundled().unwrap_or_else(|errors| panic!("bundled packs invalid:\n{errors}"));
    for id in [
        "amazon-jp",
        "amazon-us",
        "amazon-de",
        "amazon-fr",
        "amazon-uk",
    ] {
        let pack = packs
            .marketplace(id)
            .unwrap_or_else(|| panic!("missing {id}"));
        for row in &pack.referral {
            assert!(
                row.provenance.source.url.starts_with("http"),
                "{id}: {:?}",
                row.provenance
            );
            assert!(!row.provenance.source.title.is_empty());
        }
    }
    for destination in [
        "JP", "FR", "DE", "ES", "IT", "NL", "PL", "UK", "US", "CA", "AU",
    ] {
        assert!(
            packs.customs_for(destination).is_some(),
            "no customs pack for {destination}"
        );
    }
}

#[test]
fn the_bundled_list_names_every_file_in_data_packs() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/packs");
    let mut on_disk = Vec::new();
    for dir in std::fs::read_dir(&root).expect("data/packs") {
        let dir = dir.expect("entry").path();
        for file in std::fs::read_dir(&dir).expect("pack dir") {
            let file = file.expect("entry").path();
            let relative = file.strip_prefix(&root).expect("under root");
            on_disk.push(relative.to_string_lossy().replace('\\', "/"));
        }
    }
    on_disk.sort();
    let mut listed: Vec<String> = BUNDLED_FILES
        .iter()
        .map(|(name, _)| name.to_string())
        .collect();
    listed.sort();
    assert_eq!(listed, on_disk);
}

const MINIMAL: &str = r#"
[pack]
kind = "marketplace"
id = "test-market"
name = "Test"
currency = "EUR"

[sources.s]
title = "A page"
url = "https://example.org"

[[selling_plans]]
professional_monthly = "39"
individual_per_unit = "0.99"
effective_from = "2025-01-01"
source = "s"
confidence = "official"

[[selling_plans]]
professional_monthly = "45"
individual_per_unit = "1.10"
effective_from = "2026-01-01"
source = "s"
confidence = "secondary"
"#;

#[test]
fn as_of_picks_the_row_in_force_and_keeps_history() {
    let packs = packs::load([("m.toml", MINIMAL)], []).expect("valid");
    let pack = packs.marketplace("test-market").expect("loaded");
    assert_eq!(pack.selling_plans.len(), 2);
    let old = in_force(&pack.selling_plans, date("2025-06-30"), |_| true).expect("2025 row");
    assert_eq!(old.row.professional_monthly, dec!(39));
    let new = in_force(&pack.selling_plans, date("2026-01-01"), |_| true).expect("2026 row");
    assert_eq!(new.row.professional_monthly, dec!(45));
    assert!(in_force(&pack.selling_plans, date("2024-12-31"), |_| true).is_none());
}

#[test]
fn a_figure_without_a_source_is_rejected_with_its_line() {
    let text = MINIMAL.replacen("source = \"s\"\n", "", 1);
    let errors = packs::load([("m.toml", text.as_str())], []).expect_err("missing source");
    let error = errors.0.first().expect("one error");
    assert_eq!(error.file, "m.toml");
    assert_eq!(error.field.as_deref(), Some("source"));
    // The first [[selling_plans]] table header is on line 12 of MINIMAL (line 1 is the empty line after the opening quote).
    assert_eq!(error.line, Some(12));
}

#[test]
fn a_figure_without_confidence_or_date_is_rejected() {
    for field in [
        "confidence = \"official\"\n",
        "effective_from = \"2025-01-01\"\n",
    ] {
        let text = MINIMAL.replacen(field, "", 1);
        let errors = packs::load([("m.toml", text.as_str())], []).expect_err("incomplete row");
        let error = errors.0.first().expect("one error");
        let name = field.split(' ').next().expect("field name");
        assert_eq!(error.field.as_deref(), Some(name), "{error}");
        assert!(error.line.is_some());
    }
}

#[test]
fn an_unknown_source_id_and_an_unknown_field_are_named() {
    let text = MINIMAL.replacen("source = \"s\"", "source = \"nowhere\"", 1);
    let errors = packs::load([("m.toml", text.as_str())], []).expect_err("bad source id");
    let error = errors.0.first().expect("error");
    assert_eq!(
        (error.line, error.field.as_deref()),
        (Some(12), Some("source"))
    );
    assert!(error.message.contains("nowhere"));

    let text = MINIMAL.replacen(
        "confidence = \"official\"",
        "confidence = \"official\"\nprice = \"3\"",
        1,
    );
    let errors = packs::load([("m.toml", text.as_str())], []).expect_err("unknown field");
    assert_eq!(
        errors.0.first().and_then(|e| e.field.as_deref()),
        Some("price")
    );
}

#[test]
fn two_rows_for_the_same_item_and_date_are_ambiguous() {
    let text = MINIMAL.replace(
        "effective_from = \"2026-01-01\"",
        "effective_from = \"2025-01-01\"",
    );
    let errors = packs::load([("m.toml", text.as_str())], []).expect_err("ambiguous");
    assert_eq!(
        errors.0.first().and_then(|e| e.field.as_deref()),
        Some("effective_from")
    );
}

#[test]
fn a_user_file_overrides_a_bundled_row_and_adds_history() {
    let user = r#"
[pack]
kind = "marketplace"
id = "test-market"
name = "Test (negotiated)"
currency = "EUR"

[sources.contract]
title = "Our contract"
url = "file:///contracts/amazon.pdf"

[[selling_plans]]
professional_monthly = "30"
individual_per_unit = "0.99"
effective_from = "2026-01-01"
source = "contract"
confidence = "official"

[[selling_plans]]
professional_monthly = "29"
individual_per_unit = "0.99"
effective_from = "2027-01-01"
source = "contract"
confidence = "official"
"#;
    let packs = packs::load([("m.toml", MINIMAL)], [("mine.toml", user)]).expect("merges");
    let pack = packs.marketplace("test-market").expect("loaded");
    assert_eq!(
        pack.selling_plans.len(),
        3,
        "2025 bundled + 2026 user (replacing) + 2027 user"
    );
    let current = in_force(&pack.selling_plans, date("2026-06-01"), |_| true).expect("row");
    assert_eq!(current.row.professional_monthly, dec!(30));
    assert_eq!(current.provenance.origin, PackOrigin::User);
    let older = in_force(&pack.selling_plans, date("2025-06-01"), |_| true).expect("row");
    assert_eq!(older.provenance.origin, PackOrigin::Bundled);
}

#[test]
fn bands_must_ascend_with_only_the_last_open() {
    let text = r#"
[pack]
kind = "marketplace"
id = "x"
name = "X"
currency = "JPY"
[sources.s]
title = "t"
url = "https://example.org"
[[referral]]
category = "c"
label = "C"
basis = "whole"
bands = [{ rate = "5%" }, { up_to = "750", rate = "8%" }]
effective_from = "2025-01-01"
source = "s"
confidence = "official"
"#;
    let errors = packs::load([("b.toml", text)], []).expect_err("open band first");
    let error = errors.0.first().expect("error");
    assert_eq!(
        (error.line, error.field.as_deref()),
        (Some(10), Some("bands"))
    );
}

#[test]
fn an_override_cannot_change_a_packs_currency() {
    let user = MINIMAL.replace("currency = \"EUR\"", "currency = \"USD\"");
    let errors = packs::load([("m.toml", MINIMAL)], [("mine.toml", user.as_str())])
        .expect_err("currency change");
    let error = errors.0.first().expect("error");
    assert_eq!(
        (error.file.as_str(), error.field.as_deref()),
        ("mine.toml", Some("pack.currency"))
    );
}

#[test]
fn a_taxable_value_cannot_be_rounded_on_the_total() {
    let text = r#"
[pack]
kind = "customs"
id = "x"
name = "X"
name_fr = "X"
regime = "japan"
destinations = ["JP"]
currency = "JPY"
[sources.s]
title = "t"
url = "https://example.org"
[[rounding]]
applies_to = "taxable-value"
rounding = { step = "1000", mode = "truncate" }
scope = "on-total"
effective_from = "2025-01-01"
source = "s"
confidence = "official"
"#;
    let errors = packs::load([("r.toml", text)], []).expect_err("invalid scope");
    let error = errors.0.first().expect("error");
    assert_eq!(
        (error.line, error.field.as_deref()),
        (Some(13), Some("scope"))
    );
}
