import type { Input, Marketplace } from "../bindings";

/**
 * A plan input the window can lead to: the engines' gap contract (`{ input, sku, marketplace,
 * channel }`, `InputRef` in the bindings), plus the checklist's facts the engines do not read
 * (sales per month, a toy's minimum age).
 */
export type InputKind = Input | "monthly-sales" | "toy-age";

export interface InputRef {
  input: InputKind;
  sku: string | null;
  marketplace: Marketplace | null;
  channel: string | null;
}

export function inputRef(input: InputKind, sku: string | null = null, marketplace: Marketplace | null = null): InputRef {
  return { input, sku, marketplace, channel: null };
}

/** The data attributes an input carries, so a missing-input message can find it. */
export function inputAttributes(ref: InputRef): Record<string, string> {
  const attributes: Record<string, string> = { "data-input": ref.input };
  if (ref.sku !== null) attributes["data-sku"] = ref.sku;
  if (ref.marketplace !== null) attributes["data-marketplace"] = ref.marketplace;
  if (ref.channel !== null) attributes["data-channel"] = ref.channel;
  return attributes;
}

/** The CSS selector of elements with all these attributes (values quoted for any SKU). */
export function selectorOf(attributes: [string, string][]): string {
  return attributes.map(([name, value]) => `[${name}="${value.replace(/["\\]/g, "\\$&")}"]`).join("");
}

/** The CSS selector of the input a reference names. */
export function inputSelector(ref: InputRef): string {
  return selectorOf(Object.entries(inputAttributes(ref)));
}

/** Inputs of the plan's targets (volume, sales, fulfilment) live in the profile, not in a product's editor. */
export function isTargetInput(ref: InputRef): boolean {
  return ["monthly-units", "monthly-sales", "fulfilment", "customs-fee"].includes(ref.input);
}

/**
 * The gaps the window words in its own language; all but a rule pack's lead to a field. A gap on
 * another input (a declaration's, from the command line) keeps the engine's words.
 */
export const wordedInputs: readonly InputKind[] = [
  "rule-pack",
  "unit-cost",
  "price",
  "freight",
  "insurance",
  "category",
  "package",
  "hs-code",
  "origin",
  "fulfilment-fee",
  "duty-rate",
  "fx-rate",
  "monthly-units",
  "monthly-sales",
  "customs-fee",
  "toy-age",
];

/** A gap the window can lead to a field for: not a figure the bundled rules lack. */
export function hasField(ref: InputRef): boolean {
  return ref.input !== "rule-pack" && wordedInputs.includes(ref.input);
}
