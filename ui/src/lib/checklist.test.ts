import { describe, expect, it } from "vitest";
import type { ItemResult, TargetChecklist } from "../bindings";
import { groupItems, passes, viewOfInput } from "./checklist";

function item(id: string, group: string, extra: Partial<ItemResult> = {}): ItemResult {
  return {
    id,
    code: null,
    group,
    group_title: { en: group, fr: group },
    title: { en: id, fr: id },
    explanation: { en: "", fr: "" },
    importance: "mandatory",
    certainty: "confirmed",
    launch_blocking: true,
    depends_on: [],
    reason: { en: "", fr: "" },
    because: [],
    undecided: false,
    questions: [],
    products: [],
    channels: [],
    status: "to_do",
    blocked_by: [],
    reopened: null,
    owner_role: "seller",
    owner_role_title: { en: "seller", fr: "vendeur" },
    owner: null,
    lead_time_days: null,
    due: null,
    overdue: false,
    evidence: [],
    sources: [],
    last_verified: "2026-11-01",
    needs_reverification: false,
    ...extra,
  };
}

const checklist = {
  as_of: "2026-11-22",
  readiness: { done: 0, total: 2, percent: "0", blockers: ["b"], remaining: [], not_counted: [] },
} as unknown as TargetChecklist;

describe("groupItems", () => {
  it("keeps first-seen group order and the order inside each group", () => {
    const grouped = groupItems([item("a", "account"), item("b", "customs"), item("c", "account")]);
    expect(grouped.map((g) => [g.group, g.items.map((i) => i.id)])).toEqual([
      ["account", ["a", "c"]],
      ["customs", ["b"]],
    ]);
  });
});

describe("passes", () => {
  it("filters launch blockers, blocked items, items due within 30 days and the user's own", () => {
    expect(passes(item("b", "x"), "blockers", checklist, "")).toBe(true);
    expect(passes(item("a", "x"), "blockers", checklist, "")).toBe(false);
    expect(passes(item("a", "x", { status: "blocked" }), "blocked", checklist, "")).toBe(true);
    expect(passes(item("a", "x", { due: "2026-12-22" }), "dueSoon", checklist, "")).toBe(true);
    expect(passes(item("a", "x", { due: "2026-12-23" }), "dueSoon", checklist, "")).toBe(false);
    expect(passes(item("a", "x", { due: "2026-12-01", status: "done" }), "dueSoon", checklist, "")).toBe(false);
    expect(passes(item("a", "x", { owner: "Claire" }), "mine", checklist, " claire ")).toBe(true);
    expect(passes(item("a", "x", { owner: null }), "mine", checklist, "")).toBe(false);
  });

  it("shows the items that depend on an answer under 'to confirm'", () => {
    expect(passes(item("a", "x", { undecided: true }), "undecided", checklist, "")).toBe(true);
    expect(passes(item("a", "x"), "undecided", checklist, "")).toBe(false);
  });
});

describe("viewOfInput", () => {
  it("leads a channel's fulfilment to the channels view and a target's sales or a product's fact to the products view", () => {
    const ref = { sku: null, marketplace: null, channel: null };
    expect(viewOfInput({ ...ref, input: "fulfilment", channel: "shop" })).toBe("channels");
    expect(viewOfInput({ ...ref, input: "monthly-units", channel: "shop" })).toBe("channels");
    expect(viewOfInput({ ...ref, input: "monthly-sales", marketplace: "amazon-us" })).toBe("products");
    expect(viewOfInput({ ...ref, input: "toy-age", sku: "TOY-1" })).toBe("products");
  });
});
