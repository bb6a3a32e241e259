import { describe, expect, it } from "vitest";
import type { ChannelOption, ChannelPlan, ChannelResult, Input, Missing, ScenarioResult } from "../bindings";
import en from "../locales/en.json";
import fr from "../locales/fr.json";
import { fit, labelColumn } from "./chart";
import {
  channelLabels,
  duplicateScenario,
  needsOf,
  newChannel,
  newScenario,
  rankedChannels,
  targetsWithoutChannel,
  unitsIn,
  withUnits,
} from "./channels";

const option = (pack: string, extra: Partial<ChannelOption> = {}): ChannelOption => ({
  pack,
  name: { en: pack, fr: pack },
  model: "own-store",
  market: null,
  amazon: null,
  currency: "USD",
  seller_ships: true,
  needs_payment: true,
  quotes: [],
  ...extra,
});

const options: ChannelOption[] = [
  option("amazon-jp-fba", { name: { en: "Amazon.co.jp FBA", fr: "Amazon.co.jp FBA" }, model: "amazon", market: "jp", amazon: { marketplace: "amazon-jp", fulfilment: "fba" }, needs_payment: false }),
  option("amazon-us-fba", { name: { en: "Amazon.com FBA", fr: "Amazon.com FBA" }, model: "amazon", market: "us", amazon: { marketplace: "amazon-us", fulfilment: "fba" }, needs_payment: false }),
  option("shopify-basic", { name: { en: "Own store on Shopify", fr: "Boutique en propre sur Shopify" } }),
  option("stripe-eea", { model: "payment", needs_payment: false }),
];

const marketName = (market: string) => ({ jp: "Japan", us: "United States" })[market] ?? market;

