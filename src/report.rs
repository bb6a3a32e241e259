//! Planning reports: one model built from the engine's results for a plan, independent of the
//! output, and its writers (PDF through embedded typst, XLSX, CSV, JSON).
//!
//! [`build`] is pure (the generation date is an argument). The writers in the submodules turn the
//! model into bytes and do no file IO themselves: the caller decides where the bytes go.
//!
//! Each engine adds its own section as a new field (the market-entry checklist and the channel
//! comparison have joined this way); the existing sections do not change.

pub mod channels;
pub mod chart;
pub mod export;
pub mod format;
pub mod gaps;
pub mod pdf;
pub mod tables;
pub mod xlsx;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::checklist::catalogue::CatalogueKey;
use crate::checklist::engine::{ItemResult, PlanChecklist, Status, SubjectRef, TargetChecklist};
use crate::cost::{Explanation, Missing, Quote, UnitEconomics};
use crate::hs::{HsLabel, HsStatus};
use crate::money::{Currency, FxRate, Money, add_quotation, checked_ratio};
use crate::packs::{Confidence, PackOrigin, Provenance};
use crate::plan::{Marketplace, Plan};

pub use channels::{
    BestChannel, ChannelComparison, ChannelOverride, ComparedChannel, ComparedScenario,
    ScenarioTimeline, SensitivityLine,
};
pub use format::Lang;

/// Page size of the PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

/// What the reader chooses; everything else comes from the plan and the engine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReportOptions {
    pub lang: Lang,
    pub paper: Paper,
    /// The consultant who hands the report over (cover and footer).
    pub consultant: Option<String>,
    /// The client the report is for (cover).
    pub client: Option<String>,
    /// The day the report is produced (the cover's date; the rules' date is the plan's `as_of`).
    #[ts(type = "string")]
    pub generated_on: NaiveDate,
    /// The consultant's logo on the PDF cover.
    #[serde(skip)]
    #[ts(skip)]
    pub logo: Option<Logo>,
}

/// A logo image (PNG, JPEG or SVG), checked by [`Logo::new`]. It belongs to the PDF's look, so the
/// JSON export leaves it out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logo {
    bytes: Vec<u8>,
}

impl Logo {
    pub fn new(bytes: Vec<u8>) -> Result<Logo, ReportError> {
        let text_start = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_lowercase();
        let svg = text_start
            .trim_start_matches('\u{feff}')
            .trim_start()
            .starts_with('<')
            && String::from_utf8_lossy(&bytes).contains("<svg");
        if bytes.starts_with(b"\x89PNG\r\n\x1a\n") || bytes.starts_with(b"\xff\xd8\xff") || svg {
            Ok(Logo { bytes })
        } else {
            Err(ReportError::Logo)
        }
    }

    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }
}

/// The whole report. Amounts are exact decimals in the item's currency (strings in JSON).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Report {
    pub cover: Cover,
    pub summary: Summary,
    /// The market-entry checklist of each target that has a catalogue.
    #[serde(default)]
    pub checklist: Vec<ChecklistTarget>,
    /// Landed cost and unit economics, one row per product × target marketplace.
    pub landed: Vec<LandedRow>,
    /// Marketplace fees, grouped by marketplace.
    pub fees: Vec<MarketplaceFees>,
    /// The channel comparison and its sensitivity, when the plan has channels
    /// ([`Report::with_channels`]).
    #[serde(default)]
    pub channels: Option<ChannelComparison>,
    pub assumptions: Assumptions,
    /// Inputs the engine needed and did not get, on their line.
    pub missing: Vec<MissingRow>,
    /// Every sourced figure used, with its source, dates and confidence.
    pub sources: Vec<SourceRow>,
    pub disclaimer: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Cover {
    pub title: String,
    pub plan: String,
    pub client: Option<String>,
    pub consultant: Option<String>,
    #[ts(type = "string")]
    pub generated_on: NaiveDate,
    /// The date the rules were evaluated at.
    #[ts(type = "string")]
    pub as_of: NaiveDate,
    pub home_currency: String,
    pub lang: Lang,
    pub paper: Paper,
    /// The consultant's logo (PDF only).
    #[serde(skip)]
    #[ts(skip)]
    pub logo: Option<Logo>,
}

