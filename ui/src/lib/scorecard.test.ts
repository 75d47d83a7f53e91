import { describe, expect, it } from "vitest";
import { anchorLabels, questionCount, radarAxesNote } from "./scorecard";

const q = (rank: number, not_scored = false) => ({ question_id: `q${rank}`, question_text: `Question ${rank}`, rank, not_scored });

describe("questionCount", () => {
  it("says how many questions are not scored and which", () => {
    const c = questionCount([q(1), q(2), q(5, true), q(3), q(4)]);
    expect(c.text).toBe("5 questions · 1 not scored (informational)");
    expect(c.scored).toBe(4);
    expect(c.unscored).toEqual([{ question_id: "q5", question_text: "Question 5", rank: 5 }]);
  });

  it("lists unscored questions in rank order", () => {
    const c = questionCount([q(4, true), q(1), q(2, true)]);
    expect(c.text).toBe("3 questions · 2 not scored (informational)");
    expect(c.unscored.map((u) => u.rank)).toEqual([2, 4]);
  });

  it("reads naturally when all or none are scored", () => {
    expect(questionCount([q(1), q(2)]).text).toBe("2 questions, all scored");
    expect(questionCount([q(1)]).text).toBe("1 question, scored");
    expect(questionCount([q(1, true)]).text).toBe("1 question · none scored (informational)");
    expect(questionCount([]).text).toBe("No questions");
  });
});

describe("anchorLabels", () => {
  it("labels anchors as the rubric's ends, not as a second score scale", () => {
    const a = anchorLabels(10);
    expect(a.low).not.toMatch(/\d/);
    expect(a.high).not.toMatch(/\d/);
    expect(a.note).toContain("out of 10");
  });
});

describe("radarAxesNote", () => {
  it("names the informational questions the radar has no axis for", () => {
    expect(radarAxesNote(questionCount([q(1), q(2), q(3), q(4), q(5, true)]), 4)).toBe(
      "4 axes for 5 questions: Q5 is informational (not scored), so it has no axis.",
    );
    expect(radarAxesNote(questionCount([q(1), q(2, true), q(3), q(4, true)]), 2)).toBe(
      "2 axes for 4 questions: Q2 and Q4 are informational (not scored), so they have no axis.",
    );
  });

  it("is silent when every question has its axis, and says when a score is missing", () => {
    expect(radarAxesNote(questionCount([q(1), q(2)]), 2)).toBeNull();
    expect(radarAxesNote(questionCount([]), 0)).toBeNull();
    expect(radarAxesNote(questionCount([q(1), q(2), q(3)]), 2)).toBe("2 axes for 3 questions: only questions with a score are drawn.");
    expect(radarAxesNote(questionCount([q(1), q(2), q(3), q(4, true)]), 2)).toBe(
      "2 axes for 4 questions: Q4 is informational (not scored), so it has no axis. 1 more has no score yet.",
    );
  });
});
