import Decimal from "decimal.js";
import type { ChannelResult } from "../bindings";

/**
 * Monthly profit of a channel at another volume, the product mix kept as in the scenario: the
 * contribution scales with the units, the fixed monthly costs do not. Null without a volume to scale.
 */
export function profitAt(channel: Pick<ChannelResult, "contribution" | "fixed_monthly" | "monthly_units">, units: number): Decimal | null {
  if (channel.monthly_units <= 0) return null;
  return new Decimal(channel.contribution).div(channel.monthly_units).times(units).minus(channel.fixed_monthly);
}

/** The volumes to draw: from 0 to twice the largest of the scenario volumes and break-even points. */
export function volumeAxis(channels: Pick<ChannelResult, "monthly_units" | "break_even_units">[], steps = 20): number[] {
  const largest = Math.max(1, ...channels.flatMap((channel) => [channel.monthly_units, channel.break_even_units ?? 0]));
  const top = Math.ceil((2 * largest) / steps) * steps;
  return Array.from({ length: steps + 1 }, (_, index) => (top / steps) * index);
}
