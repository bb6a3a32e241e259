import { useState } from "react";
import type { PlanDetail, Product, UnitEconomics } from "../bindings";
import { useI18n, type MessageKey } from "../lib/i18n";
import { inputAttributes, inputRef, type InputKind } from "../lib/inputs";
import { storedUnits, storeUnits } from "../lib/preferences";
import { fieldValue, withPackage, type Field, type PackageField } from "../lib/productForm";
import { fromPlanUnit, toPlanUnit, type UnitSystem } from "../lib/units";
import type { ProductSave } from "../lib/useProductSave";
import { CommitInput } from "./CommitInput";
import { ErrorLine } from "./ErrorLine";
import { MarketInputs } from "./MarketInputs";

interface Props {
  detail: PlanDetail;
  product: Product;
  /** The product's figures on each target, for the margin beside each marketplace's inputs. */
  items: UnitEconomics[];
  save: ProductSave;
  onQuestions: () => void;
  onClose: () => void;
}

/**
 * Every input the engines read about one product, in plain words, saved as it is typed: what it is
 * (name, HS code, cost, origin), its package, its traits, and per target marketplace its price,
 * category, freight, FBA fee and duty rate with the margin they lead to.
 */
export function ProductEditor({ detail, product, items, save, onQuestions, onClose }: Props) {
  const { t, locale } = useI18n();
  const errors = save.errors[product.sku] ?? {};
  const targets = (detail.plan.targets ?? []).map((target) => target.marketplace);
  const home = product.unit_cost?.currency ?? detail.plan.plan.home_currency;
  const regions = new Intl.DisplayNames([locale], { type: "region" });
  const origin = product.origin ? regions.of(product.origin) : null;

  const input = (field: Field, kind: InputKind | null, label: string, numeric = false) => (
    <label className="input">
      <span>{label}</span>
      <CommitInput
        label={`${label} ${product.sku}`}
        field={field}
        value={fieldValue(product, field)}
        error={errors[field]}
        numeric={numeric}
        size={numeric ? 10 : 16}
        attributes={kind ? inputAttributes(inputRef(kind, product.sku)) : undefined}
        onCommit={(value) => save.commit(product, field, value)}
      />
    </label>
  );

  return (
    <section className="card product-editor" data-testid={`editor-${product.sku}`} aria-label={t("editor.title", { name: product.name })}>
      <div className="toolbar">
        <h2>{t("editor.title", { name: product.name })}</h2>
        <button type="button" className="chip" data-action="close-editor" onClick={onClose}>
          {t("editor.close")}
        </button>
      </div>
      <fieldset className="product-inputs">
        <legend>{t("editor.product")}</legend>
        <div className="input-grid">
          {input("name", null, t("plans.productName"))}
          {input("sku", null, t("plans.sku"))}
          {input("hs_code", "hs-code", t("plans.hsCode"), true)}
          {input("unit_cost", "unit-cost", t("products.unitCostIn", { currency: home }), true)}
          {input("litres", null, t("editor.litres"), true)}
          <label className="input">
            <span>{t("editor.origin")}</span>
            <CommitInput
              label={`${t("editor.origin")} ${product.sku}`}
              field="origin"
              value={fieldValue(product, "origin")}
              error={errors.origin}
              size={4}
              placeholder="FR"
              attributes={inputAttributes(inputRef("origin", product.sku))}
              onCommit={(value) => save.commit(product, "origin", value)}
            />
            {origin && <span className="muted small">{origin}</span>}
          </label>
          <label className="check">
            <input
              type="checkbox"
              data-field="preferential_origin"
              checked={product.preferential_origin ?? false}
              disabled={!product.origin}
              onChange={(event) => save.save(product, { ...product, preferential_origin: event.target.checked })}
            />
            {t("editor.preferential")}
          </label>
        </div>
      </fieldset>
      <PackageInputs product={product} save={save} />
      <fieldset className="traits">
        <legend>{t("plans.flags")}</legend>
        <p>
          {(product.flags ?? []).map((flag) => t(`flag.${flag}` as MessageKey)).join(", ") || t("common.none")}{" "}
          <button type="button" className="chip" data-action="answer-questions" onClick={onQuestions}>
            {t("editor.questions")}
          </button>
        </p>
        {(product.flags ?? []).includes("toy") && input("toy_age_min_months", "toy-age", t("questionnaire.toyAge"), true)}
      </fieldset>
      {targets.length === 0 && <p className="muted">{t("editor.noTarget")}</p>}
      {targets.map((marketplace) => (
        <MarketInputs
          key={marketplace}
          product={product}
          marketplace={marketplace}
          detail={detail}
          save={save}
          item={items.find((item) => item.sku === product.sku && item.marketplace === marketplace)}
        />
      ))}
      {save.other && <ErrorLine error={save.other} />}
    </section>
  );
}

