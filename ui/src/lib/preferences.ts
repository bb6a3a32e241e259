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
