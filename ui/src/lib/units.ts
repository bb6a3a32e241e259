import Decimal from "decimal.js";
import { parseAmount } from "./money";

/** How package sizes are typed: centimetres and grams (as the plan stores them) or inches and ounces. */
export type UnitSystem = "metric" | "imperial";

/** Exact by definition: 1 in = 2.54 cm, 1 oz = 28.349523125 g. */
const centimetresPerInch = new Decimal("2.54");
const gramsPerOunce = new Decimal("28.349523125");

/** The factor from the typed unit to the plan's (cm or g). */
function factor(system: UnitSystem, kind: "length" | "weight"): Decimal {
  if (system === "metric") return new Decimal(1);
  return kind === "length" ? centimetresPerInch : gramsPerOunce;
}

/** A typed size ("3,15" in) in the plan's unit ("8.001" cm), or null when it is not a positive number. */
export function toPlanUnit(typed: string, system: UnitSystem, kind: "length" | "weight"): string | null {
  const amount = parseAmount(typed);
  if (amount === null || !new Decimal(amount).greaterThan(0)) return null;
  return new Decimal(amount).times(factor(system, kind)).toString();
}

/** A stored size (cm or g) as shown in `system`: exact in metric, to two decimals in imperial. */
export function fromPlanUnit(stored: string, system: UnitSystem, kind: "length" | "weight"): string {
  if (stored === "" || system === "metric") return stored;
  return new Decimal(stored).dividedBy(factor(system, kind)).toDecimalPlaces(2).toString();
}
