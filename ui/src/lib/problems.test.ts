import { describe, expect, it } from "vitest";
import type { ApiError } from "../bindings";
import { errorMessage, problemLine } from "./problems";

const refused: ApiError = {
  code: "bad-input",
  message: "seller.capital.amount: must not be negative, found -5",
  problems: [
    {
      field: "seller.capital.amount",
      line: null,
      column: null,
      message: { en: "must not be negative, found -5", fr: "ne doit pas être négatif (valeur indiquée\u00a0: -5)" },
    },
  ],
};

describe("problems", () => {
  it("writes a refused field in the reader's language", () => {
    expect(errorMessage(refused, "en")).toBe(refused.message);
    expect(errorMessage(refused, "fr")).toBe("seller.capital.amount\u00a0: ne doit pas être négatif (valeur indiquée\u00a0: -5)");
  });

  it("keeps the message of an error without problems, and a reason without a field", () => {
    expect(errorMessage({ code: "not-found", message: "no plan with id 7" }, "fr")).toBe("no plan with id 7");
    const whole = { field: "", line: null, column: null, message: { en: "unreadable", fr: "illisible" } };
    expect(problemLine(whole, "fr")).toBe("illisible");
  });
});
