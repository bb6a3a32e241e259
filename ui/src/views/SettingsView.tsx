import { api } from "../lib/api";
import { useI18n, type Locale } from "../lib/i18n";
import { useLoad } from "../lib/useLoad";
import { ErrorLine } from "./ErrorLine";
import { RatesPanel } from "./RatesPanel";

const locales: Locale[] = ["fr", "en"];

export function SettingsView() {
  const { t, locale, setLocale } = useI18n();
  const info = useLoad(api.appInfo, "info");
  return (
    <section>
      <h1>{t("settings.title")}</h1>
      <fieldset className="setting">
        <legend>{t("settings.language")}</legend>
        {locales.map((option) => (
          <label key={option}>
            <input
              type="radio"
              name="locale"
              value={option}
              checked={locale === option}
              onChange={() => setLocale(option)}
            />
            {t(`lang.${option}`)}
          </label>
        ))}
      </fieldset>
      <dl className="facts">
        <dt>{t("settings.theme")}</dt>
        <dd>{t("settings.themeSystem")}</dd>
        {info.state === "ready" && (
          <>
            <dt>{t("settings.dataFolder")}</dt>
            <dd>
              <code>{info.value.data_dir}</code>
            </dd>
            <dt>{t("settings.database")}</dt>
            <dd>
              <code>{info.value.database}</code>
            </dd>
            <dt>{t("settings.version")}</dt>
            <dd>{info.value.version}</dd>
          </>
        )}
      </dl>
      {info.state === "failed" && <ErrorLine error={info.error} />}
      <RatesPanel />
    </section>
  );
}
