//! Time-phased scenarios: the month-by-month fold (hand-checked), the example plan's "MFN first, FBA
//! from month 4" timeline against the flat scenarios it is made of, and the plan rules for phases.

use landfall::channels::{Period, bundled_channels, compare, fold};
use landfall::money::{Currency, FxRate, FxSource};
use landfall::packs;
use landfall::plan::{PlanError, parse_plan};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

const EXAMPLE: &str = include_str!("../data/examples/bluetooth-speaker-japan.toml");

fn period(from_month: u32, monthly_profit: Decimal, setups: &[(&str, Decimal)]) -> Period {
    Period {
        from_month,
        monthly_profit,
        setups: setups
            .iter()
            .map(|(channel, cost)| ((*channel).to_owned(), *cost))
            .collect(),
    }
}

#[test]
fn months_set_up_costs_and_payback_by_hand() {
    // Months 1–2: channel a loses 200 a month after a 1,000 set-up. From month 3: a and b together
    // make 500 a month; b's 300 set-up is paid in month 3, a's is not paid again.
    let periods = [
        period(1, dec!(-200), &[("a", dec!(1000))]),
        period(3, dec!(500), &[("a", dec!(1000)), ("b", dec!(300))]),
    ];
    let (months, payback) = fold(&periods, 6, Currency::EUR);
    // month: profit − set-up = net; cumulative
    // 1: −200 − 1,000 = −1,200; −1,200
    // 2: −200 −     0 =   −200; −1,400
    // 3:  500 −   300 =    200; −1,200
    // 4:  500         =    500;   −700
    // 5:  500         =    500;   −200
    // 6:  500         =    500;    300  → the cumulative stays ≥ 0 from month 6
    let net: Vec<Decimal> = months.iter().map(|m| m.profit.amount).collect();
    let cumulative: Vec<Decimal> = months.iter().map(|m| m.cumulative.amount).collect();
    let setups: Vec<Decimal> = months.iter().map(|m| m.setup.amount).collect();
    let phases: Vec<u32> = months.iter().map(|m| m.phase).collect();
    assert_eq!(
        net,
        [
            dec!(-1200),
            dec!(-200),
            dec!(200),
            dec!(500),
            dec!(500),
            dec!(500)
        ]
    );
    assert_eq!(
        cumulative,
        [
            dec!(-1200),
            dec!(-1400),
            dec!(-1200),
            dec!(-700),
            dec!(-200),
            dec!(300)
        ]
    );
    assert_eq!(
        setups,
        [dec!(1000), dec!(0), dec!(300), dec!(0), dec!(0), dec!(0)]
    );
    assert_eq!(phases, [1, 1, 3, 3, 3, 3]);
    assert_eq!(payback, Some(6));
    assert!(
        months
            .iter()
            .all(|m| m.cumulative.currency == Currency::EUR)
    );

    // Five months end at −200: no payback within the timeline.
    assert_eq!(fold(&periods, 5, Currency::EUR).1, None);
    // Never below zero: paid back from month 1.
    assert_eq!(
        fold(&[period(1, dec!(100), &[])], 3, Currency::EUR).1,
        Some(1)
    );
    // Above zero, then a costly phase that never recovers: 100, 200, then 200 − 50 − 400 = −250 and
    // −50 a month after: no payback, although the cumulative was positive before.
    let dip = [
        period(1, dec!(100), &[]),
        period(3, dec!(-50), &[("b", dec!(400))]),
    ];
    let (months, payback) = fold(&dip, 4, Currency::EUR);
    assert_eq!(
        months
            .iter()
            .map(|m| m.cumulative.amount)
            .collect::<Vec<_>>(),
        [dec!(100), dec!(200), dec!(-250), dec!(-300)]
    );
    assert_eq!(payback, None);
}

fn rates() -> Vec<FxRate> {
    [(Currency::EUR, dec!(171.78)), (Currency::USD, dec!(147.36))]
        .into_iter()
        .map(|(from, value)| {
            FxRate::new(
                from,
                Currency::JPY,
                value,
                chrono::NaiveDate::from_ymd_opt(2026, 11, 22).expect("date"),
                FxSource::Manual {
                    note: "test".to_string(),
                },
            )
            .expect("positive rate")
        })
        .collect()
}

