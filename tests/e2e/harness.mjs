// Starts the real app through tauri-driver (WebKitWebDriver underneath) on a
// fresh data folder and hands back a WebdriverIO browser. Runs under Xvfb and
// a D-Bus session (see scripts/test.sh).
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync } from 'node:fs';
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

let nextPort = 4444;

/** Opens the app on a new, empty data folder (or `dataDir`). */
export async function launch({ dataDir } = {}) {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'aspen-desk-e2e-'));
  const port = nextPort;
  nextPort += 2;
  const driver = spawn(
    join(here, 'node_modules/.bin/tauri-driver'),
    ['--port', String(port), '--native-port', String(port + 1)],
    {
      env: {
        ...process.env,
        ASPEN_DESK_DATA_DIR: dir,
        WEBKIT_DISABLE_COMPOSITING_MODE: '1',
        WEBKIT_DISABLE_DMABUF_RENDERER: '1',
        NO_AT_BRIDGE: '1',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  await waitForPort(port, 20_000);
  const browser = await remote({
    hostname: '127.0.0.1',
    port,
    logLevel: 'warn',
    connectionRetryCount: 0,
    capabilities: { 'tauri:options': { application } },
  });
  browser.setTimeout({ implicit: 0 });
  return {
    browser,
    dataDir: dir,
    async close() {
      try { await browser.deleteSession(); } catch { /* the app may already be gone */ }
      driver.kill();
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
