//! The checklist for one target: which items apply and why, their state against the as-of date,
//! due dates counted back from the launch date, and readiness.

use std::collections::{HashMap, HashSet};

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::InputError;
use super::catalogue::{
    Catalogue, Catalogues, Certainty, Importance, Item, Source, Text, Validity, group_title,
    owner_role_title,
};
use super::expr::{Atom, Evaluation, Profile, Subject};
use crate::plan::channels::{ChannelPlan, Market};
use crate::plan::locate;
use crate::plan::{Channel, Fulfilment, Marketplace, Plan, Problem, Target};
use crate::text::NBSP;

/// Verifications older than this are flagged for re-checking.
const REVERIFY_AFTER_DAYS: i64 = 365;

/// What the user recorded about one item (kept by the store, or read from a progress file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ItemProgress {
    pub item: String,
    pub status: ProgressStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Required when `status` is `not_applicable`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<EvidenceRecord>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ProgressStatus {
    ToDo,
    InProgress,
    InReview,
    Done,
    NotApplicable,
}

impl ProgressStatus {
    pub const ALL: [ProgressStatus; 5] = [
        ProgressStatus::ToDo,
        ProgressStatus::InProgress,
        ProgressStatus::InReview,
        ProgressStatus::Done,
        ProgressStatus::NotApplicable,
    ];

    /// The name used in progress files and in the store (`to_do`, `in_progress`, …).
    pub fn name(self) -> &'static str {
        match self {
            ProgressStatus::ToDo => "to_do",
            ProgressStatus::InProgress => "in_progress",
            ProgressStatus::InReview => "in_review",
            ProgressStatus::Done => "done",
            ProgressStatus::NotApplicable => "not_applicable",
        }
    }

    pub fn from_name(name: &str) -> Option<ProgressStatus> {
        ProgressStatus::ALL
            .into_iter()
            .find(|status| status.name() == name)
    }
}

/// One document held for an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct EvidenceRecord {
    /// The evidence template id in the catalogue item.
    pub template: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "string | null")]
    pub issued_on: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "string | null")]
    pub expires_on: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// For per-shipment evidence: the shipment it covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipment: Option<String>,
    /// For until-changed evidence: the facts it certified have changed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub superseded: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    ToDo,
    InProgress,
    InReview,
    Done,
    /// Done for the shipments so far; needed again for every shipment.
    Recurring,
    /// Waiting for the items in `blocked_by`.
    Blocked,
    NotApplicable,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceState {
    Valid,
    Missing,
    /// Issued too long before the as-of date.
    Stale,
    Expired,
    /// Lacks the date its validity rule needs.
    Undated,
    Superseded,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct EvidenceCheck {
    pub template: String,
    pub name: Text,
    pub required: bool,
    pub validity: Validity,
    pub state: EvidenceState,
    /// Last day the evidence is good, when the rule gives one.
    #[ts(type = "string | null")]
    pub valid_until: Option<NaiveDate>,
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
    /// The facts that made it apply.
    pub because: Vec<Atom>,
    /// The SKUs it applies to, for product rules.
    pub products: Vec<String>,
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

/// Share of applicable mandatory confirmed items done with valid evidence.
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

/// A checklist evaluated for one subject, before it is labelled as a target's or a store's.
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

/// The own-store obligations of one own-store channel of the plan, for the market it sells into.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct StoreChecklist {
    /// The channel id in the plan (`own-store-jp`).
    pub channel: String,
    /// Its channel pack (`shopify-basic`).
    pub pack: String,
    pub market: Market,
    pub customers: Channel,
    #[serde(flatten)]
    pub checklist: Checklist,
}

/// The progress file: `[[items]]` entries as [`ItemProgress`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ProgressFile {
    #[serde(default)]
    pub items: Vec<ItemProgress>,
}

