import { useI18n } from "../lib/i18n";

/** The column heads every table of a plan's target marketplaces starts with (the new-plan form, the profile, the plan summary). */
export function TargetColumns() {
  const { t } = useI18n();
  return (
    <>
      <th>{t("plans.marketplace")}</th>
      <th>{t("plans.fulfilment")}</th>
      <th>{t("plans.channel")}</th>
      <th className="num">{t("plans.monthlyUnits")}</th>
      <th className="num">{t("plans.monthlySales")}</th>
    </>
  );
}
