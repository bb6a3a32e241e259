//! The PDF: typst embedded as a library. The template and the fonts are compiled into the binary;
//! the report reaches the template as one JSON file (`/data.json`) with every string already
//! written in the report's language, and the charts as SVG files (`/charts/N.svg`), all served from
//! memory by [`ReportWorld`]. Nothing is read from disk and nothing is fetched.

use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::Datelike;
use rust_decimal::Decimal;
use serde_json::{Value, json};
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime};
use typst::layout::PagedDocument;
use typst::syntax::{FileId, Source, VirtualPath};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use super::format::{self, Lang, Texts, texts};
use super::tables::{confidence, level, origin};
use super::{
    BestChannel, ChannelComparison, ChecklistRow, ChecklistTarget, LandedRow, Paper, Report,
    ReportError, chart,
};
use crate::money::Currency;

const TEMPLATE: &str = include_str!("../../data/templates/report.typ");

/// Liberation Sans (Latin), IPAexGothic (Japanese, and the fallback for any glyph Liberation
/// lacks) and Noto Sans Arabic (Arabic script: a seller's or product's name in Arabic, 500 KB for
/// both weights, unmodified). Licences in `data/fonts/`.
static FONT_FILES: [&[u8]; 5] = [
    include_bytes!("../../data/fonts/LiberationSans-Regular.ttf"),
    include_bytes!("../../data/fonts/LiberationSans-Bold.ttf"),
    include_bytes!("../../data/fonts/ipaexg.ttf"),
    include_bytes!("../../data/fonts/NotoSansArabic-Regular.ttf"),
    include_bytes!("../../data/fonts/NotoSansArabic-Bold.ttf"),
];

static FONTS: LazyLock<(LazyHash<FontBook>, Vec<Font>)> = LazyLock::new(|| {
    let fonts: Vec<Font> = FONT_FILES
        .iter()
        .flat_map(|data| Font::iter(Bytes::new(*data)))
        .collect();
    (LazyHash::new(FontBook::from_fonts(&fonts)), fonts)
});

static LIBRARY: LazyLock<LazyHash<Library>> =
    LazyLock::new(|| LazyHash::new(Library::builder().build()));

/// Lines shown in detail (chart and working); every line stays in the overview table and the XLSX.
pub const DETAIL_LIMIT: usize = 40;

/// Where a long export has got to, for a progress display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// Drawing chart `done` of `total`.
    Charts { done: usize, total: usize },
    /// Laying out the pages.
    Typesetting,
    /// Writing the PDF file.
    Writing,
}

/// A rendered PDF.
#[derive(Debug)]
pub struct Pdf {
    pub bytes: Vec<u8>,
    pub pages: usize,
    /// Characters of the report that no bundled font can draw (they print as empty boxes), each
    /// once, in the order met: the reader is told rather than left to find them.
    pub unrendered: Vec<char>,
}

/// Renders the report to PDF, reporting progress to `progress`.
pub fn render(report: &Report, mut progress: impl FnMut(Progress)) -> Result<Pdf, ReportError> {
    let lang = report.cover.lang;
    let detailed = report.landed.len().min(DETAIL_LIMIT);
    let channel_charts = report.channels.as_ref().map_or(0, |section| {
        1 + section
            .scenarios
            .iter()
            .map(|scenario| 2 * chart::by_currency(&scenario.channels).len())
            .sum::<usize>()
    });
    let total = detailed + channel_charts;
    let mut charts = Charts {
        files: HashMap::new(),
        done: 0,
        total,
    };
    let mut waterfalls = Vec::with_capacity(detailed);
    for row in report.landed.iter().take(detailed) {
        let svg = chart::waterfall(row, lang)?;
        waterfalls.push(charts.add(svg, &mut progress));
    }
    let channels = match &report.channels {
        Some(section) => channels_view(section, &mut charts, &mut progress, lang)?,
        None => Value::Null,
    };
    let mut view = view(report, &waterfalls);
    view["channels"] = channels;
    let unrendered = unrendered(&view);
    let mut files = charts.files;
    if let Some(logo) = &report.cover.logo {
        files.insert(file_id("/logo"), Bytes::new(logo.bytes().to_vec()));
    }
    files.insert(
        file_id("/data.json"),
        Bytes::new(serde_json::to_vec(&view)?),
    );
    let world = ReportWorld {
        main: Source::new(file_id("/main.typ"), TEMPLATE.to_string()),
        files,
        today: report.cover.generated_on,
    };
    progress(Progress::Typesetting);
    let document = typst::compile::<PagedDocument>(&world)
        .output
        .map_err(|errors| ReportError::Template(describe(&errors)))?;
    progress(Progress::Writing);
    let bytes = typst_pdf::pdf(&document, &typst_pdf::PdfOptions::default())
        .map_err(|errors| ReportError::Pdf(describe(&errors)))?;
    Ok(Pdf {
        bytes,
        pages: document.pages.len(),
        unrendered,
    })
}

