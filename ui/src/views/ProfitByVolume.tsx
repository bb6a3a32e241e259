import Decimal from "decimal.js";
import type { ChannelResult, ScenarioResult } from "../bindings";
import { useI18n } from "../lib/i18n";
import { formatAmount } from "../lib/money";
import { channelGaps } from "../lib/channels";
import { profitAt, volumeAxis } from "../lib/volume";
import { Incomplete } from "./Incomplete";

const width = 640;
const height = 300;
const left = 100;
const right = 20;
const top = 16;
const bottom = 40;
const colours = ["#1b4965", "#c8553d", "#8cb369", "#f4a259", "#5fa8d3", "#7b6d8d"];

/**
 * Monthly profit against monthly volume for each channel of a scenario (the product mix kept), with
 * the break-even volume marked where each line crosses zero. Channels in another currency than the
 * first are listed apart rather than drawn on a mismatched axis, and an incomplete channel is named
 * with what it needs rather than drawn from partial figures. Decimals become numbers only for pixels.
 */
export function ProfitByVolume({ scenario, labels }: { scenario: ScenarioResult; labels?: Map<string, string> }) {
  const { t, locale } = useI18n();
  const complete = scenario.channels.filter((channel) => channel.complete);
  const incomplete = scenario.channels.filter((channel) => !channel.complete);
  const currency = complete[0]?.currency;
  const drawn = complete.filter((channel) => channel.currency === currency && channel.monthly_units > 0);
  const apart = complete.filter((channel) => !drawn.includes(channel));
  const name = (channel: ChannelResult) => labels?.get(channel.channel) ?? channel.name;
  if (drawn.length === 0 || !currency) {
    if (incomplete.length === 0) return null;
    return (
      <article className="card" data-testid="profit-by-volume">
        <h2>{t("channels.profitByVolume", { scenario: scenario.name })}</h2>
        <IncompleteList channels={incomplete} name={name} />
      </article>
    );
  }
  const volumes = volumeAxis(drawn);
  const lines = drawn.map((channel) => volumes.map((units) => profitAt(channel, units) ?? new Decimal(0)));
  const all = lines.flat();
  const min = Decimal.min(0, ...all);
  const max = Decimal.max(1, ...all);
  const x = (units: number) => left + (units / volumes[volumes.length - 1]) * (width - left - right);
  const y = (profit: Decimal) => top + max.minus(profit).div(max.minus(min)).times(height - top - bottom).toNumber();
  const title = t("channels.profitByVolume", { scenario: scenario.name });
  return (
    <article className="card" data-testid="profit-by-volume">
      <h2>{title}</h2>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} className="profit-volume">
        <line x1={left} x2={width - right} y1={y(new Decimal(0))} y2={y(new Decimal(0))} className="axis" />
        <line x1={left} x2={left} y1={top} y2={height - bottom} className="axis" />
        <text x={left - 6} y={y(max)} textAnchor="end" dominantBaseline="middle">
          {formatAmount(max.toString(), currency, locale)}
        </text>
        <text x={left - 6} y={y(new Decimal(0))} textAnchor="end" dominantBaseline="middle">
          {formatAmount("0", currency, locale)}
        </text>
        <text x={left - 6} y={y(min)} textAnchor="end" dominantBaseline="middle">
          {formatAmount(min.toString(), currency, locale)}
        </text>
        {[volumes[0], volumes[volumes.length / 2] ?? volumes[0], volumes[volumes.length - 1]].map((units) => (
          <text key={units} x={x(units)} y={height - bottom + 16} textAnchor="middle">
            {units.toLocaleString(locale)}
          </text>
        ))}
        <text x={(left + width - right) / 2} y={height - 4} textAnchor="middle" className="muted">
          {t("channels.unitsPerMonth")}
        </text>
        {drawn.map((channel, index) => (
          <g key={channel.channel} stroke={colours[index % colours.length]} fill={colours[index % colours.length]}>
            <polyline
              fill="none"
              strokeWidth={2}
              points={volumes.map((units, i) => `${x(units)},${y(lines[index][i])}`).join(" ")}
            />
            {channel.break_even_units !== null && (
              <circle cx={x(channel.break_even_units)} cy={y(new Decimal(0))} r={4}>
                <title>{t("channels.breakEvenAt", { channel: name(channel), units: channel.break_even_units.toLocaleString(locale) })}</title>
              </circle>
            )}
          </g>
        ))}
      </svg>
      <ul className="legend">
        {drawn.map((channel, index) => (
          <li key={channel.channel}>
            <span className="swatch" style={{ background: colours[index % colours.length] }} /> {name(channel)}
            {channel.break_even_units !== null
              ? ` · ${t("channels.breakEvenAt", { channel: "", units: channel.break_even_units.toLocaleString(locale) }).trim()}`
              : ` · ${t("channels.noBreakEven")}`}
          </li>
        ))}
      </ul>
      {apart.length > 0 && <p className="muted small">{t("channels.notDrawn", { channels: apart.map(name).join(", ") })}</p>}
      <IncompleteList channels={incomplete} name={name} />
    </article>
  );
}

function IncompleteList({ channels, name }: { channels: ChannelResult[]; name: (channel: ChannelResult) => string }) {
  if (channels.length === 0) return null;
  return (
    <ul className="incomplete-list">
      {channels.map((channel) => (
        <li key={channel.channel}>
          <strong>{name(channel)}</strong> <Incomplete gaps={channelGaps(channel)} />
        </li>
      ))}
    </ul>
  );
}