/// Reads a progress file and checks it against the catalogues: known items and evidence templates,
/// a reason for every "not applicable".
pub fn parse_progress(
    source_name: &str,
    text: &str,
    catalogues: &Catalogues,
) -> Result<Vec<ItemProgress>, InputError> {
    let error = |problems| InputError {
        source_name: source_name.to_owned(),
        problems,
    };
    let file: ProgressFile = locate::from_toml(text).map_err(|problem| error(vec![problem]))?;
    let mut problems = Vec::new();
    let mut seen = HashSet::new();
    for (index, progress) in file.items.iter().enumerate() {
        let at = format!("items[{index}]");
        let item = catalogues
            .iter()
            .flat_map(|c| c.items.iter())
            .find(|item| item.id == progress.item);
        let Some(item) = item else {
            problems.push(Problem::at(
                format!("{at}.item"),
                Text::new(
                    format!("no checklist item \"{}\"", progress.item),
                    format!("aucun point de checklist «{NBSP}{}{NBSP}»", progress.item),
                ),
            ));
            continue;
        };
        if !seen.insert(progress.item.as_str()) {
            problems.push(Problem::at(
                format!("{at}.item"),
                Text::new(
                    format!("\"{}\" appears twice", progress.item),
                    format!("«{NBSP}{}{NBSP}» figure deux fois", progress.item),
                ),
            ));
        }
        if progress.status == ProgressStatus::NotApplicable
            && progress
                .reason
                .as_deref()
                .is_none_or(|r| r.trim().is_empty())
        {
            problems.push(Problem::at(
                format!("{at}.status"),
                Text::new(
                    "\"not_applicable\" needs a reason",
                    format!("«{NBSP}not_applicable{NBSP}» demande un motif"),
                ),
            ));
        }
        for (e, record) in progress.evidence.iter().enumerate() {
            if !item.evidence.iter().any(|t| t.id == record.template) {
                let known: Vec<&str> = item.evidence.iter().map(|t| t.id.as_str()).collect();
                problems.push(Problem::at(
                    format!("{at}.evidence[{e}].template"),
                    Text::new(
                        format!(
                            "{} has no evidence \"{}\" (known: {})",
                            item.id,
                            record.template,
                            known.join(", ")
                        ),
                        format!(
                            "{} n’a pas de justificatif «{NBSP}{}{NBSP}» (connus{NBSP}: {})",
                            item.id,
                            record.template,
                            known.join(", ")
                        ),
                    ),
                ));
            }
        }
    }
    if problems.is_empty() {
        Ok(file.items)
    } else {
        locate::place(text, &mut problems);
        Err(error(problems))
    }
}

/// Evaluates one target of a plan against its marketplace catalogue.
pub fn evaluate(
    plan: &Plan,
    target: &Target,
    catalogue: &Catalogue,
    as_of: NaiveDate,
    launch: Option<NaiveDate>,
    progress: &[ItemProgress],
) -> TargetChecklist {
    TargetChecklist {
        marketplace: target.marketplace,
        fulfilment: target.fulfilment,
        channel: target.channel,
        checklist: evaluate_subject(
            plan,
            &Subject::Target(target),
            catalogue,
            as_of,
            launch,
            progress,
        ),
    }
}

/// Evaluates one own-store channel selling into `market` against the own-store catalogue.
pub fn evaluate_store(
    plan: &Plan,
    channel: &ChannelPlan,
    market: Market,
    catalogue: &Catalogue,
    as_of: NaiveDate,
    launch: Option<NaiveDate>,
    progress: &[ItemProgress],
) -> StoreChecklist {
    let subject = Subject::Store { channel, market };
    StoreChecklist {
        channel: channel.id.clone(),
        pack: channel.pack.clone(),
        market,
        customers: subject.customers(),
        checklist: evaluate_subject(plan, &subject, catalogue, as_of, launch, progress),
    }
}

/// Evaluates every own-store channel of the plan: `stores` are the channels whose pack is an own
/// store (the caller knows the channel packs), each with the market it sells into.
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

