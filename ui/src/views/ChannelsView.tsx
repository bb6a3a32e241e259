import Decimal from "decimal.js";
import { useState } from "react";
import type { ChannelResult, Money, ScenarioResult } from "../bindings";
import { api } from "../lib/api";
import { fit, labelColumn } from "../lib/chart";
import { channelGaps, channelLabels, rankedChannels, scenarioGaps } from "../lib/channels";
import { useI18n, type MessageKey } from "../lib/i18n";
import { formatAmount, formatMoney, formatPercent } from "../lib/money";
import { useUndo } from "../lib/undo";
import { useLoad } from "../lib/useLoad";
import { ChannelList } from "./ChannelEditor";
import { ErrorLine } from "./ErrorLine";
import { Incomplete } from "./Incomplete";
import { NoPlan } from "./NoPlan";
import { RateWarnings } from "./RateWarnings";
import { ProfitByVolume } from "./ProfitByVolume";
import { ScenarioList } from "./ScenarioEditor";
import { Timeline } from "./Timeline";
import { Tornado } from "./Tornado";

export function ChannelsView({ planId }: { planId: number | null }) {
  if (planId === null) return <NoPlan title="nav.channels" />;
  return <ChannelsForPlan planId={planId} />;
}

/** Channel names as the window shows them, by channel id (the engine's pack name when unknown). */
export type Labels = Map<string, string>;

function ChannelsForPlan({ planId }: { planId: number }) {
  const { t } = useI18n();
  const [version, setVersion] = useState(0);
  const { revision } = useUndo();
  const key = `${planId}:${version}:${revision}`;
  const detail = useLoad(() => api.getPlan(planId), key, planId);
  const options = useLoad(() => api.channelOptions(planId), key, planId);
  const [scenario, setScenario] = useState<string | null>(null);
  const [compareWith, setCompareWith] = useState<string>("");
  const plan = detail.state === "ready" ? detail.value.plan : null;
  const hasChannels = (plan?.channels ?? []).length > 0;
  // A scenario renamed or deleted since it was picked falls back to the first one.
  const chosen = scenario !== null && (plan?.scenarios ?? []).some((s) => s.name === scenario) ? scenario : null;
  const loaded = useLoad(
    () => (hasChannels ? api.compareChannels(planId, chosen) : Promise.resolve(null)),
    `${key}:${chosen ?? ""}:${hasChannels}`,
    planId,
  );
  const saved = (name?: string | null) => {
    if (name) setScenario(name);
    setVersion((n) => n + 1);
  };

  if (detail.state === "failed") return <ErrorLine error={detail.error} />;
  if (options.state === "failed") return <ErrorLine error={options.error} />;
  if (detail.state === "loading" || options.state === "loading" || !plan) return <p>{t("common.loading")}</p>;
  const labels = channelLabels(plan.channels ?? [], options.value, (market) => t(`marketName.${market}` as MessageKey));
  const editors = (
    <>
      <ChannelList planId={planId} detail={detail.value} options={options.value} labels={labels} onSaved={() => saved()} />
      <ScenarioList planId={planId} detail={detail.value} labels={labels} onSaved={saved} />
    </>
  );
  const heading = <h1>{t("module.comingTitle", { module: t("nav.channels"), plan: plan.plan.name })}</h1>;
  if (!hasChannels) {
    return (
      <section>
        {heading}
        <p className="lead">{t("module.channels.lead")}</p>
        <p className="muted" data-testid="no-channels">
          {t("channels.startHere")}
        </p>
        {editors}
      </section>
    );
  }
  if (loaded.state === "failed") {
    return (
      <section>
        {heading}
        <ErrorLine error={loaded.error} />
        {editors}
      </section>
    );
  }
  if (loaded.state === "loading" || loaded.value === null) return <p>{t("common.loading")}</p>;
  return (
    <Comparison
      value={loaded.value}
      heading={heading}
      labels={labels}
      editors={editors}
      compareWith={compareWith}
      onScenario={setScenario}
      onCompareWith={setCompareWith}
    />
  );
}

interface ComparisonProps {
  value: NonNullable<Awaited<ReturnType<typeof api.compareChannels>>>;
  heading: React.ReactNode;
  labels: Labels;
  editors: React.ReactNode;
  compareWith: string;
  onScenario: (name: string) => void;
  onCompareWith: (name: string) => void;
}

