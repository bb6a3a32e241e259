//! Schema migrations, applied in order and tracked by SQLite's `user_version`.
//! A migration, once released, is never edited: add a new one.

use rusqlite_migration::{M, Migrations};

const MIGRATIONS: &[&str] = &[
    include_str!("migrations/001_plans.sql"),
    include_str!("migrations/002_fx_rates.sql"),
    include_str!("migrations/003_plan_tables.sql"),
];

pub(super) fn migrations() -> Migrations<'static> {
    Migrations::new(MIGRATIONS.iter().map(|sql| M::up(sql)).collect())
}

/// The schema version a fully migrated database has.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;
