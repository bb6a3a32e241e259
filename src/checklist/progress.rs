//! What the user recorded about checklist items (status, owner, evidence), read from the store or a
//! progress file, and what it makes of an item: its evidence checked against the as-of date, and its
//! status.

use std::collections::HashSet;

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::InputError;
use super::catalogue::{Catalogues, Item, Validity};
use crate::plan::Problem;
use crate::plan::locate;
use crate::text::{NBSP, Text};

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

pub(super) fn check_evidence(
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

pub(super) fn status_of(
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
        let reopened = Text::by(|lang| {
            let parts: Vec<String> = failing
                .iter()
                .map(|e| {
                    let (name, state) = (e.name.get(lang), state_text(e.state));
                    lang.pick(
                        format!("{name}: {}", state.en),
                        format!("{name}{NBSP}: {}", state.fr),
                    )
                })
                .collect();
            lang.pick(
                format!("reopened: {}", parts.join("; ")),
                format!("rouvert{NBSP}: {}", parts.join(" ; ")),
            )
        });
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

/// An evidence state in words, for the reason a done item was reopened.
fn state_text(state: EvidenceState) -> Text {
    let (en, fr) = match state {
        EvidenceState::Valid => ("valid", "valide"),
        EvidenceState::Missing => ("missing", "manquant"),
        EvidenceState::Stale => ("issued too long ago", "émis il y a trop longtemps"),
        EvidenceState::Expired => ("expired", "expiré"),
        EvidenceState::Undated => ("date missing", "date manquante"),
        EvidenceState::Superseded => ("superseded by a change", "remplacé suite à un changement"),
    };
    Text::new(en, fr)
}

/// Done, or recurring (per shipment) with the current shipment covered; N/A by the user counts as settled.
pub(super) fn is_complete(status: Status) -> bool {
    matches!(
        status,
        Status::Done | Status::Recurring | Status::NotApplicable
    )
}

pub(super) fn add_days(date: NaiveDate, days: u32) -> NaiveDate {
    date.checked_add_days(Days::new(days.into()))
        .unwrap_or(NaiveDate::MAX)
}