fn evaluate_subject(
    plan: &Plan,
    subject: &Subject,
    catalogue: &Catalogue,
    as_of: NaiveDate,
    launch: Option<NaiveDate>,
    progress: &[ItemProgress],
) -> Checklist {
    let progress_of: HashMap<&str, &ItemProgress> =
        progress.iter().map(|p| (p.item.as_str(), p)).collect();
    let mut applicable: Vec<(&Item, Applies)> = Vec::new();
    let mut not_applicable = Vec::new();
    for item in &catalogue.items {
        match applies(plan, subject, item, as_of) {
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
        .collect();

    // Catalogue items are already in dependency order, so one pass settles every dependency first.
    let mut results: Vec<ItemResult> = Vec::with_capacity(applicable.len());
    for (item, found) in applicable {
        let recorded = progress_of.get(item.id.as_str()).copied();
        let depends_on: Vec<String> = item
            .depends_on
            .iter()
            .filter(|d| applicable_ids.contains(d.as_str()))
            .cloned()
            .collect();
        let evidence = check_evidence(item, recorded, as_of);
        let blocked_by: Vec<String> = depends_on
            .iter()
            .filter(|d| {
                results
                    .iter()
                    .find(|r| &r.id == *d)
                    .is_some_and(|r| !is_complete(r.status) && can_block(r))
            })
            .cloned()
            .collect();
        let (status, reopened) = status_of(item, recorded, &evidence, &blocked_by);
        let counted = is_counted(item);
        results.push(ItemResult {
            id: item.id.clone(),
            code: item.code.clone(),
            group: item.group.clone(),
            group_title: group_title(&item.group),
            title: item.title.clone(),
            explanation: item.explanation.clone(),
            importance: item.importance,
            certainty: item.certainty,
            launch_blocking: counted && item.launch_blocking,
            depends_on,
            reason: found.reason,
            because: found.because,
            products: found.products,
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
            needs_reverification: (as_of - item.last_verified).num_days() > REVERIFY_AFTER_DAYS,
        });
    }

    let launch_date = launch.unwrap_or_else(|| earliest_launch(&results, as_of));
    schedule(&mut results, launch_date, as_of);
    let readiness = readiness(&results);
    Checklist {
        catalogue_version: catalogue.catalogue.version,
        as_of,
        launch_date,
        launch_date_is_earliest: launch.is_none(),
        disclaimer: catalogue.catalogue.disclaimer.clone(),
        items: results,
        not_applicable,
        readiness,
    }
}

/// Evaluates every target of the plan that has a catalogue; targets without one are skipped.
pub fn evaluate_plan(
    plan: &Plan,
    catalogues: &Catalogues,
    as_of: NaiveDate,
    launch: Option<NaiveDate>,
    progress: &[ItemProgress],
) -> Vec<TargetChecklist> {
    plan.targets
        .iter()
        .filter_map(|target| {
            let catalogue = catalogues.get(target.marketplace)?;
            Some(evaluate(plan, target, catalogue, as_of, launch, progress))
        })
        .collect()
}

struct Applies {
    reason: Text,
    because: Vec<Atom>,
    products: Vec<String>,
}

/// Whether an item applies: in force at `as_of`, and its condition holds for the seller-level profile
/// (no products) or for at least one product. The reason comes from the first profile that matched.
fn applies(plan: &Plan, subject: &Subject, item: &Item, as_of: NaiveDate) -> Result<Applies, Text> {
    if let Some(from) = item.effective_from
        && as_of < from
    {
        return Err(Text {
            en: format!("not yet in force: applies from {from}"),
            fr: format!("pas encore en vigueur : s'applique à partir du {from}"),
        });
    }
    if let Some(until) = item.effective_until
        && as_of > until
    {
        return Err(Text {
            en: format!("no longer in force since {until}"),
            fr: format!("plus en vigueur depuis le {until}"),
        });
    }
    let expr = &item.applies_when.expr;
    let evaluations: Vec<(Option<&str>, Evaluation)> =
        if plan.products.is_empty() || !expr.mentions_product() {
            vec![(None, expr.evaluate(&Profile::new(plan, subject, None)))]
        } else {
            plan.products
                .iter()
                .map(|product| {
                    (
                        Some(product.sku.as_str()),
                        expr.evaluate(&Profile::new(plan, subject, Some(product))),
                    )
                })
                .collect()
        };
    let products: Vec<String> = evaluations
        .iter()
        .filter(|(_, e)| e.holds)
        .filter_map(|(sku, _)| sku.map(str::to_owned))
        .collect();
    match evaluations.iter().find(|(_, e)| e.holds) {
        Some((_, evaluation)) => Ok(Applies {
            reason: explain(true, &evaluation.because, subject),
            because: evaluation.because.clone(),
            products,
        }),
        None => {
            let mut because: Vec<Atom> = Vec::new();
            for (_, evaluation) in &evaluations {
                for atom in &evaluation.because {
                    if !because.contains(atom) {
                        because.push(atom.clone());
                    }
                }
            }
            Err(explain(false, &because, subject))
        }
    }
}

fn explain(holds: bool, because: &[Atom], subject: &Subject) -> Text {
    if because.is_empty() {
        return if holds {
            match subject {
                Subject::Target(target) => Text {
                    en: format!("applies to every seller on {}", target.marketplace),
                    fr: format!("s'applique à tout vendeur sur {}", target.marketplace),
                },
                Subject::Store { market, .. } => Text {
                    en: format!("applies to every own store selling into {market}"),
                    fr: format!("s'applique à toute boutique en propre vendant vers {market}"),
                },
            }
        } else {
            Text {
                en: "switched off in the catalogue".into(),
                fr: "désactivé dans le catalogue".into(),
            }
        };
    }
    let en: Vec<String> = because.iter().map(Atom::describe_en).collect();
    let fr: Vec<String> = because.iter().map(Atom::describe_fr).collect();
    if holds {
        Text {
            en: format!("applies because {}", en.join(" and ")),
            fr: format!("s'applique car {}", fr.join(" et ")),
        }
    } else {
        Text {
            en: format!("does not apply: {}", en.join("; ")),
            fr: format!("ne s'applique pas : {}", fr.join(" ; ")),
        }
    }
}

fn check_evidence(
    item: &Item,
    recorded: Option<&ItemProgress>,
    as_of: NaiveDate,
) -> Vec<EvidenceCheck> {
    item.evidence
        .iter()
        .map(|template| {
            let records: Vec<&EvidenceRecord> = recorded
                .map(|p| {
                    p.evidence
                        .iter()
                        .filter(|r| r.template == template.id)
                        .collect()
                })
                .unwrap_or_default();
            // The best record decides: a valid one if any, else the most telling failure.
            let mut best = (EvidenceState::Missing, None);
            for record in records {
                let checked = check_record(template.validity, record, as_of);
                if rank(checked.0) > rank(best.0) {
                    best = checked;
                }
            }
            EvidenceCheck {
                template: template.id.clone(),
                name: template.name.clone(),
                required: template.required,
                validity: template.validity,
                state: best.0,
                valid_until: best.1,
            }
        })
        .collect()
}

fn rank(state: EvidenceState) -> u8 {
    match state {
        EvidenceState::Missing => 0,
        EvidenceState::Undated => 1,
        EvidenceState::Superseded => 2,
        EvidenceState::Stale => 3,
        EvidenceState::Expired => 4,
        EvidenceState::Valid => 5,
    }
}

/// One record against its template's rule at `as_of`. Boundaries: issued exactly N days before is still
/// within N days; a document expiring on `as_of` is still good that day.
fn check_record(
    validity: Validity,
    record: &EvidenceRecord,
    as_of: NaiveDate,
) -> (EvidenceState, Option<NaiveDate>) {
    let until_state = |until: NaiveDate| {
        if until >= as_of {
            (EvidenceState::Valid, Some(until))
        } else {
            (EvidenceState::Expired, Some(until))
        }
    };
    match validity {
        Validity::IssuedWithinDays { days } => match record.issued_on {
            Some(issued) if issued > as_of => (EvidenceState::Undated, None),
            Some(issued) => {
                let until = add_days(issued, days);
                if until >= as_of {
                    (EvidenceState::Valid, Some(until))
                } else {
                    (EvidenceState::Stale, Some(until))
                }
            }
            None => (EvidenceState::Undated, None),
        },
        Validity::NotExpired => match record.expires_on {
            Some(expires) => until_state(expires),
            None => (EvidenceState::Undated, None),
        },
        Validity::FixedExpiry { valid_days } => {
            let derived = valid_days
                .zip(record.issued_on)
                .map(|(days, issued)| add_days(issued, days));
            match record.expires_on.or(derived) {
                Some(until) => until_state(until),
                None => (EvidenceState::Undated, None),
            }
        }
        Validity::PerShipment => (EvidenceState::Valid, None),
        Validity::UntilChanged => {
            if record.superseded {
                (EvidenceState::Superseded, None)
            } else {
                (EvidenceState::Valid, None)
            }
        }
    }
}

fn status_of(
    item: &Item,
    recorded: Option<&ItemProgress>,
    evidence: &[EvidenceCheck],
    blocked_by: &[String],
) -> (Status, Option<Text>) {
    let recorded_status = recorded.map_or(ProgressStatus::ToDo, |p| p.status);
    if recorded_status == ProgressStatus::NotApplicable {
        return (Status::NotApplicable, None);
    }
    if recorded_status == ProgressStatus::Done {
        let failing: Vec<&EvidenceCheck> = evidence
            .iter()
            .filter(|e| e.required && e.state != EvidenceState::Valid)
            .collect();
        if failing.is_empty() {
            let recurring = item
                .evidence
                .iter()
                .any(|e| e.validity == Validity::PerShipment);
            return (
                if recurring {
                    Status::Recurring
                } else {
                    Status::Done
                },
                None,
            );
        }
        let en: Vec<String> = failing
            .iter()
            .map(|e| format!("{}: {}", e.name.en, state_en(e.state)))
            .collect();
        let fr: Vec<String> = failing
            .iter()
            .map(|e| format!("{} : {}", e.name.fr, state_fr(e.state)))
            .collect();
        let reopened = Text {
            en: format!("reopened: {}", en.join("; ")),
            fr: format!("rouvert : {}", fr.join(" ; ")),
        };
        let status = if blocked_by.is_empty() {
            Status::ToDo
        } else {
            Status::Blocked
        };
        return (status, Some(reopened));
    }
    if !blocked_by.is_empty() {
        return (Status::Blocked, None);
    }
    let status = match recorded_status {
        ProgressStatus::InProgress => Status::InProgress,
        ProgressStatus::InReview => Status::InReview,
        _ => Status::ToDo,
    };
    (status, None)
}

fn state_en(state: EvidenceState) -> &'static str {
    match state {
        EvidenceState::Valid => "valid",
        EvidenceState::Missing => "missing",
        EvidenceState::Stale => "issued too long ago",
        EvidenceState::Expired => "expired",
        EvidenceState::Undated => "date missing",
        EvidenceState::Superseded => "superseded by a change",
    }
}

fn state_fr(state: EvidenceState) -> &'static str {
    match state {
        EvidenceState::Valid => "valide",
        EvidenceState::Missing => "manquant",
        EvidenceState::Stale => "émis il y a trop longtemps",
        EvidenceState::Expired => "expiré",
        EvidenceState::Undated => "date manquante",
        EvidenceState::Superseded => "remplacé suite à un changement",
    }
}

