import { invoke } from "@tauri-apps/api/core";
import type {
  ApiError,
  AppInfo,
  Exported,
  ItemUpdate, PlanComparison, PlanDetail, PlanQuote, PlanSummary, RatesReport, ReportRequest, TargetChecklist, UpdateOutcome } from "../bindings";

/** Typed calls to the desktop commands; each is one line over the Rust `api` room. */
export const api = {
  appInfo: () => invoke<AppInfo>("app_info"),
  listPlans: () => invoke<PlanSummary[]>("list_plans"),
  getPlan: (id: number) => invoke<PlanDetail>("get_plan", { id }),
  newPlanFromExample: (name: string) => invoke<PlanSummary>("new_plan_from_example", { name }),
  duplicatePlan: (id: number, name: string) => invoke<PlanSummary>("duplicate_plan", { id, name }),
  renamePlan: (id: number, name: string) => invoke<PlanSummary>("rename_plan", { id, name }),
  deletePlan: (id: number) => invoke<null>("delete_plan", { id }),
  undoDelete: (id: number) => invoke<PlanSummary>("undo_delete", { id }),
  quotePlan: (id: number) => invoke<PlanQuote>("quote_plan", { id }),
  compareChannels: (id: number, scenario: string | null) =>
    invoke<PlanComparison>("compare_channels", { id, scenario }),
  checklist: (id: number) => invoke<TargetChecklist[]>("checklist", { id }),
  updateItem: (id: number, update: ItemUpdate) => invoke<TargetChecklist[]>("update_item", { id, update }),
  rates: () => invoke<RatesReport>("rates"),
  updateRates: () => invoke<UpdateOutcome>("update_rates"),
  exportReport: (id: number, request: ReportRequest) => invoke<Exported>("export_report", { id, request }),
};

/** Commands reject with a coded `ApiError`; anything else (a bug, a lost IPC) becomes an internal one. */
export function asApiError(error: unknown): ApiError {
  if (typeof error === "object" && error !== null && "code" in error && "message" in error) {
    return error as ApiError;
  }
  return { code: "internal", message: String(error) };
}
