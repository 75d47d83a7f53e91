// The candidate list's selection as reactive state: the ticked ids are
// `app.selection` (as before); "Select all N matching" and the rows
// unticked since live here. Logic: ./selection.ts.
import { SvelteSet } from "svelte/reactivity";
import { app } from "./state.svelte";
import * as sel from "./selection";

class ListSelection implements sel.SelectionState {
  all = $state(false);
  except = new SvelteSet<string>();
  get ids(): Set<string> {
    return app.selection;
  }
  /** How many are selected, of `app.listTotal` matching. */
  get count(): number {
    return sel.count(this, app.listTotal);
  }
  target(): sel.Target {
    return sel.target(this, app.query, app.listTotal);
  }
  clear() {
    sel.clear(this);
  }
}

export const listSelection = new ListSelection();
