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
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};

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

/// How long a write waits for another process (the desktop, another command) to finish its own
/// before giving up with [`StoreError::Busy`]. A save takes milliseconds; a 10,000-product catalogue
/// import about a second, so ten seconds covers a queue of them without leaving a person staring at a
/// frozen window for long.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

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
    /// Another process held the database's write lock for longer than [`BUSY_TIMEOUT`].
    #[error(
        "the database is busy: another Landfall window or command kept it locked for more than {} s; \
         nothing was changed, try again when it has finished",
        BUSY_TIMEOUT.as_secs()
    )]
    Busy,
    /// The database file or its folder cannot be written (permissions, a read-only disk or share).
    #[error(
        "{path} is read-only (the file or its folder cannot be written): it can be read, not changed"
    )]
    ReadOnly { path: PathBuf },
    /// A read-only database that this build would first have to upgrade.
    #[error(
        "{path} is read-only and was written by an older Landfall (schema version {found}); open it \
         once where it can be written so it is upgraded"
    )]
    ReadOnlyOutdated { path: PathBuf, found: i64 },
    #[error(
        "{path} was written by a newer Landfall (schema version {found}; this build knows up to \
         {supported}); update Landfall to open it"
    )]
    NewerDatabase {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("cannot upgrade the schema of {path}: {}", migration_reason(source))]
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
    /// An imported plan's name is taken; `free` is the first free `Name (n)`.
    #[error(
        "a plan named \"{name}\" already exists; import it under another name, e.g. \"{free}\""
    )]
    ImportNameTaken { name: String, free: String },
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
    /// A file too large for its kind, or not text where text is expected.
    #[error(transparent)]
    Unreadable(crate::limits::ReadError),
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
    Sqlite(rusqlite::Error),
}

impl From<rusqlite::Error> for StoreError {
    /// A lock that outlasted the busy timeout and a write refused because the file is read-only get
    /// their own variants, so the CLI and the window can say so (and the CLI exit with its own code).
    fn from(err: rusqlite::Error) -> Self {
        match err.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy,
            _ => StoreError::Sqlite(err),
        }
    }
}

impl StoreError {
    /// Stable machine-readable code, for the UI and the CLI's JSON errors.
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::CreateDir { .. } => "store.create_dir",
            StoreError::NotADatabase { .. } => "store.not_a_database",
            StoreError::Busy => "store.busy",
            StoreError::ReadOnly { .. } | StoreError::ReadOnlyOutdated { .. } => "store.read_only",
            StoreError::NewerDatabase { .. } => "store.newer_database",
            StoreError::Migration { .. } => "store.migration",
            StoreError::PlanNotFound(_) | StoreError::PlanNameNotFound(_) => "store.plan_not_found",
            StoreError::NameTaken(_) | StoreError::ImportNameTaken { .. } => "store.name_taken",
            StoreError::EmptyName => "store.empty_name",
            StoreError::InvalidPlanToml(_) => "store.invalid_plan_toml",
            StoreError::BadFileName(_) => "store.bad_file_name",
            StoreError::InvalidItemState(_) => "store.invalid_item_state",
            StoreError::Io { .. } => "store.io",
            StoreError::Unreadable(_) => "store.unreadable",
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
    read_only: bool,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and its parent folder, then brings the schema
    /// up to date. Refuses a database written by a newer Landfall, leaving it untouched, and a file
    /// or folder that cannot be written ([`StoreError::ReadOnly`]).
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|source| StoreError::CreateDir {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        let mut conn = Connection::open(path).map_err(|err| open_error(path, err))?;
        configure(&mut conn)?;
        // The first read fails on a file that is not SQLite, or that cannot be opened for writing.
        let found = user_version(&conn).map_err(|err| open_error(path, err))?;
        check_version(path, found)?;
        // SQLite silently opens a write-protected file read-only; refuse it here rather than on the
        // first save.
        if conn.is_readonly(rusqlite::MAIN_DB)? {
            return Err(StoreError::ReadOnly {
                path: path.to_path_buf(),
            });
        }
        // WAL keeps readers unblocked during a save; FULL sync makes a returned commit survive power loss.
        switch_to_wal(&conn).map_err(|err| open_error(path, err))?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        migrate(path, &mut conn)?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            read_only: false,
        })
    }

    /// Opens the database for a command that only reads: as [`Store::open`], or, when the file or
    /// its folder cannot be written, read-only ([`Store::is_read_only`] says which). A read-only
    /// database must already have this build's schema, since it cannot be upgraded.
    pub fn open_for_reading(path: &Path) -> Result<Store, StoreError> {
        match Store::open(path) {
            Err(StoreError::ReadOnly { .. }) => Store::open_read_only(path),
            other => other,
        }
    }

    fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let attempt = |conn: Connection| -> Result<(Connection, i64), rusqlite::Error> {
            let found = user_version(&conn)?;
            Ok((conn, found))
        };
        let opened = Connection::open_with_flags(path, flags).and_then(attempt);
        // A WAL database in a folder that cannot be written has no shared-memory file to read
        // through; nothing can write it either, so it is read as immutable.
        let (mut conn, found) = match opened {
            Ok(opened) => opened,
            Err(_) => {
                let uri = format!("file:{}?immutable=1", uri_path(path));
                Connection::open_with_flags(uri, flags | OpenFlags::SQLITE_OPEN_URI)
                    .and_then(attempt)
                    .map_err(|err| open_error(path, err))?
            }
        };
        configure(&mut conn)?;
        check_version(path, found)?;
        if found < schema::SCHEMA_VERSION {
            return Err(StoreError::ReadOnlyOutdated {
                path: path.to_path_buf(),
                found,
            });
        }
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            read_only: true,
        })
    }

    /// Whether the database was opened read-only (see [`Store::open_for_reading`]).
    pub fn is_read_only(&self) -> bool {
        self.read_only
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

/// Settings every connection gets before its first statement: the busy timeout first, so even
/// switching a new file to WAL waits for a concurrent opener instead of failing.
fn configure(conn: &mut Connection) -> Result<(), StoreError> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // A write transaction takes the write lock when it begins, waiting for it under the busy
    // timeout; a DEFERRED one that later upgrades gets SQLITE_BUSY at once in WAL mode.
    conn.set_transaction_behavior(TransactionBehavior::Immediate);
    conn.pragma_update(None, "foreign_keys", true)?;
    Ok(())
}

fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "user_version", |row| row.get(0))
}

fn check_version(path: &Path, found: i64) -> Result<(), StoreError> {
    let supported = schema::SCHEMA_VERSION;
    if found > supported {
        return Err(StoreError::NewerDatabase {
            path: path.to_path_buf(),
            found,
            supported,
        });
    }
    Ok(())
}

/// Brings the schema up to date. Several processes may open a new database at once: the migration
/// reads the version before its (immediate) transaction, so a process that waited for another's
/// migration fails on tables that now exist. The version is read again after a failure; if another
/// process has migrated meanwhile, there is nothing left to do.
fn migrate(path: &Path, conn: &mut Connection) -> Result<(), StoreError> {
    let migrations = schema::migrations();
    let mut attempts = 0;
    loop {
        let result = migrations.to_latest(conn);
        let Err(source) = result else {
            return Ok(());
        };
        attempts += 1;
        let now = user_version(conn)?;
        check_version(path, now)?;
        if now == schema::SCHEMA_VERSION {
            return Ok(());
        }
        if let rusqlite_migration::Error::RusqliteError { err, .. } = &source
            && matches!(
                err.sqlite_error_code(),
                Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
            )
        {
            return Err(StoreError::Busy);
        }
        // One more try covers a migration that another process finished between our two reads.
        if attempts >= 3 {
            return Err(StoreError::Migration {
                path: path.to_path_buf(),
                source,
            });
        }
    }
}

/// A failed migration's reason without the migration's SQL, which means nothing to the person.
fn migration_reason(err: &rusqlite_migration::Error) -> String {
    match err {
        rusqlite_migration::Error::RusqliteError { err, .. } => err.to_string(),
        other => other.to_string(),
    }
}

/// Why a database could not be opened or first read: busy, read-only, or not a database at all.
/// Puts the database in WAL mode. On a new file that several processes open at the same moment,
/// each can hold a read lock while waiting for the exclusive lock the switch needs, and all wait out
/// the busy timeout together. So each attempt waits briefly and lets go of its locks, and the switch
/// is tried again (at a pace that differs between processes) until the busy timeout has passed.
fn switch_to_wal(conn: &Connection) -> Result<(), rusqlite::Error> {
    let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
    let pause = Duration::from_millis(5 + u64::from(std::process::id() % 20));
    conn.busy_timeout(Duration::from_millis(50))?;
    let switched = loop {
        match conn.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(())) {
            Err(err)
                if err.sqlite_error_code() == Some(ErrorCode::DatabaseBusy)
                    && std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(pause);
            }
            done => break done,
        }
    };
    conn.busy_timeout(BUSY_TIMEOUT)?;
    switched
}

fn open_error(path: &Path, err: rusqlite::Error) -> StoreError {
    match err.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy,
        Some(ErrorCode::ReadOnly) => StoreError::ReadOnly {
            path: path.to_path_buf(),
        },
        // Cannot open or create the file, or the journal files beside it: permissions on the file
        // or on its folder.
        Some(ErrorCode::CannotOpen | ErrorCode::PermissionDenied) if !path.is_dir() => {
            StoreError::ReadOnly {
                path: path.to_path_buf(),
            }
        }
        _ => StoreError::NotADatabase {
            path: path.to_path_buf(),
            source: err,
        },
    }
}

/// A path as SQLite's `file:` URI wants it: `%`, `?` and `#` escaped.
fn uri_path(path: &Path) -> String {
    let mut out = String::new();
    for c in path.to_string_lossy().chars() {
        match c {
            '%' | '?' | '#' => out.push_str(&format!("%{:02X}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// Current time as RFC 3339 UTC text, the store's timestamp format.
fn now_rfc3339() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}
