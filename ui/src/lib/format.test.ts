import { describe, expect, it } from "vitest";
import {
  customText,
  languageName,
  int,
  deltaText,
  flag,
  initials,
  money,
  pct,
  relativeTime,
  stageTone,
  stageIcon,
  locationText,
  statusLabel,
  timeline,
} from "./format";

describe("stage cells", () => {
  it("colours completed stages by score and shows other states plainly", () => {
    expect(stageTone("completed", 80)).toBe("good");
    expect(stageTone("completed", 74)).toBe("good");
    expect(stageTone("completed", 55)).toBe("warn");
    expect(stageTone("completed", 20)).toBe("bad");
    expect(stageTone("completed", null)).toBe("accent");
    expect(stageTone("knocked_out", 90)).toBe("bad");
    expect(stageTone("in_progress", null)).toBe("accent");
    expect(stageTone("not_started", null)).toBe("neutral");
  });
  it("labels statuses", () => {
    expect(statusLabel("knocked_out")).toBe("Knocked out");
    expect(statusLabel("something_new")).toBe("Something new");
  });
});

describe("numbers and dates", () => {
  it("formats percent and deltas", () => {
    expect(pct(74.4)).toBe("74%");
    expect(pct(null)).toBe("—");
    expect(deltaText(32.2)).toBe("32% above average");
    expect(deltaText(-5)).toBe("5% below average");
    expect(deltaText(0.2)).toBe("at average");
    expect(deltaText(null)).toBe("no average yet");
  });
  it("formats relative times", () => {
    const now = Date.UTC(2026, 0, 10) ;
    expect(relativeTime(now / 1000 - 3 * 86400, now)).toBe("3 days ago");
    expect(relativeTime(now / 1000 - 30, now)).toBe("just now");
    expect(relativeTime(now / 1000 + 2 * 3600, now)).toBe("in 2 hours");
    expect(relativeTime(null, now)).toBe("—");
  });
  it("describes the interviewer timeline", () => {
    expect(timeline("active", 12)).toBe("Active for 12 more days");
    expect(timeline("active", 1)).toBe("Active for 1 more day");
    expect(timeline("expired", -3)).toBe("Expired · deadline passed 3 days ago");
    expect(timeline("active", null)).toBe("Active, no deadline");
  });
  it("formats money, flags, initials and custom values", () => {
    expect(money(1200, "USD")).toBe("$1,200");
    expect(money(null, "USD")).toBe("—");
    expect(flag("pt")).toBe("🇵🇹");
    expect(flag("Portugal")).toBe("");
    expect(initials("María José García")).toBe("MG");
    expect(initials("王伟")).toBe("王");
    expect(customText({ a: 1 })).toBe('{"a":1}');
    expect(customText(null)).toBe("—");
    expect(int(100000)).toBe("100,000");
    expect(int(null)).toBe("—");
  });
});

describe("languageName", () => {
  it("names interview languages instead of showing codes", () => {
    expect(languageName("en")).toBe("English");
    expect(languageName("de")).toBe("German");
    expect(languageName("zh")).toBe("Chinese");
    expect(languageName("xx-not a tag")).toBe("xx-not a tag");
    expect(languageName(null)).toBe("—");
  });
});

describe("stage pill icons", () => {
  it("never puts a check mark on a red pill", () => {
    for (const [status, score] of [
      ["completed", 20],
      ["completed", 49.9],
      ["knocked_out", 90],
      ["knocked_out", null],
    ] as const) {
      expect(stageTone(status, score)).toBe("bad");
      expect(stageIcon(status, score)).toBe("✕");
    }
  });
  it("checks passed stages and marks the rest by state", () => {
    expect(stageIcon("completed", 80)).toBe("✓");
    expect(stageIcon("completed", 55)).toBe("✓");
    expect(stageIcon("completed", null)).toBe("✓");
    expect(stageIcon("in_progress", null)).toBe("◐");
    expect(stageIcon("not_started", null)).toBe("○");
  });
});

describe("locationText", () => {
  it("joins location and country for a tooltip", () => {
    expect(locationText("Lisbon, Portugal", "PT")).toBe("Lisbon, Portugal (PT)");
    expect(locationText(null, "PT")).toBe("PT");
    expect(locationText("Lisbon", null)).toBe("Lisbon");
    expect(locationText(" ", undefined)).toBe("");
  });
});
