// Every call to the Rust shell goes through this module, with typed DTOs.
// Types under ./gen/ are generated from the Rust structs by ts-rs
// (`make ui-types`); a Rust test fails when they are stale.
import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";

import type { CandidateDetail } from "./gen/CandidateDetail";
import type { CandidatePage } from "./gen/CandidatePage";
import type { CandidateQuery } from "./gen/CandidateQuery";
import type { CandidateRow } from "./gen/CandidateRow";
import type { Comparison } from "./gen/Comparison";
import type { ComparisonAxis } from "./gen/ComparisonAxis";
import type { Decision } from "./gen/Decision";
import type { DecisionChange } from "./gen/DecisionChange";
import type { InterviewerAnalytics } from "./gen/InterviewerAnalytics";
import type { InterviewerSummary } from "./gen/InterviewerSummary";
import type { MediaRef } from "./gen/MediaRef";
import type { SortKey } from "./gen/SortKey";
import type { StageCell } from "./gen/StageCell";
import type { View } from "./gen/View";
import type { RadarView } from "./gen/RadarView";
import type { CompareView } from "./gen/CompareView";
import type { RadarChart } from "./gen/RadarChart";
import type { RadarHotspot } from "./gen/RadarHotspot";
import type { ViewCounts } from "./gen/ViewCounts";
import type { WorkspaceOverview } from "./gen/WorkspaceOverview";
import type { RecentWorkspace } from "./gen/RecentWorkspace";
import type { ImportSource } from "./gen/ImportSource";
import type { ImportResult } from "./gen/ImportResult";
import type { ImportSummary } from "./gen/ImportSummary";
import type { ImportProgressEvent } from "./gen/ImportProgressEvent";
import type { ImportPhase } from "./gen/ImportPhase";
import type { Counts } from "./gen/Counts";
import type { Problem } from "./gen/Problem";
import type { ThresholdSetting } from "./gen/ThresholdSetting";
import type { DropOffer } from "./gen/DropOffer";

export type {
  CandidateDetail,
  CandidatePage,
  CandidateQuery,
  CandidateRow,
  Comparison,
  ComparisonAxis,
  Decision,
  DecisionChange,
  InterviewerAnalytics,
  InterviewerSummary,
  MediaRef,
  SortKey,
  StageCell,
  View,
  ViewCounts,
  RadarView,
  CompareView,
  WorkspaceOverview,
  RecentWorkspace,
  ImportSource,
  ImportResult,
  ImportSummary,
  ImportProgressEvent,
  ImportPhase,
  Counts,
  Problem,
  ThresholdSetting,
  DropOffer,
  RadarChart,
  RadarHotspot,
};

export interface IpcError {
  code: string;
  message: string;
  /** `import_invalid`: every problem, each naming file, record and field. */
  problems?: Problem[];
}

export interface AppInfo {
  version: string;
  workspace: string;
  demo_loaded: boolean;
  /** `http://127.0.0.1:PORT/<token>`; a media URL is `<media_base>/<sha256>`. */
  media_base: string;
  native_audio: boolean;
}

export interface AudioState {
  hash: string | null;
  playing: boolean;
  position: number;
  duration: number | null;
  speed: number;
  ended: boolean;
}

export interface Progress {
  task: string;
  message: string;
  done: number;
  total: number;
}

