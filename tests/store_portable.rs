//! Evidence storage and the portable `.landfall` file: lossless round trip, hostile files refused with
//! nothing changed, and the `plans` CLI contract.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use landfall::checklist::engine::{EvidenceRecord, ItemProgress, ProgressStatus};
use landfall::store::{
    EVIDENCE_DIR, ImportLimits, ItemState, PlanId, Store, StoreError, safe_file_name, sha256_hex,
};
use zip::ZipWriter;
use zip::write::SimpleFileOptions;

struct Fixture {
    dir: tempfile::TempDir,
    store: Store,
    plan: PlanId,
}

fn state(item: &str, status: ProgressStatus) -> ItemState {
    ItemState {
        progress: ItemProgress {
            item: item.into(),
            status,
            owner: Some("Camille Martin".into()),
            reason: None,
            evidence: vec![EvidenceRecord {
                template: "telec-certificate".into(),
                issued_on: Some("2026-10-01".parse().unwrap()),
                expires_on: Some("2031-09-30".parse().unwrap()),
                file: Some(sha256_hex(b"%PDF-1.4 certificate bytes")),
                shipment: None,
                superseded: false,
            }],
        },
        due_date: Some("2026-12-15".parse().unwrap()),
        notes: "asked the notified body; reply expected «next week»".into(),
    }
}

/// The example plan with two checklist states and three evidence rows (two sharing one file).
fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("app").join("landfall.sqlite3")).unwrap();
    let plan = store.seed_example_if_empty().unwrap().unwrap();
    store
        .set_item_state(plan, &state("jp.radio.giteki", ProgressStatus::InProgress))
        .unwrap();
    let mut na = state("jp.pse", ProgressStatus::NotApplicable);
    na.progress.reason = Some("battery-powered only, no mains adapter".into());
    na.progress.owner = None;
    na.progress.evidence.clear();
    na.due_date = None;
    store.set_item_state(plan, &na).unwrap();
    // Not applicable needs its reason.
    let mut no_reason = na.clone();
    no_reason.progress.reason = None;
    let err = store.set_item_state(plan, &no_reason).unwrap_err();
    assert_eq!(err.code(), "store.invalid_item_state");
    let source = dir.path().join("Certificat TELEC n°1.pdf");
    std::fs::write(&source, b"%PDF-1.4 certificate bytes").unwrap();
    store
        .add_evidence_file(plan, Some("jp.radio.giteki"), &source)
        .unwrap();
    store
        .add_evidence(plan, None, "photo.jpg", &[0xff, 0xd8, 0xff, 0x00, 0x01])
        .unwrap();
    store
        .add_evidence(
            plan,
            Some("jp.pse"),
            "copy.pdf",
            b"%PDF-1.4 certificate bytes",
        )
        .unwrap();
    Fixture { dir, store, plan }
}

