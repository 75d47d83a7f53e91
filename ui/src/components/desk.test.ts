// The desk's visible details, on the real components (happy-dom): tooltips
// where text is cut, whole tag chips, no debug timing, plain import errors,
// friendly workspace names, the scorecard's question count, the average in
// the Compare legend and a radar tooltip kept off the chart. Rust is mocked
// at `ipc`; every other call answers null.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { flushSync, mount, tick, unmount } from "svelte";
import type { CandidateRow } from "../lib/ipc";

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
const { AppError } = await import("../lib/ipc");
const Sidebar = (await import("./Sidebar.svelte")).default;
const CandidateList = (await import("./CandidateList.svelte")).default;
const ImportDialog = (await import("./ImportDialog.svelte")).default;
const ScorecardTab = (await import("./tabs/ScorecardTab.svelte")).default;
const Compare = (await import("./Compare.svelte")).default;
const RadarImage = (await import("./RadarImage.svelte")).default;

let target: HTMLElement;
let shown: ReturnType<typeof mount> | null = null;
function show(C: any, props: Record<string, unknown> = {}) {
  shown = mount(C, { target, props });
  flushSync();
}
/** Let pending promises (mocked IPC) settle and the DOM update. */
async function settle() {
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
  document.body.replaceChildren();
});

const row = (over: Partial<CandidateRow> = {}): CandidateRow => ({
  interview_id: "int_1",
  panel: null,
  my_evaluation: null,
  candidate_id: "c1",
  posting_id: "p1",
  name: "Åsa Sjöberg",
  email: "asa@example.com",
  phone: null,
  location: "São José dos Campos, State of São Paulo",
  country: "BR",
  interview_url: null,
  progress: "completed",
  decision: "pending",
  decided_here: false,
  status: "completed",
  score: 81,
  resume_score: null,
  video_score: 81,
  speech_score: null,
  steps_done: 2,
  steps_total: 2,
  stages: [],
  stage_summary: "",
  created_at: null,
  interviewed_at: null,
  last_engaged: null,
  tags: ["Customer-focused", "Resourceful", "Team player", "Bilingual"],
  flag_count: 0,
  cheat_ranking: null,
  custom: {},
  snippet: null,
  ...over,
});

describe("sidebar", () => {
  it("gives cut interviewer titles a tooltip with the whole title", () => {
    const title = "Senior Customer Success Manager, Enterprise Accounts (EMEA, German speaking)";
    app.interviewers = [
      { id: "p1", slug: "csm-emea-de", title, interviewer_name: null, status: "active", language: null, created_at: null, deadline: null, days_left: null, max_retakes: null, budget: null, spend: null, currency: null, subscribers: 0, workflow: [], counts: { total: 3 } as any },
    ];
    app.interviewersLoaded = true;
    show(Sidebar);
    expect($(".item .title")?.getAttribute("title")).toBe(title);
    expect($(".item .meta .ellipsis")?.getAttribute("title")).toBe("csm-emea-de");
  });
});

describe("workspace menu", () => {
  it("names workspaces by folder or as the demo, with the path in the tooltip", async () => {
    app.demoPaths = ["/tmp/shortlist-e2e-k2/ws"];
    app.workspace = {
      path: "/tmp/.tmpA1b2C3",
      name: ".tmpA1b2C3",
      empty: false,
      recent: [
        { path: "/tmp/.tmpA1b2C3", name: ".tmpA1b2C3", opened_at: Date.now() / 1000, current: true, available: true },
        { path: "/tmp/shortlist-e2e-k2/ws", name: "ws", opened_at: Date.now() / 1000 - 7200, current: false, available: true },
        { path: "/home/ana/Hiring/sales-2026", name: "sales-2026", opened_at: Date.now() / 1000 - 86400 * 3, current: false, available: true },
      ],
    };
    show(Sidebar);
    expect($("[data-testid=workspace-name]")?.textContent).toBe("Temporary workspace");
    expect($("[data-testid=workspace-menu]")?.getAttribute("title")).toBe("/tmp/.tmpA1b2C3");
    $("[data-testid=workspace-menu]")!.click();
    flushSync();
    const recent = $$("[data-testid=recent-workspace]");
    expect(recent.map((r) => r.firstElementChild?.textContent)).toEqual(["Demo workspace", "sales-2026"]);
    expect(recent.map((r) => r.getAttribute("title"))).toEqual(["/tmp/shortlist-e2e-k2/ws", "/home/ana/Hiring/sales-2026"]);
    expect(recent[0].querySelector("small")?.textContent).toBe("Opened 2 hours ago");
    expect($("[data-testid=workspace-current]")?.getAttribute("title")).toBe("/tmp/.tmpA1b2C3");
    // No path is printed in the menu; paths are in tooltips only.
    expect($("[data-testid=workspace-menu-list]")?.textContent).not.toContain("/tmp");
    app.workspace = null;
    app.demoPaths = [];
  });
});

