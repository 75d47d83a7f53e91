import { describe, expect, it } from "vitest";
import { computeWindow, pagesFor, scrollToReveal } from "./virtual";

describe("computeWindow", () => {
  it("renders only the visible rows plus overscan, even for 100,000 rows", () => {
    const w = computeWindow(48_000, 600, 48, 100_000, 5);
    expect(w.start).toBe(995);
    expect(w.end).toBe(1000 + 14 + 5);
    expect(w.end - w.start).toBeLessThan(30);
    expect(w.offset).toBe(995 * 48);
    expect(w.height).toBe(4_800_000);
  });
  it("clamps at the top and the bottom", () => {
    expect(computeWindow(-50, 600, 50, 1000, 2).start).toBe(0);
    const bottom = computeWindow(10_000_000, 600, 50, 1000, 2);
    expect(bottom.end).toBe(1000);
    expect(bottom.start).toBeGreaterThan(980);
  });
  it("handles empty lists and lists shorter than the viewport", () => {
    expect(computeWindow(0, 600, 50, 0)).toEqual({ start: 0, end: 0, offset: 0, height: 0 });
    const w = computeWindow(0, 600, 50, 3);
    expect([w.start, w.end]).toEqual([0, 3]);
  });
});

describe("pagesFor / scrollToReveal", () => {
  it("lists page indexes covering a range", () => {
    expect(pagesFor(0, 10, 200)).toEqual([0]);
    expect(pagesFor(190, 210, 200)).toEqual([0, 1]);
    expect(pagesFor(5, 5, 200)).toEqual([]);
  });
  it("moves the scroll position minimally", () => {
    expect(scrollToReveal(10, 0, 500, 50)).toBe(50);
    expect(scrollToReveal(2, 200, 500, 50)).toBe(100);
    expect(scrollToReveal(5, 100, 500, 50)).toBe(100);
  });
});
