import { describe, expect, it } from "vitest";
import { buildConnectivityChart, linePoints, scale } from "./connectivity";

const samples = [
  { t: 0, rtt_ms: 50, jitter_ms: 5, packet_loss_pct: 0 },
  { t: 30, rtt_ms: null, jitter_ms: 10, packet_loss_pct: 2 },
  { t: 60, rtt_ms: 100, jitter_ms: 20, packet_loss_pct: 0 },
];

describe("connectivity chart", () => {
  it("scales linearly and handles a flat domain", () => {
    expect(scale(5, 0, 10, 0, 100)).toBe(50);
    expect(scale(3, 3, 3, 0, 100)).toBe(50);
  });
  it("skips missing samples in a series", () => {
    const pts = linePoints(samples, "rtt_ms", 200, 100, 10, 100).split(" ");
    expect(pts).toHaveLength(2);
    expect(pts[0]).toBe("10.0,50.0");
    expect(pts[1]).toBe("190.0,10.0");
  });
  it("builds an SVG from numbers with DOM APIs (two lines, loss bars, grid)", () => {
    const svg = buildConnectivityChart(document, samples, 640, 160);
    expect(svg.namespaceURI).toBe("http://www.w3.org/2000/svg");
    expect(svg.querySelectorAll("polyline")).toHaveLength(2);
    expect(svg.querySelectorAll("rect")).toHaveLength(1);
    expect(svg.querySelectorAll("line")).toHaveLength(5);
  });
});
