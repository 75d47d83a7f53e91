// App-wide state (Svelte 5 runes). Screens read and write it; all data comes
// through `ipc`.
import { SvelteSet } from "svelte/reactivity";
import {
  AppError,
  defaultQuery,
  ipc,
  toError,
  type AppInfo,
  type CandidatePage,
  type CandidateQuery,
  type Decision,
  type DecisionChange,
  type DropOffer,
  type ImportProgressEvent,
  type ImportResult,
  type ImportSource,
  type InterviewerSummary,
  type Matching,
  type WorkspaceOverview,
} from "./ipc";
import { pushToast, toastDuration, type Toast } from "./toasts";
import { workspaceLabel } from "./workspaceName";
import { needsPassphrase } from "./encryption";

export type Screen = "list" | "profile" | "compare";
export type Layout = "classic" | "modular";

/** An import from the UI: `picking` while the native dialog is up (no
 * modal yet), then `running` with progress, then the outcome. */
export type ImportJob =
  | { status: "picking"; source: ImportSource }
  | { status: "running"; source: ImportSource; progress: ImportProgressEvent | null; cancelling: boolean }
  | { status: "done"; result: ImportResult }
  | { status: "failed"; error: AppError };

export type { Toast } from "./toasts";

class AppState {
  info = $state<AppInfo | null>(null);
  workspace = $state<WorkspaceOverview | null>(null);
  importJob = $state<ImportJob | null>(null);
  /** Something importable was dropped onto the window: ask first. */
  dropOffer = $state<DropOffer | null>(null);
  /** Files are being dragged over the window. */
  dragging = $state(false);
  /** A workspace switch is in progress (menu disabled, list dimmed). */
  switching = $state(false);
  openError = $state<AppError | null>(null);
  interviewers = $state<InterviewerSummary[]>([]);
  interviewersLoaded = $state(false);
  postingId = $state<string | null>(null);
  screen = $state<Screen>("list");
  tab = $state("candidates");
  query = $state<CandidateQuery>(defaultQuery(null));
  /** Interview shown in the profile, and its index in the current list order. */
  profileId = $state<string | null>(null);
  profileIndex = $state(0);
  listTotal = $state(0);
  cursor = $state(0);
  selection = new SvelteSet<string>();
  compareIds = $state<string[]>([]);
  blind = $state(false);
  layout = $state<Layout>("classic");
  helpOpen = $state(false);
  toasts = $state<Toast[]>([]);
  undoStack: DecisionChange[] = [];
  /** Bumped after every decision so lists and profiles refetch. */
  dataVersion = $state(0);
  /** How many of the `dataVersion` bumps were decisions (or their undo). */
  private decisionBumps = $state(0);
  /** What the notification bell reloads on: every data change but a
   * decision, which changes no notification (at 100,000 candidates a reload
   * is a scan of every completed interview). */
  notifyVersion = $derived(this.dataVersion - this.decisionBumps);
  /** Bumped when the OS switches between light and dark, so charts drawn
   * by Rust are fetched again in the window's new palette. */
  schemeVersion = $state(0);
  /** Workspaces filled with the first-run demo when opened (this session):
   * the menu names them "Demo workspace" rather than by their folder. */
  demoPaths = $state<string[]>([]);
  private toastSeq = 0;
  /** The first page of a list, asked for when its interviewer is opened so
   * the query runs while the list screen mounts; taken once by the list. */
  private prefetched: { key: string; page: Promise<CandidatePage>; askedAt: number } | null = null;
  private toastTimers = new Map<number, ReturnType<typeof setTimeout>>();

  get posting(): InterviewerSummary | null {
    return this.interviewers.find((i) => i.id === this.postingId) ?? null;
  }

