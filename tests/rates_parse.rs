//! ECB XML parsing, cross rates through EUR, carrying rates over weekends, Japan Customs weekly rates.

use chrono::NaiveDate;
use landfall::rates::{
    self, CustomsRate, Origin, RateBook, RateWarning, RatesError, RatesStatus, customs_rate_on,
    parse_customs_csv, parse_ecb_xml,
};
use landfall::store::Store;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

const HIST_2017: &str = include_str!("fixtures/ecb/eurofxref-hist-90d-excerpt-2017.xml");

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn book_2017() -> RateBook {
    let mut book = RateBook::default();
    book.add_days(&parse_ecb_xml(HIST_2017).unwrap(), Origin::Cached);
    book
}

#[test]
fn bundled_history_holds_every_business_day_since_1999_with_its_provenance() {
    let days = rates::bundled_days().unwrap();
    // 7,126 business days, 1999-01-04 to 2026-10-30 (the data README's line count less the header).
    assert_eq!(days.len(), 7126);
    assert_eq!(days[0].date, date("1999-01-04"));
    let last = days.last().unwrap();
    assert_eq!(last.date, date("2026-10-30"));
    // The spot check the copy's README gives for its last day.
    assert_eq!(last.rates["USD"], dec!(1.1172));
    assert_eq!(last.rates["JPY"], dec!(175.68));
    assert_eq!(last.rates["GBP"], dec!(0.8338));
    assert_eq!(last.rates["CHF"], dec!(0.9194));
    // The two figures fees-taxes.md §7.1 cites from the ECB daily file of 2024-06-28.
    let day = days.iter().find(|d| d.date == date("2024-06-28")).unwrap();
    assert_eq!(day.rates["USD"], dec!(1.0705));
    assert_eq!(day.rates["JPY"], dec!(171.94));
    // Bulgaria joined the euro on 2026-01-01: its lev is no longer quoted ("N/A" in the file).
    assert!(!last.rates.contains_key("BGN"));
    assert_eq!(days[0].rates["USD"], dec!(1.1789));
    let meta = rates::bundled_snapshot().unwrap();
    assert_eq!((meta.first_day, meta.last_day), (days[0].date, last.date));
    assert_eq!(meta.file, "eurofxref-hist.zip");
    assert_eq!(meta.confidence, "official-copy");
    assert!(meta.source.url.starts_with("https://www.ecb.europa.eu/"));
}

#[test]
fn a_past_date_gets_the_rate_of_that_day_offline() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("db.sqlite3")).unwrap();
    let loaded = rates::load(&store, date("2026-12-03")).unwrap();
    // ECB 2025-03-14 (a Friday): 1 EUR = 161.88 JPY = 1.0889 USD.
    let friday = loaded.book.cross("EUR", "JPY", date("2025-03-14")).unwrap();
    assert_eq!(
        (friday.rate, friday.published, friday.origin),
        (dec!(161.88), date("2025-03-14"), Origin::Bundled)
    );
    // Sunday 2025-03-16 carries Friday's rate and says it was published then.
    let sunday = loaded.book.cross("USD", "JPY", date("2025-03-16")).unwrap();
    assert_eq!(sunday.published, date("2025-03-14"));
    assert_eq!(sunday.formula, "USD→EUR→JPY: 161.88 / 1.0889");
    // Before the euro there is no rate at all.
    assert!(matches!(
        loaded.book.cross("EUR", "JPY", date("1998-12-31")),
        Err(RatesError::NoRateOnOrBefore { .. })
    ));
}

#[test]
fn ninety_day_file_gives_every_day_and_every_listed_currency() {
    let days = parse_ecb_xml(HIST_2017).unwrap();
    let dates: Vec<_> = days.iter().map(|d| d.date.to_string()).collect();
    assert_eq!(
        dates,
        [
            "2017-02-24",
            "2017-02-27",
            "2017-02-28",
            "2017-03-01",
            "2017-03-02",
            "2017-03-03"
        ]
    );
    // Currencies the ECB has since dropped are read like any other: no list is assumed.
    assert_eq!(days[5].rates["RUB"], dec!(62.0628));
    assert_eq!(days[5].rates["HRK"], dec!(7.4163));
    assert_eq!(days[0].rates["JPY"], dec!(119.04));
    assert!(days.iter().all(|d| d.rates.len() == 31));
}