describe("candidate list", () => {
  beforeEach(() => {
    app.postingId = "p1";
    app.query = { ...app.query, posting_id: "p1", search: null } as any;
    calls.listCohorts = () => [];
    calls.listCandidates = () => ({ rows: [row()], total: 1, view_counts: { all: 1, completed: 1, shortlisted: 0, dismissed: 0 } });
  });

  it("shows whole tag chips and +N with the rest in its tooltip", async () => {
    show(CandidateList);
    await settle();
    const tags = $("[data-testid=row-tags]")!;
    const chips = [...tags.querySelectorAll<HTMLElement>(".chip:not(.more)")];
    const more = tags.querySelector<HTMLElement>("[data-testid=tags-more]")!;
    expect(chips.length).toBeGreaterThan(0);
    expect(chips.length).toBeLessThan(4);
    expect(more.textContent).toBe(`+${4 - chips.length}`);
    expect(more.getAttribute("title")).toBe(row().tags.slice(chips.length).join(", "));
    // each chip carries its whole text
    for (const c of chips) expect(row().tags).toContain(c.textContent);
  });

  it("keeps the location's full text in a tooltip and the country badge apart", async () => {
    show(CandidateList);
    await settle();
    const loc = $("[data-testid=row-location]")!;
    expect(loc.textContent).toBe("São José dos Campos, State of São Paulo");
    expect(loc.getAttribute("title")).toBe("São José dos Campos, State of São Paulo (BR)");
    expect(loc.classList.contains("ellipsis")).toBe(true);
    expect(loc.nextElementSibling?.classList.contains("cc")).toBe(true);
    expect(loc.nextElementSibling?.textContent).toBe("BR");
  });

  it("shows no location tooltip in blind review", async () => {
    app.blind = true;
    show(CandidateList);
    await settle();
    expect($("[data-testid=row-location]")).toBeNull();
    // Neither in the text nor in any attribute (a title or aria-label).
    expect(new XMLSerializer().serializeToString(target)).not.toContain("São José");
    app.blind = false;
  });

  it("has no query timing in the footer", async () => {
    show(CandidateList);
    await settle();
    const foot = $(".foot")!.textContent ?? "";
    expect(foot).toContain("1 candidate");
    expect(foot).not.toMatch(/\d+\s*ms\b/);
  });
});

describe("import problems", () => {
  it("are said in plain words, with serde's message one click away", () => {
    app.importJob = {
      status: "failed",
      error: new AppError("import_invalid", "1 problem", [
        { file: "interviews/I9.json", record: "I9", field: "score", message: 'invalid type: string "99", expected f64' },
        { file: "interviews/I8.json", record: "I8", field: "email", message: "must not be empty" },
      ]),
    };
    show(ImportDialog);
    const items = [...document.querySelectorAll<HTMLElement>("[data-testid=import-problems] li")];
    expect(items[0].querySelector(".what")?.textContent).toBe('expected a number, found the text "99"');
    const tech = items[0].querySelector("details")!;
    expect(tech.open).toBe(false);
    expect(tech.querySelector("summary")?.textContent).toBe("Technical detail");
    expect(tech.querySelector("code")?.textContent).toBe('invalid type: string "99", expected f64');
    expect(items[0].querySelector(".where")?.textContent).toBe("interviews/I9.json › I9 › score");
    // a message already in plain words has nothing to expand
    expect(items[1].querySelector(".what")?.textContent).toBe("must not be empty");
    expect(items[1].querySelector("details")).toBeNull();
    app.importJob = null;
  });

  it("keep markup in candidate data as text", () => {
    app.importJob = {
      status: "failed",
      error: new AppError("import_invalid", "x", [{ file: "a.json", record: "<b>x</b>", field: null, message: 'invalid type: string "<img src=x>", expected f64' }]),
    };
    show(ImportDialog);
    const li = document.querySelector("[data-testid=import-problems] li")!;
    expect(li.querySelector("img, b")).toBeNull();
    expect(li.querySelector(".what")?.textContent).toBe('expected a number, found the text "<img src=x>"');
    app.importJob = null;
  });
});

