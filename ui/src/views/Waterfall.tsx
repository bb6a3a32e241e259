import Decimal from "decimal.js";
import { fit, labelColumn } from "../lib/chart";
import { useI18n } from "../lib/i18n";
import { formatAmount } from "../lib/money";

export interface WaterfallStep {
  label: string;
  /** Signed decimal string: positive adds, negative takes away. */
  amount: string;
}

interface Props {
  title: string;
  start: WaterfallStep;
  steps: WaterfallStep[];
  endLabel: string;
  currency: string;
  /** Text size in the chart's units (larger on a projector). */
  fontSize?: number;
}

const width = 640;
const gap = 8;

/**
 * A horizontal waterfall: the start bar, each step floating from the running total, and the end
 * total. Amounts stay decimals; they become numbers only for pixel positions.
 */
export function Waterfall({ title, start, steps, endLabel, currency, fontSize = 12 }: Props) {
  const { locale } = useI18n();
  const barHeight = Math.round(fontSize * 2.2);
  const rows: { label: string; from: Decimal; to: Decimal; kind: "total" | "up" | "down" }[] = [];
  let running = new Decimal(start.amount);
  rows.push({ label: start.label, from: new Decimal(0), to: running, kind: "total" });
  for (const step of steps) {
    const next = running.plus(step.amount);
    rows.push({ label: step.label, from: running, to: next, kind: next.gte(running) ? "up" : "down" });
    running = next;
  }
  rows.push({ label: endLabel, from: new Decimal(0), to: running, kind: "total" });

  const values = rows.flatMap((row) => [row.from, row.to]);
  const min = Decimal.min(0, ...values);
  const max = Decimal.max(0, ...values);
  const span = max.minus(min).isZero() ? new Decimal(1) : max.minus(min);
  const labels = labelColumn(
    rows.map((row) => row.label),
    fontSize,
    100,
    width * 0.4,
  );
  const labelWidth = labels.width;
  const valueWidth = Math.round(fontSize * 8.5);
  const plot = width - labelWidth - valueWidth;
  const x = (value: Decimal) => labelWidth + value.minus(min).div(span).times(plot).toNumber();
  const height = rows.length * (barHeight + gap) + gap;

  return (
    <figure className="waterfall">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} fontSize={fontSize}>
        <line x1={x(new Decimal(0))} x2={x(new Decimal(0))} y1={0} y2={height} className="axis" />
        {rows.map((row, index) => {
          const y = gap + index * (barHeight + gap);
          const left = Math.min(x(row.from), x(row.to));
          const barWidth = Math.max(1, Math.abs(x(row.to) - x(row.from)));
          const delta = row.kind === "total" ? row.to : row.to.minus(row.from);
          return (
            <g key={index} className={`bar ${row.kind}`}>
              <text x={labelWidth - 8} y={y + barHeight / 2} textAnchor="end" dominantBaseline="middle">
                {fit(row.label, labels.chars)}
                <title>{row.label}</title>
              </text>
              <rect x={left} y={y} width={barWidth} height={barHeight} rx={3} />
              <text x={width - 4} y={y + barHeight / 2} textAnchor="end" dominantBaseline="middle" className="value">
                {formatAmount(delta.toString(), currency, locale)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
