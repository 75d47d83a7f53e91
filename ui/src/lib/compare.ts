// Compare (F20) in the UI: the key-figure rows under the radar and the
// per-candidate decision buttons. Pure functions, unit-tested in
// compare.test.ts; the figures themselves come from the core
// (`review::compare`), these only word them.
import type { CompareCandidate } from "./gen/CompareCandidate";
import type { Decision } from "./gen/Decision";
import type { DecisionChange } from "./gen/DecisionChange";
import type { FlagKindCount } from "./gen/FlagKindCount";
import { humanize } from "./format";

/** The profile's toggle: pressing the decision a candidate already has
 * moves them back to pending. */
export function nextDecision(current: Decision, pressed: "shortlisted" | "dismissed"): Decision {
  return current === pressed ? "pending" : pressed;
}

/** "Tab switching ×2, Unusual delay" (kinds as the profile words them). */
export function flagNames(flags: FlagKindCount[]): string {
  return flags.map((f) => (Number(f.count) > 1 ? `${humanize(f.kind)} ×${Number(f.count)}` : humanize(f.kind))).join(", ");
}

export function decisionLabel(d: Decision): string {
  return d === "shortlisted" ? "Shortlisted" : d === "dismissed" ? "Dismissed" : "Pending";
}

export function decisionTone(d: Decision): "good" | "bad" | "" {
  return d === "shortlisted" ? "good" : d === "dismissed" ? "bad" : "";
}

/** Whether a change made from Compare still stands for this candidate (it
 * was not undone since, from here, a toast or Ctrl+Z, nor overridden). */
export function undoable(change: DecisionChange | undefined, c: Pick<CompareCandidate, "interview_id" | "decision" | "decided_here">): boolean {
  const e = change?.entries.find((x) => x.interview_id === c.interview_id);
  return !!e && c.decided_here && e.decision === c.decision;
}

/** Index of the single highest value (ties or fewer than two values: none),
 * to mark the leader of a row. */
export function leader(values: (number | null | undefined)[]): number | null {
  const nums = values.map((v) => (v == null || Number.isNaN(v) ? null : v));
  if (nums.filter((v) => v != null).length < 2) return null;
  const max = Math.max(...nums.map((v) => v ?? -Infinity));
  const at = nums.flatMap((v, i) => (v === max ? [i] : []));
  return at.length === 1 ? at[0] : null;
}
