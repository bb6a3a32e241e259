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
    // Each marketplace's selling currency comes from its pack, for the forms that type prices.
    use landfall::plan::Marketplace;
    let currency = |marketplace: Marketplace| detail.currencies[&marketplace].to_string();
    assert_eq!(
        [
            Marketplace::AmazonJp,
            Marketplace::AmazonUs,
            Marketplace::AmazonDe,
            Marketplace::AmazonUk
        ]
        .map(currency),
        ["JPY", "USD", "EUR", "GBP"]
    );
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

#[test]
fn status_names_are_the_progress_file_names() {
    use landfall::checklist::engine::ProgressStatus;
    for status in ProgressStatus::ALL {
        let serde_name = serde_json::to_value(status).unwrap();
        assert_eq!(serde_name, status.name());
        assert_eq!(ProgressStatus::from_name(status.name()), Some(status));
    }
    assert_eq!(ProgressStatus::from_name("finished"), None);
}

#[test]
fn checklist_progress_is_saved_and_re_evaluated() {
    use landfall::api::ItemUpdate;
    use landfall::checklist::engine::{ProgressStatus, Status};

    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("landfall.sqlite3");
    let mut landfall = Landfall::open(&db).unwrap();
    let id = landfall.list_plans().unwrap()[0].id;

    let before = landfall.checklist(id).unwrap();
    assert_eq!(before.targets.len(), 1, "the example has one target");
    let first = before.targets[0].checklist.items[0].clone();
    assert_eq!(first.status, Status::ToDo);

    let after = landfall
        .update_item(
            id,
            ItemUpdate {
                item: first.id.clone(),
                status: ProgressStatus::InProgress,
                owner: Some("  Claire  ".into()),
                reason: None,
            },
        )
        .unwrap();
    let item = after.targets[0]
        .checklist
        .items
        .iter()
        .find(|i| i.id == first.id)
        .unwrap();
    assert_eq!(item.status, Status::InProgress);
    assert_eq!(item.owner.as_deref(), Some("Claire"));
    drop(landfall);

    // The progress is in the database: a new start sees it.
    let reopened = Landfall::open(&db).unwrap().checklist(id).unwrap();
    let item = reopened.targets[0]
        .checklist
        .items
        .iter()
        .find(|i| i.id == first.id)
        .unwrap();
    assert_eq!(item.status, Status::InProgress);
}

#[test]
fn bad_checklist_updates_name_the_field_and_change_nothing() {
    use landfall::api::ItemUpdate;
    use landfall::checklist::engine::ProgressStatus;

    let dir = tempfile::tempdir().unwrap();
    let mut landfall = Landfall::open(&dir.path().join("landfall.sqlite3")).unwrap();
    let id = landfall.list_plans().unwrap()[0].id;
    let first = landfall.checklist(id).unwrap().targets[0].checklist.items[0]
        .id
        .clone();

    let no_reason = landfall
        .update_item(
            id,
            ItemUpdate {
                item: first.clone(),
                status: ProgressStatus::NotApplicable,
                owner: None,
                reason: Some("   ".into()),
            },
        )
        .unwrap_err();
    assert_eq!(no_reason.code, ErrorCode::BadInput);
    assert!(
        no_reason.message.starts_with("reason:"),
        "{}",
        no_reason.message
    );

    let unknown = landfall
        .update_item(
            id,
            ItemUpdate {
                item: "jp.no-such-item".into(),
                status: ProgressStatus::Done,
                owner: None,
                reason: None,
            },
        )
        .unwrap_err();
    assert_eq!(unknown.code, ErrorCode::BadInput);
    assert!(unknown.message.starts_with("item:"), "{}", unknown.message);

    let items = landfall.checklist(id).unwrap();
    assert_eq!(
        items.targets[0].checklist.items[0].status,
        landfall::checklist::engine::Status::ToDo
    );
}

#[test]
fn a_report_is_written_beside_the_database_and_recorded() {
    use landfall::api::ReportRequest;
    use landfall::report::export::ReportFormat;
    use landfall::report::{Lang, Paper};

    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("landfall.sqlite3");
    let mut landfall = Landfall::open(&db).unwrap();
    let id = landfall.list_plans().unwrap()[0].id;
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let exported = landfall
        .export_report(
            id,
            ReportRequest {
                format: ReportFormat::Json,
                lang: Lang::En,
                paper: Paper::A4,
                consultant: Some("  ".into()),
                client: Some("Acme SAS".into()),
            },
            today,
            |_| {},
        )
        .unwrap();
    assert_eq!(
        exported.path,
        dir.path()
            .join("reports/French bluetooth speaker to Japan via Amazon FBA 2026-11-23 en.json")
    );
    let written: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&exported.path).unwrap()).unwrap();
    assert_eq!(written["cover"]["client"], "Acme SAS");
    assert!(
        written["cover"]["consultant"].is_null(),
        "a blank consultant is none"
    );
    assert_eq!(
        exported.bytes,
        std::fs::metadata(&exported.path).unwrap().len()
    );
    drop(landfall);

    let store = landfall::store::Store::open(&db).unwrap();
    let history = store.reports(id).unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].format, "json");
    assert_eq!(
        history[0].sha256,
        landfall::store::sha256_hex(&std::fs::read(&exported.path).unwrap())
    );
}