fn evidence_files(store: &Store) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(store.evidence_dir())
        .map(|entries| {
            entries
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn evidence_is_kept_under_its_hash_with_its_original_name() {
    let f = fixture();
    let evidence = f.store.list_evidence(f.plan).unwrap();
    assert_eq!(evidence.len(), 3);
    assert_eq!(evidence[0].original_name, "Certificat TELEC n°1.pdf");
    assert_eq!(
        evidence[0].sha256,
        sha256_hex(b"%PDF-1.4 certificate bytes")
    );
    assert_eq!(evidence[0].size_bytes, 26);
    // Same bytes twice: one file on disk.
    assert_eq!(evidence[0].sha256, evidence[2].sha256);
    assert_eq!(evidence_files(&f.store).len(), 2);
    assert_eq!(
        f.store.evidence_dir(),
        f.dir.path().join("app").join(EVIDENCE_DIR)
    );
    assert_eq!(
        f.store.read_evidence(&evidence[1]).unwrap(),
        [0xff, 0xd8, 0xff, 0x00, 0x01]
    );
    // A known digest: SHA-256("abc") from FIPS 180-2, appendix B.1.
    assert_eq!(
        sha256_hex(b"abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
}

#[test]
fn user_file_names_lose_their_folders_and_bad_ones_are_refused() {
    assert_eq!(safe_file_name("../../etc/passwd").unwrap(), "passwd");
    assert_eq!(
        safe_file_name("C:\\Users\\me\\scan.pdf").unwrap(),
        "scan.pdf"
    );
    for bad in ["", "..", "dir/..", "a/", "bad\u{0}name", "tab\tname"] {
        assert!(
            matches!(safe_file_name(bad), Err(StoreError::BadFileName(_))),
            "{bad:?}"
        );
    }
}

#[test]
fn export_then_import_is_lossless() {
    let f = fixture();
    let file = f.dir.path().join("out").join("plan.landfall");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    f.store.export_plan(f.plan, &file).unwrap();

    let other = tempfile::tempdir().unwrap();
    let mut target = Store::open(&other.path().join("db.sqlite3")).unwrap();
    let id = target.import_plan(&file, None).unwrap();

    let (summary, plan) = f.store.load_plan(f.plan).unwrap();
    let (imported_summary, imported) = target.load_plan(id).unwrap();
    assert_eq!(imported, plan);
    assert_eq!(imported_summary.name, summary.name);
    assert_eq!(
        target.get_plan(id).unwrap().toml,
        f.store.get_plan(f.plan).unwrap().toml
    );
    assert_eq!(
        target.item_states(id).unwrap(),
        f.store.item_states(f.plan).unwrap()
    );
    let original = f.store.list_evidence(f.plan).unwrap();
    let copied = target.list_evidence(id).unwrap();
    assert_eq!(copied.len(), original.len());
    for (a, b) in original.iter().zip(&copied) {
        assert_eq!(
            (
                &a.item_id,
                &a.sha256,
                &a.original_name,
                a.size_bytes,
                &a.added_at
            ),
            (
                &b.item_id,
                &b.sha256,
                &b.original_name,
                b.size_bytes,
                &b.added_at
            )
        );
        assert_eq!(
            target.read_evidence(b).unwrap(),
            f.store.read_evidence(a).unwrap()
        );
    }

    // Importing into the same database again is refused, naming the first free name, and nothing
    // is added; under that name (or any other) it is kept beside the first.
    let plans_before = target.list_plans().unwrap();
    let free = format!("{} (2)", summary.name);
    match target.import_plan(&file, None) {
        Err(StoreError::ImportNameTaken {
            name,
            free: offered,
        }) => {
            assert_eq!(
                (name.as_str(), offered.as_str()),
                (summary.name.as_str(), free.as_str())
            );
        }
        other => panic!("expected the taken name to be refused, got {other:?}"),
    }
    assert_eq!(target.list_plans().unwrap(), plans_before);
    let again = target.import_plan(&file, Some(&free)).unwrap();
    assert_eq!(target.get_plan(again).unwrap().summary.name, free);
}

/// A zip with the given entries, written to `dir/name`.
fn zip_file(dir: &Path, name: &str, entries: &[(&str, &[u8])]) -> PathBuf {
    let path = dir.join(name);
    let mut zip = ZipWriter::new(std::fs::File::create(&path).unwrap());
    for (entry, bytes) in entries {
        zip.start_file(*entry, SimpleFileOptions::default())
            .unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap();
    path
}

fn manifest(version: u32, evidence: &str) -> Vec<u8> {
    format!(
        "{{\"format\":\"landfall-plan\",\"version\":{version},\"exported_at\":\"2026-11-23T10:00:00Z\",\"evidence\":[{evidence}]}}"
    )
    .into_bytes()
}

#[test]
fn hostile_files_are_refused_and_change_nothing() {
    let f = fixture();
    let mut store = f.store;
    let dir = f.dir.path();
    let plan_toml = store.get_plan(f.plan).unwrap().toml.replace(
        "French bluetooth speaker to Japan via Amazon FBA",
        "Imported",
    );
    let good_manifest = manifest(1, "");
    let states = b"[]".as_slice();
    let sneaky_hash = sha256_hex(b"x");
    let sneaky_evidence = format!(
        "{{\"sha256\":\"{sneaky_hash}\",\"original_name\":\"../../.bashrc\",\"item_id\":null,\"added_at\":\"2026-11-23T10:00:00Z\"}}"
    );
    let mismatch = format!(
        "{{\"sha256\":\"{}\",\"original_name\":\"a.pdf\",\"item_id\":null,\"added_at\":\"2026-11-23T10:00:00Z\"}}",
        sha256_hex(b"something else")
    );
    let mismatch_entry = format!("evidence/{}", sha256_hex(b"something else"));
    let sneaky_entry = format!("evidence/{sneaky_hash}");
    let zeros = vec![0u8; 2 * 1024 * 1024];
    std::fs::write(
        dir.join("random.landfall"),
        b"PK\x03\x04 this is not really a zip",
    )
    .unwrap();
    let cases: Vec<(PathBuf, &str)> = vec![
        (dir.join("random.landfall"), "store.bad_archive"),
        (
            zip_file(
                dir,
                "traversal.landfall",
                &[
                    ("landfall.json", &good_manifest),
                    ("plan.toml", plan_toml.as_bytes()),
                    ("checklist.json", states),
                    ("../../outside.txt", b"escape"),
                ],
            ),
            "store.bad_archive",
        ),
        (
            zip_file(
                dir,
                "absolute.landfall",
                &[
                    ("/etc/cron.d/x", b"escape"),
                    ("landfall.json", &good_manifest),
                ],
            ),
            "store.bad_archive",
        ),
        (
            zip_file(
                dir,
                "evidence-dots.landfall",
                &[("evidence/../../x", b"escape")],
            ),
            "store.bad_archive",
        ),
        (
            zip_file(
                dir,
                "huge.landfall",
                &[("landfall.json", &good_manifest), ("plan.toml", &zeros)],
            ),
            "store.bad_archive",
        ),
        (
            zip_file(
                dir,
                "version.landfall",
                &[
                    ("landfall.json", &manifest(99, "")),
                    ("plan.toml", plan_toml.as_bytes()),
                    ("checklist.json", states),
                ],
            ),
            "store.archive_version",
        ),
        (
            zip_file(
                dir,
                "no-plan.landfall",
                &[
                    ("landfall.json", &good_manifest),
                    ("checklist.json", states),
                ],
            ),
            "store.bad_archive",
        ),
        (
            zip_file(
                dir,
                "bad-plan.landfall",
                &[
                    ("landfall.json", &good_manifest),
                    ("plan.toml", b"[plan]\nname = \"x\"\nsurprise = 1\n"),
                    ("checklist.json", states),
                ],
            ),
            "store.invalid_plan_toml",
        ),
        (
            zip_file(
                dir,
                "hash.landfall",
                &[
                    ("landfall.json", &manifest(1, &mismatch)),
                    ("plan.toml", plan_toml.as_bytes()),
                    ("checklist.json", states),
                    (&mismatch_entry, b"tampered"),
                ],
            ),
            "store.bad_archive",
        ),
        (
            zip_file(
                dir,
                "name.landfall",
                &[
                    ("landfall.json", &manifest(1, &sneaky_evidence)),
                    ("plan.toml", plan_toml.as_bytes()),
                    ("checklist.json", states),
                    (&sneaky_entry, b"x"),
                ],
            ),
            // Not a fault: the name is cut to its last component, checked below.
            "",
        ),
    ];
    let limits = ImportLimits {
        max_entry_bytes: 1024 * 1024,
        ..ImportLimits::default()
    };
    let plans_before = store.list_plans().unwrap();
    let files_before = evidence_files(&store);
    for (file, code) in cases.iter().filter(|(_, code)| !code.is_empty()) {
        let err = store
            .import_plan_with_limits(file, None, &limits)
            .unwrap_err();
        assert_eq!(err.code(), *code, "{}: {err}", file.display());
        assert!(
            err.to_string().contains(&file.display().to_string()),
            "{err}"
        );
        assert_eq!(
            store.list_plans().unwrap(),
            plans_before,
            "{}",
            file.display()
        );
        assert_eq!(evidence_files(&store), files_before, "{}", file.display());
    }
    assert!(
        !dir.join("outside.txt").exists() && !dir.parent().unwrap().join("outside.txt").exists()
    );

    let (sneaky, _) = cases.last().unwrap();
    let id = store
        .import_plan_with_limits(sneaky, None, &limits)
        .unwrap();
    assert_eq!(store.list_evidence(id).unwrap()[0].original_name, ".bashrc");
    // Only ever stored under its hash: nothing named .bashrc appears anywhere.
    assert_eq!(evidence_files(&store).len(), files_before.len() + 1);
    assert!(evidence_files(&store).contains(&sneaky_hash));
}

#[test]
fn cli_plans_list_export_import() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.sqlite3");
    let landfall = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_landfall"))
            .arg("--db")
            .arg(&db)
            .args(args)
            .output()
            .unwrap()
    };
    let list = landfall(&["plans", "list", "--json"]);
    assert!(
        list.status.success(),
        "{}",
        String::from_utf8_lossy(&list.stderr)
    );
    let plans: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    let name = "French bluetooth speaker to Japan via Amazon FBA";
    assert_eq!(plans[0]["name"], name);
    assert_eq!(plans[0]["id"], 1);
    assert!(plans[0]["created_at"].as_str().unwrap().ends_with('Z'));

    let out = dir.path().join("speaker.landfall");
    let export = landfall(&["plans", "export", name, "--out", out.to_str().unwrap()]);
    assert!(
        export.status.success(),
        "{}",
        String::from_utf8_lossy(&export.stderr)
    );
    // The name is taken: refused, with the `--as` that would work.
    let taken = landfall(&["plans", "import", out.to_str().unwrap()]);
    assert_eq!(taken.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&taken.stderr)
            .contains(&format!("--as NAME, e.g. --as \"{name} (2)\"")),
        "{}",
        String::from_utf8_lossy(&taken.stderr)
    );
    let import = landfall(&[
        "plans",
        "import",
        out.to_str().unwrap(),
        "--as",
        &format!("{name} (2)"),
    ]);
    assert!(
        import.status.success(),
        "{}",
        String::from_utf8_lossy(&import.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&import.stdout).trim(),
        format!("imported plan 2 \"{name} (2)\"")
    );

    let missing = landfall(&[
        "plans",
        "export",
        "No such plan",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no plan named \"No such plan\""));

    let bad = dir.path().join("bad.landfall");
    std::fs::write(&bad, b"not a zip").unwrap();
    let refused = landfall(&["plans", "import", bad.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("bad.landfall"));
    let list = landfall(&["plans", "list", "--json"]);
    let plans: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(plans.as_array().unwrap().len(), 2);
}
