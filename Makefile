# Landfall: `make run` starts the desktop app on its embedded default; `make test` runs every test.
# Both install what is missing first (Debian packages, tauri-driver, npm packages) and skip it next time.

SHELL := /bin/bash
TARGET_DIR := $(or $(CARGO_TARGET_DIR),target)
APP := $(TARGET_DIR)/debug/landfall-desktop
CLI := $(TARGET_DIR)/debug/landfall

.PHONY: help deps ui app cli run test bindings e2e fuzz fmt clean

help:
	@echo "make run       build and open the Landfall desktop app (database in the app-data folder)"
	@echo "make test      every check: fmt, clippy, Rust tests, UI lint and tests, bindings, desktop end-to-end"
	@echo "make bindings  regenerate ui/src/bindings.ts from the Rust types"
	@echo "make e2e       only the desktop end-to-end suite (screenshots in target/e2e/)"
	@echo "make fuzz      run each fuzz target for FUZZ_SECONDS (default 600); needs nightly and cargo-fuzz"

deps:
	@scripts/install-deps.sh

ui: deps
	npm --prefix ui run --silent build

app: ui
	cargo build -p landfall-desktop

cli:
	cargo build -p landfall

run: app
	@if [ -z "$${DISPLAY:-}$${WAYLAND_DISPLAY:-}" ]; then \
	  echo "make run: no display here (DISPLAY and WAYLAND_DISPLAY are unset), so no window can open."; \
	  echo "Headless, use the command line instead: $(CLI) --help, e.g. $(CLI) report data/examples/bluetooth-speaker-japan.toml --format pdf --out plan.pdf"; \
	  cargo build -q -p landfall && $(CLI) --help; \
	  exit 1; \
	fi
	$(APP)

test: ui
	@scripts/test.sh

bindings:
	UPDATE_BINDINGS=1 cargo test -q --test bindings

e2e: app
	WEBKIT_DISABLE_COMPOSITING_MODE=1 NO_AT_BRIDGE=1 \
	  dbus-run-session -- xvfb-run -a --server-args="-screen 0 1280x800x24" node tests/e2e/run.mjs

FUZZ_SECONDS ?= 600
FUZZ_TARGETS := plan_file pack_file catalogue_import ecb_xml engine_checklist engine_quote engine_compare engine_report

fuzz:
	@command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
	cd fuzz && for target in $(FUZZ_TARGETS); do \
	  nice -n 19 cargo +nightly fuzz run $$target -- -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 || exit 1; \
	done

fmt:
	cargo fmt --all

clean:
	cargo clean
	rm -rf ui/dist ui/node_modules tests/e2e/node_modules
