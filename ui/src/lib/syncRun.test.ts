// Sync's outcome is said once: as a toast, or inline in a view that shows
// it (Settings) while that view is open. The Rust side is mocked at `ipc`.
import { beforeEach, describe, expect, it, vi } from "vitest";

const syncNow = vi.fn();
vi.mock("./ipc", async (orig) => {
  const real = await orig<typeof import("./ipc")>();
  return {
    ...real,
    onSyncProgress: async () => () => {},
    ipc: {
      ...real.ipc,
      syncNow: (...a: unknown[]) => syncNow(...a),
      listInterviewers: async () => [],
    },
  };
});

const { app } = await import("./state.svelte");
const { syncRun } = await import("./syncRun.svelte");

const report = {
  postings: 1,
  candidates: 3,
  interviews: 3,
  not_ready: [],
  media_downloaded: 0,
  media_failed: [],
  waited_secs: 0,
  import: null,
};

describe("sync outcome", () => {
  beforeEach(() => {
    syncNow.mockReset();
    app.toasts = [];
  });

  it("toasts the error when no view shows it", async () => {
    syncNow.mockRejectedValue({ code: "sync_auth", message: "The API key was refused." });
    await syncRun.run();
    expect(syncRun.error?.code).toBe("sync_auth");
    expect(app.toasts.map((t) => t.text)).toEqual(["The API key was refused."]);
  });

  it("does not toast while Settings shows it inline, and toasts again once it closes", async () => {
    syncNow.mockRejectedValue({ code: "sync_auth", message: "The API key was refused." });
    const release = syncRun.showInline();
    await syncRun.run();
    expect(syncRun.error?.message).toBe("The API key was refused.");
    expect(app.toasts).toEqual([]);
    release();
    release(); // a second release changes nothing
    syncNow.mockResolvedValue(report);
    await syncRun.run();
    expect(syncRun.error).toBeNull();
    expect(app.toasts.length).toBe(1);
  });
});
