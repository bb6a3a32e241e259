import { useState, type InputHTMLAttributes } from "react";
import { useI18n } from "../lib/i18n";

interface Props {
  /** The accessible name (the visible label is the caller's). */
  label: string;
  field: string;
  value: string;
  error?: string;
  numeric?: boolean;
  disabled?: boolean;
  /** Extra attributes such as the input reference's `data-input`, `data-sku`, `data-marketplace`. */
  attributes?: Record<string, string>;
  size?: number;
  placeholder?: string;
  onCommit: (value: string) => void;
}

/**
 * An input saved as it is left: the change is committed when the input loses focus or on Enter, and
 * Escape puts the stored value back. A refused value stays in the input with its message beneath.
 */
export function CommitInput({ label, field, value, error, numeric = false, disabled, attributes, size, placeholder, onCommit }: Props) {
  const [draft, setDraft] = useState<string | null>(null);
  // A new stored value (the save went through, or an undo) replaces what was typed.
  const [stored, setStored] = useState(value);
  if (stored !== value) {
    setStored(value);
    setDraft(null);
  }
  const { locale } = useI18n();
  // A stored decimal shows with the window's decimal mark (18,50 in French); both marks are read back.
  const display = numeric && locale === "fr" ? value.replace(".", ",") : value;
  const shown = draft ?? display;
  const commit = () => {
    if (draft !== null && draft !== display) onCommit(draft);
    else setDraft(null);
  };
  const errorId = error ? `${label}-${field}-error`.replace(/\s+/g, "-") : undefined;
  const extra = (attributes ?? {}) as InputHTMLAttributes<HTMLInputElement>;
  return (
    <>
      <input
        {...extra}
        aria-label={label}
        data-field={field}
        aria-invalid={error ? true : undefined}
        aria-describedby={errorId}
        inputMode={numeric ? "decimal" : undefined}
        size={size}
        placeholder={placeholder}
        disabled={disabled}
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
    </>
  );
}
