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
import type { ViewCounts } from "./gen/ViewCounts";

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
};

export interface IpcError {
  code: string;
  message: string;
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
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

export function toError(e: unknown): AppError {
  if (e instanceof AppError) return e;
  if (e && typeof e === "object" && "code" in e && "message" in e) {
    return new AppError(String((e as IpcError).code), String((e as IpcError).message));
  }
  return new AppError("internal", e instanceof Error ? e.message : String(e));
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw toError(e);
  }
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
  candidateRadar: (interviewId: string) => call<RadarView>("candidate_radar", { interviewId }),
  compareCandidates: (interviewIds: string[]) =>
    call<CompareView>("compare_candidates", { interviewIds }),
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
