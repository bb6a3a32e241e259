//! Seller performance health: verdicts on both sides of every limit, per programme, and input errors.

use landfall::checklist::bundled::performance_targets;
use landfall::checklist::health::{
    HealthReport, Metric, PerformanceTargets, Verdict, assess, parse_metrics,
};
use rust_decimal_macros::dec;

fn report(programme: &str, as_of: &str, lines: &str) -> HealthReport {
    let text = format!(
        "[metrics]\nmarketplace = \"amazon-jp\"\nprogramme = \"{programme}\"\nas_of = \"{as_of}\"\n{lines}"
    );
    let metrics = parse_metrics("metrics.toml", &text).unwrap_or_else(|e| panic!("{e}"));
    assess(&metrics, &performance_targets().unwrap())
}

fn verdict(programme: &str, metric: Metric, value: &str) -> Verdict {
    let field = serde_json::to_value(metric).unwrap();
    let line = format!("{} = \"{value}\"\n", field.as_str().unwrap());
    let result = report(programme, "2026-11-22", &line);
    result
        .metrics
        .iter()
        .find(|m| m.metric == metric)
        .unwrap()
        .verdict
}

#[test]
fn standard_targets_on_both_sides_of_each_limit() {
    use Metric::*;
    use Verdict::*;
    let cases = [
        // ODR < 1%, warning from 0.75%.
        (OrderDefectRate, "0.74", Pass),
        (OrderDefectRate, "0.75", AtRisk),
        (OrderDefectRate, "0.99", AtRisk),
        (OrderDefectRate, "1", Fail),
        // Cancel < 2.5%, warning from 2%.
        (PreFulfilmentCancelRate, "1.99", Pass),
        (PreFulfilmentCancelRate, "2.49", AtRisk),
        (PreFulfilmentCancelRate, "2.5", Fail),
        // Late < 4%, warning from 3%.
        (LateShipmentRate, "2.9", Pass),
        (LateShipmentRate, "3.99", AtRisk),
        (LateShipmentRate, "4", Fail),
        // Replies within 24 h > 90%, warning at 92% and below.
        (ResponseWithin24h, "92.5", Pass),
        (ResponseWithin24h, "92", AtRisk),
        (ResponseWithin24h, "90", Fail),
    ];
    for (metric, value, expected) in cases {
        assert_eq!(
            verdict("standard", metric, value),
            expected,
            "{metric:?} {value}"
        );
    }
}

#[test]
fn business_targets_are_stricter() {
    use Metric::*;
    use Verdict::*;
    let cases = [
        // ODR ≤ 0.5% (the limit itself passes), warning from 0.4%.
        (OrderDefectRate, "0.39", Pass),
        (OrderDefectRate, "0.5", AtRisk),
        (OrderDefectRate, "0.51", Fail),
        (PreFulfilmentCancelRate, "0.74", Pass),
        (PreFulfilmentCancelRate, "0.99", AtRisk),
        (PreFulfilmentCancelRate, "1", Fail),
        (LateShipmentRate, "1", Fail),
    ];
    for (metric, value, expected) in cases {
        assert_eq!(
            verdict("business", metric, value),
            expected,
            "{metric:?} {value}"
        );
    }
    // A late-shipment rate that passes the standard target fails the business one.
    assert_eq!(verdict("standard", LateShipmentRate, "2"), Pass);
    assert_eq!(verdict("business", LateShipmentRate, "2"), Fail);
}

#[test]
fn overall_is_the_worst_confirmed_verdict() {
    let example = include_str!("../data/examples/seller-metrics.toml");
    let metrics = parse_metrics("example", example).unwrap();
    let result = assess(&metrics, &performance_targets().unwrap());
    let verdicts: Vec<Verdict> = result.metrics.iter().map(|m| m.verdict).collect();
    // 0.42 < 0.75 pass; 2.1 ≥ 2 at risk; 4.3 ≥ 4 fail; 94 > 92 pass.
    assert_eq!(
        verdicts,
        [Verdict::Pass, Verdict::AtRisk, Verdict::Fail, Verdict::Pass]
    );
    assert_eq!(result.overall, Verdict::Fail);
    assert_eq!(result.metrics[0].rule.as_deref(), Some("< 1%"));
    assert_eq!(result.metrics[0].value, Some(dec!(0.42)));
    assert!(
        result.metrics[0]
            .source
            .as_ref()
            .unwrap()
            .url
            .starts_with("https://")
    );

    // The response-time target is "to verify": a failure there is shown but does not decide overall.
    let result = report(
        "standard",
        "2026-11-22",
        "order_defect_rate = \"0.1\"\nresponse_within_24h = \"50\"\n",
    );
    assert_eq!(result.metrics[3].verdict, Verdict::Fail);
    assert_eq!(result.overall, Verdict::Pass);
}

#[test]
fn missing_values_and_targets_not_yet_in_force() {
    let result = report("standard", "2026-11-22", "");
    assert!(
        result
            .metrics
            .iter()
            .all(|m| m.verdict == Verdict::NotGiven)
    );
    assert_eq!(result.overall, Verdict::NotGiven);
    // Business targets are dated from their verification (2026-11-22): the day before there is none.
    let result = report("business", "2026-11-21", "order_defect_rate = \"0.3\"\n");
    assert_eq!(result.metrics[0].verdict, Verdict::NoTarget);
    assert_eq!(result.metrics[0].rule, None);
}

#[test]
fn bad_metrics_name_the_field_and_line() {
    let text = "[metrics]\nmarketplace = \"amazon-jp\"\nprogramme = \"standard\"\nas_of = \"2026-11-22\"\n\
                order_defect_rate = \"101\"\n";
    let message = parse_metrics("m.toml", text).unwrap_err().to_string();
    assert_eq!(
        message,
        "m.toml:5:21: metrics.order_defect_rate: 101 is not a percentage between 0 and 100"
    );
    let text = text.replace("programme = \"standard\"", "programme = \"gold\"");
    let message = parse_metrics("m.toml", &text).unwrap_err().to_string();
    assert!(message.starts_with("m.toml:3:"), "{message}");
    assert!(
        message.contains("metrics.programme") && message.contains("gold"),
        "{message}"
    );
    let text = "[metrics]\nmarketplace = \"amazon-jp\"\nprogramme = \"standard\"\nas_of = \"2026-11-22\"\nodr = \"1\"\n";
    let message = parse_metrics("m.toml", text).unwrap_err().to_string();
    assert!(message.contains("unknown field `odr`"), "{message}");
}

#[test]
fn a_warning_level_on_the_failing_side_is_rejected() {
    let (name, text) = landfall::checklist::bundled::PERFORMANCE_TARGETS_FILE;
    let broken = text.replacen("at_risk_from = \"0.75\"", "at_risk_from = \"1.5\"", 1);
    let message = PerformanceTargets::load(name, &broken)
        .unwrap_err()
        .to_string();
    assert!(message.contains("targets[0].at_risk_from"), "{message}");
    assert!(message.starts_with(&format!("{name}:")), "{message}");
}
