//! The report's tables, typed cell by cell, shared by the XLSX and CSV writers (the JSON export is
//! the [`Report`] itself, which holds the same rows).

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::format::{self, Texts, texts};
use super::{ChannelComparison, LandedRow, Report, SignalLevel};
use crate::money::{Currency, Money};
use crate::packs::{Confidence, PackOrigin};

/// One cell: numbers stay numbers, with their currency for the number format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Text(String),
    Money(Decimal, Currency),
    /// A fraction shown as a percentage.
    Percent(Decimal),
    /// A plain number (a count, an exchange rate).
    Number(Decimal),
    Date(NaiveDate),
    Empty,
}

impl Cell {
    fn money(amount: Option<Decimal>, currency: Currency) -> Cell {
        amount.map_or(Cell::Empty, |amount| Cell::Money(amount, currency))
    }

    fn percent(fraction: Option<Decimal>) -> Cell {
        fraction.map_or(Cell::Empty, Cell::Percent)
    }

    fn text(text: impl Into<String>) -> Cell {
        Cell::Text(text.into())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Stable name: the CSV file name and the key tests use.
    pub id: &'static str,
    /// Title in the report's language.
    pub title: &'static str,
    pub columns: Vec<&'static str>,
    pub rows: Vec<Vec<Cell>>,
}

/// Every table of the report, in order: summary, checklist, landed cost, fees, channel comparison,
/// phased scenarios month by month, sensitivity and channel user figures (when the report has them), missing inputs, exchange rates, user figures, working,
/// sources.
pub fn tables(report: &Report) -> Vec<Table> {
    let lang = report.cover.lang;
    let t = texts(lang);
    let mut all = vec![
        summary(report, t),
        checklist(report, t),
        landed(report, t),
        fees(report, t),
    ];
    if let Some(section) = &report.channels {
        all.push(channels(section, t));
        all.push(timeline(section, t));
        all.push(sensitivity(section, t));
        all.push(weights(section, t));
        all.push(weighing(section, t));
        all.push(obligations(section, t));
        all.push(channel_overrides(section, t));
    }
    all.extend([
        missing(report, t),
        fx(report, t),
        overrides(report, t),
        working(report, t),
        sources(report, t),
    ]);
    all
}

fn summary(report: &Report, t: &Texts) -> Table {
    let s = &report.summary;
    let count = |n: usize| Cell::Number(Decimal::from(n));
    let mut rows = vec![
        vec![Cell::text(t.products), count(s.products)],
        vec![Cell::text(t.targets), count(s.targets)],
        vec![Cell::text(t.lines), count(s.lines)],
        vec![Cell::text(t.complete), count(s.complete)],
        vec![Cell::text(t.negative_margins), count(s.negative_margins)],
        vec![Cell::text(t.missing_inputs), count(s.missing_inputs)],
    ];
    for (label, line) in [(t.best_line, &s.best), (t.worst_line, &s.worst)] {
        if let Some(line) = line {
            rows.push(vec![
                Cell::text(format!(
                    "{label}: {} ({})",
                    line.sku,
                    format::marketplace(line.marketplace)
                )),
                Cell::Money(line.margin.amount, line.margin.currency),
                Cell::Percent(line.margin_rate),
            ]);
        }
    }
    if let Some(best) = &s.best_channel {
        rows.push(vec![
            Cell::text(format!(
                "{}: {} ({})",
                t.best_channel, best.name, best.scenario
            )),
            Cell::Money(
                best.monthly_profit_home.amount,
                best.monthly_profit_home.currency,
            ),
        ]);
    }
    for signal in &s.signals {
        rows.push(vec![
            Cell::text(level(t, signal.level)),
            Cell::text(&signal.text),
        ]);
    }
    Table {
        id: "summary",
        title: t.summary,
        columns: vec![t.figure, t.value, t.margin_rate],
        rows,
    }
}

/// One row per scenario × channel, most profitable first within a scenario; channels missing from
/// the comparison's total are flagged incomplete.
fn channels(section: &ChannelComparison, t: &Texts) -> Table {
    let rows = section
        .scenarios
        .iter()
        .flat_map(|scenario| {
            scenario.channels.iter().map(move |channel| {
                let c = channel.currency;
                let count = |n: Option<u64>| n.map_or(Cell::Empty, |n| Cell::Number(n.into()));
                vec![
                    Cell::text(&scenario.name),
                    Cell::text(&channel.channel),
                    Cell::text(&channel.name),
                    Cell::text(c.code()),
                    Cell::Number(channel.monthly_units.into()),
                    Cell::Money(channel.revenue, c),
                    Cell::money(channel.contribution_per_unit, c),
                    Cell::percent(channel.margin_rate),
                    Cell::Money(channel.fixed_monthly, c),
                    // An incomplete channel's partial profit is not a figure to read.
                    if channel.complete {
                        Cell::Money(channel.monthly_profit, c)
                    } else {
                        Cell::Empty
                    },
                    channel
                        .monthly_profit_home
                        .map_or(Cell::Empty, |home| Cell::Money(home.amount, home.currency)),
                    Cell::Money(channel.setup, c),
                    count(channel.break_even_units),
                    count(channel.months_to_recover),
                    Cell::text(if channel.complete { t.yes } else { t.no }),
                ]
            })
        })
        .collect();
    Table {
        id: "channels",
        title: t.channel_comparison,
        columns: vec![
            t.scenario,
            "id",
            t.channel,
            t.currency,
            t.units_per_month,
            t.revenue,
            t.contribution_per_unit,
            t.margin_rate,
            t.fixed_monthly,
            t.monthly_profit,
            t.monthly_profit_home,
            t.setup,
            t.break_even,
            t.months_to_recover,
            t.complete,
        ],
        rows,
    }
}

/// The sensitivity rows, largest swing first; the low and high values as changes of the input.
fn sensitivity(section: &ChannelComparison, t: &Texts) -> Table {
    let rows = section
        .sensitivity
        .iter()
        .map(|row| {
            let money = |money: Money| Cell::Money(money.amount, money.currency);
            vec![
                Cell::text(&section.selected),
                Cell::text(&row.label),
                Cell::text(&row.description),
                Cell::Percent(row.low_factor - Decimal::ONE),
                Cell::Percent(row.high_factor - Decimal::ONE),
                money(row.profit_low),
                money(row.profit_base),
                money(row.profit_high),
                Cell::Money(row.swing, row.profit_base.currency),
            ]
        })
        .collect();
    Table {
        id: "sensitivity",
        title: t.sensitivity,
        columns: vec![
            t.scenario,
            t.input,
            t.value,
            t.low_value,
            t.high_value,
            t.profit_low,
            t.profit_base,
            t.profit_high,
            t.swing,
        ],
        rows,
    }
}

/// The months of every phased scenario, in the home currency.
fn timeline(section: &ChannelComparison, t: &Texts) -> Table {
    let money = |money: Money| Cell::Money(money.amount, money.currency);
    let rows = section
        .scenarios
        .iter()
        .filter_map(|scenario| Some((scenario, scenario.timeline.as_ref()?)))
        .flat_map(|(scenario, timeline)| {
            timeline.months.iter().map(move |month| {
                vec![
                    Cell::text(&scenario.name),
                    Cell::Number(month.month.into()),
                    Cell::Number(month.phase.into()),
                    money(month.monthly_profit),
                    money(month.setup),
                    money(month.profit),
                    money(month.cumulative),
                ]
            })
        })
        .collect();
    Table {
        id: "timeline",
        title: t.timeline,
        columns: vec![
            t.scenario,
            t.month,
            t.phase,
            t.monthly_profit,
            t.setup,
            t.month_profit,
            t.cumulative,
        ],
        rows,
    }
}

fn weights(section: &ChannelComparison, t: &Texts) -> Table {
    Table {
        id: "weights",
        title: t.criteria_weights,
        columns: vec![t.criterion, t.weight, t.set_in_plan],
        rows: section
            .weighing
            .criteria
            .iter()
            .map(|criterion| {
                vec![
                    Cell::text(&criterion.label),
                    Cell::Number(criterion.weight),
                    Cell::text(if criterion.from_plan { t.yes } else { t.no }),
                ]
            })
            .collect(),
    }
}

/// Each channel's qualitative score in the selected scenario, best first, beside its profit.
fn weighing(section: &ChannelComparison, t: &Texts) -> Table {
    Table {
        id: "weighing",
        title: t.weighing,
        columns: vec![
            t.scenario,
            t.channel,
            t.score,
            t.monthly_profit_home,
            t.formula,
        ],
        rows: section
            .weighing
            .channels
            .iter()
            .map(|score| {
                vec![
                    Cell::text(&section.selected),
                    Cell::text(&score.channel),
                    Cell::Number(score.score),
                    score
                        .monthly_profit_home
                        .map_or(Cell::Empty, |home| Cell::Money(home.amount, home.currency)),
                    Cell::text(&score.formula),
                ]
            })
            .collect(),
    }
}

/// One row per channel and own-store obligation, with the side that carries it.
fn obligations(section: &ChannelComparison, t: &Texts) -> Table {
    let rows = section
        .obligations
        .iter()
        .flat_map(|row| {
            let side = |items: &[String], who: &'static str| {
                items
                    .iter()
                    .map(|title| vec![Cell::text(&row.channel), Cell::text(who), Cell::text(title)])
                    .collect::<Vec<_>>()
            };
            let mut rows = side(&row.seller, t.seller);
            rows.extend(side(&row.marketplace, t.marketplace));
            rows
        })
        .collect();
    Table {
        id: "obligations",
        title: t.obligations,
        columns: vec![t.channel, t.carried_by, t.item],
        rows,
    }
}

