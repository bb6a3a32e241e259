//! The Landfall desktop shell: a window over the `landfall` library. Each command deserialises its
//! arguments, calls one `landfall::api` handler and serialises the answer; nothing else lives here.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Mutex;

use landfall::api::{
    ApiError, AppInfo, CatalogueCheck, ChannelOption, ChannelSetup, DataVersions, ErrorCode,
    EvidenceAttachment, ExportProgress, ItemUpdate, Landfall, ManualRate, MenuLabels, NewPlan,
    PlanComparison, PlanDetail, PlanQuote, Profile, ReportRequest,
};
use landfall::checklist::engine::PlanChecklist;
use landfall::checklist::health::{HealthReport, Metrics};
use landfall::money::Currency;
use landfall::plan::channels::{ChannelPlan, Scenario};
use landfall::plan::{Marketplace, Product};
use landfall::rates::{ECB_90_DAY_URL, FetchConfig, RatesReport, UpdateOutcome, fetch_text};
use landfall::report::export::Exported;
use landfall::store::{Evidence, PlanId, PlanSummary};
use landfall::text::Lang;
use tauri::ipc::Channel;
use tauri::menu::{Menu, MenuItem, PredefinedMenuItem, Submenu};
use tauri::{AppHandle, Emitter, Runtime, State};

type App = Mutex<Landfall>;

/// Runs a handler on the open database; a poisoned lock (an earlier panic) is reported, not propagated.
fn with<T>(
    app: &App,
    handler: impl FnOnce(&mut Landfall) -> Result<T, ApiError>,
) -> Result<T, ApiError> {
    let mut landfall = app.lock().map_err(|_| {
        ApiError::new(
            ErrorCode::Internal,
            "the database handle was lost; restart Landfall",
        )
    })?;
    handler(&mut landfall)
}

#[tauri::command]
fn app_info(app: State<'_, App>) -> Result<AppInfo, ApiError> {
    with(&app, |landfall| Ok(landfall.app_info()))
}

#[tauri::command]
fn data_versions(app: State<'_, App>) -> Result<DataVersions, ApiError> {
    with(&app, |landfall| Ok(landfall.data_versions(today())))
}

#[tauri::command]
fn assess_health(app: State<'_, App>, metrics: Metrics) -> Result<HealthReport, ApiError> {
    with(&app, |landfall| landfall.assess_health(metrics))
}

#[tauri::command]
fn list_plans(app: State<'_, App>) -> Result<Vec<PlanSummary>, ApiError> {
    with(&app, |landfall| landfall.list_plans())
}

#[tauri::command]
fn get_plan(app: State<'_, App>, id: PlanId) -> Result<PlanDetail, ApiError> {
    with(&app, |landfall| landfall.get_plan(id))
}

#[tauri::command]
fn new_plan(app: State<'_, App>, plan: NewPlan) -> Result<PlanSummary, ApiError> {
    with(&app, |landfall| landfall.new_plan(plan, today()))
}

#[tauri::command]
fn marketplace_currencies(
    app: State<'_, App>,
) -> Result<BTreeMap<Marketplace, Currency>, ApiError> {
    with(&app, |landfall| Ok(landfall.currencies()))
}

#[tauri::command]
fn new_plan_from_example(
    app: State<'_, App>,
    example: String,
    name: String,
) -> Result<PlanSummary, ApiError> {
    with(&app, |landfall| {
        landfall.new_plan_from_example(&example, &name)
    })
}

#[tauri::command]
fn duplicate_plan(app: State<'_, App>, id: PlanId, name: String) -> Result<PlanSummary, ApiError> {
    with(&app, |landfall| landfall.duplicate_plan(id, &name))
}

#[tauri::command]
fn rename_plan(app: State<'_, App>, id: PlanId, name: String) -> Result<PlanSummary, ApiError> {
    with(&app, |landfall| landfall.rename_plan(id, &name))
}

#[tauri::command]
fn delete_plan(app: State<'_, App>, id: PlanId) -> Result<(), ApiError> {
    with(&app, |landfall| landfall.delete_plan(id))
}

#[tauri::command]
fn undo_delete(app: State<'_, App>, id: PlanId) -> Result<PlanSummary, ApiError> {
    with(&app, |landfall| landfall.undo_delete(id))
}

#[tauri::command]
fn quote_plan(app: State<'_, App>, id: PlanId) -> Result<PlanQuote, ApiError> {
    with(&app, |landfall| landfall.quote_plan(id))
}

