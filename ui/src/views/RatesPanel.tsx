import { useState } from "react";
import type { ApiError, RatesReport } from "../bindings";
import { api, asApiError } from "../lib/api";
import { formatDate, useI18n } from "../lib/i18n";
import { useLoad } from "../lib/useLoad";
import { formatRate } from "../lib/money";
import { ErrorLine } from "./ErrorLine";
import { ManualRateForm, RatesUpdate } from "./RatesControls";
import { RateWarnings } from "./RateWarnings";

/** Today as the window's calendar date (YYYY-MM-DD), the default date of a typed rate. */
export function todayIso(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * Exchange rates in force, their origin and date; the ECB update (never blocks the window) and rates
 * typed by hand, dated and marked as the user's.
 */
export function RatesPanel() {
  const { t } = useI18n();
  const [generation, setGeneration] = useState(0);
  const loaded = useLoad(api.rates, generation);
  const [typed, setTyped] = useState<RatesReport | null>(null);
  const report = typed ?? (loaded.state === "ready" ? loaded.value : null);
  const reload = () => {
    setTyped(null);
    setGeneration((n) => n + 1);
  };
  return (
    <section className="card" data-testid="rates-panel">
      <h2>{t("settings.rates")}</h2>
      {loaded.state === "failed" && <ErrorLine error={loaded.error} />}
      {report && <RatesSummary report={report} onChanged={setTyped} />}
      <RatesUpdate onUpdated={reload} />
      {report && (
        <>
          <h3>{t("rates.manualTitle")}</h3>
          <p className="muted small">{t("rates.manualLead")}</p>
          <ManualRateForm currencies={report.rates.map((rate) => rate.currency)} defaultDate={todayIso()} onSaved={setTyped} />
        </>
      )}
    </section>
  );
}

function RatesSummary({ report, onChanged }: { report: RatesReport; onChanged: (report: RatesReport) => void }) {
  const { t, locale } = useI18n();
  const [error, setError] = useState<ApiError | null>(null);
  const remove = (currency: string, date: string) =>
    api.removeManualRate(currency, date).then(onChanged, (failure: unknown) => setError(asApiError(failure)));
  return (
    <>
      <p data-testid="rates-status">{t(`costs.rates.${report.status.kind}`, { date: formatDate(report.status.date, locale) })}</p>
      <RateWarnings warnings={report.warnings} />
      {report.last_attempt && (
        <p className="muted small">
          {t("settings.ratesLastAttempt", {
            date: new Date(report.last_attempt.attempted_at).toLocaleString(locale),
            outcome: report.last_attempt.outcome === "ok" ? t("rates.attemptOk") : t("rates.attemptFailed"),
          })}
        </p>
      )}
      {report.manual.length > 0 && (
        <table data-testid="manual-rates">
          <tbody>
            {report.manual.map((rate) => (
              <tr key={`${rate.quote}-${rate.date}`} data-currency={rate.quote}>
                <td>
                  1 EUR = {rate.rate} {rate.quote}
                </td>
                <td>
                  {t("rates.manualSince", { date: formatDate(rate.date, locale) })} <span className="badge override">{t("rates.typed")}</span>
                </td>
                <td>
                  <button type="button" className="chip danger" data-action="remove-rate" onClick={() => void remove(rate.quote, rate.date)}>
                    {t("rates.manualRemove")}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {error && <ErrorLine error={error} />}
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
                <td className="num">{formatRate(rate.per_eur, locale)}</td>
                <td>
                  {formatDate(rate.published, locale)} <span className="muted">({t(`rates.origin.${rate.origin}`)})</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted small">
          <cite>{report.source.title}</cite> — {report.source.url}
        </p>
      </details>
    </>
  );
}
