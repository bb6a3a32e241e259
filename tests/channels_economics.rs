//! Hand-checked channel comparisons. Every expected figure is worked out in the comments from the
//! plan's inputs and the bundled packs (Amazon.co.jp electronics referral 8.4% above ¥750 from
//! 2026-04-01, Professional plan ¥4,900, JP consumption tax 10%; Amazon.de electronics 7%, €39;
//! DE VAT 19%; Rakuten がんばれ!プラン ¥25,000/month and ¥60,000 initial fee; Shopify Basic $39,
//! 2% third-party gateway; Stripe EEA international cards 3.25% + €0.25).

use landfall::channels::{ChannelResult, Comparison, ScenarioResult, bundled_channels, compare};
use landfall::money::{Currency, FxRate, FxSource, Money};
use landfall::plan::parse_plan;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn rate(from: Currency, to: Currency, value: Decimal) -> FxRate {
    FxRate::new(
        from,
        to,
        value,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 20).expect("date"),
        FxSource::Manual {
            note: "test".to_string(),
        },
    )
    .expect("positive rate")
}

fn run(plan: &str, rates: &[FxRate], scenario: Option<&str>) -> Comparison {
    let plan = parse_plan("test.toml", plan).expect("valid plan");
    let packs = landfall::packs::bundled().expect("bundled packs");
    let channel_packs = bundled_channels().expect("bundled channel packs");
    compare(&plan, &packs, &channel_packs, rates, scenario).expect("comparison")
}

fn channel<'a>(scenario: &'a ScenarioResult, id: &str) -> &'a ChannelResult {
    scenario
        .channels
        .iter()
        .find(|channel| channel.channel == id)
        .unwrap_or_else(|| panic!("channel {id} in {}", scenario.name))
}

fn contribution(channel: &ChannelResult) -> Decimal {
    channel.lines[0]
        .figures
        .as_ref()
        .expect("figures")
        .contribution
}

/// Japan, home currency JPY (so no conversion of the proceeds). One speaker: ¥2,000 unit cost, ¥300
/// freight, duty 0%, displayed price ¥5,500 → net ¥5,500 ÷ 1.1 = ¥5,000; landed ¥2,300.
const JAPAN: &str = r#"
[plan]
name = "Japan channels"
as_of = "2026-11-22"
home_currency = "JPY"
[seller]
country = "FR"
entity = "company"
[[products]]
sku = "SPK-T"
name = "Speaker"
hs_code = "851822"
category = "electronics"
unit_cost = { amount = "2000", currency = "JPY" }
package = { length_cm = "20", width_cm = "12", height_cm = "10", weight_g = "650" }
[[products.prices]]
marketplace = "amazon-jp"
price = { amount = "5500", currency = "JPY" }
[[products.freight]]
marketplace = "amazon-jp"
freight = { amount = "300", currency = "JPY" }

[[channels]]
id = "fba"
pack = "amazon-jp-fba"
monthly_units = 100
ad_share = "10%"
return_rate = "2%"
cost_per_return = { amount = "1000", currency = "JPY" }
fixed = [{ label = "IOR", amount = { amount = "20000", currency = "JPY" } }]
setup = [{ label = "Listing", amount = { amount = "100000", currency = "JPY" } }]
[[channels.products]]
sku = "SPK-T"
fulfilment_fee = { amount = "450", currency = "JPY" }
duty_rate = "0%"

[[channels]]
id = "mfn"
pack = "amazon-jp-mfn"
monthly_units = 100
ad_share = "10%"
return_rate = "2%"
cost_per_return = { amount = "1000", currency = "JPY" }
fixed = [{ label = "IOR", amount = { amount = "20000", currency = "JPY" } }]
[[channels.products]]
sku = "SPK-T"
shipping = { amount = "700", currency = "JPY" }
duty_rate = "0%"

[[channels]]
id = "rakuten"
pack = "rakuten-ichiba"
monthly_units = 100
ad_share = "5%"
return_rate = "2%"
cost_per_return = { amount = "1000", currency = "JPY" }
quotes = [
  { code = "system-usage", rate = "5%" },
  { code = "payment", rate = "3%" },
  { code = "points", rate = "1%" },
]
fixed = [{ label = "IOR", amount = { amount = "20000", currency = "JPY" } }]
[[channels.products]]
sku = "SPK-T"
shipping = { amount = "700", currency = "JPY" }
duty_rate = "0%"

