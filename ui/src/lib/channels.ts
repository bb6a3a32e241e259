import type {
  ChannelOption,
  ChannelPlan,
  ChannelResult,
  Input,
  Market,
  Marketplace,
  Missing,
  PlanDetail,
  Problem,
  Scenario,
  ScenarioResult,
  ScenarioVolume,
  Target,
} from "../bindings";
import type { Locale } from "./i18n";

export const markets: Market[] = ["jp", "us", "de", "fr", "uk"];

/** The Amazon marketplace whose prices, freight and customs rules stand for a market. */
export function marketplaceOf(market: Market): Marketplace {
  return `amazon-${market}` as Marketplace;
}

/** The market a channel sells into: its pack's, else its own. */
export function marketOf(channel: ChannelPlan, options: ChannelOption[]): Market | null {
  return options.find((option) => option.pack === channel.pack)?.market ?? channel.market ?? null;
}

/** The currency a channel's per-unit figures are in: its market's selling currency. */
export function channelCurrency(channel: ChannelPlan, options: ChannelOption[], currencies: PlanDetail["currencies"]): string | null {
  const market = marketOf(channel, options);
  return market ? (currencies[marketplaceOf(market)] ?? null) : null;
}

/**
 * What each channel is called in the window: its pack's name, with the market for a pack that sells
 * anywhere (an own store), and a number when two channels would read the same. Ids stay out of sight.
 */
export function channelLabels(
  channels: ChannelPlan[],
  options: ChannelOption[],
  marketName: (market: Market) => string,
): Map<string, string> {
  const labels = new Map<string, string>();
  const seen = new Map<string, number>();
  for (const channel of channels) {
    const option = options.find((candidate) => candidate.pack === channel.pack);
    const name = option?.name ?? channel.pack;
    const base = !option?.market && channel.market ? `${name} – ${marketName(channel.market)}` : name;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    labels.set(channel.id, count === 1 ? base : `${base} (${count})`);
  }
  return labels;
}

/** A new channel's id: the pack's (with the market for an own store), numbered when taken. */
export function newChannelId(pack: string, market: Market | null, channels: ChannelPlan[]): string {
  const base = market ? `${pack}-${market}` : pack;
  const taken = (id: string) => channels.some((channel) => channel.id === id);
  if (!taken(base)) return base;
  let n = 2;
  while (taken(`${base}-${n}`)) n += 1;
  return `${base}-${n}`;
}

/** A channel of `option` as it is added: an own store gets its market and the first payment pack. */
export function newChannel(option: ChannelOption, market: Market | null, payment: string | null, channels: ChannelPlan[], monthlyUnits: number | null): ChannelPlan {
  const sellsAnywhere = option.market === null;
  return {
    id: newChannelId(option.pack, sellsAnywhere ? market : null, channels),
    pack: option.pack,
    market: sellsAnywhere ? market : null,
    payment: option.needs_payment ? payment : null,
    monthly_units: monthlyUnits,
  };
}

/** Targets of the plan without an Amazon channel on their marketplace, and the pack that would serve each. */
export function targetsWithoutChannel(targets: Target[], channels: ChannelPlan[], options: ChannelOption[]): { target: Target; option: ChannelOption }[] {
  return targets.flatMap((target) => {
    const served = channels.some((channel) => options.find((o) => o.pack === channel.pack)?.amazon?.marketplace === target.marketplace);
    if (served) return [];
    const fulfilment = target.fulfilment === "fba" ? "fba" : "mfn";
    const option = options.find((o) => o.amazon?.marketplace === target.marketplace && o.amazon.fulfilment === fulfilment);
    return option ? [{ target, option }] : [];
  });
}

/** The problem of the form's field `prefix` (`ad_share`, `fixed[0]`, `quotes[1]`), in the reader's language. */
export function problemAt(problems: Problem[], prefix: string, locale: Locale): string | undefined {
  const found = problems.find(
    (problem) => problem.field === prefix || problem.field.startsWith(`${prefix}.`) || problem.field.startsWith(`${prefix}[`),
  );
  return found?.message[locale];
}

/** Units of `channel` in a list of volumes (its entry for every product), or null when it sells nothing. */
export function unitsIn(volumes: ScenarioVolume[] | undefined, channel: string): number | null {
  return (volumes ?? []).find((volume) => volume.channel === channel && !volume.sku)?.monthly_units ?? null;
}

/** The volumes with `channel` selling `units` of every product (null: not at all); per-product entries are kept. */
export function withUnits(volumes: ScenarioVolume[] | undefined, channel: string, units: number | null): ScenarioVolume[] {
  const others = (volumes ?? []).filter((volume) => volume.channel !== channel || volume.sku);
  if (units === null) return others.filter((volume) => volume.channel !== channel);
  const index = (volumes ?? []).findIndex((volume) => volume.channel === channel && !volume.sku);
  const entry: ScenarioVolume = { channel, sku: null, monthly_units: units };
  if (index < 0) return [...others, entry];
  return (volumes ?? []).map((volume, i) => (i === index ? entry : volume));
}

/** A scenario where every channel sells its own monthly units; named `name`, numbered when taken. */
export function newScenario(name: string, channels: ChannelPlan[], scenarios: Scenario[]): Scenario {
  let candidate = name;
  for (let n = 2; scenarios.some((scenario) => scenario.name === candidate); n += 1) candidate = `${name} ${n}`;
  return {
    name: candidate,
    volumes: channels.map((channel) => ({ channel: channel.id, sku: null, monthly_units: channel.monthly_units ?? 0 })),
  };
}

/** A copy of a scenario under a free name. */
export function duplicateScenario(scenario: Scenario, name: string, scenarios: Scenario[]): Scenario {
  const named = newScenario(name, [], scenarios);
  return { ...structuredClone(scenario), name: named.name };
}

/**
 * What an incomplete channel needs, as the engine's typed input kinds in the order met (`price`,
 * `freight`, `fulfilment-fee`, …), each once.
 */
export function needsOf(missing: Missing[]): Input[] {
  return [...new Set(missing.map((gap) => gap.input.input))];
}

/** Every gap of a channel in a scenario: its own and its products'. */
export function channelGaps(channel: ChannelResult): Missing[] {
  return [...channel.missing, ...channel.lines.flatMap((line) => line.missing)];
}

/** Every gap of a scenario: references to what the plan lacks, and each channel's. */
export function scenarioGaps(scenario: ScenarioResult): Missing[] {
  return [...scenario.missing, ...scenario.channels.flatMap(channelGaps)];
}

/** The ranked (complete) channels of a scenario first, most profitable first, then the incomplete ones. */
export function rankedChannels(scenario: ScenarioResult): ChannelResult[] {
  const byId = new Map(scenario.channels.map((channel) => [channel.channel, channel]));
  const ranked = scenario.ranking.flatMap((id) => byId.get(id) ?? []);
  return [...ranked, ...scenario.channels.filter((channel) => !scenario.ranking.includes(channel.channel))];
}
