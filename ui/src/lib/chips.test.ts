import { describe, expect, it } from "vitest";
import { chipWidth, fitChips } from "./chips";

// 6 px a character plus the chip's padding and border.
const w = (t: string) => chipWidth(t.length * 6);

describe("fitChips", () => {
  const tags = ["Customer-focused", "Resourceful", "Team player"];

  it("shows every chip when all fit", () => {
    const all = tags.map(w).reduce((a, b) => a + b) + 8;
    expect(fitChips(tags, all, w)).toEqual({ shown: tags, rest: [], squeezed: false });
  });

  it("shows whole chips only, and +N with the rest", () => {
    // Customer-focused = 96+18 = 114; Resourceful = 84; "+2" = 30
    expect(fitChips(tags, 150, w)).toEqual({ shown: ["Customer-focused"], rest: ["Resourceful", "Team player"], squeezed: false });
    // 114 + 4 + 84 + 4 + "+1" (30) = 236
    expect(fitChips(tags, 236, w)).toEqual({ shown: ["Customer-focused", "Resourceful"], rest: ["Team player"], squeezed: false });
    expect(fitChips(tags, 235, w).shown).toEqual(["Customer-focused"]);
  });

  it("never cuts a chip: when not even one fits whole, the first is marked squeezed", () => {
    expect(fitChips(tags, 60, w)).toEqual({ shown: ["Customer-focused"], rest: ["Resourceful", "Team player"], squeezed: true });
    expect(fitChips(["Customer-focused"], 60, w).squeezed).toBe(true);
  });

  it("has nothing to show for no tags", () => {
    expect(fitChips([], 100, w)).toEqual({ shown: [], rest: [], squeezed: false });
  });
});
