//! Due dates counted back from the launch, the earliest launch the lead times allow, and readiness.

use std::collections::HashMap;

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;

use super::catalogue::{Certainty, Importance};
use super::engine::{ItemResult, Readiness};
use super::progress::{Status, add_days, is_complete};

/// Counted in readiness and eligible to block: mandatory and confirmed by the sources.
pub(super) fn is_counted(importance: Importance, certainty: Certainty) -> bool {
    importance == Importance::Mandatory && certainty == Certainty::Confirmed
}

/// Watch and to-verify items never hold anything up.
pub(super) fn can_block(result: &ItemResult) -> bool {
    result.importance != Importance::Watch && result.certainty == Certainty::Confirmed
}

fn scheduled(result: &ItemResult) -> bool {
    result.importance != Importance::Watch
}

/// The earliest launch: every unfinished launch-blocking item's lead time after its dependencies,
/// counted from `as_of`. Ongoing and non-blocking items do not hold the launch back. `results` are
/// in dependency order.
pub(super) fn earliest_launch(results: &[ItemResult], as_of: NaiveDate) -> NaiveDate {
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
pub(super) fn schedule(results: &mut [ItemResult], launch: NaiveDate, as_of: NaiveDate) {
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

/// Share of the counted items done. An item whose applicability still depends on an answer counts
/// as not done: unknown is a question, not a no.
pub(super) fn readiness(results: &[ItemResult]) -> Readiness {
    let mut done = 0u32;
    let mut total = 0u32;
    let mut blockers: Vec<&ItemResult> = Vec::new();
    let mut remaining = Vec::new();
    let mut not_counted = Vec::new();
    for result in results {
        if !is_counted(result.importance, result.certainty) {
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
