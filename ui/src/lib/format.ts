// Display formatting shared by every screen. Pure functions, unit-tested.

export type Tone = "good" | "bad" | "warn" | "accent" | "neutral";

/** Visual tone of a stage cell from its status and percent score. */
export function stageTone(status: string, scorePct: number | null | undefined): Tone {
  switch (status) {
    case "completed":
      if (scorePct == null) return "accent";
      return scorePct >= 70 ? "good" : scorePct >= 50 ? "warn" : "bad";
    case "knocked_out":
      return "bad";
    case "in_progress":
      return "accent";
    default:
      return "neutral";
  }
}

/** The mark beside a stage's name on its pill: it must agree with the
 * pill's colour, so a red pill (knocked out, or completed with a failing
 * score) never carries a ✓. */
export function stageIcon(status: string, scorePct: number | null | undefined): string {
  const tone = stageTone(status, scorePct);
  switch (status) {
    case "completed":
      return tone === "bad" ? "✕" : "✓";
    case "knocked_out":
      return "✕";
    case "in_progress":
      return "◐";
    default:
      return "○";
  }
}

/** "Lisbon, Portugal (PT)": a location and country code as one tooltip. */
export function locationText(location: string | null | undefined, country: string | null | undefined): string {
  const l = (location ?? "").trim();
  const c = (country ?? "").trim();
  if (l && c) return `${l} (${c})`;
  return l || c;
}

/** Tone of a derived candidate status. */
export function statusTone(status: string): Tone {
  switch (status) {
    case "shortlisted":
    case "completed":
      return "good";
    case "dismissed":
    case "knocked_out":
      return "bad";
    case "evaluating":
    case "in_progress":
      return "accent";
    default:
      return "neutral";
  }
}

const STATUS_LABELS: Record<string, string> = {
  pending: "Pending",
  in_progress: "In progress",
  evaluating: "Evaluating",
  completed: "Completed",
  knocked_out: "Knocked out",
  shortlisted: "Shortlisted",
  dismissed: "Dismissed",
  not_started: "Not started",
  active: "Active",
  draft: "Draft",
  expired: "Expired",
  archived: "Archived",
};

export function statusLabel(s: string): string {
  return STATUS_LABELS[s] ?? humanize(s);
}

const STAGE_LABELS: Record<string, string> = {
  resume: "Resume Screening",
  web_interview: "Video Interview",
  conversational_sms: "SMS Screening",
  form: "Form",
};

export function stageName(kind: string): string {
  return STAGE_LABELS[kind] ?? humanize(kind);
}

export function humanize(s: string): string {
  const t = s.replace(/[_-]+/g, " ").trim();
  return t ? t[0].toUpperCase() + t.slice(1) : t;
}

export function pct(v: number | null | undefined, digits = 0): string {
  if (v == null || !Number.isFinite(v)) return "—";
  return `${v.toFixed(digits)}%`;
}

/** "32% above average" / "5% below average" / "at average". */
export function deltaText(delta: number | null | undefined): string {
  if (delta == null || !Number.isFinite(delta)) return "no average yet";
  const r = Math.round(delta);
  if (r === 0) return "at average";
  return `${Math.abs(r)}% ${r > 0 ? "above" : "below"} average`;
}

/** Relative time like "3 days ago" / "in 5 days", from Unix seconds. */
export function relativeTime(unixSeconds: number | null | undefined, nowMs = Date.now()): string {
  if (unixSeconds == null || !Number.isFinite(unixSeconds)) return "—";
  const diff = unixSeconds * 1000 - nowMs;
  const abs = Math.abs(diff);
  const units: [number, Intl.RelativeTimeFormatUnit][] = [
    [365 * 86_400_000, "year"],
    [30 * 86_400_000, "month"],
    [7 * 86_400_000, "week"],
    [86_400_000, "day"],
    [3_600_000, "hour"],
    [60_000, "minute"],
  ];
  const rtf = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
  for (const [ms, unit] of units) {
    if (abs >= ms) return rtf.format(Math.round(diff / ms), unit);
  }
  return "just now";
}

export function dateTime(unixSeconds: number | null | undefined): string {
  if (unixSeconds == null || !Number.isFinite(unixSeconds)) return "—";
  return new Date(unixSeconds * 1000).toLocaleString("en-GB", {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  });
}

export function date(unixSeconds: number | null | undefined): string {
  if (unixSeconds == null || !Number.isFinite(unixSeconds)) return "—";
  return new Date(unixSeconds * 1000).toLocaleDateString("en-GB", {
    year: "numeric",
    month: "short",
    day: "numeric",
  });
}

export function money(v: number | null | undefined, currency: string | null | undefined): string {
  if (v == null || !Number.isFinite(v)) return "—";
  try {
    return new Intl.NumberFormat("en-US", {
      style: "currency",
      currency: currency || "USD",
      maximumFractionDigits: 0,
    }).format(v);
  } catch {
    return `${Math.round(v)} ${currency ?? ""}`.trim();
  }
}

/** "Active for 12 more days" style timeline text. */
export function timeline(status: string, daysLeft: number | null | undefined): string {
  const s = statusLabel(status);
  if (daysLeft == null) return status === "active" ? "Active, no deadline" : s;
  if (daysLeft < 0) return `${s} · deadline passed ${-daysLeft} day${daysLeft === -1 ? "" : "s"} ago`;
  if (daysLeft === 0) return `${s} · ends today`;
  return `${s} for ${daysLeft} more day${daysLeft === 1 ? "" : "s"}`;
}

/** Regional-indicator flag for an ISO 3166-1 alpha-2 code. */
export function flag(country: string | null | undefined): string {
  if (!country || !/^[A-Za-z]{2}$/.test(country)) return "";
  const up = country.toUpperCase();
  return String.fromCodePoint(...[...up].map((c) => 0x1f1a5 + c.charCodeAt(0)));
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/u).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0], parts[parts.length - 1]] : parts;
  return letters
    .map((p) => [...p][0] ?? "")
    .join("")
    .toUpperCase();
}

/** Custom column value as display text (objects as compact JSON). */
export function customText(v: unknown): string {
  if (v == null) return "—";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return JSON.stringify(v);
}

export function duration(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds)) return "—";
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  return m > 0 ? `${m}m ${s}s` : `${s}s`;
}

const INT = new Intl.NumberFormat("en-US");
/** Integer with thousands separators, e.g. 100,000. */
export function int(n: number | null | undefined): string {
  return n == null || !Number.isFinite(n) ? "—" : INT.format(n);
}

/** "en" → "English", "pt-BR" → "Brazilian Portuguese" (the UI's language);
 * a code the runtime cannot name is shown as given. */
export function languageName(code: string | null | undefined, uiLang = "en"): string {
  if (!code) return "—";
  try {
    const name = new Intl.DisplayNames([uiLang], { type: "language", fallback: "code" }).of(code);
    return name && name !== code ? name : code;
  } catch {
    return code;
  }
}
