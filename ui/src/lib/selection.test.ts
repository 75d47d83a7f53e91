import { describe, expect, it } from "vitest";
import type { CandidateQuery } from "./gen/CandidateQuery";
import * as sel from "./selection";

const query = (over: Partial<CandidateQuery> = {}): CandidateQuery => ({
  posting_id: "p1",
  search: "ana",
  view: "all",
  status: "completed",
  decision: null,
  stage_kind: null,
  stage_status: null,
  min_score: 50,
  max_score: null,
  tags: [],
  cohort: null,
  flagged: null,
  panel_min_strong_yes: null,
  panel_split: false,
  sort: "score",
  descending: true,
  offset: 200,
  limit: 100,
  ...over,
});

describe("list selection", () => {
  it("ticks rows one by one and sends their ids", () => {
    const s = sel.emptySelection();
    sel.toggle(s, "a");
    sel.toggle(s, "b");
    sel.toggle(s, "a");
    expect(sel.isSelected(s, "b")).toBe(true);
    expect(sel.isSelected(s, "a")).toBe(false);
    expect(sel.target(s, query(), 500)).toEqual({ interviewIds: ["b"], matching: null, count: 1 });
  });

  it("offers Select all N matching only once every rendered row is ticked and more match", () => {
    const s = sel.emptySelection();
    const rendered = ["a", "b", "c"];
    expect(sel.offerAll(s, rendered, 10)).toBe(false);
    sel.setRendered(s, rendered, true);
    expect(sel.allRenderedSelected(s, rendered)).toBe(true);
    expect(sel.offerAll(s, rendered, 10)).toBe(true);
    // Everything already ticked: nothing more to offer.
    expect(sel.offerAll(s, rendered, 3)).toBe(false);
    sel.selectAll(s);
    expect(sel.offerAll(s, rendered, 10)).toBe(false);
  });

  it("after Select all, sends the filter (not ids) minus the unticked", () => {
    const s = sel.emptySelection();
    sel.setRendered(s, ["a", "b"], true);
    sel.selectAll(s);
    expect(s.ids.size).toBe(0);
    expect(sel.isSelected(s, "zzz")).toBe(true);
    sel.toggle(s, "b");
    expect(sel.isSelected(s, "b")).toBe(false);
    expect(sel.count(s, 100_000)).toBe(99_999);
    const t = sel.target(s, query(), 100_000);
    expect(t.interviewIds).toEqual([]);
    expect(t.count).toBe(99_999);
    // The list's filter, search and sort; every page, not the rendered one.
    expect(t.matching).toEqual({ query: query({ offset: 0, limit: 0 }), except: ["b"] });
    // The header checkbox unticks the rendered rows into `except`.
    sel.setRendered(s, ["c", "d"], false);
    expect(sel.count(s, 100_000)).toBe(99_997);
    sel.setRendered(s, ["c"], true);
    expect(sel.count(s, 100_000)).toBe(99_998);
    sel.clear(s);
    expect(sel.count(s, 100_000)).toBe(0);
    expect(sel.target(s, query(), 100_000).matching).toBeNull();
  });

  it("everyone in view is the whole filter, uncapped", () => {
    const t = sel.everyone(query(), 4_321);
    expect(t.count).toBe(4_321);
    expect(t.matching?.query.limit).toBe(0);
    expect(t.matching?.except).toEqual([]);
  });
});
