#!/usr/bin/env bash
# Sets everything up and runs every test: formatting and lints, the UI type
# check, unit and integration tests, then the end-to-end tests that drive the
# real app window under Xvfb through WebDriver.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test

echo "== format and lints"
cargo fmt --all -- --check
cargo clippy --all-targets --locked -- -D warnings
(cd ui && npm run check)

echo "== unit and integration tests"
cargo test --locked

echo "== end-to-end tests (real window, Xvfb, WebDriver)"
cargo build --locked
rm -rf e2e-artifacts
xvfb-run -a -s "-screen 0 1400x900x24" \
  dbus-run-session -- bash -c 'cd tests/e2e && NO_AT_BRIDGE=1 npm test'
echo "Screenshots: e2e-artifacts/"

echo "== installer (.deb built, unpacked and run headless)"
deb=$(scripts/package.sh | tail -n 1)
tests/package/deb.sh "$deb"
