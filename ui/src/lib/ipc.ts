// Every call to the Rust shell goes through this module. Nothing here is a
// hand-written mirror of a Rust type: the types under ./gen/ are generated
// from Rust by ts-rs, and ./gen/commands.ts (also generated, from the
// #[tauri::command] functions) names every command with its arguments and
// result, so a wrong command name or argument fails `npm run check`.
// `make ui-types` regenerates them; a Rust test fails when they are stale,
// and ipc.mirrors.test.ts fails when a hand-written copy appears in src/lib.
import { invoke, type InvokeArgs } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";

import type { CommandName, Commands } from "./gen/commands";
import type { AlertSettings } from "./gen/AlertSettings";
import type { AudioState } from "./gen/AudioState";
import type { CandidateQuery } from "./gen/CandidateQuery";
import type { DecisionChange } from "./gen/DecisionChange";
import type { Decision } from "./gen/Decision";
import type { DropOffer } from "./gen/DropOffer";
import type { ExportKind } from "./gen/ExportKind";
import type { ImportProgressEvent } from "./gen/ImportProgressEvent";
import type { ImportSource } from "./gen/ImportSource";
import type { Matching } from "./gen/Matching";
import type { MessageTemplate } from "./gen/MessageTemplate";
import type { IpcError } from "./gen/IpcError";
import type { PackageOptions } from "./gen/PackageOptions";
import type { PackageProgress } from "./gen/PackageProgress";
import type { Problem } from "./gen/Problem";
import type { Progress } from "./gen/Progress";
import type { ReportOptions } from "./gen/ReportOptions";
import type { ShareScope } from "./gen/ShareScope";
import type { SmtpOverrides } from "./gen/SmtpOverrides";
import type { SyncProgress } from "./gen/SyncProgress";
import type { EvaluationInput } from "./gen/EvaluationInput";
import type { TeamSyncReport } from "./gen/TeamSyncReport";
import type { CheckProgress } from "./gen/CheckProgress";
import type { IntegrityView } from "./gen/IntegrityView";
import type { RetentionRun } from "./gen/RetentionRun";

