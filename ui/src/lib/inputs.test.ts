import { describe, expect, it } from "vitest";
import type { Missing } from "../bindings";
import { findInput } from "./focus";
import { inputAttributes, inputOfMissing, inputRef, inputSelector } from "./inputs";

const missing = (field: string, en: string): Missing => ({ field, message: { en, fr: en } });

describe("inputs named by a missing line", () => {
  it("reads the cost engine's fields as the inputs that answer them", () => {
    const of = (field: string, en = "") => inputOfMissing(missing(field, en), "CREAM-50", "amazon-jp");
    expect(of("amazon-jp: freight")).toEqual({ input: "freight", sku: "CREAM-50", marketplace: "amazon-jp", channel: null });
    expect(of("amazon-jp: price")?.input).toBe("price");
    expect(of("amazon-jp: unit_cost")?.input).toBe("unit-cost");
    expect(of("amazon-jp: category")?.input).toBe("category");
    expect(of("fulfilment.package")?.input).toBe("package");
    expect(of("fulfilment.fee")?.input).toBe("fulfilment-fee");
    // Volume belongs to the target, not to a product.
    expect(of("amazon-jp: monthly_units")).toEqual({ input: "monthly-units", sku: null, marketplace: "amazon-jp", channel: null });
    expect(of("amazon-jp: landed_cost", "lines[0].duty_rate: HS 330499 has no bundled duty rate")?.input).toBe("duty-rate");
    expect(of("amazon-jp: unit_cost", "no EUR/JPY exchange rate: add one")?.input).toBe("unit-cost");
    expect(of("amazon-jp: landed_cost", "packs/us: no US-MPF figure")).toBeNull();
  });

  it("writes a reference as data attributes and finds the input that carries them", () => {
    const ref = inputRef("freight", 'SKU "1"', "amazon-us");
    expect(inputAttributes(ref)).toEqual({ "data-input": "freight", "data-sku": 'SKU "1"', "data-marketplace": "amazon-us" });
    expect(inputSelector(ref)).toBe('[data-input="freight"][data-sku="SKU \\"1\\""][data-marketplace="amazon-us"]');
    document.body.innerHTML = `
      <input data-input="freight" data-sku='SKU "1"' data-marketplace="amazon-jp" id="jp">
      <input data-input="freight" data-sku='SKU "1"' data-marketplace="amazon-us" id="us">
      <input data-input="package" data-sku='SKU "1"' id="package">`;
    expect(findInput(ref)?.id).toBe("us");
    // A product's own input is found when the engine also names a marketplace.
    expect(findInput(inputRef("package", 'SKU "1"', "amazon-us"))?.id).toBe("package");
    expect(findInput(inputRef("price", 'SKU "1"', "amazon-us"))).toBeNull();
  });
});
