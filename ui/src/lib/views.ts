// Saved views of the candidate list: a name, the filters, search and sort,
// and the columns; kept per interviewer in the workspace (setting
// `ui.views.<interviewer>`).
import type { CandidateQuery } from "./gen/CandidateQuery";
import { parsePrefs, type ColumnPrefs } from "./columns";

export interface SavedView {
  name: string;
  /** The list's query without interviewer and paging. */
  query: Omit<CandidateQuery, "posting_id" | "offset" | "limit">;
  columns: ColumnPrefs;
}

/** The settings store takes values up to this many bytes. */
export const MAX_BYTES = 4096;
export const MAX_NAME = 60;

/** The setting key of an interviewer's views (`ui.` + safe characters). */
export function viewsKey(postingId: string): string {
  if (/^[A-Za-z0-9_.-]{1,48}$/.test(postingId)) return `ui.views.${postingId}`;
  // Other ids: a stable hash (FNV-1a, 32 bits).
  let h = 0x811c9dc5;
  for (const ch of postingId) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `ui.views.h${h.toString(16)}`;
}

export function captureView(name: string, query: CandidateQuery, columns: ColumnPrefs): SavedView {
  const { posting_id: _p, offset: _o, limit: _l, ...rest } = query;
  return { name: name.trim(), query: rest, columns: { visible: [...columns.visible], widths: { ...columns.widths } } };
}

/** The query a view gives for `postingId`, from the first page. */
export function applyView(v: SavedView, postingId: string | null, base: CandidateQuery): CandidateQuery {
  return { ...base, ...v.query, posting_id: postingId, offset: 0, limit: base.limit };
}

export function checkName(views: SavedView[], name: string, except?: string): string | null {
  const n = name.trim();
  if (!n) return "Give the view a name";
  if (n.length > MAX_NAME) return `Keep the name under ${MAX_NAME} characters`;
  if (views.some((v) => v.name.toLowerCase() === n.toLowerCase() && v.name !== except)) return `A view named “${n}” exists; choose another name`;
  return null;
}

/** Add (or replace, by name) a view, sorted by name. */
export function upsert(views: SavedView[], v: SavedView): SavedView[] {
  return [...views.filter((x) => x.name !== v.name), v].sort((a, b) => a.name.localeCompare(b.name));
}

export function rename(views: SavedView[], from: string, to: string): SavedView[] {
  return views.map((v) => (v.name === from ? { ...v, name: to.trim() } : v)).sort((a, b) => a.name.localeCompare(b.name));
}

export function remove(views: SavedView[], name: string): SavedView[] {
  return views.filter((v) => v.name !== name);
}

/** Stored views, checked (unreadable entries are dropped). */
export function parseViews(raw: string | null | undefined): SavedView[] {
  if (!raw) return [];
  try {
    const list = JSON.parse(raw);
    if (!Array.isArray(list)) return [];
    return list.flatMap((v): SavedView[] => {
      if (!v || typeof v.name !== "string" || !v.name.trim() || typeof v.query !== "object" || !v.query) return [];
      return [{ name: v.name, query: v.query, columns: parsePrefs(JSON.stringify(v.columns ?? null)) }];
    });
  } catch {
    return [];
  }
}

/** The stored form, or an error when it does not fit. */
export function serializeViews(views: SavedView[]): { ok: true; value: string } | { ok: false; error: string } {
  const value = JSON.stringify(views);
  if (new TextEncoder().encode(value).length > MAX_BYTES)
    return { ok: false, error: "Too many saved views for this interviewer to store; delete one first" };
  return { ok: true, value };
}
