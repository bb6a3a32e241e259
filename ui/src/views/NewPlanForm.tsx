import { useState } from "react";
import type { ApiError, Channel, Entity, Fulfilment, Marketplace, PlanSummary, Target } from "../bindings";
import { api, asApiError } from "../lib/api";
import { useI18n, type MessageKey } from "../lib/i18n";
import { parseAmount } from "../lib/money";
import { problemLine } from "../lib/problems";
import { useLoad } from "../lib/useLoad";
import { ErrorLine } from "./ErrorLine";
import { LabelSelect } from "./LabelSelect";
import { channels, entities, fulfilments, homeCurrencies, marketplaces } from "../lib/planOptions";
import { TargetColumns } from "./TargetColumns";

/** One marketplace row of the form, as typed. */
interface Row {
  chosen: boolean;
  fulfilment: Fulfilment;
  channel: Channel;
  units: string;
  sales: string;
  currency: string;
}

/**
 * "New plan": a blank plan from who sells and where. The target marketplaces are chosen from the
 * list (several at once), each with its fulfilment, customers, expected units and sales per month.
 */
export function NewPlanForm({ onCreated, onCancel }: { onCreated: (summary: PlanSummary) => void; onCancel: () => void }) {
  const { t, locale } = useI18n();
  // The marketplaces' names and currencies come with any plan; before the first one, the labels do.
  const [name, setName] = useState("");
  const [home, setHome] = useState("EUR");
  const [country, setCountry] = useState("FR");
  const [entity, setEntity] = useState<Entity>("company");
  const currencies = useLoad(api.marketplaceCurrencies, "currencies");
  const currencyOf = (marketplace: Marketplace) => (currencies.state === "ready" ? (currencies.value[marketplace] ?? "") : "");
  const [rows, setRows] = useState<Record<Marketplace, Row>>(
    () =>
      Object.fromEntries(
        marketplaces.map((marketplace) => [
          marketplace,
          { chosen: false, fulfilment: "fba", channel: "b2c", units: "", sales: "", currency: "" },
        ]),
      ) as Record<Marketplace, Row>,
  );
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const setRow = (marketplace: Marketplace, change: Partial<Row>) => setRows((all) => ({ ...all, [marketplace]: { ...all[marketplace], ...change } }));
  const chosen = marketplaces.filter((marketplace) => rows[marketplace].chosen);

  const submit = () => {
    const local: Record<string, string> = {};
    const targets: Target[] = chosen.map((marketplace) => {
      const row = rows[marketplace];
      const units = row.units.trim();
      const sales = row.sales.trim();
      if (units !== "" && !/^\d{1,9}$/.test(units)) local[`${marketplace}.units`] = t("products.unitsInvalid");
      const amount = sales === "" ? null : parseAmount(sales);
      if (sales !== "" && (amount === null || amount.startsWith("-"))) local[`${marketplace}.sales`] = t("products.salesInvalid");
      return {
        marketplace,
        fulfilment: row.fulfilment,
        channel: row.channel,
        monthly_units: units === "" ? null : Number.parseInt(units, 10),
        monthly_sales: amount === null ? null : { amount, currency: row.currency || currencyOf(marketplace) || home },
      };
    });
    setProblems(local);
    if (Object.keys(local).length > 0) return;
    api.newPlan({ name, home_currency: home, seller: { country: country.trim().toUpperCase(), entity, capital: null }, targets }).then(
      (summary) => onCreated(summary),
      (failure: unknown) => {
        const refused = asApiError(failure);
        // `targets[1].monthly_sales.amount` → the row of the second chosen marketplace.
        const placed: Record<string, string> = {};
        const rest = [];
        for (const problem of refused.problems ?? []) {
          const target = /^targets\[(\d+)\]\.(monthly_units|monthly_sales)/.exec(problem.field);
          if (target) placed[`${chosen[Number(target[1])]}.${target[2] === "monthly_units" ? "units" : "sales"}`] = problem.message[locale];
          else if (problem.field === "plan.name") placed.name = problem.message[locale];
          else if (problem.field.startsWith("seller.country")) placed.country = problem.message[locale];
          else rest.push(problemLine(problem, locale));
        }
        setProblems(placed);
        if (rest.length > 0) setError({ code: refused.code, message: rest.join("\n") });
        else setError(Object.keys(placed).length === 0 ? refused : null);
      },
    );
  };

  const fieldError = (key: string) =>
    problems[key] && (
      <span className="field-error" role="alert">
        {problems[key]}
      </span>
    );
  return (
    <form
      className="card new-plan"
      data-testid="new-plan"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <h2>{t("newPlan.title")}</h2>
      <div className="input-grid">
        <label className="input wide">
          <span>{t("plans.nameFor.example")}</span>
          <input autoFocus data-field="name" value={name} onChange={(event) => setName(event.target.value)} />
          {fieldError("name")}
        </label>
        <label className="input">
          <span>{t("plans.homeCurrency")}</span>
          <select data-field="home_currency" value={home} onChange={(event) => setHome(event.target.value)}>
            {homeCurrencies.map((code) => (
              <option key={code}>{code}</option>
            ))}
          </select>
        </label>
        <label className="input">
          <span>{t("newPlan.country")}</span>
          <input data-field="seller_country" size={3} maxLength={2} value={country} onChange={(event) => setCountry(event.target.value)} />
          {fieldError("country")}
        </label>
        <label className="input">
          <span>{t("plans.sellerEntity")}</span>
          <LabelSelect label={t("plans.sellerEntity")} value={entity} options={entities} onChange={setEntity} />
        </label>
      </div>
      <h3>{t("newPlan.where")}</h3>
      <p className="muted small">{t("newPlan.whereLead")}</p>
      <div className="table-scroll">
        <table className="targets-choice">
          <thead>
            <tr>
              <TargetColumns />
            </tr>
          </thead>
          <tbody>
            {marketplaces.map((marketplace) => {
              const row = rows[marketplace];
              const currency = row.currency || currencyOf(marketplace) || home;
              return (
                <tr key={marketplace} data-marketplace={marketplace} className={row.chosen ? undefined : "muted"}>
                  <td>
                    <label className="check">
                      <input type="checkbox" data-field="chosen" checked={row.chosen} onChange={(event) => setRow(marketplace, { chosen: event.target.checked })} />
                      {t(`label.${marketplace}` as MessageKey)}
                    </label>
                  </td>
                  <td>
                    <LabelSelect label={t("plans.fulfilment")} field="fulfilment" value={row.fulfilment} options={fulfilments} onChange={(fulfilment) => setRow(marketplace, { fulfilment })} />
                  </td>
                  <td>
                    <LabelSelect label={t("plans.channel")} field="channel" value={row.channel} options={channels} onChange={(channel) => setRow(marketplace, { channel })} />
                  </td>
                  <td className="num">
                    <input aria-label={t("plans.monthlyUnits")} data-field="monthly_units" inputMode="numeric" size={6} value={row.units} onChange={(event) => setRow(marketplace, { units: event.target.value, chosen: true })} />
                    {fieldError(`${marketplace}.units`)}
                  </td>
                  <td className="num">
                    <span className="amount-input">
                      <input aria-label={t("plans.monthlySales")} data-field="monthly_sales" inputMode="decimal" size={9} value={row.sales} onChange={(event) => setRow(marketplace, { sales: event.target.value, chosen: true })} />
                      <select aria-label={t("plans.salesCurrency")} data-field="sales_currency" value={currency} onChange={(event) => setRow(marketplace, { currency: event.target.value })}>
                        {[...new Set([currency, home, ...homeCurrencies])].map((code) => (
                          <option key={code}>{code}</option>
                        ))}
                      </select>
                    </span>
                    {fieldError(`${marketplace}.sales`)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {error && <ErrorLine error={error} />}
      <div className="toolbar">
        <button type="submit" className="primary" data-action="create-plan">
          {t("newPlan.create")}
        </button>
        <button type="button" className="chip" onClick={onCancel}>
          {t("plans.cancel")}
        </button>
      </div>
    </form>
  );
}
