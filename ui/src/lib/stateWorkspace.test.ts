// Switching workspace: the previous workspace's toasts (an Undo offer among
// them) go, the new one is named as the menu names it, and the first-run
// demo is remembered as such. Rust is mocked at `ipc`.
import { describe, expect, it, vi } from "vitest";

const calls: Record<string, (...a: unknown[]) => unknown> = {};
vi.mock("./ipc", async (orig) => {
  const real = await orig<typeof import("./ipc")>();
  return {
    ...real,
    ipc: new Proxy({} as Record<string, unknown>, {
      get: (_t, k: string) => (...a: unknown[]) => Promise.resolve(calls[k] ? calls[k](...a) : null),
    }),
  };
});

const { app } = await import("./state.svelte");

describe("workspace switch", () => {
  it("clears the previous workspace's toasts and their timers", async () => {
    vi.useFakeTimers();
    try {
      calls.listInterviewers = () => [];
      calls.appInfo = () => ({ version: "0", workspace: "/tmp/shortlist-e2e-q/ws", demo_loaded: true, media_base: "", native_audio: false });
      await app.start();
      expect(app.demoPaths).toEqual(["/tmp/shortlist-e2e-q/ws"]);

      app.toast("Åsa Sjöberg shortlisted", "good", { entries: [] });
      app.toast("CSV saved to /tmp/a.csv", "good", undefined, "saved");
      expect(app.toasts).toHaveLength(2);

      const next = { path: "/home/ana/.tmpZx81Qa", name: ".tmpZx81Qa", empty: true, recent: [] };
      calls.appInfo = () => ({ version: "0", workspace: next.path, demo_loaded: false, media_base: "", native_audio: false });
      await app.switchWorkspace(async () => next);
      expect(app.toasts.map((t) => t.text)).toEqual(["Opened workspace “Temporary workspace”"]);
      // The old toasts' timers were cleared: only the new toast's is left.
      expect(vi.getTimerCount()).toBe(1);
      expect(app.workspaceLabel("/tmp/shortlist-e2e-q/ws", "ws")).toBe("Demo workspace");
    } finally {
      vi.useRealTimers();
    }
  });

  it("keeps the toasts when the switch is cancelled", async () => {
    app.clearToasts();
    app.toast("Saved", "good");
    await app.switchWorkspace(async () => null);
    expect(app.toasts.map((t) => t.text)).toEqual(["Saved"]);
    app.clearToasts();
  });
});
