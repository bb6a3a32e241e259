//! Issue #14, case 3 and the store parts of case 9, with real `landfall` processes on real SQLite
//! files: parallel writers on one database and on a new path, a writer waiting for another
//! process's lock, a lock that outlasts the timeout, read-only databases and folders, a taken name
//! on import, an archive with two `plan.toml` entries, control characters on the terminal.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use landfall::api::{ErrorCode, Landfall};
use landfall::store::{BUSY_TIMEOUT, EXAMPLE_PLAN_TOML, Store};

const EXAMPLE_NAME: &str = "French bluetooth speaker to Japan via Amazon FBA";

fn command(db: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_landfall"));
    command.arg("--db").arg(db).args(args);
    command
}

fn landfall(db: &Path, args: &[&str]) -> Output {
    command(db, args).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The example plan under another name, as a plan file.
fn plan_file(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(format!("{}.toml", name.replace(' ', "-")));
    std::fs::write(
        &path,
        EXAMPLE_PLAN_TOML.replacen(
            &format!("name = \"{EXAMPLE_NAME}\""),
            &format!("name = \"{name}\""),
            1,
        ),
    )
    .unwrap();
    path
}

/// A `.landfall` copy of the example plan, exported by the CLI from a scratch database.
fn archive(dir: &Path) -> PathBuf {
    let out = dir.join("speaker.landfall");
    let exported = landfall(
        &dir.join("scratch.sqlite3"),
        &[
            "plans",
            "export",
            EXAMPLE_NAME,
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(exported.status.success(), "{}", text(&exported.stderr));
    out
}

fn plan_names(db: &Path) -> Vec<String> {
    Store::open(db)
        .unwrap()
        .list_plans()
        .unwrap()
        .into_iter()
        .map(|plan| plan.name)
        .collect()
}

/// Twenty imports at once, ten plan files and ten `.landfall` copies under `--as` names.
fn twenty_imports(dir: &Path, db: &Path, copy: &Path) -> Vec<Output> {
    let children: Vec<Child> = (1..=20)
        .map(|i| {
            let name = format!("Plan {i}");
            let mut import = if i % 2 == 0 {
                command(
                    db,
                    &["plans", "import", copy.to_str().unwrap(), "--as", &name],
                )
            } else {
                let file = plan_file(dir, &name);
                command(db, &["plans", "import", file.to_str().unwrap()])
            };
            import.stdout(Stdio::piped()).stderr(Stdio::piped());
            import.spawn().unwrap()
        })
        .collect();
    children
        .into_iter()
        .map(|child| child.wait_with_output().unwrap())
        .collect()
}

#[test]
fn twenty_parallel_imports_all_succeed_on_one_database_and_on_a_new_path() {
    let dir = tempfile::tempdir().unwrap();
    let copy = archive(dir.path());
    let existing = dir.path().join("existing.sqlite3");
    assert!(landfall(&existing, &["plans", "list"]).status.success());
    // A path with no database yet: all twenty create, migrate and seed it at once.
    let new = dir.path().join("new").join("landfall.sqlite3");
    for db in [&existing, &new] {
        let outputs = twenty_imports(dir.path(), db, &copy);
        let failures: Vec<String> = outputs
            .iter()
            .filter(|output| !output.status.success())
            .map(|output| format!("{:?}: {}", output.status.code(), text(&output.stderr)))
            .collect();
        assert!(failures.is_empty(), "{}: {failures:#?}", db.display());
        let mut names = plan_names(db);
        names.sort();
        let mut expected: Vec<String> = (1..=20).map(|i| format!("Plan {i}")).collect();
        expected.push(EXAMPLE_NAME.to_owned());
        expected.sort();
        // Every plan once, and the example seeded once.
        assert_eq!(names, expected, "{}", db.display());
        assert_eq!(Store::open(db).unwrap().integrity_check().unwrap(), ["ok"]);
    }
}

/// Holds the database's write lock from this process until dropped.
struct Lock(rusqlite::Connection);

impl Lock {
    fn take(db: &Path) -> Lock {
        let conn = rusqlite::Connection::open(db).unwrap();
        conn.execute_batch("BEGIN EXCLUSIVE").unwrap();
        Lock(conn)
    }

    fn release(self) {
        self.0.execute_batch("COMMIT").unwrap();
    }
}

#[test]
fn a_writer_blocked_by_another_process_waits_then_succeeds() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db.sqlite3");
    assert!(landfall(&db, &["plans", "list"]).status.success());
    let file = plan_file(dir.path(), "Waited");
    let lock = Lock::take(&db);
    let started = Instant::now();
    let mut child = command(&db, &["plans", "import", file.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    assert!(
        child.try_wait().unwrap().is_none(),
        "the import did not wait for the lock"
    );
    lock.release();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(started.elapsed() >= Duration::from_millis(1500));
    assert!(plan_names(&db).contains(&"Waited".to_owned()));
}

#[test]
fn a_lock_held_past_the_timeout_is_its_own_error_for_the_cli_and_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db.sqlite3");
    assert!(landfall(&db, &["plans", "list"]).status.success());
    let file = plan_file(dir.path(), "Never");
    let mut window = Landfall::open(&db).unwrap();
    let lock = Lock::take(&db);

    let started = Instant::now();
    let output = landfall(&db, &["plans", "import", file.to_str().unwrap()]);
    let waited = started.elapsed();
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(75), "{stderr}");
    assert!(
        stderr.contains("the database is busy: another Landfall window or command kept it locked"),
        "{stderr}"
    );
    assert!(
        waited >= BUSY_TIMEOUT && waited < BUSY_TIMEOUT + Duration::from_secs(10),
        "{waited:?}"
    );

    // The desktop's handlers get a code the window words in its language.
    let example = window.list_plans().unwrap()[0].id;
    let refused = window.rename_plan(example, "Renamed").unwrap_err();
    assert_eq!(refused.code, ErrorCode::Busy, "{refused}");

    lock.release();
    assert_eq!(plan_names(&db), [EXAMPLE_NAME]);
}

/// Runs the CLI as a user who cannot write `db` (as `nobody` when the tests run as root, whom file
/// modes do not stop).
fn as_reader(db: &Path, args: &[&str]) -> Output {
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|id| text(&id.stdout).trim() == "0");
    let mut command = if root {
        let mut setpriv = Command::new("setpriv");
        setpriv.args(["--reuid=65534", "--regid=65534", "--clear-groups"]);
        setpriv.arg(env!("CARGO_BIN_EXE_landfall"));
        setpriv
    } else {
        Command::new(env!("CARGO_BIN_EXE_landfall"))
    };
    command
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("setpriv runs the reader as nobody")
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn a_read_only_database_is_read_and_says_so_and_refuses_writes() {
    for read_only_folder in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("data");
        std::fs::create_dir(&folder).unwrap();
        let db = folder.join("landfall.sqlite3");
        assert!(landfall(&db, &["plans", "list"]).status.success());
        let file = plan_file(dir.path(), "Extra");
        set_mode(dir.path(), 0o755);
        set_mode(&file, 0o644);
        if read_only_folder {
            set_mode(&folder, 0o555);
            set_mode(&db, 0o644);
        } else {
            set_mode(&folder, 0o777);
            set_mode(&db, 0o444);
        }
        let case = if read_only_folder { "folder" } else { "file" };

        let list = as_reader(&db, &["plans", "list"]);
        let stderr = text(&list.stderr);
        assert!(list.status.success(), "{case}: {stderr}");
        assert!(text(&list.stdout).contains(EXAMPLE_NAME), "{case}");
        assert!(
            stderr.contains("is read-only: reading it as it is"),
            "{case}: {stderr}"
        );

        let import = as_reader(&db, &["plans", "import", file.to_str().unwrap()]);
        let stderr = text(&import.stderr);
        assert_eq!(import.status.code(), Some(77), "{case}: {stderr}");
        assert!(stderr.contains("is read-only"), "{case}: {stderr}");
        assert!(
            !stderr.contains("not a Landfall database"),
            "{case}: {stderr}"
        );
        set_mode(&folder, 0o755);
        assert_eq!(plan_names(&db), [EXAMPLE_NAME], "{case}");
    }
}

#[test]
fn a_taken_name_is_refused_alike_for_plan_files_and_archives_and_as_names_another() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db.sqlite3");
    let file = plan_file(dir.path(), EXAMPLE_NAME);
    let copy = archive(dir.path());
    for source in [&file, &copy] {
        let refused = landfall(&db, &["plans", "import", source.to_str().unwrap()]);
        let stderr = text(&refused.stderr);
        assert_eq!(refused.status.code(), Some(2), "{stderr}");
        assert!(
            stderr.contains(&format!(
                "a plan named \"{EXAMPLE_NAME}\" already exists; import it under another name with \
                 --as NAME, e.g. --as \"{EXAMPLE_NAME} (2)\""
            )),
            "{stderr}"
        );
        assert_eq!(plan_names(&db), [EXAMPLE_NAME]);
    }
    for (source, name) in [(&file, "From the file"), (&copy, "From the archive")] {
        let imported = landfall(
            &db,
            &["plans", "import", source.to_str().unwrap(), "--as", name],
        );
        assert!(imported.status.success(), "{}", text(&imported.stderr));
        assert!(text(&imported.stdout).contains(&format!("\"{name}\"")));
    }
    assert_eq!(plan_names(&db).len(), 3);
}