/// The characters in the report's text that none of [`FONT_FILES`] covers.
fn unrendered(view: &Value) -> Vec<char> {
    let fonts = &FONTS.1;
    let mut seen = std::collections::HashSet::new();
    let mut missing = Vec::new();
    let mut pending = vec![view];
    while let Some(value) = pending.pop() {
        match value {
            Value::String(text) => {
                for c in text
                    .chars()
                    .filter(|c| !c.is_control() && !c.is_whitespace())
                {
                    if seen.insert(c)
                        && !fonts
                            .iter()
                            .any(|font| font.info().coverage.contains(c as u32))
                    {
                        missing.push(c);
                    }
                }
            }
            Value::Array(items) => pending.extend(items.iter().rev()),
            Value::Object(fields) => pending.extend(fields.values().rev()),
            _ => {}
        }
    }
    missing
}

/// The SVG charts drawn so far, served to the template as `/charts/N.svg`.
struct Charts {
    files: HashMap<FileId, Bytes>,
    done: usize,
    total: usize,
}

impl Charts {
    /// Stores a chart (when there is one) and reports progress; returns its path for the template.
    fn add(&mut self, svg: Option<String>, progress: &mut impl FnMut(Progress)) -> Option<String> {
        progress(Progress::Charts {
            done: self.done,
            total: self.total,
        });
        let path = svg.map(|svg| {
            let path = format!("/charts/{}.svg", self.done);
            self.files.insert(file_id(&path), Bytes::from_string(svg));
            path
        });
        self.done += 1;
        path
    }
}

