import { describe, expect, it } from "vitest";
import en from "../locales/en.json";
import fr from "../locales/fr.json";
import type { ProductFlag } from "../bindings";
import { answersFromFlags, flagsFromAnswers, questions, visibleQuestions } from "./questionnaire";

describe("product questionnaire", () => {
  it("turns a Bluetooth speaker's answers into its flags", () => {
    expect(flagsFromAnswers({ radio: true, mains: false, battery: "built-in" })).toEqual([
      "radio_emitter",
      "li_battery_contained",
    ]);
  });

  it("asks the food follow-ups only for food, and ignores answers to hidden ones", () => {
    const shown = (answers: Record<string, boolean>) => visibleQuestions(answers).map((q) => q.id);
    expect(shown({ food: false })).not.toContain("alcohol");
    expect(shown({ food: true })).toContain("alcohol");
    expect(flagsFromAnswers({ food: false, alcohol: true })).toEqual([]);
    expect(flagsFromAnswers({ food: true, alcohol: true })).toEqual(["food", "alcohol"]);
  });

  it("gives back every flag it can set, one question each", () => {
    const settable = questions.flatMap((q) => (q.kind === "yes-no" ? [q.flag] : q.options.flatMap((o) => (o.flag ? [o.flag] : []))));
    expect(new Set(settable).size).toBe(settable.length);
    for (const flag of settable) {
      const needs: ProductFlag[] = ["alcohol", "supplement", "function_claim", "chilled_frozen"].includes(flag)
        ? ["food", flag]
        : flag === "quasi_drug"
          ? ["cosmetic", flag]
          : [flag];
      expect(flagsFromAnswers(answersFromFlags(needs))).toEqual(needs);
    }
  });

  it("has every question and option worded in English and French", () => {
    for (const q of questions) {
      const keys = [`questionnaire.${q.id}`, ...(q.kind === "choice" ? q.options.map((o) => `questionnaire.${q.id}.${o.id}`) : [])];
      for (const key of keys) {
        expect(en).toHaveProperty([key]);
        expect(fr).toHaveProperty([key]);
      }
    }
  });
});
