// Toast queue rules: at most MAX_TOASTS on screen (newest kept), a toast of
// the same group (e.g. every "saved to …" after a run of exports) or with the
// same text replaces the older one and counts up instead of stacking, and
// how long each stays depends on what it carries.
import type { DecisionChange } from "./gen/DecisionChange";

export interface Toast {
  id: number;
  text: string;
  tone: "info" | "good" | "bad";
  undo?: DecisionChange;
  /** Toasts of one group coalesce into one. */
  group?: string;
  /** How many coalesced into this one (1 = just this). */
  count: number;
}

export const MAX_TOASTS = 2;

/** Add `t` to `list`: coalesce with a same-group or same-text toast, then keep
 * the newest MAX_TOASTS. Returns the new list (the input is not changed). */
export function pushToast(list: Toast[], t: Omit<Toast, "count">): Toast[] {
  const same = list.find((o) => (t.group != null && o.group === t.group) || (o.text === t.text && !o.undo && !t.undo));
  const merged: Toast = { ...t, count: same ? same.count + 1 : 1 };
  const rest = list.filter((o) => o !== same);
  return [...rest, merged].slice(-MAX_TOASTS);
}

/** Milliseconds on screen: long enough to read (about 60 ms a character),
 * longer for errors and for an Undo offer, never less than 4 s. */
export function toastDuration(t: Pick<Toast, "text" | "tone" | "undo">): number {
  const base = Math.max(4000, Math.min(10000, 2000 + t.text.length * 60));
  if (t.undo) return Math.max(base, 8000);
  if (t.tone === "bad") return Math.max(base, 7000);
  return base;
}
