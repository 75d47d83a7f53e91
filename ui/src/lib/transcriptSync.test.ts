import { describe, expect, it } from "vitest";
import { activeLine, formatClock, markerPercent, skip } from "./transcriptSync";

describe("activeLine", () => {
  const starts = [0, 4.5, 9, 9, 20];
  it("finds the last line that started", () => {
    expect(activeLine(starts, 0)).toBe(0);
    expect(activeLine(starts, 4.49)).toBe(0);
    expect(activeLine(starts, 4.5)).toBe(1);
    expect(activeLine(starts, 12)).toBe(3);
    expect(activeLine(starts, 500)).toBe(4);
  });
  it("is -1 before the first line, for NaN and for empty transcripts", () => {
    expect(activeLine([2, 3], 1)).toBe(-1);
    expect(activeLine(starts, NaN)).toBe(-1);
    expect(activeLine([], 3)).toBe(-1);
  });
});

describe("player helpers", () => {
  it("skips within the recording", () => {
    expect(skip(5, -10, 60)).toBe(0);
    expect(skip(55, 10, 60)).toBe(60);
    expect(skip(20, 10, NaN)).toBe(30);
  });
  it("places markers and formats clocks", () => {
    expect(markerPercent(30, 120)).toBe(25);
    expect(markerPercent(200, 120)).toBe(100);
    expect(markerPercent(1, 0)).toBeNull();
    expect(formatClock(65.9)).toBe("1:05");
    expect(formatClock(3725)).toBe("1:02:05");
    expect(formatClock(NaN)).toBe("0:00");
  });
});
