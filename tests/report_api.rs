//! The desktop's report export (`Landfall::export_report`) carries the same channel comparison as
//! the Channels view (`Landfall::compare_channels`), run on a real SQLite file.

use landfall::api::{Landfall, ReportRequest};
use landfall::report::export::ReportFormat;
use landfall::report::{Lang, Paper, Report};

#[test]
fn the_exported_report_carries_the_channel_comparison_of_the_plan() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut landfall = Landfall::open(&dir.path().join("landfall.sqlite3")).expect("opens");
    let id = landfall.list_plans().expect("plans")[0].id;
    let comparison = landfall
        .compare_channels(id, None)
        .expect("the example compares")
        .comparison;
    let exported = landfall
        .export_report(
            id,
            ReportRequest {
                format: ReportFormat::Json,
                lang: Lang::Fr,
                paper: Paper::A4,
                consultant: None,
                client: None,
            },
            chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("date"),
            |_| {},
        )
        .expect("exports");
    let report: Report =
        serde_json::from_slice(&std::fs::read(&exported.path).expect("written")).expect("reads");
    let section = report.channels.expect("the example has channels");
    assert_eq!(section.selected, comparison.selected);
    assert_eq!(section.scenarios.len(), comparison.scenarios.len());
    for (ours, engine) in section.scenarios.iter().zip(&comparison.scenarios) {
        assert_eq!(
            ours.total_monthly_profit_home,
            engine.total_monthly_profit_home
        );
        let profits: Vec<_> = ours.channels.iter().map(|c| c.monthly_profit).collect();
        let ranked: Vec<_> = engine
            .ranking
            .iter()
            .filter_map(|id| engine.channels.iter().find(|c| &c.channel == id))
            .map(|c| c.monthly_profit)
            .collect();
        assert_eq!(profits, ranked, "{}", ours.name);
    }
    assert_eq!(section.sensitivity.len(), comparison.sensitivity.len());
    let best = report.summary.best_channel.expect("a best channel");
    assert_eq!(best.scenario, comparison.selected);
}
