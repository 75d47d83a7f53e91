// The profile's "Also applied to" and activity timeline on the real
// component (happy-dom), with Rust mocked at `ipc`: candidate text shows as
// text, other applications open their profile, empty states are designed.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { flushSync, mount, tick, unmount } from "svelte";

const calls: Record<string, (...a: unknown[]) => unknown> = {};
vi.mock("../lib/ipc", async (orig) => {
  const real = await orig<typeof import("../lib/ipc")>();
  return {
    ...real,
    ipc: new Proxy({} as Record<string, unknown>, {
      get: (_t, k: string) => (...a: unknown[]) => Promise.resolve(calls[k] ? calls[k](...a) : null),
    }),
  };
});

const { app } = await import("../lib/state.svelte");
const ProfileActivity = (await import("./act/ProfileActivity.svelte")).default;

let target: HTMLElement;
let shown: ReturnType<typeof mount> | null = null;
async function show(props: { interviewId: string; hidden?: boolean }) {
  shown = mount(ProfileActivity, { target, props });
  for (let i = 0; i < 5; i++) {
    await new Promise((r) => setTimeout(r, 0));
    await tick();
  }
  flushSync();
}
const $ = (sel: string) => target.querySelector<HTMLElement>(sel);
const $$ = (sel: string) => [...target.querySelectorAll<HTMLElement>(sel)];

beforeEach(() => {
  target = document.createElement("div");
  document.body.appendChild(target);
  for (const k of Object.keys(calls)) delete calls[k];
});
afterEach(() => {
  if (shown) unmount(shown);
  shown = null;
  target.remove();
});

const now = Date.now() / 1000;
const activity = {
  also_applied: [{ interview_id: "int_9", posting_id: "p2", posting_title: "Store Manager", status: "shortlisted", score: 88, created_at: now - 86400 }],
  events: [
    { at: now - 60, kind: "note", title: "Note", detail: "<img src=x onerror=alert(1)> great", actor: "r.silva" },
    { at: now - 3600, kind: "decision", title: "Shortlisted", detail: "was pending", actor: "r.silva" },
    { at: now - 86400, kind: "imported", title: "Imported or last updated by an import or sync", detail: null, actor: null },
  ],
};

describe("profile activity", () => {
  it("lists other applications and the timeline, candidate text as text", async () => {
    calls.candidateActivity = () => activity;
    await show({ interviewId: "int_1" });
    expect($("[data-testid=also-applied]")?.textContent).toContain("Store Manager");
    const items = $$("[data-testid=activity] li");
    expect(items.map((li) => li.dataset.kind)).toEqual(["note", "decision", "imported"]);
    expect(target.querySelector("img")).toBeNull();
    expect(items[0].textContent).toContain("<img src=x onerror=alert(1)> great");
    expect(items[1].textContent).toContain("r.silva");
    // Opening the other application goes to its interviewer and profile.
    $("[data-testid=also-applied-open]")!.click();
    flushSync();
    expect(app.postingId).toBe("p2");
    expect(app.profileId).toBe("int_9");
    expect(app.screen).toBe("profile");
  });

  it("hides other applications and note text in blind review; has an empty state", async () => {
    calls.candidateActivity = () => activity;
    await show({ interviewId: "int_1", hidden: true });
    expect($("[data-testid=also-applied]")).toBeNull();
    expect($("[data-testid=activity]")?.textContent).not.toContain("great");
    unmount(shown!);
    calls.candidateActivity = () => ({ also_applied: [], events: [] });
    await show({ interviewId: "int_2" });
    expect($("[data-testid=activity]")?.textContent).toContain("Nothing has happened to this candidate yet.");
  });
});
