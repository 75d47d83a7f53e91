// Pure logic behind the Download menus and the compose dialog: UI choices
// -> the request shapes the Rust commands take, and the placeholder preview
// (same rules as shortlist_core::actions::templates::render_field).
import type { PackageOptions, ReportOptions, ReportStyle } from "./ipc";

export const REPORT_LANGS: { code: string; label: string }[] = [
  { code: "en", label: "English" },
  { code: "es", label: "Español" },
  { code: "fr", label: "Français" },
  { code: "de", label: "Deutsch" },
  { code: "pt", label: "Português" },
  { code: "ar", label: "العربية" },
  { code: "zh", label: "中文" },
  { code: "ja", label: "日本語" },
];

/** What the report-options form holds. */
export interface ReportChoice {
  style: ReportStyle;
  lang: string;
  chips: boolean;
  highlights: boolean;
  lowlights: boolean;
  transcript: boolean;
  /** The hiring panel (F73), as the core lets you see it. */
  panel: boolean;
}

export function defaultReportChoice(): ReportChoice {
  return { style: "modern", lang: "en", chips: true, highlights: true, lowlights: true, transcript: true, panel: false };
}

/** Classic is English only: say so before asking the core. */
export function reportChoiceError(c: ReportChoice): string | null {
  if (c.style === "classic" && c.lang !== "en") {
    return "Classic reports are English only; choose Modern for other languages.";
  }
  if (!REPORT_LANGS.some((l) => l.code === c.lang)) return `Unknown report language “${c.lang}”.`;
  return null;
}

export function toReportOptions(c: ReportChoice): ReportOptions {
  return {
    style: c.style,
    lang: c.lang,
    chips: c.chips,
    highlights: c.highlights,
    lowlights: c.lowlights,
    transcript: c.transcript,
    panel: c.panel,
  };
}

/** What the Package Zip dialog holds. */
export interface PackageChoice {
  pdf: boolean;
  resume: boolean;
  video: boolean;
  audio: boolean;
  report: ReportChoice;
}

export function defaultPackageChoice(): PackageChoice {
  return { pdf: true, resume: true, video: true, audio: true, report: defaultReportChoice() };
}

export function toPackageOptions(c: PackageChoice): PackageOptions {
  return {
    report: c.pdf ? toReportOptions(c.report) : null,
    resume: c.resume,
    video: c.video,
    audio: c.audio,
    // Transcript text and interview JSON are small and always useful.
    transcript: true,
    interview_json: true,
  };
}

export function packageChoiceError(c: PackageChoice): string | null {
  if (c.pdf) return reportChoiceError(c.report);
  return null;
}

/** Archive name for one candidate or a selection. */
export function packageName(names: string[], interviewer: string | null, count = names.length): string {
  if (count === 1 && names.length === 1) return `${names[0]} files`;
  return `${interviewer ?? "Candidates"} - ${count} candidates`;
}

export function progressPercent(done: number, total: number): number {
  if (!(total > 0)) return 0;
  return Math.max(0, Math.min(100, Math.round((done / total) * 100)));
}

export const PLACEHOLDERS = ["candidate_name", "interviewer", "job_title", "interview_url", "step"] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
/** One-line summary of a queueing action's result. */
export function queueSummary(verb: string, queued: number, skipped: { reason: string }[]): string {
  const parts = [`${verb}: ${queued} queued in the outbox`];
  if (skipped.length) parts.push(`${skipped.length} skipped (${skipped[0].reason}${skipped.length > 1 ? ", …" : ""})`);
  return parts.join("; ");
}

/** "in 3 min" / "now" for an outbox retry time (Unix seconds). */
export function retryIn(at: number, now: number): string {
  const d = Math.round(at - now);
  if (d <= 0) return "now";
  if (d < 60) return `in ${d} s`;
  if (d < 3600) return `in ${Math.round(d / 60)} min`;
  return `in ${Math.round(d / 3600)} h`;
}

/** What the SMTP form holds (the password is kept apart, never saved). */
export interface SmtpForm {
  host: string;
  port: string;
  security: "starttls" | "tls" | "none";
  user: string;
  from: string;
  from_name: string;
}

export function defaultSmtpForm(): SmtpForm {
  return { host: "", port: "", security: "starttls", user: "", from: "", from_name: "" };
}

const blank = (s: string) => (s.trim() === "" ? null : s.trim());

/** Form -> the command's settings; errors say which field is wrong. */
export function toSmtpSettings(f: SmtpForm): { ok: true; value: import("./ipc").SmtpOverrides } | { ok: false; error: string } {
  if (!f.host.trim()) return { ok: false, error: "Enter the SMTP server (host)." };
  let port: number | null = null;
  if (f.port.trim()) {
    port = Number(f.port.trim());
    if (!Number.isInteger(port) || port < 1 || port > 65535) return { ok: false, error: `Port “${f.port}” is not a number from 1 to 65535.` };
  }
  if (f.from.trim() && !/^[^\s@]+@[^\s@]+$/.test(f.from.trim())) return { ok: false, error: `From address “${f.from}” is not an e-mail address.` };
  return {
    ok: true,
    value: { host: f.host.trim(), port, security: f.security, user: blank(f.user), from: blank(f.from), from_name: blank(f.from_name) },
  };
}

/** "3 sent, 1 will retry, 1 failed" for a delivery run. */
export function deliverySummary(items: { status: string }[]): string {
  if (!items.length) return "Nothing was due for sending";
  const n = (s: string) => items.filter((i) => i.status === s).length;
  const parts = [`${n("sent")} sent`];
  if (n("queued")) parts.push(`${n("queued")} will retry`);
  if (n("failed")) parts.push(`${n("failed")} failed`);
  return parts.join(", ");
}

/** Who an outbox item goes to, for its "To" column: the candidate's name
 * (with the ATS, for a push), else the address, else the interview id. */
export function outboxRecipient(item: { kind: string; interview_id: string; payload: Record<string, unknown> }): string {
  const p = item.payload;
  const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : null);
  if (item.kind === "ats_push") {
    const c = (p.candidate ?? {}) as Record<string, unknown>;
    const name = [str(c.first_name), str(c.last_name)].filter(Boolean).join(" ") || str(c.email) || item.interview_id;
    const ats = str(p.ats_name);
    return ats ? `${name} → ${ats}` : name;
  }
  return str(p.to_name) ?? str(p.to) ?? item.interview_id;
}

/** "2 ATS pushes sent, 1 will retry · 3 accepted by the ATS". */
export function atsSummary(items: { status: string }[], statuses: { status: string }[]): string {
  const sent = deliverySummary(items);
  if (!statuses.length) return `ATS: ${sent}`;
  const by = new Map<string, number>();
  for (const s of statuses) by.set(s.status, (by.get(s.status) ?? 0) + 1);
  const states = [...by.entries()].map(([k, v]) => `${v} ${k}`).join(", ");
  return `ATS: ${sent} · status ${states}`;
}
