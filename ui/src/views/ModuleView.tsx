import type { MessageKey } from "../lib/i18n";
import { useI18n } from "../lib/i18n";
import { api } from "../lib/api";
import { useLoad } from "../lib/useLoad";
import { ErrorLine } from "./ErrorLine";

type Module = "reports";

/** The frame each module view starts from: which plan it works on and what it will show. */
export function ModuleView({ module, planId }: { module: Module; planId: number | null }) {
  const { t } = useI18n();
  const title = t(`nav.${module}` as MessageKey);
  if (planId === null) {
    return (
      <section>
        <h1>{title}</h1>
        <p className="muted">{t("module.noPlan")}</p>
      </section>
    );
  }
  return <ModuleForPlan module={module} planId={planId} title={title} />;
}

function ModuleForPlan({ module, planId, title }: { module: Module; planId: number; title: string }) {
  const { t } = useI18n();
  const detail = useLoad(() => api.getPlan(planId), planId);
  return (
    <section>
      <h1>
        {detail.state === "ready" ? t("module.comingTitle", { module: title, plan: detail.value.plan.plan.name }) : title}
      </h1>
      {detail.state === "failed" && <ErrorLine error={detail.error} />}
      <p className="lead">{t(`module.${module}.lead` as MessageKey)}</p>
      <p className="muted">{t("module.pending")}</p>
    </section>
  );
}
