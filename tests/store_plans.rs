//! Store basics: open/create, seeding, plan CRUD, typed refusals.

use landfall::store::{EXAMPLE_PLAN_TOML, PlanId, SCHEMA_VERSION, Store, StoreError};

const PLAN_A: &str = "[plan]\nname = \"A\"\nas_of = \"2026-11-22\"\nhome_currency = \"EUR\"\n";
const PLAN_B: &str = "[plan]\nname = \"B\"\nas_of = \"2026-12-01\"\nhome_currency = \"EUR\"\n";

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
    assert_eq!(store.schema_version().unwrap(), 2);
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
    assert_eq!(store.get_plan(id).unwrap().toml, EXAMPLE_PLAN_TOML);
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

    store.save_plan(a, PLAN_B).unwrap();
    let record = store.get_plan(a).unwrap();
    assert_eq!(record.toml, PLAN_B);
    assert!(record.summary.updated_at >= record.summary.created_at);

    store.rename_plan(a, "Gamma").unwrap();
    assert_eq!(store.find_plan("Gamma").unwrap().id, a);
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
fn refuses_text_that_is_not_toml_and_keeps_the_old_text() {
    let (_dir, mut store) = temp_store();
    let id = store.create_plan("A", PLAN_A).unwrap();
    let err = store.save_plan(id, "[plan\nname = 1").unwrap_err();
    assert_eq!(err.code(), "store.invalid_plan_toml");
    assert!(err.to_string().contains("line 1"), "{err}");
    assert_eq!(store.get_plan(id).unwrap().toml, PLAN_A);
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
    assert_eq!(store.get_plan(id).unwrap().toml, PLAN_A);
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
