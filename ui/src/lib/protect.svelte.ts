// Integrity, erasure and retention in the app (F50, F52): the Erase dialog
// request (from the profile, the list's selection, or the deleted-upstream
// offer after a sync), the integrity state fed by Rust's background check,
// and the toasts of the background retention pass.
import { ipc, onIntegrityDone, onIntegrityProgress, onRetentionApplied, type IntegrityView } from "./ipc";
import { dateTime } from "./format";
import { integrityState, retentionRunSummary } from "./protect";
import { app } from "./state.svelte";

class Protect {
  /** Candidates the Erase dialog is open for (`null`: closed). */
  eraseIds = $state<string[] | null>(null);
  /** Why the dialog opened: the reviewer chose, or HeyMilo deleted them. */
  eraseSource = $state<"manual" | "upstream">("manual");
  /** Interviews the last sync found deleted in HeyMilo, offered for erasure. */
  upstream = $state<string[]>([]);
  integrity = $state<IntegrityView | null>(null);
  private started = false;

  openErase(ids: string[], source: "manual" | "upstream" = "manual") {
    if (!ids.length) return;
    this.eraseSource = source;
    this.eraseIds = [...ids];
  }

  closeErase() {
    this.eraseIds = null;
  }

  /** After an erasure: forget the ids everywhere they are shown. */
  erased(ids: string[]) {
    for (const id of ids) app.selection.delete(id);
    this.upstream = this.upstream.filter((id) => !ids.includes(id));
    if (app.profileId && ids.includes(app.profileId)) app.backToList();
    app.dataVersion++;
    void app.refreshInterviewers();
  }

  offerUpstream(ids: string[]) {
    this.upstream = [...ids];
  }

  async refreshIntegrity() {
    this.integrity = await ipc.integrityStatus();
    return this.integrity;
  }

  async checkNow() {
    this.integrity = await ipc.integrityCheckNow();
  }

  /** Listen to Rust's background work; once per app. */
  async start() {
    if (this.started) return;
    this.started = true;
    await onIntegrityProgress((p) => {
      if (this.integrity) this.integrity = { ...this.integrity, running: true, progress: p };
    });
    await onIntegrityDone((v) => {
      this.integrity = v;
      if (v.last && !v.last.ok) {
        const s = integrityState(v, dateTime);
        app.toast(`${s.text}. ${v.recovery ?? ""}`.trim(), "bad");
      }
    });
    await onRetentionApplied((r) => {
      const text = retentionRunSummary(r);
      if (!text) return;
      app.toast(text, "info", undefined, "retention");
      app.dataVersion++;
      void app.refreshInterviewers();
    });
  }
}

export const protect = new Protect();
