//! Rates over real HTTP: a server on 127.0.0.1 started by the test serves a recorded ECB file and faults.
//! Every fault ends in a clear status and keeps the rates stored before it.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use landfall::rates::{self, FetchConfig, RateWarning, RatesStatus};
use landfall::store::Store;

const DAILY: &str = include_str!("fixtures/ecb/eurofxref-daily-2026-10-30.xml");
const NS: &str = "http://www.ecb.int/vocabulary/2002-08-01/eurofxref";

/// A tiny HTTP/1.1 server: one request per connection, behaviour chosen by the path.
struct TestServer {
    base: String,
    hits: Arc<Mutex<HashMap<String, usize>>>,
}

impl TestServer {
    fn start() -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let hits = Arc::new(Mutex::new(HashMap::new()));
        let counter = Arc::clone(&hits);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let counter = Arc::clone(&counter);
                std::thread::spawn(move || serve(stream, &counter));
            }
        });
        TestServer { base, hits }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn hits(&self, path: &str) -> usize {
        self.hits.lock().unwrap().get(path).copied().unwrap_or(0)
    }
}

fn serve(mut stream: TcpStream, hits: &Mutex<HashMap<String, usize>>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    // Skip the headers.
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
    }
    let path = request_line
        .split_whitespace()
        .nth(1)
        .unwrap_or("/")
        .to_owned();
    *hits.lock().unwrap().entry(path.clone()).or_default() += 1;
    let ok = |body: &str| (200, body.to_owned());
    let (status, body) = match path.as_str() {
        "/daily.xml" => ok(DAILY),
        "/500" => (500, "internal error".to_owned()),
        "/malformed" => ok("<?xml version=\"1.0\"?><gesmes:Envelope><Cube><Cube time='2024-07-01'"),
        "/wrong-namespace" => {
            ok(&DAILY.replace(NS, "http://www.ecb.int/vocabulary/2099-01-01/other"))
        }
        "/empty-cube" => ok(&format!(
            "<?xml version=\"1.0\"?><gesmes:Envelope xmlns:gesmes=\"http://www.gesmes.org/xml/2002-08-01\" xmlns=\"{NS}\"><Cube></Cube></gesmes:Envelope>"
        )),
        "/stall" => {
            // Answer nothing for longer than the client's total timeout.
            std::thread::sleep(Duration::from_secs(5));
            return;
        }
        "/stall-long" => {
            // Answer nothing for longer than any patience: every attempt times out.
            std::thread::sleep(Duration::from_secs(120));
            return;
        }
        "/future" => ok(&feed(&[("2200-01-01", &[("JPY", "175.68")])])),
        "/duplicate-date" => ok(&feed(&[
            ("2026-11-02", &[("JPY", "176.01")]),
            ("2026-11-02", &[("JPY", "175.50")]),
        ])),
        "/duplicate-currency" => ok(&feed(&[(
            "2026-11-02",
            &[("JPY", "176.01"), ("USD", "1.11"), ("JPY", "1.72")],
        )])),
        "/huge" => ok(&feed(&[(
            "2026-11-02",
            &[("JPY", "100000000000000000000")],
        )])),
        "/decimal-max" => ok(&feed(&[(
            "2026-11-02",
            &[("JPY", "79228162514264337593543950335")],
        )])),
        "/tiny" => ok(&feed(&[(
            "2026-11-02",
            &[("JPY", "0.0000000000000000000000000001")],
        )])),
        "/jump" => ok(&feed(&[("2026-11-02", &[("JPY", "600.00")])])),
        "/next-day" => ok(&feed(&[(
            "2026-11-02",
            &[("JPY", "176.51"), ("USD", "1.1181")],
        )])),
        "/loop" => {
            let _ = write!(
                stream,
                "HTTP/1.1 302 Found\r\nLocation: /loop\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
            return;
        }
        _ => (404, "not found".to_owned()),
    };
    let _ = write!(
        stream,
        "HTTP/1.1 {status} X\r\nContent-Type: text/xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
}

/// An ECB feed of the given days, each with its (currency, rate) pairs.
fn feed(days: &[(&str, &[(&str, &str)])]) -> String {
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><gesmes:Envelope xmlns:gesmes=\"http://www.gesmes.org/xml/2002-08-01\" xmlns=\"{NS}\"><Cube>"
    );
    for (date, rates) in days {
        xml.push_str(&format!("<Cube time=\"{date}\">"));
        for (currency, rate) in *rates {
            xml.push_str(&format!("<Cube currency=\"{currency}\" rate=\"{rate}\"/>"));
        }
        xml.push_str("</Cube>");
    }
    xml.push_str("</Cube></gesmes:Envelope>");
    xml
}

