import type { Timeline as TimelineResult } from "../bindings";
import { useI18n } from "../lib/i18n";
import { scenarioGaps } from "../lib/channels";
import { formatMoney } from "../lib/money";
import { Incomplete } from "./Incomplete";

/** A phased scenario month by month: which phase runs, the month's profit after set-up, the running total. */
export function Timeline({ timeline }: { timeline: TimelineResult }) {
  const { t } = useI18n();
  return (
    <div className="timeline" data-testid="timeline">
      <h3>{t("channels.timeline")}</h3>
      {!timeline.complete ? (
        // Partial months would show a payback (or none) that the missing figures could change.
        <p>
          <Incomplete gaps={[...timeline.missing, ...timeline.phases.flatMap((phase) => scenarioGaps(phase.result))]} />
        </p>
      ) : (
        <>
          <p>
            {timeline.payback_month !== null
              ? t("channels.paybackMonth", { month: timeline.payback_month })
              : t("channels.noPayback", { months: timeline.months.length })}
          </p>
          <Months timeline={timeline} />
        </>
      )}
    </div>
  );
}

function Months({ timeline }: { timeline: TimelineResult }) {
  const { t, locale } = useI18n();
  return (
    <>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th className="num">{t("channels.month")}</th>
              <th className="num">{t("channels.phaseFrom")}</th>
              <th className="num">{t("channels.monthlyProfit")}</th>
              <th className="num">{t("channels.setupCost")}</th>
              <th className="num">{t("channels.profitAfterSetup")}</th>
              <th className="num">{t("channels.cumulative")}</th>
            </tr>
          </thead>
          <tbody>
            {timeline.months.map((month) => (
              <tr key={month.month} className={month.month === timeline.payback_month ? "payback" : undefined}>
                <td className="num">{month.month}</td>
                <td className="num">{month.phase}</td>
                <td className="num">{formatMoney(month.monthly_profit, locale)}</td>
                <td className="num">{formatMoney(month.setup, locale)}</td>
                <td className="num">{formatMoney(month.profit, locale)}</td>
                <td className={month.cumulative.amount.startsWith("-") ? "num error" : "num"}>{formatMoney(month.cumulative, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
