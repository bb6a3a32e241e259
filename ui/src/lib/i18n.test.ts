import { describe, expect, it } from "vitest";
import en from "../locales/en.json";
import fr from "../locales/fr.json";
import { formatDate, initialLocale, translate } from "./i18n";

describe("locales", () => {
  it("have the same keys in French and English, none empty", () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    for (const [key, value] of [...Object.entries(en), ...Object.entries(fr)]) {
      expect(value.trim(), key).not.toBe("");
    }
  });
});

describe("initialLocale", () => {
  it("prefers the stored choice, then the system language", () => {
    expect(initialLocale("fr", ["en-US"])).toBe("fr");
    expect(initialLocale(null, ["fr-CA", "en"])).toBe("fr");
    expect(initialLocale(null, ["de-DE"])).toBe("en");
    expect(initialLocale("xx", [])).toBe("en");
  });
});

describe("translate", () => {
  it("fills placeholders and leaves unknown ones visible", () => {
    expect(translate("en", "plans.productCount", { count: 3 })).toBe("3 products");
    expect(translate("fr", "plans.productCount", { count: 3 })).toBe("3 produits");
    expect(translate("en", "plans.productCount")).toBe("{count} products");
  });

  it("takes the singular where the language does: French for 0 and 1, English for 1", () => {
    expect(translate("fr", "checklist.leadTime", { days: 1 })).toBe("délai 1 jour");
    expect(translate("fr", "checklist.leadTime", { days: 0 })).toBe("délai 0 jour");
    expect(translate("fr", "checklist.leadTime", { days: 21 })).toBe("délai 21 jours");
    expect(translate("en", "checklist.leadTime", { days: 1 })).toBe("lead time 1 day");
    expect(translate("en", "checklist.leadTime", { days: 0 })).toBe("lead time 0 days");
    expect(translate("en", "workshop.blockers", { count: 1 })).toBe("1 launch blocker");
    expect(translate("fr", "workshop.blockers", { count: 2 })).toBe("2 points bloquants avant lancement");
  });

  it("gives every singular variant its plain message in both languages", () => {
    for (const key of Object.keys(en).filter((name) => name.includes("#"))) {
      expect(Object.keys(en), key).toContain(key.split("#")[0]);
    }
  });
});

describe("formatDate", () => {
  it("writes a calendar date the locale's way without shifting the day", () => {
    expect(formatDate("2026-11-22", "fr")).toBe("22/11/2026");
    expect(formatDate("2026-11-22", "en-US")).toBe("11/22/2026");
    expect(formatDate("not a date", "fr")).toBe("not a date");
  });
});
