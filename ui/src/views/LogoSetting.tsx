import { open } from "@tauri-apps/plugin-dialog";
import { useState } from "react";
import type { ApiError } from "../bindings";
import { api, asApiError } from "../lib/api";
import { useI18n } from "../lib/i18n";
import { useLoad } from "../lib/useLoad";
import { ErrorLine } from "./ErrorLine";

/** The consultant's logo for report covers: chosen in the native dialog, checked and kept in the data folder. */
export function LogoSetting() {
  const { t } = useI18n();
  const [version, setVersion] = useState(0);
  const logo = useLoad(api.logoFile, version);
  const [error, setError] = useState<ApiError | null>(null);
  const done = () => {
    setError(null);
    setVersion((n) => n + 1);
  };
  const failed = (failure: unknown) => setError(asApiError(failure));
  const choose = () =>
    void open({ multiple: false, directory: false, filters: [{ name: "Image", extensions: ["png", "jpg", "jpeg", "svg"] }] }).then(
      (path) => {
        if (typeof path === "string") api.setLogo(path).then(done, failed);
      },
      failed,
    );
  return (
    <div className="logo-setting" data-testid="logo-setting">
      {t("settings.logo")}:{" "}
      {logo.state === "ready" && (logo.value ? <code>{logo.value}</code> : <span className="muted">{t("settings.logoNone")}</span>)}{" "}
      <button type="button" className="chip" onClick={choose}>
        {t("settings.logoChoose")}
      </button>
      {logo.state === "ready" && logo.value && (
        <button type="button" className="chip danger" onClick={() => api.removeLogo().then(done, failed)}>
          {t("settings.logoRemove")}
        </button>
      )}
      {error && <ErrorLine error={error} />}
    </div>
  );
}
