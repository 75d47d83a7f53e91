#!/usr/bin/env bash
# Desktop app benchmarks (see bench.py). Needs the debug app, the bare
# example and a 100,000-candidate workspace; builds/creates what is missing.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
export CARGO_TARGET_DIR=$TARGET
export APP_BIN=${APP_BIN:-$TARGET/debug/shortlist-app}
export BARE_BIN=$TARGET/debug/examples/bare
export BIG_WS=${BIG_WS:-$ROOT/target/bench/ws-100k}
cd "$ROOT"
[ -x "$BARE_BIN" ] || cargo build -p shortlist-app --example bare
if [ ! -f "$BIG_WS/workspace.db" ]; then
  cargo run -p shortlist-core --release --example gen_workspace -- "$BIG_WS" 100000
fi
exec "$ROOT/tests/e2e/run.sh" --bench
