// App-wide state (Svelte 5 runes). Screens read and write it; all data comes
// through `ipc`.
import { SvelteSet } from "svelte/reactivity";
import {
  AppError,
  defaultQuery,
  ipc,
  toError,
  type AppInfo,
  type CandidateQuery,
  type Decision,
  type DecisionChange,
  type InterviewerSummary,
} from "./ipc";
import { pushToast, toastDuration, type Toast } from "./toasts";

export type Screen = "list" | "profile" | "compare";
export type Layout = "classic" | "modular";

export type { Toast } from "./toasts";

class AppState {
  info = $state<AppInfo | null>(null);
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
  private toastSeq = 0;
  private toastTimers = new Map<number, ReturnType<typeof setTimeout>>();

  get posting(): InterviewerSummary | null {
    return this.interviewers.find((i) => i.id === this.postingId) ?? null;
  }

  async start() {
    try {
      this.info = await ipc.appInfo();
    } catch (e) {
      this.openError = toError(e);
      return;
    }
    performance.mark("app-info");
    // Settings and the interviewer list in one round of parallel calls.
    const [blind, layout] = await Promise.all([
      ipc.getSetting("ui.blind").catch(() => null),
      ipc.getSetting("ui.layout").catch(() => null),
      this.refreshInterviewers(),
    ]);
    this.blind = blind === "true";
    this.layout = layout === "modular" ? "modular" : "classic";
    performance.mark("interviewers");
    // Open the first interviewer that has candidates (a new draft has none).
    const first = this.interviewers.find((i) => Number(i.counts.total) > 0) ?? this.interviewers[0];
    if (first && !this.postingId) this.openInterviewer(first.id);
  }

  async refreshInterviewers() {
    try {
      this.interviewers = await ipc.listInterviewers();
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

  async decide(ids: string[], decision: Decision, label?: string) {
    if (ids.length === 0) return;
    try {
      const change = await ipc.setDecision(ids, decision);
      this.undoStack.push(change);
      this.dataVersion++;
      const who = label ?? (ids.length === 1 ? "Candidate" : `${ids.length} candidates`);
      const verb = decision === "shortlisted" ? "shortlisted" : decision === "dismissed" ? "dismissed" : "moved back to pending";
      this.toast(`${who} ${verb}`, decision === "dismissed" ? "bad" : "good", change);
      await this.refreshInterviewers();
    } catch (e) {
      this.toast(toError(e).message, "bad");
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
      this.toast("Decision undone");
      await this.refreshInterviewers();
    } catch (e) {
      this.toast(toError(e).message, "bad");
    }
  }
}

export const app = new AppState();
