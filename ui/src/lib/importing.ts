// Wording for import progress, results and problems (pure; tested).
import type { Counts, ImportPhase, ImportSummary, Problem } from "./ipc";

// A bundle's interview documents are parsed, checked and their media copied
// while `writing` runs (the core streams them), so its label says so.
const PHASES: Record<ImportPhase, string> = {
  reading: "Reading files",
  parsing: "Parsing candidate lists",
  validating: "Checking references",
  writing: "Checking and saving candidates",
};

/** Ordered, for the step list in the progress dialog. */
export const PHASE_ORDER: ImportPhase[] = ["reading", "parsing", "validating", "writing"];

export function phaseLabel(p: ImportPhase): string {
  return PHASES[p] ?? p;
}

/** 0–100, or null when the phase has no known total yet. */
export function percent(done: number, total: number): number | null {
  if (!total || total <= 0) return null;
  return Math.max(0, Math.min(100, Math.round((done / total) * 100)));
}

export interface SummaryLine {
  label: string;
  added: number;
  updated: number;
  unchanged: number;
}

/** Rows of the result table, skipping kinds the import did not touch
 * (candidates always shown). */
export function summaryLines(s: ImportSummary): SummaryLine[] {
  const rows: [string, Counts][] = [
    ["Interviewers", s.postings],
    ["Candidates", s.candidates],
    ["Interview results", s.interviews],
    ["Extensions", s.extensions],
    ["Media files", s.media],
  ];
  return rows
    .filter(([label, c]) => label === "Candidates" || total(c) > 0)
    .map(([label, c]) => ({ label, added: Number(c.added), updated: Number(c.updated), unchanged: Number(c.unchanged) }));
}

function total(c: Counts): number {
  return Number(c.added) + Number(c.updated) + Number(c.unchanged);
}

/** One sentence for a toast: "12 candidates added, 3 updated". */
export function headline(s: ImportSummary, noop: boolean): string {
  if (noop) return "Already up to date: nothing new in this export";
  const c = s.candidates;
  const parts: string[] = [];
  const n = (x: number | bigint, one: string, many: string) => `${x} ${Number(x) === 1 ? one : many}`;
  if (Number(c.added) > 0) parts.push(`${n(c.added, "candidate", "candidates")} added`);
  if (Number(c.updated) > 0) parts.push(`${n(c.updated, "candidate", "candidates")} updated`);
  if (parts.length === 0 && Number(s.postings.added) > 0)
    parts.push(`${n(s.postings.added, "interviewer", "interviewers")} added`);
  if (parts.length === 0) parts.push("Imported");
  return parts.join(", ");
}

/** "interviews/int_9.json › int_9 › web_interview.scorecard[2].score" */
export function problemWhere(p: Problem): string {
  return [p.file, p.record, p.field].filter((x): x is string => !!x).join(" › ");
}