#[test]
fn cross_rate_goes_through_eur() {
    let mut book = RateBook::default();
    book.add_days(&rates::bundled_days().unwrap(), Origin::Bundled);
    let on = date("2024-06-28");
    // 1 USD = 171.94 / 1.0705 JPY = 160.61653432975245... JPY.
    let usd_jpy = book.cross("USD", "JPY", on).unwrap();
    assert_eq!(usd_jpy.rate.round_dp(10), dec!(160.6165343298));
    assert_eq!(usd_jpy.formula, "USD→EUR→JPY: 171.94 / 1.0705");
    assert_eq!(usd_jpy.published, on);
    assert_eq!(usd_jpy.origin, Origin::Bundled);
    // 1 JPY = 1 / 171.94 EUR = 0.0058159823194137...
    let jpy_eur = book.cross("JPY", "EUR", on).unwrap();
    assert_eq!(jpy_eur.rate.round_dp(12), dec!(0.005815982319));
    assert_eq!(book.cross("EUR", "JPY", on).unwrap().rate, dec!(171.94));
    assert_eq!(book.cross("JPY", "JPY", on).unwrap().rate, Decimal::ONE);
    assert!(
        matches!(book.cross("EUR", "XYZ", on), Err(RatesError::UnknownCurrency(c)) if c == "XYZ")
    );
}

#[test]
fn weekend_carries_the_last_rate_with_its_date() {
    let book = book_2017();
    // 2017-02-25 and 26 are a Saturday and Sunday: Friday 2017-02-24's rate applies.
    for weekend_day in ["2017-02-25", "2017-02-26"] {
        let rate = book.cross("EUR", "JPY", date(weekend_day)).unwrap();
        assert_eq!(rate.rate, dec!(119.04));
        assert_eq!(rate.published, date("2017-02-24"));
        assert_eq!(rate.requested, date(weekend_day));
    }
    let monday = book.cross("EUR", "JPY", date("2017-02-27")).unwrap();
    assert_eq!(
        (monday.rate, monday.published),
        (dec!(118.87), date("2017-02-27"))
    );
    // Before the first publication there is nothing to carry.
    assert!(matches!(
        book.cross("EUR", "JPY", date("2017-02-23")),
        Err(RatesError::NoRateOnOrBefore { .. })
    ));
}

#[test]
fn faulty_feeds_are_refused_with_a_clear_error() {
    let ns = "xmlns=\"http://www.ecb.int/vocabulary/2002-08-01/eurofxref\"";
    let cases: Vec<(String, &str)> = vec![
        ("<Envelope><Cube><Cube time='2024-01-02'>".to_owned(), "rates.malformed"),
        ("not xml at all <<<".to_owned(), "rates.malformed"),
        (
            "<Envelope xmlns=\"http://example.com/other\"><Cube><Cube time='2024-01-02'>\
             <Cube currency='USD' rate='1.1'/></Cube></Cube></Envelope>"
                .to_owned(),
            "rates.wrong_namespace",
        ),
        (
            "<Envelope><Cube><Cube time='2024-01-02'><Cube currency='USD' rate='1.1'/></Cube></Cube></Envelope>"
                .to_owned(),
            "rates.wrong_namespace",
        ),
        (format!("<Envelope {ns}><Cube></Cube></Envelope>"), "rates.empty_feed"),
        (format!("<Envelope {ns}><Cube><Cube time='2024-01-02'/></Cube></Envelope>"), "rates.empty_feed"),
        (
            format!("<Envelope {ns}><Cube><Cube time='2024-01-02'><Cube currency='USD' rate='-1'/></Cube></Cube></Envelope>"),
            "rates.bad_entry",
        ),
        (
            format!("<Envelope {ns}><Cube><Cube time='2024-01-02'><Cube currency='usd!' rate='1'/></Cube></Cube></Envelope>"),
            "rates.bad_entry",
        ),
        (
            format!("<Envelope {ns}><Cube><Cube time='yesterday'><Cube currency='USD' rate='1'/></Cube></Cube></Envelope>"),
            "rates.bad_entry",
        ),
        (format!("<Envelope {ns}><Cube><Cube currency='USD' rate='1'/></Cube></Envelope>"), "rates.bad_entry"),
    ];
    for (xml, code) in cases {
        let err = parse_ecb_xml(&xml).expect_err(&xml);
        assert_eq!(err.code(), code, "{xml}: {err}");
    }
}