/// Go / caution / stop signals and the headline figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Summary {
    pub products: usize,
    pub targets: usize,
    /// Product × target lines quoted.
    pub lines: usize,
    /// Lines whose margin could be computed.
    pub complete: usize,
    /// Complete lines with a margin below zero.
    pub negative_margins: usize,
    /// Missing inputs over all lines.
    pub missing_inputs: usize,
    /// The complete line with the highest margin rate, and the lowest.
    pub best: Option<LineRef>,
    pub worst: Option<LineRef>,
    /// The most profitable channel of the comparison's selected scenario.
    #[serde(default)]
    pub best_channel: Option<BestChannel>,
    pub signals: Vec<Signal>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LineRef {
    pub sku: String,
    pub name: String,
    pub marketplace: Marketplace,
    pub margin: Money,
    pub margin_home: Option<Money>,
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub margin_rate: Decimal,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum SignalLevel {
    Go,
    Caution,
    Stop,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Signal {
    pub level: SignalLevel,
    pub text: String,
}

/// One section of the checklist (a marketplace target, an own store or Rakuten shop, or the rules
/// shared across channels), in the report's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ChecklistTarget {
    /// The section's heading: the marketplace, the channel, or the shared rules' title.
    pub title: String,
    /// For shared rules: the channels of the plan they were evaluated for.
    pub channels: Vec<String>,
    /// Mandatory confirmed items done with valid evidence, and how many are counted.
    pub done: u32,
    pub total: u32,
    /// `done ÷ total × 100`, two decimals.
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub readiness_percent: Decimal,
    #[ts(type = "string")]
    pub launch_date: NaiveDate,
    /// No launch date was given: the earliest one the remaining lead times allow.
    pub launch_date_is_earliest: bool,
    /// Launch-blocking items not done, by due date.
    pub blockers: Vec<ChecklistRow>,
    /// Every applicable item, in the engine's order.
    pub items: Vec<ChecklistRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ChecklistRow {
    pub id: String,
    pub group: String,
    pub title: String,
    /// The status, or for an item that depends on an answer, what it depends on.
    pub status: String,
    /// For a shared item: the channels it concerns.
    pub channels: String,
    pub launch_blocking: bool,
    /// The named owner, else the role.
    pub owner: String,
    #[ts(type = "string | null")]
    pub due: Option<NaiveDate>,
    pub overdue: bool,
}

/// One product on one marketplace, in the marketplace's currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LandedRow {
    pub sku: String,
    pub name: String,
    /// The product's HS code with its description, or flagged when the nomenclature lacks it.
    pub hs: Option<HsLabel>,
    pub economics: UnitEconomics,
}

impl LandedRow {
    /// Referral + closing + fulfilment + selling plan, when all are known.
    pub fn total_fees(&self) -> Option<Decimal> {
        let e = &self.economics;
        Some(e.referral_fee? + e.closing_fee? + e.fulfilment_fee? + e.selling_plan?)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MarketplaceFees {
    pub marketplace: Marketplace,
    pub currency: Currency,
    pub rows: Vec<FeeRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FeeRow {
    pub sku: String,
    pub name: String,
    #[serde(with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub price: Option<Decimal>,
    #[serde(with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub referral_fee: Option<Decimal>,
    #[serde(with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub closing_fee: Option<Decimal>,
    #[serde(with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub fulfilment_fee: Option<Decimal>,
    #[serde(with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub selling_plan: Option<Decimal>,
    #[serde(with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub total: Option<Decimal>,
    /// Total ÷ displayed price, as a fraction.
    #[serde(with = "rust_decimal::serde::str_option")]
    #[ts(type = "string | null")]
    pub share_of_price: Option<Decimal>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Assumptions {
    /// The engine's stated assumptions, in the report's language.
    pub statements: Vec<String>,
    /// Every exchange rate used, with its date and source.
    pub fx: Vec<FxRate>,
    /// Figures the user supplied in place of (or in addition to) the bundled packs.
    pub overrides: Vec<OverrideRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OverrideRow {
    pub sku: String,
    pub marketplace: Marketplace,
    pub label: String,
    pub formula: String,
    /// The user's pack source, when the figure came from a user pack.
    pub source: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MissingRow {
    pub sku: String,
    pub marketplace: Marketplace,
    /// What is missing, in words ("the freight and insurance").
    pub field: String,
    /// Why it matters, in the report's language.
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SourceRow {
    /// The figures (explanation labels) this source backs, e.g. "Referral fee".
    pub used_for: Vec<String>,
    pub title: String,
    pub url: String,
    #[ts(type = "string")]
    pub effective_from: NaiveDate,
    #[ts(type = "string | null")]
    pub effective_until: Option<NaiveDate>,
    pub confidence: Confidence,
    pub origin: PackOrigin,
    /// Pack file and line of the figure.
    pub location: String,
    /// In force for more than a year at the plan's as-of date: worth checking again.
    pub older_than_a_year: bool,
}

/// Builds the report of `plan` from its quote (computed with `Detail::Explained` for the working and
/// sources to be complete) and its checklists.
pub fn build(
    plan: &Plan,
    quote: &Quote,
    checklists: &PlanChecklist,
    options: &ReportOptions,
) -> Report {
    let text = format::texts(options.lang);
    let products: BTreeMap<&str, &crate::plan::Product> = plan
        .products
        .iter()
        .map(|product| (product.sku.as_str(), product))
        .collect();
    let name_of = |sku: &str| {
        products
            .get(sku)
            .map(|product| product.name.clone())
            .unwrap_or_default()
    };
    // Without the nomenclature (a damaged build) the codes are shown bare rather than failing.
    let nomenclature = crate::hs::nomenclature().ok();
    let hs_of = |sku: &str| {
        let code = products.get(sku)?.hs_code.as_deref()?;
        Some(match nomenclature {
            Some(nomenclature) => nomenclature.label(code),
            None => HsLabel {
                code: code.to_owned(),
                dotted: crate::hs::dotted(code),
                description: None,
                status: HsStatus::Subheading,
            },
        })
    };
    let landed: Vec<LandedRow> = quote
        .items
        .iter()
        .map(|item| LandedRow {
            sku: item.sku.clone(),
            name: name_of(&item.sku),
            hs: hs_of(&item.sku),
            economics: item.clone(),
        })
        .collect();
    Report {
        cover: Cover {
            title: text.title.to_string(),
            plan: plan.plan.name.clone(),
            client: options.client.clone(),
            consultant: options.consultant.clone(),
            generated_on: options.generated_on,
            as_of: plan.plan.as_of,
            home_currency: plan.plan.home_currency.as_str().to_string(),
            lang: options.lang,
            paper: options.paper,
            logo: options.logo.clone(),
        },
        summary: summary(plan, &landed, &checklists.targets, options.lang),
        checklist: checklist_sections(checklists, options.lang),
        fees: fees(&landed),
        channels: None,
        assumptions: assumptions(&landed, options.lang),
        missing: missing(&landed, options.lang),
        sources: sources(
            landed.iter().flat_map(|row| &row.economics.explain),
            plan.plan.as_of,
            options.lang,
        ),
        disclaimer: text.disclaimer.to_string(),
        landed,
    }
}

/// The checklist sections in the report's order: targets, own stores and Rakuten shops, then the
/// rules shared across channels. A channel's blockers may be shared items, listed in their section.
fn checklist_sections(checklists: &PlanChecklist, lang: Lang) -> Vec<ChecklistTarget> {
    let row = |item: &ItemResult| checklist_row(item, lang);
    let section =
        |title: String, channels: Vec<String>, checklist: &crate::checklist::engine::Checklist| {
            let blockers = checklist
                .readiness
                .blockers
                .iter()
                .filter_map(|id| checklists.item(id))
                .map(row)
                .collect();
            ChecklistTarget {
                title,
                channels,
                done: checklist.readiness.done,
                total: checklist.readiness.total,
                readiness_percent: checklist.readiness.percent,
                launch_date: checklist.launch_date,
                launch_date_is_earliest: checklist.launch_date_is_earliest,
                blockers,
                items: checklist.items.iter().map(row).collect(),
            }
        };
    let targets = checklists.targets.iter().map(|target: &TargetChecklist| {
        section(
            format::marketplace(target.marketplace).to_string(),
            Vec::new(),
            &target.checklist,
        )
    });
    let stores = checklists.stores.iter().map(|store| {
        let title = match (store.scope, lang) {
            (CatalogueKey::Rakuten, Lang::En) => format!("Rakuten Ichiba shop “{}”", store.channel),
            (CatalogueKey::Rakuten, Lang::Fr) => {
                format!("Boutique Rakuten Ichiba «\u{a0}{}\u{a0}»", store.channel)
            }
            (_, Lang::En) => format!("Own store “{}”", store.channel),
            (_, Lang::Fr) => format!("Boutique en propre «\u{a0}{}\u{a0}»", store.channel),
        };
        section(title, Vec::new(), &store.checklist)
    });
    let shared = checklists.shared.iter().map(|shared| {
        section(
            shared.title.get(lang).to_string(),
            shared.channels.iter().map(channel_name).collect(),
            &shared.checklist,
        )
    });
    targets.chain(stores).chain(shared).collect()
}

fn checklist_row(item: &ItemResult, lang: Lang) -> ChecklistRow {
    let text = format::texts(lang);
    ChecklistRow {
        id: item.id.clone(),
        group: item.group_title.get(lang).to_string(),
        title: item.title.get(lang).to_string(),
        status: if item.undecided {
            item.reason.get(lang).to_string()
        } else {
            status(text, item.status).to_string()
        },
        channels: item
            .channels
            .iter()
            .map(channel_name)
            .collect::<Vec<_>>()
            .join(", "),
        launch_blocking: item.launch_blocking,
        owner: item
            .owner
            .clone()
            .unwrap_or_else(|| item.owner_role_title.get(lang).to_string()),
        due: item.due,
        overdue: item.overdue,
    }
}

/// A channel as the report names it: the marketplace, or the channel's id in the plan.
pub fn channel_name(channel: &SubjectRef) -> String {
    match (channel.marketplace, &channel.channel) {
        (Some(marketplace), _) => format::marketplace(marketplace).to_string(),
        (None, Some(id)) => id.clone(),
        (None, None) => String::new(),
    }
}

fn status(text: &format::Texts, status: Status) -> &'static str {
    match status {
        Status::ToDo => text.status_to_do,
        Status::InProgress => text.status_in_progress,
        Status::InReview => text.status_in_review,
        Status::Done => text.status_done,
        Status::Recurring => text.status_recurring,
        Status::Blocked => text.status_blocked,
        Status::NotApplicable => text.status_not_applicable,
    }
}

fn summary(
    plan: &Plan,
    landed: &[LandedRow],
    checklists: &[TargetChecklist],
    lang: Lang,
) -> Summary {
    let text = format::texts(lang);
    let complete: Vec<(&LandedRow, Decimal, Decimal)> = landed
        .iter()
        .filter_map(|row| {
            let e = &row.economics;
            Some((row, e.margin?, e.margin_rate?))
        })
        .collect();
    let line_ref = |(row, margin, rate): &(&LandedRow, Decimal, Decimal)| LineRef {
        sku: row.sku.clone(),
        name: row.name.clone(),
        marketplace: row.economics.marketplace,
        margin: Money::new(*margin, row.economics.currency),
        margin_home: row.economics.margin_home,
        margin_rate: *rate,
    };
    let best = complete
        .iter()
        .max_by_key(|(_, _, rate)| *rate)
        .map(line_ref);
    let worst = complete
        .iter()
        .min_by_key(|(_, _, rate)| *rate)
        .map(line_ref);
    let negative_margins = complete
        .iter()
        .filter(|(_, margin, _)| *margin < Decimal::ZERO)
        .count();
    let missing_inputs: usize = landed.iter().map(|row| row.economics.missing.len()).sum();
    let incomplete = landed.len() - complete.len();

    let mut signals = Vec::new();
    if landed.is_empty() {
        signals.push(Signal {
            level: SignalLevel::Caution,
            text: text.signal_empty.to_string(),
        });
    }
    for target in checklists {
        let blockers = target.checklist.readiness.blockers.len();
        let readiness = format::percent(
            lang,
            target.checklist.readiness.percent / Decimal::ONE_HUNDRED,
        );
        let marketplace = format::marketplace(target.marketplace);
        signals.push(if blockers > 0 {
            Signal {
                level: SignalLevel::Stop,
                text: format::fill(
                    text.signal_blockers,
                    &[marketplace, &readiness, &blockers.to_string()],
                ),
            }
        } else {
            Signal {
                level: SignalLevel::Go,
                text: format::fill(text.signal_ready, &[marketplace, &readiness]),
            }
        });
    }
    if negative_margins > 0 {
        signals.push(Signal {
            level: SignalLevel::Stop,
            text: format::fill(text.signal_negative, &[&negative_margins.to_string()]),
        });
    }
    if incomplete > 0 {
        signals.push(Signal {
            level: SignalLevel::Caution,
            text: format::fill(
                text.signal_incomplete,
                &[&incomplete.to_string(), &missing_inputs.to_string()],
            ),
        });
    }
    if !complete.is_empty() && negative_margins == 0 {
        signals.push(Signal {
            level: SignalLevel::Go,
            text: format::fill(text.signal_positive, &[&complete.len().to_string()]),
        });
    }
    Summary {
        products: plan.products.len(),
        targets: plan.targets.len(),
        lines: landed.len(),
        complete: complete.len(),
        negative_margins,
        missing_inputs,
        best,
        worst,
        best_channel: None,
        signals,
    }
}

fn fees(landed: &[LandedRow]) -> Vec<MarketplaceFees> {
    let mut groups: BTreeMap<Marketplace, MarketplaceFees> = BTreeMap::new();
    for row in landed {
        let e = &row.economics;
        let total = row.total_fees();
        let share_of_price = match (total, e.price) {
            (Some(total), Some(price)) => checked_ratio(total, price).ok(),
            _ => None,
        };
        groups
            .entry(e.marketplace)
            .or_insert_with(|| MarketplaceFees {
                marketplace: e.marketplace,
                currency: e.currency,
                rows: Vec::new(),
            })
            .rows
            .push(FeeRow {
                sku: row.sku.clone(),
                name: row.name.clone(),
                price: e.price,
                referral_fee: e.referral_fee,
                closing_fee: e.closing_fee,
                fulfilment_fee: e.fulfilment_fee,
                selling_plan: e.selling_plan,
                total,
                share_of_price,
            });
    }
    groups.into_values().collect()
}

/// A figure is the user's when the engine marks it overridden or its rule comes from a user pack.
fn is_override(step: &Explanation) -> bool {
    step.overridden
        || step
            .rule
            .as_ref()
            .is_some_and(|rule| rule.provenance.origin == PackOrigin::User)
}

fn assumptions(landed: &[LandedRow], lang: Lang) -> Assumptions {
    let mut fx: Vec<FxRate> = Vec::new();
    let mut overrides = Vec::new();
    for row in landed {
        for rate in &row.economics.fx {
            add_quotation(&mut fx, rate);
        }
        for step in row
            .economics
            .explain
            .iter()
            .filter(|step| is_override(step))
        {
            overrides.push(OverrideRow {
                sku: row.sku.clone(),
                marketplace: row.economics.marketplace,
                label: step.label.get(lang).to_string(),
                formula: step.formula.get(lang).to_string(),
                source: step
                    .rule
                    .as_ref()
                    .map(|rule| rule.provenance.source.title.clone()),
            });
        }
    }
    Assumptions {
        statements: format::texts(lang)
            .assumptions_list
            .iter()
            .map(|line| line.to_string())
            .collect(),
        fx,
        overrides,
    }
}

fn missing(landed: &[LandedRow], lang: Lang) -> Vec<MissingRow> {
    let text = format::texts(lang);
    landed
        .iter()
        .flat_map(|row| {
            let unknown_code = row
                .hs
                .as_ref()
                .filter(|hs| hs.status == HsStatus::NotInNomenclature)
                .map(|hs| MissingRow {
                    sku: row.sku.clone(),
                    marketplace: row.economics.marketplace,
                    field: gaps::need(crate::plan::Input::HsCode, lang),
                    message: format::fill(text.hs_not_found, &[&hs.dotted]),
                });
            unknown_code
                .into_iter()
                .chain(row.economics.missing.iter().map(|gap: &Missing| {
                    let (field, message) = gaps::gap_words(gap, lang);
                    MissingRow {
                        sku: row.sku.clone(),
                        marketplace: row.economics.marketplace,
                        field,
                        message,
                    }
                }))
        })
        .collect()
}

/// One row per distinct pack figure (file and line), listing what it was used for.
fn sources<'a>(
    steps: impl Iterator<Item = &'a Explanation>,
    as_of: NaiveDate,
    lang: Lang,
) -> Vec<SourceRow> {
    let mut rows: BTreeMap<(String, usize), SourceRow> = BTreeMap::new();
    for step in steps {
        let Some(rule) = &step.rule else { continue };
        let provenance: &Provenance = &rule.provenance;
        let row = rows
            .entry((provenance.file.clone(), provenance.line))
            .or_insert_with(|| SourceRow {
                used_for: Vec::new(),
                title: provenance.source.title.clone(),
                url: provenance.source.url.clone(),
                effective_from: provenance.effective_from,
                effective_until: provenance.effective_until,
                confidence: provenance.confidence,
                origin: provenance.origin,
                location: format!("{}:{}", provenance.file, provenance.line),
                older_than_a_year: as_of
                    .signed_duration_since(provenance.effective_from)
                    .num_days()
                    > 365,
            });
        let label = step.label.get(lang);
        if !row.used_for.iter().any(|used| used == label) {
            row.used_for.push(label.to_string());
        }
    }
    rows.into_values().collect()
}

/// Why a report could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("the PDF template failed: {0}")]
    Template(String),
    #[error("the PDF could not be written: {0}")]
    Pdf(String),
    #[error("the spreadsheet could not be written: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error("the logo is not a PNG, JPEG or SVG image")]
    Logo,
    #[error("the chart could not be drawn: {0}")]
    Chart(String),
    #[error("JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("cannot write {path}: {source}")]
    Io {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
}
