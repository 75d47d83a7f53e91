import { describe, expect, it } from "vitest";
import { findMatches, firstFrom, foldSameLength, matchesByLine, matchLabel, segmentsFor, stepMatch } from "./transcriptFind";

const lines = ["I drove a forklift for years.", "No FORKLIFT today", "José said: forklift, forklift!", ""];

describe("findMatches", () => {
  it("finds every occurrence in order, case-insensitively", () => {
    const m = findMatches(lines, "forklift");
    expect(m.map((x) => [x.line, lines[x.line].slice(x.start, x.end)])).toEqual([
      [0, "forklift"],
      [1, "FORKLIFT"],
      [2, "forklift"],
      [2, "forklift"],
    ]);
  });
  it("folds accents with offsets valid in the original text", () => {
    const m = findMatches(["Señor José Álvarez"], "jose alvarez");
    expect(m).toHaveLength(1);
    expect("Señor José Álvarez".slice(m[0].start, m[0].end)).toBe("José Álvarez");
    // decomposed input keeps its length
    const nfd = "Jose\u0301 x";
    expect(foldSameLength(nfd)).toHaveLength(nfd.length);
  });
  it("treats the query as a phrase: trimmed, inner spaces collapsed", () => {
    expect(findMatches(["a  drove   a b"], "  drove a ")).toHaveLength(0);
    expect(findMatches(["I drove a car"], "  drove   a ")).toHaveLength(1);
  });
  it("finds nothing for an empty query and does not overlap", () => {
    expect(findMatches(lines, "   ")).toEqual([]);
    expect(findMatches(["aaaa"], "aa").map((m) => m.start)).toEqual([0, 2]);
  });
  it("treats markup and regex characters as text", () => {
    const m = findMatches(["<b>(x)*</b>"], "(x)*");
    expect(m).toEqual([{ line: 0, start: 3, end: 7 }]);
  });
});

describe("segmentsFor", () => {
  it("cuts a line into plain and marked pieces that rebuild the text", () => {
    const m = findMatches(lines, "forklift");
    const by = matchesByLine(m);
    const segs = segmentsFor(lines[2], m, by.get(2)!);
    expect(segs.map((s) => s.text).join("")).toBe(lines[2]);
    expect(segs.filter((s) => s.mark).map((s) => s.match)).toEqual([2, 3]);
    expect(segs[0]).toEqual({ text: "José said: ", mark: false, match: null });
  });
  it("a line without matches is one plain piece", () => {
    expect(segmentsFor("abc", [], [])).toEqual([{ text: "abc", mark: false, match: null }]);
  });
});

describe("stepping", () => {
  it("wraps around both ways", () => {
    expect(stepMatch(0, 3, 1)).toBe(1);
    expect(stepMatch(2, 3, 1)).toBe(0);
    expect(stepMatch(0, 3, -1)).toBe(2);
    expect(stepMatch(-1, 3, -1)).toBe(2);
    expect(stepMatch(-1, 3, 1)).toBe(0);
    expect(stepMatch(0, 0, 1)).toBe(-1);
  });
  it("starts at the first match from the playing line", () => {
    const m = findMatches(lines, "forklift");
    expect(firstFrom(m, 1)).toBe(1);
    expect(firstFrom(m, 3)).toBe(0);
    expect(firstFrom([], 0)).toBe(-1);
  });
  it("labels the count", () => {
    expect(matchLabel("", -1, 0)).toBe("");
    expect(matchLabel("zz", -1, 0)).toBe("No matches");
    expect(matchLabel("x", 2, 12)).toBe("3 of 12");
  });
});
