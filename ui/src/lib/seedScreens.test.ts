import { describe, expect, it } from "vitest";
import { askedLabel, flag, headerActions, subscriberCount, weightLabel } from "./seedScreens";
import { moveFocus } from "./rowMenu";

describe("seed screens", () => {
  it("reads a stored flag", () => {
    expect(flag("1")).toBe(true);
    expect(flag("true")).toBe(true);
    expect(flag("0")).toBe(false);
    expect(flag(null)).toBe(false);
    expect(flag("yes")).toBe(false);
  });

  it("labels a question's weight with its share", () => {
    expect(weightLabel(2, [2, 1, 1])).toBe("Weight 2 · 50 %");
    expect(weightLabel(1.5, [1.5, 1.5])).toBe("Weight 1.5 · 50 %");
    expect(weightLabel(0, [0, 1])).toBe("Weight 0");
    expect(weightLabel(1, [])).toBe("Weight 1");
  });

  it("says how often a question was asked and unscored", () => {
    expect(askedLabel(1, 0)).toBe("On 1 scorecard");
    expect(askedLabel(3, 1)).toBe("On 3 scorecards · unscored on 1");
  });

  it("counts subscribers in words", () => {
    expect(subscriberCount(0)).toBe("No subscribers");
    expect(subscriberCount(1)).toBe("1 subscriber");
    expect(subscriberCount(4)).toBe("4 subscribers");
  });

  it("disables candidate actions when there are none, and sync while syncing", () => {
    const empty = headerActions({ candidates: 0, syncing: true });
    const by = Object.fromEntries(empty.map((a) => [a.action, a.disabled]));
    expect(by.sync).toBe("A sync is running");
    expect(by.csv).toBe("No candidates yet");
    expect(by.report).toBe("No candidates yet");
    expect(by.outbox).toBeNull();
    expect(headerActions({ candidates: 5, syncing: false }).every((a) => a.disabled === null)).toBe(true);
  });

  it("moves focus over enabled items only, wrapping", () => {
    const en = [false, true, true, false, true];
    expect(moveFocus("ArrowDown", -1, en)).toBe(1);
    expect(moveFocus("ArrowDown", 1, en)).toBe(2);
    expect(moveFocus("ArrowDown", 2, en)).toBe(4);
    expect(moveFocus("ArrowDown", 4, en)).toBe(1);
    expect(moveFocus("ArrowUp", 1, en)).toBe(4);
    expect(moveFocus("Home", 4, en)).toBe(1);
    expect(moveFocus("End", 1, en)).toBe(4);
    expect(moveFocus("x", 2, en)).toBe(2);
    expect(moveFocus("ArrowDown", 0, [false, false])).toBe(-1);
  });
});
