import Decimal from "decimal.js";
import { useState } from "react";
import type { Marketplace, PlanDetail, Product, UnitEconomics } from "../bindings";
import { useI18n } from "../lib/i18n";
import { inputAttributes, inputRef, type InputKind } from "../lib/inputs";
import { currencyFractionDigits, formatAmount, formatPercent, parseAmount } from "../lib/money";
import { categoryOn, fieldValue, type Field, type MarketField } from "../lib/productForm";
import type { ProductSave } from "../lib/useProductSave";
import { CommitInput } from "./CommitInput";

interface Props {
  product: Product;
  marketplace: Marketplace;
  detail: PlanDetail;
  save: ProductSave;
  /** The figures of this product on this marketplace, to show the margin beside its inputs. */
  item?: UnitEconomics;
}

const kindOf: Record<MarketField, InputKind> = {
  price: "price",
  category: "category",
  freight: "freight",
  insurance: "insurance",
  fulfilment_fee: "fulfilment-fee",
  duty_rate: "duty-rate",
};

/**
 * Everything a product needs on one marketplace, in the marketplace's terms: the shelf price with
 * the right tax label, the category from its own list, freight and insurance (per unit or per
 * shipment), the FBA fee and the duty rate typed by the user; and the margin they lead to.
 */
export function MarketInputs({ product, marketplace, detail, save, item }: Props) {
  const { t, locale } = useI18n();
  const market = detail.markets[marketplace];
  const target = detail.plan.targets?.find((candidate) => candidate.marketplace === marketplace);
  const currency = detail.currencies[marketplace] ?? "";
  const home = product.freight?.find((entry) => entry.marketplace === marketplace)?.freight.currency ?? product.unit_cost?.currency ?? detail.plan.plan.home_currency;
  const name = market?.name ?? marketplace;
  const errors = save.errors[product.sku] ?? {};
  const hasFreight = fieldValue(product, `freight:${marketplace}`) !== "";

  const input = (kind: MarketField, label: string, extra: { disabled?: boolean; placeholder?: string } = {}) => {
    const field = `${kind}:${marketplace}` as Field;
    return (
      <label className="input">
        <span>{label}</span>
        <CommitInput
          label={`${label} ${product.sku}`}
          field={field}
          value={fieldValue(product, field)}
          error={errors[field]}
          numeric
          size={10}
          attributes={inputAttributes(inputRef(kindOf[kind], product.sku, marketplace))}
          onCommit={(value) => save.commit(product, field, value)}
          {...extra}
        />
      </label>
    );
  };

  const priceLabel = t(market?.prices_include_tax === false ? "inputs.priceTaxExcluded" : "inputs.priceTaxIncluded", { currency });
  const overridden = (product.overrides ?? []).some((entry) => entry.marketplace === marketplace && entry.fulfilment_fee);
  const packFee = !overridden && item?.fulfilment_fee ? formatAmount(item.fulfilment_fee, currency, locale) : null;
  return (
    <fieldset className="market-inputs" data-marketplace-inputs={marketplace}>
      <legend>{name}</legend>
      <div className="input-grid">
        {input("price", priceLabel)}
        <CategoryPicker product={product} marketplace={marketplace} detail={detail} save={save} />
        {input("freight", t("inputs.freight", { currency: home }))}
        {input("insurance", t("inputs.insurance", { currency: home }), { disabled: !hasFreight })}
        {target?.fulfilment === "fba" && input("fulfilment_fee", t("inputs.fbaFee", { currency }), { placeholder: packFee ?? undefined })}
        {input("duty_rate", t("inputs.dutyRate"), { placeholder: "%" })}
      </div>
      <ShipmentFreight product={product} marketplace={marketplace} currency={home} save={save} />
      <p className="muted small">
        {t("inputs.typedHint")}
        {target?.fulfilment === "fba" && !packFee && ` ${t("inputs.fbaHint")}`}
      </p>
      {item && (
        <p className="margin-line" data-testid={`margin-line-${product.sku}-${marketplace}`}>
          {item.margin !== null
            ? t("inputs.margin", {
                margin: formatAmount(item.margin, item.currency, locale),
                rate: item.margin_rate === null ? "–" : formatPercent(item.margin_rate, locale),
              })
            : t("inputs.marginIncomplete")}
        </p>
      )}
    </fieldset>
  );
}

