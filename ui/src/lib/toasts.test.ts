import { describe, expect, it } from "vitest";
import { MAX_TOASTS, pushToast, toastDuration, type Toast } from "./toasts";

const t = (id: number, text: string, extra: Partial<Toast> = {}) => ({ id, text, tone: "info" as const, ...extra });

describe("toasts", () => {
  it("coalesces a group into one toast that counts up", () => {
    let l: Toast[] = [];
    l = pushToast(l, t(1, "CSV saved to /a.csv", { group: "saved", tone: "good" }));
    l = pushToast(l, t(2, "JSON saved to /b.json", { group: "saved", tone: "good" }));
    l = pushToast(l, t(3, "Feedback saved to /c.csv", { group: "saved", tone: "good" }));
    expect(l).toHaveLength(1);
    expect(l[0]).toMatchObject({ id: 3, text: "Feedback saved to /c.csv", count: 3 });
  });

  it("merges repeats of the same text but never an undo offer", () => {
    let l: Toast[] = [];
    l = pushToast(l, t(1, "Nothing to undo"));
    l = pushToast(l, t(2, "Nothing to undo"));
    expect(l).toEqual([{ ...t(2, "Nothing to undo"), count: 2 }]);
    const undo = { entries: [] };
    l = pushToast([], t(1, "Shortlisted", { undo }));
    l = pushToast(l, t(2, "Shortlisted", { undo }));
    expect(l.map((x) => x.id)).toEqual([1, 2]);
  });

  it("keeps only the newest few", () => {
    let l: Toast[] = [];
    for (let i = 1; i <= 5; i++) l = pushToast(l, t(i, `message ${i}`));
    expect(l.map((x) => x.id)).toEqual([4, 5]);
    expect(l.length).toBe(MAX_TOASTS);
  });

  it("gives errors, undo offers and long messages more time", () => {
    expect(toastDuration({ text: "Saved", tone: "good" })).toBe(4000);
    expect(toastDuration({ text: "Failed", tone: "bad" })).toBe(7000);
    expect(toastDuration({ text: "Shortlisted", tone: "good", undo: { entries: [] } })).toBe(8000);
    expect(toastDuration({ text: "x".repeat(120), tone: "info" })).toBe(9200);
    expect(toastDuration({ text: "x".repeat(1000), tone: "info" })).toBe(10000);
  });
});
