// Logic behind the interviewer screens the seed names (issue 16): the agent
// tab's rubric, the Cross-Agent panel's remembered collapse, subscribers and
// the header's Actions menu.

/** `ui.*` setting that remembers the Cross-Agent panel's collapse. */
export const CROSS_AGENT_COLLAPSED = "ui.crossAgent.collapsed";

/** A stored boolean setting: "1"/"true" is on, anything else (or none) off. */
export function flag(v: string | null | undefined): boolean {
  return v === "1" || v === "true";
}

/** A question's share of the overall score, e.g. "Weight 2 · 40 %". */
export function weightLabel(weight: number, all: number[]): string {
  const total = all.reduce((a, b) => a + (b > 0 ? b : 0), 0);
  const w = Number.isInteger(weight) ? String(weight) : weight.toFixed(1);
  if (total <= 0 || weight <= 0) return `Weight ${w}`;
  return `Weight ${w} · ${Math.round((weight / total) * 100)} %`;
}

/** How many scorecards asked a question, and how many left it unscored. */
export function askedLabel(scorecards: number, notScored: number): string {
  const base = `On ${scorecards} scorecard${scorecards === 1 ? "" : "s"}`;
  return notScored > 0 ? `${base} · unscored on ${notScored}` : base;
}

/** "No subscribers", "1 subscriber", "3 subscribers". */
export function subscriberCount(n: number): string {
  return n === 0 ? "No subscribers" : `${n} subscriber${n === 1 ? "" : "s"}`;
}

export type HeaderAction = "sync" | "report" | "csv" | "json" | "share" | "outbox" | "settings";

export interface HeaderActionItem {
  action: HeaderAction;
  label: string;
  hint: string;
  /** Why the item cannot be chosen now; `null` when it can. */
  disabled: string | null;
}

/** The interviewer header's Actions menu, in the order it shows them. */
export function headerActions(o: { candidates: number; syncing: boolean }): HeaderActionItem[] {
  const none = o.candidates === 0 ? "No candidates yet" : null;
  return [
    { action: "sync", label: "Sync with HeyMilo", hint: "Pull new candidates and results", disabled: o.syncing ? "A sync is running" : null },
    { action: "report", label: "Pipeline report", hint: "PDF: funnel, scores, top candidates", disabled: none },
    { action: "csv", label: "Export CSV", hint: "Every candidate of this interviewer, in the list's columns", disabled: none },
    { action: "json", label: "Export JSON (re-importable)", hint: "API shapes with recordings and résumés (.zip)", disabled: none },
    { action: "share", label: "Share…", hint: "A read-only copy for a colleague", disabled: none },
    { action: "outbox", label: "Outbox", hint: "Messages and ATS pushes waiting or sent", disabled: null },
    { action: "settings", label: "Interviewer settings", hint: "Open this interviewer's Settings tab", disabled: null },
  ];
}
