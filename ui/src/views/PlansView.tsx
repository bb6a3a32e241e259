import { useEffect, useState } from "react";
import type { ApiError, Plan, PlanSummary } from "../bindings";
import { api, asApiError } from "../lib/api";
import { formatDate, useI18n, type MessageKey } from "../lib/i18n";
import { formatMoney } from "../lib/money";
import { guideHidden, hideGuide } from "../lib/preferences";
import { useLoad } from "../lib/useLoad";
import { ErrorLine } from "./ErrorLine";
import { FirstRunGuide } from "./FirstRunGuide";
import { NewPlanForm } from "./NewPlanForm";
import { TargetColumns } from "./TargetColumns";

interface Props {
  selected: number | null;
  onSelect: (id: number | null) => void;
  /** File ▸ New plan: open the name form at once. */
  startNew?: boolean;
  onStarted?: () => void;
  onOpen: () => void;
  /** A `.landfall` file refused because its plan name is taken: ask for another name. */
  importAs?: { path: string; name: string } | null;
  /** The file was imported under the name given (a summary), or the question dismissed (null). */
  onImported?: (summary: PlanSummary | null) => void;
  onSaveCopy: () => void;
  onWorkshop: () => void;
  /** A blank plan was created: the user goes on to its products. */
  onCreated: (summary: PlanSummary) => void;
}

type NameAction = "example" | "duplicate" | "rename" | "import";

