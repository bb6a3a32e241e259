import { useI18n } from "../lib/i18n";

interface Props {
  onBlank: () => void;
  onExample: () => void;
  /** Absent while there is no plan yet: the guide is then the way in. */
  onHide?: () => void;
}

/** A short first-run guide: what Landfall does, in four steps, and the two ways to start. */
export function FirstRunGuide({ onBlank, onExample, onHide }: Props) {
  const { t } = useI18n();
  return (
    <section className="card guide" data-testid="first-run-guide" aria-labelledby="guide-title">
      <h2 id="guide-title">{t("guide.title")}</h2>
      <ol>
        <li>{t("guide.step1")}</li>
        <li>{t("guide.step2")}</li>
        <li>{t("guide.step3")}</li>
        <li>{t("guide.step4")}</li>
      </ol>
      <div className="toolbar">
        <button type="button" className="primary" data-action="guide-new" onClick={onBlank}>
          {t("guide.blank")}
        </button>
        <button type="button" className="chip" data-action="guide-example" onClick={onExample}>
          {t("guide.example")}
        </button>
        {onHide && (
          <button type="button" className="link" data-action="hide-guide" onClick={onHide}>
            {t("guide.hide")}
          </button>
        )}
      </div>
    </section>
  );
}
