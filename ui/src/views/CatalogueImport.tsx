import { useState } from "react";
import type { ApiError, CatalogueCheck } from "../bindings";
import { api, asApiError } from "../lib/api";
import { useI18n } from "../lib/i18n";
import { ErrorLine } from "./ErrorLine";

interface Picked {
  name: string;
  bytes: number[];
}

/**
 * Catalogue import from a CSV or XLSX file: the file is checked first and every problem listed by
 * row, column and reason; nothing is saved until the user accepts a clean preview.
 */
export function CatalogueImport({ planId, onImported }: { planId: number; onImported: () => void }) {
  const { t, locale } = useI18n();
  const [picked, setPicked] = useState<Picked | null>(null);
  const [check, setCheck] = useState<CatalogueCheck | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const pick = async (file: File) => {
    setCheck(null);
    setError(null);
    setSaved(null);
    const bytes = Array.from(new Uint8Array(await file.arrayBuffer()));
    setPicked({ name: file.name, bytes });
    api.checkCatalogue(planId, file.name, bytes).then(setCheck, (failure: unknown) => setError(asApiError(failure)));
  };
  const accept = () => {
    if (!picked) return;
    api.importCatalogue(planId, picked.name, picked.bytes).then(
      () => {
        setSaved(picked.name);
        setPicked(null);
        setCheck(null);
        onImported();
      },
      (failure: unknown) => setError(asApiError(failure)),
    );
  };

  return (
    <section className="card catalogue-import" data-testid="catalogue-import">
      <h2>{t("import.title")}</h2>
      <p className="muted">{t("import.lead")}</p>
      <label className="file-pick">
        {t("import.choose")}
        <input
          type="file"
          accept=".csv,.xlsx,text/csv"
          data-testid="catalogue-file"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) void pick(file);
            event.target.value = "";
          }}
        />
      </label>
      {error && <ErrorLine error={error} />}
      {saved && (
        <p role="status" className="ok">
          {t("import.saved", { file: saved })}
        </p>
      )}
      {check && check.errors.length > 0 && (
        <div role="alert" data-testid="import-errors">
          <p className="error">{t("import.errors", { count: check.errors.length, file: check.file_name })}</p>
          <table>
            <thead>
              <tr>
                <th className="num">{t("import.row")}</th>
                <th>{t("import.column")}</th>
                <th>{t("import.reason")}</th>
              </tr>
            </thead>
            <tbody>
              {check.errors.map((rowError, index) => (
                <tr key={index} data-row={rowError.row}>
                  <td className="num">{rowError.row}</td>
                  <td>{rowError.column || "–"}</td>
                  <td>{rowError.message[locale]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {check?.preview && (
        <div data-testid="import-preview">
          <p>
            {t("import.preview", {
              rows: check.preview.rows,
              added: check.preview.added.length,
              changed: check.preview.changed.length,
              unchanged: check.preview.unchanged,
            })}
          </p>
          <ul>
            {check.preview.added.map((sku) => (
              <li key={sku}>+ {sku}</li>
            ))}
            {check.preview.changed.map((change) => (
              <li key={change.sku}>
                ~ {change.sku}: {change.fields.join(", ")}
              </li>
            ))}
          </ul>
          <button type="button" className="primary" data-action="accept-import" onClick={accept}>
            {t("import.accept")}
          </button>
          <button type="button" className="chip" onClick={() => setCheck(null)}>
            {t("plans.cancel")}
          </button>
        </div>
      )}
    </section>
  );
}
