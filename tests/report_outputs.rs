//! Planning reports: the model carries the engine's figures, every output renders for the example
//! plan and for edge plans, the PDF text holds the key figures and section titles, page images are
//! written for review, and the workbook reads back to the engine's numbers to the minor unit.
//!
//! The example plan is quoted with the figures the bundled packs cannot give (Amazon JP's FBA fee
//! and the duty rate of HS 851822) supplied as a user pack, as in `cost_quote.rs`; they are test
//! inputs, and the report must mark them as the user's.

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;
use landfall::channels::{self, Comparison};
use landfall::checklist::bundled;
use landfall::checklist::engine::{PlanChecklist, evaluate_plan};
use landfall::cost::{Detail, Quote, quote};
use landfall::money::{Currency, FxRate, FxSource};
use landfall::packs::{self, BUNDLED_FILES, PackOrigin, Packs};
use landfall::plan::{Plan, parse_plan};
use landfall::report::{self, Lang, Logo, Paper, Report, ReportOptions, pdf, tables, xlsx};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

const EXAMPLE_PLAN: &str = include_str!("../data/examples/bluetooth-speaker-japan.toml");

const USER_FBA: &str = include_str!("fixtures/user-packs/fba.toml");

const USER_DUTY: &str = include_str!("fixtures/user-packs/duty.toml");

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

fn packs() -> Packs {
    packs::load(
        BUNDLED_FILES.iter().copied(),
        [("mine/fba.toml", USER_FBA), ("mine/duty.toml", USER_DUTY)],
    )
    .expect("user packs merge")
}

fn eur_jpy() -> FxRate {
    FxRate::new(
        Currency::EUR,
        Currency::JPY,
        dec!(171.78),
        day(2025, 9, 7),
        FxSource::JapanCustomsWeekly,
    )
    .expect("rate")
}

fn usd_jpy() -> FxRate {
    FxRate::new(
        Currency::USD,
        Currency::JPY,
        dec!(147.36),
        day(2025, 9, 7),
        FxSource::JapanCustomsWeekly,
    )
    .expect("rate")
}

/// The channel engine's comparison of `plan` with the same packs and rates as its quote (and USD/JPY
/// for the own store's app subscription in dollars).
fn compared(plan: &Plan, scenario: Option<&str>) -> Comparison {
    let channel_packs = channels::bundled_channels().expect("bundled channel packs");
    channels::compare(
        plan,
        &packs(),
        &channel_packs,
        &[eur_jpy(), usd_jpy()],
        scenario,
    )
    .expect("the plan's channels compare")
}

/// The example with its channels' prices cut to ¥2,980: every channel loses money.
fn losing_channels() -> Plan {
    let mut plan = example();
    plan.products[0].prices[0].price.amount = dec!(2980);
    plan
}

fn without_channels() -> Plan {
    let mut plan = example();
    plan.channels.clear();
    plan.scenarios.clear();
    plan.criteria = None;
    plan
}

fn example() -> Plan {
    parse_plan("example", EXAMPLE_PLAN).expect("example plan")
}

fn options(lang: Lang) -> ReportOptions {
    ReportOptions {
        lang,
        paper: Paper::A4,
        consultant: Some("Claire Martin, Export Conseil".to_string()),
        client: Some("Sonic Atelier SAS".to_string()),
        generated_on: day(2026, 11, 23),
        logo: None,
    }
}

fn quoted(plan: &Plan) -> Quote {
    quote(plan, &packs(), &[eur_jpy()], Detail::Explained)
}

fn checklists(plan: &Plan) -> PlanChecklist {
    let catalogues = bundled::catalogues().expect("bundled catalogues");
    let channel_packs = landfall::channels::bundled_channels().expect("channel packs");
    let own_stores = landfall::channels::own_stores(plan, &channel_packs);
    evaluate_plan(plan, &catalogues, &own_stores, plan.plan.as_of, None, &[])
}

fn report_of(plan: &Plan, lang: Lang) -> Report {
    report::build(plan, &quoted(plan), &checklists(plan), &options(lang))
}

/// The example product `count` times, with SKUs `P0001`…, names from `name(i)` and prices stepping
/// down from ¥6,980 by ¥10 so that the cheapest lines lose money.
fn catalogue(count: usize, name: impl Fn(usize) -> String) -> Plan {
    let mut plan = example();
    let template = plan.products[0].clone();
    plan.products = (0..count)
        .map(|i| {
            let mut product = template.clone();
            product.sku = format!("P{i:04}");
            product.name = name(i);
            product.prices[0].price.amount = dec!(6980) - Decimal::from(i) * dec!(10);
            product
        })
        .collect();
    plan
}

fn out_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("report");
    std::fs::create_dir_all(&dir).expect("out dir");
    dir
}

#[test]
fn the_model_carries_the_engines_figures_and_marks_the_users_own() {
    let plan = example();
    let quote = quoted(&plan);
    let report = report::build(&plan, &quote, &checklists(&plan), &options(Lang::En));
    let row = &report.landed[0];
    assert_eq!(row.economics, quote.items[0]);
    assert_eq!(row.name, "Bluetooth speaker");
    assert_eq!(report.summary.complete, 1);
    assert_eq!(report.summary.negative_margins, 0);
    // Fees: referral 586 + closing 0 + FBA 434 + selling plan 4,900 ÷ 300 = 16.333… → 1,036.333….
    let fees = &report.fees[0].rows[0];
    assert_eq!(fees.total.map(|t| t.round_dp(4)), Some(dec!(1036.3333)));
    // 1,036.333… ÷ 6,980 = 14.847…%.
    assert_eq!(
        fees.share_of_price.map(|s| s.round_dp(4)),
        Some(dec!(0.1485))
    );
    let best = report.summary.best.as_ref().expect("a complete line");
    assert_eq!(best.margin.amount.round_dp(4), dec!(1744.6862));
    assert_eq!(report.assumptions.fx, vec![eur_jpy()]);
    assert!(
        report
            .assumptions
            .overrides
            .iter()
            .any(|row| row.label == "FBA fulfilment fee"),
        "{:?}",
        report.assumptions.overrides
    );
    let user_source = report
        .sources
        .iter()
        .find(|source| source.title.starts_with("FBA料金シミュレーター"))
        .expect("the user's source is listed");
    assert_eq!(user_source.origin, PackOrigin::User);
    assert_eq!(user_source.effective_from, day(2025, 4, 1));
    // In force since 1 April 2025, more than a year before the plan's 22 November 2026.
    assert!(user_source.older_than_a_year);
    assert!(report.missing.is_empty(), "{:?}", report.missing);

    let engine = checklists(&plan);
    let target = &report.checklist[0];
    assert_eq!(
        (target.done, target.total, target.readiness_percent),
        (
            engine.targets[0].checklist.readiness.done,
            engine.targets[0].checklist.readiness.total,
            engine.targets[0].checklist.readiness.percent
        )
    );
    let blocker_ids: Vec<&str> = target.blockers.iter().map(|row| row.id.as_str()).collect();
    assert_eq!(blocker_ids, engine.targets[0].checklist.readiness.blockers);
    assert_eq!(target.items.len(), engine.targets[0].checklist.items.len());
    // Blockers stop the launch: the summary says so first.
    assert_eq!(report.summary.signals[0].level, report::SignalLevel::Stop);
}

