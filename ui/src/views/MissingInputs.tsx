import type { Marketplace, Missing } from "../bindings";
import { useFocus } from "../lib/focus";
import { useI18n, type MessageKey } from "../lib/i18n";
import { inputOfMissing } from "../lib/inputs";

interface Props {
  missing: Missing[];
  sku: string;
  marketplace: Marketplace;
  /** The marketplace as people name it ("Amazon.co.jp"). */
  marketplaceName: string;
}

/**
 * What a line still needs, one sentence each in the window's language, with a button that takes the
 * user to the input that answers it. A need no plan input answers (a figure the rule packs lack) keeps
 * the engine's own words.
 */
export function MissingInputs({ missing, sku, marketplace, marketplaceName }: Props) {
  const { t, locale } = useI18n();
  const { goTo } = useFocus();
  if (missing.length === 0) return null;
  const lines = missing.map((gap) => ({ gap, ref: inputOfMissing(gap, sku, marketplace) }));
  // One line per input: an engine may name the same missing input from two of its steps.
  const seen = new Set<string>();
  const unique = lines.filter(({ gap, ref }) => {
    const key = ref ? ref.input : `${gap.field}:${gap.message.en}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return (
    <div className="missing" role="status" data-testid={`missing-${sku}-${marketplace}`}>
      <h3>{t("costs.missing")}</h3>
      <ul>
        {unique.map(({ gap, ref }, index) => (
          <li key={index} data-missing={ref?.input ?? "other"}>
            {ref ? t(`gap.${ref.input}` as MessageKey, { marketplace: marketplaceName }) : gap.message[locale]}{" "}
            {ref && (
              <button type="button" className="chip" data-action="go-to-input" onClick={() => goTo(ref)}>
                {t("gap.goTo")}
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
