// Launch-time and memory benchmark (not a test): the app beside a bare Tauri 2
// window (benches/bare-window), both release builds, launched the same way in
// one run, interleaved round by round. Run by scripts/bench-launch.sh under
// Xvfb + D-Bus:
//   node tests/e2e/measure.mjs APP_BINARY BARE_BINARY DATA_DIR [RUNS]
// Launch time runs from the WebDriver "new session" request (which starts the
// program) to its first element on screen (the app: the signed-in person in
// the sidebar, shown once the start-up IPC calls have answered from the
// database; the bare window: its one paragraph), so it includes the driver's
// own start-up for both. Memory is the PSS of the program and every process under
// it (WebKit's web and network processes), 2 s after that first element.
// Prints Markdown rows and appends them to $BENCH_RESULTS when set.
import { appendFileSync, readFileSync, readdirSync, realpathSync } from 'node:fs';
import { launch, byTestId } from './harness.mjs';

const [appBinary, bareBinary, dataDir, runsArg] = process.argv.slice(2);
if (!appBinary || !bareBinary || !dataDir) {
  console.error('usage: node measure.mjs APP_BINARY BARE_BINARY DATA_DIR [RUNS]');
  process.exit(2);
}
const runs = Number(runsArg ?? 5);

function parentOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

function processes() {
  return readdirSync('/proc').filter((e) => /^\d+$/.test(e)).map(Number);
}

/** The process and all its descendants. */
function tree(root) {
  const all = processes().map((pid) => [pid, parentOf(pid)]);
  const found = [root];
  for (let i = 0; i < found.length; i++) {
    for (const [pid, parent] of all) if (parent === found[i]) found.push(pid);
  }
  return found;
}

/** The running process whose executable is `binary`. */
function pidOf(binary) {
  const wanted = realpathSync(binary);
  for (const pid of processes()) {
    try {
      if (realpathSync(`/proc/${pid}/exe`) === wanted) return pid;
    } catch { /* gone, or not ours */ }
  }
  return null;
}

function pssKiB(pid) {
  try {
    const line = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8').split('\n').find((l) => l.startsWith('Pss:'));
    return line ? Number(line.split(/\s+/)[1]) : 0;
  } catch {
    return 0;
  }
}

const programs = [
  { name: 'app', binary: appBinary, dataDir, firstElement: 'current-person', launches: [], pss: [] },
  { name: 'bare', binary: bareBinary, dataDir: undefined, firstElement: 'ready', launches: [], pss: [] },
];

async function once(program) {
  const started = performance.now();
  const session = await launch({ binary: program.binary, dataDir: program.dataDir });
  try {
    await byTestId(session.browser, program.firstElement).waitForDisplayed({ timeout: 60_000 });
    const elapsed = performance.now() - started;
    await session.browser.pause(2000);
    const pid = pidOf(program.binary);
    if (pid == null) throw new Error(`${program.binary} is not running`);
    const pss = tree(pid).reduce((sum, p) => sum + pssKiB(p), 0);
    return { elapsed, pss };
  } finally {
    await session.close();
  }
}

// One launch of each first (page cache, the app's database), not counted.
for (const program of programs) await once(program);
for (let i = 0; i < runs; i++) {
  for (const program of programs) {
    const { elapsed, pss } = await once(program);
    program.launches.push(elapsed);
    program.pss.push(pss);
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const [app, bare] = programs;
const launchApp = median(app.launches);
const launchBare = median(bare.launches);
const pssApp = median(app.pss) / 1024;
const pssBare = median(bare.pss) / 1024;
const rows = [
  `| launch to first element (WebDriver), median of ${runs} | ${launchApp.toFixed(0)} ms | ${launchBare.toFixed(0)} ms | ${(launchApp / launchBare).toFixed(2)}x | bare Tauri 2 window twin; target <= 1.3x; runs app ${app.launches.map((t) => t.toFixed(0)).join(', ')}, bare ${bare.launches.map((t) => t.toFixed(0)).join(', ')} ms |`,
  `| memory (PSS, all processes), median of ${runs} | ${pssApp.toFixed(0)} MiB | ${pssBare.toFixed(0)} MiB | ${(pssApp / pssBare).toFixed(2)}x | bare Tauri 2 window twin, 2 s after the first element; target <= 1.3x |`,
];
for (const row of rows) console.log(row);
if (process.env.BENCH_RESULTS) appendFileSync(process.env.BENCH_RESULTS, rows.map((r) => `${r}\n`).join(''));
