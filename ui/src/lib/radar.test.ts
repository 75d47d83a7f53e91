import { describe, expect, it } from "vitest";
import { averageDrawn, hotspotPosition, radarTipText, tipBox } from "./radar";
import type { RadarHotspot } from "./gen/RadarHotspot";

const h = (over: Partial<RadarHotspot> = {}): RadarHotspot => ({
  question_id: "q1",
  axis_label: "Q1",
  question: "Tell me about a time",
  series: 0,
  series_name: "Åsa Sjöberg",
  candidate_pct: 78,
  average_pct: 62,
  relative_pct: 26,
  x: 200,
  y: 60,
  ...over,
});
const chart = { width: 400, height: 340 };

describe("radar tooltips", () => {
  it("says candidate, average and how far above or below", () => {
    expect(radarTipText(h())).toBe("Candidate 78% · Avg 62% · 26% above average");
    expect(radarTipText(h({ candidate_pct: 50, average_pct: 62, relative_pct: -19 }))).toBe(
      "Candidate 50% · Avg 62% · 19% below average",
    );
    expect(radarTipText(h({ candidate_pct: 62, relative_pct: 0 }))).toBe("Candidate 62% · Avg 62% · at average");
  });

  it("names the candidate when several are overlaid", () => {
    expect(radarTipText(h({ candidate_pct: 66.4, relative_pct: 7 }), "Åsa Sjöberg")).toBe(
      "Åsa Sjöberg 66% · Avg 62% · 7% above average",
    );
  });

  it("says so when there is no average", () => {
    expect(radarTipText(h({ average_pct: null, relative_pct: null }))).toBe("Candidate 78% · Avg — · no average yet");
  });

  it("places hotspots in percent of the chart box", () => {
    expect(hotspotPosition(h(), chart)).toEqual({ left: "50.000%", top: "17.647%" });
    expect(hotspotPosition(h({ x: 0, y: 340 }), chart)).toEqual({ left: "0.000%", top: "100.000%" });
    expect(hotspotPosition(h({ x: 999, y: -5 }), chart)).toEqual({ left: "100.000%", top: "0.000%" });
  });

});

describe("radar tooltip placement", () => {
  const plot = { left: 100, top: 120, width: 400, height: 340 }; // bottom 460, right 500
  const tip = { width: 240, height: 60 };
  const inside = (b: { left: number; top: number }) =>
    b.left + tip.width <= plot.left || b.left >= plot.left + plot.width || b.top + tip.height <= plot.top || b.top >= plot.top + plot.height;

  it("goes below the chart, under the point, never over the chart", () => {
    const b = tipBox(plot, { x: 300, y: 130 }, tip, { width: 1200, height: 800 });
    expect(b).toEqual({ left: 180, top: 468, side: "below" });
    expect(inside(b)).toBe(true);
  });

  it("goes above when there is no room below", () => {
    const b = tipBox(plot, { x: 300, y: 400 }, tip, { width: 1200, height: 500 });
    expect(b).toEqual({ left: 180, top: 52, side: "above" });
    expect(inside(b)).toBe(true);
  });

  it("goes beside when there is room neither below nor above", () => {
    const tall = { left: 100, top: 20, width: 400, height: 440 };
    const b = tipBox(tall, { x: 300, y: 200 }, tip, { width: 1200, height: 500 });
    expect(b).toEqual({ left: 508, top: 170, side: "right" });
    const l = tipBox({ ...tall, left: 700 }, { x: 900, y: 200 }, tip, { width: 1110, height: 500 });
    expect(l).toEqual({ left: 452, top: 170, side: "left" });
  });

  it("stays inside the viewport at its edges", () => {
    const b = tipBox({ left: 0, top: 0, width: 300, height: 300 }, { x: 5, y: 5 }, tip, { width: 1000, height: 800 });
    expect(b.left).toBe(8);
    const r = tipBox({ left: 700, top: 0, width: 300, height: 300 }, { x: 995, y: 5 }, tip, { width: 1000, height: 800 });
    expect(r.left).toBe(1000 - 240 - 8);
  });

  it("says when the average polygon is drawn", () => {
    expect(averageDrawn([{ posting_id: "p1" }, { posting_id: "p1" }])).toBe(true);
    expect(averageDrawn([{ posting_id: "p1" }, { posting_id: "p2" }])).toBe(false);
    expect(averageDrawn([])).toBe(false);
  });
});
