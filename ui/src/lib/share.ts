// The text summary Share copies for chat or e-mail (pure; tested). Blind
// review is respected: a hidden candidate is named by alias and their
// e-mail left out.
import type { CandidateRow } from "./ipc";
import { alias, isHidden } from "./blind";
import { pct, statusLabel } from "./format";

export function shareSummary(row: CandidateRow, postingTitle: string | null, blind: boolean): string {
  const hidden = isHidden(blind, row.decision === "pending" ? null : row.decision);
  const name = hidden ? alias(row.interview_id) : row.name;
  const lines: string[] = [postingTitle ? `${name} — ${postingTitle}` : name];
  const scores = [`Overall ${pct(row.score)}`];
  for (const s of row.stages) {
    // The stage cell's own label already reads "Resume 74%".
    if (s.score_pct != null) scores.push(s.label);
  }
  lines.push(scores.join(" · "));
  lines.push(`Status: ${statusLabel(row.status)} · Decision: ${row.decision === "pending" ? "pending" : row.decision}`);
  if (row.tags.length) lines.push(`Tags: ${row.tags.join(", ")}`);
  if (!hidden && row.email) lines.push(`E-mail: ${row.email}`);
  if (row.interview_url) lines.push(`Interview: ${row.interview_url}`);
  lines.push(`Shortlist id: ${row.interview_id}`);
  return lines.join("\n");
}
