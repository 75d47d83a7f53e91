import { describe, expect, it } from "vitest";
import { alias, isHidden, redact } from "./blind";

describe("blind review", () => {
  it("hides only undecided candidates while blind mode is on", () => {
    expect(isHidden(true, null)).toBe(true);
    expect(isHidden(true, "shortlisted")).toBe(false);
    expect(isHidden(false, null)).toBe(false);
  });
  it("redacts every part of the name on word boundaries", () => {
    const t = redact("Hi, I'm María José García. García is my family name; Josefina is not.", "María José García");
    expect(t).toBe("Hi, I'm [name] [name] [name]. [name] is my family name; Josefina is not.");
  });
  it("redacts case-insensitively and in other scripts", () => {
    expect(redact("меня зовут АННА петрова", "Анна Петрова")).toBe("меня зовут [name] [name]");
    expect(redact("我叫王伟。", "王伟")).toBe("我叫[name]。");
  });
  it("redacts the e-mail and its local part", () => {
    expect(redact("write to jdoe@example.com or jdoe", "J Doe", "jdoe@example.com")).toBe(
      "write to [name] or [name]",
    );
  });
  it("treats regex characters in names literally", () => {
    expect(redact("a+b and ab", "a+b")).toBe("[name] and ab");
    expect(() => redact("text", "[*+?")).not.toThrow();
  });
  it("gives stable aliases", () => {
    expect(alias("int_1")).toBe(alias("int_1"));
    expect(alias("int_1")).not.toBe(alias("int_2"));
    expect(alias("int_1")).toMatch(/^Candidate [0-9A-Z]{4}$/);
  });
});
