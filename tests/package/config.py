"""The bundle configuration of every platform, checked without its OS.

Tauri merges `tauri.<platform>.conf.json` over `tauri.conf.json` (a JSON
merge patch, RFC 7396) on Linux, Windows and macOS, and `scripts/dist.sh`
merges the CLI in as an external binary. This builds each merged
configuration as the Tauri CLI would and checks it:

* against the Tauri CLI's own configuration schema (the `config.schema.json`
  of the `@tauri-apps/cli` package `npm ci` installed), which is what the CLI
  validates a configuration with before it builds;
* that the platform bundles what that OS installs (deb; NSIS and MSI;
  an .app and a .dmg) with the icon format its bundler needs (PNG; .ico;
  .icns), and that every icon file named exists and is that format.

Linux's configuration is also built for real by tests/package/deb.sh.
Run by `make package-test`:  python3 tests/package/config.py
"""

import copy
import json
import pathlib
import sys

import jsonschema

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "ui/node_modules/@tauri-apps/cli/config.schema.json"

PLATFORMS = {
    # platform: (targets it must build, icon suffix its bundler needs, magic bytes)
    "linux": ({"deb"}, ".png", b"\x89PNG\r\n\x1a\n"),
    "windows": ({"nsis", "msi"}, ".ico", b"\x00\x00\x01\x00"),
    "macos": ({"app", "dmg"}, ".icns", b"icns"),
}
# What scripts/dist.sh merges in (the CLI, as an external binary).
DIST = {"bundle": {"externalBin": ["target/dist-bin/shortlist"]}}


def merge_patch(target, patch):
    """RFC 7396, as Tauri merges its configuration files."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    out = copy.deepcopy(target) if isinstance(target, dict) else {}
    for k, v in patch.items():
        if v is None:
            out.pop(k, None)
        else:
            out[k] = merge_patch(out.get(k), v)
    return out


def load(name):
    with open(ROOT / name, encoding="utf-8") as f:
        return json.load(f)


def check(platform, schema, base):
    problems = []
    want_targets, icon_suffix, magic = PLATFORMS[platform]
    conf = merge_patch(merge_patch(base, load(f"tauri.{platform}.conf.json")), DIST)
    validator = jsonschema.Draft7Validator(schema)
    for e in sorted(validator.iter_errors(conf), key=lambda e: list(e.path)):
        where = "/".join(str(p) for p in e.path) or "(top)"
        problems.append(f"{where}: {e.message}")
    bundle = conf.get("bundle", {})
    targets = bundle.get("targets")
    targets = {targets} if isinstance(targets, str) else set(targets or [])
    if targets != want_targets:
        problems.append(f"bundle.targets is {sorted(targets)}, expected {sorted(want_targets)}")
    icons = bundle.get("icon", [])
    for icon in icons:
        path = ROOT / icon
        if not path.is_file():
            problems.append(f"bundle.icon names {icon}, which does not exist")
    of_kind = [i for i in icons if i.endswith(icon_suffix)]
    if not of_kind:
        problems.append(f"bundle.icon has no {icon_suffix} icon, which the {platform} bundler needs")
    for icon in of_kind:
        path = ROOT / icon
        if path.is_file() and not path.read_bytes().startswith(magic):
            problems.append(f"{icon} is not a {icon_suffix} file (its first bytes differ)")
    return problems


def main():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    base = load("tauri.conf.json")
    failed = False
    for platform in PLATFORMS:
        problems = check(platform, schema, base)
        for p in problems:
            print(f"tauri.conf.json + tauri.{platform}.conf.json: {p}", file=sys.stderr)
        failed |= bool(problems)
        if not problems:
            print(f"config: {platform}: valid against {schema.get('$id', 'the schema')}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
