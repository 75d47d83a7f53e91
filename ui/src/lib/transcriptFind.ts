// Find inside one transcript: every occurrence of the typed phrase, in order,
// and each line cut into plain/marked segments (highlight.ts's Segment, plus
// which match a marked piece is) so the template renders text nodes and
// <mark> elements — candidate text never goes through an HTML parser.

import { fold, type Segment } from "./highlight";

export interface FindMatch {
  /** Index of the transcript line. */
  line: number;
  /** UTF-16 offsets into that line's text. */
  start: number;
  end: number;
}

export interface FindSegment extends Segment {
  /** Index into the match list for a marked segment, else null. */
  match: number | null;
}

/**
 * Case- and accent-insensitive, with offsets that stay valid in the original
 * text: each code point is folded only when folding keeps its length.
 */
export function foldSameLength(s: string): string {
  let out = "";
  for (const ch of s) {
    const f = fold(ch);
    out += f.length === ch.length ? f : ch;
  }
  return out;
}

/** Every non-overlapping occurrence of `query` (trimmed) in each text, in order. */
export function findMatches(texts: string[], query: string): FindMatch[] {
  const q = foldSameLength(query.trim().replace(/\s+/g, " "));
  if (!q) return [];
  const out: FindMatch[] = [];
  texts.forEach((t, line) => {
    const hay = foldSameLength(t.replace(/\s/g, " "));
    let i = hay.indexOf(q);
    while (i !== -1) {
      out.push({ line, start: i, end: i + q.length });
      i = hay.indexOf(q, i + q.length);
    }
  });
  return out;
}

/** Matches grouped by line: line → indexes into `matches`. */
export function matchesByLine(matches: FindMatch[]): Map<number, number[]> {
  const m = new Map<number, number[]>();
  matches.forEach((x, i) => {
    const l = m.get(x.line);
    if (l) l.push(i);
    else m.set(x.line, [i]);
  });
  return m;
}

/** `text` cut at the given matches (indexes into `matches`, all on this line). */
export function segmentsFor(text: string, matches: FindMatch[], indexes: number[]): FindSegment[] {
  const out: FindSegment[] = [];
  let at = 0;
  for (const k of indexes) {
    const m = matches[k];
    if (m.start < at || m.end > text.length) continue;
    if (m.start > at) out.push({ text: text.slice(at, m.start), mark: false, match: null });
    out.push({ text: text.slice(m.start, m.end), mark: true, match: k });
    at = m.end;
  }
  if (at < text.length) out.push({ text: text.slice(at), mark: false, match: null });
  return out;
}

/** The next (dir 1) or previous (dir −1) match, wrapping around; -1 if none. */
export function stepMatch(current: number, count: number, dir: 1 | -1): number {
  if (count <= 0) return -1;
  if (current < 0 || current >= count) return dir === 1 ? 0 : count - 1;
  return (current + dir + count) % count;
}

/** The first match at or after `line` (to start near what is playing), else 0. */
export function firstFrom(matches: FindMatch[], line: number): number {
  if (matches.length === 0) return -1;
  const i = matches.findIndex((m) => m.line >= line);
  return i === -1 ? 0 : i;
}

/** "3 of 12", "No matches", or "" before anything is typed. */
export function matchLabel(query: string, current: number, count: number): string {
  if (!query.trim()) return "";
  if (count === 0) return "No matches";
  return `${current + 1} of ${count}`;
}
