// The Nudge and Blast template editor (F41) in the UI: which candidates the
// preview can show, placeholder insertion at the caret, and the wording of
// what the core found wrong. Rendering and checking are the core's
// (`actions::messages::preview`); these only arrange and word its answer.
import type { MessagePreview } from "./gen/MessagePreview";
import type { TemplateProblem } from "./gen/TemplateProblem";

export type MessageKind = "nudge" | "blast";

/** The candidates the preview can switch between: the selection, or (for
 * "Select all N matching", where the ids are not in the UI) the sample. */
export function recipients(ids: string[], sample?: string | null): string[] {
  if (ids.length) return ids;
  return sample ? [sample] : [];
}

/** `text` with `{placeholder}` put over the selection [start, end); the
 * caret goes after it. */
export function insertPlaceholder(text: string, start: number, end: number, placeholder: string): { text: string; caret: number } {
  const a = Math.max(0, Math.min(start, text.length));
  const b = Math.max(a, Math.min(end, text.length));
  const p = `{${placeholder}}`;
  return { text: text.slice(0, a) + p + text.slice(b), caret: a + p.length };
}

/** "Subject: the subject is empty" (the field a person sees). */
export function problemText(p: TemplateProblem): string {
  const field = p.field === "body" ? "Message" : p.field === "subject" ? "Subject" : p.field;
  return `${field}: ${p.message}`;
}

/** The unknown placeholders, said once: "{first_name} and {job} are not
 * placeholders Shortlist fills in". Null when there are none. */
export function unknownNotice(names: string[]): string | null {
  if (names.length === 0) return null;
  const q = names.map((n) => `{${n}}`);
  const list = q.length === 1 ? q[0] : `${q.slice(0, -1).join(", ")} and ${q.at(-1)}`;
  return `${list} ${q.length === 1 ? "is not a placeholder" : "are not placeholders"} Shortlist fills in; fix ${q.length === 1 ? "it" : "them"} or write {{ }} for literal braces.`;
}

/** Problems other than unknown placeholders (those have their own notice). */
export function otherProblems(p: MessagePreview | null): TemplateProblem[] {
  return (p?.problems ?? []).filter((x) => !x.message.startsWith("unknown placeholder"));
}

/** Whether the draft may be queued / saved: no problem at all. */
export function draftOk(p: MessagePreview | null): boolean {
  return !!p && p.problems.length === 0;
}
