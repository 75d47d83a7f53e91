import { describe, expect, it } from "vitest";
import { isMenuKey, nextIndex, placeMenu, rowMenuItems } from "./rowMenu";

describe("row menu", () => {
  it("offers shortlist, dismiss, open, copy e-mail and add to cohort", () => {
    expect(rowMenuItems({ hidden: false, decision: "pending" }).map((i) => i.action)).toEqual([
      "open",
      "shortlist",
      "dismiss",
      "copy-email",
      "cohort",
    ]);
    // Blind review: no copying who this is.
    expect(rowMenuItems({ hidden: true, decision: "pending" }).map((i) => i.action)).not.toContain("copy-email");
    expect(rowMenuItems({ hidden: false, decision: "shortlisted" })[1].label).toMatch(/✓/);
  });
  it("opens from the Menu key and Shift+F10", () => {
    expect(isMenuKey({ key: "ContextMenu", shiftKey: false })).toBe(true);
    expect(isMenuKey({ key: "F10", shiftKey: true })).toBe(true);
    expect(isMenuKey({ key: "F10", shiftKey: false })).toBe(false);
  });
  it("stays in the window and moves with the arrows", () => {
    expect(placeMenu(990, 700, 200, 180, 1000, 800)).toEqual({ x: 796, y: 520 });
    expect(placeMenu(10, 10, 200, 180, 1000, 800)).toEqual({ x: 10, y: 10 });
    expect(nextIndex("ArrowDown", 4, 5)).toBe(0);
    expect(nextIndex("ArrowUp", 0, 5)).toBe(4);
    expect(nextIndex("End", 1, 5)).toBe(4);
    expect(nextIndex("x", 2, 5)).toBe(2);
  });
});
