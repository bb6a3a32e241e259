//! The checklist of a plan: for each marketplace target and each channel with its own catalogue (an
//! own store, a Rakuten shop), which items apply and why, their state against the as-of date, due
//! dates counted back from the launch, and readiness; and, once per plan, the shared rules (the
//! destination's product law, leaving the EU, the Amazon account) with the channels they concern.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

use super::applies::{Found, evaluate_item};
use super::catalogue::{
    Catalogue, CatalogueKey, Catalogues, Certainty, Importance, Item, Source, SubjectKind, Text,
    group_title, owner_role_title,
};
use super::explain::Audience;
use super::expr::{Atom, Truth};
use super::facts::Subject;
use super::schedule::{can_block, earliest_launch, is_counted, readiness, schedule};
use crate::plan::channels::{ChannelPlan, Market};
use crate::plan::{Channel, Fulfilment, InputRef, Marketplace, Plan, Target};

pub use super::progress::{
    EvidenceCheck, EvidenceRecord, EvidenceState, ItemProgress, ProgressFile, ProgressStatus,
    Status, parse_progress,
};
use super::progress::{check_evidence, is_complete, status_of};

/// Verifications older than this are flagged for re-checking.
const REVERIFY_AFTER_DAYS: i64 = 365;

/// A question whose answer decides whether an item applies, and the plan field that answers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Question {
    pub input: InputRef,
    pub text: Text,
}

/// One channel of the plan, as a shared item names the channels it concerns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SubjectRef {
    /// The Amazon marketplace, for a marketplace target.
    pub marketplace: Option<Marketplace>,
    pub fulfilment: Option<Fulfilment>,
    /// The channel id in the plan, for an own store or a Rakuten shop.
    pub channel: Option<String>,
    /// Its channel pack (`shopify-basic`, `rakuten-ichiba`).
    pub pack: Option<String>,
    pub market: Market,
}

/// One applicable item as the user sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ItemResult {
    pub id: String,
    pub code: Option<String>,
    pub group: String,
    /// The group's name in both languages.
    pub group_title: Text,
    pub title: Text,
    pub explanation: Text,
    pub importance: Importance,
    pub certainty: Certainty,
    /// Mandatory, confirmed and needed before the first sale.
    pub launch_blocking: bool,
    /// The applicable items this one waits for.
    pub depends_on: Vec<String>,
    pub reason: Text,
    /// The facts that made it apply, or that it still depends on.
    pub because: Vec<Atom>,
    /// Whether it applies is not decided yet: it depends on the answers to `questions`. It is listed
    /// and counted as not done until then.
    pub undecided: bool,
    /// Facts the plan does not give that decide whether it applies (for all products, or for some).
    pub questions: Vec<Question>,
    /// The SKUs it applies to, for product rules.
    pub products: Vec<String>,
    /// For a shared item: the channels of the plan it applies (or may apply) to.
    pub channels: Vec<SubjectRef>,
    pub status: Status,
    pub blocked_by: Vec<String>,
    /// Why a done item was reopened (evidence expired, stale or missing).
    pub reopened: Option<Text>,
    pub owner_role: String,
    /// The role in both languages.
    pub owner_role_title: Text,
    pub owner: Option<String>,
    pub lead_time_days: Option<u32>,
    #[ts(type = "string | null")]
    pub due: Option<NaiveDate>,
    pub overdue: bool,
    pub evidence: Vec<EvidenceCheck>,
    pub sources: Vec<Source>,
    #[ts(type = "string")]
    pub last_verified: NaiveDate,
    /// `last_verified` is more than a year before the as-of date.
    pub needs_reverification: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct NotApplicable {
    pub id: String,
    pub code: Option<String>,
    pub title: Text,
    pub reason: Text,
}

/// Share of applicable mandatory confirmed items done with valid evidence. A channel's readiness also
/// counts the shared items that concern it (its product law, leaving the EU, the Amazon account).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Readiness {
    pub done: u32,
    pub total: u32,
    /// `done / total × 100`, two decimals; 100 when nothing is counted.
    #[ts(type = "string")]
    pub percent: Decimal,
    /// Launch-blocking items not done, by due date: these stop the first sale.
    pub blockers: Vec<String>,
    /// Other counted items not done.
    pub remaining: Vec<String>,
    /// Items never counted: watch items and items the sources leave open.
    pub not_counted: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TargetChecklist {
    pub marketplace: Marketplace,
    pub fulfilment: Fulfilment,
    pub channel: Channel,
    #[serde(flatten)]
    pub checklist: Checklist,
}

