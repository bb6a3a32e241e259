//! Schema migrations, applied in order and tracked by SQLite's `user_version`.
//! A migration, once released, is never edited: add a new one.

use rusqlite_migration::{M, Migrations};

use super::plans::move_readable_plans_into_tables;

/// The schema version a fully migrated database has: the number of migrations.
pub const SCHEMA_VERSION: i64 = 4;

fn all() -> Vec<M<'static>> {
    vec![
        M::up(include_str!("migrations/001_plans.sql")),
        M::up(include_str!("migrations/002_fx_rates.sql")),
        M::up_with_hook(
            include_str!("migrations/003_plan_tables.sql"),
            move_readable_plans_into_tables,
        ),
        M::up(include_str!("migrations/004_checklist_progress.sql")),
    ]
}

pub(super) fn migrations() -> Migrations<'static> {
    Migrations::new(all())
}

#[cfg(test)]
mod tests {
    #[test]
    fn schema_version_counts_the_migrations() {
        assert_eq!(super::all().len() as i64, super::SCHEMA_VERSION);
        assert!(super::migrations().validate().is_ok());
    }
}
