// Every app command is listed here so tauri-build generates an `allow-<command>` permission for it;
// a command not granted in `capabilities/` cannot be called from the window.
const COMMANDS: &[&str] = &[
    "app_info",
    "list_plans",
    "get_plan",
    "new_plan_from_example",
    "duplicate_plan",
    "rename_plan",
    "delete_plan",
    "undo_delete",
    "quote_plan",
    "compare_channels",
    "checklist",
    "update_item",
    "rates",
    "update_rates",
    "export_report",
    "save_profile",
    "save_product",
    "delete_product",
    "check_catalogue",
    "import_catalogue",
    "evidence",
    "attach_evidence",
    "remove_evidence",
    "export_portable",
    "import_portable",
    "data_versions",
    "assess_health",
    "open_report",
    "logo_file",
    "set_logo",
    "remove_logo",
    "quote_figures",
    "set_menu_labels",
    "new_plan",
    "marketplace_currencies",
    "write_skipped_rows",
    "set_manual_rate",
    "remove_manual_rate",
    "channel_options",
    "save_channel",
    "delete_channel",
    "save_scenario",
    "delete_scenario",
    "save_channel_setup",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build failed");
}
