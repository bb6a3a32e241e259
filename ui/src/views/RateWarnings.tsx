import type { RateWarning } from "../bindings";
import { formatDate, useI18n } from "../lib/i18n";

/** The staleness warnings of the exchange rates in use, worded in the window's language. */
export function RateWarnings({ warnings }: { warnings: RateWarning[] }) {
  const { t, locale } = useI18n();
  return (
    <>
      {warnings.map((warning, index) => (
        <p key={index} className="warning" data-warning={warning.kind}>
          {t(warning.kind === "bundled" ? "rates.warning.bundled" : "rates.warning.stale", {
            published: formatDate(warning.published, locale),
            days: warning.age_days,
            on: formatDate(warning.on, locale),
          })}
        </p>
      ))}
    </>
  );
}