[[channels]]
id = "store"
pack = "shopify-basic"
market = "jp"
payment = "stripe-eea"
monthly_units = 100
cpa = { amount = "600", currency = "JPY" }
return_rate = "2%"
cost_per_return = { amount = "1000", currency = "JPY" }
quotes = [{ code = "apps", amount = { amount = "1150", currency = "JPY" } }]
fixed = [{ label = "IOR", amount = { amount = "20000", currency = "JPY" } }]
[[channels.products]]
sku = "SPK-T"
price = { amount = "5500", currency = "JPY" }
shipping = { amount = "700", currency = "JPY" }
duty_rate = "0%"
"#;

fn japan_rates() -> Vec<FxRate> {
    // Only the packs' foreign fees need rates: Stripe's €0.25 and Shopify's $39.
    vec![
        rate(Currency::EUR, Currency::JPY, dec!(160)),
        rate(Currency::USD, Currency::JPY, dec!(150)),
    ]
}

#[test]
fn own_store_vs_amazon_fba_vs_mfn_vs_rakuten() {
    let comparison = run(JAPAN, &japan_rates(), None);
    let scenario = &comparison.scenarios[0];

    // FBA: referral 5,500 × 8.4% = 462; FBA fee 450 (typed); ads 10% × 5,500 = 550; returns
    // 2% × 1,000 = 20. Contribution 5,000 − 462 − 450 − 2,300 − 550 − 20 = 1,218.
    let fba = channel(scenario, "fba");
    let figures = fba.lines[0].figures.as_ref().expect("fba figures");
    assert_eq!(figures.net_price, dec!(5000));
    assert_eq!(figures.marketplace_fees, dec!(462));
    assert_eq!(figures.fulfilment, dec!(450));
    assert_eq!(figures.landed_cost, dec!(2300));
    assert_eq!(figures.marketing, dec!(550));
    assert_eq!(figures.returns, dec!(20));
    assert_eq!(figures.fx_cost, dec!(0));
    assert_eq!(figures.contribution, dec!(1218));
    // Margin 1,218 ÷ 5,000 = 24.36%; ROI 1,218 ÷ 2,300.
    assert_eq!(figures.margin_rate, Some(dec!(0.2436)));
    assert_eq!(figures.roi, Some(dec!(1218) / dec!(2300)));
    // Fixed: Professional plan 4,900 + IOR 20,000 = 24,900. Break-even ceil(24,900 ÷ 1,218 = 20.4…) = 21.
    // Profit at 100 units: 121,800 − 24,900 = 96,900; set-up 100,000 → ceil(1.03…) = 2 months.
    assert_eq!(fba.fixed_monthly, dec!(24900));
    assert_eq!(fba.break_even_units, Some(21));
    assert_eq!(fba.monthly_profit, dec!(96900));
    assert_eq!(fba.months_to_recover, Some(2));
    assert!(fba.complete, "{:?}", fba.missing);
    // The working reads the same in both languages, each with its own digit grouping.
    let break_even = fba
        .explain
        .iter()
        .find(|step| step.label.en == "Break-even units per month")
        .expect("break-even step");
    assert_eq!(
        break_even.formula.en,
        "ceil(fixed 24,900 ÷ contribution per unit 1,218) = 21"
    );
    assert_eq!(break_even.label.fr, "Point mort (unités par mois)");
    assert_eq!(
        break_even.formula.fr,
        "plafond(fixes 24\u{202F}900 ÷ contribution par unité 1\u{202F}218) = 21"
    );

    // MFN: own delivery 700 instead of the FBA fee: 5,000 − 462 − 700 − 2,300 − 550 − 20 = 968.
    // Break-even ceil(24,900 ÷ 968 = 25.7…) = 26; profit 96,800 − 24,900 = 71,900.
    let mfn = channel(scenario, "mfn");
    assert_eq!(contribution(mfn), dec!(968));
    assert_eq!(mfn.break_even_units, Some(26));
    assert_eq!(mfn.monthly_profit, dec!(71900));

    // Rakuten: system usage 5% + payment 3% + points 1% of 5,500 = 275 + 165 + 55 = 495; delivery 700;
    // ads 5% × 5,500 = 275; returns 20 → 5,000 − 495 − 700 − 2,300 − 275 − 20 = 1,210.
    // Fixed 25,000 + 20,000 = 45,000 → break-even ceil(37.19…) = 38; set-up 60,000 (initial fee);
    // profit 121,000 − 45,000 = 76,000 → ceil(60,000 ÷ 76,000) = 1 month.
    let rakuten = channel(scenario, "rakuten");
    assert_eq!(contribution(rakuten), dec!(1210));
    assert_eq!(rakuten.fixed_monthly, dec!(45000));
    assert_eq!(rakuten.setup, dec!(60000));
    assert_eq!(rakuten.break_even_units, Some(38));
    assert_eq!(rakuten.monthly_profit, dec!(76000));
    assert_eq!(rakuten.months_to_recover, Some(1));

    // Own store: gateway 2% × 5,500 = 110; Stripe 3.25% × 5,500 + €0.25 × 160 = 178.75 + 40 = 218.75;
    // delivery 700; CPA 600; returns 20 → 5,000 − 110 − 700 − 2,300 − 218.75 − 20 − 600 = 1,051.25.
    // Fixed: $39 × 150 = 5,850 + apps 1,150 + IOR 20,000 = 27,000 → break-even ceil(25.68…) = 26.
    // Profit 105,125 − 27,000 = 78,125.
    let store = channel(scenario, "store");
    let figures = store.lines[0].figures.as_ref().expect("store figures");
    assert_eq!(figures.marketplace_fees, dec!(110));
    assert_eq!(figures.payment_fees, dec!(218.75));
    assert_eq!(figures.contribution, dec!(1051.25));
    assert_eq!(store.fixed_monthly, dec!(27000));
    assert_eq!(store.break_even_units, Some(26));
    assert_eq!(store.monthly_profit, dec!(78125));
    assert!(store.complete, "{:?}", store.missing);

    // Ranking by monthly profit: FBA 96,900 > own store 78,125 > Rakuten 76,000 > MFN 71,900.
    assert_eq!(scenario.ranking, ["fba", "store", "rakuten", "mfn"]);
    assert_eq!(
        scenario.total_monthly_profit_home,
        Some(Money::new(dec!(322925), Currency::JPY))
    );
}

