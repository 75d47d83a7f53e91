import { describe, expect, it } from "vitest";
import { hotspotPosition, radarTipText, tipPlacement } from "./radar";
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

  it("opens the tooltip away from the edges", () => {
    expect(tipPlacement(h({ x: 350, y: 200 }), chart)).toEqual({ side: "left", below: false });
    expect(tipPlacement(h({ x: 40, y: 200 }), chart)).toEqual({ side: "right", below: false });
    expect(tipPlacement(h({ x: 200, y: 40 }), chart)).toEqual({ side: "center", below: true });
  });
});
