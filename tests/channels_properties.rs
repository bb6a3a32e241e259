//! Invariants: break-even agrees with the contribution and the fixed costs; a scenario's profit is
//! units × contribution − fixed; the sensitivity rows agree with the unit economics they move.

use landfall::channels::{
    ChannelPacks, Context, Knobs, SensitivityInput, break_even, bundled_channels, evaluate,
    months_to_recover, sensitivity,
};
use landfall::cost::Detail;
use landfall::packs::Packs;
use landfall::plan::parse_plan;
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::sync::OnceLock;

fn packs() -> &'static (Packs, ChannelPacks) {
    static PACKS: OnceLock<(Packs, ChannelPacks)> = OnceLock::new();
    PACKS.get_or_init(|| {
        (
            landfall::packs::bundled().expect("packs"),
            bundled_channels().expect("channel packs"),
        )
    })
}

proptest! {
    #[test]
    fn break_even_is_the_smallest_volume_that_covers_the_fixed_costs(
        fixed_cents in 0i64..100_000_000,
        contribution_cents in -50_000i64..500_000,
    ) {
        let fixed = Decimal::new(fixed_cents, 2);
        let contribution = Decimal::new(contribution_cents, 2);
        match break_even(fixed, contribution) {
            Some(units) => {
                prop_assert!(contribution > Decimal::ZERO);
                let units = Decimal::from(units);
                prop_assert!(units * contribution >= fixed);
                if units > Decimal::ZERO {
                    prop_assert!((units - Decimal::ONE) * contribution < fixed);
                }
            }
            None => prop_assert!(contribution <= Decimal::ZERO),
        }
    }

    #[test]
    fn set_up_is_recovered_in_the_first_month_whose_profit_covers_it(
        setup_cents in 0i64..100_000_000,
        profit_cents in -50_000i64..5_000_000,
    ) {
        let setup = Decimal::new(setup_cents, 2);
        let profit = Decimal::new(profit_cents, 2);
        match months_to_recover(setup, profit) {
            Some(months) => {
                let months = Decimal::from(months);
                prop_assert!(months * profit >= setup);
                if months > Decimal::ZERO {
                    prop_assert!((months - Decimal::ONE) * profit < setup);
                }
            }
            None => prop_assert!(profit <= Decimal::ZERO && setup > Decimal::ZERO),
        }
    }
}

