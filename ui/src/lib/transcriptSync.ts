// Which transcript line is active at playback time t. Both players feed
// positions here: the webview's <video>/<audio> (timeupdate) and the native
// rodio player (`audio-state` events).

/** Index of the last line starting at or before `t` (lines sorted by start), or -1. */
export function activeLine(starts: readonly number[], t: number): number {
  if (!Number.isFinite(t) || starts.length === 0 || t < starts[0]) return -1;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Seek target for a ±skip, clamped into [0, duration]. */
export function skip(current: number, delta: number, duration: number): number {
  const d = Number.isFinite(duration) && duration > 0 ? duration : Infinity;
  return Math.min(Math.max(0, current + delta), d);
}

export const SPEEDS = [0.75, 1, 1.25, 1.5, 1.75, 2] as const;

/** Position of a marker on the scrubber as a percentage. */
export function markerPercent(at: number, duration: number): number | null {
  if (!Number.isFinite(at) || !Number.isFinite(duration) || duration <= 0) return null;
  return Math.min(100, Math.max(0, (at / duration) * 100));
}

export function formatClock(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) seconds = 0;
  const s = Math.floor(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
}

/**
 * Pinned notes grouped by the transcript line they belong beside: the line
 * being spoken at the note's time (the last line starting at or before it;
 * a note before the first line goes beside the first). Notes without a time
 * are left out (they are listed in the Notes panel). Within a line, notes
 * are in time order.
 */
export function notesByLine<N extends { at_seconds: number | null }>(
  starts: readonly number[],
  notes: readonly N[],
): Map<number, N[]> {
  const out = new Map<number, N[]>();
  if (starts.length === 0) return out;
  const timed = notes.filter((n) => n.at_seconds != null && Number.isFinite(n.at_seconds));
  timed.sort((a, b) => a.at_seconds! - b.at_seconds!);
  for (const n of timed) {
    const i = Math.max(0, activeLine(starts, n.at_seconds!));
    const list = out.get(i);
    if (list) list.push(n);
    else out.set(i, [n]);
  }
  return out;
}
