#!/usr/bin/env bash
# ZIP of 1 GB of recordings (stored, as the package writer does) against `cp`
# of the same bytes. Target: zip throughput >= 80 % of cp.
# Generates 4 x 256 MiB of random bytes in a temp dir (not committed) and
# removes everything afterwards. Both runs read from the page cache (the files
# were just written) and write to the same file system.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target}"
cargo build -q --release -p shortlist-report --example zip_bench
BIN="$CARGO_TARGET_DIR/release/examples/zip_bench"
WORK="$(mktemp -d /tmp/shortlist-zipbench.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
for i in 1 2 3 4; do head -c $((256 * 1024 * 1024)) /dev/urandom > "$WORK/rec$i.webm"; done
BYTES=$((4 * 256 * 1024 * 1024))
best_cp=0; best_zip=0
for round in 1 2 3; do
  rm -rf "$WORK/cp" "$WORK/out.zip"; mkdir "$WORK/cp"; sync
  t0=$(date +%s.%N); cp "$WORK"/rec*.webm "$WORK/cp/"; sync -f "$WORK/cp" ; t1=$(date +%s.%N)
  cp_mbs=$(python3 -c "print(round($BYTES/1e6/($t1-$t0)))")
  rm -rf "$WORK/cp"; sync
  t0=$(date +%s.%N); "$BIN" "$WORK"/rec*.webm "$WORK/out.zip" > /dev/null; sync -f "$WORK"; t1=$(date +%s.%N)
  zip_mbs=$(python3 -c "print(round($BYTES/1e6/($t1-$t0)))")
  echo "round $round: cp ${cp_mbs} MB/s, zip ${zip_mbs} MB/s"
  [ "$cp_mbs" -gt "$best_cp" ] && best_cp=$cp_mbs
  [ "$zip_mbs" -gt "$best_zip" ] && best_zip=$zip_mbs
done
unzip -tq "$WORK/out.zip"
echo "best: cp ${best_cp} MB/s, zip ${best_zip} MB/s, ratio $(python3 -c "print(f'{$best_zip/$best_cp:.0%}')")"