export type { CommandName, Commands } from "./gen/commands";
export type { AppInfo } from "./gen/AppInfo";
export type { AtsRun } from "./gen/AtsRun";
export type { AudioState } from "./gen/AudioState";
export type { CandidateDetail } from "./gen/CandidateDetail";
export type { CandidatePage } from "./gen/CandidatePage";
export type { CandidateQuery } from "./gen/CandidateQuery";
export type { CandidateRow } from "./gen/CandidateRow";
export type { Cohort } from "./gen/Cohort";
export type { CohortChange } from "./gen/CohortChange";
export type { Comparison } from "./gen/Comparison";
export type { CompareCandidate } from "./gen/CompareCandidate";
export type { FlagKindCount } from "./gen/FlagKindCount";
export type { MessagePreview } from "./gen/MessagePreview";
export type { MessageTemplate } from "./gen/MessageTemplate";
export type { TemplateProblem } from "./gen/TemplateProblem";
export type { ComparisonAxis } from "./gen/ComparisonAxis";
export type { CompareView } from "./gen/CompareView";
export type { Counts } from "./gen/Counts";
export type { CrossAgentReport } from "./gen/CrossAgentReport";
export type { AgentConfig } from "./gen/AgentConfig";
export type { AgentQuestion } from "./gen/AgentQuestion";
export type { Subscriber } from "./gen/Subscriber";
export type { CrossAgentSignal } from "./gen/CrossAgentSignal";
export type { Decision } from "./gen/Decision";
export type { DecisionChange } from "./gen/DecisionChange";
export type { DeliveryReport } from "./gen/DeliveryReport";
export type { DropOffer } from "./gen/DropOffer";
export type { EmlExport } from "./gen/EmlExport";
export type { EncryptionStatus } from "./gen/EncryptionStatus";
export type { Enrichment } from "./gen/Enrichment";
export type { ExportKind } from "./gen/ExportKind";
export type { FindJobsResult } from "./gen/FindJobsResult";
export type { ImportPhase } from "./gen/ImportPhase";
export type { ImportProgressEvent } from "./gen/ImportProgressEvent";
export type { ImportResult } from "./gen/ImportResult";
export type { ImportSource } from "./gen/ImportSource";
export type { ImportSummary } from "./gen/ImportSummary";
export type { InterviewerAnalytics } from "./gen/InterviewerAnalytics";
export type { InterviewerSummary } from "./gen/InterviewerSummary";
export type { IpcError } from "./gen/IpcError";
export type { JobMatch } from "./gen/JobMatch";
export type { ActivityEvent } from "./gen/ActivityEvent";
export type { CandidateActivity } from "./gen/CandidateActivity";
export type { OtherApplication } from "./gen/OtherApplication";
export type { KeyFigure } from "./gen/KeyFigure";
export type { Matching } from "./gen/Matching";
export type { KeySource } from "./gen/KeySource";
export type { MediaRef } from "./gen/MediaRef";
export type { Note } from "./gen/Note";
export type { Notification } from "./gen/Notification";
export type { Notifications } from "./gen/Notifications";
export type { OpenState } from "./gen/OpenState";
export type { OsNotice } from "./gen/OsNotice";
export type { OutboxItem } from "./gen/OutboxItem";
export type { OutboxKind } from "./gen/OutboxKind";
export type { OutboxStatus } from "./gen/OutboxStatus";
export type { PackageOptions } from "./gen/PackageOptions";
export type { PackageProgress } from "./gen/PackageProgress";
export type { Problem } from "./gen/Problem";
export type { Progress } from "./gen/Progress";
export type { PushStatus } from "./gen/PushStatus";
export type { QueueReport } from "./gen/QueueReport";
export type { RadarChart } from "./gen/RadarChart";
export type { RadarHotspot } from "./gen/RadarHotspot";
export type { RadarView } from "./gen/RadarView";
export type { RecentWorkspace } from "./gen/RecentWorkspace";
export type { ReportModel } from "./gen/ReportModel";
export type { ReportOptions } from "./gen/ReportOptions";
export type { ReportStyle } from "./gen/ReportStyle";
export type { RetakeGrant } from "./gen/RetakeGrant";
export type { Saved } from "./gen/Saved";
export type { ShareScope } from "./gen/ShareScope";
export type { SmtpOverrides } from "./gen/SmtpOverrides";
export type { SortKey } from "./gen/SortKey";
export type { StageCell } from "./gen/StageCell";
export type { SyncProgress } from "./gen/SyncProgress";
export type { SyncReport } from "./gen/SyncReport";
export type { SyncSettings } from "./gen/SyncSettings";
export type { ThresholdSetting } from "./gen/ThresholdSetting";
export type { AlertSettings } from "./gen/AlertSettings";
export type { View } from "./gen/View";
export type { ViewCounts } from "./gen/ViewCounts";
export type { Evaluation } from "./gen/Evaluation";
export type { EvaluationInput } from "./gen/EvaluationInput";
export type { EvaluationVersion } from "./gen/EvaluationVersion";
export type { Identity } from "./gen/Identity";
export type { MyEvaluation } from "./gen/MyEvaluation";
export type { PanelDecision } from "./gen/PanelDecision";
export type { PanelQuestion } from "./gen/PanelQuestion";
export type { PanelSummary } from "./gen/PanelSummary";
export type { PanelView } from "./gen/PanelView";
export type { PullReport } from "./gen/PullReport";
export type { Recommendation } from "./gen/Recommendation";
export type { ReviewerIdentity } from "./gen/ReviewerIdentity";
export type { TeamConfig } from "./gen/TeamConfig";
export type { TeamInitResult } from "./gen/TeamInitResult";
export type { TeamStatus } from "./gen/TeamStatus";
export type { TeamSyncReport } from "./gen/TeamSyncReport";
export type { WorkspaceOverview } from "./gen/WorkspaceOverview";
// Trust: integrity, erasure, retention (F50, F52).
export type { CheckProgress } from "./gen/CheckProgress";
export type { ErasePlan } from "./gen/ErasePlan";
export type { ErasureRecord } from "./gen/ErasureRecord";
export type { ErasureReport } from "./gen/ErasureReport";
export type { IntegrityReport } from "./gen/IntegrityReport";
export type { IntegrityView } from "./gen/IntegrityView";
export type { RetentionPlan } from "./gen/RetentionPlan";
export type { RetentionRules } from "./gen/RetentionRules";
export type { RetentionRun } from "./gen/RetentionRun";

