import type { ApiError, Problem } from "../bindings";
import { translate, type Locale } from "./i18n";

/** `field: reason` in the reader's language (French puts a no-break space before the colon). */
export function problemLine(problem: Problem, locale: Locale): string {
  const reason = problem.message[locale];
  if (!problem.field) return reason;
  return `${problem.field}${locale === "fr" ? "\u00a0: " : ": "}${reason}`;
}

/**
 * What an error says to the reader: a refused edit's problems in the reader's language, one a line;
 * any other error keeps its own message (written in English by the engine).
 */
export function errorMessage(error: ApiError, locale: Locale): string {
  // A lock held by another window or command, or a database that cannot be written, are said in
  // the reader's language: the person can act on them.
  if (error.code === "busy") return translate(locale, "errors.busy");
  if (error.code === "read-only") return translate(locale, "errors.readOnly");
  const problems = error.problems ?? [];
  if (problems.length === 0) return error.message;
  return problems.map((problem) => problemLine(problem, locale)).join("\n");
}