/// A checklist evaluated for one subject (or one shared catalogue), before it is labelled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Checklist {
    #[ts(type = "string")]
    pub catalogue_version: NaiveDate,
    #[ts(type = "string")]
    pub as_of: NaiveDate,
    #[ts(type = "string")]
    pub launch_date: NaiveDate,
    /// No launch date was given: this is the earliest one the remaining lead times allow.
    pub launch_date_is_earliest: bool,
    pub disclaimer: Text,
    pub items: Vec<ItemResult>,
    pub not_applicable: Vec<NotApplicable>,
    pub readiness: Readiness,
}

/// The checklist of one channel of the plan with a catalogue of its own: an own store (own-store
/// obligations) or a Rakuten Ichiba shop, for the market it sells into.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct StoreChecklist {
    /// The channel id in the plan (`own-store-jp`).
    pub channel: String,
    /// Its channel pack (`shopify-basic`, `rakuten-ichiba`).
    pub pack: String,
    /// The catalogue it was evaluated against: `own-store` or `rakuten-ichiba`.
    pub scope: CatalogueKey,
    pub market: Market,
    pub customers: Channel,
    #[serde(flatten)]
    pub checklist: Checklist,
}

/// A shared catalogue evaluated once for the plan: each item lists the channels it concerns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SharedChecklist {
    /// `goods-jp`, `goods-us`, `goods-eu`, `goods-uk`, `export-eu` or `amazon-account`.
    pub scope: CatalogueKey,
    pub title: Text,
    /// Every channel of the plan it was evaluated for.
    pub channels: Vec<SubjectRef>,
    #[serde(flatten)]
    pub checklist: Checklist,
}

/// The whole checklist of a plan.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct PlanChecklist {
    pub targets: Vec<TargetChecklist>,
    /// Own stores and Rakuten shops.
    pub stores: Vec<StoreChecklist>,
    /// The rules that follow the goods or the seller across channels, once per plan.
    pub shared: Vec<SharedChecklist>,
}

impl PlanChecklist {
    /// Every item of every section, shared ones first.
    pub fn items(&self) -> impl Iterator<Item = &ItemResult> {
        self.shared
            .iter()
            .map(|s| &s.checklist)
            .chain(self.targets.iter().map(|t| &t.checklist))
            .chain(self.stores.iter().map(|s| &s.checklist))
            .flat_map(|checklist| checklist.items.iter())
    }

    pub fn item(&self, id: &str) -> Option<&ItemResult> {
        self.items().find(|item| item.id == id)
    }
}

/// One subject of the plan with its own catalogue and how shared items name it.
struct Entry<'a> {
    subject: Subject<'a>,
    kind: SubjectKind,
    reference: SubjectRef,
    catalogue: &'a Catalogue,
}

/// What the evaluation of a plan shares between its sections.
struct Context<'a> {
    plan: &'a Plan,
    as_of: NaiveDate,
    launch: Option<NaiveDate>,
    progress: HashMap<&'a str, &'a ItemProgress>,
}

/// A shared catalogue's items, evaluated over the subjects it covers.
struct Section<'a> {
    catalogue: &'a Catalogue,
    /// Indices of the entries it covers.
    covered: Vec<usize>,
    items: Vec<ItemResult>,
    not_applicable: Vec<NotApplicable>,
}