function Comparison({ value, heading, labels, editors, compareWith, onScenario, onCompareWith }: ComparisonProps) {
  const { t, locale } = useI18n();
  const { comparison, rates, rate_warnings: warnings } = value;
  const selected = comparison.scenarios.find((s) => s.name === comparison.selected) ?? comparison.scenarios[0];
  const other = comparison.scenarios.find((s) => s.name === compareWith && s.name !== selected?.name);
  const name = (s: ScenarioResult) => scenarioName(s, t);
  const byId = new Map((selected?.channels ?? []).map((channel) => [channel.channel, channel]));
  const label = (id: string) => labels.get(id) ?? byId.get(id)?.name ?? id;

  return (
    <section>
      {heading}
      <p className="lead">{t("module.channels.lead")}</p>
      <p className="rates-status">{t(`costs.rates.${rates.kind}`, { date: rates.date })}</p>
      <RateWarnings warnings={warnings} />
      <div className="toolbar">
        <label>
          {t("channels.scenario")}{" "}
          <select data-testid="scenario-picker" value={comparison.selected} onChange={(event) => onScenario(event.target.value)}>
            {comparison.scenarios.map((s) => (
              <option key={s.name} value={s.name}>
                {name(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("channels.compareWith")}{" "}
          <select value={compareWith} onChange={(event) => onCompareWith(event.target.value)}>
            <option value="">{t("common.none")}</option>
            {comparison.scenarios
              .filter((s) => s.name !== selected?.name)
              .map((s) => (
                <option key={s.name} value={s.name}>
                  {name(s)}
                </option>
              ))}
          </select>
        </label>
      </div>
      <div className={other ? "side-by-side" : undefined}>
        {selected && <ScenarioCard scenario={selected} labels={labels} />}
        {other && <ScenarioCard scenario={other} labels={labels} />}
      </div>
      {editors}
      {selected && <ContributionChart scenario={selected} labels={labels} />}
      {selected && <ProfitByVolume scenario={selected} labels={labels} />}
      <article className="card">
        <h2>{t("channels.sensitivity")}</h2>
        {comparison.sensitivity.length === 0 ? (
          <p className="muted">{selected && !selected.complete ? t("channels.noSensitivityIncomplete") : t("channels.noSensitivity")}</p>
        ) : (
          <Tornado rows={comparison.sensitivity} title={t("channels.tornado", { scenario: selected ? name(selected) : "" })} />
        )}
      </article>
      <article className="card" data-testid="weighing">
        <h2>{t("channels.weighing")}</h2>
        <p className="muted">
          {comparison.weighing.criteria.map((c) => `${c.label[locale]} ×${c.weight}${c.from_plan ? "*" : ""}`).join(" · ")}
        </p>
        <div className="table-scroll">
          <table className="pinned">
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
                <tr key={score.channel} data-channel={score.channel}>
                  <th scope="row">{label(score.channel)}</th>
                  <td className="num">{new Decimal(score.score).toFixed(2)}</td>
                  <td className="num">
                    {byId.get(score.channel)?.complete === false ? <Incomplete gaps={channelGaps(byId.get(score.channel)!)} /> : money(score.monthly_profit_home, locale)}
                  </td>
                  <td>
                    <code>{score.explain.formula[locale]}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </article>
      {comparison.obligations.length > 0 && (
        <article className="card" data-testid="obligations">
          <h2>{t("channels.obligations")}</h2>
          <p className="muted">{t("channels.obligationsLead")}</p>
          <div className="table-scroll">
            <table className="pinned">
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
                    <th scope="row">{label(row.channel)}</th>
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
          </div>
        </article>
      )}
    </section>
  );
}

function money(value: Money | null, locale: string): string {
  return value ? formatMoney(value, locale) : "–";
}

/** A scenario's name; the one Landfall builds from each channel's own units is worded in the window's language. */
export function scenarioName(scenario: ScenarioResult, t: (key: MessageKey) => string): string {
  return scenario.name.startsWith("Base (") ? t("scenarios.base") : scenario.name;
}

function ScenarioCard({ scenario, labels }: { scenario: ScenarioResult; labels: Labels }) {
  const { t, locale } = useI18n();
  const gaps = scenarioGaps(scenario);
  return (
    <article className="card" data-testid={`scenario-${scenario.name}`} data-complete={scenario.complete}>
      <h2>{scenarioName(scenario, t)}</h2>
      <p className="total" data-testid="scenario-total">
        {t("channels.totalProfit")}{" "}
        {scenario.complete ? <strong>{money(scenario.total_monthly_profit_home, locale)}</strong> : <Incomplete gaps={gaps} />}
      </p>
      <div className="table-scroll">
        <table className="pinned">
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
            {rankedChannels(scenario).map((channel) => (
              <ChannelRow key={channel.channel} channel={channel} label={labels.get(channel.channel) ?? channel.name} best={scenario.best === channel.channel} />
            ))}
          </tbody>
        </table>
      </div>
      {scenario.timeline && <Timeline timeline={scenario.timeline} />}
      {gaps.length > 0 && (
        <details className="missing">
          <summary>{t("channels.missing")}</summary>
          <ul>
            {gaps.map((gap, index) => (
              <li key={index}>{gap.message[locale]}</li>
            ))}
          </ul>
        </details>
      )}
    </article>
  );
}

function ChannelRow({ channel, label, best }: { channel: ChannelResult; label: string; best: boolean }) {
  const { t, locale } = useI18n();
  const figures = channel.lines[0]?.figures ?? null;
  return (
    <tr data-channel={channel.channel} data-complete={channel.complete}>
      <th scope="row">
        {label}
        {best && <span className="badge best">{t("channels.best")}</span>}
      </th>
      <td className="num">{channel.monthly_units.toLocaleString(locale)}</td>
      {channel.complete ? (
        <>
          <td className="num">{figures ? formatAmount(figures.contribution, channel.currency, locale) : "–"}</td>
          <td className="num">{figures?.margin_rate ? formatPercent(figures.margin_rate, locale) : "–"}</td>
          <td className="num">{formatAmount(channel.fixed_monthly, channel.currency, locale)}</td>
          <td className="num" data-figure="monthly_profit">
            {formatAmount(channel.monthly_profit, channel.currency, locale)}
          </td>
          <td className="num" data-figure="break-even">
            {channel.break_even_units?.toLocaleString(locale) ?? t("channels.never")}
          </td>
          <td className="num">
            {channel.months_to_recover === null ? t("channels.never") : t("channels.months", { count: channel.months_to_recover })}
          </td>
        </>
      ) : (
        <td colSpan={6} data-figure="incomplete">
          <Incomplete gaps={channelGaps(channel)} />
        </td>
      )}
    </tr>
  );
}

/** Contribution per unit of each complete channel's first product, as horizontal bars in its own currency. */
export function ContributionChart({ scenario, labels, fontSize = 12 }: { scenario: ScenarioResult; labels?: Labels; fontSize?: number }) {
  const { t, locale } = useI18n();
  const label = (channel: ChannelResult) => labels?.get(channel.channel) ?? channel.name;
  const bars = scenario.channels.flatMap((channel) => {
    const figures = channel.lines[0]?.figures;
    return channel.complete && figures ? [{ label: label(channel), value: new Decimal(figures.contribution), currency: channel.currency }] : [];
  });
  const incomplete = scenario.channels.filter((channel) => !channel.complete);
  if (bars.length === 0 && incomplete.length === 0) return null;
  const width = 640;
  const column = labelColumn(
    bars.map((bar) => bar.label),
    fontSize,
    100,
    width * 0.4,
  );
  const labelWidth = column.width;
  const valueWidth = Math.round(fontSize * 8.5);
  const row = Math.round(fontSize * 2.5);
  const max = Decimal.max(1, ...bars.map((bar) => bar.value.abs()));
  const scale = (value: Decimal) => value.abs().div(max).times(width - labelWidth - valueWidth).toNumber();
  return (
    <article className="card" data-testid="contribution-chart">
      <h2>{t("channels.contributionChart")}</h2>
      {bars.length > 0 && (
        <svg viewBox={`0 0 ${width} ${bars.length * row + 8}`} role="img" aria-label={t("channels.contributionChart")} className="bars" fontSize={fontSize}>
          {bars.map((bar, index) => (
            <g key={bar.label} className={bar.value.isNegative() ? "bar down" : "bar up"}>
              <text x={labelWidth - 8} y={index * row + 4 + row / 2} textAnchor="end" dominantBaseline="middle">
                {fit(bar.label, column.chars)}
                <title>{bar.label}</title>
              </text>
              <rect x={labelWidth} y={index * row + 5} width={Math.max(1, scale(bar.value))} height={row - 8} rx={3} />
              <text x={labelWidth + scale(bar.value) + 6} y={index * row + 4 + row / 2} dominantBaseline="middle" className="value">
                {formatAmount(bar.value.toString(), bar.currency, locale)}
              </text>
            </g>
          ))}
        </svg>
      )}
      {incomplete.length > 0 && (
        <ul className="incomplete-list">
          {incomplete.map((channel) => (
            <li key={channel.channel}>
              <strong>{label(channel)}</strong> <Incomplete gaps={channelGaps(channel)} />
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
