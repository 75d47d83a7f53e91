import { it, expect } from "vitest";
import { mount, flushSync, unmount } from "svelte";
import HelpOverlay from "./HelpOverlay.svelte";
it("mounts", () => {
  const t = document.createElement("div");
  document.body.appendChild(t);
  const c = mount(HelpOverlay, { target: t });
  flushSync();
  expect(t.textContent).toContain("Keyboard");
  unmount(c);
});
