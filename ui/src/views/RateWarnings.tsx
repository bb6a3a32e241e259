import type { RateWarning } from "../bindings";
import { useI18n } from "../lib/i18n";

/** The staleness warnings of the exchange rates in use, worded in the window's language. */
export function RateWarnings({ warnings }: { warnings: RateWarning[] }) {
  const { t } = useI18n();
  return (
    <>
      {warnings.map((warning, index) => (
        <p key={index} className="warning" data-warning={warning.kind}>
          {t(warning.kind === "bundled" ? "rates.warning.bundled" : "rates.warning.stale", {
            published: warning.published,
            days: warning.age_days,
            on: warning.on,
          })}
        </p>
      ))}
    </>
  );
}
