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

  it("says in the reader's language that the database is busy or read-only", () => {
    const busy: ApiError = { code: "busy", message: "the database is busy: another Landfall window or command kept it locked" };
    expect(errorMessage(busy, "fr")).toBe(
      "Une autre fenêtre ou commande Landfall enregistre dans cette base. Rien n’a été modifié\u00a0: réessayez dans un instant.",
    );
    expect(errorMessage(busy, "en")).toBe(
      "Another Landfall window or command is saving to this database. Nothing was changed: try again in a moment.",
    );
    const readOnly: ApiError = { code: "read-only", message: "/data/landfall.sqlite3 is read-only" };
    expect(errorMessage(readOnly, "fr")).toBe("Cette base peut être lue mais pas modifiée\u00a0: le fichier ou son dossier est en lecture seule.");
  });
});
