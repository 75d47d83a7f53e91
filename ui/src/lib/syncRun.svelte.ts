// One Sync/Refresh at a time, shared by the header's Sync button and
// Settings → HeyMilo sync: progress from `sync-progress` events, the result
// summary or the error, and a refresh of everything shown afterwards.
import { ipc, onSyncProgress, toError, type SyncProgress, type SyncReport } from "./ipc";
import { app } from "./state.svelte";
import { syncSummary } from "./sync";

class SyncRun {
  running = $state(false);
  progress = $state<SyncProgress | null>(null);
  result = $state<SyncReport | null>(null);
  error = $state<{ code: string; message: string } | null>(null);

  async run(interviewIds: string[] = []): Promise<SyncReport | null> {
    if (this.running) return null;
    this.running = true;
    this.progress = null;
    this.error = null;
    const un = await onSyncProgress((p) => (this.progress = p)).catch(() => null);
    try {
      const r = await ipc.syncNow(interviewIds);
      this.result = r;
      app.toast(syncSummary(r), r.media_failed.length ? "bad" : "good");
      await app.refreshInterviewers();
      app.dataVersion++;
      return r;
    } catch (e) {
      const err = toError(e);
      this.error = { code: err.code, message: err.message };
      app.toast(err.message, "bad");
      return null;
    } finally {
      un?.();
      this.running = false;
    }
  }
}

export const syncRun = new SyncRun();