#[tauri::command]
fn quote_figures(app: State<'_, App>, id: PlanId) -> Result<PlanQuote, ApiError> {
    with(&app, |landfall| landfall.quote_figures(id))
}

#[tauri::command]
fn compare_channels(
    app: State<'_, App>,
    id: PlanId,
    scenario: Option<String>,
) -> Result<PlanComparison, ApiError> {
    with(&app, |landfall| landfall.compare_channels(id, scenario))
}

#[tauri::command]
fn checklist(app: State<'_, App>, id: PlanId) -> Result<PlanChecklist, ApiError> {
    with(&app, |landfall| landfall.checklist(id))
}

#[tauri::command]
fn update_item(
    app: State<'_, App>,
    id: PlanId,
    update: ItemUpdate,
) -> Result<PlanChecklist, ApiError> {
    with(&app, |landfall| landfall.update_item(id, update))
}

#[tauri::command]
fn save_profile(app: State<'_, App>, id: PlanId, profile: Profile) -> Result<PlanDetail, ApiError> {
    with(&app, |landfall| landfall.save_profile(id, profile))
}

#[tauri::command]
fn save_product(
    app: State<'_, App>,
    id: PlanId,
    previous_sku: Option<String>,
    product: Product,
) -> Result<PlanDetail, ApiError> {
    with(&app, |landfall| {
        landfall.save_product(id, previous_sku, product)
    })
}

#[tauri::command]
fn delete_product(app: State<'_, App>, id: PlanId, sku: String) -> Result<PlanDetail, ApiError> {
    with(&app, |landfall| landfall.delete_product(id, &sku))
}

#[tauri::command]
fn channel_options(app: State<'_, App>, id: PlanId) -> Result<Vec<ChannelOption>, ApiError> {
    with(&app, |landfall| landfall.channel_options(id))
}

#[tauri::command]
fn save_channel(
    app: State<'_, App>,
    id: PlanId,
    previous_id: Option<String>,
    channel: ChannelPlan,
) -> Result<PlanDetail, ApiError> {
    with(&app, |landfall| {
        landfall.save_channel(id, previous_id, channel)
    })
}

#[tauri::command]
fn delete_channel(
    app: State<'_, App>,
    id: PlanId,
    channel: String,
) -> Result<PlanDetail, ApiError> {
    with(&app, |landfall| landfall.delete_channel(id, &channel))
}

#[tauri::command]
fn save_scenario(
    app: State<'_, App>,
    id: PlanId,
    previous_name: Option<String>,
    scenario: Scenario,
) -> Result<PlanDetail, ApiError> {
    with(&app, |landfall| {
        landfall.save_scenario(id, previous_name, scenario)
    })
}

#[tauri::command]
fn delete_scenario(app: State<'_, App>, id: PlanId, name: String) -> Result<PlanDetail, ApiError> {
    with(&app, |landfall| landfall.delete_scenario(id, &name))
}

#[tauri::command]
fn save_channel_setup(
    app: State<'_, App>,
    id: PlanId,
    setup: ChannelSetup,
) -> Result<PlanDetail, ApiError> {
    with(&app, |landfall| landfall.save_channel_setup(id, setup))
}

#[tauri::command]
fn check_catalogue(
    app: State<'_, App>,
    id: PlanId,
    file_name: String,
    bytes: Vec<u8>,
) -> Result<CatalogueCheck, ApiError> {
    with(&app, |landfall| {
        landfall.check_catalogue(id, &file_name, &bytes)
    })
}

#[tauri::command]
fn import_catalogue(
    app: State<'_, App>,
    id: PlanId,
    file_name: String,
    bytes: Vec<u8>,
    skip_invalid: bool,
) -> Result<PlanDetail, ApiError> {
    with(&app, |landfall| {
        landfall.import_catalogue(id, &file_name, &bytes, skip_invalid)
    })
}

#[tauri::command]
fn write_skipped_rows(
    app: State<'_, App>,
    id: PlanId,
    file_name: String,
    bytes: Vec<u8>,
    lang: Lang,
    path: String,
) -> Result<usize, ApiError> {
    with(&app, |landfall| {
        landfall.write_skipped_rows(id, &file_name, &bytes, lang, &path)
    })
}

#[tauri::command]
fn evidence(app: State<'_, App>, id: PlanId) -> Result<Vec<Evidence>, ApiError> {
    with(&app, |landfall| landfall.evidence(id))
}

