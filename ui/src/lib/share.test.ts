import { describe, expect, it } from "vitest";
import { shareSummary } from "./share";
import type { CandidateRow } from "./ipc";

function row(over: Partial<CandidateRow> = {}): CandidateRow {
  return {
    interview_id: "int_0024",
    panel: null,
    my_evaluation: null,
    candidate_id: null,
    posting_id: "pst_627",
    name: "José Álvarez",
    email: "jose@example.com",
    phone: null,
    location: null,
    country: null,
    interview_url: "https://app.heymilo.ai/i/abc",
    progress: "done",
    decision: "pending",
    decided_here: false,
    status: "completed",
    score: 82,
    resume_score: 74,
    video_score: 80,
    speech_score: null,
    steps_done: 3,
    steps_total: 3,
    stages: [
      { order: 1, kind: "resume", status: "completed", score_pct: 74, label: "Resume 74%" },
      { order: 2, kind: "form", status: "completed", score_pct: null, label: "Form" },
      { order: 3, kind: "web_interview", status: "completed", score_pct: 80, label: "Video 80%" },
    ],
    stage_summary: "",
    created_at: null,
    interviewed_at: null,
    last_engaged: null,
    tags: ["Customer-focused", "Resourceful"],
    flag_count: 0,
    cheat_ranking: null,
    custom: {},
    snippet: null,
    ...over,
  };
}

describe("share summary", () => {
  it("names the candidate, the role, every scored stage, tags and links", () => {
    const text = shareSummary(row(), "Seasonal Sales Associate", false);
    expect(text.split("\n")).toEqual([
      "José Álvarez — Seasonal Sales Associate",
      "Overall 82% · Resume 74% · Video 80%",
      "Status: Completed · Decision: pending",
      "Tags: Customer-focused, Resourceful",
      "E-mail: jose@example.com",
      "Interview: https://app.heymilo.ai/i/abc",
      "Shortlist id: int_0024",
    ]);
  });

  it("keeps a hidden candidate hidden in blind review until a decision", () => {
    const text = shareSummary(row(), "Role", true);
    expect(text).not.toContain("José");
    expect(text).not.toContain("jose@example.com");
    expect(text).toMatch(/^Candidate [0-9A-Z]{4} — Role/);
    const decided = shareSummary(row({ decision: "shortlisted" }), "Role", true);
    expect(decided).toContain("José Álvarez");
  });
});
