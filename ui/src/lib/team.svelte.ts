// The team's state in the UI (F74): the latest background sync round (the
// `team-sync` event from Rust's sync thread) for the header indicator, and
// the refresh it triggers: when a round brought events, the list and the
// profile reload (dataVersion).
import { ipc, onTeamSync, type TeamSyncReport } from "./ipc";
import { app } from "./state.svelte";

class TeamState {
  /** The latest round; `null` until the first (or without a team). */
  report = $state<TeamSyncReport | null>(null);
  configured = $state(false);
  private started = false;

  /** Listen to the sync thread; ask the status once (without contacting
   * the server) so the indicator knows whether a team is configured. */
  async start() {
    if (this.started) return;
    this.started = true;
    await onTeamSync((r) => this.onRound(r));
    try {
      const s = await ipc.teamStatus();
      this.configured = s.configured;
      if (s.configured && !this.report)
        this.report = {
          configured: true,
          connected: s.connected,
          error: s.error,
          pushed: 0,
          fetched: 0,
          applied: 0,
          waiting_to_push: s.waiting_to_push,
          waiting_for_import: s.waiting_for_import,
          last_pull_at: s.last_pull_at,
        };
    } catch {
      // No workspace yet: the first round's event says it.
    }
  }

  onRound(r: TeamSyncReport) {
    this.report = r;
    this.configured = r.configured;
    if (r.applied > 0 || r.fetched > 0) app.dataVersion++;
  }
}

export const team = new TeamState();

/** "connected · pulled 2 min ago · 3 waiting" for the indicator. */
export function teamLine(r: TeamSyncReport | null, rel: (iso: string) => string): string {
  if (!r || !r.configured) return "No team";
  const parts = [r.connected ? "Connected" : "Offline"];
  parts.push(r.last_pull_at ? `pulled ${rel(r.last_pull_at)}` : "never pulled");
  if (r.waiting_to_push > 0) parts.push(`${r.waiting_to_push} waiting to push`);
  if (r.waiting_for_import > 0) parts.push(`${r.waiting_for_import} waiting for an import`);
  return parts.join(" · ");
}
