//! Settings in French holds no English sentence of Landfall's: the rule packs' names, the figures
//! that end soon and the figures left to the user are given in French (issue #13, item 10).

use chrono::NaiveDate;
use landfall::api::{DataVersions, Landfall};

fn date(text: &str) -> NaiveDate {
    text.parse().expect("date")
}

fn versions_on(on: &str) -> DataVersions {
    let dir = tempfile::tempdir().expect("temp dir");
    let landfall = Landfall::open(&dir.path().join("landfall.sqlite3")).expect("opens");
    landfall.data_versions(date(on))
}

/// Common English words a French sentence would not hold (the desktop check's list, in part;
/// "table" and "or" are French words too, so they are left out).
const ENGLISH: &[&str] = &[
    "the",
    "and",
    "with",
    "of",
    "to",
    "for",
    "per",
    "from",
    "fee",
    "fees",
    "not",
    "found",
    "type",
    "rate",
    "rates",
    "month",
    "months",
    "monthly",
    "unit",
    "units",
    "price",
    "duty",
    "duties",
    "referral",
    "fulfilment",
    "storage",
    "tier",
    "tiers",
    "other",
    "every",
    "searched",
    "read",
    "over",
    "days",
    "entry",
    "entries",
    "formal",
    "informal",
    "tax",
    "line",
    "goods",
    "seller",
    "sellers",
    "by",
    "is",
    "are",
    "was",
    "were",
    "its",
    "their",
    "on",
    "in",
    "verify",
    "worked",
    "out",
    "statutory",
    "preferential",
    "additional",
    "surcharge",
    "discount",
    "prices",
    "cost",
    "costs",
    "store",
    "own",
    "channel",
    "channels",
    "scenario",
    "profit",
    "never",
    "needs",
    "missing",
    "shipping",
    "freight",
    "insurance",
    "landed",
    "margin",
    "fulfilled",
    "merchant",
    "buyer",
    "enter",
    "your",
    "add",
    "remove",
    "share",
    "exchange",
    "currency",
    "none",
    "account",
    "lead",
    "weeks",
    "set",
    "up",
    "ready",
    "step",
    "steps",
];

/// Amazon's own names, kept as they are in French.
const PROPER_NAMES: &[&str] = &["Seller Central", "Amazon Business"];

/// The English words of `ENGLISH` in `text`, once each.
fn english_in(text: &str) -> Vec<String> {
    let mut rest = text.to_owned();
    for name in PROPER_NAMES {
        rest = rest.replace(name, " ");
    }
    let mut found: Vec<String> = rest
        .split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|word| ENGLISH.contains(&word.as_str()))
        .collect();
    found.sort();
    found.dedup();
    found
}

/// Every French text Settings shows about the rule packs, with where it comes from.
fn french_texts(versions: &DataVersions) -> Vec<(String, String)> {
    let mut texts = Vec::new();
    for pack in &versions.packs {
        texts.push((format!("pack {}", pack.id), pack.name.fr.clone()));
    }
    for list in &versions.checklists {
        texts.push((
            format!("checklist {}", list.title.en),
            list.title.fr.clone(),
        ));
    }
    for figure in &versions.expiring {
        let at = format!("expiring {}:{}", figure.file, figure.line);
        texts.push((at.clone(), figure.pack_name.fr.clone()));
        texts.push((at.clone(), figure.label.fr.clone()));
        if let Some(note) = &figure.note {
            texts.push((at, note.fr.clone()));
        }
    }
    for figure in &versions.left_to_user {
        let at = format!("left to the user {}:{}", figure.file, figure.line);
        texts.push((at.clone(), figure.label.fr.clone()));
        texts.push((at, figure.why.fr.clone()));
    }
    texts
}

