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

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}
export type TipSide = "below" | "above" | "right" | "left";

/** Where the tooltip goes (viewport pixels, for `position: fixed`): outside
 * the chart so it never hides part of it — below the chart, else above,
 * else beside it (right, then left) — lined up with the point and kept
 * `margin` pixels inside the viewport. With no room anywhere it goes below,
 * pushed up into the viewport. */
export function tipBox(
  plot: Rect,
  point: { x: number; y: number },
  tip: { width: number; height: number },
  viewport: { width: number; height: number },
  gap = 8,
  margin = 8,
): { left: number; top: number; side: TipSide } {
  const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(Math.max(lo, hi), v));
  const x = clamp(point.x - tip.width / 2, margin, viewport.width - tip.width - margin);
  const y = clamp(point.y - tip.height / 2, margin, viewport.height - tip.height - margin);
  const below = plot.top + plot.height + gap;
  if (below + tip.height <= viewport.height - margin) return { left: x, top: below, side: "below" };
  const above = plot.top - gap - tip.height;
  if (above >= margin) return { left: x, top: above, side: "above" };
  const right = plot.left + plot.width + gap;
  if (right + tip.width <= viewport.width - margin) return { left: right, top: y, side: "right" };
  const left = plot.left - gap - tip.width;
  if (left >= margin) return { left, top: y, side: "left" };
  return { left: x, top: clamp(below, margin, viewport.height - tip.height - margin), side: "below" };
}

/** Whether the interviewer average is drawn under the candidates: the core
 * draws it when every compared candidate is of the same interviewer. */
export function averageDrawn(comparisons: { posting_id: string }[]): boolean {
  return comparisons.length > 0 && comparisons.every((c) => c.posting_id === comparisons[0].posting_id);
}