export class AppError extends Error implements IpcError {
  code: string;
  problems: Problem[];
  constructor(code: string, message: string, problems: Problem[] = []) {
    super(message);
    this.code = code;
    this.problems = problems;
  }
}

export function toError(e: unknown): AppError {
  if (e instanceof AppError) return e;
  if (e && typeof e === "object" && "code" in e && "message" in e) {
    const err = e as IpcError;
    const problems = Array.isArray(err.problems) ? err.problems : [];
    return new AppError(String(err.code), String(err.message), problems);
  }
  return new AppError("internal", e instanceof Error ? e.message : String(e));
}

/** Call a command by its generated name, with its generated argument and result types. */
async function call<C extends CommandName>(cmd: C, args?: Commands[C]["args"]): Promise<Commands[C]["result"]> {
  const t0 = performance.now();
  try {
    return await invoke<Commands[C]["result"]>(cmd, args as InvokeArgs | undefined);
  } catch (e) {
    throw toError(e);
  } finally {
    // Benchmark measure: each call made before the first rows are painted
    // (tests/e2e/bench.py lists where start-up time goes).
    if (!startedUp) measureStartupCall(cmd, t0);
  }
}

let startedUp = false;
function measureStartupCall(cmd: string, start: number) {
  try {
    startedUp = performance.getEntriesByName("first-rows").length > 0;
    if (!startedUp) performance.measure(`ipc:${cmd}`, { start, end: performance.now() });
  } catch {
    startedUp = true; // User Timing L3 unavailable (tests' DOM): stop asking
  }
}

export function newRequestId(): string {
  const a = new Uint8Array(12);
  crypto.getRandomValues(a);
  return Array.from(a, (b) => b.toString(16).padStart(2, "0")).join("");
}

export const PAGE_SIZE = 200;

export function defaultQuery(postingId: string | null): CandidateQuery {
  return {
    posting_id: postingId,
    panel_min_strong_yes: null,
    panel_split: false,
    search: null,
    view: "all",
    status: null,
    decision: null,
    stage_kind: null,
    stage_status: null,
    min_score: null,
    max_score: null,
    tags: [],
    cohort: null,
    flagged: null,
    sort: "last_engaged",
    descending: true,
    offset: 0,
    limit: PAGE_SIZE,
  };
}