#[test]
fn an_archive_with_two_plan_entries_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let copy = archive(dir.path());
    // Add a second `plan.toml` by hand: zip writers refuse to, so the name is patched in the bytes
    // of a file holding `plan.tomx`.
    let other = EXAMPLE_PLAN_TOML.replacen(EXAMPLE_NAME, "The second plan", 1);
    let mut bytes = std::fs::read(&copy).unwrap();
    let mut appended = zip::ZipWriter::new_append(std::io::Cursor::new(&mut bytes)).unwrap();
    appended
        .start_file("plan.tomx", zip::write::SimpleFileOptions::default())
        .unwrap();
    appended.write_all(other.as_bytes()).unwrap();
    appended.finish().unwrap();
    let mut patched = bytes.clone();
    let needle = b"plan.tomx";
    let mut at = 0;
    while let Some(found) = patched[at..]
        .windows(needle.len())
        .position(|window| window == needle)
    {
        patched[at + found + needle.len() - 1] = b'l';
        at += found + needle.len();
    }
    let twice = dir.path().join("twice.landfall");
    std::fs::write(&twice, patched).unwrap();
    let db = dir.path().join("db.sqlite3");
    let refused = landfall(
        &db,
        &["plans", "import", twice.to_str().unwrap(), "--as", "Either"],
    );
    let stderr = text(&refused.stderr);
    assert_eq!(refused.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("two entries have the same name"),
        "{stderr}"
    );
    assert_eq!(plan_names(&db), [EXAMPLE_NAME]);
}

