#!/usr/bin/env bash
# The Debian package, tested as a user gets it (issue 16): Tauri's bundler
# builds the .deb (debug profile, so it reuses the test build's
# dependencies; the packaging is the same as a release's), then
#   * its control data: name, version, maintainer, the libraries the app
#     loads (WebKitGTK, GTK, ALSA for native audio, GStreamer's plugins for
#     video) as dependencies;
#   * its files: the binary, the desktop entry (and that it launches that
#     binary, with an icon that is shipped), the icons;
#   * the packaged binary itself, extracted from the .deb, opens on the
#     demo workspace and shows the candidate list (one end-to-end test run
#     on it through tests/e2e/run.sh).
# Run by `make package-test` (part of `make test`).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
cd "$ROOT"

fail() { echo "deb: $*" >&2; exit 1; }

rm -rf "$TARGET/debug/bundle/deb"
# The CLI finds the app (tauri.conf.json here) and the frontend (ui/; see
# .taurignore) and runs the UI build itself, as a developer's build does.
ui/node_modules/.bin/tauri build --debug --bundles deb -- -p shortlist-app
deb=$(ls "$TARGET"/debug/bundle/deb/*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || fail "no .deb under $TARGET/debug/bundle/deb"

field() { dpkg-deb --field "$deb" "$1"; }
[ "$(field Package)" = shortlist ] || fail "Package is '$(field Package)', expected shortlist"
version=$(sed -n 's/^  "version": "\(.*\)",$/\1/p' tauri.conf.json)
[ "$(field Version)" = "$version" ] || fail "Version is '$(field Version)', tauri.conf.json says $version"
[ "$(field Architecture)" = "$(dpkg --print-architecture)" ] || fail "Architecture is '$(field Architecture)'"
[ "$(field Maintainer)" != "" ] || fail "no Maintainer"
depends=$(field Depends)
for dep in libwebkit2gtk-4.1-0 libgtk-3-0 libasound2 gstreamer1.0-plugins-good gstreamer1.0-libav; do
  grep -qw -- "$dep" <<<"$depends" || fail "Depends lacks $dep: $depends"
done
dpkg-deb --field "$deb" Description | grep -q "offline" || fail "the long description is missing"

x=$(mktemp -d)
trap 'rm -rf "$x"' EXIT
dpkg-deb -x "$deb" "$x"
bin="$x/usr/bin/shortlist-app"
[ -x "$bin" ] || fail "no executable usr/bin/shortlist-app"
desktop="$x/usr/share/applications/Shortlist.desktop"
[ -f "$desktop" ] || fail "no desktop entry"
grep -qx 'Name=Shortlist' "$desktop" || fail "desktop entry: Name"
exec_name=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$desktop")
[ -x "$x/usr/bin/$exec_name" ] || fail "desktop entry launches '$exec_name', which the package does not ship"
icon=$(sed -n 's/^Icon=//p' "$desktop")
for size in 32x32 128x128; do
  [ -s "$x/usr/share/icons/hicolor/$size/apps/$icon.png" ] || fail "no $size icon '$icon'"
done
# Every library the binary needs resolves on this machine (after the
# Depends above are installed, as apt would).
missing=$(ldd "$bin" | grep 'not found' || true)
[ -z "$missing" ] || fail "unresolved libraries: $missing"
echo "deb: $(basename "$deb"): control data and files checked"

# The packaged binary, as installed, opens the demo and lists candidates.
APP_BIN="$bin" "$ROOT/tests/e2e/run.sh" --default-config -k test_demo_opens_on_the_candidate_list
echo "deb: the packaged app opened the demo workspace"
