import type { Missing } from "../bindings";
import { needsOf } from "../lib/channels";
import { useI18n, type MessageKey } from "../lib/i18n";

/** "incomplete — needs the price, the freight", with every missing input listed on demand. */
export function Incomplete({ gaps }: { gaps: Missing[] }) {
  const { t, locale } = useI18n();
  const needs = needsOf(gaps).map((kind) => t(`need.${kind}` as MessageKey));
  return (
    <span className="incomplete" data-incomplete="true" title={gaps.map((gap) => gap.message[locale]).join("\n")}>
      {needs.length > 0 ? t("channels.incompleteNeeds", { needs: needs.join(", ") }) : t("channels.incomplete")}
    </span>
  );
}
