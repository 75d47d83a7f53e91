# Shortlist — the two commands a developer needs:
#   make run    installs what is missing, builds, and opens the app on the demo workspace
#   make test   installs what is missing and runs every test (Rust, UI, end-to-end)
# Other targets: deps, cli, bench, bench-scale, fmt, lint, clean-workspace.

SHELL := /bin/bash
.DEFAULT_GOAL := help

# Debian/Ubuntu packages: Tauri's WebKitGTK stack, the WebDriver for
# end-to-end tests, GStreamer for <video>, ALSA for rodio, and the PDF/ZIP
# checking tools the tests call.
APT_PACKAGES := build-essential pkg-config curl file unzip python3 python3-venv python3-pip \
	libwebkit2gtk-4.1-dev libssl-dev libasound2-dev libdbus-1-dev \
	xvfb webkit2gtk-driver dbus-x11 xdotool python3-gi gir1.2-gtk-3.0 \
	gstreamer1.0-plugins-good gstreamer1.0-libav \
	poppler-utils qpdf libreoffice-calc-nogui \
	postgresql openssl perl make time

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help deps apt-deps run test rust-test mock-api-test cli bench bench-scale fmt lint fuzz

help:
	@echo "make run    install what is missing, build, open Shortlist on the demo workspace"
	@echo "make test   run every test (Rust, UI, end-to-end)"
	@echo "make cli    build the headless 'shortlist' command (target/debug/shortlist)"
	@echo "make bench  run the benchmarks (figures go in docs/benchmarks.md)"
	@echo "make dist   the release installer: target/release/bundle/deb/*.deb (app + CLI; 20-30 min)"
	@echo "make bench-scale  the release CLI's scaling table at 1k/10k/100k candidates (BENCH_SIZES=\"1000 10000\" for less; 5-15 min)"
	@echo "make fuzz   fuzz the importer (FUZZ_SECONDS per target, default 60; fuzz/README.md)"

apt-deps:
	@if command -v dpkg >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then \
	  missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	  if [ -n "$$missing" ]; then \
	    echo "Installing system packages:" $$missing; \
	    $(SUDO) apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	  fi; \
	else \
	  echo "Not a Debian/Ubuntu system: install the prerequisites listed in README.md by hand."; \
	fi

deps: apt-deps

cli:
	cargo build --bin shortlist

rust-test:
	cargo test --workspace --exclude shortlist-app
	cd fuzz && cargo check   # the fuzz targets keep compiling (running them: fuzz/README.md)

# The HeyMilo client against a mock served from HeyMilo's OpenAPI spec
# (@stoplight/prism-cli on loopback). The spec is the repository's own copy,
# docs/reference/heymilo-openapi.json (nothing outside the repository is read).
tests/support/node_modules/.package-lock.json: tests/support/package.json tests/support/package-lock.json
	npm ci --prefix tests/support --no-audit --no-fund
	@touch $@

mock-api-test: tests/support/node_modules/.package-lock.json docs/reference/heymilo-openapi.json
	cargo test -p shortlist-delivery --test prism -- --ignored

fmt:
	cargo fmt --all

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --exclude shortlist-app --all-targets -- -D warnings
	$(MAKE) app-lint

bench:
	cargo bench -p shortlist-core

# The scaling table of docs/benchmarks.md (SPEC F37): open, list, search,
# show, decide, reports, exports, import, re-import and sync on the release
# CLI at 1k, 10k and 100k candidates. Not part of `make test` (5 to 15
# minutes, and 4 GB of scratch space at 100k). BENCH_SIZES, BENCH_SCRATCH,
# BENCH_RUNS, BENCH_KEEP_BUNDLES: see scripts/bench-scale.sh.
bench-scale: apt-deps
	scripts/bench-scale.sh

# Fuzz the importer's parsers with cargo-fuzz (libFuzzer + AddressSanitizer)
# on the stable toolchain: RUSTC_BOOTSTRAP lets stable rustc take the -Z
# flags cargo-fuzz passes. New inputs go to a scratch corpus; the committed
# seeds in fuzz/corpus/<target> are only read. Not part of `make test`: the
# first sanitizer build alone takes far longer than the test budget.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := bundle_json csv
FUZZ_SCRATCH := $(or $(CARGO_TARGET_DIR),$(CURDIR)/target)/fuzz-corpus
fuzz:
	@command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_SCRATCH)/$$t && \
	  (cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run -O $$t $(FUZZ_SCRATCH)/$$t corpus/$$t -- \
	    -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 -print_final_stats=1) || exit 1; \
	done

# The desktop app, UI and end-to-end targets live in mk/app.mk.
-include mk/app.mk

ifeq ($(wildcard mk/app.mk),)
run: deps cli
	@echo "The desktop app is not built in this checkout yet; use target/debug/shortlist."
test: deps rust-test mock-api-test
else
run: deps run-app
test: deps rust-test mock-api-test app-test ui-test e2e package-test
endif
