"""Desktop app benchmarks under Xvfb (run by tests/e2e/bench.sh):

* cold start: process start -> first candidate rows painted (median of 5),
  for the app on the demo workspace and for a bare Tauri window;
* resident memory (app + its WebKit processes) after the list is shown;
* search-as-you-type on a 100,000-candidate workspace: list query time per
  keystroke as the UI measures it (IPC + core query);
* scrolling the 100,000-row list: frame intervals while scrolling.

Prints a Markdown table section for docs/benchmarks.md.
"""

import os
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
from conftest import App, TauriOptions, launch  # noqa: E402
from selenium import webdriver  # noqa: E402

CLK = os.sysconf("SC_CLK_TCK")


def boot_time():
    with open("/proc/stat") as f:
        for line in f:
            if line.startswith("btime"):
                return float(line.split()[1])


def proc_start(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return boot_time() + int(fields[19]) / CLK


def children(pid):
    out = []
    for p in os.listdir("/proc"):
        if not p.isdigit():
            continue
        try:
            with open(f"/proc/{p}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except OSError:
            continue
        if ppid == pid:
            out.append(int(p))
            out.extend(children(int(p)))
    return out


def rss_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def find_pid(binary_name):
    best = None
    for p in os.listdir("/proc"):
        if not p.isdigit():
            continue
        try:
            exe = os.readlink(f"/proc/{p}/exe")
        except OSError:
            continue
        if os.path.basename(exe) == binary_name:
            if best is None or int(p) > best:
                best = int(p)
    return best


def first_rows_epoch(driver, timeout=120):
    deadline = time.time() + timeout
    while time.time() < deadline:
        v = driver.execute_script(
            "const m = performance.getEntriesByName('first-rows')[0];"
            "return m ? (performance.timeOrigin + m.startTime) / 1000 : null;"
        )
        if v:
            return v
        time.sleep(0.02)
    raise TimeoutError("first rows never rendered")


def cold_start(binary, args, runs=5):
    times, rss = [], []
    for _ in range(runs):
        caps = {"browserName": "wry", "tauri:options": {"application": binary, "args": args}}

        class O(TauriOptions):
            def to_capabilities(self):
                return caps

        d = webdriver.Remote(command_executor=f"http://127.0.0.1:{os.environ.get('E2E_PORT', '4444')}", options=O(None))
        try:
            t1 = first_rows_epoch(d)
            pid = find_pid(os.path.basename(binary))
            t0 = proc_start(pid)
            times.append((t1 - t0) * 1000)
            # let the list settle, then sum RSS of the app and its WebKit processes
            time.sleep(1.0)
            rss.append(sum(rss_kb(p) for p in [pid] + children(pid)) / 1024)
        finally:
            d.quit()
    return statistics.median(times), times, statistics.median(rss)


def search_and_scroll(ws):
    app = App(ws)
    try:
        app.list_ready(120)
        box = app.find("[data-testid=search]")
        box.click()
        per_key = []
        word = "forklift"
        for ch in word:
            before = app.js("return performance.getEntriesByName('list-query').length")
            box.send_keys(ch)
            app.until(lambda: app.js("return performance.getEntriesByName('list-query').length") > before, 30)
            per_key.append(app.js("const e = performance.getEntriesByName('list-query'); return e[e.length-1].duration"))
        count = lambda: app.js("return document.querySelector('[data-testid=list-total]').textContent")
        total = count()
        from selenium.webdriver.common.keys import Keys

        box.send_keys(Keys.CONTROL, "a")
        box.send_keys(Keys.BACKSPACE)
        app.until(lambda: "100,000" in count(), 30)
        app.driver.set_script_timeout(120)
        frames = app.driver.execute_async_script(
            """
            const done = arguments[0];
            const s = document.querySelector('[data-testid=list-scroller]');
            const times = []; let n = 0; let last = performance.now();
            function step(t) {
              times.push(t - last); last = t;
              s.scrollTop += 1500;
              if (++n < 90) requestAnimationFrame(step); else done(times.slice(1));
            }
            requestAnimationFrame(step);
            """
        )
        return per_key, total, frames
    finally:
        app.quit()


def main():
    app_bin = os.environ["APP_BIN"]
    bare_bin = os.environ["BARE_BIN"]
    big = os.environ["BIG_WS"]
    demo_ws = os.environ.get("DEMO_WS") or tempfile.mkdtemp(prefix="shortlist-bench-")
    # first run loads the demo; measure warm-cache cold starts after it
    d = launch(demo_ws)
    first_rows_epoch(d)
    d.quit()
    app_med, app_all, app_rss = cold_start(app_bin, ["--workspace", demo_ws])
    bare_med, bare_all, bare_rss = cold_start(bare_bin, [])
    per_key, total, frames = search_and_scroll(big)
    frames_sorted = sorted(frames)
    p95 = frames_sorted[int(len(frames_sorted) * 0.95)]
    print("| measure | Shortlist (demo workspace) | bare Tauri window |")
    print("|---|---|---|")
    print(f"| cold start to first rendered list, median of 5 | {app_med:.0f} ms | {bare_med:.0f} ms (first paint) |")
    print(f"| all 5 runs | {', '.join(f'{t:.0f}' for t in app_all)} ms | {', '.join(f'{t:.0f}' for t in bare_all)} ms |")
    print(f"| resident memory (app + WebKit processes) | {app_rss:.0f} MB | {bare_rss:.0f} MB |")
    print()
    print(f"Search-as-you-type on 100,000 candidates, typing `forklift` ({total} at the end), list query per keystroke (IPC + core):")
    print("| keystroke | " + " | ".join("forklift"[: i + 1] for i in range(len(per_key))) + " |")
    print("|---" * (len(per_key) + 1) + "|")
    print("| ms | " + " | ".join(f"{t:.0f}" for t in per_key) + " |")
    print()
    print(f"Scrolling the 100,000-row list (1,500 px per frame, 90 frames): median frame {statistics.median(frames):.1f} ms, p95 {p95:.1f} ms.")


if __name__ == "__main__":
    main()
