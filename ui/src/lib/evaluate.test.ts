import { describe, expect, it } from "vitest";
import { evalKeyAction, myStateLabel, panelCell, panelFilterOf, panelFilterQuery, sameInput, toInput } from "./evaluate";

function el(tag: string, type?: string): HTMLElement {
  const e = document.createElement(tag);
  if (type) (e as HTMLInputElement).type = type;
  return e;
}

const draft = { editable: true, hasRecommendation: true };

describe("Evaluate panel keys", () => {
  it("1–4 choose Strong No → Strong Yes outside text fields", () => {
    expect(evalKeyAction({ key: "1", target: document.body }, draft)).toEqual({ kind: "recommend", value: "strong_no" });
    expect(evalKeyAction({ key: "2" }, draft)).toEqual({ kind: "recommend", value: "no" });
    expect(evalKeyAction({ key: "3", target: el("button") }, draft)).toEqual({ kind: "recommend", value: "yes" });
    expect(evalKeyAction({ key: "4", target: el("input", "radio") }, draft)).toEqual({ kind: "recommend", value: "strong_yes" });
    expect(evalKeyAction({ key: "5" }, draft)).toBeNull();
  });
  it("never takes digits typed into a text field or the comment", () => {
    expect(evalKeyAction({ key: "3", target: el("textarea") }, draft)).toBeNull();
    expect(evalKeyAction({ key: "3", target: el("input", "text") }, draft)).toBeNull();
    expect(evalKeyAction({ key: "4", target: el("select") }, draft)).toBeNull();
  });
  it("Enter submits outside text fields, and not from a button or an empty form", () => {
    expect(evalKeyAction({ key: "Enter", target: document.body }, draft)).toEqual({ kind: "submit" });
    expect(evalKeyAction({ key: "Enter", target: el("button") }, draft)).toBeNull();
    expect(evalKeyAction({ key: "Enter", target: el("a") }, draft)).toBeNull();
    expect(evalKeyAction({ key: "Enter", target: el("textarea") }, draft)).toBeNull();
    expect(evalKeyAction({ key: "Enter", target: document.body }, { editable: true, hasRecommendation: false })).toBeNull();
  });
  it("Ctrl/⌘+Enter submits from the comment only", () => {
    expect(evalKeyAction({ key: "Enter", ctrlKey: true, target: el("textarea") }, draft)).toEqual({ kind: "submit" });
    expect(evalKeyAction({ key: "Enter", metaKey: true, target: el("textarea") }, draft)).toEqual({ kind: "submit" });
    expect(evalKeyAction({ key: "Enter", ctrlKey: true, target: document.body }, draft)).toBeNull();
    expect(evalKeyAction({ key: "3", ctrlKey: true }, draft)).toBeNull();
    expect(evalKeyAction({ key: "3", altKey: true }, draft)).toBeNull();
  });
  it("does nothing once submitted (until Amend)", () => {
    const done = { editable: false, hasRecommendation: true };
    expect(evalKeyAction({ key: "2" }, done)).toBeNull();
    expect(evalKeyAction({ key: "Enter" }, done)).toBeNull();
    expect(evalKeyAction({ key: "Enter", ctrlKey: true, target: el("textarea") }, done)).toBeNull();
  });
});

describe("evaluation input", () => {
  it("drops unrated and out-of-range questions", () => {
    expect(toInput("yes", { q1: 3, q2: null, q3: undefined, q4: 9 }, "ok")).toEqual({
      recommendation: "yes",
      ratings: { q1: 3 },
      comment: "ok",
    });
  });
  it("compares inputs regardless of key order and trailing spaces", () => {
    expect(sameInput(toInput("no", { a: 1, b: 2 }, "x "), toInput("no", { b: 2, a: 1 }, "x"))).toBe(true);
    expect(sameInput(toInput("no", { a: 1 }, "x"), toInput("yes", { a: 1 }, "x"))).toBe(false);
  });
});

describe("panel column", () => {
  const summary = { strong_no: 0, no: 1, yes: 3, strong_yes: 0, no_decision: 0, pending: 1, split: true, label: "3 Yes · 1 No · 1 pending" };
  it("shows the counts the core sent", () => {
    expect(panelCell({ panel: summary, my_evaluation: { recommendation: "yes", submitted: true } })).toEqual({
      text: "3 Yes · 1 No · 1 pending",
      title: "Panel: 3 Yes · 1 No · 1 pending",
      split: true,
    });
  });
  it("shows only your own state while blind", () => {
    const c = panelCell({ panel: null, my_evaluation: { recommendation: "no", submitted: false } });
    expect(c.text).toBe("You: No (draft)");
    expect(c.text).not.toMatch(/\d/);
    expect(panelCell({ panel: null, my_evaluation: null }).text).toBe("—");
    expect(myStateLabel(null)).toBe("You: not rated");
  });
  it("maps the filters to the query and back", () => {
    expect(panelFilterQuery("strong_yes_2")).toEqual({ panel_min_strong_yes: 2, panel_split: false });
    expect(panelFilterQuery("split")).toEqual({ panel_min_strong_yes: null, panel_split: true });
    expect(panelFilterQuery("none")).toEqual({ panel_min_strong_yes: null, panel_split: false });
    for (const f of ["none", "strong_yes_2", "split"] as const) expect(panelFilterOf(panelFilterQuery(f))).toBe(f);
  });
});

import { teamLine } from "./team.svelte";
describe("team indicator line", () => {
  const base = {
    configured: true,
    connected: true,
    error: null,
    pushed: 0,
    fetched: 0,
    applied: 0,
    waiting_to_push: 0,
    waiting_for_import: 0,
    last_pull_at: "2026-01-01T00:00:00Z",
  };
  it("says connected or offline, last pull and waiting events", () => {
    const rel = () => "2 min ago";
    expect(teamLine(null, rel)).toBe("No team");
    expect(teamLine(base, rel)).toBe("Connected · pulled 2 min ago");
    expect(teamLine({ ...base, connected: false, waiting_to_push: 3, last_pull_at: null }, rel)).toBe(
      "Offline · never pulled · 3 waiting to push",
    );
  });
});
