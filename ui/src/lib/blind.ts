// Blind review (F19): until a decision is made, hide who the candidate is —
// name, e-mail, location, photo — and redact their name in transcripts.

export const REDACTED_NAME = "Candidate";
export const REDACTION = "[name]";

/** Display alias for a hidden candidate, stable per interview id. */
export function alias(interviewId: string): string {
  let h = 2166136261;
  for (let i = 0; i < interviewId.length; i++) {
    h ^= interviewId.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return `${REDACTED_NAME} ${(h >>> 0).toString(36).slice(-4).toUpperCase().padStart(4, "0")}`;
}

/** Whether a candidate is hidden: blind mode is on and no decision yet. */
export function isHidden(blind: boolean, decision: string | null | undefined): boolean {
  return blind && !decision;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Replace every part of the candidate's name (each word of 2+ letters, and
 * the e-mail's local part) in `text` with [name], case-insensitively and on
 * word boundaries in any script.
 */
export function redact(text: string, name: string, email?: string | null): string {
  const parts = new Set<string>();
  for (const w of name.split(/[\s,.'’-]+/u)) if (w.length >= 2) parts.add(w);
  if (email) {
    const local = email.split("@")[0];
    if (local && local.length >= 3) parts.add(local);
    parts.add(email);
  }
  if (parts.size === 0) return text;
  const sorted = [...parts].sort((a, b) => b.length - a.length);
  // Scripts written without spaces (Han, kana, Hangul, Thai) have no word
  // boundaries to anchor on: match those parts anywhere.
  const unspaced = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u;
  const alts = sorted.map((p) =>
    unspaced.test(p) ? escapeRegExp(p) : `(?<![\\p{L}\\p{N}])${escapeRegExp(p)}(?![\\p{L}\\p{N}])`,
  );
  const re = new RegExp(alts.join("|"), "giu");
  return text.replace(re, REDACTION);
}
