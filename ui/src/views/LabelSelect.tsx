import { useI18n, type MessageKey } from "../lib/i18n";

interface Props<T extends string> {
  label: string;
  field?: string;
  value: T;
  options: readonly T[];
  onChange: (value: T) => void;
}

/** A select over plan enums, each option worded by its `label.<value>` message. */
export function LabelSelect<T extends string>({ label, field, value, options, onChange }: Props<T>) {
  const { t } = useI18n();
  return (
    <select aria-label={label} data-field={field} value={value} onChange={(event) => onChange(event.target.value as T)}>
      {options.map((option) => (
        <option key={option} value={option}>
          {t(`label.${option}` as MessageKey)}
        </option>
      ))}
    </select>
  );
}
