#!/usr/bin/env bash
# Desktop app benchmarks (see bench.py). Needs the app, the bare example and
# a 100,000-candidate workspace; builds/creates what is missing.
#
#   tests/e2e/bench.sh            debug builds (make bench-app)
#   tests/e2e/bench.sh --release  release builds with Tauri's custom-protocol
#                                 feature, as `tauri build` ships them
#                                 (make bench-app-release)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
export CARGO_TARGET_DIR=$TARGET
PROFILE=debug
CARGO_FLAGS=()
if [ "${1:-}" = "--release" ]; then
  shift
  PROFILE=release
  CARGO_FLAGS=(--release --features tauri/custom-protocol)
fi
export APP_BIN=${APP_BIN:-$TARGET/$PROFILE/shortlist-app}
export BARE_BIN=$TARGET/$PROFILE/examples/bare
export BIG_WS=${BIG_WS:-$ROOT/target/bench/ws-100k}
export BENCH_PROFILE=$PROFILE
cd "$ROOT"
[ -x "$APP_BIN" ] || cargo build -p shortlist-app --bin shortlist-app "${CARGO_FLAGS[@]}"
[ -x "$BARE_BIN" ] || cargo build -p shortlist-app --example bare "${CARGO_FLAGS[@]}"
# The 100k workspace serves the start-up figures at volume (warm and cold
# page cache) as well as search and scroll, so it is made in every mode.
if [ ! -f "$BIG_WS/workspace.db" ]; then
  cargo run -p shortlist-core --release --example gen_workspace -- "$BIG_WS" 100000
fi
exec "$ROOT/tests/e2e/run.sh" --bench "$@"
