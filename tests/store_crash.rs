//! Crash safety, for real: a child process saves plans, evidence and checklist states in a loop and is
//! killed with SIGKILL at random moments, at least 200 times. Afterwards the database must pass
//! `PRAGMA integrity_check` and every save the child reported as committed must be intact.
//!
//! The test binary is its own child: with `LANDFALL_CRASH_CHILD=<db path>` it runs the writer loop.

use std::collections::BTreeMap;
use std::io::{BufRead, Read, Write};
use std::path::Path;
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant, SystemTime};

use landfall::checklist::engine::{EvidenceRecord, ItemProgress, ProgressStatus};
use landfall::plan::Plan;
use landfall::store::{ItemState, PlanId, Store, sha256_hex};

const CHILD_ENV: &str = "LANDFALL_CRASH_CHILD";
const KILLS: usize = 200;

/// What save number `n` of child `run` writes; the parent rebuilds it to check.
fn plan_for(run: usize, n: usize) -> Plan {
    let text = format!(
        "[plan]\nname = \"crash {run}-{n}\"\nas_of = \"2026-11-22\"\nhome_currency = \"EUR\"\n\
         [seller]\ncountry = \"FR\"\nentity = \"company\"\n\
         capital = {{ amount = \"{n}.{run:02}\", currency = \"EUR\" }}\n\
         [[products]]\nsku = \"SKU-{n}\"\nname = \"Product {run}-{n}\"\n\
         unit_cost = {{ amount = \"{n}.50\", currency = \"EUR\" }}\n"
    );
    landfall::plan::parse_plan("crash plan", &text).expect("the crash plan is valid")
}

fn evidence_for(run: usize, n: usize) -> (String, Vec<u8>) {
    let bytes = format!("evidence of run {run} save {n}\n")
        .repeat(1 + n % 50)
        .into_bytes();
    (format!("scan {run}-{n}.pdf"), bytes)
}

fn state_for(n: usize) -> ItemState {
    ItemState {
        progress: ItemProgress {
            item: format!("item-{n}"),
            status: ProgressStatus::Done,
            owner: Some("Camille".into()),
            reason: None,
            evidence: vec![EvidenceRecord {
                template: "certificate".into(),
                issued_on: Some("2026-11-01".parse().expect("a date")),
                expires_on: None,
                file: Some(format!("scan {n}.pdf")),
                shipment: None,
                superseded: false,
            }],
        },
        due_date: None,
        notes: format!("saved as number {n}"),
    }
}

