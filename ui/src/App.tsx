import { useCallback, useEffect, useState } from "react";
import type { ApiError } from "./bindings";
import { api, asApiError } from "./lib/api";
import { useMenu, useMenuLanguage } from "./lib/desktop";
import { FocusProvider, type InputView } from "./lib/focus";
import { choosePortable, saveCopy } from "./lib/portable";
import { undoKey, useUndo } from "./lib/undo";
import { ErrorLine } from "./views/ErrorLine";
import { WorkshopView } from "./views/WorkshopView";
import { useI18n, type MessageKey } from "./lib/i18n";
import { PlansView } from "./views/PlansView";
import { SettingsView } from "./views/SettingsView";
import { CostsView } from "./views/CostsView";
import { ChecklistView } from "./views/ChecklistView";
import { ChannelsView } from "./views/ChannelsView";
import { ReportsView } from "./views/ReportsView";
import { ProductsView } from "./views/ProductsView";

export const views = ["plans", "products", "checklist", "costs", "channels", "reports", "settings"] as const;
export type View = (typeof views)[number];

export function App() {
  const { t, locale } = useI18n();
  const [view, setView] = useState<View>("plans");
  const [planId, setPlanId] = useState<number | null>(null);
  const [workshop, setWorkshop] = useState(false);
  // Bumped when a plan arrives from outside the Plans view (File ▸ Open), so the list is read again.
  const [plansVersion, setPlansVersion] = useState(0);
  const [startNew, setStartNew] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  // A `.landfall` file whose plan name is taken: the Plans view asks for another name.
  const [importAs, setImportAs] = useState<{ path: string; name: string } | null>(null);

  const history = useUndo();
  useMenuLanguage(locale, t);
  // Plan-level undo where no text field has the focus; inside a field, its own undo applies.
  const inField = () => document.activeElement?.matches("input, textarea, select, [contenteditable]") ?? false;
  const { undo, redo } = history;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const direction = undoKey(event);
      if (!direction || inField()) return;
      event.preventDefault();
      if (direction === "undo") undo();
      else redo();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [undo, redo]);

  const opened = (summary: { id: number } | null) => {
    if (!summary) return;
    setPlanId(summary.id);
    setPlansVersion((n) => n + 1);
    setView("plans");
  };
  const openFile = async () => {
    const path = await choosePortable();
    if (!path) return;
    try {
      opened(await api.importPortable(path));
    } catch (failure) {
      const refused = asApiError(failure);
      if (refused.code !== "name-taken") throw failure;
      setImportAs({ path, name: refused.free_name ?? "" });
      setPlansVersion((n) => n + 1);
      setView("plans");
    }
  };
  const actions: Record<string, () => void> = {
    "new-plan": () => {
      setStartNew(true);
      setPlansVersion((n) => n + 1);
      setView("plans");
    },
    "open-plan": () => void openFile().catch((failure: unknown) => setError(asApiError(failure))),
    "save-copy": () => {
      if (planId === null) return;
      void saveCopy(planId, t("app.title")).then(
        (path) => path && setNotice(t("plans.savedCopy", { path })),
        (failure: unknown) => setError(asApiError(failure)),
      );
    },
    "export-report": () => setView("reports"),
    undo: () => (inField() ? document.execCommand("undo") : history.undo()),
    redo: () => (inField() ? document.execCommand("redo") : history.redo()),
    workshop: () => planId !== null && setWorkshop((on) => !on),
  };
  useMenu((id) => {
    setError(null);
    setNotice(null);
    actions[id]?.();
  });
  const openView = useCallback((next: InputView) => setView(next), []);

  return (
    <FocusProvider open={openView}>
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
        {error && <ErrorLine error={error} />}
        {history.error && <ErrorLine error={history.error} />}
        {notice && (
          <p role="status" className="ok">
            {notice}
          </p>
        )}
        {view === "plans" && (
          <PlansView
            key={plansVersion}
            selected={planId}
            onSelect={setPlanId}
            startNew={startNew}
            onStarted={() => setStartNew(false)}
            onOpen={() => actions["open-plan"]()}
            importAs={importAs}
            onImported={(summary) => {
              setImportAs(null);
              if (summary) opened(summary);
            }}
            onSaveCopy={() => actions["save-copy"]()}
            onWorkshop={() => setWorkshop(true)}
            onCreated={() => setView("products")}
          />
        )}
        {view === "products" && <ProductsView planId={planId} />}
        {view === "costs" && <CostsView planId={planId} />}
        {view === "checklist" && <ChecklistView planId={planId} onGoTo={setView} />}
        {view === "channels" && <ChannelsView planId={planId} />}
        {view === "reports" && <ReportsView planId={planId} />}
        {view === "settings" && <SettingsView />}
      </main>
      {workshop && planId !== null && <WorkshopView planId={planId} onClose={() => setWorkshop(false)} />}
    </div>
    </FocusProvider>
  );
}
