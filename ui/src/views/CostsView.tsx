import { useState, type ReactNode } from "react";
import type { Explanation, PlanDetail, UnitEconomics } from "../bindings";
import { api } from "../lib/api";
import { formatDate, useI18n, type MessageKey } from "../lib/i18n";
import { inputAttributes, inputRef } from "../lib/inputs";
import { formatAmount, formatPercent, formatRate } from "../lib/money";
import { figure, figureRows, isStale, waterfallSteps } from "../lib/quote";
import { fieldValue } from "../lib/productForm";
import { useUndo } from "../lib/undo";
import { useLoad } from "../lib/useLoad";
import { useProductSave } from "../lib/useProductSave";
import { CommitInput } from "./CommitInput";
import { ErrorLine } from "./ErrorLine";
import { MarketInputs } from "./MarketInputs";
import { MissingInputs } from "./MissingInputs";
import { NoPlan } from "./NoPlan";
import { PackageInputs } from "./ProductEditor";
import { ManualRateForm, RatesUpdate } from "./RatesControls";
import { RateWarnings } from "./RateWarnings";
import { Waterfall } from "./Waterfall";

export function CostsView({ planId }: { planId: number | null }) {
  if (planId === null) return <NoPlan title="nav.costs" />;
  return <CostsForPlan planId={planId} />;
}

function CostsForPlan({ planId }: { planId: number }) {
  const { t, locale } = useI18n();
  const [version, setVersion] = useState(0);
  const [typing, setTyping] = useState(false);
  const { revision } = useUndo();
  const key = `${planId}:${version}:${revision}`;
  const quote = useLoad(() => api.quotePlan(planId), key, planId);
  const detail = useLoad(() => api.getPlan(planId), key, planId);
  const reload = () => setVersion((n) => n + 1);
  if (quote.state === "loading") return <p>{t("common.loading")}</p>;
  if (quote.state === "failed") return <ErrorLine error={quote.error} />;
  const { quote: result, rates, rate_warnings: warnings } = quote.value;
  const plan = detail.state === "ready" ? detail.value : null;
  const currencies = plan
    ? [...new Set([...Object.values(plan.currencies), plan.plan.plan.home_currency])].filter((code) => code !== "EUR").sort()
    : [];
  return (
    <section>
      <h1>{t("module.comingTitle", { module: t("nav.costs"), plan: result.plan })}</h1>
      <p className="lead">{t("module.costs.lead")}</p>
      <p className="rates-status" data-testid="rates-status">
        {t(`costs.rates.${rates.kind}`, { date: formatDate(rates.date, locale) })}{" "}
        <RatesUpdate compact onUpdated={reload} />{" "}
        <button type="button" className="chip" data-action="type-rate" aria-expanded={typing} onClick={() => setTyping((on) => !on)}>
          {t("rates.manualOpen")}
        </button>
      </p>
      {typing && plan && (
        <ManualRateForm
          currencies={currencies}
          defaultDate={result.as_of}
          defaultCurrency={currencies.find((code) => (plan.plan.targets ?? []).some((target) => plan.currencies[target.marketplace] === code))}
          onSaved={() => {
            setTyping(false);
            reload();
          }}
        />
      )}
      <RateWarnings warnings={warnings} />
      {result.items.length === 0 && <p className="muted">{t("costs.empty")}</p>}
      {result.items.map((item) => (
        <ItemCard key={`${item.sku}-${item.marketplace}`} item={item} asOf={result.as_of} detail={plan}>
          {plan && <CostInputs planId={planId} detail={plan} item={item} onSaved={reload} />}
        </ItemCard>
      ))}
    </section>
  );
}

/**
 * The inputs of one product × marketplace, typed beside the figures they drive: the marketplace's
 * (price, category, freight, FBA fee, duty rate) and the product's own (purchase cost, package).
 */
function CostInputs({ planId, detail, item, onSaved }: { planId: number; detail: PlanDetail; item: UnitEconomics; onSaved: () => void }) {
  const { t } = useI18n();
  const save = useProductSave(planId, detail, onSaved);
  const product = detail.plan.products?.find((candidate) => candidate.sku === item.sku);
  if (!product) return null;
  const typed = (product.overrides ?? []).some((entry) => entry.marketplace === item.marketplace);
  const errors = save.errors[product.sku] ?? {};
  const home = product.unit_cost?.currency ?? detail.plan.plan.home_currency;
  const label = t("products.unitCostIn", { currency: home });
  return (
    <details className="overrides" open={typed || item.missing.length > 0}>
      <summary>{t("costs.inputs")}</summary>
      <MarketInputs product={product} marketplace={item.marketplace} detail={detail} save={save} />
      <div className="input-grid">
        <label className="input">
          <span>{label}</span>
          <CommitInput
            label={`${label} ${product.sku}`}
            field="unit_cost"
            value={fieldValue(product, "unit_cost")}
            error={errors.unit_cost}
            numeric
            size={10}
            attributes={inputAttributes(inputRef("unit-cost", product.sku))}
            onCommit={(value) => save.commit(product, "unit_cost", value)}
          />
        </label>
      </div>
      <PackageInputs product={product} save={save} />
      <p className="muted">{t("costs.override.lead")}</p>
      {save.other && <ErrorLine error={save.other} />}
    </details>
  );
}

interface CardProps {
  item: UnitEconomics;
  asOf: string;
  detail: PlanDetail | null;
  children?: ReactNode;
}

function ItemCard({ item, asOf, detail, children }: CardProps) {
  const { t, locale } = useI18n();
  const money = (value: string | null) => (value === null ? "–" : formatAmount(value, item.currency, locale));
  const netPrice = figure(item, "net_price");
  const marketName = detail?.markets[item.marketplace]?.name ?? t(`label.${item.marketplace}` as MessageKey);
  const productName = detail?.plan.products?.find((product) => product.sku === item.sku)?.name ?? item.sku;
  return (
    <article className="card" data-testid={`quote-${item.sku}-${item.marketplace}`}>
      <h2>
        {productName} · {marketName} <span className="muted">({item.sku}, {item.currency})</span>
      </h2>
      <MissingInputs missing={item.missing} sku={item.sku} marketplace={item.marketplace} marketplaceName={marketName} />
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
        <p className="muted" data-testid="fx-used">
          {t("costs.fx")}{" "}
          {item.fx
            .map(
              (rate) =>
                `1 ${rate.from} = ${formatRate(rate.rate, locale)} ${rate.to} (${formatDate(rate.date, locale)}${rate.source.kind === "manual" ? `, ${t("rates.typed")}` : ""})`,
            )
            .join("; ")}
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
            <cite title={provenance.source.url}>{provenance.source.title}</cite>
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