#[tauri::command]
fn attach_evidence(
    app: State<'_, App>,
    id: PlanId,
    attachment: EvidenceAttachment,
) -> Result<PlanChecklist, ApiError> {
    with(&app, |landfall| landfall.attach_evidence(id, attachment))
}

#[tauri::command]
fn remove_evidence(
    app: State<'_, App>,
    id: PlanId,
    item: String,
    sha256: String,
) -> Result<PlanChecklist, ApiError> {
    with(&app, |landfall| {
        landfall.remove_evidence(id, &item, &sha256)
    })
}

#[tauri::command]
fn export_portable(app: State<'_, App>, id: PlanId, path: String) -> Result<(), ApiError> {
    with(&app, |landfall| landfall.export_portable(id, &path))
}

#[tauri::command]
fn import_portable(
    app: State<'_, App>,
    path: String,
    name: Option<String>,
) -> Result<PlanSummary, ApiError> {
    with(&app, |landfall| {
        landfall.import_portable(&path, name.as_deref())
    })
}

/// Opens an exported report with the system's viewer; the api checks it is a report of this folder.
#[tauri::command]
fn open_report(app: State<'_, App>, path: String) -> Result<(), ApiError> {
    let file = with(&app, |landfall| landfall.report_file(&path))?;
    open::that_detached(&file).map_err(|err| {
        ApiError::new(
            ErrorCode::Storage,
            format!("cannot open {}: {err}", file.display()),
        )
    })
}

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

#[tauri::command]
fn rates(app: State<'_, App>) -> Result<RatesReport, ApiError> {
    with(&app, |landfall| landfall.rates_report(today()))
}

#[tauri::command]
fn set_manual_rate(app: State<'_, App>, rate: ManualRate) -> Result<RatesReport, ApiError> {
    with(&app, |landfall| landfall.set_manual_rate(rate, today()))
}

#[tauri::command]
fn remove_manual_rate(
    app: State<'_, App>,
    currency: String,
    date: chrono::NaiveDate,
) -> Result<RatesReport, ApiError> {
    with(&app, |landfall| {
        landfall.remove_manual_rate(&currency, date, today())
    })
}

/// Fetches on Tauri's async runtime with the database free, so the window never waits on the network.
/// `LANDFALL_ECB_URL` points at a mirror (or, in the end-to-end tests, a local server).
#[tauri::command]
async fn update_rates(app: State<'_, App>) -> Result<UpdateOutcome, ApiError> {
    let url = std::env::var("LANDFALL_ECB_URL").unwrap_or_else(|_| ECB_90_DAY_URL.to_owned());
    let fetched = fetch_text(&url, &FetchConfig::default()).await;
    with(&app, |landfall| {
        landfall.apply_rates_fetch(&url, fetched, today())
    })
}

/// The report is built under the lock, then typeset on a blocking worker with the database free, so
/// every other command goes on answering; each step is sent on `on_progress`.
#[tauri::command]
async fn export_report(
    app: State<'_, App>,
    id: PlanId,
    request: ReportRequest,
    on_progress: Channel<ExportProgress>,
) -> Result<Exported, ApiError> {
    let prepared = with(&app, |landfall| {
        landfall.prepare_report(id, request, today())
    })?;
    let rendered = tauri::async_runtime::spawn_blocking(move || {
        prepared.render(|step| {
            // A window that stopped listening does not stop the export.
            let _ = on_progress.send(step);
        })
    })
    .await
    .map_err(|err| {
        ApiError::new(
            ErrorCode::Internal,
            format!("the report could not be rendered: {err}"),
        )
    })??;
    with(&app, |landfall| landfall.record_report(&rendered))?;
    Ok(rendered.exported)
}

#[tauri::command]
fn logo_file(app: State<'_, App>) -> Result<Option<String>, ApiError> {
    with(&app, |landfall| {
        Ok(landfall.logo_file().map(|path| path.display().to_string()))
    })
}

#[tauri::command]
fn set_logo(app: State<'_, App>, path: String) -> Result<String, ApiError> {
    with(&app, |landfall| landfall.set_logo(&path))
}

#[tauri::command]
fn remove_logo(app: State<'_, App>) -> Result<(), ApiError> {
    with(&app, |landfall| landfall.remove_logo())
}

