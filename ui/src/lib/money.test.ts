import { describe, expect, it } from "vitest";
import { currencyFractionDigits, formatAmount, formatNumber, formatPercent, parseAmount } from "./money";

const nbsp = /[\u00a0\u202f]/g;

describe("formatAmount", () => {
  it("formats yen without decimals and euros with two, per locale", () => {
    expect(formatAmount("92400", "JPY", "en")).toBe("¥92,400");
    expect(formatAmount("1234.5", "EUR", "fr").replace(nbsp, " ")).toBe("1 234,50 €");
    expect(formatAmount("1234.5", "EUR", "en")).toBe("€1,234.50");
  });

  it("keeps digits a binary float would lose", () => {
    // 2^53 + 1 is not representable as a double; the decimal string survives intact.
    expect(formatAmount("9007199254740993", "JPY", "en")).toBe("¥9,007,199,254,740,993");
    expect(formatAmount("0.1", "EUR", "en", 20)).toBe("€0.10000000000000000000");
  });

  it("rounds half to even at the display precision and keeps the sign", () => {
    expect(formatAmount("0.125", "EUR", "en")).toBe("€0.12");
    expect(formatAmount("-0.5", "EUR", "en")).toBe("-€0.50");
  });
});

describe("currencyFractionDigits", () => {
  it("follows ISO-4217 minor units", () => {
    expect(currencyFractionDigits("JPY")).toBe(0);
    expect(currencyFractionDigits("EUR")).toBe(2);
  });
});

describe("parseAmount", () => {
  it("accepts French and English typing and rejects text", () => {
    expect(parseAmount("1 234,50")).toBe("1234.5");
    expect(parseAmount("6980")).toBe("6980");
    expect(parseAmount("12abc")).toBeNull();
    expect(parseAmount("")).toBeNull();
  });
});

describe("formatPercent", () => {
  it("shows a fraction as a percentage with the locale's decimal mark and spacing", () => {
    expect(formatPercent("0.1684", "en")).toBe("16.8%");
    expect(formatPercent("0.1684", "fr").replace(/\s/g, " ")).toBe("16,8 %");
    expect(formatPercent("-0.05", "en")).toBe("-5.0%");
  });
});

describe("formatNumber", () => {
  it("writes a decimal the locale's way, to the digits asked or its own", () => {
    expect(formatNumber("3.4", "fr", 2)).toBe("3,40");
    expect(formatNumber("171.94", "fr")).toBe("171,94");
    expect(formatNumber("1234.5", "en")).toBe("1,234.5");
    expect(formatNumber("1234.5", "fr").replace(nbsp, " ")).toBe("1 234,5");
    expect(formatNumber("2", "fr")).toBe("2");
  });
});
