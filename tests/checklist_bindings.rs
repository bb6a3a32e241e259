//! The checklist and health types that cross to the UI produce TypeScript declarations with the JSON
//! field names (the lead's bindings generator collects them from here).

use landfall::checklist::catalogue::{Condition, Item};
use landfall::checklist::engine::{ItemProgress, TargetChecklist};
use landfall::checklist::health::{HealthReport, Metrics};
use ts_rs::{Config, TS};

#[test]
fn declarations_carry_the_json_field_names() {
    let config = Config::new().with_large_int("number");
    let checklist = TargetChecklist::decl(&config);
    for field in [
        "launch_date: string",
        "items: Array<ItemResult>",
        "readiness: Readiness",
    ] {
        assert!(checklist.contains(field), "{field} in {checklist}");
    }
    let item = Item::decl(&config);
    assert!(item.contains("applies_when: Condition"), "{item}");
    let condition = Condition::decl(&config);
    assert_eq!(condition, "type Condition = string;");
    let progress = ItemProgress::decl(&config);
    assert!(progress.contains("status: ProgressStatus"), "{progress}");
    let report = HealthReport::decl(&config);
    assert!(report.contains("overall: Verdict"), "{report}");
    let metrics = Metrics::decl(&config);
    assert!(
        metrics.contains("order_defect_rate?: string | null")
            || metrics.contains("order_defect_rate: string | null"),
        "{metrics}"
    );
}
