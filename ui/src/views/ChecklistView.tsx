import { open as openDialog } from "@tauri-apps/plugin-dialog";
import { createContext, useContext, useState, type ReactNode } from "react";
import type {
  Evidence as StoredEvidence,
  EvidenceAttachment,
  InputRef,
  ItemResult,
  PlanChecklist,
  ProgressStatus,
  SharedChecklist,
  StoreChecklist,
  SubjectRef,
  TargetChecklist,
  Validity,
} from "../bindings";
import { api, asApiError } from "../lib/api";
import { useDroppedFiles } from "../lib/desktop";
import { groupItems, passes, viewOfInput, type ChecklistFilter } from "../lib/checklist";
import { formatDate, useI18n, type MessageKey } from "../lib/i18n";
import { useLoad } from "../lib/useLoad";
import { ErrorLine } from "./ErrorLine";
import { NoPlan } from "./NoPlan";
import { HealthPanel } from "./HealthPanel";
import type { ApiError } from "../bindings";

const filters: ChecklistFilter[] = ["all", "blockers", "blocked", "undecided", "dueSoon", "mine"];
const statuses: ProgressStatus[] = ["to_do", "in_progress", "in_review", "done", "not_applicable"];

/** The view that holds a plan field, so a question can lead the user to it. */
export type FieldView = "products" | "channels";

/** Every item of the plan by id, so a waiting item names what it waits for by its title. */
const TitlesContext = createContext<Map<string, ItemResult>>(new Map());

export function ChecklistView({ planId, onGoTo }: { planId: number | null; onGoTo: (view: FieldView) => void }) {
  if (planId === null) return <NoPlan title="nav.checklist" />;
  return <ChecklistForPlan planId={planId} onGoTo={onGoTo} />;
}

