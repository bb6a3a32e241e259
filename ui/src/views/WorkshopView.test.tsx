import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { PlanChecklist, PlanDetail, PlanQuote, UnitEconomics } from "../bindings";
import { I18nProvider } from "../lib/i18n";
import { WorkshopView } from "./WorkshopView";

// The window's commands answer from a running desktop shell; here they answer the figures below.
const calls = vi.hoisted(() => ({ quote: null as PlanQuote | null }));
vi.mock("../lib/api", () => ({
  api: {
    getPlan: () =>
      Promise.resolve({
        summary: { id: 1, name: "Crème", updated_at: "2026-12-01", products: 1 },
        plan: { plan: { name: "Crème", as_of: "2026-12-03", home_currency: "EUR" }, seller: { country: "FR", entity: "company" } },
        currencies: {},
      } as unknown as PlanDetail),
    checklist: () => Promise.resolve({ targets: [], stores: [], shared: [] } satisfies PlanChecklist),
    quotePlan: () => Promise.resolve(calls.quote),
    compareChannels: () => Promise.reject({ code: "bad-input", message: "no channels" }),
  },
  asApiError: (error: unknown) => error,
}));

/** A face cream on Amazon.co.jp: purchase cost known, freight not typed yet, so no landed cost and no margin. */
const cream: UnitEconomics = {
  sku: "CRM-1",
  marketplace: "amazon-jp",
  currency: "JPY",
  price: "3980",
  net_price: "3618.1818",
  referral_fee: "398",
  closing_fee: "0",
  fulfilment_fee: "318",
  selling_plan: null,
  unit_cost: "1066",
  freight: null,
  duty: null,
  import_taxes: null,
  landed_cost: null,
  margin: null,
  margin_home: null,
  margin_rate: null,
  fx: [],
  explain: [],
  missing: [],
};

function quoteOf(item: UnitEconomics): PlanQuote {
  return { quote: { items: [item] }, rates: { kind: "bundled", date: "2026-10-30" }, rate_warnings: [] } as unknown as PlanQuote;
}

async function openCostScreen() {
  render(
    <I18nProvider>
      <WorkshopView planId={1} onClose={() => {}} />
    </I18nProvider>,
  );
  await screen.findByText("Crème");
  // The screens come as their figures load: wait for the cost screen to exist before moving to it.
  await screen.findByText(/ 1 \/ 2$/);
  await act(async () => {
    fireEvent.keyDown(window, { key: "ArrowRight" });
  });
  const costs = document.querySelector(".workshop-screen");
  expect(costs?.getAttribute("data-screen")).toBe("costs-CRM-1-amazon-jp");
  return costs as HTMLElement;
}

describe("workshop mode's hide", () => {
  beforeEach(() => localStorage.setItem("landfall.locale", "en"));
  afterEach(cleanup);

  for (const [what, item] of [
    ["with the freight missing", cream],
    ["with every figure", { ...cream, freight: "120", duty: "0", landed_cost: "1186", margin: "1716", margin_rate: "0.4743" }],
  ] as const) {
    it(`hides the purchase cost, the landed cost and the margin rate ${what}, and H shows them`, async () => {
      calls.quote = quoteOf(item);
      const costs = await openCostScreen();
      const hidden = costs.textContent ?? "";
      for (const secret of ["Unit cost", "Landed cost", "¥1,066", "¥1,186", "47.4", "%", "Margin"]) {
        expect(hidden).not.toContain(secret);
      }
      // What the fees leave: ¥3,618 net − ¥398 referral − ¥318 FBA = ¥2,902.
      expect(hidden).toContain("Left after the marketplace's fees");
      expect(hidden).toContain("¥2,902");
      await act(async () => {
        fireEvent.keyDown(window, { key: "h" });
      });
      const shown = costs.textContent ?? "";
      expect(shown).toContain("Unit cost");
      expect(shown).toContain("¥1,066");
    });
  }
});