/** The referral-fee category from the marketplace's own list, named in the window's language. */
function CategoryPicker({ product, marketplace, detail, save }: Omit<Props, "item">) {
  const { t, locale } = useI18n();
  const market = detail.markets[marketplace];
  const current = categoryOn(product, marketplace) ?? "";
  const choices = market?.categories ?? [];
  const chosen = choices.find((choice) => choice.id === current);
  const field = `category:${marketplace}` as Field;
  const label = t("inputs.category");
  const nameOf = (choice: (typeof choices)[number]) => choice.name?.[locale] ?? choice.label;
  return (
    <label className="input">
      <span>{label}</span>
      <select
        {...inputAttributes(inputRef("category", product.sku, marketplace))}
        aria-label={`${label} ${product.sku}`}
        data-field={field}
        value={current}
        onChange={(event) => save.commit(product, field, event.target.value)}
      >
        <option value="">{t("inputs.categoryNone")}</option>
        {current !== "" && !chosen && <option value={current}>{t("inputs.categoryElsewhere")}</option>}
        {choices.map((choice) => (
          <option key={choice.id} value={choice.id}>
            {nameOf(choice)}
          </option>
        ))}
      </select>
      {chosen && chosen.label !== nameOf(chosen) && <span className="muted small">{t("inputs.categoryThere", { label: chosen.label })}</span>}
      {save.errors[product.sku]?.[field] && (
        <span className="field-error" role="alert">
          {save.errors[product.sku]?.[field]}
        </span>
      )}
    </label>
  );
}

/** Freight typed for a whole shipment: the cost and insurance divided by the units it carries. */
function ShipmentFreight({ product, marketplace, currency, save }: { product: Product; marketplace: Marketplace; currency: string; save: ProductSave }) {
  const { t, locale } = useI18n();
  const [open, setOpen] = useState(false);
  const [cost, setCost] = useState("");
  const [insurance, setInsurance] = useState("");
  const [units, setUnits] = useState("");
  const perUnit = (total: string) => {
    const amount = parseAmount(total);
    if (amount === null || amount.startsWith("-") || !/^\d+$/.test(units.trim()) || Number.parseInt(units, 10) === 0) return null;
    return new Decimal(amount).dividedBy(units.trim()).toDecimalPlaces(4).toString();
  };
  const freight = perUnit(cost);
  const insured = insurance.trim() === "" ? null : perUnit(insurance);
  if (!open) {
    return (
      <button type="button" className="link" data-action="freight-per-shipment" onClick={() => setOpen(true)}>
        {t("inputs.perShipment")}
      </button>
    );
  }
  const apply = () => {
    if (freight === null) return;
    const current = (product.freight ?? []).filter((entry) => entry.marketplace !== marketplace);
    const after: Product = {
      ...product,
      freight: [
        ...current,
        {
          marketplace,
          freight: { amount: freight, currency },
          insurance: insured === null ? null : { amount: insured, currency },
        },
      ],
    };
    save.save(product, after);
    setOpen(false);
  };
  // A share of a shipment keeps the decimals it has (up to four), never fewer than the currency's.
  const money = (amount: string) =>
    formatAmount(amount, currency, locale, Math.max(currencyFractionDigits(currency), new Decimal(amount).decimalPlaces()));
  return (
    <div className="shipment" data-testid={`shipment-${product.sku}-${marketplace}`}>
      <label className="input">
        <span>{t("inputs.shipmentCost", { currency })}</span>
        <input inputMode="decimal" size={10} value={cost} onChange={(event) => setCost(event.target.value)} />
      </label>
      <label className="input">
        <span>{t("inputs.shipmentInsurance", { currency })}</span>
        <input inputMode="decimal" size={10} value={insurance} onChange={(event) => setInsurance(event.target.value)} />
      </label>
      <label className="input">
        <span>{t("inputs.shipmentUnits")}</span>
        <input inputMode="numeric" size={6} value={units} onChange={(event) => setUnits(event.target.value)} />
      </label>
      <p className="muted small">
        {freight === null
          ? t("inputs.shipmentHint")
          : t(insured === null ? "inputs.shipmentPerUnit" : "inputs.shipmentPerUnitInsured", {
              freight: money(freight),
              insurance: insured === null ? "" : money(insured),
            })}
      </p>
      <button type="button" className="chip" disabled={freight === null} data-action="apply-shipment" onClick={apply}>
        {t("inputs.shipmentApply")}
      </button>
      <button type="button" className="chip" onClick={() => setOpen(false)}>
        {t("plans.cancel")}
      </button>
    </div>
  );
}