const sizes: { field: PackageField; kind: "length" | "weight" }[] = [
  { field: "length", kind: "length" },
  { field: "width", kind: "length" },
  { field: "height", kind: "length" },
  { field: "weight", kind: "weight" },
];

/**
 * The package as shipped to the fulfilment centre: three sides and the weight, typed in cm and g or
 * in inches and ounces, and saved together in cm and g once all four are given.
 */
export function PackageInputs({ product, save }: { product: Product; save: ProductSave }) {
  const { t } = useI18n();
  const [system, setSystem] = useState<UnitSystem>(storedUnits);
  const shown = (field: PackageField, kind: "length" | "weight") => fromPlanUnit(fieldValue(product, field), system, kind);
  const [drafts, setDrafts] = useState<Partial<Record<PackageField, string>>>({});
  const [incomplete, setIncomplete] = useState(false);
  const errors = save.errors[product.sku] ?? {};

  const commit = () => {
    const typed = Object.fromEntries(sizes.map(({ field, kind }) => [field, drafts[field] ?? shown(field, kind)])) as Record<PackageField, string>;
    if (sizes.every(({ field }) => typed[field].trim() === "")) {
      setIncomplete(false);
      if (product.package) save.save(product, withPackage(product, null));
      return;
    }
    const converted = sizes.map(({ field, kind }) => [field, toPlanUnit(typed[field], system, kind)] as const);
    if (converted.some(([, value]) => value === null)) {
      setIncomplete(true);
      return;
    }
    setIncomplete(false);
    const next = Object.fromEntries(converted) as Record<PackageField, string>;
    const unchanged = sizes.every(({ field }) => fieldValue(product, field) === next[field]);
    if (!unchanged) save.save(product, withPackage(product, next));
    setDrafts({});
  };
  const unit = (kind: "length" | "weight") => (system === "metric" ? (kind === "length" ? "cm" : "g") : kind === "length" ? "in" : "oz");

  return (
    <fieldset
      className="package-inputs"
      onBlur={(event) => {
        // Saved when the focus leaves the four sizes, so typing one does not flag the others.
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) commit();
      }}
    >
      <legend>{t("editor.package")}</legend>
      <div className="input-grid">
        {sizes.map(({ field, kind }, index) => (
          <label className="input" key={field}>
            <span>{t(`editor.${field}` as MessageKey, { unit: unit(kind) })}</span>
            <input
              {...(index === 0 ? inputAttributes(inputRef("package", product.sku)) : {})}
              data-field={field}
              inputMode="decimal"
              size={7}
              aria-invalid={errors[field] ? true : undefined}
              value={drafts[field] ?? shown(field, kind)}
              onChange={(event) => setDrafts((all) => ({ ...all, [field]: event.target.value }))}
              onKeyDown={(event) => {
                if (event.key === "Enter") event.currentTarget.blur();
              }}
            />
            {errors[field] && (
              <span className="field-error" role="alert">
                {errors[field]}
              </span>
            )}
          </label>
        ))}
        <label className="input">
          <span>{t("editor.units")}</span>
          <select
            data-field="units"
            value={system}
            onChange={(event) => {
              const next = event.target.value as UnitSystem;
              storeUnits(next);
              setSystem(next);
              setDrafts({});
            }}
          >
            <option value="metric">{t("editor.metric")}</option>
            <option value="imperial">{t("editor.imperial")}</option>
          </select>
        </label>
      </div>
      {incomplete && (
        <p className="field-error" role="alert">
          {t("editor.packageIncomplete")}
        </p>
      )}
    </fieldset>
  );
}