#[test]
fn missing_inputs_and_negative_margins_become_signals() {
    let plan = catalogue(3, |i| format!("Speaker {i}"));
    let mut quote = quoted(&plan);
    quote.items[1].margin = Some(dec!(-120));
    quote.items[1].margin_rate = Some(dec!(-0.02));
    quote.items[2].margin = None;
    quote.items[2].margin_rate = None;
    let report = report::build(&plan, &quote, &PlanChecklist::default(), &options(Lang::Fr));
    assert_eq!(report.summary.complete, 2);
    assert_eq!(report.summary.negative_margins, 1);
    let worst = report.summary.worst.as_ref().expect("worst line");
    assert_eq!(worst.sku, "P0001");
    let levels: Vec<_> = report.summary.signals.iter().map(|s| s.level).collect();
    assert_eq!(
        levels,
        vec![report::SignalLevel::Stop, report::SignalLevel::Caution]
    );
}

/// Edge plans: empty, one product, 500 products, long names, Japanese names, and zero and negative
/// margins (one forced to exactly zero in the quote, others negative from their low price).
fn edge_reports(lang: Lang) -> Vec<(&'static str, Report)> {
    let empty = {
        let mut plan = example();
        plan.products.clear();
        plan.targets.clear();
        plan
    };
    let long = catalogue(3, |i| {
        format!("{i} ").repeat(2)
            + &"Enceinte Bluetooth portable étanche avec batterie lithium-ion intégrée et micro "
                .repeat(4)
    });
    let japanese = catalogue(4, |i| {
        format!("ポータブル Bluetooth スピーカー（防水）第{i}世代")
    });
    let margins = {
        let plan = catalogue(3, |i| format!("Margin edge {i}"));
        let mut quote = quoted(&plan);
        quote.items[0].margin = Some(Decimal::ZERO);
        quote.items[0].margin_rate = Some(Decimal::ZERO);
        let mut low = plan.clone();
        low.products[1].prices[0].price.amount = dec!(2980);
        let low_quote = quoted(&low);
        quote.items[1] = low_quote.items[1].clone();
        (plan, quote)
    };
    let mut reports = vec![
        (
            "empty",
            report::build(
                &empty,
                &quoted(&empty),
                &PlanChecklist::default(),
                &options(lang),
            ),
        ),
        ("one", report_of(&example(), lang)),
        ("long-names", report_of(&long, lang)),
        ("japanese", report_of(&japanese, lang)),
        (
            "margins",
            report::build(
                &margins.0,
                &margins.1,
                &checklists(&margins.0),
                &options(lang),
            ),
        ),
        (
            "catalogue-500",
            report_of(&catalogue(500, |i| format!("Speaker {i}")), lang),
        ),
    ];
    let channels = example();
    reports.push((
        "channels",
        report_of(&channels, lang).with_channels(&compared(&channels, Some("Every channel"))),
    ));
    let losing = losing_channels();
    reports.push((
        "channels-all-losing",
        report_of(&losing, lang).with_channels(&compared(&losing, None)),
    ));
    let bundled_only = {
        let plan = example();
        let quote = quote(
            &plan,
            &packs::bundled().expect("bundled"),
            &[],
            Detail::Explained,
        );
        report::build(&plan, &quote, &checklists(&plan), &options(lang))
    };
    reports.push(("missing-inputs", bundled_only));
    reports
}

#[test]
fn every_output_renders_for_edge_plans_in_both_languages_and_papers() {
    for lang in [Lang::Fr, Lang::En] {
        for (name, mut report) in edge_reports(lang) {
            // Letter only for the small plans: the page size changes no code path by plan size.
            let papers: &[Paper] = if report.landed.len() > 10 {
                &[Paper::A4]
            } else {
                &[Paper::A4, Paper::Letter]
            };
            for &paper in papers {
                report.cover.paper = paper;
                let rendered = pdf::render(&report, |_| {})
                    .unwrap_or_else(|error| panic!("{name} {lang:?} {paper:?}: {error}"));
                assert!(rendered.bytes.starts_with(b"%PDF-"), "{name}");
                // Cover, contents and at least one page per section.
                assert!(rendered.pages >= 7, "{name}: {} pages", rendered.pages);
            }
            let workbook = xlsx::workbook(&report).expect("xlsx");
            assert!(workbook.starts_with(b"PK"), "{name}");
            for table in tables::tables(&report) {
                let csv = tables::to_csv(&table);
                assert_eq!(
                    csv.lines().count(),
                    table.rows.len() + 1,
                    "{name} {}: one header line then one line per row (no field has a line break)",
                    table.id
                );
            }
            let json = serde_json::to_string(&report).expect("json");
            let back: Report = serde_json::from_str(&json).expect("json reads back");
            assert_eq!(back, report, "{name}");
        }
    }
}

