import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import en from "../locales/en.json";
import fr from "../locales/fr.json";

export type Locale = "en" | "fr";
export type MessageKey = keyof typeof en;

const catalogues: Record<Locale, Record<MessageKey, string>> = { en, fr };
const storageKey = "landfall.locale";

/** The system language decides until the user picks one; anything that is not French gets English. */
export function initialLocale(stored: string | null, systemLanguages: readonly string[]): Locale {
  if (stored === "en" || stored === "fr") return stored;
  const first = systemLanguages[0]?.toLowerCase() ?? "en";
  return first.startsWith("fr") ? "fr" : "en";
}

/**
 * Replaces `{name}` placeholders; an unknown placeholder stays visible so a missing value is noticed.
 * A message that depends on a number has variants `key#one`, `key#few`… beside `key` (the "other"
 * form), chosen by the locale's plural rule on `count`, or else on the first number given (French
 * "1 jour", "2 jours"; English "1 day", "2 days").
 */
export function translate(locale: Locale, key: MessageKey, vars?: Record<string, string | number>): string {
  const catalogue = catalogues[locale] as Record<string, string>;
  const quantity = vars && (typeof vars.count === "number" ? vars.count : Object.values(vars).find((value) => typeof value === "number"));
  const variant = typeof quantity === "number" ? catalogue[`${key}#${new Intl.PluralRules(locale).select(quantity)}`] : undefined;
  const template = variant ?? catalogues[locale][key] ?? catalogues.en[key] ?? key;
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

interface I18n {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() =>
    initialLocale(localStorage.getItem(storageKey), navigator.languages ?? [navigator.language]),
  );
  const setLocale = useCallback((next: Locale) => {
    localStorage.setItem(storageKey, next);
    document.documentElement.lang = next;
    setLocaleState(next);
  }, []);
  const value = useMemo<I18n>(
    () => ({ locale, setLocale, t: (key, vars) => translate(locale, key, vars) }),
    [locale, setLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error("useI18n outside I18nProvider");
  return context;
}

/** A calendar date ("2026-11-22", no time of day) written for the locale: 22/11/2026, 11/22/2026. */
export function formatDate(isoDate: string, locale: string): string {
  const parsed = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime())) return isoDate;
  return parsed.toLocaleDateString(locale, { timeZone: "UTC" });
}
