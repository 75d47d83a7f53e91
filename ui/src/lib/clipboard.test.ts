import { describe, expect, it } from "vitest";
import { mailto, webUrl } from "./clipboard";

describe("contact links", () => {
  it("makes mailto links for addresses only", () => {
    expect(mailto("ana.silva+jobs@example.com")).toBe("mailto:ana.silva%2Bjobs@example.com");
    expect(mailto("  a@b.io ")).toBe("mailto:a@b.io");
    expect(mailto("not an address")).toBeNull();
    expect(mailto("a@b")).toBeNull();
    expect(mailto('x@y.z?subject="hi"')).toBeNull();
    expect(mailto(null)).toBeNull();
  });
  it("keeps web URLs, refuses other schemes", () => {
    expect(webUrl("https://app.heymilo.ai/i/123")).toBe("https://app.heymilo.ai/i/123");
    expect(webUrl("javascript:alert(1)")).toBeNull();
    expect(webUrl("file:///etc/passwd")).toBeNull();
    expect(webUrl("media/x.webm")).toBeNull();
    expect(webUrl(undefined)).toBeNull();
  });
});
