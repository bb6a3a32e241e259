import Decimal from "decimal.js";

/** An amount as it crosses the IPC boundary: a decimal string and an ISO-4217 code. */
export interface Money {
  amount: string;
  currency: string;
}

/** ISO-4217 minor units as the platform knows them (JPY 0, EUR 2); used for display only. */
export function currencyFractionDigits(currency: string): number {
  return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/**
 * Formats a decimal string for the locale. The amount is rounded as a decimal first and handed to
 * Intl as a string (exact decimal formatting), so no figure ever passes through a binary float.
 */
export function formatAmount(amount: string, currency: string, locale: string, fractionDigits?: number): string {
  const digits = fractionDigits ?? currencyFractionDigits(currency);
  const rounded = new Decimal(amount).toFixed(digits, Decimal.ROUND_HALF_EVEN);
  const format = new Intl.NumberFormat(locale, {
    style: "currency",
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format as (value: string) => string;
  return format(rounded);
}

export function formatMoney(money: Money, locale: string): string {
  return formatAmount(money.amount, money.currency, locale);
}

/** Validates a user-typed amount; returns the canonical decimal string or null when it is not a number. */
export function parseAmount(input: string): string | null {
  const normalised = input.trim().replace(/[\s\u00a0\u202f]/g, "").replace(",", ".");
  if (!/^-?\d+(\.\d+)?$/.test(normalised)) return null;
  return new Decimal(normalised).toString();
}

/** A rate given as a fraction ("0.168") shown as a percentage for the locale ("16.8 %", "16,8 %"). */
export function formatPercent(fraction: string, locale: string, fractionDigits = 1): string {
  const rounded = new Decimal(fraction).toFixed(fractionDigits + 2, Decimal.ROUND_HALF_EVEN);
  const format = new Intl.NumberFormat(locale, {
    style: "percent",
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format as (value: string) => string;
  return format(rounded);
}

/** A decimal string written for the locale ("3.4" → "3,40" in French with two digits), never through a float. */
export function formatNumber(value: string, locale: string, fractionDigits?: number): string {
  const decimal = new Decimal(value);
  const digits = fractionDigits ?? Math.max(0, decimal.decimalPlaces());
  const format = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format as (value: string) => string;
  return format(decimal.toFixed(digits, Decimal.ROUND_HALF_EVEN));
}

/** An exchange rate to six significant digits for the locale ("0.895095", "171,94"), as the report writes it. */
export function formatRate(rate: string, locale: string): string {
  const rounded = new Decimal(rate).toSignificantDigits(6, Decimal.ROUND_HALF_EVEN);
  const format = new Intl.NumberFormat(locale, { maximumFractionDigits: 20 }).format as (value: string) => string;
  return format(rounded.toFixed());
}
