// The seed page, end to end, in the real window: create it through the form,
// find it, read it, edit its credits, see page history, attach a resource.
import { test } from 'node:test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { byTestId, waitForText, setValue, screenshot } from './harness.mjs';
import { appPerFile, dataFolder, openEventsAtStart, searchForOneEvent } from './steps.mjs';

const SEED_TITLE = 'NEW Strategic Track to MSL Certification: what librarians need to know';
const SEED_DESCRIPTION = [
  'This webinar will explore the process for librarians to utilize the Stategic Track to Montana State Library Certification.',
  'Attend this training to learn how the track works. Just like the legacy tracks, you begin by selecting the track in ASPeN.',
  'This webinar will be recorded and posted to the MSL Vimeo Channel: https://vimeo.com/montanastatelibrary',
  'CE category: .5 library administation',
].join('\n\n');

// The file the app's open dialog hands over when "Attach file…" is clicked
// (native dialogs cannot be driven: the test answers them, see launch).
const ATTACHED = 'Agenda – été 2021 (final) #1.pdf';
const attachDir = dataFolder('file');
writeFileSync(join(attachDir, ATTACHED), '%PDF-1.4 agenda for the Strategic Track webinar');

const app = appPerFile(() => ({ dialogAnswers: [join(attachDir, ATTACHED)] }));

test('a fresh data folder offers the sample catalog in Events', async () => {
  const { browser } = app;
  await openEventsAtStart(browser);
  const loadSample = byTestId(browser, 'load-sample');
  await loadSample.waitForDisplayed({ timeout: 30_000 });
  assert.equal(await browser.getTitle(), 'Aspen Desk');
  await screenshot(browser, 'empty-catalog');
});

test('bad input in the form names the field and saves nothing', async () => {
  const { browser } = app;
  await byTestId(browser, 'new-event').click();
  await byTestId(browser, 'field-title').waitForDisplayed();
  await setValue(browser, 'field-begin', '2021-06-02T14:00');
  await setValue(browser, 'field-end', '2021-06-02T13:00');
  await byTestId(browser, 'save-event').click();
  await waitForText(byTestId(browser, 'error-title'), /title/i);
  await waitForText(byTestId(browser, 'error-end'), /before the begin/);
  await byTestId(browser, 'cancel-event').click();
  await byTestId(browser, 'load-sample').waitForDisplayed();
});

test('the seed event is created through the form', async () => {
  const { browser } = app;
  await byTestId(browser, 'new-event').click();
  await byTestId(browser, 'field-title').setValue(SEED_TITLE);
  await byTestId(browser, 'field-event_type').selectByAttribute('value', 'continuing_education');
  await setValue(browser, 'field-begin', '2021-06-02T14:00');
  await setValue(browser, 'field-end', '2021-06-02T15:00');
  await setValue(browser, 'field-description', SEED_DESCRIPTION);
  await byTestId(browser, 'field-delivery').selectByAttribute('value', 'online');
  await byTestId(browser, 'field-sponsor').setValue('Montana State Library');
  await byTestId(browser, 'credit-category-0').selectByAttribute('value', 'LA');
  await byTestId(browser, 'credit-amount-0').clearValue();
  await byTestId(browser, 'credit-amount-0').setValue('0.5');
  await screenshot(browser, 'event-form');
  await byTestId(browser, 'save-event').click();
  await waitForText(byTestId(browser, 'event-title'), SEED_TITLE);
});

test('searching "strategic track" finds it and its page reads like the seed', async () => {
  const { browser } = app;
  await byTestId(browser, 'back-to-events').click();
  await searchForOneEvent(browser, 'strategic track');
  const rows = await browser.$$('[data-testid="event-row"]');
  assert.equal(rows.length, 1);
  await byTestId(browser, 'event-row-title').click();

  await waitForText(byTestId(browser, 'event-title'), SEED_TITLE);
  assert.equal(await byTestId(browser, 'event-type').getText(), 'Continuing Education');
  assert.equal(await byTestId(browser, 'event-begin').getText(), 'Wednesday, June 2, 2021 2:00 PM');
  assert.equal(await byTestId(browser, 'event-end').getText(), 'Wednesday, June 2, 2021 3:00 PM');
  assert.equal(await byTestId(browser, 'event-delivery').getText(), 'Online Only');
  assert.deepEqual(await browser.$$('[data-testid="credit-line"]').map((e) => e.getText()), ['0.5 credits Library Administration']);
  assert.match(await byTestId(browser, 'event-contacts').getText(), /No Contact Position Listed/);
  assert.equal(await byTestId(browser, 'resource-count').getText(), 'Record Count: 0');
  const description = byTestId(browser, 'event-description');
  assert.equal(await description.$$('p').length, 4, 'paragraphs are kept');
  const link = await description.$('a');
  assert.equal(await link.getText(), 'https://vimeo.com/montanastatelibrary');
  await screenshot(browser, 'event-page-top');
});