/// One Amazon.co.jp FBA channel in yen (home JPY, so no FX), with the varied inputs.
fn plan_text(price: u32, units: u32, ad_percent: u32, return_percent: u32, fixed: u32) -> String {
    format!(
        r#"
[plan]
name = "Property"
as_of = "2026-11-22"
home_currency = "JPY"
[seller]
country = "FR"
entity = "company"
[[products]]
sku = "P"
name = "Product"
hs_code = "851822"
category = "electronics"
unit_cost = {{ amount = "1500", currency = "JPY" }}
[[products.prices]]
marketplace = "amazon-jp"
price = {{ amount = "{price}", currency = "JPY" }}
[[products.freight]]
marketplace = "amazon-jp"
freight = {{ amount = "200", currency = "JPY" }}
[[channels]]
id = "fba"
pack = "amazon-jp-fba"
monthly_units = {units}
ad_share = "{ad_percent}%"
return_rate = "{return_percent}%"
cost_per_return = {{ amount = "900", currency = "JPY" }}
fixed = [{{ label = "IOR", amount = {{ amount = "{fixed}", currency = "JPY" }} }}]
[[channels.products]]
sku = "P"
fulfilment_fee = {{ amount = "400", currency = "JPY" }}
duty_rate = "0%"
"#
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn scenario_profit_break_even_and_sensitivity_follow_the_unit_economics(
        // Multiples of ¥11 keep the price net of 10% tax exact (¥11k ÷ 1.1 = ¥10k), so every
        // figure is a terminating decimal and equalities hold exactly.
        price_elevenths in 73u32..2_700,
        units in 1u32..2_000,
        ad_percent in 0u32..30,
        return_percent in 0u32..20,
        fixed in 0u32..500_000,
    ) {
        let price = price_elevenths * 11;
        let plan = parse_plan("p.toml", &plan_text(price, units, ad_percent, return_percent, fixed))
            .expect("valid plan");
        let (packs, channel_packs) = packs();
        let context = Context {
            plan: &plan,
            packs,
            channel_packs,
            rates: &[],
            detail: Detail::Numbers,
            knobs: Knobs::NEUTRAL,
        };
        let scenario = landfall::channels::base_scenario(&plan);
        let result = evaluate(&context, &scenario);
        let channel = &result.channels[0];
        let figures = channel.lines[0].figures.as_ref().expect("figures");
        let volume = Decimal::from(units);

        // Profit = units × contribution − fixed (Professional plan ¥4,900 + the plan's fixed cost).
        prop_assert_eq!(channel.fixed_monthly, Decimal::from(fixed) + Decimal::from(4900));
        prop_assert_eq!(channel.monthly_profit, volume * figures.contribution - channel.fixed_monthly);
        prop_assert_eq!(
            channel.break_even_units,
            break_even(channel.fixed_monthly, figures.contribution)
        );
        // Contribution is the net price less every cost line.
        prop_assert_eq!(
            figures.contribution,
            figures.net_price - figures.marketplace_fees - figures.fulfilment - figures.landed_cost
                - figures.payment_fees - figures.fx_cost - figures.returns - figures.marketing
        );

        let rows = sensitivity(&context, &scenario);
        prop_assert_eq!(rows.len(), SensitivityInput::ALL.len());
        for pair in rows.windows(2) {
            prop_assert!(pair[0].swing >= pair[1].swing);
        }
        let base = channel.monthly_profit;
        for row in &rows {
            prop_assert_eq!(row.profit_base.amount, base);
            let price = Decimal::from(price);
            let ad_share = Decimal::from(ad_percent) / Decimal::ONE_HUNDRED;
            let return_rate = Decimal::from(return_percent) / Decimal::ONE_HUNDRED;
            match row.input {
                // Ads are share × price per unit: halving saves 0.5 × share × price × units.
                SensitivityInput::AdShare => {
                    let step = ad_share * price * volume / Decimal::TWO;
                    prop_assert_eq!(row.profit_low.amount, base + step);
                    prop_assert_eq!(row.profit_high.amount, base - step);
                }
                // Returns are rate × ¥900 per unit: halving saves half, doubling costs one more.
                SensitivityInput::ReturnRate => {
                    let cost = return_rate * Decimal::from(900) * volume;
                    prop_assert_eq!(row.profit_low.amount, base + cost / Decimal::TWO);
                    prop_assert_eq!(row.profit_high.amount, base - cost);
                }
                // Duty is 0%, and with the home currency as the market's nothing is converted.
                SensitivityInput::DutyRate | SensitivityInput::FxRate => {
                    prop_assert_eq!(row.swing, Decimal::ZERO);
                }
                // A higher price never lowers the profit (fees are a share of it, below 100%).
                SensitivityInput::Price => {
                    prop_assert!(row.profit_low.amount <= base && base <= row.profit_high.amount);
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// Any amounts, however large, give a comparison or a listed gap, never a panic (amounts above
    /// 10^15 are refused where they are used, as in the cost engine). The plan's validation and
    /// `FxRate::new` now refuse such figures, so the plan and the rate are built past them, as a
    /// caller of the engine may.
    #[test]
    fn huge_or_odd_inputs_never_panic(
        price_digits in 0u32..29,
        cost_digits in 0u32..29,
        fixed_digits in 0u32..29,
        units in 1u32..u32::MAX,
        rate_digits in 0u32..28,
    ) {
        let big = |digits: u32| format!("1{}", "0".repeat(digits as usize));
        let text = plan_text(1000, 10, 5, 3, 0)
            .replace("amount = \"1000\", currency = \"JPY\"", &format!("amount = \"{}\", currency = \"JPY\"", big(price_digits)))
            .replace("amount = \"900\"", &format!("amount = \"{}\"", big(cost_digits)))
            .replace("amount = \"0\", currency = \"JPY\"", &format!("amount = \"{}\", currency = \"JPY\"", big(fixed_digits)))
            .replace("monthly_units = 10", &format!("monthly_units = {units}"));
        let plan: landfall::plan::Plan = toml::from_str(&text).expect("the plan's shape");
        let (packs, channel_packs) = packs();
        let rates = [landfall::money::FxRate {
            from: landfall::money::Currency::EUR,
            to: landfall::money::Currency::JPY,
            rate: Decimal::from_str_exact(&big(rate_digits)).expect("rate"),
            date: plan.plan.as_of,
            source: landfall::money::FxSource::EcbReference,
        }];
        let comparison = landfall::channels::compare(&plan, packs, channel_packs, &rates, None)
            .expect("comparison");
        prop_assert_eq!(comparison.scenarios.len(), 1);
    }
}
