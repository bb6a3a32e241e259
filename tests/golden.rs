//! Golden figures: the quote, channel comparison, checklist and report of the example plan (with fixed
//! exchange rates) and the landed-cost and fee cases in `tests/golden/cases/` are written once to
//! `tests/golden/*.json`; every run compares every *figure* of a fresh computation to them, to the
//! minor unit. Words (labels, formulas, messages) may change; figures may not.
//!
//! A change that is meant to move a figure (a new rule, corrected data) regenerates the files with
//! `UPDATE_GOLDEN=1 cargo test --test golden`, and the diff of the JSON shows every figure it moved.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use landfall::channels;
use landfall::checklist::bundled;
use landfall::cost::{self, Declaration, Detail, SalesFile, parse_input};
use landfall::money::{Currency, FxRate, FxSource};
use landfall::packs;
use landfall::plan::parse_plan;
use landfall::report::{self, Lang, Paper, ReportOptions};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde_json::Value;

const EXAMPLE_PLAN: &str = include_str!("../data/examples/bluetooth-speaker-japan.toml");

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

/// Every pair the example needs, given, so no database or snapshot rate is read.
fn rates() -> Vec<FxRate> {
    let rate = |from, to, rate| {
        FxRate::new(
            from,
            to,
            rate,
            day(2026, 11, 20),
            FxSource::Manual {
                note: "golden".into(),
            },
        )
        .expect("positive rate")
    };
    vec![
        rate(Currency::EUR, Currency::JPY, dec!(171.78)),
        rate(Currency::USD, Currency::JPY, dec!(147.36)),
        rate(Currency::EUR, Currency::USD, dec!(1.1657)),
    ]
}

/// Fresh outputs, by golden file name.
fn outputs() -> BTreeMap<String, Value> {
    let packs = packs::bundled().expect("bundled packs");
    let channel_packs = channels::bundled_channels().expect("bundled channel packs");
    let catalogues = bundled::catalogues().expect("bundled checklists");
    let plan = parse_plan("example", EXAMPLE_PLAN).expect("example plan");
    let rates = rates();
    let mut out = BTreeMap::new();
    let json = |value: &dyn erased::Json| value.json();

    let quote = cost::quote(&plan, &packs, &rates, Detail::Explained);
    out.insert("example-quote".into(), json(&quote));
    let figures = cost::quote(&plan, &packs, &rates, Detail::Numbers);
    out.insert("example-quote-figures".into(), json(&figures));
    let comparison = channels::compare(&plan, &packs, &channel_packs, &rates, None)
        .expect("the example's channels compare");
    out.insert("example-compare".into(), json(&comparison));
    let checklists = channels::plan_checklist(&plan, &catalogues, &channel_packs);
    out.insert("example-checklist".into(), json(&checklists));
    for lang in [Lang::En, Lang::Fr] {
        let options = ReportOptions {
            lang,
            paper: Paper::A4,
            consultant: Some("Golden".into()),
            client: None,
            generated_on: day(2026, 12, 3),
            logo: None,
        };
        let report = report::build(&plan, &quote, &checklists, &options).with_channels(&comparison);
        out.insert(format!("example-report-{}", lang.code()), json(&report));
    }

    let cases = golden_dir().join("cases");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&cases)
        .expect("cases folder")
        .map(|entry| entry.expect("entry").path())
        .collect();
    names.sort();
    for path in names {
        let name = path
            .file_stem()
            .and_then(|stem| stem.to_str())
            .expect("file name")
            .to_string();
        let text = std::fs::read_to_string(&path).expect("case file");
        let value = if name.starts_with("landed-") {
            let declaration: Declaration = parse_input(&name, &text).expect("declaration");
            json(&cost::landed_cost(&declaration, &packs).expect("computes"))
        } else {
            let sales: SalesFile = parse_input(&name, &text).expect("sales file");
            json(&cost::marketplace_fees(&sales, &packs).expect("computes"))
        };
        out.insert(name, value);
    }
    out
}

