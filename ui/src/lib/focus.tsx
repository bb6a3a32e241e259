import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { inputAttributes, isTargetInput, selectorOf, type InputRef } from "./inputs";

/** The view that holds an input: the profile and product editor, the rates, or a channel's. */
export type InputView = "products" | "settings" | "channels";

interface Focus {
  /** The input asked for, until it is on screen and focused. */
  request: InputRef | null;
  /** Takes the user to an input: in the current view when it is there, else in the view that holds it. */
  goTo: (ref: InputRef) => void;
}

const FocusContext = createContext<Focus | null>(null);

/**
 * The elements that match a reference, most precise first: an engine may name a marketplace for an
 * input that is the product's own (its package), so less precise matches are tried after.
 */
export function findInput(ref: InputRef, root: ParentNode = document): HTMLElement | null {
  // A target's input belongs to no product, though the engine names the product whose quote needed it.
  const attributes = Object.entries(inputAttributes(isTargetInput(ref) ? { ...ref, sku: null } : ref));
  const tries = [
    attributes,
    attributes.filter(([name]) => name !== "data-channel"),
    attributes.filter(([name]) => name !== "data-channel" && name !== "data-marketplace"),
  ];
  for (const attempt of tries) {
    const found = [...root.querySelectorAll<HTMLElement>(selectorOf(attempt))].find((element) => !element.hasAttribute("disabled"));
    if (found) return found;
  }
  return null;
}

/** Opens what hides an input (a closed `<details>`), scrolls it into the middle and focuses it. */
export function reveal(element: HTMLElement) {
  for (let parent = element.parentElement; parent; parent = parent.parentElement) {
    if (parent instanceof HTMLDetailsElement) parent.open = true;
  }
  element.scrollIntoView({ block: "center" });
  element.focus();
  element.classList.add("sought");
  window.setTimeout(() => element.classList.remove("sought"), 2500);
}

/** Where an input lives when the current view does not show it. */
export function viewOf(ref: InputRef): InputView {
  if (ref.input === "fx-rate") return "settings";
  return ref.channel === null ? "products" : "channels";
}

/** `open(view)` switches the window's view; views that must open something (a product's editor) read `request`. */
export function FocusProvider({ open, children }: { open: (view: InputView) => void; children: ReactNode }) {
  const [request, setRequest] = useState<InputRef | null>(null);
  const goTo = useCallback(
    (ref: InputRef) => {
      const here = findInput(ref);
      if (here) {
        reveal(here);
        return;
      }
      setRequest(ref);
      open(viewOf(ref));
    },
    [open],
  );
  // The view renders (and loads its plan) after switching: look for the input until it appears.
  useEffect(() => {
    if (!request) return;
    let tries = 0;
    const timer = window.setInterval(() => {
      tries += 1;
      const found = findInput(request);
      if (found || tries > 50) {
        window.clearInterval(timer);
        if (found) reveal(found);
        setRequest(null);
      }
    }, 100);
    return () => window.clearInterval(timer);
  }, [request]);
  const value = useMemo<Focus>(() => ({ request, goTo }), [request, goTo]);
  return <FocusContext.Provider value={value}>{children}</FocusContext.Provider>;
}

export function useFocus(): Focus {
  const context = useContext(FocusContext);
  if (!context) throw new Error("useFocus outside FocusProvider");
  return context;
}

/** The SKU whose editor a pending request needs open, if any. */
export function requestedSku(request: InputRef | null): string | null {
  return request && !isTargetInput(request) ? request.sku : null;
}
