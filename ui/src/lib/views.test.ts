import { describe, expect, it } from "vitest";
import { defaultQuery } from "./ipc";
import { defaultPrefs } from "./columns";
import * as views from "./views";

describe("saved views", () => {
  it("capture filters, search, sort and columns; apply them to the interviewer from the first page", () => {
    const q = { ...defaultQuery("p1"), search: "ana", status: "completed", min_score: 60, sort: "score" as const, descending: true, offset: 300 };
    const cols = { visible: ["score", "tags"], widths: { tags: 200 } };
    const v = views.captureView("  Top completed ", q, cols);
    expect(v.name).toBe("Top completed");
    expect(v.query).not.toHaveProperty("posting_id");
    expect(v.query).not.toHaveProperty("offset");
    expect(v.columns).toEqual(cols);
    const back = views.applyView(v, "p1", defaultQuery("p1"));
    expect(back).toEqual({ ...q, offset: 0, limit: defaultQuery("p1").limit });
    // Stored and read back.
    const s = views.serializeViews([v]);
    expect(s.ok).toBe(true);
    expect(views.parseViews(s.ok ? s.value : "")).toEqual([v]);
  });

  it("create, rename, delete by name; names are checked", () => {
    const q = defaultQuery("p1");
    let list = views.upsert([], views.captureView("B", q, defaultPrefs()));
    list = views.upsert(list, views.captureView("A", q, defaultPrefs()));
    expect(list.map((v) => v.name)).toEqual(["A", "B"]);
    expect(views.checkName(list, "a")).toMatch(/exists/);
    expect(views.checkName(list, "A", "A")).toBeNull();
    expect(views.checkName(list, "  ")).toMatch(/name/);
    expect(views.checkName(list, "x".repeat(61))).toMatch(/60/);
    list = views.rename(list, "B", "0 first");
    expect(list.map((v) => v.name)).toEqual(["0 first", "A"]);
    list = views.remove(list, "A");
    expect(list.map((v) => v.name)).toEqual(["0 first"]);
  });

  it("keys are valid setting keys; too many views do not fit", () => {
    expect(views.viewsKey("pst_627")).toBe("ui.views.pst_627");
    const k = views.viewsKey("ünï/cøde id");
    expect(k).toMatch(/^ui\.views\.h[0-9a-f]+$/);
    expect(views.viewsKey("ünï/cøde id")).toBe(k);
    const q = defaultQuery("p1");
    const many = Array.from({ length: 40 }, (_, i) => views.captureView(`View ${i}`, { ...q, search: "x".repeat(40) }, defaultPrefs()));
    const s = views.serializeViews(many);
    expect(s.ok).toBe(false);
    expect(views.parseViews("[{\"name\": 3}, {\"name\": \"ok\", \"query\": {}}]").map((v) => v.name)).toEqual(["ok"]);
    expect(views.parseViews("nope")).toEqual([]);
  });
});
