// Launch-time and memory measurement of the real app (a benchmark, not a test).
// Usage (under Xvfb + D-Bus, like the e2e tests):
//   APP_BINARY=target/release/aspen-desk node tests/e2e/measure.mjs DATA_DIR [RUNS]
// Launch time runs from the WebDriver "new session" request (which starts the
// app) to the catalog's result count on screen, so it includes the driver's
// own start-up: an upper bound. Memory sums the app and its WebKit processes.
import { readFileSync, readdirSync } from 'node:fs';
import { launch, byTestId } from './harness.mjs';

const [dataDir, runsArg] = process.argv.slice(2);
if (!dataDir) {
  console.error('usage: node measure.mjs DATA_DIR [RUNS]');
  process.exit(2);
}
const runs = Number(runsArg ?? 5);

function children(pid) {
  const out = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(entry));
    } catch { /* gone */ }
  }
  return out;
}

function tree(pid) {
  return [pid, ...children(pid).flatMap(tree)];
}

function kib(pid, file, key) {
  try {
    const line = readFileSync(`/proc/${pid}/${file}`, 'utf8').split('\n').find((l) => l.startsWith(key));
    return line ? Number(line.split(/\s+/)[1]) : 0;
  } catch { return 0; }
}

function appPid() {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmd.split('\0')[0].endsWith('/aspen-desk')) return Number(entry);
    } catch { /* gone */ }
  }
  return null;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const launches = [];
for (let i = 0; i < runs; i++) {
  const started = performance.now();
  const app = await launch({ dataDir });
  await byTestId(app.browser, 'result-count').waitForDisplayed({ timeout: 60_000 });
  launches.push(performance.now() - started);
  if (i === runs - 1) {
    // Memory after a few searches, as a librarian would use it.
    for (const q of ['montana', 'strategic track', 'cata']) {
      await byTestId(app.browser, 'event-search').setValue(q);
      await app.browser.pause(800);
    }
    const pid = appPid();
    const pids = pid ? tree(pid) : [];
    let rss = 0;
    let pss = 0;
    for (const p of pids) {
      rss += kib(p, 'status', 'VmRSS:');
      pss += kib(p, 'smaps_rollup', 'Pss:');
    }
    const names = pids.map((p) => readFileSync(`/proc/${p}/comm`, 'utf8').trim());
    console.log(`processes: ${names.join(', ')}`);
    console.log(`memory: RSS ${(rss / 1024).toFixed(0)} MiB, PSS ${(pss / 1024).toFixed(0)} MiB (all app processes)`);
  }
  await app.close();
}
console.log(`launch to catalog shown: median ${median(launches).toFixed(0)} ms, runs ${launches.map((t) => t.toFixed(0)).join(', ')} ms`);
