import { useState } from "react";
import type { ApiError, PlanDetail, Product } from "../bindings";
import { api, asApiError } from "../lib/api";
import { useI18n, type MessageKey } from "../lib/i18n";
import { storedUnits } from "../lib/preferences";
import { blankProduct, checkField, problemsByField, withField, withPackage, type Field, type PackageField } from "../lib/productForm";
import { useUndo } from "../lib/undo";
import { answersFromFlags, flagsFromAnswers, visibleQuestions, type Answers } from "../lib/questionnaire";
import { toPlanUnit } from "../lib/units";
import { ErrorLine } from "./ErrorLine";

interface Props {
  planId: number;
  detail: PlanDetail;
  /** The product whose answers are changed, or null for a new product. */
  product: Product | null;
  /** The SKU saved, or null when nothing changed. */
  onDone: (sku: string | null) => void;
}

const packageFields: { field: PackageField; kind: "length" | "weight" }[] = [
  { field: "length", kind: "length" },
  { field: "width", kind: "length" },
  { field: "height", kind: "length" },
  { field: "weight", kind: "weight" },
];

/**
 * Adds a product, or changes what an existing one is, by plain-language questions; the answers set
 * the flags the checklist reads ("Does it emit radio waves?" → radio certification items).
 */
export function Questionnaire({ planId, detail, product, onDone }: Props) {
  const { t, locale } = useI18n();
  const plan = detail.plan;
  const currencies = detail.currencies;
  const isNew = product === null;
  const targets = (plan.targets ?? []).map((target) => target.marketplace);
  const units = storedUnits();
  const unit = (kind: "length" | "weight") => (units === "metric" ? (kind === "length" ? "cm" : "g") : kind === "length" ? "in" : "oz");
  const [answers, setAnswers] = useState<Answers>(() => answersFromFlags(product?.flags ?? []));
  const [age, setAge] = useState(product?.toy_age_min_months?.toString() ?? "");
  const [values, setValues] = useState<Partial<Record<Field, string>>>({});
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const { record } = useUndo();

  const name = (marketplace: (typeof targets)[number]) => detail.markets[marketplace]?.name ?? t(`label.${marketplace}` as MessageKey);
  const basics: { field: Field; label: string }[] = isNew
    ? [
        { field: "name", label: t("plans.productName") },
        { field: "sku", label: t("plans.sku") },
        { field: "hs_code", label: t("products.hsCodeOptional") },
        { field: "unit_cost", label: t("products.unitCostIn", { currency: plan.plan.home_currency }) },
        { field: "origin", label: t("questionnaire.origin") },
        ...packageFields.map(({ field, kind }) => ({ field, label: t(`editor.${field}` as MessageKey, { unit: unit(kind) }) })),
        ...targets.flatMap((marketplace) => [
          {
            field: `price:${marketplace}` as Field,
            label: t(detail.markets[marketplace]?.prices_include_tax === false ? "products.priceInTaxExcluded" : "products.priceIn", {
              marketplace: name(marketplace),
              currency: currencies[marketplace] ?? "",
            }),
          },
          {
            field: `freight:${marketplace}` as Field,
            label: t("questionnaire.freightTo", { marketplace: name(marketplace), currency: plan.plan.home_currency }),
          },
        ]),
      ]
    : [];
  const categoryFields = isNew ? targets.map((marketplace) => `category:${marketplace}` as Field) : [];

  const submit = () => {
    const errors: Partial<Record<Field, string>> = {};
    let next: Product = product ?? blankProduct();
    const money = { unitCost: plan.plan.home_currency, marketplaces: currencies };
    for (const { field } of basics) {
      const value = values[field] ?? "";
      if (packageFields.some((size) => size.field === field)) continue;
      const problem = checkField(field, value);
      if (problem) errors[field] = t(`products.invalid.${problem}` as MessageKey);
      else next = withField(next, field, value, money);
    }
    for (const field of categoryFields) next = withField(next, field, values[field] ?? "", money);
    if (isNew) {
      const typed = packageFields.map(({ field, kind }) => [field, values[field] ?? "", toPlanUnit(values[field] ?? "", units, kind)] as const);
      if (typed.some(([, text]) => text.trim() !== "")) {
        for (const [field, text, size] of typed) {
          if (size === null) errors[field] = t(text.trim() === "" ? "editor.packageIncomplete" : "products.invalid.size");
        }
        if (typed.every(([, , size]) => size !== null)) {
          next = withPackage(next, Object.fromEntries(typed.map(([field, , size]) => [field, size ?? ""])) as Record<PackageField, string>);
        }
      }
    }
    const flags = flagsFromAnswers(answers);
    const ageMonths = age.trim() === "" ? null : Number.parseInt(age, 10);
    if (flags.includes("toy") && (ageMonths === null || !/^\d{1,4}$/.test(age.trim()))) {
      setError({ code: "bad-input", message: t("questionnaire.toyAgeNeeded") });
      setFieldErrors(errors);
      return;
    }
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0) return;
    next = { ...next, flags, toy_age_min_months: flags.includes("toy") ? ageMonths : null };
    api.saveProduct(planId, product?.sku ?? null, next).then(
      () => {
        record({ kind: "product", planId, before: product, after: next });
        onDone(next.sku);
      },
      (failure: unknown) => {
        const apiError = asApiError(failure);
        const { fields, other } = problemsByField(next, apiError.problems ?? [], locale);
        setFieldErrors(fields);
        setError(other.length > 0 || Object.keys(fields).length === 0 ? apiError : null);
      },
    );
  };

  return (
    <form
      className="card questionnaire"
      data-testid="questionnaire"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <h2>{isNew ? t("questionnaire.newTitle") : t("questionnaire.editTitle", { name: product.name })}</h2>
      {basics.length > 0 && (
        <div className="form-grid">
          {basics.map(({ field, label }) => (
            <label key={field}>
              {label}
              <input
                data-field={field}
                value={values[field] ?? ""}
                aria-invalid={fieldErrors[field] ? true : undefined}
                onChange={(event) => setValues((all) => ({ ...all, [field]: event.target.value }))}
              />
              {fieldErrors[field] && (
                <span className="field-error" role="alert">
                  {fieldErrors[field]}
                </span>
              )}
            </label>
          ))}
          {categoryFields.map((field) => {
            const marketplace = field.split(":")[1] as (typeof targets)[number];
            return (
              <label key={field}>
                {t("questionnaire.categoryOn", { marketplace: name(marketplace) })}
                <select data-field={field} value={values[field] ?? ""} onChange={(event) => setValues((all) => ({ ...all, [field]: event.target.value }))}>
                  <option value="">{t("inputs.categoryNone")}</option>
                  {(detail.markets[marketplace]?.categories ?? []).map((choice) => (
                    <option key={choice.id} value={choice.id}>
                      {choice.name?.[locale] ?? choice.label}
                    </option>
                  ))}
                </select>
              </label>
            );
          })}
        </div>
      )}
      <ol className="questions">
        {visibleQuestions(answers).map((question) => (
          <li key={question.id} data-question={question.id}>
            <span className="question">{t(`questionnaire.${question.id}` as MessageKey)}</span>
            {question.kind === "yes-no" ? (
              <span className="answers" role="radiogroup" aria-label={t(`questionnaire.${question.id}` as MessageKey)}>
                {[true, false].map((yes) => (
                  <label key={String(yes)}>
                    <input
                      type="radio"
                      name={question.id}
                      value={yes ? "yes" : "no"}
                      checked={answers[question.id] === yes}
                      onChange={() => setAnswers((all) => ({ ...all, [question.id]: yes }))}
                    />
                    {yes ? t("common.yes") : t("common.no")}
                  </label>
                ))}
              </span>
            ) : (
              <select
                aria-label={t(`questionnaire.${question.id}` as MessageKey)}
                value={String(answers[question.id] ?? "none")}
                onChange={(event) => setAnswers((all) => ({ ...all, [question.id]: event.target.value }))}
              >
                {question.options.map((option) => (
                  <option key={option.id} value={option.id}>
                    {t(`questionnaire.${question.id}.${option.id}` as MessageKey)}
                  </option>
                ))}
              </select>
            )}
            {question.id === "toy" && answers.toy === true && (
              <label className="follow-up">
                {t("questionnaire.toyAge")}
                <input data-field="toy_age_min_months" inputMode="numeric" size={4} value={age} onChange={(event) => setAge(event.target.value)} />
              </label>
            )}
          </li>
        ))}
      </ol>
      {error && <ErrorLine error={error} />}
      <div className="toolbar">
        <button type="submit" className="primary" data-action="save-product">
          {isNew ? t("questionnaire.add") : t("questionnaire.save")}
        </button>
        <button type="button" className="chip" onClick={() => onDone(null)}>
          {t("plans.cancel")}
        </button>
      </div>
    </form>
  );
}
