#!/usr/bin/env bash
# Builds the Debian package with the pinned Tauri CLI (ui/package.json): the
# UI bundle, a release build of the app, then the .deb with its desktop entry,
# icons and declared dependencies. Build output goes to stderr; the only line on
# stdout is the path of the .deb.
set -euo pipefail
cd "$(dirname "$0")/.."

[[ -x ui/node_modules/.bin/tauri ]] || (cd ui && npm install --no-audit --no-fund) >&2
(cd ui && npm run build) >&2
# `tauri build` compiles every [[bin]] of the package with the dist profile (see
# Cargo.toml); only the main one (default-run) is shipped, see tests/package/deb.sh.
ui/node_modules/.bin/tauri build --ci --bundles deb -- --profile dist >&2
deb=$(ls -t target/dist/bundle/deb/*.deb | head -n 1)
echo "$deb"
