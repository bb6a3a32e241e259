import { useState } from "react";
import type { ApiError, RatesReport, UpdateOutcome } from "../bindings";
import { api, asApiError } from "../lib/api";
import { useI18n } from "../lib/i18n";
import { useLoad } from "../lib/useLoad";
import { ErrorLine } from "./ErrorLine";
import { RateWarnings } from "./RateWarnings";

/** Exchange rates in force, their origin and date, and the update action (never blocks the window). */
export function RatesPanel() {
  const { t, locale } = useI18n();
  const [generation, setGeneration] = useState(0);
  const loaded = useLoad(api.rates, generation);
  const [updating, setUpdating] = useState(false);
  const [outcome, setOutcome] = useState<UpdateOutcome | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const update = () => {
    setUpdating(true);
    setError(null);
    api.updateRates().then(
      (result) => {
        setOutcome(result);
        setUpdating(false);
        setGeneration((n) => n + 1);
      },
      (failure: unknown) => {
        setError(asApiError(failure));
        setUpdating(false);
      },
    );
  };

  return (
    <section className="card" data-testid="rates-panel">
      <h2>{t("settings.rates")}</h2>
      {loaded.state === "failed" && <ErrorLine error={loaded.error} />}
      {loaded.state === "ready" && <RatesSummary report={loaded.value} locale={locale} />}
      <button type="button" className="primary" onClick={update} disabled={updating} data-testid="update-rates">
        {updating ? t("settings.ratesUpdating") : t("settings.ratesUpdate")}
      </button>
      {error && <ErrorLine error={error} />}
      {outcome && (
        <p className={outcome.error ? "warning" : "muted"} data-testid="rates-outcome">
          {outcome.error
            ? t("settings.ratesFailed", { message: outcome.error.message, status: t(`costs.rates.${outcome.status.kind}`, { date: outcome.status.date }) })
            : t("settings.ratesUpdated", { days: outcome.days_received, date: outcome.status.date })}
        </p>
      )}
    </section>
  );
}

function RatesSummary({ report, locale }: { report: RatesReport; locale: string }) {
  const { t } = useI18n();
  return (
    <>
      <p data-testid="rates-status">{t(`costs.rates.${report.status.kind}`, { date: report.status.date })}</p>
      <RateWarnings warnings={report.warnings} />
      {report.last_attempt && (
        <p className="muted small">
          {t("settings.ratesLastAttempt", {
            date: new Date(report.last_attempt.attempted_at).toLocaleString(locale),
            outcome: report.last_attempt.outcome,
          })}
        </p>
      )}
      <details>
        <summary>{t("settings.ratesTable", { count: report.rates.length })}</summary>
        <table>
          <thead>
            <tr>
              <th>{t("settings.ratesCurrency")}</th>
              <th className="num">{t("settings.ratesPerEur")}</th>
              <th>{t("settings.ratesPublished")}</th>
            </tr>
          </thead>
          <tbody>
            {report.rates.map((rate) => (
              <tr key={rate.currency}>
                <td>{rate.currency}</td>
                <td className="num">{rate.per_eur}</td>
                <td>
                  {rate.published} <span className="muted">({rate.origin})</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted small">
          {report.source.title} — {report.source.url}
        </p>
      </details>
    </>
  );
}
