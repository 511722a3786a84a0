// A word found in more than 5,000 events: too many to rank, so the list is
// newest first and says so; with fewer, best match comes back on its own.
import { test } from 'node:test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { application, byTestId, waitForText, screenshot } from './harness.mjs';
import { appPerFile, dataFolder, openEventsAtStart } from './steps.mjs';

const EVENTS = 5_200;

/** A calendar of `EVENTS` webinars, one a day from 2015 on; the last is the newest. */
function calendar() {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Aspen Desk tests//EN'];
  const first = Date.UTC(2015, 0, 1, 16);
  for (let i = 0; i < EVENTS; i++) {
    const day = new Date(first + i * 86_400_000).toISOString().replace(/[-:]/g, '').slice(0, 15);
    lines.push(
      'BEGIN:VEVENT', `UID:rank-${i}@example.org`, 'DTSTAMP:20260101T000000Z',
      `DTSTART:${day}Z`, `SUMMARY:Webinar ${i}`, 'DESCRIPTION:Montana library training', 'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.join('\r\n')}\r\n`;
}

const app = appPerFile(() => {
  const dataDir = dataFolder('rank');
  const file = join(dataDir, '..', `rank-${process.pid}.ics`);
  writeFileSync(file, calendar());
  const said = execFileSync(application, ['--data-dir', dataDir, 'import', file]).toString();
  assert.match(said, new RegExp(`${EVENTS} events read: ${EVENTS} created`));
  return { dataDir };
});

test('a word in more than 5,000 events lists them newest first and says so', async () => {
  const { browser } = app;
  await openEventsAtStart(browser);
  const search = byTestId(browser, 'event-search');
  await search.waitForDisplayed();
  // Browsing, best match has no words to rank: the Sort box says newest first.
  assert.equal(await byTestId(browser, 'filter-sort').getValue(), 'newest');
  await screenshot(browser, 'browse-newest-first');
  await search.setValue('library');
  assert.equal(await byTestId(browser, 'filter-sort').getValue(), 'relevance');
  await waitForText(byTestId(browser, 'result-count'), /of 5,000\+ events/);
  await byTestId(browser, 'rank-note').waitForDisplayed();
  await waitForText(byTestId(browser, 'event-row-title'), `Webinar ${EVENTS - 1}`);
  await screenshot(browser, 'too-many-to-rank');

  // Asked for newest first, there is nothing to explain.
  await byTestId(browser, 'filter-sort').selectByAttribute('value', 'newest');
  await byTestId(browser, 'rank-note').waitForDisplayed({ reverse: true });

  // Fewer matches (42, 420 to 429, 4200 to 4299) are ranked again.
  await byTestId(browser, 'filter-sort').selectByAttribute('value', 'relevance');
  await search.setValue('webinar 42');
  await waitForText(byTestId(browser, 'result-count'), /of 111 events/);
  assert.equal(await byTestId(browser, 'rank-note').isExisting(), false);
  await waitForText(byTestId(browser, 'event-row-title'), /^Webinar 42\d*$/);
});
