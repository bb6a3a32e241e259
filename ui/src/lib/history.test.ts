import { describe, expect, it } from "vitest";
import type { ChannelSetup, Product, Profile } from "../bindings";
import { undoKey } from "./undo";
import { emptyHistory, historyLimit, recorded, redoStep, replay, undoStep, type Change } from "./history";

const speaker = (price: string, sku = "SPK-1"): Product => ({
  sku,
  name: "Bluetooth speaker",
  prices: [{ marketplace: "amazon-jp", price: { amount: price, currency: "JPY" } }],
});

describe("undo and redo of plan edits", () => {
  it("puts an edited product back under the SKU it has now", () => {
    const change: Change = { kind: "product", planId: 1, before: speaker("6980"), after: speaker("7980", "SPK-2") };
    expect(replay(change, "undo")).toEqual({ op: "save-product", planId: 1, previousSku: "SPK-2", product: speaker("6980") });
    expect(replay(change, "redo")).toEqual({ op: "save-product", planId: 1, previousSku: "SPK-1", product: speaker("7980", "SPK-2") });
  });

  it("undoes an added product by deleting it, and a deletion by adding it back", () => {
    const added: Change = { kind: "product", planId: 1, before: null, after: speaker("6980") };
    expect(replay(added, "undo")).toEqual({ op: "delete-product", planId: 1, sku: "SPK-1" });
    expect(replay(added, "redo")).toEqual({ op: "save-product", planId: 1, previousSku: null, product: speaker("6980") });
    const deleted: Change = { kind: "product", planId: 1, before: speaker("6980"), after: null };
    expect(replay(deleted, "undo")).toEqual({ op: "save-product", planId: 1, previousSku: null, product: speaker("6980") });
  });

  it("replays the profile from either side", () => {
    const profile = (home: string): Profile => ({ as_of: "2026-11-22", home_currency: home, seller: { country: "FR", entity: "company" }, targets: [] });
    const change: Change = { kind: "profile", planId: 3, before: profile("EUR"), after: profile("CHF") };
    expect(replay(change, "undo")).toEqual({ op: "save-profile", planId: 3, profile: profile("EUR") });
    expect(replay(change, "redo")).toEqual({ op: "save-profile", planId: 3, profile: profile("CHF") });
  });

  it("puts the channels and scenarios back together, a deleted channel with the volumes that named it", () => {
    const store = { id: "own-store-jp", pack: "shopify-basic", market: "jp" as const, payment: "stripe-eea", monthly_units: 60 };
    const before: ChannelSetup = {
      channels: [store],
      scenarios: [{ name: "Mix", volumes: [{ channel: "own-store-jp", sku: null, monthly_units: 60 }] }],
    };
    const after: ChannelSetup = { channels: [], scenarios: [{ name: "Mix", volumes: [] }] };
    const change: Change = { kind: "channels", planId: 2, before, after };
    expect(replay(change, "undo")).toEqual({ op: "save-channel-setup", planId: 2, setup: before });
    expect(replay(change, "redo")).toEqual({ op: "save-channel-setup", planId: 2, setup: after });
  });

  it("undoes newest first, redoes in order, and a new change drops what was undone", () => {
    const first: Change = { kind: "product", planId: 1, before: speaker("1"), after: speaker("2") };
    const second: Change = { kind: "product", planId: 1, before: speaker("2"), after: speaker("3") };
    let history = recorded(recorded(emptyHistory, first), second);
    const undone = undoStep(history)!;
    expect(undone.change).toBe(second);
    history = undone.history;
    const redone = redoStep(history)!;
    expect(redone.change).toBe(second);
    history = recorded(undoStep(redone.history)!.history, first);
    expect(redoStep(history)).toBeNull();
    expect(undoStep(emptyHistory)).toBeNull();
  });

  it("keeps a bounded history", () => {
    let history = emptyHistory;
    for (let i = 0; i < historyLimit + 5; i += 1) {
      history = recorded(history, { kind: "product", planId: 1, before: speaker(String(i)), after: speaker(String(i + 1)) });
    }
    expect(history.done).toHaveLength(historyLimit);
    const oldest = history.done[0];
    expect(oldest.kind === "product" && oldest.before?.prices?.[0].price.amount).toBe("5");
  });
});

describe("undo shortcuts", () => {
  const key = (key: string, modifiers: { ctrlKey?: boolean; metaKey?: boolean; shiftKey?: boolean } = {}) =>
    undoKey({ key, ctrlKey: false, metaKey: false, shiftKey: false, ...modifiers });
  it("reads Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y and Cmd+Z, and nothing else", () => {
    expect(key("z", { ctrlKey: true })).toBe("undo");
    expect(key("Z", { ctrlKey: true, shiftKey: true })).toBe("redo");
    expect(key("y", { ctrlKey: true })).toBe("redo");
    expect(key("z", { metaKey: true })).toBe("undo");
    expect(key("z")).toBeNull();
    expect(key("s", { ctrlKey: true })).toBeNull();
  });
});