#[test]
fn store_cache_wins_over_bundled_and_reports_staleness() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("db.sqlite3")).unwrap();
    let today = date("2026-11-04");
    let bundled = rates::load(&store, today).unwrap();
    assert_eq!(
        bundled.status,
        RatesStatus::Bundled {
            date: date("2026-10-30")
        }
    );
    assert_eq!(
        bundled.warnings,
        [RateWarning::Bundled {
            published: date("2026-10-30"),
            age_days: 5,
            on: today
        }]
    );
    assert!(
        bundled.warnings[0]
            .to_string()
            .contains("5 days before 2026-11-04")
    );

    let outcome =
        rates::apply_fetch(&mut store, "test://feed", Ok(HIST_2017.to_owned()), today).unwrap();
    assert_eq!(outcome.days_received, 6);
    // The cached 2017 rates are older than the bundled history's end: the newest still decides the
    // status.
    assert_eq!(
        outcome.status,
        RatesStatus::Bundled {
            date: date("2026-10-30")
        }
    );
    // On a date both hold, the fetched rate lies over the bundled one; on a later bundled date the
    // bundled publication is the newer one and is used.
    let loaded = rates::load(&store, today).unwrap();
    let rub = loaded.book.cross("EUR", "RUB", date("2017-03-03")).unwrap();
    assert_eq!(
        (rub.rate, rub.published, rub.origin),
        (dec!(62.0628), date("2017-03-03"), Origin::Cached)
    );
    let monday = loaded.book.cross("EUR", "JPY", date("2017-03-06")).unwrap();
    assert_eq!(
        (monday.rate, monday.published, monday.origin),
        (dec!(120.55), date("2017-03-06"), Origin::Bundled)
    );
}

#[test]
fn customs_csv_import_checks_every_line() {
    // Week 2025-09-07 (Sunday) to 09-13: 1 USD = ¥147.36, 1 EUR = ¥171.78 (fees-taxes.md §4.1).
    let csv = "week_start,currency,jpy_per_unit\n2025-09-07,USD,147.36\n2025-09-07,EUR,171.78\n";
    let rates = parse_customs_csv(csv).unwrap();
    assert_eq!(rates.len(), 2);
    let eur = customs_rate_on(&rates, "EUR", date("2025-09-13")).unwrap();
    assert_eq!(eur.jpy_per_unit, dec!(171.78));
    assert!(matches!(
        customs_rate_on(&rates, "EUR", date("2025-09-14")),
        Err(RatesError::NoCustomsRate { .. })
    ));

    let bad = "week_start,currency,jpy_per_unit\n2025-09-08,USD,147.36\n2025-09-07,usd,1\n2025-09-07,EUR,abc\n\n2025-09-07,EUR\n";
    let err = parse_customs_csv(bad).unwrap_err();
    let RatesError::CustomsCsv(lines) = &err else {
        panic!("{err}")
    };
    assert_eq!(lines.len(), 4, "{lines:?}");
    assert!(
        lines[0].starts_with("line 2: ") && lines[0].contains("Monday"),
        "{}",
        lines[0]
    );
    assert!(lines[1].starts_with("line 3: "), "{}", lines[1]);
    assert!(
        lines[2].starts_with("line 4: ") && lines[2].contains("abc"),
        "{}",
        lines[2]
    );
    assert!(
        lines[3].starts_with("line 6: ") && lines[3].contains("3 fields"),
        "{}",
        lines[3]
    );
    assert!(parse_customs_csv("date,ccy,rate\n").is_err());
    assert!(CustomsRate::new(date("2025-09-07"), "JPY", dec!(1)).is_err());
}

#[test]
fn customs_rates_round_trip_through_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("db.sqlite3")).unwrap();
    let rate = CustomsRate::new(date("2025-09-07"), "USD", dec!(147.36)).unwrap();
    rates::save_customs_rates(&mut store, std::slice::from_ref(&rate)).unwrap();
    let corrected = CustomsRate::new(date("2025-09-07"), "USD", dec!(147.37)).unwrap();
    rates::save_customs_rates(&mut store, std::slice::from_ref(&corrected)).unwrap();
    assert_eq!(rates::customs_rates(&store).unwrap(), vec![corrected]);
}
