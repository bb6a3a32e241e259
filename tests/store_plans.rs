//! Store basics: open/create, seeding, plan CRUD, typed refusals.

use landfall::plan::{Plan, parse_plan};
use landfall::store::{EXAMPLE_PLAN_TOML, PlanId, SCHEMA_VERSION, Store, StoreError};

const PLAN_A: &str = "[plan]\nname = \"A\"\nas_of = \"2026-11-22\"\nhome_currency = \"EUR\"\n\
                      [seller]\ncountry = \"FR\"\nentity = \"company\"\n";
const PLAN_B: &str = "[plan]\nname = \"B\"\nas_of = \"2026-12-01\"\nhome_currency = \"EUR\"\n\
                      [seller]\ncountry = \"BE\"\nentity = \"sole-trader\"\n\
                      [[products]]\nsku = \"P-1\"\nname = \"Teapot\"\n";

/// The plan as stored: parsed back from the canonical text.
fn stored(store: &Store, id: PlanId) -> Plan {
    store.load_plan(id).unwrap().1
}

fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("nested").join("db.sqlite3")).unwrap();
    (dir, store)
}

#[test]
fn open_creates_parent_folder_file_and_uses_wal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a").join("b").join("landfall.sqlite3");
    let store = Store::open(&path).unwrap();
    assert!(path.is_file());
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(store.integrity_check().unwrap(), vec!["ok".to_owned()]);
    // WAL mode is persistent in the file: a plain connection sees it.
    let conn = rusqlite::Connection::open(&path).unwrap();
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn seeds_the_example_plan_once() {
    let (_dir, mut store) = temp_store();
    let id = store.seed_example_if_empty().unwrap().expect("seeded");
    assert_eq!(store.seed_example_if_empty().unwrap(), None);
    let plans = store.list_plans().unwrap();
    assert_eq!(plans.len(), 1);
    assert_eq!(
        plans[0].name,
        "French bluetooth speaker to Japan via Amazon FBA"
    );
    // Stored as canonical text: the example's comments go, its content stays.
    let example = parse_plan("example", EXAMPLE_PLAN_TOML).unwrap();
    assert_eq!(stored(&store, id), example);
    assert_eq!(store.get_plan(id).unwrap().toml, example.to_toml().unwrap());
}

#[test]
fn create_get_save_rename_delete() {
    let (_dir, mut store) = temp_store();
    let a = store.create_plan("  Alpha ", PLAN_A).unwrap();
    let b = store.create_plan("beta", PLAN_B).unwrap();
    let names: Vec<_> = store
        .list_plans()
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(names, ["Alpha", "beta"]);

    // The name inside the saved text renames the plan: "B" is free, so "Alpha" becomes "B".
    store.save_plan(a, PLAN_B).unwrap();
    let record = store.get_plan(a).unwrap();
    assert_eq!(record.summary.name, "B");
    assert_eq!(stored(&store, a), parse_plan("B", PLAN_B).unwrap());
    assert!(record.summary.updated_at >= record.summary.created_at);

    store.rename_plan(a, "Gamma").unwrap();
    assert_eq!(store.find_plan("Gamma").unwrap().id, a);
    assert_eq!(stored(&store, a).plan.name, "Gamma");
    assert!(matches!(store.rename_plan(a, "beta"), Err(StoreError::NameTaken(n)) if n == "beta"));
    assert!(matches!(
        store.create_plan("beta", PLAN_A),
        Err(StoreError::NameTaken(_))
    ));
    assert!(matches!(
        store.rename_plan(a, "   "),
        Err(StoreError::EmptyName)
    ));

    store.delete_plan(b).unwrap();
    assert!(matches!(store.get_plan(b), Err(StoreError::PlanNotFound(id)) if id == b));
    assert!(matches!(
        store.delete_plan(b),
        Err(StoreError::PlanNotFound(_))
    ));
    assert!(matches!(
        store.save_plan(PlanId(999), PLAN_A),
        Err(StoreError::PlanNotFound(_))
    ));
    assert!(matches!(
        store.find_plan("beta"),
        Err(StoreError::PlanNameNotFound(_))
    ));
}

#[test]
fn refuses_an_invalid_plan_and_keeps_the_old_one() {
    let (_dir, mut store) = temp_store();
    let id = store.create_plan("A", PLAN_A).unwrap();
    let before = store.get_plan(id).unwrap();
    let err = store.save_plan(id, "[plan\nname = 1").unwrap_err();
    assert_eq!(err.code(), "store.invalid_plan_toml");
    assert!(err.to_string().contains(":1:"), "{err}");
    let unknown_field = PLAN_A.replace("entity", "entity_kind");
    let err = store.save_plan(id, &unknown_field).unwrap_err();
    assert!(err.to_string().contains("entity_kind"), "{err}");
    assert_eq!(store.get_plan(id).unwrap(), before);
}

#[test]
fn data_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    let id = Store::open(&path)
        .unwrap()
        .create_plan("A", PLAN_A)
        .unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(stored(&store, id), parse_plan("A", PLAN_A).unwrap());
}

