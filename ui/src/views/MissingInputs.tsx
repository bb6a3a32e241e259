import type { Marketplace, Missing } from "../bindings";
import { useFocus } from "../lib/focus";
import { useI18n, type MessageKey } from "../lib/i18n";
import { hasField, inputSelector, wordedInputs } from "../lib/inputs";

interface Props {
  missing: Missing[];
  sku: string;
  marketplace: Marketplace;
  /** The marketplace as people name it ("Amazon.co.jp"). */
  marketplaceName: string;
}

/**
 * What a line still needs, one sentence each in the window's language, with a button that takes the
 * user to the input that answers it (the gap's input reference). A need no plan input answers (a
 * figure the rule packs lack) keeps the engine's own words.
 */
export function MissingInputs({ missing, sku, marketplace, marketplaceName }: Props) {
  const { t, locale } = useI18n();
  const { goTo } = useFocus();
  if (missing.length === 0) return null;
  // One line per input: an engine may name the same missing input from two of its steps.
  const seen = new Set<string>();
  const unique = missing.filter((gap) => {
    const key = wordedInputs.includes(gap.input.input) ? inputSelector(gap.input) : `${gap.field}:${gap.message.en}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return (
    <div className="missing" role="status" data-testid={`missing-${sku}-${marketplace}`}>
      <h3>{t("costs.missing")}</h3>
      <ul>
        {unique.map((gap, index) => {
          const worded = wordedInputs.includes(gap.input.input);
          return (
            <li key={index} data-missing={gap.input.input}>
              {worded ? t(`gap.${gap.input.input}` as MessageKey, { marketplace: marketplaceName }) : gap.message[locale]}{" "}
              {hasField(gap.input) && (
                <button type="button" className="chip" data-action="go-to-input" onClick={() => goTo(gap.input)}>
                  {t("gap.goTo")}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
