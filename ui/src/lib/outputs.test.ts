import { describe, expect, it } from "vitest";
import {
  defaultPackageChoice,
  defaultReportChoice,
  packageChoiceError,
  packageName,
  progressPercent,
  queueSummary,
  reportChoiceError,
  retryIn,
  defaultSmtpForm,
  deliverySummary,
  toSmtpSettings,
  toPackageOptions,
  toReportOptions,
} from "./outputs";

describe("report options", () => {
  it("maps toggles one to one", () => {
    const c = { ...defaultReportChoice(), chips: false, transcript: false, lang: "ar" };
    expect(toReportOptions(c)).toEqual({
      style: "modern",
      lang: "ar",
      chips: false,
      highlights: true,
      lowlights: true,
      transcript: false,
      panel: false,
    });
    expect(toReportOptions({ ...c, panel: true }).panel).toBe(true);
  });
  it("refuses Classic in another language", () => {
    expect(reportChoiceError({ ...defaultReportChoice(), style: "classic", lang: "fr" })).toMatch(/English only/);
    expect(reportChoiceError({ ...defaultReportChoice(), style: "classic", lang: "en" })).toBeNull();
    expect(reportChoiceError({ ...defaultReportChoice(), lang: "xx" })).toMatch(/Unknown/);
  });
});

describe("package options", () => {
  it("leaves the PDF out when unticked and keeps media toggles", () => {
    const o = toPackageOptions({ ...defaultPackageChoice(), pdf: false, video: false });
    expect(o.report).toBeNull();
    expect(o.video).toBe(false);
    expect(o.audio).toBe(true);
    expect(o.resume).toBe(true);
  });
  it("carries the report style when the PDF is in", () => {
    const c = defaultPackageChoice();
    c.report.style = "classic";
    expect(toPackageOptions(c).report?.style).toBe("classic");
  });
  it("validates the report only when the PDF is in", () => {
    const c = defaultPackageChoice();
    c.report = { ...c.report, style: "classic", lang: "de" };
    expect(packageChoiceError(c)).not.toBeNull();
    expect(packageChoiceError({ ...c, pdf: false })).toBeNull();
  });
  it("names archives", () => {
    expect(packageName(["Ana"], "Sales")).toBe("Ana files");
    expect(packageName(["A", "B", "C"], "Sales")).toBe("Sales - 3 candidates");
  });
  it("clamps progress", () => {
    expect(progressPercent(5, 10)).toBe(50);
    expect(progressPercent(5, 0)).toBe(0);
    expect(progressPercent(20, 10)).toBe(100);
  });
});

describe("summaries", () => {
  it("queue summary names skips", () => {
    expect(queueSummary("Nudge", 2, [])).toBe("Nudge: 2 queued in the outbox");
    expect(queueSummary("Nudge", 0, [{ reason: "nothing left to finish" }])).toMatch(/1 skipped \(nothing left to finish\)/);
  });
  it("retry times", () => {
    expect(retryIn(100, 200)).toBe("now");
    expect(retryIn(230, 200)).toBe("in 30 s");
    expect(retryIn(200 + 600, 200)).toBe("in 10 min");
    expect(retryIn(200 + 7200, 200)).toBe("in 2 h");
  });
});

describe("smtp form", () => {
  it("maps fields and blanks to null", () => {
    const r = toSmtpSettings({ ...defaultSmtpForm(), host: " smtp.example.com ", port: "587", user: "" });
    expect(r).toEqual({
      ok: true,
      value: { host: "smtp.example.com", port: 587, security: "starttls", user: null, from: null, from_name: null },
    });
  });
  it("rejects a missing host, a bad port and a bad sender", () => {
    expect(toSmtpSettings(defaultSmtpForm()).ok).toBe(false);
    const p = toSmtpSettings({ ...defaultSmtpForm(), host: "h", port: "70000" });
    expect(p.ok || p.error).toMatch(/Port/);
    const f = toSmtpSettings({ ...defaultSmtpForm(), host: "h", from: "not an address" });
    expect(f.ok || f.error).toMatch(/From address/);
  });
  it("summarises a delivery run", () => {
    expect(deliverySummary([])).toMatch(/Nothing/);
    expect(deliverySummary([{ status: "sent" }, { status: "queued" }, { status: "failed" }])).toBe("1 sent, 1 will retry, 1 failed");
  });
});

describe("outboxRecipient", () => {
  it("names the candidate and the ATS for a push, the person for mail", async () => {
    const { outboxRecipient } = await import("./outputs");
    const push = {
      kind: "ats_push",
      interview_id: "int_7",
      payload: { ats_name: "bullhorn", candidate: { first_name: "Ana María", last_name: "López", email: "a@x.io" } },
    };
    expect(outboxRecipient(push)).toBe("Ana María López → bullhorn");
    expect(outboxRecipient({ ...push, payload: { candidate: { first_name: null, email: "a@x.io" } } })).toBe("a@x.io");
    expect(outboxRecipient({ ...push, payload: {} })).toBe("int_7");
    expect(outboxRecipient({ kind: "nudge", interview_id: "int_7", payload: { to: "a@x.io", to_name: "Ana" } })).toBe("Ana");
    expect(outboxRecipient({ kind: "nudge", interview_id: "int_7", payload: { to: "a@x.io" } })).toBe("a@x.io");
  });
});

describe("atsSummary", () => {
  it("says what was sent and what the ATS reports", async () => {
    const { atsSummary } = await import("./outputs");
    expect(atsSummary([], [])).toBe("ATS: Nothing was due for sending");
    expect(atsSummary([{ status: "sent" }, { status: "queued" }], [{ status: "completed" }, { status: "completed" }])).toBe(
      "ATS: 1 sent, 1 will retry · status 2 completed",
    );
  });
});
