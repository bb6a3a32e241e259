import type { Marketplace, PlanDetail, Product, ProductOverride, Problem } from "../bindings";
import type { Locale } from "./i18n";
import { parseAmount } from "./money";
import { problemLine } from "./problems";

/**
 * The currencies typed amounts are in: the purchase cost's (freight and insurance too, unless they
 * already have one), and each marketplace's (from its pack).
 */
export interface Currencies {
  unitCost: string;
  marketplaces: PlanDetail["currencies"];
}

/** Per-marketplace inputs of a product. */
export type MarketField = "price" | "fulfilment_fee" | "duty_rate" | "category" | "freight" | "insurance";

/** Package sizes, each shown under its own input. */
export type PackageField = "length" | "width" | "height" | "weight";

/** The inputs of a product as typed. Field names are the plan's, so server problems map onto them. */
export type Field =
  | "sku"
  | "name"
  | "hs_code"
  | "unit_cost"
  | "origin"
  | "toy_age_min_months"
  | "litres"
  | PackageField
  | `${MarketField}:${Marketplace}`;

export type FieldErrors = Partial<Record<Field, string>>;

/** Why a typed value is refused, as the `products.invalid.*` message it gets. */
export type Invalid = "required" | "amount" | "hsCode" | "rate" | "country" | "age" | "litres";

/** Checks one typed value the way the plan will, so the message appears before the round trip. */
export function checkField(field: Field, value: string): Invalid | null {
  const text = value.trim();
  if (field === "sku" || field === "name") return text === "" ? "required" : null;
  if (text === "") return null;
  if (field === "hs_code") return /^\d{6,10}$/.test(text) ? null : "hsCode";
  if (field === "origin") return /^[A-Za-z]{2}$/.test(text) ? null : "country";
  if (field === "toy_age_min_months") return /^\d{1,4}$/.test(text) ? null : "age";
  if (field === "litres") {
    const litres = parseAmount(text);
    return litres === null || !/[1-9]/.test(litres) || litres.startsWith("-") ? "litres" : null;
  }
  if (field.startsWith("category:")) return null;
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
    case "origin":
      return { ...product, origin: text === "" ? null : text.toUpperCase() };
    case "toy_age_min_months":
      return { ...product, toy_age_min_months: text === "" ? null : Number.parseInt(text, 10) };
    case "litres":
      return { ...product, litres: text === "" ? undefined : (parseAmount(text) ?? text) };
    case "length":
    case "width":
    case "height":
    case "weight":
      // Sizes are saved together (see `withPackage`).
      return product;
  }
  const [kind, marketplace] = field.split(":") as [MarketField, Marketplace];
  if (kind === "category") return withCategory(product, marketplace, text);
  if (kind === "freight" || kind === "insurance") return withFreight(product, kind, marketplace, text, currencies);
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

/**
 * The category on one marketplace: its own entry, or none when it is the product's category (or
 * empty: the marketplace then follows the product's category).
 */
function withCategory(product: Product, marketplace: Marketplace, id: string): Product {
  const others = (product.categories ?? []).filter((entry) => entry.marketplace !== marketplace);
  if (id === "" || id === product.category) return { ...product, categories: others };
  return { ...product, categories: [...others, { marketplace, category: id }] };
}

/**
 * Freight or insurance per unit to one marketplace. Emptying the freight removes the entry (and its
 * insurance); insurance needs the freight first (the caller disables it until then).
 */
function withFreight(product: Product, kind: "freight" | "insurance", marketplace: Marketplace, text: string, currencies: Currencies): Product {
  const list = product.freight ?? [];
  const current = list.find((entry) => entry.marketplace === marketplace);
  const others = list.filter((entry) => entry.marketplace !== marketplace);
  const currency = current?.freight.currency ?? currencies.unitCost;
  const amount = text === "" ? null : { amount: parseAmount(text) ?? text, currency };
  if (kind === "freight") {
    if (amount === null) return { ...product, freight: others };
    return { ...product, freight: [...others, { marketplace, freight: amount, insurance: current?.insurance ?? null }] };
  }
  if (!current) return product;
  return { ...product, freight: [...others, { ...current, insurance: amount }] };
}

/** The product with its four package sizes (centimetres and grams, as the plan stores them), or none. */
export function withPackage(product: Product, sizes: Record<PackageField, string> | null): Product {
  if (sizes === null) return { ...product, package: null };
  return {
    ...product,
    package: { length_cm: sizes.length, width_cm: sizes.width, height_cm: sizes.height, weight_g: sizes.weight },
  };
}

/** The value an input shows for a product. */
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
    case "origin":
      return product.origin ?? "";
    case "toy_age_min_months":
      return product.toy_age_min_months?.toString() ?? "";
    case "litres":
      return product.litres ?? "";
    case "length":
      return product.package?.length_cm ?? "";
    case "width":
      return product.package?.width_cm ?? "";
    case "height":
      return product.package?.height_cm ?? "";
    case "weight":
      return product.package?.weight_g ?? "";
  }
  const [kind, marketplace] = field.split(":") as [MarketField, Marketplace];
  if (kind === "price") return product.prices?.find((p) => p.marketplace === marketplace)?.price.amount ?? "";
  if (kind === "category") return categoryOn(product, marketplace) ?? "";
  const freight = product.freight?.find((entry) => entry.marketplace === marketplace);
  if (kind === "freight") return freight?.freight.amount ?? "";
  if (kind === "insurance") return freight?.insurance?.amount ?? "";
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
    const indexed = /^(prices|overrides|freight|categories)\[(\d+)\]\.(\w+)/.exec(path);
    let field: Field | null = null;
    if (indexed) {
      const [, list, index, member] = indexed;
      const at = Number(index);
      const marketplace = {
        prices: product.prices?.[at]?.marketplace,
        overrides: product.overrides?.[at]?.marketplace,
        freight: product.freight?.[at]?.marketplace,
        categories: product.categories?.[at]?.marketplace,
      }[list];
      const kind = { prices: "price", overrides: member, freight: member, categories: "category" }[list];
      if (marketplace) field = `${kind}:${marketplace}` as Field;
    } else {
      const [head, member] = path.split(".");
      if (["sku", "name", "hs_code", "unit_cost", "origin", "toy_age_min_months", "litres"].includes(head)) field = head as Field;
      if (head === "package") field = ({ length_cm: "length", width_cm: "width", height_cm: "height", weight_g: "weight" } as const)[member] ?? null;
    }
    if (field) fields[field] = problem.message[locale];
    else other.push(problemLine(problem, locale));
  }
  return { fields, other };
}

/** The referral-fee category on one marketplace: its own entry, else the product's. */
export function categoryOn(product: Product, marketplace: Marketplace): string | null {
  return product.categories?.find((entry) => entry.marketplace === marketplace)?.category ?? product.category ?? null;
}

/** A new product with no figures yet; the questionnaire fills in the flags. */
export function blankProduct(): Product {
  return { sku: "", name: "", hs_code: null, flags: [], prices: [], freight: [], overrides: [] };
}
