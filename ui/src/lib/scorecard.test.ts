import { describe, expect, it } from "vitest";
import { anchorLabels, questionCount } from "./scorecard";

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