fn channel_overrides(section: &ChannelComparison, t: &Texts) -> Table {
    Table {
        id: "channel-overrides",
        title: t.channel_overrides,
        columns: vec![t.channel, t.sku, t.figure, t.formula, t.source],
        rows: section
            .overrides
            .iter()
            .map(|row| {
                vec![
                    Cell::text(&row.channel),
                    row.sku.as_ref().map_or(Cell::Empty, Cell::text),
                    Cell::text(&row.label),
                    Cell::text(&row.formula),
                    row.source.as_ref().map_or(Cell::Empty, Cell::text),
                ]
            })
            .collect(),
    }
}

pub(crate) fn level(t: &Texts, level: SignalLevel) -> &'static str {
    match level {
        SignalLevel::Go => t.go,
        SignalLevel::Caution => t.caution,
        SignalLevel::Stop => t.stop,
    }
}

fn checklist(report: &Report, t: &Texts) -> Table {
    let rows = report
        .checklist
        .iter()
        .flat_map(|target| {
            target.items.iter().map(move |row| {
                vec![
                    Cell::text(&target.title),
                    Cell::text(&row.channels),
                    Cell::text(&row.id),
                    Cell::text(&row.group),
                    Cell::text(&row.title),
                    Cell::text(&row.status),
                    Cell::text(&row.owner),
                    row.due.map_or(Cell::Empty, Cell::Date),
                    Cell::text(if row.overdue { t.yes } else { t.no }),
                    Cell::text(if row.launch_blocking { t.yes } else { t.no }),
                ]
            })
        })
        .collect();
    Table {
        id: "checklist",
        title: t.checklist,
        columns: vec![
            t.checklist,
            t.channel,
            "id",
            t.group,
            t.item,
            t.status,
            t.owner,
            t.due,
            t.overdue,
            t.launch_blocking,
        ],
        rows,
    }
}