fn quick_config() -> FetchConfig {
    FetchConfig {
        connect_timeout: Duration::from_secs(2),
        total_timeout: Duration::from_secs(1),
        deadline: Duration::from_secs(5),
        attempts: 2,
        retry_delay: Duration::from_millis(50),
        max_redirects: 3,
        max_bytes: 1024 * 1024,
    }
}

fn today() -> NaiveDate {
    "2026-11-02".parse().unwrap()
}

#[test]
fn fetch_then_every_fault_keeps_the_previous_rates() {
    let server = TestServer::start();
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("db.sqlite3")).unwrap();
    let config = quick_config();

    let fresh =
        rates::update_blocking(&mut store, &server.url("/daily.xml"), &config, today()).unwrap();
    assert_eq!(fresh.error, None);
    assert_eq!(fresh.days_received, 1);
    let published: NaiveDate = "2026-10-30".parse().unwrap();
    assert_eq!(fresh.status, RatesStatus::Fresh { date: published });
    // 2026-10-30 was a Friday; on Monday 2026-11-02 the rate is 3 days old, within the allowance.
    assert!(fresh.warnings.is_empty(), "{:?}", fresh.warnings);
    let kept = store.fx_rates(rates::SOURCE_ECB).unwrap();
    assert_eq!(kept.len(), 29);

    let faults = [
        ("/500", "rates.http_status", 2),
        ("/malformed", "rates.malformed", 1),
        ("/wrong-namespace", "rates.wrong_namespace", 1),
        ("/empty-cube", "rates.empty_feed", 1),
        ("/stall", "rates.timeout", 2),
        ("/loop", "rates.too_many_redirects", 4),
        ("/missing", "rates.http_status", 1),
    ];
    for (path, code, expected_requests) in faults {
        let started = Instant::now();
        let outcome =
            rates::update_blocking(&mut store, &server.url(path), &config, today()).unwrap();
        let error = outcome
            .error
            .as_ref()
            .unwrap_or_else(|| panic!("{path} should fail"));
        assert_eq!(error.code, code, "{path}: {}", error.message);
        assert_eq!(
            outcome.status,
            RatesStatus::Cached { date: published },
            "{path}"
        );
        assert_eq!(outcome.days_received, 0);
        assert_eq!(
            store.fx_rates(rates::SOURCE_ECB).unwrap(),
            kept,
            "{path} changed the cache"
        );
        // Transient faults (5xx, timeout) are retried once; the others are not. A redirect loop makes
        // the first request plus max_redirects follow-ups before giving up.
        assert_eq!(server.hits(path), expected_requests, "{path}");
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{path} took {:?}",
            started.elapsed()
        );
    }
    let (last_attempt, last_success) = store.last_fx_fetches(rates::SOURCE_ECB).unwrap();
    assert_eq!(last_attempt.unwrap().outcome, "rates.http_status");
    assert_eq!(last_success.unwrap().url, server.url("/daily.xml"));

    // A week later, without a successful fetch, the cached rates are flagged as stale.
    let later: NaiveDate = "2026-11-09".parse().unwrap();
    let stale = rates::load(&store, later).unwrap();
    assert_eq!(stale.status, RatesStatus::Cached { date: published });
    // Published 2026-10-30, looked at on 2026-11-09: 10 days, over the 4-day limit.
    assert_eq!(
        stale.warnings,
        [RateWarning::Stale {
            published,
            age_days: 10,
            on: later
        }]
    );
    assert!(
        stale.warnings[0]
            .to_string()
            .contains("10 days before 2026-11-09")
    );
}

