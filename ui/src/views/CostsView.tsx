import { useState, type ReactNode } from "react";
import type { ApiError, Explanation, PlanDetail, UnitEconomics } from "../bindings";
import { api, asApiError } from "../lib/api";
import { formatDate, useI18n, type MessageKey } from "../lib/i18n";
import { formatAmount, formatPercent } from "../lib/money";
import { figure, figureRows, isStale, waterfallSteps } from "../lib/quote";
import { checkField, fieldValue, problemsByField, withField, type Field } from "../lib/productForm";
import { useUndo } from "../lib/undo";
import { useLoad } from "../lib/useLoad";
import { EditableCell } from "./EditableCell";
import { ErrorLine } from "./ErrorLine";
import { NoPlan } from "./NoPlan";
import { RateWarnings } from "./RateWarnings";
import { Waterfall } from "./Waterfall";

export function CostsView({ planId }: { planId: number | null }) {
  if (planId === null) return <NoPlan title="nav.costs" />;
  return <CostsForPlan planId={planId} />;
}

function CostsForPlan({ planId }: { planId: number }) {
  const { t } = useI18n();
  const [version, setVersion] = useState(0);
  const [refreshing, setRefreshing] = useState(false);
  const [ratesError, setRatesError] = useState<ApiError | null>(null);
  const { revision } = useUndo();
  const key = `${planId}:${version}:${revision}`;
  const quote = useLoad(() => api.quotePlan(planId), key, planId);
  const detail = useLoad(() => api.getPlan(planId), key, planId);
  if (quote.state === "loading") return <p>{t("common.loading")}</p>;
  if (quote.state === "failed") return <ErrorLine error={quote.error} />;
  const { quote: result, rates, rate_warnings: warnings } = quote.value;
  return (
    <section>
      <h1>{t("module.comingTitle", { module: t("nav.costs"), plan: result.plan })}</h1>
      <p className="lead">{t("module.costs.lead")}</p>
      <p className="rates-status" data-testid="rates-status">
        {t(`costs.rates.${rates.kind}`, { date: rates.date })}{" "}
        <button
          type="button"
          className="chip"
          data-action="refresh-rates"
          disabled={refreshing}
          onClick={() => {
            setRefreshing(true);
            api.updateRates().then(
              () => {
                setRefreshing(false);
                setRatesError(null);
                setVersion((n) => n + 1);
              },
              (failure: unknown) => {
                setRefreshing(false);
                setRatesError(asApiError(failure));
              },
            );
          }}
        >
          {refreshing ? t("costs.refreshing") : t("costs.refreshRates")}
        </button>
      </p>
      {ratesError && <ErrorLine error={ratesError} />}
      <RateWarnings warnings={warnings} />
      {result.items.length === 0 && <p className="muted">{t("costs.empty")}</p>}
      {result.items.map((item) => (
        <ItemCard key={`${item.sku}-${item.marketplace}`} item={item} asOf={result.as_of}>
          {detail.state === "ready" && (
            <Overrides planId={planId} detail={detail.value} item={item} onSaved={() => setVersion((n) => n + 1)} />
          )}
        </ItemCard>
      ))}
    </section>
  );
}

/**
 * The user's own figures for one product × marketplace, typed where they are used and marked in
 * the workings as overrides: the FBA fee from Amazon's calculator and the duty rate from the tariff.
 */
