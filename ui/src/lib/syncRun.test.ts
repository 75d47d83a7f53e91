// Sync's outcome is said once: as a toast, or inline in a view that shows
// it (Settings) while that view is open. The Rust side is mocked at `ipc`.
import { beforeEach, describe, expect, it, vi } from "vitest";

const syncNow = vi.fn();
const cancelSync = vi.fn();
vi.mock("./ipc", async (orig) => {
  const real = await orig<typeof import("./ipc")>();
  return {
    ...real,
    onSyncProgress: async () => () => {},
    ipc: {
      ...real.ipc,
      syncNow: (...a: unknown[]) => syncNow(...a),
      cancelSync: () => cancelSync(),
      listInterviewers: async () => [],
    },
  };
});

const { app } = await import("./state.svelte");
const { syncRun } = await import("./syncRun.svelte");
const { protect } = await import("./protect.svelte");

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

  it("cancel asks Rust to stop and says nothing fetched is lost", async () => {
    let reject: (e: unknown) => void = () => {};
    syncNow.mockReturnValue(new Promise((_, r) => (reject = r)));
    cancelSync.mockImplementation(async () => {
      reject({ code: "sync_cancelled", message: "sync cancelled: nothing was written" });
      return true;
    });
    const running = syncRun.run();
    await vi.waitFor(() => expect(syncNow).toHaveBeenCalled());
    await syncRun.cancel();
    await running;
    expect(cancelSync).toHaveBeenCalledTimes(1);
    expect(syncRun.running).toBe(false);
    expect(syncRun.cancelling).toBe(false);
    expect(syncRun.error?.code).toBe("sync_cancelled");
    expect(app.toasts.map((t) => [t.text, t.tone])).toEqual([
      ["Sync cancelled — nothing fetched so far is lost; the next sync continues from where this one stopped", "info"],
    ]);
  });

  it("offers the candidates HeyMilo deleted for erasure", async () => {
    syncNow.mockResolvedValue({ ...report, deleted_upstream: ["I7", "I9"] });
    await syncRun.run();
    expect(protect.upstream).toEqual(["I7", "I9"]);
    protect.openErase(protect.upstream, "upstream");
    expect(protect.eraseIds).toEqual(["I7", "I9"]);
    expect(protect.eraseSource).toBe("upstream");
  });
});
