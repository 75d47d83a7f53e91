#!/usr/bin/env bash
# End-to-end tests of the real app window: Xvfb + tauri-driver +
# WebKitWebDriver, driven by Selenium (pytest). `--default-config` runs the
# tests marked default_config with the app as users get it without a GPU
# (compositing off; screenshots grabbed from X). Screenshots land in
# target/e2e/screenshots/.
#
#   APP_BIN   the debug app binary (default: $CARGO_TARGET_DIR or target, /debug/shortlist-app)
#   E2E_PORT  tauri-driver port (default: a free pair of ports, so two runs
#             on one machine never talk to each other's driver; native is +1)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
export APP_BIN=${APP_BIN:-$TARGET/debug/shortlist-app}
OUT=$ROOT/target/e2e
# A free port whose successor is free too (the driver's native port).
free_port_pair() {
  python3 - <<'PY'
import socket
for _ in range(200):
    a = socket.socket(); a.bind(("127.0.0.1", 0)); port = a.getsockname()[1]
    b = socket.socket()
    try:
        b.bind(("127.0.0.1", port + 1))
    except OSError:
        a.close(); continue
    a.close(); b.close(); print(port); break
PY
}
PORT=${E2E_PORT:-$(free_port_pair)}
mkdir -p "$OUT/screenshots"

[ -x "$APP_BIN" ] || { echo "e2e: no app binary at $APP_BIN; run make app-build" >&2; exit 1; }
command -v WebKitWebDriver >/dev/null || { echo "e2e: WebKitWebDriver missing; apt-get install webkit2gtk-driver" >&2; exit 1; }
command -v Xvfb >/dev/null || { echo "e2e: Xvfb missing; apt-get install xvfb" >&2; exit 1; }
if ! command -v tauri-driver >/dev/null; then
  echo "e2e: installing tauri-driver (cargo install, ~2 min)…"
  cargo install tauri-driver --locked --quiet
fi
export PATH="$HOME/.cargo/bin:$PATH"
if [ ! -x "$OUT/venv/bin/pytest" ] || ! cmp -s "$ROOT/tests/e2e/requirements.txt" "$OUT/venv/requirements.txt"; then
  [ -x "$OUT/venv/bin/python" ] || python3 -m venv "$OUT/venv"
  "$OUT/venv/bin/pip" install --quiet -r "$ROOT/tests/e2e/requirements.txt"
  cp "$ROOT/tests/e2e/requirements.txt" "$OUT/venv/requirements.txt"
fi

pids=()
stop_pg() { :; }
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; stop_pg; }
trap cleanup EXIT

# Xvfb picks a free display and tells us which.
exec 3>"$OUT/display"
Xvfb -displayfd 3 -screen 0 1440x900x24 -nolisten tcp >"$OUT/xvfb.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do [ -s "$OUT/display" ] && break; sleep 0.1; done
[ -s "$OUT/display" ] || { echo "e2e: Xvfb did not start" >&2; cat "$OUT/xvfb.log" >&2; exit 1; }
export DISPLAY=":$(head -1 "$OUT/display")"
exec 3>&-

# A private D-Bus session bus for the app and the tests: desktop
# notifications go to the tests' fake org.freedesktop.Notifications server
# (test_settings_sync.py), keychain lookups find no secret service (the
# "no keychain" path), and nothing reaches the developer's desktop. No
# service directories, so nothing is auto-started on it.
command -v dbus-daemon >/dev/null || { echo "e2e: dbus-daemon missing; apt-get install dbus" >&2; exit 1; }
cat >"$OUT/session-bus.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=$OUT</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
CONF
bus=$(dbus-daemon --config-file="$OUT/session-bus.conf" --fork --nopidfile --print-address=1 --print-pid=1)
export DBUS_SESSION_BUS_ADDRESS=$(sed -n 1p <<<"$bus")
pids+=("$(sed -n 2p <<<"$bus")")
export NO_AT_BRIDGE=1
unset SHORTLIST_API_KEY

