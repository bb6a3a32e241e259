import type { InputRef, ItemResult, Readiness } from "../bindings";

export type ChecklistFilter = "all" | "blockers" | "blocked" | "undecided" | "dueSoon" | "mine";

/** Items grouped by their catalogue group, keeping the engine's dependency order inside each group. */
export function groupItems(items: ItemResult[]): { group: string; items: ItemResult[] }[] {
  const groups = new Map<string, ItemResult[]>();
  for (const item of items) {
    const list = groups.get(item.group);
    if (list) list.push(item);
    else groups.set(item.group, [item]);
  }
  return [...groups].map(([group, list]) => ({ group, items: list }));
}

const dayMs = 24 * 3600 * 1000;

/** Whether an item passes a filter; `owner` is the name typed in the "mine" box. */
export function passes(
  item: ItemResult,
  filter: ChecklistFilter,
  checklist: { readiness: Readiness; as_of: string },
  owner: string,
): boolean {
  const open = item.status !== "done" && item.status !== "not_applicable";
  switch (filter) {
    case "all":
      return true;
    case "blockers":
      return checklist.readiness.blockers.includes(item.id);
    case "blocked":
      return item.status === "blocked";
    case "undecided":
      return item.undecided;
    case "dueSoon":
      return open && item.due !== null && Date.parse(item.due) - Date.parse(checklist.as_of) <= 30 * dayMs;
    case "mine":
      return owner.trim() !== "" && (item.owner ?? "").toLowerCase() === owner.trim().toLowerCase();
  }
}

/** The view holding the plan field that answers a checklist question: a channel's own, or the plan's. */
export function viewOfInput(ref: InputRef): "products" | "channels" {
  return ref.channel !== null && ref.marketplace === null ? "channels" : "products";
}