/// Evaluates every target of the plan that has a catalogue, every channel with one (`own_stores` are
/// the plan's own-store channels with the market each sells into, as the channel packs say; Rakuten
/// shops are found by their pack), and the shared catalogues over the channels they concern.
pub fn evaluate_plan(
    plan: &Plan,
    catalogues: &Catalogues,
    own_stores: &[(&ChannelPlan, Market)],
    as_of: NaiveDate,
    launch: Option<NaiveDate>,
    progress: &[ItemProgress],
) -> PlanChecklist {
    let entries = entries(plan, catalogues, own_stores);
    let context = Context {
        plan,
        as_of,
        launch,
        progress: progress.iter().map(|p| (p.item.as_str(), p)).collect(),
    };
    let mut sections: Vec<Section> = catalogues
        .shared()
        .filter_map(|catalogue| section(&context, catalogue, &entries))
        .collect();
    let mut shared_due: HashMap<String, NaiveDate> = HashMap::new();
    let mut launches: Vec<NaiveDate> = Vec::new();
    let mut checklists: Vec<Checklist> = Vec::new();
    for entry in &entries {
        let concerning: Vec<ItemResult> = sections
            .iter()
            .flat_map(|section| section.items.iter())
            .filter(|item| item.channels.contains(&entry.reference))
            .cloned()
            .collect();
        let checklist = subject_checklist(&context, entry, concerning, &mut shared_due);
        launches.push(checklist.launch_date);
        checklists.push(checklist);
    }
    for section in &mut sections {
        for item in &mut section.items {
            item.due = shared_due.get(&item.id).copied();
            item.overdue = item.due.is_some_and(|d| d < as_of) && !is_complete(item.status);
        }
    }
    assemble(&context, &entries, sections, checklists, &launches)
}

/// The plan's subjects that have a catalogue: its marketplace targets, its own stores and its
/// Rakuten shops.
fn entries<'a>(
    plan: &'a Plan,
    catalogues: &'a Catalogues,
    own_stores: &[(&'a ChannelPlan, Market)],
) -> Vec<Entry<'a>> {
    let targets = plan.targets.iter().filter_map(|target| {
        Some(Entry {
            subject: Subject::Target(target),
            kind: SubjectKind::Marketplace(target.marketplace),
            reference: target_ref(target),
            catalogue: catalogues.get(target.marketplace)?,
        })
    });
    let rakuten = plan
        .channels
        .iter()
        .filter(|channel| channel.pack == CatalogueKey::Rakuten.id())
        .map(|channel| (channel, Market::Jp, CatalogueKey::Rakuten));
    let channels = own_stores
        .iter()
        .map(|(channel, market)| (*channel, *market, CatalogueKey::OwnStore))
        .chain(rakuten)
        .filter_map(|(channel, market, key)| {
            Some(Entry {
                subject: Subject::Channel { channel, market },
                kind: SubjectKind::Channel(key),
                reference: channel_ref(channel, market),
                catalogue: catalogues.scope(key)?,
            })
        });
    targets.chain(channels).collect()
}

fn target_ref(target: &Target) -> SubjectRef {
    SubjectRef {
        marketplace: Some(target.marketplace),
        fulfilment: Some(target.fulfilment),
        channel: None,
        pack: None,
        market: Market::of(target.marketplace),
    }
}

fn channel_ref(channel: &ChannelPlan, market: Market) -> SubjectRef {
    SubjectRef {
        marketplace: None,
        fulfilment: channel.fulfilment,
        channel: Some(channel.id.clone()),
        pack: Some(channel.pack.clone()),
        market,
    }
}

/// A shared catalogue over the entries it covers; `None` when it covers none of them or none of its
/// items applies or may apply (an empty "leaving the EU" section for a sale inside the EU is noise).
fn section<'a>(
    context: &Context,
    catalogue: &'a Catalogue,
    entries: &[Entry],
) -> Option<Section<'a>> {
    let key = catalogue.catalogue.scope;
    let covered: Vec<usize> = entries
        .iter()
        .enumerate()
        .filter(|(_, entry)| key.covers(entry.kind, entry.subject.market()))
        .map(|(index, _)| index)
        .collect();
    if covered.is_empty() {
        return None;
    }
    let subjects: Vec<Subject> = covered.iter().map(|&i| entries[i].subject).collect();
    let audience = match key {
        CatalogueKey::Goods(_) => Audience::Goods,
        CatalogueKey::AmazonAccount => Audience::AmazonAccount,
        _ => Audience::Shared,
    };
    let (found, not_applicable) =
        evaluate_items(context, catalogue, &subjects, audience, &HashMap::new());
    let items: Vec<ItemResult> = found
        .into_iter()
        .map(|(mut result, subjects)| {
            result.channels = subjects
                .iter()
                .filter_map(|&s| covered.get(s).and_then(|&i| entries.get(i)))
                .map(|entry| entry.reference.clone())
                .collect();
            result
        })
        .collect();
    if items.is_empty() {
        return None;
    }
    Some(Section {
        catalogue,
        covered,
        items,
        not_applicable,
    })
}

