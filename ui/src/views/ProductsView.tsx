import { useState } from "react";
import type { ApiError, Entity, Fulfilment, Channel, Marketplace, Plan, PlanDetail, Product, Profile, Target, UnitEconomics } from "../bindings";
import { api, asApiError } from "../lib/api";
import { useI18n, type MessageKey } from "../lib/i18n";
import { formatAmount } from "../lib/money";
import { checkField, fieldValue, problemsByField, withField, type Field, type FieldErrors } from "../lib/productForm";
import { useUndo } from "../lib/undo";
import { useLoad } from "../lib/useLoad";
import { CatalogueImport } from "./CatalogueImport";
import { ErrorLine } from "./ErrorLine";
import { EditableCell } from "./EditableCell";
import { LabelSelect } from "./LabelSelect";
import { NoPlan } from "./NoPlan";
import { Questionnaire } from "./Questionnaire";

const marketplaces: Marketplace[] = ["amazon-jp", "amazon-us", "amazon-de", "amazon-fr", "amazon-uk"];
const fulfilments: Fulfilment[] = ["fba", "mfn", "local-3pl"];
const channels: Channel[] = ["b2c", "b2b", "both"];
const entities: Entity[] = ["company", "sole-trader"];
export const homeCurrencies = ["EUR", "CHF", "GBP", "USD", "JPY", "CAD", "SEK", "DKK", "PLN", "CZK"];

export function ProductsView({ planId }: { planId: number | null }) {
  if (planId === null) return <NoPlan title="nav.products" />;
  return <ProductsForPlan planId={planId} />;
}

/** Every edit is saved at once; the plan and its figures are then read again (`version`). */
function ProductsForPlan({ planId }: { planId: number }) {
  const { t } = useI18n();
  const [version, setVersion] = useState(0);
  const { revision } = useUndo();
  const key = `${planId}:${version}:${revision}`;
  const detail = useLoad(() => api.getPlan(planId), key, planId);
  const quote = useLoad(() => api.quoteFigures(planId), key, planId);
  const [editing, setEditing] = useState<Product | "new" | null>(null);
  const saved = () => setVersion((n) => n + 1);

  if (detail.state === "loading") return <p>{t("common.loading")}</p>;
  if (detail.state === "failed") return <ErrorLine error={detail.error} />;
  const plan = detail.value.plan;
  const items = quote.state === "ready" ? quote.value.quote.items : [];
  return (
    <section className="products-view">
      <h1>{t("products.title", { plan: plan.plan.name })}</h1>
      <p className="lead">{t("products.lead")}</p>
      <ProfileForm planId={planId} plan={plan} onSaved={saved} />
      <div className="toolbar">
        <h2>{t("plans.products")}</h2>
        <button type="button" className="primary" data-action="add-product" onClick={() => setEditing("new")}>
          {t("products.add")}
        </button>
      </div>
      {editing !== null && (
        <Questionnaire
          planId={planId}
          plan={plan}
          currencies={detail.value.currencies}
          product={editing === "new" ? null : editing}
          onDone={(changed) => {
            setEditing(null);
            if (changed) saved();
          }}
        />
      )}
      <ProductTable
        planId={planId}
        plan={plan}
        currencies={detail.value.currencies}
        hsCodes={detail.value.hs_codes}
        items={items}
        onSaved={saved}
        onEditFlags={setEditing}
      />
      <CatalogueImport planId={planId} onImported={saved} />
    </section>
  );
}

