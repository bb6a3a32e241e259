import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from "react";
import type { ApiError } from "../bindings";
import { api, asApiError } from "./api";
import { emptyHistory, recorded, redoStep, replay, undoStep, type Change, type History, type Replay } from "./history";

interface Undo {
  /** Records a change that was just saved. */
  record: (change: Change) => void;
  undo: () => void;
  redo: () => void;
  /** Bumped after each undo or redo, so the views read the plan again. */
  revision: number;
  error: ApiError | null;
}

const UndoContext = createContext<Undo | null>(null);

function apply(step: Replay): Promise<unknown> {
  switch (step.op) {
    case "save-product":
      return api.saveProduct(step.planId, step.previousSku, step.product);
    case "delete-product":
      return api.deleteProduct(step.planId, step.sku);
    case "save-profile":
      return api.saveProfile(step.planId, step.profile);
    case "save-channel-setup":
      return api.saveChannelSetup(step.planId, step.setup);
  }
}

export function UndoProvider({ children }: { children: ReactNode }) {
  const history = useRef<History>(emptyHistory);
  const [revision, setRevision] = useState(0);
  const [error, setError] = useState<ApiError | null>(null);
  const record = useCallback((change: Change) => {
    history.current = recorded(history.current, change);
    setError(null);
  }, []);
  const move = useCallback((direction: "undo" | "redo") => {
    const step = direction === "undo" ? undoStep(history.current) : redoStep(history.current);
    if (!step) return;
    apply(replay(step.change, direction)).then(
      () => {
        history.current = step.history;
        setError(null);
        setRevision((n) => n + 1);
      },
      (failure: unknown) => setError(asApiError(failure)),
    );
  }, []);
  const value = useMemo<Undo>(
    () => ({ record, undo: () => move("undo"), redo: () => move("redo"), revision, error }),
    [record, move, revision, error],
  );
  return <UndoContext.Provider value={value}>{children}</UndoContext.Provider>;
}

export function useUndo(): Undo {
  const context = useContext(UndoContext);
  if (!context) throw new Error("useUndo outside UndoProvider");
  return context;
}

/** Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y outside a text field undo or redo a plan change; inside one, the field's own undo runs. */
export function undoKey(event: Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "shiftKey">): "undo" | "redo" | null {
  if (!(event.ctrlKey || event.metaKey)) return null;
  const key = event.key.toLowerCase();
  if (key === "z") return event.shiftKey ? "redo" : "undo";
  if (key === "y") return "redo";
  return null;
}
