import { CommitInput } from "./CommitInput";

interface Props {
  label: string;
  field: string;
  value: string;
  error?: string;
  numeric?: boolean;
  attributes?: Record<string, string>;
  /**
   * A line under the input that is not an error: what the value means, or a warning about it;
   * `lang` when it quotes a source in another language than the window's.
   */
  hint?: { text: string; warning: boolean; lang?: string };
  onCommit: (value: string) => void;
}

/** A table cell edited in place (see `CommitInput`), with an optional hint beneath. */
export function EditableCell({ numeric = false, hint, ...input }: Props) {
  return (
    <td className={numeric ? "num editable" : "editable"}>
      <CommitInput numeric={numeric} {...input} />
      {!input.error && hint && (
        <span className={hint.warning ? "field-hint flagged" : "field-hint"} data-hint={input.field} lang={hint.lang}>
          {hint.text}
        </span>
      )}
    </td>
  );
}
