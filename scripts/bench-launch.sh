#!/usr/bin/env bash
# Launch time and memory of the app beside a bare Tauri 2 window
# (benches/bare-window): both release builds from the same Cargo.lock,
# launched the same way through WebDriver under Xvfb, interleaved, in one run
# (tests/e2e/measure.mjs). The app opens a data folder holding the sample
# catalog and directory. Rows go to $BENCH_RESULTS when set (scripts/bench.sh).
# Nine runs each: on this machine one launch in three of either window can take
# ~500 ms longer (seen for the bare window too), and a median of five can land
# on those.
# Needs xvfb-run, dbus-run-session and tests/e2e/node_modules.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-target}"
case "$target" in /*) ;; *) target="$PWD/$target" ;; esac

(cd ui && npm run build)
cargo build --release --locked -p aspen-desk -p bare-window

data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
"$target/release/aspen-desk" --data-dir "$data" demo-data

xvfb-run -a -s "-screen 0 1400x900x24" dbus-run-session -- \
  env NO_AT_BRIDGE=1 node tests/e2e/measure.mjs \
  "$target/release/aspen-desk" "$target/release/bare-window" "$data" "${LAUNCH_RUNS:-9}"
