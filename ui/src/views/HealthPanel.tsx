import { useState } from "react";
import type { ApiError, HealthReport, Marketplace, Metric, Metrics, Programme } from "../bindings";
import { api, asApiError } from "../lib/api";
import { useI18n, type MessageKey } from "../lib/i18n";
import { parseAmount } from "../lib/money";
import { ErrorLine } from "./ErrorLine";

const metrics: Metric[] = ["order_defect_rate", "pre_fulfilment_cancel_rate", "late_shipment_rate", "response_within_24h"];

/**
 * Seller performance health: the rates read on the Account Health page, each judged pass / at risk /
 * fail against the marketplace's targets (or Amazon Business's) in force at the plan's date.
 */
export function HealthPanel({ marketplace, asOf }: { marketplace: Marketplace; asOf: string }) {
  const { t, locale } = useI18n();
  const [programme, setProgramme] = useState<Programme>("standard");
  const [values, setValues] = useState<Partial<Record<Metric, string>>>({});
  const [report, setReport] = useState<HealthReport | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const assess = () => {
    const typed: Partial<Record<Metric, string | null>> = {};
    for (const metric of metrics) {
      const text = values[metric]?.trim() ?? "";
      const value = text === "" ? null : parseAmount(text.replace("%", ""));
      if (text !== "" && value === null) {
        setError({ code: "bad-input", message: t("health.notANumber", { metric: t(`health.metric.${metric}` as MessageKey) }) });
        return;
      }
      typed[metric] = value;
    }
    const input: Metrics = { marketplace, programme, as_of: asOf, ...typed };
    api.assessHealth(input).then(
      (next) => {
        setReport(next);
        setError(null);
      },
      (failure: unknown) => setError(asApiError(failure)),
    );
  };

  return (
    <details className="card health" data-testid={`health-${marketplace}`}>
      <summary>{t("health.title")}</summary>
      <form
        className="form-row"
        onSubmit={(event) => {
          event.preventDefault();
          assess();
        }}
      >
        <label>
          {t("health.programme")}
          <select value={programme} onChange={(event) => setProgramme(event.target.value as Programme)}>
            <option value="standard">{t("health.programme.standard")}</option>
            <option value="business">{t("health.programme.business")}</option>
          </select>
        </label>
        {metrics.map((metric) => (
          <label key={metric}>
            {t(`health.metric.${metric}` as MessageKey)} (%)
            <input
              data-metric={metric}
              inputMode="decimal"
              size={6}
              value={values[metric] ?? ""}
              onChange={(event) => setValues((all) => ({ ...all, [metric]: event.target.value }))}
            />
          </label>
        ))}
        <button type="submit" className="primary" data-action="assess-health">
          {t("health.assess")}
        </button>
      </form>
      {error && <ErrorLine error={error} />}
      {report && (
        <table data-testid="health-report">
          <thead>
            <tr>
              <th>{t("health.metric")}</th>
              <th className="num">{t("health.value")}</th>
              <th>{t("health.target")}</th>
              <th>{t("health.verdict")}</th>
            </tr>
          </thead>
          <tbody>
            {report.metrics.map((result) => (
              <tr key={result.metric} data-verdict={result.verdict}>
                <td>{result.label[locale]}</td>
                <td className="num">{result.value === null ? "–" : `${result.value} %`}</td>
                <td>
                  {result.rule ?? "–"}
                  {result.certainty === "to-verify" && <span className="badge stale">{t("checklist.toVerify")}</span>}
                  {result.source && (
                    <span className="muted small">
                      {" "}
                      · <cite title={result.source.url}>{result.source.title}</cite>
                    </span>
                  )}
                </td>
                <td>
                  <span className={`badge verdict-${result.verdict}`}>{t(`health.verdict.${result.verdict}` as MessageKey)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}