fn landed(report: &Report, t: &Texts) -> Table {
    let rows = report
        .landed
        .iter()
        .map(|row: &LandedRow| {
            let e = &row.economics;
            let c = e.currency;
            let (home_amount, home_currency) = match &e.margin_home {
                Some(home) => (
                    Cell::Money(home.amount, home.currency),
                    home.currency.code().to_string(),
                ),
                None => (Cell::Empty, report.cover.home_currency.clone()),
            };
            vec![
                Cell::text(&row.sku),
                Cell::text(&row.name),
                Cell::text(format::marketplace(e.marketplace)),
                Cell::text(c.code()),
                Cell::money(e.price, c),
                Cell::money(e.net_price, c),
                Cell::money(e.referral_fee, c),
                Cell::money(e.closing_fee, c),
                Cell::money(e.fulfilment_fee, c),
                Cell::money(e.selling_plan, c),
                Cell::money(e.unit_cost, c),
                Cell::money(e.freight, c),
                Cell::money(e.duty, c),
                Cell::money(e.import_taxes, c),
                Cell::money(e.landed_cost, c),
                Cell::money(e.margin, c),
                Cell::percent(e.margin_rate),
                Cell::Text(home_currency),
                home_amount,
                Cell::text(row.hs.as_ref().map_or("", |hs| hs.dotted.as_str())),
                Cell::text(
                    row.hs
                        .as_ref()
                        .and_then(|hs| hs.description.as_deref())
                        .unwrap_or_default(),
                ),
            ]
        })
        .collect();
    Table {
        id: "landed-cost",
        title: t.landed,
        columns: vec![
            t.sku,
            t.product,
            t.marketplace,
            t.currency,
            t.price,
            t.net_price,
            t.referral_fee,
            t.closing_fee,
            t.fulfilment_fee,
            t.selling_plan,
            t.unit_cost,
            t.freight,
            t.duty,
            t.import_taxes,
            t.landed,
            t.margin,
            t.margin_rate,
            t.home,
            t.margin_home,
            t.hs_code,
            t.hs_description,
        ],
        rows,
    }
}

