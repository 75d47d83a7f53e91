// The palette in app.css, checked where it is defined: every pair named
// here meets WCAG AA for text (4.5:1) in both the light and dark schemes.
/// <reference types="node" />
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { contrastRatio, parseHex } from "./contrast";

// Read as text (vitest stubs CSS imports out).
const css = readFileSync(join(dirname(fileURLToPath(import.meta.url)), "..", "app.css"), "utf8");

/** The custom properties of the first block after `marker` ("{ … }" of :root). */
function tokens(marker: RegExp): Record<string, string> {
  const at = css.search(marker);
  expect(at).toBeGreaterThanOrEqual(0);
  const open = css.indexOf(":root", at);
  const body = css.slice(css.indexOf("{", open) + 1, css.indexOf("}", open));
  return Object.fromEntries([...body.matchAll(/(--[\w-]+):\s*([^;]+);/g)].map((m) => [m[1], m[2].trim()]));
}

const light = tokens(/^:root \{/m);
const dark = { ...light, ...tokens(/@media \(prefers-color-scheme: dark\) \{\s*:root/) };

describe("contrastRatio", () => {
  it("matches the WCAG reference values", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrastRatio("#ffffff", "#ffffff")).toBeCloseTo(1, 5);
    expect(contrastRatio("#ffffff", "#ff8080")).toBeCloseTo(2.43, 2);
    expect(parseHex("#abc")).toEqual([0xaa, 0xbb, 0xcc]);
  });
});

describe("app.css palette", () => {
  for (const [scheme, t] of [
    ["light", light],
    ["dark", dark],
  ] as const) {
    it(`${scheme}: the bell's count badge and marks on green meet 4.5:1`, () => {
      expect(contrastRatio(t["--badge-text"], t["--badge-bg"])).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(t["--on-good"], t["--good"])).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(t["--accent-text"], t["--accent"])).toBeGreaterThanOrEqual(4.5);
    });
  }

  it("dark mode has its own badge colours (white on #ff8080 failed)", () => {
    expect(dark["--badge-bg"]).not.toBe(light["--badge-bg"]);
    expect(contrastRatio("#ffffff", dark["--badge-bg"])).toBeLessThan(4.5);
  });

  it("native controls take the theme: colour scheme and accent", () => {
    expect(light["color-scheme"] ?? css.match(/:root \{[^}]*color-scheme: light/)?.[0]).toBeTruthy();
    expect(css).toMatch(/@media \(prefers-color-scheme: dark\) \{\s*:root \{[^}]*color-scheme: dark;/);
    expect(css).toMatch(/input,\s*select,\s*textarea,\s*progress \{[^}]*accent-color: var\(--accent\)/);
    expect(css).toMatch(/input\[type="checkbox"\],\s*input\[type="radio"\] \{[^}]*appearance: none;/);
  });
});

// The figures quoted in app.css's comments.
it("the quoted ratios are the real ones", () => {
  expect([...css.matchAll(/ is [\d.]+:1/g)].length).toBeGreaterThanOrEqual(4);
  for (const m of css.matchAll(/(#[0-9a-f]{6}) on (#[0-9a-f]{6}) is ([\d.]+):1/gi)) {
    expect(Math.abs(contrastRatio(m[1], m[2]) - Number(m[3])), m[0]).toBeLessThan(0.006);
  }
});