function ChecklistForPlan({ planId, onGoTo }: { planId: number; onGoTo: (view: FieldView) => void }) {
  const { t, locale } = useI18n();
  const loaded = useLoad(() => api.checklist(planId), planId);
  // The answer to the latest update replaces what was loaded, so the view never re-fetches by itself.
  const [updated, setUpdated] = useState<{ planId: number; checklist: PlanChecklist } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [filter, setFilter] = useState<ChecklistFilter>("all");
  const [owner, setOwner] = useState("");
  const [filesVersion, setFilesVersion] = useState(0);
  const files = useLoad(() => api.evidence(planId), `${planId}:${filesVersion}`, planId);
  const [attaching, setAttaching] = useState<Attaching | null>(null);
  useDroppedFiles((path, at) => {
    const target = at?.closest<HTMLElement>("[data-evidence-template]");
    const item = target?.closest<HTMLElement>("[data-item]")?.dataset.item;
    const template = target?.dataset.evidenceTemplate;
    if (item && template) setAttaching({ item, template, path });
  });

  if (loaded.state === "loading") return <p>{t("common.loading")}</p>;
  if (loaded.state === "failed") return <ErrorLine error={loaded.error} />;
  const plan = updated?.planId === planId ? updated.checklist : loaded.value;
  const byId = new Map<string, ItemResult>();
  for (const section of [...plan.shared, ...plan.targets, ...plan.stores]) {
    for (const item of section.items) byId.set(item.id, item);
  }
  const replace = (next: PlanChecklist) => {
    setError(null);
    setUpdated({ planId, checklist: next });
  };

  const evidence: Evidence = {
    files: files.state === "ready" ? files.value : [],
    attaching,
    setAttaching,
    attach: (attachment) =>
      api.attachEvidence(planId, attachment).then(
        (next) => {
          replace(next);
          setAttaching(null);
          setFilesVersion((n) => n + 1);
        },
        (failure: unknown) => setError(asApiError(failure)),
      ),
    remove: (item, sha256) =>
      api.removeEvidence(planId, item, sha256).then(
        (next) => {
          replace(next);
          setFilesVersion((n) => n + 1);
        },
        (failure: unknown) => setError(asApiError(failure)),
      ),
  };

  const update = (item: string, status: ProgressStatus, itemOwner: string | null, reason: string | null) =>
    api.updateItem(planId, { item, status, owner: itemOwner, reason }).then(replace, (failure: unknown) =>
      setError(asApiError(failure)),
    );
  const common = { filter, owner, onUpdate: update, evidence, onGoTo };
  const empty = plan.targets.length === 0 && plan.stores.length === 0;

  return (
    <TitlesContext.Provider value={byId}>
      <section>
        <h1>{t("nav.checklist")}</h1>
        <p className="lead">{t("module.checklist.lead")}</p>
        {error && <ErrorLine error={error} />}
        <div className="toolbar" role="group" aria-label={t("checklist.filter")}>
          {filters.map((name) => (
            <button
              key={name}
              type="button"
              data-filter={name}
              className={filter === name ? "chip active" : "chip"}
              aria-pressed={filter === name}
              onClick={() => setFilter(name)}
            >
              {t(`checklist.filter.${name}` as MessageKey)}
            </button>
          ))}
          {filter === "mine" && (
            <input
              aria-label={t("checklist.myName")}
              placeholder={t("checklist.myName")}
              value={owner}
              onChange={(event) => setOwner(event.target.value)}
            />
          )}
        </div>
        {empty && <p className="muted">{t("checklist.noTarget")}</p>}
        {plan.targets.map((target) => (
          <Section
            key={target.marketplace}
            target={target}
            heading={`${t(`label.${target.marketplace}` as MessageKey)} · ${t(`label.${target.fulfilment}` as MessageKey)} · ${t(`label.${target.channel}` as MessageKey)}`}
            testId={`checklist-${target.marketplace}`}
            health={<HealthPanel marketplace={target.marketplace} asOf={target.as_of} />}
            {...common}
          />
        ))}
        {plan.stores.map((store) => (
          <Section
            key={store.channel}
            target={store}
            heading={t(store.scope === "rakuten-ichiba" ? "checklist.rakutenHeading" : "checklist.storeHeading", {
              channel: store.channel,
              market: t(`market.${store.market}` as MessageKey),
              customers: t(`label.${store.customers}` as MessageKey),
            })}
            testId={`checklist-store-${store.channel}`}
            {...common}
          />
        ))}
        {plan.shared.map((shared) => (
          <Section
            key={shared.scope}
            target={shared}
            heading={shared.title[locale]}
            subheading={t("checklist.sharedConcerns", { channels: shared.channels.map((c) => channelName(c, t)).join(", ") })}
            testId={`checklist-${shared.scope}`}
            {...common}
          />
        ))}
      </section>
    </TitlesContext.Provider>
  );
}

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** A channel as people name it: the marketplace and how it is fulfilled, or the plan's channel name. */
function channelName(channel: SubjectRef, t: Translate): string {
  if (channel.marketplace) {
    const fulfilment = channel.fulfilment ? ` · ${t(`label.${channel.fulfilment}` as MessageKey)}` : "";
    return `${t(`label.${channel.marketplace}` as MessageKey)}${fulfilment}`;
  }
  return t("checklist.channelIn", { channel: channel.channel ?? "", market: t(`market.${channel.market}` as MessageKey) });
}

interface SectionProps {
  /** A marketplace target's checklist, a store's or a shared one: the same body. */
  target: TargetChecklist | StoreChecklist | SharedChecklist;
  heading: string;
  subheading?: string;
  testId: string;
  health?: ReactNode;
  filter: ChecklistFilter;
  owner: string;
  onUpdate: (item: string, status: ProgressStatus, owner: string | null, reason: string | null) => Promise<void>;
  evidence: Evidence;
  onGoTo: (view: FieldView) => void;
}

/** An evidence file on its way in: which item and template it is for, and where it is on disk. */
interface Attaching {
  item: string;
  template: string;
  path: string;
}

