import { describe, expect, it } from "vitest";
import { draftOk, insertPlaceholder, otherProblems, problemText, recipients, unknownNotice } from "./compose";

const preview = (over: Record<string, unknown> = {}) =>
  ({
    interview_id: "a",
    to: "a@example.test",
    to_name: "A",
    rendered: { subject: "s", body: "b" },
    problems: [],
    unknown_placeholders: [],
    skipped: null,
    ...over,
  }) as any;

describe("compose", () => {
  it("previews the selection, or the sample for a whole filter", () => {
    expect(recipients(["a", "b"], "z")).toEqual(["a", "b"]);
    expect(recipients([], "z")).toEqual(["z"]);
    expect(recipients([], undefined)).toEqual([]);
  });

  it("inserts a placeholder over the selection and puts the caret after it", () => {
    expect(insertPlaceholder("Hello ,", 6, 6, "candidate_name")).toEqual({ text: "Hello {candidate_name},", caret: 22 });
    expect(insertPlaceholder("Hi NAME!", 3, 7, "step")).toEqual({ text: "Hi {step}!", caret: 9 });
    expect(insertPlaceholder("x", 99, 99, "step").text).toBe("x{step}");
  });

  it("words problems by the field a person sees", () => {
    expect(problemText({ field: "body", message: "the message is empty" })).toBe("Message: the message is empty");
    expect(problemText({ field: "subject", message: "the subject must be one line" })).toBe("Subject: the subject must be one line");
  });

  it("names unknown placeholders once, in one sentence", () => {
    expect(unknownNotice([])).toBeNull();
    expect(unknownNotice(["first_name"])).toBe("{first_name} is not a placeholder Shortlist fills in; fix it or write {{ }} for literal braces.");
    expect(unknownNotice(["a", "b", "c"])).toContain("{a}, {b} and {c} are not placeholders");
  });

  it("queues only a draft without problems", () => {
    expect(draftOk(preview())).toBe(true);
    expect(draftOk(null)).toBe(false);
    const bad = preview({ problems: [{ field: "subject", message: "unknown placeholder `{x}`; known: …" }, { field: "body", message: "unclosed `{` at character 3" }] });
    expect(draftOk(bad)).toBe(false);
    expect(otherProblems(bad).map((p) => p.field)).toEqual(["body"]);
  });
});