# Two reviewers on one team server (test_zzz_team.py): a throw-away
# PostgreSQL from Debian's package on loopback (the shortlist-team test
# harness's script), stopped on exit, and the CLI to set the team up. The
# app inherits the team password from tauri-driver's environment (no
# keychain answers on this private bus), so both reviewers share it.
if [ "${1:-}" != --bench ] && [ "${1:-}" != --default-config ]; then
  CLI_BIN=${CLI_BIN:-$TARGET/debug/shortlist}
  [ -x "$CLI_BIN" ] || { echo "e2e: no CLI binary at $CLI_BIN; run make cli" >&2; exit 1; }
  PG_DIR=$(mktemp -d /tmp/shortlist-e2e-pg.XXXXXX)
  chmod 755 "$PG_DIR"
  PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  export E2E_PG_ADMIN_URL=$("$ROOT/crates/shortlist-team/tests/pg-dev.sh" start "$PG_DIR" "$PG_PORT")
  export E2E_CLI=$CLI_BIN
  export SHORTLIST_TEAM_PASSWORD=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
  stop_pg() { "$ROOT/crates/shortlist-team/tests/pg-dev.sh" stop "$PG_DIR" >/dev/null 2>&1 || true; rm -rf "$PG_DIR"; }
fi

# Saves skip the native dialog and land here (debug builds honour it).
export SHORTLIST_E2E_SAVE_DIR=${SHORTLIST_E2E_SAVE_DIR:-$OUT/saves}
rm -rf "$SHORTLIST_E2E_SAVE_DIR" && mkdir -p "$SHORTLIST_E2E_SAVE_DIR"
# Open dialogs (workspaces, import) return the path the test writes here.
export SHORTLIST_E2E_PICK_FILE=$OUT/pick.txt
: >"$SHORTLIST_E2E_PICK_FILE"
# The recent-workspaces list lives in the config folder: keep the
# developer's own out of the tests.
export XDG_CONFIG_HOME=$OUT/config
rm -rf "$XDG_CONFIG_HOME" && mkdir -p "$XDG_CONFIG_HOME"
# On a machine without a GPU the app turns accelerated compositing off
# (src-tauri/webview.rs), and the suite's screenshot step (two animation
# frames, then WebKitWebDriver's screenshot) then never returns (WebKitGTK
# 2.50 under Xvfb). The suite runs with WebKit's default, as on a desktop
# with a GPU; the benchmark measures the GPU-less default. Set before
# tauri-driver starts: the app inherits the driver's environment.
# `--default-config` runs the tests marked default_config with the app's own
# choice instead (compositing off here, as users without a GPU get it), and
# takes their screenshots from the X server (conftest.py, x11_grab).
if [ "${1:-}" = "--default-config" ]; then
  unset SHORTLIST_COMPOSITING
  export E2E_SHOTS=x11
elif [ "${1:-}" != "--bench" ]; then
  export SHORTLIST_COMPOSITING=${SHORTLIST_COMPOSITING:-on}
fi
# The benchmark's bare window gets the setting the app picks for itself, so
# the two are compared like for like (WebKit's own switch; a no-op for the
# app, which already turns compositing off here).
if [ "${1:-}" = "--bench" ] && ! ls /dev/dri/renderD* >/dev/null 2>&1 \
   && [ "${SHORTLIST_COMPOSITING:-}" != on ]; then
  export WEBKIT_DISABLE_COMPOSITING_MODE=1
fi
tauri-driver --port "$PORT" --native-port "$((PORT + 1))" >"$OUT/tauri-driver.log" 2>&1 &
pids+=($!)
python3 - "$PORT" <<'PY'
import socket, sys, time
port = int(sys.argv[1]); deadline = time.time() + 20
while time.time() < deadline:
    try:
        socket.create_connection(("127.0.0.1", port), 0.2).close(); sys.exit(0)
    except OSError:
        time.sleep(0.1)
sys.exit("e2e: tauri-driver did not listen on port %d" % port)
PY

export E2E_PORT=$PORT E2E_OUT=$OUT
if [ "${1:-}" = "--bench" ]; then
  shift
  "$OUT/venv/bin/python" "$ROOT/tests/e2e/bench.py" "$@"
elif [ "${1:-}" = "--default-config" ]; then
  shift
  "$OUT/venv/bin/pytest" -v -p no:cacheprovider -m default_config "$ROOT/tests/e2e/test_app.py" "$ROOT/tests/e2e/test_media.py" "$@"
else
  "$OUT/venv/bin/pytest" -v -p no:cacheprovider "$ROOT/tests/e2e" "$@"
fi