  async start() {
    // Every command waits for the workspace to open, so all start-up calls
    // go out in one round; a failed open is reported once, by app_info.
    const settings = Promise.all([
      ipc.getSetting("ui.blind").catch(() => null),
      ipc.getSetting("ui.layout").catch(() => null),
    ]);
    const interviewers = ipc.listInterviewers();
    const overview = ipc.workspaceOverview();
    interviewers.catch(() => {});
    overview.catch(() => {});
    try {
      this.info = await ipc.appInfo();
    } catch (e) {
      this.openError = toError(e);
      return;
    }
    performance.mark("app-info");
    if (this.info.demo_loaded && this.info.workspace && !this.demoPaths.includes(this.info.workspace))
      this.demoPaths = [...this.demoPaths, this.info.workspace];
    const [[blind, layout]] = await Promise.all([
      settings,
      this.refreshInterviewers(interviewers),
      this.refreshWorkspace(overview),
    ]);
    this.blind = blind === "true";
    this.layout = layout === "modular" ? "modular" : "classic";
    performance.mark("interviewers");
    this.openFirstInterviewer();
  }

  /** Open the first interviewer that has candidates (a new draft has none). */
  private openFirstInterviewer() {
    const first = this.interviewers.find((i) => Number(i.counts.total) > 0) ?? this.interviewers[0];
    if (first && !this.postingId) this.openInterviewer(first.id);
  }

  async refreshWorkspace(pending = ipc.workspaceOverview()) {
    try {
      this.workspace = await pending;
    } catch (e) {
      this.toast(toError(e).message, "bad");
    }
  }

  /** Forget everything about the previous workspace's screens, its toasts
   * included (an Undo offer there would act on a workspace no longer open). */
  private resetForWorkspace() {
    this.clearToasts();
    this.info = null;
    this.openError = null;
    this.interviewers = [];
    this.interviewersLoaded = false;
    this.postingId = null;
    this.screen = "list";
    this.tab = "candidates";
    this.query = defaultQuery(null);
    this.profileId = null;
    this.selection.clear();
    this.compareIds = [];
    this.undoStack = [];
    this.dataVersion++;
  }

  /** Open / create / switch: `run` opens the dialog or the recent entry and
   * resolves to the new workspace, or null when the user cancelled. A refused
   * folder leaves the current workspace open and says why. */
  async switchWorkspace(run: () => Promise<WorkspaceOverview | null>) {
    if (this.switching) return;
    this.switching = true;
    try {
      const opened = await run();
      if (!opened) return;
      this.resetForWorkspace();
      await this.start();
      this.workspace = opened;
      this.toast(`Opened workspace “${this.workspaceLabel(opened.path, opened.name)}”`, "good");
    } catch (e) {
      const err = toError(e);
      // An encrypted workspace without a keychain key: ask for its passphrase.
      if (needsPassphrase(err)) this.locked = true;
      else this.toast(err.message, "bad");
    } finally {
      this.switching = false;
    }
  }

  /** An encrypted workspace is waiting for its passphrase (after a switch). */
  locked = $state(false);

  /** Open the encrypted workspace waiting for its passphrase. Resolves to
   * the error to show under the field (a wrong passphrase: ask again), or
   * null once it is open. */
  async unlock(passphrase: string): Promise<AppError | null> {
    try {
      const opened = await ipc.unlockWorkspace(passphrase);
      this.locked = false;
      this.resetForWorkspace();
      await this.start();
      this.workspace = opened;
      return null;
    } catch (e) {
      return toError(e);
    }
  }

  /** After Settings encrypted or decrypted the workspace (closed and
   * reopened by the shell): reload everything shown. */
  async reloadAfterConversion() {
    this.resetForWorkspace();
    await this.start();
  }

  /** How the UI names the workspace at `path` (see `workspaceLabel`). */
  workspaceLabel(path: string, name?: string): string {
    return workspaceLabel(path, { name, demo: this.demoPaths.includes(path) });
  }

  async forgetWorkspace(path: string) {
    try {
      this.workspace = await ipc.forgetWorkspace(path);
    } catch (e) {
      this.toast(toError(e).message, "bad");
    }
  }

