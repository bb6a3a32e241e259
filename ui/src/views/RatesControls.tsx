import Decimal from "decimal.js";
import { useState } from "react";
import type { ApiError, RatesReport, UpdateOutcome } from "../bindings";
import { api, asApiError } from "../lib/api";
import { formatDate, useI18n, type MessageKey } from "../lib/i18n";
import { inputAttributes, inputRef } from "../lib/inputs";
import { parseAmount } from "../lib/money";
import { ErrorLine } from "./ErrorLine";

/** Why an update failed, as the sentence that says it: no connection, the server, or what it sent. */
export function outcomeKey(code: string): MessageKey {
  if (["rates.connect", "rates.network", "rates.timeout"].includes(code)) return "rates.offline";
  if (["rates.http_status", "rates.too_many_redirects"].includes(code)) return "rates.server";
  if (["rates.malformed", "rates.wrong_namespace", "rates.empty_feed", "rates.bad_entry", "rates.too_large"].includes(code)) {
    return "rates.badFeed";
  }
  return "rates.failed";
}

/** The ECB update: never blocks the window, and ends with one sentence (the rates are kept on failure). */
export function RatesUpdate({ onUpdated, compact = false }: { onUpdated: () => void; compact?: boolean }) {
  const { t, locale } = useI18n();
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
        onUpdated();
      },
      (failure: unknown) => {
        setError(asApiError(failure));
        setUpdating(false);
      },
    );
  };
  const date = outcome ? formatDate(outcome.status.date, locale) : "";
  return (
    <>
      <button
        type="button"
        className={compact ? "chip" : "primary"}
        onClick={update}
        disabled={updating}
        data-testid={compact ? undefined : "update-rates"}
        data-action="refresh-rates"
      >
        {updating ? t("settings.ratesUpdating") : compact ? t("costs.refreshRates") : t("settings.ratesUpdate")}
      </button>
      {error && <ErrorLine error={error} />}
      {outcome && (
        <p className={outcome.error ? "warning" : "muted"} data-testid="rates-outcome" data-outcome={outcome.error?.code ?? "ok"}>
          {outcome.error ? t(outcomeKey(outcome.error.code), { date }) : t("settings.ratesUpdated", { days: outcome.days_received, date })}
        </p>
      )}
    </>
  );
}

interface FormProps {
  /** The currencies a rate can be typed for (those the rates know, EUR aside). */
  currencies: string[];
  /** The date a typed rate applies from: today in Settings, the plan's date in the Costs view. */
  defaultDate: string;
  defaultCurrency?: string;
  onSaved: (report: RatesReport) => void;
}

/** A rate typed by hand, 1 EUR = x, dated and kept as the user's (offline, or a bank's rate). */
export function ManualRateForm({ currencies, defaultDate, defaultCurrency, onSaved }: FormProps) {
  const { t } = useI18n();
  const [currency, setCurrency] = useState(defaultCurrency ?? currencies.find((code) => code === "JPY") ?? currencies[0] ?? "USD");
  const [rate, setRate] = useState("");
  const [date, setDate] = useState(defaultDate);
  const [invalid, setInvalid] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const submit = () => {
    const perEur = parseAmount(rate);
    if (perEur === null || !new Decimal(perEur).greaterThan(0) || !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    api.setManualRate({ currency, per_eur: perEur, date }).then(
      (report) => {
        setError(null);
        setRate("");
        onSaved(report);
      },
      (failure: unknown) => setError(asApiError(failure)),
    );
  };
  return (
    <form
      className="manual-rate"
      data-testid="manual-rate"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <span>1 EUR =</span>
      <input
        {...inputAttributes(inputRef("fx-rate"))}
        aria-label={t("rates.manualRate")}
        data-field="per_eur"
        inputMode="decimal"
        size={9}
        value={rate}
        aria-invalid={invalid ? true : undefined}
        onChange={(event) => setRate(event.target.value)}
      />
      <select aria-label={t("settings.ratesCurrency")} data-field="currency" value={currency} onChange={(event) => setCurrency(event.target.value)}>
        {currencies.map((code) => (
          <option key={code}>{code}</option>
        ))}
      </select>
      <label>
        {t("rates.manualFrom")}{" "}
        <input type="date" data-field="date" value={date} onChange={(event) => event.target.value && setDate(event.target.value)} />
      </label>
      <button type="submit" className="chip" data-action="save-rate">
        {t("rates.manualSave")}
      </button>
      {invalid && (
        <span className="field-error" role="alert">
          {t("rates.manualInvalid")}
        </span>
      )}
      {error && <ErrorLine error={error} />}
    </form>
  );
}
