// Pure logic behind Settings → HeyMilo sync, the Sync button and the
// Outbox's .eml export: labels and one-line summaries.
import type { EmlExport, KeySource, SyncProgress, SyncReport } from "./ipc";

/** Checks the URL before asking Rust (which checks again). */
export function apiUrlError(url: string): string | null {
  const u = url.trim();
  if (!u) return "Enter the API URL, e.g. https://api.heymilo.ai";
  if (!/^https?:\/\/[^\s/]+/.test(u)) return "The API URL starts with https:// (e.g. https://api.heymilo.ai)";
  return null;
}

/** Where the key is, in words a reviewer understands. */
export function keySourceLabel(s: KeySource): { text: string; tone: "good" | "warn" | "muted" } {
  switch (s) {
    case "keychain":
      return { text: "Saved in the OS keychain", tone: "good" };
    case "env":
      return { text: "From SHORTLIST_API_KEY in the environment", tone: "good" };
    case "session":
      return {
        text: "No OS keychain on this machine: the key is kept for this session only (set SHORTLIST_API_KEY to keep it)",
        tone: "warn",
      };
    default:
      return { text: "No API key saved", tone: "muted" };
  }
}

const PHASES: Record<string, string> = {
  postings: "Fetching interviewers",
  candidates: "Fetching candidate lists",
  interviews: "Fetching interview data",
  media: "Downloading recordings",
  import: "Merging into the workspace",
};

export function syncPhaseLabel(p: SyncProgress | null): string {
  if (!p) return "Connecting…";
  const what = PHASES[p.phase] ?? p.phase;
  return p.total > 1 && p.phase !== "import" ? `${what} (${Math.min(p.done + 1, p.total)} of ${p.total})` : `${what}…`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** One line after a sync: what came in and what changed. */
export function syncSummary(r: SyncReport): string {
  const parts = [`Synced ${plural(r.postings, "interviewer")}, ${plural(r.candidates, "candidate")}`];
  const c = r.import?.candidates;
  if (c) {
    const changed = [c.added ? `${c.added} new` : "", c.updated ? `${c.updated} updated` : ""].filter(Boolean);
    parts.push(changed.length ? changed.join(", ") : "nothing changed");
  }
  if (r.not_ready.length) parts.push(`${plural(r.not_ready.length, "interview")} not ready yet (next sync)`);
  if (r.media_failed.length) parts.push(`${plural(r.media_failed.length, "recording")} could not be downloaded`);
  return parts.join(" · ");
}

export function emlSummary(r: EmlExport): string {
  if (r.files === 0) return "No queued e-mail to export";
  return `Wrote ${plural(r.files, ".eml file")} to ${r.dir}${r.marked_sent ? "; marked as sent" : ""}`;
}