#[test]
fn control_characters_in_names_never_reach_the_terminal_raw() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db.sqlite3");
    // A plan file cannot bring one in any more…
    let file = plan_file(dir.path(), "Red\\u001b[31m alert");
    let refused = landfall(&db, &["plans", "import", file.to_str().unwrap()]);
    let stderr = refused.stderr.clone();
    assert_eq!(refused.status.code(), Some(2), "{}", text(&stderr));
    assert!(!stderr.contains(&0x1b), "{}", text(&stderr));
    assert!(
        text(&stderr).contains("plan.name: Red\\u{1b}[31m alert holds a control character"),
        "{}",
        text(&stderr)
    );
    // …and one saved by an older build is shown escaped.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute(
        "UPDATE plans SET name = ?1",
        ["Old\u{1b}]0;pwned\u{7}\rname"],
    )
    .unwrap();
    drop(conn);
    let list = landfall(&db, &["plans", "list"]);
    assert!(list.status.success(), "{}", text(&list.stderr));
    assert!(
        !list.stdout.iter().any(|b| matches!(b, 0x1b | 0x07 | b'\r')),
        "{:?}",
        text(&list.stdout)
    );
    assert!(
        text(&list.stdout).contains("Old\\u{1b}]0;pwned\\u{7}\\u{d}name"),
        "{}",
        text(&list.stdout)
    );
}
