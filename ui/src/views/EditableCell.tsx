import { useState } from "react";

interface Props {
  label: string;
  field: string;
  value: string;
  error?: string;
  numeric?: boolean;
  /** A line under the input that is not an error: what the value means, or a warning about it. */
  hint?: { text: string; warning: boolean };
  onCommit: (value: string) => void;
}

/**
 * A table cell edited in place: the change is committed when the input loses focus or on Enter, and
 * Escape puts the stored value back. A refused value stays in the input with its message beneath.
 */
export function EditableCell({ label, field, value, error, numeric = false, hint, onCommit }: Props) {
  const [draft, setDraft] = useState<string | null>(null);
  const shown = draft ?? value;
  const commit = () => {
    if (draft !== null && draft !== value) onCommit(draft);
    else setDraft(null);
  };
  const errorId = error ? `${label}-${field}-error`.replace(/\s+/g, "-") : undefined;
  return (
    <td className={numeric ? "num editable" : "editable"}>
      <input
        aria-label={label}
        data-field={field}
        aria-invalid={error ? true : undefined}
        aria-describedby={errorId}
        inputMode={numeric ? "decimal" : undefined}
        value={shown}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === "Enter") event.currentTarget.blur();
          if (event.key === "Escape") setDraft(null);
        }}
      />
      {error && (
        <span className="field-error" id={errorId} role="alert">
          {error}
        </span>
      )}
      {!error && hint && (
        <span className={hint.warning ? "field-hint flagged" : "field-hint"} data-hint={field}>
          {hint.text}
        </span>
      )}
    </td>
  );
}