function Overrides({ planId, detail, item, onSaved }: { planId: number; detail: PlanDetail; item: UnitEconomics; onSaved: () => void }) {
  const plan = detail.plan;
  const { t, locale } = useI18n();
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const { record } = useUndo();
  const product = plan.products?.find((candidate) => candidate.sku === item.sku);
  const target = plan.targets?.find((candidate) => candidate.marketplace === item.marketplace);
  if (!product || !target) return null;
  const fields: { field: Field; label: string }[] = [
    ...(target.fulfilment === "fba"
      ? [{ field: `fulfilment_fee:${item.marketplace}` as Field, label: t("costs.override.fee", { currency: item.currency }) }]
      : []),
    { field: `duty_rate:${item.marketplace}` as Field, label: t("costs.override.duty") },
  ];
  const commit = (field: Field, value: string) => {
    const problem = checkField(field, value);
    if (problem) {
      setErrors({ [field]: t(`products.invalid.${problem}` as MessageKey) });
      return;
    }
    const changed = withField(product, field, value, {
      unitCost: product.unit_cost?.currency ?? plan.plan.home_currency,
      marketplaces: detail.currencies,
    });
    api.saveProduct(planId, product.sku, changed).then(
      () => {
        record({ kind: "product", planId, before: product, after: changed });
        setErrors({});
        setError(null);
        onSaved();
      },
      (failure: unknown) => {
        const apiError = asApiError(failure);
        const mapped = problemsByField(changed, apiError.problems ?? [], locale);
        setErrors(mapped.fields);
        setError(mapped.other.length > 0 ? apiError : null);
      },
    );
  };
  return (
    <details className="overrides" open={fields.some(({ field }) => fieldValue(product, field) !== "")}>
      <summary>{t("costs.override.title")}</summary>
      <table>
        <tbody>
          {fields.map(({ field, label }) => (
            <tr key={field}>
              <th scope="row">
                {label}
                {fieldValue(product, field) !== "" && <span className="badge override">{t("costs.overridden")}</span>}
              </th>
              <EditableCell
                key={`${field}:${fieldValue(product, field)}`}
                label={`${label} ${item.sku}`}
                field={field}
                value={fieldValue(product, field)}
                error={errors[field]}
                numeric
                onCommit={(value) => commit(field, value)}
              />
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">{t("costs.override.lead")}</p>
      {error && <ErrorLine error={error} />}
    </details>
  );
}

function ItemCard({ item, asOf, children }: { item: UnitEconomics; asOf: string; children?: ReactNode }) {
  const { t, locale } = useI18n();
  const money = (value: string | null) => (value === null ? "–" : formatAmount(value, item.currency, locale));
  const netPrice = figure(item, "net_price");
  return (
    <article className="card" data-testid={`quote-${item.sku}-${item.marketplace}`}>
      <h2>
        {item.sku} · {item.marketplace} <span className="muted">({item.currency})</span>
      </h2>
      {item.missing.length > 0 && (
        <div className="missing" role="status">
          <h3>{t("costs.missing")}</h3>
          <ul>
            {item.missing.map((missing, index) => (
              <li key={index}>
                <code>{missing.field}</code>: {missing.message[locale]}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="card-grid">
        <table className="figures">
          <tbody>
            {figureRows.map((row) => (
              <tr key={row.key} className={row.key === "margin" ? "total" : undefined}>
                <th scope="row">{t(row.label)}</th>
                <td className="num" data-figure={row.key}>
                  {money(figure(item, row.key))}
                </td>
              </tr>
            ))}
            <tr>
              <th scope="row">{t("costs.marginRate")}</th>
              <td className="num" data-figure="margin_rate">
                {item.margin_rate === null ? "–" : formatPercent(item.margin_rate, locale)}
              </td>
            </tr>
            <tr>
              <th scope="row">{t("costs.importTaxes")}</th>
              <td className="num muted">{money(figure(item, "import_taxes"))}</td>
            </tr>
          </tbody>
        </table>
        {netPrice !== null && (
          <Waterfall
            title={t("costs.waterfall")}
            start={{ label: t("costs.netPriceShort"), amount: netPrice }}
            steps={waterfallSteps(item, t)}
            endLabel={item.margin === null ? t("costs.marginPartial") : t("costs.margin")}
            currency={item.currency}
          />
        )}
      </div>
      {children}
      {item.fx.length > 0 && (
        <p className="muted">
          {t("costs.fx")}{" "}
          {item.fx.map((rate) => `1 ${rate.from} = ${rate.rate} ${rate.to} (${rate.date})`).join("; ")}
        </p>
      )}
      <details className="workings">
        <summary>{t("costs.workings")}</summary>
        <table>
          <thead>
            <tr>
              <th>{t("costs.step")}</th>
              <th>{t("costs.formula")}</th>
              <th>{t("costs.source")}</th>
            </tr>
          </thead>
          <tbody>
            {item.explain.map((step, index) => (
              <Working key={index} step={step} asOf={asOf} />
            ))}
          </tbody>
        </table>
      </details>
    </article>
  );
}

function Working({ step, asOf }: { step: Explanation; asOf: string }) {
  const { t, locale } = useI18n();
  const provenance = step.rule?.provenance;
  return (
    <tr>
      <td>
        {step.label[locale]}
        {step.overridden && <span className="badge override">{t("costs.overridden")}</span>}
      </td>
      <td>
        <code>{step.formula[locale]}</code>
      </td>
      <td>
        {provenance ? (
          <>
            <span title={provenance.source.url}>{provenance.source.title}</span>
            <span className="muted">
              {" "}
              · {t("costs.since", { date: formatDate(provenance.effective_from, locale) })} ·{" "}
              {t(`costs.confidence.${provenance.confidence}`)}
            </span>
            {isStale(provenance, asOf) && <span className="badge stale">{t("costs.stale")}</span>}
          </>
        ) : (
          <span className="muted">{t("costs.userInput")}</span>
        )}
      </td>
    </tr>
  );
}
