// One Sync/Refresh at a time, shared by the header's Sync button and
// Settings → HeyMilo sync: progress from `sync-progress` events, the result
// summary or the error, and a refresh of everything shown afterwards. The
// outcome is toasted unless a view that shows it inline is open (Settings),
// so it is said once, wherever the person is looking when it lands.
import { ipc, onSyncProgress, toError, type SyncProgress, type SyncReport } from "./ipc";
import { app } from "./state.svelte";
import { syncSummary } from "./sync";
import { SYNC_CANCELLED } from "./protect";
import { protect } from "./protect.svelte";

class SyncRun {
  running = $state(false);
  progress = $state<SyncProgress | null>(null);
  result = $state<SyncReport | null>(null);
  error = $state<{ code: string; message: string } | null>(null);
  /** Cancel was asked and the sync has not stopped yet. */
  cancelling = $state(false);
  /** Views showing the outcome inline right now. */
  private inline = 0;

  /** A view that shows progress, result and error itself: call on mount,
   * and the returned function on unmount. */
  showInline(): () => void {
    this.inline++;
    let released = false;
    return () => {
      if (!released) {
        released = true;
        this.inline--;
      }
    };
  }

  async run(interviewIds: string[] = []): Promise<SyncReport | null> {
    if (this.running) return null;
    this.running = true;
    this.progress = null;
    this.error = null;
    this.cancelling = false;
    const un = await onSyncProgress((p) => (this.progress = p)).catch(() => null);
    try {
      const r = await ipc.syncNow(interviewIds);
      this.result = r;
      if (this.inline === 0) app.toast(syncSummary(r), r.media_failed.length ? "bad" : "good");
      await app.refreshInterviewers();
      app.dataVersion++;
      // Interviews HeyMilo no longer has: offered for erasure (F52).
      if (r.deleted_upstream?.length) protect.offerUpstream(r.deleted_upstream);
      return r;
    } catch (e) {
      const err = toError(e);
      const cancelled = err.code === "sync_cancelled";
      const message = cancelled ? SYNC_CANCELLED : err.message;
      this.error = { code: err.code, message };
      if (this.inline === 0) app.toast(message, cancelled ? "info" : "bad");
      return null;
    } finally {
      un?.();
      this.running = false;
      this.cancelling = false;
    }
  }

  /** Stop the running sync: it writes nothing, and what it fetched stays
   * staged for the next sync. */
  async cancel() {
    if (!this.running || this.cancelling) return;
    this.cancelling = true;
    try {
      if (!(await ipc.cancelSync())) this.cancelling = false;
    } catch (e) {
      this.cancelling = false;
      app.toast(toError(e).message, "bad");
    }
  }
}

export const syncRun = new SyncRun();
