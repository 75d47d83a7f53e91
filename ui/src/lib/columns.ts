// The candidate list's columns: which are shown, in what order, how wide;
// what each writes in the CSV export; and how that choice is stored in the
// workspace (setting `ui.list_columns`, per workspace) and in saved views.

/** Built-in list columns, in their default order. */
export const BUILTIN_COLUMNS = ["stages", "score", "resume", "video", "speech", "tags", "flags", "engaged", "panel", "created"] as const;
export const DEFAULT_VISIBLE = ["stages", "score", "tags", "flags", "engaged"];

/** CSV columns (`shortlist_report::export::CSV_COLUMNS`) each list column writes. */
const CSV_OF: Record<string, string[]> = {
  stages: ["status", "stages"],
  score: ["score"],
  resume: ["resume_score"],
  video: ["video_score"],
  speech: ["speech_score"],
  tags: ["tags"],
  flags: ["flags"],
  engaged: ["last_engaged"],
  created: ["created"],
};

/** The CSV columns for the list's visible columns, in their order: the
 * Profile column (always shown) writes name and e-mail; a custom column
 * itself; a column with nothing to export (the transcript match, another
 * area's column) nothing. */
export function csvColumns(visible: string[]): string[] {
  const out = ["name", "email"];
  for (const id of visible) {
    const cols = id.startsWith("custom:") && id.length > 7 ? [id] : (CSV_OF[id] ?? []);
    for (const c of cols) if (!out.includes(c)) out.push(c);
  }
  return out;
}

export interface ColumnPrefs {
  /** Shown columns, in order (built-in ids or `custom:<key>`). */
  visible: string[];
  /** Width in pixels by column id (absent: the default width). */
  widths: Record<string, number>;
}

export const MIN_WIDTH = 56;
export const MAX_WIDTH = 640;

export function defaultPrefs(): ColumnPrefs {
  return { visible: [...DEFAULT_VISIBLE], widths: {} };
}

const validId = (id: unknown): id is string =>
  typeof id === "string" && id.length <= 80 && ((BUILTIN_COLUMNS as readonly string[]).includes(id) || /^custom:.+/.test(id));

/** Stored prefs, checked: unknown ids and bad widths are dropped; anything
 * unreadable gives the defaults. */
export function parsePrefs(raw: string | null | undefined): ColumnPrefs {
  if (!raw) return defaultPrefs();
  try {
    const v = JSON.parse(raw) as Partial<ColumnPrefs>;
    if (!v || !Array.isArray(v.visible)) return defaultPrefs();
    const visible = [...new Set(v.visible.filter(validId))];
    const widths: Record<string, number> = {};
    for (const [k, w] of Object.entries(v.widths ?? {})) {
      if (validId(k) && typeof w === "number" && Number.isFinite(w)) widths[k] = clampWidth(w);
    }
    return { visible, widths };
  } catch {
    return defaultPrefs();
  }
}

export function serializePrefs(p: ColumnPrefs): string {
  return JSON.stringify({ visible: p.visible, widths: p.widths });
}

export function clampWidth(w: number): number {
  return Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, w)));
}

/** Show or hide a column (shown ones go last). */
export function toggleColumn(p: ColumnPrefs, id: string): ColumnPrefs {
  const visible = p.visible.includes(id) ? p.visible.filter((c) => c !== id) : [...p.visible, id];
  return { ...p, visible };
}

/** Move a shown column one place left (-1) or right (+1). */
export function moveColumn(p: ColumnPrefs, id: string, by: -1 | 1): ColumnPrefs {
  const i = p.visible.indexOf(id);
  const j = i + by;
  if (i < 0 || j < 0 || j >= p.visible.length) return p;
  const visible = [...p.visible];
  [visible[i], visible[j]] = [visible[j], visible[i]];
  return { ...p, visible };
}

export function setWidth(p: ColumnPrefs, id: string, w: number): ColumnPrefs {
  return { ...p, widths: { ...p.widths, [id]: clampWidth(w) } };
}