/// The channel comparison and sensitivity sections, with their charts.
fn channels_view(
    section: &ChannelComparison,
    charts: &mut Charts,
    progress: &mut impl FnMut(Progress),
    lang: Lang,
) -> Result<Value, ReportError> {
    let t = texts(lang);
    let count = |n: Option<u64>| {
        n.map_or_else(|| t.never.to_string(), |n| lang.number(Decimal::from(n), 0))
    };
    let mut scenarios = Vec::with_capacity(section.scenarios.len());
    for scenario in &section.scenarios {
        let mut graphs = Vec::new();
        for (currency, group) in chart::by_currency(&scenario.channels) {
            let bars = charts.add(chart::contribution_bars(&group, lang, currency)?, progress);
            let lines = charts.add(chart::profit_by_volume(&group, lang, currency)?, progress);
            graphs.push(json!({
                "contribution": bars,
                "profit": lines,
                "currency": currency.code(),
            }));
        }
        let total = scenario.total_monthly_profit_home.map_or_else(
            || t.not_available.to_string(),
            |money| format::money(lang, money.amount, money.currency),
        );
        scenarios.push(json!({
            "title": scenario.name,
            "facts": [[t.total_monthly_profit, if scenario.complete { total } else { t.incomplete.to_string() }]],
            "table": {
                "columns": [t.channel, t.units_per_month, t.revenue, t.contribution_per_unit, t.margin_rate, t.fixed_monthly, t.monthly_profit, t.monthly_profit_home, t.break_even, t.months_to_recover],
                "numeric": [1, 2, 3, 4, 5, 6, 7, 8, 9],
                "widths": [2.4, 1, 1.3, 1.2, 1, 1.2, 1.3, 1.3, 1.2, 1.2],
                "rows": scenario.channels.iter().map(|channel| {
                    let c = channel.currency;
                    if !channel.complete {
                        // A missing input: no profit, loss or break-even is stated.
                        let mut row = vec![
                            format!("{}\n({})", channel.name, channel.channel),
                            lang.number(Decimal::from(channel.monthly_units), 0),
                        ];
                        row.extend(std::iter::repeat_n(t.incomplete.to_string(), 8));
                        return row;
                    }
                    vec![
                        format!("{}\n({})", channel.name, channel.channel),
                        lang.number(Decimal::from(channel.monthly_units), 0),
                        format::money(lang, channel.revenue, c),
                        money(lang, channel.contribution_per_unit, c, t),
                        percent(lang, channel.margin_rate, t),
                        format::money(lang, channel.fixed_monthly, c),
                        format::money(lang, channel.monthly_profit, c),
                        channel.monthly_profit_home.map_or_else(|| t.not_available.to_string(), |home| format::money(lang, home.amount, home.currency)),
                        count(channel.break_even_units),
                        count(channel.months_to_recover),
                    ]
                }).collect::<Vec<_>>(),
            },
            "charts": graphs,
            "timeline": scenario.timeline.as_ref().map(|timeline| {
                let money = |money: crate::money::Money| format::money(lang, money.amount, money.currency);
                json!({
                    "table": {
                        "columns": [t.month, t.phase, t.monthly_profit, t.setup, t.month_profit, t.cumulative],
                        "numeric": [0, 1, 2, 3, 4, 5],
                        "rows": timeline.months.iter().map(|month| vec![
                            month.month.to_string(),
                            month.phase.to_string(),
                            money(month.monthly_profit),
                            money(month.setup),
                            money(month.profit),
                            money(month.cumulative),
                        ]).collect::<Vec<_>>(),
                    },
                    "payback": match timeline.payback_month {
                        _ if !timeline.complete => t.incomplete.to_string(),
                        Some(month) => format::fill(t.payback, &[&month.to_string()]),
                        None => format::fill(t.no_payback, &[&timeline.months.len().to_string()]),
                    },
                })
            }),
        }));
    }
    let tornado = charts.add(chart::tornado(&section.sensitivity, lang)?, progress);
    let change = |factor: Decimal| {
        let text = format::percent(lang, factor - Decimal::ONE);
        if factor > Decimal::ONE {
            format!("+{text}")
        } else {
            text
        }
    };
    Ok(json!({
        "note": format::fill(t.selected_scenario_note, &[&section.selected]),
        "scenarios": scenarios,
        "overrides": {
            "columns": [t.channel, t.sku, t.figure, t.formula, t.source],
            "numeric": [],
            "limited": (section.overrides.len() > DETAIL_LIMIT).then(|| format::fill(t.rows_limited, &[&DETAIL_LIMIT.to_string()])),
            "rows": section.overrides.iter().take(DETAIL_LIMIT).map(|row| vec![
                row.channel.clone(),
                row.sku.clone().unwrap_or_default(),
                row.label.clone(),
                row.formula.clone(),
                row.source.clone().unwrap_or_default(),
            ]).collect::<Vec<_>>(),
        },
        "missing": {
            "columns": [t.field, t.message],
            "numeric": [],
            "rows": section.missing.iter().map(|gap| vec![gap.field.clone(), gap.message.clone()]).collect::<Vec<_>>(),
        },
        "weighing": {
            "intro": format::fill(t.weighing_intro, &[&section.selected]),
            "criteria": {
                "columns": [t.criterion, t.weight],
                "numeric": [1],
                "rows": section.weighing.criteria.iter().map(|criterion| vec![
                    if criterion.from_plan { format!("{} *", criterion.label) } else { criterion.label.clone() },
                    lang.grouped(criterion.weight),
                ]).collect::<Vec<_>>(),
            },
            "plan_weight": section.weighing.criteria.iter().any(|criterion| criterion.from_plan).then_some(t.plan_weight),
            "channels": {
                "columns": [t.channel, t.score, t.monthly_profit_home, t.formula],
                "numeric": [1, 2],
                "widths": [1.6, 0.8, 1.2, 4],
                "rows": section.weighing.channels.iter().map(|score| vec![
                    score.channel.clone(),
                    lang.number(score.score, 2),
                    score.monthly_profit_home.map_or_else(|| t.not_available.to_string(), |home| format::money(lang, home.amount, home.currency)),
                    score.formula.clone(),
                ]).collect::<Vec<_>>(),
            },
        },
        "obligations": {
            "intro": t.obligations_intro,
            "columns": [t.channel, t.seller_carries, t.marketplace_carries],
            "numeric": [],
            "widths": [1.2, 3, 3],
            "rows": section.obligations.iter().map(|row| vec![
                row.channel.clone(),
                list(&row.seller, t),
                list(&row.marketplace, t),
            ]).collect::<Vec<_>>(),
        },
        "sensitivity": {
            "intro": format::fill(t.sensitivity_intro, &[&section.selected]),
            "table": {
                "columns": [t.input, t.low_value, t.high_value, t.profit_low, t.profit_base, t.profit_high, t.swing],
                "numeric": [1, 2, 3, 4, 5, 6],
                "rows": section.sensitivity.iter().map(|row| vec![
                    format!("{}\n({})", row.label, row.description),
                    change(row.low_factor),
                    change(row.high_factor),
                    format::money(lang, row.profit_low.amount, row.profit_low.currency),
                    format::money(lang, row.profit_base.amount, row.profit_base.currency),
                    format::money(lang, row.profit_high.amount, row.profit_high.currency),
                    format::money(lang, row.swing, row.profit_base.currency),
                ]).collect::<Vec<_>>(),
            },
            "chart": tornado,
        },
    }))
}