/// Done, or recurring (per shipment) with the current shipment covered; N/A by the user counts as settled.
fn is_complete(status: Status) -> bool {
    matches!(
        status,
        Status::Done | Status::Recurring | Status::NotApplicable
    )
}

/// Counted in readiness and eligible to block: mandatory and confirmed by the sources.
fn is_counted(item: &Item) -> bool {
    item.importance == Importance::Mandatory && item.certainty == Certainty::Confirmed
}

/// Watch and to-verify items never hold anything up.
fn can_block(result: &ItemResult) -> bool {
    result.importance != Importance::Watch && result.certainty == Certainty::Confirmed
}

fn scheduled(result: &ItemResult) -> bool {
    result.importance != Importance::Watch
}

/// The earliest launch: every unfinished launch-blocking item's lead time after its dependencies,
/// counted from `as_of`. Ongoing and non-blocking items do not hold the launch back.
fn earliest_launch(results: &[ItemResult], as_of: NaiveDate) -> NaiveDate {
    let mut finish: HashMap<&str, NaiveDate> = HashMap::new();
    let mut latest = as_of;
    for result in results.iter().filter(|r| scheduled(r)) {
        let start = result
            .depends_on
            .iter()
            .filter_map(|d| finish.get(d.as_str()).copied())
            .max()
            .unwrap_or(as_of);
        let lead = if is_complete(result.status) {
            0
        } else {
            result.lead_time_days.unwrap_or(0)
        };
        let end = add_days(start, lead);
        finish.insert(&result.id, end);
        if result.launch_blocking {
            latest = latest.max(end);
        }
    }
    latest
}

