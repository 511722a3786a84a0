// Import, end to end, in the real window: paste the seed page, read the
// preview, save, find the event by search; open a calendar (.ics) with the
// dialog's "Open a file…"; drop a calendar of 2,000 events on the window
// (a real XDND drop, see drag-file.py) and see the progress bar; open a CSV
// of credits with a bad row, see the row listed, save only the good rows.
import { test } from 'node:test';
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import assert from 'node:assert/strict';
import { byTestId, waitForText, setValue, screenshot, repoRoot } from './harness.mjs';
import { appPerFile, dataFolder, openEventsAtStart } from './steps.mjs';

const SEED_TITLE = 'NEW Strategic Track to MSL Certification: what librarians need to know';
const fixture = (name) => join(repoRoot, 'tests/fixtures/import', name);

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

/** Drags `file` from a small file window onto the middle of the app window. */
async function dropOnWindow(browser, file) {
  const { x, y, width, height } = await browser.getWindowRect();
  const target = [Math.round(x + width / 2), Math.round(y + height / 2)];
  await promisify(execFile)('/usr/bin/python3', [join(repoRoot, 'tests/e2e/drag-file.py'), file, ...target.map(String)], {
    timeout: 60_000,
  });
}

async function searchFor(browser, text, title) {
  const search = byTestId(browser, 'event-search');
  await search.waitForDisplayed({ timeout: 20_000 });
  await search.setValue(text);
  await waitForText(byTestId(browser, 'event-row-title'), title, 20_000);
}

const bigCalendar = join(dataFolder('import-files'), 'Training calendar.ics');
// What the app's open dialog answers, in order: the .ics, then the CSV.
const app = appPerFile(() => {
  writeFileSync(bigCalendar, calendar(2000));
  return { dialogAnswers: [fixture('calendar.ics'), fixture('credits-bad-row.csv')] };
});

test('the pasted seed page is previewed, saved and found by search', async () => {
  const { browser } = app;
  await openEventsAtStart(browser);
  await byTestId(browser, 'import-events').waitForDisplayed({ timeout: 30_000 });
  await byTestId(browser, 'import-events').click();
  await byTestId(browser, 'import-text').waitForDisplayed();
  await setValue(browser, 'import-text', readFileSync(fixture('seed-page.txt'), 'utf8'));
  await byTestId(browser, 'import-read').click();
  await byTestId(browser, 'import-preview').waitForDisplayed({ timeout: 20_000 });
  await waitForText(byTestId(browser, 'import-summary'), /^1 event read: 1 new\.$/);
  const preview = await byTestId(browser, 'import-preview').getText();
  assert.match(preview, /Wednesday, June 2, 2021 2:00 PM/);
  assert.match(preview, /0\.5 credits Library Administration/);
  await screenshot(browser, 'import-preview');
  await byTestId(browser, 'import-save').click();
  await byTestId(browser, 'import-dialog').waitForDisplayed({ reverse: true, timeout: 20_000 });
  await searchFor(browser, 'strategic track', SEED_TITLE);

  // The page with its description edited is offered as an update of that
  // event, not a second one, and the preview names what will change.
  const edited = readFileSync(fixture('seed-page.txt'), 'utf8').replace(
    'This webinar will be recorded',
    'This webinar was recorded',
  );
  const readPage = async (text, summary) => {
    await byTestId(browser, 'import-events').click();
    await byTestId(browser, 'import-text').waitForDisplayed();
    await setValue(browser, 'import-text', text);
    await byTestId(browser, 'import-read').click();
    await waitForText(byTestId(browser, 'import-summary'), summary, 20_000);
  };
  const saveAndRead = async (toast) => {
    await byTestId(browser, 'import-save').click();
    await byTestId(browser, 'import-dialog').waitForDisplayed({ reverse: true, timeout: 20_000 });
    await waitForText(byTestId(browser, 'toast'), toast);
  };
  await readPage(edited, /^1 event read: 0 new, 1 to update\.$/);
  assert.equal(await byTestId(browser, 'import-action').getText(), 'Update existing');
  assert.equal(await byTestId(browser, 'import-changes').getText(), 'Description');
  await screenshot(browser, 'import-preview-update');
  await saveAndRead(/^Imported: 0 created, 1 updated\.$/);

  // The same page once more: already in the catalog as it reads, left alone.
  await readPage(edited, /^1 event read: 0 new, 1 unchanged\.$/);
  assert.equal(await byTestId(browser, 'import-action').getText(), 'Unchanged');
  assert.equal(await byTestId(browser, 'import-changes').isExisting(), false);
  await saveAndRead(/^Imported: 0 created, 0 updated, 1 unchanged\.$/);
});

