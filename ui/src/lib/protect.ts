// Pure logic behind integrity, erasure and retention in the app (F50, F52)
// and sync cancel (F42): the words shown, computed from what Rust returns.
import type { CheckProgress, ErasePlan, ErasureReport, IntegrityView, RetentionPlan, RetentionRun } from "./ipc";

/** What the user types to confirm an erasure (Rust checks it too). */
export const ERASE_WORD = "ERASE";

export function eraseConfirmed(typed: string): boolean {
  return typed.trim() === ERASE_WORD;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

/** The lines of the confirmation: everything an erasure removes. */
export function erasePlanLines(p: ErasePlan): string[] {
  const lines: string[] = [];
  lines.push(`${plural(p.total_rows, "database row")} in ${plural(p.rows.length, "table")} (interview data, scores, transcript, raw JSON, search index)`);
  const gone = p.media.filter((m) => !m.shared);
  const kept = p.media.length - gone.length;
  if (p.media.length) {
    const size = gone.reduce((a, m) => a + m.size, 0);
    let line = `${plural(gone.length, "media file")} deleted (${bytes(size)}: recordings, résumé)`;
    if (kept) line += `; ${kept} shared with another candidate kept`;
    lines.push(line);
  } else {
    lines.push("No media files");
  }
  if (p.notes) lines.push(plural(p.notes, "note"));
  if (p.decisions) lines.push(`${plural(p.decisions, "decision")} and their history`);
  if (p.outbox_items) lines.push(`${plural(p.outbox_items, "outbox item")} (queued e-mail or ATS push, with their payloads)`);
  if (p.cohorts.length) lines.push(`Membership of ${plural(p.cohorts.length, "cohort")}: ${p.cohorts.join(", ")}`);
  const held = p.backups.filter((b) => b.holds_candidates);
  if (held.length) lines.push(`Rewritten in ${plural(held.length, "migration backup")}: ${held.map((b) => b.file).join(", ")}`);
  return lines;
}

/** One line after an erasure. */
export function erasureSummary(r: ErasureReport): string {
  const n = r.id_hashes.length;
  const parts = [`Erased ${plural(n, "candidate")}`, plural(r.total_rows, "row")];
  if (r.media_files_deleted) parts.push(`${plural(r.media_files_deleted, "file")} (${bytes(r.media_bytes_deleted)})`);
  const dropped = r.backups.filter((b) => b.outcome === "dropped").length;
  if (dropped) parts.push(`${plural(dropped, "backup")} could not be rewritten and was deleted`);
  if (!r.wal_truncated) parts.push("the write-ahead log is emptied when the workspace is next closed");
  return parts.join(" · ");
}

/** The retention rule inputs, as numbers or off (`null`); an error for
 * anything else. Empty = off. */
export function parseDays(text: string): { days: number | null; error: string | null } {
  const t = text.trim();
  if (!t) return { days: null, error: null };
  if (!/^\d+$/.test(t)) return { days: null, error: "Days are a whole number (leave empty to turn the rule off)" };
  const days = Number(t);
  if (days < 1) return { days: null, error: "At least 1 day (leave empty to turn the rule off)" };
  if (days > 36500) return { days: null, error: "At most 36500 days" };
  return { days, error: null };
}

/** The dry run in one line. */
export function retentionPreviewSummary(p: RetentionPlan): string {
  if (p.rules.dismissed_after_days == null && p.rules.all_after_interviewer_closed_days == null) return "Retention is off: no rule is set";
  if (!p.items.length) return "Nobody is due: applying now would erase no one";
  const d = p.items.filter((i) => i.rule === "dismissed").length;
  const c = p.items.length - d;
  const why = [d ? `${d} dismissed` : "", c ? `${c} of closed interviewers` : ""].filter(Boolean).join(", ");
  return `${plural(p.items.length, "candidate")} would be erased now (${why})`;
}

/** What a retention pass erased, for a toast; `null` when nothing. */
export function retentionRunSummary(r: RetentionRun): string | null {
  const n = r.dismissed + r.interviewer_closed;
  if (!n) return null;
  const parts: string[] = [];
  if (r.dismissed) parts.push(`${r.dismissed} dismissed more than ${r.rules.dismissed_after_days} days`);
  if (r.interviewer_closed) parts.push(`${r.interviewer_closed} ${r.rules.all_after_interviewer_closed_days} days after their interviewer closed`);
  return `Retention erased ${plural(n, "candidate")}: ${parts.join("; ")}. See Settings → Erasure log.`;
}

const PHASES: Record<string, string> = { database: "Checking the database", media: "Checking media files" };

export function integrityProgressLabel(p: CheckProgress | null): string {
  if (!p) return "Starting the check…";
  const what = PHASES[p.phase] ?? p.phase;
  return p.phase === "media" && p.total > 0 ? `${what} (${Math.min(p.done, p.total)} of ${p.total})` : `${what}…`;
}

export type IntegrityState = { tone: "good" | "bad" | "warn" | "muted"; text: string };

/** The state line of Settings → Integrity. `when` formats Unix seconds. */
export function integrityState(v: IntegrityView, when: (secs: number) => string): IntegrityState {
  if (v.running) return { tone: "muted", text: integrityProgressLabel(v.progress) };
  const last = v.last;
  if (last && !last.ok) {
    const first = last.problems.slice(0, 3).join("; ");
    const more = last.problems.length > 3 ? ` (and ${last.problems.length - 3} more)` : "";
    return { tone: "bad", text: `The check of ${when(last.started_at)} found the workspace damaged: ${first}${more}` };
  }
  if (v.error && v.error.code !== "cancelled") return { tone: "warn", text: `The last check did not finish: ${v.error.message}` };
  if (!last) return { tone: "muted", text: "Not checked yet" };
  const media = last.media_files ? `, ${plural(last.media_files, "media file")}` : "";
  const s = (last.duration_ms / 1000).toFixed(1);
  const due = v.due ? " · a new check is due" : "";
  return { tone: "good", text: `Passed ${when(last.started_at)} (database${media}; ${s} s)${due}` };
}

/** The words for a sync that was cancelled (code `sync_cancelled`). */
export const SYNC_CANCELLED = "Sync cancelled — nothing fetched so far is lost; the next sync continues from where this one stopped";

/** The offer after a sync that found interviews deleted in HeyMilo. */
export function deletedUpstreamMessage(n: number): string | null {
  if (n <= 0) return null;
  return n === 1 ? "1 candidate was deleted in HeyMilo" : `${n} candidates were deleted in HeyMilo`;
}
