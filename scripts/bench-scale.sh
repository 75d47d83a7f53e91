#!/usr/bin/env bash
# Scaling table (SPEC F37, docs/benchmarks.md "Scaling table"): the release
# CLI's everyday operations at 1,000, 10,000 and 100,000 candidates, wall
# time, CPU time and peak memory of each, and how each grows from 10k to 100k against
# how its work grows. Run as `make bench-scale`.
#
#   BENCH_SIZES="1000 10000"   sizes to run (default "1000 10000 100000")
#   BENCH_SCRATCH=DIR          bundles and workspaces (default target/bench-scale)
#   BENCH_RUNS=N               runs of each quick operation, median (default 3)
#   BENCH_NO_BUILD=1           use the release binaries already in the target
#                              folder (while another cargo build holds its lock)
#   BENCH_KEEP_BUNDLES=1       keep the generated bundles for the next run
#                              (a 100k bundle is 1.2 GB and takes minutes to
#                              generate); by default each is deleted after its size
#
# For each size: generate a HeyMilo-shaped bundle (4 interviewers,
# candidates with 40 transcript lines and 8 scored questions each;
# crates/shortlist-core/benches/support/bundle.rs), import it into a fresh
# workspace, time the commands below (each its own process, as a script
# would run them), then serve the same bundle as HeyMilo's API on loopback
# (crates/shortlist-delivery/examples/serve_bundle.rs) and time `sync`:
# once on the imported workspace (nothing changed: the candidate lists are
# read, no interview is fetched) and once into a fresh workspace (every
# interview fetched, staged and merged). Recordings are not downloaded
# (the bundle's URLs point off this machine). The page cache is warm (the
# workspace was just written). Only loopback is used.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
SIZES=${BENCH_SIZES:-1000 10000 100000}
SCRATCH=${BENCH_SCRATCH:-$TARGET/bench-scale}
RUNS=${BENCH_RUNS:-3}
KEEP=${BENCH_KEEP_BUNDLES:-0}
KEY=bench-scale-key

cd "$ROOT"
if [ "${BENCH_NO_BUILD:-0}" != 1 ]; then
  cargo build --release -p shortlist-cli --bin shortlist
  cargo build --release -p shortlist-core --example import_volume
  cargo build --release -p shortlist-delivery --example serve_bundle
fi
CLI=$TARGET/release/shortlist
GEN=$TARGET/release/examples/import_volume
SERVE=$TARGET/release/examples/serve_bundle
for b in "$CLI" "$GEN" "$SERVE"; do
  [ -x "$b" ] || { echo "bench-scale: $b is missing; run without BENCH_NO_BUILD" >&2; exit 1; }
done
[ -x /usr/bin/time ] || { echo "bench-scale: needs /usr/bin/time (Debian package time)" >&2; exit 1; }

mkdir -p "$SCRATCH"
RESULTS=$SCRATCH/results.tsv
: >"$RESULTS"
SERVER_PID=
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; fi
}
trap cleanup EXIT

# One run of a command: sets W (wall time, µs), R (peak RSS, kB) and U (CPU
# time, user + system, in s); stops the bench with the command's stderr if it
# fails.
run_once() {
  local t0 t1
  t0=$(date +%s%N)
  if ! /usr/bin/time -f '%M %U %S' -o "$SCRATCH/rss" "$@" >"$SCRATCH/out" 2>"$SCRATCH/err"; then
    echo "bench-scale: failed: $*" >&2
    cat "$SCRATCH/err" >&2
    exit 1
  fi
  t1=$(date +%s%N)
  W=$(((t1 - t0) / 1000))
  read -r R U S < <(tail -n 1 "$SCRATCH/rss")
  U=$(awk -v u="$U" -v s="$S" 'BEGIN { print u + s }')
}

# measure OP SIZE RUNS CMD...: median wall time (and the CPU time of that
# run) and the largest peak RSS over RUNS runs, appended to the results.
measure() {
  local op=$1 size=$2 runs=$3
  shift 3
  local runs_=() rss=0 w cpu i
  for ((i = 0; i < runs; i++)); do
    run_once "$@"
    runs_+=("$W $U")
    if ((R > rss)); then rss=$R; fi
  done
  read -r w cpu < <(printf '%s\n' "${runs_[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p")
  printf '%s\t%s\t%s\t%s\t%s\n' "$op" "$size" "$w" "$rss" "$cpu" >>"$RESULTS"
  awk -v op="$op" -v w="$w" -v r="$rss" -v c="$cpu" \
    'BEGIN { printf "  %-26s %10.1f ms wall %9.2f s CPU %6.0f MB\n", op, w / 1000, c, r / 1024 }' >&2
}

start_server() {
  # A fresh file per server: the previous one's address must not be read
  # before this one has written its own.
  local out=$SCRATCH/serve-$N.out
  rm -f "$out"
  "$SERVE" "$1" "$KEY" >"$out" 2>"$SCRATCH/serve.err" &
  SERVER_PID=$!
  local i
  for ((i = 0; i < 600; i++)); do
    URL=$(head -n 1 "$out" 2>/dev/null || true)
    [ -n "$URL" ] && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "bench-scale: serve_bundle did not start" >&2
  cat "$SCRATCH/serve.err" >&2
  exit 1
}

