"""Desktop app benchmarks under Xvfb (run by tests/e2e/bench.sh):

* cold start: process start -> first candidate rows painted (median of 5),
  for the app on the demo workspace and for a bare Tauri window;
* the same on the 100,000-candidate workspace, with a warm page cache and
  with a cold one (the kernel's caches dropped before each launch, of the
  app and of the bare window alike; needs root);
* memory after the list is shown, app + its WebKit processes: RSS (counts
  shared libraries once per process) and PSS (`/proc/<pid>/smaps_rollup`,
  shared pages split between the processes that map them: the honest sum);
* where the start-up time goes: process start -> page start (WebKit up) ->
  workspace open (`app-info` mark) -> interviewers -> first rows;
* search-as-you-type on a 100,000-candidate workspace: list query time per
  keystroke as the UI measures it (IPC + core query);
* scrolling the 100,000-row list: frame intervals while scrolling.

Prints a Markdown table section for docs/benchmarks.md.

    bench.py [--startup-only] [--runs N]
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
from conftest import App, TauriOptions, launch  # noqa: E402
from selenium import webdriver  # noqa: E402

CLK = os.sysconf("SC_CLK_TCK")


def proc_start(pid):
    """Wall-clock time (epoch seconds) at which process `pid` started.

    `/proc/<pid>/stat` gives the start in clock ticks since boot. The boot
    time in `/proc/stat` (`btime`) is truncated to whole seconds, which would
    put every start up to 1 s too early (0.94 s on the machine the first
    figures came from); the process's age is instead measured on the same
    clock, `/proc/uptime`, read next to the wall clock.
    """
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    with open("/proc/uptime") as f:
        uptime = float(f.read().split()[0])
    now = time.time()
    return now - (uptime - int(fields[19]) / CLK)


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


def pss_kb(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
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


def marks(driver):
    """Start-up milestones relative to the page's time origin (ms)."""
    return driver.execute_script(
        "const o = {}; for (const n of ['script', 'app-info', 'interviewers', 'first-rows']) {"
        " const m = performance.getEntriesByName(n)[0]; o[n] = m ? m.startTime : null; }"
        " return o;"
    )


def startup_calls(driver):
    """IPC calls made before the first rows: name -> (start, duration) in ms."""
    return driver.execute_script(
        "const o = {}; for (const m of performance.getEntriesByType('measure')) {"
        " if (m.name.startsWith('ipc:') && !(m.name in o)) o[m.name.slice(4)] = [m.startTime, m.duration]; }"
        " return o;"
    )


def drop_caches():
    """Empty the kernel's page, dentry and inode caches (root only): the
    next launch reads the app, WebKit and the workspace from disk."""
    subprocess.run(["sync"], check=True)
    with open("/proc/sys/vm/drop_caches", "w") as f:
        f.write("3\n")


def cold_start(binary, args, runs=5, before_each=None):
    times, rss, pss, phases, split = [], [], [], [], []
    for _ in range(runs):
        if before_each:
            before_each()
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
            origin = d.execute_script("return performance.timeOrigin / 1000")
            m = marks(d)
            phases.append({"page start": (origin - t0) * 1000, **m, "calls": startup_calls(d)})
            # let the list settle, then sum memory of the app and its WebKit processes
            time.sleep(1.0)
            procs = [pid] + children(pid)
            rss.append(sum(rss_kb(p) for p in procs) / 1024)
            pss.append(sum(pss_kb(p) for p in procs) / 1024)
            split.append({role(p, pid): pss_kb(p) / 1024 for p in procs})
        finally:
            d.quit()
    return {
        "median": statistics.median(times),
        "all": times,
        "rss": statistics.median(rss),
        "pss": statistics.median(pss),
        "phases": phases,
        # PSS per process (app / web / network), median over the runs
        "split": {k: statistics.median(s.get(k, 0) for s in split) for k in ("app", "web", "network")},
    }


