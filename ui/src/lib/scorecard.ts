// Scorecard wording (pure; tested): how many questions count toward the
// score (the radar has one axis per scored question), and which do not.
import type { ScorecardQuestion } from "./gen/ScorecardQuestion";

export interface QuestionCount {
  total: number;
  scored: number;
  /** Informational questions (not part of the weighted score), in rank order. */
  unscored: Pick<ScorecardQuestion, "question_id" | "question_text" | "rank">[];
  /** "5 questions · 1 not scored (informational)" / "4 questions, all scored". */
  text: string;
}

export function questionCount(questions: Pick<ScorecardQuestion, "question_id" | "question_text" | "rank" | "not_scored">[]): QuestionCount {
  const unscored = questions
    .filter((q) => q.not_scored)
    .sort((a, b) => Number(a.rank) - Number(b.rank))
    .map(({ question_id, question_text, rank }) => ({ question_id, question_text, rank }));
  const total = questions.length;
  const scored = total - unscored.length;
  const n = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;
  let text: string;
  if (total === 0) text = "No questions";
  else if (unscored.length === 0) text = total === 1 ? "1 question, scored" : `${total} questions, all scored`;
  else if (scored === 0) text = `${n(total, "question", "questions")} · none scored (informational)`;
  else text = `${n(total, "question", "questions")} · ${unscored.length} not scored (informational)`;
  return { total, scored, unscored, text };
}

/** What the rubric's anchor descriptions describe, said without a second
 * number scale beside the "/10" scores: the low and the high end. */
export function anchorLabels(scale: number): { low: string; high: string; note: string } {
  return {
    low: "Low end of the rubric",
    high: "High end of the rubric",
    note: `How the rubric describes a weak and a strong answer; scores on this page are out of ${scale}.`,
  };
}
