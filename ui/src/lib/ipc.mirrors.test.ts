/// <reference types="vite/client" />
// Every type that crosses IPC is generated from Rust into ./gen/ (ts-rs, and
// gen/commands.ts from the #[tauri::command] functions). This fails when a
// hand-written mirror comes back: an interface or type in src/lib named like
// a generated type, or any interface / object / union type declared in
// ipc.ts, where IPC payload shapes would drift from Rust.
import { describe, expect, it } from "vitest";

const generated = Object.keys(import.meta.glob("./gen/*.ts"))
  .map((p) => p.replace(/^\.\/gen\//, "").replace(/\.ts$/, ""))
  .filter((n) => n !== "commands");

const sources = import.meta.glob(["./**/*.ts", "./**/*.svelte", "!./gen/**", "!./**/*.test.ts"], {
  query: "?raw",
  import: "default",
  eager: true,
}) as Record<string, string>;

function stripComments(src: string): string {
  return src.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
}

/** Each hand-written mirror in `files` (path → source), as "path: what". */
export function mirrors(files: Record<string, string>, genNames: string[]): string[] {
  const gen = new Set(genNames);
  const found: string[] = [];
  for (const [path, raw] of Object.entries(files)) {
    const src = stripComments(raw);
    const isIpc = /(^|\/)ipc\.ts$/.test(path);
    // Declarations only (an import or export list's `type X` is not one).
    const decl =
      /^[ \t]*(?:export\s+)?(?:declare\s+)?(?:(interface)\s+([A-Za-z_$][\w$]*)|(type)\s+([A-Za-z_$][\w$]*)\s*(?:<[^=>]*>)?\s*=\s*(\S))/gm;
    for (const m of src.matchAll(decl)) {
      const kind = m[1] ?? m[3];
      const name = m[2] ?? m[4];
      const rhs = m[5];
      if (gen.has(name)) {
        found.push(`${path}: ${kind} ${name} mirrors the generated gen/${name}.ts; import it from ./gen or ipc.ts`);
      } else if (isIpc && kind === "interface") {
        found.push(`${path}: interface ${name}: IPC shapes come from Rust (derive ts_rs::TS), not ipc.ts`);
      } else if (isIpc && kind === "type" && rhs !== undefined && /^[{|"'`]/.test(rhs)) {
        found.push(`${path}: type ${name} spells out a payload shape: generate it from Rust instead`);
      }
    }
  }
  return found;
}

describe("IPC types", () => {
  it("finds the generated types and the sources", () => {
    expect(generated).toContain("CandidateQuery");
    expect(generated).toContain("OutboxItem");
    expect(Object.keys(sources)).toContain("./ipc.ts");
  });

  it("has no hand-written mirror of a generated type", () => {
    expect(mirrors(sources, generated)).toEqual([]);
  });

  it("catches a mirror", () => {
    const found = mirrors(
      {
        "./ipc.ts": [
          "// interface InComment {}",
          "export interface OutboxItem { kind: string }",
          "export interface Extra { a: number }",
          "export type Style =\n  | \"modern\"\n  | \"classic\";",
          "type Shape = { a: number };",
          "export type Ipc = typeof ipc;",
        ].join("\n"),
        "./other.ts": "import { type CandidateQuery } from \"./ipc\";\ntype CandidateQuery = { a: 1 };\nexport type Local = { b: 2 };",
      },
      ["OutboxItem", "CandidateQuery"],
    );
    expect(found).toEqual([
      expect.stringContaining("./ipc.ts: interface OutboxItem mirrors"),
      expect.stringContaining("./ipc.ts: interface Extra"),
      expect.stringContaining("./ipc.ts: type Style"),
      expect.stringContaining("./ipc.ts: type Shape"),
      expect.stringContaining("./other.ts: type CandidateQuery mirrors"),
    ]);
  });
});
