import { useEffect, useState } from "react";
import { asApiError } from "./api";
import type { ApiError } from "../bindings";

export type Load<T> = { state: "loading" } | { state: "ready"; value: T } | { state: "failed"; error: ApiError };

/** Runs `fetch` whenever `key` changes and keeps only the answer to the latest request. */
export function useLoad<T>(fetch: () => Promise<T>, key: unknown): Load<T> {
  const [load, setLoad] = useState<Load<T>>({ state: "loading" });
  useEffect(() => {
    let current = true;
    setLoad({ state: "loading" });
    fetch().then(
      (value) => current && setLoad({ state: "ready", value }),
      (error: unknown) => current && setLoad({ state: "failed", error: asApiError(error) }),
    );
    return () => {
      current = false;
    };
    // `fetch` is recreated on every render; `key` names what it depends on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return load;
}