/// The count, then one item a line; a dash for none.
fn list(items: &[String], t: &Texts) -> String {
    if items.is_empty() {
        return t.not_available.to_string();
    }
    format!("({})\n{}", items.len(), items.join("\n"))
}

fn file_id(path: &str) -> FileId {
    FileId::new(None, VirtualPath::new(path))
}

fn describe(errors: &[SourceDiagnostic]) -> String {
    errors
        .iter()
        .map(|error| {
            let hints: Vec<&str> = error.hints.iter().map(|hint| hint.as_str()).collect();
            if hints.is_empty() {
                error.message.to_string()
            } else {
                format!("{} ({})", error.message, hints.join("; "))
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The template, the data and the charts, all in memory.
struct ReportWorld {
    main: Source,
    files: HashMap<FileId, Bytes>,
    today: chrono::NaiveDate,
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.0
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotFound(id.vpath().as_rootless_path().into()))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.files
            .get(&id)
            .cloned()
            .ok_or_else(|| FileError::NotFound(id.vpath().as_rootless_path().into()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.1.get(index).cloned()
    }

    fn today(&self, _offset: Option<i64>) -> Option<Datetime> {
        Datetime::from_ymd(
            self.today.year(),
            u8::try_from(self.today.month()).ok()?,
            u8::try_from(self.today.day()).ok()?,
        )
    }
}

/// What the template reads: every figure already written for the report's language.
fn view(report: &Report, chart_paths: &[Option<String>]) -> Value {
    let lang = report.cover.lang;
    let t = texts(lang);
    let cover = &report.cover;
    let mut facts = vec![
        (t.generated_on, format::date(lang, cover.generated_on)),
        (t.rules_as_of, format::date(lang, cover.as_of)),
        (t.home_currency, cover.home_currency.clone()),
    ];
    if let Some(client) = &cover.client {
        facts.insert(0, (t.prepared_for, client.clone()));
    }
    if let Some(consultant) = &cover.consultant {
        facts.insert(0, (t.prepared_by, consultant.clone()));
    }
    let limited = (report.landed.len() > DETAIL_LIMIT)
        .then(|| format::fill(t.detail_limited, &[&DETAIL_LIMIT.to_string()]));
    json!({
        "lang": lang.code(),
        "paper": match cover.paper { Paper::A4 => "a4", Paper::Letter => "us-letter" },
        "t": t,
        "cover": {
            "title": cover.title,
            "plan": cover.plan,
            "consultant": cover.consultant,
            "logo": cover.logo.is_some(),
            "facts": facts.iter().map(|(label, value)| [label.to_string(), value.clone()]).collect::<Vec<_>>(),
        },
        "summary": summary(report, t, lang),
        "checklist": report.checklist.iter().map(|target| checklist(target, t, lang)).collect::<Vec<_>>(),
        "landed": {
            "overview": overview(report, t, lang),
            "details": report.landed.iter().zip(chart_paths).map(|(row, chart)| detail(row, chart.as_deref(), t, lang)).collect::<Vec<_>>(),
            "limited": limited,
        },
        "fees": report.fees.iter().map(|group| {
            let c = group.currency;
            json!({
                "title": format!("{} ({c})", format::marketplace(group.marketplace)),
                "table": {
                    "columns": [t.sku, t.product, t.price, t.referral_fee, t.closing_fee, t.fulfilment_fee, t.selling_plan, t.total_fees, t.share_of_price],
                    "numeric": [2, 3, 4, 5, 6, 7, 8],
                    "rows": group.rows.iter().map(|row| vec![
                        row.sku.clone(),
                        row.name.clone(),
                        money(lang, row.price, c, t),
                        money(lang, row.referral_fee, c, t),
                        money(lang, row.closing_fee, c, t),
                        money(lang, row.fulfilment_fee, c, t),
                        money(lang, row.selling_plan, c, t),
                        money(lang, row.total, c, t),
                        percent(lang, row.share_of_price, t),
                    ]).collect::<Vec<_>>(),
                },
            })
        }).collect::<Vec<_>>(),
        "assumptions": {
            "statements": report.assumptions.statements,
            "fx": {
                "columns": [t.from, t.to, t.rate, t.date, t.source],
                "numeric": [2],
                "rows": report.assumptions.fx.iter().map(|rate| vec![
                    rate.from.code().to_string(),
                    rate.to.code().to_string(),
                    lang.rate(rate.rate),
                    format::date(lang, rate.date),
                    rate.source.text().get(lang).to_string(),
                ]).collect::<Vec<_>>(),
            },
            "overrides": {
                "columns": [t.sku, t.marketplace, t.figure, t.formula, t.source],
                "numeric": [],
                "rows": report.assumptions.overrides.iter().map(|row| vec![
                    row.sku.clone(),
                    format::marketplace(row.marketplace).to_string(),
                    row.label.clone(),
                    row.formula.clone(),
                    row.source.clone().unwrap_or_default(),
                ]).collect::<Vec<_>>(),
            },
        },
        "missing": {
            "columns": [t.sku, t.marketplace, t.field, t.message],
            "numeric": [],
            "rows": report.missing.iter().map(|gap| vec![
                gap.sku.clone(),
                format::marketplace(gap.marketplace).to_string(),
                gap.field.clone(),
                gap.message.clone(),
            ]).collect::<Vec<_>>(),
        },
        "sources": {
            "columns": [t.figure, t.source, t.effective_from, t.confidence, t.origin],
            "numeric": [],
            "rows": report.sources.iter().map(|row| vec![
                row.used_for.join(", "),
                format!("{}\n{}", row.title, row.url),
                match row.effective_until {
                    Some(until) => format!("{} – {}", format::date(lang, row.effective_from), format::date(lang, until)),
                    None if row.older_than_a_year => format!("{} ({})", format::date(lang, row.effective_from), t.older_than_a_year.to_lowercase()),
                    None => format::date(lang, row.effective_from),
                },
                confidence(t, row.confidence).to_string(),
                format!("{}\n{}", origin(t, row.origin), row.location),
            ]).collect::<Vec<_>>(),
        },
        "disclaimer": report.disclaimer,
    })
}

fn money(lang: Lang, amount: Option<Decimal>, currency: Currency, t: &Texts) -> String {
    amount.map_or_else(
        || t.not_available.to_string(),
        |amount| format::money(lang, amount, currency),
    )
}

fn percent(lang: Lang, fraction: Option<Decimal>, t: &Texts) -> String {
    fraction.map_or_else(
        || t.not_available.to_string(),
        |fraction| format::percent(lang, fraction),
    )
}

fn summary(report: &Report, t: &Texts, lang: Lang) -> Value {
    let s = &report.summary;
    let line = |line: &Option<super::LineRef>| {
        line.as_ref().map(|line| {
            let home = line.margin_home.map_or_else(String::new, |home| {
                format!(" = {}", format::money(lang, home.amount, home.currency))
            });
            let colon = match lang {
                Lang::Fr => " :",
                Lang::En => ":",
            };
            format!(
                "{} — {} ({}){colon} {}{home}, {}",
                line.sku,
                line.name,
                format::marketplace(line.marketplace),
                format::money(lang, line.margin.amount, line.margin.currency),
                format::percent(lang, line.margin_rate)
            )
        })
    };
    let mut figures = vec![
        [t.products.to_string(), s.products.to_string()],
        [t.targets.to_string(), s.targets.to_string()],
        [t.lines.to_string(), s.lines.to_string()],
        [t.complete.to_string(), s.complete.to_string()],
        [
            t.negative_margins.to_string(),
            s.negative_margins.to_string(),
        ],
        [t.missing_inputs.to_string(), s.missing_inputs.to_string()],
    ];
    for (label, text) in [(t.best_line, line(&s.best)), (t.worst_line, line(&s.worst))] {
        if let Some(text) = text {
            figures.push([label.to_string(), text]);
        }
    }
    if let Some(best) = &s.best_channel {
        figures.push([t.best_channel.to_string(), best_channel(best, t, lang)]);
    }
    json!({
        "signals": s.signals.iter().map(|signal| json!({
            "level": signal.level,
            "label": level(t, signal.level),
            "text": signal.text,
        })).collect::<Vec<_>>(),
        "figures": figures,
    })
}

/// `Amazon.co.jp, fulfilled by Amazon (FBA) — scenario “Launch” — Profit / month €1,668.01 — …`.
pub(crate) fn best_channel(best: &BestChannel, t: &Texts, lang: Lang) -> String {
    let profit = format::money(
        lang,
        best.monthly_profit_home.amount,
        best.monthly_profit_home.currency,
    );
    let break_even = best.break_even_units.map_or_else(
        || t.never.to_string(),
        |units| lang.number(Decimal::from(units), 0),
    );
    let scenario = match lang {
        Lang::Fr => format!("« {} »", best.scenario),
        Lang::En => format!("“{}”", best.scenario),
    };
    format!(
        "{} — {} {scenario} — {} {profit} — {} {break_even}",
        best.name,
        t.scenario.to_lowercase(),
        t.monthly_profit,
        t.break_even,
    )
}

fn checklist(target: &ChecklistTarget, t: &Texts, lang: Lang) -> Value {
    let readiness = format!(
        "{} ({} / {})",
        format::percent(lang, target.readiness_percent / Decimal::ONE_HUNDRED),
        target.done,
        target.total
    );
    let launch = if target.launch_date_is_earliest {
        format!(
            "{} ({})",
            format::date(lang, target.launch_date),
            t.earliest
        )
    } else {
        format::date(lang, target.launch_date)
    };
    let table = |rows: &[ChecklistRow]| {
        json!({
            "columns": [t.group, t.item, t.status, t.owner, t.due, t.launch_blocking],
            "numeric": [],
            "rows": rows.iter().map(|row| vec![
                row.group.clone(),
                if row.channels.is_empty() {
                    row.title.clone()
                } else {
                    format!("{} ({})", row.title, row.channels)
                },
                row.status.clone(),
                row.owner.clone(),
                match (row.due, row.overdue) {
                    (Some(due), true) => format!("{} ({})", format::date(lang, due), t.overdue),
                    (Some(due), false) => format::date(lang, due),
                    (None, _) => t.not_available.to_string(),
                },
                if row.launch_blocking { t.yes } else { t.no }.to_string(),
            ]).collect::<Vec<_>>(),
        })
    };
    let mut facts = vec![
        [t.readiness.to_string(), readiness],
        [t.launch_date.to_string(), launch],
    ];
    if !target.channels.is_empty() {
        facts.push([t.channel.to_string(), target.channels.join(", ")]);
    }
    json!({
        "title": target.title,
        "facts": facts,
        "blockers": table(&target.blockers),
        "items": table(&target.items),
    })
}

fn overview(report: &Report, t: &Texts, lang: Lang) -> Value {
    json!({
        "columns": [t.sku, t.product, t.marketplace, t.price, t.landed, t.total_fees, t.margin, t.margin_rate, t.margin_home],
        "numeric": [3, 4, 5, 6, 7, 8],
        "rows": report.landed.iter().map(|row| {
            let e = &row.economics;
            let c = e.currency;
            vec![
                row.sku.clone(),
                row.name.clone(),
                format::marketplace(e.marketplace).to_string(),
                money(lang, e.price, c, t),
                money(lang, e.landed_cost, c, t),
                money(lang, row.total_fees(), c, t),
                money(lang, e.margin, c, t),
                percent(lang, e.margin_rate, t),
                e.margin_home.map_or_else(|| t.not_available.to_string(), |home| format::money(lang, home.amount, home.currency)),
            ]
        }).collect::<Vec<_>>(),
    })
}

fn detail(row: &LandedRow, chart: Option<&str>, t: &Texts, lang: Lang) -> Value {
    let e = &row.economics;
    let c = e.currency;
    let figures: Vec<[String; 2]> = [
        (t.price, e.price),
        (t.net_price, e.net_price),
        (t.referral_fee, e.referral_fee),
        (t.closing_fee, e.closing_fee),
        (t.fulfilment_fee, e.fulfilment_fee),
        (t.selling_plan, e.selling_plan),
        (t.unit_cost, e.unit_cost),
        (t.freight, e.freight),
        (t.duty, e.duty),
        (t.landed, e.landed_cost),
        (t.import_taxes, e.import_taxes),
        (t.margin, e.margin),
    ]
    .into_iter()
    .map(|(label, amount)| [label.to_string(), money(lang, amount, c, t)])
    .chain([[t.margin_rate.to_string(), percent(lang, e.margin_rate, t)]])
    .chain(e.margin_home.map(|home| {
        [
            t.margin_home.to_string(),
            format::money(lang, home.amount, home.currency),
        ]
    }))
    .collect();
    json!({
        "title": format!("{} — {} — {}", row.sku, row.name, format::marketplace(e.marketplace)),
        "hs": row.hs.as_ref().map(|hs| match &hs.description {
            Some(description) => {
                let colon = match lang {
                    Lang::Fr => "\u{a0}: ",
                    Lang::En => ": ",
                };
                format!("{} {}{colon}{description}", t.hs_code, hs.dotted)
            }
            None => format::fill(t.hs_not_found, &[&hs.dotted]),
        }),
        "chart": chart,
        "figures": figures,
        "missing": e.missing.iter().map(|gap| {
            let (need, sentence) = super::gaps::gap_words(gap, lang);
            [need, sentence]
        }).collect::<Vec<_>>(),
        "working": e.explain.iter().map(|step| [step.label.get(lang), step.formula.get(lang)]).collect::<Vec<_>>(),
    })
}