fn fees(report: &Report, t: &Texts) -> Table {
    let rows = report
        .fees
        .iter()
        .flat_map(|group| {
            let c = group.currency;
            group.rows.iter().map(move |row| {
                vec![
                    Cell::text(format::marketplace(group.marketplace)),
                    Cell::text(c.code()),
                    Cell::text(&row.sku),
                    Cell::text(&row.name),
                    Cell::money(row.price, c),
                    Cell::money(row.referral_fee, c),
                    Cell::money(row.closing_fee, c),
                    Cell::money(row.fulfilment_fee, c),
                    Cell::money(row.selling_plan, c),
                    Cell::money(row.total, c),
                    Cell::percent(row.share_of_price),
                ]
            })
        })
        .collect();
    Table {
        id: "fees",
        title: t.fees,
        columns: vec![
            t.marketplace,
            t.currency,
            t.sku,
            t.product,
            t.price,
            t.referral_fee,
            t.closing_fee,
            t.fulfilment_fee,
            t.selling_plan,
            t.total_fees,
            t.share_of_price,
        ],
        rows,
    }
}

fn missing(report: &Report, t: &Texts) -> Table {
    Table {
        id: "missing",
        title: t.missing,
        columns: vec![t.sku, t.marketplace, t.field, t.message],
        rows: report
            .missing
            .iter()
            .map(|gap| {
                vec![
                    Cell::text(&gap.sku),
                    Cell::text(format::marketplace(gap.marketplace)),
                    Cell::text(&gap.field),
                    Cell::text(&gap.message),
                ]
            })
            .collect(),
    }
}

fn fx(report: &Report, t: &Texts) -> Table {
    Table {
        id: "fx",
        title: t.fx_rates,
        columns: vec![t.from, t.to, t.rate, t.date, t.source],
        rows: report
            .assumptions
            .fx
            .iter()
            .map(|rate| {
                vec![
                    Cell::text(rate.from.code()),
                    Cell::text(rate.to.code()),
                    Cell::Number(rate.rate),
                    Cell::Date(rate.date),
                    Cell::text(rate.source.text().get(report.cover.lang)),
                ]
            })
            .collect(),
    }
}

fn overrides(report: &Report, t: &Texts) -> Table {
    Table {
        id: "overrides",
        title: t.overrides,
        columns: vec![t.sku, t.marketplace, t.figure, t.formula, t.source],
        rows: report
            .assumptions
            .overrides
            .iter()
            .map(|row| {
                vec![
                    Cell::text(&row.sku),
                    Cell::text(format::marketplace(row.marketplace)),
                    Cell::text(&row.label),
                    Cell::text(&row.formula),
                    row.source.as_ref().map_or(Cell::Empty, Cell::text),
                ]
            })
            .collect(),
    }
}

fn working(report: &Report, t: &Texts) -> Table {
    let rows = report
        .landed
        .iter()
        .flat_map(|row| {
            let e = &row.economics;
            e.explain.iter().map(move |step| {
                vec![
                    Cell::text(&row.sku),
                    Cell::text(format::marketplace(e.marketplace)),
                    Cell::text(step.label.get(report.cover.lang)),
                    Cell::text(step.formula.get(report.cover.lang)),
                    step.amount.map_or(Cell::Empty, Cell::Number),
                    step.rule.as_ref().map_or(Cell::Empty, |rule| {
                        Cell::text(&rule.provenance.source.title)
                    }),
                ]
            })
        })
        .collect();
    Table {
        id: "working",
        title: t.working,
        columns: vec![
            t.sku,
            t.marketplace,
            t.figure,
            t.formula,
            t.amount,
            t.source,
        ],
        rows,
    }
}

