import { describe, expect, it } from "vitest";
import { apiUrlError, emlSummary, keySourceLabel, syncPhaseLabel, syncSummary } from "./sync";
import type { SyncReport } from "./ipc";

const report = (over: Partial<SyncReport> = {}): SyncReport => ({
  postings: 1,
  candidates: 2,
  interviews: 2,
  fetched: 2,
  resumed: 0,
  unchanged: 0,
  skipped: [],
  deleted_upstream: [],
  not_ready: [],
  media_downloaded: 0,
  media_failed: [],
  waited_secs: 0,
  import: {
    postings: { added: 1, updated: 0, unchanged: 0 },
    candidates: { added: 2, updated: 0, unchanged: 0 },
    interviews: { added: 2, updated: 0, unchanged: 0 },
    extensions: { added: 0, updated: 0, unchanged: 0 },
    media: { added: 0, updated: 0, unchanged: 0 },
    team_applied: 0,
    team_erased: 0,
  },
  ...over,
});

describe("sync helpers", () => {
  it("checks the API URL", () => {
    expect(apiUrlError("")).toMatch(/Enter the API URL/);
    expect(apiUrlError("api.heymilo.ai")).toMatch(/https:\/\//);
    expect(apiUrlError("https://api.heymilo.ai")).toBeNull();
    expect(apiUrlError("http://127.0.0.1:8000")).toBeNull();
  });
  it("says where the key is without showing it", () => {
    expect(keySourceLabel("keychain")).toEqual({ text: "Saved in the OS keychain", tone: "good" });
    expect(keySourceLabel("session").text).toMatch(/this session only/);
    expect(keySourceLabel("session").tone).toBe("warn");
    expect(keySourceLabel("none").text).toBe("No API key saved");
  });
  it("labels progress", () => {
    expect(syncPhaseLabel(null)).toBe("Connecting…");
    expect(syncPhaseLabel({ phase: "interviews", done: 4, total: 10 })).toBe("Fetching interview data (5 of 10)");
    expect(syncPhaseLabel({ phase: "import", done: 0, total: 1 })).toBe("Merging into the workspace…");
  });
  it("summarises a sync", () => {
    expect(syncSummary(report())).toBe("Synced 1 interviewer, 2 candidates · 2 new");
    const quiet = report({
      not_ready: ["i9"],
      import: {
        postings: { added: 0, updated: 0, unchanged: 1 },
        candidates: { added: 0, updated: 0, unchanged: 2 },
        interviews: { added: 0, updated: 0, unchanged: 2 },
        extensions: { added: 0, updated: 0, unchanged: 0 },
        media: { added: 0, updated: 0, unchanged: 0 },
        team_applied: 0,
        team_erased: 0,
      },
    });
    expect(syncSummary(quiet)).toBe("Synced 1 interviewer, 2 candidates · nothing changed · 1 interview not ready yet (next sync)");
  });
  it("summarises an .eml export", () => {
    expect(emlSummary({ dir: "/tmp/x", files: 0, marked_sent: false })).toBe("No queued e-mail to export");
    expect(emlSummary({ dir: "/tmp/x", files: 2, marked_sent: true })).toBe("Wrote 2 .eml files to /tmp/x; marked as sent");
  });
});