/** What the item rows need to show, attach and remove evidence files. */
interface Evidence {
  files: StoredEvidence[];
  attaching: Attaching | null;
  setAttaching: (attaching: Attaching | null) => void;
  attach: (attachment: EvidenceAttachment) => Promise<void>;
  remove: (item: string, sha256: string) => Promise<void>;
}

function Section({ target, heading, subheading, testId, health, filter, owner, onUpdate, evidence, onGoTo }: SectionProps) {
  const { t, locale } = useI18n();
  const byId = useContext(TitlesContext);
  const visible = target.items.filter((item) => passes(item, filter, target, owner));
  const undecided = target.items.filter((item) => item.undecided).length;
  return (
    <article className="card" data-testid={testId}>
      <h2>{heading}</h2>
      {subheading && <p className="muted">{subheading}</p>}
      <div className="readiness">
        <div
          className="gauge"
          role="meter"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Number.parseInt(target.readiness.percent, 10)}
          aria-label={t("checklist.readiness")}
        >
          <div className="gauge-fill" style={{ width: `${target.readiness.percent}%` }} />
        </div>
        <p data-testid="readiness">
          {t("checklist.readinessLine", {
            percent: target.readiness.percent,
            done: target.readiness.done,
            total: target.readiness.total,
          })}
        </p>
        {undecided > 0 && (
          <p className="warning" data-testid="undecided">
            {t("checklist.undecidedCount", { count: undecided })}
          </p>
        )}
        <p className="muted">
          {t(target.launch_date_is_earliest ? "checklist.earliestLaunch" : "checklist.launch", {
            date: formatDate(target.launch_date, locale),
          })}
        </p>
      </div>
      {target.readiness.blockers.length > 0 && (
        <div className="blockers">
          <h3>{t("checklist.blockers", { count: target.readiness.blockers.length })}</h3>
          <ol>
            {target.readiness.blockers.map((id) => (
              <li key={id}>
                <a href={`#item-${id}`}>{byId.get(id)?.title[locale] ?? id}</a>
                {byId.get(id)?.due && <span className="muted"> · {t("checklist.due", { date: formatDate(byId.get(id)?.due ?? "", locale) })}</span>}
              </li>
            ))}
          </ol>
        </div>
      )}
      {groupItems(visible).map(({ group, items }) => (
        <section key={group} className="item-group">
          <h3>{items[0].group_title[locale]}</h3>
          {items.map((item) => (
            <ItemRow key={item.id} item={item} onUpdate={onUpdate} evidence={evidence} onGoTo={onGoTo} />
          ))}
        </section>
      ))}
      {visible.length === 0 && <p className="muted">{t("checklist.nothingMatches")}</p>}
      <details>
        <summary>{t("checklist.notApplicable", { count: target.not_applicable.length })}</summary>
        <ul>
          {target.not_applicable.map((item) => (
            <li key={item.id}>
              <strong>{item.title[locale]}</strong> — <span className="muted">{item.reason[locale]}</span>
            </li>
          ))}
        </ul>
      </details>
      {health}
      <p className="muted small">{target.disclaimer[locale]}</p>
    </article>
  );
}

/** The questions that decide whether an item applies, each with a button to the field that answers it. */
function Questions({ item, onGoTo }: { item: ItemResult; onGoTo: (view: FieldView) => void }) {
  const { t, locale } = useI18n();
  if (item.questions.length === 0) return null;
  return (
    <ul className="item-questions" data-testid="questions">
      {item.questions.map((question, index) => (
        <li key={index} {...inputAttributes(question.input)}>
          {question.text[locale]}{" "}
          <button type="button" className="chip" data-action="go-to-input" onClick={() => onGoTo(viewOfInput(question.input))}>
            {t("checklist.answer")}
          </button>
        </li>
      ))}
    </ul>
  );
}

/** The input a question leads to, as data attributes (the same keys the engine's references carry). */
function inputAttributes(ref: InputRef): Record<string, string> {
  const attributes: Record<string, string> = { "data-input": ref.input };
  if (ref.sku) attributes["data-sku"] = ref.sku;
  if (ref.marketplace) attributes["data-marketplace"] = ref.marketplace;
  if (ref.channel) attributes["data-channel"] = ref.channel;
  return attributes;
}