stop_server() {
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
DATE=$(date -u '+%d %b %Y, %H:%M UTC')
for N in $SIZES; do
  BUNDLE=$SCRATCH/bundle-$N
  WS=$SCRATCH/ws-$N
  OUT=$SCRATCH/out-$N
  echo "== $N candidates" >&2
  if [ ! -f "$BUNDLE/.complete" ]; then
    rm -rf "$BUNDLE"
    "$GEN" gen "$BUNDLE" "$N" >&2
    touch "$BUNDLE/.complete"
  fi
  rm -rf "$WS" "$OUT" "$WS-sync"
  mkdir -p "$OUT"
  MID=$(printf 'I%06d' $((N / 2)))
  C=("$CLI" --workspace "$WS")

  measure "import" "$N" 1 "${C[@]}" import "$BUNDLE"
  "${C[@]}" settings set bench.scale "$N" >/dev/null
  measure "open" "$N" "$RUNS" "${C[@]}" settings get bench.scale
  measure "first list" "$N" "$RUNS" "${C[@]}" list --interviewer P0 --limit 50 --json
  measure "search" "$N" "$RUNS" "${C[@]}" list --interviewer P0 --search Haddad --limit 50 --json
  measure "show" "$N" "$RUNS" "${C[@]}" show "$MID" --json
  measure "decide" "$N" "$RUNS" "${C[@]}" decide "$MID" shortlist
  measure "report (candidate PDF)" "$N" "$RUNS" "${C[@]}" report "$MID" -o "$OUT/candidate.pdf"
  measure "pipeline report" "$N" "$RUNS" "${C[@]}" pipeline-report --interviewer P0 -o "$OUT/pipeline.pdf"
  measure "CSV export" "$N" "$RUNS" "${C[@]}" export csv --interviewer P0 -o "$OUT/candidates.csv"
  measure "package (ZIP)" "$N" "$RUNS" "${C[@]}" package "$MID" -o "$OUT/package.zip"
  measure "re-import (unchanged)" "$N" 1 "${C[@]}" import "$BUNDLE"
  grep -q "candidates: 0 added, 0 updated" "$SCRATCH/out" \
    || { echo "bench-scale: the re-import changed something:" >&2; cat "$SCRATCH/out" >&2; exit 1; }

  start_server "$BUNDLE"
  measure "sync (unchanged)" "$N" 1 "${C[@]}" sync --api-url "$URL" --api-key "$KEY" --no-media --json
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); sys.exit(0 if r["interviews"]==0 else "bench-scale: the unchanged sync fetched %s interviews" % r["interviews"])' "$SCRATCH/out"
  # At most one workspace of this size on disk at a time.
  rm -rf "$WS"
  measure "sync (fresh workspace)" "$N" 1 "$CLI" --workspace "$WS-sync" sync --api-url "$URL" --api-key "$KEY" --no-media --json
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); sys.exit(0 if r["interviews"]==int(sys.argv[2]) else "bench-scale: the sync fetched %s interviews, not %s" % (r["interviews"], sys.argv[2]))' "$SCRATCH/out" "$N"
  stop_server
  du -sm "$WS-sync" | awk -v n="$N" '{print "  workspace on disk: " $1 " MB (" n " candidates)"}' >&2
  rm -rf "$WS-sync" "$OUT"
  [ "$KEEP" = 1 ] || rm -rf "$BUNDLE"
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

python3 - "$RESULTS" "$DATE" "$LOAD_BEFORE" "$LOAD_AFTER" "$RUNS" <<'PY'
import sys
results, date, load_before, load_after, runs = sys.argv[1:]
rows, sizes = {}, []
for line in open(results):
    op, n, us, kb, cpu = line.rstrip("\n").split("\t")
    n = int(n)
    rows.setdefault(op, {})[n] = (int(us) / 1000, int(kb) / 1024, float(cpu))
    if n not in sizes:
        sizes.append(n)
sizes.sort()
# What each operation reads or writes, and so how its work grows from 10k
# to 100k candidates: x1 (one candidate, or nothing that depends on the
# count) or x10 (all candidates, or all of interviewer P0's, a quarter of
# them; a fresh process's first list reads P0's list projection).
work = {
    "open": ("nothing", 1), "first list": ("P0's projection, a page", 10),
    "search": ("P0's matches, a page", 10), "show": ("1 candidate", 1),
    "decide": ("1 candidate", 1),
    "report (candidate PDF)": ("1 candidate + P0's question averages", 10),
    "pipeline report": ("all of P0", 10), "CSV export": ("all of P0", 10),
    "package (ZIP)": ("1 candidate + P0's question averages", 10),
    "import": ("all", 10), "re-import (unchanged)": ("all", 10),
    "sync (unchanged)": ("all (lists only)", 10), "sync (fresh workspace)": ("all", 10),
}
print(f"Release CLI, {date}; load average {load_before} before, {load_after} after; "
      f"quick operations: median of {runs} runs, import/re-import/sync: one run. "
      "Each cell: wall time (CPU time, user + system), peak RSS.")
print()
grow = 10_000 in sizes and 100_000 in sizes
head = "| operation | work |" + "".join(f" {n:,} |" for n in sizes)
if grow:
    head += " growth 100k ÷ 10k (work) |"
print(head)
print("|---|---|" + "---|" * (len(sizes) + grow))
def fmt(ms):
    return f"{ms / 1000:.2f} s" if ms >= 1000 else f"{ms:.0f} ms" if ms >= 10 else f"{ms:.1f} ms"
def cell(v):
    ms, mb, cpu = v
    return f" {fmt(ms)} ({fmt(cpu * 1000)}), {mb:.0f} MB |"
for op, by in rows.items():
    what, w = work.get(op, ("?", 10))
    line = f"| {op} | {what} |" + "".join(cell(by[n]) if n in by else " — |" for n in sizes)
    if grow and 10_000 in by and 100_000 in by:
        r = by[100_000][0] / by[10_000][0]
        line += f" ×{r:.1f} (×{w}){' **faster than the work**' if r > w * 1.5 else ''} |"
    print(line)
PY
