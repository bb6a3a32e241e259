import type { ProductFlag } from "../bindings";

/**
 * The product questionnaire: plain-language questions whose answers set the product flags the
 * checklist engine reads. A yes/no question sets one flag; a choice question sets the flag of the
 * option picked. The texts live in the locale files under `questionnaire.<id>`.
 */
export type Question =
  | { id: string; kind: "yes-no"; flag: ProductFlag; askIf?: (answers: Answers) => boolean }
  | { id: string; kind: "choice"; options: { id: string; flag: ProductFlag | null }[]; askIf?: (answers: Answers) => boolean };

export type Answers = Record<string, string | boolean | undefined>;

const isFoodLike = (answers: Answers) => answers.food === true;

export const questions: Question[] = [
  { id: "radio", kind: "yes-no", flag: "radio_emitter" },
  { id: "mains", kind: "yes-no", flag: "mains_electrical" },
  { id: "adapter", kind: "yes-no", flag: "ac_adapter_included" },
  {
    id: "battery",
    kind: "choice",
    options: [
      { id: "none", flag: null },
      { id: "built-in", flag: "li_battery_contained" },
      { id: "in-box", flag: "li_battery_packed_with" },
      { id: "alone", flag: "li_battery_standalone" },
      { id: "power-bank", flag: "mobile_battery" },
    ],
  },
  { id: "food", kind: "yes-no", flag: "food" },
  { id: "alcohol", kind: "yes-no", flag: "alcohol", askIf: isFoodLike },
  { id: "supplement", kind: "yes-no", flag: "supplement", askIf: isFoodLike },
  { id: "functionClaim", kind: "yes-no", flag: "function_claim", askIf: isFoodLike },
  { id: "chilled", kind: "yes-no", flag: "chilled_frozen", askIf: isFoodLike },
  { id: "foodContact", kind: "yes-no", flag: "food_contact_article" },
  { id: "cosmetic", kind: "yes-no", flag: "cosmetic" },
  { id: "quasiDrug", kind: "yes-no", flag: "quasi_drug", askIf: (answers) => answers.cosmetic === true },
  { id: "medical", kind: "yes-no", flag: "medical_device" },
  { id: "toy", kind: "yes-no", flag: "toy" },
  { id: "children", kind: "yes-no", flag: "children_product" },
  { id: "textile", kind: "yes-no", flag: "textile_apparel" },
  { id: "gas", kind: "yes-no", flag: "gas_appliance" },
  { id: "psc", kind: "yes-no", flag: "psc_specified_product" },
];

/** The questions to show for the answers so far (follow-ups appear when their parent is "yes"). */
export function visibleQuestions(answers: Answers): Question[] {
  return questions.filter((question) => !question.askIf || question.askIf(answers));
}

/** The flags the answers set, in questionnaire order; answers to hidden follow-ups are ignored. */
export function flagsFromAnswers(answers: Answers): ProductFlag[] {
  const flags: ProductFlag[] = [];
  for (const question of visibleQuestions(answers)) {
    const answer = answers[question.id];
    if (question.kind === "yes-no") {
      if (answer === true) flags.push(question.flag);
    } else {
      const option = question.options.find((candidate) => candidate.id === answer);
      if (option?.flag) flags.push(option.flag);
    }
  }
  return flags;
}

/** The answers that give back `flags`, so an existing product opens the questionnaire as it was. */
export function answersFromFlags(flags: readonly ProductFlag[]): Answers {
  const answers: Answers = {};
  for (const question of questions) {
    if (question.kind === "yes-no") {
      answers[question.id] = flags.includes(question.flag);
    } else {
      answers[question.id] = question.options.find((option) => option.flag && flags.includes(option.flag))?.id ?? "none";
    }
  }
  return answers;
}
