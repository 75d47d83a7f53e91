import { describe, expect, it } from "vitest";
import { decisionLabel, flagNames, leader, nextDecision, undoable } from "./compare";

describe("compare rows", () => {
  it("toggles a decision like the profile", () => {
    expect(nextDecision("pending", "shortlisted")).toBe("shortlisted");
    expect(nextDecision("shortlisted", "shortlisted")).toBe("pending");
    expect(nextDecision("shortlisted", "dismissed")).toBe("dismissed");
    expect(decisionLabel("dismissed")).toBe("Dismissed");
  });

  it("names flags by kind with their count", () => {
    expect(flagNames([])).toBe("");
    expect(flagNames([{ kind: "tab_switching", count: 2 }, { kind: "ai_scripted_answer", count: 1 }])).toBe("Tab switching ×2, Ai scripted answer");
  });

  it("marks a single leader, never a tie", () => {
    expect(leader([82, 64, null])).toBe(0);
    expect(leader([70, 70])).toBeNull();
    expect(leader([70, null])).toBeNull();
    expect(leader([null, 10, 90])).toBe(2);
  });

  it("offers Undo only while the change still stands", () => {
    const change = { entries: [{ interview_id: "a", previous: null, decision: "shortlisted" as const }] };
    expect(undoable(change, { interview_id: "a", decision: "shortlisted", decided_here: true })).toBe(true);
    expect(undoable(change, { interview_id: "a", decision: "pending", decided_here: false })).toBe(false);
    expect(undoable(change, { interview_id: "a", decision: "dismissed", decided_here: true })).toBe(false);
    expect(undoable(change, { interview_id: "b", decision: "shortlisted", decided_here: true })).toBe(false);
    expect(undoable(undefined, { interview_id: "a", decision: "shortlisted", decided_here: true })).toBe(false);
  });
});
