//! Seller performance health: measured rates against Amazon's targets per marketplace and programme,
//! each metric judged pass / at risk / fail.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::InputError;
use super::catalogue::{Certainty, Text};
use crate::plan::locate;
use crate::plan::{Marketplace, Problem};
use crate::text::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    OrderDefectRate,
    PreFulfilmentCancelRate,
    LateShipmentRate,
    #[serde(rename = "response_within_24h")]
    ResponseWithin24h,
}

impl Metric {
    pub const ALL: [Metric; 4] = [
        Metric::OrderDefectRate,
        Metric::PreFulfilmentCancelRate,
        Metric::LateShipmentRate,
        Metric::ResponseWithin24h,
    ];

    pub fn label(self) -> Text {
        let (en, fr) = match self {
            Metric::OrderDefectRate => ("Order defect rate", "Taux de commandes défectueuses"),
            Metric::PreFulfilmentCancelRate => (
                "Pre-fulfilment cancel rate",
                "Taux d’annulation avant expédition",
            ),
            Metric::LateShipmentRate => ("Late shipment rate", "Taux d’expéditions en retard"),
            Metric::ResponseWithin24h => (
                "Buyer messages answered within 24 hours",
                "Messages acheteurs traités sous 24 heures",
            ),
        };
        Text {
            en: en.into(),
            fr: fr.into(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Programme {
    Standard,
    Business,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Comparison {
    Below,
    AtMost,
    Above,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Confidence {
    Official,
    OfficialCopy,
    Secondary,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct FigureSource {
    pub title: String,
    pub url: String,
}

/// One target row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PerformanceTarget {
    pub marketplaces: Vec<Marketplace>,
    pub programme: Programme,
    pub metric: Metric,
    pub comparison: Comparison,
    /// Percent.
    #[ts(type = "string")]
    pub limit: Decimal,
    /// Landfall's early-warning level (percent), between the comfortable side and the limit.
    #[ts(type = "string")]
    pub at_risk_from: Decimal,
    #[ts(type = "string")]
    pub effective_from: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "string | null")]
    pub effective_until: Option<NaiveDate>,
    pub confidence: Confidence,
    pub certainty: Certainty,
    pub source: FigureSource,
}

impl PerformanceTarget {
    fn rule(&self) -> String {
        let symbol = match self.comparison {
            Comparison::Below => "<",
            Comparison::AtMost => "≤",
            Comparison::Above => ">",
        };
        format!("{symbol} {}%", self.limit)
    }

    fn judge(&self, value: Decimal) -> Verdict {
        let (passes, warned) = match self.comparison {
            Comparison::Below => (value < self.limit, value >= self.at_risk_from),
            Comparison::AtMost => (value <= self.limit, value >= self.at_risk_from),
            Comparison::Above => (value > self.limit, value <= self.at_risk_from),
        };
        match (passes, warned) {
            (false, _) => Verdict::Fail,
            (true, true) => Verdict::AtRisk,
            (true, false) => Verdict::Pass,
        }
    }

    fn in_force(&self, marketplace: Marketplace, programme: Programme, as_of: NaiveDate) -> bool {
        self.marketplaces.contains(&marketplace)
            && self.programme == programme
            && self.effective_from <= as_of
            && self.effective_until.is_none_or(|until| as_of <= until)
    }
}

/// All target rows.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PerformanceTargets {
    pub targets: Vec<PerformanceTarget>,
}

impl PerformanceTargets {
    pub fn load(source_name: &str, text: &str) -> Result<PerformanceTargets, InputError> {
        let error = |problems| InputError {
            source_name: source_name.to_owned(),
            problems,
        };
        let targets: PerformanceTargets =
            locate::from_toml(text).map_err(|problem| error(vec![problem]))?;
        let mut problems = Vec::new();
        for (index, target) in targets.targets.iter().enumerate() {
            let at = format!("targets[{index}]");
            let misplaced = match target.comparison {
                Comparison::Below | Comparison::AtMost => target.at_risk_from > target.limit,
                Comparison::Above => target.at_risk_from < target.limit,
            };
            if misplaced {
                problems.push(Problem::at(
                    format!("{at}.at_risk_from"),
                    Text::new(
                        "the warning level must lie on the passing side of the limit",
                        "le seuil d’alerte doit se trouver du côté conforme de la limite",
                    ),
                ));
            }
            if !target.source.url.starts_with("http") {
                problems.push(Problem::at(
                    format!("{at}.source.url"),
                    Text::new("not a web address", "ce n’est pas une adresse web"),
                ));
            }
            let overlapping = targets.targets.iter().take(index).any(|earlier| {
                earlier.metric == target.metric
                    && earlier.programme == target.programme
                    && earlier.effective_from == target.effective_from
                    && earlier
                        .marketplaces
                        .iter()
                        .any(|m| target.marketplaces.contains(m))
            });
            if overlapping {
                problems.push(Problem::at(
                    format!("{at}.metric"),
                    Text::new(
                        "a second target for the same metric, programme, marketplace and date",
                        "un second objectif pour le même indicateur, le même programme, la même place \
                         de marché et la même date",
                    ),
                ));
            }
        }
        if problems.is_empty() {
            Ok(targets)
        } else {
            locate::place(text, &mut problems);
            Err(error(problems))
        }
    }

    /// The target in force for a metric: the latest `effective_from` not after `as_of`.
    pub fn find(
        &self,
        marketplace: Marketplace,
        programme: Programme,
        metric: Metric,
        as_of: NaiveDate,
    ) -> Option<&PerformanceTarget> {
        self.targets
            .iter()
            .filter(|t| t.metric == metric && t.in_force(marketplace, programme, as_of))
            .max_by_key(|t| t.effective_from)
    }
}

/// The metrics file: one snapshot of the Account Health page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct MetricsFile {
    pub metrics: Metrics,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Metrics {
    pub marketplace: Marketplace,
    pub programme: Programme,
    /// The date of the snapshot (picks the targets in force).
    #[ts(type = "string")]
    pub as_of: NaiveDate,
    /// Percentages; leave out what you do not have (cancel and late rates only exist for orders you ship).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "string | null")]
    pub order_defect_rate: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "string | null")]
    pub pre_fulfilment_cancel_rate: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "string | null")]
    pub late_shipment_rate: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "string | null")]
    pub response_within_24h: Option<Decimal>,
}