export const ipc = {
  appInfo: () => call("app_info"),
  listInterviewers: () => call("list_interviewers"),
  interviewerAnalytics: (postingId: string) => call("interviewer_analytics", { postingId }),
  listCandidates: (query: CandidateQuery) => call("list_candidates", { query }),
  candidateDetail: (interviewId: string) => call("candidate_detail", { interviewId }),
  /** "Also applied to" and the activity timeline. */
  candidateActivity: (interviewId: string) => call("candidate_activity", { interviewId }),
  /** The agent tab: the interviewer's questions and scoring rubric from the imported scorecards. */
  agentConfig: (postingId: string) => call("agent_config", { postingId }),
  /** Subscribers as people: imported ones and the reviewer's additions (kept across re-imports). */
  listSubscribers: (postingId: string) => call("list_subscribers", { postingId }),
  addSubscriber: (postingId: string, email: string) => call("add_subscriber", { postingId, email }),
  removeSubscriber: (postingId: string, email: string) => call("remove_subscriber", { postingId, email }),
  /** `dark`: draw the chart for the dark palette (see `isDark`). */
  candidateRadar: (interviewId: string, dark = false) => call("candidate_radar", { interviewId, dark }),
  compareCandidates: (interviewIds: string[], dark = false) => call("compare_candidates", { interviewIds, dark }),
  /** `matching`: every candidate of the list's filter ("Select all N matching"), resolved in Rust. */
  setDecision: (interviewIds: string[], decision: Decision, matching: Matching | null = null) =>
    call("set_decision", { interviewIds, decision, matching }),
  undoDecision: (change: DecisionChange) => call("undo_decision", { change }),
  getSetting: (key: string) => call("get_setting", { key }),
  setSetting: (key: string, value: string) => call("set_setting", { key, value }),
  audioLoad: (hash: string) => call("audio_load", { hash }),
  audioPlay: () => call("audio_play"),
  audioPause: () => call("audio_pause"),
  audioSeek: (seconds: number) => call("audio_seek", { seconds }),
  audioSpeed: (speed: number) => call("audio_speed", { speed }),
  audioStop: () => call("audio_stop"),
  // Outputs: each opens the native save dialog; `null` = the user cancelled.
  /** CSV: `columns` (CSV column ids, in order) of the ticked ids or of `matching`. */
  exportList: (
    postingId: string,
    kind: ExportKind,
    title: string,
    scope: { columns?: string[] | null; interviewIds?: string[] | null; matching?: Matching | null } = {},
  ) => call("export_list", { postingId, kind, title, ...scope }),
  /** `panel`: add the top candidates' hiring panel (blind-safe, F73). */
  pipelineReport: (postingId: string, title: string, panel: boolean | null = null) =>
    call("pipeline_report", { postingId, title, panel }),
  candidatePdf: (interviewId: string, options: ReportOptions, name: string) =>
    call("candidate_pdf", { interviewId, options, name }),
  reportPreview: (interviewId: string, options: ReportOptions) => call("report_preview", { interviewId, options }),
  /** The original résumé as the file itself (not a ZIP); null: cancelled. */
  saveResume: (interviewId: string, name: string) => call("save_resume", { interviewId, name }),
  packageZip: (interviewIds: string[], options: PackageOptions, name: string, matching: Matching | null = null) =>
    call("package_zip", { interviewIds, options, name, matching }),
  /** How many candidates "Select all N matching" acts on. */
  selectionCount: (matching: Matching) => call("selection_count", { matching }),
  cancelPackage: () => call("cancel_package"),
  /** Share: a bundle ZIP a colleague imports into their Shortlist. */
  shareBundle: (scope: ShareScope, name: string) => call("share_bundle", { scope, name }),
  // Reviewer actions.
  listCohorts: () => call("list_cohorts"),
  createCohort: (name: string) => call("create_cohort", { name }),
  addToCohort: (name: string, interviewIds: string[], matching: Matching | null = null) =>
    call("add_to_cohort", { name, interviewIds, matching }),
  removeFromCohort: (name: string, interviewIds: string[], matching: Matching | null = null) =>
    call("remove_from_cohort", { name, interviewIds, matching }),
  deleteCohort: (name: string) => call("delete_cohort", { name }),
  listNotes: (interviewId: string) => call("list_notes", { interviewId }),
  addNote: (interviewId: string, atSeconds: number | null, text: string) =>
    call("add_note", { interviewId, atSeconds, text }),
  deleteNote: (noteId: number) => call("delete_note", { noteId }),
  /** Editing a note in conflict (F74) resolves it to this text everywhere. */
  editNote: (noteId: number, text: string) => call("edit_note", { noteId, text }),
  /** `template`: this draft instead of the workspace's nudge template. */
  nudge: (interviewIds: string[], requestId: string, matching: Matching | null = null, template: MessageTemplate | null = null) =>
    call("nudge", { interviewIds, requestId, matching, template }),
  /** The saved (or built-in) template of `kind`: nudge, blast, retake. */
  messageTemplate: (kind: string) => call("message_template", { kind }),
  saveMessageTemplate: (kind: string, template: MessageTemplate) => call("save_message_template", { kind, template }),
  /** A draft rendered for one candidate as queueing would, with its problems. */
  previewMessage: (kind: string, interviewId: string, template: MessageTemplate) =>
    call("preview_message", { kind, interviewId, template }),
  blast: (interviewIds: string[], subject: string, body: string, requestId: string, matching: Matching | null = null) =>
    call("blast", { interviewIds, subject, body, requestId, matching }),
  allowRetake: (interviewIds: string[], force: boolean, requestId: string, matching: Matching | null = null) =>
    call("allow_retake", { interviewIds, force, requestId, matching }),
  queueAts: (interviewIds: string[], atsName: string, requestId: string, matching: Matching | null = null) =>
    call("queue_ats", { interviewIds, atsName, requestId, matching }),
  outboxList: () => call("outbox_list"),
  outboxRetry: (ids: number[]) => call("outbox_retry", { ids }),
  outboxCancel: (ids: number[]) => call("outbox_cancel", { ids }),
  enrich: (interviewIds: string[], matching: Matching | null = null) => call("enrich", { interviewIds, matching }),
  findOtherJobs: (interviewId: string) => call("find_other_jobs", { interviewId }),
  crossAgent: (interviewId: string) => call("cross_agent", { interviewId }),
  // Delivery.
  /** Deliver due mail over SMTP; `password` goes to the OS keychain when `remember`. */
  outboxSend: (smtpSettings: SmtpOverrides, password: string | null, remember: boolean) =>
    call("outbox_send", { smtpSettings, password, remember }),
  /** Deliver queued ATS pushes with the sync settings' API key, then poll their status. */
  atsDeliver: () => call("ats_deliver"),
  /** Opens the native folder picker; `null` = cancelled. */
  outboxExportEml: (from: string | null, fromName: string | null, markSent: boolean) =>
    call("outbox_export_eml", { from, fromName, markSent }),
  syncSettings: () => call("sync_settings"),
  /** Saves the URL; the key (if given) goes to the OS keychain, or this session only. */
  saveSyncSettings: (apiUrl: string, apiKey: string | null) => call("save_sync_settings", { apiUrl, apiKey }),
  clearApiKey: () => call("clear_api_key"),
  syncNow: (interviewIds: string[] = []) => call("sync_now", { interviewIds }),
  /** Stop the running sync; `false` when none was running. */
  cancelSync: () => call("cancel_sync"),
  // Trust: integrity, erasure, retention (F50, F52).
  integrityStatus: () => call("integrity_status"),
  integrityCheckNow: () => call("integrity_check_now"),
  erasePlan: (interviewIds: string[]) => call("erase_plan", { interviewIds }),
  /** `confirm` must be "ERASE" (checked in Rust too). */
  eraseCandidates: (interviewIds: string[], reason: string, confirm: string) =>
    call("erase_candidates", { interviewIds, reason, confirm }),
  erasureLog: () => call("erasure_log"),
  /** Opens the native save dialog; `null` = cancelled. */
  exportErasures: (format: "csv" | "pdf") => call("export_erasures", { format }),
  deletedUpstream: () => call("deleted_upstream"),
  retentionRules: () => call("retention_rules"),
  setRetentionRules: (dismissedAfterDays: number | null, allAfterInterviewerClosedDays: number | null) =>
    call("set_retention_rules", { dismissedAfterDays, allAfterInterviewerClosedDays }),
  retentionPreview: () => call("retention_preview"),
  retentionApply: () => call("retention_apply"),
  // Notifications (F23).
  listNotifications: () => call("list_notifications"),
  markNotificationsRead: (keys: string[]) => call("mark_notifications_read", { keys }),
  /** Raise the desktop notifications the core says are new; returns them. */
  raiseOsNotifications: () => call("raise_os_notifications"),
  osNotifications: () => call("os_notifications"),
  setOsNotifications: (enabled: boolean) => call("set_os_notifications", { enabled }),
  /** Desktop notifications, the expiry window (days) and the alert sound. */
  alertSettings: () => call("alert_settings"),
  setAlertSettings: (settings: AlertSettings) => call("set_alert_settings", { settings }),
  /** Play the alert sound once; `audio_unavailable` without an output device. */
  playAlertSound: () => call("play_alert_sound"),
  /** The high-score threshold of an interviewer, or (`null`) the workspace default. */
  notificationThreshold: (postingId: string | null) => call("notification_threshold", { postingId }),
  /** `value = null`: the interviewer goes back to the workspace default. */
  setNotificationThreshold: (postingId: string | null, value: number | null) =>
    call("set_notification_threshold", { postingId, value }),
  // Workspaces and import (F1, F4). Dialogs open in Rust; `null` = cancelled.
  workspaceOverview: () => call("workspace_overview"),
  /** `path` must come from the recent list; without it a folder dialog asks. */
  openWorkspace: (path: string | null) => call("open_workspace", { path }),
  newWorkspace: () => call("new_workspace"),
  forgetWorkspace: (path: string) => call("forget_workspace", { path }),
  importData: (source: ImportSource) => call("import_data", { source }),
  cancelImport: () => call("cancel_import"),
  loadDemoData: () => call("load_demo_data"),
  // Panels and the team (F70–F75). Blindness is the core's: the panel and
  // the list never carry others' votes before you submit (unless lead).
  reviewerIdentity: () => call("reviewer_identity"),
  setReviewerIdentity: (name: string, email: string | null) => call("set_reviewer_identity", { name, email }),
  workSolo: () => call("work_solo"),
  myEvaluation: (interviewId: string) => call("my_evaluation", { interviewId }),
  saveEvaluationDraft: (interviewId: string, input: EvaluationInput) =>
    call("save_evaluation_draft", { interviewId, input }),
  submitEvaluation: (interviewId: string, input: EvaluationInput) => call("submit_evaluation", { interviewId, input }),
  amendEvaluation: (interviewId: string, input: EvaluationInput) => call("amend_evaluation", { interviewId, input }),
  candidatePanel: (interviewId: string) => call("candidate_panel", { interviewId }),
  teamStatus: () => call("team_status"),
  /** The URL's password goes to the OS keychain (Rust), never stored in the workspace. */
  teamInit: (url: string, name: string, email: string, lead: boolean | null) =>
    call("team_init", { url, name, email, lead }),
  teamSyncNow: () => call("team_sync_now"),
  teamPush: () => call("team_push"),
  teamPull: () => call("team_pull"),
  /** Open the encrypted workspace start-up (or a switch) could not open
   * without its passphrase; `wrong_passphrase` when it does not unlock it. */
  unlockWorkspace: (passphrase: string) => call("unlock_workspace", { passphrase }),
  encryptionStatus: () => call("encryption_status"),
  /** The key goes to the OS keychain; `passphrase` wraps it where none answers. */
  encryptWorkspace: (passphrase: string | null) => call("encrypt_workspace", { passphrase }),
  decryptWorkspace: (confirm: boolean) => call("decrypt_workspace", { confirm }),
};

