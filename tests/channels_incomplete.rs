//! Incomplete is not a loss: a channel missing an input is not ranked, no channel of a scenario with a
//! gap is called best, the sensitivity is not drawn from partial totals, and the report's summary
//! neither names a best channel, says "stop", nor calls the incomplete channel loss-making.

use chrono::NaiveDate;
use landfall::channels::{self, Comparison};
use landfall::checklist::bundled;
use landfall::cost::{Detail, quote};
use landfall::money::{Currency, FxRate, FxSource};
use landfall::plan::{Plan, parse_plan};
use landfall::report::{self, Lang, Paper, ReportOptions, SignalLevel};
use rust_decimal_macros::dec;

const EXAMPLE: &str = include_str!("../data/examples/bluetooth-speaker-japan.toml");

/// The example with an own store selling to the United States, where the speaker has no price yet.
fn with_us_store() -> Plan {
    let text = format!(
        r#"{EXAMPLE}
[[channels]]
id = "own-store-us"
pack = "shopify-basic"
market = "us"
payment = "stripe-eea"
monthly_units = 40

[[scenarios]]
name = "Japan and a US store"
volumes = [
  {{ channel = "amazon-jp-fba", monthly_units = 300 }},
  {{ channel = "own-store-us", monthly_units = 40 }},
]
"#
    );
    parse_plan("plan.toml", &text).expect("valid plan")
}

fn rate(from: Currency, to: Currency, value: rust_decimal::Decimal) -> FxRate {
    FxRate::new(
        from,
        to,
        value,
        NaiveDate::from_ymd_opt(2026, 11, 20).expect("date"),
        FxSource::Manual {
            note: "test".into(),
        },
    )
    .expect("rate")
}

fn rates() -> Vec<FxRate> {
    vec![
        rate(Currency::EUR, Currency::JPY, dec!(171.78)),
        rate(Currency::EUR, Currency::USD, dec!(1.16)),
        rate(Currency::USD, Currency::JPY, dec!(147.36)),
    ]
}

fn compared(plan: &Plan, scenario: &str) -> Comparison {
    let packs = landfall::packs::bundled().expect("packs");
    let channel_packs = channels::bundled_channels().expect("channel packs");
    channels::compare(plan, &packs, &channel_packs, &rates(), Some(scenario)).expect("compare")
}

#[test]
fn a_channel_missing_its_price_is_not_ranked_and_no_channel_is_called_best() {
    let plan = with_us_store();
    let comparison = compared(&plan, "Japan and a US store");
    let scenario = comparison
        .scenarios
        .iter()
        .find(|s| s.name == "Japan and a US store")
        .expect("scenario");
    let store = scenario
        .channels
        .iter()
        .find(|c| c.channel == "own-store-us")
        .expect("store");
    assert!(!store.complete);
    assert!(
        store.lines[0].figures.is_none(),
        "no price, no unit figures"
    );
    // Its Shopify plan alone makes its partial profit negative: that is not a loss to report.
    assert!(store.monthly_profit < dec!(0));
    assert!(!scenario.complete);
    assert_eq!(scenario.ranking, ["amazon-jp-fba"]);
    assert_eq!(scenario.best, None);
    assert!(
        comparison.sensitivity.is_empty(),
        "no tornado from a partial total"
    );

    // The scenarios without the store are complete and keep their best channel.
    let launch = &comparison.scenarios[0];
    assert!(launch.complete);
    assert_eq!(launch.best.as_deref(), Some("amazon-jp-fba"));
    let every = &comparison.scenarios[2];
    assert_eq!(
        every.ranking,
        ["amazon-jp-fba", "amazon-jp-mfn", "rakuten", "own-store-jp"]
    );
    assert_eq!(every.best.as_deref(), Some("amazon-jp-fba"));
}

