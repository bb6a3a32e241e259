import { useState } from "react";
import type { ApiError, Marketplace, PlanDetail, Product, Profile, Target, UnitEconomics } from "../bindings";
import { api, asApiError } from "../lib/api";
import { requestedSku, useFocus } from "../lib/focus";
import { useI18n, type MessageKey } from "../lib/i18n";
import { inputAttributes, inputRef } from "../lib/inputs";
import { formatAmount, parseAmount } from "../lib/money";
import { channels, entities, fulfilments, homeCurrencies, marketplaces } from "../lib/planOptions";
import { fieldValue, type Field } from "../lib/productForm";
import { useUndo } from "../lib/undo";
import { useLoad } from "../lib/useLoad";
import { useProductSave, type ProductSave } from "../lib/useProductSave";
import { CatalogueImport } from "./CatalogueImport";
import { ErrorLine } from "./ErrorLine";
import { EditableCell } from "./EditableCell";
import { LabelSelect } from "./LabelSelect";
import { NoPlan } from "./NoPlan";
import { ProductEditor } from "./ProductEditor";
import { Questionnaire } from "./Questionnaire";
import { TargetColumns } from "./TargetColumns";

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
  const saved = () => setVersion((n) => n + 1);

  if (detail.state === "loading") return <p>{t("common.loading")}</p>;
  if (detail.state === "failed") return <ErrorLine error={detail.error} />;
  const items = quote.state === "ready" ? quote.value.quote.items : [];
  return <ProductsOfPlan planId={planId} detail={detail.value} items={items} onSaved={saved} />;
}

interface ProductsProps {
  planId: number;
  detail: PlanDetail;
  items: UnitEconomics[];
  onSaved: () => void;
}

function ProductsOfPlan({ planId, detail, items, onSaved }: ProductsProps) {
  const { t } = useI18n();
  const plan = detail.plan;
  const save = useProductSave(planId, detail, onSaved);
  const [questions, setQuestions] = useState<Product | "new" | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  // A "go to the field" for a product's input opens that product's editor first.
  const { request } = useFocus();
  const wanted = requestedSku(request);
  if (wanted !== null && wanted !== open && (plan.products ?? []).some((product) => product.sku === wanted)) setOpen(wanted);
  const editing = (plan.products ?? []).find((product) => product.sku === open);
  return (
    <section className="products-view">
      <h1>{t("products.title", { plan: plan.plan.name })}</h1>
      <p className="lead">{t("products.lead")}</p>
      <ProfileForm planId={planId} detail={detail} onSaved={onSaved} />
      <div className="toolbar">
        <h2>{t("plans.products")}</h2>
        <button type="button" className="primary" data-action="add-product" onClick={() => setQuestions("new")}>
          {t("products.add")}
        </button>
      </div>
      {questions !== null && (
        <Questionnaire
          planId={planId}
          detail={detail}
          product={questions === "new" ? null : questions}
          onDone={(sku) => {
            setQuestions(null);
            if (sku !== null) {
              setOpen(sku);
              onSaved();
            }
          }}
        />
      )}
      <ProductTable detail={detail} items={items} save={save} onSaved={onSaved} onEdit={setOpen} onEditFlags={setQuestions} />
      {editing && (
        <ProductEditor
          key={editing.sku}
          detail={detail}
          product={editing}
          items={items}
          save={save}
          onQuestions={() => setQuestions(editing)}
          onClose={() => setOpen(null)}
        />
      )}
      <CatalogueImport planId={planId} onImported={onSaved} />
    </section>
  );
}