test('changing its credits to 1.0 shows in page history', async () => {
  const { browser } = app;
  await byTestId(browser, 'edit-event').click();
  const amount = byTestId(browser, 'credit-amount-0');
  await amount.waitForDisplayed();
  await amount.clearValue();
  await amount.setValue('1.0');
  await byTestId(browser, 'save-event').click();
  await waitForText(byTestId(browser, 'credit-line'), '1 credit Library Administration');
  const newest = byTestId(browser, 'history-row');
  await waitForText(newest.$('[data-testid="history-field"]'), 'CE credits');
  assert.equal(await newest.$('[data-testid="history-old"]').getText(), '0.5 credits Library Administration');
  assert.equal(await newest.$('[data-testid="history-new"]').getText(), '1 credit Library Administration');
});

test('attaching a link resource makes the record count 1', async () => {
  const { browser } = app;
  await byTestId(browser, 'resource-new-title').setValue('Webinar recording on the MSL Vimeo Channel');
  await byTestId(browser, 'resource-new-type').selectByAttribute('value', 'recording');
  await byTestId(browser, 'resource-new-tags').setValue('strategic track, recording');
  await byTestId(browser, 'resource-new-url').setValue('https://vimeo.com/montanastatelibrary');
  await byTestId(browser, 'add-link').click();
  await waitForText(byTestId(browser, 'resource-count'), 'Record Count: 1');
  const rows = await browser.$$('[data-testid="resource-row"]');
  assert.equal(rows.length, 1);
  assert.match(await rows[0].getText(), /Webinar recording on the MSL Vimeo Channel/);
  await waitForText(byTestId(browser, 'history-row').$('[data-testid="history-field"]'), 'Resources');
  await screenshot(browser, 'event-page');
});

test('a file chosen in the app\'s dialog is attached and listed with its name', async () => {
  const { browser } = app;
  await byTestId(browser, 'resource-new-type').selectByAttribute('value', 'agenda');
  await byTestId(browser, 'resource-new-tags').setValue('agenda');
  await byTestId(browser, 'attach-file').click();
  await waitForText(byTestId(browser, 'resource-count'), 'Record Count: 2');
  await byTestId(browser, 'back-to-events').click();
  await byTestId(browser, 'event-row-title').click();
  await waitForText(byTestId(browser, 'resource-count'), 'Record Count: 2');
  const rows = await browser.$$('[data-testid="resource-row"]').map((r) => r.getText());
  assert.ok(rows.some((text) => text.includes(ATTACHED) && /Save a copy/.test(text)), rows.join(' | '));
});

test('the window cannot name a file: raw paths and forged tokens are refused', async () => {
  const { browser } = app;
  const refusals = await browser.execute(async () => {
    const invoke = window.__TAURI_INTERNALS__.invoke;
    const page = await invoke('events_search', { search: { text: 'strategic track' } });
    const eventId = page.items[0].id;
    const tried = [
      ['resource_add', { eventId, input: { title: 'key', resource_type: 'other', tags: [], url: null, path: '/etc/passwd' }, file: null }],
      ['resource_add', { eventId, input: { title: 'key', resource_type: 'other', tags: [], url: null, path: null }, file: '/etc/passwd' }],
      ['plan_upload', { id: 1, file: '0123456789abcdef0123456789abcdef' }],
      ['resource_save_copy', { id: 1, destination: '/tmp/overwritten.txt' }],
    ];
    const out = [];
    for (const [cmd, args] of tried) {
      try {
        await invoke(cmd, args);
        out.push(`${cmd}: accepted`);
      } catch (e) {
        out.push(`${cmd}: ${e.fields?.[0]?.field ?? e.code}`);
      }
    }
    return out;
  });
  assert.deepEqual(refusals, [
    'resource_add: resources[0].path',
    'resource_add: file',
    'plan_upload: file',
    'resource_save_copy: destination',
  ]);
});