const chart = {
  svg: "<svg xmlns='http://www.w3.org/2000/svg'/>",
  width: 400,
  height: 340,
  colors: ["#2f5bea", "#e06c00"],
  hotspots: [
    { question_id: "q1", axis_label: "Q1", question: "Tell me about a time", series: 0, series_name: "A", candidate_pct: 78, average_pct: 62, relative_pct: 26, x: 200, y: 30 },
    { question_id: "q1", axis_label: "Q1", question: "Tell me about a time", series: 1, series_name: "B", candidate_pct: 50, average_pct: 62, relative_pct: -19, x: 200, y: 120 },
  ],
};

describe("scorecard", () => {
  const q = (rank: number, not_scored = false) => ({
    question_id: `q${rank}`,
    question_text: `Question ${rank}`,
    score: 7,
    score_weight: 1,
    evaluation_summary: "",
    evaluation_criteria: "Clear",
    score_1_description: "Vague, no example",
    score_5_description: "Concrete example with outcome",
    not_scored,
    rank,
    transcript: [],
  });
  const detail = {
    row: row(),
    posting: { metadata: { scorecard_scale: 10 } },
    interview: { web_interview: { match_score: 80, scorecard: [q(1), q(2), q(3), q(4), q(5, true)] } },
  } as any;

  it("says which question is not scored and labels anchors as the rubric's ends", async () => {
    calls.candidateRadar = () => ({ chart: null, comparison: { axes: [], n: 12, small_n: false } });
    show(ScorecardTab, { detail });
    await settle();
    expect($("[data-testid=scored-count]")?.textContent).toBe("4");
    expect($("[data-testid=question-count]")?.textContent).toBe("5 questions · 1 not scored (informational)");
    const unscored = $("[data-testid=unscored]")!;
    expect(unscored.textContent).toContain("Question 5");
    expect(unscored.textContent).toContain("Not scored");
    const dts = $$("details dt").map((d) => d.textContent);
    expect(dts).not.toContain("Score 1 means");
    expect(dts).not.toContain("Score 5 means");
    expect(dts).toContain("Low end of the rubric");
    expect($("[data-testid=anchor-high]")?.textContent).toBe("Concrete example with outcome");
    expect($(".score")?.textContent).toBe("7/10");
  });

  it("says under the radar which question has no axis and why", async () => {
    const axis = (rank: number) => ({ question_id: `q${rank}`, label: `Question ${rank}`, rank, candidate_pct: 70, avg_pct: 60, delta_pct: 16, n: 12 });
    calls.candidateRadar = () => ({ chart, comparison: { axes: [1, 2, 3, 4].map(axis), n: 12, small_n: false } });
    show(ScorecardTab, { detail });
    await settle();
    expect($("[data-testid=radar-axes-note]")?.textContent).toBe("4 axes for 5 questions: Q5 is informational (not scored), so it has no axis.");
  });
});

