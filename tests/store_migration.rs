//! Upgrading a database written by an older Landfall: schema version 2 kept each plan as TOML text.
//! Migration 3 moves readable plans into the plan tables and keeps an unreadable one's text intact.

use landfall::plan::parse_plan;
use landfall::store::{EXAMPLE_PLAN_TOML, SCHEMA_VERSION, Store, StoreError};

const BROKEN: &str = "[plan]\nname = \"Old draft\"\n";

#[test]
fn version_2_database_upgrades_without_losing_a_plan() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite3");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(include_str!("../src/store/migrations/001_plans.sql"))
            .unwrap();
        conn.execute_batch(include_str!("../src/store/migrations/002_fx_rates.sql"))
            .unwrap();
        conn.pragma_update(None, "user_version", 2).unwrap();
        let insert =
            "INSERT INTO plans (name, toml, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)";
        let at = "2026-11-23T09:00:00.000Z";
        conn.execute(insert, ("Speaker", EXAMPLE_PLAN_TOML, at))
            .unwrap();
        conn.execute(insert, ("Old draft", BROKEN, at)).unwrap();
    }

    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(store.integrity_check().unwrap(), ["ok"]);
    let plans = store.list_plans().unwrap();
    assert_eq!(plans.len(), 2);
    let speaker = store.find_plan("Speaker").unwrap();
    assert_eq!(speaker.created_at, "2026-11-23T09:00:00.000Z");
    let (_, plan) = store.load_plan(speaker.id).unwrap();
    assert_eq!(plan, parse_plan("example", EXAMPLE_PLAN_TOML).unwrap());

    // The plan that never parsed keeps its text, says why it cannot open, and is fixed by saving.
    let draft = store.find_plan("Old draft").unwrap();
    assert_eq!(store.get_plan(draft.id).unwrap().toml, BROKEN);
    let err = store.load_plan(draft.id).unwrap_err();
    assert!(matches!(err, StoreError::InvalidPlanToml(_)), "{err}");
    assert!(err.to_string().contains("missing field `as_of`"), "{err}");
    let fixed = format!(
        "{BROKEN}as_of = \"2026-11-22\"\nhome_currency = \"EUR\"\n[seller]\ncountry = \"FR\"\nentity = \"company\"\n"
    );
    store.save_plan(draft.id, &fixed).unwrap();
    assert_eq!(
        store.load_plan(draft.id).unwrap().1,
        parse_plan("fixed", &fixed).unwrap()
    );
}
