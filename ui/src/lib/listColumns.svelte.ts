// The list's column choice as reactive state, stored in the workspace
// (setting `ui.list_columns`) so it survives restarts and follows the
// workspace. Logic: ./columns.ts.
import { ipc, toError } from "./ipc";
import { defaultPrefs, parsePrefs, serializePrefs, type ColumnPrefs } from "./columns";

export const COLUMNS_SETTING = "ui.list_columns";

class ListColumns {
  prefs = $state<ColumnPrefs>(defaultPrefs());
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** Read the open workspace's choice (defaults when none is stored). */
  async load() {
    const raw = await ipc.getSetting(COLUMNS_SETTING).catch(() => null);
    this.prefs = parsePrefs(raw);
  }

  /** Change the choice; written to the workspace shortly after (a drag
   * of a column edge is one write). */
  set(p: ColumnPrefs, onError?: (message: string) => void) {
    this.prefs = p;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      ipc.setSetting(COLUMNS_SETTING, serializePrefs(p)).catch((e) => onError?.(toError(e).message));
    }, 250);
  }
}

export const listColumns = new ListColumns();