describe("compare", () => {
  const cand = (i: number, posting: string, over: Record<string, unknown> = {}) => ({
    interview_id: `int_${i}`,
    posting_id: posting,
    name: i === 0 ? "A" : "B",
    score: i === 0 ? 82 : 64,
    resume_score: i === 0 ? null : 71,
    flag_count: i === 0 ? 3 : 0,
    flags: i === 0 ? [{ kind: "tab_switching", count: 2 }, { kind: "unusual_delay", count: 1 }] : [],
    decision: "pending",
    decided_here: false,
    comparison: { interview_id: `int_${i}`, posting_id: posting, axes: [], n: 12, small_n: false },
    ...over,
  });
  const view = (postings: string[], over: Record<string, unknown>[] = []) => ({
    chart,
    candidates: postings.map((p, i) => cand(i, p, over[i] ?? {})),
  });

  it("names the average polygon in the legend when it is drawn", async () => {
    app.compareIds = ["int_0", "int_1"];
    calls.compareCandidates = () => view(["p1", "p1"]);
    show(Compare);
    await settle();
    const legend = $("[data-testid=compare-legend]")!;
    expect(legend.textContent).toContain("A");
    expect($("[data-testid=legend-average]")?.textContent).toContain("Interviewer average");
  });

  it("has no average entry when the candidates are of different interviewers", async () => {
    app.compareIds = ["int_0", "int_1"];
    calls.compareCandidates = () => view(["p1", "p2"]);
    show(Compare);
    await settle();
    expect($("[data-testid=compare-legend]")).not.toBeNull();
    expect($("[data-testid=legend-average]")).toBeNull();
  });

  it("shows overall, résumé, flags and decision per candidate", async () => {
    app.compareIds = ["int_0", "int_1"];
    calls.compareCandidates = () => view(["p1", "p1"], [{}, { decision: "shortlisted", decided_here: false }]);
    show(Compare);
    await settle();
    const cells = (tid: string) => $$(`[data-testid=${tid}] td`).map((td) => td.textContent!.trim());
    expect(cells("compare-overall").slice(0, 2)).toEqual(["82%", "64%"]);
    expect($("[data-testid=compare-overall] .lead")?.textContent).toBe("82%");
    expect(cells("compare-resume").slice(0, 2)).toEqual(["—", "71%"]);
    expect(cells("compare-flags")[0]).toContain("3");
    expect(cells("compare-flags")[0]).toContain("Tab switching ×2, Unusual delay");
    expect(cells("compare-flags")[1]).toBe("None");
    const states = $$("[data-testid=compare-decision-state]").map((e) => e.textContent);
    expect(states).toEqual(["Pending", "Shortlisted\u00a0(imported)"]);
  });

  it("decides from Compare with the profile's commands, re-reads, and undoes", async () => {
    app.compareIds = ["int_0", "int_1"];
    let decided: Record<string, unknown> = {};
    const sent: unknown[][] = [];
    calls.compareCandidates = () => view(["p1", "p1"], [decided, {}]);
    calls.setDecision = (ids, decision) => {
      sent.push(["set", ids, decision]);
      decided = { decision, decided_here: true };
      return { entries: [{ interview_id: "int_0", previous: null, decision }] };
    };
    calls.undoDecision = (change) => {
      sent.push(["undo", change]);
      decided = {};
      return change;
    };
    calls.listInterviewers = () => [];
    show(Compare);
    await settle();
    expect($("[data-testid=compare-undo]")).toBeNull();
    $$("[data-testid=compare-shortlist]")[0].click();
    await settle();
    expect(sent[0]).toEqual(["set", ["int_0"], "shortlisted"]);
    expect($$("[data-testid=compare-decision-state]")[0].textContent).toBe("Shortlisted");
    expect($$("[data-testid=compare-shortlist]")[0].getAttribute("aria-pressed")).toBe("true");
    // Only the candidate decided on offers Undo.
    expect($$("[data-testid=compare-undo]").length).toBe(1);
    $("[data-testid=compare-undo]")!.click();
    await settle();
    expect(sent[1][0]).toBe("undo");
    expect($$("[data-testid=compare-decision-state]")[0].textContent).toBe("Pending");
    expect($("[data-testid=compare-undo]")).toBeNull();
    // Pressing the decision a candidate has moves them back to pending.
    decided = { decision: "dismissed", decided_here: true };
    app.dataVersion++;
    await settle();
    $$("[data-testid=compare-dismiss]")[0].click();
    await settle();
    expect(sent[2]).toEqual(["set", ["int_0"], "pending"]);
  });
});

describe("radar tooltip", () => {
  it("opens outside the chart, never over it", async () => {
    const real = HTMLElement.prototype.getBoundingClientRect;
    HTMLElement.prototype.getBoundingClientRect = function () {
      if (this.dataset.testid === "radar-plot") return { left: 100, top: 50, width: 400, height: 340, right: 500, bottom: 390, x: 100, y: 50, toJSON() {} } as DOMRect;
      return real.call(this);
    };
    Object.defineProperty(window, "innerWidth", { value: 1280, configurable: true });
    Object.defineProperty(window, "innerHeight", { value: 800, configurable: true });
    try {
      show(RadarImage, { chart, names: ["A", "B"], alt: "radar" });
      const points = $$("[data-testid=radar-point]");
      points[0].dispatchEvent(new Event("mouseenter"));
      flushSync();
      await settle();
      const tip = $("[data-testid=radar-tip]")!;
      expect(tip.textContent).toContain("A 78% · Avg 62%");
      expect(tip.classList.contains("placed")).toBe(true);
      expect(tip.classList.contains("below")).toBe(true);
      expect(parseFloat(tip.style.top)).toBeGreaterThanOrEqual(390);
    } finally {
      HTMLElement.prototype.getBoundingClientRect = real;
    }
  });
});
