import { useEffect, useState } from "react";
import { asApiError } from "./api";
import type { ApiError } from "../bindings";

export type Load<T> = { state: "loading" } | { state: "ready"; value: T } | { state: "failed"; error: ApiError };

/**
 * Runs `fetch` whenever `key` changes. An answer is kept with the key it was asked for, so a stale
 * answer (to an earlier key) reads as loading rather than showing the wrong plan.
 */
export function useLoad<T>(fetch: () => Promise<T>, key: string | number): Load<T> {
  const [answer, setAnswer] = useState<{ key: string | number; load: Load<T> } | null>(null);
  useEffect(() => {
    let current = true;
    fetch().then(
      (value) => current && setAnswer({ key, load: { state: "ready", value } }),
      (error: unknown) => current && setAnswer({ key, load: { state: "failed", error: asApiError(error) } }),
    );
    return () => {
      current = false;
    };
    // `fetch` is recreated on every render; `key` names what it depends on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return answer && answer.key === key ? answer.load : { state: "loading" };
}
