//! CLI contracts of `landfall checklist` and `landfall health`: JSON shapes, exit codes, error messages.

use std::process::Command;

use serde_json::Value;

const EXAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/examples/bluetooth-speaker-japan.toml"
);
const METRICS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/examples/seller-metrics.toml"
);

fn landfall(args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_landfall"))
        .args(args)
        .output()
        .expect("the binary runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn checklist_json_has_the_issue_fields() {
    let (code, stdout, stderr) = landfall(&["checklist", EXAMPLE, "--json"]);
    assert_eq!(code, 0, "{stderr}");
    let json: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        json["plan"],
        "French bluetooth speaker to Japan via Amazon FBA"
    );
    assert_eq!(json["as_of"], "2026-11-22");
    let target = &json["targets"][0];
    assert_eq!(target["marketplace"], "amazon-jp");
    assert_eq!(target["fulfilment"], "fba");
    assert_eq!(target["launch_date"], "2026-11-27");
    assert_eq!(target["launch_date_is_earliest"], true);
    let siv = target["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "jp-siv")
        .unwrap();
    for field in [
        "id",
        "code",
        "title",
        "importance",
        "certainty",
        "launch_blocking",
        "depends_on",
        "reason",
        "status",
        "due",
        "sources",
        "evidence",
        "last_verified",
    ] {
        assert!(siv.get(field).is_some(), "item has {field}");
    }
    assert_eq!(siv["code"], "jp.siv");
    assert_eq!(siv["importance"], "mandatory");
    assert_eq!(siv["certainty"], "confirmed");
    assert_eq!(siv["launch_blocking"], true);
    assert_eq!(siv["depends_on"], serde_json::json!(["jp-registration"]));
    assert_eq!(siv["status"], "blocked");
    assert_eq!(siv["due"], "2026-11-27");
    assert_eq!(
        siv["reason"]["en"],
        "Applies to every seller on this marketplace"
    );
    assert_eq!(siv["sources"][0]["tier"], "A");
    assert_eq!(siv["evidence"][1]["validity"]["kind"], "issued-within-days");
    assert_eq!(siv["evidence"][1]["validity"]["days"], 180);
    let readiness = &target["readiness"];
    assert_eq!(readiness["done"], 0);
    // Its own items and the shared ones that concern it (goods sold into Japan, leaving the EU, the
    // Amazon account), as tests/checklist_engine.rs counts them one by one.
    assert_eq!(readiness["total"], 27);
    assert_eq!(readiness["percent"], "0");
    assert_eq!(readiness["blockers"].as_array().unwrap().len(), 19);
}

#[test]
fn checklist_reads_progress_and_dates() {
    let dir = tempfile::tempdir().unwrap();
    let progress = dir.path().join("progress.toml");
    std::fs::write(
        &progress,
        "[[items]]\nitem = \"jp-2sv\"\nstatus = \"done\"\n\n[[items]]\nitem = \"jp-siv\"\nstatus = \"done\"\n\
         evidence = [{ template = \"photo-id\", expires_on = \"2030-01-01\" }, { template = \"statement\", issued_on = \"2026-05-25\" }]\n",
    )
    .unwrap();
    let progress = progress.to_str().unwrap();
    let (code, stdout, stderr) = landfall(&[
        "checklist",
        EXAMPLE,
        "--json",
        "--progress",
        progress,
        "--as-of",
        "2026-11-22",
        "--launch",
        "2027-01-31",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let json: Value = serde_json::from_str(&stdout).unwrap();
    let items = json["targets"][0]["items"].as_array().unwrap();
    let find = |id: &str| items.iter().find(|i| i["id"] == id).unwrap();
    assert_eq!(find("jp-2sv")["status"], "done");
    // Statement issued 181 days before the as-of date: reopened, and the registration is not done.
    assert_eq!(find("jp-siv")["status"], "blocked");
    assert_eq!(find("jp-siv")["evidence"][1]["state"], "stale");
    assert_eq!(json["targets"][0]["launch_date"], "2027-01-31");
    assert_eq!(json["targets"][0]["readiness"]["done"], 1);

    let (code, stdout, _) =
        landfall(&["checklist", EXAMPLE, "--progress", progress, "--lang", "fr"]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("Préparation\u{a0}: 1 / 27 éléments obligatoires faits (3,7\u{a0}%)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("rouvert\u{a0}: Relevé bancaire"),
        "{stdout}"
    );
}

#[test]
fn bad_input_exits_2_naming_file_line_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.toml");
    let text = std::fs::read_to_string(EXAMPLE)
        .unwrap()
        .replace("channel = \"b2c\"", "chanel = \"b2c\"");
    std::fs::write(&plan, text).unwrap();
    let plan = plan.to_str().unwrap();
    let (code, stdout, stderr) = landfall(&["checklist", plan]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(stderr.contains(&format!("{plan}:")), "{stderr}");
    assert!(stderr.contains("targets[0].chanel"), "{stderr}");
    assert!(stderr.contains("unknown field `chanel`"), "{stderr}");

    let progress = dir.path().join("progress.toml");
    std::fs::write(
        &progress,
        "[[items]]\nitem = \"jp-sivv\"\nstatus = \"done\"\n",
    )
    .unwrap();
    let (code, _, stderr) = landfall(&[
        "checklist",
        EXAMPLE,
        "--progress",
        progress.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("progress.toml:2:8: items[0].item: no checklist item \"jp-sivv\""),
        "{stderr}"
    );

    let (code, _, stderr) = landfall(&["checklist", "/nonexistent/plan.toml"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("cannot read /nonexistent/plan.toml"),
        "{stderr}"
    );
}

#[test]
fn health_json_and_text() {
    let (code, stdout, stderr) = landfall(&["health", METRICS, "--json"]);
    assert_eq!(code, 0, "{stderr}");
    let json: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(json["marketplace"], "amazon-jp");
    assert_eq!(json["programme"], "standard");
    assert_eq!(json["overall"], "fail");
    let late = &json["metrics"][2];
    assert_eq!(late["metric"], "late_shipment_rate");
    assert_eq!(late["value"], "4.3");
    assert_eq!(late["rule"], "< 4%");
    assert_eq!(late["verdict"], "fail");
    assert_eq!(json["metrics"][1]["verdict"], "at_risk");

    let (code, stdout, _) = landfall(&["health", METRICS]);
    assert_eq!(code, 0);
    assert!(
        stdout.starts_with("amazon-jp, standard programme, as of 2026-11-22: overall fail"),
        "{stdout}"
    );
}

/// The sector example plans, as `landfall checklist` reads them.
const SECTOR_EXAMPLES: [&str; 6] = [
    "cosmetics-japan-us.toml",
    "wine-japan.toml",
    "apparel-japan.toml",
    "chocolate-japan.toml",
    "toys-us-uk.toml",
    "leather-us-germany.toml",
];

/// English words Landfall writes in its own sentences (labels, reasons, questions, headings), which
/// French output must not contain. Words that are French as well ("on", "or", "plan", "date",
/// "label", "licence", "notification", "sales", "export", "importer") are left out.
const ENGLISH: &[&str] = &[
    "the",
    "and",
    "of",
    "for",
    "with",
    "to",
    "from",
    "by",
    "is",
    "are",
    "not",
    "Not",
    "does",
    "must",
    "should",
    "your",
    "you",
    "this",
    "that",
    "which",
    "when",
    "before",
    "after",
    "within",
    "without",
    "only",
    "each",
    "every",
    "any",
    "than",
    "more",
    "per",
    "if",
    "in",
    "as",
    "at",
    "an",
    "it",
    "its",
    "be",
    "been",
    "has",
    "have",
    "can",
    "may",
    "will",
    "yet",
    "what",
    "how",
    "where",
    "who",
    "applies",
    "Applies",
    "apply",
    "depends",
    "Depends",
    "due",
    "launch",
    "Launch",
    "waits",
    "Readiness",
    "items",
    "item",
    "done",
    "mandatory",
    "seller",
    "sellers",
    "buyer",
    "buyers",
    "shipped",
    "fulfilled",
    "consumers",
    "businesses",
    "own",
    "store",
    "channels",
    "applicable",
    "answer",
    "given",
    "needs",
    "monthly",
    "units",
    "months",
    "days",
    "marketplace",
    "product",
    "products",
    "goods",
    "rule",
    "rules",
    "tax",
    "customs",
    "registration",
    "declaration",
];

/// The English words of `text`, leaving out identifiers and codes (`jp-siv`, `jp.siv`, `amazon-us`:
/// a word joined to another by `-`, `.` or `_`) and the texts given in `typed` (the user's own).
fn english_words(text: &str, typed: &[&str]) -> Vec<String> {
    let mut text = text.to_owned();
    for own in typed {
        text = text.replace(own, " ");
    }
    text.split(|c: char| !(c.is_alphanumeric() || matches!(c, '-' | '.' | '_' | '\'' | '’')))
        .map(|token| token.trim_matches(|c: char| matches!(c, '.' | '-' | '\'' | '’')))
        .filter(|token| !token.contains(['-', '.', '_']))
        .filter(|token| ENGLISH.contains(token))
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_sector_example_runs_in_both_languages_with_no_english_in_french() {
    let mut found = Vec::new();
    for file in SECTOR_EXAMPLES {
        let path = format!("{}/data/examples/{file}", env!("CARGO_MANIFEST_DIR"));
        let plan = landfall::plan::parse_plan(file, &std::fs::read_to_string(&path).unwrap())
            .expect("the example plan reads");
        let (code, english, stderr) = landfall(&["checklist", &path]);
        assert_eq!(code, 0, "{file}: {stderr}");
        assert!(english.contains("Readiness: 0 / "), "{file}: {english}");
        let (code, french, stderr) = landfall(&["checklist", &path, "--lang", "fr"]);
        assert_eq!(code, 0, "{file}: {stderr}");
        assert!(
            french.contains("Préparation\u{a0}: 0 / "),
            "{file}: {french}"
        );
        // What the user typed is theirs to word: the plan's name and its channel ids.
        let mut typed = vec![plan.plan.name.as_str()];
        typed.extend(plan.channels.iter().map(|channel| channel.id.as_str()));
        // The words are found where they are: the English output is full of them.
        assert!(english_words(&english, &typed).len() > 100, "{file}");
        found.extend(
            french
                .lines()
                .filter(|line| !english_words(line, &typed).is_empty())
                .map(|line| format!("{file}: {line}  <- {:?}", english_words(line, &typed))),
        );
    }
    found.dedup();
    assert!(
        found.is_empty(),
        "English in French output:\n{}",
        found.join("\n")
    );
}