#[test]
fn settings_in_french_hold_no_english_word_today_or_when_rows_end() {
    // Today, and days on which the rows ending in 2027–2028 are within the 90-day warning: the
    // EPA year of Japan's tariff (2027-04-01), the US de minimis row (2027-07-01), the FY2027
    // Merchandise Processing Fee left to the user (2027-10-01), the EU flat duty (2028-07-01).
    let days = [
        "2026-12-03",
        "2027-01-15",
        "2027-05-15",
        "2027-08-15",
        "2028-05-01",
    ];
    let mut problems = Vec::new();
    for on in days {
        let versions = versions_on(on);
        if on != "2026-12-03" {
            assert!(
                !versions.expiring.is_empty(),
                "{on}: a row ends within 90 days"
            );
        }
        for (at, text) in french_texts(&versions) {
            let words = english_in(&text);
            if !words.is_empty() {
                problems.push(format!("{on} {at}: {words:?} in «{text}»"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_figures_left_to_the_user_and_ending_soon_are_named_in_words_in_both_languages() {
    let today = versions_on("2026-12-03");
    let tier = today
        .left_to_user
        .iter()
        .find(|figure| figure.item == "fba 標準100 Standard-100")
        .expect("the 2025 cut of Japan's 標準100 tier, left to the user");
    assert_eq!(
        tier.label.en,
        "FBA fulfilment fee, tier 標準100 Standard-100"
    );
    assert_eq!(
        tier.label.fr,
        "Frais d’expédition FBA, catégorie 標準100 Standard-100"
    );
    let lipstick = today
        .left_to_user
        .iter()
        .find(|figure| figure.item == "jp 330410 mfn")
        .expect("Japan's lipstick line");
    assert_eq!(lipstick.label.en, "Lip make-up preparations (MFN rate)");
    assert_eq!(
        lipstick.label.fr,
        "Préparations pour le maquillage des lèvres (taux NPF)"
    );
    let customs = today
        .packs
        .iter()
        .find(|pack| pack.kind == "customs" && pack.id == "us")
        .expect("US customs");
    assert_eq!(
        (customs.name.en.as_str(), customs.name.fr.as_str()),
        ("United States (CBP)", "États-Unis (CBP)")
    );
    // A marketplace's own name is the same in both languages.
    let jp = today
        .packs
        .iter()
        .find(|pack| pack.id == "amazon-jp")
        .expect("Amazon JP");
    assert_eq!(
        (jp.name.en.as_str(), jp.name.fr.as_str()),
        ("Amazon.co.jp", "Amazon.co.jp")
    );

    // In August 2027 the FY2027 Merchandise Processing Fee left to the user ends within 90 days:
    // shown by its name, not by its id `US-MPF formal`.
    let later = versions_on("2027-08-15");
    let mpf = later
        .expiring
        .iter()
        .find(|figure| figure.item == "fees US-MPF formal")
        .expect("the FY2027 MPF row ends on 2027-10-01");
    assert_eq!(mpf.until, date("2027-10-01"));
    assert_eq!(
        mpf.label.fr,
        "Redevance de traitement des marchandises (MPF), exercice 2027 : taux ad valorem avec son minimum et son maximum par déclaration formelle"
    );
    assert_eq!(mpf.pack_name.fr, "États-Unis (CBP)");
    // A customs fee row itself is named by the fee and the entry.
    let dated_fee = packs_fee_label();
    assert_eq!(
        (dated_fee.en.as_str(), dated_fee.fr.as_str()),
        (
            "Merchandise Processing Fee, formal entries",
            "redevance de traitement des marchandises (MPF), déclarations formelles"
        )
    );
}

/// The label of the FY2026 formal-entry MPF row, which ended on 2026-10-01: seen ending soon from
/// 2026-08-01.
fn packs_fee_label() -> landfall::text::Text {
    let versions = versions_on("2026-08-01");
    versions
        .expiring
        .into_iter()
        .find(|figure| figure.table == "fees" && figure.item == "US-MPF formal")
        .expect("the FY2026 MPF row ends on 2026-10-01")
        .label
}
