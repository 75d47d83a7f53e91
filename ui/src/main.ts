// Benchmark mark: the bundle is loaded and starts running (tests/e2e/bench.py).
performance.mark("script");
import { mount } from "svelte";
import App from "./App.svelte";
import "./app.css";

// The CSP (tauri.conf.json) allows no inline script or style. Anything it
// blocks is logged and left as a performance mark, so the end-to-end suite
// can assert that no screen trips it.
document.addEventListener("securitypolicyviolation", (e) => {
  const detail = { directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample };
  console.error("CSP blocked", detail);
  performance.mark("csp-violation", { detail });
});

const app = mount(App, { target: document.getElementById("app")! });
export default app;
