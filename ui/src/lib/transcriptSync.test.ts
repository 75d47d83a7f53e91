import { describe, expect, it } from "vitest";
import { activeLine, formatClock, markerPercent, notesByLine, skip } from "./transcriptSync";

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

describe("notesByLine", () => {
  const starts = [0.6, 4.4, 7.7, 10];
  const note = (id: number, at: number | null) => ({ id, at_seconds: at });
  it("puts each timed note beside the line spoken at its time, in time order", () => {
    const m = notesByLine(starts, [note(1, 9.9), note(2, 4.4), note(3, 8), note(4, 30)]);
    expect([...m.keys()].sort()).toEqual([1, 2, 3]);
    expect(m.get(1)!.map((n) => n.id)).toEqual([2]);
    expect(m.get(2)!.map((n) => n.id)).toEqual([3, 1]);
    expect(m.get(3)!.map((n) => n.id)).toEqual([4]);
  });
  it("puts a note before the first line beside the first, skips untimed notes", () => {
    const m = notesByLine(starts, [note(1, 0), note(2, null)]);
    expect(m.get(0)!.map((n) => n.id)).toEqual([1]);
    expect(m.size).toBe(1);
  });
  it("is empty without lines", () => {
    expect(notesByLine([], [note(1, 3)]).size).toBe(0);
  });
});
