import Decimal from "decimal.js";
import { useState } from "react";
import type { ChannelResult, Money, ScenarioResult } from "../bindings";
import { api } from "../lib/api";
import { useI18n } from "../lib/i18n";
import { formatAmount, formatMoney, formatPercent } from "../lib/money";
import { useLoad } from "../lib/useLoad";
import { ErrorLine } from "./ErrorLine";
import { NoPlan } from "./NoPlan";
import { RateWarnings } from "./RateWarnings";
import { ProfitByVolume } from "./ProfitByVolume";
import { Timeline } from "./Timeline";
import { Tornado } from "./Tornado";

export function ChannelsView({ planId }: { planId: number | null }) {
  if (planId === null) return <NoPlan title="nav.channels" />;
  return <ChannelsForPlan planId={planId} />;
}

function ChannelsForPlan({ planId }: { planId: number }) {
  const { t, locale } = useI18n();
  const [scenario, setScenario] = useState<string | null>(null);
  const [compareWith, setCompareWith] = useState<string>("");
  const loaded = useLoad(() => api.compareChannels(planId, scenario), `${planId}:${scenario ?? ""}`);
  if (loaded.state === "loading") return <p>{t("common.loading")}</p>;
  if (loaded.state === "failed") {
    return (
      <section>
        <h1>{t("nav.channels")}</h1>
        <ErrorLine error={loaded.error} />
      </section>
    );
  }
  const { comparison, rates, rate_warnings: warnings } = loaded.value;
  const selected = comparison.scenarios.find((s) => s.name === comparison.selected) ?? comparison.scenarios[0];
  const other = comparison.scenarios.find((s) => s.name === compareWith && s.name !== selected?.name);
  const money = (value: Money | null) => (value ? formatMoney(value, locale) : "–");

  return (
    <section>
      <h1>{t("module.comingTitle", { module: t("nav.channels"), plan: comparison.plan })}</h1>
      <p className="lead">{t("module.channels.lead")}</p>
      <p className="rates-status">{t(`costs.rates.${rates.kind}`, { date: rates.date })}</p>
      <RateWarnings warnings={warnings} />
      <div className="toolbar">
        <label>
          {t("channels.scenario")}{" "}
          <select
            data-testid="scenario-picker"
            value={comparison.selected}
            onChange={(event) => setScenario(event.target.value)}
          >
            {comparison.scenarios.map((s) => (
              <option key={s.name} value={s.name}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("channels.compareWith")}{" "}
          <select value={compareWith} onChange={(event) => setCompareWith(event.target.value)}>
            <option value="">{t("common.none")}</option>
            {comparison.scenarios
              .filter((s) => s.name !== selected?.name)
              .map((s) => (
                <option key={s.name} value={s.name}>
                  {s.name}
                </option>
              ))}
          </select>
        </label>
      </div>
      <div className={other ? "side-by-side" : undefined}>
        {selected && <ScenarioCard scenario={selected} />}
        {other && <ScenarioCard scenario={other} />}
      </div>
      {selected && <ContributionChart scenario={selected} />}
      {selected && <ProfitByVolume scenario={selected} />}
      <article className="card">
        <h2>{t("channels.sensitivity")}</h2>
        {comparison.sensitivity.length === 0 ? (
          <p className="muted">{t("channels.noSensitivity")}</p>
        ) : (
          <Tornado rows={comparison.sensitivity} title={t("channels.tornado", { scenario: comparison.selected })} />
        )}
      </article>
      <article className="card" data-testid="weighing">
        <h2>{t("channels.weighing")}</h2>
        <p className="muted">
          {comparison.weighing.criteria.map((c) => `${c.label[locale]} ×${c.weight}${c.from_plan ? "*" : ""}`).join(" · ")}
        </p>
        <table>
          <thead>
            <tr>
              <th>{t("channels.channel")}</th>
              <th className="num">{t("channels.score")}</th>
              <th className="num">{t("channels.monthlyProfit")}</th>
              <th>{t("costs.formula")}</th>
            </tr>
          </thead>
          <tbody>
            {comparison.weighing.channels.map((score) => (
              <tr key={score.channel}>
                <td>{score.channel}</td>
                <td className="num">{new Decimal(score.score).toFixed(2)}</td>
                <td className="num">{money(score.monthly_profit_home)}</td>
                <td>
                  <code>{score.explain.formula[locale]}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </article>
      {comparison.obligations.length > 0 && (
        <article className="card" data-testid="obligations">
          <h2>{t("channels.obligations")}</h2>
          <p className="muted">{t("channels.obligationsLead")}</p>
          <table>
            <thead>
              <tr>
                <th>{t("channels.channel")}</th>
                <th className="num">{t("channels.sellerCarries")}</th>
                <th className="num">{t("channels.marketplaceCarries")}</th>
              </tr>
            </thead>
            <tbody>
              {comparison.obligations.map((row) => (
                <tr key={row.channel} data-channel={row.channel}>
                  <td>{row.channel}</td>
                  <td className="num" title={row.seller.map((o) => o.title[locale]).join("\n")} data-figure="seller">
                    {row.seller.length}
                  </td>
                  <td className="num" title={row.marketplace.map((o) => o.title[locale]).join("\n")} data-figure="marketplace">
                    {row.marketplace.length}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </article>
      )}
    </section>
  );
}

function ScenarioCard({ scenario }: { scenario: ScenarioResult }) {
  const { t, locale } = useI18n();
  const byId = new Map(scenario.channels.map((c) => [c.channel, c]));
  const ranked = scenario.ranking.map((id) => byId.get(id)).filter((c): c is ChannelResult => c !== undefined);
  return (
    <article className="card" data-testid={`scenario-${scenario.name}`}>
      <h2>{scenario.name}</h2>
      <p className="total" data-testid="scenario-total">
        {t("channels.totalProfit")}{" "}
        <strong>{scenario.total_monthly_profit_home ? formatMoney(scenario.total_monthly_profit_home, locale) : "–"}</strong>
        {!scenario.complete && <span className="badge stale">{t("channels.incomplete")}</span>}
      </p>
      <div className="table-scroll">
      <table>
        <thead>
          <tr>
            <th>{t("channels.channel")}</th>
            <th className="num">{t("channels.units")}</th>
            <th className="num">{t("channels.contributionPerUnit")}</th>
            <th className="num">{t("channels.marginRate")}</th>
            <th className="num">{t("channels.fixed")}</th>
            <th className="num">{t("channels.monthlyProfit")}</th>
            <th className="num">{t("channels.breakEven")}</th>
            <th className="num">{t("channels.recover")}</th>
          </tr>
        </thead>
        <tbody>
          {ranked.map((channel) => {
            const figures = channel.lines[0]?.figures ?? null;
            return (
              <tr key={channel.channel} data-channel={channel.channel}>
                <td>
                  <strong>{channel.name}</strong>
                  <div className="muted small">{channel.channel}</div>
                </td>
                <td className="num">{channel.monthly_units}</td>
                <td className="num">{figures ? formatAmount(figures.contribution, channel.currency, locale) : "–"}</td>
                <td className="num">
                  {figures?.margin_rate ? formatPercent(figures.margin_rate, locale) : "–"}
                </td>
                <td className="num">{formatAmount(channel.fixed_monthly, channel.currency, locale)}</td>
                <td className="num" data-figure="monthly_profit">
                  {formatAmount(channel.monthly_profit, channel.currency, locale)}
                </td>
                <td className="num" data-figure="break-even">{channel.break_even_units ?? t("channels.never")}</td>
                <td className="num">
                  {channel.months_to_recover === null ? t("channels.never") : t("channels.months", { count: channel.months_to_recover })}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      </div>
      {scenario.timeline && <Timeline timeline={scenario.timeline} />}
      {scenario.channels.some((c) => c.missing.length > 0) && (
        <details className="missing">
          <summary>{t("costs.missing")}</summary>
          <ul>
            {scenario.channels.flatMap((c) =>
              c.missing.map((m, index) => (
                <li key={`${c.channel}-${index}`}>
                  <code>{m.field}</code>: {m.message[locale]}
                </li>
              )),
            )}
          </ul>
        </details>
      )}
    </article>
  );
}

/** Contribution per unit of each channel's first product, as horizontal bars in its own currency. */
export function ContributionChart({ scenario }: { scenario: ScenarioResult }) {
  const { t, locale } = useI18n();
  const bars = scenario.channels.flatMap((channel) => {
    const figures = channel.lines[0]?.figures;
    return figures ? [{ label: channel.name, value: new Decimal(figures.contribution), currency: channel.currency }] : [];
  });
  if (bars.length === 0) return null;
  const width = 640;
  const labelWidth = 260;
  const max = Decimal.max(1, ...bars.map((bar) => bar.value.abs()));
  const scale = (value: Decimal) => value.abs().div(max).times(width - labelWidth - 110).toNumber();
  return (
    <article className="card">
      <h2>{t("channels.contributionChart")}</h2>
      <svg viewBox={`0 0 ${width} ${bars.length * 30 + 8}`} role="img" aria-label={t("channels.contributionChart")} className="bars">
        {bars.map((bar, index) => (
          <g key={bar.label} className={bar.value.isNegative() ? "bar down" : "bar up"}>
            <text x={labelWidth - 8} y={index * 30 + 17} textAnchor="end" dominantBaseline="middle">
              {bar.label}
            </text>
            <rect x={labelWidth} y={index * 30 + 5} width={Math.max(1, scale(bar.value))} height={22} rx={3} />
            <text x={labelWidth + scale(bar.value) + 6} y={index * 30 + 17} dominantBaseline="middle" className="value">
              {formatAmount(bar.value.toString(), bar.currency, locale)}
            </text>
          </g>
        ))}
      </svg>
    </article>
  );
}