export type OpenState =
  | { state: "opening" }
  | { state: "ready"; path: string; demo_loaded: boolean }
  | { state: "failed"; error: IpcError };

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

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  const t0 = performance.now();
  try {
    return await invoke<T>(cmd, args);
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

// ---- Outputs (issue 4) and reviewer actions (issue 5) ----
// Shapes of shortlist_report / shortlist_core::actions values, as serialised.

export type ReportStyle = "modern" | "classic";

export interface ReportOptions {
  style: ReportStyle;
  lang: string;
  chips: boolean;
  highlights: boolean;
  lowlights: boolean;
  transcript: boolean;
}

export interface PackageOptions {
  /** `null` leaves the PDF out. */
  report: ReportOptions | null;
  resume: boolean;
  video: boolean;
  audio: boolean;
  transcript: boolean;
  interview_json: boolean;
}

export interface PackageProgress {
  bytes_done: number;
  bytes_total: number;
  candidate: number;
  candidates: number;
  entry: string;
}

export type ExportKind = "csv" | "json" | "feedback";

export type ShareScope =
  | { scope: "candidates"; interview_ids: string[] }
  | { scope: "interviewer"; posting_id: string };

/** Where a save went; `count` is rows, candidates or bytes by command. */
export interface Saved {
  path: string;
  count: number;
}

export interface ReportScoreItem {
  key: string;
  label: string;
  pct: number | null;
  raw: string | null;
}

export interface ReportQuestionRow {
  rank: number;
  question: string;
  score_raw: number;
  scale: number;
  pct: number;
  weight: number;
  summary: string;
  not_scored: boolean;
}

export interface ReportSignal {
  kind: string;
  label: string;
  confidence_pct: number | null;
  detected: boolean;
  review_suggested: boolean;
  detail: string | null;
}

export interface ReportModel {
  style: ReportStyle;
  lang: string;
  labels_rtl: boolean;
  labels: Record<string, string>;
  doc_title: string;
  doc_language: string;
  interview_id: string;
  candidate_name: string;
  email: string;
  status_code: string;
  status: string;
  interviewer_id: string;
  interviewer_title: string;
  interviewer_slug: string | null;
  interview_date: string | null;
  report_date: string;
  interview_language: string | null;
  /** The interview language by name, in the label language. */
  interview_language_name: string | null;
  scores: ReportScoreItem[];
  radar_rows: { label: string; full_text: string; candidate_pct: number | null; average_pct: number | null; relative_pct: number | null }[];
  questions: ReportQuestionRow[];
  tags: string[] | null;
  highlights: string[] | null;
  lowlights: string[] | null;
  integrity: {
    enabled: boolean;
    signals: ReportSignal[];
    overall_confidence_pct: number | null;
    ranking: number | null;
    review_suggested: boolean;
  };
  decision: string | null;
  notes: { at: string | null; text: string; author: string; date: string }[];
  transcript: { time: string; speaker: string; role: string; text: string }[] | null;
}

export interface Cohort {
  id: number;
  name: string;
  created_at: number;
  members: number;
}

export interface CohortChange {
  cohort: Cohort;
  changed: string[];
  unchanged: string[];
}

export interface ActionNote {
  id: number;
  interview_id: string;
  at_seconds: number | null;
  text: string;
  author: string;
  created_at: number;
}

export interface QueueReport {
  request_id: string;
  queued: { outbox_id: number; interview_id: string }[];
  skipped: { interview_id: string; reason: string }[];
}

export interface RetakeGrant {
  grant_id: number;
  interview_id: string;
  used_before: number;
  max_retakes: number | null;
  forced: boolean;
  outbox_id: number | null;
}

export type OutboxStatus = "queued" | "sending" | "sent" | "failed";

export interface OutboxItem {
  id: number;
  kind: string;
  interview_id: string;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: number;
  claimed_at: number | null;
  last_error: string | null;
  created_at: number;
  sent_at: number | null;
  delivered_via: string | null;
  remote_id: string | null;
  remote_status: string | null;
  idempotency_key: string;
  payload: { to?: string; to_name?: string; subject?: string; body?: string } & Record<string, unknown>;
}

export interface Enrichment {
  interview_id: string;
  [k: string]: unknown;
}

export interface JobMatch {
  posting_id: string;
  title: string;
  status: string;
  score: number;
  reasons: string[];
  shared_tags: string[];
  shared_terms: string[];
  already_in_pipeline: boolean;
}

export interface FindJobsResult {
  interview_id: string;
  posting_id: string;
  matches: JobMatch[];
}

export interface CrossAgentSignalRow {
  topic: string;
  resume_claim: string;
  interview_quote: string;
  timestamp: number | null;
  severity: string;
  source: string;
}

export interface CrossAgentReport {
  interview_id: string;
  computed_at: number;
  resume_claims: number;
  /** `pdf` (the résumé file's text), `evaluation` (criteria reasons), `none`. */
  resume_source: string;
  interview_lines: number;
  note: string | null;
  signals: CrossAgentSignalRow[];
}

export interface SmtpSettings {
  host: string | null;
  port: number | null;
  /** `starttls`, `tls` or `none`. */
  security: string | null;
  user: string | null;
  from: string | null;
  from_name: string | null;
}

export interface DeliveryReport {
  recovered: number[];
  items: {
    outbox_id: number;
    interview_id: string;
    status: string;
    attempts: number;
    next_attempt_at: number | null;
    error: string | null;
  }[];
}

/** Status of one sent ATS push, as HeyMilo reports it. */
export interface PushStatus {
  outbox_id: number;
  item_id: string;
  status: string;
  retry_count: number;
  failures: number;
}

/** What Push to ATS did: the delivery run, then every sent push's status. */
export interface AtsRun {
  report: DeliveryReport;
  statuses: PushStatus[];
}

export interface AppNotification {
  key: string;
  kind: string;
  interview_id: string | null;
  posting_id: string;
  title: string;
  detail: string;
  at: number;
  read: boolean;
}

export interface Notifications {
  unread: number;
  /** How many there are in all; `items` is the newest few. */
  total: number;
  items: AppNotification[];
}

export interface NotifySettings {
  os_enabled: boolean;
  threshold: number;
  threshold_own: boolean;
}

export interface OsNotice {
  title: string;
  body: string;
  keys: string[];
}

/** Where the HeyMilo API key comes from (never the key itself). */
export type KeySource = "session" | "env" | "keychain" | "none";

export interface SyncSettings {
  api_url: string | null;
  key_source: KeySource;
  last_sync_at: number | null;
}

export interface SyncProgress {
  /** `postings`, `candidates`, `interviews`, `media`, `import`. */
  phase: string;
  done: number;
  total: number;
}

export interface ImportCounts {
  added: number;
  updated: number;
  unchanged: number;
}

export interface SyncReport {
  postings: number;
  candidates: number;
  interviews: number;
  not_ready: string[];
  media_downloaded: number;
  media_failed: { interview_id: string; field: string; reason: string }[];
  waited_secs: number;
  /** What the merge changed, per kind. */
  import: { postings: ImportCounts; candidates: ImportCounts; interviews: ImportCounts; media: ImportCounts } | null;
}

export interface EmlExport {
  dir: string;
  files: number;
  marked_sent: boolean;
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
  appInfo: () => call<AppInfo>("app_info"),
  listInterviewers: () => call<InterviewerSummary[]>("list_interviewers"),
  interviewerAnalytics: (postingId: string) =>
    call<InterviewerAnalytics>("interviewer_analytics", { postingId }),
  listCandidates: (query: CandidateQuery) => call<CandidatePage>("list_candidates", { query }),
  candidateDetail: (interviewId: string) => call<CandidateDetail>("candidate_detail", { interviewId }),
  /** `dark`: draw the chart for the dark palette (see `isDark`). */
  candidateRadar: (interviewId: string, dark = false) => call<RadarView>("candidate_radar", { interviewId, dark }),
  compareCandidates: (interviewIds: string[], dark = false) =>
    call<CompareView>("compare_candidates", { interviewIds, dark }),
  setDecision: (interviewIds: string[], decision: Decision) =>
    call<DecisionChange>("set_decision", { interviewIds, decision }),
  undoDecision: (change: DecisionChange) => call<DecisionChange>("undo_decision", { change }),
  getSetting: (key: string) => call<string | null>("get_setting", { key }),
  setSetting: (key: string, value: string) => call<void>("set_setting", { key, value }),
  audioLoad: (hash: string) => call<AudioState>("audio_load", { hash }),
  audioPlay: () => call<AudioState>("audio_play"),
  audioPause: () => call<AudioState>("audio_pause"),
  audioSeek: (seconds: number) => call<AudioState>("audio_seek", { seconds }),
  audioSpeed: (speed: number) => call<AudioState>("audio_speed", { speed }),
  audioStop: () => call<AudioState>("audio_stop"),
  // Outputs: each opens the native save dialog; `null` = the user cancelled.
  exportList: (postingId: string, kind: ExportKind, title: string) =>
    call<Saved | null>("export_list", { postingId, kind, title }),
  pipelineReport: (postingId: string, title: string) =>
    call<Saved | null>("pipeline_report", { postingId, title }),
  candidatePdf: (interviewId: string, options: ReportOptions, name: string) =>
    call<Saved | null>("candidate_pdf", { interviewId, options, name }),
  reportPreview: (interviewId: string, options: ReportOptions) =>
    call<ReportModel>("report_preview", { interviewId, options }),
  packageZip: (interviewIds: string[], options: PackageOptions, name: string) =>
    call<Saved | null>("package_zip", { interviewIds, options, name }),
  cancelPackage: () => call<boolean>("cancel_package"),
  /** Share: a bundle ZIP a colleague imports into their Shortlist. */
  shareBundle: (scope: ShareScope, name: string) => call<Saved | null>("share_bundle", { scope, name }),
  // Reviewer actions.
  listCohorts: () => call<Cohort[]>("list_cohorts"),
  createCohort: (name: string) => call<Cohort>("create_cohort", { name }),
  addToCohort: (name: string, interviewIds: string[]) =>
    call<CohortChange>("add_to_cohort", { name, interviewIds }),
  removeFromCohort: (name: string, interviewIds: string[]) =>
    call<CohortChange>("remove_from_cohort", { name, interviewIds }),
  listNotes: (interviewId: string) => call<ActionNote[]>("list_notes", { interviewId }),
  addNote: (interviewId: string, atSeconds: number | null, text: string) =>
    call<ActionNote>("add_note", { interviewId, atSeconds, text }),
  deleteNote: (noteId: number) => call<void>("delete_note", { noteId }),
  nudge: (interviewIds: string[], requestId: string) =>
    call<QueueReport>("nudge", { interviewIds, requestId }),
  blast: (interviewIds: string[], subject: string, body: string, requestId: string) =>
    call<QueueReport>("blast", { interviewIds, subject, body, requestId }),
  allowRetake: (interviewIds: string[], force: boolean, requestId: string) =>
    call<RetakeGrant[]>("allow_retake", { interviewIds, force, requestId }),
  queueAts: (interviewIds: string[], atsName: string, requestId: string) =>
    call<QueueReport>("queue_ats", { interviewIds, atsName, requestId }),
  outboxList: () => call<OutboxItem[]>("outbox_list"),
  outboxRetry: (ids: number[]) => call<OutboxItem[]>("outbox_retry", { ids }),
  outboxCancel: (ids: number[]) => call<OutboxItem[]>("outbox_cancel", { ids }),
  /** Deliver due mail over SMTP; `password` goes to the OS keychain when `remember`. */
  /** Deliver queued ATS pushes with the sync settings' API key, then poll their status. */
  atsDeliver: () => call<AtsRun>("ats_deliver"),
  outboxSend: (smtpSettings: SmtpSettings, password: string | null, remember: boolean) =>
    call<DeliveryReport>("outbox_send", { smtpSettings, password, remember }),
  enrich: (interviewIds: string[]) => call<Enrichment[]>("enrich", { interviewIds }),
  findOtherJobs: (interviewId: string) => call<FindJobsResult>("find_other_jobs", { interviewId }),
  crossAgent: (interviewId: string) => call<CrossAgentReport>("cross_agent", { interviewId }),
  deleteCohort: (name: string) => call<void>("delete_cohort", { name }),
  listNotifications: () => call<Notifications>("list_notifications"),
  /** Raise the desktop notifications the core says are new; returns them. */
  raiseOsNotifications: () => call<OsNotice[]>("raise_os_notifications"),
  notifySettings: (postingId: string | null) => call<NotifySettings>("notify_settings", { postingId }),
  setOsNotifications: (enabled: boolean) => call<void>("set_os_notifications", { enabled }),
  setNotifyThreshold: (postingId: string | null, value: number) =>
    call<void>("set_notify_threshold", { postingId, value }),
  syncSettings: () => call<SyncSettings>("sync_settings"),
  /** Saves the URL; the key (if given) goes to the OS keychain, or this session only. */
  saveSyncSettings: (apiUrl: string, apiKey: string | null) =>
    call<SyncSettings>("save_sync_settings", { apiUrl, apiKey }),
  clearApiKey: () => call<SyncSettings>("clear_api_key"),
  syncNow: (interviewIds: string[] = []) => call<SyncReport>("sync_now", { interviewIds }),
  /** Opens the native folder picker; `null` = cancelled. */
  outboxExportEml: (from: string | null, fromName: string | null, markSent: boolean) =>
    call<EmlExport | null>("outbox_export_eml", { from, fromName, markSent }),
  markNotificationsRead: (keys: string[]) => call<number>("mark_notifications_read", { keys }),
  // Workspaces and import (F1, F4). Dialogs open in Rust; `null` = cancelled.
  workspaceOverview: () => call<WorkspaceOverview>("workspace_overview"),
  /** `path` must come from the recent list; without it a folder dialog asks. */
  openWorkspace: (path: string | null) => call<WorkspaceOverview | null>("open_workspace", { path }),
  newWorkspace: () => call<WorkspaceOverview | null>("new_workspace"),
  forgetWorkspace: (path: string) => call<WorkspaceOverview>("forget_workspace", { path }),
  importData: (source: ImportSource) => call<ImportResult | null>("import_data", { source }),
  cancelImport: () => call<boolean>("cancel_import"),
  loadDemoData: () => call<WorkspaceOverview>("load_demo_data"),
  notificationThreshold: (postingId: string) => call<ThresholdSetting>("notification_threshold", { postingId }),
  /** `value = null`: back to the workspace default. */
  setNotificationThreshold: (postingId: string, value: number | null) =>
    call<ThresholdSetting>("set_notification_threshold", { postingId, value }),
};

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