fn pdftotext(pdf: &Path, page: Option<usize>) -> String {
    let mut command = Command::new("pdftotext");
    command.arg("-layout");
    if let Some(page) = page {
        command.args(["-f", &page.to_string(), "-l", &page.to_string()]);
    }
    let output = command.arg(pdf).arg("-").output().expect("pdftotext runs");
    assert!(output.status.success(), "pdftotext failed");
    // French spacing (narrow and ordinary no-break spaces) read as plain spaces.
    String::from_utf8_lossy(&output.stdout).replace(['\u{202F}', '\u{00A0}'], " ")
}

fn render_to(report: &Report, name: &str) -> (PathBuf, usize) {
    let rendered = pdf::render(report, |_| {}).expect("renders");
    let path = out_dir().join(name);
    std::fs::write(&path, &rendered.bytes).expect("write pdf");
    (path, rendered.pages)
}

#[test]
fn the_pdf_text_holds_the_key_figures_and_section_titles() {
    let (path, _) = render_to(&report_of(&example(), Lang::En), "example-en.pdf");
    let text = pdftotext(&path, None);
    for expected in [
        "Export planning report",
        "French bluetooth speaker to Japan via Amazon FBA",
        "Claire Martin, Export Conseil",
        "Rules in force on",
        "22 November 2026",
        "Executive summary",
        "Market-entry checklist",
        "Launch blockers",
        "Landed cost per product",
        "Fees per marketplace",
        "Assumptions and overrides",
        "Appendix: sources",
        "not legal, tax or customs advice",
        // Price, referral 6,980 × 8.4% → 586, FBA 434, unit cost 18.50 × 171.78 = 3,177.93 → ¥3,178.
        "¥6,980",
        "¥586",
        "¥434",
        "¥3,178",
        // Margin 1,744.686… → ¥1,745; in EUR 10.1565… → €10.16; rate 1,744.686 ÷ 6,345.45 = 27.5%.
        "¥1,745",
        "€10.16",
        "27.5%",
        // pdftotext puts a space where the font changes from Latin to Japanese.
        "料金シミュレーター",
        "Page 2 / ",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }

    let (path, _) = render_to(&report_of(&example(), Lang::Fr), "example-fr.pdf");
    let text = pdftotext(&path, None);
    for expected in [
        "Rapport de planification export",
        "Règles en vigueur au",
        "22 novembre 2026",
        "Synthèse",
        "Check-list d’entrée sur le marché",
        "Points bloquants",
        "Coût rendu par produit",
        "Frais par place de marché",
        "Annexe : sources",
        "ni un conseil juridique",
        "6 980 ¥",
        "586 ¥",
        "3 178 ¥",
        "1 745 ¥",
        "10,16 €",
        "27,5 %",
        // The workings in French, digits grouped the French way (Customs' rounding to ¥1,000 down).
        "Assiette des droits",
        "plancher(1 069 330,5 → 1 069 000)",
        "fraction de yen abandonnée",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    for english in [
        "Duty base",
        "Consumption-tax base",
        "floor(",
        "entered by the user",
    ] {
        assert!(
            !text.contains(english),
            "English working {english:?} in the French report"
        );
    }
}

#[test]
fn page_one_and_the_cost_page_are_written_as_images_for_review() {
    let mut plan = catalogue(3, |i| format!("ポータブル スピーカー {i}"));
    // ¥2,980 does not cover the costs: the review shows a negative margin too.
    plan.products[1].prices[0].price.amount = dec!(2980);
    let report = report_of(&plan, Lang::Fr);
    assert!(
        report.landed[1]
            .economics
            .margin
            .is_some_and(|m| m < Decimal::ZERO)
    );
    let (path, pages) = render_to(&report, "review-fr.pdf");
    let cost_page = (1..=pages)
        .find(|&page| pdftotext(&path, Some(page)).contains("Du prix à la marge"))
        .expect("a page with the waterfall");
    for (page, name) in [(1, "page-1"), (cost_page, "cost-page")] {
        let prefix = out_dir().join(name);
        let status = Command::new("pdftoppm")
            .args(["-png", "-r", "70", "-singlefile"])
            .args(["-f", &page.to_string(), "-l", &page.to_string()])
            .arg(&path)
            .arg(&prefix)
            .status()
            .expect("pdftoppm runs");
        assert!(status.success());
        let png = std::fs::read(prefix.with_extension("png")).expect("png written");
        assert!(png.starts_with(b"\x89PNG"), "{name}");
    }
}

fn sheet(workbook: &[u8], name: &str) -> calamine::Range<Data> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(workbook.to_vec())).expect("opens");
    book.worksheet_range(name).expect("sheet")
}

/// A cell as the exact decimal Excel holds, rounded to `places`.
fn number(cell: &Data, places: u32) -> Decimal {
    match cell {
        Data::Float(value) => Decimal::try_from(*value).expect("finite").round_dp(places),
        other => panic!("expected a number, found {other:?}"),
    }
}

#[test]
fn the_workbook_reads_back_to_the_engines_numbers_to_the_minor_unit() {
    let plan = catalogue(500, |i| format!("Speaker {i}"));
    let report = report_of(&plan, Lang::En);
    let workbook = xlsx::workbook(&report).expect("xlsx");
    let book: Xlsx<_> = Xlsx::new(Cursor::new(workbook.clone())).expect("opens");
    assert_eq!(
        book.sheet_names(),
        vec![
            "Executive summary",
            "Market-entry checklist",
            "Landed cost",
            "Fees per marketplace",
            "Missing inputs",
            "Exchange rates used",
            "Figures entered by the user",
            "Working",
            "Appendix sources",
        ]
    );
    let landed = sheet(&workbook, "Landed cost");
    assert_eq!(landed.height(), 501, "a header and one row per line");
    let mut negative = 0;
    for (row, cells) in report.landed.iter().zip(landed.rows().skip(1)) {
        let e = &row.economics;
        let exponent = e.currency.exponent();
        assert_eq!(cells[0], Data::String(row.sku.clone()));
        for (column, value) in [
            (4, e.price),
            (5, e.net_price),
            (6, e.referral_fee),
            (7, e.closing_fee),
            (8, e.fulfilment_fee),
            (9, e.selling_plan),
            (10, e.unit_cost),
            (11, e.freight),
            (12, e.duty),
            (13, e.import_taxes),
            (14, e.landed_cost),
            (15, e.margin),
        ] {
            let value = value.expect("complete line");
            assert_eq!(
                number(&cells[column], exponent),
                value.round_dp(exponent),
                "{} column {column}",
                row.sku
            );
        }
        let home = e.margin_home.expect("home margin");
        assert_eq!(number(&cells[18], 2), home.amount.round_dp(2));
        if e.margin.is_some_and(|m| m < Decimal::ZERO) {
            negative += 1;
        }
    }
    // Prices step down ¥10 a line from ¥6,980, so the catalogue's tail loses money.
    assert!(negative > 0 && negative < 500, "{negative}");
    assert_eq!(report.summary.negative_margins, negative);
}

