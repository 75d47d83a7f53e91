# Desktop app and web UI targets (included by the top-level Makefile).
#   make ui-deps ui-build ui-test ui-types app-build e2e package-test dist run-app bench-app bench-app-release app-lint

APP_CARGO_TARGET := $(or $(CARGO_TARGET_DIR),$(CURDIR)/target)
APP_BIN := $(APP_CARGO_TARGET)/debug/shortlist-app

.PHONY: ui-deps ui-build ui-test ui-types app-build app-test e2e package-test dist run-app bench-app bench-app-release app-lint

ui/node_modules/.package-lock.json: ui/package.json ui/package-lock.json
	cd ui && npm ci --no-audit --no-fund
	@touch $@

ui-deps: ui/node_modules/.package-lock.json

ui-build: ui-deps
	cd ui && npm run build

ui-test: ui-deps
	cd ui && npm test

# Regenerate ui/src/lib/gen/ from the Rust DTOs (ts-rs).
ui-types:
	SHORTLIST_UPDATE_TS=1 cargo test -p shortlist-app --lib ts_types

# The Tauri app embeds ui/dist at compile time, so the UI builds first.
app-build: ui-build
	cargo build -p shortlist-app

# Rust tests of the shell: media server, playback, commands, TS types current.
app-test: ui-build
	cargo test -p shortlist-app

e2e: app-build cli
	APP_BIN=$(APP_BIN) tests/e2e/run.sh
	APP_BIN=$(APP_BIN) tests/e2e/run.sh --default-config

# The .deb, built by Tauri's bundler with the CLI in it, installed into a
# clean root and both binaries started (tests/package/deb.sh); then every
# platform's bundle configuration against the Tauri CLI's schema
# (tests/package/config.py, in the end-to-end tests' Python).
package-test: ui-build
	tests/package/deb.sh
	target/e2e/venv/bin/python tests/package/config.py

# The release installer (.deb with the app and the CLI): scripts/dist.sh.
dist: ui-deps
	scripts/dist.sh

# Opens the app on WORKSPACE=DIR, else SHORTLIST_WORKSPACE, else the OS
# app-data default (the demo loads there on first run).
run-app: app-build
	$(APP_BIN) $(if $(WORKSPACE),--workspace "$(WORKSPACE)")

bench-app: app-build
	APP_BIN=$(APP_BIN) tests/e2e/bench.sh

# The same on release builds (custom-protocol, as shipped); builds them.
bench-app-release: ui-build
	cargo build -p shortlist-app --release --features tauri/custom-protocol --bin shortlist-app --example bare
	tests/e2e/bench.sh --release

# Clippy on the app (needs ui/dist: the app embeds it), part of `make lint`.
app-lint: ui-build
	cargo clippy -p shortlist-app --all-targets -- -D warnings