#[test]
fn failed_first_fetch_falls_back_to_the_bundled_history() {
    let server = TestServer::start();
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("db.sqlite3")).unwrap();
    let outcome =
        rates::update_blocking(&mut store, &server.url("/500"), &quick_config(), today()).unwrap();
    assert_eq!(outcome.error.unwrap().code, "rates.http_status");
    assert_eq!(
        outcome.status,
        RatesStatus::Bundled {
            date: "2026-10-30".parse().unwrap()
        }
    );
    assert!(
        matches!(outcome.warnings[..], [RateWarning::Bundled { .. }]),
        "{:?}",
        outcome.warnings
    );
    assert!(outcome.warnings[0].to_string().contains("bundled"));
    assert!(store.fx_rates(rates::SOURCE_ECB).unwrap().is_empty());
}

#[test]
fn nothing_listening_is_a_connection_error() {
    // Bind then drop a listener: the port is very likely closed for the next moment.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("db.sqlite3")).unwrap();
    let url = format!("http://127.0.0.1:{port}/daily.xml");
    let outcome = rates::update_blocking(&mut store, &url, &quick_config(), today()).unwrap();
    assert_eq!(outcome.error.unwrap().code, "rates.connect");
}

#[test]
fn cli_update_and_show_json_contract() {
    let server = TestServer::start();
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
    let update = landfall(&[
        "rates",
        "update",
        "--url",
        &server.url("/daily.xml"),
        "--json",
    ]);
    assert!(
        update.status.success(),
        "{}",
        String::from_utf8_lossy(&update.stderr)
    );
    let outcome: serde_json::Value = serde_json::from_slice(&update.stdout).unwrap();
    assert_eq!(outcome["status"]["kind"], "fresh");
    assert_eq!(outcome["status"]["date"], "2026-10-30");
    assert_eq!(outcome["days_received"], 1);
    assert_eq!(outcome["error"], serde_json::Value::Null);

    let failed = landfall(&[
        "rates",
        "update",
        "--url",
        &server.url("/empty-cube"),
        "--json",
    ]);
    assert_eq!(failed.status.code(), Some(1));
    let outcome: serde_json::Value = serde_json::from_slice(&failed.stdout).unwrap();
    assert_eq!(outcome["status"]["kind"], "cached");
    assert_eq!(outcome["error"]["code"], "rates.empty_feed");

    let show = landfall(&["rates", "show", "--json", "--date", "2026-11-01"]);
    assert!(
        show.status.success(),
        "{}",
        String::from_utf8_lossy(&show.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&show.stdout).unwrap();
    assert_eq!(report["on"], "2026-11-01");
    assert_eq!(report["status"]["kind"], "cached");
    let jpy = report["rates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["currency"] == "JPY")
        .unwrap();
    // Sunday 2026-11-01 carries Friday's rate, as a decimal string; the fetched rate lies over the
    // bundled one of the same day.
    assert_eq!(jpy["per_eur"], "175.68");
    assert_eq!(jpy["published"], "2026-10-30");
    assert_eq!(jpy["origin"], "cached");
    assert_eq!(report["last_attempt"]["outcome"], "rates.empty_feed");

    let bad_csv = dir.path().join("bad.csv");
    std::fs::write(
        &bad_csv,
        "week_start,currency,jpy_per_unit\n2025-09-08,USD,147.36\n",
    )
    .unwrap();
    let import = landfall(&["rates", "customs", "import", bad_csv.to_str().unwrap()]);
    assert_eq!(import.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&import.stderr);
    assert!(
        stderr.contains("bad.csv") && stderr.contains("line 2"),
        "{stderr}"
    );
}

/// Issue #14, case 7 (and the cached tiny rate of case 2): a well-formed feed with absurd data is
/// refused whole, with the reason, and the rates known before it stay in use.
#[test]
fn implausible_feeds_are_refused_whole_and_the_previous_rates_kept() {
    let server = TestServer::start();
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("db.sqlite3")).unwrap();
    let config = quick_config();
    let fresh =
        rates::update_blocking(&mut store, &server.url("/daily.xml"), &config, today()).unwrap();
    assert_eq!(fresh.error, None);
    let kept = store.fx_rates(rates::SOURCE_ECB).unwrap();
    let published: NaiveDate = "2026-10-30".parse().unwrap();
    let refusals = [
        (
            "/future",
            "on 2200-01-01: the date is after today (2026-11-02): the feed or the clock is wrong",
        ),
        (
            "/duplicate-date",
            "on 2026-11-02: the date appears twice in the feed",
        ),
        (
            "/duplicate-currency",
            "on 2026-11-02: JPY appears twice on that day",
        ),
        (
            "/huge",
            "on 2026-11-02: JPY rate 100000000000000000000 is outside 0.0001 to 1000000 units per euro",
        ),
        (
            "/decimal-max",
            "JPY rate 79228162514264337593543950335 is outside 0.0001 to 1000000 units per euro",
        ),
        (
            "/tiny",
            "JPY rate 0.0000000000000000000000000001 is outside 0.0001 to 1000000 units per euro",
        ),
        (
            "/jump",
            "on 2026-11-02: JPY rate 600.00 is more than 2 times away from the rate of 2026-10-30 (175.68)",
        ),
    ];
    for (path, reason) in refusals {
        let outcome =
            rates::update_blocking(&mut store, &server.url(path), &config, today()).unwrap();
        let error = outcome
            .error
            .unwrap_or_else(|| panic!("{path} should be refused"));
        assert_eq!(error.code, "rates.bad_entry", "{path}: {}", error.message);
        assert!(error.message.contains(reason), "{path}: {}", error.message);
        assert_eq!(
            outcome.status,
            RatesStatus::Cached { date: published },
            "{path}"
        );
        assert_eq!(store.fx_rates(rates::SOURCE_ECB).unwrap(), kept, "{path}");
    }
    // A plausible next day is taken.
    let next =
        rates::update_blocking(&mut store, &server.url("/next-day"), &config, today()).unwrap();
    assert_eq!(next.error, None);
    assert_eq!(next.days_received, 1);

    // A tiny rate an older Landfall cached is no reference for the next feed, and meanwhile no
    // conversion uses it: the pair is missing, not a division by nearly zero.
    let older = tempfile::tempdir().unwrap();
    let mut store = Store::open(&older.path().join("db.sqlite3")).unwrap();
    store
        .put_fx_rates(
            rates::SOURCE_ECB,
            &[landfall::store::FxRateRow {
                date: published,
                base: "EUR".into(),
                quote: "JPY".into(),
                rate: "0.0000000000000000000000000001".parse().unwrap(),
            }],
        )
        .unwrap();
    let loaded = rates::load(&store, today()).unwrap();
    let eur_jpy = loaded
        .cross_rates_on(today())
        .into_iter()
        .find(|rate| rate.from.code() == "EUR" && rate.to.code() == "JPY");
    assert_eq!(eur_jpy, None);
    let repaired =
        rates::update_blocking(&mut store, &server.url("/next-day"), &config, today()).unwrap();
    assert_eq!(repaired.error, None);
}

/// Issue #14, case 8: a server that accepts the connection and never answers held `rates update`
/// for 64 s (three 20-second attempts); with the default settings the answer comes within 30 s,
/// the previous rates kept.
#[test]
fn a_stalled_server_is_reported_within_thirty_seconds() {
    let server = TestServer::start();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.sqlite3");
    let started = Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_landfall"))
        .arg("--db")
        .arg(&db)
        .args([
            "rates",
            "update",
            "--json",
            "--url",
            &server.url("/stall-long"),
        ])
        .output()
        .unwrap();
    let took = started.elapsed();
    assert!(took < Duration::from_secs(30), "took {took:?}");
    assert_eq!(output.status.code(), Some(1));
    let outcome: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(outcome["error"]["code"], "rates.timeout");
    assert_eq!(outcome["status"]["kind"], "bundled");
    // Every attempt was made within the time, none after it.
    assert!((1..=3).contains(&server.hits("/stall-long")));
}
