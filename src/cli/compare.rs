//! `landfall compare PLAN [--json] [--scenario NAME] [--fx FROM/TO=RATE[@DATE]]… [--packs DIR]`:
//! channel comparison of a plan (unit economics, fixed costs, break-even, scenarios side by side,
//! sensitivity, qualitative weighing, own-store obligations the seller carries on each channel).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::str::FromStr;

use anyhow::Context as _;
use clap::Args;
use landfall::channels::{self, ChannelPacks, ChannelResult, Comparison, ScenarioResult, Timeline};
use landfall::cost::Missing;
use landfall::money::{Currency, FxRate, Money, group_digits};
use landfall::packs::Packs;
use landfall::plan::Plan;
use rust_decimal::Decimal;

use super::landed::{emit, out_line, render_steps};
use super::quote::{ecb_pairs, plan_with_given_rates};

#[derive(Args, Debug)]
pub struct CompareArgs {
    /// Plan file (TOML) with `[[channels]]` (and optionally `[[scenarios]]` and `[criteria]`).
    pub plan: PathBuf,
    /// Print the comparison as JSON (amounts as decimal strings).
    #[arg(long)]
    pub json: bool,
    /// The scenario the sensitivity and the weighing use (default: the first).
    #[arg(long, value_name = "NAME")]
    pub scenario: Option<String>,
    /// An exchange rate, `EUR/JPY=171.78` (1 EUR = 171.78 JPY), optionally `@2026-11-20`. Repeat per
    /// pair. Pairs not given come from the ECB rates in force at the plan's as-of date.
    #[arg(long = "fx", value_name = "FROM/TO=RATE[@DATE]")]
    pub fx: Vec<String>,
    /// Folder of your own rule-pack files, merged over the bundled packs.
    #[arg(long, value_name = "DIR")]
    pub packs: Option<PathBuf>,
}

