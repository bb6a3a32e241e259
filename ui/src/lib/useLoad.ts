import { useEffect, useState } from "react";
import { asApiError } from "./api";
import type { ApiError } from "../bindings";

export type Load<T> = { state: "loading" } | { state: "ready"; value: T } | { state: "failed"; error: ApiError };

/**
 * Runs `fetch` whenever `key` changes. An answer is kept with the key it was asked for, so a stale
 * answer (to an earlier key) reads as loading rather than showing the wrong plan; except that an
 * answer of the same `group` (the same plan, before an edit) stays on screen until the new one
 * arrives, so editing never blanks the view or moves the focus.
 */
export function useLoad<T>(fetch: () => Promise<T>, key: string | number, group?: string | number): Load<T> {
  const [answer, setAnswer] = useState<{ key: string | number; group?: string | number; load: Load<T> } | null>(null);
  useEffect(() => {
    let current = true;
    fetch().then(
      (value) => current && setAnswer({ key, group, load: { state: "ready", value } }),
      (error: unknown) => current && setAnswer({ key, group, load: { state: "failed", error: asApiError(error) } }),
    );
    return () => {
      current = false;
    };
    // `fetch` is recreated on every render; `key` names what it depends on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  if (answer && (answer.key === key || (group !== undefined && answer.group === group))) return answer.load;
  return { state: "loading" };
}
