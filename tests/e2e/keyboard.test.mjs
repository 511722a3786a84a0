// The main flows with the keyboard alone (no clicks; only date fields are
// filled by script, see fillDate): say who I am through the picker, create an
// event through the form (Ctrl+N), open and dismiss its delete confirmation
// with Escape, jump to the events search with "/", find the event through
// the search, open it, "I attended", back to the search with Ctrl+K, log a
// credit, see both on the credits page, Ctrl+K again, then the dashboard.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byTestId, waitForText, setValue, screenshot, cli } from './harness.mjs';
import { appPerFile, dataFolder } from './steps.mjs';

const TITLE = 'Keyboard-only Storytime Workshop';
// Yesterday as Montana counts days (the app's clock): an event that began at
// 00:30 on it is in the past at any hour, on a machine in any time zone.
const YESTERDAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Denver' }).format(
  new Date(Date.now() - 86_400_000),
);

const app = appPerFile(() => {
  const dataDir = dataFolder('keys');
  cli(dataDir, ['directory', 'add-person', '-'], { last_name: 'Whitfield', first_name: 'Anna' });
  return { dataDir };
});

const focused = () => app.browser.execute(() => document.activeElement?.getAttribute('data-testid') ?? '');

/** Waits until the events search box has focus (after "/" or Ctrl+K on `where`). */
async function searchHasFocus(where) {
  try {
    await app.browser.waitUntil(async () => (await focused()) === 'event-search', { timeout: 10_000 });
  } catch {
    assert.fail(`${where} did not focus the events search (focus is on "${await focused()}")`);
  }
}

/**
 * Presses Tab (or Shift+Tab) until the element is focused, proving it can be
 * reached from the keyboard; fails after `limit` presses.
 */
async function tabTo(testId, { back = false, limit = 60 } = {}) {
  const { browser } = app;
  await byTestId(browser, testId).waitForExist({ timeout: 30_000 });
  for (let i = 0; i < limit; i++) {
    if ((await focused()) === testId) return;
    await browser.keys(back ? ['Shift', 'Tab'] : ['Tab']);
  }
  throw new Error(`${testId} was not reached with ${back ? 'Shift+' : ''}Tab (focus is on "${await focused()}")`);
}

/**
 * Types text into what has focus, one key per WebDriver call (sent as one
 * batch of key actions, a space was dropped every time in this test).
 */
async function type(text) {
  for (const key of text) await app.browser.keys([key]);
}

/**
 * Fills a date or date-time field. WebKitWebDriver's keys do not reach the
 * segments of WebKit's date fields (typed keys leave them empty), so this one
 * step sets the value the way typing would; the field is still reached by Tab.
 */
async function fillDate(testId, value) {
  const { browser } = app;
  await tabTo(testId);
  await setValue(browser, testId, value);
  return browser.execute((id) => document.querySelector(`[data-testid="${id}"]`).value, testId);
}

test('every main flow, from the keyboard alone', async () => {
  const { browser } = app;
  // Who am I: the picker, with arrows and Enter.
  await tabTo('whoami-pick');
  await type('Whitfield');
  await byTestId(browser, 'picker-option').waitForDisplayed({ timeout: 10_000 });
  await browser.keys(['ArrowDown']);
  await browser.keys(['Enter']);
  await waitForText(byTestId(browser, 'current-person'), /Whitfield, Anna/);

  // A new event through the form: Ctrl+N, Tab between fields, Enter on Save.
  await browser.keys(['Control', 'n']);
  await tabTo('field-title');
  await type(TITLE);
  const typed = await browser.execute(() => document.querySelector('[data-testid="field-title"]').value);
  assert.equal(typed, TITLE, 'a typed key was lost');
  const day = YESTERDAY;
  const begin = await fillDate('field-begin', `${day}T00:30`);
  assert.equal(begin, `${day}T00:30`);
  await tabTo('add-credit');
  await browser.keys(['Enter']);
  await tabTo('save-event');
  await browser.keys(['Enter']);
  await waitForText(byTestId(browser, 'event-title'), TITLE, 15_000);

  // The delete confirmation opens from the keyboard and Escape dismisses it.
  await tabTo('delete-event', { back: true });
  await browser.keys(['Enter']);
  await browser.$('dialog[open]').waitForDisplayed({ timeout: 10_000 });
  await browser.keys(['Escape']);
  await browser.$('dialog[open]').waitForExist({ reverse: true, timeout: 10_000 });
  assert.equal(await focused(), 'delete-event', 'focus did not come back to the button that opened the dialog');

  // "/" on the new event's page opens the events search (not shown yet since the app started) with focus in it.
  await browser.keys(['/']);
  await searchHasFocus('"/" on an event page');

  // Find it again from the Events section's search and open it with Enter.
  await tabTo('nav-events', { back: true, limit: 80 });
  await browser.keys(['Enter']);
  await tabTo('event-search');
  await type('storytime workshop');
  await waitForText(byTestId(browser, 'result-count'), /of 1 event/, 15_000);
  await tabTo('event-row-title');
  await browser.keys(['Enter']);
  await waitForText(byTestId(browser, 'event-title'), TITLE, 15_000);

  // "I attended" with Space.
  // The form's default LA row and the added row: one entry per category.
  await tabTo('attend-event');
  await browser.keys([' ']);
  await browser.waitUntil(
    async () => (await browser.execute(() => document.body.innerText)).includes('Logged 2 credit entries'),
    { timeout: 15_000, timeoutMsg: '"I attended" did not log the two credit rows' },
  );

  // Ctrl+K on an event page goes back to the events search and focuses it.
  await browser.keys(['Control', 'k']);
  await searchHasFocus('Ctrl+K on an event page');
  assert.equal(await browser.execute(() => document.activeElement.value), 'storytime workshop');

  // Log a credit: the Credits section, then the form.
  await tabTo('nav-credits', { back: true, limit: 80 });
  await browser.keys(['Enter']);
  await tabTo('log-credit');
  await browser.keys(['Enter']);
  await tabTo('credit-title');
  await type('Read a book on early literacy');
  assert.equal(await fillDate('credit-date', day), day);
  await tabTo('credit-credits');
  await browser.keys(['Control', 'a']);
  await type('2');
  await tabTo('save-credit');
  await browser.keys(['Enter']);
  await byTestId(browser, 'save-credit').waitForExist({ reverse: true, timeout: 15_000 });
  await browser.waitUntil(async () => (await browser.$$('[data-testid="credit-row"]')).length === 3, {
    timeout: 15_000, timeoutMsg: 'the credits page does not list the attended event and the logged credit',
  });
  const titles = await browser.$$('[data-testid="credit-title"]').map((t) => t.getText());
  assert.ok(titles.includes(TITLE), titles.join(' | '));
  assert.ok(titles.includes('Read a book on early literacy'), titles.join(' | '));

  // Ctrl+K from the credits page, too.
  await browser.keys(['Control', 'k']);
  await searchHasFocus('Ctrl+K on the credits page');

  // The dashboard.
  await tabTo('nav-dashboard', { back: true, limit: 80 });
  await browser.keys(['Enter']);
  await waitForText(byTestId(browser, 'current-person'), /Whitfield, Anna/);
  await screenshot(browser, 'keyboard-dashboard');
});