pub fn run(db: Option<&Path>, args: CompareArgs) -> anyhow::Result<ExitCode> {
    let (plan, mut rates) = plan_with_given_rates(&args.plan, &args.fx)?;
    let packs = super::packs::load_packs(args.packs.as_deref())?;
    let channel_packs = channels::bundled_channels()?;
    let needed = needed_pairs(&plan, &packs, &channel_packs, &rates);
    rates.extend(ecb_pairs(db, plan.plan.as_of, needed)?);
    let comparison = channels::compare(
        &plan,
        &packs,
        &channel_packs,
        &rates,
        args.scenario.as_deref(),
    )
    .with_context(|| args.plan.display().to_string())?;
    if args.json {
        emit(&format!("{}\n", serde_json::to_string_pretty(&comparison)?))?;
    } else {
        emit(&render(&comparison))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Currency pairs the comparison needs and `--fx` does not give: from the home currency, every
/// currency written in the plan and every pack currency, to each channel's market currency.
fn needed_pairs(
    plan: &Plan,
    packs: &Packs,
    channel_packs: &ChannelPacks,
    given: &[FxRate],
) -> Vec<(Currency, Currency)> {
    let mut from: BTreeSet<Currency> = BTreeSet::new();
    let mut to: BTreeSet<Currency> = BTreeSet::new();
    let mut codes: Vec<&str> = vec![plan.plan.home_currency.as_str()];
    for product in &plan.products {
        codes.extend(product.unit_cost.iter().map(|cost| cost.currency.as_str()));
        codes.extend(
            product
                .prices
                .iter()
                .map(|price| price.price.currency.as_str()),
        );
        for freight in &product.freight {
            codes.extend(
                std::iter::once(&freight.freight)
                    .chain(&freight.insurance)
                    .map(|amount| amount.currency.as_str()),
            );
        }
    }
    for channel in &plan.channels {
        let amounts = channel
            .cpa
            .iter()
            .chain(&channel.cost_per_return)
            .chain(
                channel
                    .fixed
                    .iter()
                    .chain(&channel.setup)
                    .map(|item| &item.amount),
            )
            .chain(
                channel
                    .quotes
                    .iter()
                    .filter_map(|quote| quote.amount.as_ref()),
            )
            .chain(channel.products.iter().flat_map(|entry| {
                entry
                    .price
                    .iter()
                    .chain(&entry.fulfilment_fee)
                    .chain(&entry.shipping)
            }));
        codes.extend(amounts.map(|amount| amount.currency.as_str()));
        let pack = channel_packs.get(&channel.pack);
        let payment = channel
            .payment
            .as_deref()
            .and_then(|id| channel_packs.get(id));
        from.extend(pack.iter().chain(&payment).map(|pack| pack.header.currency));
        let market = pack.and_then(|pack| pack.header.market).or(channel.market);
        to.extend(
            market
                .and_then(|market| packs.marketplace(market.marketplace().id()))
                .map(|marketplace| marketplace.header.currency),
        );
    }
    from.extend(
        codes
            .into_iter()
            .filter_map(|code| Currency::from_str(code).ok()),
    );
    let covered = |a: Currency, b: Currency| {
        given
            .iter()
            .any(|rate| (rate.from, rate.to) == (a, b) || (rate.from, rate.to) == (b, a))
    };
    from.iter()
        .flat_map(|a| to.iter().map(move |b| (*a, *b)))
        .filter(|(a, b)| a != b && !covered(*a, *b))
        .collect()
}

fn show(amount: Decimal) -> String {
    group_digits(amount.round_dp(2))
}

fn show_money(money: Option<Money>) -> String {
    money.map_or_else(
        || "—".to_string(),
        |money| format!("{} {}", show(money.amount), money.currency),
    )
}

fn show_count(count: Option<u64>, unit: &str) -> String {
    count.map_or_else(|| "never".to_string(), |count| format!("{count} {unit}"))
}

fn render(comparison: &Comparison) -> String {
    let mut out = String::new();
    out_line!(
        out,
        "Channel comparison for \"{}\" as of {}",
        comparison.plan,
        comparison.as_of
    );
    for scenario in &comparison.scenarios {
        render_summary(&mut out, scenario);
    }
    if let Some(selected) = comparison
        .scenarios
        .iter()
        .find(|scenario| scenario.name == comparison.selected)
    {
        out_line!(out, "\nDetail of scenario \"{}\"", selected.name);
        for channel in &selected.channels {
            render_channel(&mut out, channel);
        }
    }
    out_line!(
        out,
        "\nSensitivity of the monthly profit (scenario \"{}\"), largest swing first",
        comparison.selected
    );
    if comparison.sensitivity.is_empty() {
        out_line!(
            out,
            "  not computed: the scenario's total profit in the home currency is unknown (see MISSING)"
        );
    }
    for row in &comparison.sensitivity {
        out_line!(
            out,
            "  {:?}: low {} | base {} | high {} | swing {} ({})",
            row.input,
            show_money(Some(row.profit_low)),
            show_money(Some(row.profit_base)),
            show_money(Some(row.profit_high)),
            show(row.swing),
            row.description
        );
    }
    out_line!(out, "\nQualitative weighing (1 poor – 5 good)");
    for criterion in &comparison.weighing.criteria {
        out_line!(
            out,
            "  weight {} — {}{}",
            group_digits(criterion.weight),
            criterion.label.en,
            if criterion.from_plan {
                " [your weight]"
            } else {
                ""
            }
        );
    }
    for score in &comparison.weighing.channels {
        out_line!(
            out,
            "  {}: score {} = {} | monthly profit {}",
            score.channel,
            show(score.score),
            score.explain.formula.en,
            show_money(score.monthly_profit_home)
        );
    }
    for gap in &comparison.weighing.missing {
        out_line!(out, "  MISSING {}: {}", gap.field, gap.message.en);
    }
    if !comparison.obligations.is_empty() {
        out_line!(
            out,
            "\nOwn-store obligations (`landfall checklist` lists them): carried by the seller | by the marketplace"
        );
    }
    for load in &comparison.obligations {
        out_line!(
            out,
            "  {} ({}): seller {} | marketplace {}",
            load.channel,
            load.market,
            load.seller.len(),
            load.marketplace.len()
        );
        if !load.marketplace.is_empty() {
            out_line!(
                out,
                "    marketplace carries: {}",
                load.marketplace
                    .iter()
                    .map(|obligation| obligation.code.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
    }
    out
}

fn render_summary(out: &mut String, scenario: &ScenarioResult) {
    // An incomplete scenario has no total and no best channel: a missing figure is not a loss.
    let total = if scenario.complete {
        show_money(scenario.total_monthly_profit_home)
    } else {
        format!("incomplete, needs {}", needs(&scenario_gaps(scenario)))
    };
    out_line!(
        out,
        "\nScenario \"{}\": total monthly profit {total}",
        scenario.name
    );
    for (rank, id) in scenario.ranking.iter().enumerate() {
        let Some(channel) = scenario
            .channels
            .iter()
            .find(|channel| &channel.channel == id)
        else {
            continue;
        };
        out_line!(
            out,
            "  {}. {} ({}): {} units/month, profit {} {} = {}, fixed {}, break-even: {}, set-up recovered: {}{}",
            rank + 1,
            channel.channel,
            channel.name.en,
            channel.monthly_units,
            show(channel.monthly_profit),
            channel.currency,
            show_money(channel.monthly_profit_home),
            show(channel.fixed_monthly),
            show_count(channel.break_even_units, "units a month"),
            show_count(channel.months_to_recover, "months"),
            if scenario.best.as_ref() == Some(id) {
                " (best)"
            } else {
                ""
            }
        );
    }
    for channel in scenario
        .channels
        .iter()
        .filter(|channel| !scenario.ranking.contains(&channel.channel))
    {
        out_line!(
            out,
            "  -  {} ({}): {} units/month, incomplete, needs {} (not ranked)",
            channel.channel,
            channel.name.en,
            channel.monthly_units,
            needs(&channel_gaps(channel))
        );
    }
    if let Some(timeline) = &scenario.timeline {
        render_timeline(out, timeline);
    }
}

/// A channel's gaps and its products'.
fn channel_gaps(channel: &ChannelResult) -> Vec<&Missing> {
    channel
        .missing
        .iter()
        .chain(channel.lines.iter().flat_map(|line| &line.missing))
        .collect()
}

fn scenario_gaps(scenario: &ScenarioResult) -> Vec<&Missing> {
    scenario
        .missing
        .iter()
        .chain(scenario.channels.iter().flat_map(channel_gaps))
        .collect()
}

/// The inputs the gaps need, each once, by their plan names (`price, shipping`).
fn needs(gaps: &[&Missing]) -> String {
    let mut names: Vec<String> = Vec::new();
    for gap in gaps {
        let name = serde_json::to_value(gap.input.input)
            .ok()
            .and_then(|value| value.as_str().map(str::to_owned))
            .unwrap_or_default();
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names.join(", ")
}

fn render_timeline(out: &mut String, timeline: &Timeline) {
    for phase in &timeline.phases {
        out_line!(
            out,
            "  from month {}: {} a month ({})",
            phase.from_month,
            show_money(phase.result.total_monthly_profit_home),
            phase.result.ranking.join(", ")
        );
    }
    for gap in &timeline.missing {
        out_line!(out, "  MISSING {}: {}", gap.field, gap.message.en);
    }
    if timeline.months.is_empty() {
        return;
    }
    out_line!(
        out,
        "  month | phase | monthly profit | set-up | profit | cumulative"
    );
    for row in &timeline.months {
        out_line!(
            out,
            "  {:>5} | {:>5} | {} | {} | {} | {}",
            row.month,
            row.phase,
            show_money(Some(row.monthly_profit)),
            show_money(Some(row.setup)),
            show_money(Some(row.profit)),
            show_money(Some(row.cumulative))
        );
    }
    if !timeline.complete {
        out_line!(out, "  payback: incomplete (see MISSING)");
        return;
    }
    out_line!(
        out,
        "  payback: {}",
        timeline.payback_month.map_or_else(
            || "not within the timeline".to_string(),
            |month| format!("month {month} (cumulative profit ≥ 0 from then on)")
        )
    );
}

fn render_channel(out: &mut String, channel: &ChannelResult) {
    out_line!(
        out,
        "\n{} — {} ({}, {:?})",
        channel.channel,
        channel.name.en,
        channel.currency,
        channel.model
    );
    for line in &channel.lines {
        out_line!(out, "  {} × {} units", line.sku, line.monthly_units);
        render_steps(out, "    ", &line.explain);
        if let Some(figures) = &line.figures {
            for (label, amount) in [
                ("price", figures.price),
                ("net price", figures.net_price),
                ("marketplace fees", figures.marketplace_fees),
                ("fulfilment", figures.fulfilment),
                ("landed cost", figures.landed_cost),
                ("payment fees", figures.payment_fees),
                ("FX conversion", figures.fx_cost),
                ("returns", figures.returns),
                ("marketing", figures.marketing),
                ("contribution", figures.contribution),
            ] {
                out_line!(out, "    {label}: {}", show(amount));
            }
            out_line!(
                out,
                "    contribution in home currency: {}",
                show_money(figures.contribution_home)
            );
            if let Some(rate) = figures.margin_rate {
                out_line!(out, "    margin: {}%", show(rate * Decimal::ONE_HUNDRED));
            }
            if let Some(roi) = figures.roi {
                out_line!(
                    out,
                    "    ROI on landed cost: {}%",
                    show(roi * Decimal::ONE_HUNDRED)
                );
            }
        }
        for gap in &line.missing {
            out_line!(out, "    MISSING {}: {}", gap.field, gap.message.en);
        }
    }
    render_steps(out, "  ", &channel.explain);
    for gap in &channel.missing {
        out_line!(out, "  MISSING {}: {}", gap.field, gap.message.en);
    }
}
