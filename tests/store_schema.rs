//! The schema after all migrations, compared with the reviewed snapshot in `tests/snapshots/`.
//! A schema change must come with a new migration and an updated snapshot:
//! `UPDATE_SNAPSHOTS=1 cargo test -p landfall --test store_schema`.

use landfall::store::Store;

#[test]
fn migrated_schema_matches_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("db.sqlite3")).unwrap();
    let schema = store.schema_sql().unwrap();
    let snapshot =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/store_schema.sql");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&snapshot, &schema).unwrap();
    }
    let expected = std::fs::read_to_string(&snapshot).unwrap();
    assert_eq!(
        schema,
        expected,
        "schema drifted from {}",
        snapshot.display()
    );
}
