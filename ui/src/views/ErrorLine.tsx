import type { ApiError } from "../bindings";
import { useI18n } from "../lib/i18n";

export function ErrorLine({ error }: { error: ApiError }) {
  const { t } = useI18n();
  return (
    <p role="alert" className="error" data-code={error.code}>
      {t("common.error", { message: error.message })}
    </p>
  );
}
