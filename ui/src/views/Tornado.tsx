import Decimal from "decimal.js";
import type { SensitivityRow } from "../bindings";
import { fit, labelColumn } from "../lib/chart";
import { useI18n, type MessageKey } from "../lib/i18n";
import { formatMoney } from "../lib/money";

const width = 640;

/**
 * Tornado chart: for each input, the monthly profit at its low and high value around the base profit,
 * largest swing first (the engine's order). Amounts become numbers only for pixel positions.
 */
export function Tornado({ rows, title, fontSize = 12 }: { rows: SensitivityRow[]; title: string; fontSize?: number }) {
  const { t, locale } = useI18n();
  if (rows.length === 0) return null;
  // The input and how far it moves, in the window's language (the engine's description is for files).
  const label = (row: SensitivityRow) => t(`sensitivity.${row.input}` as MessageKey);
  const labels = labelColumn(rows.map(label), fontSize, 100, width * 0.4);
  const labelWidth = labels.width;
  const rowHeight = Math.round(fontSize * 2.5);
  const barHeight = Math.round(fontSize * 1.8);
  // Room for the profit written beside each end of a bar.
  const margin = Math.round(fontSize * 7);
  const base = new Decimal(rows[0].profit_base.amount);
  const values = rows.flatMap((row) => [new Decimal(row.profit_low.amount), new Decimal(row.profit_high.amount)]);
  const min = Decimal.min(base, ...values);
  const max = Decimal.max(base, ...values);
  const span = max.minus(min).isZero() ? new Decimal(1) : max.minus(min);
  const plot = width - labelWidth - 2 * margin;
  const x = (value: Decimal) => labelWidth + margin + value.minus(min).div(span).times(plot).toNumber();
  const height = rows.length * rowHeight + fontSize * 2;
  return (
    <figure className="tornado">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} fontSize={fontSize}>
        <line x1={x(base)} x2={x(base)} y1={0} y2={height} className="axis" />
        {rows.map((row, index) => {
          const low = new Decimal(row.profit_low.amount);
          const high = new Decimal(row.profit_high.amount);
          const y = index * rowHeight + 4;
          return (
            <g key={row.input} data-input={row.input}>
              <text x={labelWidth - 8} y={y + barHeight / 2} textAnchor="end" dominantBaseline="middle">
                {fit(label(row), labels.chars)}
                <title>{label(row)}</title>
              </text>
              <rect className="low" x={Math.min(x(low), x(base))} y={y} width={Math.max(1, Math.abs(x(low) - x(base)))} height={barHeight} />
              <rect className="high" x={Math.min(x(high), x(base))} y={y} width={Math.max(1, Math.abs(x(high) - x(base)))} height={barHeight} />
              <text x={Math.min(x(low), x(high)) - 4} y={y + barHeight / 2} textAnchor="end" dominantBaseline="middle" className="value">
                {formatMoney(low.lte(high) ? row.profit_low : row.profit_high, locale)}
              </text>
              <text x={Math.max(x(low), x(high)) + 4} y={y + barHeight / 2} dominantBaseline="middle" className="value">
                {formatMoney(low.lte(high) ? row.profit_high : row.profit_low, locale)}
              </text>
            </g>
          );
        })}
        <text x={x(base)} y={height - 6} textAnchor="middle" className="value">
          {formatMoney(rows[0].profit_base, locale)}
        </text>
      </svg>
    </figure>
  );
}
