import { describe, expect, it } from "vitest";
import { fromPlanUnit, toPlanUnit } from "./units";

describe("package units", () => {
  it("stores what is typed in centimetres and grams", () => {
    expect(toPlanUnit("8", "metric", "length")).toBe("8");
    expect(toPlanUnit("0,12", "metric", "weight")).toBe("0.12");
    // 1 in = 2.54 cm and 1 oz = 28.349523125 g exactly.
    expect(toPlanUnit("3,15", "imperial", "length")).toBe("8.001");
    expect(toPlanUnit("4.2", "imperial", "weight")).toBe("119.067997125");
  });

  it("refuses what is not a positive size", () => {
    expect(toPlanUnit("0", "metric", "length")).toBeNull();
    expect(toPlanUnit("-2", "imperial", "weight")).toBeNull();
    expect(toPlanUnit("huit", "metric", "length")).toBeNull();
  });

  it("shows stored sizes in the chosen units", () => {
    expect(fromPlanUnit("8.001", "imperial", "length")).toBe("3.15");
    expect(fromPlanUnit("119.067997125", "imperial", "weight")).toBe("4.2");
    expect(fromPlanUnit("120", "metric", "weight")).toBe("120");
    expect(fromPlanUnit("", "imperial", "weight")).toBe("");
  });
});
