#!/usr/bin/env bash
# Builds Shortlist's Linux installer with Tauri's bundler: one .deb holding
# the app (`/usr/bin/shortlist-app`, its desktop entry and icons) and the
# `shortlist` command-line tool (`/usr/bin/shortlist`), shipped through
# Tauri's `bundle.externalBin` so the Windows and macOS bundles carry it the
# same way. The CLI goes in only here (a `--config` merged on top of
# tauri.conf.json): a plain `cargo build` of the app does not need it.
#
#   scripts/dist.sh            release build (`make dist`)
#   scripts/dist.sh --debug    debug build (the package test, `make package-test`)
#
# Prints the .deb's path on its last line.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
cd "$ROOT"

profile=release
tauri_flags=()
cargo_flags=(--release)
if [ "${1:-}" = --debug ]; then
  profile=debug
  tauri_flags=(--debug)
  cargo_flags=()
fi

cargo build "${cargo_flags[@]}" -p shortlist-cli
# Tauri looks for an external binary under its name suffixed with the target triple.
triple=$(rustc -vV | sed -n 's/^host: //p')
mkdir -p "$TARGET/dist-bin"
cp "$TARGET/$profile/shortlist" "$TARGET/dist-bin/shortlist-$triple"

rm -rf "$TARGET/$profile/bundle/deb"
# The Tauri CLI finds the app (tauri.conf.json here, merged with
# tauri.linux.conf.json) and the frontend (ui/; see .taurignore), and runs
# the UI build itself, as a developer's build does.
ui/node_modules/.bin/tauri build "${tauri_flags[@]}" --bundles deb \
  --config "{\"bundle\":{\"externalBin\":[\"$TARGET/dist-bin/shortlist\"]}}" \
  -- -p shortlist-app
deb=$(ls "$TARGET/$profile/bundle/deb/"*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || { echo "dist: no .deb under $TARGET/$profile/bundle/deb" >&2; exit 1; }
echo "dist: $(du -k "$deb" | cut -f1) KiB, $(dpkg-deb --info "$deb" | sed -n 's/^ Installed-Size: //p') KiB installed" >&2
echo "$deb"
