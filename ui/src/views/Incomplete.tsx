import type { Missing } from "../bindings";
import { needsOf } from "../lib/channels";
import { useI18n, type MessageKey } from "../lib/i18n";

/** "incomplete — needs the price, the freight", with every missing input listed on demand. */
export function Incomplete({ gaps }: { gaps: Missing[] }) {
  const { t } = useI18n();
  const needs = needsOf(gaps).map((kind) => t(`need.${kind}` as MessageKey));
  return (
    <span className="incomplete" data-incomplete="true" title={gaps.map((gap) => gapLine(gap, t)).join("\n")}>
      {needs.length > 0 ? t("channels.incompleteNeeds", { needs: needs.join(", ") }) : t("channels.incomplete")}
    </span>
  );
}

/**
 * One missing input in the window's words, from the engine's typed gap: what is needed and for which
 * product and marketplace ("the freight and insurance — CRM-1, Amazon.com (United States)").
 */
export function gapLine(gap: Missing, t: (key: MessageKey, vars?: Record<string, string | number>) => string): string {
  const need = t(`need.${gap.input.input}` as MessageKey);
  const where = [gap.input.sku, gap.input.marketplace ? t(`label.${gap.input.marketplace}` as MessageKey) : null].filter((part) => part);
  return where.length > 0 ? t("channels.gap", { need, where: where.join(", ") }) : need;
}
