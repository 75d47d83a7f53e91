import { describe, expect, it } from "vitest";
import * as cols from "./columns";

describe("list columns", () => {
  it("exports the visible columns in their order, after name and e-mail", () => {
    expect(cols.csvColumns(["score", "custom:referrer", "stages", "match", "panel", "created"])).toEqual([
      "name",
      "email",
      "score",
      "custom:referrer",
      "status",
      "stages",
      "created",
    ]);
    expect(cols.csvColumns([])).toEqual(["name", "email"]);
  });

  it("stores and restores the choice, dropping what it does not know", () => {
    let p = cols.defaultPrefs();
    p = cols.toggleColumn(p, "video");
    p = cols.moveColumn(p, "video", -1);
    p = cols.setWidth(p, "tags", 9_999);
    p = cols.setWidth(p, "score", 10);
    const back = cols.parsePrefs(cols.serializePrefs(p));
    expect(back).toEqual(p);
    expect(back.visible.slice(-2)).toEqual(["video", "engaged"]);
    expect(back.widths).toEqual({ tags: cols.MAX_WIDTH, score: cols.MIN_WIDTH });
    expect(
      cols.parsePrefs(JSON.stringify({ visible: ["score", "bogus", "score", "custom:x", 3], widths: { score: "wide", bogus: 90, "custom:x": 120 } })),
    ).toEqual({ visible: ["score", "custom:x"], widths: { "custom:x": 120 } });
    expect(cols.parsePrefs("{not json")).toEqual(cols.defaultPrefs());
    expect(cols.parsePrefs(null)).toEqual(cols.defaultPrefs());
  });

  it("moves within bounds and hides a shown column", () => {
    const p = cols.defaultPrefs();
    expect(cols.moveColumn(p, p.visible[0], -1)).toBe(p);
    expect(cols.moveColumn(p, "nope", 1)).toBe(p);
    expect(cols.toggleColumn(p, "score").visible).not.toContain("score");
  });
});
