// The list's row menu (right-click, the row's "⋯" button, or the Menu key /
// Shift+F10 on the keyboard cursor): its items and where it opens.

export type RowAction = "open" | "shortlist" | "dismiss" | "copy-email" | "cohort";

export interface RowMenuItem {
  action: RowAction;
  label: string;
}

/** Items for a row; copying the e-mail is left out in blind review. */
export function rowMenuItems(opts: { hidden: boolean; decision: string }): RowMenuItem[] {
  return [
    { action: "open", label: "Open profile" },
    { action: "shortlist", label: opts.decision === "shortlisted" ? "Shortlisted ✓" : "Shortlist" },
    { action: "dismiss", label: opts.decision === "dismissed" ? "Dismissed ✓" : "Dismiss" },
    ...(opts.hidden ? [] : [{ action: "copy-email" as const, label: "Copy e-mail" }]),
    { action: "cohort", label: "Add to cohort…" },
  ];
}

/** The keys that open the menu from the keyboard. */
export function isMenuKey(e: { key: string; shiftKey: boolean }): boolean {
  return e.key === "ContextMenu" || (e.shiftKey && e.key === "F10");
}

/** Keep a `w`×`h` menu opened at (x, y) inside a `vw`×`vh` window. */
export function placeMenu(x: number, y: number, w: number, h: number, vw: number, vh: number): { x: number; y: number } {
  return {
    x: Math.max(4, Math.min(x, vw - w - 4)),
    y: Math.max(4, y + h > vh - 4 ? y - h : y),
  };
}

/** Arrow / Home / End movement inside the row menu (every item enabled). */
export function nextIndex(key: string, i: number, n: number): number {
  return moveFocus(key, i, new Array<boolean>(n).fill(true));
}

/** Arrow / Home / End movement over the enabled items of a menu (the
 * row menu, and every button menu through `out/Menu.svelte`); -1 when none
 * is enabled. */
export function moveFocus(key: string, i: number, enabled: boolean[]): number {
  const n = enabled.length;
  if (!enabled.some(Boolean)) return -1;
  const step = (from: number, d: number) => {
    let j = from;
    for (let k = 0; k < n; k++) {
      j = (j + d + n) % n;
      if (enabled[j]) return j;
    }
    return from;
  };
  if (key === "ArrowDown") return step(i < 0 ? -1 : i, 1);
  if (key === "ArrowUp") return step(i < 0 ? 0 : i, -1);
  if (key === "Home") return step(-1, 1);
  if (key === "End") return step(0, -1);
  return i;
}