describe("channels in the window", () => {
  it("names a channel by its pack, an own store with its market, and numbers two that read the same", () => {
    const channels: ChannelPlan[] = [
      { id: "amazon-jp-fba", pack: "amazon-jp-fba" },
      { id: "shopify-basic-jp", pack: "shopify-basic", market: "jp" },
      { id: "shopify-basic-jp-2", pack: "shopify-basic", market: "jp" },
    ];
    expect([...channelLabels(channels, options, marketName, "en").values()]).toEqual([
      "Amazon.co.jp FBA",
      "Own store on Shopify – Japan",
      "Own store on Shopify – Japan (2)",
    ]);
    expect([...channelLabels(channels, options, marketName, "fr").values()][1]).toBe("Boutique en propre sur Shopify – Japan");
  });

  it("adds an own store with its market and payment under a free id", () => {
    const existing: ChannelPlan[] = [{ id: "shopify-basic-jp", pack: "shopify-basic", market: "jp" }];
    expect(newChannel(options[2], "jp", "stripe-eea", existing, null)).toEqual({
      id: "shopify-basic-jp-2",
      pack: "shopify-basic",
      market: "jp",
      payment: "stripe-eea",
      monthly_units: null,
    });
    // An Amazon pack fixes its own market and takes no payment provider.
    expect(newChannel(options[1], "jp", "stripe-eea", existing, 200)).toMatchObject({ id: "amazon-us-fba", market: null, payment: null, monthly_units: 200 });
  });

  it("offers a channel for each target that has none", () => {
    const targets = [
      { marketplace: "amazon-jp", fulfilment: "fba", channel: "b2c" },
      { marketplace: "amazon-us", fulfilment: "fba", channel: "b2c", monthly_units: 150 },
    ] as const;
    const offered = targetsWithoutChannel([...targets], [{ id: "amazon-jp-fba", pack: "amazon-jp-fba" }], options);
    expect(offered.map(({ option: o }) => o.pack)).toEqual(["amazon-us-fba"]);
  });

  it("sets, changes and removes a channel's units in a scenario, keeping per-product entries", () => {
    const volumes = [
      { channel: "a", sku: null, monthly_units: 100 },
      { channel: "a", sku: "SPK-1", monthly_units: 10 },
    ];
    expect(unitsIn(volumes, "a")).toBe(100);
    expect(withUnits(volumes, "a", 150)).toEqual([
      { channel: "a", sku: null, monthly_units: 150 },
      { channel: "a", sku: "SPK-1", monthly_units: 10 },
    ]);
    expect(withUnits(volumes, "b", 20)).toEqual([...volumes, { channel: "b", sku: null, monthly_units: 20 }]);
    expect(withUnits(volumes, "a", null)).toEqual([]);
  });

  it("starts a scenario from each channel's own units under a free name, and copies one", () => {
    const channels: ChannelPlan[] = [
      { id: "a", pack: "amazon-jp-fba", monthly_units: 300 },
      { id: "b", pack: "shopify-basic", market: "jp" },
    ];
    const first = newScenario("Scenario", channels, []);
    expect(first).toEqual({
      name: "Scenario",
      volumes: [
        { channel: "a", sku: null, monthly_units: 300 },
        { channel: "b", sku: null, monthly_units: 0 },
      ],
    });
    expect(newScenario("Scenario", channels, [first]).name).toBe("Scenario 2");
    const copy = duplicateScenario(first, "Scenario (copy)", [first]);
    expect(copy.name).toBe("Scenario (copy)");
    expect(copy.volumes).toEqual(first.volumes);
    expect(copy.volumes).not.toBe(first.volumes);
  });

  it("reads what an incomplete channel needs from the engine's typed gaps, each kind once", () => {
    const gap = (input: Input, sku: string | null): Missing => ({
      input: { input, sku, marketplace: null, channel: "own-store-us" },
      field: "",
      message: { en: "", fr: "" },
    });
    expect(
      needsOf([gap("price", "CRM-1"), gap("freight", "CRM-1"), gap("freight", "CRM-2"), gap("shipping", "CRM-1"), gap("channel-quote", null), gap("price", "CRM-2")]),
    ).toEqual(["price", "freight", "shipping", "channel-quote"]);
  });

  it("words every input the engine can name as missing, in both languages", () => {
    // A Record over the Input type: a new kind in the engine fails to compile here until it is listed.
    const inputs: Record<Input, true> = {
      "unit-cost": true,
      "price": true,
      "freight": true,
      "insurance": true,
      "category": true,
      "package": true,
      "hs-code": true,
      "origin": true,
      "fulfilment-fee": true,
      "duty-rate": true,
      "monthly-units": true,
      "fulfilment": true,
      "fx-rate": true,
      "customs-value": true,
      "tax-rate": true,
      "points": true,
      "referral-rule": true,
      "refund-administration": true,
      "market": true,
      "payment": true,
      "shipping": true,
      "channel-quote": true,
      "fx-cost": true,
      "return-rate": true,
      "cost-per-return": true,
      "cpa": true,
      "fixed-cost": true,
      "setup-cost": true,
      "channel-product": true,
      "scenario-volume": true,
      "scenario-price": true,
      "rule-pack": true,
      "toy-age": true,
      "monthly-sales": true,
      "customs-fee": true,
    };
    for (const input of Object.keys(inputs)) {
      expect(en).toHaveProperty([`need.${input}`]);
      expect(fr).toHaveProperty([`need.${input}`]);
    }
  });

  it("lists the ranked channels first and the incomplete ones after, unranked", () => {
    const channel = (id: string, complete: boolean) => ({ channel: id, complete }) as ChannelResult;
    const scenario = {
      channels: [channel("store", false), channel("jp", true), channel("us", true)],
      ranking: ["us", "jp"],
    } as ScenarioResult;
    expect(rankedChannels(scenario).map((c) => c.channel)).toEqual(["us", "jp", "store"]);
  });
});

describe("chart labels", () => {
  it("widens the label column for the longest label, within bounds, and shortens what still does not fit", () => {
    expect(labelColumn(["Referral fee"], 12, 100, 256)).toEqual({ width: 100, chars: 12 });
    const long = "Currency conversion of the proceeds into the home currency";
    const column = labelColumn([long], 12, 100, 256);
    expect(column.width).toBe(256);
    expect(fit(long, column.chars)).toHaveLength(column.chars);
    expect(fit(long, column.chars).endsWith("…")).toBe(true);
    expect(fit("Duty", column.chars)).toBe("Duty");
  });
});
