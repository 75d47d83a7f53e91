import { describe, expect, it } from "vitest";
import { canvasSize, clampPage, fitWidthZoom, looksLikePdf, MAX_CANVAS_AREA, MAX_ZOOM, MIN_ZOOM, pageInView, pdfProblem, stepZoom, zoomLabel } from "./pdfView";

describe("zoom", () => {
  it("fit-width fills the available width, within limits", () => {
    expect(fitWidthZoom(612, 612)).toBe(1);
    expect(fitWidthZoom(600, 450)).toBeCloseTo(0.75);
    expect(fitWidthZoom(600, 100_000)).toBe(MAX_ZOOM);
    expect(fitWidthZoom(600, 10)).toBe(MIN_ZOOM);
    expect(fitWidthZoom(0, 500)).toBe(1);
    expect(fitWidthZoom(600, 0)).toBe(1);
  });
  it("steps to the next preset from any zoom", () => {
    expect(stepZoom(1, 1)).toBe(1.1);
    expect(stepZoom(1, -1)).toBe(0.9);
    expect(stepZoom(0.83, 1)).toBe(0.9);
    expect(stepZoom(0.83, -1)).toBe(0.75);
    expect(stepZoom(4, 1)).toBe(MAX_ZOOM);
    expect(stepZoom(0.5, -1)).toBe(MIN_ZOOM);
  });
  it("labels in percent", () => {
    expect(zoomLabel(0.666)).toBe("67 %");
  });
});

describe("pages", () => {
  const tops = [0, 800, 1600];
  it("knows the page in view", () => {
    expect(pageInView(tops, 0, 600)).toBe(1);
    expect(pageInView(tops, 700, 600)).toBe(2);
    expect(pageInView(tops, 1500, 600)).toBe(3);
    expect(pageInView([], 0, 600)).toBe(0);
  });
  it("clamps page numbers", () => {
    expect(clampPage(0, 3)).toBe(1);
    expect(clampPage(9, 3)).toBe(3);
    expect(clampPage(2.4, 3)).toBe(2);
    expect(clampPage(1, 0)).toBe(0);
  });
});

describe("canvasSize", () => {
  it("draws at device resolution", () => {
    expect(canvasSize(600, 800, 2)).toEqual({ width: 1200, height: 1600, ratio: 2 });
    expect(canvasSize(600, 800, 0)).toEqual({ width: 600, height: 800, ratio: 1 });
  });
  it("stays under the area cap", () => {
    const c = canvasSize(4000, 5000, 2);
    expect(c.width * c.height).toBeLessThanOrEqual(MAX_CANVAS_AREA);
    expect(c.ratio).toBeLessThan(1);
  });
});

describe("looksLikePdf", () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  it("accepts a PDF header, also after leading junk", () => {
    expect(looksLikePdf(enc("%PDF-1.7\n..."))).toBe(true);
    expect(looksLikePdf(enc("\n\n  %PDF-1.4"))).toBe(true);
  });
  it("rejects anything else", () => {
    expect(looksLikePdf(enc("PK\u0003\u0004 a docx"))).toBe(false);
    expect(looksLikePdf(enc("%PD"))).toBe(false);
    expect(looksLikePdf(new Uint8Array())).toBe(false);
  });
});

describe("pdfProblem", () => {
  it("says what went wrong in plain words", () => {
    expect(pdfProblem(Object.assign(new Error("x"), { name: "PasswordException" }))).toMatch(/password/);
    expect(pdfProblem(Object.assign(new Error("Invalid PDF structure."), { name: "InvalidPDFException" }))).toMatch(/not a readable PDF/);
    expect(pdfProblem(new Error("status 404"))).toMatch(/missing/);
    expect(pdfProblem(new TypeError("Load failed"))).toMatch(/could not be read/);
    expect(pdfProblem("boom")).toBe("The PDF could not be drawn.");
  });
});
