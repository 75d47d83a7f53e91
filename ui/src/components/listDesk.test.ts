// The list at scale, on the real components (happy-dom): "Select all N
// matching" sends the filter (not ids), the row menu, columns read from
// the workspace, and the CSV export of the visible columns. Rust is mocked
// at `ipc`; every other call answers null.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { flushSync, mount, tick, unmount } from "svelte";
import type { CandidateRow } from "../lib/ipc";

const calls: Record<string, (...a: unknown[]) => unknown> = {};
const seen: Record<string, unknown[][]> = {};
vi.mock("../lib/ipc", async (orig) => {
  const real = await orig<typeof import("../lib/ipc")>();
  return {
    ...real,
    ipc: new Proxy({} as Record<string, unknown>, {
      get:
        (_t, k: string) =>
        (...a: unknown[]) => {
          (seen[k] ??= []).push(a);
          return Promise.resolve(calls[k] ? calls[k](...a) : null);
        },
    }),
  };
});

const { app } = await import("../lib/state.svelte");
const { listSelection } = await import("../lib/listSelection.svelte");
const CandidateList = (await import("./CandidateList.svelte")).default;

let target: HTMLElement;
let shown: ReturnType<typeof mount> | null = null;
async function settle() {
  for (let i = 0; i < 6; i++) {
    await new Promise((r) => setTimeout(r, 0));
    await tick();
  }
  flushSync();
}
const $ = (sel: string) => target.querySelector<HTMLElement>(sel);
const $$ = (sel: string) => [...target.querySelectorAll<HTMLElement>(sel)];

const row = (i: number): CandidateRow => ({
  interview_id: `int_${i}`,
  panel: null,
  my_evaluation: null,
  candidate_id: null,
  posting_id: "p1",
  name: `Person ${i}`,
  email: `p${i}@example.com`,
  phone: null,
  location: null,
  country: null,
  interview_url: null,
  progress: "completed",
  decision: "pending",
  decided_here: false,
  status: "completed",
  score: 70,
  resume_score: null,
  video_score: null,
  speech_score: null,
  steps_done: 1,
  steps_total: 1,
  stages: [],
  stage_summary: "",
  created_at: null,
  interviewed_at: null,
  last_engaged: null,
  tags: [],
  flag_count: 0,
  cheat_ranking: null,
  custom: {},
  snippet: null,
});

beforeEach(async () => {
  target = document.createElement("div");
  document.body.appendChild(target);
  for (const k of Object.keys(calls)) delete calls[k];
  for (const k of Object.keys(seen)) delete seen[k];
  app.postingId = "p1";
  app.query = { ...app.query, posting_id: "p1", search: null, status: "completed" } as any;
  listSelection.clear();
  calls.listCohorts = () => [];
  // 3 rows on screen, 250 matching.
  calls.listCandidates = () => ({ rows: [row(1), row(2), row(3)], total: 250, view_counts: { all: 250, completed: 250, shortlisted: 0, dismissed: 0 } });
  calls.setDecision = () => ({ entries: [] });
  calls.getSetting = (key: unknown) => (key === "ui.list_columns" ? JSON.stringify({ visible: ["score", "video"], widths: { score: 120 } }) : null);
  shown = mount(CandidateList, { target, props: {} });
  await settle();
});
afterEach(() => {
  if (shown) unmount(shown);
  shown = null;
  target.remove();
  document.body.replaceChildren();
});

describe("select all matching", () => {
  it("is offered after the header checkbox, then acts on the filter, not on ids", async () => {
    expect($("[data-testid=select-all-matching]")).toBeNull();
    ($("[data-testid=select-rendered]") as HTMLInputElement).click();
    flushSync();
    expect($("[data-testid=bulk-count]")?.textContent).toBe("3 selected");
    const offer = $("[data-testid=select-all-matching]")!;
    expect(offer.textContent).toContain("Select all 250 matching");
    offer.click();
    flushSync();
    expect($("[data-testid=bulk-count]")?.textContent).toBe("250 selected");
    // Untick one row: 249, and it is sent as an exception.
    ($$("[data-testid=row-check]")[1] as HTMLInputElement).click();
    flushSync();
    expect($("[data-testid=bulk-count]")?.textContent).toBe("249 selected");
    $("[data-testid=bulk-shortlist]")!.click();
    await settle();
    const [ids, decision, matching] = seen.setDecision.at(-1)!;
    expect(ids).toEqual([]);
    expect(decision).toBe("shortlisted");
    expect(matching).toMatchObject({ query: { posting_id: "p1", status: "completed", offset: 0, limit: 0 }, except: ["int_2"] });
    // Done: the selection is cleared.
    expect($("[data-testid=bulk-bar]")).toBeNull();
  });
});

describe("columns", () => {
  it("come from the workspace, in their order and width", () => {
    const heads = $$(".thead [role=columnheader]").map((h) => h.textContent?.trim() ?? "");
    expect(heads[2]).toContain("Overall");
    expect(heads[3]).toContain("Video");
    expect(heads.some((h) => h.includes("Tags"))).toBe(false);
    expect($(".table")?.getAttribute("style")).toContain("120px");
  });
});

describe("row menu", () => {
  it("opens on right-click with the row's actions and shortlists from there", async () => {
    const r = $$("[data-testid=row]")[0];
    r.dispatchEvent(new MouseEvent("contextmenu", { bubbles: true, clientX: 30, clientY: 40 }));
    await settle();
    const items = $$("[data-testid=row-menu] [role=menuitem]").map((b) => b.dataset.testid);
    expect(items).toEqual(["row-menu-open", "row-menu-shortlist", "row-menu-dismiss", "row-menu-copy-email", "row-menu-cohort"]);
    expect(document.activeElement?.getAttribute("data-testid")).toBe("row-menu-open");
    $("[data-testid=row-menu-shortlist]")!.click();
    await settle();
    expect(seen.setDecision.at(-1)!.slice(0, 2)).toEqual([["int_1"], "shortlisted"]);
    expect($("[data-testid=row-menu]")).toBeNull();
  });

  it("opens from Shift+F10 on the keyboard cursor and closes on Escape", async () => {
    window.dispatchEvent(new KeyboardEvent("keydown", { key: "F10", shiftKey: true }));
    await settle();
    const menu = $("[data-testid=row-menu]")!;
    expect(menu.getAttribute("aria-label")).toContain("Person 1");
    menu.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    await settle();
    expect($("[data-testid=row-menu]")).toBeNull();
  });
});