fn sources(report: &Report, t: &Texts) -> Table {
    let rows = report
        .sources
        .iter()
        .map(|row| {
            vec![
                Cell::text(row.used_for.join(", ")),
                Cell::text(&row.title),
                Cell::text(&row.url),
                Cell::Date(row.effective_from),
                row.effective_until.map_or(Cell::Empty, Cell::Date),
                Cell::text(confidence(t, row.confidence)),
                Cell::text(origin(t, row.origin)),
                Cell::text(&row.location),
                Cell::text(if row.older_than_a_year { t.yes } else { t.no }),
            ]
        })
        .collect();
    Table {
        id: "sources",
        title: t.sources,
        columns: vec![
            t.figure,
            t.source,
            t.url,
            t.effective_from,
            t.effective_until,
            t.confidence,
            t.origin,
            t.location,
            t.older_than_a_year,
        ],
        rows,
    }
}

pub(crate) fn confidence(t: &Texts, confidence: Confidence) -> &'static str {
    match confidence {
        Confidence::Official => t.official,
        Confidence::OfficialCopy => t.official_copy,
        Confidence::Secondary => t.secondary,
    }
}

pub(crate) fn origin(t: &Texts, origin: PackOrigin) -> &'static str {
    match origin {
        PackOrigin::Bundled => t.bundled,
        PackOrigin::User => t.user,
    }
}

/// One table as RFC 4180 CSV: numbers as plain decimals with a point (machine-readable whatever the
/// language), dates as ISO 8601, headers in the report's language.
///
/// A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return
/// before one) as a formula, so a product named `=HYPERLINK(…)` would become a link in the
/// reader's spreadsheet. Such text cells are written with a leading apostrophe, which the
/// spreadsheet shows instead of running anything. Numbers are never touched: a negative margin is
/// written `-12.5` and opens as the number −12.5, and a text cell that is exactly a plain number
/// (`-3`) is left as it is too, since it opens as that number and cannot run anything.
pub fn to_csv(table: &Table) -> String {
    let mut out = String::new();
    push_record(
        &mut out,
        table.columns.iter().map(|title| title.to_string()),
    );
    for row in &table.rows {
        push_record(
            &mut out,
            row.iter().map(|cell| match cell {
                Cell::Text(text) => neutralised(text),
                Cell::Money(amount, _) | Cell::Number(amount) | Cell::Percent(amount) => {
                    amount.normalize().to_string()
                }
                Cell::Date(date) => date.to_string(),
                Cell::Empty => String::new(),
            }),
        );
    }
    out
}

/// `text`, with a leading apostrophe if a spreadsheet would read it as a formula.
fn neutralised(text: &str) -> String {
    let formula_like = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if formula_like && text.parse::<Decimal>().is_err() {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

fn push_record(out: &mut String, fields: impl Iterator<Item = String>) {
    for (index, field) in fields.enumerate() {
        if index > 0 {
            out.push(',');
        }
        if field.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&field);
        }
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_only_what_needs_quoting() {
        let table = Table {
            id: "t",
            title: "T",
            columns: vec!["a", "b"],
            rows: vec![vec![
                Cell::Text("say \"hi\", twice".to_string()),
                Cell::Money(Decimal::new(12350, 2), Currency::EUR),
            ]],
        };
        assert_eq!(to_csv(&table), "a,b\r\n\"say \"\"hi\"\", twice\",123.5\r\n");
    }

    #[test]
    fn csv_text_that_a_spreadsheet_would_run_is_defused_numbers_are_not() {
        let row = |text: &str| Table {
            id: "t",
            title: "T",
            columns: vec!["name", "margin"],
            rows: vec![vec![
                Cell::Text(text.to_string()),
                Cell::Money(Decimal::new(-1250, 2), Currency::EUR),
            ]],
        };
        let cases = [
            (
                "=HYPERLINK(\"http://x\",\"y\")",
                "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"",
            ),
            ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
            ("+33 1 23", "'+33 1 23"),
            ("-2+3", "'-2+3"),
            ("\t=1+1", "'\t=1+1"),
            ("\r=1+1", "\"'\r=1+1\""),
            ("-3", "-3"),
            ("Speaker = loud", "Speaker = loud"),
        ];
        for (text, written) in cases {
            assert_eq!(
                to_csv(&row(text)),
                format!("name,margin\r\n{written},-12.5\r\n"),
                "{text:?}"
            );
        }
    }
}