function ItemRow({
  item,
  onUpdate,
  evidence,
  onGoTo,
}: {
  item: ItemResult;
  onUpdate: SectionProps["onUpdate"];
  evidence: Evidence;
  onGoTo: (view: FieldView) => void;
}) {
  const { t, locale } = useI18n();
  const byId = useContext(TitlesContext);
  const [reason, setReason] = useState("");
  const [owner, setOwner] = useState(item.owner ?? "");
  const editable: ProgressStatus | null = statuses.includes(item.status as ProgressStatus)
    ? (item.status as ProgressStatus)
    : null;
  return (
    <div className={`item status-${item.status}`} id={`item-${item.id}`} data-item={item.id} data-code={item.code ?? undefined}>
      <div className="item-head">
        <strong>{item.title[locale]}</strong>
        {item.undecided && <span className="badge stale">{t("checklist.toConfirm")}</span>}
        <span className={`badge importance-${item.importance}`}>{t(`checklist.importance.${item.importance}` as MessageKey)}</span>
        {item.certainty === "to-verify" && <span className="badge stale">{t("checklist.toVerify")}</span>}
        {item.launch_blocking && <span className="badge blocker">{t("checklist.launchBlocking")}</span>}
      </div>
      <p className="reason">{item.reason[locale]}</p>
      <Questions item={item} onGoTo={onGoTo} />
      {item.channels.length > 0 && (
        <p className="muted" data-testid="channels">
          {t("checklist.concerns", { channels: item.channels.map((channel) => channelName(channel, t)).join(", ") })}
        </p>
      )}
      <p className="explanation">{item.explanation[locale]}</p>
      {item.reopened && <p className="error">{item.reopened[locale]}</p>}
      {item.blocked_by.length > 0 && <p className="muted">{t("checklist.blockedBy", { items: item.blocked_by.map((id) => byId.get(id)?.title[locale] ?? id).join(", ") })}</p>}
      <div className="item-controls">
        <label>
          {t("checklist.status")}{" "}
          <select
            value={editable ?? ""}
            data-status-for={item.id}
            onChange={(event) => {
              const next = event.target.value as ProgressStatus;
              void onUpdate(item.id, next, owner || null, next === "not_applicable" ? reason : null);
            }}
          >
            {editable === null && <option value="">{t(`checklist.status.${item.status}` as MessageKey)}</option>}
            {statuses.map((status) => (
              <option key={status} value={status}>
                {t(`checklist.status.${status}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("checklist.owner")}{" "}
          <input
            value={owner}
            placeholder={item.owner_role_title[locale]}
            onChange={(event) => setOwner(event.target.value)}
            onBlur={() => {
              if (owner !== (item.owner ?? "") && editable) void onUpdate(item.id, editable, owner || null, null);
            }}
          />
        </label>
        <label>
          {t("checklist.reasonNa")}{" "}
          <input value={reason} onChange={(event) => setReason(event.target.value)} />
        </label>
        {item.due && (
          <span className={item.overdue ? "error" : "muted"}>{t("checklist.due", { date: formatDate(item.due, locale) })}</span>
        )}
        {item.lead_time_days !== null && (
          <span className="muted">{t("checklist.leadTime", { days: item.lead_time_days })}</span>
        )}
      </div>
      {item.evidence.length > 0 && (
        <ul className="evidence">
          {item.evidence.map((check) => (
            <li key={check.template} data-evidence-template={check.template} className="drop-target">
              <span className={`badge evidence-${check.state}`} data-evidence-state={check.state}>
                {t(`checklist.evidence.${check.state}` as MessageKey)}
              </span>{" "}
              {check.name[locale]} <span className="muted">({validityText(check.validity, t)})</span>
              {check.valid_until && <span className="muted"> · {t("evidence.validUntil", { date: formatDate(check.valid_until, locale) })}</span>}{" "}
              <button
                type="button"
                className="chip"
                data-action="attach"
                onClick={() => evidence.setAttaching({ item: item.id, template: check.template, path: "" })}
              >
                {t("evidence.attach")}
              </button>
              {evidence.attaching?.item === item.id && evidence.attaching.template === check.template && (
                <AttachForm attaching={evidence.attaching} validity={check.validity} evidence={evidence} />
              )}
            </li>
          ))}
        </ul>
      )}
      {evidence.files.some((file) => file.item_id === item.id) && (
        <ul className="evidence-files">
          {evidence.files
            .filter((file) => file.item_id === item.id)
            .map((file) => (
              <li key={file.id} data-file={file.original_name}>
                📎 {file.original_name}{" "}
                <button type="button" className="chip danger" onClick={() => void evidence.remove(item.id, file.sha256)}>
                  {t("evidence.remove")}
                </button>
              </li>
            ))}
        </ul>
      )}
      <p className="sources muted small">
        {item.sources.map((source, index) => (
          <span key={index}>
            {index > 0 && " · "}
            <cite title={source.url}>{source.title}</cite> ({source.tier})
          </span>
        ))}{" "}
        · {t("checklist.lastVerified", { date: formatDate(item.last_verified, locale) })}
        {item.needs_reverification && <span className="badge stale">{t("costs.stale")}</span>}
      </p>
    </div>
  );
}

function validityText(
  validity: ItemResult["evidence"][number]["validity"],
  t: (key: MessageKey, vars?: Record<string, string | number>) => string,
): string {
  switch (validity.kind) {
    case "issued-within-days":
      return t("checklist.validity.issuedWithin", { days: validity.days });
    case "not-expired":
      return t("checklist.validity.notExpired");
    case "fixed-expiry":
      return t("checklist.validity.fixedExpiry");
    case "per-shipment":
      return t("checklist.validity.perShipment");
    case "until-changed":
      return t("checklist.validity.untilChanged");
  }
}

/** The date fields an evidence file needs for its validity rule, then the copy into the data folder. */
function AttachForm({ attaching, validity, evidence }: { attaching: Attaching; validity: Validity; evidence: Evidence }) {
  const { t } = useI18n();
  const [path, setPath] = useState(attaching.path);
  const [issuedOn, setIssuedOn] = useState("");
  const [expiresOn, setExpiresOn] = useState("");
  const needsIssue = validity.kind === "issued-within-days" || validity.kind === "fixed-expiry";
  const needsExpiry = validity.kind === "not-expired" || validity.kind === "fixed-expiry";
  const browse = () =>
    void openDialog({ multiple: false, directory: false }).then((picked) => {
      if (typeof picked === "string") setPath(picked);
    });
  return (
    <form
      className="attach-form"
      data-testid="attach-form"
      onSubmit={(event) => {
        event.preventDefault();
        void evidence.attach({
          item: attaching.item,
          template: attaching.template,
          path: path.trim(),
          issued_on: issuedOn || null,
          expires_on: expiresOn || null,
        });
      }}
    >
      <label>
        {t("evidence.file")}
        <input data-field="path" value={path} required onChange={(event) => setPath(event.target.value)} placeholder={t("evidence.dropHint")} />
      </label>
      <button type="button" className="chip" onClick={browse}>
        {t("evidence.browse")}
      </button>
      {needsIssue && (
        <label>
          {t("evidence.issuedOn")}
          <input type="date" data-field="issued_on" value={issuedOn} onChange={(event) => setIssuedOn(event.target.value)} />
        </label>
      )}
      {needsExpiry && (
        <label>
          {t("evidence.expiresOn")}
          <input type="date" data-field="expires_on" value={expiresOn} onChange={(event) => setExpiresOn(event.target.value)} />
        </label>
      )}
      <button type="submit" className="primary" data-action="attach-save">
        {t("evidence.save")}
      </button>
      <button type="button" className="chip" onClick={() => evidence.setAttaching(null)}>
        {t("plans.cancel")}
      </button>
    </form>
  );
}
