import { describe, expect, it } from "vitest";
import type { ErasePlan, ErasureReport, IntegrityView, RetentionPlan, RetentionRun } from "./ipc";
import {
  deletedUpstreamMessage,
  eraseConfirmed,
  erasePlanLines,
  erasureSummary,
  integrityProgressLabel,
  integrityState,
  parseDays,
  retentionPreviewSummary,
  retentionRunSummary,
} from "./protect";

const plan: ErasePlan = {
  candidates: [{ interview_id: "I1", name: "Ana", email: "a@x.org", job_title: "Barista" }],
  rows: [
    { table: "candidates", rows: 1 },
    { table: "notes", rows: 2 },
  ],
  total_rows: 3,
  media: [
    { interview_id: "I1", kind: "video", size: 2 * 1024 * 1024, shared: false },
    { interview_id: "I1", kind: "resume", size: 10, shared: true },
  ],
  notes: 2,
  decisions: 1,
  outbox_items: 0,
  cohorts: ["Final"],
  backups: [
    { file: "workspace.db.v4.bak", holds_candidates: true },
    { file: "workspace.db.v3.bak", holds_candidates: false },
  ],
};

describe("erase", () => {
  it("needs the word typed exactly", () => {
    expect(eraseConfirmed("ERASE")).toBe(true);
    expect(eraseConfirmed(" ERASE ")).toBe(true);
    expect(eraseConfirmed("erase")).toBe(false);
    expect(eraseConfirmed("")).toBe(false);
  });
  it("lists everything that goes, shared media kept", () => {
    const l = erasePlanLines(plan);
    expect(l[0]).toBe("3 database rows in 2 tables (interview data, scores, transcript, raw JSON, search index)");
    expect(l[1]).toBe("1 media file deleted (2.0 MB: recordings, résumé); 1 shared with another candidate kept");
    expect(l).toContain("2 notes");
    expect(l).toContain("1 decision and their history");
    expect(l).toContain("Membership of 1 cohort: Final");
    expect(l).toContain("Rewritten in 1 migration backup: workspace.db.v4.bak");
    expect(l.some((x) => x.includes("outbox"))).toBe(false);
  });
  it("summarises the report", () => {
    const r: ErasureReport = {
      id_hashes: ["a", "b"],
      rows: [],
      total_rows: 40,
      media_files_deleted: 3,
      media_bytes_deleted: 5 * 1024 * 1024,
      media_files_kept_shared: 0,
      backups: [{ outcome: "dropped", file: "x", why: "locked" }],
      wal_truncated: true,
      vacuumed: false,
      audit_head: "1 ab",
    };
    expect(erasureSummary(r)).toBe("Erased 2 candidates · 40 rows · 3 files (5.0 MB) · 1 backup could not be rewritten and was deleted");
  });
});

describe("retention", () => {
  it("parses days, empty is off", () => {
    expect(parseDays("")).toEqual({ days: null, error: null });
    expect(parseDays(" 30 ")).toEqual({ days: 30, error: null });
    expect(parseDays("0").error).toMatch(/At least 1/);
    expect(parseDays("1.5").error).toMatch(/whole number/);
    expect(parseDays("-3").error).toMatch(/whole number/);
  });
  it("summarises the dry run", () => {
    const base: RetentionPlan = { rules: { dismissed_after_days: null, all_after_interviewer_closed_days: null }, now: 0, items: [] };
    expect(retentionPreviewSummary(base)).toMatch(/off/);
    const on = { ...base, rules: { dismissed_after_days: 30, all_after_interviewer_closed_days: 90 } };
    expect(retentionPreviewSummary(on)).toMatch(/Nobody is due/);
    const item = { interview_id: "I", name: "N", posting_id: "P", since: 0, due_at: 0, why: "" };
    const full: RetentionPlan = {
      ...on,
      items: [
        { ...item, rule: "dismissed" },
        { ...item, rule: "dismissed" },
        { ...item, rule: "interviewer_closed" },
      ],
    };
    expect(retentionPreviewSummary(full)).toBe("3 candidates would be erased now (2 dismissed, 1 of closed interviewers)");
  });
  it("toasts what the background pass erased, nothing when nothing", () => {
    const run: RetentionRun = { dismissed: 2, interviewer_closed: 0, rules: { dismissed_after_days: 30, all_after_interviewer_closed_days: null }, background: true };
    expect(retentionRunSummary(run)).toBe("Retention erased 2 candidates: 2 dismissed more than 30 days. See Settings → Erasure log.");
    expect(retentionRunSummary({ ...run, dismissed: 0 })).toBeNull();
  });
});

describe("integrity", () => {
  const when = (s: number) => `@${s}`;
  const view: IntegrityView = { last: null, due: null, running: false, progress: null, recovery: null, error: null };
  it("says not checked, passed, running", () => {
    expect(integrityState(view, when)).toEqual({ tone: "muted", text: "Not checked yet" });
    const last = { started_at: 5, kind: "manual" as const, duration_ms: 1500, ok: true, problems: [], media_files: 2 };
    expect(integrityState({ ...view, last }, when)).toEqual({ tone: "good", text: "Passed @5 (database, 2 media files; 1.5 s)" });
    expect(integrityState({ ...view, last, due: { reason: "scheduled", last_ok_at: 5 } }, when).text).toMatch(/a new check is due$/);
    expect(integrityState({ ...view, running: true, progress: { phase: "media", done: 3, total: 9 } }, when).text).toBe("Checking media files (3 of 9)");
  });
  it("shows a failed check as an error with its problems", () => {
    const last = { started_at: 7, kind: "scheduled" as const, duration_ms: 10, ok: false, problems: ["a", "b", "c", "d"], media_files: 0 };
    const s = integrityState({ ...view, last, recovery: "copy the backup" }, when);
    expect(s.tone).toBe("bad");
    expect(s.text).toBe("The check of @7 found the workspace damaged: a; b; c (and 1 more)");
  });
  it("labels progress", () => {
    expect(integrityProgressLabel(null)).toMatch(/Starting/);
    expect(integrityProgressLabel({ phase: "database", done: 0, total: 100 })).toBe("Checking the database…");
  });
});

describe("sync", () => {
  it("offers deleted-upstream candidates", () => {
    expect(deletedUpstreamMessage(0)).toBeNull();
    expect(deletedUpstreamMessage(1)).toBe("1 candidate was deleted in HeyMilo");
    expect(deletedUpstreamMessage(4)).toBe("4 candidates were deleted in HeyMilo");
  });
});
