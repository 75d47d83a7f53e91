// The Nudge / Blast template editor on the real component (happy-dom), Rust
// mocked at `ipc`: it loads the saved template, previews the draft through
// the core for one recipient (switchable), says which placeholders are
// unknown, saves the template, and queues the edited draft.
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

const ComposeDialog = (await import("./act/ComposeDialog.svelte")).default;

let target: HTMLElement;
let shown: ReturnType<typeof mount> | null = null;
async function settle() {
  for (let i = 0; i < 6; i++) {
    await new Promise((r) => setTimeout(r, 0));
    await tick();
  }
  flushSync();
}
const $ = (sel: string) => document.querySelector<HTMLElement>(sel);
function type(sel: string, value: string) {
  const el = $(sel) as HTMLInputElement | HTMLTextAreaElement;
  el.value = value;
  el.dispatchEvent(new Event("input", { bubbles: true }));
  flushSync();
}

const people: Record<string, { name: string; email: string }> = {
  a: { name: "Zoë <b>Ångström</b>", email: "zoe@example.test" },
  b: { name: "Li Wei", email: "li@example.test" },
};
const KNOWN = ["candidate_name", "interviewer", "job_title", "interview_url", "step"];
// A stand-in for the core's preview: fills {candidate_name}, reports
// unknown names the way `messages::preview` does.
function fakePreview(_kind: unknown, id: unknown, t: unknown) {
  const { subject, body } = t as { subject: string; body: string };
  const p = people[id as string];
  const unknown = [...`${subject} ${body}`.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).filter((n) => !KNOWN.includes(n));
  const fill = (s: string) => s.replaceAll("{candidate_name}", p.name).replaceAll("{step}", "video interview");
  return {
    interview_id: id,
    to: p.email,
    to_name: p.name,
    rendered: { subject: fill(subject), body: fill(body) },
    problems: unknown.map((n) => ({ field: "subject", message: `unknown placeholder \`{${n}}\`; known: …` })),
    unknown_placeholders: [...new Set(unknown)],
    skipped: id === "b" ? "interview is completed; nothing left to finish" : null,
  };
}

beforeEach(() => {
  target = document.createElement("div");
  document.body.appendChild(target);
  for (const k of Object.keys(calls)) delete calls[k];
  calls.messageTemplate = () => ({ subject: "Finish your {step}", body: "Hello {candidate_name}" });
  calls.previewMessage = fakePreview;
});
afterEach(() => {
  if (shown) unmount(shown);
  shown = null;
  target.remove();
  document.body.replaceChildren();
});

describe("template editor", () => {
  it("previews the saved template for a real recipient, as text, and switches recipient", async () => {
    shown = mount(ComposeDialog, { target, props: { kind: "nudge", ids: ["a", "b"], onclose: () => {} } });
    await settle();
    expect(($("[data-testid=compose-subject]") as HTMLInputElement).value).toBe("Finish your {step}");
    expect($("[data-testid=compose-preview-subject]")?.textContent).toBe("Finish your video interview");
    // Text only: a name with markup stays text.
    expect($("[data-testid=compose-preview-body]")?.textContent).toBe("Hello Zoë <b>Ångström</b>");
    expect($("[data-testid=compose-preview-body] b")).toBeNull();
    expect($("[data-testid=compose-preview-to]")?.textContent).toBe("Zoë <b>Ångström</b>");
    expect($("[data-testid=compose-preview-address]")?.textContent).toBe("zoe@example.test");
    expect($("[data-testid=compose-position]")?.textContent).toBe("1 of 2");
    $("[data-testid=compose-next]")!.click();
    await settle();
    expect($("[data-testid=compose-preview-body]")?.textContent).toBe("Hello Li Wei");
    expect($("[data-testid=compose-skipped]")?.textContent).toContain("nothing left to finish");
    expect(($("[data-testid=compose-next]") as HTMLButtonElement).disabled).toBe(true);
  });

  it("names unknown placeholders and holds the queue until they are fixed", async () => {
    shown = mount(ComposeDialog, { target, props: { kind: "blast", ids: ["a"], onclose: () => {} } });
    await settle();
    expect(($("[data-testid=compose-send]") as HTMLButtonElement).disabled).toBe(false);
    type("[data-testid=compose-subject]", "Hi {first_name} {first_name}");
    await settle();
    expect($("[data-testid=compose-unknown]")?.textContent).toContain("{first_name} is not a placeholder");
    // The preview stays, showing where the unknown placeholder is.
    expect($("[data-testid=compose-preview-subject]")?.textContent).toBe("Hi {first_name} {first_name}");
    expect($("[data-testid=compose-preview]")?.classList.contains("has-problems")).toBe(true);
    expect(($("[data-testid=compose-send]") as HTMLButtonElement).disabled).toBe(true);
    type("[data-testid=compose-subject]", "Hi {candidate_name}");
    await settle();
    expect($("[data-testid=compose-unknown]")).toBeNull();
    expect($("[data-testid=compose-preview-subject]")?.textContent).toBe("Hi Zoë <b>Ångström</b>");
    expect(($("[data-testid=compose-send]") as HTMLButtonElement).disabled).toBe(false);
  });

  it("saves the edited template and queues the draft it shows", async () => {
    const saved: unknown[] = [];
    const queued: unknown[] = [];
    calls.saveMessageTemplate = (kind, t) => void saved.push([kind, t]);
    calls.nudge = (ids, _req, _matching, t) => {
      queued.push([ids, t]);
      return { request_id: "r", queued: [{ outbox_id: 1, interview_id: "a" }], skipped: [] };
    };
    let closed = false;
    shown = mount(ComposeDialog, { target, props: { kind: "nudge", ids: ["a"], onclose: () => (closed = true) } });
    await settle();
    const save = $("[data-testid=compose-save]") as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    expect(save.textContent).toBe("Save as template");
    type("[data-testid=compose-body]", "Dear {candidate_name}, please finish.");
    await settle();
    expect(save.disabled).toBe(false);
    save.click();
    await settle();
    expect(saved).toEqual([["nudge", { subject: "Finish your {step}", body: "Dear {candidate_name}, please finish." }]]);
    expect(save.textContent).toBe("Template saved ✓");
    expect(save.disabled).toBe(true);
    $("[data-testid=compose-send]")!.click();
    await settle();
    expect(queued).toEqual([[["a"], { subject: "Finish your {step}", body: "Dear {candidate_name}, please finish." }]]);
    expect(closed).toBe(true);
  });
});
