import { listen } from "@tauri-apps/api/event";
import { getCurrentWebview } from "@tauri-apps/api/webview";
import { useEffect, useRef } from "react";

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
