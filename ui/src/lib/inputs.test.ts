import { describe, expect, it } from "vitest";
import { findInput } from "./focus";
import { inputAttributes, inputRef, inputSelector } from "./inputs";

describe("inputs a missing line leads to", () => {
  it("writes a reference as data attributes and finds the input that carries them", () => {
    const ref = inputRef("freight", 'SKU "1"', "amazon-us");
    expect(inputAttributes(ref)).toEqual({ "data-input": "freight", "data-sku": 'SKU "1"', "data-marketplace": "amazon-us" });
    expect(inputSelector(ref)).toBe('[data-input="freight"][data-sku="SKU \\"1\\""][data-marketplace="amazon-us"]');
    document.body.innerHTML = `
      <input data-input="freight" data-sku='SKU "1"' data-marketplace="amazon-jp" id="jp">
      <input data-input="freight" data-sku='SKU "1"' data-marketplace="amazon-us" id="us">
      <input data-input="insurance" data-sku='SKU "1"' data-marketplace="amazon-us" id="insurance" disabled>
      <input data-input="package" data-sku='SKU "1"' id="package">`;
    expect(findInput(ref)?.id).toBe("us");
    // A product's own input is found when the engine also names a marketplace.
    expect(findInput(inputRef("package", 'SKU "1"', "amazon-us"))?.id).toBe("package");
    // A disabled input (insurance before its freight) is not a place to lead to.
    expect(findInput(inputRef("insurance", 'SKU "1"', "amazon-us"))).toBeNull();
    expect(findInput(inputRef("price", 'SKU "1"', "amazon-us"))).toBeNull();
  });
});
