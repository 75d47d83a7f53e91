// Run a save command and tell the user where the file went (or why not).
import { app } from "./state.svelte";
import { toError, type Saved } from "./ipc";

export async function saveWith(what: string, run: () => Promise<Saved | null>): Promise<Saved | null> {
  try {
    const saved = await run();
    if (saved) app.toast(`${what} saved to ${saved.path}`, "good", undefined, "saved");
    return saved;
  } catch (e) {
    app.toast(`${what} failed: ${toError(e).message}`, "bad");
    return null;
  }
}
