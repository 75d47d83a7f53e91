// Panels (F70–F73) in the UI: the Evaluate panel's keys, the list's panel
// column and the labels. Pure functions, unit-tested in evaluate.test.ts;
// what a viewer may see of the others is decided in Rust (the core), never
// here: these only format what the commands returned.
import { isTyping, type KeyLike } from "./keyboard";
import type { CandidateRow } from "./gen/CandidateRow";
import type { EvaluationInput } from "./gen/EvaluationInput";
import type { MyEvaluation } from "./gen/MyEvaluation";
import type { Recommendation } from "./gen/Recommendation";

/** Keys 1–4, Strong No → Strong Yes. */
export const RECOMMENDATIONS: { value: Recommendation; key: string; label: string; tone: string }[] = [
  { value: "strong_no", key: "1", label: "Strong No", tone: "bad" },
  { value: "no", key: "2", label: "No", tone: "warn" },
  { value: "yes", key: "3", label: "Yes", tone: "good" },
  { value: "strong_yes", key: "4", label: "Strong Yes", tone: "good" },
];

export function recommendationLabel(r: Recommendation | null | undefined): string {
  return RECOMMENDATIONS.find((x) => x.value === r)?.label ?? "No decision";
}

export type EvalKeyAction = { kind: "recommend"; value: Recommendation } | { kind: "submit" } | null;

export interface EvalKeyState {
  /** The form takes input: a draft, or a submitted evaluation being amended. */
  editable: boolean;
  /** A recommendation is chosen (a bare Enter never submits an empty form). */
  hasRecommendation: boolean;
}

function tagOf(target: EventTarget | null | undefined): string {
  const el = target as HTMLElement | null;
  return el && typeof el === "object" && "tagName" in el ? String(el.tagName).toUpperCase() : "";
}

/**
 * What a key does in the Evaluate panel: `1`–`4` choose the recommendation
 * and `Enter` submits, only when focus is not in a text field (and Enter
 * not on a button or link, which it activates); Ctrl/⌘+Enter in the
 * comment submits. Nothing while the form is not editable.
 */
export function evalKeyAction(e: KeyLike, s: EvalKeyState): EvalKeyAction {
  if (!s.editable) return null;
  if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && !e.altKey) {
    return tagOf(e.target) === "TEXTAREA" ? { kind: "submit" } : null;
  }
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  if (isTyping(e.target)) return null;
  const rec = RECOMMENDATIONS.find((r) => r.key === e.key);
  if (rec) return { kind: "recommend", value: rec.value };
  if (e.key === "Enter") {
    if (["BUTTON", "A", "SUMMARY", "SELECT"].includes(tagOf(e.target))) return null;
    return s.hasRecommendation ? { kind: "submit" } : null;
  }
  return null;
}

/** The form's state as the commands take it (empty ratings dropped). */
export function toInput(
  recommendation: Recommendation | null,
  ratings: Record<string, number | null | undefined>,
  comment: string,
): EvaluationInput {
  const out: Record<string, number> = {};
  for (const [q, v] of Object.entries(ratings)) if (v != null && v >= 1 && v <= 4) out[q] = v;
  return { recommendation, ratings: out, comment };
}

/** Whether two inputs say the same (autosave skips a no-op). */
export function sameInput(a: EvaluationInput, b: EvaluationInput): boolean {
  return JSON.stringify(normalise(a)) === JSON.stringify(normalise(b));
}

function normalise(i: EvaluationInput) {
  const keys = Object.keys(i.ratings).sort();
  return [i.recommendation, keys.map((k) => [k, i.ratings[k]]), i.comment.trim()];
}

/** The viewer's own state, all the panel column shows while blind. */
export function myStateLabel(my: MyEvaluation | null | undefined): string {
  if (!my) return "You: not rated";
  return `You: ${recommendationLabel(my.recommendation)}${my.submitted ? "" : " (draft)"}`;
}

/** The list's panel cell: the counts where the core sent them (you
 * submitted, or you lead), else only your own state. */
export function panelCell(row: Pick<CandidateRow, "panel" | "my_evaluation">): { text: string; title: string; split: boolean } {
  if (row.panel) {
    const text = row.panel.label || "No evaluations";
    return { text, title: `Panel: ${text}`, split: row.panel.split };
  }
  const mine = myStateLabel(row.my_evaluation);
  return {
    text: row.my_evaluation ? mine : "—",
    title: `${mine}. The panel shows once you submit your evaluation.`,
    split: false,
  };
}

/** The list's panel filters (CandidateQuery fields). */
export type PanelFilter = "none" | "strong_yes_2" | "split";

export function panelFilterQuery(f: PanelFilter): { panel_min_strong_yes: number | null; panel_split: boolean } {
  return { panel_min_strong_yes: f === "strong_yes_2" ? 2 : null, panel_split: f === "split" };
}

export function panelFilterOf(q: { panel_min_strong_yes: number | null; panel_split: boolean }): PanelFilter {
  if (q.panel_split) return "split";
  if (q.panel_min_strong_yes != null) return "strong_yes_2";
  return "none";
}