/// One subject's own items, scheduled and counted together with the shared items that concern it;
/// the shared items' due dates go to `shared_due` (the earliest over the subjects they concern).
fn subject_checklist(
    context: &Context,
    entry: &Entry,
    concerning: Vec<ItemResult>,
    shared_due: &mut HashMap<String, NaiveDate>,
) -> Checklist {
    let external: HashMap<&str, &ItemResult> = concerning
        .iter()
        .map(|item| (item.id.as_str(), item))
        .collect();
    let audience = match entry.kind {
        SubjectKind::Marketplace(_) => Audience::Marketplace,
        SubjectKind::Channel(_) => Audience::Channel,
    };
    let (found, not_applicable) = evaluate_items(
        context,
        entry.catalogue,
        &[entry.subject],
        audience,
        &external,
    );
    let shared_count = concerning.len();
    let mut combined = concerning;
    combined.extend(found.into_iter().map(|(result, _)| result));
    let launch_date = context
        .launch
        .unwrap_or_else(|| earliest_launch(&combined, context.as_of));
    schedule(&mut combined, launch_date, context.as_of);
    let readiness = readiness(&combined);
    let own = combined.split_off(shared_count);
    for item in combined {
        if let Some(due) = item.due {
            shared_due
                .entry(item.id)
                .and_modify(|d| *d = (*d).min(due))
                .or_insert(due);
        }
    }
    Checklist {
        catalogue_version: entry.catalogue.catalogue.version,
        as_of: context.as_of,
        launch_date,
        launch_date_is_earliest: context.launch.is_none(),
        disclaimer: entry.catalogue.catalogue.disclaimer.clone(),
        items: own,
        not_applicable,
        readiness,
    }
}

fn assemble(
    context: &Context,
    entries: &[Entry],
    sections: Vec<Section>,
    checklists: Vec<Checklist>,
    launches: &[NaiveDate],
) -> PlanChecklist {
    let mut targets = Vec::new();
    let mut stores = Vec::new();
    for (entry, checklist) in entries.iter().zip(checklists) {
        match (entry.subject, entry.kind) {
            (Subject::Target(target), _) => targets.push(TargetChecklist {
                marketplace: target.marketplace,
                fulfilment: target.fulfilment,
                channel: target.channel,
                checklist,
            }),
            (Subject::Channel { channel, market }, SubjectKind::Channel(scope)) => {
                stores.push(StoreChecklist {
                    channel: channel.id.clone(),
                    pack: channel.pack.clone(),
                    scope,
                    market,
                    customers: entry.subject.customers(),
                    checklist,
                })
            }
            (Subject::Channel { .. }, SubjectKind::Marketplace(_)) => {}
        }
    }
    let shared = sections
        .into_iter()
        .map(|section| {
            let launch_date = section
                .covered
                .iter()
                .filter_map(|&i| launches.get(i).copied())
                .min()
                .unwrap_or(context.as_of);
            let header = &section.catalogue.catalogue;
            SharedChecklist {
                scope: header.scope,
                title: header.title.clone(),
                channels: section
                    .covered
                    .iter()
                    .filter_map(|&i| entries.get(i))
                    .map(|entry| entry.reference.clone())
                    .collect(),
                checklist: Checklist {
                    catalogue_version: header.version,
                    as_of: context.as_of,
                    launch_date,
                    launch_date_is_earliest: context.launch.is_none(),
                    disclaimer: header.disclaimer.clone(),
                    readiness: readiness(&section.items),
                    items: section.items,
                    not_applicable: section.not_applicable,
                },
            }
        })
        .collect();
    PlanChecklist {
        targets,
        stores,
        shared,
    }
}

