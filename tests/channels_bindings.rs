//! The comparison types that cross to the UI produce TypeScript declarations with the JSON field names
//! and decimals as strings (the lead's bindings generator collects them from here).

use landfall::channels::{ChannelResult, Comparison, SensitivityRow, UnitFigures, Weighing};
use ts_rs::{Config, TS};

#[test]
fn declarations_carry_the_json_field_names_and_decimal_strings() {
    let config = Config::new().with_large_int("number");
    let comparison = Comparison::decl(&config);
    for field in [
        "as_of: string",
        "scenarios: Array<ScenarioResult>",
        "sensitivity: Array<SensitivityRow>",
        "weighing: Weighing",
    ] {
        assert!(comparison.contains(field), "{field} in {comparison}");
    }
    let figures = UnitFigures::decl(&config);
    for field in [
        "contribution: string",
        "margin_rate: string | null",
        "contribution_home: Money | null",
    ] {
        assert!(figures.contains(field), "{field} in {figures}");
    }
    let channel = ChannelResult::decl(&config);
    assert!(
        channel.contains("break_even_units: number | null"),
        "{channel}"
    );
    assert!(channel.contains("fixed_monthly: string"), "{channel}");
    let row = SensitivityRow::decl(&config);
    assert!(row.contains("input: SensitivityInput"), "{row}");
    let weighing = Weighing::decl(&config);
    assert!(
        weighing.contains("criteria: Array<CriterionWeight>"),
        "{weighing}"
    );
}
