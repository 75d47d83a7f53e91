// Connectivity chart (Diagnostics): an SVG built with DOM APIs from numbers.

export interface Sample {
  t: number;
  rtt_ms: number | null;
  jitter_ms: number | null;
  packet_loss_pct: number | null;
}

const NS = "http://www.w3.org/2000/svg";

export function scale(v: number, d0: number, d1: number, r0: number, r1: number): number {
  if (d1 === d0) return (r0 + r1) / 2;
  return r0 + ((v - d0) / (d1 - d0)) * (r1 - r0);
}

/** Polyline points for one series, skipping missing values. */
export function linePoints(
  samples: Sample[],
  key: "rtt_ms" | "jitter_ms",
  w: number,
  h: number,
  pad: number,
  max: number,
): string {
  const t0 = samples[0]?.t ?? 0;
  const t1 = samples[samples.length - 1]?.t ?? 1;
  return samples
    .filter((s) => s[key] != null)
    .map((s) => `${scale(s.t, t0, t1, pad, w - pad).toFixed(1)},${scale(s[key]!, 0, max, h - pad, pad).toFixed(1)}`)
    .join(" ");
}

export function buildConnectivityChart(doc: Document, samples: Sample[], w: number, h: number): SVGSVGElement {
  const pad = 20;
  const svg = doc.createElementNS(NS, "svg");
  svg.setAttribute("viewBox", `0 0 ${w} ${h}`);
  const el = (name: string, attrs: Record<string, string | number>) => {
    const e = doc.createElementNS(NS, name);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    svg.appendChild(e);
    return e;
  };
  const values = samples.flatMap((s) => [s.rtt_ms ?? 0, s.jitter_ms ?? 0]);
  const max = Math.max(10, ...values) * 1.1;
  for (let i = 0; i <= 4; i++) {
    const y = scale(i, 0, 4, h - pad, pad);
    el("line", { x1: pad, x2: w - pad, y1: y, y2: y, stroke: "currentColor", "stroke-opacity": 0.12 });
    const label = el("text", { x: 2, y: y + 3, "font-size": 9, fill: "currentColor", "fill-opacity": 0.6 });
    label.textContent = String(Math.round((max * i) / 4));
  }
  const t0 = samples[0].t;
  const t1 = samples[samples.length - 1].t;
  const bw = Math.max(2, (w - 2 * pad) / samples.length - 2);
  for (const s of samples) {
    if (!s.packet_loss_pct) continue;
    const bh = scale(Math.min(s.packet_loss_pct, 10), 0, 10, 0, h - 2 * pad);
    el("rect", {
      x: scale(s.t, t0, t1, pad, w - pad) - bw / 2,
      y: h - pad - bh,
      width: bw,
      height: bh,
      fill: "#c22c2c",
      "fill-opacity": 0.45,
    });
  }
  el("polyline", { points: linePoints(samples, "rtt_ms", w, h, pad, max), fill: "none", stroke: "#2f5bd3", "stroke-width": 2 });
  el("polyline", { points: linePoints(samples, "jitter_ms", w, h, pad, max), fill: "none", stroke: "#d97706", "stroke-width": 1.5 });
  return svg;
}