#[test]
fn plans_are_created_duplicated_renamed_and_deleted_with_undo() {
    use landfall::api::ItemUpdate;
    use landfall::checklist::engine::{ProgressStatus, Status};

    let dir = tempfile::tempdir().unwrap();
    let mut landfall = Landfall::open(&dir.path().join("landfall.sqlite3")).unwrap();
    let example = landfall.list_plans().unwrap()[0].id;

    let fresh = landfall
        .new_plan_from_example("bluetooth-speaker-japan", "Workshop Lyon")
        .unwrap();
    assert_eq!(fresh.name, "Workshop Lyon");
    assert_eq!(
        landfall.get_plan(fresh.id).unwrap().plan.products[0].sku,
        "SPK-1"
    );

    let taken = landfall
        .new_plan_from_example("bluetooth-speaker-japan", EXAMPLE)
        .unwrap_err();
    assert_eq!(taken.code, ErrorCode::BadInput, "{}", taken.message);

    let item = landfall.checklist(example).unwrap().targets[0]
        .checklist
        .items[0]
        .id
        .clone();
    landfall
        .update_item(
            example,
            ItemUpdate {
                item: item.clone(),
                status: ProgressStatus::Done,
                owner: Some("Claire".into()),
                reason: None,
            },
        )
        .unwrap();
    let status_of = |landfall: &Landfall, id| {
        landfall.checklist(id).unwrap().targets[0]
            .checklist
            .items
            .iter()
            .find(|i| i.id == item)
            .map(|i| (i.status, i.owner.clone()))
            .unwrap()
    };
    let copy = landfall
        .duplicate_plan(example, "Copy for the bank")
        .unwrap();
    assert_eq!(status_of(&landfall, copy.id).1.as_deref(), Some("Claire"));

    let renamed = landfall.rename_plan(copy.id, "  Bank version ").unwrap();
    assert_eq!(renamed.name, "Bank version");

    let before = status_of(&landfall, example);
    landfall.delete_plan(example).unwrap();
    assert!(landfall.get_plan(example).is_err());
    assert_eq!(landfall.list_plans().unwrap().len(), 2);

    let back = landfall.undo_delete(example).unwrap();
    assert_eq!(back.name, EXAMPLE);
    assert_eq!(
        status_of(&landfall, back.id),
        before,
        "progress comes back with the plan"
    );
    assert_ne!(before.0, Status::ToDo);
    assert_eq!(landfall.list_plans().unwrap().len(), 3);

    let twice = landfall.undo_delete(example).unwrap_err();
    assert_eq!(twice.code, ErrorCode::NotFound);
}

#[test]
fn settings_list_every_bundled_pack_and_catalogue_with_its_dates() {
    let dir = tempfile::tempdir().unwrap();
    let landfall = Landfall::open(&dir.path().join("landfall.sqlite3")).unwrap();
    let versions = landfall.data_versions(chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap());
    let jp = versions
        .packs
        .iter()
        .find(|pack| pack.kind == "marketplace" && pack.id == "amazon-jp")
        .expect("the Amazon JP pack");
    assert!(jp.figures > 0 && !jp.user);
    assert!(jp.oldest <= jp.newest);
    // The newest JP figure is at least the 2026-04-01 referral change (+0.4 pt above ¥750).
    assert!(jp.newest >= chrono::NaiveDate::from_ymd_opt(2026, 4, 1));
    assert!(versions.packs.iter().any(|pack| pack.kind == "customs"));
    // Every bundled catalogue: six channel catalogues and the shared ones (goods per region, leaving
    // the EU, the Amazon account), 155 items in all on 2026-12-03.
    assert_eq!(versions.checklists.len(), 13);
    assert!(versions.checklists.iter().all(|list| list.items > 0));
    assert!(
        versions
            .checklists
            .iter()
            .map(|list| list.items)
            .sum::<usize>()
            >= 155
    );
}
