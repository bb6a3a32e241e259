import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { I18nProvider } from "../lib/i18n";
import { CommitInput } from "./CommitInput";

function renderIn(locale: string, onCommit: (value: string) => void) {
  localStorage.setItem("landfall.locale", locale);
  render(
    <I18nProvider>
      <CommitInput label="Coût" field="unit_cost" value="18.50" numeric onCommit={onCommit} />
    </I18nProvider>,
  );
  return screen.getByLabelText<HTMLInputElement>("Coût");
}

describe("CommitInput", () => {
  afterEach(() => {
    cleanup();
    localStorage.clear();
  });

  it("shows a stored decimal with a comma in French and commits what is typed", () => {
    const onCommit = vi.fn();
    const input = renderIn("fr", onCommit);
    expect(input.value).toBe("18,50");
    // Leaving it untouched saves nothing.
    fireEvent.blur(input);
    expect(onCommit).not.toHaveBeenCalled();
    fireEvent.change(input, { target: { value: "19,75" } });
    fireEvent.blur(input);
    expect(onCommit).toHaveBeenCalledWith("19,75");
  });

  it("keeps the point in English", () => {
    const input = renderIn("en", vi.fn());
    expect(input.value).toBe("18.50");
  });
});
