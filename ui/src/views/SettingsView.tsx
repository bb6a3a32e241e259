import { useState } from "react";
import { api } from "../lib/api";
import { storeConsultant, storedConsultant } from "../lib/preferences";
import { formatDate, useI18n, type Locale, type MessageKey } from "../lib/i18n";
import { useLoad } from "../lib/useLoad";
import { ErrorLine } from "./ErrorLine";
import { LogoSetting } from "./LogoSetting";
import { RatesPanel } from "./RatesPanel";

const locales: Locale[] = ["fr", "en"];

export function SettingsView() {
  const { t, locale, setLocale } = useI18n();
  const info = useLoad(api.appInfo, "info");
  const versions = useLoad(api.dataVersions, "versions");
  const [consultant, setConsultant] = useState(storedConsultant);
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
      <fieldset className="setting">
        <legend>{t("settings.reports")}</legend>
        <label>
          {t("settings.consultant")}{" "}
          <input
            data-testid="consultant-name"
            value={consultant}
            onChange={(event) => setConsultant(event.target.value)}
            onBlur={() => storeConsultant(consultant)}
          />
        </label>
        <p className="muted small">{t("settings.consultantHint")}</p>
        <LogoSetting />
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
      {versions.state === "ready" && (
        <section className="card" data-testid="data-versions">
          <h2>{t("settings.rules")}</h2>
          <p className="muted">{t("settings.rulesLead")}</p>
          <table>
            <thead>
              <tr>
                <th>{t("settings.pack")}</th>
                <th className="num">{t("settings.figures")}</th>
                <th>{t("settings.dates")}</th>
              </tr>
            </thead>
            <tbody>
              {versions.value.packs.map((pack) => (
                <tr key={`${pack.kind}-${pack.id}`}>
                  <td>
                    {pack.name[locale]}
                    {pack.user && <span className="badge override">{t("settings.userPack")}</span>}
                  </td>
                  <td className="num">{pack.figures}</td>
                  <td>
                    {pack.oldest && pack.newest
                      ? t("settings.range", { from: formatDate(pack.oldest, locale), to: formatDate(pack.newest, locale) })
                      : "–"}
                  </td>
                </tr>
              ))}
              {versions.value.checklists.map((list) => (
                <tr key={list.title.en}>
                  <td>{list.title[locale]}</td>
                  <td className="num">{list.items}</td>
                  <td>
                    {t("settings.reviewed", {
                      date: formatDate(list.version, locale),
                      oldest: list.oldest_verified ? formatDate(list.oldest_verified, locale) : "–",
                    })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>{t("settings.expiring")}</h3>
          <p className="muted">{t("settings.expiringLead")}</p>
          {versions.value.expiring.length === 0 ? (
            <p data-testid="expiring-none">{t("settings.expiringNone")}</p>
          ) : (
            <ul className="expiring" data-testid="expiring">
              {versions.value.expiring.map((figure) => (
                <li key={`${figure.file}:${figure.line}`} className={figure.successor || figure.lapses ? undefined : "flagged"}>
                  <strong>{figure.pack_name[locale]}</strong> — {t(`settings.table.${figure.table}` as MessageKey)}, {figure.label[locale]} —{" "}
                  {t("settings.endsOn", { date: formatDate(figure.until, locale), days: figure.days_left })};{" "}
                  {figure.lapses
                    ? t("settings.lapses")
                    : figure.successor
                      ? t("settings.successor", { date: formatDate(figure.successor, locale) })
                      : t("settings.noSuccessor")}
                </li>
              ))}
            </ul>
          )}
          {versions.value.left_to_user.length > 0 && (
            <details data-testid="left-to-user">
              <summary>
                {t("settings.leftToUser")} ({versions.value.left_to_user.length})
              </summary>
              <p className="muted">{t("settings.leftToUserLead")}</p>
              <ul>
                {versions.value.left_to_user.map((figure) => (
                  <li key={`${figure.file}:${figure.line}:${figure.item}`}>
                    <strong>{figure.label[locale]}</strong>
                    {figure.why[locale] && <> — {figure.why[locale]}</>}{" "}
                    <span className="muted">
                      {t("settings.whereToLook")} <cite>{figure.source.title}</cite>
                    </span>
                  </li>
                ))}
              </ul>
            </details>
          )}
        </section>
      )}
    </section>
  );
}