/// Due dates backwards from the launch: an item is due by the launch, and before the latest start
/// (due date minus lead time) of every launch-blocking item waiting for it.
fn schedule(results: &mut [ItemResult], launch: NaiveDate, as_of: NaiveDate) {
    let mut due: HashMap<String, NaiveDate> = HashMap::new();
    for result in results.iter().rev().filter(|r| scheduled(r)) {
        let mut date = launch;
        let waiting = results
            .iter()
            .filter(|r| r.launch_blocking && r.depends_on.contains(&result.id));
        for other in waiting {
            if let Some(other_due) = due.get(&other.id) {
                let lead = other.lead_time_days.unwrap_or(0);
                let latest_start = other_due
                    .checked_sub_days(Days::new(lead.into()))
                    .unwrap_or(NaiveDate::MIN);
                date = date.min(latest_start);
            }
        }
        due.insert(result.id.clone(), date);
    }
    for result in results.iter_mut() {
        result.due = due.get(&result.id).copied();
        result.overdue = result.due.is_some_and(|d| d < as_of) && !is_complete(result.status);
    }
}

fn add_days(date: NaiveDate, days: u32) -> NaiveDate {
    date.checked_add_days(Days::new(days.into()))
        .unwrap_or(NaiveDate::MAX)
}

fn readiness(results: &[ItemResult]) -> Readiness {
    let mut done = 0u32;
    let mut total = 0u32;
    let mut blockers: Vec<&ItemResult> = Vec::new();
    let mut remaining = Vec::new();
    let mut not_counted = Vec::new();
    for result in results {
        let counted =
            result.importance == Importance::Mandatory && result.certainty == Certainty::Confirmed;
        if !counted {
            if result.importance == Importance::Watch || result.certainty == Certainty::ToVerify {
                not_counted.push(result.id.clone());
            }
            continue;
        }
        if result.status == Status::NotApplicable {
            continue;
        }
        total += 1;
        if matches!(result.status, Status::Done | Status::Recurring) {
            done += 1;
        } else if result.launch_blocking {
            blockers.push(result);
        } else {
            remaining.push(result.id.clone());
        }
    }
    blockers.sort_by_key(|r| r.due);
    let percent = if total == 0 {
        Decimal::ONE_HUNDRED
    } else {
        (Decimal::from(done) * Decimal::ONE_HUNDRED / Decimal::from(total)).round_dp(2)
    };
    Readiness {
        done,
        total,
        percent,
        blockers: blockers.into_iter().map(|r| r.id.clone()).collect(),
        remaining,
        not_counted,
    }
}
