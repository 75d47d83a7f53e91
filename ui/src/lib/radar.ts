// Hover / focus tooltips for the core-rendered radar (F16): where each
// point's hotspot sits over the chart image and what its tooltip says.
import type { RadarChart } from "./gen/RadarChart";
import type { RadarHotspot } from "./gen/RadarHotspot";
import { deltaText, pct } from "./format";

/** "Candidate 78% · Avg 62% · 26% above average" (the seed's wording). */
export function radarTipText(h: RadarHotspot, who = "Candidate"): string {
  return `${who} ${pct(h.candidate_pct)} · Avg ${pct(h.average_pct)} · ${deltaText(h.relative_pct)}`;
}

/** Position of a point over the image, in percent of its box (the image is
 * scaled to its container, so percentages keep hotspots on their dots). */
export function hotspotPosition(h: Pick<RadarHotspot, "x" | "y">, chart: Pick<RadarChart, "width" | "height">): { left: string; top: string } {
  const clamp = (v: number) => Math.max(0, Math.min(100, v));
  return {
    left: `${clamp((h.x / chart.width) * 100).toFixed(3)}%`,
    top: `${clamp((h.y / chart.height) * 100).toFixed(3)}%`,
  };
}

/** Which way the tooltip opens so it stays inside the chart: away from the
 * nearer side edge, and below the point when it is in the top third. */
export function tipPlacement(h: Pick<RadarHotspot, "x" | "y">, chart: Pick<RadarChart, "width" | "height">): { side: "left" | "right" | "center"; below: boolean } {
  const fx = h.x / chart.width;
  const side = fx > 0.62 ? "left" : fx < 0.38 ? "right" : "center";
  return { side, below: h.y / chart.height < 0.34 };
}
