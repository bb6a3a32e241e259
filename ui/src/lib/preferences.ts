/** Preferences of this desktop user, kept in the window's local storage (not in plans). */
const consultantKey = "landfall.consultant";

export function storedConsultant(): string {
  return localStorage.getItem(consultantKey) ?? "";
}

export function storeConsultant(name: string) {
  const trimmed = name.trim();
  if (trimmed) localStorage.setItem(consultantKey, trimmed);
  else localStorage.removeItem(consultantKey);
}

const unitsKey = "landfall.units";

/** How this user types package sizes (the plan always stores centimetres and grams). */
export function storedUnits(): "metric" | "imperial" {
  return localStorage.getItem(unitsKey) === "imperial" ? "imperial" : "metric";
}

export function storeUnits(system: "metric" | "imperial") {
  localStorage.setItem(unitsKey, system);
}

const guideKey = "landfall.guide-hidden";

/** Whether the user closed the first-run guide. */
export function guideHidden(): boolean {
  return localStorage.getItem(guideKey) === "yes";
}

export function hideGuide(hidden: boolean) {
  if (hidden) localStorage.setItem(guideKey, "yes");
  else localStorage.removeItem(guideKey);
}
