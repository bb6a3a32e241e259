import { listen } from "@tauri-apps/api/event";
import { getCurrentWebview } from "@tauri-apps/api/webview";
import { useEffect, useRef } from "react";
import type { MenuLabels } from "../bindings";
import { api } from "./api";
import type { MessageKey } from "./i18n";

/** True inside the Tauri window (false in Vitest and a plain browser), where native events exist. */
export const inDesktop = typeof window !== "undefined" && "__TAURI_INTERNALS__" in window;

/**
 * Calls `onDrop(path, element)` for each file dropped on the window, with the element under the
 * pointer, so a drop lands on the evidence slot it was aimed at. Tauri hands over real paths.
 */
export function useDroppedFiles(onDrop: (path: string, at: Element | null) => void) {
  const handler = useRef(onDrop);
  useEffect(() => {
    handler.current = onDrop;
  });
  useEffect(() => {
    if (!inDesktop) return;
    const stop = getCurrentWebview().onDragDropEvent((event) => {
      if (event.payload.type !== "drop") return;
      const scale = window.devicePixelRatio || 1;
      const { x, y } = event.payload.position;
      const at = document.elementFromPoint(x / scale, y / scale);
      for (const path of event.payload.paths) handler.current(path, at);
    });
    return () => void stop.then((unlisten) => unlisten());
  }, []);
}

/** Calls `onItem(id)` for each native menu item chosen (File ▸ New plan is `new-plan`, …). */
export function useMenu(onItem: (id: string) => void) {
  const handler = useRef(onItem);
  useEffect(() => {
    handler.current = onItem;
  });
  useEffect(() => {
    if (!inDesktop) return;
    const stop = listen<string>("menu", (event) => handler.current(event.payload));
    return () => void stop.then((unlisten) => unlisten());
  }, []);
}

const menuKeys: Record<keyof MenuLabels, MessageKey> = {
  file: "menu.file",
  new_plan: "menu.newPlan",
  open: "menu.open",
  save_copy: "menu.saveCopy",
  export_report: "menu.exportReport",
  quit: "menu.quit",
  edit: "menu.edit",
  undo: "menu.undo",
  redo: "menu.redo",
  cut: "menu.cut",
  copy: "menu.copy",
  paste: "menu.paste",
  select_all: "menu.selectAll",
  view: "menu.view",
  workshop: "menu.workshop",
};

/** The native menu's words in the window's language. */
export function menuLabels(t: (key: MessageKey) => string): MenuLabels {
  return Object.fromEntries(Object.entries(menuKeys).map(([field, key]) => [field, t(key)])) as unknown as MenuLabels;
}

/** Rebuilds the native menu whenever the language changes. */
export function useMenuLanguage(locale: string, t: (key: MessageKey) => string) {
  const translate = useRef(t);
  useEffect(() => {
    translate.current = t;
  });
  useEffect(() => {
    if (!inDesktop) return;
    void api.setMenuLabels(menuLabels(translate.current)).catch(() => {
      // The menu keeps its previous words; every action stays reachable from the window.
    });
  }, [locale]);
}