/// Serialisation behind one object-safe call, so the outputs of every engine go in one map.
mod erased {
    pub trait Json {
        fn json(&self) -> serde_json::Value;
    }
    impl<T: serde::Serialize> Json for T {
        fn json(&self) -> serde_json::Value {
            serde_json::to_value(self).expect("serialises")
        }
    }
}

/// Keys whose values are words or references, not figures: they may change freely.
const WORDS: &[&str] = &[
    "label",
    "formula",
    "message",
    "description",
    "inputs",
    "text",
    "title",
    "name",
    "statements",
    "disclaimer",
    "provenance",
    "reason",
    "sources",
    "prompt",
    "field",
];

/// Every figure of `value` by its path: numbers, and strings that read as a decimal or a date.
fn figures(value: &Value, path: &str, out: &mut BTreeMap<String, String>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                if !WORDS.contains(&key.as_str()) {
                    figures(inner, &format!("{path}.{key}"), out);
                }
            }
        }
        Value::Array(items) => {
            for (index, inner) in items.iter().enumerate() {
                figures(inner, &format!("{path}[{index}]"), out);
            }
        }
        Value::Number(number) => {
            out.insert(path.to_string(), number.to_string());
        }
        Value::String(text) => {
            if let Ok(number) = text.parse::<Decimal>() {
                out.insert(path.to_string(), number.normalize().to_string());
            } else if text.parse::<NaiveDate>().is_ok() {
                out.insert(path.to_string(), text.clone());
            }
        }
        Value::Bool(_) | Value::Null => {}
    }
}

#[test]
fn every_figure_matches_the_golden_outputs() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut differences = Vec::new();
    for (name, value) in outputs() {
        let file = golden_dir().join(format!("{name}.json"));
        if update {
            let text = serde_json::to_string_pretty(&value).expect("pretty JSON");
            std::fs::write(&file, format!("{text}\n")).expect("write golden file");
            continue;
        }
        let text = std::fs::read_to_string(&file)
            .unwrap_or_else(|error| panic!("{}: {error}", file.display()));
        let golden: Value = serde_json::from_str(&text).expect("golden JSON");
        let (mut expected, mut actual) = (BTreeMap::new(), BTreeMap::new());
        figures(&golden, &name, &mut expected);
        figures(&value, &name, &mut actual);
        assert!(expected.len() > 3, "{name}: the golden file holds figures");
        for (path, figure) in &expected {
            match actual.get(path) {
                Some(found) if found == figure => {}
                Some(found) => differences.push(format!("{path}: {figure} became {found}")),
                None => differences.push(format!("{path}: {figure} is gone")),
            }
        }
        for (path, figure) in &actual {
            if !expected.contains_key(path) {
                differences.push(format!("{path}: new figure {figure}"));
            }
        }
    }
    assert!(
        differences.is_empty(),
        "{} figures differ from tests/golden (regenerate with UPDATE_GOLDEN=1 only when a rule or \
         data change is meant to move them):\n{}",
        differences.len(),
        differences.join("\n")
    );
}

#[test]
fn the_figure_walk_skips_words_and_keeps_numbers() {
    let value = serde_json::json!({
        "amount": "74760.0",
        "count": 3,
        "label": { "en": "Duty 1", "fr": "Droits 1" },
        "due": "2026-11-27",
        "sku": "SPK-1",
        "steps": [{ "formula": "1 + 1 = 2", "amount": "2" }]
    });
    let mut out = BTreeMap::new();
    figures(&value, "x", &mut out);
    let expected: BTreeMap<String, String> = [
        ("x.amount", "74760"),
        ("x.count", "3"),
        ("x.due", "2026-11-27"),
        ("x.steps[0].amount", "2"),
    ]
    .into_iter()
    .map(|(path, figure)| (path.to_string(), figure.to_string()))
    .collect();
    assert_eq!(out, expected);
}