  /** Import from the UI: native dialog, progress, result or problems. */
  async runImport(source: ImportSource) {
    if (this.importJob && (this.importJob.status === "running" || this.importJob.status === "picking")) return;
    this.importJob = { status: "picking", source };
    try {
      const result = await ipc.importData(source);
      if (!result) {
        this.importJob = null;
        return;
      }
      this.importJob = { status: "done", result };
      await this.afterDataArrived();
    } catch (e) {
      const error = toError(e);
      if (error.code === "import_cancelled") {
        this.importJob = null;
        this.toast("Import cancelled: nothing was written", "info");
      } else {
        this.importJob = { status: "failed", error };
      }
    }
  }

  /** An `import-progress` event: the dialog shows once work has started. */
  importProgress(p: ImportProgressEvent) {
    const job = this.importJob;
    if (job && (job.status === "picking" || job.status === "running")) {
      this.importJob = {
        status: "running",
        source: job.source,
        progress: p,
        cancelling: job.status === "running" ? job.cancelling : false,
      };
    }
  }

  /** The OS dropped something onto the window. */
  offerDrop(o: DropOffer) {
    this.dragging = false;
    if (o.refused) {
      this.toast(o.refused, "bad");
      return;
    }
    if (this.importJob && (this.importJob.status === "running" || this.importJob.status === "picking")) {
      this.toast("An import is already running; drop again when it has finished", "bad");
      return;
    }
    this.dropOffer = o;
  }

  async confirmDrop() {
    this.dropOffer = null;
    await this.runImport("dropped");
  }

  async cancelImport() {
    const job = this.importJob;
    if (job?.status === "running") this.importJob = { ...job, cancelling: true };
    await ipc.cancelImport().catch((e) => this.toast(toError(e).message, "bad"));
  }

  closeImport() {
    if (this.importJob && this.importJob.status !== "running") this.importJob = null;
  }

  async loadDemo() {
    this.importJob = { status: "picking", source: "folder" };
    try {
      this.workspace = await ipc.loadDemoData();
      this.importJob = null;
      await this.afterDataArrived();
      this.toast("Demo data loaded", "good");
    } catch (e) {
      this.importJob = { status: "failed", error: toError(e) };
    }
  }

  private async afterDataArrived() {
    this.dataVersion++;
    await Promise.all([this.refreshInterviewers(), this.refreshWorkspace()]);
    this.openFirstInterviewer();
  }

  async refreshInterviewers(pending = ipc.listInterviewers()) {
    try {
      this.interviewers = await pending;
    } catch (e) {
      this.toast(toError(e).message, "bad");
    } finally {
      this.interviewersLoaded = true;
    }
  }

  openInterviewer(id: string) {
    this.postingId = id;
    this.screen = "list";
    this.tab = "candidates";
    this.query = { ...defaultQuery(id) };
    this.cursor = 0;
    this.selection.clear();
    this.prefetchPage(this.query);
  }

  private pageKey(query: CandidateQuery): string {
    return JSON.stringify(query) + "#" + this.dataVersion;
  }

  /** Start the list query for `query` now (see `prefetched`). */
  prefetchPage(query: CandidateQuery) {
    const page = ipc.listCandidates(query);
    page.catch(() => {}); // whoever takes it reports the error
    this.prefetched = { key: this.pageKey(query), page, askedAt: performance.now() };
  }

  /** The prefetched page (and when it was asked for, `performance.now()`)
   * when it answers exactly `query` on the current data, else null; either
   * way the prefetch is used up. */
  takePrefetched(query: CandidateQuery): { page: Promise<CandidatePage>; askedAt: number } | null {
    const p = this.prefetched;
    this.prefetched = null;
    return p && p.key === this.pageKey(query) ? { page: p.page, askedAt: p.askedAt } : null;
  }

  openProfile(interviewId: string, index: number) {
    this.profileId = interviewId;
    this.profileIndex = index;
    this.cursor = index;
    this.screen = "profile";
  }

