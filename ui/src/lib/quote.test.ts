import { describe, expect, it } from "vitest";
import type { Provenance, UnitEconomics } from "../bindings";
import { isStale, presentedSteps, waterfallSteps } from "./quote";

const item: UnitEconomics = {
  sku: "SPK-1",
  marketplace: "amazon-jp",
  currency: "JPY",
  price: "6980",
  net_price: "6345.4545",
  referral_fee: "586",
  closing_fee: "0",
  fulfilment_fee: null,
  selling_plan: "16.3333",
  unit_cost: "3180.5",
  freight: "360",
  duty: "0",
  import_taxes: "390",
  landed_cost: "3540.5",
  margin: null,
  margin_home: null,
  margin_rate: null,
  fx: [],
  explain: [],
  missing: [],
};

describe("waterfallSteps", () => {
  it("takes each known, non-zero cost away and skips missing ones", () => {
    const steps = waterfallSteps(item, (key) => key);
    expect(steps).toEqual([
      { label: "costs.referralFee", amount: "-586" },
      { label: "costs.sellingPlan", amount: "-16.3333" },
      { label: "costs.unitCost", amount: "-3180.5" },
      { label: "costs.freight", amount: "-360" },
    ]);
  });
});

describe("presentedSteps", () => {
  it("leaves out the purchase cost and the landed cost when confidential figures are hidden, whatever is missing", () => {
    const fees = [
      { label: "costs.referralFee", amount: "-586" },
      { label: "costs.sellingPlan", amount: "-16.3333" },
    ];
    expect(presentedSteps(item, (key) => key, true)).toEqual(fees);
    // Freight and duty missing: folding what is known into a "landed cost" would show the purchase cost alone.
    const noFreight: UnitEconomics = { ...item, freight: null, duty: null, landed_cost: null, margin: null };
    expect(presentedSteps(noFreight, (key) => key, true)).toEqual(fees);
  });

  it("shows every step when nothing is hidden", () => {
    expect(presentedSteps(item, (key) => key, false)).toEqual(waterfallSteps(item, (key) => key));
  });
});

describe("isStale", () => {
  const provenance = (from: string): Provenance => ({
    source: { title: "t", url: "https://example.org" },
    effective_from: from,
    effective_until: null,
    lapses: false,
    confidence: "official",
    note: null,
    note_fr: null,
    file: "f.toml",
    line: 1,
    origin: "bundled",
  });
  it("flags a figure in force for more than a year at the as-of date", () => {
    expect(isStale(provenance("2025-11-21"), "2026-11-22")).toBe(true);
    expect(isStale(provenance("2025-11-22"), "2026-11-22")).toBe(false);
    expect(isStale(provenance("2026-04-01"), "2026-11-22")).toBe(false);
  });
});
