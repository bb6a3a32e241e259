import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { I18nProvider } from "../lib/i18n";
import { RateWarnings } from "./RateWarnings";

describe("RateWarnings", () => {
  afterEach(() => {
    cleanup();
    localStorage.clear();
  });

  it("writes the dates the French way in the French window", () => {
    localStorage.setItem("landfall.locale", "fr");
    render(
      <I18nProvider>
        <RateWarnings warnings={[{ kind: "bundled", published: "2026-10-30", age_days: 34, on: "2026-12-03" }]} />
      </I18nProvider>,
    );
    const warning = screen.getByText(/Seuls les taux BCE/).textContent ?? "";
    expect(warning).toContain("publiés le 30/10/2026 (34 jours avant le 03/12/2026)");
    expect(warning).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });
});
