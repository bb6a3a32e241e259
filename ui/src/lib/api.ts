import { Channel, invoke } from "@tauri-apps/api/core";
import type {
  ApiError,
  AppInfo,
  CatalogueCheck,
  ChannelOption,
  ChannelPlan,
  ChannelSetup,
  DataVersions,
  Evidence,
  EvidenceAttachment,
  Exported,
  ExportProgress,
  HealthReport,
  ItemUpdate,
  Lang,
  ManualRate,
  MenuLabels,
  Metrics,
  NewPlan,
  PlanChecklist,
  PlanComparison,
  PlanDetail,
  PlanQuote,
  PlanSummary,
  Product,
  Profile,
  RatesReport,
  Scenario,
  ReportRequest,
  UpdateOutcome,
} from "../bindings";

/** Typed calls to the desktop commands; each is one line over the Rust `api` room. */
export const api = {
  appInfo: () => invoke<AppInfo>("app_info"),
  dataVersions: () => invoke<DataVersions>("data_versions"),
  setMenuLabels: (labels: MenuLabels) => invoke<null>("set_menu_labels", { labels }),
  assessHealth: (metrics: Metrics) => invoke<HealthReport>("assess_health", { metrics }),
  listPlans: () => invoke<PlanSummary[]>("list_plans"),
  getPlan: (id: number) => invoke<PlanDetail>("get_plan", { id }),
  newPlan: (plan: NewPlan) => invoke<PlanSummary>("new_plan", { plan }),
  marketplaceCurrencies: () => invoke<PlanDetail["currencies"]>("marketplace_currencies"),
  newPlanFromExample: (example: string, name: string) => invoke<PlanSummary>("new_plan_from_example", { example, name }),
  duplicatePlan: (id: number, name: string) => invoke<PlanSummary>("duplicate_plan", { id, name }),
  renamePlan: (id: number, name: string) => invoke<PlanSummary>("rename_plan", { id, name }),
  deletePlan: (id: number) => invoke<null>("delete_plan", { id }),
  undoDelete: (id: number) => invoke<PlanSummary>("undo_delete", { id }),
  quotePlan: (id: number) => invoke<PlanQuote>("quote_plan", { id }),
  quoteFigures: (id: number) => invoke<PlanQuote>("quote_figures", { id }),
  compareChannels: (id: number, scenario: string | null) =>
    invoke<PlanComparison>("compare_channels", { id, scenario }),
  checklist: (id: number) => invoke<PlanChecklist>("checklist", { id }),
  updateItem: (id: number, update: ItemUpdate) => invoke<PlanChecklist>("update_item", { id, update }),
  rates: () => invoke<RatesReport>("rates"),
  updateRates: () => invoke<UpdateOutcome>("update_rates"),
  setManualRate: (rate: ManualRate) => invoke<RatesReport>("set_manual_rate", { rate }),
  removeManualRate: (currency: string, date: string) => invoke<RatesReport>("remove_manual_rate", { currency, date }),
  exportReport: (id: number, request: ReportRequest, onStep: (step: ExportProgress) => void) => {
    const onProgress = new Channel<ExportProgress>();
    onProgress.onmessage = onStep;
    return invoke<Exported>("export_report", { id, request, onProgress });
  },
  logoFile: () => invoke<string | null>("logo_file"),
  setLogo: (path: string) => invoke<string>("set_logo", { path }),
  removeLogo: () => invoke<null>("remove_logo"),
  openReport: (path: string) => invoke<null>("open_report", { path }),
  saveProfile: (id: number, profile: Profile) => invoke<PlanDetail>("save_profile", { id, profile }),
  saveProduct: (id: number, previousSku: string | null, product: Product) =>
    invoke<PlanDetail>("save_product", { id, previousSku, product }),
  deleteProduct: (id: number, sku: string) => invoke<PlanDetail>("delete_product", { id, sku }),
  checkCatalogue: (id: number, fileName: string, bytes: number[]) =>
    invoke<CatalogueCheck>("check_catalogue", { id, fileName, bytes }),
  importCatalogue: (id: number, fileName: string, bytes: number[], skipInvalid: boolean) =>
    invoke<PlanDetail>("import_catalogue", { id, fileName, bytes, skipInvalid }),
  writeSkippedRows: (id: number, fileName: string, bytes: number[], lang: Lang, path: string) =>
    invoke<number>("write_skipped_rows", { id, fileName, bytes, lang, path }),
  channelOptions: (id: number) => invoke<ChannelOption[]>("channel_options", { id }),
  saveChannel: (id: number, previousId: string | null, channel: ChannelPlan) =>
    invoke<PlanDetail>("save_channel", { id, previousId, channel }),
  deleteChannel: (id: number, channel: string) => invoke<PlanDetail>("delete_channel", { id, channel }),
  saveScenario: (id: number, previousName: string | null, scenario: Scenario) =>
    invoke<PlanDetail>("save_scenario", { id, previousName, scenario }),
  deleteScenario: (id: number, name: string) => invoke<PlanDetail>("delete_scenario", { id, name }),
  saveChannelSetup: (id: number, setup: ChannelSetup) => invoke<PlanDetail>("save_channel_setup", { id, setup }),
  evidence: (id: number) => invoke<Evidence[]>("evidence", { id }),
  attachEvidence: (id: number, attachment: EvidenceAttachment) =>
    invoke<PlanChecklist>("attach_evidence", { id, attachment }),
  removeEvidence: (id: number, item: string, sha256: string) =>
    invoke<PlanChecklist>("remove_evidence", { id, item, sha256 }),
  exportPortable: (id: number, path: string) => invoke<null>("export_portable", { id, path }),
  /** A taken name is refused with the code `name-taken` and a `free_name` to offer. */
  importPortable: (path: string, name?: string) => invoke<PlanSummary>("import_portable", { path, name: name ?? null }),
};

/** Commands reject with a coded `ApiError`; anything else (a bug, a lost IPC) becomes an internal one. */
export function asApiError(error: unknown): ApiError {
  if (typeof error === "object" && error !== null && "code" in error && "message" in error) {
    return error as ApiError;
  }
  return { code: "internal", message: String(error) };
}
