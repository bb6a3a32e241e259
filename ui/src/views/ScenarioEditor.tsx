import { useState } from "react";
import type { ApiError, PlanDetail, Problem, Scenario, ScenarioPhase } from "../bindings";
import { api } from "../lib/api";
import { duplicateScenario, newScenario, problemAt, unitsIn, withUnits } from "../lib/channels";
import { useI18n } from "../lib/i18n";
import { useChannelSave, TypedField } from "./ChannelEditor";
import { ErrorLine } from "./ErrorLine";

interface Props {
  planId: number;
  detail: PlanDetail;
  labels: Map<string, string>;
  /** Called with the scenario's name after a save, so the comparison can show it. */
  onSaved: (name: string | null) => void;
}

/** The plan's scenarios: which channels sell how many units a month, from which month each phase starts. */
export function ScenarioList({ planId, detail, labels, onSaved }: Props) {
  const { t } = useI18n();
  const plan = detail.plan;
  const channels = plan.channels ?? [];
  const scenarios = plan.scenarios ?? [];
  const [open, setOpen] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const save = useChannelSave(planId, plan, () => onSaved(null));

  const add = (scenario: Scenario) =>
    save(() => api.saveScenario(planId, null, scenario)).then((failure) => {
      setError(failure);
      if (!failure) {
        setOpen(scenario.name);
        onSaved(scenario.name);
      }
    });

  return (
    <article className="card" data-testid="scenario-list">
      <h2>{t("scenarios.title")}</h2>
      {scenarios.length === 0 && <p className="muted">{t("scenarios.none")}</p>}
      <ul className="edit-list">
        {scenarios.map((scenario) => (
          <li key={scenario.name} data-scenario-item={scenario.name}>
            <div className="edit-head">
              <button
                type="button"
                className="link"
                aria-expanded={open === scenario.name}
                data-action="edit-scenario"
                onClick={() => setOpen(open === scenario.name ? null : scenario.name)}
              >
                {scenario.name}
              </button>
              <button
                type="button"
                className="chip"
                data-action="duplicate-scenario"
                onClick={() => void add(duplicateScenario(scenario, t("scenarios.copyOf", { name: scenario.name }), scenarios))}
              >
                {t("plans.duplicate")}
              </button>
              <button
                type="button"
                className="chip danger"
                data-action="delete-scenario"
                onClick={() => void save(() => api.deleteScenario(planId, scenario.name)).then(setError)}
              >
                {t("plans.delete")}
              </button>
            </div>
            {open === scenario.name && (
              <ScenarioForm
                planId={planId}
                detail={detail}
                scenario={scenario}
                labels={labels}
                onRenamed={(name) => {
                  setOpen(name);
                  onSaved(name);
                }}
                onSaved={() => onSaved(scenario.name)}
              />
            )}
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="primary"
        data-action="add-scenario"
        disabled={channels.length === 0}
        onClick={() => void add(newScenario(t("scenarios.newName"), channels, scenarios))}
      >
        {t("scenarios.add")}
      </button>
      {error && <ErrorLine error={error} />}
    </article>
  );
}

interface FormProps {
  planId: number;
  detail: PlanDetail;
  scenario: Scenario;
  labels: Map<string, string>;
  onRenamed: (name: string) => void;
  onSaved: () => void;
}

function ScenarioForm({ planId, detail, scenario, labels, onRenamed, onSaved }: FormProps) {
  const { t, locale } = useI18n();
  const plan = detail.plan;
  const channels = plan.channels ?? [];
  const phases = scenario.phases ?? [];
  const [problems, setProblems] = useState<Problem[]>([]);
  const [local, setLocal] = useState<Record<string, string>>({});
  const save = useChannelSave(planId, plan, onSaved);

  const commit = (changed: Scenario) =>
    save(() => api.saveScenario(planId, scenario.name, changed)).then((failure) => {
      setLocal({});
      setProblems(failure?.problems ?? []);
      if (!failure && changed.name !== scenario.name) onRenamed(changed.name);
    });
  const refuse = (field: string) => setLocal((all) => ({ ...all, [field]: t("scenarios.unitsInvalid") }));
  const units = (text: string, field: string): number | null | undefined => {
    const trimmed = text.trim();
    if (trimmed === "") return null;
    if (!/^\d+$/.test(trimmed) || Number(trimmed) > 4_000_000_000) {
      refuse(field);
      return undefined;
    }
    return Number(trimmed);
  };
  const setPhase = (index: number, phase: ScenarioPhase) =>
    commit({ ...scenario, phases: phases.map((old, i) => (i === index ? phase : old)) });
  const nextMonth = Math.min((phases.at(-1)?.from_month ?? 1) + 3, scenario.months ?? 24);

  return (
    <div className="scenario-form" data-scenario-form={scenario.name}>
      <div className="form-row">
        <TypedField
          label={t("scenarios.name")}
          field="name"
          value={scenario.name}
          error={problemAt(problems, "name", locale)}
          onCommit={(name) => commit({ ...scenario, name: name.trim() })}
        />
        {phases.length > 0 && (
          <TypedField
            label={t("scenarios.months")}
            field="months"
            value={(scenario.months ?? 24).toString()}
            error={local.months ?? problemAt(problems, "months", locale)}
            onCommit={(text) => {
              const months = units(text, "months");
              if (months !== undefined) commit({ ...scenario, months });
            }}
          />
        )}
      </div>
      <div className="table-scroll">
        <table className="scenario-volumes pinned">
          <thead>
            <tr>
              <th>{t("channels.channel")}</th>
              <th className="num">{t("scenarios.fromMonth", { month: 1 })}</th>
              {phases.map((phase, index) => (
                <th key={index} className="num">
                  <TypedField
                    label={t("scenarios.phaseStart")}
                    field={`phase:${index}:from_month`}
                    value={phase.from_month.toString()}
                    bare
                    error={local[`phase:${index}`] ?? problemAt(problems, `phases[${index}].from_month`, locale)}
                    onCommit={(text) => {
                      const month = units(text, `phase:${index}`);
                      if (month !== undefined && month !== null) setPhase(index, { ...phase, from_month: month });
                    }}
                  />
                  <button
                    type="button"
                    className="chip danger small"
                    data-action="remove-phase"
                    aria-label={t("scenarios.removePhase", { month: phase.from_month })}
                    onClick={() => commit({ ...scenario, phases: phases.filter((_, i) => i !== index) })}
                  >
                    ×
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {channels.map((channel) => (
              <tr key={channel.id} data-channel={channel.id}>
                <th scope="row">{labels.get(channel.id) ?? channel.id}</th>
                <td className="num">
                  <TypedField
                    label={`${labels.get(channel.id) ?? channel.id} ${t("scenarios.fromMonth", { month: 1 })}`}
                    field={`units:${channel.id}`}
                    value={unitsIn(scenario.volumes, channel.id)?.toString() ?? ""}
                    placeholder="0"
                    bare
                    error={local[`units:${channel.id}`]}
                    onCommit={(text) => {
                      const value = units(text, `units:${channel.id}`);
                      if (value !== undefined) commit({ ...scenario, volumes: withUnits(scenario.volumes, channel.id, value || null) });
                    }}
                  />
                </td>
                {phases.map((phase, index) => (
                  <td key={index} className="num">
                    <TypedField
                      label={`${labels.get(channel.id) ?? channel.id} ${t("scenarios.fromMonth", { month: phase.from_month })}`}
                      field={`phase:${index}:units:${channel.id}`}
                      value={unitsIn(phase.volumes, channel.id)?.toString() ?? ""}
                      placeholder="0"
                      bare
                      error={local[`phase:${index}:units:${channel.id}`]}
                      onCommit={(text) => {
                        const value = units(text, `phase:${index}:units:${channel.id}`);
                        if (value !== undefined) setPhase(index, { ...phase, volumes: withUnits(phase.volumes, channel.id, value || null) });
                      }}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small">{t("scenarios.hint")}</p>
      <button
        type="button"
        className="chip"
        data-action="add-phase"
        disabled={nextMonth <= (phases.at(-1)?.from_month ?? 1)}
        onClick={() =>
          commit({
            ...scenario,
            phases: [...phases, { from_month: nextMonth, volumes: (phases.at(-1)?.volumes ?? scenario.volumes ?? []).map((v) => ({ ...v })) }],
          })
        }
      >
        {t("scenarios.addPhase")}
      </button>
    </div>
  );
}