/** The background team sync finished a round (list and profile refresh). */
export function onTeamSync(f: (r: TeamSyncReport) => void): Promise<UnlistenFn> {
  return listen<TeamSyncReport>("team-sync", (e) => f(e.payload));
}

export type Ipc = typeof ipc;

export function onAudioState(f: (s: AudioState) => void): Promise<UnlistenFn> {
  return listen<AudioState>("audio-state", (e) => f(e.payload));
}

export function onProgress(f: (p: Progress) => void): Promise<UnlistenFn> {
  return listen<Progress>("progress", (e) => f(e.payload));
}

export function mediaUrl(base: string, hash: string | null | undefined): string | null {
  if (!hash || !/^[0-9a-f]{64}$/.test(hash)) return null;
  return `${base}/${hash}`;
}

export function onImportProgress(f: (p: ImportProgressEvent) => void): Promise<UnlistenFn> {
  return listen<ImportProgressEvent>("import-progress", (e) => f(e.payload));
}

/** Something was dropped onto the window (the OS told Rust; Rust keeps the path). */
export function onImportDropped(f: (o: DropOffer) => void): Promise<UnlistenFn> {
  return listen<DropOffer>("import-dropped", (e) => f(e.payload));
}

/** Tauri's own drag events, for the "drop to import" overlay. */
export function onDragHover(f: (over: boolean) => void): Promise<UnlistenFn[]> {
  return Promise.all([
    listen("tauri://drag-enter", () => f(true)),
    listen("tauri://drag-leave", () => f(false)),
    listen("tauri://drag-drop", () => f(false)),
  ]);
}

export function onSyncProgress(f: (p: SyncProgress) => void): Promise<UnlistenFn> {
  return listen<SyncProgress>("sync-progress", (e) => f(e.payload));
}

export function onPackageProgress(f: (p: PackageProgress) => void): Promise<UnlistenFn> {
  return listen<PackageProgress>("package-progress", (e) => f(e.payload));
}

export function onIntegrityProgress(f: (p: CheckProgress) => void): Promise<UnlistenFn> {
  return listen<CheckProgress>("integrity-progress", (e) => f(e.payload));
}

export function onIntegrityDone(f: (v: IntegrityView) => void): Promise<UnlistenFn> {
  return listen<IntegrityView>("integrity-done", (e) => f(e.payload));
}

/** The background retention pass (on open, every 24 h) erased someone. */
export function onRetentionApplied(f: (r: RetentionRun) => void): Promise<UnlistenFn> {
  return listen<RetentionRun>("retention-applied", (e) => f(e.payload));
}