#[test]
fn csv_holds_the_exact_decimals() {
    let report = report_of(&example(), Lang::En);
    let all = tables::tables(&report);
    let landed = all.iter().find(|t| t.id == "landed-cost").expect("table");
    let csv = tables::to_csv(landed);
    let line = csv.lines().nth(1).expect("row");
    let e = &report.landed[0].economics;
    // 18.50 × 171.78 = 3,177.93 exactly; the margin with all its digits.
    assert!(line.contains(",3177.93,"), "{line}");
    let margin = e.margin.expect("margin").normalize().to_string();
    assert!(line.contains(&margin), "{line} lacks {margin}");
}

#[test]
fn the_cli_writes_each_format_and_refuses_bad_input_with_exit_code_2() {
    let dir = out_dir();
    let plan = dir.join("cli-plan.toml");
    std::fs::write(&plan, EXAMPLE_PLAN).expect("plan");
    let user_packs = dir.join("cli-packs");
    std::fs::create_dir_all(&user_packs).expect("packs dir");
    std::fs::write(user_packs.join("fba.toml"), USER_FBA).expect("fba");
    std::fs::write(user_packs.join("duty.toml"), USER_DUTY).expect("duty");
    for (format, out) in [
        ("pdf", "cli.pdf"),
        ("xlsx", "cli.xlsx"),
        ("json", "cli.json"),
        ("csv", "cli-csv"),
    ] {
        let out = dir.join(out);
        let output = Command::new(env!("CARGO_BIN_EXE_landfall"))
            .arg("--db")
            .arg(dir.join("cli.sqlite3"))
            .arg("report")
            .arg(&plan)
            .args(["--format", format, "--lang", "en", "--date", "2026-11-23"])
            .args(["--fx", "EUR/JPY=171.78@2025-09-07", "--packs"])
            .arg(&user_packs)
            .arg("--out")
            .arg(&out)
            .output()
            .expect("runs");
        assert!(
            output.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(out.exists(), "{format}");
    }
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("cli.json")).expect("json"))
            .expect("parses");
    assert_eq!(json["landed"][0]["economics"]["referral_fee"], "586");
    assert!(dir.join("cli-csv").join("sources.csv").exists());

    let bad = dir.join("bad-plan.toml");
    std::fs::write(&bad, EXAMPLE_PLAN.replace("home_currency", "home_curency")).expect("bad");
    let output = Command::new(env!("CARGO_BIN_EXE_landfall"))
        .arg("report")
        .arg(&bad)
        .args(["--out"])
        .arg(dir.join("never.pdf"))
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("home_curency"), "{stderr}");
}

