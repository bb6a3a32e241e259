import { describe, expect, it } from "vitest";
import type { Product } from "../bindings";
import { type Currencies, blankProduct, checkField, fieldValue, parseRate, problemsByField, withField } from "./productForm";

const speaker: Product = {
  sku: "SPK-1",
  name: "Bluetooth speaker",
  hs_code: "851822",
  flags: ["radio_emitter"],
  unit_cost: { amount: "18.50", currency: "EUR" },
  prices: [{ marketplace: "amazon-jp", price: { amount: "6980", currency: "JPY" } }],
  overrides: [{ marketplace: "amazon-jp", fulfilment_fee: { amount: "434", currency: "JPY" }, duty_rate: "0%" }],
};

// The currencies the engine sends with a plan (from the marketplace packs).
const currencies = (unitCost: string): Currencies => ({
  unitCost,
  marketplaces: { "amazon-jp": "JPY", "amazon-us": "USD", "amazon-de": "EUR", "amazon-fr": "EUR", "amazon-uk": "GBP" },
});

describe("product row editing", () => {
  it("checks each cell the way the plan does", () => {
    expect(checkField("sku", "  ")).toBe("required");
    expect(checkField("hs_code", "85182")).toBe("hsCode");
    expect(checkField("hs_code", "851822")).toBeNull();
    expect(checkField("unit_cost", "18,50")).toBeNull();
    expect(checkField("unit_cost", "-1")).toBe("amount");
    expect(checkField("price:amazon-jp", "6 980")).toBeNull();
    expect(checkField("price:amazon-jp", "abc")).toBe("amount");
    expect(checkField("duty_rate:amazon-jp", "3,5 %")).toBeNull();
    expect(checkField("duty_rate:amazon-jp", "lots")).toBe("rate");
  });

  it("reads rates as the plan writes them", () => {
    expect(parseRate("3,5 %")).toBe("3.5%");
    expect(parseRate("0")).toBe("0%");
    expect(parseRate("-2")).toBeNull();
  });

  it("writes a French-typed price as a decimal string in the marketplace's currency", () => {
    const changed = withField(speaker, "price:amazon-jp", "7 980", currencies("EUR"));
    expect(changed.prices).toEqual([{ marketplace: "amazon-jp", price: { amount: "7980", currency: "JPY" } }]);
    expect(fieldValue(changed, "price:amazon-jp")).toBe("7980");
    const us = withField(changed, "price:amazon-us", "49,99", currencies("EUR"));
    expect(us.prices?.find((p) => p.marketplace === "amazon-us")?.price).toEqual({ amount: "49.99", currency: "USD" });
  });

  it("keeps an override only while it holds a figure", () => {
    const noFee = withField(speaker, "fulfilment_fee:amazon-jp", "", currencies("EUR"));
    expect(noFee.overrides).toEqual([{ marketplace: "amazon-jp", fulfilment_fee: null, duty_rate: "0%" }]);
    const none = withField(noFee, "duty_rate:amazon-jp", "", currencies("EUR"));
    expect(none.overrides).toEqual([]);
    const typed = withField(none, "duty_rate:amazon-jp", "2,7", currencies("EUR"));
    expect(fieldValue(typed, "duty_rate:amazon-jp")).toBe("2.7%");
  });

  it("clears the unit cost and HS code with an empty cell", () => {
    const cleared = withField(withField(speaker, "unit_cost", "", currencies("EUR")), "hs_code", " ", currencies("EUR"));
    expect(cleared.unit_cost).toBeNull();
    expect(cleared.hs_code).toBeNull();
    expect(withField(blankProduct(), "unit_cost", "4,20", currencies("EUR")).unit_cost).toEqual({ amount: "4.2", currency: "EUR" });
  });

  const problems = [
    { field: "hs_code", line: null, column: null, message: { en: "not an HS code", fr: "pas un code SH" } },
    { field: "prices[0].price.amount", line: null, column: null, message: { en: "must not be negative", fr: "ne doit pas être négatif" } },
    {
      field: "overrides[0].fulfilment_fee.amount",
      line: null,
      column: null,
      message: { en: "must not be negative", fr: "ne doit pas être négatif" },
    },
    { field: "package.weight_g", line: null, column: null, message: { en: "must be greater than zero", fr: "doit être supérieur à zéro" } },
    { field: "seller.capital", line: null, column: null, message: { en: "not a product field", fr: "pas un champ du produit" } },
  ];

  it("puts each server problem under its cell", () => {
    const { fields, other } = problemsByField(speaker, problems, "en");
    expect(fields).toEqual({
      hs_code: "not an HS code",
      "price:amazon-jp": "must not be negative",
      "fulfilment_fee:amazon-jp": "must not be negative",
      weight: "must be greater than zero",
    });
    expect(other).toEqual(["seller.capital: not a product field"]);
  });

  it("gives the server's reasons in French in the French window", () => {
    const { fields, other } = problemsByField(speaker, problems, "fr");
    expect(fields.hs_code).toBe("pas un code SH");
    expect(fields["price:amazon-jp"]).toBe("ne doit pas être négatif");
    expect(fields.weight).toBe("doit être supérieur à zéro");
    expect(other).toEqual(["seller.capital\u00a0: pas un champ du produit"]);
  });

  it("keeps a category per marketplace only where it differs from the product's", () => {
    const cream: Product = { ...speaker, category: "beauty-health" };
    const fr = withField(cream, "category:amazon-fr", "most", currencies("EUR"));
    expect(fr.categories).toEqual([{ marketplace: "amazon-fr", category: "most" }]);
    expect(fieldValue(fr, "category:amazon-fr")).toBe("most");
    expect(fieldValue(fr, "category:amazon-jp")).toBe("beauty-health");
    expect(withField(fr, "category:amazon-fr", "beauty-health", currencies("EUR")).categories).toEqual([]);
  });

  it("types freight in the purchase cost's currency and insurance only beside it", () => {
    const noInsurance = withField(speaker, "insurance:amazon-jp", "0,15", currencies("EUR"));
    expect(noInsurance).toEqual(speaker);
    const freight = withField(speaker, "freight:amazon-jp", "2,10", currencies("EUR"));
    const insured = withField(freight, "insurance:amazon-jp", "0,15", currencies("EUR"));
    expect(insured.freight).toEqual([
      { marketplace: "amazon-jp", freight: { amount: "2.1", currency: "EUR" }, insurance: { amount: "0.15", currency: "EUR" } },
    ]);
    expect(fieldValue(insured, "insurance:amazon-jp")).toBe("0.15");
    expect(withField(insured, "freight:amazon-jp", "", currencies("EUR")).freight).toEqual([]);
  });

  it("checks the origin and the toy age, and writes them as the plan does", () => {
    expect(checkField("origin", "fra")).toBe("country");
    expect(checkField("toy_age_min_months", "3 ans")).toBe("age");
    const made = withField(withField(speaker, "origin", "fr", currencies("EUR")), "toy_age_min_months", "36", currencies("EUR"));
    expect([made.origin, made.toy_age_min_months]).toEqual(["FR", 36]);
  });

  it("takes a bottle's litres typed the French way, refuses zero and words, and clears them", () => {
    expect(checkField("litres", "0,75")).toBeNull();
    expect(checkField("litres", "0")).toBe("litres");
    expect(checkField("litres", "-1")).toBe("litres");
    expect(checkField("litres", "75 cl")).toBe("litres");
    const bottle = withField(speaker, "litres", "0,75", currencies("EUR"));
    expect(bottle.litres).toBe("0.75");
    expect(fieldValue(bottle, "litres")).toBe("0.75");
    expect(withField(bottle, "litres", "", currencies("EUR")).litres).toBeUndefined();
  });

  it("maps freight and category problems onto their marketplace's inputs", () => {
    const shipped: Product = {
      ...speaker,
      freight: [{ marketplace: "amazon-us", freight: { amount: "-1", currency: "EUR" }, insurance: null }],
      categories: [{ marketplace: "amazon-fr", category: "" }],
    };
    const { fields } = problemsByField(
      shipped,
      [
        { field: "freight[0].freight.amount", line: null, column: null, message: { en: "negative", fr: "négatif" } },
        { field: "categories[0].category", line: null, column: null, message: { en: "empty", fr: "vide" } },
      ],
      "en",
    );
    expect(fields).toEqual({ "freight:amazon-us": "negative", "category:amazon-fr": "empty" });
  });
});