/// Evaluates the items of `catalogue` for `subjects`, in its (dependency) order: each applicable or
/// undecided item with the subjects it concerns, and the items that do not apply. `external` are the
/// shared items a channel's items may wait for.
fn evaluate_items(
    context: &Context,
    catalogue: &Catalogue,
    subjects: &[Subject],
    audience: Audience,
    external: &HashMap<&str, &ItemResult>,
) -> (Vec<(ItemResult, Vec<usize>)>, Vec<NotApplicable>) {
    let mut applicable: Vec<(&Item, Found)> = Vec::new();
    let mut not_applicable = Vec::new();
    for item in &catalogue.items {
        match evaluate_item(context.plan, subjects, item, context.as_of, audience) {
            Ok(found) => applicable.push((item, found)),
            Err(reason) => not_applicable.push(NotApplicable {
                id: item.id.clone(),
                code: item.code.clone(),
                title: item.title.clone(),
                reason,
            }),
        }
    }
    let applicable_ids: HashSet<&str> = applicable
        .iter()
        .map(|(item, _)| item.id.as_str())
        .chain(external.keys().copied())
        .collect();
    // Catalogue items are already in dependency order, so one pass settles every dependency first.
    let mut results: Vec<(ItemResult, Vec<usize>)> = Vec::with_capacity(applicable.len());
    for (item, found) in applicable {
        let depends_on: Vec<String> = item
            .depends_on
            .iter()
            .filter(|d| applicable_ids.contains(d.as_str()))
            .cloned()
            .collect();
        let blocked_by: Vec<String> = depends_on
            .iter()
            .filter(|d| {
                results
                    .iter()
                    .map(|(r, _)| r)
                    .find(|r| &r.id == *d)
                    .or_else(|| external.get(d.as_str()).copied())
                    .is_some_and(|r| !is_complete(r.status) && can_block(r))
            })
            .cloned()
            .collect();
        let subjects = found.subjects.clone();
        let result = item_result(context, item, found, depends_on, blocked_by);
        results.push((result, subjects));
    }
    (results, not_applicable)
}

fn item_result(
    context: &Context,
    item: &Item,
    found: Found,
    depends_on: Vec<String>,
    blocked_by: Vec<String>,
) -> ItemResult {
    let recorded = context.progress.get(item.id.as_str()).copied();
    let evidence = check_evidence(item, recorded, context.as_of);
    let (status, reopened) = status_of(item, recorded, &evidence, &blocked_by);
    ItemResult {
        id: item.id.clone(),
        code: item.code.clone(),
        group: item.group.clone(),
        group_title: group_title(&item.group),
        title: item.title.clone(),
        explanation: item.explanation.clone(),
        importance: item.importance,
        certainty: item.certainty,
        launch_blocking: is_counted(item.importance, item.certainty) && item.launch_blocking,
        depends_on,
        reason: found.reason,
        because: found.because,
        undecided: found.truth == Truth::Unknown,
        questions: found.questions,
        products: found.products,
        channels: Vec::new(),
        status,
        blocked_by,
        reopened,
        owner_role: item.owner_role.clone(),
        owner_role_title: owner_role_title(&item.owner_role),
        owner: recorded.and_then(|p| p.owner.clone()),
        lead_time_days: item.lead_time_days,
        due: None,
        overdue: false,
        evidence,
        sources: item.sources.clone(),
        last_verified: item.last_verified,
        needs_reverification: (context.as_of - item.last_verified).num_days() > REVERIFY_AFTER_DAYS,
    }
}

/// The own-store obligations of one own-store channel selling into `market`, without the shared
/// items (the channel comparison counts the seller's share of these).
pub fn evaluate_store(
    plan: &Plan,
    channel: &ChannelPlan,
    market: Market,
    catalogue: &Catalogue,
    as_of: NaiveDate,
    launch: Option<NaiveDate>,
    progress: &[ItemProgress],
) -> StoreChecklist {
    let context = Context {
        plan,
        as_of,
        launch,
        progress: progress.iter().map(|p| (p.item.as_str(), p)).collect(),
    };
    let entry = Entry {
        subject: Subject::Channel { channel, market },
        kind: SubjectKind::Channel(catalogue.catalogue.scope),
        reference: channel_ref(channel, market),
        catalogue,
    };
    StoreChecklist {
        channel: channel.id.clone(),
        pack: channel.pack.clone(),
        scope: catalogue.catalogue.scope,
        market,
        customers: entry.subject.customers(),
        checklist: subject_checklist(&context, &entry, Vec::new(), &mut HashMap::new()),
    }
}

/// The own-store obligations of every own-store channel (`stores`, with the market each sells into),
/// without the shared items.
pub fn evaluate_stores(
    plan: &Plan,
    stores: &[(&ChannelPlan, Market)],
    catalogues: &Catalogues,
    as_of: NaiveDate,
    launch: Option<NaiveDate>,
    progress: &[ItemProgress],
) -> Vec<StoreChecklist> {
    let Some(catalogue) = catalogues.own_store() else {
        return Vec::new();
    };
    stores
        .iter()
        .map(|(channel, market)| {
            evaluate_store(plan, channel, *market, catalogue, as_of, launch, progress)
        })
        .collect()
}
