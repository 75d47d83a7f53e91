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

/** Under the radar, when its axes are fewer than the questions asked: which
 * question has no axis and why. Null when every question has its axis. */
export function radarAxesNote(count: Pick<QuestionCount, "total" | "unscored">, axes: number): string | null {
  if (count.total === 0 || axes >= count.total) return null;
  const which = count.unscored.map((u) => `Q${Number(u.rank)}`);
  const list = which.length <= 1 ? which.join("") : `${which.slice(0, -1).join(", ")} and ${which.at(-1)}`;
  const axisWord = `${axes} ax${axes === 1 ? "is" : "es"}`;
  if (which.length === 0) return `${axisWord} for ${count.total} questions: only questions with a score are drawn.`;
  const missing = count.total - which.length - axes;
  const verb = which.length === 1 ? "is" : "are";
  let s = `${axisWord} for ${count.total} questions: ${list} ${verb} informational (not scored), so ${which.length === 1 ? "it has" : "they have"} no axis.`;
  if (missing > 0) s += ` ${missing} more ${missing === 1 ? "has" : "have"} no score yet.`;
  return s;
}
