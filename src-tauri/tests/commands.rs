//! The window can call a command only when it is registered, has a generated permission and is
//! granted; these lists live in four files, so this test keeps them in step.

use std::collections::BTreeSet;

const BUILD_RS: &str = include_str!("../build.rs");
const MAIN_RS: &str = include_str!("../src/main.rs");
const CAPABILITY: &str = include_str!("../capabilities/default.json");
const CAPABILITY_README: &str = include_str!("../capabilities/README.md");

/// The quoted names between `start` and the next `]`.
fn quoted_list(text: &str, start: &str) -> BTreeSet<String> {
    let from = text
        .find(start)
        .map(|at| at + start.len())
        .unwrap_or(text.len());
    let list = &text[from..];
    let list = &list[..list.find(']').unwrap_or(list.len())];
    list.split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

fn commands_in_build_rs() -> BTreeSet<String> {
    quoted_list(BUILD_RS, "const COMMANDS: &[&str] = &[")
}

#[test]
fn every_registered_command_is_listed_permitted_and_explained() {
    let listed = commands_in_build_rs();
    assert!(
        listed.contains("list_plans"),
        "build.rs COMMANDS not found: {listed:?}"
    );

    let start = MAIN_RS
        .find("generate_handler![")
        .expect("generate_handler! in main.rs");
    let handler = &MAIN_RS[start + "generate_handler![".len()..];
    let handler = &handler[..handler.find(']').expect("end of generate_handler!")];
    let registered: BTreeSet<String> = handler
        .split(',')
        .map(|name| name.trim().to_owned())
        .filter(|name| !name.is_empty())
        .collect();
    assert_eq!(
        registered, listed,
        "generate_handler! and build.rs COMMANDS differ"
    );

    // Plugin permissions (`plugin:permission`) are granted beside the app commands' and explained in
    // their own table.
    let (plugins, granted): (BTreeSet<String>, BTreeSet<String>) =
        quoted_list(CAPABILITY, "\"permissions\": [")
            .into_iter()
            .partition(|permission| permission.contains(':'));
    let expected: BTreeSet<String> = listed
        .iter()
        .map(|command| format!("allow-{}", command.replace('_', "-")))
        .collect();
    assert_eq!(
        granted, expected,
        "capabilities/default.json grants differ from the commands"
    );

    for permission in expected.iter().chain(&plugins) {
        assert!(
            CAPABILITY_README.contains(&format!("`{permission}`")),
            "capabilities/README.md does not explain {permission}"
        );
    }
}
