// Generated from the Rust types by `make bindings` (landfall::api::bindings). Do not edit.

export type Amount = { amount: string, currency: CurrencyCode, };

export type ApiError = { code: ErrorCode, message: string, };

export type AppInfo = { version: string, data_dir: string, database: string, };

export type Channel = "b2c" | "b2b" | "both";

export type CountryCode = string;

export type CurrencyCode = string;

export type Entity = "company" | "sole-trader";

export type ErrorCode = "bad-input" | "not-found" | "newer-database" | "storage" | "internal";

export type Freight = { marketplace: Marketplace, freight: Amount, insurance?: Amount | null, };

export type Fulfilment = "fba" | "mfn" | "local-3pl";

export type Marketplace = "amazon-jp" | "amazon-us" | "amazon-de" | "amazon-fr" | "amazon-uk";

export type Package = { length_cm: string, width_cm: string, height_cm: string, weight_g: string, };

export type Plan = { plan: PlanHeader, seller: Seller, targets?: Array<Target>, products?: Array<Product>, };

export type PlanDetail = { summary: PlanSummary, plan: Plan, };

export type PlanHeader = { name: string, 
/**
 * The date the rules are evaluated at.
 */
as_of: string, home_currency: CurrencyCode, };

export type PlanId = number;

export type PlanSummary = { id: PlanId, name: string, 
/**
 * RFC 3339 UTC.
 */
created_at: string, 
/**
 * RFC 3339 UTC.
 */
updated_at: string, };

export type Price = { marketplace: Marketplace, price: Amount, };

export type Product = { sku: string, name: string, hs_code?: string | null, flags?: Array<ProductFlag>, 
/**
 * Minimum age in months the toy is meant for (only meaningful for toys).
 */
toy_age_min_months?: number | null, 
/**
 * Referral-fee category id in the marketplace packs.
 */
category?: string | null, 
/**
 * Purchase cost per unit.
 */
unit_cost?: Amount | null, package?: Package | null, 
/**
 * Country of origin (ISO 3166 alpha-2), for tariff preferences.
 */
origin?: CountryCode | null, prices?: Array<Price>, freight?: Array<Freight>, };

export type ProductFlag = "mains_electrical" | "ac_adapter_included" | "radio_emitter" | "li_battery_contained" | "li_battery_packed_with" | "li_battery_standalone" | "mobile_battery" | "food" | "food_contact_article" | "alcohol" | "supplement" | "function_claim" | "cosmetic" | "quasi_drug" | "medical_device" | "toy" | "textile_apparel" | "psc_specified_product" | "gas_appliance" | "chilled_frozen" | "children_product";

export type Seller = { country: CountryCode, entity: Entity, capital?: Amount | null, };

export type Target = { marketplace: Marketplace, fulfilment: Fulfilment, channel: Channel, monthly_sales?: Amount | null, monthly_units?: number | null, };