impl Metrics {
    fn value(&self, metric: Metric) -> Option<Decimal> {
        match metric {
            Metric::OrderDefectRate => self.order_defect_rate,
            Metric::PreFulfilmentCancelRate => self.pre_fulfilment_cancel_rate,
            Metric::LateShipmentRate => self.late_shipment_rate,
            Metric::ResponseWithin24h => self.response_within_24h,
        }
    }
}

/// Rates must be percentages between 0 and 100; each problem names its field (`metrics.<name>`).
pub fn check_metrics(metrics: &Metrics) -> Vec<Problem> {
    Metric::ALL
        .into_iter()
        .filter_map(|metric| {
            let value = metrics.value(metric)?;
            let name = serde_json::to_value(metric).ok()?.as_str()?.to_owned();
            (value < Decimal::ZERO || value > Decimal::ONE_HUNDRED).then(|| {
                Problem::at(
                    format!("metrics.{name}"),
                    Text::new(
                        format!("{value} is not a percentage between 0 and 100"),
                        format!(
                            "{} n’est pas un pourcentage entre 0 et 100",
                            Lang::Fr.as_typed(value)
                        ),
                    ),
                )
            })
        })
        .collect()
}

/// Reads a metrics file; rates must be percentages between 0 and 100.
pub fn parse_metrics(source_name: &str, text: &str) -> Result<Metrics, InputError> {
    let error = |problems| InputError {
        source_name: source_name.to_owned(),
        problems,
    };
    let file: MetricsFile = locate::from_toml(text).map_err(|problem| error(vec![problem]))?;
    let mut problems = check_metrics(&file.metrics);
    if problems.is_empty() {
        Ok(file.metrics)
    } else {
        locate::place(text, &mut problems);
        Err(error(problems))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// No value given for this metric.
    NotGiven,
    /// No target in force for this marketplace, programme and date.
    NoTarget,
    Pass,
    AtRisk,
    Fail,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MetricResult {
    pub metric: Metric,
    pub label: Text,
    #[ts(type = "string | null")]
    pub value: Option<Decimal>,
    /// The rule as shown to the user, e.g. `< 1%`.
    pub rule: Option<String>,
    #[ts(type = "string | null")]
    pub at_risk_from: Option<Decimal>,
    pub verdict: Verdict,
    pub certainty: Option<Certainty>,
    pub confidence: Option<Confidence>,
    pub source: Option<FigureSource>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct HealthReport {
    pub marketplace: Marketplace,
    pub programme: Programme,
    #[ts(type = "string")]
    pub as_of: NaiveDate,
    pub metrics: Vec<MetricResult>,
    /// The worst verdict among confirmed targets (to-verify targets are shown but do not decide it).
    pub overall: Verdict,
}

/// Judges each metric against the target in force.
pub fn assess(metrics: &Metrics, targets: &PerformanceTargets) -> HealthReport {
    let results: Vec<MetricResult> = Metric::ALL
        .into_iter()
        .map(|metric| {
            let value = metrics.value(metric);
            let target = targets.find(
                metrics.marketplace,
                metrics.programme,
                metric,
                metrics.as_of,
            );
            let verdict = match (value, target) {
                (None, _) => Verdict::NotGiven,
                (Some(_), None) => Verdict::NoTarget,
                (Some(value), Some(target)) => target.judge(value),
            };
            MetricResult {
                metric,
                label: metric.label(),
                value,
                rule: target.map(PerformanceTarget::rule),
                at_risk_from: target.map(|t| t.at_risk_from),
                verdict,
                certainty: target.map(|t| t.certainty),
                confidence: target.map(|t| t.confidence),
                source: target.map(|t| t.source.clone()),
            }
        })
        .collect();
    let overall = results
        .iter()
        .filter(|r| r.certainty == Some(Certainty::Confirmed))
        .map(|r| r.verdict)
        .filter(|v| matches!(v, Verdict::Pass | Verdict::AtRisk | Verdict::Fail))
        .max()
        .unwrap_or(Verdict::NotGiven);
    HealthReport {
        marketplace: metrics.marketplace,
        programme: metrics.programme,
        as_of: metrics.as_of,
        metrics: results,
        overall,
    }
}