function ProfileForm({ planId, detail, onSaved }: { planId: number; detail: PlanDetail; onSaved: () => void }) {
  const { t } = useI18n();
  const plan = detail.plan;
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
  // A customs fee per import is typed only where the destination charges one (the US).
  const customsFees = profile.targets.some((target) => detail.markets[target.marketplace]?.customs_fee);

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
              <TargetColumns />
              {customsFees && (
                <th className="num" title={t("plans.customsFeeHint")}>
                  {t("plans.customsFee")}
                </th>
              )}
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
                    {...inputAttributes(inputRef("monthly-units", null, target.marketplace))}
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
                <td className="num">
                  <MonthlySales
                    target={target}
                    currency={detail.currencies[target.marketplace] ?? plan.plan.home_currency}
                    onChange={(monthly_sales) => setTarget(index, { monthly_sales })}
                    onInvalid={() => setError({ code: "bad-input", message: t("products.salesInvalid") })}
                  />
                </td>
                {customsFees && (
                  <td className="num">
                    {detail.markets[target.marketplace]?.customs_fee && (
                      <CustomsFee
                        target={target}
                        currency={detail.currencies[target.marketplace] ?? plan.plan.home_currency}
                        onChange={(customs_fee) => setTarget(index, { customs_fee })}
                        onInvalid={() => setError({ code: "bad-input", message: t("products.customsFeeInvalid") })}
                      />
                    )}
                  </td>
                )}
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
  detail: PlanDetail;
  items: UnitEconomics[];
  save: ProductSave;
  onSaved: () => void;
  onEdit: (sku: string) => void;
  onEditFlags: (product: Product) => void;
}

