// Captions for the player: the transcript as a WebVTT document
// (https://www.w3.org/TR/webvtt1/). Candidate text is escaped so that it can
// never end a cue early ("-->", blank lines) or be read as a cue tag ("<").

export interface CaptionLine {
  speaker: string;
  text: string;
  /** Seconds from the start of the recording. */
  timestamp: number;
}

/** The longest a cue stays on screen when nothing follows it soon. */
export const MAX_CUE_SECONDS = 8;
/** A cue is shown at least this long (unless the next line starts sooner). */
export const MIN_CUE_SECONDS = 1;

/** `hh:mm:ss.ttt`, the WebVTT timestamp form (hours always written). */
export function vttTime(seconds: number): string {
  const ms = Math.max(0, Math.round((Number.isFinite(seconds) ? seconds : 0) * 1000));
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const t = ms % 1000;
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(h)}:${two(m)}:${two(s)}.${String(t).padStart(3, "0")}`;
}

/**
 * Cue text: `&`, `<` and `>` as character references (so "-->" becomes
 * "--&gt;"), line breaks kept but blank lines removed (a blank line would
 * end the cue), other control characters dropped.
 */
export function escapeCueText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .join("\n")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

export interface VttOptions {
  /** Length of the recording, when known: no cue runs past it. */
  duration?: number;
  /** Speaker shown for a line (e.g. "Candidate" in blind review); null hides it. */
  speaker?: (line: CaptionLine) => string | null;
  /** The cue text (e.g. redacted in blind review). */
  text?: (line: CaptionLine) => string;
}

/**
 * The transcript as WebVTT. Lines are ordered by time; each cue lasts until
 * the next line starts, at most MAX_CUE_SECONDS, and never past `duration`.
 * Lines with no text are skipped.
 */
export function transcriptToVtt(lines: CaptionLine[], opts: VttOptions = {}): string {
  const speakerOf = opts.speaker ?? ((l: CaptionLine) => l.speaker || null);
  const textOf = opts.text ?? ((l: CaptionLine) => l.text);
  const dur = opts.duration != null && Number.isFinite(opts.duration) && opts.duration > 0 ? opts.duration : null;
  const sorted = lines
    .map((l, i) => ({ l, i, text: escapeCueText(textOf(l)) }))
    .filter((x) => x.text.length > 0 && Number.isFinite(x.l.timestamp))
    .sort((a, b) => a.l.timestamp - b.l.timestamp || a.i - b.i);
  const out = ["WEBVTT", ""];
  sorted.forEach((x, k) => {
    const start = Math.max(0, x.l.timestamp);
    if (dur != null && start >= dur) return;
    const next = sorted[k + 1]?.l.timestamp;
    let end = start + MAX_CUE_SECONDS;
    if (next != null && next > start) end = Math.min(end, next);
    else if (next != null) end = start + MIN_CUE_SECONDS; // same start: overlap briefly
    if (dur != null) end = Math.min(end, dur);
    if (end <= start) end = start + 0.001;
    const who = speakerOf(x.l);
    const label = who ? escapeCueText(who).replace(/\n/g, " ") : "";
    out.push(String(k + 1), `${vttTime(start)} --> ${vttTime(end)}`, label ? `${label}: ${x.text}` : x.text, "");
  });
  return out.join("\n");
}

/**
 * A profile's caption source: its transcript, and in blind review the same
 * redaction the transcript tab applies (the candidate's name and e-mail
 * hidden in the text, the speaker shown as "Candidate").
 */
export function captionSource(
  lines: CaptionLine[],
  who: { name: string; email?: string | null },
  hidden: boolean,
  redact: (text: string, name: string, email?: string | null) => string,
): { lines: CaptionLine[]; opts: VttOptions } {
  if (!hidden) return { lines, opts: {} };
  return {
    lines,
    opts: {
      text: (l) => redact(l.text, who.name, who.email),
      speaker: (l) => (l.speaker.toLowerCase() === "candidate" || l.speaker === who.name ? "Candidate" : l.speaker),
    },
  };
}