#[test]
fn own_store_wins_only_above_a_volume() {
    // The own store with a cheaper acquisition (CPA 200) but 50,000 a month more of fixed marketing:
    // contribution 1,051.25 + 400 = 1,451.25; fixed 27,000 + 50,000 = 77,000. FBA: 1,218 and 24,900.
    // Own store ahead when 1,451.25u − 77,000 > 1,218u − 24,900, i.e. 233.25u > 52,100, u > 223.4.
    // At 223: own 323,628.75 − 77,000 = 246,628.75 < FBA 271,614 − 24,900 = 246,714.
    // At 224: own 325,080 − 77,000 = 248,080 > FBA 272,832 − 24,900 = 247,932.
    let plan = JAPAN
        .replace(
            "cpa = { amount = \"600\", currency = \"JPY\" }",
            "cpa = { amount = \"200\", currency = \"JPY\" }",
        )
        .replace(
            "quotes = [{ code = \"apps\", amount = { amount = \"1150\", currency = \"JPY\" } }]\nfixed = [{ label = \"IOR\", amount = { amount = \"20000\", currency = \"JPY\" } }]",
            "quotes = [{ code = \"apps\", amount = { amount = \"1150\", currency = \"JPY\" } }]\nfixed = [\n  { label = \"IOR\", amount = { amount = \"20000\", currency = \"JPY\" } },\n  { label = \"Content and SEO\", amount = { amount = \"50000\", currency = \"JPY\" } },\n]",
        );
    let plan = format!(
        "{plan}
[[scenarios]]
name = \"223 a month\"
volumes = [{{ channel = \"fba\", monthly_units = 223 }}, {{ channel = \"store\", monthly_units = 223 }}]
[[scenarios]]
name = \"224 a month\"
volumes = [{{ channel = \"fba\", monthly_units = 224 }}, {{ channel = \"store\", monthly_units = 224 }}]
"
    );
    let comparison = run(&plan, &japan_rates(), None);
    let below = &comparison.scenarios[0];
    assert_eq!(contribution(channel(below, "store")), dec!(1451.25));
    assert_eq!(channel(below, "store").fixed_monthly, dec!(77000));
    assert_eq!(channel(below, "store").monthly_profit, dec!(246628.75));
    assert_eq!(channel(below, "fba").monthly_profit, dec!(246714));
    assert_eq!(below.ranking, ["fba", "store"]);
    let above = &comparison.scenarios[1];
    assert_eq!(channel(above, "store").monthly_profit, dec!(248080));
    assert_eq!(channel(above, "fba").monthly_profit, dec!(247932));
    assert_eq!(above.ranking, ["store", "fba"]);
}

/// Home currency EUR: Amazon.co.jp FBA earns yen, Amazon.de FBA earns euros, costs are in euros.
const JP_OR_DE: &str = r#"
[plan]
name = "JP or DE"
as_of = "2026-11-22"
home_currency = "EUR"
[seller]
country = "FR"
entity = "company"
[[products]]
sku = "SPK-T"
name = "Speaker"
hs_code = "851822"
category = "electronics"
unit_cost = { amount = "20", currency = "EUR" }
package = { length_cm = "20", width_cm = "12", height_cm = "10", weight_g = "650" }
[[products.prices]]
marketplace = "amazon-jp"
price = { amount = "8800", currency = "JPY" }
[[products.prices]]
marketplace = "amazon-de"
price = { amount = "47.60", currency = "EUR" }
[[products.freight]]
marketplace = "amazon-jp"
freight = { amount = "3", currency = "EUR" }
[[products.freight]]
marketplace = "amazon-de"
freight = { amount = "1", currency = "EUR" }

[[channels]]
id = "jp"
pack = "amazon-jp-fba"
monthly_units = 100
fx_cost = "0%"
[[channels.products]]
sku = "SPK-T"
fulfilment_fee = { amount = "500", currency = "JPY" }
duty_rate = "0%"

[[channels]]
id = "de"
pack = "amazon-de-fba"
monthly_units = 100
[[channels.products]]
sku = "SPK-T"
fulfilment_fee = { amount = "5", currency = "EUR" }
duty_rate = "0%"
"#;

#[test]
fn the_exchange_rate_moves_the_ranking() {
    // DE: net 47.60 ÷ 1.19 = 40; referral 7% × 47.60 = 3.332 → 3.33; FBA 5; landed 20 + 1 = 21.
    // Contribution 40 − 3.33 − 5 − 21 = 10.67; profit 100 × 10.67 − 39 = 1,028 EUR at any rate.
    // JP at 1 EUR = R yen: net 8,000; referral 8.4% × 8,800 = 739.2 → 739; FBA 500; landed 23R.
    // Profit (100 × (6,761 − 23R) − 4,900) ÷ R = 671,200 ÷ R − 2,300 EUR.
    // R = 150: 4,474.67 − 2,300 = 2,174.67 EUR → JP first. R = 250: 2,684.80 − 2,300 = 384.80 EUR → DE first.
    let strong_yen = run(
        JP_OR_DE,
        &[rate(Currency::EUR, Currency::JPY, dec!(150))],
        None,
    );
    let scenario = &strong_yen.scenarios[0];
    assert_eq!(contribution(channel(scenario, "de")), dec!(10.67));
    assert_eq!(
        channel(scenario, "de").monthly_profit_home,
        Some(Money::new(dec!(1028), Currency::EUR))
    );
    assert_eq!(contribution(channel(scenario, "jp")), dec!(3311));
    let jp_home = channel(scenario, "jp")
        .monthly_profit_home
        .expect("JP profit in EUR");
    assert_eq!(jp_home.amount.round_dp(2), dec!(2174.67));
    assert_eq!(scenario.ranking, ["jp", "de"]);

    let weak_yen = run(
        JP_OR_DE,
        &[rate(Currency::EUR, Currency::JPY, dec!(250))],
        None,
    );
    let scenario = &weak_yen.scenarios[0];
    let jp_home = channel(scenario, "jp")
        .monthly_profit_home
        .expect("JP profit in EUR");
    assert_eq!(jp_home.amount.round_dp(2), dec!(384.80));
    assert_eq!(scenario.ranking, ["de", "jp"]);
}

#[test]
fn missing_figures_are_flagged_on_their_line_and_the_rest_computes() {
    // Without Rakuten's user-entered rates and the MFN delivery cost, both channels still compute and
    // say what is missing, with the pack's prompt.
    let plan = JAPAN
        .replace(
            "quotes = [\n  { code = \"system-usage\", rate = \"5%\" },\n  { code = \"payment\", rate = \"3%\" },\n  { code = \"points\", rate = \"1%\" },\n]\n",
            "",
        )
        .replacen("shipping = { amount = \"700\", currency = \"JPY\" }\n", "", 1);
    let comparison = run(&plan, &japan_rates(), None);
    let scenario = &comparison.scenarios[0];
    let rakuten = channel(scenario, "rakuten");
    assert!(!rakuten.complete);
    let fields: Vec<&str> = rakuten.lines[0]
        .missing
        .iter()
        .map(|gap| gap.field.as_str())
        .collect();
    assert_eq!(
        fields,
        [
            "rakuten × SPK-T: quotes.system-usage",
            "rakuten × SPK-T: quotes.payment",
            "rakuten × SPK-T: quotes.points"
        ]
    );
    assert!(rakuten.lines[0].missing[0].message.en.contains("3.5–7.0%"));
    let mfn = channel(scenario, "mfn");
    assert_eq!(mfn.lines[0].missing[0].field, "mfn × SPK-T: shipping");
    assert!(!scenario.complete);
}

#[test]
fn unknown_scenario_and_pack_are_errors() {
    let plan = parse_plan("test.toml", JAPAN).expect("valid plan");
    let packs = landfall::packs::bundled().expect("packs");
    let channel_packs = bundled_channels().expect("channel packs");
    let error = compare(&plan, &packs, &channel_packs, &[], Some("Nope")).unwrap_err();
    assert!(
        error.to_string().contains("no scenario named \"Nope\""),
        "{error}"
    );
    let plan = parse_plan(
        "test.toml",
        &JAPAN.replace("pack = \"amazon-jp-mfn\"", "pack = \"amazon-jp-fbm\""),
    )
    .expect("valid plan");
    let error = compare(&plan, &packs, &channel_packs, &[], None).unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("field `channels[1].pack`: no channel pack `amazon-jp-fbm`"),
        "{error}"
    );
}

#[test]
fn references_left_behind_by_a_deleted_product_or_channel_are_listed_not_fatal() {
    let plan = format!(
        "{}
[[scenarios]]
name = \"Old\"
volumes = [{{ channel = \"fba\", monthly_units = 100 }}, {{ channel = \"gone\", monthly_units = 5 }}]
",
        JAPAN.replace(
            "[[channels.products]]\nsku = \"SPK-T\"\nfulfilment_fee",
            "[[channels.products]]\nsku = \"OLD-1\"\n[[channels.products]]\nsku = \"SPK-T\"\nfulfilment_fee"
        )
    );
    let comparison = run(&plan, &japan_rates(), None);
    let scenario = &comparison.scenarios[0];
    // The FBA channel still computes exactly as before.
    assert_eq!(channel(scenario, "fba").monthly_profit, dec!(96900));
    let messages: Vec<&str> = scenario
        .missing
        .iter()
        .map(|gap| gap.message.en.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "no channel has id \"gone\": this entry is ignored",
            "no product has SKU \"OLD-1\": these figures are ignored"
        ]
    );
    assert_eq!(
        scenario.missing[0].message.fr,
        "aucun canal n’a l’identifiant «\u{a0}gone\u{a0}»\u{a0}: cette entrée est ignorée"
    );
    assert!(!scenario.complete);
}

#[test]
fn a_channel_gap_names_its_input_channel_and_product() {
    let plan = JAPAN.replacen(
        "shipping = { amount = \"700\", currency = \"JPY\" }\n",
        "",
        1,
    );
    let comparison = run(&plan, &japan_rates(), None);
    let mfn = channel(&comparison.scenarios[0], "mfn");
    let gap = &mfn.lines[0].missing[0];
    assert_eq!(
        serde_json::to_value(&gap.input).expect("serialises"),
        serde_json::json!({
            "input": "shipping",
            "sku": "SPK-T",
            "marketplace": null,
            "channel": "mfn"
        })
    );
}
