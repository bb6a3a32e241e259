import { CommitInput } from "./CommitInput";

interface Props {
  label: string;
  field: string;
  value: string;
  error?: string;
  numeric?: boolean;
  attributes?: Record<string, string>;
  onCommit: (value: string) => void;
}

/** A table cell edited in place (see `CommitInput`). */
export function EditableCell({ numeric = false, ...input }: Props) {
  return (
    <td className={numeric ? "num editable" : "editable"}>
      <CommitInput numeric={numeric} {...input} />
    </td>
  );
}
