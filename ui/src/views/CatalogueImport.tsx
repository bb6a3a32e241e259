import { save as saveDialog } from "@tauri-apps/plugin-dialog";
import { useState } from "react";
import type { ApiError, CatalogueCheck } from "../bindings";
import { api, asApiError } from "../lib/api";
import { useI18n, type MessageKey } from "../lib/i18n";
import { ErrorLine } from "./ErrorLine";

interface Picked {
  name: string;
  bytes: number[];
}

/**
 * Catalogue import from a CSV or XLSX file: the file is checked first and every problem listed by
 * row, column and reason; the valid rows are imported only when the user accepts, and the rows left
 * out can be saved as a CSV (with their reasons) to correct and import again.
 */
export function CatalogueImport({ planId, onImported }: { planId: number; onImported: () => void }) {
  const { t, locale } = useI18n();
  const [picked, setPicked] = useState<Picked | null>(null);
  const [check, setCheck] = useState<CatalogueCheck | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const pick = async (file: File) => {
    setCheck(null);
    setError(null);
    setNotice(null);
    const bytes = Array.from(new Uint8Array(await file.arrayBuffer()));
    setPicked({ name: file.name, bytes });
    api.checkCatalogue(planId, file.name, bytes).then(setCheck, (failure: unknown) => setError(asApiError(failure)));
  };
  const accept = () => {
    if (!picked || !check?.preview) return;
    const { added, changed } = check.preview;
    const skipped = check.skipped.length;
    api.importCatalogue(planId, picked.name, picked.bytes, true).then(
      () => {
        setNotice(t("import.saved", { file: picked.name, products: added.length + changed.length, skipped }));
        setPicked(null);
        setCheck(null);
        onImported();
      },
      (failure: unknown) => setError(asApiError(failure)),
    );
  };
  const saveSkipped = async () => {
    if (!picked) return;
    const stem = picked.name.replace(/\.[^.]*$/, "");
    const path = await saveDialog({ defaultPath: `${stem} ${t("import.skippedSuffix")}.csv`, filters: [{ name: "CSV", extensions: ["csv"] }] });
    if (!path) return;
    api.writeSkippedRows(planId, picked.name, picked.bytes, locale, path).then(
      (count) => setNotice(t("import.skippedSaved", { count, path })),
      (failure: unknown) => setError(asApiError(failure)),
    );
  };

  const rowsLeftOut = check ? check.skipped.length : 0;
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
      {notice && (
        <p role="status" className="ok" data-testid="import-notice">
          {notice}
        </p>
      )}
      {check && check.errors.length > 0 && (
        <div role="alert" data-testid="import-errors">
          <p className="error">
            {check.preview
              ? t("import.errors", { count: check.errors.length, file: check.file_name, rows: rowsLeftOut })
              : t("import.unusable", { count: check.errors.length, file: check.file_name })}
          </p>
          <div className="table-scroll">
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
          {rowsLeftOut > 0 && (
            <button type="button" className="chip" data-action="save-skipped" onClick={() => void saveSkipped()}>
              {t("import.saveSkipped")}
            </button>
          )}
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
                ~ {change.sku}: {change.fields.map((field) => t(`import.field.${field}` as MessageKey)).join(", ")}
              </li>
            ))}
          </ul>
          {check.preview.rows > 0 && (
            <button type="button" className="primary" data-action="accept-import" onClick={accept}>
              {rowsLeftOut > 0 ? t("import.acceptValid", { count: check.preview.rows }) : t("import.accept")}
            </button>
          )}{" "}
          <button type="button" className="chip" onClick={() => setCheck(null)}>
            {t("plans.cancel")}
          </button>
        </div>
      )}
    </section>
  );
}
