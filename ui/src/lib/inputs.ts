import type { Marketplace, Missing } from "../bindings";

/**
 * The plan inputs an engine reads, as the engines name them when one is missing. The shape is the
 * engines' gap contract: `{ input, sku, marketplace, channel }` with kebab-case input kinds.
 */
export type InputKind =
  | "unit-cost"
  | "price"
  | "freight"
  | "insurance"
  | "category"
  | "package"
  | "hs-code"
  | "origin"
  | "fulfilment-fee"
  | "duty-rate"
  | "fx-rate"
  | "monthly-units"
  | "monthly-sales"
  | "toy-age";

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

/** Inputs of the plan's targets (volume, sales) live in the profile; those of a product in its editor. */
export function isTargetInput(ref: InputRef): boolean {
  return ref.input === "monthly-units" || ref.input === "monthly-sales";
}

/**
 * The input a cost engine's missing line names, read from its field (`amazon-jp: freight`,
 * `fulfilment.package`, `amazon-jp: landed_cost` with `lines[0].duty_rate` in its message), or null
 * when no plan input answers it (a figure the rule packs lack). To be replaced by the engines' own
 * typed reference once they carry one.
 */
export function inputOfMissing(missing: Missing, sku: string, marketplace: Marketplace): InputRef | null {
  const field = missing.field.replace(/^[a-z]+-[a-z]+: /, "");
  const said = `${missing.message.en}`;
  const kinds: [RegExp, InputKind][] = [
    [/^price$/, "price"],
    [/^unit_cost$/, "unit-cost"],
    [/^freight$/, "freight"],
    [/^insurance$/, "insurance"],
    [/^category$/, "category"],
    [/^(fulfilment\.)?package$/, "package"],
    [/^(fulfilment\.fee|overrides\.fulfilment_fee)$/, "fulfilment-fee"],
    [/^(monthly_units|selling_plan)$/, "monthly-units"],
  ];
  for (const [pattern, kind] of kinds) {
    if (pattern.test(field)) return inputRef(kind, kind === "monthly-units" ? null : sku, marketplace);
  }
  if (field === "landed_cost" && /duty_rate/.test(said)) return inputRef("duty-rate", sku, marketplace);
  if (field === "landed_cost" && /hs_code/.test(said)) return inputRef("hs-code", sku, marketplace);
  if (/exchange rate/.test(said)) return inputRef("fx-rate", null, marketplace);
  return null;
}
