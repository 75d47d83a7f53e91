import { describe, expect, it } from "vitest";
import { headline, percent, phaseLabel, problemWhere, summaryLines } from "./importing";
import type { ImportSummary } from "./ipc";

const zero = { added: 0, updated: 0, unchanged: 0 };
function summary(over: Partial<ImportSummary>): ImportSummary {
  return { postings: zero, candidates: zero, interviews: zero, extensions: zero, media: zero, team_applied: 0, team_erased: 0, ...over };
}

describe("import wording", () => {
  it("labels phases and computes bounded percentages", () => {
    expect(phaseLabel("writing")).toBe("Checking and saving candidates");
    expect(percent(0, 0)).toBeNull();
    expect(percent(5, 10)).toBe(50);
    expect(percent(12, 10)).toBe(100);
  });

  it("lists only kinds the import touched, candidates always", () => {
    const s = summary({ postings: { added: 1, updated: 0, unchanged: 2 } });
    expect(summaryLines(s).map((l) => l.label)).toEqual(["Interviewers", "Candidates"]);
  });

  it("says what changed, singular and plural", () => {
    expect(headline(summary({ candidates: { added: 1, updated: 3, unchanged: 0 } }), false)).toBe(
      "1 candidate added, 3 candidates updated",
    );
    expect(headline(summary({ postings: { added: 2, updated: 0, unchanged: 0 } }), false)).toBe(
      "2 interviewers added",
    );
    expect(headline(summary({}), true)).toMatch(/up to date/);
  });

  it("names file, record and field of a problem", () => {
    expect(
      problemWhere({ file: "interviews/int_9.json", record: "int_9", field: "web_interview.score", message: "x" }),
    ).toBe("interviews/int_9.json › int_9 › web_interview.score");
    expect(problemWhere({ file: "bundle.zip", record: null, field: null, message: "x" })).toBe("bundle.zip");
  });
});
