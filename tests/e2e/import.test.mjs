// Import, end to end, in the real window: paste the seed page, read the
// preview, save, find the event by search; then a calendar of 2,000 events
// whose save shows the progress bar.
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { byTestId, waitForText, setValue, screenshot, repoRoot } from './harness.mjs';
import { appPerFile, openEventsAtStart } from './steps.mjs';

const SEED_TITLE = 'NEW Strategic Track to MSL Certification: what librarians need to know';

/** A calendar of `count` one-hour events, one a day from January 2026, Montana time. */
function calendar(count) {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Aspen Desk e2e//EN'];
  const first = Date.UTC(2026, 0, 1);
  for (let i = 0; i < count; i++) {
    const day = new Date(first + i * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
    lines.push(
      'BEGIN:VEVENT',
      `UID:e2e-${i}@aspen-desk`,
      `SUMMARY:Calendar workshop ${i + 1}`,
      `DTSTART;TZID=America/Denver:${day}T100000`,
      `DTEND;TZID=America/Denver:${day}T110000`,
      'X-ASPEN-CREDITS:TECH=1',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.join('\r\n');
}

const app = appPerFile();

test('the pasted seed page is previewed, saved and found by search', async () => {
  const { browser } = app;
  await openEventsAtStart(browser);
  await byTestId(browser, 'import-events').waitForDisplayed({ timeout: 30_000 });
  await byTestId(browser, 'import-events').click();
  await byTestId(browser, 'import-text').waitForDisplayed();
  const page = readFileSync(join(repoRoot, 'tests/fixtures/import/seed-page.txt'), 'utf8');
  await setValue(browser, 'import-text', page);
  await byTestId(browser, 'import-read').click();
  await byTestId(browser, 'import-preview').waitForDisplayed({ timeout: 20_000 });
  await waitForText(byTestId(browser, 'import-summary'), /1 events read: 1 new/);
  const preview = await byTestId(browser, 'import-preview').getText();
  assert.match(preview, /Wednesday, June 2, 2021 2:00 PM/);
  assert.match(preview, /0\.5 credits Library Administration/);
  await screenshot(browser, 'import-preview');
  await byTestId(browser, 'import-save').click();
  await byTestId(browser, 'import-dialog').waitForDisplayed({ reverse: true, timeout: 20_000 });

  const search = byTestId(browser, 'event-search');
  await search.waitForDisplayed({ timeout: 20_000 });
  await search.setValue('strategic track');
  await waitForText(byTestId(browser, 'event-row-title'), SEED_TITLE, 20_000);
});

test('a calendar of 2,000 events shows the progress bar while it saves', async () => {
  const { browser } = app;
  await byTestId(browser, 'import-events').click();
  await byTestId(browser, 'import-text').waitForDisplayed();
  await setValue(browser, 'import-text', calendar(2000));
  await byTestId(browser, 'import-read').click();
  await waitForText(byTestId(browser, 'import-summary'), /2000 events read: 2000 new/, 60_000);
  await byTestId(browser, 'import-save').click();
  await byTestId(browser, 'import-progress').waitForDisplayed({ timeout: 20_000, interval: 20 });
  await screenshot(browser, 'import-progress');
  await byTestId(browser, 'import-dialog').waitForDisplayed({ reverse: true, timeout: 120_000 });
  const search = byTestId(browser, 'event-search');
  await search.setValue('calendar workshop 1999');
  await waitForText(byTestId(browser, 'event-row-title'), 'Calendar workshop 1999', 20_000);
});