def role(p, app_pid):
    """Which of the app's processes `p` is."""
    if p == app_pid:
        return "app"
    try:
        with open(f"/proc/{p}/comm") as f:
            comm = f.read()
    except OSError:
        return "other"
    return "web" if "WebProc" in comm else "network" if "Network" in comm else "other"


def median_phase(phases, key):
    vals = [p[key] for p in phases if p.get(key) is not None]
    return statistics.median(vals) if vals else None


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


def big_startup(app_bin, bare_bin, big, runs):
    """Cold start on the 100,000-candidate workspace, page cache warm and
    dropped, next to the bare window under the same conditions."""
    d = launch(big)  # warm-up: the workspace's files in the page cache
    first_rows_epoch(d)
    d.quit()
    load_before = load_average()
    warm = cold_start(app_bin, ["--workspace", big], runs)
    bare_warm = cold_start(bare_bin, [], runs)
    try:
        drop_caches()
    except OSError as e:
        cold = bare_cold = None
        why = f"dropping the page cache is not permitted here ({e}); no cold-cache figures"
    else:
        cold = cold_start(app_bin, ["--workspace", big], runs, drop_caches)
        bare_cold = cold_start(bare_bin, [], runs, drop_caches)
    load_after = load_average()
    print()
    print(f"Cold start on the 100,000-candidate workspace (`{os.path.basename(big)}`), load average before/after: {load_before} / {load_after}")
    print()
    print("| measure | Shortlist (100,000 candidates) | bare Tauri window | target |")
    print("|---|---|---|---|")
    runs_of = lambda r: ", ".join(f"{t:.0f}" for t in r["all"])
    print(f"| warm page cache, median of {runs} | {warm['median']:.0f} ms | {bare_warm['median']:.0f} ms (first paint) | < 1.5 s |")
    print(f"| all runs, warm | {runs_of(warm)} ms | {runs_of(bare_warm)} ms | |")
    if cold:
        print(f"| cold page cache (dropped before each launch), median of {runs} | {cold['median']:.0f} ms | {bare_cold['median']:.0f} ms (first paint) | < 3 s |")
        print(f"| all runs, cold | {runs_of(cold)} ms | {runs_of(bare_cold)} ms | |")
    else:
        print()
        print(why)
    for label, r in (("warm", warm), ("cold", cold)):
        if not r:
            continue
        ph = lambda k: median_phase(r["phases"], k)
        fmt = lambda v: "—" if v is None else f"{v:.0f} ms"
        print()
        print(f"Where the 100k start-up goes, {label} cache (medians; marks from `performance.timeOrigin`):")
        print()
        print("| process start → page start | → `script` | → `app-info` | → interviewers | → first rows |")
        print("|---|---|---|---|---|")
        print(f"| {fmt(ph('page start'))} | {fmt(ph('script'))} | {fmt(ph('app-info'))} | {fmt(ph('interviewers'))} | {fmt(ph('first-rows'))} |")
        calls = sorted({c for p in r["phases"] for c in (p.get("calls") or {})})
        if calls:
            print()
            print("| command | asked at | answered after |")
            print("|---|---|---|")
            rows = []
            for c in calls:
                vals = [p["calls"][c] for p in r["phases"] if c in (p.get("calls") or {})]
                rows.append((statistics.median(v[0] for v in vals), c, statistics.median(v[1] for v in vals)))
            for start, c, dur in sorted(rows):
                print(f"| `{c}` | {start:.0f} | {dur:.0f} |")


