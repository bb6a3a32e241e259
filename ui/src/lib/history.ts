import type { ChannelSetup, Product, Profile } from "../bindings";

/**
 * Undo and redo of plan edits. Every change is saved at once (autosave), so undoing is saving the
 * state from before the change; each entry holds both sides so it can be replayed either way.
 */
export type Change =
  | { kind: "product"; planId: number; before: Product | null; after: Product | null }
  | { kind: "profile"; planId: number; before: Profile; after: Profile }
  | { kind: "channels"; planId: number; before: ChannelSetup; after: ChannelSetup };

/** The save that puts a plan back in one state of a change: the inverse of the change or the change itself. */
export type Replay =
  | { op: "save-product"; planId: number; previousSku: string | null; product: Product }
  | { op: "delete-product"; planId: number; sku: string }
  | { op: "save-profile"; planId: number; profile: Profile }
  | { op: "save-channel-setup"; planId: number; setup: ChannelSetup };

/** The save that moves the plan from one side of `change` to the other (`direction` "undo" goes back). */
export function replay(change: Change, direction: "undo" | "redo"): Replay {
  if (change.kind === "profile") {
    return { op: "save-profile", planId: change.planId, profile: direction === "undo" ? change.before : change.after };
  }
  if (change.kind === "channels") {
    return { op: "save-channel-setup", planId: change.planId, setup: direction === "undo" ? change.before : change.after };
  }
  const [from, to] = direction === "undo" ? [change.after, change.before] : [change.before, change.after];
  if (to === null) return { op: "delete-product", planId: change.planId, sku: from?.sku ?? "" };
  return { op: "save-product", planId: change.planId, previousSku: from?.sku ?? null, product: to };
}

export interface History {
  done: Change[];
  undone: Change[];
}

export const emptyHistory: History = { done: [], undone: [] };

/** At most this many changes are kept; the oldest go first. */
export const historyLimit = 100;

/** A new change: it can be undone, and whatever was undone can no longer be redone. */
export function recorded(history: History, change: Change): History {
  return { done: [...history.done, change].slice(-historyLimit), undone: [] };
}

/** The change to undo and the history after it, or null when there is nothing to undo. */
export function undoStep(history: History): { change: Change; history: History } | null {
  const change = history.done.at(-1);
  if (!change) return null;
  return { change, history: { done: history.done.slice(0, -1), undone: [...history.undone, change] } };
}

export function redoStep(history: History): { change: Change; history: History } | null {
  const change = history.undone.at(-1);
  if (!change) return null;
  return { change, history: { done: [...history.done, change], undone: history.undone.slice(0, -1) } };
}
