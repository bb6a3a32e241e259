import Decimal from "decimal.js";
import { useEffect, useState, type ReactNode } from "react";
import { api } from "../lib/api";
import { formatDate, useI18n, type MessageKey } from "../lib/i18n";
import { formatMoney, formatPercent } from "../lib/money";
import { figure, presentedSteps } from "../lib/quote";
import { useLoad } from "../lib/useLoad";
import { scenarioGaps } from "../lib/channels";
import { ContributionChart, scenarioName } from "./ChannelsView";
import { Incomplete } from "./Incomplete";
import { Tornado } from "./Tornado";
import { Waterfall } from "./Waterfall";

/**
 * Workshop mode: the plan on a projector, one key figure or chart per screen in large type.
 * ← / → (or Page Up / Page Down, space) move between screens, H hides or shows confidential inputs
 * (the purchase cost, the landed cost and margin rates, on every screen), Escape leaves. Confidential
 * inputs are hidden when the mode opens.
 */
export function WorkshopView({ planId, onClose }: { planId: number; onClose: () => void }) {
  const { t, locale } = useI18n();
  const [index, setIndex] = useState(0);
  const [hidden, setHidden] = useState(true);
  const detail = useLoad(() => api.getPlan(planId), planId);
  const checklist = useLoad(() => api.checklist(planId), planId);
  const quote = useLoad(() => api.quotePlan(planId), planId);
  const comparison = useLoad(() => api.compareChannels(planId, null), planId);

  const screens: { key: string; title: string; body: ReactNode }[] = [];
  if (detail.state === "ready") {
    const plan = detail.value.plan;
    screens.push({
      key: "title",
      title: plan.plan.name,
      body: (
        <p className="workshop-sub">
          {t("workshop.asOf", { date: formatDate(plan.plan.as_of, locale) })}
        </p>
      ),
    });
  }
  if (checklist.state === "ready") {
    for (const target of checklist.value) {
      const titles = new Map(target.items.map((item) => [item.id, item.title[locale]]));
      screens.push({
        key: `readiness-${target.marketplace}`,
        title: t("workshop.readiness", { marketplace: t(`label.${target.marketplace}` as MessageKey) }),
        body: (
          <div className="workshop-readiness">
            <p className="workshop-big" data-testid="workshop-readiness">
              {formatPercent(new Decimal(target.readiness.percent).div(100).toString(), locale, 0)}
            </p>
            {target.readiness.blockers.length > 0 && (
              <>
                <h3>{t("workshop.blockers", { count: target.readiness.blockers.length })}</h3>
                <ul>
                  {target.readiness.blockers.slice(0, 6).map((id) => (
                    <li key={id}>{titles.get(id) ?? id}</li>
                  ))}
                </ul>
              </>
            )}
          </div>
        ),
      });
    }
  }
  if (quote.state === "ready") {
    for (const item of quote.value.quote.items) {
      const netPrice = figure(item, "net_price");
      if (netPrice === null) continue;
      screens.push({
        key: `costs-${item.sku}-${item.marketplace}`,
        title: t(hidden ? "workshop.unitEconomicsHidden" : "workshop.unitEconomics", {
          sku: item.sku,
          marketplace: t(`label.${item.marketplace}` as MessageKey),
        }),
        body: (
          <Waterfall
            title={t(hidden ? "workshop.waterfallHidden" : "costs.waterfall")}
            start={{ label: t("costs.netPriceShort"), amount: netPrice }}
            steps={presentedSteps(item, t, hidden)}
            endLabel={hidden ? t("workshop.afterFees") : item.margin === null ? t("costs.marginPartial") : t("costs.margin")}
            currency={item.currency}
            fontSize={15}
          />
        ),
      });
    }
  }
  if (comparison.state === "ready") {
    const result = comparison.value.comparison;
    const selected = result.scenarios.find((scenario) => scenario.name === result.selected) ?? result.scenarios[0];
    if (selected) {
      screens.push({
        key: "channels",
        title: t("workshop.channels", { scenario: scenarioName(selected, t) }),
        body: (
          <>
            <ContributionChart scenario={selected} fontSize={15} />
            <p className="workshop-sub" data-testid="workshop-total">
              {selected.complete && selected.total_monthly_profit_home ? (
                t("workshop.monthlyProfit", { amount: formatMoney(selected.total_monthly_profit_home, locale) })
              ) : (
                <Incomplete gaps={scenarioGaps(selected)} />
              )}
            </p>
          </>
        ),
      });
    }
    if (result.sensitivity.length > 0 && selected) {
      screens.push({
        key: "sensitivity",
        title: t("workshop.sensitivity"),
        body: <Tornado rows={result.sensitivity} title={t("channels.tornado", { scenario: scenarioName(selected, t) })} fontSize={15} />,
      });
    }
  }

  const last = Math.max(0, screens.length - 1);
  const at = Math.min(index, last);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (["ArrowRight", "PageDown", " "].includes(event.key)) setIndex((i) => Math.min(i + 1, last));
      else if (["ArrowLeft", "PageUp"].includes(event.key)) setIndex((i) => Math.max(i - 1, 0));
      else if (event.key === "Home") setIndex(0);
      else if (event.key === "End") setIndex(last);
      else if (event.key === "h" || event.key === "H") setHidden((h) => !h);
      else if (event.key === "Escape") onClose();
      else return;
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [last, onClose]);

  const screen = screens[at];
  return (
    <div className="workshop" role="dialog" aria-modal="true" aria-label={t("workshop.title")} data-testid="workshop">
      <header className="workshop-bar">
        <span>
          {t("workshop.title")} · {screens.length > 0 ? `${at + 1} / ${screens.length}` : ""}
        </span>
        <span className="workshop-hint">{t("workshop.keys")}</span>
        <label>
          <input type="checkbox" checked={hidden} onChange={(event) => setHidden(event.target.checked)} data-testid="workshop-hide" />{" "}
          {t("workshop.hide")}
        </label>
        <button type="button" className="chip" onClick={onClose}>
          {t("workshop.close")}
        </button>
      </header>
      {screen ? (
        <section className="workshop-screen" data-screen={screen.key}>
          <h1>{screen.title}</h1>
          {screen.body}
        </section>
      ) : (
        <p className="workshop-screen">{t("common.loading")}</p>
      )}
      <nav className="workshop-nav">
        <button type="button" className="chip" disabled={at === 0} onClick={() => setIndex(at - 1)} aria-label={t("workshop.previous")}>
          ←
        </button>
        <button type="button" className="chip" disabled={at === last} onClick={() => setIndex(at + 1)} aria-label={t("workshop.next")} data-action="workshop-next">
          →
        </button>
      </nav>
    </div>
  );
}