/// `text` with every run of white space made one space, so table rows compare as written.
fn squeezed(text: &str) -> String {
    text.lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_channel_section_carries_the_engines_comparison() {
    let plan = example();
    let comparison = compared(&plan, Some("Every channel"));
    let report = report_of(&plan, Lang::En).with_channels(&comparison);
    let section = report.channels.as_ref().expect("a channel section");
    assert_eq!(section.selected, "Every channel");
    assert_eq!(section.scenarios.len(), comparison.scenarios.len());
    for (ours, engine) in section.scenarios.iter().zip(&comparison.scenarios) {
        assert_eq!(ours.name, engine.name);
        assert_eq!(
            ours.total_monthly_profit_home,
            engine.total_monthly_profit_home
        );
        let order: Vec<&str> = ours.channels.iter().map(|c| c.channel.as_str()).collect();
        assert_eq!(order, engine.ranking, "most profitable first");
        for row in &ours.channels {
            let e = engine
                .channels
                .iter()
                .find(|channel| channel.channel == row.channel)
                .expect("engine channel");
            assert_eq!(
                (
                    row.monthly_units,
                    row.fixed_monthly,
                    row.monthly_profit,
                    row.monthly_profit_home,
                    row.setup,
                    row.break_even_units,
                    row.months_to_recover,
                    row.complete,
                ),
                (
                    e.monthly_units,
                    e.fixed_monthly,
                    e.monthly_profit,
                    e.monthly_profit_home,
                    e.setup,
                    e.break_even_units,
                    e.months_to_recover,
                    e.complete,
                )
            );
        }
    }
    // Amazon FBA alone, 300 units, by hand from the engine's working:
    // net price 6,980 ÷ 1.1 = 6,345.4545; contribution per unit = 6,345.4545 − referral 586 − FBA 434
    // − landed 3,564.435 − FX 1.5% 95.1818 − returns 3% × 1,200 = 36 − ads 8% × 6,980 = 558.4
    // = 1,071.4377; revenue 300 × 6,345.4545… = 1,903,636.36; margin 1,071.4377 ÷ 6,345.4545 = 16.89%;
    // fixed = selling plan 4,900 + customs agent 30,000 = 34,900;
    // break-even ceil(34,900 ÷ 1,071.4377 = 32.57) = 33 units; profit 300 × 1,071.4377 − 34,900
    // = 286,531.32 JPY ÷ 171.78 = €1,668.01; set-up €2,500 × 171.78 = 429,450 ÷ 286,531.32 = 1.5
    // → 2 months.
    let fba = &section.scenarios[0].channels[0];
    assert_eq!(fba.channel, "amazon-jp-fba");
    assert_eq!(
        fba.contribution_per_unit.map(|c| c.round_dp(4)),
        Some(dec!(1071.4377))
    );
    assert_eq!(fba.revenue.round_dp(2), dec!(1903636.36));
    assert_eq!(fba.margin_rate.map(|r| r.round_dp(4)), Some(dec!(0.1689)));
    assert_eq!(fba.fixed_monthly, dec!(34900));
    assert_eq!(fba.break_even_units, Some(33));
    assert_eq!(fba.monthly_profit.round_dp(2), dec!(286531.32));
    assert_eq!(
        fba.monthly_profit_home.map(|m| m.amount.round_dp(2)),
        Some(dec!(1668.01))
    );
    assert_eq!(fba.months_to_recover, Some(2));

    // The summary's best channel is the top of the selected scenario's ranking; the two channels
    // that lose money there get a caution each.
    let best = report.summary.best_channel.as_ref().expect("best channel");
    let every = &comparison.scenarios[2];
    assert_eq!(
        (best.scenario.as_str(), best.channel.as_str()),
        ("Every channel", every.ranking[0].as_str())
    );
    let losing: Vec<&str> = every
        .channels
        .iter()
        .filter(|c| c.monthly_profit < Decimal::ZERO)
        .map(|c| c.name.en.as_str())
        .collect();
    assert_eq!(losing.len(), 2, "{losing:?}");
    let signals = &report.summary.signals;
    let tail = &signals[signals.len() - 3..];
    assert_eq!(tail[0].level, report::SignalLevel::Go);
    assert!(tail[0].text.contains("€1,668.01"), "{}", tail[0].text);
    for (signal, name) in tail[1..].iter().zip(&losing) {
        assert_eq!(signal.level, report::SignalLevel::Caution);
        assert!(signal.text.starts_with(name), "{}", signal.text);
    }

    assert_eq!(section.sensitivity.len(), comparison.sensitivity.len());
    assert!(!section.sensitivity.is_empty());
    for (ours, engine) in section.sensitivity.iter().zip(&comparison.sensitivity) {
        assert_eq!(
            (
                ours.input,
                ours.profit_low,
                ours.profit_base,
                ours.profit_high,
                ours.swing
            ),
            (
                engine.input,
                engine.profit_low,
                engine.profit_base,
                engine.profit_high,
                engine.swing
            )
        );
    }
    // The phased scenario keeps the engine's month-by-month timeline; the others have none.
    for (ours, engine) in section.scenarios.iter().zip(&comparison.scenarios) {
        match (&ours.timeline, &engine.timeline) {
            (Some(ours), Some(engine)) => {
                assert_eq!(ours.months, engine.months);
                assert_eq!(ours.payback_month, engine.payback_month);
            }
            (None, None) => {}
            _ => panic!("{}: timeline lost or invented", ours.name),
        }
    }
    // "MFN first, FBA from month 4", by hand in EUR: month 1 MFN 208.13 − set-up 2,500 = −2,291.87;
    // months 2–3 +208.13 each → −1,875.61; month 4 FBA 1,668.01 − its set-up 2,500 → −2,707.60;
    // month 5 → −1,039.58; month 6 → +628.43, and it only grows: payback in month 6.
    let phased = section
        .scenarios
        .iter()
        .find_map(|scenario| scenario.timeline.as_ref())
        .expect("a phased scenario");
    assert_eq!(phased.payback_month, Some(6));
    let cumulative: Vec<Decimal> = phased
        .months
        .iter()
        .take(6)
        .map(|month| month.cumulative.amount.round_dp(2))
        .collect();
    assert_eq!(
        cumulative,
        [
            dec!(-2291.87),
            dec!(-2083.74),
            dec!(-1875.61),
            dec!(-2707.60),
            dec!(-1039.58),
            dec!(628.43)
        ]
    );
    // The FBA fee of the user's own pack (¥434, the test's packs) is marked as the user's, once for
    // the three scenarios that sell through FBA.
    let typed: Vec<_> = section
        .overrides
        .iter()
        .filter(|row| row.channel == "amazon-jp-fba" && row.label == "FBA fulfilment fee")
        .collect();
    assert_eq!(typed.len(), 1, "{:?}", section.overrides);
    assert_eq!(typed[0].sku.as_deref(), Some("SPK-1"));
    assert_eq!(
        typed[0].formula,
        "Standard (my calculator reading): 434 per unit"
    );
    // The channel packs' sources join the appendix (Rakuten's fees are only in the comparison).
    let without = report_of(&plan, Lang::En);
    assert!(report.sources.len() > without.sources.len());
    assert!(
        report
            .sources
            .iter()
            .any(|source| source.location.contains("rakuten")),
        "{:?}",
        report
            .sources
            .iter()
            .map(|s| &s.location)
            .collect::<Vec<_>>()
    );
}

#[test]
fn the_pdf_shows_the_comparison_and_sensitivity_with_the_engines_figures() {
    let plan = example();
    let comparison = compared(&plan, Some("Every channel"));
    for lang in [Lang::En, Lang::Fr] {
        let report = report_of(&plan, lang).with_channels(&comparison);
        let (path, _) = render_to(&report, &format!("channels-{}.pdf", lang.code()));
        let text = squeezed(&pdftotext(&path, None));
        let money = |amount: Decimal, currency: Currency| {
            report::format::money(lang, amount, currency).replace(['\u{202F}', '\u{00A0}'], " ")
        };
        let (titles, rows): (&[&str], &[&str]) = match lang {
            // The FBA row of a scenario, then the two loss-making channels of "Every channel"
            // (−¥1,188.98 → −¥1,189; −¥27,364.91 → −¥27,365), with "never" to recover.
            Lang::En => (
                &[
                    "Channel comparison",
                    "Scenario — Every channel",
                    "Sensitivity of monthly profit",
                    "Contribution per unit, by channel (JPY)",
                    "Monthly profit against monthly volume",
                    "Monthly profit, input low and high",
                    "Break-even",
                    "Best channel (scenario “Every channel”)",
                    "User figures for channels",
                    "Month by month",
                    "Payback: month 6 (cumulative profit ≥ 0 from then on).",
                ],
                &[
                    "300 ¥1,903,636 ¥1,071 16.9% ¥34,900 ¥286,531 €1,668.01 33 2",
                    "-¥1,189 -€6.92 82 never",
                    "-¥27,365 -€159.30 111 never",
                ],
            ),
            Lang::Fr => (
                &[
                    "Comparaison des canaux",
                    "Scénario — Every channel",
                    "Sensibilité du bénéfice mensuel",
                    "Contribution par unité, par canal (JPY)",
                    "Meilleur canal (scénario « Every channel »)",
                    // The rates table names its sources in the report's language.
                    "cours hebdomadaire des douanes japonaises",
                ],
                &[
                    "300 1 903 636 ¥ 1 071 ¥ 16,9 % 34 900 ¥ 286 531 ¥ 1 668,01 € 33 2",
                    "-1 189 ¥ -6,92 € 82 jamais",
                    "-27 365 ¥ -159,30 € 111 jamais",
                ],
            ),
        };
        for expected in titles.iter().chain(rows) {
            assert!(
                text.contains(expected),
                "{lang:?}: missing {expected:?} in:\n{text}"
            );
        }
        // A figure is written to its display precision: no run of decimals longer than a rate's
        // (six significant digits), whatever a division gave.
        let longest_decimals = text
            .split(|c: char| !c.is_ascii_digit() && c != ',' && c != '.')
            .filter_map(|number| {
                number
                    .rsplit_once([',', '.'])
                    .map(|(_, decimals)| decimals.len())
            })
            .max()
            .unwrap_or(0);
        assert!(
            longest_decimals <= 8,
            "{lang:?}: a figure with {longest_decimals} decimals in:\n{text}"
        );
        // Every sensitivity figure, as the engine computed it.
        for row in &comparison.sensitivity {
            for profit in [row.profit_low, row.profit_high] {
                let shown = money(profit.amount, profit.currency);
                assert!(text.contains(&shown), "{lang:?}: missing {shown:?}");
            }
        }
    }
}

#[test]
fn the_workbook_has_the_channel_sheets_to_the_minor_unit() {
    let plan = example();
    let comparison = compared(&plan, Some("Every channel"));
    let report = report_of(&plan, Lang::En).with_channels(&comparison);
    let workbook = xlsx::workbook(&report).expect("xlsx");
    let book: Xlsx<_> = Xlsx::new(Cursor::new(workbook.clone())).expect("opens");
    let names = book.sheet_names();
    assert_eq!(
        names[3..11],
        [
            "Fees per marketplace",
            "Channel comparison",
            "Month by month",
            "Sensitivity of monthly profit",
            "Criteria weights",
            "Qualitative weighing of the cha",
            "Online-selling obligations who",
            "User figures for channels",
        ]
    );
    // The weighing sheet holds the engine's scores as numbers, best first.
    let weighing = sheet(&workbook, "Qualitative weighing of the cha");
    let scores: Vec<(String, Decimal)> = weighing
        .rows()
        .skip(1)
        .map(|row| (row[1].to_string(), number(&row[2], 4)))
        .collect();
    let engine_scores: Vec<(String, Decimal)> = comparison
        .weighing
        .channels
        .iter()
        .map(|c| (c.channel.clone(), c.score.round_dp(4)))
        .collect();
    assert_eq!(scores, engine_scores);
    // One row per obligation: the own store's ten, all carried by the seller.
    let obligations = sheet(&workbook, "Online-selling obligations who");
    let own_store: Vec<String> = obligations
        .rows()
        .filter(|row| matches!(&row[0], Data::String(id) if id == "own-store-jp"))
        .map(|row| row[1].to_string())
        .collect();
    assert_eq!(own_store, vec!["Seller".to_string(); 10]);
    let months = sheet(&workbook, "Month by month");
    let engine_months: Vec<_> = comparison
        .scenarios
        .iter()
        .filter_map(|scenario| Some((scenario, scenario.timeline.as_ref()?)))
        .flat_map(|(scenario, timeline)| timeline.months.iter().map(move |m| (scenario, m)))
        .collect();
    assert_eq!(months.height(), engine_months.len() + 1);
    for ((scenario, month), cells) in engine_months.iter().zip(months.rows().skip(1)) {
        assert_eq!(cells[0], Data::String(scenario.name.clone()));
        assert_eq!(number(&cells[1], 0), Decimal::from(month.month));
        for (column, money) in [
            (3, month.monthly_profit),
            (4, month.setup),
            (5, month.profit),
            (6, month.cumulative),
        ] {
            assert_eq!(number(&cells[column], 2), money.amount.round_dp(2));
        }
    }
    let sheet_rows = sheet(&workbook, "Channel comparison");
    let engine_rows: Vec<_> = comparison
        .scenarios
        .iter()
        .flat_map(|scenario| {
            scenario.ranking.iter().map(move |id| {
                let channel = scenario
                    .channels
                    .iter()
                    .find(|c| &c.channel == id)
                    .expect("ranked channel");
                (scenario, channel)
            })
        })
        .collect();
    assert_eq!(sheet_rows.height(), engine_rows.len() + 1);
    for ((scenario, channel), cells) in engine_rows.iter().zip(sheet_rows.rows().skip(1)) {
        let places = channel.currency.exponent();
        assert_eq!(cells[0], Data::String(scenario.name.clone()));
        assert_eq!(cells[1], Data::String(channel.channel.clone()));
        assert_eq!(number(&cells[4], 0), Decimal::from(channel.monthly_units));
        for (column, value) in [
            (8, channel.fixed_monthly),
            (9, channel.monthly_profit),
            (11, channel.setup),
        ] {
            assert_eq!(
                number(&cells[column], places),
                value.round_dp(places),
                "{} column {column}",
                channel.channel
            );
        }
        let per_unit = channel.contribution / Decimal::from(channel.monthly_units);
        assert_eq!(number(&cells[6], places), per_unit.round_dp(places));
        let home = channel.monthly_profit_home.expect("home profit");
        assert_eq!(number(&cells[10], 2), home.amount.round_dp(2));
        match channel.break_even_units {
            Some(units) => assert_eq!(number(&cells[12], 0), Decimal::from(units)),
            None => assert_eq!(cells[12], Data::Empty),
        }
        match channel.months_to_recover {
            Some(months) => assert_eq!(number(&cells[13], 0), Decimal::from(months)),
            None => assert_eq!(cells[13], Data::Empty),
        }
    }
    let sensitivity = sheet(&workbook, "Sensitivity of monthly profit");
    assert_eq!(sensitivity.height(), comparison.sensitivity.len() + 1);
    for (row, cells) in comparison
        .sensitivity
        .iter()
        .zip(sensitivity.rows().skip(1))
    {
        assert_eq!(number(&cells[3], 2), row.low_factor - Decimal::ONE);
        assert_eq!(number(&cells[4], 2), row.high_factor - Decimal::ONE);
        for (column, value) in [
            (5, row.profit_low.amount),
            (6, row.profit_base.amount),
            (7, row.profit_high.amount),
            (8, row.swing),
        ] {
            assert_eq!(
                number(&cells[column], 2),
                value.round_dp(2),
                "{:?}",
                row.input
            );
        }
    }
    let csv = tables::tables(&report);
    let channels_csv = csv
        .iter()
        .find(|t| t.id == "channels")
        .expect("channels table");
    // The exact decimal of the FBA profit, all digits, in the CSV.
    let profit = engine_rows[0].1.monthly_profit.normalize().to_string();
    assert!(tables::to_csv(channels_csv).contains(&profit), "{profit}");
}

#[test]
fn a_plan_without_channels_has_no_channel_sections_and_losses_are_shown() {
    let plain = without_channels();
    let report = report_of(&plain, Lang::En);
    assert!(report.channels.is_none() && report.summary.best_channel.is_none());
    let (path, _) = render_to(&report, "no-channels-en.pdf");
    let text = pdftotext(&path, None);
    for absent in [
        "Channel comparison",
        "Sensitivity of monthly profit",
        "Best channel",
    ] {
        assert!(
            !text.contains(absent),
            "{absent:?} in a plan without channels"
        );
    }
    let workbook = xlsx::workbook(&report).expect("xlsx");
    let book: Xlsx<_> = Xlsx::new(Cursor::new(workbook)).expect("opens");
    assert!(
        !book
            .sheet_names()
            .iter()
            .any(|name| name.starts_with("Channel"))
    );

    // At ¥2,980 every channel loses money: the best is the smallest loss, and the summary says stop.
    let losing = losing_channels();
    let comparison = compared(&losing, None);
    let report = report_of(&losing, Lang::En).with_channels(&comparison);
    let best = report.summary.best_channel.as_ref().expect("least loss");
    assert!(best.monthly_profit_home.amount < Decimal::ZERO);
    assert!(report.summary.signals.iter().any(|signal| {
        signal.level == report::SignalLevel::Stop
            && signal.text.starts_with("No channel makes a profit")
    }));
    let (path, _) = render_to(&report, "channels-losing-en.pdf");
    let text = squeezed(&pdftotext(&path, None));
    let fba = &comparison.scenarios[0].channels[0];
    let loss = report::format::money(Lang::En, fba.monthly_profit, fba.currency);
    assert!(loss.starts_with("-¥"), "{loss}");
    assert!(text.contains(&loss), "missing {loss:?} in:\n{text}");
}

#[test]
fn the_cli_adds_the_comparison_when_the_plan_has_channels() {
    let dir = out_dir().join("cli-channels");
    std::fs::create_dir_all(&dir).expect("dir");
    let with = dir.join("with.toml");
    std::fs::write(&with, EXAMPLE_PLAN).expect("plan");
    let without = dir.join("without.toml");
    let cut = EXAMPLE_PLAN
        .split("# ------------------------------------------------")
        .next()
        .expect("the plan before its channels");
    std::fs::write(&without, cut).expect("plan");
    let run = |plan: &Path, extra: &[&str], out: &str| {
        Command::new(env!("CARGO_BIN_EXE_landfall"))
            .arg("--db")
            .arg(dir.join("db.sqlite3"))
            .arg("report")
            .arg(plan)
            .args(["--format", "json", "--lang", "en", "--date", "2026-11-23"])
            .args([
                "--fx",
                "EUR/JPY=171.78@2025-09-07",
                "--fx",
                "USD/JPY=147.36@2025-09-07",
            ])
            .args(extra)
            .arg("--out")
            .arg(dir.join(out))
            .output()
            .expect("runs")
    };
    let read = |out: &str| -> serde_json::Value {
        serde_json::from_slice(&std::fs::read(dir.join(out)).expect("json")).expect("parses")
    };

    let output = run(&with, &["--scenario", "Every channel"], "with.json");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json = read("with.json");
    assert_eq!(json["channels"]["selected"], "Every channel");
    // One per `[[scenarios]]` of the plan.
    assert_eq!(
        json["channels"]["scenarios"].as_array().map(Vec::len),
        Some(example().scenarios.len())
    );
    // The same figures as `landfall compare` with the same rates and the built-in FBA fee (標準50,
    // ¥465): contribution 1,071.4377… at the ¥434 of the test's own pack, ¥31 less here, 1,040.4377…;
    // break-even ceil(34,900 ÷ 1,040.4377… = 33.54) = 34 units a month, monthly profit
    // 300 × 1,040.4377… − 34,900 = 277,231.318… JPY.
    let fba = &json["channels"]["scenarios"][0]["channels"][0];
    assert_eq!(fba["channel"], "amazon-jp-fba");
    assert_eq!(fba["break_even_units"], 34);
    assert!(
        fba["monthly_profit"]
            .as_str()
            .is_some_and(|p| p.starts_with("277231.318")),
        "{fba}"
    );
    assert_eq!(json["summary"]["best_channel"]["channel"], "amazon-jp-fba");

    let output = run(&without, &[], "without.json");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(read("without.json")["channels"].is_null());

    for (plan, scenario, expected) in [
        (&with, "Nope", "no scenario named \"Nope\""),
        (
            &without,
            "Every channel",
            "--scenario: the plan has no [[channels]]",
        ),
    ] {
        let output = run(plan, &["--scenario", scenario], "never.json");
        assert_eq!(output.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(expected), "{stderr}");
    }
}

/// Images on page 1 of a PDF, as `pdfimages -list` counts them (after its two header lines).
fn images_on_page_one(pdf: &Path) -> usize {
    let output = Command::new("pdfimages")
        .args(["-list", "-f", "1", "-l", "1"])
        .arg(pdf)
        .output()
        .expect("pdfimages runs");
    assert!(output.status.success());
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .skip(2)
        .count()
}

#[test]
fn the_consultants_logo_is_on_the_cover_and_left_out_of_the_json() {
    // A real PNG: page 1 of another report, made small by pdftoppm.
    let (source, _) = render_to(&report_of(&without_channels(), Lang::En), "logo-source.pdf");
    let prefix = out_dir().join("logo");
    let status = Command::new("pdftoppm")
        .args(["-png", "-r", "15", "-singlefile", "-f", "1", "-l", "1"])
        .arg(&source)
        .arg(&prefix)
        .status()
        .expect("pdftoppm runs");
    assert!(status.success());
    let png = std::fs::read(prefix.with_extension("png")).expect("png");

    let plain = report_of(&without_channels(), Lang::En);
    let (path, _) = render_to(&plain, "no-logo.pdf");
    assert_eq!(images_on_page_one(&path), 0);
    let mut with_logo = plain.clone();
    with_logo.cover.logo = Some(Logo::new(png.clone()).expect("a PNG is a logo"));
    let (path, _) = render_to(&with_logo, "logo.pdf");
    assert_eq!(images_on_page_one(&path), 1);
    let json = serde_json::to_string(&with_logo).expect("json");
    assert_eq!(json, serde_json::to_string(&plain).expect("json"));

    let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="navy"/></svg>"#;
    with_logo.cover.logo = Some(Logo::new(svg.to_vec()).expect("an SVG is a logo"));
    pdf::render(&with_logo, |_| {}).expect("renders with an SVG logo");
    assert!(Logo::new(b"GIF89a not accepted".to_vec()).is_err());

    let dir = out_dir();
    let not_an_image = dir.join("logo.txt");
    std::fs::write(&not_an_image, "my logo").expect("write");
    let plan = dir.join("logo-plan.toml");
    std::fs::write(&plan, EXAMPLE_PLAN).expect("plan");
    let output = Command::new(env!("CARGO_BIN_EXE_landfall"))
        .arg("--db")
        .arg(dir.join("logo.sqlite3"))
        .arg("report")
        .arg(&plan)
        .arg("--logo")
        .arg(&not_an_image)
        .arg("--out")
        .arg(dir.join("never-logo.pdf"))
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("--logo") && stderr.contains("not a PNG, JPEG or SVG"),
        "{stderr}"
    );
}

