// Notes in the profile: inline edit, and a note edited on two devices at
// once (F74) shows every version; keeping one edits the note to its text
// (or deletes it), which resolves the conflict for the team. Rust is mocked
// at `ipc`.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { flushSync, mount, tick, unmount } from "svelte";
import type { Note } from "../lib/ipc";

const calls: Record<string, (...a: unknown[]) => unknown> = {};
const log: [string, unknown[]][] = [];
vi.mock("../lib/ipc", async (orig) => {
  const real = await orig<typeof import("../lib/ipc")>();
  return {
    ...real,
    ipc: new Proxy({} as Record<string, unknown>, {
      get: (_t, k: string) => (...a: unknown[]) => {
        log.push([k, a]);
        return Promise.resolve(calls[k] ? calls[k](...a) : null);
      },
    }),
  };
});

const NotesPanel = (await import("./act/NotesPanel.svelte")).default;

let target: HTMLElement;
let shown: ReturnType<typeof mount> | null = null;
async function settle() {
  for (let i = 0; i < 5; i++) {
    await new Promise((r) => setTimeout(r, 0));
    await tick();
  }
  flushSync();
}
const $ = (sel: string) => target.querySelector<HTMLElement>(sel);
const $$ = (sel: string) => [...target.querySelectorAll<HTMLElement>(sel)];

const note = (over: Partial<Note> = {}): Note => ({
  id: 7,
  interview_id: "int_1",
  at_seconds: null,
  text: "Strong on queues",
  author: "Ana",
  created_at: 1_700_000_000,
  updated_at: null,
  conflict: [],
  ...over,
});

beforeEach(() => {
  target = document.createElement("div");
  document.body.appendChild(target);
  for (const k of Object.keys(calls)) delete calls[k];
  log.length = 0;
});
afterEach(() => {
  if (shown) unmount(shown);
  shown = null;
  target.remove();
});

describe("notes panel", () => {
  it("edits a note in place", async () => {
    calls.listNotes = () => [note()];
    shown = mount(NotesPanel, { target, props: { interviewId: "int_1", hasMedia: false } });
    await settle();
    expect($("[data-testid=note-conflict]")).toBeNull();
    $("[data-testid=note-edit]")!.click();
    flushSync();
    const box = $("[data-testid=note-edit-text]") as HTMLTextAreaElement;
    expect(box.value).toBe("Strong on queues");
    box.value = "Strong on queues and upselling";
    box.dispatchEvent(new Event("input", { bubbles: true }));
    flushSync();
    $("[data-testid=note-edit-save]")!.click();
    await settle();
    expect(log.find(([k]) => k === "editNote")?.[1]).toEqual([7, "Strong on queues and upselling"]);
  });

  it("shows each version of a note in conflict and keeps the one chosen", async () => {
    calls.listNotes = () => [
      note({
        conflict: [
          { event_id: "e1", reviewer: "ana@example.org", device: "laptop", deleted: false, text: "Hire", at: 1_700_000_100 },
          { event_id: "e2", reviewer: "bo@example.org", device: "desktop", deleted: false, text: "Hold <b>off</b>", at: 1_700_000_200 },
          { event_id: "e3", reviewer: "cy@example.org", device: "tablet", deleted: true, text: null, at: 1_700_000_300 },
        ],
      }),
    ];
    shown = mount(NotesPanel, { target, props: { interviewId: "int_1", hasMedia: false } });
    await settle();
    expect($("[data-testid=note-conflict]")).not.toBeNull();
    const versions = $$("[data-testid=note-version]");
    expect(versions.map((v) => v.textContent)).toEqual([
      expect.stringContaining("Hire"),
      expect.stringContaining("Hold <b>off</b>"), // as text, never markup
      expect.stringContaining("Deleted this note"),
    ]);
    expect(versions[1].querySelector("b")).toBeNull();
    const keep = $$("[data-testid=note-keep]");
    expect(keep.map((b) => b.textContent)).toEqual(["Keep this version", "Keep this version", "Delete the note"]);
    keep[1].click();
    await settle();
    expect(log.find(([k]) => k === "editNote")?.[1]).toEqual([7, "Hold <b>off</b>"]);
    keep[2].click();
    await settle();
    expect(log.find(([k]) => k === "deleteNote")?.[1]).toEqual([7]);
  });
});
