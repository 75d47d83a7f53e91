import { describe, expect, it } from "vitest";
import { fromMarked, highlight, terms } from "./highlight";

const marked = (segs: { text: string; mark: boolean }[]) =>
  segs.filter((s) => s.mark).map((s) => s.text);

describe("highlight", () => {
  it("marks every occurrence, case-insensitively, and keeps the text intact", () => {
    const segs = highlight("Forklift certified; FORKLIFT driver", "forklift");
    expect(segs.map((s) => s.text).join("")).toBe("Forklift certified; FORKLIFT driver");
    expect(marked(segs)).toEqual(["Forklift", "FORKLIFT"]);
  });
  it("folds accents so 'jose' finds 'José'", () => {
    expect(marked(highlight("José Álvarez", "jose alvarez"))).toEqual(["José", "Álvarez"]);
  });
  it("handles other scripts", () => {
    expect(marked(highlight("Меня зовут Анна", "анна"))).toEqual(["Анна"]);
    expect(marked(highlight("我在北京工作", "北京"))).toEqual(["北京"]);
  });
  it("treats markup in candidate text as text", () => {
    const segs = highlight("<img src=x onerror=alert(1)>", "img");
    expect(segs.map((s) => s.text).join("")).toBe("<img src=x onerror=alert(1)>");
    expect(marked(segs)).toEqual(["img"]);
  });
  it("merges overlapping terms and ignores 1-letter words", () => {
    expect(marked(highlight("warehouse", "ware house"))).toEqual(["warehouse"]);
    expect(terms("a bb Bb c")).toEqual(["bb"]);
    expect(highlight("abc", "")).toEqual([{ text: "abc", mark: false }]);
  });
});

describe("fromMarked", () => {
  it("turns core snippet markers into segments", () => {
    expect(fromMarked("…worked a \u0002forklift\u0003 daily", "\u0002", "\u0003")).toEqual([
      { text: "…worked a ", mark: false },
      { text: "forklift", mark: true },
      { text: " daily", mark: false },
    ]);
  });
  it("survives an unclosed marker", () => {
    expect(fromMarked("a [b", "[", "]")).toEqual([
      { text: "a ", mark: false },
      { text: "b", mark: true },
    ]);
  });
});
