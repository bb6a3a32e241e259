//! Local persistence: one SQLite file (WAL, foreign keys on), schema migrations tracked by
//! `user_version`, every user action one transaction.
//!
//! Amounts are stored as decimal TEXT, never REAL. Timestamps are RFC 3339 UTC text.

mod evidence;
mod fx;
mod plans;
mod portable;
mod reports;
mod schema;
mod tables;

use std::path::{Path, PathBuf};

use rusqlite::Connection;

pub use evidence::{EVIDENCE_DIR, Evidence, ItemState, safe_file_name, sha256_hex};
pub use fx::{FxFetchLog, FxRateRow};
pub use plans::{PlanId, PlanRecord, PlanSummary};
pub use portable::{FORMAT_VERSION, ImportLimits};
pub use reports::ReportRecord;
pub use schema::SCHEMA_VERSION;

/// The bundled example plan, inserted into a new database so the first start is not empty.
pub const EXAMPLE_PLAN_TOML: &str = include_str!("../data/examples/bluetooth-speaker-japan.toml");

/// File name of the database inside the app-data directory.
pub const DB_FILE_NAME: &str = "landfall.sqlite3";

/// Errors of the store. [`StoreError::code`] gives a stable code the UI can classify without matching text.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot create the folder {path}: {source}")]
    CreateDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is not a Landfall database, or it is damaged: {source}")]
    NotADatabase {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error(
        "{path} was written by a newer Landfall (schema version {found}; this build knows up to \
         {supported}); update Landfall to open it"
    )]
    NewerDatabase {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("cannot upgrade the schema of {path}: {source}")]
    Migration {
        path: PathBuf,
        source: rusqlite_migration::Error,
    },
    #[error("no plan with id {0}")]
    PlanNotFound(PlanId),
    #[error("no plan named \"{0}\"")]
    PlanNameNotFound(String),
    #[error("a plan named \"{0}\" already exists")]
    NameTaken(String),
    #[error("a plan name must not be empty")]
    EmptyName,
    /// The plan text does not parse or breaks a plan rule; the plan error names each field and line.
    #[error("{0}")]
    InvalidPlanToml(crate::plan::PlanError),
    #[error("\"{0}\" cannot be used as a file name")]
    BadFileName(String),
    #[error("invalid checklist state: {0}")]
    InvalidItemState(String),
    #[error("cannot read or write {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is not a usable Landfall plan file: {reason}")]
    BadArchive { path: PathBuf, reason: String },
    #[error(
        "{path} is a Landfall plan file of version {found}; this build reads version {supported}"
    )]
    ArchiveVersion {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error("damaged value in the database: {0}")]
    Corrupt(String),
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

impl StoreError {
    /// Stable machine-readable code, for the UI and the CLI's JSON errors.
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::CreateDir { .. } => "store.create_dir",
            StoreError::NotADatabase { .. } => "store.not_a_database",
            StoreError::NewerDatabase { .. } => "store.newer_database",
            StoreError::Migration { .. } => "store.migration",
            StoreError::PlanNotFound(_) | StoreError::PlanNameNotFound(_) => "store.plan_not_found",
            StoreError::NameTaken(_) => "store.name_taken",
            StoreError::EmptyName => "store.empty_name",
            StoreError::InvalidPlanToml(_) => "store.invalid_plan_toml",
            StoreError::BadFileName(_) => "store.bad_file_name",
            StoreError::InvalidItemState(_) => "store.invalid_item_state",
            StoreError::Io { .. } => "store.io",
            StoreError::BadArchive { .. } => "store.bad_archive",
            StoreError::ArchiveVersion { .. } => "store.archive_version",
            StoreError::Corrupt(_) => "store.corrupt",
            StoreError::Sqlite(_) => "store.sqlite",
        }
    }
}

/// An open Landfall database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and its parent folder, then brings the schema
    /// up to date. Refuses a database written by a newer Landfall, leaving it untouched.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|source| StoreError::CreateDir {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        let not_a_db = |source| StoreError::NotADatabase {
            path: path.to_path_buf(),
            source,
        };
        let mut conn = Connection::open(path).map_err(not_a_db)?;
        // The first read fails on a file that is not SQLite; report that, not a generic error.
        let found: i64 = conn
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .map_err(not_a_db)?;
        let supported = schema::SCHEMA_VERSION;
        if found > supported {
            return Err(StoreError::NewerDatabase {
                path: path.to_path_buf(),
                found,
                supported,
            });
        }
        // WAL keeps readers unblocked during a save; FULL sync makes a returned commit survive power loss.
        conn.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        schema::migrations()
            .to_latest(&mut conn)
            .map_err(|source| StoreError::Migration {
                path: path.to_path_buf(),
                source,
            })?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
        })
    }

    /// The database file this store was opened from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Schema version of the open database (SQLite `user_version`).
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |row| row.get(0))?)
    }

    /// Result of SQLite's `PRAGMA integrity_check`: `["ok"]` for a sound file.
    pub fn integrity_check(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let rows = stmt.query_map([], |row| row.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The schema after migration (tables, indexes, triggers), one statement per line, sorted by name.
    pub fn schema_sql(&self) -> Result<String, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' \
             ORDER BY type, name",
        )?;
        let rows = stmt.query_map([], |row| row.get::<_, String>(0))?;
        let statements = rows.collect::<Result<Vec<_>, _>>()?;
        Ok(statements.join(";\n") + ";\n")
    }
}

/// The default database location: the per-user application-data folder.
/// Linux: `$XDG_DATA_HOME/landfall/` or `~/.local/share/landfall/`; macOS:
/// `~/Library/Application Support/landfall/`; Windows: `%APPDATA%\landfall\`.
/// `None` when the environment names no home folder.
pub fn default_db_path() -> Option<PathBuf> {
    let var = |name: &str| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    let data_dir = if cfg!(windows) {
        var("APPDATA")
    } else if cfg!(target_os = "macos") {
        var("HOME").map(|home| home.join("Library").join("Application Support"))
    } else {
        var("XDG_DATA_HOME").or_else(|| var("HOME").map(|home| home.join(".local").join("share")))
    }?;
    Some(data_dir.join("landfall").join(DB_FILE_NAME))
}

/// Current time as RFC 3339 UTC text, the store's timestamp format.
fn now_rfc3339() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}