  backToList() {
    this.screen = "list";
    this.tab = "candidates";
  }

  async setBlind(on: boolean) {
    this.blind = on;
    await ipc.setSetting("ui.blind", String(on)).catch((e) => this.toast(toError(e).message, "bad"));
  }

  async setLayout(l: Layout) {
    this.layout = l;
    await ipc.setSetting("ui.layout", l).catch((e) => this.toast(toError(e).message, "bad"));
  }

  /** Show a toast; toasts of one `group` (or with the same text) coalesce. */
  toast(text: string, tone: Toast["tone"] = "info", undo?: DecisionChange, group?: string) {
    const id = ++this.toastSeq;
    const before = new Set(this.toasts.map((t) => t.id));
    this.toasts = pushToast(this.toasts, { id, text, tone, undo, group });
    for (const old of before) if (!this.toasts.some((t) => t.id === old)) this.clearToastTimer(old);
    this.armToast(id);
  }

  /** Remove every toast and its timer. */
  clearToasts() {
    for (const t of this.toasts) this.clearToastTimer(t.id);
    this.toasts = [];
  }

  dismissToast(id: number) {
    this.clearToastTimer(id);
    this.toasts = this.toasts.filter((t) => t.id !== id);
  }

  /** Hovering or focusing a toast keeps it (WCAG 2.2.1); leaving restarts its time. */
  holdToast(id: number) {
    this.clearToastTimer(id);
  }

  armToast(id: number) {
    const t = this.toasts.find((x) => x.id === id);
    if (!t) return;
    this.clearToastTimer(id);
    this.toastTimers.set(id, setTimeout(() => this.dismissToast(id), toastDuration(t)));
  }

  private clearToastTimer(id: number) {
    const h = this.toastTimers.get(id);
    if (h !== undefined) clearTimeout(h);
    this.toastTimers.delete(id);
  }

  /** `matching`: every candidate of the list's filter ("Select all N
   * matching", resolved in Rust); `ids` is then empty and `count` says how many. */
  /** Resolves to the change made (for a caller's own Undo), or null when
   * nothing was written (the failure is toasted). */
  async decide(ids: string[], decision: Decision, label?: string, matching?: Matching | null, count?: number): Promise<DecisionChange | null> {
    if (ids.length === 0 && !matching) return null;
    try {
      const change = matching ? await ipc.setDecision([], decision, matching) : await ipc.setDecision(ids, decision);
      if (matching) label ??= `${count ?? change.entries.length} candidates`;
      this.undoStack.push(change);
      this.dataVersion++;
      this.decisionBumps++;
      const who = label ?? (ids.length === 1 ? "Candidate" : `${ids.length} candidates`);
      const verb = decision === "shortlisted" ? "shortlisted" : decision === "dismissed" ? "dismissed" : "moved back to pending";
      this.toast(`${who} ${verb}`, decision === "dismissed" ? "bad" : "good", change);
      await this.refreshInterviewers();
      return change;
    } catch (e) {
      this.toast(toError(e).message, "bad");
      return null;
    }
  }

  async undo(change?: DecisionChange) {
    const c = change ?? this.undoStack.pop();
    if (!c) {
      this.toast("Nothing to undo");
      return;
    }
    if (change) this.undoStack = this.undoStack.filter((x) => x !== change);
    try {
      await ipc.undoDecision(c);
      this.dataVersion++;
      this.decisionBumps++;
      this.toast("Decision undone");
      await this.refreshInterviewers();
    } catch (e) {
      this.toast(toError(e).message, "bad");
    }
  }
}

export const app = new AppState();

/** Whether the window shows the dark palette (app.css switches it with
 * `prefers-color-scheme`); charts drawn by Rust are asked for in it. */
export function isDark(): boolean {
  return typeof document !== "undefined" && getComputedStyle(document.documentElement).colorScheme === "dark";
}
