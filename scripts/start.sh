#!/usr/bin/env bash
# Sets everything up and starts Aspen Desk. Extra arguments go to the app,
# e.g. `scripts/start.sh --data-dir ~/aspen-portable`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec cargo run --release -- "$@"
