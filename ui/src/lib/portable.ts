import { open, save } from "@tauri-apps/plugin-dialog";
import { api } from "./api";

const filters = [{ name: "Landfall", extensions: ["landfall"] }];

/** File ▸ Open: the `.landfall` file chosen in the native dialog, or null when cancelled. */
export async function choosePortable(): Promise<string | null> {
  const path = await open({ multiple: false, directory: false, filters });
  return typeof path === "string" ? path : null;
}

/** File ▸ Save a copy: the plan, its progress and evidence into a `.landfall` file; the path, or null. */
export async function saveCopy(id: number, name: string): Promise<string | null> {
  const path = await save({ defaultPath: `${name.replace(/[/\\:*?"<>|]/g, " ")}.landfall`, filters });
  if (!path) return null;
  await api.exportPortable(id, path);
  return path;
}
