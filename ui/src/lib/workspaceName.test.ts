import { describe, expect, it } from "vitest";
import { isGeneratedTempName, lastComponent, workspaceLabel } from "./workspaceName";

describe("workspaceLabel", () => {
  it("names a workspace by its folder, not its path", () => {
    expect(workspaceLabel("/tmp/shortlist-e2e-ws-k2j3/hiring-2026")).toBe("hiring-2026");
    expect(workspaceLabel("/home/ana/Documents/Hiring 2026/")).toBe("Hiring 2026");
    expect(workspaceLabel("C:\\Users\\ana\\Shortlist\\sales")).toBe("sales");
  });

  it("calls the first-run demo the demo", () => {
    expect(workspaceLabel("/tmp/shortlist-e2e-x1/ws", { demo: true })).toBe("Demo workspace");
  });

  it("does not show a generated temporary folder name", () => {
    expect(workspaceLabel("/tmp/.tmpA1b2C3")).toBe("Temporary workspace");
    expect(workspaceLabel("/tmp/tmp.Xy12abQ")).toBe("Temporary workspace");
    expect(isGeneratedTempName("tmp_8fk2mz1q")).toBe(true);
    // words a person chose stay
    expect(isGeneratedTempName("templates")).toBe(false);
    expect(isGeneratedTempName("tmp-hiring")).toBe(false);
    expect(workspaceLabel("/home/ana/tmp")).toBe("tmp");
  });

  it("falls back to the name, then the path, for a root", () => {
    expect(lastComponent("/")).toBe("");
    expect(workspaceLabel("/", { name: "root" })).toBe("root");
    expect(workspaceLabel("/")).toBe("/");
  });
});
