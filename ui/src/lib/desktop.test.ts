import { describe, expect, it } from "vitest";
import { menuLabels } from "./desktop";
import { translate } from "./i18n";

describe("native menu words", () => {
  it("follow the window's language", () => {
    const french = menuLabels((key) => translate("fr", key));
    expect(french.file).toBe("Fichier");
    expect(french.save_copy).toBe("Enregistrer une copie…");
    expect(menuLabels((key) => translate("en", key)).workshop).toBe("Workshop mode");
    expect(Object.values(french).every((word) => word.length > 0 && !word.startsWith("menu."))).toBe(true);
  });
});
