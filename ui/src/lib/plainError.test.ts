import { describe, expect, it } from "vitest";
import { plainProblem } from "./plainError";

describe("plainProblem", () => {
  it("says which kind of value was expected and which was found", () => {
    expect(plainProblem('invalid type: string "99", expected f64')).toBe('expected a number, found the text "99"');
    expect(plainProblem("invalid type: integer `5`, expected a string")).toBe("expected text, found the number 5");
    expect(plainProblem("invalid type: map, expected a sequence")).toBe("expected a list, found an object");
    expect(plainProblem("invalid type: null, expected u32")).toBe("expected a whole number (0 or more), found nothing (null)");
    expect(plainProblem("invalid type: boolean `true`, expected struct Posting")).toBe(
      "expected an object (a group of named fields), found the value true",
    );
    expect(plainProblem("invalid type: floating point `1.5`, expected i64")).toBe("expected a whole number, found the number 1.5");
  });

  it("names a missing, duplicate or unexpected field", () => {
    expect(plainProblem("missing field `posting_id`")).toBe("a required field is missing: posting_id");
    expect(plainProblem("duplicate field `email`")).toBe("the field email appears twice");
    expect(plainProblem("unknown field `nmae`, expected one of `name`, `email`, `phone`")).toBe(
      "unexpected field nmae: the fields allowed here are name, email or phone",
    );
    expect(plainProblem("unknown field `x`, there are no fields")).toBe("unexpected field x: this part takes no fields");
  });

  it("lists the allowed values of an enumeration", () => {
    expect(plainProblem("unknown variant `high`, expected one of `low`, `medium`")).toBe("“high” is not one of the allowed values: low or medium");
    expect(plainProblem("unknown variant `x`, expected `a` or `b`")).toBe("“x” is not one of the allowed values: a or b");
  });

  it("explains values out of range and lists of the wrong length", () => {
    expect(plainProblem("invalid value: integer `-1`, expected u64")).toBe("The number -1 is not allowed here: expected a whole number (0 or more)");
    expect(plainProblem("invalid length 2, expected a tuple of size 3")).toBe("expected a list, found 2 items");
  });

  it("keeps a location prefix", () => {
    expect(plainProblem('`media/a.json`: invalid type: string "x", expected f64')).toBe('`media/a.json`: expected a number, found the text "x"');
  });

  it("leaves messages that are already plain alone", () => {
    expect(plainProblem("must not be empty")).toBeNull();
    expect(plainProblem("references posting `p1`, which is neither in the bundle nor in the workspace")).toBeNull();
    expect(plainProblem("")).toBeNull();
  });
});
