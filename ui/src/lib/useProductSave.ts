import { useState } from "react";
import type { ApiError, PlanDetail, Product } from "../bindings";
import { api, asApiError } from "./api";
import { useI18n, type MessageKey } from "./i18n";
import { checkField, problemsByField, withField, type Field, type FieldErrors } from "./productForm";
import { useUndo } from "./undo";

export interface ProductSave {
  /** The refused inputs of each product (by SKU), each under its input. */
  errors: Record<string, FieldErrors>;
  /** A refusal no input shows. */
  other: ApiError | null;
  /** Checks and saves one typed input of a product. */
  commit: (product: Product, field: Field, value: string) => void;
  /** Saves a product as a whole (the package sizes, a renamed SKU). */
  save: (before: Product, after: Product) => void;
}

/**
 * Saving a product's inputs where they are typed (product table, product editor, Costs view): each
 * save is recorded for undo; a refusal comes back under the input that caused it.
 */
export function useProductSave(planId: number, detail: PlanDetail, onSaved: () => void): ProductSave {
  const { t, locale } = useI18n();
  const { record } = useUndo();
  const [errors, setErrors] = useState<Record<string, FieldErrors>>({});
  const [other, setOther] = useState<ApiError | null>(null);

  const save = (before: Product, after: Product) =>
    api.saveProduct(planId, before.sku, after).then(
      () => {
        record({ kind: "product", planId, before, after });
        setErrors((all) => ({ ...all, [before.sku]: {}, [after.sku]: {} }));
        setOther(null);
        onSaved();
      },
      (failure: unknown) => {
        const error = asApiError(failure);
        const { fields, other: rest } = problemsByField(after, error.problems ?? [], locale);
        setErrors((all) => ({ ...all, [before.sku]: fields }));
        setOther(rest.length > 0 || Object.keys(fields).length === 0 ? error : null);
      },
    );

  const commit = (product: Product, field: Field, value: string) => {
    const refused = checkField(field, value);
    if (refused) {
      const message = t(`products.invalid.${refused}` as MessageKey);
      setErrors((all) => ({ ...all, [product.sku]: { ...all[product.sku], [field]: message } }));
      return;
    }
    const currencies = { unitCost: product.unit_cost?.currency ?? detail.plan.plan.home_currency, marketplaces: detail.currencies };
    void save(product, withField(product, field, value, currencies));
  };

  return { errors, other, commit, save: (before, after) => void save(before, after) };
}
