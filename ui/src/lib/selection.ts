// The list's selection: ticked rows, or "Select all N matching" — every
// candidate of the current filter, minus the ones unticked since. A
// selection of everyone matching is sent to Rust as the list's query (the
// core resolves the ids), so the UI never holds more ids than it renders.
import type { CandidateQuery } from "./gen/CandidateQuery";
import type { Matching } from "./gen/Matching";

export interface SelectionState {
  /** Ticked ids (when not `all`). */
  ids: Set<string>;
  /** "Select all N matching" is on. */
  all: boolean;
  /** Unticked since "Select all" (when `all`). */
  except: Set<string>;
}

/** What a bulk action or an export applies to, as the commands take it. */
export interface Target {
  /** Ticked ids; empty when `matching` is set. */
  interviewIds: string[];
  matching: Matching | null;
  /** How many candidates that is. */
  count: number;
}

export function emptySelection(): SelectionState {
  return { ids: new Set(), all: false, except: new Set() };
}

export function isSelected(s: SelectionState, id: string): boolean {
  return s.all ? !s.except.has(id) : s.ids.has(id);
}

/** Tick or untick one row. */
export function toggle(s: SelectionState, id: string): void {
  const set = s.all ? s.except : s.ids;
  if (set.has(id)) set.delete(id);
  else set.add(id);
}

/** The header checkbox: tick (or untick) every rendered row. */
export function setRendered(s: SelectionState, rendered: string[], on: boolean): void {
  for (const id of rendered) {
    if (s.all) {
      if (on) s.except.delete(id);
      else s.except.add(id);
    } else if (on) s.ids.add(id);
    else s.ids.delete(id);
  }
}

/** Every rendered row is ticked (and there is at least one). */
export function allRenderedSelected(s: SelectionState, rendered: string[]): boolean {
  return rendered.length > 0 && rendered.every((id) => isSelected(s, id));
}

/** "Select all N matching" is offered once every rendered row is ticked
 * and more candidates match than are ticked. */
export function offerAll(s: SelectionState, rendered: string[], total: number): boolean {
  return !s.all && allRenderedSelected(s, rendered) && total > s.ids.size;
}

export function selectAll(s: SelectionState): void {
  s.all = true;
  s.ids.clear();
  s.except.clear();
}

export function clear(s: SelectionState): void {
  s.all = false;
  s.ids.clear();
  s.except.clear();
}

/** How many are selected, `total` being the candidates matching. */
export function count(s: SelectionState, total: number): number {
  return s.all ? Math.max(0, total - s.except.size) : s.ids.size;
}

/** The selection as commands take it; `query` is the list's query. */
export function target(s: SelectionState, query: CandidateQuery, total: number): Target {
  if (!s.all) return { interviewIds: [...s.ids], matching: null, count: s.ids.size };
  const { offset: _o, limit: _l, ...rest } = query;
  return {
    interviewIds: [],
    matching: { query: { ...rest, offset: 0, limit: 0 }, except: [...s.except] },
    count: count(s, total),
  };
}

/** "Everyone in view" (nothing ticked): every candidate of the filter. */
export function everyone(query: CandidateQuery, total: number): Target {
  return target({ ids: new Set(), all: true, except: new Set() }, query, total);
}