function ProfileForm({ planId, plan, onSaved }: { planId: number; plan: Plan; onSaved: () => void }) {
  const { t } = useI18n();
  const [error, setError] = useState<ApiError | null>(null);
  const { record } = useUndo();
  const profile: Profile = {
    as_of: plan.plan.as_of,
    home_currency: plan.plan.home_currency,
    seller: plan.seller,
    targets: plan.targets ?? [],
  };
  const save = (next: Profile) =>
    api.saveProfile(planId, next).then(
      () => {
        record({ kind: "profile", planId, before: profile, after: next });
        setError(null);
        onSaved();
      },
      (failure: unknown) => setError(asApiError(failure)),
    );
  const setTarget = (index: number, change: Partial<Target>) =>
    save({ ...profile, targets: profile.targets.map((target, i) => (i === index ? { ...target, ...change } : target)) });
  const unused = marketplaces.find((marketplace) => !profile.targets.some((target) => target.marketplace === marketplace));

  return (
    <fieldset className="profile" data-testid="profile">
      <legend>{t("products.profile")}</legend>
      <div className="form-row">
        <label>
          {t("plans.asOf")}
          <input
            type="date"
            value={profile.as_of}
            onChange={(event) => event.target.value && save({ ...profile, as_of: event.target.value })}
          />
        </label>
        <label>
          {t("plans.homeCurrency")}
          <select value={profile.home_currency} onChange={(event) => save({ ...profile, home_currency: event.target.value })}>
            {[...new Set([profile.home_currency, ...homeCurrencies])].map((code) => (
              <option key={code}>{code}</option>
            ))}
          </select>
        </label>
        <label>
          {t("plans.sellerCountry")}
          <input
            size={3}
            maxLength={2}
            defaultValue={profile.seller.country}
            onBlur={(event) => {
              const country = event.target.value.trim().toUpperCase();
              if (country !== profile.seller.country) save({ ...profile, seller: { ...profile.seller, country } });
            }}
          />
        </label>
        <label>
          {t("plans.sellerEntity")}
          <LabelSelect
            label={t("plans.sellerEntity")}
            value={profile.seller.entity}
            options={entities}
            onChange={(entity) => save({ ...profile, seller: { ...profile.seller, entity } })}
          />
        </label>
      </div>
      <div className="table-scroll">
        <table data-testid="targets">
          <thead>
            <tr>
              <th>{t("plans.marketplace")}</th>
              <th>{t("plans.fulfilment")}</th>
              <th>{t("plans.channel")}</th>
              <th className="num">{t("plans.monthlyUnits")}</th>
              <th>
                <span className="visually-hidden">{t("products.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {profile.targets.map((target, index) => (
              <tr key={target.marketplace}>
                <td>{t(`label.${target.marketplace}` as MessageKey)}</td>
                <td>
                  <LabelSelect
                    label={t("plans.fulfilment")}
                    field="fulfilment"
                    value={target.fulfilment}
                    options={fulfilments}
                    onChange={(fulfilment) => setTarget(index, { fulfilment })}
                  />
                </td>
                <td>
                  <LabelSelect
                    label={t("plans.channel")}
                    value={target.channel}
                    options={channels}
                    onChange={(channel) => setTarget(index, { channel })}
                  />
                </td>
                <td className="num">
                  <input
                    aria-label={t("plans.monthlyUnits")}
                    inputMode="numeric"
                    size={6}
                    defaultValue={target.monthly_units ?? ""}
                    onBlur={(event) => {
                      const text = event.target.value.trim();
                      const units = text === "" ? null : Number.parseInt(text, 10);
                      if (units !== null && (!/^\d+$/.test(text) || units > 4_000_000_000)) {
                        setError({ code: "bad-input", message: t("products.unitsInvalid") });
                        return;
                      }
                      if (units !== (target.monthly_units ?? null)) setTarget(index, { monthly_units: units });
                    }}
                  />
                </td>
                <td>
                  <button
                    type="button"
                    className="chip danger"
                    onClick={() => save({ ...profile, targets: profile.targets.filter((_, i) => i !== index) })}
                  >
                    {t("products.removeTarget")}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {unused && (
        <button
          type="button"
          className="chip"
          onClick={() => save({ ...profile, targets: [...profile.targets, { marketplace: unused, fulfilment: "fba", channel: "b2c" }] })}
        >
          {t("products.addTarget", { marketplace: t(`label.${unused}` as MessageKey) })}
        </button>
      )}
      {error && <ErrorLine error={error} />}
    </fieldset>
  );
}

interface TableProps {
  planId: number;
  plan: Plan;
  currencies: PlanDetail["currencies"];
  hsCodes: PlanDetail["hs_codes"];
  items: UnitEconomics[];
  onSaved: () => void;
  onEditFlags: (product: Product) => void;
}

function ProductTable({ planId, plan, currencies, hsCodes, items, onSaved, onEditFlags }: TableProps) {
  const { t, locale } = useI18n();
  const [errors, setErrors] = useState<Record<string, FieldErrors>>({});
  const [other, setOther] = useState<ApiError | null>(null);
  const { record } = useUndo();
  const targets = (plan.targets ?? []).map((target) => target.marketplace);
  const products = plan.products ?? [];

  const commit = (product: Product, field: Field, value: string) => {
    const local = checkField(field, value);
    if (local) {
      setErrors((all) => ({ ...all, [product.sku]: { ...all[product.sku], [field]: t(`products.invalid.${local}` as MessageKey) } }));
      return;
    }
    const changed = withField(product, field, value, {
      unitCost: product.unit_cost?.currency ?? plan.plan.home_currency,
      marketplaces: currencies,
    });
    api.saveProduct(planId, product.sku, changed).then(
      () => {
        record({ kind: "product", planId, before: product, after: changed });
        setErrors((all) => ({ ...all, [product.sku]: {} }));
        setOther(null);
        onSaved();
      },
      (failure: unknown) => {
        const error = asApiError(failure);
        const { fields, other: rest } = problemsByField(changed, error.problems ?? [], locale);
        setErrors((all) => ({ ...all, [product.sku]: fields }));
        setOther(rest.length > 0 || Object.keys(fields).length === 0 ? error : null);
      },
    );
  };
  const remove = (product: Product) =>
    api.deleteProduct(planId, product.sku).then(
      () => {
        record({ kind: "product", planId, before: product, after: null });
        onSaved();
      },
      (failure: unknown) => setOther(asApiError(failure)),
    );

  if (products.length === 0) return <p className="muted">{t("products.none")}</p>;
  return (
    <div className="table-scroll">
      <table className="product-table" data-testid="product-table">
        <thead>
          <tr>
            <th>{t("plans.sku")}</th>
            <th>{t("plans.productName")}</th>
            <th>{t("plans.hsCode")}</th>
            <th className="num">{t("products.unitCost")}</th>
            {targets.map((marketplace) => (
              <th key={marketplace} className="num">
                {t("products.priceOn", { marketplace: t(`label.${marketplace}` as MessageKey) })}
              </th>
            ))}
            {targets.map((marketplace) => (
              <th key={marketplace} className="num">
                {t("products.marginOn", { marketplace: t(`label.${marketplace}` as MessageKey) })}
              </th>
            ))}
            <th>{t("plans.flags")}</th>
            <th>
              <span className="visually-hidden">{t("products.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {products.map((product) => {
            const rowErrors = errors[product.sku] ?? {};
            const cell = (field: Field, label: string, numeric = false, hint?: { text: string; warning: boolean }) => (
              <EditableCell
                key={`${field}:${fieldValue(product, field)}`}
                label={`${label} ${product.sku}`}
                field={field}
                value={fieldValue(product, field)}
                error={rowErrors[field]}
                numeric={numeric}
                hint={hint}
                onCommit={(value) => commit(product, field, value)}
              />
            );
            const hs = product.hs_code ? hsCodes[product.hs_code] : undefined;
            // The HS 2022 description (English in both languages: the nomenclature has no French text here).
            const hsHint = hs
              ? hs.description !== null
                ? { text: hs.description, warning: false }
                : { text: t("products.hsNotFound", { code: hs.dotted }), warning: true }
              : undefined;
            return (
              <tr key={product.sku} data-sku={product.sku}>
                {cell("sku", t("plans.sku"))}
                {cell("name", t("plans.productName"))}
                {cell("hs_code", t("plans.hsCode"), false, hsHint)}
                {cell("unit_cost", t("products.unitCost"), true)}
                {targets.map((marketplace) => cell(`price:${marketplace}`, t("products.priceOn", { marketplace }), true))}
                {targets.map((marketplace) => {
                  const item = items.find((candidate) => candidate.sku === product.sku && candidate.marketplace === marketplace);
                  return (
                    <td key={marketplace} className="num" data-testid={`margin-${product.sku}-${marketplace}`}>
                      {item?.margin ? formatAmount(item.margin, item.currency, locale) : "–"}
                    </td>
                  );
                })}
                <td>
                  {(product.flags ?? []).map((flag) => t(`flag.${flag}` as MessageKey)).join(", ") || t("common.none")}
                </td>
                <td className="actions">
                  <button type="button" className="chip" data-action="edit-flags" onClick={() => onEditFlags(product)}>
                    {t("products.questions")}
                  </button>
                  <button type="button" className="chip danger" data-action="delete-product" onClick={() => remove(product)}>
                    {t("plans.delete")}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {other && <ErrorLine error={other} />}
    </div>
  );
}
