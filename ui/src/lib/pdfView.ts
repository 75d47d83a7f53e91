// The résumé viewer's arithmetic, apart from pdf.js: zoom (fit-width and
// steps), which page is in view, canvas backing-store size, and telling a
// PDF from something else before handing bytes to pdf.js.

export const MIN_ZOOM = 0.25;
export const MAX_ZOOM = 4;
/** Zoom steps, as a factor of the page's natural size (1 = 72 dpi → CSS px). */
export const ZOOM_STEPS = [0.5, 0.67, 0.75, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3, 4];

export function clampZoom(z: number): number {
  if (!Number.isFinite(z)) return 1;
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, z));
}

/** The zoom at which a page `pageWidth` CSS px wide at 1× fills `available` px. */
export function fitWidthZoom(pageWidth: number, available: number): number {
  if (!(pageWidth > 0) || !(available > 0)) return 1;
  return clampZoom(available / pageWidth);
}

/** The next zoom step above (dir 1) or below (dir −1) `z`. */
export function stepZoom(z: number, dir: 1 | -1): number {
  const eps = 1e-3;
  if (dir === 1) return ZOOM_STEPS.find((s) => s > z + eps) ?? MAX_ZOOM;
  for (let i = ZOOM_STEPS.length - 1; i >= 0; i--) if (ZOOM_STEPS[i] < z - eps) return ZOOM_STEPS[i];
  return MIN_ZOOM;
}

/** "125 %". */
export function zoomLabel(z: number): string {
  return `${Math.round(z * 100)} %`;
}

/**
 * The page (1-based) a reader is on: the last page whose top is at or above
 * a point a third of the way down the visible area. `tops` are each page's
 * offset from the top of the scroller, in order.
 */
export function pageInView(tops: number[], scrollTop: number, viewHeight: number): number {
  if (tops.length === 0) return 0;
  const probe = scrollTop + Math.max(0, viewHeight) / 3;
  let page = 1;
  for (let i = 0; i < tops.length; i++) if (tops[i] <= probe) page = i + 1;
  return page;
}

export function clampPage(p: number, count: number): number {
  if (count <= 0) return 0;
  if (!Number.isFinite(p)) return 1;
  return Math.min(count, Math.max(1, Math.round(p)));
}

/** Largest canvas area (px) drawn at device resolution; above it, resolution drops. */
export const MAX_CANVAS_AREA = 16_777_216;

/**
 * The canvas's pixel size for a page shown at `cssWidth` × `cssHeight`:
 * sharp at the device pixel ratio, scaled down to stay under MAX_CANVAS_AREA.
 * `ratio` is canvas px per CSS px.
 */
export function canvasSize(cssWidth: number, cssHeight: number, dpr: number): { width: number; height: number; ratio: number } {
  let ratio = dpr > 0 && Number.isFinite(dpr) ? dpr : 1;
  const area = cssWidth * cssHeight * ratio * ratio;
  if (area > MAX_CANVAS_AREA) ratio = Math.sqrt(MAX_CANVAS_AREA / (cssWidth * cssHeight));
  return {
    width: Math.max(1, Math.floor(cssWidth * ratio)),
    height: Math.max(1, Math.floor(cssHeight * ratio)),
    ratio,
  };
}

/** Whether the bytes start like a PDF ("%PDF-" within the first 1024 bytes). */
export function looksLikePdf(bytes: Uint8Array): boolean {
  const sig = [0x25, 0x50, 0x44, 0x46, 0x2d];
  const end = Math.min(bytes.length - sig.length, 1024);
  outer: for (let i = 0; i <= end; i++) {
    for (let j = 0; j < sig.length; j++) if (bytes[i + j] !== sig[j]) continue outer;
    return true;
  }
  return false;
}

/** Why a résumé could not be shown, in words for the person reviewing. */
export function pdfProblem(e: unknown): string {
  const name = (e as { name?: string } | null)?.name ?? "";
  const msg = e instanceof Error ? e.message : String(e ?? "");
  if (name === "PasswordException" || /password/i.test(msg)) return "The résumé is password-protected.";
  if (name === "InvalidPDFException" || /invalid pdf|not a pdf/i.test(msg)) return "The file is not a readable PDF.";
  if (/status 404|not found/i.test(msg)) return "The résumé file is missing from this workspace.";
  if (/fetch|network|load failed/i.test(msg)) return "The résumé file could not be read.";
  return "The PDF could not be drawn.";
}
