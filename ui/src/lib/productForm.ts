import type { Marketplace, PlanDetail, Product, ProductOverride, Problem } from "../bindings";
import type { Locale } from "./i18n";
import { parseAmount } from "./money";
import { problemLine } from "./problems";

/** The currencies typed amounts are in: the purchase cost's, and each marketplace's (from its pack). */
export interface Currencies {
  unitCost: string;
  marketplaces: PlanDetail["currencies"];
}

/** The cells of a product row as typed. Field names are the plan's, so server problems map onto them. */
export type Field = "sku" | "name" | "hs_code" | "unit_cost" | `price:${Marketplace}` | `fulfilment_fee:${Marketplace}` | `duty_rate:${Marketplace}`;

export type FieldErrors = Partial<Record<Field, string>>;

/** Checks one typed value the way the plan will, so the message appears before the round trip. */
export function checkField(field: Field, value: string): "required" | "amount" | "hsCode" | "rate" | null {
  const text = value.trim();
  if (field === "sku" || field === "name") return text === "" ? "required" : null;
  if (text === "") return null;
  if (field === "hs_code") return /^\d{6,10}$/.test(text) ? null : "hsCode";
  if (field.startsWith("duty_rate:")) return parseRate(text) === null ? "rate" : null;
  const amount = parseAmount(text);
  return amount === null || amount.startsWith("-") ? "amount" : null;
}

/** "3.5", "3,5 %" or "3.5%" → "3.5%" as the plan writes rates; null when it is not a rate. */
export function parseRate(input: string): string | null {
  const amount = parseAmount(input.replace("%", ""));
  if (amount === null || amount.startsWith("-")) return null;
  return `${amount}%`;
}

/** The product with one typed cell applied (already checked with `checkField`). */
export function withField(product: Product, field: Field, value: string, currencies: Currencies): Product {
  const text = value.trim();
  switch (field) {
    case "sku":
      return { ...product, sku: text };
    case "name":
      return { ...product, name: text };
    case "hs_code":
      return { ...product, hs_code: text === "" ? null : text };
    case "unit_cost":
      return { ...product, unit_cost: text === "" ? null : { amount: parseAmount(text) ?? text, currency: currencies.unitCost } };
  }
  const [kind, marketplace] = field.split(":") as ["price" | "fulfilment_fee" | "duty_rate", Marketplace];
  const currency = currencies.marketplaces[marketplace] ?? "";
  if (kind === "price") {
    const others = (product.prices ?? []).filter((price) => price.marketplace !== marketplace);
    const prices =
      text === ""
        ? others
        : [...others, { marketplace, price: { amount: parseAmount(text) ?? text, currency } }];
    return { ...product, prices };
  }
  const current: ProductOverride = (product.overrides ?? []).find((o) => o.marketplace === marketplace) ?? { marketplace };
  const next: ProductOverride =
    kind === "fulfilment_fee"
      ? { ...current, fulfilment_fee: text === "" ? null : { amount: parseAmount(text) ?? text, currency } }
      : { ...current, duty_rate: text === "" ? null : (parseRate(text) ?? text) };
  const others = (product.overrides ?? []).filter((o) => o.marketplace !== marketplace);
  const keep = next.fulfilment_fee || next.duty_rate;
  return { ...product, overrides: keep ? [...others, next] : others };
}

/** The value a cell shows for a product. */
export function fieldValue(product: Product, field: Field): string {
  switch (field) {
    case "sku":
      return product.sku;
    case "name":
      return product.name;
    case "hs_code":
      return product.hs_code ?? "";
    case "unit_cost":
      return product.unit_cost?.amount ?? "";
  }
  const [kind, marketplace] = field.split(":") as ["price" | "fulfilment_fee" | "duty_rate", Marketplace];
  if (kind === "price") return product.prices?.find((p) => p.marketplace === marketplace)?.price.amount ?? "";
  const entry = product.overrides?.find((o) => o.marketplace === marketplace);
  if (kind === "fulfilment_fee") return entry?.fulfilment_fee?.amount ?? "";
  return entry?.duty_rate ?? "";
}

/**
 * Maps the plan's problems (`unit_cost.amount`, `prices[1].price.amount`) onto the row's cells, so
 * each message shows under the input that caused it, in the reader's language. Problems with no cell
 * are returned apart.
 */
export function problemsByField(
  product: Product,
  problems: readonly Problem[],
  locale: Locale,
): { fields: FieldErrors; other: string[] } {
  const fields: FieldErrors = {};
  const other: string[] = [];
  for (const problem of problems) {
    const path = problem.field;
    const indexed = /^(prices|overrides)\[(\d+)\]\.(\w+)/.exec(path);
    let field: Field | null = null;
    if (indexed) {
      const [, list, index, member] = indexed;
      const marketplace =
        list === "prices" ? product.prices?.[Number(index)]?.marketplace : product.overrides?.[Number(index)]?.marketplace;
      if (marketplace) field = list === "prices" ? `price:${marketplace}` : (`${member}:${marketplace}` as Field);
    } else {
      const head = path.split(".")[0];
      if (head === "sku" || head === "name" || head === "hs_code" || head === "unit_cost") field = head;
    }
    if (field) fields[field] = problem.message[locale];
    else other.push(problemLine(problem, locale));
  }
  return { fields, other };
}

/** A new product with no figures yet; the questionnaire fills in the flags. */
export function blankProduct(): Product {
  return { sku: "", name: "", hs_code: null, flags: [], prices: [], freight: [], overrides: [] };
}
