// App state around import: a drop asks before importing, a refused drop
// says why, the import dialog appears only once work has started, and a
// cancelled import leaves no dialog. The Rust side is mocked at `ipc`.
import { beforeEach, describe, expect, it, vi } from "vitest";

const importData = vi.fn();
const listCandidates = vi.fn();
const setDecision = vi.fn();
vi.mock("./ipc", async (orig) => {
  const real = await orig<typeof import("./ipc")>();
  return {
    ...real,
    ipc: {
      ...real.ipc,
      importData: (...a: unknown[]) => importData(...a),
      listCandidates: (...a: unknown[]) => listCandidates(...a),
      setDecision: (...a: unknown[]) => setDecision(...a),
      undoDecision: async () => undefined,
      listInterviewers: async () => [],
      workspaceOverview: async () => ({ path: "/w", name: "w", empty: false, recent: [] }),
    },
  };
});

const { app } = await import("./state.svelte");

const summary = {
  postings: { added: 0, updated: 0, unchanged: 0 },
  candidates: { added: 2, updated: 0, unchanged: 0 },
  interviews: { added: 0, updated: 0, unchanged: 0 },
  extensions: { added: 0, updated: 0, unchanged: 0 },
  media: { added: 0, updated: 0, unchanged: 0 },
};

describe("import state", () => {
  beforeEach(() => {
    importData.mockReset();
    app.importJob = null;
    app.dropOffer = null;
    app.toasts = [];
  });

  it("asks before importing a drop, then imports what Rust kept", async () => {
    app.dragging = true;
    app.offerDrop({ name: "export.zip", refused: null });
    expect(app.dragging).toBe(false);
    expect(app.dropOffer?.name).toBe("export.zip");
    expect(importData).not.toHaveBeenCalled();
    importData.mockResolvedValue({ source: "export.zip", summary, noop: false });
    await app.confirmDrop();
    expect(importData).toHaveBeenCalledWith("dropped");
    expect(app.dropOffer).toBeNull();
    expect(app.importJob?.status).toBe("done");
  });

  it("says why a drop is refused and offers nothing", () => {
    app.offerDrop({ name: "cv.pdf", refused: "cv.pdf is not an export" });
    expect(app.dropOffer).toBeNull();
    expect(app.toasts.at(-1)?.text).toBe("cv.pdf is not an export");
    expect(app.toasts.at(-1)?.tone).toBe("bad");
  });

  it("shows progress only once the import has started", async () => {
    let resolve!: (v: unknown) => void;
    importData.mockReturnValue(new Promise((r) => (resolve = r)));
    const run = app.runImport("folder");
    expect(app.importJob?.status).toBe("picking");
    app.importProgress({ phase: "parsing", done: 3, total: 10 });
    expect(app.importJob).toMatchObject({ status: "running", progress: { phase: "parsing", done: 3 } });
    resolve({ source: "x", summary, noop: false });
    await run;
    expect(app.importJob?.status).toBe("done");
  });

  it("a cancelled dialog or a cancelled import leaves no dialog", async () => {
    importData.mockResolvedValue(null);
    await app.runImport("file");
    expect(app.importJob).toBeNull();
    importData.mockRejectedValue({ code: "import_cancelled", message: "import cancelled; nothing was written" });
    await app.runImport("file");
    expect(app.importJob).toBeNull();
    expect(app.toasts.at(-1)?.text).toMatch(/nothing was written/);
  });

  it("keeps every problem of a refused import", async () => {
    importData.mockRejectedValue({
      code: "import_invalid",
      message: "import refused",
      problems: [{ file: "interviews/I9.json", record: "I9", field: "score", message: "bad" }],
    });
    await app.runImport("folder");
    expect(app.importJob).toMatchObject({ status: "failed" });
    const job = app.importJob as { status: "failed"; error: { problems: unknown[] } };
    expect(job.error.problems).toHaveLength(1);
  });
});

describe("first page prefetch", () => {
  beforeEach(() => listCandidates.mockReset());

  it("asks for an interviewer's first page when it opens, and hands it over once", async () => {
    const page = { rows: [], total: 0, view_counts: { all: 0, completed: 0, shortlisted: 0, dismissed: 0 } };
    listCandidates.mockResolvedValue(page);
    app.openInterviewer("p1");
    expect(listCandidates).toHaveBeenCalledTimes(1);
    expect(listCandidates.mock.calls[0][0]).toMatchObject({ posting_id: "p1", offset: 0 });
    const q = { ...app.query, offset: 0, limit: app.query.limit };
    const early = app.takePrefetched(q);
    expect(await early?.page).toBe(page);
    expect(early?.askedAt).toBeLessThanOrEqual(performance.now());
    expect(app.takePrefetched(q)).toBeNull();
  });

  it("is not used for another query or after the data changed", () => {
    listCandidates.mockResolvedValue(null);
    app.openInterviewer("p1");
    expect(app.takePrefetched({ ...app.query, search: "ana" })).toBeNull();
    app.openInterviewer("p1");
    app.dataVersion++;
    expect(app.takePrefetched({ ...app.query })).toBeNull();
  });
});

describe("what the notification bell reloads on", () => {
  it("every data change but a decision or its undo", async () => {
    setDecision.mockResolvedValue({ interview_ids: ["i1"], before: [], after: "shortlisted" });
    const start = app.notifyVersion;
    const data = app.dataVersion;
    await app.decide(["i1"], "shortlisted");
    expect(app.dataVersion).toBe(data + 1);
    expect(app.notifyVersion).toBe(start);
    await app.undo();
    expect(app.dataVersion).toBe(data + 2);
    expect(app.notifyVersion).toBe(start);
    app.dataVersion++; // an import, a sync, a threshold
    expect(app.notifyVersion).toBe(start + 1);
  });
});