#[test]
fn the_example_fba_from_month_4_timeline_is_made_of_the_flat_scenarios() {
    let plan = parse_plan("example", EXAMPLE).expect("example plan is valid");
    let packs = packs::bundled().expect("bundled packs");
    let channel_packs = bundled_channels().expect("bundled channel packs");
    let comparison = compare(&plan, &packs, &channel_packs, &rates(), None).expect("comparison");
    let scenario = |name: &str| {
        comparison
            .scenarios
            .iter()
            .find(|s| s.name == name)
            .unwrap_or_else(|| panic!("{name}"))
    };
    // The flat scenarios carry no timeline.
    assert!(scenario("Launch: Amazon FBA only").timeline.is_none());
    let phased = scenario("MFN first, FBA from month 4");
    let timeline = phased
        .timeline
        .as_ref()
        .expect("a phased scenario has a timeline");
    assert!(timeline.complete, "{:?}", timeline.missing);
    assert_eq!(timeline.months.len(), 12);
    assert_eq!(
        timeline
            .phases
            .iter()
            .map(|p| p.from_month)
            .collect::<Vec<_>>(),
        [1, 4]
    );

    // From month 4 the mix is FBA × 300, the same as the "Launch: Amazon FBA only" scenario.
    let fba = scenario("Launch: Amazon FBA only");
    let fba_profit = fba.total_monthly_profit_home.expect("EUR total").amount;
    let fba_setup = fba.channels[0].setup_home.expect("EUR set-up").amount;
    let mfn = &timeline.phases[0].result;
    let mfn_profit = mfn.total_monthly_profit_home.expect("EUR total").amount;
    let mfn_setup = mfn.channels[0].setup_home.expect("EUR set-up").amount;
    assert_eq!(
        timeline.phases[1].result.total_monthly_profit_home,
        fba.total_monthly_profit_home
    );
    // Both set-ups are the plan's 2,500 EUR listing and paperwork line (the Amazon packs add none),
    // converted to JPY for the channel and back to EUR exactly (divided by the published rate).
    assert_eq!((mfn_setup, fba_setup), (dec!(2500), dec!(2500)));

    // The engine adds month by month; the checks below multiply. Both agree far below a cent, but
    // not always in the 28th significant digit, so each side is taken to 10 decimal places.
    let row = |month: usize| &timeline.months[month - 1];
    let same = |left: Decimal, right: Decimal| assert_eq!(left.round_dp(10), right.round_dp(10));
    // month 1: MFN profit − 2,500 MFN set-up; months 2–3: MFN profit
    same(row(1).cumulative.amount, mfn_profit - mfn_setup);
    same(row(3).cumulative.amount, mfn_profit * dec!(3) - mfn_setup);
    // month 4: FBA profit − 2,500 FBA set-up (FBA sells for the first time)
    assert_eq!(row(4).setup.amount, fba_setup);
    assert_eq!(row(4).phase, 4);
    same(
        row(4).cumulative.amount,
        mfn_profit * dec!(3) - mfn_setup + fba_profit - fba_setup,
    );
    // month 12: 3 MFN months + 9 FBA months − both set-ups
    same(
        row(12).cumulative.amount,
        mfn_profit * dec!(3) + fba_profit * dec!(9) - mfn_setup - fba_setup,
    );
    // With ≈ 208.13 EUR (MFN) and ≈ 1,613.87 EUR (FBA, at the built-in ¥465 fee) a month:
    // after month 5: 3 × 208.13 + 2 × 1,613.87 − 5,000 ≈ −1,147.9 (< 0)
    // after month 6: 3 × 208.13 + 3 × 1,613.87 − 5,000 ≈   +466.0 (≥ 0, and rising after)
    assert!(
        mfn_profit > dec!(208) && mfn_profit < dec!(208.2),
        "{mfn_profit}"
    );
    assert!(
        fba_profit > dec!(1613.8) && fba_profit < dec!(1613.9),
        "{fba_profit}"
    );
    assert!(row(5).cumulative.amount < Decimal::ZERO);
    assert!(row(6).cumulative.amount >= Decimal::ZERO);
    assert_eq!(timeline.payback_month, Some(6));
}

