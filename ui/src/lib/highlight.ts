// Search highlighting as data: a list of plain/marked segments that the
// template renders as text nodes and <mark> elements. Candidate text never
// goes through an HTML parser.

export interface Segment {
  text: string;
  mark: boolean;
}

/** Search terms from a query: words of 2+ characters, lower-cased, unique. */
export function terms(query: string): string[] {
  const seen = new Set<string>();
  for (const w of query.toLowerCase().split(/[^\p{L}\p{N}@._+-]+/u)) {
    const t = w.trim();
    if (t.length >= 2) seen.add(t);
  }
  return [...seen].sort((a, b) => b.length - a.length);
}

export function fold(s: string): string {
  // Case and accent folding that keeps string length per code unit where
  // possible; fall back to plain lower-case when normalisation changes length.
  const lower = s.toLowerCase();
  const folded = lower.normalize("NFD").replace(/\p{M}/gu, "");
  return folded.length === lower.length ? folded : lower;
}

/** Split `text` into segments marking every occurrence of any term. */
export function highlight(text: string, query: string | string[]): Segment[] {
  const ts = (Array.isArray(query) ? query : terms(query)).map(fold).filter((t) => t.length > 0);
  if (!text) return [];
  if (ts.length === 0) return [{ text, mark: false }];
  const hay = fold(text);
  const mask = new Uint8Array(text.length);
  for (const t of ts) {
    let i = hay.indexOf(t);
    while (i !== -1) {
      mask.fill(1, i, i + t.length);
      i = hay.indexOf(t, i + t.length);
    }
  }
  const out: Segment[] = [];
  let start = 0;
  for (let i = 1; i <= text.length; i++) {
    if (i === text.length || mask[i] !== mask[start]) {
      out.push({ text: text.slice(start, i), mark: mask[start] === 1 });
      start = i;
    }
  }
  return out;
}

/**
 * Segments from a snippet whose matches the core delimited with the given
 * markers (e.g. "\u0002" … "\u0003"). Markers never reach the screen.
 */
export function fromMarked(snippet: string, open: string, close: string): Segment[] {
  const out: Segment[] = [];
  let rest = snippet;
  while (rest.length > 0) {
    const o = rest.indexOf(open);
    if (o === -1) {
      out.push({ text: rest, mark: false });
      break;
    }
    if (o > 0) out.push({ text: rest.slice(0, o), mark: false });
    const c = rest.indexOf(close, o + open.length);
    const end = c === -1 ? rest.length : c;
    const marked = rest.slice(o + open.length, end);
    if (marked) out.push({ text: marked, mark: true });
    rest = c === -1 ? "" : rest.slice(c + close.length);
  }
  return out.filter((s) => s.text.length > 0);
}
