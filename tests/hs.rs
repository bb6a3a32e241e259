//! The bundled HS 2022 nomenclature: lookups, search, the CLI contract (exit 2 for a code it does not
//! hold), and a plan with such a code getting a flagged line instead of a refusal.

use std::process::{Command, Output};

use landfall::hs::{self, HsCheck, HsStatus};

fn landfall(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_landfall"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("runs")
}

#[test]
fn the_nomenclature_holds_every_subheading_and_none_of_comtrades_aggregates() {
    let nomenclature = hs::nomenclature().expect("bundled nomenclature");
    // 5,613 six-digit rows in the data package, less Comtrade's 999999 "not specified according to kind".
    assert_eq!(nomenclature.subheadings(), 5612);
    assert!(nomenclature.get("999999").is_none());
    assert!(nomenclature.get("99").is_none());
    let speakers = nomenclature.get("851822").expect("8518.22");
    assert_eq!(
        speakers.description,
        "Loudspeakers; multiple, mounted in the same enclosure"
    );
    assert_eq!(speakers.section, "XVI");
}

#[test]
fn national_lines_are_accepted_under_their_subheading() {
    let nomenclature = hs::nomenclature().expect("nomenclature");
    let HsCheck::Known { found } = nomenclature.check("4202.21.90.00") else {
        panic!("a US line of 4202.21 is known");
    };
    assert!(found.national);
    assert_eq!(found.subheading.code, "420221");
    assert_eq!(found.heading.expect("heading").code, "4202");
    assert_eq!(found.chapter.expect("chapter").code, "42");
    assert_eq!(found.section.expect("section").0, "VIII");
    assert!(matches!(
        nomenclature.check("851899"),
        HsCheck::Unknown { code, .. } if code == "851899"
    ));
    assert!(matches!(
        nomenclature.check("85x822"),
        HsCheck::Malformed { .. }
    ));
    assert_eq!(
        nomenclature.label("8518220090").status,
        HsStatus::NationalLine
    );
    let unknown = nomenclature.label("999999");
    assert_eq!(
        (unknown.status, unknown.description),
        (HsStatus::NotInNomenclature, None)
    );
}

#[test]
fn search_finds_words_and_code_prefixes_subheadings_first() {
    let nomenclature = hs::nomenclature().expect("nomenclature");
    let found: Vec<&str> = nomenclature
        .search("LOUDSPEAKER", 10)
        .iter()
        .map(|entry| entry.code.as_str())
        .collect();
    assert!(found.contains(&"851822"), "{found:?}");
    assert_eq!(found.last(), Some(&"8518"), "headings after subheadings");
    let handbags: Vec<&str> = nomenclature
        .search("4202 leather handbags", 10)
        .iter()
        .map(|entry| entry.code.as_str())
        .collect();
    assert_eq!(handbags, ["420221"]);
    assert!(nomenclature.search("   ", 10).is_empty());
}

#[test]
fn cli_search_lists_the_loudspeaker_subheading() {
    let output = landfall(&["hs", "search", "loudspeaker"]);
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.lines().any(|line| line.starts_with("8518.22")
            && line.contains("Loudspeakers; multiple, mounted in the same enclosure")),
        "{stdout}"
    );
}

#[test]
fn cli_show_exits_2_for_a_code_the_nomenclature_does_not_hold() {
    let missing = landfall(&["hs", "show", "999999"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&missing.stderr)
            .contains("9999.99 is not a subheading of the HS 2022 nomenclature"),
        "{}",
        String::from_utf8_lossy(&missing.stderr)
    );
    let near = landfall(&["hs", "show", "8518.99"]);
    assert_eq!(near.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&near.stderr).contains("heading 85.18"));
    let shown = landfall(&["hs", "show", "851822", "--json"]);
    assert!(shown.status.success());
    let json: serde_json::Value = serde_json::from_slice(&shown.stdout).expect("json");
    assert_eq!(json["subheading"]["code"], "851822");
    assert_eq!(json["national"], false);
}

#[test]
fn a_plan_with_a_code_not_in_the_nomenclature_is_quoted_with_a_flagged_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let example =
        std::fs::read_to_string("data/examples/bluetooth-speaker-japan.toml").expect("example");
    let wrong = example.replace("hs_code = \"851822\"", "hs_code = \"999999\"");
    assert_ne!(wrong, example);
    let plan = dir.path().join("wrong-code.toml");
    std::fs::write(&plan, wrong).expect("plan");
    let db = dir.path().join("landfall.db");
    let output = landfall(&[
        "--db",
        &db.to_string_lossy(),
        "quote",
        &plan.to_string_lossy(),
        "--fx",
        "EUR/JPY=171.78",
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("SPK-1 on amazon-jp"),
        "the plan is still quoted"
    );
    assert!(
        stdout.contains("SPK-1: 9999.99 ⚠ not a subheading of HS 2022"),
        "{stdout}"
    );
}
