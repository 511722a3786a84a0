#!/usr/bin/env bash
# Runs every benchmark (release build) and writes BENCHMARKS.md: each figure
# beside its twin (the best hand-written SQL for the same answer on the same
# file), the ratio, the machine and the date. Figures are noisy on a loaded
# machine; the twin runs interleaved with the app in the same process, so the
# ratio is the figure to read.
set -euo pipefail
cd "$(dirname "$0")/.."

results=$(mktemp)
trap 'rm -f "$results"' EXIT
# One heading row per benchmark, so each figure reads under its source.
heading() { echo "| **$1** | | | | |" >> "$results"; }
for bench in search directory progress import; do
  heading "cargo bench --bench $bench"
  BENCH_RESULTS="$results" cargo bench --locked --bench "$bench"
  # The next benchmark starts once this one's files are on disk, not while
  # the kernel is still writing them out.
  sync
done
# Launch time and memory beside a bare Tauri 2 window (needs Xvfb).
heading "scripts/bench-launch.sh"
BENCH_RESULTS="$results" scripts/bench-launch.sh

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
{
  echo "# Benchmarks"
  echo
  echo "Written by \`scripts/bench.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC')."
  echo "Machine: ${cpu:-unknown CPU}, $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo) RAM,"
  echo "$(uname -sr), load average at the end $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  echo "Each app figure is measured beside its twin in the same run, interleaved"
  echo "round by round: for queries, the best hand-written SQL for the same answer"
  echo "(capped count and first page, same columns) on the same SQLite file, whose"
  echo "result must equal the app's. Ratio = app / twin; the targets are ratio <= 1.5"
  echo "and p95 < 16 ms (catalog, 100,000 events), < 5 ms (directory); bulk loads"
  echo "of 10,000 events < 1 s and 100,000 < 10 s; evaluation of 5,000 entries"
  echo "< 0.3 ms and the progress command < 5 ms; launch and memory within 1.3x"
  echo "of a bare Tauri 2 window built the same way (benches/bare-window)."
  echo
  echo "| figure | app | twin | ratio | measured |"
  echo "|---|---|---|---|---|"
  cat "$results"
} > BENCHMARKS.md
echo "Wrote BENCHMARKS.md"
