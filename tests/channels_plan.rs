//! The plan's channel sections: read strictly, checked with field paths and lines, written back
//! unchanged.

use landfall::plan::{PlanError, parse_plan};

const EXAMPLE: &str = include_str!("../data/examples/bluetooth-speaker-japan.toml");

#[test]
fn example_channels_scenarios_and_weights_round_trip() {
    let plan = parse_plan("example", EXAMPLE).expect("example plan is valid");
    assert_eq!(plan.channels.len(), 4);
    assert_eq!(plan.scenarios.len(), 4);
    assert_eq!(plan.channels[3].payment.as_deref(), Some("stripe-eea"));
    assert_eq!(plan.channels[2].quotes.len(), 3);
    let again = parse_plan("again", &plan.to_toml().expect("serialises")).expect("reads back");
    assert_eq!(again, plan);
}

#[test]
fn channel_problems_name_their_field_and_line() {
    let text = format!(
        "{EXAMPLE}
[[channels]]
id = \"rakuten\"
pack = \"rakuten-ichiba\"
cpa = {{ amount = \"-5\", currency = \"JPY\" }}
quotes = [{{ code = \"payment\" }}]

[[scenarios]]
name = \"Every channel\"
"
    );
    let Err(PlanError::Invalid { problems, .. }) = parse_plan("plan.toml", &text) else {
        panic!("the plan has problems");
    };
    let found: Vec<(&str, &str)> = problems
        .iter()
        .map(|problem| (problem.field.as_str(), problem.message.en.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "channels[4].id",
                "duplicate channel id \"rakuten\" (already used by channels[2])"
            ),
            ("channels[4].quotes[0]", "give either an amount or a rate"),
            (
                "scenarios[4].name",
                "duplicate scenario name \"Every channel\" (already used by scenarios[2])"
            ),
            ("channels[4].cpa.amount", "must not be negative, found -5"),
        ]
    );
    let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).map(|i| i + 1);
    assert_eq!(problems[3].line, line_of("\"-5\""));
    let id_line = text
        .lines()
        .enumerate()
        .filter(|(_, l)| *l == "id = \"rakuten\"")
        .last()
        .map(|(i, _)| i + 1);
    assert_eq!(problems[0].line, id_line);
}

#[test]
fn unknown_channel_field_is_an_error() {
    let text = EXAMPLE.replacen("ad_share = \"8%\"", "ad_shares = \"8%\"", 1);
    let error = parse_plan("plan.toml", &text).unwrap_err().to_string();
    assert!(error.contains("ad_shares"), "{error}");
    assert!(error.contains("channels[0].ad_shares"), "{error}");
}
