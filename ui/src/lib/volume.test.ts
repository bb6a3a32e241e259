import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { profitAt, volumeAxis } from "./volume";

// Amazon JP FBA in the example: 300 units a month, ¥1,068 contribution each (¥320,400), ¥34,900 fixed.
const fba = { contribution: "320400", fixed_monthly: "34900", monthly_units: 300, break_even_units: 33 };

describe("profit by volume", () => {
  it("gives back the scenario's monthly profit at the scenario's volume", () => {
    // 320,400 − 34,900 = 285,500.
    expect(profitAt(fba, 300)?.toString()).toBe("285500");
  });

  it("crosses zero at the break-even volume the engine reports", () => {
    // 34,900 ÷ 1,068 = 32.7 → 33 units: a loss at 32, a profit at 33.
    expect(profitAt(fba, 32)?.isNegative()).toBe(true);
    expect(profitAt(fba, 33)?.isNegative()).toBe(false);
    expect(profitAt(fba, 0)?.equals(new Decimal(-34900))).toBe(true);
  });

  it("cannot scale a channel with no volume", () => {
    expect(profitAt({ ...fba, monthly_units: 0 }, 100)).toBeNull();
  });

  it("draws up to twice the largest volume or break-even, in whole steps", () => {
    const axis = volumeAxis([fba, { monthly_units: 50, break_even_units: 224 }], 4);
    // The largest is the FBA scenario's 300 units (above the other's 224 break-even): 0 to 600.
    expect(axis).toEqual([0, 150, 300, 450, 600]);
  });
});