#[test]
fn the_report_summary_says_incomplete_not_stop_or_best() {
    let plan = with_us_store();
    let packs = landfall::packs::bundled().expect("packs");
    let quote = quote(&plan, &packs, &rates(), Detail::Explained);
    let catalogues = bundled::catalogues().expect("catalogues");
    let channel_packs = channels::bundled_channels().expect("channel packs");
    let checklists = channels::plan_checklist(&plan, &catalogues, &channel_packs);
    for lang in [Lang::En, Lang::Fr] {
        let options = ReportOptions {
            lang,
            paper: Paper::A4,
            consultant: None,
            client: None,
            generated_on: NaiveDate::from_ymd_opt(2026, 12, 3).expect("date"),
            logo: None,
        };
        let report = report::build(&plan, &quote, &checklists, &options)
            .with_channels(&compared(&plan, "Japan and a US store"));
        assert!(report.summary.best_channel.is_none());
        let signals = &report.summary.signals;
        // The checklist's own signals stay (launch blockers are a stop of their own); none speaks of
        // a best channel or of no channel making a profit.
        let verdicts = [
            "Best channel",
            "No channel makes a profit",
            "Meilleur canal",
            "Aucun canal n’est rentable",
        ];
        assert!(
            signals
                .iter()
                .all(|s| verdicts.iter().all(|verdict| !s.text.starts_with(verdict))),
            "{signals:?}"
        );
        assert!(
            signals
                .iter()
                .filter(|s| s.level == SignalLevel::Stop)
                .all(|s| s.text.contains("Amazon.co.jp")),
            "only the checklist's blockers stop: {signals:?}"
        );
        let store_name = "Own store on Shopify (Basic plan)";
        assert!(
            signals.iter().all(|s| !s.text.contains(store_name)),
            "the incomplete store is not called loss-making: {signals:?}"
        );
        let incomplete = match lang {
            Lang::En => "Channel comparison incomplete (scenario “Japan and a US store”)",
            Lang::Fr => "Comparaison des canaux incomplète (scénario « Japan and a US store »)",
        };
        assert!(
            signals.iter().any(|s| s.text.starts_with(incomplete)),
            "{signals:?}"
        );
        let section = report.channels.as_ref().expect("channel section");
        let selected = section
            .scenarios
            .iter()
            .find(|s| s.name == "Japan and a US store")
            .expect("scenario");
        let order: Vec<(&str, bool)> = selected
            .channels
            .iter()
            .map(|c| (c.channel.as_str(), c.complete))
            .collect();
        assert_eq!(order, [("amazon-jp-fba", true), ("own-store-us", false)]);
    }
}

#[test]
fn the_command_line_lists_the_incomplete_channel_unranked_with_what_it_needs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("plan.toml");
    std::fs::write(&path, with_us_store().to_toml().expect("toml")).expect("write plan");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_landfall"))
        .args(["compare", path.to_str().expect("path"), "--scenario"])
        .arg("Japan and a US store")
        .args(["--fx", "EUR/JPY=171.78", "--fx", "EUR/USD=1.16"])
        .output()
        .expect("run landfall");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8_lossy(&output.stdout);
    let summary: Vec<&str> = text
        .lines()
        .skip_while(|line| !line.starts_with("Scenario \"Japan and a US store\""))
        .take(3)
        .collect();
    assert!(
        // The store has no quote for Shopify's apps, no US price and no freight to the US.
        summary[0]
            .ends_with("total monthly profit incomplete, needs channel-quote, price, freight"),
        "{summary:?}"
    );
    assert!(
        summary[1].starts_with("  1. amazon-jp-fba ") && !summary[1].contains("(best)"),
        "{summary:?}"
    );
    assert!(
        summary[2].starts_with("  -  own-store-us ")
            && summary[2].ends_with("incomplete, needs channel-quote, price, freight (not ranked)"),
        "{summary:?}"
    );
    // A complete scenario names its best channel.
    assert!(
        text.contains(
            "  1. amazon-jp-fba (Amazon.co.jp, fulfilled by Amazon (FBA)): 300 units/month"
        )
    );
    assert!(
        text.lines()
            .any(|line| line.starts_with("  1. amazon-jp-fba") && line.ends_with("(best)"))
    );
}