test('a calendar opened with "Open a file…" is previewed and saved', async () => {
  const { browser } = app;
  await byTestId(browser, 'import-events').click();
  await byTestId(browser, 'import-open').waitForDisplayed();
  await byTestId(browser, 'import-open').click();
  await waitForText(byTestId(browser, 'import-summary'), /^9 events read: 9 new\.$/, 20_000);
  const preview = await byTestId(browser, 'import-preview').getText();
  assert.match(preview, /Makerspace on a Shoestring/);
  assert.match(preview, /1\.5 credits Technology/);
  assert.match(preview, /Board Basics for New Trustees: a long title that is folded across two lines/);
  assert.match(preview, /Genealogy Resources Tour[\s\S]*Canceled/);
  await screenshot(browser, 'import-ics-preview');
  await byTestId(browser, 'import-save').click();
  await byTestId(browser, 'import-dialog').waitForDisplayed({ reverse: true, timeout: 20_000 });
  await searchFor(browser, 'makerspace', 'Makerspace on a Shoestring');
});

test('a calendar of 2,000 events dropped on the window shows the progress bar while it saves', async () => {
  const { browser } = app;
  await byTestId(browser, 'event-search').clearValue();
  await dropOnWindow(browser, bigCalendar);
  await byTestId(browser, 'import-dialog').waitForDisplayed({ timeout: 20_000 });
  await waitForText(byTestId(browser, 'import-summary'), /^2,000 events read: 2,000 new\.$/, 60_000);
  await byTestId(browser, 'import-save').click();
  await byTestId(browser, 'import-progress').waitForDisplayed({ timeout: 20_000, interval: 20 });
  await screenshot(browser, 'import-progress');
  await byTestId(browser, 'import-dialog').waitForDisplayed({ reverse: true, timeout: 120_000 });
  await searchFor(browser, 'calendar workshop 1999', 'Calendar workshop 1999');
});

test('a CSV of credits with a bad row lists the row and saves only the good rows when told', async () => {
  const { browser } = app;
  await byTestId(browser, 'nav-credits').click();
  await byTestId(browser, 'whoami-last').waitForDisplayed({ timeout: 20_000 });
  await byTestId(browser, 'whoami-last').setValue('Redfeather');
  await byTestId(browser, 'whoami-first').setValue('Mae');
  await byTestId(browser, 'whoami-email').setValue('mae@example.org');
  await byTestId(browser, 'whoami-create').click();
  await waitForText(byTestId(browser, 'current-person'), /Redfeather, Mae/);
  await byTestId(browser, 'nav-credits').click();
  await byTestId(browser, 'import-credits').waitForDisplayed({ timeout: 20_000 });
  await byTestId(browser, 'import-credits').click();
  await byTestId(browser, 'import-open').click();
  await waitForText(byTestId(browser, 'import-summary'), /^2 credit rows read; 1 row with problems\.$/, 20_000);
  const problems = await byTestId(browser, 'import-problems').getText();
  assert.match(problems, /^2 problems: nothing is saved/);
  assert.match(problems, /Row 3, category: "ART" is not one of/);
  assert.match(problems, /Row 3, credits: 0\.3 is not allowed/);
  assert.equal(await byTestId(browser, 'import-save').isEnabled(), false, 'nothing is saved while a row is bad');
  await screenshot(browser, 'import-csv-bad-row');

  await byTestId(browser, 'import-only-good').click();
  await browser.waitUntil(() => byTestId(browser, 'import-save').isEnabled(), { timeout: 5_000 });
  await byTestId(browser, 'import-save').click();
  await byTestId(browser, 'import-dialog').waitForDisplayed({ reverse: true, timeout: 20_000 });
  await browser.waitUntil(async () => (await browser.$$('[data-testid="credit-row"]')).length === 2, {
    timeout: 20_000,
    timeoutMsg: 'the two good rows are not in the ledger',
  });
  const titles = await browser.$$('[data-testid="credit-title"]').map((t) => t.getText());
  assert.deepEqual(titles.sort(), ['Good Row One', 'Good Row Two']);
});