/// The native menu. Each of our items only emits its id as a `menu` event: the window decides what
/// it does, so the menu and the keyboard shortcuts reach the same actions as the buttons.
fn menu<R: Runtime>(app: &AppHandle<R>, labels: &MenuLabels) -> tauri::Result<Menu<R>> {
    let item = |id: &str, label: &str, accelerator: &str| {
        MenuItem::with_id(app, id, label, true, Some(accelerator))
    };
    let file = Submenu::with_items(
        app,
        &labels.file,
        true,
        &[
            &item("new-plan", &labels.new_plan, "CmdOrCtrl+N")?,
            &item("open-plan", &labels.open, "CmdOrCtrl+O")?,
            &item("save-copy", &labels.save_copy, "CmdOrCtrl+Shift+S")?,
            &item("export-report", &labels.export_report, "CmdOrCtrl+E")?,
            &PredefinedMenuItem::separator(app)?,
            &PredefinedMenuItem::quit(app, Some(&labels.quit))?,
        ],
    )?;
    let edit = Submenu::with_items(
        app,
        &labels.edit,
        true,
        &[
            // Our own items: outside a text field they undo plan changes (the window decides).
            &MenuItem::with_id(app, "undo", &labels.undo, true, None::<&str>)?,
            &MenuItem::with_id(app, "redo", &labels.redo, true, None::<&str>)?,
            &PredefinedMenuItem::separator(app)?,
            &PredefinedMenuItem::cut(app, Some(&labels.cut))?,
            &PredefinedMenuItem::copy(app, Some(&labels.copy))?,
            &PredefinedMenuItem::paste(app, Some(&labels.paste))?,
            &PredefinedMenuItem::select_all(app, Some(&labels.select_all))?,
        ],
    )?;
    let view = Submenu::with_items(
        app,
        &labels.view,
        true,
        &[&item("workshop", &labels.workshop, "F5")?],
    )?;
    Menu::with_items(app, &[&file, &edit, &view])
}

/// Rebuilds the native menu in the window's language.
#[tauri::command]
fn set_menu_labels(app: AppHandle, labels: MenuLabels) -> Result<(), ApiError> {
    let failed = |err: tauri::Error| {
        ApiError::new(
            ErrorCode::Internal,
            format!("the menu could not be rebuilt: {err}"),
        )
    };
    app.set_menu(menu(&app, &labels).map_err(failed)?)
        .map_err(failed)?;
    Ok(())
}

/// `LANDFALL_DB` (tests, several profiles) or the per-user app-data folder, the same file the CLI uses.
fn database_path() -> Option<PathBuf> {
    std::env::var_os("LANDFALL_DB")
        .filter(|path| !path.is_empty())
        .map(PathBuf::from)
        .or_else(landfall::store::default_db_path)
}

fn main() {
    let Some(db_path) = database_path() else {
        eprintln!(
            "landfall-desktop: no home folder to keep data in; set LANDFALL_DB to a database file path"
        );
        std::process::exit(2);
    };
    // `LANDFALL_EXAMPLE=0`: a new database starts empty instead of with the example plan.
    let opened = if std::env::var_os("LANDFALL_EXAMPLE").is_some_and(|value| value == "0") {
        Landfall::open_without_example(&db_path)
    } else {
        Landfall::open(&db_path)
    };
    let landfall = match opened {
        Ok(landfall) => landfall,
        Err(err) => {
            eprintln!("landfall-desktop: {err}");
            std::process::exit(2);
        }
    };
    tauri::Builder::default()
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .manage(Mutex::new(landfall))
        .menu(|app| menu(app, &MenuLabels::default()))
        .on_menu_event(|app, event| {
            let _ = app.emit("menu", event.id().as_ref());
        })
        .invoke_handler(tauri::generate_handler![
            app_info,
            list_plans,
            get_plan,
            new_plan_from_example,
            duplicate_plan,
            rename_plan,
            delete_plan,
            undo_delete,
            quote_plan,
            compare_channels,
            checklist,
            update_item,
            rates,
            update_rates,
            export_report,
            save_profile,
            save_product,
            delete_product,
            check_catalogue,
            import_catalogue,
            evidence,
            attach_evidence,
            remove_evidence,
            export_portable,
            import_portable,
            data_versions,
            assess_health,
            open_report,
            logo_file,
            set_logo,
            remove_logo,
            quote_figures,
            set_menu_labels,
            new_plan,
            marketplace_currencies,
            write_skipped_rows,
            set_manual_rate,
            remove_manual_rate,
            channel_options,
            save_channel,
            delete_channel,
            save_scenario,
            delete_scenario,
            save_channel_setup
        ])
        .run(tauri::generate_context!())
        .unwrap_or_else(|err| {
            eprintln!("landfall-desktop: the window could not start: {err}");
            std::process::exit(1);
        });
}
