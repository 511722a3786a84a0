// First run: the empty catalog offers the sample catalog, which fills the list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byTestId, waitForText, screenshot, setValue } from './harness.mjs';
import { appPerFile, openEventsAtStart } from './steps.mjs';

const app = appPerFile();

test('"Load sample catalog" fills the catalog, and filters narrow it', async () => {
  const { browser } = app;
  await openEventsAtStart(browser);
  const load = byTestId(browser, 'load-sample');
  await load.waitForDisplayed({ timeout: 30_000 });
  await load.click();
  const count = byTestId(browser, 'result-count');
  const text = await waitForText(count, /Showing 1–50 of \d+ events/, 30_000);
  assert.ok(Number(text.match(/of (\d+) events/)[1]) >= 200, text);
  assert.equal((await browser.$$('[data-testid="event-row"]')).length, 50);

  await byTestId(browser, 'filter-type').selectByAttribute('value', 'webinar');
  await waitForText(count, /of \d+ events?/);
  await browser.waitUntil(async () => {
    const types = await browser.$$('[data-testid="event-row"] [data-testid="event-row-type"]').map((e) => e.getText());
    return types.length > 0 && types.every((t) => t === 'Webinar');
  }, { timeout: 10_000, timeoutMsg: 'the type filter did not narrow the list' });
  await screenshot(browser, 'catalog');

  // WebKitGTK would draw today's date, greyed, in an empty date filter, so an
  // open "From" looked set: an empty one draws nothing, a set one its date.
  const drawn = () =>
    browser.execute(() => getComputedStyle(document.querySelector('[data-testid="filter-from"]')).webkitTextFillColor);
  assert.equal(await drawn(), 'rgba(0, 0, 0, 0)', 'an empty date filter draws no date');
  await setValue(browser, 'filter-from', '2024-01-01');
  await waitForText(count, /of \d+ events?/);
  assert.notEqual(await drawn(), 'rgba(0, 0, 0, 0)', 'a set date filter shows its date');
});
