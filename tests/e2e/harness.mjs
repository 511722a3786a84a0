// Starts the real app through tauri-driver (WebKitWebDriver underneath) on a
// fresh data folder and hands back a WebdriverIO browser. Runs under Xvfb and
// a D-Bus session (see scripts/test.sh).
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import net from 'node:net';
import { remote } from 'webdriverio';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '../..');
export const artifacts = join(repoRoot, 'e2e-artifacts');
mkdirSync(artifacts, { recursive: true });

export const application = process.env.APP_BINARY ?? join(repoRoot, 'target/debug/aspen-desk');

function waitForPort(port, timeoutMs) {
  const started = Date.now();
  return new Promise((resolvePort, reject) => {
    const attempt = () => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => { socket.end(); resolvePort(); });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() - started > timeoutMs) reject(new Error(`port ${port} never opened`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

// E2E_PORT_BASE lets two runs share a machine.
let nextPort = Number(process.env.E2E_PORT_BASE ?? 4444);

/**
 * Opens the app on a new, empty data folder (or `dataDir`). Native file
 * dialogs cannot be driven, so `dialogAnswers` (paths; '' for Cancel) are
 * what the app's open/save dialogs answer, in order (ASPEN_DESK_TEST_DIALOG,
 * read by the app at start; the page itself never names a path).
 * `binary` is the program to start (the launch benchmark's bare window).
 */
export async function launch({ dataDir, dialogAnswers = [], binary = application } = {}) {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'aspen-desk-e2e-'));
  const answers = join(mkdtempSync(join(tmpdir(), 'aspen-desk-dialog-')), 'answers.txt');
  writeFileSync(answers, dialogAnswers.map((a) => `${a}\n`).join(''));
  const port = nextPort;
  nextPort += 2;
  const driverLog = openSync(join(artifacts, `driver-${port}.log`), 'a');
  const driver = spawn(
    join(here, 'node_modules/.bin/tauri-driver'),
    ['--port', String(port), '--native-port', String(port + 1)],
    {
      env: {
        ...process.env,
        ASPEN_DESK_DATA_DIR: dir,
        ASPEN_DESK_TEST_DIALOG: answers,
        WEBKIT_DISABLE_COMPOSITING_MODE: '1',
        WEBKIT_DISABLE_DMABUF_RENDERER: '1',
        NO_AT_BRIDGE: '1',
      },
      // Its own process group, so close() can end the driver, WebKitWebDriver
      // and the app together; and its output in a log file rather than the
      // test runner's pipes, which a leftover process would hold open (the
      // runner then never sees the file end).
      detached: true,
      stdio: ['ignore', driverLog, driverLog],
    },
  );
  await waitForPort(port, 20_000);
  const browser = await remote({
    hostname: '127.0.0.1',
    port,
    logLevel: 'warn',
    connectionRetryCount: 0,
    capabilities: { 'tauri:options': { application: binary } },
  });
  browser.setTimeout({ implicit: 0 });
  return {
    browser,
    dataDir: dir,
    async close() {
      // Ask politely first, but never wait on a driver that no longer answers.
      const tenSeconds = new Promise((done) => setTimeout(done, 10_000).unref());
      try { await Promise.race([browser.deleteSession(), tenSeconds]); } catch { /* the app may already be gone */ }
      const signal = (name) => { try { process.kill(-driver.pid, name); } catch { /* the group has ended */ } };
      signal('SIGTERM');
      const exited = new Promise((done) => (driver.exitCode !== null ? done() : driver.once('exit', done)));
      await Promise.race([exited, new Promise((done) => setTimeout(done, 3_000).unref())]);
      signal('SIGKILL');
    },
  };
}

/** An element by its data-testid. */
export function byTestId(browser, id) {
  return browser.$(`[data-testid="${id}"]`);
}

/** Waits until an element's text equals (or matches) what is expected. */
export async function waitForText(element, expected, timeout = 10_000) {
  let last = '';
  try {
    await element.waitUntil(async function () {
      last = (await this.getText()).trim();
      return expected instanceof RegExp ? expected.test(last) : last === expected;
    }, { timeout, interval: 100 });
  } catch {
    throw new Error(`expected text ${expected} but saw ${JSON.stringify(last)}`);
  }
  return last;
}

/** Sets an input's value the way typing would (for date-time inputs WebDriver cannot type into). */
export async function setValue(browser, testId, value) {
  await browser.execute((id, v) => {
    const el = document.querySelector(`[data-testid="${id}"]`);
    if (!el) throw new Error(`no element ${id}`);
    el.value = v;
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }, testId, value);
}

/**
 * Saves a PNG of the whole X screen, i.e. the real window as a librarian sees
 * it. (WebKitWebDriver's own screenshot can stall under Xvfb.)
 */
export async function screenshot(browser, name) {
  // Let the last change paint before capturing.
  await browser.execute(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  const path = join(artifacts, `${name}.png`);
  execFileSync('import', ['-window', 'root', path], { timeout: 30_000 });
  return path;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core on what the window shows now and fails on serious or
 * critical violations, naming each rule and the elements it found.
 */
export async function checkA11y(browser, screen) {
  if (!(await browser.execute(() => Boolean(window.axe)))) {
    // Run as a WebDriver script (the page's CSP forbids eval and inline scripts).
    await browser.execute(`${axeSource}\nreturn true;`);
  }
  const violations = await browser.executeAsync((done) => {
    window.axe
      .run(document, { resultTypes: ['violations'] })
      .then((r) => done(r.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`)))
      .catch((e) => done([`axe failed: ${e}`]));
  });
  if (violations.length) {
    throw new Error(`accessibility on ${screen}:\n  ${violations.join('\n  ')}`);
  }
}

/** Runs the app's command line on a data folder; returns its JSON output. */
export function cli(dataDir, args, input) {
  const out = execFileSync(application, ['--data-dir', dataDir, ...args], { input: input && JSON.stringify(input) });
  return JSON.parse(out.toString());
}

/** Waits for the PDF viewer's first page, then counts its dark pixels (drawn text). */
export async function pdfDarkPixels(browser) {
  await browser.waitUntil(async () => (await browser.$$('[data-testid="pdf-page"]')).length > 0, {
    timeout: 20_000, timeoutMsg: 'no PDF page was rendered',
  });
  return browser.execute(() => {
    const canvas = document.querySelector('[data-testid="pdf-page"]');
    if (!canvas) return 0;
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let dark = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] < 128 && data[i + 3] > 0) dark++;
    return dark;
  });
}
