//! The handlers the desktop commands call, run on a real SQLite file in a temporary folder.

use landfall::api::{ErrorCode, Landfall};
use landfall::store::PlanId;

const EXAMPLE: &str = "French bluetooth speaker to Japan via Amazon FBA";

#[test]
fn a_new_database_is_created_and_seeded_with_the_example_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("nested/landfall.sqlite3");

    let landfall = Landfall::open(&db).unwrap();
    assert!(db.exists(), "the database file is created on first start");
    let plans = landfall.list_plans().unwrap();
    assert_eq!(plans.len(), 1);
    assert_eq!(plans[0].name, EXAMPLE);

    let detail = landfall.get_plan(plans[0].id).unwrap();
    assert_eq!(detail.plan.plan.name, EXAMPLE);
    assert_eq!(detail.plan.products[0].sku, "SPK-1");
    assert_eq!(detail.plan.targets[0].marketplace.to_string(), "amazon-jp");
    drop(landfall);

    // A second start finds the plan and does not seed again.
    let again = Landfall::open(&db).unwrap();
    assert_eq!(again.list_plans().unwrap().len(), 1);
    let info = again.app_info();
    assert_eq!(info.database, db.display().to_string());
    assert_eq!(info.data_dir, db.parent().unwrap().display().to_string());
}

#[test]
fn a_missing_plan_is_a_coded_not_found_error() {
    let dir = tempfile::tempdir().unwrap();
    let landfall = Landfall::open(&dir.path().join("landfall.sqlite3")).unwrap();
    let err = landfall.get_plan(PlanId(999)).unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    assert!(err.message.contains("999"), "{}", err.message);
}

#[test]
fn errors_cross_to_the_ui_as_code_and_message() {
    let dir = tempfile::tempdir().unwrap();
    let landfall = Landfall::open(&dir.path().join("landfall.sqlite3")).unwrap();
    let err = landfall.get_plan(PlanId(7)).unwrap_err();
    let json = serde_json::to_value(&err).unwrap();
    assert_eq!(json["code"], "not-found");
    assert_eq!(json["message"], "no plan with id 7");
}
