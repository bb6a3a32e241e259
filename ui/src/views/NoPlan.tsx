import { useI18n, type MessageKey } from "../lib/i18n";

/** What a plan view shows before any plan is open. */
export function NoPlan({ title }: { title: MessageKey }) {
  const { t } = useI18n();
  return (
    <section>
      <h1>{t(title)}</h1>
      <p className="muted">{t("module.noPlan")}</p>
    </section>
  );
}