export function PlansView({
  selected,
  onSelect,
  startNew = false,
  onStarted,
  onOpen,
  importAs = null,
  onImported,
  onSaveCopy,
  onWorkshop,
  onCreated,
}: Props) {
  const { t, locale } = useI18n();
  const [generation, setGeneration] = useState(0);
  const plans = useLoad(api.listPlans, generation);
  const info = useLoad(api.appInfo, "info");
  const examples = info.state === "ready" ? info.value.examples : [];
  const [example, setExample] = useState<string | null>(null);
  // The first example (the one a new database starts with) until the user picks another.
  const chosenExample = example ?? examples[0]?.id ?? "";
  const [creating, setCreating] = useState(startNew);
  const [action, setAction] = useState<NameAction | null>(importAs ? "import" : null);
  const [name, setName] = useState(importAs?.name ?? "");
  const [guide, setGuide] = useState(() => !guideHidden());
  useEffect(() => {
    if (startNew) onStarted?.();
  }, [startNew, onStarted]);
  const [deleted, setDeleted] = useState<PlanSummary | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const current = plans.state === "ready" ? plans.value.find((plan) => plan.id === selected) : undefined;
  const done = (summary: PlanSummary | null) => {
    setAction(null);
    setError(null);
    setGeneration((n) => n + 1);
    onSelect(summary ? summary.id : null);
  };
  const failed = (failure: unknown) => setError(asApiError(failure));
  const start = (next: NameAction) => {
    setCreating(false);
    setAction(next);
    setError(null);
    setName(next === "example" ? "" : next === "duplicate" ? t("plans.copyOf", { name: current?.name ?? "" }) : current?.name ?? "");
  };
  const startBlank = () => {
    setAction(null);
    setError(null);
    setCreating(true);
  };
  const submit = () => {
    if (action === "example") api.newPlanFromExample(chosenExample, name).then(done, failed);
    else if (action === "duplicate" && selected !== null) api.duplicatePlan(selected, name).then(done, failed);
    else if (action === "rename" && selected !== null) api.renamePlan(selected, name).then(done, failed);
    else if (action === "import" && importAs)
      api.importPortable(importAs.path, name).then((summary) => {
        done(summary);
        onImported?.(summary);
      }, failed);
  };
  const cancel = () => {
    if (action === "import") onImported?.(null);
    setAction(null);
  };
  const remove = () => {
    if (!current) return;
    api.deletePlan(current.id).then(() => {
      setDeleted(current);
      done(null);
    }, failed);
  };
  const undo = () => {
    if (!deleted) return;
    api.undoDelete(deleted.id).then((restored) => {
      setDeleted(null);
      done(restored);
    }, failed);
  };

  // Open the first plan when none is chosen, so a new user sees the seeded example at once.
  const first = plans.state === "ready" ? plans.value[0]?.id : undefined;
  useEffect(() => {
    if (selected === null && first !== undefined) onSelect(first);
  }, [selected, first, onSelect]);

  const empty = plans.state === "ready" && plans.value.length === 0;
  return (
    <div className="plans">
      {(guide || empty) && (
        <FirstRunGuide
          onBlank={startBlank}
          onExample={() => start("example")}
          onHide={
            empty
              ? undefined
              : () => {
                  hideGuide(true);
                  setGuide(false);
                }
          }
        />
      )}
      {creating && (
        <NewPlanForm
          onCreated={(summary) => {
            setCreating(false);
            done(summary);
            onCreated(summary);
          }}
          onCancel={() => setCreating(false)}
        />
      )}
      <section className="plan-list" aria-labelledby="plans-title">
        <h1 id="plans-title">{t("plans.title")}</h1>
        <div className="toolbar">
          <button type="button" className="chip" data-action="new" onClick={startBlank}>
            {t("plans.new")}
          </button>
          <button type="button" className="chip" data-action="new-example" onClick={() => start("example")}>
            {t("plans.newExample")}
          </button>
          <button type="button" className="chip" data-action="open" onClick={onOpen}>
            {t("plans.open")}
          </button>
          {current && (
            <>
              <button type="button" className="chip" data-action="duplicate" onClick={() => start("duplicate")}>
                {t("plans.duplicate")}
              </button>
              <button type="button" className="chip" data-action="rename" onClick={() => start("rename")}>
                {t("plans.rename")}
              </button>
              <button type="button" className="chip" data-action="save-copy" onClick={onSaveCopy}>
                {t("plans.saveCopy")}
              </button>
              <button type="button" className="chip" data-action="workshop" onClick={onWorkshop}>
                {t("plans.workshop")}
              </button>
              <button type="button" className="chip danger" data-action="delete" onClick={remove}>
                {t("plans.delete")}
              </button>
            </>
          )}
        </div>
        {action && (
          <form
            className="name-form"
            onSubmit={(event) => {
              event.preventDefault();
              submit();
            }}
          >
            {action === "example" && (
              <label>
                {t("plans.exampleChoice")}
                <select
                  value={chosenExample}
                  data-testid="example-choice"
                  onChange={(event) => setExample(event.target.value)}
                >
                  {examples.map((option) => (
                    <option key={option.id} value={option.id}>
                      {option.title[locale]}
                    </option>
                  ))}
                </select>
              </label>
            )}
            {action === "example" && <p className="muted">{t("plans.exampleHint")}</p>}
            <label>
              {t(`plans.nameFor.${action}` as MessageKey)}
              <input autoFocus value={name} data-testid="plan-name-input" onChange={(event) => setName(event.target.value)} />
            </label>
            <button type="submit" className="primary">
              {t("plans.ok")}
            </button>
            <button type="button" className="chip" onClick={cancel}>
              {t("plans.cancel")}
            </button>
          </form>
        )}
        {error && <ErrorLine error={error} />}
        {deleted && (
          <p className="warning" role="status" data-testid="deleted">
            {t("plans.deleted", { name: deleted.name })}{" "}
            <button type="button" className="chip" data-action="undo" onClick={undo}>
              {t("plans.undo")}
            </button>
          </p>
        )}
        {plans.state === "loading" && <p>{t("common.loading")}</p>}
        {plans.state === "failed" && <ErrorLine error={plans.error} />}
        {empty && <p>{t("plans.empty")}</p>}
        {!guide && !empty && (
          <button
            type="button"
            className="link"
            data-action="show-guide"
            onClick={() => {
              hideGuide(false);
              setGuide(true);
            }}
          >
            {t("guide.show")}
          </button>
        )}
        {plans.state === "ready" && (
          <ul>
            {plans.value.map((plan) => (
              <li key={plan.id}>
                <button
                  type="button"
                  className={plan.id === selected ? "plan-item active" : "plan-item"}
                  onClick={() => onSelect(plan.id)}
                >
                  <span className="plan-name">{plan.name}</span>
                  <span className="muted">
                    {t("plans.updated", { date: new Date(plan.updated_at).toLocaleDateString(locale) })}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="plan-detail">
        {selected === null ? <p className="muted">{t("plans.select")}</p> : <PlanDetailView id={selected} version={generation} />}
      </section>
    </div>
  );
}

/** `version` changes after every edit of the plan list, so a renamed plan is read again. */
function PlanDetailView({ id, version }: { id: number; version: number }) {
  const { t, locale } = useI18n();
  const detail = useLoad(() => api.getPlan(id), `${id}:${version}`);
  if (detail.state === "loading") return <p>{t("common.loading")}</p>;
  if (detail.state === "failed") return <ErrorLine error={detail.error} />;
  const plan: Plan = detail.value.plan;
  return (
    <article>
      <h2 data-testid="plan-title">{plan.plan.name}</h2>
      <dl className="facts">
        <dt>{t("plans.asOf")}</dt>
        <dd>{formatDate(plan.plan.as_of, locale)}</dd>
        <dt>{t("plans.homeCurrency")}</dt>
        <dd>{plan.plan.home_currency}</dd>
      </dl>
      <h3>{t("plans.seller")}</h3>
      <dl className="facts">
        <dt>{t("plans.sellerCountry")}</dt>
        <dd>{plan.seller.country}</dd>
        <dt>{t("plans.sellerEntity")}</dt>
        <dd>{t(`label.${plan.seller.entity}` as MessageKey)}</dd>
        {plan.seller.capital && (
          <>
            <dt>{t("plans.sellerCapital")}</dt>
            <dd>{formatMoney(plan.seller.capital, locale)}</dd>
          </>
        )}
      </dl>
      <h3>{t("plans.targets")}</h3>
      <div className="table-scroll">
        <table data-testid="targets">
          <thead>
            <tr>
              <TargetColumns />
            </tr>
          </thead>
          <tbody>
            {(plan.targets ?? []).map((target, index) => (
              <tr key={index}>
                <td>{t(`label.${target.marketplace}` as MessageKey)}</td>
                <td>{t(`label.${target.fulfilment}` as MessageKey)}</td>
                <td>{t(`label.${target.channel}` as MessageKey)}</td>
                <td className="num">{target.monthly_units ?? "–"}</td>
                <td className="num">{target.monthly_sales ? formatMoney(target.monthly_sales, locale) : "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>{t("plans.products")}</h3>
      <div className="table-scroll">
        <table data-testid="products">
          <thead>
            <tr>
              <th>{t("plans.sku")}</th>
              <th>{t("plans.productName")}</th>
              <th>{t("plans.hsCode")}</th>
              <th>{t("plans.flags")}</th>
            </tr>
          </thead>
          <tbody>
            {(plan.products ?? []).map((product) => (
              <tr key={product.sku}>
                <td>{product.sku}</td>
                <td>{product.name}</td>
                <td>{product.hs_code ?? "–"}</td>
                <td>{(product.flags ?? []).map((flag) => t(`flag.${flag}` as MessageKey)).join(", ") || t("common.none")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </article>
  );
}
