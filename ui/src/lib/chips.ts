// Which tag chips fit a cell whole (pure; tested): as many as fit in
// order, then a "+N" chip for the rest, so no chip is cut to a stub.

export interface ChipFit {
  /** Tags shown as whole chips, in order. */
  shown: string[];
  /** Tags behind the "+N" chip (its tooltip lists them). */
  rest: string[];
  /** Nothing fits whole: the first chip is shown shortened with an
   * ellipsis (its tooltip has the full tag). */
  squeezed: boolean;
}

/** `width(text)` is a chip's full width for that text (padding and border
 * included); `gap` the space between chips; `available` the cell's width. */
export function fitChips(tags: string[], available: number, width: (text: string) => number, gap = 4): ChipFit {
  if (tags.length === 0) return { shown: [], rest: [], squeezed: false };
  const w = tags.map(width);
  const sum = (n: number) => w.slice(0, n).reduce((a, b) => a + b, 0) + gap * Math.max(0, n - 1);
  if (sum(tags.length) <= available) return { shown: [...tags], rest: [], squeezed: false };
  // Fewer whole chips leave room for "+N"; the more shown, the smaller N.
  for (let n = tags.length - 1; n >= 1; n--) {
    const more = width(`+${tags.length - n}`);
    if (sum(n) + gap + more <= available) return { shown: tags.slice(0, n), rest: tags.slice(n), squeezed: false };
  }
  return { shown: tags.slice(0, 1), rest: tags.slice(1), squeezed: true };
}

/** Full width of a chip (`.chip` in app.css: 8px padding each side, 1px border). */
export function chipWidth(textWidth: number): number {
  return Math.ceil(textWidth) + 16 + 2;
}
