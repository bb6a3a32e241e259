import type { ApiError } from "../bindings";
import { useI18n } from "../lib/i18n";
import { errorMessage } from "../lib/problems";

export function ErrorLine({ error }: { error: ApiError }) {
  const { t, locale } = useI18n();
  return (
    <p role="alert" className="error" data-code={error.code}>
      {t("common.error", { message: errorMessage(error, locale) })}
    </p>
  );
}