#[test]
fn a_large_catalogue_keeps_every_channel_figure_in_the_workbook_and_forty_in_the_pdf() {
    // Rakuten's three quoted rates apply to each of the 60 products: 180 user figures at least.
    let plan = catalogue(60, |i| format!("Speaker {i}"));
    let report = report_of(&plan, Lang::En).with_channels(&compared(&plan, None));
    let overrides = &report.channels.as_ref().expect("section").overrides;
    assert!(overrides.len() >= 180, "{}", overrides.len());
    let workbook = xlsx::workbook(&report).expect("xlsx");
    assert_eq!(
        sheet(&workbook, "User figures for channels").height(),
        overrides.len() + 1
    );
    let (path, _) = render_to(&report, "large-channels-en.pdf");
    let text = squeezed(&pdftotext(&path, None));
    assert!(
        text.contains("The first 40 rows are shown; every row is in the Excel export."),
        "{text}"
    );
}

#[test]
fn the_report_lists_the_comparisons_rates_weighing_and_obligations() {
    let plan = example();
    let comparison = compared(&plan, Some("Every channel"));
    let quoted_only = report_of(&plan, Lang::Fr);
    let is_usd_jpy = |rate: &FxRate| *rate == usd_jpy() || Ok(rate.clone()) == usd_jpy().inverse();
    assert!(!quoted_only.assumptions.fx.iter().any(is_usd_jpy));
    let report = quoted_only.with_channels(&comparison);
    // The own store's app subscription is billed in dollars: the USD/JPY quotation the comparison
    // converted it with is listed once beside the quote's EUR/JPY.
    assert_eq!(
        report
            .assumptions
            .fx
            .iter()
            .filter(|r| is_usd_jpy(r))
            .count(),
        1
    );
    assert_eq!(
        report
            .assumptions
            .fx
            .iter()
            .filter(|r| **r == eur_jpy() || Ok((*r).clone()) == eur_jpy().inverse())
            .count(),
        1
    );

    let section = report.channels.as_ref().expect("a channel section");
    let ours: Vec<(&str, Decimal)> = section
        .weighing
        .channels
        .iter()
        .map(|c| (c.channel.as_str(), c.score))
        .collect();
    let engine: Vec<(&str, Decimal)> = comparison
        .weighing
        .channels
        .iter()
        .map(|c| (c.channel.as_str(), c.score))
        .collect();
    assert_eq!(ours, engine, "the engine's scores, best first");
    assert_eq!(
        section.weighing.criteria.len(),
        comparison.weighing.criteria.len()
    );
    // The workload split hand-checked in tests/channels_obligations.rs: the own store carries its ten
    // obligations for Japan alone; on FBA, Amazon carries five of them.
    let load = |id: &str| {
        section
            .obligations
            .iter()
            .find(|row| row.channel == id)
            .unwrap_or_else(|| panic!("{id}"))
    };
    assert_eq!(
        (
            load("own-store-jp").seller.len(),
            load("own-store-jp").marketplace.len()
        ),
        (10, 0)
    );
    assert_eq!(load("amazon-jp-fba").marketplace.len(), 5);

    let (path, _) = render_to(&report, "channels-weighing-fr.pdf");
    let text = squeezed(&pdftotext(&path, None));
    for expected in [
        "Pondération qualitative des canaux",
        "Obligations de la vente en ligne : qui les assume",
        "Assumées par la place de marché",
        "Publier les mentions de la loi japonaise",
        "147,36",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
}
