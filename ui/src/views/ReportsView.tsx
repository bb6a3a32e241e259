import { useState } from "react";
import type { ApiError, Exported, ExportProgress, Lang, Paper, ReportFormat } from "../bindings";
import { api, asApiError } from "../lib/api";
import { useI18n, type MessageKey } from "../lib/i18n";
import { storedConsultant } from "../lib/preferences";
import { ErrorLine } from "./ErrorLine";
import { NoPlan } from "./NoPlan";

const formats: ReportFormat[] = ["pdf", "xlsx", "csv", "json"];

export function ReportsView({ planId }: { planId: number | null }) {
  const { t, locale } = useI18n();
  const [format, setFormat] = useState<ReportFormat>("pdf");
  const [lang, setLang] = useState<Lang>(locale);
  const [paper, setPaper] = useState<Paper>("a4");
  const [consultant, setConsultant] = useState(storedConsultant);
  const [client, setClient] = useState("");
  const [busy, setBusy] = useState(false);
  const [step, setStep] = useState<ExportProgress | null>(null);
  const [done, setDone] = useState<Exported | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  if (planId === null) return <NoPlan title="nav.reports" />;

  const run = () => {
    setBusy(true);
    setDone(null);
    setError(null);
    setStep(null);
    api.exportReport(planId, { format, lang, paper, consultant: consultant || null, client: client || null }, setStep).then(
      (exported) => {
        setDone(exported);
        setBusy(false);
      },
      (failure: unknown) => {
        setError(asApiError(failure));
        setBusy(false);
      },
    );
  };

  return (
    <section>
      <h1>{t("nav.reports")}</h1>
      <p className="lead">{t("module.reports.lead")}</p>
      <form
        className="card report-form"
        onSubmit={(event) => {
          event.preventDefault();
          run();
        }}
      >
        <fieldset className="setting">
          <legend>{t("reports.format")}</legend>
          {formats.map((option) => (
            <label key={option}>
              <input
                type="radio"
                name="format"
                value={option}
                checked={format === option}
                onChange={() => setFormat(option)}
              />
              {t(`reports.format.${option}` as MessageKey)}
            </label>
          ))}
        </fieldset>
        <fieldset className="setting">
          <legend>{t("reports.language")}</legend>
          {(["fr", "en"] as Lang[]).map((option) => (
            <label key={option}>
              <input type="radio" name="report-lang" value={option} checked={lang === option} onChange={() => setLang(option)} />
              {t(`lang.${option}`)}
            </label>
          ))}
        </fieldset>
        <fieldset className="setting">
          <legend>{t("reports.paper")}</legend>
          {(["a4", "letter"] as Paper[]).map((option) => (
            <label key={option}>
              <input type="radio" name="paper" value={option} checked={paper === option} onChange={() => setPaper(option)} />
              {t(`reports.paper.${option}` as MessageKey)}
            </label>
          ))}
        </fieldset>
        <div className="fields">
          <label>
            {t("reports.consultant")}
            <input value={consultant} onChange={(event) => setConsultant(event.target.value)} />
          </label>
          <label>
            {t("reports.client")}
            <input value={client} onChange={(event) => setClient(event.target.value)} />
          </label>
        </div>
        <button type="submit" className="primary" disabled={busy} data-testid="export-report">
          {busy ? t("reports.exporting") : t("reports.export")}
        </button>
        {busy && (
          <div className="export-progress" role="status" data-testid="report-progress">
            <progress
              max={step?.stage === "charts" ? step.total : undefined}
              value={step?.stage === "charts" ? step.done : undefined}
              aria-label={t("reports.exporting")}
            />{" "}
            {step && (step.stage === "charts" ? t("reports.step.charts", { done: step.done, total: step.total }) : t(`reports.step.${step.stage}` as MessageKey))}
          </div>
        )}
      </form>
      {error && <ErrorLine error={error} />}
      {done && (
        <div className="card" role="status" data-testid="report-done">
          <p>
            {done.pages !== null
              ? t("reports.donePages", { pages: done.pages, bytes: done.bytes })
              : t("reports.done", { bytes: done.bytes })}
          </p>
          <p>
            <code data-testid="report-path">{done.path}</code>
          </p>
          {done.unrendered.length > 0 && (
            <p className="warning" data-testid="report-unrendered">
              {t("reports.unrendered", { characters: done.unrendered.join(" ") })}
            </p>
          )}
          <button
            type="button"
            className="primary"
            data-action="open-report"
            onClick={() => api.openReport(done.path).catch((failure: unknown) => setError(asApiError(failure)))}
          >
            {t("reports.open")}
          </button>
        </div>
      )}
    </section>
  );
}
