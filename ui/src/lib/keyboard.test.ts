import { describe, expect, it } from "vitest";
import { actionFor, BINDINGS, isTyping } from "./keyboard";

function el(tag: string, type?: string): HTMLElement {
  const e = document.createElement(tag);
  if (type) (e as HTMLInputElement).type = type;
  return e;
}

describe("keyboard map", () => {
  it("maps triage keys", () => {
    expect(actionFor({ key: "j" })).toBe("next");
    expect(actionFor({ key: "ArrowDown" })).toBe("next");
    expect(actionFor({ key: "k" })).toBe("prev");
    expect(actionFor({ key: "s" })).toBe("shortlist");
    expect(actionFor({ key: "d" })).toBe("dismiss");
    expect(actionFor({ key: "u" })).toBe("undo");
    expect(actionFor({ key: " " })).toBe("playPause");
    expect(actionFor({ key: "/" })).toBe("search");
    expect(actionFor({ key: "?" })).toBe("help");
    expect(actionFor({ key: "q" })).toBeNull();
  });
  it("lets modified keys through (Ctrl+S is not shortlist)", () => {
    expect(actionFor({ key: "s", ctrlKey: true })).toBeNull();
    expect(actionFor({ key: "d", metaKey: true })).toBeNull();
  });
  it("does not steal keys while typing, except Escape", () => {
    const input = el("input", "search");
    expect(isTyping(input)).toBe(true);
    expect(actionFor({ key: "s", target: input })).toBeNull();
    expect(actionFor({ key: "Escape", target: input })).toBe("back");
    expect(actionFor({ key: "j", target: el("textarea") })).toBeNull();
    expect(actionFor({ key: "j", target: el("input", "checkbox") })).toBe("next");
  });
  it("leaves Space to focused buttons", () => {
    expect(actionFor({ key: " ", target: el("button") })).toBeNull();
    expect(actionFor({ key: " ", target: el("div") })).toBe("playPause");
  });
  it("has one action per key", () => {
    const keys = BINDINGS.flatMap((b) => b.keys);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
