import { useState } from "react";
import { useI18n, type MessageKey } from "./lib/i18n";
import { PlansView } from "./views/PlansView";
import { SettingsView } from "./views/SettingsView";
import { CostsView } from "./views/CostsView";
import { ChecklistView } from "./views/ChecklistView";
import { ChannelsView } from "./views/ChannelsView";
import { ReportsView } from "./views/ReportsView";

export const views = ["plans", "checklist", "costs", "channels", "reports", "settings"] as const;
export type View = (typeof views)[number];

export function App() {
  const { t } = useI18n();
  const [view, setView] = useState<View>("plans");
  const [planId, setPlanId] = useState<number | null>(null);

  return (
    <div className="shell">
      <nav className="sidebar" aria-label={t("nav.label")}>
        <div className="brand">
          <img src="/icon.svg" alt="" width={32} height={32} />
          <div>
            <div className="brand-name">{t("app.title")}</div>
            <div className="brand-tagline">{t("app.tagline")}</div>
          </div>
        </div>
        <ul>
          {views.map((name) => (
            <li key={name}>
              <button
                type="button"
                data-view={name}
                className={name === view ? "active" : undefined}
                aria-current={name === view ? "page" : undefined}
                onClick={() => setView(name)}
              >
                {t(`nav.${name}` as MessageKey)}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <main className="content" data-testid={`view-${view}`}>
        {view === "plans" && <PlansView selected={planId} onSelect={setPlanId} />}
        {view === "costs" && <CostsView planId={planId} />}
        {view === "checklist" && <ChecklistView planId={planId} />}
        {view === "channels" && <ChannelsView planId={planId} />}
        {view === "reports" && <ReportsView planId={planId} />}
        {view === "settings" && <SettingsView />}
      </main>
    </div>
  );
}
