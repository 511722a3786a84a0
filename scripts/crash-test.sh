#!/usr/bin/env bash
# The long crash test: a child process writes events with files, credits and
# evidence and is killed with SIGKILL at random moments, ROUNDS times (default
# 300); after each kill the database must be whole and every write the child
# reported done must be there. The test suite runs a short version of it.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --locked --example crash_writer
CRASH_ROUNDS="${1:-300}" cargo test --locked --test it crash -- --nocapture