/// The child: save forever; after each save commits, print `run n plan_id` on its own line.
fn child(db: &Path, run: usize) -> ExitCode {
    let mut store = match Store::open(db) {
        Ok(store) => store,
        Err(err) => {
            eprintln!("child cannot open the store: {err}");
            return ExitCode::FAILURE;
        }
    };
    let mut out = std::io::stdout().lock();
    for n in 0.. {
        let plan = plan_for(run, n);
        let saved = store.create_plan_typed(&plan).and_then(|id| {
            let (name, bytes) = evidence_for(run, n);
            store.add_evidence(id, Some("item-0"), &name, &bytes)?;
            store.set_item_state(id, &state_for(n))?;
            Ok(id)
        });
        match saved {
            Ok(id) => {
                // Only now is the save complete; a kill before this line makes the parent not expect it.
                if writeln!(out, "{run} {n} {}", id.0)
                    .and_then(|()| out.flush())
                    .is_err()
                {
                    return ExitCode::FAILURE;
                }
            }
            Err(err) => {
                eprintln!("child save failed: {err}");
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}

/// xorshift64: enough randomness for kill delays without another dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn parent() -> Result<(), String> {
    let seed = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64)
        | 1;
    println!("store_crash: seed {seed}");
    let mut rng = Rng(seed);
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let db = dir.path().join("crash.sqlite3");
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let started = Instant::now();
    // (run, n) → plan id, for every save the child reported.
    let mut committed: BTreeMap<(usize, usize), i64> = BTreeMap::new();
    for run in 0..KILLS {
        let mut child = Command::new(&exe)
            .env(CHILD_ENV, &db)
            .env("LANDFALL_CRASH_RUN", run.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| e.to_string())?;
        let stdout = child.stdout.take().ok_or("no child stdout")?;
        let (lines_tx, lines_rx) = std::sync::mpsc::channel::<String>();
        let reader = std::thread::spawn(move || {
            let mut reader = std::io::BufReader::new(stdout);
            loop {
                let mut line = String::new();
                // A line cut by the kill has no newline and does not count.
                match reader.read_line(&mut line) {
                    Ok(0) | Err(_) => break,
                    Ok(_) if line.ends_with('\n') => {
                        if lines_tx.send(line).is_err() {
                            break;
                        }
                    }
                    Ok(_) => break,
                }
            }
        });
        let mut lines = Vec::new();
        // One run in four is killed blind, possibly while opening or migrating; the others once the
        // first save is in, so that every kill after it can land anywhere in a later save however
        // slow the machine is.
        if run % 4 != 0 {
            match lines_rx.recv_timeout(Duration::from_secs(30)) {
                Ok(line) => lines.push(line),
                Err(_) => return Err(format!("run {run}: no save within 30 s")),
            }
        }
        std::thread::sleep(Duration::from_micros(rng.next() % 20_000));
        child.kill().map_err(|e| e.to_string())?; // SIGKILL on Unix
        let status = child.wait().map_err(|e| e.to_string())?;
        reader.join().map_err(|_| "the reader thread panicked")?;
        lines.extend(lines_rx.try_iter());
        let mut stderr = String::new();
        if let Some(mut pipe) = child.stderr.take() {
            pipe.read_to_string(&mut stderr)
                .map_err(|e| e.to_string())?;
        }
        if !stderr.is_empty() {
            return Err(format!("run {run}: the child reported an error: {stderr}"));
        }
        if status.success() {
            return Err(format!("run {run}: the child ended by itself"));
        }
        for line in &lines {
            let fields: Vec<usize> = line
                .trim_end()
                .split(' ')
                .map(|f| f.parse().map_err(|_| format!("bad child line {line:?}")))
                .collect::<Result<_, _>>()?;
            let [r, n, id] = fields.as_slice() else {
                return Err(format!("bad child line {line:?}"));
            };
            committed.insert((*r, *n), *id as i64);
        }
    }
    let children_done = started.elapsed();

    let store = Store::open(&db).map_err(|e| e.to_string())?;
    let integrity = store.integrity_check().map_err(|e| e.to_string())?;
    if integrity != ["ok"] {
        return Err(format!("integrity_check: {integrity:?}"));
    }
    let waited_runs = KILLS - KILLS.div_ceil(4);
    if committed.len() < waited_runs {
        return Err(format!(
            "only {} saves reported over {KILLS} runs, fewer than the {waited_runs} awaited",
            committed.len()
        ));
    }
    for (&(run, n), &id) in &committed {
        let id = PlanId(id);
        let (_, plan) = store
            .load_plan(id)
            .map_err(|e| format!("plan {run}-{n}: {e}"))?;
        if plan != plan_for(run, n) {
            return Err(format!("plan {run}-{n} differs from what was saved"));
        }
        let evidence = store.list_evidence(id).map_err(|e| e.to_string())?;
        let (name, bytes) = evidence_for(run, n);
        let [stored] = evidence.as_slice() else {
            return Err(format!(
                "plan {run}-{n} has {} evidence rows",
                evidence.len()
            ));
        };
        if stored.original_name != name || stored.sha256 != sha256_hex(&bytes) {
            return Err(format!("evidence of plan {run}-{n} differs"));
        }
        let content = store.read_evidence(stored).map_err(|e| e.to_string())?;
        if content != bytes {
            return Err(format!("evidence file of plan {run}-{n} differs"));
        }
        if store.item_states(id).map_err(|e| e.to_string())? != [state_for(n)] {
            return Err(format!("checklist state of plan {run}-{n} differs"));
        }
    }
    // A plan row may be committed without its evidence when the kill fell between the two saves, but
    // never the other way round, and no half-written plan may exist.
    for summary in store.list_plans().map_err(|e| e.to_string())? {
        store.load_plan(summary.id).map_err(|e| e.to_string())?;
    }
    println!(
        "store_crash: {KILLS} SIGKILLs, {} committed saves verified, integrity ok ({:.1} s of children, {:.1} s in all)",
        committed.len(),
        children_done.as_secs_f64(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn main() -> ExitCode {
    if let Some(db) = std::env::var_os(CHILD_ENV) {
        let run = std::env::var("LANDFALL_CRASH_RUN")
            .ok()
            .and_then(|r| r.parse().ok())
            .unwrap_or(0);
        return child(Path::new(&db), run);
    }
    match parent() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("store_crash FAILED: {message}");
            ExitCode::FAILURE
        }
    }
}
