import Decimal from "decimal.js";
import type { Explanation, Provenance, UnitEconomics } from "../bindings";
import type { MessageKey } from "./i18n";
import type { WaterfallStep } from "../views/Waterfall";

/** The figures of a unit-economics line, in reading order, with the message key of each label. */
export const figureRows: { key: keyof UnitEconomics; label: MessageKey; cost: boolean }[] = [
  { key: "price", label: "costs.price", cost: false },
  { key: "net_price", label: "costs.netPrice", cost: false },
  { key: "referral_fee", label: "costs.referralFee", cost: true },
  { key: "closing_fee", label: "costs.closingFee", cost: true },
  { key: "fulfilment_fee", label: "costs.fulfilmentFee", cost: true },
  { key: "selling_plan", label: "costs.sellingPlan", cost: true },
  { key: "unit_cost", label: "costs.unitCost", cost: true },
  { key: "freight", label: "costs.freight", cost: true },
  { key: "duty", label: "costs.duty", cost: true },
  { key: "landed_cost", label: "costs.landedCost", cost: false },
  { key: "margin", label: "costs.margin", cost: false },
];

/** The figure of a line as a decimal string, or null when it could not be computed. */
export function figure(item: UnitEconomics, key: keyof UnitEconomics): string | null {
  const value = item[key];
  return typeof value === "string" ? value : null;
}

/**
 * Waterfall steps from the net price down to the margin. Only known amounts take part; a missing
 * amount is listed separately, so the chart never pretends a missing cost is zero.
 */
export function waterfallSteps(item: UnitEconomics, label: (key: MessageKey) => string): WaterfallStep[] {
  return figureRows
    .filter((row) => row.cost && row.key !== "landed_cost")
    .flatMap((row) => {
      const value = figure(item, row.key);
      if (value === null || new Decimal(value).isZero()) return [];
      return [{ label: label(row.label), amount: new Decimal(value).negated().toString() }];
    });
}

/**
 * The waterfall as shown to an audience: with `hideConfidential`, the purchase cost, freight and duty
 * (the landed cost) are left out altogether, whatever is missing, so neither the supplier price nor a
 * landed cost that would give it away appears on the projector: the chart ends with what the
 * marketplace's fees leave of the price.
 */
export function presentedSteps(
  item: UnitEconomics,
  label: (key: MessageKey) => string,
  hideConfidential: boolean,
): WaterfallStep[] {
  const steps = waterfallSteps(item, label);
  if (!hideConfidential) return steps;
  const confidential = new Set(
    (["unit_cost", "freight", "duty", "landed_cost"] as (keyof UnitEconomics)[]).map((key) => label(figureRows.find((row) => row.key === key)!.label)),
  );
  return steps.filter((step) => !confidential.has(step.label));
}

/** A figure older than a year at the plan's as-of date is flagged wherever it is shown. */
export function isStale(provenance: Provenance, asOf: string): boolean {
  const from = Date.parse(provenance.effective_from);
  const at = Date.parse(asOf);
  return at - from > 365 * 24 * 3600 * 1000;
}

export function explanationsWithSource(explain: Explanation[]): Explanation[] {
  return explain.filter((step) => step.rule !== null);
}