#[test]
fn phases_are_checked_with_their_field_and_line() {
    let cases = [
        (
            "from_month = 1",
            "scenarios[0].phases[0].from_month",
            "must be after month 1",
        ),
        (
            "from_month = 30",
            "scenarios[0].phases[0].from_month",
            "beyond the 24-month timeline",
        ),
    ];
    for (phase, field, message) in cases {
        let text = format!(
            "[plan]\nname = \"p\"\nas_of = \"2026-11-22\"\nhome_currency = \"EUR\"\n\
[seller]\ncountry = \"FR\"\nentity = \"company\"\n\
[[scenarios]]\nname = \"s\"\n[[scenarios.phases]]\n{phase}\n"
        );
        let Err(PlanError::Invalid { problems, .. }) = parse_plan("plan.toml", &text) else {
            panic!("{phase}: the plan has a problem");
        };
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].field, field);
        assert!(
            problems[0].message.en.contains(message),
            "{}",
            problems[0].message.en
        );
        assert_eq!(problems[0].line, Some(11), "{phase}");
    }
    let base = "[plan]\nname = \"p\"\nas_of = \"2026-11-22\"\nhome_currency = \"EUR\"\n\
[seller]\ncountry = \"FR\"\nentity = \"company\"\n[[scenarios]]\nname = \"s\"\n";
    let text = format!(
        "{base}months = 36\n[[scenarios.phases]]\nfrom_month = 30\n[[scenarios.phases]]\nfrom_month = 6\n"
    );
    let error = parse_plan("plan.toml", &text).unwrap_err().to_string();
    assert!(
        error.contains("scenarios[0].phases[1].from_month: must be after month 30"),
        "{error}"
    );
    let error = parse_plan("plan.toml", &format!("{base}months = 0\n"))
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("scenarios[0].months: a timeline is 1 to 120 months"),
        "{error}"
    );
    let error = parse_plan(
        "plan.toml",
        &format!("{base}[[scenarios.phases]]\nfrom_month = 4\nfrom = 5\n"),
    )
    .unwrap_err()
    .to_string();
    assert!(error.contains("from"), "{error}");
    // The example's phases survive a write and a read.
    let plan = parse_plan("example", EXAMPLE).unwrap();
    let again = parse_plan("again", &plan.to_toml().unwrap()).unwrap();
    assert_eq!(again, plan);
    assert_eq!(again.scenarios[3].phases[0].from_month, 4);
    assert_eq!(again.scenarios[3].months, Some(12));
}

proptest::proptest! {
    /// For any phases: the last cumulative is Σ monthly profits − Σ set-ups (each channel once); every
    /// month from the payback month on is ≥ 0 and the month before it (if any) is below zero.
    #[test]
    fn the_fold_adds_up_and_the_payback_month_is_where_the_cumulative_stays_above_zero(
        profits in proptest::collection::vec(-5_000i64..5_000, 1..4),
        gaps in proptest::collection::vec(1u32..6, 3),
        setups in proptest::collection::vec((0usize..3, 0i64..10_000), 0..6),
        months in 1u32..30,
    ) {
        let mut from = 1;
        let periods: Vec<Period> = profits
            .iter()
            .enumerate()
            .map(|(index, profit)| {
                if index > 0 {
                    from += gaps[index - 1];
                }
                let channels: Vec<(String, Decimal)> = setups
                    .iter()
                    .filter(|(phase, _)| *phase == index)
                    .enumerate()
                    .map(|(n, (_, cost))| (format!("c{}", (index + n) % 3), Decimal::from(*cost)))
                    .collect();
                Period { from_month: from, monthly_profit: Decimal::from(*profit), setups: channels }
            })
            .collect();
        let (rows, payback) = fold(&periods, months, Currency::EUR);
        proptest::prop_assert_eq!(rows.len() as u32, months);
        let total: Decimal = rows.iter().map(|r| r.monthly_profit.amount - r.setup.amount).sum();
        proptest::prop_assert_eq!(rows.last().map(|r| r.cumulative.amount), Some(total));
        // Each channel's set-up is paid at most once, in the first month of a phase it sells in.
        let paid: Decimal = rows.iter().map(|r| r.setup.amount).sum();
        let mut first_cost: std::collections::BTreeMap<&str, Decimal> = Default::default();
        for period in periods.iter().filter(|p| p.from_month <= months) {
            for (channel, cost) in &period.setups {
                first_cost.entry(channel.as_str()).or_insert(*cost);
            }
        }
        proptest::prop_assert_eq!(paid, first_cost.values().copied().sum::<Decimal>());
        match payback {
            Some(month) => {
                proptest::prop_assert!(rows.iter().filter(|r| r.month >= month).all(|r| r.cumulative.amount >= Decimal::ZERO));
                if month > 1 {
                    proptest::prop_assert!(rows[month as usize - 2].cumulative.amount < Decimal::ZERO);
                }
            }
            None => proptest::prop_assert!(rows.last().is_some_and(|r| r.cumulative.amount < Decimal::ZERO)),
        }
    }
}