def load_average():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def main():
    args = sys.argv[1:]
    startup_only = "--startup-only" in args
    runs = int(args[args.index("--runs") + 1]) if "--runs" in args else 5
    app_bin = os.environ["APP_BIN"]
    bare_bin = os.environ["BARE_BIN"]
    big = os.environ["BIG_WS"]
    profile = os.environ.get("BENCH_PROFILE", "debug")
    demo_ws = os.environ.get("DEMO_WS") or tempfile.mkdtemp(prefix="shortlist-bench-")
    # first run loads the demo; measure warm-cache cold starts after it
    d = launch(demo_ws)
    first_rows_epoch(d)
    d.quit()
    load_before = load_average()
    app = cold_start(app_bin, ["--workspace", demo_ws], runs)
    bare = cold_start(bare_bin, [], runs)
    load_after = load_average()
    print(f"{profile} build; load average before/after the runs: {load_before} / {load_after}")
    print()
    print("| measure | Shortlist (demo workspace) | bare Tauri window |")
    print("|---|---|---|")
    print(f"| cold start to first rendered list, median of {runs} | {app['median']:.0f} ms | {bare['median']:.0f} ms (first paint) |")
    print(f"| all {runs} runs | {', '.join(f'{t:.0f}' for t in app['all'])} ms | {', '.join(f'{t:.0f}' for t in bare['all'])} ms |")
    print(f"| memory, RSS summed (app + WebKit processes) | {app['rss']:.0f} MB | {bare['rss']:.0f} MB |")
    print(f"| memory, PSS summed (shared pages split) | {app['pss']:.0f} MB | {bare['pss']:.0f} MB |")
    split = lambda r: " / ".join(f"{r['split'][k]:.0f}" for k in ("app", "web", "network"))
    print(f"| of which app / web / network process (PSS) | {split(app)} MB | {split(bare)} MB |")
    print()
    ps = median_phase(app["phases"], "page start")
    sc = median_phase(app["phases"], "script")
    ai = median_phase(app["phases"], "app-info")
    iv = median_phase(app["phases"], "interviewers")
    fr = median_phase(app["phases"], "first-rows")
    bps = median_phase(bare["phases"], "page start")
    fmt = lambda v: "—" if v is None else f"{v:.0f} ms"
    print("Where Shortlist's start-up goes (medians; page-relative marks from `performance.timeOrigin`):")
    print()
    print("| process start → page start | → bundle running (`script`) | → workspace open (`app-info`) | → interviewers listed | → first rows painted |")
    print("|---|---|---|---|---|")
    print(f"| {fmt(ps)} (bare: {fmt(bps)}) | {fmt(sc)} | {fmt(ai)} | {fmt(iv)} | {fmt(fr)} |")
    calls = sorted({c for p in app["phases"] for c in (p.get("calls") or {})})
    if calls:
        print()
        print("IPC calls before the first rows (medians, ms from `performance.timeOrigin`; the workspace's one read connection serialises queries):")
        print()
        print("| command | asked at | answered after |")
        print("|---|---|---|")
        rows = []
        for c in calls:
            vals = [p["calls"][c] for p in app["phases"] if c in (p.get("calls") or {})]
            rows.append((statistics.median(v[0] for v in vals), c, statistics.median(v[1] for v in vals)))
        for start, c, dur in sorted(rows):
            print(f"| `{c}` | {start:.0f} | {dur:.0f} |")
    big_startup(app_bin, bare_bin, big, runs)
    if startup_only:
        return
    per_key, total, frames = search_and_scroll(big)
    frames_sorted = sorted(frames)
    p95 = frames_sorted[int(len(frames_sorted) * 0.95)]
    print()
    print(f"Search-as-you-type on 100,000 candidates, typing `forklift` ({total} at the end), list query per keystroke (IPC + core):")
    print("| keystroke | " + " | ".join("forklift"[: i + 1] for i in range(len(per_key))) + " |")
    print("|---" * (len(per_key) + 1) + "|")
    print("| ms | " + " | ".join(f"{t:.0f}" for t in per_key) + " |")
    print()
    print(f"Scrolling the 100,000-row list (1,500 px per frame, 90 frames): median frame {statistics.median(frames):.1f} ms, p95 {p95:.1f} ms.")


if __name__ == "__main__":
    main()