function ProductTable({ detail, items, save, onSaved, onEdit, onEditFlags }: TableProps) {
  const { t, locale } = useI18n();
  const [removeError, setRemoveError] = useState<ApiError | null>(null);
  const { record } = useUndo();
  const plan = detail.plan;
  const planId = detail.summary.id;
  const targets = (plan.targets ?? []).map((target) => target.marketplace);
  const products = plan.products ?? [];
  const name = (marketplace: Marketplace) => detail.markets[marketplace]?.name ?? t(`label.${marketplace}` as MessageKey);

  const remove = (product: Product) =>
    api.deleteProduct(planId, product.sku).then(
      () => {
        record({ kind: "product", planId, before: product, after: null });
        setRemoveError(null);
        onSaved();
      },
      (failure: unknown) => setRemoveError(asApiError(failure)),
    );
  const other = removeError ?? save.other;

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
                {t("products.priceOn", { marketplace: name(marketplace) })}
              </th>
            ))}
            {targets.map((marketplace) => (
              <th key={marketplace} className="num">
                {t("products.marginOn", { marketplace: name(marketplace) })}
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
            const rowErrors = save.errors[product.sku] ?? {};
            const cell = (field: Field, label: string, numeric = false, hint?: { text: string; warning: boolean }) => (
              <EditableCell
                key={field}
                label={`${label} ${product.sku}`}
                field={field}
                value={fieldValue(product, field)}
                error={rowErrors[field]}
                numeric={numeric}
                hint={hint}
                onCommit={(value) => save.commit(product, field, value)}
              />
            );
            const hs = product.hs_code ? detail.hs_codes[product.hs_code] : undefined;
            // The HS 2022 description, quoted in English in both languages (the bundled nomenclature has
            // no French text), marked as English for screen readers and the French check.
            const hsHint = hs
              ? hs.description !== null
                ? { text: hs.description, warning: false, lang: "en" }
                : { text: t("products.hsNotFound", { code: hs.dotted }), warning: true }
              : undefined;
            return (
              <tr key={product.sku} data-sku={product.sku}>
                {cell("sku", t("plans.sku"))}
                {cell("name", t("plans.productName"))}
                {cell("hs_code", t("plans.hsCode"), false, hsHint)}
                {cell("unit_cost", t("products.unitCost"), true)}
                {targets.map((marketplace) => cell(`price:${marketplace}`, t("products.priceOn", { marketplace: name(marketplace) }), true))}
                {targets.map((marketplace) => {
                  const item = items.find((candidate) => candidate.sku === product.sku && candidate.marketplace === marketplace);
                  return (
                    <td key={marketplace} className="num" data-testid={`margin-${product.sku}-${marketplace}`}>
                      {item?.margin ? (
                        formatAmount(item.margin, item.currency, locale)
                      ) : item ? (
                        <button type="button" className="link" data-action="complete" onClick={() => onEdit(product.sku)}>
                          {t("products.incomplete")}
                        </button>
                      ) : (
                        "–"
                      )}
                    </td>
                  );
                })}
                <td>
                  {(product.flags ?? []).map((flag) => t(`flag.${flag}` as MessageKey)).join(", ") || t("common.none")}
                </td>
                <td className="actions">
                  <button type="button" className="chip" data-action="edit-product" onClick={() => onEdit(product.sku)}>
                    {t("products.edit")}
                  </button>
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

/**
 * Expected sales per month on a target, amount and currency (the checklist's thresholds read it: the
 * US INFORM Act, insurance): saved when the amount is left.
 */
/** The customs fee per import typed by the user, in the marketplace's currency (empty: the rules'). */
function CustomsFee({
  target,
  currency,
  onChange,
  onInvalid,
}: {
  target: Target;
  currency: string;
  onChange: (fee: Target["customs_fee"]) => void;
  onInvalid: () => void;
}) {
  const { t } = useI18n();
  const fee = target.customs_fee ?? null;
  return (
    <span className="amount-input">
      <input
        {...inputAttributes(inputRef("customs-fee", null, target.marketplace))}
        aria-label={t("plans.customsFeeIn", { currency })}
        inputMode="decimal"
        size={7}
        defaultValue={fee?.amount ?? ""}
        onBlur={(event) => {
          const text = event.target.value.trim();
          if (text === "") {
            if (fee) onChange(null);
            return;
          }
          const amount = parseAmount(text);
          if (amount === null || amount.startsWith("-")) {
            onInvalid();
            return;
          }
          if (amount !== fee?.amount) onChange({ amount, currency });
        }}
        onKeyDown={(event) => {
          if (event.key === "Enter") event.currentTarget.blur();
        }}
      />{" "}
      <span className="muted">{currency}</span>
    </span>
  );
}

function MonthlySales({
  target,
  currency,
  onChange,
  onInvalid,
}: {
  target: Target;
  currency: string;
  onChange: (sales: Target["monthly_sales"]) => void;
  onInvalid: () => void;
}) {
  const { t } = useI18n();
  const sales = target.monthly_sales ?? null;
  const [code, setCode] = useState(sales?.currency ?? currency);
  const codes = [...new Set([code, currency, ...homeCurrencies])];
  const commit = (typed: string, chosen: string) => {
    const text = typed.trim();
    if (text === "") {
      if (sales) onChange(null);
      return;
    }
    const amount = parseAmount(text);
    if (amount === null || amount.startsWith("-")) {
      onInvalid();
      return;
    }
    if (amount !== sales?.amount || chosen !== sales?.currency) onChange({ amount, currency: chosen });
  };
  return (
    <span className="amount-input">
      <input
        {...inputAttributes(inputRef("monthly-sales", null, target.marketplace))}
        aria-label={t("plans.monthlySales")}
        inputMode="decimal"
        size={9}
        defaultValue={sales?.amount ?? ""}
        onBlur={(event) => commit(event.target.value, code)}
        onKeyDown={(event) => {
          if (event.key === "Enter") event.currentTarget.blur();
        }}
      />
      <select
        aria-label={t("plans.salesCurrency")}
        data-field="monthly_sales_currency"
        value={code}
        onChange={(event) => {
          setCode(event.target.value);
          const amount = event.currentTarget.previousElementSibling;
          if (amount instanceof HTMLInputElement) commit(amount.value, event.target.value);
        }}
      >
        {codes.map((option) => (
          <option key={option}>{option}</option>
        ))}
      </select>
    </span>
  );
}