#[test]
fn refuses_a_database_from_a_newer_landfall_without_touching_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    drop(Store::open(&path).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);

    let err = Store::open(&path).err().expect("refused");
    assert_eq!(err.code(), "store.newer_database");
    assert!(matches!(
        err,
        StoreError::NewerDatabase {
            found: 99,
            supported: SCHEMA_VERSION,
            ..
        }
    ));
    assert!(err.to_string().contains("newer Landfall"), "{err}");
    let conn = rusqlite::Connection::open(&path).unwrap();
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, 99);
}

#[test]
fn refuses_a_file_that_is_not_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    std::fs::write(
        &path,
        "this is not a database, just some text that is long enough",
    )
    .unwrap();
    let err = Store::open(&path).err().expect("refused");
    assert_eq!(err.code(), "store.not_a_database");
    assert!(err.to_string().contains("notes.txt"), "{err}");
}

fn product_rows(path: &std::path::Path) -> Vec<(String, i64, String)> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut stmt = conn
        .prepare("SELECT sku, position, name FROM plan_products ORDER BY position")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn plan_tables_follow_each_save_and_delete() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let id = store.seed_example_if_empty().unwrap().unwrap();
    let conn = rusqlite::Connection::open(&path).unwrap();
    let header: (String, String, Option<String>) = conn
        .query_row(
            "SELECT as_of, seller_entity, capital_amount FROM plan_headers WHERE plan_id = ?1",
            [id.0],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    // Amounts are decimal text, exactly as written in the example plan.
    assert_eq!(
        header,
        ("2026-11-22".into(), "company".into(), Some("50000".into()))
    );
    assert_eq!(
        product_rows(&path),
        [("SPK-1".to_owned(), 0, "Bluetooth speaker".to_owned())]
    );

    let (_, mut plan) = store.load_plan(id).unwrap();
    let mut second = plan.products[0].clone();
    second.sku = "SPK-2".into();
    second.name = "Speaker, large".into();
    plan.products.insert(0, second);
    plan.targets.clear();
    store.save_plan_typed(id, &plan).unwrap();
    assert_eq!(
        product_rows(&path),
        [
            ("SPK-2".to_owned(), 0, "Speaker, large".to_owned()),
            ("SPK-1".to_owned(), 1, "Bluetooth speaker".to_owned())
        ]
    );
    let targets: i64 = conn
        .query_row("SELECT count(*) FROM plan_targets", [], |r| r.get(0))
        .unwrap();
    assert_eq!(targets, 0);

    plan.products.remove(1);
    store.save_plan_typed(id, &plan).unwrap();
    assert_eq!(
        product_rows(&path),
        [("SPK-2".to_owned(), 0, "Speaker, large".to_owned())]
    );

    store.delete_plan(id).unwrap();
    assert!(product_rows(&path).is_empty());
    let headers: i64 = conn
        .query_row("SELECT count(*) FROM plan_headers", [], |r| r.get(0))
        .unwrap();
    assert_eq!(headers, 0);
}

#[test]
fn a_typed_plan_breaking_a_rule_is_refused() {
    let (_dir, mut store) = temp_store();
    let id = store.create_plan("B", PLAN_B).unwrap();
    let (_, mut plan) = store.load_plan(id).unwrap();
    let duplicate = plan.products[0].clone();
    plan.products.push(duplicate);
    let err = store.save_plan_typed(id, &plan).unwrap_err();
    assert!(err.to_string().contains("duplicate SKU"), "{err}");
    assert_eq!(stored(&store, id).products.len(), 1);
}

#[test]
fn save_product_replaces_or_appends_one_row() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let id = store.create_plan("B", PLAN_B).unwrap();
    let (_, plan) = store.load_plan(id).unwrap();
    let mut teapot = plan.products[0].clone();
    teapot.name = "Teapot, cast iron".into();
    store.save_product(id, &teapot).unwrap();
    let mut kettle = teapot.clone();
    kettle.sku = "P-2".into();
    kettle.name = "Kettle".into();
    store.save_product(id, &kettle).unwrap();
    assert_eq!(stored(&store, id).products, [teapot.clone(), kettle]);

    let mut bad = teapot;
    bad.hs_code = Some("12".into());
    let err = store.save_product(id, &bad).unwrap_err();
    assert!(err.to_string().contains("products[0].hs_code"), "{err}");
    assert_eq!(stored(&store, id).products[0].hs_code, None);
    assert!(matches!(
        store.save_product(PlanId(99), &bad),
        Err(StoreError::PlanNotFound(_))
    ));
}

#[test]
fn report_history_is_kept_per_plan_and_goes_with_it() {
    let (_dir, mut store) = temp_store();
    let id = store.create_plan("A", PLAN_A).unwrap();
    let as_of = "2026-11-22".parse().unwrap();
    let first = store
        .record_report(id, "pdf", "/tmp/a.pdf", &"a".repeat(64), as_of)
        .unwrap();
    let second = store
        .record_report(id, "xlsx", "/tmp/a.xlsx", &"b".repeat(64), as_of)
        .unwrap();
    let listed = store.reports(id).unwrap();
    assert_eq!(listed, [second, first]);
    assert!(matches!(
        store.record_report(PlanId(42), "pdf", "/tmp/x.pdf", &"c".repeat(64), as_of),
        Err(StoreError::PlanNotFound(_))
    ));
    store.delete_plan(id).unwrap();
    assert!(store.reports(id).unwrap().is_empty());
}
